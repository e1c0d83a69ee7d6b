/** Workload input: defaults filled, bad values rejected naming the field, nothing else lost. */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../src/engine/input/scenario';

const base = { startUtc: '2026-06-21T00:00:00Z', durationHours: 1, constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 2, satellitesPerPlane: 2 } };

function issues(workloads: unknown) {
  const r = parseScenario({ ...base, workloads });
  return r.ok ? [] : r.issues;
}

describe('workloads schema', () => {
  it('defaults: no workloads, the look-ahead scheduler over 3 h', () => {
    const r = parseScenario(base);
    if (!r.ok) throw new Error('invalid');
    expect(r.scenario.workloads).toEqual({ scheduler: 'look-ahead', lookAheadHours: 3, training: [], inference: [], batch: [] });
  });

  it('an empty entry gets the cited defaults', () => {
    const r = parseScenario({ ...base, workloads: { training: [{}], inference: [{}], batch: [{}] } });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const w = r.scenario.workloads;
    expect(w.training[0]).toMatchObject({ parameters: 70e9, bytesPerParameter: 2, tokensPerStep: 16e6, flopsPerTokenPerParameter: 6, modelFlopsUtilisation: 0.4, nodesPerReplica: 81 });
    expect(w.inference[0].regions.map((g) => g.name)).toEqual(['New York', 'London', 'Tokyo']);
    expect(w.inference[0]).toMatchObject({ latencyBudgetMs: 100, minElevationDeg: 25 });
    expect(w.batch[0]).toMatchObject({ jobs: 24, deadlineHours: 4 });
  });

  it('bad values name their field', () => {
    expect(issues({ scheduler: 'eager' })).toEqual([{ path: 'workloads.scheduler', message: 'expected "naive" or "look-ahead"' }]);
    expect(issues({ training: [{ modelFlopsUtilisation: 0 }] })[0].path).toBe('workloads.training[0].modelFlopsUtilisation');
    expect(issues({ training: [{ nodesPerReplica: 2.5 }] })[0].path).toBe('workloads.training[0].nodesPerReplica');
    expect(issues({ inference: [{ latencyBudgetMs: -1 }] })[0].path).toBe('workloads.inference[0].latencyBudgetMs');
    expect(issues({ inference: [{ regions: [] }] })[0]).toEqual({ path: 'workloads.inference[0].regions', message: 'at least one region' });
    expect(issues({ inference: [{ regions: [{ name: 'X', latitudeDeg: 91, longitudeDeg: 0, requestsPerSecond: 1 }] }] })[0].path).toBe('workloads.inference[0].regions[0].latitudeDeg');
    expect(issues({ batch: [{ deadlineHours: 0 }] })[0].path).toBe('workloads.batch[0].deadlineHours');
    expect(issues({ batch: [{ colour: 'red' }] })[0]).toEqual({ path: 'workloads.batch[0].colour', message: 'unknown field' });
  });

  it('one bad workload does not hide another field error', () => {
    const r = parseScenario({ ...base, durationHours: -1, workloads: { batch: [{ jobs: 0 }] } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path).sort()).toEqual(['durationHours', 'workloads.batch[0].jobs']);
  });
});
