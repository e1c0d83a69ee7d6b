/**
 * Reads a sweep results CSV back: the inverse of sweepCsv (sweep.ts), for
 * results computed elsewhere (`npm run sim -- sweep`, shards joined by
 * `sweep-merge`, a queue). Format (RFC 4180 quoting, LF or CRLF):
 *   header: 1–2 varied field paths, then every KPI name (KPI_NAMES) once;
 *   rows:   one per design, the field values then the KPIs; a KPI cell is a
 *           decimal number, or empty for a KPI that may be null (NULLABLE_KPIS).
 * No units are converted: the values are the CSV's (SI / the KPI names' units).
 * Strict: any problem is reported with its 1-based line and column, nothing
 * is guessed; field values must be numbers (the app plots numeric sweeps).
 */
import { KPI_NAMES, NULLABLE_KPIS } from './result';
import { MAX_SWEEP_DESIGNS, sweepSchema } from './sweep';
import type { Kpis } from '../run/simulation';

export interface SweepCsvRow {
  /** 1-based line of the row in the file. */
  line: number;
  /** Values of the varied fields, in header order. */
  values: number[];
  kpis: Kpis;
}

export type SweepCsvParse =
  | { ok: true; fields: string[]; rows: SweepCsvRow[] }
  /** `line` / `column`: 1-based; column absent when the problem is the whole line. */
  | { ok: false; error: string; line: number; column?: number };

/** Characters a CSV may have (a 10 000-design sweep is about 4 MB). */
export const MAX_SWEEP_CSV_CHARS = 50_000_000;

interface Record_ {
  line: number;
  cells: string[];
}

class CsvError extends Error {
  constructor(
    readonly line: number,
    readonly column: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** Splits RFC 4180 text into records (a quoted cell may hold commas, quotes as "" and line breaks). */
function records(text: string): Record_[] {
  const out: Record_[] = [];
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  while (i < n) {
    const rec: Record_ = { line, cells: [] };
    for (;;) {
      let cell = '';
      if (text[i] === '"') {
        const startLine = line;
        i++;
        for (;;) {
          if (i >= n) throw new CsvError(startLine, rec.cells.length + 1, 'unterminated quoted cell');
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          cell += c;
          i++;
        }
        if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') throw new CsvError(line, rec.cells.length + 1, 'unexpected text after a closing quote');
      } else {
        const start = i;
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          if (text[i] === '"') throw new CsvError(line, rec.cells.length + 1, 'quote inside an unquoted cell');
          i++;
        }
        cell = text.slice(start, i);
      }
      rec.cells.push(cell);
      if (i < n && text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    else if (i < n) throw new CsvError(line, rec.cells.length, 'a lone carriage return');
    line++;
    out.push(rec);
  }
  return out;
}

/** A plain decimal number (no hex, no Infinity, no spaces). */
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

const fieldPath = sweepSchema.shape.vary.element.shape.field;

const quote = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** Parses a sweep results CSV; errors name the line and column. */
export function parseSweepCsv(text: string): SweepCsvParse {
  try {
    return { ok: true, ...parse(text) };
  } catch (e) {
    if (e instanceof CsvError) return { ok: false, error: `line ${e.line}${e.column !== undefined ? `, column ${e.column}` : ''}: ${e.message}`, line: e.line, column: e.column };
    throw e;
  }
}

function parse(text: string): { fields: string[]; rows: SweepCsvRow[] } {
  if (text.length > MAX_SWEEP_CSV_CHARS) throw new CsvError(1, undefined, `the file has more than ${MAX_SWEEP_CSV_CHARS.toLocaleString('en-US')} characters`);
  const recs = records(text);
  // Blank lines at the end are fine; elsewhere they are an error.
  while (recs.length && recs[recs.length - 1].cells.length === 1 && recs[recs.length - 1].cells[0] === '') recs.pop();
  if (recs.length === 0) throw new CsvError(1, undefined, 'the file is empty');
  const header = recs[0].cells;
  const kpiSet = new Set<string>(KPI_NAMES);
  let nFields = 0;
  while (nFields < header.length && !kpiSet.has(header[nFields])) nFields++;
  if (nFields === 0) throw new CsvError(1, 1, `expected a varied field path (such as constellation.altitudeKm) before the KPI columns, found ${quote(header[0])}`);
  if (nFields === header.length) throw new CsvError(1, undefined, `no KPI columns (expected ${KPI_NAMES[0]}, ${KPI_NAMES[1]}, … after the field paths)`);
  if (nFields > 2) throw new CsvError(1, 3, `${quote(header[2])} is not a KPI name, and a sweep varies at most two fields`);
  const fields = header.slice(0, nFields);
  fields.forEach((f, k) => {
    if (!fieldPath.safeParse(f).success) throw new CsvError(1, k + 1, `${quote(f)} is not a field path such as constellation.altitudeKm`);
  });
  if (nFields === 2 && fields[0] === fields[1]) throw new CsvError(1, 2, `field ${quote(fields[1])} appears twice`);
  const kpiColumn = new Map<string, number>();
  for (let c = nFields; c < header.length; c++) {
    const name = header[c];
    if (!kpiSet.has(name)) throw new CsvError(1, c + 1, `unknown column ${quote(name)}: after the field paths every column is a KPI (${KPI_NAMES.length} in all, see KPI_NAMES)`);
    if (kpiColumn.has(name)) throw new CsvError(1, c + 1, `KPI ${quote(name)} appears twice (first in column ${kpiColumn.get(name)! + 1})`);
    kpiColumn.set(name, c);
  }
  const missing = KPI_NAMES.filter((k) => !kpiColumn.has(k));
  if (missing.length) throw new CsvError(1, undefined, `missing KPI column${missing.length === 1 ? '' : 's'}: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`);
  if (recs.length === 1) throw new CsvError(2, undefined, 'no result rows after the header');
  if (recs.length - 1 > MAX_SWEEP_DESIGNS) throw new CsvError(MAX_SWEEP_DESIGNS + 2, undefined, `more than ${MAX_SWEEP_DESIGNS} result rows (the sweep limit)`);
  const width = header.length;
  const seen = new Map<string, number>();
  const rows: SweepCsvRow[] = [];
  for (let r = 1; r < recs.length; r++) {
    const { line, cells } = recs[r];
    if (cells.length === 1 && cells[0] === '') throw new CsvError(line, undefined, 'empty line');
    if (cells.length < width) throw new CsvError(line, cells.length + 1, `missing: the row has ${cells.length} columns, the header ${width}`);
    if (cells.length > width) throw new CsvError(line, width + 1, `extra column: the row has ${cells.length} columns, the header ${width}`);
    const values: number[] = [];
    for (let c = 0; c < nFields; c++) {
      const s = cells[c];
      if (!NUMBER.test(s)) throw new CsvError(line, c + 1, `${fields[c]}: ${s === '' ? 'empty' : `${quote(s)} is not a number`} (the app plots numeric sweeps)`);
      values.push(Number(s));
    }
    const key = values.join(',');
    const first = seen.get(key);
    if (first !== undefined) throw new CsvError(line, undefined, `design ${fields.map((f, k) => `${f}=${values[k]}`).join(', ')} appears twice (first on line ${first})`);
    seen.set(key, line);
    const kpis = {} as Record<string, number | null>;
    for (const name of KPI_NAMES) {
      const c = kpiColumn.get(name)!;
      const s = cells[c];
      if (s === '') {
        if (!NULLABLE_KPIS.has(name)) throw new CsvError(line, c + 1, `${name}: empty, but this KPI always has a value`);
        kpis[name] = null;
      } else if (!NUMBER.test(s)) throw new CsvError(line, c + 1, `${name}: ${quote(s)} is not a number`);
      else kpis[name] = Number(s);
    }
    rows.push({ line, values, kpis: kpis as unknown as Kpis });
  }
  return { fields, rows };
}
