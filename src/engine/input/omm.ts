/**
 * CCSDS OMM records in JSON (CelesTrak / Space-Track "GP" JSON): numbers or
 * numeric strings, EPOCH as a UTC calendar date-time kept to the microsecond;
 * every problem is reported with its 0-based record index and parsing
 * continues with the next record. Conventions in element-set.ts.
 */
import { json2satrec } from 'satellite.js';
import type { OMMJsonObject } from 'satellite.js';
import { parseUtcMs } from '../core/time';
import { describeNumber, describeSgp4Error, MAX_NAME_CHARS, quote, shorten, type ElementError, type ElementRecord, type ParseResult } from './element-set';

/** Decimal with optional exponent, as used in OMM numeric strings. */
const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

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
 * strings are rejected with an error naming the record index and field;
 * `skipped` counts the records that did not load, once each.
 */
export function parseOmm(input: unknown): ParseResult {
  const records: ElementRecord[] = [];
  const errors: ElementError[] = [];
  let skipped = 0;
  let list: unknown[];
  if (Array.isArray(input)) list = input;
  else if (isPlainObject(input)) list = [input];
  else {
    errors.push({ message: `record 0: OMM input must be an object or an array of objects, got ${input === null ? 'null' : typeof input}` });
    return { records, errors, skipped };
  }
  for (let i = 0; i < list.length; i++) {
    const rec = buildOmmRecord(list[i], i, errors);
    if (rec) records.push(rec);
    else skipped++;
  }
  return { records, errors, skipped };
}
