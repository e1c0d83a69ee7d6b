/**
 * Contact detector (Orekit's ElevationDetector with an adaptable check
 * interval), one object for all satellite–station pairs of a kernel, state
 * per pair in typed arrays (index i · S + s).
 *
 *   g = sin el − sin mask, dimensionless: el the satellite's elevation above
 *     the station's geodetic horizon (Earth-fixed frame: TEME rotated by
 *     GMST), mask the station's minimum elevation.
 *   Sign: g > 0 in contact (above the mask); a contact is an interval where
 *     g ≥ 0, its times refined to ROOT_TOLERANCE_MS and its peak elevation
 *     found by Brent's search.
 *   Check interval (pairs out of contact only): the larger of
 *     chord: |Δ(unit vector)| ≤ 2 |Δd| / |d| with the relative speed ≤
 *       |v| + ω⊕ r, so g cannot reach 0 for −g · d / (2 v);
 *     central angle: λ moves at most at ω_max + ω⊕, so above λ_max
 *       (contactLambdaMaxRad) the pair stays out of view for
 *       (λ − λ_max) / (ω_max + ω⊕);
 *     plane: λ ≥ δ, the station's angle from the orbit plane, which moves at
 *       most at ω⊕ + the plane's rate (stations far from the ground track
 *       are skipped for hours).
 *   Refinement: g from positions only (PositionSource), GMST rotated from the
 *     current sample's angle (no trigonometry per evaluation, see gmstAt).
 * Also gives which stations see the satellite at the sample (bit masks).
 */
import { gstime } from 'satellite.js';
import { RAD } from '../core/constants';
import { julianDateFromMs } from '../core/time';
import { sinElevation, type StationArrays } from '../network/stations';
import { EventLog } from './event-log';
import { hiddenIntervalMargin, IntervalDetector } from './interval-detector';
import { ACOS_FAST_ERROR_RAD, contactLambdaMaxRad, EARTH_RATE_RAD_PER_S, fastAcos, OrbitBounds, PLANE_RATE_RAD_PER_S, PLANE_WOBBLE_RAD, skipSteps } from './skip-bounds';
import type { PositionSource, SatelliteState } from './satellite-state';

/** Rate of GMST in IAU-82 (satellite.js gstime): 1.00273790935 · 2π / 86400 rad/s. */
const GMST_RATE_RAD_PER_S = (1.00273790935 * 2 * Math.PI) / 86_400;

export class ContactDetector {
  /** Stations 0–31 and 32–63 that see the satellite at the last check() (g ≥ 0). */
  readonly visible = new Uint32Array(2);
  private readonly S: number;
  /** Per pair, the next sample at which g must be evaluated (the end of its check interval). */
  private readonly wake: Int32Array;
  /** Per satellite, the smallest wake of its pairs: no station is looked at before it (the kernel calls check() only from then on; nothing is visible meanwhile). */
  readonly wakeMin: Int32Array;
  /**
   * Check-interval constants from OrbitBounds: per satellite the rate bound
   * of λ (rad/s); per pair λ_max, cos λ_max and sin(λ_max + wobble), below
   * which the station's angle from the orbit plane proves nothing.
   */
  private readonly lambdaRate: Float64Array;
  private readonly lambdaMax: Float64Array;
  private readonly cosLambdaMax: Float64Array;
  private readonly sinPlaneReach: Float64Array;
  private readonly stationRadiusKm: Float64Array;
  /** Station directions (unit vectors, Earth-fixed), 3 per station. */
  private readonly stationUnit: Float64Array;
  /**
   * The satellite being checked, Earth-fixed: x, y (km; z is TEME's), then
   * lazily for the check interval: speed bound relative to the ground
   * (km/s; < 0 not yet computed) and orbit normal (unit; z > 1 not yet);
   * then g and the range d (km) of the pair being bounded.
   */
  private readonly ecf = new Float64Array(8);
  private readonly intervals: IntervalDetector;
  /** GMST at the current sample: time (ms), cos, sin (refinement reference, see gmstAt). */
  private readonly gmst = Float64Array.of(Number.NaN, 1, 0);
  private readonly pv = new Float64Array(6);
  private readonly cs = new Float64Array(2);

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
    private readonly stations: StationArrays,
    private readonly orbit: OrbitBounds,
    private readonly positions: PositionSource,
    log: EventLog,
    first: number,
    private readonly stepS: number,
    private readonly skipFar: boolean,
  ) {
    const S = (this.S = stations.count);
    const sp = stations.posEcfKm;
    this.stationRadiusKm = Float64Array.from({ length: S }, (_, k) => Math.hypot(sp[3 * k], sp[3 * k + 1], sp[3 * k + 2]));
    this.stationUnit = Float64Array.from(sp, (v, j) => v / this.stationRadiusKm[(j / 3) | 0]);
    this.wake = new Int32Array(n * S);
    this.wakeMin = new Int32Array(n);
    this.lambdaRate = new Float64Array(n);
    this.lambdaMax = new Float64Array(n * S);
    this.cosLambdaMax = new Float64Array(n * S);
    this.sinPlaneReach = new Float64Array(n * S);
    this.intervals = new IntervalDetector(n * S, this.refineG, (pair, a, b, peakG) => {
      const i = (pair / S) | 0;
      const k = pair - i * S;
      const sinPeak = Math.min(1, Math.max(0, Number.isFinite(peakG) ? peakG : 0) + stations.sinMask[k]);
      log.contact(first + i, k, a, b, Math.asin(sinPeak) * RAD);
    }, hiddenIntervalMargin(stepS), true);
  }

  /** Starts a sample at `timeMs` with GMST θ given as cos θ, sin θ. */
  beginSample(timeMs: number, cosGmst: number, sinGmst: number): void {
    this.intervals.beginSample(timeMs);
    const m = this.gmst;
    m[0] = timeMs;
    m[1] = cosGmst;
    m[2] = sinGmst;
  }

  /** Derives satellite i's check-interval constants from its OrbitBounds (call after they are refreshed). */
  refreshBounds(i: number): void {
    const o = this.orbit;
    const st = this.stations;
    const S = this.S;
    this.lambdaRate[i] = o.rateRadPerS[i] + EARTH_RATE_RAD_PER_S;
    for (let s = 0; s < S; s++) {
      const lm = contactLambdaMaxRad(this.stationRadiusKm[s], st.maskRad[s], o.rMaxKm[i]);
      this.lambdaMax[i * S + s] = lm;
      this.cosLambdaMax[i * S + s] = Math.cos(lm);
      const reach = lm + PLANE_WOBBLE_RAD + ACOS_FAST_ERROR_RAD;
      this.sinPlaneReach[i * S + s] = reach < Math.PI / 2 ? Math.sin(reach) : 1;
    }
  }

  /** Satellite i could not be propagated: closes its open contacts at the previous sample. */
  fail(i: number): void {
    for (let s = 0; s < this.S; s++) this.intervals.sample(i * this.S + s, Number.NaN);
  }

  /** Closes contacts still open at the horizon's end. */
  finish(endMs: number): void {
    this.intervals.finish(endMs);
  }

  /**
   * Samples the pairs of satellite i at sample n ≥ wakeMin[i] whose check
   * interval has run out, the satellite's state in `sat`; sets `visible`.
   * Indices only, as EclipseDetector.check (floating-point arguments of a
   * call that is not inlined are boxed).
   */
  check(i: number, n: number): void {
    const S = this.S;
    const st = this.stations;
    const stPos = st.posEcfKm;
    const stUp = st.upEcf;
    const stSinMask = st.sinMask;
    const wake = this.wake;
    const intervals = this.intervals;
    const p = this.sat;
    const x = p[0];
    const y = p[1];
    const z = p[2];
    const cth = this.gmst[1];
    const sth = this.gmst[2];
    const f = this.ecf;
    const xf = x * cth + y * sth;
    const yf = -x * sth + y * cth;
    f[0] = xf;
    f[1] = yf;
    f[2] = -1;
    f[5] = 2;
    const bounded = this.skipFar;
    const stepS = this.stepS;
    let lo = 0;
    let hi = 0;
    let nextWake = 0x7fffffff;
    for (let s = 0; s < S; s++) {
      const pair = i * S + s;
      if (n < wake[pair]) {
        if (wake[pair] < nextWake) nextWake = wake[pair];
        continue;
      }
      const dx = xf - stPos[3 * s];
      const dy = yf - stPos[3 * s + 1];
      const dz = z - stPos[3 * s + 2];
      const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
      const g = (dx * stUp[3 * s] + dy * stUp[3 * s + 1] + dz * stUp[3 * s + 2]) / d - stSinMask[s];
      intervals.sample(pair, g);
      if (g >= 0) {
        if (s < 32) lo |= 1 << s;
        else hi |= 1 << (s - 32);
      } else if (bounded && !intervals.isOpen(pair)) {
        // Check interval: the chord bound here, the angle bounds when they can add to it.
        if (f[2] < 0) f[2] = Math.sqrt(p[3] * p[3] + p[4] * p[4] + p[5] * p[5]) + EARTH_RATE_RAD_PER_S * p[6];
        let skipS = (-g * d) / (2 * f[2]);
        if (this.orbit.valid[i] === 1) {
          f[6] = skipS;
          this.angleBounds(i, s);
          skipS = f[6];
        }
        const skip = skipSteps(skipS, stepS);
        if (skip >= 2) {
          intervals.reset(pair);
          wake[pair] = n + 1 + skip;
        }
      }
      const w = wake[pair] > n ? wake[pair] : n + 1;
      if (w < nextWake) nextWake = w;
    }
    this.wakeMin[i] = nextWake;
    this.visible[0] = lo;
    this.visible[1] = hi;
  }

  /**
   * Raises the pair (i, s)'s check interval in ecf[6] (s; the chord bound
   * −g · d / (2 v) on entry) to the central-angle and plane bounds where
   * they are longer; the satellite's Earth-fixed x, y in `ecf`, state in
   * `sat` (values travel through the arrays: floating-point arguments and
   * results of a call that is not inlined are boxed).
   */
  private angleBounds(i: number, s: number): void {
    const p = this.sat;
    const f = this.ecf;
    const r = p[6];
    let skipS = f[6];
    {
      const pair = i * this.S + s;
      const stPos = this.stations.posEcfKm;
      const cosLambda = (f[0] * stPos[3 * s] + f[1] * stPos[3 * s + 1] + p[2] * stPos[3 * s + 2]) / (r * this.stationRadiusKm[s]);
      if (cosLambda < this.cosLambdaMax[pair]) {
        const angleS = (fastAcos(cosLambda < -1 ? -1 : cosLambda) - ACOS_FAST_ERROR_RAD - this.lambdaMax[pair]) / this.lambdaRate[i];
        if (angleS > skipS) skipS = angleS;
      }
      // Plane bound: r̂ lies in the orbit plane, so λ ≥ δ, the station's
      // angle from the plane (sin δ = |n̂ · ŝ|), which moves at most at
      // ω⊕ plus the plane's own rate: far from the ground track for hours.
      if (f[5] > 1) {
        const x = p[0];
        const y = p[1];
        const z = p[2];
        const vx = p[3];
        const vy = p[4];
        const vz = p[5];
        const cth = this.gmst[1];
        const sth = this.gmst[2];
        const hx = y * vz - z * vy;
        const hy = z * vx - x * vz;
        const hz = x * vy - y * vx;
        const h = Math.sqrt(hx * hx + hy * hy + hz * hz);
        f[3] = (hx * cth + hy * sth) / h;
        f[4] = (-hx * sth + hy * cth) / h;
        f[5] = hz / h;
      }
      const u = this.stationUnit;
      const sd = f[3] * u[3 * s] + f[4] * u[3 * s + 1] + f[5] * u[3 * s + 2];
      const sinDelta = sd < 0 ? -sd : sd;
      if (sinDelta > this.sinPlaneReach[pair]) {
        const delta = Math.PI / 2 - fastAcos(sinDelta > 1 ? 1 : sinDelta);
        const planeS = (delta - ACOS_FAST_ERROR_RAD - PLANE_WOBBLE_RAD - this.lambdaMax[pair]) / (EARTH_RATE_RAD_PER_S + PLANE_RATE_RAD_PER_S);
        if (planeS > skipS) skipS = planeS;
      }
    }
    f[6] = skipS;
  }

  /**
   * cos and sin of GMST at t into out[0..1]. Refinement happens within two
   * steps of the current sample (time t₀, angle θ₀), so θ = θ₀ + θ̇ (t − t₀)
   * with the rotation composed from Taylor series of the small angle
   * (|Δ| ≤ 0.05 rad: series error < 1e-17; θ̇ is constant to 1e-10 relative
   * over a century, so over two steps the angle is off by < 1e-12 rad);
   * farther away, gstime.
   */
  private gmstAt(t: number, out: Float64Array): void {
    const m = this.gmst;
    const dRad = ((t - m[0]) / 1000) * GMST_RATE_RAD_PER_S;
    if (dRad > 0.05 || dRad < -0.05 || m[0] !== m[0]) {
      const th = gstime(julianDateFromMs(t));
      out[0] = Math.cos(th);
      out[1] = Math.sin(th);
      return;
    }
    const d2 = dRad * dRad;
    const cd = 1 - (d2 / 2) * (1 - (d2 / 12) * (1 - (d2 / 30) * (1 - d2 / 56)));
    const sd = dRad * (1 - (d2 / 6) * (1 - (d2 / 20) * (1 - (d2 / 42) * (1 - d2 / 72))));
    out[0] = m[1] * cd - m[2] * sd;
    out[1] = m[2] * cd + m[1] * sd;
  }

  /** g(pair, t) for refinement (> 0 in contact); NaN when the position cannot be computed. */
  private readonly refineG = (pair: number, t: number): number => {
    const S = this.S;
    const i = (pair / S) | 0;
    const k = pair - i * S;
    const pv = this.pv;
    if (!this.positions.positionAt(i, t, pv)) return Number.NaN;
    const cs = this.cs;
    this.gmstAt(t, cs);
    const c = cs[0];
    const s = cs[1];
    return sinElevation(this.stations, k, pv[0] * c + pv[1] * s, -pv[0] * s + pv[1] * c, pv[2]) - this.stations.sinMask[k];
  };
}
