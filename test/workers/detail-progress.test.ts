// Issue 14 item 13: a large run's per-satellite detail is re-computed on
// demand (the run keeps only what fits DETAIL_ALL_BUDGET); the inspector
// shows how far that re-run is. detail(seq, index, progress) reports
// fractions that rise to 1, to the first asker and to one that asks for the
// same satellite while the re-run goes on.
import { describe, expect, it } from 'vitest';
import { createAnalysisApi, DETAIL_ALL_BUDGET } from '../../workers/analysis-api';

describe('detail progress', () => {
  it('reports the re-run for one satellite from its start to 1', async () => {
    const api = createAnalysisApi();
    const input = {
      name: 'over budget',
      startUtc: '2026-06-21T00:00:00Z',
      durationHours: 24,
      stepSeconds: 60,
      // 30 × 37 = 1,110 satellites × 1,440 steps = 1,598,400 satellite-steps.
      constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 30, satellitesPerPlane: 37, phasing: 1 },
      groundStations: [{ name: 'Wallops', latitudeDeg: 37.94, longitudeDeg: -75.46, downlinkGbps: 10 }],
    };
    expect(1110 * 1440).toBeGreaterThan(DETAIL_ALL_BUDGET);
    const o = await api.run(input, 7);
    expect(o.kind).toBe('done');
    const first: number[] = [];
    const second: number[] = [];
    const a = api.detail(7, 500, (f) => first.push(f));
    const b = api.detail(7, 500, (f) => second.push(f));
    const [da, db] = await Promise.all([a, b]);
    expect(da!.index).toBe(500);
    expect(db!.index).toBe(500);
    expect(first.length).toBeGreaterThanOrEqual(2);
    expect(first[0]).toBeLessThan(1);
    expect(first[first.length - 1]).toBe(1);
    for (let k = 1; k < first.length; k++) expect(first[k]).toBeGreaterThanOrEqual(first[k - 1]);
    expect(second[second.length - 1]).toBe(1);
    // Served from the kept details afterwards: no re-run, no progress.
    const again: number[] = [];
    expect((await api.detail(7, 500, (f) => again.push(f)))!.index).toBe(500);
    expect(again).toEqual([]);
  }, 180_000);
});
