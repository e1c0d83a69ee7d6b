/**
 * Per-step state of selected satellites (SatelliteDetail), Float32 columns of
 * K steps allocated once: state of charge (fraction) and temperature (°C) at
 * the step's start, compute fraction, stored data (GB) at the step's end,
 * array output and load (W), illumination, binding limit. Steps in which a
 * satellite is not active stay 0.
 */
import { KELVIN_OFFSET } from '../core/constants';
import type { NodeStep } from './node-step';
import type { SatelliteDetail } from './output-types';
import { STATUS_LIMIT_MASK } from './status';

export class DetailRecorder {
  readonly details: SatelliteDetail[];

  constructor(n: number, K: number, satellites: readonly number[]) {
    this.details = satellites
      .filter((i) => Number.isInteger(i) && i >= 0 && i < n)
      .map((index) => ({
        index,
        stateOfCharge: new Float32Array(K),
        temperatureC: new Float32Array(K),
        computeFraction: new Float32Array(K),
        storedGB: new Float32Array(K),
        solarPowerW: new Float32Array(K),
        loadPowerW: new Float32Array(K),
        illumination: new Float32Array(K),
        limit: new Uint8Array(K),
      }));
  }

  /** Records the state of each recorded satellite at the start of step `n` (before the node step). */
  recordStart(n: number, nodes: NodeStep): void {
    for (let d = 0; d < this.details.length; d++) {
      const det = this.details[d];
      det.stateOfCharge[n] = nodes.stateOfCharge(nodes.socJ[det.index]);
      det.temperatureC[n] = nodes.tempK[det.index] - KELVIN_OFFSET;
    }
  }

  /**
   * Records what step `n` did (after the node step), from phase A cells of
   * chunk row `row` and the node step's columns. Satellites not active in
   * the step keep zeros.
   */
  recordStep(n: number, row: number, illum: Float64Array, solarW: Float64Array, nodes: NodeStep, dtS: number): void {
    const o = nodes.out;
    for (let d = 0; d < this.details.length; d++) {
      const det = this.details[d];
      const i = det.index;
      if (!nodes.wasActive(i)) {
        det.stateOfCharge[n] = 0;
        det.temperatureC[n] = 0;
        continue;
      }
      det.computeFraction[n] = o.computeFraction[i];
      det.storedGB[n] = nodes.storedGB[i];
      det.solarPowerW[n] = solarW[row + i];
      det.loadPowerW[n] = o.deliveredJ[i] / dtS;
      det.illumination[n] = illum[row + i];
      det.limit[n] = o.status[i] & STATUS_LIMIT_MASK;
    }
  }
}
