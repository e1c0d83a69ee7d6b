// The live worker's adapter: buffers in and out, scenario info, the orbit track
// and the shared stream. The instant itself is tested in test/engine/live/.
import { describe, expect, it } from 'vitest';
import { allocateLiveBuffers, createLiveApi, liveTransferables } from '../../workers/live-api';
import { allocateLiveShared, writeClock, wallNow } from '../../workers/live-stream';
import { LIVE_CTRL, LIVE_META, LIVE_META_SIZE } from '../../workers/protocol';
import { normaliseScenario } from '../../src/engine/input/scenario';
import { InstantModel, allocateInstantBuffers } from '../../src/engine/live/instant';
import { buildSatellites } from '../../src/engine/input/constellation';
import { stationArrays } from '../../src/engine/network/stations';
import { EARTH_RADIUS_KM } from '../../src/engine/core/constants';
import { liveScenario as scenario, T } from '../engine/live/live-scenario';

describe('live worker API', () => {
  it('fills the given buffers with the engine instant and reports the scenario', async () => {
    const api = createLiveApi();
    const sc = scenario();
    const info = await api.setScenario(sc, 4);
    expect(info.count).toBe(80);
    expect(info.names[0]).toBe('W01-01');
    // Generated designs have their elements at the scenario start.
    expect(info.epochMs).toHaveLength(80);
    expect(info.epochMs[0]).toBe(Date.parse(sc.startUtc));
    expect(info.stationPos).toHaveLength(3 * info.stationCount);
    const buffers = allocateLiveBuffers(80);
    const f = await api.frame(T, 12, buffers);
    expect(f.seq).toBe(4);
    expect(f.timeMs).toBe(T);
    expect(f.pos).toBe(buffers.pos);
    expect(f.flags).toBe(buffers.flags);
    expect(f.links).toBe(buffers.links);
    expect(f.vel).toBe(buffers.vel);
    expect(f.islRateGbps).toBe(buffers.islRateGbps);
    expect(liveTransferables(f)).toHaveLength(5);
    expect(info.islRates).toBeNull();
    // Same as the engine's instant.
    const m = await InstantModel.create(buildSatellites(sc).satellites.map((s) => s.satrec), stationArrays(sc.groundStations), sc.interSatelliteLinks);
    const want = allocateInstantBuffers(80);
    const wantInfo = m.computeInto(T, 12, want);
    expect(f.pos).toEqual(want.pos);
    expect(f.flags).toEqual(want.flags);
    expect(f.contactLinks).toBe(wantInfo.contactLinks);
    expect(f.selected).toEqual(wantInfo.selected);
    m.dispose();
    api.dispose();
  });

  it('ships each link rate and the scale with ISLs on (10 Gbps at 8,000 km: 25.6 Gbps at the 5,000 km range, 100 Gbps cap)', async () => {
    const api = createLiveApi();
    const info = await api.setScenario(scenario({ interSatelliteLinks: { enabled: true } }), 6);
    // 10 · (8,000 / 5,000)² = 25.6 Gbps; cap 100 Gbps up to 8,000 · √0.1 = 2,530 km.
    expect(info.islRates!.lowGbps).toBeCloseTo(25.6, 6);
    expect(info.islRates!.capGbps).toBe(100);
    expect(info.islRates!.terminals).toBe(4);
    const f = await api.frame(T, -1, allocateLiveBuffers(80));
    expect(f.islLinks).toBeGreaterThan(0);
    expect(f.islRateLowGbps).toBeCloseTo(25.6, 6);
    expect(f.islRateCapGbps).toBe(100);
    for (let q = 0; q < f.islLinks; q++) {
      const i = f.links[2 * (f.contactLinks + q)];
      const j = f.links[2 * (f.contactLinks + q) + 1];
      const dKm = Math.hypot(f.pos[3 * i] - f.pos[3 * j], f.pos[3 * i + 1] - f.pos[3 * j + 1], f.pos[3 * i + 2] - f.pos[3 * j + 2]) * EARTH_RADIUS_KM;
      expect(f.islRateGbps[q]).toBeCloseTo(Math.min(100, 10 * (8000 / dKm) ** 2), 1);
    }
    api.dispose();
  });

  it('returns one orbit period of track centred on the time', async () => {
    const api = createLiveApi();
    await api.setScenario(scenario(), 1);
    const tr = await api.track(3, T, 120);
    expect(tr!.length).toBe(3 * 121);
    const f = await api.frame(T, -1, allocateLiveBuffers(80));
    for (let c = 0; c < 3; c++) expect(tr![3 * 60 + c]).toBeCloseTo(f.pos[9 + c], 4);
    const gap = Math.hypot(tr![0] - tr![360], tr![1] - tr![361], tr![2] - tr![362]) * EARTH_RADIUS_KM;
    expect(gap).toBeLessThan(50);
    expect(await api.track(99, T, 120)).toBeNull();
    api.dispose();
  });

  it('replaces wrongly sized buffers and survives an empty element set', async () => {
    const api = createLiveApi();
    await api.setScenario(scenario(), 2);
    const f = await api.frame(T, -1, allocateLiveBuffers(3));
    expect(f.pos.length).toBe(240);
    expect(f.flags.length).toBe(80);
    const info = await api.setScenario(normaliseScenario({ startUtc: '2026-06-21T00:00:00Z', durationHours: 1, constellation: { type: 'tle', text: 'garbage' } }), 3);
    expect(info.count).toBe(0);
    expect(info.elementErrors.length).toBeGreaterThan(0);
    const g = await api.frame(T, -1, allocateLiveBuffers(0));
    expect(g.seq).toBe(3);
    expect(g.pos.length).toBe(0);
    api.dispose();
  });

  it('streams an instant for the paused clock into a shared slot, only for its own scenario', async () => {
    const api = createLiveApi();
    await api.setScenario(scenario(), 5);
    const sh = allocateLiveShared(80);
    expect(await api.stream(sh, 4)).toBe(false);
    expect(await api.stream(allocateLiveShared(79), 5)).toBe(false);
    writeClock(sh, { timeMs: T, wallMs: wallNow(), warp: 1, playing: false, startMs: T - 1000, endMs: T + 1000, epoch: 1 });
    expect(await api.stream(sh, 5)).toBe(true);
    for (let k = 0; k < 200 && Atomics.load(sh.control, LIVE_CTRL.pubSeq) === 0; k++) await new Promise((r) => setTimeout(r, 10));
    expect(Atomics.load(sh.control, LIVE_CTRL.pubSeq)).toBe(1);
    const slot = Atomics.load(sh.control, LIVE_CTRL.latest);
    expect(sh.meta[slot * LIVE_META_SIZE + LIVE_META.timeMs]).toBe(T);
    expect(sh.meta[slot * LIVE_META_SIZE + LIVE_META.islRateCapGbps]).toBe(0); // no ISLs in this scenario
    const f = await api.frame(T, -1, allocateLiveBuffers(80));
    expect(sh.slots[slot].pos).toEqual(f.pos);
    api.dispose();
  });
});
