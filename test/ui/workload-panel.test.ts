// The workload group of the parameter panel (src/ui/workload-panel.ts): the
// entries "+ training/inference/batch" add are what the engine fills in for an
// empty entry, every schema field has an input, validation issues on workload
// paths name the field by its label with the allowed range and unit, and
// large counts are shown in engineering notation.
import { describe, expect, it } from 'vitest';
import { batchSchema, inferenceSchema, regionSchema, trainingSchema } from '../../src/engine/input/workload-schema';
import { parseScenario } from '../../src/engine/input/scenario';
import { PRESETS } from '../../src/engine/input/presets';
import {
  BATCH_FIELDS,
  engineering,
  INFERENCE_FIELDS,
  newWorkload,
  REGION_FIELDS,
  TRAINING_FIELDS,
  workloadFieldForPath,
  workloadIssue,
} from '../../src/ui/workload-panel';

const keys = (s: { shape: Record<string, unknown> }) => Object.keys(s.shape).sort();
const paths = (fs: ReadonlyArray<{ path: string }>) => fs.map((f) => f.path).sort();

describe('workload fields', () => {
  it('give every field of the engine’s workload schemas an input (regions as rows)', () => {
    expect(paths(TRAINING_FIELDS)).toEqual(keys(trainingSchema));
    expect(paths(BATCH_FIELDS)).toEqual(keys(batchSchema));
    expect([...paths(INFERENCE_FIELDS), 'regions'].sort()).toEqual(keys(inferenceSchema));
    expect(paths(REGION_FIELDS)).toEqual(keys(regionSchema));
  });

  it('add entries equal to what the engine fills in for an empty one, with a numbered name', () => {
    for (const kind of ['training', 'inference', 'batch'] as const) {
      const schema = { training: trainingSchema, inference: inferenceSchema, batch: batchSchema }[kind];
      const added = newWorkload(kind, 1);
      expect(added.name).toBe(`${kind} 2`);
      expect(newWorkload(kind, 0).name).toBe(kind);
      expect({ ...(schema.parse(added) as Record<string, unknown>), name: 'x' }).toEqual({ ...(schema.parse({}) as Record<string, unknown>), name: 'x' });
    }
    // The batch defaults as written in the schema: 24 jobs an hour apart, 20 GB up, 20 PFLOP-h, 10 GB down, due in 4 h.
    expect(newWorkload('batch', 0)).toMatchObject({ jobs: 24, intervalHours: 1, dataUpGB: 20, computePflopHours: 20, resultsDownGB: 10, deadlineHours: 4 });
  });

  it('make a valid scenario when added to the starter shell', () => {
    const starter = PRESETS.find((p) => p.name === 'starter-shell')!.scenario;
    const r = parseScenario({ ...starter, workloads: { scheduler: 'naive', batch: [newWorkload('batch', 0)], inference: [newWorkload('inference', 0)] } });
    expect(r.ok).toBe(true);
  });

  it('find the field of a workload path, regions included', () => {
    expect(workloadFieldForPath('workloads.batch[2].deadlineHours')).toMatchObject({ label: 'Deadline', unit: 'h', path: 'workloads.batch[2].deadlineHours' });
    expect(workloadFieldForPath('workloads.inference[0].regions[1].latitudeDeg')).toMatchObject({ label: 'Latitude', unit: '°' });
    expect(workloadFieldForPath('workloads.scheduler')?.label).toBe('Scheduler');
    expect(workloadFieldForPath('node.busPowerW')).toBeUndefined();
  });
});

describe('workloadIssue', () => {
  it('names the field with its allowed range and unit', () => {
    // latencyBudgetMs is positive(): > 0, with a sanity cap of 1e6 ms that is not worth telling.
    expect(workloadIssue({ path: 'workloads.inference[0].latencyBudgetMs', message: 'must be greater than 0' })).toBe('Latency budget must be greater than 0 ms');
    // Region latitude: −90° … 90°.
    expect(workloadIssue({ path: 'workloads.inference[0].regions[0].latitudeDeg', message: 'Too big: expected number to be <=90' })).toBe('Latitude must be between −90° and 90°');
    // modelFlopsUtilisation: greater than 0, at most 1.
    expect(workloadIssue({ path: 'workloads.training[0].modelFlopsUtilisation', message: 'must be greater than 0' })).toBe('MFU must be greater than 0 and at most 1');
    expect(workloadIssue({ path: 'workloads.batch[0].jobs', message: 'expected an integer' })).toBe('Jobs must be a whole number');
    expect(workloadIssue({ path: 'workloads.batch[0].dataUpGB', message: 'expected a finite number, got string "abc"' })).toBe('Data up must be a number (in GB), not “abc”');
  });

  it('words the engine’s own issues for a real bad draft', () => {
    const starter = PRESETS.find((p) => p.name === 'starter-shell')!.scenario;
    const draft = { ...starter, workloads: { inference: [{ ...newWorkload('inference', 0), latencyBudgetMs: -1 }] } };
    const r = parseScenario(draft);
    expect(r.ok).toBe(false);
    const issues = r.ok ? [] : r.issues;
    const iss = issues.find((i) => i.path === 'workloads.inference[0].latencyBudgetMs');
    expect(iss).toBeDefined();
    expect(workloadIssue(iss!, draft)).toBe('Latency budget must be greater than 0 ms');
  });

  it('leaves other paths to the panel', () => {
    expect(workloadIssue({ path: 'constellation.altitudeKm', message: 'x' })).toBeUndefined();
  });
});

describe('engineering', () => {
  it('writes counts of a million and more as mantissa e exponent (multiple of 3)', () => {
    expect(engineering(70e9)).toBe('70e9');
    expect(engineering(16e6)).toBe('16e6');
    expect(engineering(1.5e10)).toBe('15e9');
    expect(engineering(999_999)).toBe('999999');
    expect(Number(engineering(405e9))).toBe(405e9);
  });
});
