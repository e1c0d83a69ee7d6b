/**
 * Events as switching functions (Orekit style). An event detector samples a
 * continuous g(t) per "pair" (a satellite, or a satellite–station pair) at
 * every step; g ≥ 0 means inside the interval (in eclipse, in contact). A sign
 * change between samples is refined by root finding to ROOT_TOLERANCE_MS, so
 * event times do not depend on the step. Intervals shorter than a step are
 * caught too: when three samples show a local extremum of g near zero, the
 * extremum is located by Brent's search and, if it crosses zero, both
 * roots are refined. Intervals open at the horizon's ends are clipped to it.
 */

/** Root and extremum time tolerance (ms). */
export const ROOT_TOLERANCE_MS = 10;
/** Tolerance of the search for a hidden interval's peak (ms). */
export const HIDDEN_SEARCH_TOLERANCE_MS = 200;
/** Tolerance of the search for the peak of g inside an interval (ms). */
export const PEAK_TOLERANCE_MS = 500;

/** g(pair, timeMs); NaN when it cannot be evaluated (e.g. propagation failed). */
export type PairFunction = (pair: number, timeMs: number) => number;

/**
 * Illinois-modified regula falsi on [t0, t1] with g(t0) and g(t1) of opposite
 * signs (as "≥ 0" vs "< 0"). Returns the time of the sign change to within
 * `tolMs`: the first time at which g has the sign of g(t1).
 */
export function findRoot(g: PairFunction, pair: number, t0: number, g0: number, t1: number, g1: number, tolMs = ROOT_TOLERANCE_MS): number {
  let a = t0;
  let b = t1;
  let ga = g0;
  let gb = g1;
  const insideB = gb >= 0;
  let side = 0;
  for (let iter = 0; iter < 100 && b - a > tolMs; iter++) {
    let t = (a * gb - b * ga) / (gb - ga);
    // Keep the trial point strictly inside and fall back to bisection when stuck.
    if (!(t > a + tolMs / 4 && t < b - tolMs / 4)) t = 0.5 * (a + b);
    const gt = g(pair, t);
    if (Number.isNaN(gt)) {
      b = t;
      continue;
    }
    if (gt >= 0 === insideB) {
      b = t;
      gb = gt;
      if (side === 1) ga *= 0.5;
      side = 1;
    } else {
      a = t;
      ga = gt;
      if (side === -1) gb *= 0.5;
      side = -1;
    }
  }
  return b;
}

/** (3 − √5) / 2: the golden-section fraction. */
const GOLDEN_STEP = (3 - Math.sqrt(5)) / 2;

/**
 * Maximum of g(pair, ·) on [a, b] by Brent's method (Brent 1973, "Algorithms
 * for minimization without derivatives", ch. 5): parabolic interpolation
 * through the best three points when it is safe, golden section otherwise;
 * stops when the best point is known to within about tolMs / 2. NaN values
 * count as −∞. Returns the time; the value there in `out[0]`.
 */
export function maximise(g: PairFunction, pair: number, a: number, b: number, out: Float64Array, tolMs = ROOT_TOLERANCE_MS): number {
  // Minimises F = −g; x best so far, w second best, v the previous w.
  const tol1 = tolMs / 4;
  const tol2 = 2 * tol1;
  let x = a + GOLDEN_STEP * (b - a);
  let w = x;
  let v = x;
  let fx = negated(g(pair, x));
  let fw = fx;
  let fv = fx;
  let d = 0;
  let e = 0;
  for (let iter = 0; iter < 100; iter++) {
    const m = 0.5 * (a + b);
    if (Math.abs(x - m) <= tol2 - 0.5 * (b - a)) break;
    let golden = true;
    if (Math.abs(e) > tol1) {
      const r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      else q = -q;
      const eOld = e;
      e = d;
      // Accept the parabola's vertex only inside (a, b) and for a step under half the one before last.
      if (q > 0 && Number.isFinite(p) && Math.abs(p) < Math.abs(0.5 * q * eOld) && p > q * (a - x) && p < q * (b - x)) {
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = m >= x ? tol1 : -tol1;
        golden = false;
      }
    }
    if (golden) {
      e = x >= m ? a - x : b - x;
      d = GOLDEN_STEP * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d >= 0 ? tol1 : -tol1);
    const fu = negated(g(pair, u));
    if (fu <= fx) {
      if (u >= x) a = x;
      else b = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  out[0] = fx === Number.POSITIVE_INFINITY ? Number.NaN : -fx;
  return x;
}

/** −y, with NaN as +∞ (a point where g cannot be evaluated is never the maximum). */
function negated(y: number): number {
  return y === y ? -y : Number.POSITIVE_INFINITY;
}

/** `peak`: largest g inside the interval (samples and refined local maxima), when peaks are tracked. */
export type IntervalHandler = (pair: number, startMs: number, endMs: number, peak: number) => void;

/**
 * Detects intervals where g ≥ 0 for many pairs sampled at common times.
 * State per pair lives in typed arrays allocated once.
 */
export class IntervalDetector {
  private readonly g1: Float64Array;
  private readonly g2: Float64Array;
  private readonly openStartMs: Float64Array;
  private readonly samples: Uint32Array;
  private readonly peak: Float64Array | null;
  private t1 = Number.NaN;
  private t2 = Number.NaN;
  private now = Number.NaN;
  private readonly scratch = new Float64Array(1);

  /**
   * @param count number of pairs
   * @param g switching function for refinement
   * @param onInterval called once per interval, in order of end time per pair
   * @param extremumMargin how far below zero (in g's units) a sampled local
   *   maximum may sit and still be searched for a hidden short interval
   * @param trackPeak refine each local maximum inside an interval as soon as
   *   three samples show it (so only the last two steps are ever evaluated)
   */
  constructor(
    readonly count: number,
    private readonly g: PairFunction,
    private readonly onInterval: IntervalHandler,
    private readonly extremumMargin: number,
    trackPeak = false,
  ) {
    this.peak = trackPeak ? new Float64Array(count) : null;
    this.g1 = new Float64Array(count);
    this.g2 = new Float64Array(count);
    this.openStartMs = new Float64Array(count).fill(Number.NaN);
    this.samples = new Uint32Array(count);
  }

  /** Marks the start of a sampling epoch shared by all pairs. */
  beginSample(timeMs: number): void {
    this.t2 = this.t1;
    this.t1 = this.now;
    this.now = timeMs;
  }

  /** Feeds g(pair, now). NaN (pair inactive) closes any open interval at the previous sample. */
  sample(pair: number, value: number): void {
    const n = this.samples[pair];
    const t = this.now;
    if (Number.isNaN(value)) {
      if (!Number.isNaN(this.openStartMs[pair])) {
        this.onInterval(pair, this.openStartMs[pair], this.t1, this.peak ? this.peak[pair] : Number.NaN);
        this.openStartMs[pair] = Number.NaN;
      }
      this.samples[pair] = 0;
      return;
    }
    if (n === 0) {
      const open = !Number.isNaN(this.openStartMs[pair]);
      if (value >= 0) {
        if (!open) {
          this.openStartMs[pair] = t;
          if (this.peak) this.peak[pair] = value;
        } else if (this.peak && value > this.peak[pair]) this.peak[pair] = value;
      } else if (open) {
        // Resumed after a skip that should have stayed inside: close here (never expected).
        this.onInterval(pair, this.openStartMs[pair], t, this.peak ? this.peak[pair] : Number.NaN);
        this.openStartMs[pair] = Number.NaN;
      }
    } else {
      const prev = this.g1[pair];
      const tPrev = this.t1;
      const pk = this.peak;
      if (pk) {
        // A local maximum of the samples inside an interval: refine it now, while
        // its neighbourhood is still in the current step's reach.
        if (value >= 0 && value > pk[pair]) pk[pair] = value;
        if (n >= 2 && prev >= 0 && prev >= this.g2[pair] && prev >= value) {
          maximise(this.g, pair, this.t2, t, this.scratch, PEAK_TOLERANCE_MS);
          if (this.scratch[0] > pk[pair]) pk[pair] = this.scratch[0];
        }
      }
      if (prev >= 0 !== value >= 0) {
        const root = findRoot(this.g, pair, tPrev, prev, t, value);
        if (value >= 0) {
          this.openStartMs[pair] = root;
          if (pk) pk[pair] = value;
        } else {
          this.onInterval(pair, this.openStartMs[pair], root, this.peak ? this.peak[pair] : Number.NaN);
          this.openStartMs[pair] = Number.NaN;
        }
      } else if (n >= 2 && value < 0 && prev < 0) {
        const prev2 = this.g2[pair];
        if (prev2 < 0 && prev > prev2 && prev >= value) this.checkHiddenInterval(pair, this.t2, prev2, tPrev, prev, t, value);
      }
    }
    this.g2[pair] = this.g1[pair];
    this.g1[pair] = value;
    this.samples[pair] = n + 1;
  }

  private checkHiddenInterval(pair: number, ta: number, ga: number, tb: number, gb: number, tc: number, gc: number): void {
    // Parabola through the three samples; its vertex estimates the maximum.
    const d1 = (gb - ga) / (tb - ta);
    const d2 = (gc - gb) / (tc - tb);
    const curv = (d2 - d1) / (tc - ta);
    let vertex = gb;
    if (curv < 0) {
      const tv = 0.5 * (ta + tb) - d1 / (2 * curv);
      vertex = ga + d1 * (tv - ta) + curv * (tv - ta) * (tv - tb);
    }
    if (vertex < -this.extremumMargin) return;
    // Only the sign of the maximum matters here; roots are refined to ROOT_TOLERANCE_MS below.
    const tm = maximise(this.g, pair, ta, tc, this.scratch, HIDDEN_SEARCH_TOLERANCE_MS);
    const gm = this.scratch[0];
    if (!(gm >= 0)) return;
    const start = findRoot(this.g, pair, ta, ga, tm, gm);
    const end = findRoot(this.g, pair, tm, gm, tc, gc);
    this.onInterval(pair, start, end, gm);
  }

  /**
   * Forgets the samples of a pair before a span in which the caller has
   * proved g keeps its sign and skips sampling it. An open interval stays
   * open across the span (sampling resumes inside it).
   */
  reset(pair: number): void {
    this.samples[pair] = 0;
  }

  /** True while the pair is inside an interval. */
  isOpen(pair: number): boolean {
    return !Number.isNaN(this.openStartMs[pair]);
  }

  /** Closes intervals still open at the horizon's end `endMs`. */
  finish(endMs: number): void {
    for (let p = 0; p < this.count; p++) {
      if (!Number.isNaN(this.openStartMs[p])) {
        this.onInterval(p, this.openStartMs[p], endMs, this.peak ? this.peak[p] : Number.NaN);
        this.openStartMs[p] = Number.NaN;
      }
    }
  }
}
