import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatUtc, UtcFormatter } from '../../src/engine/time';

describe('UtcFormatter (fast path of formatUtc for result files)', () => {
  it('gives the same string as Date.prototype.toISOString for any time, in any order', () => {
    const f = new UtcFormatter();
    // Hand-picked edges: epoch, leap day, year ends, half milliseconds, before 1970, years 0 and 9999, beyond 9999.
    const edges = [0, -1, 0.5, -0.5, 951_782_400_000, 1_798_761_599_999.5, 1_798_761_600_000, -62_167_219_200_000, 253_402_300_799_999, 253_402_300_800_000, 8.64e15];
    for (const t of edges) expect(f.format(t)).toBe(new Date(Math.round(t)).toISOString());
    fc.assert(
      fc.property(fc.array(fc.double({ min: -6.2e13, max: 2.6e14, noNaN: true }), { minLength: 1, maxLength: 50 }), (times) => {
        for (const t of times) expect(f.format(t)).toBe(formatUtc(t));
      }),
    );
    // Streams of nearby times (the cache's common case), crossing midnight.
    let t = 1_782_172_799_000;
    for (let i = 0; i < 5000; i++, t += 1.37) expect(f.format(t)).toBe(formatUtc(t));
  });
});
