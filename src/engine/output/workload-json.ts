/**
 * The workloads section of the result document (workload/workload-run.ts):
 * summaries with numbers rounded as the economics section's (roundDeep), times as UTC
 * strings, NaN as null; the per-step series as rows, written one by one
 * (year-long runs have hundreds of thousands of steps).
 */
import { formatUtc } from '../core/time';
import type { SimulationOutput } from '../run/simulation';
import type { WorkloadSeries } from '../workload/workload-run';
import { roundDeep, roundSig } from './result';

/** Series columns of the workloads section, in row order. */
export const WORKLOAD_SERIES_COLUMNS = [
  'trainingPflops',
  'inferencePflops',
  'batchPflops',
  'trainingGroupsUp',
  'inferenceServedFraction',
  'inferenceLatencyMs',
  'bisectionGbps',
  'allReduceS',
] as const satisfies readonly (keyof WorkloadSeries)[];

const utcOrNull = (ms: number | null): string | null => (ms === null ? null : formatUtc(ms));

/** The workloads section without its series; null without workloads. */
export function workloadsDocument(out: SimulationOutput): unknown {
  const w = out.workloads;
  if (!w) return null;
  const names = out.satellites.map((s) => s.name);
  return roundDeep({
    scheduler: w.scheduler,
    lookAheadHours: w.lookAheadHours,
    training: w.training.map((t) => ({
      name: t.name,
      nodesPerReplica: t.nodesPerReplica,
      replicas: t.replicas,
      efficiency: t.efficiency,
      deliveredPflopHours: t.deliveredPflopHours,
      allReduceMeanS: t.allReduceMeanS,
      allReduceMinS: t.allReduceMinS,
      allReduceMaxS: t.allReduceMaxS,
      totals: t.totals,
      groups: t.groups.map((g, k) => ({
        satellites: g.map((i) => names[i]),
        spans: t.spans[k].map(([a, b, s]) => ({ startUtc: formatUtc(a), endUtc: formatUtc(b), state: s ? 'training' : 'stopped' })),
      })),
    })),
    inference: w.inference.map((i) => ({
      name: i.name,
      servedFraction: i.servedFraction,
      p95LatencyMs: i.p95LatencyMs,
      meanLatencyMs: i.meanLatencyMs,
      deliveredPflopHours: i.deliveredPflopHours,
      regions: i.regions,
    })),
    batch: w.batch,
    jobs: w.jobs.map((j) => ({
      workload: j.workload,
      satellite: j.satellite === null ? null : names[j.satellite],
      arrivalUtc: formatUtc(j.arrivalMs),
      deadlineUtc: formatUtc(j.deadlineMs),
      upStartUtc: utcOrNull(j.upStartMs),
      computeStartUtc: utcOrNull(j.computeStartMs),
      downStartUtc: utcOrNull(j.downStartMs),
      doneUtc: utcOrNull(j.doneMs),
      outcome: j.outcome,
    })),
  });
}

/** Series row n of the workloads section as JSON text. */
export function workloadSeriesRowJson(out: SimulationOutput, n: number): string {
  const s = (out.workloads as NonNullable<SimulationOutput['workloads']>).series;
  let text = `{"timeUtc":"${formatUtc(out.series.timeMs[n])}"`;
  for (const c of WORKLOAD_SERIES_COLUMNS) {
    const x = s[c][n];
    text += `,"${c}":${Number.isFinite(x) ? String(roundSig(x, 9)) : 'null'}`;
  }
  return `${text}}`;
}

/** The workloads section as JSON text pieces: `write` gets the text in order (summary, then the series rows). */
export function writeWorkloadsJson(out: SimulationOutput, write: (text: string) => void): void {
  const doc = workloadsDocument(out);
  if (doc === null) {
    write('null');
    return;
  }
  const head = JSON.stringify(doc);
  write(`${head.slice(0, -1)},"series":[`);
  const K = out.series.timeMs.length;
  for (let n = 0; n < K; n++) write(n ? `,${workloadSeriesRowJson(out, n)}` : workloadSeriesRowJson(out, n));
  write(']}');
}
