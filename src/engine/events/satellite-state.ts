/**
 * The satellite state the event detectors evaluate (Orekit's
 * SpacecraftState, flattened):
 *
 *   SatelliteState: one Float64Array per detector, [x, y, z, vx, vy, vz, r] =
 *     TEME position (km), velocity (km/s) and geocentric radius |r| (km). The
 *     kernel passes the state as scalars (free when the call is inlined); a
 *     detector copies it here only when its check interval has run out and g
 *     must be evaluated, so its evaluation methods take indices only.
 *   PositionSource: the position at any time, for refinement between samples
 *     (knot interpolation inside the current chunk, else direct SGP4).
 */

/** [x, y, z (km), vx, vy, vz (km/s), r (km)], TEME. */
export type SatelliteState = Float64Array;

export function satelliteState(): SatelliteState {
  return new Float64Array(7);
}

export interface PositionSource {
  /** Writes satellite i's TEME position (km) at `timeMs` into out[0..2]; false when SGP4 fails. */
  positionAt(i: number, timeMs: number, out: Float64Array): boolean;
}
