import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnalysisClient, type AnalysisRemote, type AnalysisStatus } from '../../src/ui/analysis-client';
import { LiveClient, type ClockModel, type LiveRemote, type LiveState } from '../../src/ui/live-client';
import { createLiveApi } from '../../workers/live-api';
import { hermite } from '../../src/view/SatelliteLayer';
import { buildSatellites } from '../../src/engine/input/constellation';
import { propagateAt, satrecEpochMs } from '../../src/engine/orbit/propagation';
import { EARTH_RADIUS_KM } from '../../src/engine/core/constants';
import { GROUND_NETWORK } from '../../src/engine/input/presets';
import { LIVE_SLOTS, type AnalysisOutcome, type AnalysisResult, type LiveBuffers, type LiveFrame, type ProgressCallback } from '../../workers/protocol';
import { normaliseScenario } from '../../src/engine/input/scenario';

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
  const clock = (timeMs: number, over: Partial<ClockModel> = {}): ClockModel => ({
    timeMs,
    wallMs: performance.timeOrigin + performance.now(),
    warp: 1,
    playing: false,
    startMs: 0,
    endMs: 1e15,
    epoch: 0,
    ...over,
  });

  it('frames mode ping-pongs the same buffers with the worker: one request in flight, no per-frame allocation', async () => {
    const seen = new Set<ArrayBufferLike>();
    let pending: ((f: LiveFrame) => void) | undefined;
    let lastBuffers: LiveBuffers | undefined;
    const api: LiveRemote = {
      setScenario: (async (_s: unknown, seq: number) => ({ seq, count: 4, names: ['a', 'b', 'c', 'd'], stationCount: 0, stationPos: new Float32Array(0), stationNames: [], elementErrors: [] })) as unknown as LiveRemote['setScenario'],
      frame: ((timeMs: number, _sel: number, b: LiveBuffers) =>
        new Promise<LiveFrame>((resolve) => {
          lastBuffers = b;
          seen.add(b.pos.buffer);
          pending = () => resolve({ ...b, seq: 1, timeMs, contactLinks: 0, islLinks: 0, islRateLowGbps: 0, islRateCapGbps: 0, gmstRad: 0, sunDir: [1, 0, 0], selected: null });
        })) as unknown as LiveRemote['frame'],
      track: (async () => null) as unknown as LiveRemote['track'],
    };
    const transfers: Transferable[][] = [];
    const c = new LiveClient(
      api,
      (v, t) => {
        transfers.push(t);
        return v;
      },
      false,
    );
    await c.setScenario(scenario, 1);
    expect(c.streaming).toBe(false);
    expect(c.view(0)).toBeNull();
    let state: LiveState | undefined;
    for (let k = 0; k < 6; k++) {
      // The first update after a reply takes it in and asks for the next time.
      expect(c.update(clock(1000 * k), -1)).toBe(k > 0);
      expect(c.busy).toBe(true);
      expect(c.request(1000 * k, -1)).toBe(false); // one in flight
      expect(transfers.at(-1)).toEqual([lastBuffers!.pos.buffer, lastBuffers!.vel.buffer, lastBuffers!.flags.buffer, lastBuffers!.links.buffer, lastBuffers!.islRateGbps.buffer]);
      pending!(undefined as never);
      await new Promise((r) => setTimeout(r, 0));
      if (k > 0) {
        const v = c.view(1000 * k)!;
        // The newest instant, as it is, always the same state object.
        expect(v.a).toBe(v.b);
        expect(v.u).toBe(1);
        expect(v.b.timeMs).toBe(1000 * (k - 1));
        state ??= v.b;
        expect(v.b).toBe(state);
      }
    }
    // Only two position buffers ever existed: the one shown and the one in flight.
    expect(seen.size).toBe(2);
  });

  it('frames mode drops frames of an older scenario', async () => {
    let resolveFrame: ((f: LiveFrame) => void) | undefined;
    const api: LiveRemote = {
      setScenario: (async (_s: unknown, seq: number) => ({ seq, count: 2, names: ['a', 'b'], stationCount: 0, stationPos: new Float32Array(0), stationNames: [], elementErrors: [] })) as unknown as LiveRemote['setScenario'],
      frame: ((timeMs: number, _sel: number, b: LiveBuffers) =>
        new Promise<LiveFrame>((resolve) => {
          resolveFrame = () => resolve({ ...b, seq: 1, timeMs, contactLinks: 0, islLinks: 0, islRateLowGbps: 0, islRateCapGbps: 0, gmstRad: 0, sunDir: [1, 0, 0], selected: null });
        })) as unknown as LiveRemote['frame'],
      track: (async () => null) as unknown as LiveRemote['track'],
    };
    const c = new LiveClient(api, (v) => v, false);
    await c.setScenario(scenario, 1);
    c.request(0, -1);
    await c.setScenario(scenario, 2);
    resolveFrame!(undefined as never);
    await new Promise((r) => setTimeout(r, 0));
    expect(c.take()).toBeUndefined();
    expect(c.request(1, -1)).toBe(true);
  });
});

describe('LiveClient stream (shared memory, the live API in-process)', () => {
  const T0 = Date.parse('2026-06-21T00:00:00Z');
  const sc = normaliseScenario({
    startUtc: '2026-06-21T00:00:00Z',
    durationHours: 24,
    constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 6, satellitesPerPlane: 10, phasing: 1 },
    groundStations: GROUND_NETWORK,
  });
  const sats = buildSatellites(sc).satellites;
  const pv = new Float64Array(6);
  const scene = (i: number, t: number) => {
    propagateAt(sats[i].satrec, satrecEpochMs(sats[i].satrec), t, pv);
    return [pv[0] / EARTH_RADIUS_KM, pv[2] / EARTH_RADIUS_KM, -pv[1] / EARTH_RADIUS_KM];
  };
  const wall = () => performance.timeOrigin + performance.now();
  const frameGap = () => new Promise((r) => setTimeout(r, 8));

  async function until(c: LiveClient, model: () => ClockModel, ok: () => boolean, sel = -1): Promise<void> {
    for (let k = 0; k < 400 && !ok(); k++) {
      c.update(model(), sel);
      await frameGap();
    }
    expect(ok()).toBe(true);
  }

  it('paused: one instant at the clock time, with the selected satellite; a seek brings a new epoch', async () => {
    const api = createLiveApi();
    const c = new LiveClient(api as unknown as LiveRemote, (v) => v, true);
    const info = await c.setScenario(sc, 1);
    expect(info!.count).toBe(60);
    expect(c.streaming).toBe(true);
    const t = T0 + 3_600_000;
    const model = { timeMs: t, wallMs: wall(), warp: 100, playing: false, startMs: T0, endMs: T0 + 86_400_000, epoch: 1 };
    await until(c, () => model, () => c.view(t)?.b.timeMs === t && c.view(t)?.b.selected?.index === 7, 7);
    const v = c.view(t)!;
    expect(v.a).toBe(v.b);
    for (const i of [0, 33, 59]) {
      const p = scene(i, t);
      for (let k = 0; k < 3; k++) expect(v.b.pos[3 * i + k]).toBeCloseTo(p[k], 4);
    }
    expect(v.b.selected!.altitudeKm).toBeGreaterThan(500);
    // Nothing more is computed while nothing changes.
    const version = v.b.version;
    for (let k = 0; k < 10; k++) {
      expect(c.update(model, 7)).toBe(false);
      await frameGap();
    }
    expect(c.view(t)!.b.version).toBe(version);
    // A seek: the new time arrives under the new epoch.
    const t2 = t + 5_000_000;
    Object.assign(model, { timeMs: t2, epoch: 2 });
    await until(c, () => model, () => c.view(t2)?.b.epoch === 2, 7);
    expect(c.view(t2)!.b.timeMs).toBe(t2);
    api.dispose();
  });

  it('playing: instants lead the clock, the view interpolates between two around it within 1 km', async () => {
    const api = createLiveApi();
    const c = new LiveClient(api as unknown as LiveRemote, (v) => v, true);
    await c.setScenario(sc, 2);
    const warp = 1000;
    const start = wall();
    const model = (): ClockModel => {
      const w = wall();
      return { timeMs: Math.round(T0 + warp * (w - start)), wallMs: w, warp, playing: true, startMs: T0, endMs: T0 + 86_400_000, epoch: 0 };
    };
    let bracketed = 0;
    let maxErrKm = 0;
    const states = new Set<LiveState>();
    for (let k = 0; k < 120; k++) {
      const m = model();
      c.update(m, -1);
      const v = c.view(m.timeMs);
      if (v) {
        states.add(v.a).add(v.b);
        if (v.a !== v.b && v.a.timeMs <= m.timeMs && m.timeMs <= v.b.timeMs) {
          bracketed++;
          expect(v.u).toBeCloseTo((m.timeMs - v.a.timeMs) / (v.b.timeMs - v.a.timeMs), 9);
          const out = [0, 0, 0];
          for (const i of [0, 21, 42]) {
            hermite(v, i, out);
            const p = scene(i, m.timeMs);
            maxErrKm = Math.max(maxErrKm, Math.hypot(out[0] - p[0], out[1] - p[1], out[2] - p[2]) * EARTH_RADIUS_KM);
          }
        }
      }
      await frameGap();
    }
    // Most frames have an instant on each side of the clock; the Hermite between them is within 1 km of SGP4.
    expect(bracketed).toBeGreaterThan(60);
    expect(maxErrKm).toBeLessThan(1);
    // The page only ever sees the ring's slots (no per-frame allocation).
    expect(states.size).toBeLessThanOrEqual(LIVE_SLOTS);
    api.dispose();
  });

  it('a new scenario stops the old stream; its instants never show under the new one', async () => {
    const api = createLiveApi();
    const c = new LiveClient(api as unknown as LiveRemote, (v) => v, true);
    await c.setScenario(sc, 3);
    const model = { timeMs: T0, wallMs: wall(), warp: 1, playing: false, startMs: T0, endMs: T0 + 86_400_000, epoch: 0 };
    await until(c, () => model, () => c.view(T0) !== null);
    const small = normaliseScenario({ ...sc, constellation: { type: 'walker', altitudeKm: 700, inclinationDeg: 97, planes: 1, satellitesPerPlane: 5, phasing: 0 } });
    const info = await c.setScenario(small, 4);
    expect(info!.count).toBe(5);
    expect(c.view(T0)).toBeNull();
    await until(c, () => model, () => c.view(T0) !== null);
    expect(c.view(T0)!.b.pos.length).toBe(15);
    api.dispose();
  });
});
