/**
 * The run's workload report (engine workload/workload-run.ts) as plain data
 * for the page: the per-step series as typed arrays (transferred), training
 * spans, batch job rows and per-workload summaries. The inference
 * workloads' engine state (`run`: per-step paths) stays in the worker.
 */
import type { BatchJobRow, BatchReport, TrainingReport, WorkloadReport, WorkloadSeries } from '../src/engine/workload/workload-run';

export interface InferenceSummary {
  name: string;
  servedFraction: number;
  p95LatencyMs: number | null;
  meanLatencyMs: number | null;
  deliveredPflopHours: number;
  regions: { name: string; servedFraction: number }[];
}

export interface WorkloadResult {
  scheduler: WorkloadReport['scheduler'];
  lookAheadHours: number;
  series: WorkloadSeries;
  training: TrainingReport[];
  inference: InferenceSummary[];
  batch: BatchReport[];
  jobs: BatchJobRow[];
}

/** The report without engine objects (null stays null). The series are the engine's own arrays (owned by the result: transfer them). */
export function workloadResult(r: WorkloadReport | null): WorkloadResult | null {
  if (!r) return null;
  return {
    scheduler: r.scheduler,
    lookAheadHours: r.lookAheadHours,
    series: r.series,
    training: r.training,
    inference: r.inference.map(({ run: _run, ...rest }) => rest),
    batch: r.batch,
    jobs: r.jobs,
  };
}

/** The ArrayBuffers of a workload result's series (for a transfer list). */
export function workloadTransferables(w: WorkloadResult | null | undefined): ArrayBuffer[] {
  return w ? Object.values(w.series).map((a) => (a as Float64Array).buffer as ArrayBuffer) : [];
}
