/**
 * Workloads over a run: what the nodes' usable compute delivers.
 * Each step, as phase B ends it (record):
 *   usable compute per satellite (node-step.ts) → inference takes what its
 *   regions need first (inference.ts); the link graph (isl-graph.ts) gives
 *   each training group's all-reduce time (all-reduce.ts) and the first
 *   group's bisection bandwidth.
 * A look-ahead window of H steps later (process), the scheduler
 * (scheduler.ts) runs batch jobs (batch.ts), then the training groups
 * (training.ts) on what is left, seeing the next H steps as its forecast
 * (the look-ahead scheduler) or only the present (naive).
 * Priority on a node: inference, batch, training. Delivered compute per
 * type never exceeds usable (each takes from what the previous left).
 * Memory: H × N doubles for free compute and link capacity (H = lookAheadHours / step).
 * Units: Tflop/s and Tflop·s inside; PFLOP/s, PFLOP-hours and ms in the report.
 */
import type { Scenario } from '../input/scenario';
import { hasWorkloads, type Workloads } from '../input/workload-schema';
import type { LinkState } from '../network/link-state';
import { GroupRing, ringAllReduceS, type RingStep } from './all-reduce';
import { batchReport, BatchJobs, QueueForecast } from './batch';
import { InferenceWorkloadRun } from './inference';
import { TFLOP_S_PER_PFLOP_HOUR, type InferenceReport, type TrainingReport, type WorkloadReport, type WorkloadSeries } from './workload-report';
export type { BatchJobRow, BatchReport, InferenceReport, TrainingReport, WorkloadReport, WorkloadSeries } from './workload-report';
export { workloadKpis } from './workload-report';
import { IslGraph } from './isl-graph';
import { Router } from './routing';
import { chooseSatellite, type SchedulerView } from './scheduler';
import { emptyTrainingTotals, TrainingGroup, type TrainingTotals } from './training';

/** Whether the workloads need satellite positions (the link graph or region visibility). */
export function workloadsNeedPositions(w: Workloads): boolean {
  return w.inference.length > 0 || w.training.some((t) => t.nodesPerReplica > 1);
}


export class WorkloadRun implements SchedulerView {
  readonly n: number;
  /** Usable compute per satellite of the step (Tflop/s), written by the node step (node-step.ts). */
  readonly usableTflops: Float64Array;
  private readonly w: Workloads;
  private readonly H: number;
  private readonly lookAhead: boolean;
  private readonly pos: Float64Array;
  private readonly active: Uint8Array;
  private readonly graph: IslGraph | null;
  private readonly router: Router | null;
  // ---- ring buffers of H steps ----
  private readonly free: Float64Array;
  private readonly linkGB: Float64Array;
  private readonly activeRing: Uint8Array;
  private readonly tMs: Float64Array;
  private readonly dtS: Float64Array;
  private readonly allReduce: Float64Array;
  private readonly groupDown: Uint8Array;
  // ---- workloads ----
  private readonly groups: { ring: GroupRing; run: TrainingGroup; workload: number; spans: number[][] }[];
  private readonly groupMember: Uint8Array;
  private readonly hasNonMembers: boolean;
  private readonly trainingBytes: number[];
  private readonly inference: InferenceWorkloadRun[];
  private readonly jobs: BatchJobs;
  private readonly forecast: QueueForecast;
  private nextJob = 0;
  private readonly ringStep: RingStep = { ok: false, bottleneckGBps: 0, hopLatencyS: 0, maxHops: 0 };
  private readonly allReduceStats: { sum: number; count: number; min: number; max: number }[];
  private readonly batchUsedTflopS: number[];
  readonly series: WorkloadSeries;
  private recorded = 0;
  private processed = 0;

  constructor(
    private readonly scenario: Scenario,
    n: number,
    K: number,
    private readonly startMs: number,
    stepMs: number,
  ) {
    const w = scenario.workloads;
    this.w = w;
    this.n = n;
    this.usableTflops = new Float64Array(n);
    this.lookAhead = w.scheduler === 'look-ahead';
    this.H = Math.max(1, Math.min(K, Math.ceil((w.lookAheadHours * 3_600_000) / stepMs) + 1));
    const H = this.H;
    const needsGraph = workloadsNeedPositions(w);
    this.pos = new Float64Array(needsGraph ? 3 * n : 0);
    this.active = new Uint8Array(n);
    this.graph = needsGraph ? new IslGraph(scenario.interSatelliteLinks, n) : null;
    this.router = needsGraph ? new Router(n, scenario.interSatelliteLinks.terminals) : null;
    this.free = new Float64Array(H * n);
    this.linkGB = new Float64Array(H * n);
    this.activeRing = new Uint8Array(H * n);
    this.tMs = new Float64Array(H);
    this.dtS = new Float64Array(H);
    // training groups: consecutive satellites in scenario order
    this.groups = [];
    this.groupMember = new Uint8Array(n);
    let nextSat = 0;
    w.training.forEach((t, wi) => {
      const p = t.nodesPerReplica;
      const possible = Math.floor((n - nextSat) / p);
      const replicas = t.replicas > 0 ? Math.min(t.replicas, possible) : possible;
      for (let r = 0; r < replicas; r++) {
        const members = Int32Array.from({ length: p }, (_, q) => nextSat + q);
        for (const m of members) this.groupMember[m] = 1;
        nextSat += p;
        this.groups.push({ ring: new GroupRing(members), run: new TrainingGroup(t, p), workload: wi, spans: [] });
      }
    });
    this.hasNonMembers = nextSat < n;
    this.trainingBytes = w.training.map((t) => t.parameters * t.bytesPerParameter);
    this.allReduce = new Float64Array(H * Math.max(1, this.groups.length));
    this.groupDown = new Uint8Array(H * Math.max(1, this.groups.length));
    this.allReduceStats = w.training.map(() => ({ sum: 0, count: 0, min: Number.POSITIVE_INFINITY, max: 0 }));
    this.inference = w.inference.map((iw) => new InferenceWorkloadRun(iw, K));
    this.jobs = new BatchJobs(w.batch, startMs, n);
    this.forecast = new QueueForecast(this.jobs.count);
    this.batchUsedTflopS = w.batch.map(() => 0);
    this.series = {
      trainingPflops: new Float64Array(K),
      inferencePflops: new Float64Array(K),
      batchPflops: new Float64Array(K),
      trainingGroupsUp: new Float64Array(K),
      inferenceServedFraction: new Float64Array(K),
      inferenceLatencyMs: new Float64Array(K).fill(Number.NaN),
      bisectionGbps: new Float64Array(K).fill(Number.NaN),
      allReduceS: new Float64Array(K).fill(Number.NaN),
    };
  }

  /** Takes the positions (TEME km) and activity of the step's first sample: chunk row `row` of `posEciKm`/`active`. */
  samplePositions(posEciKm: Float64Array | null, active: Uint8Array, row: number): void {
    const N = this.n;
    for (let i = 0; i < N; i++) this.active[i] = active[row + i];
    if (this.pos.length && posEciKm) this.pos.set(posEciKm.subarray(3 * row, 3 * row + 3 * N));
  }

  /** Step n at tMs over dtS has been through the node models (usableTflops written; `links` the step's link record). */
  record(n: number, tMs: number, dtS: number, links: LinkState): void {
    const N = this.n;
    const H = this.H;
    const slot = n % H;
    const base = slot * N;
    const { free, linkGB, activeRing, active, usableTflops } = this;
    for (let i = 0; i < N; i++) {
      free[base + i] = active[i] ? usableTflops[i] : 0;
      linkGB[base + i] = links.capacityGB[i];
      activeRing[base + i] = active[i];
    }
    this.tMs[slot] = tMs;
    this.dtS[slot] = dtS;
    const graph = this.graph;
    // the link graph is built when something needs it this step (inference, a routed ring hop)
    graph?.setPositions(this.pos, 0, active);
    // inference first: latency-bound, served now
    let inferenceTflopS = 0;
    let asked = 0;
    let served = 0;
    let latency = 0;
    for (const inf of this.inference) {
      const a0 = inf.asked;
      const s0 = inf.served;
      const l0 = inf.latencySumMs;
      inferenceTflopS += inf.step(n, tMs, dtS, graph as IslGraph, this.router as Router, active, 0, free, base); // inference implies the graph (workloadsNeedPositions)
      asked += inf.asked - a0;
      served += inf.served - s0;
      latency += inf.latencySumMs - l0;
    }
    this.series.inferencePflops[n] = inferenceTflopS / dtS / 1000;
    this.series.inferenceServedFraction[n] = asked > 0 ? Math.min(1, served / asked) : 0;
    this.series.inferenceLatencyMs[n] = served > 0 ? latency / served : Number.NaN;
    // training groups: ring and all-reduce time of this step; down when a member has no compute
    const G = this.groups.length;
    for (let g = 0; g < G; g++) {
      const grp = this.groups[g];
      let ok = true;
      let t = Number.NaN;
      const members = grp.ring.members;
      for (let q = 0; q < members.length; q++) {
        if (!(free[base + members[q]] > 0)) ok = false;
      }
      if (graph && members.length > 1 && ok) {
        const r = grp.ring.evaluate(graph, this.router as Router, active, 0, this.w.training[grp.workload].perHopDelayMs / 1000, this.ringStep);
        if (r.ok) {
          t = ringAllReduceS(members.length, this.trainingBytes[grp.workload], r.bottleneckGBps * 1e9, r.hopLatencyS);
          const st = this.allReduceStats[grp.workload];
          st.sum += t;
          st.count++;
          if (t < st.min) st.min = t;
          if (t > st.max) st.max = t;
        } else ok = false;
      } else if (members.length === 1) {
        t = 0;
        if (!active[members[0]]) ok = false;
      } else ok = false; // a member without compute (groups of several members always have a graph)
      if (g === 0 && graph && members.length > 1) this.series.bisectionGbps[n] = grp.ring.bisectionGBps(graph) * 8;
      this.allReduce[slot * G + g] = t;
      this.groupDown[slot * G + g] = ok ? 0 : 1;
      if (g === 0) this.series.allReduceS[n] = t;
    }
    this.recorded = n + 1;
    // the scheduler runs H − 1 steps behind, so it sees H steps ahead
    while (this.processed <= n - (H - 1)) this.process(this.processed++);
  }

  /** Runs the scheduler over the remaining steps; returns the report. */
  finish(): WorkloadReport {
    while (this.processed < this.recorded) this.process(this.processed++);
    for (const g of this.groups) g.run.finish();
    return this.report();
  }

  /** The scheduler at step q (recorded up to this.recorded − 1). */
  private process(q: number): void {
    const N = this.n;
    const H = this.H;
    const slot = q % H;
    const base = slot * N;
    const t = this.tMs[slot];
    const dt = this.dtS[slot];
    const { free, linkGB, jobs } = this;
    // ---- batch: assign the jobs arriving by this step's end, then run the queues ----
    const order = jobs.byArrival;
    while (this.nextJob < jobs.count && jobs.arrivalMs[order[this.nextJob]] < t + dt * 1000) {
      const j = order[this.nextJob++];
      const i = chooseSatellite(this.lookAhead, jobs, j, q, this);
      if (i >= 0) jobs.assign(j, i);
    }
    let batchTflopS = 0;
    if (jobs.count) {
      for (let i = 0; i < N; i++) {
        if (jobs.head[i] < 0) continue;
        const used = jobs.advance(i, t, dt, this.activeRing[base + i] ? free[base + i] : 0, linkGB[base + i]);
        free[base + i] -= used;
        if (free[base + i] < 0) free[base + i] = 0;
        batchTflopS += used;
      }
    }
    this.series.batchPflops[q] = batchTflopS / dt / 1000;
    // ---- training on what is left ----
    const G = this.groups.length;
    let trainingTflopS = 0;
    let up = 0;
    for (let g = 0; g < G; g++) {
      const grp = this.groups[g];
      const members = grp.ring.members;
      let pace = Number.POSITIVE_INFINITY;
      let sum = 0;
      for (let m = 0; m < members.length; m++) {
        const f = this.activeRing[base + members[m]] ? free[base + members[m]] : 0;
        if (f < pace) pace = f;
        sum += f;
      }
      const allReduceS = this.groupDown[slot * G + g] ? Number.NaN : this.allReduce[slot * G + g];
      const stopS = this.lookAhead ? this.secondsToStop(g, q) : Number.POSITIVE_INFINITY;
      trainingTflopS += grp.run.step(dt, pace, allReduceS, sum, stopS);
      const state = grp.run.isUp ? 1 : 0;
      if (state) up++;
      const spans = grp.spans;
      const last = spans[spans.length - 1];
      if (last && last[2] === state && last[1] === t) last[1] = t + dt * 1000;
      else spans.push([t, t + dt * 1000, state]);
    }
    this.series.trainingPflops[q] = trainingTflopS / dt / 1000;
    this.series.trainingGroupsUp[q] = up;
  }

  /** Seconds from step q's start until group g is predicted to stop (+∞: not within the recorded look-ahead). */
  private secondsToStop(g: number, q: number): number {
    const G = this.groups.length;
    const t0 = this.tMs[q % this.H];
    for (let s = q + 1; s < this.recorded && s < q + this.H; s++) {
      const slot = s % this.H;
      if (this.groupDown[slot * G + g]) return (this.tMs[slot] - t0) / 1000;
    }
    return Number.POSITIVE_INFINITY;
  }

  // ---- SchedulerView ----
  get satellites(): number {
    return this.n;
  }
  get horizonSteps(): number {
    return this.H;
  }
  get lastRecorded(): number {
    return this.recorded - 1;
  }
  isCandidate(i: number): boolean {
    return !this.hasNonMembers || !this.groupMember[i];
  }
  tMsAt(s: number): number {
    return this.tMs[s % this.H];
  }
  dtSAt(s: number): number {
    return this.dtS[s % this.H];
  }
  freeAt(s: number, i: number): number {
    const slot = s % this.H;
    return this.activeRing[slot * this.n + i] ? this.free[slot * this.n + i] : 0;
  }
  linkAt(s: number, i: number): number {
    return this.linkGB[(s % this.H) * this.n + i];
  }
  activeAt(s: number, i: number): boolean {
    return this.activeRing[(s % this.H) * this.n + i] === 1;
  }
  get queueForecast(): QueueForecast {
    return this.forecast;
  }

  private report(): WorkloadReport {
    const w = this.w;
    const training: TrainingReport[] = w.training.map((t, wi) => {
      const groups = this.groups.filter((g) => g.workload === wi);
      const totals = groups.reduce(
        (acc, g) => {
          const x = g.run.totals;
          for (const k of Object.keys(acc) as (keyof TrainingTotals)[]) acc[k] += x[k];
          return acc;
        },
        emptyTrainingTotals(),
      );
      const st = this.allReduceStats[wi];
      return {
        name: t.name,
        nodesPerReplica: t.nodesPerReplica,
        replicas: groups.length,
        groups: groups.map((g) => Array.from(g.ring.members)),
        efficiency: totals.availableTflopS > 0 ? totals.deliveredTflopS / totals.availableTflopS : null,
        deliveredPflopHours: totals.deliveredTflopS / TFLOP_S_PER_PFLOP_HOUR,
        totals,
        allReduceMeanS: st.count > 0 ? st.sum / st.count : t.nodesPerReplica === 1 && groups.length > 0 ? 0 : null,
        allReduceMinS: st.count > 0 ? st.min : t.nodesPerReplica === 1 && groups.length > 0 ? 0 : null,
        allReduceMaxS: st.count > 0 ? st.max : t.nodesPerReplica === 1 && groups.length > 0 ? 0 : null,
        spans: groups.map((g) => g.spans),
      };
    });
    const inference: InferenceReport[] = this.inference.map((r) => ({
      name: r.w.name,
      servedFraction: r.asked > 0 ? Math.min(1, r.served / r.asked) : 0,
      p95LatencyMs: r.quantileLatencyMs(0.95),
      meanLatencyMs: r.served > 0 ? r.latencySumMs / r.served : null,
      deliveredPflopHours: r.deliveredTflopS / TFLOP_S_PER_PFLOP_HOUR,
      regions: r.w.regions.map((g, k) => ({ name: g.name, servedFraction: r.askedPerRegion[k] > 0 ? Math.min(1, r.servedPerRegion[k] / r.askedPerRegion[k]) : 0 })),
      run: r,
    }));
    const runEndMs = this.recorded > 0 ? this.tMsAt(this.recorded - 1) + this.dtSAt(this.recorded - 1) * 1000 : this.startMs;
    const { jobs, batch } = batchReport(this.jobs, w.batch, runEndMs);
    return { scheduler: w.scheduler, lookAheadHours: w.lookAheadHours, series: this.series, training, inference, batch, jobs };
  }
}


export { hasWorkloads };
