/**
 * The series as CSV (CLI `--csv`, browser export): a header of the document's
 * series keys, then one line per step with the values of seriesRow.
 */
import type { SimulationOutput } from '../run/simulation';
import { ChunkSink, UtcBytes, type ByteWrite } from './byte-writer';
import { SERIES_COLUMNS, seriesName, type ResultDocument } from './result';
import { rowFormat, writeSeriesRows } from './series-rows';

const SERIES_CSV = rowFormat(
  SERIES_COLUMNS.map((_, j) => (j ? ',' : '')),
  '\n',
  -1,
  (x) => String(x),
);

/**
 * Streams the series as CSV (header + one row per step, the bytes of
 * seriesCsv(resultDocument(out))) through `write`, chunked as writeResultJson.
 * Writes nothing when there are no steps.
 */
export function writeSeriesCsv(out: SimulationOutput, write: ByteWrite, chunkBytes = 1 << 20): void {
  if (out.series.timeMs.length === 0) return;
  const sink = new ChunkSink(write, chunkBytes);
  sink.text(`${SERIES_COLUMNS.map(([c]) => seriesName(c)).join(',')}\n`);
  writeSeriesRows(sink, out, SERIES_CSV, new UtcBytes());
  sink.flush();
}

/** Series as CSV (header + one row per step) from a built document: the reference of writeSeriesCsv. */
export function seriesCsv(doc: ResultDocument): string {
  if (doc.series.length === 0) return '';
  const cols = Object.keys(doc.series[0]);
  const lines = [cols.join(',')];
  for (const row of doc.series) lines.push(cols.map((c) => String(row[c])).join(','));
  return `${lines.join('\n')}\n`;
}
