/**
 * The live view's output frame. three.js is Y-up, so an inertial TEME vector
 * (x, y, z) maps to scene (x, z, −y), in units of the Earth's equatorial
 * radius R⊕. The Earth mesh (whose default sphere UVs put longitude 0 on +x
 * and north on +y) is rotated about +y by GMST; Earth-fixed (ECF) vectors
 * map the same way.
 */
import { EARTH_RADIUS_KM } from '../core/constants';
import type { StationArrays } from '../network/stations';

export const SCENE_FRAME = 'scene = (x, z, −y) / R⊕ of TEME; Earth rotated by GMST about +y';

/** Scene units per km (1 / R⊕). */
export const SCENE_PER_KM = 1 / EARTH_RADIUS_KM;

/** Writes TEME or ECF vector (x, y, z), times `scale`, as scene (x, z, −y) at out[o … o + 2]. */
export function toScene(out: Float32Array | Float64Array | number[], o: number, x: number, y: number, z: number, scale: number): void {
  out[o] = x * scale;
  out[o + 1] = z * scale;
  out[o + 2] = -y * scale;
}

/** Station positions in the Earth-fixed scene frame (Earth radii), 3 per station. */
export function stationScenePositions(stations: StationArrays): Float32Array {
  const out = new Float32Array(3 * stations.count);
  const p = stations.posEcfKm;
  for (let k = 0; k < stations.count; k++) toScene(out, 3 * k, p[3 * k], p[3 * k + 1], p[3 * k + 2], SCENE_PER_KM);
  return out;
}
