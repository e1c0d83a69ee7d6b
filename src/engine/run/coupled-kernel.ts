/**
 * Phase B of a step, over all satellites (they are coupled through station
 * antennas and relays): one module after the other, each a loop over the
 * satellites that reads what the previous one wrote (typed arrays of N,
 * allocated once):
 *   links   network/downlink.ts (+ relay.ts): visibility, stored data → LinkState
 *   nodes   node-step.ts: phase A cells, link capacity → node state, NodeStepColumns, StepSums
 *   totals  kpis.ts: step sums → series entry, KPI accumulators
 *   status (the node step's status bytes) and detail recorders.
 * Step model: step [tₙ, tₙ + Δt) uses the geometry sampled at tₙ (phase A,
 * chunk row k). step() does not allocate.
 */
import type { Scenario } from '../input/scenario';
import { DownlinkAllocator } from '../network/downlink';
import { LinkState } from '../network/link-state';
import { IslRelay } from '../network/relay';
import { stationArrays } from '../network/stations';
import { DetailRecorder } from './details';
import type { ChunkFields } from './chunk';
import type { EventTables } from '../events/event-log';
import { emptyStepSums, RunTotals, type StepSums } from './kpis';
import { NodeStep } from './node-step';
import type { Kpis, SatelliteDetail, SeriesColumns } from './output-types';

export interface CoupledKernelOptions {
  /** Record a status byte per satellite every `statusEvery` steps. */
  recordStatus?: boolean;
  statusEvery?: number;
  /** Satellites whose full per-step state is recorded. */
  detailSatellites?: readonly number[];
}

export class CoupledKernel {
  /** Status byte per (row, satellite), row = step / statusEvery (run/status.ts bits). */
  readonly statusCodes?: Uint8Array;
  readonly statusEvery: number;
  private readonly links: LinkState;
  private readonly downlink: DownlinkAllocator;
  private readonly nodes: NodeStep;
  private readonly totals: RunTotals;
  private readonly sums: StepSums = emptyStepSums();
  private readonly detail: DetailRecorder;
  private readonly outputGBPerS: number;

  constructor(
    private readonly scenario: Scenario,
    private readonly n: number,
    K: number,
    options: CoupledKernelOptions,
  ) {
    this.links = new LinkState(n);
    const isl = scenario.interSatelliteLinks;
    this.downlink = new DownlinkAllocator(stationArrays(scenario.groundStations), this.links, isl.enabled ? new IslRelay(isl, this.links) : null);
    this.nodes = new NodeStep(scenario, n);
    this.totals = new RunTotals(K, scenario.node.computeTflops);
    this.detail = new DetailRecorder(n, K, options.detailSatellites ?? []);
    this.nodes.watch(this.detail.details.map((d) => d.index));
    this.outputGBPerS = scenario.node.outputGBPerHourAtFullCompute / 3600;
    this.statusEvery = Math.max(1, Math.floor(options.statusEvery ?? 1));
    this.statusCodes = options.recordStatus ? new Uint8Array(Math.ceil(K / this.statusEvery) * n) : undefined;
  }

  get series(): SeriesColumns {
    return this.totals.series;
  }

  get details(): SatelliteDetail[] {
    return this.detail.details;
  }

  /** Step n at time t (ms) of length dtS (s), reading phase A cells of chunk row k. */
  step(n: number, t: number, dtS: number, f: ChunkFields, k: number): void {
    const row = k * this.n;
    const outputGB = this.outputGBPerS * dtS;
    const nodes = this.nodes;
    this.totals.countInstalled(f.active, row, this.n);
    this.downlink.step(row, f.active, f.visLo, f.visHi, f.posEciKm, nodes.storedGB, outputGB, dtS);
    this.detail.recordStart(n, nodes);
    nodes.step(row, f.active, f.illum, f.solarW, f.absorbedW, this.links, outputGB, dtS, this.sums);
    this.totals.addStep(n, t, dtS, this.sums, this.downlink.inContact);
    this.detail.recordStep(n, row, f.illum, f.solarW, nodes, dtS);
    if (this.statusCodes && n % this.statusEvery === 0) this.statusCodes.set(nodes.out.status, (n / this.statusEvery) * this.n);
  }

  kpis(events: EventTables, horizonS: number, status: Uint8Array): Kpis {
    return this.totals.kpis(this.nodes, events, horizonS, status, this.scenario.node.initialTemperatureC);
  }
}
