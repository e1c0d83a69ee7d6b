/**
 * SGP4 knot spacing. Positions are SGP4 at knots and cubic Hermite between
 * them; the spacing comes from an error budget:
 *   |x − p| ≤ h⁴ / 384 · max|x⁗|          (interpolation error bound)
 *   max|x⁗| ≈ μ² (1 + e)³ / r_p⁵          (at perigee; exactly r ω⁴ = μ²/r⁵ on a circular orbit)
 *   h = (384 · tol / max|x⁗|)^¼            (s), tol = KNOT_TOLERANCE_KM
 * Units: km, s. Source: the standard Hermite remainder (e.g. Burden & Faires,
 * Numerical Analysis, §3.4); the orbit tests check the error against direct SGP4.
 */
import type { SatRec } from 'satellite.js';
import { EARTH_RADIUS_KM, MU_EARTH_KM3_PER_S2 } from '../core/constants';

/**
 * Default largest spacing between SGP4 knots (s) when the satellites are not
 * known. Cubic Hermite between knots 180 s apart errs by ≈32 m at 350 km
 * (6 m at 120 s), i.e. ≈4 ms of event time.
 */
export const DEFAULT_KNOT_SPACING_S = 180;

/** Position error budget of the knot interpolation (km): ≈30 ms of event time at LEO speeds. */
export const KNOT_TOLERANCE_KM = 0.25;
/** Knot spacing never exceeds this (s), whatever the orbits. */
export const MAX_KNOT_SPACING_S = 600;

/**
 * Largest knot spacing (s) keeping the cubic Hermite error within `tolKm` for
 * every satellite. Mean elements from the SGP4 record: n (rad/min), e.
 * Between 30 s and MAX_KNOT_SPACING_S.
 */
export function knotSpacingS(satrecs: readonly SatRec[], tolKm = KNOT_TOLERANCE_KM): number {
  let worst = 0;
  for (const rec of satrecs) {
    if (rec.error !== 0 || !(rec.no > 0)) continue;
    const n = rec.no / 60;
    const a = Math.cbrt(MU_EARTH_KM3_PER_S2 / (n * n));
    const e = Math.min(0.99, Math.max(0, rec.ecco));
    const rp = Math.max(EARTH_RADIUS_KM, a * (1 - e));
    const fourth = (MU_EARTH_KM3_PER_S2 * MU_EARTH_KM3_PER_S2 * Math.pow(1 + e, 3)) / Math.pow(rp, 5);
    if (fourth > worst) worst = fourth;
  }
  if (worst === 0) return DEFAULT_KNOT_SPACING_S;
  const h = Math.sqrt(Math.sqrt((384 * tolKm) / worst));
  return Math.max(30, Math.min(MAX_KNOT_SPACING_S, Math.floor(h)));
}
