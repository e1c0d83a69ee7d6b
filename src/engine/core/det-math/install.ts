/**
 * Deterministic Math for engine processes: the same bits from every
 * JavaScript engine, so the CLI (Node) and the browser's workers (Chromium)
 * write byte-identical result files. This folder owns all of it: the
 * replacement functions (functions.ts), the rewrite of satellite.js's `**`
 * (exponent-rewrite.ts) and the one installation below.
 *
 * Why: ECMAScript leaves Math.sin, cos, tan, asin, acos, atan, atan2, exp,
 * log, pow, cbrt and the `**` operator "implementation-approximated", and V8
 * has changed them between versions (glibc-derived trig, `std::pow`): Node 20
 * and Chromium 156 disagree in the last bit on 0.3–18 % of the inputs an
 * ordinary run feeds them (SGP4 initialisation, sunPos, gstime, shadow,
 * skip bounds, event refinement). Root finding to 10 ms and the compute
 * controller carry such a bit into the 9-digit output now and then.
 *
 * What: pure-JavaScript ports of FreeBSD msun / Cephes (functions.ts), exact
 * on every engine because they use only operations IEEE 754 defines exactly.
 * Math.sqrt, abs, floor, ceil, round, trunc, min, max and hypot stay native:
 * they are exact by definition (hypot: V8's builtin is a sum of exact
 * operations and one sqrt; measured identical on both engines).
 *
 * How: installDeterministicMath() replaces those Math functions in the
 * calling realm. Importing any module of this folder changes nothing: each
 * engine entry point calls it explicitly as its first statement, before any
 * element set is initialised: the CLI's main() (src/cli/cli.ts), its worker
 * threads (src/cli/geometry-worker.ts), the browser's analysis and geometry
 * workers (workers/analysis.worker.ts, workers/geometry.worker.ts). Tests
 * that play one of those processes call it in their setup. The page and
 * three.js keep the native functions. satellite.js, which these processes
 * load, uses `**` in SGP4 initialisation and propagation; an operator cannot
 * be replaced at run time, so every loader rewrites it to Math.pow
 * (exponent-rewrite.ts), and installDeterministicMath() checks that the
 * loaded satellite.js was rewritten. Our own engine code writes Math.pow,
 * never `**` (except squares, exact on every engine: a test enforces both),
 * and the production build's minifier is kept from turning Math.pow into
 * `**` (vite.config.ts).
 *
 * Cost (1,000 satellites as in bench/_prof.ts, one thread, native and
 * deterministic runs alternated in one process on a shared 2-core machine):
 * ≈ +5 % for a day at 10 s (median 2.12 s vs 2.01 s; acos of the skip
 * bounds at every sample), ≈ +2 % for ten days at 60 s. The replaced
 * functions take 1–2× the native time per call (pow ≈ 2×, 160 ns).
 */
import { twoline2satrec } from 'satellite.js';
import { DETERMINISTIC_MATH, type DeterministicMathName } from './functions';

const NAMES = Object.keys(DETERMINISTIC_MATH) as DeterministicMathName[];
const mathTable = Math as unknown as Record<DeterministicMathName, (...args: number[]) => number>;

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
 * Makes this realm an engine process: replaces Math.sin … cbrt with
 * DETERMINISTIC_MATH (idempotent). Throws, leaving Math as it was, when
 * satellite.js was loaded without its `**` rewritten to Math.pow (see
 * exponent-rewrite.ts): results would then still depend on the host.
 */
export function installDeterministicMath(): void {
  const calls = satelliteJsPowCalls();
  if (calls !== PROBE_POWERS) {
    throw new Error(
      `satellite.js was loaded without its exponent operators rewritten to Math.pow (${calls} of ${PROBE_POWERS} powers seen): ` +
        'load it through the exponent rewrite (src/engine/core/det-math/exponent-rewrite.ts) so results do not depend on the JavaScript engine',
    );
  }
  for (const n of NAMES) mathTable[n] = DETERMINISTIC_MATH[n];
}
