import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnalysisClient, type AnalysisRemote, type AnalysisStatus } from '../../src/ui/analysis-client';
import { LiveClient, type LiveRemote } from '../../src/ui/live-client';
import type { AnalysisOutcome, AnalysisResult, LiveBuffers, LiveFrame, ProgressCallback } from '../../workers/protocol';
import { normaliseScenario } from '../../src/engine/scenario';

afterEach(() => {
  vi.useRealTimers();
});

function fakeAnalysis() {
  const runs: Array<{ seq: number; progress?: ProgressCallback; resolve: (o: AnalysisOutcome) => void }> = [];
  const cancelled: number[] = [];
  const api: AnalysisRemote = {
    run: ((_input: unknown, seq: number, progress?: ProgressCallback) =>
      new Promise<AnalysisOutcome>((resolve) => runs.push({ seq, progress, resolve }))) as unknown as AnalysisRemote['run'],
    cancel: (async (seq: number) => {
      cancelled.push(seq);
    }) as unknown as AnalysisRemote['cancel'],
    detail: (async () => null) as unknown as AnalysisRemote['detail'],
  };
  return { api, runs, cancelled };
}

const result = (seq: number) => ({ seq }) as unknown as AnalysisResult;

describe('AnalysisClient', () => {
  it('debounces runs, reports running at once and done on the latest result', async () => {
    vi.useFakeTimers();
    const f = fakeAnalysis();
    const statuses: AnalysisStatus[] = [];
    const results: number[] = [];
    const c = new AnalysisClient(f.api, { onStatus: (s) => statuses.push(s), onResult: (r) => results.push(r.seq) }, 300, (fn) => fn);
    c.schedule({}, 1);
    c.schedule({}, 2);
    c.schedule({}, 3);
    expect(statuses.at(-1)).toEqual({ state: 'running', progress: 0 });
    expect(f.runs).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(299);
    expect(f.runs).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(f.runs.map((r) => r.seq)).toEqual([3]);
    f.runs[0].progress?.(3, 0.5);
    expect(statuses.at(-1)).toEqual({ state: 'running', progress: 0.5 });
    f.runs[0].resolve({ kind: 'done', seq: 3, result: result(3) });
    await vi.runAllTimersAsync();
    expect(results).toEqual([3]);
    expect(statuses.at(-1)).toEqual({ state: 'done' });
    // Late progress from a finished run does not flip the status back.
    f.runs[0].progress?.(3, 1);
    expect(statuses.at(-1)).toEqual({ state: 'done' });
  });

  it('cancels the running analysis when a new one starts and drops stale results', async () => {
    const f = fakeAnalysis();
    const statuses: AnalysisStatus[] = [];
    const results: number[] = [];
    const c = new AnalysisClient(f.api, { onStatus: (s) => statuses.push(s), onResult: (r) => results.push(r.seq) }, 0, (fn) => fn);
    c.schedule({}, 1, true);
    c.schedule({}, 2, true);
    expect(f.cancelled).toEqual([1]);
    // The stale run finishes after the new one started: dropped.
    f.runs[0].resolve({ kind: 'done', seq: 1, result: result(1) });
    await Promise.resolve();
    await Promise.resolve();
    expect(results).toEqual([]);
    expect(statuses.at(-1)?.state).toBe('running');
    f.runs[1].resolve({ kind: 'error', seq: 2, message: 'boom' });
    await new Promise((r) => setTimeout(r, 0));
    expect(statuses.at(-1)).toEqual({ state: 'error', message: 'boom' });
  });

  it('reports invalid scenarios as errors naming the field', async () => {
    const f = fakeAnalysis();
    const statuses: AnalysisStatus[] = [];
    const c = new AnalysisClient(f.api, { onStatus: (s) => statuses.push(s), onResult: () => {} }, 0, (fn) => fn);
    c.schedule({}, 9, true);
    f.runs[0].resolve({ kind: 'invalid', seq: 9, issues: [{ path: 'node.radiatorAreaM2', message: 'must be greater than 0' }] });
    await new Promise((r) => setTimeout(r, 0));
    expect(statuses.at(-1)).toEqual({ state: 'error', message: 'node.radiatorAreaM2: must be greater than 0' });
  });
});

describe('LiveClient', () => {
  const scenario = normaliseScenario({ startUtc: '2026-06-21T00:00:00Z', durationHours: 1, constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 2, satellitesPerPlane: 2 } });

  it('ping-pongs the same buffers with the worker: one request in flight, no per-frame allocation', async () => {
    const seen = new Set<ArrayBufferLike>();
    let pending: ((f: LiveFrame) => void) | undefined;
    let lastBuffers: LiveBuffers | undefined;
    const api: LiveRemote = {
      setScenario: (async (_s: unknown, seq: number) => ({ seq, count: 4, names: ['a', 'b', 'c', 'd'], stationCount: 0, stationPos: new Float32Array(0), stationNames: [], elementErrors: [] })) as unknown as LiveRemote['setScenario'],
      frame: ((timeMs: number, _sel: number, b: LiveBuffers) =>
        new Promise<LiveFrame>((resolve) => {
          lastBuffers = b;
          seen.add(b.pos.buffer);
          pending = () => resolve({ ...b, seq: 1, timeMs, contactLinks: 0, islLinks: 0, gmstRad: 0, sunDir: [1, 0, 0], selected: null });
        })) as unknown as LiveRemote['frame'],
      track: (async () => null) as unknown as LiveRemote['track'],
    };
    const transfers: Transferable[][] = [];
    const c = new LiveClient(api, (v, t) => {
      transfers.push(t);
      return v;
    });
    await c.setScenario(scenario, 1);
    // The page's layer holds its own arrays; it swaps each arriving frame in.
    let layer: { pos: Float32Array<ArrayBufferLike>; flags: Uint8Array<ArrayBufferLike> } = { pos: new Float32Array(12), flags: new Uint8Array(4) };
    seen.add(layer.pos.buffer);
    for (let k = 0; k < 6; k++) {
      expect(c.request(1000 * k, -1)).toBe(true);
      expect(c.request(1000 * k, -1)).toBe(false); // one in flight
      expect(transfers.at(-1)).toEqual([lastBuffers!.pos.buffer, lastBuffers!.flags.buffer, lastBuffers!.links.buffer]);
      pending!(undefined as never);
      await new Promise((r) => setTimeout(r, 0));
      const f = c.take()!;
      expect(f.timeMs).toBe(1000 * k);
      expect(c.take()).toBeUndefined();
      const old = layer;
      layer = { pos: f.pos, flags: f.flags };
      c.recycle(old.pos, old.flags, f.links);
    }
    // Only two position buffers ever existed: the layer's and the spare.
    expect(seen.size).toBe(2);
  });

  it('drops frames of an older scenario', async () => {
    let resolveFrame: ((f: LiveFrame) => void) | undefined;
    const api: LiveRemote = {
      setScenario: (async (_s: unknown, seq: number) => ({ seq, count: 2, names: ['a', 'b'], stationCount: 0, stationPos: new Float32Array(0), stationNames: [], elementErrors: [] })) as unknown as LiveRemote['setScenario'],
      frame: ((timeMs: number, _sel: number, b: LiveBuffers) =>
        new Promise<LiveFrame>((resolve) => {
          resolveFrame = () => resolve({ ...b, seq: 1, timeMs, contactLinks: 0, islLinks: 0, gmstRad: 0, sunDir: [1, 0, 0], selected: null });
        })) as unknown as LiveRemote['frame'],
      track: (async () => null) as unknown as LiveRemote['track'],
    };
    const c = new LiveClient(api, (v) => v);
    await c.setScenario(scenario, 1);
    c.request(0, -1);
    await c.setScenario(scenario, 2);
    resolveFrame!(undefined as never);
    await new Promise((r) => setTimeout(r, 0));
    expect(c.take()).toBeUndefined();
    expect(c.request(1, -1)).toBe(true);
  });
});
