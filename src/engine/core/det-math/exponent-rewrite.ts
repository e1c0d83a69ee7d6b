/**
 * satellite.js's `**` operators rewritten to calls of the current Math.pow,
 * so that installDeterministicMath() (install.ts) covers them too. Pure
 * string work over esbuild's output; the caller passes esbuild's
 * transformSync (a dev tool, loaded only by the loaders that need it).
 *
 * satellite.js 7 initialises SGP4 records in JavaScript with `**`, e.g.
 * `(satrec.no * tumin) ** (-2.0 / 3.0)`, `psisq ** 3.5`, `(xke / no) ** x2o3`,
 * and propagates with `am ** 1.5`; the WASM BulkPropagator copies those
 * records. V8 evaluates `**` with the host's pow (Node 20: fdlibm; Chromium
 * 156: the C library's), which differ in the last bit for some inputs (for
 * the ISS element set of assets/scenarios/iss-tle.json: 2 of its 24 powers).
 * An operator cannot be redirected at run time, and "the inputs that matter"
 * are any element set a user loads, so the operator is rewritten at load time
 * by every loader that feeds an engine process:
 *
 * - Vite (dev server, build, worker bundles, vitest): the plugin in
 *   vite.config.ts calls rewriteExponentOperators() on satellite.js modules;
 *   vitest inlines satellite.js so the plugin sees it. The production
 *   minifier is told not to turn Math.pow back into `**` (KEEP_MATH_POW).
 * - The CLI process: src/cli/main.ts registers the Node module hook of
 *   src/cli/exponent-hook.ts before it loads anything that imports satellite.js.
 * - The CLI's worker threads: src/cli/worker-bundle.ts bundles satellite.js
 *   in and lowers `**` in the whole bundle with LOWER_EXPONENT_OPERATOR and
 *   callTimePow() (its tsx fallback registers the hook).
 *
 * The rewrite is esbuild's own lowering of the operator (`a ** b` →
 * `__pow(a, b)`, exactly the spec's Number::exponentiate, which Math.pow also
 * is), with its helper changed from `var __pow = Math.pow` (taken once, when
 * the module loads) to a lookup at each call, so the result does not depend
 * on whether satellite.js or the deterministic Math loads first. Where Math
 * is native this changes nothing (`**` and Math.pow give the same bits on
 * both engines).
 */
import type { transformSync } from 'esbuild';

/** satellite.js's own modules (its WASM glue has no `**`); file paths or file: URLs, Vite ids may carry a query. */
export const SATELLITE_JS_MODULE = /[\\/]node_modules[\\/]satellite\.js[\\/]dist[\\/][^?]*\.js(?:\?.*)?$/;

/** esbuild option that lowers `**` and `**=` to its `__pow` helper. */
export const LOWER_EXPONENT_OPERATOR = { 'exponent-operator': false } as const;

const LOAD_TIME_HELPER = 'var __pow = Math.pow;';
const CALL_TIME_HELPER = 'var __pow = (a, b) => Math.pow(a, b);';

/**
 * Makes esbuild's lowered `**` look Math.pow up at each call. `code` is
 * esbuild output built with LOWER_EXPONENT_OPERATOR; throws if it lowered an
 * operator but the helper is not the expected one (an esbuild change).
 */
export function callTimePow(code: string, what: string): string {
  if (!code.includes('__pow(')) return code;
  const at = code.indexOf(LOAD_TIME_HELPER);
  if (at < 0 || code.indexOf(LOAD_TIME_HELPER, at + 1) >= 0) throw new Error(`${what}: esbuild's lowered ** helper (${LOAD_TIME_HELPER}) not found exactly once`);
  return code.replace(LOAD_TIME_HELPER, CALL_TIME_HELPER);
}

/**
 * `code` (an ES module) with every `**` a call of the current Math.pow, or
 * null when it has none. `transform` is esbuild's transformSync.
 */
export function rewriteExponentOperators(code: string, file: string, transform: typeof transformSync): { code: string; map: string } | null {
  // Quick pre-check: `**` that does not open a `/**` comment (JavaScript never reads `/**` as an operator).
  if (!/(?<!\/)\*\*/.test(code)) return null;
  const out = transform(code, { loader: 'js', format: 'esm', supported: LOWER_EXPONENT_OPERATOR, sourcemap: 'external', sourcefile: file });
  if (!out.code.includes('__pow(')) return null; // only `/**` comments
  return { code: callTimePow(out.code, file), map: out.map };
}
