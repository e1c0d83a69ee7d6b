// Deterministic Math (src/engine/core/det-math/): reference values computed
// independently (fdlibm 5.3 through Java StrictMath, correctly rounded values
// from mpmath; test/fixtures/det-math/README.md), the ECMAScript special
// values, explicit installation by the CLI's main(), satellite.js's ** rewritten
// by the loader, and source guards that keep the engine on deterministic operations.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { DETERMINISTIC_MATH } from '../../../src/engine/core/det-math/functions';
import { deterministicMathInstalled, installDeterministicMath, satelliteJsPowCalls } from '../../../src/engine/core/det-math/install';

type Fn = keyof typeof DETERMINISTIC_MATH;
interface RefCase {
  fn: Fn;
  args: number[];
  /** Bits of DETERMINISTIC_MATH[fn](...args), the same in Node 20 and Chromium 156 (page and worker) when generated. */
  det: string;
  /** Bits of Java 17 StrictMath (fdlibm 5.3 by specification). */
  fdlibm: string;
  /** Bits of the correctly rounded value (mpmath, 300 bits, rounded to nearest). */
  correctlyRounded: string;
  from: string;
}

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const REF: RefCase[] = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/det-math/reference.json'), 'utf8')).cases;

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
function bits(x: number): string {
  f64[0] = x;
  return u64[0].toString(16).padStart(16, '0');
}
function fromBits(h: string): number {
  u64[0] = BigInt(`0x${h}`);
  return f64[0];
}
/** Distance in units in the last place between two doubles of the same sign (NaNs: 0 apart). */
function ulps(a: string, b: string): number {
  if (Number.isNaN(fromBits(a)) && Number.isNaN(fromBits(b))) return 0;
  const x = BigInt(`0x${a}`);
  const y = BigInt(`0x${b}`);
  if (x >> 63n !== y >> 63n) return a === b ? 0 : Number.POSITIVE_INFINITY;
  return Number(x > y ? x - y : y - x);
}
const call = (fn: Fn, args: readonly number[]): number => (DETERMINISTIC_MATH[fn] as (...a: number[]) => number)(...args);

describe('deterministic Math: reference values', () => {
  it('covers every function, with inputs where Node 20 and Chromium 156 disagree natively', () => {
    expect(new Set(REF.map((c) => c.fn))).toEqual(new Set(Object.keys(DETERMINISTIC_MATH)));
    expect(REF.filter((c) => c.from.startsWith('engine path')).length).toBeGreaterThan(40);
  });

  it('gives the pinned bits (identical in Node and Chromium when the table was made)', () => {
    const wrong = REF.filter((c) => bits(call(c.fn, c.args)) !== c.det).map((c) => `${c.fn}(${c.args.join(', ')})`);
    expect(wrong).toEqual([]);
  });

  it('is within 1 ulp of the correctly rounded value', () => {
    const far = REF.filter((c) => ulps(bits(call(c.fn, c.args)), c.correctlyRounded) > 1).map((c) => `${c.fn}(${c.args.join(', ')})`);
    expect(far).toEqual([]);
  });

  it('tan, exp, log and pow are fdlibm 5.3 bit for bit (Java StrictMath)', () => {
    const cases = REF.filter((c) => ['tan', 'exp', 'log', 'pow'].includes(c.fn));
    expect(cases.length).toBeGreaterThan(90);
    const differ = cases.filter((c) => ulps(bits(call(c.fn, c.args)), c.fdlibm) !== 0).map((c) => `${c.fn}(${c.args.join(', ')})`);
    expect(differ).toEqual([]);
  });
});

describe('deterministic Math: ECMAScript special values', () => {
  const { PI } = Math;
  const inf = Number.POSITIVE_INFINITY;
  const cases: Array<[Fn, number[], number]> = [
    ['sin', [0], 0], ['sin', [-0], -0], ['sin', [inf], NaN], ['sin', [NaN], NaN],
    ['cos', [-0], 1], ['cos', [-inf], NaN], ['tan', [-0], -0], ['tan', [inf], NaN],
    ['asin', [-0], -0], ['asin', [1.5], NaN], ['acos', [1], 0], ['acos', [-1.5], NaN],
    ['atan', [-0], -0], ['atan', [NaN], NaN],
    ['atan2', [0, 0], 0], ['atan2', [-0, 0], -0], ['atan2', [0, -0], PI], ['atan2', [-0, -0], -PI], ['atan2', [-0, -1], -PI],
    ['atan2', [1, 0], PI / 2], ['atan2', [-1, -0], -PI / 2], ['atan2', [-1, -inf], -PI], ['atan2', [NaN, 1], NaN],
    ['atan2', [-1e-310, -1e308], -PI], ['atan2', [1e-310, -1e308], PI],
    ['exp', [-0], 1], ['exp', [inf], inf], ['exp', [-inf], 0], ['exp', [NaN], NaN],
    ['log', [0], -inf], ['log', [-0], -inf], ['log', [-1], NaN], ['log', [1], 0], ['log', [inf], inf],
    ['cbrt', [-0], -0], ['cbrt', [-inf], -inf], ['cbrt', [-27], -3],
    ['pow', [NaN, 0], 1], ['pow', [NaN, -0], 1], ['pow', [2, NaN], NaN], ['pow', [1, inf], NaN], ['pow', [-1, -inf], NaN],
    ['pow', [0.5, inf], 0], ['pow', [2, -inf], 0], ['pow', [-0, 0.1], 0], ['pow', [-0, -0.5], inf], ['pow', [-0, 3], -0],
    ['pow', [-0, -3], -inf], ['pow', [0, -1], inf], ['pow', [-inf, 0.5], inf], ['pow', [-inf, 3], -inf], ['pow', [-inf, -3], -0],
    ['pow', [-inf, 1e-310], inf], ['pow', [-1, 1e300], 1], ['pow', [-2, 3], -8], ['pow', [-2, -2], 0.25], ['pow', [-2, 0.5], NaN],
    ['pow', [1, 1e300], 1], ['pow', [7, 2], 49],
  ];
  it.each(cases)('%s(%j) = %d, as the host gives it', (fn, args, expected) => {
    expect(Object.is(call(fn, args), expected)).toBe(true);
    expect(Object.is((Math[fn] as (...a: number[]) => number)(...args), expected)).toBe(true); // the table itself is the spec's
  });

  it('squares are exact, as `x ** 2` is on every engine', () => {
    for (const x of [3.1, -7000.123, 1e-200, 6378.135, 0.1 + 0.2]) expect(Object.is(call('pow', [x, 2]), x * x)).toBe(true);
  });
});

describe('installation', () => {
  it('importing the CLI changes nothing; its main() installs it first (its process is an engine process)', async () => {
    expect(deterministicMathInstalled()).toBe(false);
    const native = Math.sin;
    const { main } = await import('../../../src/cli/main');
    expect(deterministicMathInstalled()).toBe(false);
    expect(Math.sin).toBe(native);
    expect(await main(['--list-presets'], { out: { write: () => true }, err: { write: () => true } })).toBe(0);
    expect(deterministicMathInstalled()).toBe(true);
    expect(Math.sin).not.toBe(native);
    for (const [name, f] of Object.entries(DETERMINISTIC_MATH)) expect((Math as unknown as Record<string, unknown>)[name], name).toBe(f);
  });

  it('leaves the exact functions native, and installing again changes nothing', () => {
    for (const name of ['sqrt', 'abs', 'floor', 'ceil', 'round', 'trunc', 'min', 'max', 'hypot'] as const) expect(String(Math[name])).toMatch(/\[native code\]/);
    installDeterministicMath();
    expect(deterministicMathInstalled()).toBe(true);
  });

  it('satellite.js is loaded with every ** rewritten to Math.pow (vitest inlines it through the Vite plugin)', () => {
    expect(satelliteJsPowCalls()).toBe(8);
  });
});

describe('engine sources stay on deterministic operations', () => {
  /** Engine-process sources: src/engine (with its concept folders), src/cli, workers. */
  const files = ['src/engine', 'src/cli', 'workers'].flatMap((dir) =>
    (readdirSync(join(ROOT, dir), { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts'))
      .sort()
      .map((f) => join(dir, f)),
  );
  const satelliteJs = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? satelliteJs(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : []));
  /** Code without comments or types, `**` lowered to `__pow(a, b)`. */
  const code = (file: string): string =>
    transformSync(readFileSync(join(ROOT, file), 'utf8'), { loader: file.endsWith('.ts') ? 'ts' : 'js', minifyWhitespace: true, supported: { 'exponent-operator': false } }).code;

  it('`**` only for squares (x ** 2 is x * x on every engine); Math.pow otherwise', () => {
    const bad: string[] = [];
    // The rewrite itself names esbuild's helper in strings; it computes nothing.
    const checked = files.filter((f) => !readFileSync(join(ROOT, f), 'utf8').includes('__pow'));
    expect(files.filter((f) => !checked.includes(f))).toEqual([join('src/engine/core/det-math', 'exponent-rewrite.ts')]);
    for (const file of checked) {
      const text = code(file);
      for (let at = text.indexOf('__pow('); at >= 0; at = text.indexOf('__pow(', at + 1)) {
        let depth = 0;
        let end = at + 5;
        do {
          const ch = text[end++];
          if (ch === '(' || ch === '[') depth++;
          else if (ch === ')' || ch === ']') depth--;
        } while (depth > 0 && end < text.length);
        const callText = text.slice(at, end);
        if (!callText.endsWith(',2)')) bad.push(`${file}: ${callText}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('Math functions: exact ones or those det-math replaces (engine sources and satellite.js)', () => {
    const exact = new Set(['sqrt', 'abs', 'floor', 'ceil', 'round', 'trunc', 'sign', 'min', 'max', 'hypot', 'fround', 'imul', 'clz32', 'PI', 'E']);
    const used = new Map<string, string>();
    for (const file of [...files, ...satelliteJs('node_modules/satellite.js/dist')]) {
      for (const m of code(file).matchAll(/\bMath\.(\w+)/g)) used.set(m[1], file);
    }
    const other = [...used].filter(([name]) => !exact.has(name) && !(name in DETERMINISTIC_MATH)).map(([name, file]) => `Math.${name} in ${file}`);
    expect(other).toEqual([]);
    expect(used.has('sin') && used.has('pow') && used.has('acos')).toBe(true);
  });
});
