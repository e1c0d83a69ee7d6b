/** The worker_threads geometry pool gives the same result document as the single-thread path. */
import { describe, expect, it } from 'vitest';
import { splitRanges, workerDayPool, workerGeometry } from '../../src/cli/geometry-pool';
import { resultDocument } from '../../src/engine/output/result';
import { normaliseScenario } from '../../src/engine/input/scenario';
import { simulateScenario } from '../../src/engine/run/simulation';
import { GROUND_NETWORK } from '../../src/engine/input/presets';
import { installDeterministicMath } from '../../src/engine/core/det-math/install';

// The pool's workers use deterministic Math (src/engine/core/det-math/); so does the
// CLI process that coordinates them, and so must this one for the single-thread path.
installDeterministicMath();

describe('splitRanges', () => {
  it('covers every satellite once in contiguous ranges', () => {
    expect(splitRanges(10, 3)).toEqual([[0, 3], [3, 3], [6, 4]]);
    expect(splitRanges(2, 5)).toEqual([[0, 1], [1, 1]]);
    expect(splitRanges(0, 2)).toEqual([]);
  });
});

describe('worker pool', () => {
  it('is byte-identical to one thread (with inter-satellite links and a decaying satellite)', async () => {
    const scenario = normaliseScenario({
      startUtc: '2026-06-21T00:00:00Z',
      durationHours: 6,
      stepSeconds: 30,
      constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 5, satellitesPerPlane: 7 },
      groundStations: GROUND_NETWORK,
      interSatelliteLinks: { enabled: true, maxRangeKm: 3000, rateGbps: 10 },
    });
    const one = JSON.stringify(resultDocument(await simulateScenario(scenario)));
    const three = JSON.stringify(resultDocument(await simulateScenario(scenario, { geometry: workerGeometry(3) })));
    expect(three).toBe(one);
  }, 60_000);
});

describe('sampled days on worker threads', () => {
  it('give the single-thread bytes, the workers taking every other day (and replaying the first year\'s days in the last)', async () => {
    const scenario = normaliseScenario({
      startUtc: '2026-03-01T00:00:00Z',
      durationHours: 3,
      stepSeconds: 60,
      constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 4, satellitesPerPlane: 6 },
      groundStations: GROUND_NETWORK,
      lifetime: { enabled: true, sampleDays: 6 },
      economics: { lifetimeYears: 3 },
    });
    const one = JSON.stringify(resultDocument(await simulateScenario(scenario)));
    const pool = workerDayPool(2)!;
    try {
      const two = JSON.stringify(resultDocument(await simulateScenario(scenario, { lifetimeWorkers: pool })));
      // Days 1, 3, 5 of the first and of the last simulated year.
      expect(pool.daysSent).toBe(6);
      expect(two).toBe(one);
      expect(JSON.parse(two).economics.years).toHaveLength(3);
    } finally {
      pool.dispose();
    }
  }, 60_000);
});
