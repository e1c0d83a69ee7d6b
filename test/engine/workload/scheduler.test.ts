/**
 * Schedulers (issue 17, must show): on an eclipse-season case the look-ahead
 * scheduler completes more deadline jobs than the naive one. The starter
 * shell at the June solstice: every satellite crosses the shadow each orbit
 * (its accelerators stop there once the battery carries only the bus) and
 * sees a station a few times a day; jobs need data up, 20 PFLOP-hours and
 * results down within 4 h.
 */
import { describe, expect, it } from 'vitest';
import { normaliseScenario } from '../../../src/engine/input/scenario';
import { findPreset } from '../../../src/engine/input/presets';
import { simulateScenario } from '../../../src/engine/run/simulation';

async function run(scheduler: 'naive' | 'look-ahead') {
  const p = findPreset('starter-shell');
  if (!p) throw new Error('preset');
  const out = await simulateScenario(normaliseScenario({ ...p.scenario, lifetime: { enabled: false }, workloads: { scheduler, batch: [{}] } }));
  return out;
}

describe('naive vs look-ahead on an eclipse-season day', () => {
  it('look-ahead completes more jobs on time and misses fewer deadlines', async () => {
    const naive = await run('naive');
    const ahead = await run('look-ahead');
    const onTime = (o: typeof naive) => o.workloads?.jobs.filter((j) => j.outcome === 'done').length ?? 0;
    expect(onTime(ahead)).toBeGreaterThan(onTime(naive));
    expect(ahead.kpis.deadlineMissFraction).toBeLessThan(naive.kpis.deadlineMissFraction as number);
    // the day is in eclipse season: satellites spend part of each orbit in shadow
    expect(naive.kpis.eclipseFraction).toBeGreaterThan(0.25);
    // the schedulers change where work runs, not the physics
    expect(ahead.kpis.meanUsableComputePflops).toBe(naive.kpis.meanUsableComputePflops);
    // every job has a satellite and its stages in order
    for (const j of ahead.workloads?.jobs ?? []) {
      expect(j.satellite).not.toBeNull();
      if (j.doneMs !== null) {
        expect(j.upStartMs as number).toBeGreaterThanOrEqual(j.arrivalMs - 60_000);
        expect(j.computeStartMs as number).toBeGreaterThanOrEqual(j.upStartMs as number);
        expect(j.downStartMs as number).toBeGreaterThanOrEqual(j.computeStartMs as number);
        expect(j.doneMs).toBeGreaterThanOrEqual(j.downStartMs as number);
      }
    }
  });
});
