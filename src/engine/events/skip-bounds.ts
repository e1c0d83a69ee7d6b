/**
 * Skip bounds: how long an event function may go unchecked (Orekit's
 * adaptable max-check interval), from bounds on how fast the geometry moves.
 *
 *   orbit: from the osculating two-body orbit (TEME, km, s), the radius range
 *     [r_min, r_max] and the largest angular rate ω_max of the radial unit
 *     vector (at perigee) over the next hour;
 *   rates (rad/s): Earth rotation ω⊕, the Sun's direction, the orbit plane
 *     (nodal regression), and how far the osculating plane wobbles (rad);
 *   eclipse: the θ band of the penumbra (penumbraBandRad);
 *   contact: the largest central angle λ_max at which a station can see the
 *     satellite (contactLambdaMaxRad);
 *   fastAcos: an arc cosine within ACOS_FAST_ERROR_RAD, subtracted so that
 *     bounds stay lower bounds.
 * A bound of T seconds lets a detector skip ⌊T / Δt⌋ − SKIP_MARGIN_STEPS
 * samples (skipSteps). Bounds are conservative: exactness (identical events
 * with and without skipping) is tested in test/engine/orbit/propagation.test.ts.
 */
import { EARTH_RADIUS_KM, MU_EARTH_KM3_PER_S2 } from '../core/constants';

/**
 * Skip bounds from the osculating orbit (two-body, TEME, km and s), written
 * into `out` = [ω_max (rad/s), r_min (km), r_max (km)]:
 *   a = 1 / (2/r − v²/μ), h = |r × v|, e = √(1 − h²/(μ a)),
 *   r_min,max = a(1 ∓ e) ∓ ORBIT_RADIUS_SLACK_KM,
 *   ω_max = 1.01 · h / r_min² (the largest angular rate of r̂, at perigee).
 * The slack and the 1 % cover SGP4's short-period J2 terms and drag over a
 * skip (minutes to an hour). Returns false (no skip) for non-elliptic states.
 */
export const ORBIT_RADIUS_SLACK_KM = 25;
export function orbitSkipBounds(x: number, y: number, z: number, vx: number, vy: number, vz: number, out: Float64Array): boolean {
  const r = Math.sqrt(x * x + y * y + z * z);
  const v2 = vx * vx + vy * vy + vz * vz;
  const inv = 2 / r - v2 / MU_EARTH_KM3_PER_S2;
  if (!(inv > 0)) return false;
  const a = 1 / inv;
  const hx = y * vz - z * vy;
  const hy = z * vx - x * vz;
  const hz = x * vy - y * vx;
  const h2 = hx * hx + hy * hy + hz * hz;
  const e2 = 1 - h2 / (MU_EARTH_KM3_PER_S2 * a);
  const e = e2 > 0 ? Math.sqrt(e2) : 0;
  if (!(e < 0.95)) return false;
  const rMin = a * (1 - e) - ORBIT_RADIUS_SLACK_KM;
  if (!(rMin > EARTH_RADIUS_KM * 0.5)) return false;
  out[0] = (1.01 * Math.sqrt(h2)) / (rMin * rMin);
  out[1] = rMin;
  out[2] = a * (1 + e) + ORBIT_RADIUS_SLACK_KM;
  return true;
}

/**
 * orbitSkipBounds per satellite (structure of arrays), refreshed by the
 * kernel at each chunk's first sample and read by the detectors.
 */
export class OrbitBounds {
  /** 1 when the bounds below hold (elliptic orbit), else 0: no skipping. */
  readonly valid: Uint8Array;
  /** ω_max (rad/s). */
  readonly rateRadPerS: Float64Array;
  readonly rMinKm: Float64Array;
  readonly rMaxKm: Float64Array;
  private readonly out = new Float64Array(3);

  constructor(n: number) {
    this.valid = new Uint8Array(n);
    this.rateRadPerS = new Float64Array(n);
    this.rMinKm = new Float64Array(n);
    this.rMaxKm = new Float64Array(n);
  }

  /** Bounds of satellite i from its state (km, km/s, TEME); returns whether they hold. */
  refresh(i: number, x: number, y: number, z: number, vx: number, vy: number, vz: number): boolean {
    const b = this.out;
    if (!orbitSkipBounds(x, y, z, vx, vy, vz, b)) {
      this.valid[i] = 0;
      return false;
    }
    this.valid[i] = 1;
    this.rateRadPerS[i] = b[0];
    this.rMinKm[i] = b[1];
    this.rMaxKm[i] = b[2];
    return true;
  }
}

/** Earth rotation rate (rad/s). */
export const EARTH_RATE_RAD_PER_S = 7.2921159e-5;
/** Bound on the rate of the Sun's direction seen from a satellite (annual motion + parallax, rad/s). */
export const SUN_DIRECTION_RATE_RAD_PER_S = 1e-6;
/** Tilt between geodetic up and the geocentric radial at any station (rad), plus slack. */
const GEODETIC_TILT_RAD = 0.0034 + 0.001;

/**
 * Bound on the angular rate of an orbit's plane (rad/s): nodal regression
 * |Ω̇| = 1.5 n J2 (R/p)² |cos i| ≤ 2.0e-6 rad/s for any orbit above 150 km;
 * lunar–solar terms are orders of magnitude slower.
 */
export const PLANE_RATE_RAD_PER_S = 3e-6;
/**
 * How far the osculating orbit normal can swing about its secular drift
 * (rad): SGP4's short-period J2 terms move i and Ω by ≲ 1e-3 rad (0.06°);
 * taken 10× larger.
 */
export const PLANE_WOBBLE_RAD = 0.01;

/**
 * acos(x) on [−1, 1] within ACOS_FAST_ERROR_RAD, from arithmetic and sqrt only
 * (cheap, and the same on every engine): Abramowitz & Stegun 4.4.46,
 * acos x = √(1 − x) Σ₀⁷ a_k x^k + ε, |ε| ≤ 2e-8 on [0, 1]; acos(−x) = π − acos x.
 * Skip bounds subtract ACOS_FAST_ERROR_RAD so they stay lower bounds.
 */
export const ACOS_FAST_ERROR_RAD = 1e-7;
export function fastAcos(x: number): number {
  const a = x < 0 ? -x : x;
  const p =
    Math.sqrt(1 - a) *
    (1.570796305 + a * (-0.2145988016 + a * (0.0889789874 + a * (-0.0501743046 + a * (0.030891881 + a * (-0.0170881256 + a * (0.0066700901 + a * -0.0012624911)))))));
  return x < 0 ? Math.PI - p : p;
}

/**
 * Samples kept before a bound's end: a pair skipped at step n for a bound of
 * T seconds is sampled again at step n + ⌊T / Δt⌋ − SKIP_MARGIN_STEPS + 1,
 * at least one step before the bound's end. A sign change then falls between
 * two samples (needs one sample before it), and an interval shorter than a
 * step is seen by the three-sample extremum check, which needs two samples
 * before the step that holds it.
 */
const SKIP_MARGIN_STEPS = 2;

/** Samples a detector may skip for a bound of `boundS` seconds at steps of `stepS` (skip only when ≥ 2). */
export function skipSteps(boundS: number, stepS: number): number {
  return Math.floor(boundS / stepS) - SKIP_MARGIN_STEPS;
}

/**
 * The θ band of the penumbra for radii in [r_min, r_max]: where the eclipse
 * function g = cos θ − cos ρ (eclipseG in sun.ts) may lie within ±margin
 * (outside it the shadow is exactly 0 or 1): cos θ ∈ (cos ρ(r_min) − m,
 * cos ρ(r_max) + m).
 * Writes [θ_lo, θ_hi] (rad) into out[0..1].
 */
export function penumbraBandRad(rMinKm: number, rMaxKm: number, margin: number, out: Float64Array): void {
  const R2 = EARTH_RADIUS_KM * EARTH_RADIUS_KM;
  const cosRhoAtMin = Math.sqrt(Math.max(0, 1 - R2 / (rMinKm * rMinKm))); // ρ largest at r_min
  const cosRhoAtMax = Math.sqrt(Math.max(0, 1 - R2 / (rMaxKm * rMaxKm)));
  out[0] = Math.acos(Math.min(1, cosRhoAtMax + margin));
  out[1] = Math.acos(Math.max(-1, cosRhoAtMin - margin));
}

/**
 * Largest central angle λ_max (rad) between a satellite (geocentric radius
 * ≤ r_max) and a station (geocentric radius R_s) at which the satellite can
 * be at or above the station's mask: λ_max = acos((R_s / r_max) cos ε′) − ε′,
 * ε′ = mask − tilt (geocentric elevation bound). λ moves at most at
 * ω_max + ω⊕, so a satellite at λ > λ_max stays below the mask for
 * (λ − λ_max) / (ω_max + ω⊕).
 */
export function contactLambdaMaxRad(stationRadiusKm: number, maskRad: number, rMaxKm: number): number {
  const eps = maskRad - GEODETIC_TILT_RAD;
  return Math.acos(Math.min(1, ((stationRadiusKm - 1) / rMaxKm) * Math.cos(eps))) - eps;
}
