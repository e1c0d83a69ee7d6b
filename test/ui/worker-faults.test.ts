// Faults of the analysis workers on the page side: a worker that throws an
// uncaught error or ends (terminated, crashed) is noticed (worker-life.ts),
// its job ends with an error outcome naming it, calls waiting on it resolve,
// and the pool starts a new worker for the next job (pool.ts). Also: the
// analysis API's stats() count of WASM propagators (0 after every kind of run).
import { describe, expect, it } from 'vitest';
import { AnalysisClient, type AnalysisStatus } from '../../src/ui/analysis-client';
import { AnalysisPool, type PoolRemote, type PoolWorker } from '../../src/ui/pool';
import { watchWorker, type LockRequester } from '../../src/ui/worker-life';
import { normaliseScenario } from '../../src/engine/input/scenario';
import { createAnalysisApi } from '../../workers/analysis-api';
import type { AnalysisOutcome, AnalysisResult, ExportOutcome, SatelliteDetailColumns } from '../../workers/protocol';

const flush = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setTimeout(r, 0));
};

/** A lock manager in one process: a request waits while the lock is held. */
class FakeLocks implements LockRequester {
  private readonly held = new Set<string>();
  private readonly waiting = new Map<string, Array<() => void>>();
  requests: string[] = [];
  take(name: string): void {
    this.held.add(name);
  }
  release(name: string): void {
    this.held.delete(name);
    for (const grant of this.waiting.get(name) ?? []) grant();
    this.waiting.delete(name);
  }
  request(name: string, callback: () => unknown): Promise<unknown> {
    this.requests.push(name);
    return new Promise((resolve) => {
      const grant = () => resolve(callback());
      if (!this.held.has(name)) grant();
      else this.waiting.set(name, [...(this.waiting.get(name) ?? []), grant]);
    });
  }
}

describe('watchWorker', () => {
  it('reports an uncaught error in the worker as its stop, once', async () => {
    const worker = new EventTarget();
    let reason: string | undefined;
    void watchWorker(worker, async () => false, new FakeLocks()).then((r) => (reason = r));
    await flush();
    expect(reason).toBeUndefined();
    const e = new Event('error') as Event & { message: string };
    e.message = 'Uncaught Error: injected fault';
    worker.dispatchEvent(e);
    worker.dispatchEvent(new Event('messageerror'));
    await flush();
    expect(reason).toBe('uncaught error: Error: injected fault');
  });

  it('notices the end of a worker through the lock it holds for its lifetime', async () => {
    const locks = new FakeLocks();
    const worker = new EventTarget();
    let lockName = '';
    let reason: string | undefined;
    void watchWorker(
      worker,
      async (name) => {
        lockName = name;
        locks.take(name);
        return true;
      },
      locks,
    ).then((r) => (reason = r));
    await flush();
    // The page asks for the lock only once the worker holds it, and waits while it lives.
    expect(lockName).toMatch(/^ocs-worker-life-/);
    expect(locks.requests).toEqual([lockName]);
    expect(reason).toBeUndefined();
    locks.release(lockName); // the browser does this when the worker ends
    await flush();
    expect(reason).toBe('the worker ended (terminated or crashed)');
  });

  it('does not ask for the lock when the worker could not take it (no Web Locks there)', async () => {
    const locks = new FakeLocks();
    let reason: string | undefined;
    void watchWorker(new EventTarget(), async () => false, locks).then((r) => (reason = r));
    await flush();
    expect(locks.requests).toEqual([]);
    expect(reason).toBeUndefined();
  });
});

/** A fake analysis worker whose calls are answered (or not) by the test. */
function fakeWorker(index: number) {
  const runs: Array<{ seq: number; resolve: (o: AnalysisOutcome) => void }> = [];
  const exports: Array<(o: ExportOutcome) => void> = [];
  const cancelled: number[] = [];
  let stop!: (reason: string) => void;
  const stopped = new Promise<string>((r) => (stop = r));
  let terminated = 0;
  const remote: PoolRemote = {
    run: ((_input: unknown, seq: number) => new Promise<AnalysisOutcome>((resolve) => runs.push({ seq, resolve }))) as unknown as PoolRemote['run'],
    exportRun: (() => new Promise<ExportOutcome>((resolve) => exports.push(resolve))) as unknown as PoolRemote['exportRun'],
    cancel: (async (seq: number) => {
      cancelled.push(seq);
    }) as unknown as PoolRemote['cancel'],
    detail: (() => new Promise<SatelliteDetailColumns | null>(() => {})) as unknown as PoolRemote['detail'],
    stats: (async () => ({ livePropagators: 0, activeSeq: runs.length ? runs[runs.length - 1].seq : -1 })) as unknown as PoolRemote['stats'],
  };
  const w: PoolWorker = { remote, stopped, terminate: () => terminated++ };
  return { index, w, runs, exports, cancelled, stop, terminated: () => terminated };
}

function faultyPool(count: number) {
  const spawned: Array<ReturnType<typeof fakeWorker>> = [];
  const pool = new AnalysisPool(
    {
      count,
      spawn: (i) => {
        const f = fakeWorker(i);
        spawned.push(f);
        return f.w;
      },
    },
    (fn) => fn,
  );
  const stops: string[] = [];
  pool.onWorkerStopped = (i, reason) => stops.push(`${i}: ${reason}`);
  return { pool, spawned, stops };
}

const doneResult = (seq: number): AnalysisOutcome => ({ kind: 'done', seq, result: { seq } as unknown as AnalysisResult });

describe('analysis pool with workers that stop', () => {
  it('ends the stopped worker’s run with an error naming it and runs the next job on a new worker', async () => {
    const { pool, spawned, stops } = faultyPool(1);
    expect(spawned).toHaveLength(1);
    const first = pool.run({}, 1, 'primary');
    const detail = pool.detail(1, 0);
    expect(spawned[0].runs.map((r) => r.seq)).toEqual([1]);
    spawned[0].stop('the worker ended (terminated or crashed)');
    await flush();
    expect(await first).toEqual({ kind: 'error', seq: 1, message: 'analysis worker 1 stopped: the worker ended (terminated or crashed)' });
    expect(await detail).toBeNull(); // a call waiting on the stopped worker resolves
    expect(spawned[0].terminated()).toBe(1);
    expect(stops).toEqual(['0: the worker ended (terminated or crashed)']);
    expect(pool.stats('primary')).toMatchObject({ running: 0, queued: 0 });
    expect(await pool.workerStats()).toEqual([null]);
    // No new worker until a job is due; then one starts and takes it.
    expect(spawned).toHaveLength(1);
    const second = pool.run({}, 2, 'primary');
    expect(spawned).toHaveLength(2);
    expect(spawned[1].index).toBe(0);
    expect(spawned[1].runs.map((r) => r.seq)).toEqual([2]);
    spawned[1].runs[0].resolve(doneResult(2));
    expect((await second).kind).toBe('done');
    // A late reply from the stopped worker changes nothing.
    spawned[0].runs[0].resolve(doneResult(1));
    await flush();
    expect(pool.stats('primary')).toMatchObject({ running: 0, queued: 0, finished: 1, total: 1 });
    expect((await pool.workerStats())[0]).toEqual({ livePropagators: 0, activeSeq: 2 });
  });

  it('puts a pre-empted job back in its lane, settles cancelled and export jobs, and keeps the other workers', async () => {
    const { pool, spawned } = faultyPool(2);
    const design = pool.run({}, 1, 'design');
    const sweep = pool.run({}, 2, 'sweep');
    expect(spawned[0].runs.map((r) => r.seq)).toEqual([1]);
    expect(spawned[1].runs.map((r) => r.seq)).toEqual([2]);
    // A primary run pre-empts the design job on worker 0; worker 0 stops before it answers the cancel.
    const primary = pool.run({}, 3, 'primary');
    expect(spawned[0].cancelled).toEqual([1]);
    spawned[0].stop('uncaught error: boom');
    await flush();
    // The primary run went to a new worker 0; the design job waits in its lane, not failed.
    expect(spawned).toHaveLength(3);
    expect(spawned[2].runs.map((r) => r.seq)).toEqual([3]);
    expect(pool.stats('design')).toMatchObject({ queued: 1, running: 0, finished: 0 });
    spawned[2].runs[0].resolve(doneResult(3));
    expect((await primary).kind).toBe('done');
    await flush();
    expect(spawned[2].runs.map((r) => r.seq)).toEqual([3, 1]);
    spawned[2].runs[1].resolve(doneResult(1));
    expect((await design).kind).toBe('done');
    // A cancelled run whose worker stops ends as cancelled.
    pool.cancel(2);
    spawned[1].stop('the worker ended (terminated or crashed)');
    expect(await sweep).toEqual({ kind: 'cancelled', seq: 2 });
    // An export on a worker that stops ends with an error.
    const exp = pool.exportRun({}, 'result-json');
    await flush();
    const holder = spawned.find((f) => f.exports.length > 0)!;
    holder.stop('uncaught error: out of memory');
    const o = await exp;
    expect(o.kind).toBe('error');
    expect(o.kind === 'error' && o.message).toMatch(/^analysis worker \d stopped: uncaught error: out of memory$/);
    expect(pool.stats('export')).toMatchObject({ running: 0, queued: 0 });
  });

  it('an AnalysisClient on the pool shows the error (no run left in progress) and the next edit runs again', async () => {
    const { pool, spawned } = faultyPool(1);
    const statuses: AnalysisStatus[] = [];
    const results: number[] = [];
    const client = new AnalysisClient(pool.primaryRemote(), { onStatus: (s) => statuses.push(s), onResult: (r) => results.push(r.seq) }, 0, (fn) => fn);
    client.schedule({}, 1, true);
    expect(statuses.at(-1)).toEqual({ state: 'running', progress: 0 });
    spawned[0].stop('the worker ended (terminated or crashed)');
    await flush();
    expect(statuses.at(-1)).toEqual({ state: 'error', message: 'analysis worker 1 stopped: the worker ended (terminated or crashed)' });
    client.schedule({}, 2, true);
    expect(spawned).toHaveLength(2);
    spawned[1].runs[0].resolve(doneResult(2));
    await flush();
    expect(results).toEqual([2]);
    expect(statuses.at(-1)).toEqual({ state: 'done' });
  });
});

describe('analysis worker stats: WASM propagators', () => {
  const scenario = (over: Record<string, unknown> = {}) =>
    normaliseScenario({
      name: 'propagators',
      startUtc: '2026-06-21T00:00:00Z',
      durationHours: 72,
      stepSeconds: 60,
      constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 10, satellitesPerPlane: 10, phasing: 1 },
      ...over,
    });

  it('holds one during a run and none after a finished, cancelled, failed or export run', async () => {
    const api = createAnalysisApi();
    expect(api.stats()).toMatchObject({ livePropagators: 0, activeSeq: -1 });
    let during = -1;
    const run = api.run(scenario(), 1, (_s, f) => {
      if (f > 0 && f < 1 && during < 0) during = api.stats().livePropagators;
    });
    expect((await run).kind).toBe('done');
    expect(during).toBe(1);
    expect(api.stats()).toMatchObject({ livePropagators: 0, activeSeq: -1 });
    // Cancelled by a newer run.
    const a = api.run(scenario(), 2, () => {});
    await new Promise((r) => setTimeout(r, 20));
    const b = api.run(scenario({ durationHours: 1 }), 3);
    expect((await a).kind).toBe('cancelled');
    expect((await b).kind).toBe('done');
    expect(api.stats().livePropagators).toBe(0);
    // The engine throws in the middle of a run (here: the progress callback).
    const failed = await api.run(scenario(), 4, (_s, f) => {
      if (f > 0 && f < 1) throw new Error('injected fault');
    });
    expect(failed).toEqual({ kind: 'error', seq: 4, message: 'injected fault' });
    expect(api.stats().livePropagators).toBe(0);
    expect((await api.exportRun(scenario({ durationHours: 1 }), 'result-json')).kind).toBe('done');
    expect(api.stats().livePropagators).toBe(0);
  }, 60_000);
});
