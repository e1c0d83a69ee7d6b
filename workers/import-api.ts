/**
 * The element-set import worker's one exposed object (DOM-free, unit-tested in
 * Node): parses pasted or loaded TLE text (2- and 3-line sets) or OMM JSON in
 * chunks, reporting progress between chunks, so tens of thousands of sets
 * never block the page. The result is what a single engine `parseTle` /
 * `parseOmm` call gives (same records, same errors with the same line numbers
 * or record indices): chunks are cut only where a set begins, and each chunk
 * is parsed with its line numbers preserved.
 */
import { parseOmm, parseTle, type ElementError, type ElementRecord, type ParseResult } from '../src/engine/input/elements';
import type { Scenario } from '../src/engine/input/scenario';
import { describeJsonSyntaxError, MAX_TEXT_CHARS } from '../src/engine/input/json-text';
import { inputHash } from '../src/engine/input/scenario-hash';

export type ElementFormat = 'tle' | 'omm';

export interface ImportSummary {
  format: ElementFormat;
  /** Element sets that load. */
  count: number;
  /** Bad sets and stray lines: 1-based line numbers (TLE) or 0-based record indices (OMM), in input order. */
  errors: ElementError[];
  /** Element sets that did not load, each once however many errors it has (engine ParseResult.skipped): count + skipped sets were read. */
  skipped: number;
  /** Epoch of each good set (ms since the Unix epoch, UTC), input order. */
  epochMs: Float64Array;
  /** Names of the first good sets (TLE line 0 or OBJECT_NAME), for display. */
  sampleNames: string[];
  /** OMM only: the decoded JSON records (every record, good and bad), for the scenario. */
  records?: unknown[];
  /** Lines (TLE) or records (OMM) read. */
  items: number;
}

export type ImportOutcome = { kind: 'done'; summary: ImportSummary } | { kind: 'error'; message: string };

export interface ImportApi {
  /** Parses element sets; `format` 'auto' picks OMM when the text is JSON, else TLE. */
  parse(text: string, format: ElementFormat | 'auto', progress?: (fraction: number) => void): Promise<ImportOutcome>;
  /**
   * The input hash of a normalised scenario (src/engine/input/scenario-hash.ts), computed here so
   * multi-MB element-set texts are not serialised and hashed on the page's thread.
   */
  inputHash(scenario: Scenario): Promise<string>;
}

/** Lines per TLE chunk (about 1,000–1,500 sets): a progress step every few tens of ms. */
export const TLE_CHUNK_LINES = 4000;
/** OMM records per chunk. */
export const OMM_CHUNK_RECORDS = 1500;
const SAMPLE_NAMES = 50;

/** TLE data line kind after trimming (the engine's rule): 1, 2 or 0 for anything else. */
function lineKind(raw: string): 0 | 1 | 2 {
  let t = raw;
  if (t.charCodeAt(0) === 0xfeff) t = t.slice(1);
  t = t.trim();
  if (t.length >= 2 && t.charCodeAt(1) === 32) {
    const c = t.charCodeAt(0);
    if (c === 49) return 1;
    if (c === 50) return 2;
  }
  return 0;
}

function isBlank(raw: string): boolean {
  let t = raw;
  if (t.charCodeAt(0) === 0xfeff) t = t.slice(1);
  return t.trim() === '';
}

/**
 * Chunk start indices (0-based line indices, first is 0) so that every chunk
 * begins where a set begins: at a line 1, or at the name line right before it.
 * The parser carries no state across such a point except a pending name line,
 * which both ways report identically.
 */
export function tleChunkStarts(lines: readonly string[], chunkLines: number): number[] {
  const starts = [0];
  let i = chunkLines;
  while (i < lines.length) {
    while (i < lines.length && lineKind(lines[i]) !== 1) i++;
    if (i >= lines.length) break;
    const last = starts[starts.length - 1];
    // Back up over blank lines to a possible name line (a non-data line).
    let p = i - 1;
    while (p >= last && isBlank(lines[p])) p--;
    const cut = p >= last && lineKind(lines[p]) === 0 ? p : i;
    if (cut <= last) {
      // The set begins at the chunk's first line: look for the next one.
      i++;
      continue;
    }
    starts.push(cut);
    i = cut + chunkLines;
  }
  return starts;
}

/**
 * parseTle over `text` in chunks of about `chunkLines` lines, calling
 * `progress` after each; returns exactly what parseTle(text) returns.
 */
export function parseTleChunked(text: string, chunkLines = TLE_CHUNK_LINES, progress?: (fraction: number) => void): ParseResult & { lines: number } {
  const lines = text.split(/\r\n|\r|\n/);
  const starts = tleChunkStarts(lines, chunkLines);
  const records: ElementRecord[] = [];
  const errors: ElementError[] = [];
  let skipped = 0;
  for (let c = 0; c < starts.length; c++) {
    const a = starts[c];
    const b = c + 1 < starts.length ? starts[c + 1] : lines.length;
    // Leading empty lines keep the engine's line numbers absolute (blank lines are skipped).
    const r = parseTle('\n'.repeat(a) + lines.slice(a, b).join('\n'));
    for (const x of r.records) records.push(x);
    for (const e of r.errors) errors.push(e);
    skipped += r.skipped;
    progress?.(b / lines.length);
  }
  return { records, errors, skipped, lines: lines.length };
}

/** parseOmm over `list` in chunks, with indices and messages as one call gives them. */
export function parseOmmChunked(list: readonly unknown[], chunkRecords = OMM_CHUNK_RECORDS, progress?: (fraction: number) => void): ParseResult {
  const records: ElementRecord[] = [];
  const errors: ElementError[] = [];
  let skipped = 0;
  for (let a = 0; a < list.length; a += chunkRecords) {
    const part = list.slice(a, a + chunkRecords);
    const r = parseOmm(part);
    for (const x of r.records) records.push({ ...x, index: (x.index ?? 0) + a });
    for (const e of r.errors) {
      const index = (e.index ?? 0) + a;
      errors.push({ ...e, index, message: e.message.replace(/^record \d+/, `record ${index}`) });
    }
    skipped += r.skipped;
    progress?.(Math.min(1, (a + part.length) / list.length));
  }
  return { records, errors, skipped };
}

/** 'omm' when the text looks like JSON (first non-blank character `[` or `{`), else 'tle'. */
export function detectFormat(text: string): ElementFormat {
  const m = /\S/.exec(text.length > 4096 ? text.slice(0, 4096) : text);
  return m && (m[0] === '[' || m[0] === '{') ? 'omm' : 'tle';
}

function summarise(format: ElementFormat, r: ParseResult, items: number, records?: unknown[]): ImportSummary {
  return {
    format,
    count: r.records.length,
    errors: r.errors,
    skipped: r.skipped,
    epochMs: Float64Array.from(r.records, (x) => x.epochMs),
    sampleNames: r.records.slice(0, SAMPLE_NAMES).map((x) => x.name),
    records,
    items,
  };
}

export function createImportApi(): ImportApi {
  return {
    async parse(text, format, progress) {
      if (typeof text !== 'string' || text.trim() === '') return { kind: 'error', message: 'nothing to import: the text is empty' };
      if (text.length > MAX_TEXT_CHARS) return { kind: 'error', message: `text larger than ${MAX_TEXT_CHARS} characters` };
      const f = format === 'auto' ? detectFormat(text) : format;
      try {
        if (f === 'tle') {
          const r = parseTleChunked(text, TLE_CHUNK_LINES, progress);
          return { kind: 'done', summary: summarise('tle', r, r.lines) };
        }
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (e) {
          return { kind: 'error', message: describeJsonSyntaxError(text, e, 'OMM JSON') };
        }
        const list = Array.isArray(value) ? value : [value];
        const r = parseOmmChunked(list, OMM_CHUNK_RECORDS, progress);
        return { kind: 'done', summary: summarise('omm', r, list.length, list) };
      } catch (e) {
        return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
      }
    },
    inputHash: (scenario) => inputHash(scenario),
  };
}

/** ArrayBuffers of a summary to transfer. */
export function importTransferables(o: ImportOutcome): ArrayBuffer[] {
  return o.kind === 'done' ? [o.summary.epochMs.buffer as ArrayBuffer] : [];
}
