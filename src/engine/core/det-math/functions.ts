/**
 * The deterministic replacements of Math.sin … cbrt (why, and who installs
 * them: install.ts). Ports of FreeBSD msun / fdlibm and Cephes in plain
 * JavaScript (@stdlib/math-base-special-*: sin, cos, tan, exp, ln, pow, cbrt
 * from msun; asin, acos, atan from Cephes; atan2 over that atan). They use
 * only operations IEEE 754 defines exactly (+ − × ÷, sqrt, comparisons, bit
 * access through typed arrays), so they round the same on every engine. tan,
 * exp, log and pow are bit-identical to fdlibm 5.3 (Java StrictMath); sin,
 * cos and cbrt use msun's more accurate kernels; all are within 1 ulp of the
 * correctly rounded value on the reference set
 * (test/engine/core/det-math.test.ts, test/fixtures/det-math/). Arguments
 * whose result the ECMAScript spec fixes exactly (NaN, ±0, ±∞ in pow; the
 * sign of atan2) are handled here, as the ports depart from the spec there.
 */
import stdAcos from '@stdlib/math-base-special-acos';
import stdAsin from '@stdlib/math-base-special-asin';
import stdAtan from '@stdlib/math-base-special-atan';
import stdAtan2 from '@stdlib/math-base-special-atan2';
import stdCbrt from '@stdlib/math-base-special-cbrt';
import stdCos from '@stdlib/math-base-special-cos';
import stdExp from '@stdlib/math-base-special-exp';
import stdLn from '@stdlib/math-base-special-ln';
import stdPow from '@stdlib/math-base-special-pow';
import stdSin from '@stdlib/math-base-special-sin';
import stdTan from '@stdlib/math-base-special-tan';

/**
 * The host's Math.pow, taken when this module loads (before any install), for
 * the special values whose results the spec fixes exactly. Not `**`: bundles
 * may lower that operator to a call of the current Math.pow (see
 * exponent-rewrite.ts), which would be this module's pow again.
 */
const hostPow = Math.pow;

/**
 * x^y. Special operands (NaN, ±0, ±∞) go to the host: ECMAScript's
 * Number::exponentiate defines those results exactly (0, ±∞, 1, NaN), while
 * the msun port returns e.g. pow(−0, 0.1) = 4e−33 and pow(NaN, 0) = NaN.
 * A negative base takes the sign from the exponent's parity (the port calls
 * 1e300 odd).
 */
function pow(x: number, y: number): number {
  if (x === 0 || y === 0 || !Number.isFinite(x) || !Number.isFinite(y)) return hostPow(x, y);
  if (x > 0) return stdPow(x, y);
  if (!Number.isInteger(y)) return Number.NaN;
  const m = stdPow(-x, y);
  return y % 2 === 0 ? m : -m;
}

/**
 * atan2(y, x), odd in y as the spec requires: the port picks the half-plane
 * from the sign of atan(y/x), which is +0 when y/x underflows, so
 * atan2(−1e−310, −1e308) came out +π.
 */
function atan2(y: number, x: number): number {
  return y < 0 ? -stdAtan2(-y, x) : stdAtan2(y, x);
}

/** The Math functions an engine process replaces, by Math property name. */
export const DETERMINISTIC_MATH = Object.freeze({
  sin: stdSin,
  cos: stdCos,
  tan: stdTan,
  asin: stdAsin,
  acos: stdAcos,
  atan: stdAtan,
  atan2,
  exp: stdExp,
  log: stdLn,
  pow,
  cbrt: stdCbrt,
});

/** A replaced function's Math property name. */
export type DeterministicMathName = keyof typeof DETERMINISTIC_MATH;
