/**
 * One orbit of a satellite around a time, for the live view's track line:
 * `samples` + 1 JS SGP4 positions evenly over one period 2π / n (the SGP4
 * mean motion) centred on the time, in the scene frame (Earth radii). A
 * sample that fails to propagate repeats the last good one.
 */
import type { SatRec } from 'satellite.js';
import { MS_PER_MINUTE } from '../core/constants';
import { propagateAt } from '../orbit/propagation';
import { SCENE_PER_KM, toScene } from './scene-frame';

const pv = new Float64Array(6);

/** The track of satellite `rec` (element epoch `epochMs`) around `timeMs`; null when no sample propagates or samples < 2. */
export function orbitTrack(rec: SatRec, epochMs: number, timeMs: number, samples: number): Float32Array | null {
  if (!(samples >= 2)) return null;
  const periodMs = ((2 * Math.PI) / rec.no) * MS_PER_MINUTE;
  const out = new Float32Array(3 * (samples + 1));
  let last = -1;
  for (let k = 0; k <= samples; k++) {
    const t = timeMs + (k / samples - 0.5) * periodMs;
    if (propagateAt(rec, epochMs, t, pv)) {
      toScene(out, 3 * k, pv[0], pv[1], pv[2], SCENE_PER_KM);
      last = k;
    } else if (last >= 0) {
      out.copyWithin(3 * k, 3 * last, 3 * last + 3);
    }
  }
  return last >= 0 ? out : null;
}
