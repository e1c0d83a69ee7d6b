/** Root finding and peak search on analytic functions with known roots and maxima. */
import { describe, expect, it } from 'vitest';
import { findRoot, maximise, ROOT_TOLERANCE_MS } from '../../../src/engine/events/root-finding';

describe('root finding (Illinois regula falsi)', () => {
  it('finds a sign change to the tolerance', () => {
    const g = (_p: number, t: number) => Math.sin(t / 1000);
    const r = findRoot(g, 0, 2000, g(0, 2000), 4000, g(0, 4000));
    expect(ROOT_TOLERANCE_MS).toBeLessThanOrEqual(10);
    expect(Math.abs(r - Math.PI * 1000)).toBeLessThanOrEqual(ROOT_TOLERANCE_MS);
  });
});

describe('peak search (Brent)', () => {
  const out = new Float64Array(1);
  it.each([
    // [peak time (ms), width (ms), tolerance (ms)] on [0, 120 000] ms
    [30_000, 300_000, 500],
    [61_000, 100_000, 500],
    [119_000, 400_000, 200],
    [500, 80_000, 200],
  ])('finds the maximum of a skewed bump at %d ms to its tolerance in few evaluations', (peak, width, tol) => {
    let evals = 0;
    // sech² bump: maximum 1 at `peak` exactly, not a parabola (so interpolation does not hit it at once).
    const g = (_p: number, t: number) => {
      evals++;
      const c = Math.cosh((t - peak) / width);
      return 1 / (c * c);
    };
    const t = maximise(g, 0, 0, 120_000, out, tol);
    expect(Math.abs(t - peak)).toBeLessThanOrEqual(tol);
    expect(out[0]).toBe(g(0, t));
    // Golden-section search alone shrinks the bracket by φ per evaluation: ⌈log_φ(L / tol)⌉ + 2 evaluations.
    const golden = Math.ceil(Math.log(120_000 / tol) / Math.log((1 + Math.sqrt(5)) / 2)) + 2;
    expect(evals).toBeLessThanOrEqual(golden - 3);
  });
  it('returns an end point for a monotonic function, and skips points where g is NaN', () => {
    const rising = (_p: number, t: number) => t / 1000;
    expect(maximise(rising, 0, 0, 60_000, out, 100)).toBeGreaterThan(60_000 - 100);
    const holes = (_p: number, t: number) => (t > 40_000 && t < 50_000 ? Number.NaN : -Math.abs(t - 20_000) / 1000);
    expect(Math.abs(maximise(holes, 0, 0, 60_000, out, 100) - 20_000)).toBeLessThanOrEqual(100);
    expect(out[0]).toBeLessThanOrEqual(0);
    const none = () => Number.NaN;
    maximise(none, 0, 0, 60_000, out, 100);
    expect(out[0]).toBeNaN();
  });
});
