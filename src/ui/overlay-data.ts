/**
 * Overlaying designs on one chart: each design's series against elapsed time
 * from its own start (designs may start at different epochs and use different
 * steps), resampled onto one grid of at most `maxPoints` by averaging each
 * grid cell. Designs sharing the grid step keep their samples exactly.
 */
import { MS_PER_HOUR } from '../engine/core/constants';
export interface OverlayInput {
  startMs: number;
  stepMs: number;
  /** Sample times (ms since the Unix epoch). */
  timeMs: ArrayLike<number>;
  values: ArrayLike<number>;
}

export interface Overlay {
  /** Elapsed hours at each grid point. */
  hours: Float64Array;
  /** One array per design; null beyond that design's horizon. */
  ys: Array<Array<number | null>>;
}

export function overlaySeries(inputs: readonly OverlayInput[], maxPoints = 2000): Overlay {
  let spanMs = 0;
  let minStep = Number.POSITIVE_INFINITY;
  for (const d of inputs) {
    const n = d.timeMs.length;
    if (n === 0) continue;
    spanMs = Math.max(spanMs, d.timeMs[n - 1] - d.startMs + d.stepMs);
    minStep = Math.min(minStep, d.stepMs);
  }
  if (!(spanMs > 0) || !Number.isFinite(minStep)) return { hours: new Float64Array(0), ys: inputs.map(() => []) };
  const cellMs = Math.max(minStep, spanMs / maxPoints);
  const cells = Math.max(1, Math.ceil(spanMs / cellMs - 1e-9));
  const hours = new Float64Array(cells);
  for (let k = 0; k < cells; k++) hours[k] = (k * cellMs) / MS_PER_HOUR;
  const ys = inputs.map((d) => {
    const sum = new Float64Array(cells);
    const cnt = new Uint32Array(cells);
    for (let i = 0; i < d.timeMs.length; i++) {
      const v = d.values[i];
      if (!Number.isFinite(v)) continue;
      const k = Math.floor((d.timeMs[i] - d.startMs) / cellMs + 1e-9);
      if (k < 0 || k >= cells) continue;
      sum[k] += v;
      cnt[k]++;
    }
    const out: Array<number | null> = new Array(cells);
    for (let k = 0; k < cells; k++) out[k] = cnt[k] > 0 ? sum[k] / cnt[k] : null;
    return out;
  });
  return { hours, ys };
}
