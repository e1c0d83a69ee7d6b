/**
 * Simulation clock. Time inside the engine is an integer count of milliseconds
 * since the Unix epoch (UTC), so long runs do not drift; Julian dates and Date
 * objects are derived from it. UTC strings appear only at the edges.
 */

import { MS_PER_DAY, MS_PER_MINUTE } from './constants';

/** Julian date of the Unix epoch 1970-01-01T00:00:00Z. */
export const JD_UNIX_EPOCH = 2440587.5;

/** Julian date (UTC) from integer milliseconds since the Unix epoch. */
export function julianDateFromMs(timeMs: number): number {
  return JD_UNIX_EPOCH + timeMs / MS_PER_DAY;
}

/**
 * ISO 8601 calendar date or date-time: `YYYY-MM-DD`, `YYYY-MM-DDThh:mm`,
 * `YYYY-MM-DDThh:mm:ss[.f…]`, with `Z`, a `±hh:mm` / `±hhmm` offset or no
 * zone (UTC by our convention); a date alone takes no offset.
 */
const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(?:Z|([+-])(\d{2}):?(\d{2}))?$/;

/** Days in month `mo` (1–12) of year `y`, proleptic Gregorian. */
function daysInMonth(y: number, mo: number): number {
  if (mo !== 2) return mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
}

/**
 * Parses an ISO 8601 UTC time (the forms of ISO_UTC) to milliseconds since
 * the Unix epoch; NaN when it is not one or names no real time (30 February,
 * hour 24, minute 60, offsets beyond 23:59). The one parser of the engine:
 * scenario start times and OMM EPOCH strings (whose form elements.ts narrows).
 *
 * Fractions of a second: by default truncated to whole milliseconds, as
 * Date.parse does (time inside the engine is integer milliseconds); with
 * `subMillisecond`, kept in full as `whole seconds + Number(fraction) · 1000`
 * (OMM epochs carry microseconds).
 */
export function parseUtcMs(iso: string, subMillisecond = false): number {
  const m = ISO_UTC.exec(iso);
  if (!m) return Number.NaN;
  const [, ys, mos, ds, hs, mis, ss, fraction, sign, ohs, oms] = m;
  const [y, mo, d] = [Number(ys), Number(mos), Number(ds)];
  const [h, mi, sec] = [hs === undefined ? 0 : Number(hs), mis === undefined ? 0 : Number(mis), ss === undefined ? 0 : Number(ss)];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59) return Number.NaN;
  let offsetMin = 0;
  if (sign !== undefined) {
    if (hs === undefined || Number(ohs) > 23 || Number(oms) > 59) return Number.NaN;
    offsetMin = (sign === '-' ? -1 : 1) * (Number(ohs) * 60 + Number(oms));
  }
  // Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear takes them as they are.
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, sec, 0);
  const whole = date.getTime() - offsetMin * MS_PER_MINUTE;
  if (fraction === undefined) return whole;
  return subMillisecond ? whole + Number(fraction) * 1000 : whole + Number(fraction.slice(1, 4).padEnd(3, '0'));
}

/** ISO 8601 UTC with millisecond precision: `2026-06-21T00:00:00.000Z`. */
export function formatUtc(timeMs: number): string {
  return new Date(Math.round(timeMs)).toISOString();
}
