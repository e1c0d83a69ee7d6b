/**
 * Chart columns as drawn (DOM-free; the analysis worker computes them for
 * long runs, so the page does not spend a long task on it): the stacked
 * compute columns, and for
 * long horizons (a year at 60 s is 525,600 samples per series, far more than
 * a chart has pixels) a min/max envelope: samples are grouped in buckets of
 * consecutive steps and each bucket becomes two points, its minimum then its
 * maximum (per column, at the bucket's first and middle times), so spikes
 * and dips survive. Pointwise order between columns is kept (a ≤ b at every
 * sample ⇒ min a ≤ min b and max a ≤ max b), so stacked areas stay stacked.
 */
import { MS_PER_MINUTE } from '../src/engine/core/constants';
import type { SeriesColumns } from '../src/engine/run/simulation';

/** Cumulative columns for the stacked compute chart (allocated once per result). */
export interface StackColumns {
  usable: Float64Array;
  plusPower: Float64Array;
  plusThermal: Float64Array;
  plusStorage: Float64Array;
}

export function stackColumns(s: SeriesColumns): StackColumns {
  const n = s.timeMs.length;
  const st: StackColumns = { usable: new Float64Array(n), plusPower: new Float64Array(n), plusThermal: new Float64Array(n), plusStorage: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const a = s.usableComputePflops[i];
    const b = a + s.powerLimitedPflops[i];
    const c = b + s.thermalLimitedPflops[i];
    st.usable[i] = a;
    st.plusPower[i] = b;
    st.plusThermal[i] = c;
    st.plusStorage[i] = c + s.storageLimitedPflops[i];
  }
  return st;
}

/** Series longer than this are drawn decimated (shorter ones as they are: a day at 10 s draws in a few ms). */
export const DECIMATE_ABOVE = 10_000;
/** Points per decimated series: four per pixel column of the widest chart, within these bounds. */
export const MAX_CHART_POINTS = 4000;
export const MIN_CHART_POINTS = 2000;

/** "4.4 h", "20 min", "2 d": the time one decimated bucket spans. */
export function spanText(ms: number): string {
  const min = ms / MS_PER_MINUTE;
  if (min < 90) return `${Number(min.toPrecision(2))} min`;
  const h = min / 60;
  if (h < 48) return `${Number(h.toPrecision(2))} h`;
  return `${Number((h / 24).toPrecision(2))} d`;
}

/**
 * Series and stack columns as drawn: as they are when they fit in
 * `maxPoints`, else their min/max envelope of at most `maxPoints` points,
 * computed in one pass with the stack summed on the fly (no full-length
 * temporaries; a year at 60 s takes ≈15 ms).
 */
/** What the charts draw: series (as they are or their envelope), the stack, and the steps per bucket (1: as they are). */
export interface ChartColumns {
  series: SeriesColumns;
  stack: StackColumns;
  bucket: number;
}

export function displayColumns(s: SeriesColumns, maxPoints = MAX_CHART_POINTS): ChartColumns {
  const n = s.timeMs.length;
  if (n <= maxPoints) return { series: s, stack: stackColumns(s), bucket: 1 };
  const keys = (Object.keys(s) as Array<keyof SeriesColumns>).filter((k) => k !== 'timeMs');
  const cols = keys.map((k) => s[k]);
  const m = cols.length;
  const C = m + 4; // + usable, +power, +thermal, +storage
  const bucket = Math.ceil(n / Math.floor(maxPoints / 2));
  const buckets = Math.ceil(n / bucket);
  const x = new Float64Array(2 * buckets);
  const out = Array.from({ length: C }, () => new Float64Array(2 * buckets));
  const lo = new Float64Array(C);
  const hi = new Float64Array(C);
  const v = new Float64Array(C);
  const { usableComputePflops: u, powerLimitedPflops: p, thermalLimitedPflops: t, storageLimitedPflops: g } = s;
  for (let b = 0; b < buckets; b++) {
    const i0 = b * bucket;
    const i1 = Math.min(n, i0 + bucket);
    x[2 * b] = s.timeMs[i0];
    x[2 * b + 1] = s.timeMs[i0 + ((i1 - i0) >> 1)];
    lo.fill(Number.POSITIVE_INFINITY);
    hi.fill(Number.NEGATIVE_INFINITY);
    for (let i = i0; i < i1; i++) {
      for (let c = 0; c < m; c++) v[c] = cols[c][i];
      const a = u[i];
      const ab = a + p[i];
      const abc = ab + t[i];
      v[m] = a;
      v[m + 1] = ab;
      v[m + 2] = abc;
      v[m + 3] = abc + g[i];
      for (let c = 0; c < C; c++) {
        const y = v[c];
        if (y < lo[c]) lo[c] = y;
        if (y > hi[c]) hi[c] = y;
      }
    }
    for (let c = 0; c < C; c++) {
      out[c][2 * b] = lo[c] === Number.POSITIVE_INFINITY ? Number.NaN : lo[c];
      out[c][2 * b + 1] = hi[c] === Number.NEGATIVE_INFINITY ? Number.NaN : hi[c];
    }
  }
  const series = { timeMs: x } as SeriesColumns;
  keys.forEach((k, c) => {
    series[k] = out[c];
  });
  return { series, stack: { usable: out[m], plusPower: out[m + 1], plusThermal: out[m + 2], plusStorage: out[m + 3] }, bucket };
}
