/**
 * Root finding on switching functions g(pair, t) (t in ms).
 *
 *   findRoot: Illinois-modified regula falsi on a bracket [t0, t1] where g
 *     changes sign ("≥ 0" vs "< 0"); converges superlinearly, to ROOT_TOLERANCE_MS.
 *   maximise: Brent's method (parabolic interpolation + golden section) for
 *     the largest g on [a, b]; finds contact peaks and intervals hidden
 *     between samples.
 *
 * Sign: only "g ≥ 0" vs "g < 0" matters here; the detectors define g > 0
 * inside an interval (in eclipse, in contact). NaN (g cannot be evaluated,
 * e.g. SGP4 failed) is outside for findRoot and −∞ for maximise.
 * Sources: Dowell & Jarratt (1971), "A modified regula falsi method";
 * Brent (1973), "Algorithms for minimization without derivatives", ch. 5.
 */

/** Root and extremum time tolerance (ms). */
export const ROOT_TOLERANCE_MS = 10;

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
