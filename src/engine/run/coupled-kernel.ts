/**
 * Phase B of a step, over all satellites (they are coupled through station
 * antennas and relays): one module after the other, each a loop over the
 * satellites that reads what the previous one wrote (typed arrays of N,
 * allocated once):
 *   links   network/downlink.ts (+ relay.ts): visibility, stored data → LinkState
 *   nodes   node-step.ts: phase A cells, link capacity → node state, NodeStepColumns, StepSums
 *   totals  kpis.ts: step sums → series entry, KPI accumulators
 *   status (the node step's status bytes) and detail recorders.
 * Step model: step [tₙ, tₙ + Δt) has m geometry samples (m = 1 for steps up
 * to 60 s; orbit/run-grid.ts sampleGrid): links are allocated at every
 * sample (sample()), the node models step once on the means of the samples
 * (step-means.ts; with m = 1 the sample itself). Calls per step:
 * beginStep(), sample() × m, endStep(). Nothing here allocates.
 */
import type { Scenario } from '../input/scenario';
import { DownlinkAllocator } from '../network/downlink';
import { LinkState } from '../network/link-state';
import { IslRelay } from '../network/relay';
import { stationArrays } from '../network/stations';
import { DetailRecorder } from './details';
import type { ChunkFields } from './chunk';
import { emptyStepSums, RunTotals, type StepSums } from './kpis';
import { NodeStep } from './node-step';
import { StepMeans } from './step-means';
import type { NodeKpis, SatelliteDetail, SeriesColumns } from './output-types';
import type { WorkloadRun } from '../workload/workload-run';

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
  /** Means over the samples of a step (only when steps have several samples). */
  private readonly means: StepMeans | null;
  /** The chunk fields and row of the last sample (steps of one sample read them directly). */
  private lastFields: ChunkFields | null = null;
  private lastRow = 0;
  /** Data produced at full compute over the current step (GB). */
  private stepOutputGB = 0;
  /** Workloads on the nodes' usable compute (workload/workload-run.ts), fed each step; null without workloads. */
  private workloads: WorkloadRun | null = null;
  /** The next sample is its step's first. */
  private firstSample = true;

  constructor(
    private readonly scenario: Scenario,
    private readonly n: number,
    K: number,
    options: CoupledKernelOptions,
    /** Geometry samples per step (orbit/run-grid.ts samplesPerStep). */
    private readonly samplesPerStep = 1,
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
    this.means = samplesPerStep > 1 ? new StepMeans(n) : null;
  }

  /** Feeds `run` each step: the first sample's positions, then the node step's usable compute and links. */
  attachWorkloads(run: WorkloadRun): void {
    this.workloads = run;
    this.nodes.usableOut = run.usableTflops;
  }

  get series(): SeriesColumns {
    return this.totals.series;
  }

  get details(): SatelliteDetail[] {
    return this.detail.details;
  }

  /** Starts a step of `dtS` seconds. */
  beginStep(dtS: number): void {
    this.stepOutputGB = this.outputGBPerS * dtS;
    this.downlink.beginStep();
    this.means?.reset();
    this.firstSample = true;
  }

  /** The step's sample at time t (ms) standing for `dtS` seconds, in chunk row k of `f`: links over it, step means. */
  sample(t: number, dtS: number, f: ChunkFields, k: number): void {
    const row = k * this.n;
    this.downlink.subStep(row, t, dtS, f.active, f.visLo, f.visHi, f.posEciKm, this.nodes.storedGB, this.stepOutputGB);
    if (this.firstSample) {
      this.workloads?.samplePositions(f.posEciKm, f.active, row);
      this.firstSample = false;
    }
    if (this.means) this.means.add(f, row, dtS);
    else {
      this.lastFields = f;
      this.lastRow = row;
    }
  }

  /** Ends step n at time t (ms) of length dtS (s): the node models on the step's samples, totals, recorders. */
  endStep(n: number, t: number, dtS: number): void {
    const nodes = this.nodes;
    const means = this.means;
    let active: Uint8Array, illum: Float64Array, solarW: Float64Array, absorbedW: Float64Array;
    let row = 0;
    if (means) {
      means.finish();
      ({ active, illum, solarW, absorbedW } = means);
    } else {
      ({ active, illum, solarW, absorbedW } = this.lastFields as ChunkFields);
      row = this.lastRow;
    }
    this.totals.countInstalled(active, row, this.n);
    this.detail.recordStart(n, nodes);
    nodes.step(row, active, illum, solarW, absorbedW, this.links, this.stepOutputGB, dtS, this.sums);
    this.totals.addStep(n, t, dtS, this.sums, this.downlink.inContact);
    this.workloads?.record(n, t, dtS, this.links);
    this.detail.recordStep(n, row, illum, solarW, nodes, dtS);
    if (this.statusCodes && n % this.statusEvery === 0) this.statusCodes.set(nodes.out.status, (n / this.statusEvery) * this.n);
  }

  /** Step n at time t (ms) of length dtS (s) with one sample, in chunk row k of `f`. */
  step(n: number, t: number, dtS: number, f: ChunkFields, k: number): void {
    this.beginStep(dtS);
    this.sample(t, dtS, f, k);
    this.endStep(n, t, dtS);
  }

  /** The node models' KPIs (kpis.ts). */
  kpis(horizonS: number, status: Uint8Array): NodeKpis {
    return this.totals.kpis(this.nodes, horizonS, status, this.scenario.node.initialTemperatureC);
  }

  /** Downlink sessions started over the run. */
  get downlinkSessions(): number {
    return this.downlink.sessions;
  }

  /** Time each satellite held a station antenna over the run (s; network/downlink.ts). */
  get servedSeconds(): Float64Array {
    return this.downlink.servedS;
  }
}
