/**
 * Pure data for the Workloads tab (workloads-view.ts), no DOM: the job
 * timeline's rows (training group spans; batch job stages up → compute →
 * down with their deadline and outcome), the summary table's rows, and the
 * series as the charts draw them (delivered compute stacked in the
 * workloads' priority order on a node: inference, batch, training; long
 * runs averaged over buckets of steps).
 */
import type { WorkloadResult } from '../../workers/workload-result';
import type { BatchJobRow } from '../engine/workload/workload-run';

export type BarKind = 'training' | 'stopped' | 'up' | 'compute' | 'down';

export interface GanttBar {
  startMs: number;
  endMs: number;
  kind: BarKind;
}

export interface GanttRow {
  /** 'group' (a training group) or 'job' (a batch job). */
  kind: 'group' | 'job';
  label: string;
  bars: GanttBar[];
  /** Batch jobs: the deadline (ms) and the outcome. */
  deadlineMs?: number;
  outcome?: BatchJobRow['outcome'];
}

/** Rows drawn at most (the rest are counted in GanttRows.hidden). */
export const MAX_GANTT_ROWS = 200;

export interface GanttRows {
  rows: GanttRow[];
  /** Rows left out beyond MAX_GANTT_ROWS. */
  hidden: number;
}

/**
 * The stages of batch job `j` as bars: each from its start to the next
 * stage's start (or the job's end); a stage still running when the run
 * ended runs to `runEndMs`.
 */
export function jobBars(j: BatchJobRow, runEndMs: number): GanttBar[] {
  const stages: Array<[BarKind, number | null]> = [
    ['up', j.upStartMs],
    ['compute', j.computeStartMs],
    ['down', j.downStartMs],
  ];
  const bars: GanttBar[] = [];
  for (let k = 0; k < stages.length; k++) {
    const [kind, start] = stages[k];
    if (start === null) continue;
    let end: number | null = null;
    for (let m = k + 1; m < stages.length && end === null; m++) end = stages[m][1];
    end ??= j.doneMs ?? runEndMs;
    bars.push({ startMs: start, endMs: Math.max(start, end), kind });
  }
  return bars;
}

/** One row per training group (spans training / stopped), then one per batch job in arrival order. */
export function ganttRows(w: WorkloadResult, runEndMs: number, max = MAX_GANTT_ROWS): GanttRows {
  const rows: GanttRow[] = [];
  let total = 0;
  for (const t of w.training) {
    t.spans.forEach((spans, g) => {
      total++;
      if (rows.length >= max) return;
      const label = t.spans.length > 1 ? `${t.name} · group ${g + 1}` : t.name;
      rows.push({ kind: 'group', label, bars: spans.map(([startMs, endMs, up]) => ({ startMs, endMs, kind: up === 1 ? 'training' : 'stopped' })) });
    });
  }
  const jobs = [...w.jobs].sort((a, b) => a.arrivalMs - b.arrivalMs);
  const count = new Map<string, number>();
  for (const j of jobs) {
    total++;
    const n = (count.get(j.workload) ?? 0) + 1;
    count.set(j.workload, n);
    if (rows.length >= max) continue;
    rows.push({ kind: 'job', label: `${j.workload} #${n}`, bars: jobBars(j, runEndMs), deadlineMs: j.deadlineMs, outcome: j.outcome });
  }
  return { rows, hidden: total - rows.length };
}

export interface SummaryRow {
  type: 'training' | 'inference' | 'batch';
  name: string;
  /** Training: η (0…1); null otherwise or not computed. */
  efficiency: number | null;
  deliveredPflopHours: number;
  /** Inference: served share (0…1). */
  servedFraction: number | null;
  p95LatencyMs: number | null;
  /** Batch: jobs done (on time or late), and late or missed. */
  jobsDone: number | null;
  jobsMissed: number | null;
  /** Extra facts for the row (groups, all-reduce time; regions; open jobs). */
  note: string;
}

/** One row per workload, training, then inference, then batch. */
export function summaryRows(w: WorkloadResult): SummaryRow[] {
  const out: SummaryRow[] = [];
  for (const t of w.training) {
    const ar = t.allReduceMeanS === null ? 'ring never whole' : `all-reduce ${t.allReduceMeanS.toPrecision(3)} s mean`;
    out.push({
      type: 'training',
      name: t.name,
      efficiency: t.efficiency,
      deliveredPflopHours: t.deliveredPflopHours,
      servedFraction: null,
      p95LatencyMs: null,
      jobsDone: null,
      jobsMissed: null,
      note: `${t.replicas} × ${t.nodesPerReplica} nodes, ${ar}, ${t.totals.interruptions} interruptions`,
    });
  }
  for (const i of w.inference) {
    out.push({
      type: 'inference',
      name: i.name,
      efficiency: null,
      deliveredPflopHours: i.deliveredPflopHours,
      servedFraction: i.servedFraction,
      p95LatencyMs: i.p95LatencyMs,
      jobsDone: null,
      jobsMissed: null,
      note: i.regions.map((r) => `${r.name} ${Math.round(r.servedFraction * 100)} %`).join(', '),
    });
  }
  for (const b of w.batch) {
    out.push({
      type: 'batch',
      name: b.name,
      efficiency: null,
      deliveredPflopHours: b.deliveredPflopHours,
      servedFraction: null,
      p95LatencyMs: null,
      jobsDone: b.completed,
      jobsMissed: b.missed,
      note: b.open > 0 ? `${b.open} still open at the end` : '',
    });
  }
  return out;
}

/** Steps averaged into one chart point so that at most `maxPoints` are drawn (1: as they are). */
export function bucketFor(steps: number, maxPoints: number): number {
  return steps <= maxPoints ? 1 : Math.ceil(steps / maxPoints);
}

/**
 * Mean of `col` over buckets of `bucket` steps, NaN entries skipped (a
 * bucket of NaN only gives null: a gap in the chart). Delivered compute
 * averaged this way keeps its area (PFLOP-hours).
 */
export function bucketMean(col: ArrayLike<number>, bucket: number): Array<number | null> {
  const n = col.length;
  const out: Array<number | null> = [];
  for (let i = 0; i < n; i += bucket) {
    let s = 0;
    let c = 0;
    for (let k = i, k1 = Math.min(n, i + bucket); k < k1; k++) {
      const v = col[k];
      if (Number.isFinite(v)) {
        s += v;
        c++;
      }
    }
    out.push(c > 0 ? s / c : null);
  }
  return out;
}

/** The first time of each bucket. */
export function bucketTimes(timeMs: ArrayLike<number>, bucket: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < timeMs.length; i += bucket) out.push(timeMs[i]);
  return out;
}

/**
 * Delivered compute stacked in priority order (inference, + batch, +
 * training): the tops of the three bands (PFLOPS), as drawn under the
 * usable compute line.
 */
export function stackedDelivered(inference: ReadonlyArray<number | null>, batch: ReadonlyArray<number | null>, training: ReadonlyArray<number | null>): { inference: number[]; batch: number[]; training: number[] } {
  const n = inference.length;
  const a = new Array<number>(n);
  const b = new Array<number>(n);
  const c = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    a[i] = inference[i] ?? 0;
    b[i] = a[i] + (batch[i] ?? 0);
    c[i] = b[i] + (training[i] ?? 0);
  }
  return { inference: a, batch: b, training: c };
}

/**
 * Share of the usable compute the workloads delivered over the run (steps
 * weigh equally: the run's grid is uniform); NaN when nothing was usable.
 */
export function usedShare(usablePflops: ArrayLike<number>, s: { trainingPflops: ArrayLike<number>; inferencePflops: ArrayLike<number>; batchPflops: ArrayLike<number> }): number {
  let usable = 0;
  let used = 0;
  for (let i = 0; i < usablePflops.length; i++) {
    usable += usablePflops[i];
    used += s.trainingPflops[i] + s.inferencePflops[i] + s.batchPflops[i];
  }
  return usable > 0 ? used / usable : Number.NaN;
}
