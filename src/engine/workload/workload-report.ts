/**
 * What a run's workloads delivered (workload-run.ts writes it): per-step
 * series, per-workload summaries, the batch jobs, and the KPIs drawn from
 * them (run/output-types.ts Kpis): delivered PFLOP-hours by type, training
 * efficiency = delivered ÷ the groups' free compute, jobs completed and the
 * deadline-miss fraction over jobs due within the run, the served fraction
 * and the 95th percentile latency of the served requests (histograms of
 * several inference workloads merged bin by bin). Units in the names.
 */
import type { Workloads } from '../input/workload-schema';
import type { WorkloadKpis } from '../run/output-types';
import { latencyQuantileMs, type InferenceWorkloadRun } from './inference';
import type { TrainingTotals } from './training';

/** Tflop·s in a PFLOP-hour. */
export const TFLOP_S_PER_PFLOP_HOUR = 1000 * 3600;

/** Workload series, one entry per step (columnar). */
export interface WorkloadSeries {
  trainingPflops: Float64Array;
  inferencePflops: Float64Array;
  batchPflops: Float64Array;
  /** Training groups whole and training (count). */
  trainingGroupsUp: Float64Array;
  /** Requests served / asked over all inference workloads. */
  inferenceServedFraction: Float64Array;
  /** Mean latency of the served requests (ms; NaN: none). */
  inferenceLatencyMs: Float64Array;
  /** Bisection bandwidth of the first training group (Gbps; NaN: no group). */
  bisectionGbps: Float64Array;
  /** All-reduce time of the first training group (s; NaN: no ring). */
  allReduceS: Float64Array;
}

export interface TrainingReport {
  name: string;
  nodesPerReplica: number;
  replicas: number;
  /** Satellite indices of each group (ring order is the run's own). */
  groups: number[][];
  efficiency: number | null;
  deliveredPflopHours: number;
  totals: TrainingTotals;
  /** All-reduce time (s) while the ring held: mean and range over steps and groups; null: never held. */
  allReduceMeanS: number | null;
  allReduceMinS: number | null;
  allReduceMaxS: number | null;
  /** Per group: spans [startMs, endMs, 1 = training / 0 = stopped]. */
  spans: number[][][];
}

export interface InferenceReport {
  name: string;
  servedFraction: number;
  p95LatencyMs: number | null;
  meanLatencyMs: number | null;
  deliveredPflopHours: number;
  regions: { name: string; servedFraction: number }[];
  /** The run's inference state (per-step paths for inspection; not written to files). */
  run: InferenceWorkloadRun;
}

export interface BatchJobRow {
  workload: string;
  satellite: number | null;
  arrivalMs: number;
  deadlineMs: number;
  upStartMs: number | null;
  computeStartMs: number | null;
  downStartMs: number | null;
  doneMs: number | null;
  /** 'done', 'late' (done after its deadline), 'missed' (not done, deadline passed), 'open' (not done, deadline after the run). */
  outcome: 'done' | 'late' | 'missed' | 'open';
}

export interface BatchReport {
  name: string;
  completed: number;
  missed: number;
  open: number;
  deliveredPflopHours: number;
}

export interface WorkloadReport {
  scheduler: Workloads['scheduler'];
  lookAheadHours: number;
  series: WorkloadSeries;
  training: TrainingReport[];
  inference: InferenceReport[];
  batch: BatchReport[];
  jobs: BatchJobRow[];
}

/** The workload KPIs of a report (null for a type the scenario does not have). */
export function workloadKpis(r: WorkloadReport | null): WorkloadKpis {
  const training = r && r.training.length ? r.training : null;
  const inference = r && r.inference.length ? r.inference : null;
  const batch = r && r.batch.length ? r.batch : null;
  const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((s, x) => s + f(x), 0);
  const deliveredTraining = training ? sum(training, (t) => t.deliveredPflopHours) : null;
  const deliveredInference = inference ? sum(inference, (t) => t.deliveredPflopHours) : null;
  const deliveredBatch = batch ? sum(batch, (t) => t.deliveredPflopHours) : null;
  const available = training ? sum(training, (t) => t.totals.availableTflopS) : 0;
  const due = r ? r.jobs.filter((j) => j.outcome !== 'open').length : 0;
  let p95: number | null = null;
  let asked = 0;
  let served = 0;
  if (inference) {
    const runs = inference.map((x) => x.run);
    asked = sum(runs, (x) => x.asked);
    served = sum(runs, (x) => x.served);
    p95 = latencyQuantileMs(runs, 0.95);
  }
  return {
    deliveredPflopHours: r && (training || inference || batch) ? (deliveredTraining ?? 0) + (deliveredInference ?? 0) + (deliveredBatch ?? 0) : null,
    deliveredPflopHoursTraining: deliveredTraining,
    deliveredPflopHoursInference: deliveredInference,
    deliveredPflopHoursBatch: deliveredBatch,
    trainingEfficiency: training && available > 0 ? sum(training, (t) => t.totals.deliveredTflopS) / available : null,
    jobsCompleted: batch ? sum(batch, (b) => b.completed) : null,
    deadlineMissFraction: batch && due > 0 ? sum(batch, (b) => b.missed) / due : null,
    inferenceServedFraction: inference && asked > 0 ? Math.min(1, served / asked) : null,
    inferenceP95LatencyMs: p95,
  };
}
