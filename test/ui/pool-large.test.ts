// Large runs in the analysis pool: alone, with geometry sub-workers, pre-empted by primary runs.
import { describe, expect, it } from 'vitest';
import { AnalysisPool, type PoolRemote } from '../../src/ui/pool';
import { estimateSatellites, estimateSatelliteSteps, isLargeRun } from '../../src/ui/run-size';
import { POOL_MIN_SATELLITE_STEPS, type AnalysisOutcome, type RunOptions } from '../../workers/protocol';
import { syntheticShell } from '../fixtures/tle-gen';

interface Call {
  w: number;
  seq: number;
  options?: RunOptions;
  finish(): void;
}

/** Workers whose runs end when the test says so (or when cancelled). */
function fakePool(n: number) {
  const calls: Call[] = [];
  const cancelled: number[] = [];
  const waiting = new Map<number, () => void>();
  const remotes: PoolRemote[] = Array.from({ length: n }, (_, w) => ({
    run: ((_input: unknown, seq: number, _progress: unknown, options?: RunOptions) =>
      new Promise<AnalysisOutcome>((resolve) => {
        const done = () => resolve({ kind: 'done', seq, result: { seq } } as unknown as AnalysisOutcome);
        waiting.set(seq, () => resolve({ kind: 'cancelled', seq }));
        calls.push({ w, seq, options, finish: done });
      })) as unknown as PoolRemote['run'],
    cancel: (async (seq: number) => {
      cancelled.push(seq);
      waiting.get(seq)?.();
    }) as unknown as PoolRemote['cancel'],
    detail: (async () => null) as unknown as PoolRemote['detail'],
    exportRun: (async () => ({ kind: 'error', message: 'n/a' })) as unknown as PoolRemote['exportRun'],
  }));
  const large = (input: unknown) => (input as { large?: boolean }).large === true;
  const pool = new AnalysisPool(remotes, (fn) => fn, { large, geometryWorkers: 3 });
  return { pool, calls, cancelled };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const finish = (calls: Call[], seq: number) => calls.filter((c) => c.seq === seq).at(-1)!.finish();

describe('analysis pool with large runs', () => {
  it('runs a large job alone, with geometry sub-workers; small jobs share the pool', async () => {
    const { pool, calls } = fakePool(2);
    const a = pool.run({}, 1, 'design');
    const b = pool.run({ large: true }, 2, 'design');
    const c = pool.run({}, 3, 'sweep');
    await tick();
    // 1 runs; the large one waits for the pool to empty and holds back the small one behind it.
    expect(calls.map((x) => x.seq)).toEqual([1]);
    expect(calls[0].options?.geometryWorkers).toBeUndefined();
    finish(calls, 1);
    await a;
    await tick();
    expect(calls.map((x) => x.seq)).toEqual([1, 2]);
    expect(calls[1].options).toMatchObject({ geometryWorkers: 3, keep: false });
    // Nothing else starts while it runs.
    expect(pool.stats('sweep')).toMatchObject({ running: 0, queued: 1 });
    finish(calls, 2);
    await b;
    await tick();
    expect(calls.map((x) => x.seq)).toEqual([1, 2, 3]);
    finish(calls, 3);
    expect((await c).kind).toBe('done');
  });

  it('a primary run pre-empts a large job of another lane, which runs again afterwards', async () => {
    const { pool, calls, cancelled } = fakePool(2);
    const d = pool.run({ large: true }, 1, 'design');
    await tick();
    expect(calls.map((x) => x.seq)).toEqual([1]);
    const p = pool.run({}, 2, 'primary');
    await tick();
    expect(cancelled).toEqual([1]);
    await tick();
    expect(calls.find((x) => x.seq === 2)?.w).toBe(0);
    finish(calls, 2);
    expect((await p).kind).toBe('done');
    await tick();
    // Back at the head of its lane, started again (alone).
    expect(calls.filter((x) => x.seq === 1)).toHaveLength(2);
    finish(calls, 1);
    expect((await d).kind).toBe('done');
  });

  it('a large primary run pre-empts every other job and gets the whole pool', async () => {
    const { pool, calls, cancelled } = fakePool(2);
    const s1 = pool.run({}, 1, 'sweep');
    const s2 = pool.run({}, 2, 'sweep');
    await tick();
    expect(calls.map((x) => x.w).sort()).toEqual([0, 1]);
    const p = pool.run({ large: true }, 3, 'primary', { keep: true });
    await tick();
    expect(cancelled.sort()).toEqual([1, 2]);
    await tick();
    const pc = calls.find((x) => x.seq === 3)!;
    expect(pc.w).toBe(0);
    expect(pc.options).toMatchObject({ geometryWorkers: 3, keep: true });
    expect(calls.filter((x) => x.seq !== 3)).toHaveLength(2); // the sweep jobs wait
    finish(calls, 3);
    await p;
    await tick();
    finish(calls, 1);
    finish(calls, 2);
    expect((await Promise.all([s1, s2])).map((o) => o.kind)).toEqual(['done', 'done']);
  });
});

describe('run size estimates', () => {
  it('counts satellites of every design type without building them', () => {
    expect(estimateSatellites({ constellation: { type: 'walker', planes: 40, satellitesPerPlane: 25 } })).toBe(1000);
    expect(estimateSatellites({ constellation: { type: 'sso', satellitesPerPlane: 12 } })).toBe(12);
    expect(estimateSatellites({ constellation: { type: 'cluster' } })).toBe(81);
    expect(estimateSatellites({ constellation: { type: 'omm', records: [{}, {}, {}] } })).toBe(3);
    const tle = syntheticShell(57, Date.parse('2026-06-21T00:00:00Z'));
    expect(estimateSatellites({ constellation: { type: 'tle', text: tle } })).toBe(57);
    expect(estimateSatellites(null)).toBe(0);
    expect(estimateSatellites({ constellation: { type: 'nope' } })).toBe(0);
  });

  it('a year of 1,000 satellites at 60 s is large; a day of 80 is not', () => {
    const year = { durationHours: 8760, stepSeconds: 60, constellation: { type: 'walker', planes: 40, satellitesPerPlane: 25 } };
    expect(estimateSatelliteSteps(year)).toBe(525_600_000);
    expect(isLargeRun(year)).toBe(true);
    expect(isLargeRun({ durationHours: 24, stepSeconds: 60, constellation: { type: 'walker', planes: 8, satellitesPerPlane: 10 } })).toBe(false);
    expect(isLargeRun({ durationHours: 168, stepSeconds: 60, constellation: { type: 'walker', planes: 20, satellitesPerPlane: 25 } })).toBe(500 * 10_080 >= POOL_MIN_SATELLITE_STEPS);
  });
});
