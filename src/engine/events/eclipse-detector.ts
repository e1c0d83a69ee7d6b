/**
 * Eclipse detector (Orekit's EclipseDetector with an adaptable check
 * interval), one object for all satellites of a kernel, state per satellite
 * in typed arrays.
 *
 *   g = cos θ − cos ρ (eclipseG in orbit/sun.ts), dimensionless: θ the angle
 *     at the satellite between the Sun's centre and the Earth's centre,
 *     ρ = asin(R⊕ / r) the Earth's apparent radius (spherical Earth, TEME).
 *   Sign: g > 0 in eclipse (the Sun's centre hidden), g < 0 lit; an eclipse
 *     is an interval where g ≥ 0, its times refined to ROOT_TOLERANCE_MS.
 *   Check interval: for |g| ≥ PENUMBRA_SWITCH_MARGIN the shadow is exactly 0
 *     or 1. θ moves at most at ω_max + the Sun's rate, so it cannot reach the
 *     penumbra band [θ_lo, θ_hi] (penumbraBandRad) for (distance to the band)
 *     / rate; when lit, also θ ≥ |β| − parallax (the satellite stays in its
 *     orbit plane; sin β = n̂ · ŝ drifts at most at the plane's rate + the
 *     Sun's), which skips eclipse-free seasons for hours. Inside an eclipse
 *     too: the interval stays open across the skip.
 *   Refinement: g from positions only (PositionSource) and the Sun from
 *     SunCache (interpolated between minutes, < 1e-10 rad).
 * Also gives the illumination 1 − shadow fraction (satellite.js
 * shadowFraction in the penumbra), which the check interval proves constant
 * (0 or 1) between checks.
 */
import { EventLog } from './event-log';
import { hiddenIntervalMargin, IntervalDetector } from './interval-detector';
import { ACOS_FAST_ERROR_RAD, fastAcos, OrbitBounds, penumbraBandRad, PLANE_RATE_RAD_PER_S, PLANE_WOBBLE_RAD, skipSteps, SUN_DIRECTION_RATE_RAD_PER_S } from './skip-bounds';
import type { PositionSource, SatelliteState } from './satellite-state';
import { EARTH_RADIUS_KM } from '../core/constants';
import { AU_KM, eclipseG, PENUMBRA_SWITCH_MARGIN, shadowFromEclipseG, SunCache } from '../orbit/sun';

const R2_KM2 = EARTH_RADIUS_KM * EARTH_RADIUS_KM;

export class EclipseDetector {
  /** Next sample at which g must be evaluated (the end of the check interval); the kernel calls check() only from then on. */
  readonly wake: Int32Array;
  /** 1 − shadow fraction at the last evaluation (constant until wake; the kernel reads it meanwhile). */
  readonly illum: Float64Array;
  /** Per satellite, from OrbitBounds: θ band of the penumbra (2 each), rate bound of θ (rad/s), θ floor of the β bound (rad). */
  private readonly thetaBand: Float64Array;
  private readonly thetaRate: Float64Array;
  private readonly betaFloor: Float64Array;
  private readonly intervals: IntervalDetector;
  /** The Sun at the current sample: x, y, z, |s| (AU, TEME). */
  private readonly sun = new Float64Array(4);
  private readonly band = new Float64Array(2);
  private readonly pv = new Float64Array(6);
  private readonly sunAt = new Float64Array(3);
  private readonly sunCache = new SunCache();

  /**
   * @param n satellites
   * @param first global index of satellite 0 (for the log)
   * @param stepS sample step (s)
   * @param skipFar use the check interval (false: evaluate g at every sample)
   */
  constructor(
    n: number,
    /** The satellite being checked, written by the kernel before check(). */
    private readonly sat: SatelliteState,
    private readonly orbit: OrbitBounds,
    private readonly positions: PositionSource,
    log: EventLog,
    first: number,
    private readonly stepS: number,
    private readonly skipFar: boolean,
  ) {
    this.wake = new Int32Array(n);
    this.illum = new Float64Array(n);
    this.thetaBand = new Float64Array(2 * n);
    this.thetaRate = new Float64Array(n);
    this.betaFloor = new Float64Array(n);
    this.intervals = new IntervalDetector(n, this.refineG, (i, a, b) => {
      log.eclipse(first + i, a, b);
    }, hiddenIntervalMargin(stepS));
  }

  /** Starts a sample at `timeMs` with the Sun at (sx, sy, sz) AU, |s| = sunDistAu. */
  beginSample(timeMs: number, sxAu: number, syAu: number, szAu: number, sunDistAu: number): void {
    this.intervals.beginSample(timeMs);
    const s = this.sun;
    s[0] = sxAu;
    s[1] = syAu;
    s[2] = szAu;
    s[3] = sunDistAu;
  }

  /** Derives satellite i's check-interval constants from its OrbitBounds (call after they are refreshed). */
  refreshBounds(i: number): void {
    const o = this.orbit;
    penumbraBandRad(o.rMinKm[i], o.rMaxKm[i], PENUMBRA_SWITCH_MARGIN, this.band);
    this.thetaBand[2 * i] = this.band[0];
    this.thetaBand[2 * i + 1] = this.band[1];
    this.thetaRate[i] = o.rateRadPerS[i] + SUN_DIRECTION_RATE_RAD_PER_S;
    // The Sun seen from the satellite is at most asin(r / d☉) from its direction seen from the Earth's centre.
    this.betaFloor[i] = this.band[1] + (1.01 * o.rMaxKm[i]) / (0.98 * AU_KM) + PLANE_WOBBLE_RAD + ACOS_FAST_ERROR_RAD;
  }

  /** Satellite i could not be propagated: closes an open eclipse at the previous sample. */
  fail(i: number): void {
    this.intervals.sample(i, Number.NaN);
  }

  /** Closes eclipses still open at the horizon's end. */
  finish(endMs: number): void {
    this.intervals.finish(endMs);
  }

  /**
   * Evaluates g of satellite i at sample n ≥ wake[i], the satellite's state
   * in `sat`: logs the sample, sets illum[i] (1 − shadow fraction) and the
   * next wake; returns illum[i]. Takes indices only: the state goes through
   * the shared array because a call that V8 does not inline boxes each
   * floating-point argument (measured: phase A ≈25 % slower with scalars).
   * One call per evaluation: the check interval's bounds are module
   * functions (thetaSkipS, betaSkipS) small enough for V8 to inline here,
   * instead of a second method call per evaluation (≈300 000 per 1 000
   * satellites × 12 h at 10 s).
   */
  check(i: number, n: number): number {
    const p = this.sat;
    const s = this.sun;
    const x = p[0];
    const y = p[1];
    const z = p[2];
    const sx = s[0];
    const sy = s[1];
    const sz = s[2];
    const g = eclipseG(x, y, z, sx, sy, sz);
    this.intervals.sample(i, g);
    const illum = 1 - shadowFromEclipseG(g, x, y, z, sx, sy, sz);
    this.illum[i] = illum;
    if ((g <= -PENUMBRA_SWITCH_MARGIN || g >= PENUMBRA_SWITCH_MARGIN) && this.skipFar && this.orbit.valid[i] === 1) {
      // Check interval: the time θ needs to reach the penumbra band, or when lit the β-angle bound if longer.
      let skipS = thetaSkipS(g, p[6], this.thetaBand[2 * i], this.thetaBand[2 * i + 1], this.thetaRate[i]);
      if (g < 0) {
        const planeS = betaSkipS(x, y, z, p[3], p[4], p[5], sx, sy, sz, s[3], this.betaFloor[i]);
        if (planeS > skipS) skipS = planeS;
      }
      const skip = skipSteps(skipS, this.stepS);
      if (skip >= 2) {
        this.intervals.reset(i);
        this.wake[i] = n + 1 + skip;
      }
    }
    return illum;
  }

  /** g(i, t) for refinement (> 0 in eclipse); NaN when the position cannot be computed. */
  private readonly refineG = (i: number, t: number): number => {
    const pv = this.pv;
    if (!this.positions.positionAt(i, t, pv)) return Number.NaN;
    const s = this.sunAt;
    this.sunCache.at(t, s);
    return eclipseG(pv[0], pv[1], pv[2], s[0], s[1], s[2]);
  };
}

/**
 * How long (s) θ, the angle between the Sun and the Earth's centre seen from
 * a satellite at radius r (km) with g = cos θ − cos ρ, needs at `rate`
 * (rad/s, a bound) to reach the penumbra band [lo, hi] (rad); ≤ 0 inside it.
 */
function thetaSkipS(g: number, r: number, lo: number, hi: number, rate: number): number {
  const q = 1 - R2_KM2 / (r * r);
  const cosTheta = (q > 0 ? Math.sqrt(q) : 0) + g;
  const theta = fastAcos(cosTheta < -1 ? -1 : cosTheta > 1 ? 1 : cosTheta);
  const gap = (theta < lo ? lo - theta : theta > hi ? theta - hi : 0) - ACOS_FAST_ERROR_RAD;
  return gap / rate;
}

/**
 * Plane bound (s) for a lit satellite at (x, y, z) km moving at (vx, vy, vz)
 * km/s, the Sun at (sx, sy, sz) AU, |s| = sunDistAu: r̂ lies in the orbit
 * plane, so θ ≥ |β| − parallax, with sin β = n̂ · ŝ; β drifts at most at the
 * plane's rate plus the Sun's, and θ must fall to `betaFloor` (rad) first.
 */
function betaSkipS(x: number, y: number, z: number, vx: number, vy: number, vz: number, sx: number, sy: number, sz: number, sunDistAu: number, betaFloor: number): number {
  const hx = y * vz - z * vy;
  const hy = z * vx - x * vz;
  const hz = x * vy - y * vx;
  const sinBeta = (hx * sx + hy * sy + hz * sz) / (Math.sqrt(hx * hx + hy * hy + hz * hz) * sunDistAu);
  const betaGap = Math.PI / 2 - fastAcos(sinBeta < 0 ? (sinBeta < -1 ? 1 : -sinBeta) : sinBeta > 1 ? 1 : sinBeta) - betaFloor;
  return betaGap / (PLANE_RATE_RAD_PER_S + SUN_DIRECTION_RATE_RAD_PER_S);
}
