/**
 * View factor F from a small flat radiator to the Earth (a sphere of radius
 * R = 6378.135 km, WGS72) seen from orbit radius r (km, from the Earth's
 * centre), for the plate attitudes the radiator model offers. F is the
 * fraction of the radiation a diffuse plate emits that reaches the Earth,
 * equal by reciprocity to the fraction of an isotropic Earth's emission per
 * unit plate area that the plate receives (Earth IR: ε q_IR A F; albedo:
 * α a S A F · dayside, node/thermal.ts).
 *
 * With sin φ = R/r (φ the Earth's angular radius seen from the plate):
 *   normal to nadir (plane facing the centre):       F = sin²φ = (R/r)²
 *   normal horizontal (plane through the centre line): F = (φ − sin φ cos φ)/π
 *   normal to zenith (the Earth behind the plane):     F = 0
 * Sources: Howell, "A Catalog of Radiation Heat Transfer Configuration
 * Factors" (thermalradiation.net), section B, differential planar element to
 * a sphere — facing the centre, F = 1/H², and with its normal perpendicular
 * to the centre line, F = (1/π)[tan⁻¹(1/√(H²−1)) − √(H²−1)/H²], H = r/R; the
 * same two cases as "frontal" and "level" patch to a sphere in I. Martínez,
 * "Radiative view factors" (UPM lecture notes). tan⁻¹(1/√(H²−1)) = φ and
 * √(H²−1)/H² = cos φ sin φ, so both forms agree. docs/reference/thermal-sources.md
 * ("Earth view factors") gives values and the numerical-integration check.
 * Values: 550 km F_nadir = 0.8475, F_horizontal = 0.2579; GEO (35,786 km)
 * F_nadir = 0.02288, F_horizontal = 0.000740.
 */
import { EARTH_RADIUS_KM } from '../core/constants';

/** View factor of a plate facing nadir: (R/r)², 1 at or below the surface. */
export function nadirPlateViewFactor(rKm: number): number {
  const s = rKm > EARTH_RADIUS_KM ? EARTH_RADIUS_KM / rKm : 1;
  return s * s;
}

/**
 * View factor of a plate whose normal is horizontal (edge-on to the Earth):
 * (φ − sin φ cos φ)/π with sin φ = R/r; ½ at or below the surface.
 */
export function horizontalPlateViewFactor(rKm: number): number {
  const s = rKm > EARTH_RADIUS_KM ? EARTH_RADIUS_KM / rKm : 1;
  const c = Math.sqrt(1 - s * s);
  return (Math.asin(s) - s * c) / Math.PI;
}

/** Table of the horizontal-plate view factor over s = R/r ∈ [0, S_TABLE_MAX] (values and slopes). */
const S_TABLE_MAX = 0.98;
const TABLE_INTERVALS = 2048;
let tableF: Float64Array | null = null;
let tableDF: Float64Array | null = null;

/**
 * Builds the table behind horizontalPlateViewFactorFast (once per thread;
 * idempotent). Call it where the radiator is built, after the deterministic
 * math is installed (core/det-math), so no per-sample call allocates.
 */
export function prepareHorizontalViewFactorTable(): void {
  if (tableF !== null) return;
  const f = new Float64Array(TABLE_INTERVALS + 1);
  const df = new Float64Array(TABLE_INTERVALS + 1);
  for (let k = 0; k <= TABLE_INTERVALS; k++) {
    const s = (k / TABLE_INTERVALS) * S_TABLE_MAX;
    const c = Math.sqrt(1 - s * s);
    f[k] = (Math.asin(s) - s * c) / Math.PI;
    df[k] = (2 * s * s) / (Math.PI * c); // dF/ds = 2 s² / (π cos φ)
  }
  tableF = f;
  tableDF = df;
}

/**
 * horizontalPlateViewFactor for the per-sample hot path: cubic Hermite
 * interpolation (values and exact slopes) in s = R/r on a table built once,
 * within 1e-9 of the formula down to 130 km altitude (s ≤ 0.98; exact below
 * that); only arithmetic per call, where Math.asin (the deterministic
 * msun port once installed) cost ≈35 ns a sample.
 */
export function horizontalPlateViewFactorFast(rKm: number): number {
  const s = rKm > EARTH_RADIUS_KM ? EARTH_RADIUS_KM / rKm : 1;
  if (s >= S_TABLE_MAX) return horizontalPlateViewFactor(rKm);
  if (tableF === null) prepareHorizontalViewFactorTable();
  const f = tableF as Float64Array;
  const df = tableDF as Float64Array;
  const h = S_TABLE_MAX / TABLE_INTERVALS;
  const x = s / h;
  const k = Math.floor(x);
  const t = x - k;
  const t2 = t * t;
  const t3 = t2 * t;
  return (2 * t3 - 3 * t2 + 1) * f[k] + (t3 - 2 * t2 + t) * h * df[k] + (-2 * t3 + 3 * t2) * f[k + 1] + (t3 - t2) * h * df[k + 1];
}
