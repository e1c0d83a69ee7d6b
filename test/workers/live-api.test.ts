import { describe, expect, it } from 'vitest';
import { gstime } from 'satellite.js';
import { allocateLiveBuffers, createLiveApi, liveTransferables, ISL_NEIGHBOURS } from '../../workers/live-api';
import { LIVE_CONTACT, LIVE_ECLIPSE } from '../../workers/protocol';
import { normaliseScenario } from '../../src/engine/input/scenario';
import { buildSatellites } from '../../src/engine/input/constellation';
import { propagateAt, satrecEpochMs } from '../../src/engine/orbit/propagation';
import { elevationRad, stationArrays } from '../../src/engine/network/stations';
import { EARTH_RADIUS_KM } from '../../src/engine/core/constants';
import { eclipseSwitch, sunPositionAu } from '../../src/engine/orbit/sun';
import { julianDateFromMs } from '../../src/engine/core/time';
import { GROUND_NETWORK } from '../../src/engine/input/presets';

const scenario = (over: Record<string, unknown> = {}) =>
  normaliseScenario({
    name: 'live',
    startUtc: '2026-06-21T00:00:00Z',
    durationHours: 24,
    stepSeconds: 60,
    constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 8, satellitesPerPlane: 10, phasing: 1 },
    groundStations: GROUND_NETWORK,
    ...over,
  });

const T = Date.parse('2026-06-21T03:17:00Z');

describe('live worker API', () => {
  it('maps TEME positions to the scene frame (x, z, −y) in Earth radii, filling the given buffers', async () => {
    const api = createLiveApi();
    const sc = scenario();
    const info = await api.setScenario(sc, 4);
    expect(info.count).toBe(80);
    expect(info.names[0]).toBe('W01-01');
    // Generated designs have their elements at the scenario start.
    expect(info.epochMs).toHaveLength(80);
    expect(info.epochMs[0]).toBe(Date.parse(sc.startUtc));
    const buffers = allocateLiveBuffers(80);
    const f = await api.frame(T, -1, buffers);
    expect(f.seq).toBe(4);
    expect(f.pos).toBe(buffers.pos);
    expect(f.flags).toBe(buffers.flags);
    expect(f.links).toBe(buffers.links);
    expect(f.vel).toBe(buffers.vel);
    expect(liveTransferables(f)).toHaveLength(4);
    const sats = buildSatellites(sc).satellites;
    const pv = new Float64Array(6);
    for (const i of [0, 17, 79]) {
      expect(propagateAt(sats[i].satrec, satrecEpochMs(sats[i].satrec), T, pv)).toBe(true);
      expect(f.pos[3 * i]).toBeCloseTo(pv[0] / EARTH_RADIUS_KM, 4);
      expect(f.pos[3 * i + 1]).toBeCloseTo(pv[2] / EARTH_RADIUS_KM, 4);
      expect(f.pos[3 * i + 2]).toBeCloseTo(-pv[1] / EARTH_RADIUS_KM, 4);
      // Velocities in the same frame, Earth radii per second.
      expect(f.vel[3 * i]).toBeCloseTo(pv[3] / EARTH_RADIUS_KM, 7);
      expect(f.vel[3 * i + 1]).toBeCloseTo(pv[5] / EARTH_RADIUS_KM, 7);
      expect(f.vel[3 * i + 2]).toBeCloseTo(-pv[4] / EARTH_RADIUS_KM, 7);
    }
    // GMST and Sun direction in the same frame.
    expect(f.gmstRad).toBeCloseTo(gstime(julianDateFromMs(T)), 6);
    const sun = [0, 0, 0];
    sunPositionAu(T, sun);
    const n = Math.hypot(sun[0], sun[1], sun[2]);
    expect(f.sunDir[0]).toBeCloseTo(sun[0] / n, 4);
    expect(f.sunDir[1]).toBeCloseTo(sun[2] / n, 4);
    expect(f.sunDir[2]).toBeCloseTo(-sun[1] / n, 4);
    api.dispose();
  });

  it('flags eclipse and station visibility consistently with the engine geometry', async () => {
    const api = createLiveApi();
    const sc = scenario();
    await api.setScenario(sc, 1);
    const sats = buildSatellites(sc).satellites;
    const st = stationArrays(sc.groundStations);
    const pv = new Float64Array(6);
    const sun = [0, 0, 0];
    let contacts = 0;
    for (let m = 0; m < 6; m++) {
      const t = T + m * 600_000;
      const f = await api.frame(t, -1, allocateLiveBuffers(80));
      sunPositionAu(t, sun);
      const th = gstime(julianDateFromMs(t));
      const pairs = new Set<string>();
      for (let p = 0; p < f.contactLinks; p++) pairs.add(`${f.links[2 * p]}:${f.links[2 * p + 1]}`);
      for (let i = 0; i < 80; i++) {
        propagateAt(sats[i].satrec, satrecEpochMs(sats[i].satrec), t, pv);
        const g = eclipseSwitch(pv[0], pv[1], pv[2], sun[0], sun[1], sun[2]);
        if (Math.abs(g) > 0.01) expect((f.flags[i] & LIVE_ECLIPSE) !== 0).toBe(g < 0);
        const xf = pv[0] * Math.cos(th) + pv[1] * Math.sin(th);
        const yf = -pv[0] * Math.sin(th) + pv[1] * Math.cos(th);
        let seen = false;
        for (let k = 0; k < st.count; k++) {
          const margin = elevationRad(st, k, xf, yf, pv[2]) - st.maskRad[k];
          if (Math.abs(margin) < 1e-3) continue;
          expect(pairs.has(`${k}:${i}`)).toBe(margin > 0);
          seen ||= margin > 0;
        }
        if (seen) expect(f.flags[i] & LIVE_CONTACT).toBe(LIVE_CONTACT);
      }
      contacts += f.contactLinks;
    }
    expect(contacts).toBeGreaterThan(0);
    api.dispose();
  });

  it('reports the selected satellite geodetic state', async () => {
    const api = createLiveApi();
    await api.setScenario(scenario(), 1);
    const f = await api.frame(T, 12, allocateLiveBuffers(80));
    expect(f.selected?.index).toBe(12);
    expect(f.selected!.altitudeKm).toBeGreaterThan(520);
    expect(f.selected!.altitudeKm).toBeLessThan(580);
    expect(Math.abs(f.selected!.latDeg)).toBeLessThanOrEqual(53.5);
    expect(f.selected!.speedKmS).toBeGreaterThan(7.4);
    expect(f.selected!.speedKmS).toBeLessThan(7.8);
    expect(f.selected!.lonDeg).toBeGreaterThanOrEqual(-180);
    expect(f.selected!.lonDeg).toBeLessThanOrEqual(180);
    api.dispose();
  });

  it('draws inter-satellite links to at most the nearest neighbours in range, without duplicates', async () => {
    const api = createLiveApi();
    await api.setScenario(scenario({ interSatelliteLinks: { enabled: true, maxRangeKm: 3000, rateGbps: 10 } }), 1);
    const f = await api.frame(T, -1, allocateLiveBuffers(80));
    expect(f.islLinks).toBeGreaterThan(40);
    const seen = new Set<string>();
    const degree = new Array(80).fill(0);
    for (let p = 0; p < f.islLinks; p++) {
      const i = f.links[2 * (f.contactLinks + p)];
      const j = f.links[2 * (f.contactLinks + p) + 1];
      const key = i < j ? `${i}-${j}` : `${j}-${i}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
      const d = Math.hypot(f.pos[3 * i] - f.pos[3 * j], f.pos[3 * i + 1] - f.pos[3 * j + 1], f.pos[3 * i + 2] - f.pos[3 * j + 2]) * EARTH_RADIUS_KM;
      expect(d).toBeLessThanOrEqual(3000.01);
      degree[i]++;
      degree[j]++;
    }
    // Each link is one of the endpoints' nearest; degrees stay small.
    expect(Math.max(...degree)).toBeLessThanOrEqual(2 * ISL_NEIGHBOURS);
    api.dispose();
  });

  it('returns one orbit period of track centred on the time', async () => {
    const api = createLiveApi();
    const sc = scenario();
    await api.setScenario(sc, 1);
    const tr = await api.track(3, T, 120);
    expect(tr).not.toBeNull();
    expect(tr!.length).toBe(3 * 121);
    const f = await api.frame(T, -1, allocateLiveBuffers(80));
    // Middle sample is the position at T; ends nearly meet (one period apart).
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
});
