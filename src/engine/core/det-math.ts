/**
 * Deterministic Math for engine processes: the same bits from every
 * JavaScript engine, so the CLI (Node) and the browser's workers (Chromium)
 * write byte-identical result files.
 *
 * Why: ECMAScript leaves Math.sin, cos, tan, asin, acos, atan, atan2, exp,
 * log, pow, cbrt and the `**` operator "implementation-approximated", and V8
 * has changed them between versions (glibc-derived trig, `std::pow`): Node 20
 * and Chromium 156 disagree in the last bit on 0.3–18 % of the inputs an
 * ordinary run feeds them (SGP4 initialisation, sunPos, gstime, shadow,
 * skip bounds, event refinement). Root finding to 10 ms and the compute
 * controller carry such a bit into the 9-digit output now and then.
 *
 * What: ports of FreeBSD msun / fdlibm and Cephes in plain JavaScript
 * (@stdlib/math-base-special-*: sin, cos, tan, exp, ln, pow, cbrt from msun;
 * asin, acos, atan from Cephes; atan2 over that atan). They use only
 * operations IEEE 754 defines exactly (+ − × ÷, sqrt, comparisons, bit access
 * through typed arrays), so they round the same on every engine. tan, exp,
 * log and pow are bit-identical to fdlibm 5.3 (Java StrictMath); sin, cos and
 * cbrt use msun's more accurate kernels; all are within 1 ulp of the
 * correctly rounded value on the reference set (test/engine/det-math.test.ts). Arguments whose
 * result the ECMAScript spec fixes exactly (NaN, ±0, ±∞ in pow; the sign of
 * atan2) are handled here, as the ports depart from the spec there.
 * Math.sqrt, abs, floor, ceil, round, trunc, min, max and hypot stay native:
 * they are exact by definition (hypot: V8's builtin is a sum of exact
 * operations and one sqrt; measured identical on both engines).
 *
 * How: installDeterministicMath() replaces those Math functions in the
 * calling realm. Only engine processes call it, before any element set is
 * initialised: the CLI (src/cli/cli.ts), its worker threads
 * (src/cli/geometry-worker.ts), the browser's analysis and geometry workers
 * (workers/*.worker.ts). The page and three.js keep the native functions.
 * satellite.js, which these processes load, uses `**` in SGP4
 * initialisation and propagation; an operator cannot be replaced at run time,
 * so every loader rewrites it to Math.pow (src/cli/exponent-rewrite.ts), and
 * installDeterministicMath() checks that the loaded satellite.js was
 * rewritten. Our own engine code writes Math.pow, never `**` (except squares,
 * exact on every engine: a test enforces both), and the production build's
 * minifier is kept from turning Math.pow into `**` (vite.config.ts).
 *
 * Cost (1,000 satellites as in bench/_prof.ts, one thread, native and
 * deterministic runs alternated in one process on a shared 2-core machine):
 * ≈ +5 % for a day at 10 s (median 2.12 s vs 2.01 s; acos of the skip
 * bounds at every sample), ≈ +2 % for ten days at 60 s. The replaced
 * functions take 1–2× the native time per call (pow ≈ 2×, 160 ns).
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
import { twoline2satrec } from 'satellite.js';

/**
 * The host's Math.pow, taken when this module loads (before any install), for
 * the special values whose results the spec fixes exactly. Not `**`: bundles
 * may lower that operator to a call of the current Math.pow (see
 * src/cli/worker-bundle.ts), which would be this module's pow again.
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

type MathName = keyof typeof DETERMINISTIC_MATH;
const NAMES = Object.keys(DETERMINISTIC_MATH) as MathName[];
const mathTable = Math as unknown as Record<MathName, (...args: number[]) => number>;

/** True when every function of DETERMINISTIC_MATH is installed in this realm's Math. */
export function deterministicMathInstalled(): boolean {
  return NAMES.every((n) => mathTable[n] === DETERMINISTIC_MATH[n]);
}

/**
 * A deep-space, 12 h resonant element set (MOLNIYA 2-14, Vallado's
 * verification set): initialising it runs every `**` of satellite.js's SGP4
 * once: initl 2, sgp4init 3, dsinit 1, and sgp4 2 (sgp4init propagates to t = 0).
 */
const PROBE_TLE = [
  '1 08195U 75081A   06176.33215444  .00000099  00000-0  11873-3 0   813',
  '2 08195  64.1586 279.0717 6877146 264.7651  20.2257  2.00491383225656',
] as const;
const PROBE_POWERS = 8;

/** Math.pow calls made while satellite.js initialises the probe element set (8 when its `**` were rewritten, 0 when not). */
export function satelliteJsPowCalls(): number {
  const current = Math.pow;
  let calls = 0;
  Math.pow = (x: number, y: number) => {
    calls++;
    return current(x, y);
  };
  try {
    twoline2satrec(PROBE_TLE[0], PROBE_TLE[1]);
  } finally {
    Math.pow = current;
  }
  return calls;
}

/**
 * Replaces Math.sin … cbrt with DETERMINISTIC_MATH in this realm (idempotent).
 * Throws, leaving Math as it was, when satellite.js was loaded without its
 * `**` rewritten to Math.pow (see src/cli/exponent-rewrite.ts): results would
 * then still depend on the host.
 */
export function installDeterministicMath(): void {
  const calls = satelliteJsPowCalls();
  if (calls !== PROBE_POWERS) {
    throw new Error(
      `satellite.js was loaded without its exponent operators rewritten to Math.pow (${calls} of ${PROBE_POWERS} powers seen): ` +
        'load it through the exponent rewrite (src/cli/exponent-rewrite.ts) so results do not depend on the JavaScript engine',
    );
  }
  for (const n of NAMES) mathTable[n] = DETERMINISTIC_MATH[n];
}
