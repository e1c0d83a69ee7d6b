/**
 * Chart decimation for long horizons: a year at 60 s is 525,600 samples per
 * series, far more than a chart has pixels. Samples are grouped in buckets of
 * consecutive steps; each bucket becomes two points, its minimum then its
 * maximum (per column, at the bucket's first and middle times), so spikes and
 * dips survive and a chart draws the envelope. Pointwise order between
 * columns is kept (if a ≤ b at every sample, then min a ≤ min b and
 * max a ≤ max b), so stacked areas stay stacked.
 */

export interface Envelope {
  /** Times of the output points (two per bucket), ascending. */
  x: Float64Array;
  /** One output column per input column. */
  ys: Float64Array[];
  /** Input samples per bucket (1: the input as it was). */
  bucket: number;
}

/**
 * Min/max envelope of `ys` (each as long as `x`) with at most `maxPoints`
 * points; columns pass through unchanged (copied) when they already fit.
 * NaN samples are skipped; an all-NaN bucket stays NaN.
 */
export function envelope(x: ArrayLike<number>, ys: readonly ArrayLike<number>[], maxPoints: number): Envelope {
  const n = x.length;
  if (n <= maxPoints || maxPoints < 4) {
    return { x: Float64Array.from(x), ys: ys.map((y) => Float64Array.from(y)), bucket: 1 };
  }
  const bucket = Math.ceil(n / Math.floor(maxPoints / 2));
  const buckets = Math.ceil(n / bucket);
  const ox = new Float64Array(2 * buckets);
  for (let b = 0; b < buckets; b++) {
    const i0 = b * bucket;
    const i1 = Math.min(n, i0 + bucket);
    ox[2 * b] = x[i0];
    ox[2 * b + 1] = x[i0 + ((i1 - i0) >> 1)];
  }
  const oys = ys.map((y) => {
    const out = new Float64Array(2 * buckets);
    for (let b = 0; b < buckets; b++) {
      const i0 = b * bucket;
      const i1 = Math.min(n, i0 + bucket);
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (let i = i0; i < i1; i++) {
        const v = y[i];
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      out[2 * b] = lo === Number.POSITIVE_INFINITY ? Number.NaN : lo;
      out[2 * b + 1] = hi === Number.NEGATIVE_INFINITY ? Number.NaN : hi;
    }
    return out;
  });
  return { x: ox, ys: oys, bucket };
}
