/**
 * Series rows as bytes, framed for JSON (result-json.ts) or CSV
 * (series-csv.ts): the columns of SERIES_COLUMNS, each written as seriesRow
 * writes it (time → formatUtc, sig → roundSig(x, 9), int → as is).
 */
import type { SimulationOutput } from '../run/simulation';
import { FIELD_MAX, putBytes, putInt, putSig, words, type ChunkSink, type UtcBytes, type Words } from './byte-writer';
import { SERIES_COLUMNS } from './result';

/** How series rows are framed: bytes before each field, after the row, between rows; non-finite `int` values. */
export interface RowFormat {
  before: Words[];
  after: Words;
  /** Byte between rows, or −1. */
  separator: number;
  /** The text of a non-finite `int` value (JSON: null; CSV: String(x)). */
  nonFinite: (x: number) => string;
  rowMax: number;
}

export function rowFormat(before: string[], after: string, separator: number, nonFinite: (x: number) => string): RowFormat {
  const frame = [...before, after].reduce((n, s) => n + s.length, 0);
  return { before: before.map(words), after: words(after), separator, nonFinite, rowMax: frame + 1 + FIELD_MAX * before.length };
}

/** Writes the series rows (JSON objects or CSV lines, per `f`). */
export function writeSeriesRows(sink: ChunkSink, out: SimulationOutput, f: RowFormat, utc: UtcBytes): void {
  const cols = SERIES_COLUMNS.map(([c]) => out.series[c]);
  const kinds = SERIES_COLUMNS.map(([, kind]) => kind);
  const K = out.series.timeMs.length;
  for (let n = 0; n < K; n++) {
    const v = sink.reserve(f.rowMax);
    let p = sink.pos;
    if (n && f.separator >= 0) v.setUint8(p++, f.separator);
    for (let j = 0; j < cols.length; j++) {
      p = putBytes(v, p, f.before[j]);
      const x = cols[j][n];
      if (kinds[j] === 'sig') p = putSig(v, p, x, 9);
      else if (kinds[j] === 'int') p = putInt(v, p, x, f.nonFinite);
      else p = utc.put(v, p, x);
    }
    sink.pos = putBytes(v, p, f.after);
  }
}
