// The Sweep tab offers the design's workload fields (issue 17: workloads in Sweep), named after each workload.
import { describe, expect, it } from 'vitest';
import { normaliseScenario } from '../../src/engine/input/scenario';
import { findPreset } from '../../src/engine/input/presets';
import { sweepFields } from '../../src/ui/sweep-model';

describe('sweep fields of workloads', () => {
  it('lists each workload’s numeric fields by path, and none for a design without workloads', () => {
    const p = findPreset('broadband-shell-workloads');
    if (!p) throw new Error('preset');
    const fields = sweepFields(normaliseScenario(p.scenario));
    const paths = fields.map((f) => f.path);
    expect(paths).toContain('workloads.lookAheadHours');
    expect(paths).toContain('workloads.training[0].tokensPerStep');
    expect(paths).toContain('workloads.inference[0].latencyBudgetMs');
    expect(paths).toContain('workloads.batch[0].deadlineHours');
    expect(paths).not.toContain('workloads.training[0].name');
    expect(fields.find((f) => f.path === 'workloads.training[0].nodesPerReplica')).toMatchObject({ int: true, label: '70B model: nodes per replica' });
    const starter = findPreset('starter-shell');
    if (!starter) throw new Error('preset');
    expect(sweepFields(normaliseScenario(starter.scenario)).some((f) => f.path.startsWith('workloads.'))).toBe(false);
  });
});
