/** Compute controller: the tightest of the power, thermal and storage limits. */
import { describe, expect, it } from 'vitest';
import { computeFraction, LIMIT_NONE, LIMIT_POWER, LIMIT_STORAGE, LIMIT_THERMAL } from '../../../src/engine/node/compute';

describe('compute controller', () => {
  const out = { fraction: 0, limit: 0 as 0 | 1 | 2 | 3 };
  it('runs at full rate when nothing binds', () => {
    computeFraction(30_000, 2000, 20_000, 1e9, 100, 1, out);
    expect(out).toEqual({ fraction: 1, limit: LIMIT_NONE });
  });
  it('picks the tightest limit', () => {
    computeFraction(12_000, 2000, 20_000, 1e9, 100, 1, out);
    expect(out).toEqual({ fraction: 0.5, limit: LIMIT_POWER });
    computeFraction(30_000, 2000, 20_000, 7000, 100, 1, out);
    expect(out).toEqual({ fraction: 0.25, limit: LIMIT_THERMAL });
    computeFraction(30_000, 2000, 20_000, 1e9, 0.1, 1, out);
    expect(out.fraction).toBeCloseTo(0.1, 12);
    expect(out.limit).toBe(LIMIT_STORAGE);
    computeFraction(1000, 2000, 20_000, 1e9, 100, 1, out);
    expect(out).toEqual({ fraction: 0, limit: LIMIT_POWER });
  });
});
