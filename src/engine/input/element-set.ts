/**
 * Orbital element set ingestion: NORAD two-line element sets (TLE, 2- or 3-line
 * form) and CCSDS OMM records in JSON (CelesTrak / Space-Track "GP" JSON).
 *
 * Pure module: no DOM and no Node APIs, so it runs unchanged in Web Workers.
 *
 * Conventions
 * - Angles in the inputs are degrees; mean motion is revolutions per day
 *   (rev/day); MEAN_MOTION_DOT is rev/day² (TLE convention, already divided
 *   by 2), MEAN_MOTION_DDOT is rev/day³ (already divided by 6); BSTAR is in
 *   1/earth-radii.
 * - All epochs are UTC; `epochMs` is milliseconds since the Unix epoch and may
 *   carry a fractional part (TLE epochs have ~0.9 ms resolution, OMM epochs
 *   often carry microseconds).
 * - The satrec is built by satellite.js (WGS-72 constants, opsmode 'i' —
 *   "improved" — which is what `twoline2satrec` hard-codes and what
 *   `json2satrec` defaults to).
 * - Propagate with `sgp4(satrec, (tMs - epochMs) / 60000)` (minutes since
 *   epoch). For OMM input satellite.js parses EPOCH with `Date`, so
 *   `satrec.jdsatepoch` is rounded to the millisecond; `epochMs` keeps the full
 *   precision of the EPOCH string.
 *
 * Errors never throw: every problem is collected into `errors` with a 1-based
 * line number (TLE) or a 0-based record index (OMM), and parsing continues with
 * the next element set.
 */
import type { SatRec } from 'satellite.js';

/** One successfully parsed and SGP4-initialised element set. */
export interface ElementRecord {
  /** From TLE line 0 (trimmed; may be Unicode), or OMM OBJECT_NAME, or the catalogue number when absent. */
  name: string;
  /** Catalogue number as written (trimmed string; Alpha-5 such as "A0001" allowed). */
  noradId: string;
  /** SGP4 state from satellite.js `twoline2satrec` / `json2satrec` (satrec.error === 0). */
  satrec: SatRec;
  /** Element epoch, ms since Unix epoch (UTC); may be fractional. */
  epochMs: number;
  /** 1-based line number of the first line of this set (the name line for 3-line sets) in the TLE text. */
  line?: number;
  /** 0-based index in the OMM array. */
  index?: number;
}

/** A problem found while parsing. `message` always names the line or record. */
export interface ElementError {
  /** 1-based line number (TLE) where the problem is. */
  line?: number;
  /** 0-based record index (OMM). */
  index?: number;
  /** Offending field, e.g. 'checksum', 'eccentricity', 'MEAN_MOTION'. */
  field?: string;
  /** Human readable, e.g. "line 7: ..." or "record 3 (ISS (ZARYA)): field MEAN_MOTION ...". */
  message: string;
}

export interface ParseResult {
  records: ElementRecord[];
  /** Every problem found; one bad set may have several (e.g. both checksums). */
  errors: ElementError[];
  /**
   * Element sets that did not load, each counted once however many errors it
   * has: TLE sets with an error, and data lines without their partner (a line
   * 1 not followed by a line 2, a line 2 without a line 1); OMM records with an
   * error. Stray lines that are no data line (a name not followed by a line 1)
   * are errors but no set. records.length + skipped = sets read.
   */
  skipped: number;
}

/** Longest satellite name kept (characters); longer names (TLE line 0, OMM OBJECT_NAME) are shortened with "…". */
export const MAX_NAME_CHARS = 100;

/** Longest input value echoed back in an error message (characters). */
const MAX_ECHO_CHARS = 40;

export function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** JSON rendering of an offending value for a message, shortened (a 10 MB string is not echoed whole). */
export function quote(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(shorten(v, MAX_ECHO_CHARS));
  if (typeof v === 'number') return describeNumber(v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : typeof v;
}

/** A number as JSON would show it; non-finite values (JSON 1e400 decodes to Infinity) in words. */
export function describeNumber(x: number): string {
  if (Number.isNaN(x)) return 'a value that is not a number';
  if (!Number.isFinite(x)) return `a number too large to represent (${x > 0 ? '' : '-'}1e309 or beyond)`;
  return String(x);
}

/** satellite.js SatRecError codes → description. */
const SGP4_ERRORS: Record<number, string> = {
  1: 'mean eccentricity out of range 0 <= e < 1',
  2: 'mean motion below zero',
  3: 'perturbed eccentricity out of range 0 <= e < 1',
  4: 'semi-latus rectum below zero',
  5: 'epoch elements are sub-orbital',
  6: 'satellite has decayed',
};

/** Human-readable description of a satellite.js `satrec.error` code. */
export function describeSgp4Error(code: number): string {
  return `SGP4 error code ${code} (${SGP4_ERRORS[code] ?? 'unknown'})`;
}

