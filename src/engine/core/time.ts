/**
 * Simulation clock. Time inside the engine is an integer count of milliseconds
 * since the Unix epoch (UTC), so long runs do not drift; Julian dates and Date
 * objects are derived from it. UTC strings appear only at the edges.
 */

/** Julian date of the Unix epoch 1970-01-01T00:00:00Z. */
export const JD_UNIX_EPOCH = 2440587.5;

/** Julian date (UTC) from integer milliseconds since the Unix epoch. */
export function julianDateFromMs(timeMs: number): number {
  return JD_UNIX_EPOCH + timeMs / 86_400_000;
}

/** Parses an ISO 8601 UTC timestamp; returns NaN when invalid. */
export function parseUtcMs(iso: string): number {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(iso)) return Number.NaN;
  // Strings without a zone are UTC by our convention.
  const withZone = /T.*(Z|[+-]\d{2}:?\d{2})$/.test(iso) || !iso.includes('T') ? iso : `${iso}Z`;
  const ms = Date.parse(withZone);
  // Reject dates that Date.parse rolls over (e.g. 30 February, hour 25).
  const [, y, mo, d, h, mi, sec] = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(iso) ?? [];
  const dim = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > dim) return Number.NaN;
  if ((h !== undefined && Number(h) > 23) || (mi !== undefined && Number(mi) > 59) || (sec !== undefined && Number(sec) > 59)) return Number.NaN;
  return ms;
}

/** ISO 8601 UTC with millisecond precision: `2026-06-21T00:00:00.000Z`. */
export function formatUtc(timeMs: number): string {
  return new Date(Math.round(timeMs)).toISOString();
}
