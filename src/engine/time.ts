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

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * formatUtc for long streams of times (result files with millions of
 * events): the `YYYY-MM-DDT` part is cached per UTC day and the clock part
 * built from integers. Same strings as formatUtc (tested); years outside
 * 0000–9999 fall back to it.
 */
export class UtcFormatter {
  private day = Number.NaN;
  private prefix = '';

  format(timeMs: number): string {
    const t = Math.round(timeMs);
    const day = Math.floor(t / 86_400_000);
    if (day !== this.day) {
      const iso = formatUtc(day * 86_400_000);
      if (iso.length !== 24) return formatUtc(t);
      this.day = day;
      this.prefix = iso.slice(0, 11);
    }
    let r = t - day * 86_400_000;
    const h = Math.floor(r / 3_600_000);
    r -= h * 3_600_000;
    const m = Math.floor(r / 60_000);
    r -= m * 60_000;
    const sec = Math.floor(r / 1000);
    return `${this.prefix}${pad2(h)}:${pad2(m)}:${pad2(sec)}.${pad3(r - sec * 1000)}Z`;
  }
}
