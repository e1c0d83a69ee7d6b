/**
 * Workload tables as CSV (CLI `--workloads-csv`, `--jobs-csv`; the app's
 * exports): the per-step workload series (output/workload-json.ts columns,
 * values as in the result document, empty for none) and the batch jobs (one
 * line per job, times UTC, empty when a stage never started). Both empty
 * (no bytes) without workloads.
 */
import { formatUtc } from '../core/time';
import type { SimulationOutput } from '../run/simulation';
import { ChunkSink, type ByteWrite } from './byte-writer';
import { csvField } from './event-csv';
import { roundSig } from './result';
import { WORKLOAD_SERIES_COLUMNS } from './workload-json';

/** Streams the workload series: timeUtc then WORKLOAD_SERIES_COLUMNS, one line per step. */
export function writeWorkloadSeriesCsv(out: SimulationOutput, write: ByteWrite, chunkBytes = 1 << 20): void {
  const w = out.workloads;
  if (!w || out.series.timeMs.length === 0) return;
  const sink = new ChunkSink(write, chunkBytes);
  sink.text(`timeUtc,${WORKLOAD_SERIES_COLUMNS.join(',')}\n`);
  for (let n = 0; n < out.series.timeMs.length; n++) {
    let line = formatUtc(out.series.timeMs[n]);
    for (const c of WORKLOAD_SERIES_COLUMNS) {
      const x = w.series[c][n];
      line += Number.isFinite(x) ? `,${roundSig(x, 9)}` : ',';
    }
    sink.text(`${line}\n`);
  }
  sink.flush();
}

/** Streams the batch jobs: workload, satellite, arrival, deadline, stage starts, done, outcome. */
export function writeJobsCsv(out: SimulationOutput, write: ByteWrite, chunkBytes = 1 << 20): void {
  const w = out.workloads;
  if (!w) return;
  const sink = new ChunkSink(write, chunkBytes);
  sink.text('workload,satellite,arrivalUtc,deadlineUtc,upStartUtc,computeStartUtc,downStartUtc,doneUtc,outcome\n');
  const utc = (ms: number | null) => (ms === null ? '' : formatUtc(ms));
  for (const j of w.jobs) {
    const sat = j.satellite === null ? '' : csvField(out.satellites[j.satellite].name);
    sink.text(`${csvField(j.workload)},${sat},${utc(j.arrivalMs)},${utc(j.deadlineMs)},${utc(j.upStartMs)},${utc(j.computeStartMs)},${utc(j.downStartMs)},${utc(j.doneMs)},${j.outcome}\n`);
  }
  sink.flush();
}
