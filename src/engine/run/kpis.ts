/**
 * Accumulators of a run: per step, sums over the active satellites become
 * one entry of the constellation series; over the run, time integrals and
 * extremes become the KPIs.
 *   time fractions = Σ_steps (count · dt) / Σ_steps (active · dt)
 *   mean usable compute = Σ_steps (usable · dt) / horizon
 *   energies (kWh) = Σ (J) / 3.6e6
 *   battery wear: rainflow cycles per day, cycle-weighted mean DoD and
 *   capacity fade per year from the node step's BatteryWear
 *   (node/battery-wear.ts), means over the satellites
 * Units in names; sums run in satellite index order (node-step.ts), then
 * step order (the order is part of the byte-identical results).
 */
import { J_PER_KWH, KELVIN_OFFSET } from '../core/constants';
import type { WearSummary } from '../node/battery-wear';
import type { NodeKpis, SeriesColumns } from './output-types';
import { SAT_OK } from './status';

export function allocateSeries(K: number): SeriesColumns {
  return {
    timeMs: new Float64Array(K),
    usableComputePflops: new Float64Array(K),
    powerLimitedPflops: new Float64Array(K),
    thermalLimitedPflops: new Float64Array(K),
    storageLimitedPflops: new Float64Array(K),
    sunlitFraction: new Float64Array(K),
    meanStateOfCharge: new Float64Array(K),
    maxTemperatureC: new Float64Array(K),
    minTemperatureC: new Float64Array(K),
    satellitesInContact: new Float64Array(K),
    storedDataGB: new Float64Array(K),
    activeSatellites: new Float64Array(K),
  };
}

/**
 * One step summed over the active satellites, in satellite index order
 * (written by the node step). Extremes are ±∞ without active satellites.
 */
export interface StepSums {
  active: number;
  /** Σ illumination */
  sunlit: number;
  /** Σ (1 − illumination) · dt (s) */
  eclipseS: number;
  /** Σ state of charge (fractions) at the step's start */
  stateOfCharge: number;
  minStateOfCharge: number;
  /** Hottest node at the step's start (K): radiator node. */
  maxTemperatureK: number;
  /** Coldest radiator node at the step's start (K). */
  minTemperatureK: number;
  /** Hottest accelerator junction at the step's start (K). */
  maxJunctionTemperatureK: number;
  /** Σ stored data at the step's start (GB) */
  storedGB: number;
  generatedJ: number;
  deliveredJ: number;
  curtailedJ: number;
  lossJ: number;
  unmetJ: number;
  producedGB: number;
  downlinkedGB: number;
  usableTflops: number;
  /** Compute not run because of each binding limit (Tflops). */
  powerLostTflops: number;
  thermalLostTflops: number;
  storageLostTflops: number;
  /** Satellites bound by each limit. */
  powerLimited: number;
  thermalLimited: number;
  storageLimited: number;
}

export function emptyStepSums(): StepSums {
  return {
    active: 0,
    sunlit: 0,
    eclipseS: 0,
    stateOfCharge: 0,
    minStateOfCharge: Number.POSITIVE_INFINITY,
    maxTemperatureK: Number.NEGATIVE_INFINITY,
    minTemperatureK: Number.POSITIVE_INFINITY,
    maxJunctionTemperatureK: Number.NEGATIVE_INFINITY,
    storedGB: 0,
    generatedJ: 0,
    deliveredJ: 0,
    curtailedJ: 0,
    lossJ: 0,
    unmetJ: 0,
    producedGB: 0,
    downlinkedGB: 0,
    usableTflops: 0,
    powerLostTflops: 0,
    thermalLostTflops: 0,
    storageLostTflops: 0,
    powerLimited: 0,
    thermalLimited: 0,
    storageLimited: 0,
  };
}

/** The node state at the run's end that the KPIs read. */
export interface FinalNodeState {
  readonly socJ: Float64Array;
  readonly socStartJ: Float64Array;
  readonly tempK: Float64Array;
  /** Accelerator junction temperature (K). */
  readonly junctionK: Float64Array;
  /** Active in the last step. */
  wasActive(i: number): boolean;
  stateOfCharge(socJ: number): number;
  /** Battery wear over the run (node/battery-wear.ts); called once, at the end. */
  wearSummary(): WearSummary;
}

export class RunTotals {
  readonly series: SeriesColumns;
  private activeTimeS = 0;
  private eclipseTimeS = 0;
  private powerLimitedS = 0;
  private thermalLimitedS = 0;
  private storageLimitedS = 0;
  private generatedJ = 0;
  private deliveredJ = 0;
  private curtailedJ = 0;
  private lossJ = 0;
  private unmetJ = 0;
  private downlinkedGB = 0;
  private producedGB = 0;
  private minSocFrac = Number.POSITIVE_INFINITY;
  private peakTempK = Number.NEGATIVE_INFINITY;
  private peakJunctionK = Number.NEGATIVE_INFINITY;
  private usableIntegral = 0;
  private minUsable = Number.POSITIVE_INFINITY;
  private activeAtStart = -1;

  constructor(
    K: number,
    private readonly tflopsPerNode: number,
  ) {
    this.series = allocateSeries(K);
  }

  /** Satellites active at the first step: the installed compute. */
  countInstalled(active: Uint8Array, row: number, n: number): void {
    if (this.activeAtStart >= 0) return;
    let a = 0;
    for (let i = 0; i < n; i++) a += active[row + i];
    this.activeAtStart = a;
  }

  /** Adds step `n` at time `t` (ms) of `dtS` (s) from the node step's sums: writes its series entry, adds it to the run. */
  addStep(n: number, t: number, dtS: number, s: StepSums, inContact: number): void {
    const active = s.active;
    if (s.minStateOfCharge < this.minSocFrac) this.minSocFrac = s.minStateOfCharge;
    if (s.maxTemperatureK > this.peakTempK) this.peakTempK = s.maxTemperatureK;
    if (s.maxJunctionTemperatureK > this.peakJunctionK) this.peakJunctionK = s.maxJunctionTemperatureK;
    this.activeTimeS += active * dtS;
    this.eclipseTimeS += s.eclipseS;
    this.generatedJ += s.generatedJ;
    this.deliveredJ += s.deliveredJ;
    this.curtailedJ += s.curtailedJ;
    this.lossJ += s.lossJ;
    this.unmetJ += s.unmetJ;
    this.producedGB += s.producedGB;
    this.downlinkedGB += s.downlinkedGB;
    this.powerLimitedS += s.powerLimited * dtS;
    this.thermalLimitedS += s.thermalLimited * dtS;
    this.storageLimitedS += s.storageLimited * dtS;
    const usablePflops = s.usableTflops / 1000;
    const se = this.series;
    se.timeMs[n] = t;
    se.usableComputePflops[n] = usablePflops;
    se.powerLimitedPflops[n] = s.powerLostTflops / 1000;
    se.thermalLimitedPflops[n] = s.thermalLostTflops / 1000;
    se.storageLimitedPflops[n] = s.storageLostTflops / 1000;
    se.sunlitFraction[n] = active ? s.sunlit / active : 0;
    se.meanStateOfCharge[n] = active ? s.stateOfCharge / active : 0;
    se.maxTemperatureC[n] = active ? s.maxTemperatureK - KELVIN_OFFSET : 0;
    se.minTemperatureC[n] = active ? s.minTemperatureK - KELVIN_OFFSET : 0;
    se.satellitesInContact[n] = inContact;
    se.storedDataGB[n] = s.storedGB;
    se.activeSatellites[n] = active;
    this.usableIntegral += usablePflops * dtS;
    if (usablePflops < this.minUsable) this.minUsable = usablePflops;
  }

  /** The run's KPIs; the final node state counts toward the extremes too. */
  kpis(nodes: FinalNodeState, horizonS: number, status: Uint8Array, initialTemperatureC: number): NodeKpis {
    const N = nodes.socJ.length;
    let storedDeltaJ = 0;
    let minSoc = this.minSocFrac;
    let peak = this.peakTempK;
    let peakJunction = this.peakJunctionK;
    for (let i = 0; i < N; i++) {
      storedDeltaJ += nodes.socJ[i] - nodes.socStartJ[i];
      if (!nodes.wasActive(i)) continue;
      const f = nodes.stateOfCharge(nodes.socJ[i]);
      if (f < minSoc) minSoc = f;
      if (nodes.tempK[i] > peak) peak = nodes.tempK[i];
      if (nodes.junctionK[i] > peakJunction) peakJunction = nodes.junctionK[i];
    }
    const act = this.activeTimeS;
    const wear = nodes.wearSummary();
    return {
      satelliteCount: N,
      satellitesFailed: status.reduce((a, s) => a + (s === SAT_OK ? 0 : 1), 0),
      installedComputePflops: (Math.max(0, this.activeAtStart) * this.tflopsPerNode) / 1000,
      meanUsableComputePflops: horizonS > 0 ? this.usableIntegral / horizonS : 0,
      minUsableComputePflops: Number.isFinite(this.minUsable) ? this.minUsable : 0,
      eclipseFraction: act > 0 ? this.eclipseTimeS / act : 0,
      powerLimitedFraction: act > 0 ? this.powerLimitedS / act : 0,
      thermalLimitedFraction: act > 0 ? this.thermalLimitedS / act : 0,
      storageLimitedFraction: act > 0 ? this.storageLimitedS / act : 0,
      minStateOfCharge: Number.isFinite(minSoc) ? minSoc : 0,
      maxTemperatureC: Number.isFinite(peak) ? peak - KELVIN_OFFSET : initialTemperatureC,
      maxJunctionTemperatureC: Number.isFinite(peakJunction) ? peakJunction - KELVIN_OFFSET : initialTemperatureC,
      dataDownlinkedGB: this.downlinkedGB,
      dataGeneratedGB: this.producedGB,
      energyGeneratedKWh: this.generatedJ / J_PER_KWH,
      energyConsumedKWh: (this.deliveredJ + this.lossJ) / J_PER_KWH,
      energyCurtailedKWh: this.curtailedJ / J_PER_KWH,
      energyStoredDeltaKWh: storedDeltaJ / J_PER_KWH,
      energyBatteryLossKWh: this.lossJ / J_PER_KWH,
      energyUnmetKWh: this.unmetJ / J_PER_KWH,
      batteryCyclesPerDay: wear.cyclesPerDay,
      batteryMeanDepthOfDischarge: wear.meanDepthOfDischarge,
      batteryCapacityFadePerYear: wear.capacityFadePerYear,
    };
  }
}
