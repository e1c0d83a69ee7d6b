/**
 * NORAD two-line element sets (2- or 3-line form): columns, checksums,
 * implied-decimal fields and the 1957–2056 epoch-year window, as in the
 * NORAD/Spacetrack Report #3 format; every problem is reported with its
 * 1-based line number and parsing continues with the next set. Conventions
 * (units, epochs, satellite.js opsmode) in element-set.ts.
 */
import { twoline2satrec } from 'satellite.js';
import { MS_PER_DAY } from '../core/constants';
import { describeSgp4Error, MAX_NAME_CHARS, shorten, type ElementError, type ElementRecord, type ParseResult } from './element-set';

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

/** Plain decimal number: optional sign, digits with optional point (no exponent, no inner spaces). */
const DECIMAL_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;
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
 *   and parsing continues; good sets still load. `skipped` counts the sets
 *   that did not load once each (element-set.ts ParseResult). Runs in linear time.
 */
export function parseTle(text: string, options: ParseTleOptions = {}): ParseResult {
  const opts: Required<ParseTleOptions> = { checksum: options.checksum ?? true };
  const records: ElementRecord[] = [];
  const errors: ElementError[] = [];
  let skipped = 0;
  if (typeof text !== 'string') {
    errors.push({ message: 'line 1: TLE input is not text' });
    return { records, errors, skipped };
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
        else skipped++;
        i = j;
      } else {
        errors.push({ line: i + 1, field: 'line2', message: `line ${i + 1}: TLE line 1 is not followed by a line 2` });
        skipped++;
        // Leave line j to be processed by the main loop.
      }
      pendingName = undefined;
    } else if (kind === 2) {
      errors.push({ line: i + 1, field: 'line1', message: `line ${i + 1}: TLE line 2 without a preceding line 1` });
      skipped++;
      if (pendingName) orphan(pendingName.line, pendingName.text, 'name line not followed by a TLE line 1');
      pendingName = undefined;
    } else {
      if (pendingName) orphan(pendingName.line, pendingName.text, 'unrecognised line (not followed by a TLE line 1)');
      const name = t.startsWith('0 ') ? t.slice(2).trim() : t;
      pendingName = { text: name, line: i + 1 };
    }
  }
  if (pendingName) orphan(pendingName.line, pendingName.text, 'unrecognised line (not followed by a TLE line 1)');
  return { records, errors, skipped };
}

// ---------------------------------------------------------------------------
// OMM (JSON)

