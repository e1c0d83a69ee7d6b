/** Interval detection: intervals shorter than a step are found; event times do not depend on the step (10 s and 120 s runs agree to 1 s). */
import { describe, expect, it } from 'vitest';
import { IntervalDetector } from '../../../src/engine/events/interval-detector';
import { ROOT_TOLERANCE_MS } from '../../../src/engine/events/root-finding';
import type { SimulationOutput } from '../../../src/engine/run/simulation';
import { run } from '../helpers';

describe('intervals shorter than a step', () => {
  it('catches an interval shorter than the sampling step', () => {
    // g ≥ 0 only on (10 000, 10 400) ms; samples every 3 s never see it.
    const g = (_p: number, t: number) => 200 - Math.abs(t - 10_200) / 1;
    const found: Array<[number, number]> = [];
    const d = new IntervalDetector(1, g, (_p, a, b) => found.push([a, b]), 1e9);
    for (let t = 0; t <= 21_000; t += 3000) {
      d.beginSample(t);
      d.sample(0, g(0, t));
    }
    d.finish(21_000);
    expect(found).toHaveLength(1);
    expect(Math.abs(found[0][0] - 10_000)).toBeLessThanOrEqual(ROOT_TOLERANCE_MS);
    expect(Math.abs(found[0][1] - 10_400)).toBeLessThanOrEqual(ROOT_TOLERANCE_MS);
  });
});

function match(a: number[], b: number[], keyA: string[], keyB: string[]): { unmatched: number; maxDiffMs: number } {
  let unmatched = 0;
  let maxDiffMs = 0;
  for (let i = 0; i < a.length; i++) {
    let best = Number.POSITIVE_INFINITY;
    for (let j = 0; j < b.length; j++) if (keyA[i] === keyB[j]) best = Math.min(best, Math.abs(a[i] - b[j]));
    if (best > 60_000) unmatched++;
    else maxDiffMs = Math.max(maxDiffMs, best);
  }
  return { unmatched, maxDiffMs };
}

function inner(out: SimulationOutput, kind: 'eclipse' | 'contact') {
  const e = out.events;
  const starts = kind === 'eclipse' ? e.eclipseStartMs : e.contactStartMs;
  const ends = kind === 'eclipse' ? e.eclipseEndMs : e.contactEndMs;
  const sats = kind === 'eclipse' ? e.eclipseSat : e.contactSat;
  const rows = Array.from(starts, (s, k) => ({ s, e: ends[k], key: kind === 'eclipse' ? `${sats[k]}` : `${sats[k]}/${e.contactStation[k]}` }));
  const keep = rows.filter((r) => r.s > out.startMs && r.e < out.endMs);
  return { starts: keep.map((r) => r.s), ends: keep.map((r) => r.e), keys: keep.map((r) => r.key) };
}

describe('step-size independence', () => {
  const base = {
    startUtc: '2026-06-21T00:00:00Z',
    durationHours: 24,
    constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 3, satellitesPerPlane: 4 } as const,
    groundStations: [
      { name: 'Svalbard', latitudeDeg: 78.23, longitudeDeg: 15.41, downlinkGbps: 10, minElevationDeg: 10 },
      { name: 'Wallops', latitudeDeg: 37.94, longitudeDeg: -75.46, downlinkGbps: 10, minElevationDeg: 25 },
      { name: 'Troll', latitudeDeg: -72.01, longitudeDeg: 2.53, downlinkGbps: 10, minElevationDeg: 40 },
    ],
  };
  it.each([120, 300])('eclipse and contact times agree to 1 s between 10 s and %d s steps', async (coarseStepS) => {
    const fine = await run({ ...base, stepSeconds: 10 });
    const coarse = await run({ ...base, stepSeconds: coarseStepS });
    for (const kind of ['eclipse', 'contact'] as const) {
      const a = inner(fine, kind);
      const b = inner(coarse, kind);
      expect(a.starts.length, kind).toBeGreaterThan(20);
      expect(b.starts.length, kind).toBe(a.starts.length);
      for (const [x, y] of [[a.starts, b.starts], [a.ends, b.ends]] as const) {
        const m = match(x, y, a.keys, b.keys);
        expect(m.unmatched, kind).toBe(0);
        expect(m.maxDiffMs, kind).toBeLessThan(1000);
      }
    }
    // Short passes (under the coarse step) exist and were still found.
    const c = inner(fine, 'contact');
    const shortest = Math.min(...c.starts.map((s, k) => c.ends[k] - s));
    expect(shortest).toBeLessThan(coarseStepS * 1000);
  });
});
