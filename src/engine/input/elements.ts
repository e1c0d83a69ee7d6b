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
import { json2satrec, twoline2satrec } from 'satellite.js';
import type { OMMJsonObject, SatRec } from 'satellite.js';
import { MS_PER_DAY } from '../core/constants';
import { parseUtcMs } from '../core/time';

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
  errors: ElementError[];
}

/** Options for {@link parseTle}. */
export interface ParseTleOptions {
  /**
   * Verify the mod-10 checksum in column 69 of lines 1 and 2 (default true).
   * Set false for hand-edited sets with stale checksums (e.g. the synthetic
   * error-code cases at the end of Vallado's SGP4-VER.TLE).
   */
  checksum?: boolean;
}

/** Length of a TLE data line (columns 1–69, column 69 being the checksum). */
export const TLE_LINE_LENGTH = 69;

/** Longest satellite name kept (characters); longer names (TLE line 0, OMM OBJECT_NAME) are shortened with "…". */
export const MAX_NAME_CHARS = 100;

/** Longest input value echoed back in an error message (characters). */
const MAX_ECHO_CHARS = 40;

function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** JSON rendering of an offending value for a message, shortened (a 10 MB string is not echoed whole). */
function quote(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(shorten(v, MAX_ECHO_CHARS));
  if (typeof v === 'number') return describeNumber(v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : typeof v;
}

/** A number as JSON would show it; non-finite values (JSON 1e400 decodes to Infinity) in words. */
function describeNumber(x: number): string {
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

/** Plain decimal number: optional sign, digits with optional point (no exponent, no inner spaces). */
const DECIMAL_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;
/** Decimal with optional exponent, as used in OMM numeric strings. */
const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Catalogue number field (cols 3–7): 5 digits (leading blanks allowed) or Alpha-5 (letter, no I/O, + 4 digits). */
const CATNUM_RE = /^(?:[ \d]{4}\d|[A-HJ-NP-Z]\d{4})$/;
/** TLE "assumed decimal point" exponential field, e.g. " 11606-4", "-11606-4", " 00000+0". */
const IMPLIED_EXP_RE = /^[ +-]\d{5}[+-]\d$/;

/**
 * TLE checksum: (sum of digits + number of '-' signs in columns 1–68) mod 10.
 * Every other character counts 0.
 */
export function tleChecksum(line: string): number {
  let sum = 0;
  const n = Math.min(line.length, TLE_LINE_LENGTH - 1);
  for (let i = 0; i < n; i++) {
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57) sum += c - 48;
    else if (c === 45) sum += 1;
  }
  return sum % 10;
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Normalise a catalogue number for comparison: numeric ids compare by value. */
function catKey(s: string): string {
  const t = s.trim();
  return /^\d+$/.test(t) ? String(Number(t)) : t;
}

/** Expand a 2-digit TLE epoch year (1957–2056 window, as in SGP4). */
function fullYear(yy: number): number {
  return yy < 57 ? 2000 + yy : 1900 + yy;
}

interface SetLines {
  name: string | undefined;
  nameLine: number | undefined;
  l1: string;
  l1No: number;
  l2: string;
  l2No: number;
}

/**
 * Validate one TLE set and build its record. Pushes errors; returns undefined
 * when the set is unusable.
 */
function buildTleRecord(set: SetLines, opts: Required<ParseTleOptions>, errors: ElementError[]): ElementRecord | undefined {
  const before = errors.length;
  const err = (line: number, field: string, msg: string): void => {
    errors.push({ line, field, message: `line ${line}: ${msg}` });
  };
  const { l1, l2, l1No, l2No } = set;

  const lenOk1 = l1.length === TLE_LINE_LENGTH;
  const lenOk2 = l2.length === TLE_LINE_LENGTH;
  if (!lenOk1) err(l1No, 'length', `TLE line 1 must be ${TLE_LINE_LENGTH} characters, found ${l1.length}`);
  if (!lenOk2) err(l2No, 'length', `TLE line 2 must be ${TLE_LINE_LENGTH} characters, found ${l2.length}`);

  if (opts.checksum) {
    for (const [l, no, which] of [[l1, l1No, 1], [l2, l2No, 2]] as const) {
      if (l.length !== TLE_LINE_LENGTH) continue; // already reported; checksum column unknown
      const c = l.charCodeAt(68) - 48;
      const expected = tleChecksum(l);
      if (!(c >= 0 && c <= 9)) err(no, 'checksum', `TLE line ${which} checksum column 69 is '${l[68]}', expected digit ${expected}`);
      else if (c !== expected) err(no, 'checksum', `TLE line ${which} checksum mismatch: column 69 has ${c}, computed ${expected}`);
    }
  }

  // Field checks. Columns are positional; only check a line when its length is right.
  const cat1 = l1.substring(2, 7);
  const cat2 = l2.substring(2, 7);
  let epochMs = NaN;
  if (lenOk1) {
    if (!CATNUM_RE.test(cat1)) err(l1No, 'catalogNumber', `catalogue number (cols 3-7) '${cat1}' is not 5 digits or Alpha-5`);
    const yy = l1.substring(18, 20);
    const dd = l1.substring(20, 32);
    if (!/^\d\d$/.test(yy) || !/^[ \d]{2}\d\.\d+$/.test(dd)) {
      err(l1No, 'epoch', `epoch (cols 19-32) '${l1.substring(18, 32)}' is not YYDDD.DDDDDDDD`);
    } else {
      const year = fullYear(Number(yy));
      const day = Number(dd);
      const maxDay = (isLeapYear(year) ? 366 : 365) + 1;
      if (!(day >= 1 && day < maxDay)) err(l1No, 'epoch', `epoch day of year ${dd.trim()} is outside 1..${maxDay}`);
      else epochMs = Date.UTC(year, 0, 1) + (day - 1) * MS_PER_DAY;
    }
    const ndot = l1.substring(33, 43).trim();
    if (!DECIMAL_RE.test(ndot)) err(l1No, 'meanMotionDot', `first derivative of mean motion (cols 34-43) '${ndot}' is not numeric`);
    const nddot = l1.substring(44, 52);
    if (!IMPLIED_EXP_RE.test(nddot)) err(l1No, 'meanMotionDdot', `second derivative of mean motion (cols 45-52) '${nddot}' is not in ±NNNNN±N form`);
    const bstar = l1.substring(53, 61);
    if (!IMPLIED_EXP_RE.test(bstar)) err(l1No, 'bstar', `BSTAR (cols 54-61) '${bstar}' is not in ±NNNNN±N form`);
    if (l1[62] === '4') err(l1No, 'ephemerisType', 'ephemeris type 4 (SGP4-XP) elements cannot be propagated with SGP4');
  }
  if (lenOk2) {
    if (!CATNUM_RE.test(cat2)) err(l2No, 'catalogNumber', `catalogue number (cols 3-7) '${cat2}' is not 5 digits or Alpha-5`);
    const num = (from: number, to: number, field: string, label: string): number => {
      const raw = l2.substring(from - 1, to).trim();
      if (!DECIMAL_RE.test(raw)) {
        err(l2No, field, `${label} (cols ${from}-${to}) '${raw}' is not numeric`);
        return NaN;
      }
      return Number(raw);
    };
    const incl = num(9, 16, 'inclination', 'inclination');
    num(18, 25, 'raan', 'right ascension of the ascending node');
    const eRaw = l2.substring(26, 33);
    let ecc = NaN;
    if (!/^[ \d]{7}$/.test(eRaw) || eRaw.trim() === '') err(l2No, 'eccentricity', `eccentricity (cols 27-33) '${eRaw}' is not numeric`);
    else ecc = Number(`0.${eRaw.replace(/ /g, '0')}`);
    num(35, 42, 'argPerigee', 'argument of perigee');
    num(44, 51, 'meanAnomaly', 'mean anomaly');
    const n = num(53, 63, 'meanMotion', 'mean motion');
    if (!Number.isNaN(incl) && !(incl >= 0 && incl <= 180)) err(l2No, 'inclination', `inclination ${incl} deg is outside 0..180`);
    if (!Number.isNaN(ecc) && !(ecc >= 0 && ecc < 1)) err(l2No, 'eccentricity', `eccentricity ${ecc} is outside 0 <= e < 1`);
    if (!Number.isNaN(n) && !(n > 0)) err(l2No, 'meanMotion', `mean motion ${n} rev/day must be > 0`);
  }
  if (lenOk1 && lenOk2 && CATNUM_RE.test(cat1) && CATNUM_RE.test(cat2) && catKey(cat1) !== catKey(cat2)) {
    err(l2No, 'catalogNumber', `catalogue number '${cat2.trim()}' does not match line 1 (line ${l1No}) '${cat1.trim()}'`);
  }
  if (errors.length !== before) return undefined;

  const satrec = twoline2satrec(l1, l2);
  if (satrec.error !== 0) {
    err(l1No, 'sgp4', `SGP4 initialisation failed: ${describeSgp4Error(satrec.error)}`);
    return undefined;
  }
  const noradId = cat1.trim();
  return {
    name: set.name !== undefined && set.name !== '' ? shorten(set.name, MAX_NAME_CHARS) : noradId,
    noradId,
    satrec,
    epochMs,
    line: set.nameLine ?? l1No,
  };
}

/** Line starts with "1 " or "2 " (after removing indentation), i.e. is a TLE data line. */
function dataLineKind(t: string): 1 | 2 | 0 {
  if (t.length >= 2 && t.charCodeAt(1) === 32) {
    const c = t.charCodeAt(0);
    if (c === 49) return 1;
    if (c === 50) return 2;
  }
  return 0;
}

/**
 * Parse TLE text containing any mix of 2-line and 3-line element sets.
 *
 * - Line endings `\n`, `\r\n` and `\r`; a leading BOM; blank lines are ignored.
 * - A line starting with "1 " begins a set; the next non-blank line must start
 *   with "2 ". A non-blank line that starts with neither and is directly
 *   followed by a line 1 is the set's name (line 0); a leading "0 " is
 *   stripped, and the name is trimmed.
 * - Data lines are right-trimmed; indentation before the leading "1"/"2" is
 *   removed (columns are counted from that character) and the remainder must
 *   be exactly 69 characters.
 * - Errors in one set (or stray lines) are reported with 1-based line numbers
 *   and parsing continues; good sets still load. Runs in linear time.
 */
export function parseTle(text: string, options: ParseTleOptions = {}): ParseResult {
  const opts: Required<ParseTleOptions> = { checksum: options.checksum ?? true };
  const records: ElementRecord[] = [];
  const errors: ElementError[] = [];
  if (typeof text !== 'string') {
    errors.push({ message: 'line 1: TLE input is not text' });
    return { records, errors };
  }
  const lines = text.split(/\r\n|\r|\n/);
  /** Cleaned line i: BOM removed, right-trimmed, indentation removed. */
  const clean = (i: number): string => {
    let s = lines[i];
    if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    return s.trim();
  };
  const orphan = (lineNo: number, content: string, why: string): void => {
    const shown = content.length > 40 ? `${content.slice(0, 40)}…` : content;
    errors.push({ line: lineNo, field: 'line', message: `line ${lineNo}: ${why}: '${shown}'` });
  };

  let pendingName: { text: string; line: number } | undefined;
  const n = lines.length;
  for (let i = 0; i < n; i++) {
    const t = clean(i);
    if (t === '') continue;
    const kind = dataLineKind(t);
    if (kind === 1) {
      // Find the next non-blank line.
      let j = i + 1;
      let next = '';
      while (j < n && (next = clean(j)) === '') j++;
      if (j < n && dataLineKind(next) === 2) {
        const rec = buildTleRecord(
          { name: pendingName?.text, nameLine: pendingName?.line, l1: t, l1No: i + 1, l2: next, l2No: j + 1 },
          opts,
          errors,
        );
        if (rec) records.push(rec);
        i = j;
      } else {
        errors.push({ line: i + 1, field: 'line2', message: `line ${i + 1}: TLE line 1 is not followed by a line 2` });
        // Leave line j to be processed by the main loop.
      }
      pendingName = undefined;
    } else if (kind === 2) {
      errors.push({ line: i + 1, field: 'line1', message: `line ${i + 1}: TLE line 2 without a preceding line 1` });
      if (pendingName) orphan(pendingName.line, pendingName.text, 'name line not followed by a TLE line 1');
      pendingName = undefined;
    } else {
      if (pendingName) orphan(pendingName.line, pendingName.text, 'unrecognised line (not followed by a TLE line 1)');
      const name = t.startsWith('0 ') ? t.slice(2).trim() : t;
      pendingName = { text: name, line: i + 1 };
    }
  }
  if (pendingName) orphan(pendingName.line, pendingName.text, 'unrecognised line (not followed by a TLE line 1)');
  return { records, errors };
}

// ---------------------------------------------------------------------------
// OMM (JSON)

/** The form of an OMM EPOCH: a calendar date-time with seconds, UTC ('Z' optional, no other offset). */
const OMM_EPOCH_FORM = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?$/;

/**
 * An OMM EPOCH string as ms since the Unix epoch, its fraction kept below the
 * millisecond (parseUtcMs), or undefined when it is not of OMM_EPOCH_FORM or
 * names no real time.
 */
function parseOmmEpochMs(s: string): number | undefined {
  const t = s.trim();
  if (!OMM_EPOCH_FORM.test(t)) return undefined;
  const ms = parseUtcMs(t, true);
  return Number.isNaN(ms) ? undefined : ms;
}

type Coerced = { ok: true; value: number } | { ok: false; why: string };

/** Accept a finite number or a numeric string (CelesTrak publishes numbers, Space-Track strings). */
function coerceNumber(v: unknown): Coerced {
  if (typeof v === 'number') {
    return Number.isFinite(v) ? { ok: true, value: v } : { ok: false, why: `must be a finite number, got ${describeNumber(v)}` };
  }
  if (typeof v === 'string') {
    const t = v.trim();
    if (!NUMBER_RE.test(t)) return { ok: false, why: `must be numeric, got ${quote(v)}` };
    const x = Number(t);
    // "1e400" matches the pattern but is not a finite double.
    return Number.isFinite(x) ? { ok: true, value: x } : { ok: false, why: `must be a finite number, got ${quote(v)}` };
  }
  return { ok: false, why: `must be a number or numeric string, got ${quote(v)}` };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Angles are published in 0..360 deg; accept -360..360 (a 1e300 angle has lost all precision). */
function angle(x: number): string | undefined {
  return x >= -360 && x <= 360 ? undefined : `must be within -360..360 deg, got ${x}`;
}

/** Numeric OMM fields: [name, required, check on the value (returns a complaint or undefined)]. */
const OMM_NUMERIC: ReadonlyArray<readonly [string, boolean, ((x: number) => string | undefined) | undefined]> = [
  ['MEAN_MOTION', true, (x) => (x > 0 ? undefined : `must be > 0 rev/day, got ${x}`)],
  ['ECCENTRICITY', true, (x) => (x >= 0 && x < 1 ? undefined : `must satisfy 0 <= e < 1, got ${x}`)],
  ['INCLINATION', true, (x) => (x >= 0 && x <= 180 ? undefined : `must be within 0..180 deg, got ${x}`)],
  ['RA_OF_ASC_NODE', true, angle],
  ['ARG_OF_PERICENTER', true, angle],
  ['MEAN_ANOMALY', true, angle],
  ['BSTAR', false, undefined],
  ['MEAN_MOTION_DOT', false, undefined],
  ['MEAN_MOTION_DDOT', false, undefined],
];

function buildOmmRecord(raw: unknown, index: number, errors: ElementError[]): ElementRecord | undefined {
  if (!isPlainObject(raw)) {
    errors.push({ index, message: `record ${index}: not an OMM object (got ${Array.isArray(raw) ? 'array' : raw === null ? 'null' : typeof raw})` });
    return undefined;
  }
  const before = errors.length;
  const nameRaw = raw.OBJECT_NAME;
  const name = typeof nameRaw === 'string' ? shorten(nameRaw.trim(), MAX_NAME_CHARS) : '';
  const idRaw = raw.NORAD_CAT_ID;
  let noradId = '';
  if (typeof idRaw === 'number' && Number.isInteger(idRaw) && idRaw >= 0) noradId = String(idRaw);
  else if (typeof idRaw === 'string' && /^(?:\d{1,9}|[A-HJ-NP-Z]\d{4})$/.test(idRaw.trim())) noradId = idRaw.trim();
  const label = `record ${index}${name ? ` (${name})` : noradId ? ` (${noradId})` : ''}`;
  const err = (field: string, msg: string): void => {
    errors.push({ index, field, message: `${label}: field ${field} ${msg}` });
  };

  if (nameRaw !== undefined && nameRaw !== null && typeof nameRaw !== 'string') err('OBJECT_NAME', `must be a string, got ${typeof nameRaw}`);
  if (idRaw === undefined || idRaw === null) err('NORAD_CAT_ID', 'is missing');
  else if (noradId === '') err('NORAD_CAT_ID', `must be a catalogue number (integer or Alpha-5), got ${quote(idRaw)}`);

  let epochMs: number | undefined;
  const epochRaw = raw.EPOCH;
  if (epochRaw === undefined || epochRaw === null) err('EPOCH', 'is missing');
  else if (typeof epochRaw !== 'string') err('EPOCH', `must be an ISO 8601 UTC string, got ${typeof epochRaw}`);
  else if ((epochMs = parseOmmEpochMs(epochRaw)) === undefined) err('EPOCH', `must be ISO 8601 UTC 'YYYY-MM-DDThh:mm:ss[.f][Z]', got ${quote(epochRaw)}`);

  const values: Record<string, number> = {};
  for (const [field, required, check] of OMM_NUMERIC) {
    const v = raw[field];
    if (v === undefined || v === null || v === '') {
      if (required) err(field, 'is missing');
      else values[field] = 0;
      continue;
    }
    const c = coerceNumber(v);
    if (!c.ok) {
      err(field, c.why);
      continue;
    }
    const complaint = check?.(c.value);
    if (complaint) err(field, complaint);
    else values[field] = c.value;
  }

  // Elements fitted for another theory (e.g. Space-Track SGP4-XP, ephemeris type 4) are not SGP4 mean elements.
  const theory = raw.MEAN_ELEMENT_THEORY;
  if (theory !== undefined && theory !== null && String(theory).trim().toUpperCase() !== 'SGP4') {
    err('MEAN_ELEMENT_THEORY', `must be 'SGP4', got ${quote(theory)}`);
  }
  const ephType = raw.EPHEMERIS_TYPE;
  if (ephType !== undefined && ephType !== null && String(ephType).trim() !== '0') {
    err('EPHEMERIS_TYPE', `must be 0 (SGP4), got ${quote(ephType)}`);
  }

  if (errors.length !== before || epochMs === undefined) return undefined;

  // json2satrec parses EPOCH with Date (ms resolution); hand it a canonical ISO string.
  const omm: OMMJsonObject = {
    OBJECT_NAME: name,
    OBJECT_ID: typeof raw.OBJECT_ID === 'string' ? raw.OBJECT_ID : '',
    NORAD_CAT_ID: noradId,
    EPOCH: new Date(Math.round(epochMs)).toISOString(),
    MEAN_MOTION: values.MEAN_MOTION,
    ECCENTRICITY: values.ECCENTRICITY,
    INCLINATION: values.INCLINATION,
    RA_OF_ASC_NODE: values.RA_OF_ASC_NODE,
    ARG_OF_PERICENTER: values.ARG_OF_PERICENTER,
    MEAN_ANOMALY: values.MEAN_ANOMALY,
    ELEMENT_SET_NO: 0,
    BSTAR: values.BSTAR,
    MEAN_MOTION_DOT: values.MEAN_MOTION_DOT,
    MEAN_MOTION_DDOT: values.MEAN_MOTION_DDOT,
  };
  const satrec = json2satrec(omm);
  if (satrec.error !== 0) {
    errors.push({ index, field: 'sgp4', message: `${label}: SGP4 initialisation failed: ${describeSgp4Error(satrec.error)}` });
    return undefined;
  }
  return { name: name || noradId, noradId, satrec, epochMs, index };
}

/**
 * Parse OMM JSON: an array of OMM objects, or a single object. Required
 * fields: NORAD_CAT_ID, EPOCH (ISO 8601 UTC, 'Z' optional), MEAN_MOTION
 * (rev/day, > 0), ECCENTRICITY (0 <= e < 1), INCLINATION (deg, 0–180),
 * RA_OF_ASC_NODE, ARG_OF_PERICENTER, MEAN_ANOMALY (deg). Optional:
 * OBJECT_NAME, BSTAR, MEAN_MOTION_DOT, MEAN_MOTION_DDOT (default 0).
 * Numbers may be JSON numbers or numeric strings; NaN/Infinity/non-numeric
 * strings are rejected with an error naming the record index and field.
 */
export function parseOmm(input: unknown): ParseResult {
  const records: ElementRecord[] = [];
  const errors: ElementError[] = [];
  let list: unknown[];
  if (Array.isArray(input)) list = input;
  else if (isPlainObject(input)) list = [input];
  else {
    errors.push({ message: `record 0: OMM input must be an object or an array of objects, got ${input === null ? 'null' : typeof input}` });
    return { records, errors };
  }
  for (let i = 0; i < list.length; i++) {
    const rec = buildOmmRecord(list[i], i, errors);
    if (rec) records.push(rec);
  }
  return { records, errors };
}

// ---------------------------------------------------------------------------
// Epoch distance

/**
 * Element sets whose epoch lies more than this many days from the scenario
 * start (before or after) draw a warning. SGP4 mean elements are fitted
 * around their epoch; in LEO the along-track error grows by kilometres per
 * day, and sets weeks old often decay under their own drag term.
 */
export const EPOCH_WARNING_DAYS = 30;

/** A loaded element set that deserves a note; `message` names its line or record. */
export interface ElementWarning {
  line?: number;
  index?: number;
  field: 'epoch';
  message: string;
}

/**
 * Warnings for records whose epoch is more than `maxDays` days from `startMs`
 * (ms since the Unix epoch, UTC). The records still load and run.
 */
export function epochWarnings(records: readonly ElementRecord[], startMs: number, maxDays = EPOCH_WARNING_DAYS): ElementWarning[] {
  const out: ElementWarning[] = [];
  for (const r of records) {
    const days = (r.epochMs - startMs) / MS_PER_DAY;
    if (!(Math.abs(days) > maxDays)) continue;
    const where = r.line !== undefined ? `line ${r.line}` : `record ${r.index ?? 0}`;
    const epoch = new Date(Math.round(r.epochMs)).toISOString();
    const side = days < 0 ? 'before' : 'after';
    out.push({
      ...(r.line !== undefined ? { line: r.line } : { index: r.index ?? 0 }),
      field: 'epoch',
      message: `${where}: element set ${r.noradId} (${r.name}) has epoch ${epoch}, ${Math.abs(days).toFixed(1)} days ${side} the scenario start (more than ${maxDays}); SGP4 accuracy degrades away from the epoch`,
    });
  }
  return out;
}
