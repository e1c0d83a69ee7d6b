/**
 * Ground contacts against satellite.js look angles (an independent path:
 * propagate → eciToEcf(gstime) → ecfToLookAngles), and downlink/storage behaviour.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { degreesToRadians, ecfToLookAngles, eciToEcf, gstime, propagate } from 'satellite.js';
import { RAD } from '../../../src/engine/core/constants';
import { buildSatellites } from '../../../src/engine/input/constellation';
import { elevationRad, lineOfSight, stationArrays } from '../../../src/engine/network/stations';
import { DownlinkAllocator } from '../../../src/engine/network/downlink';
import { LinkState } from '../../../src/engine/network/link-state';
import { budgetConstantDb, budgetRateGBps } from '../../../src/engine/network/link-budget';
import { normaliseScenario, type ScenarioInput } from '../../../src/engine/input/scenario';
import { run } from '../helpers';

const stations = [
  { name: 'Svalbard', latitudeDeg: 78.23, longitudeDeg: 15.41, altitudeM: 500, minElevationDeg: 10, downlinkGbps: 10 },
  { name: 'Wallops', latitudeDeg: 37.94, longitudeDeg: -75.46, altitudeM: 10, minElevationDeg: 5, downlinkGbps: 10 },
  { name: 'Hartebeesthoek', latitudeDeg: -25.89, longitudeDeg: 27.69, altitudeM: 1500, minElevationDeg: 20, downlinkGbps: 10 },
];

function lookElevationDeg(input: ScenarioInput, satIndex: number, station: (typeof stations)[number], timeMs: number): number {
  const sat = buildSatellites(normaliseScenario(input)).satellites[satIndex];
  const date = new Date(timeMs);
  const pv = propagate(sat.satrec, date);
  if (!pv) throw new Error('propagation failed');
  const ecf = eciToEcf(pv.position, gstime(date));
  const la = ecfToLookAngles(
    { latitude: degreesToRadians(station.latitudeDeg), longitude: degreesToRadians(station.longitudeDeg), height: station.altitudeM / 1000 },
    ecf,
  );
  return la.elevation * RAD;
}

describe('elevation', () => {
  it('equals satellite.js ecfToLookAngles for arbitrary geometry', () => {
    const st = stationArrays(normaliseScenario({ startUtc: '2026-01-01T00:00:00Z', durationHours: 1, constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 1, satellitesPerPlane: 1 }, groundStations: stations }).groundStations);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.double({ min: -8000, max: 8000, noNaN: true }), fc.double({ min: -8000, max: 8000, noNaN: true }), fc.double({ min: -8000, max: 8000, noNaN: true }), (k, x, y, z) => {
        fc.pre(Math.hypot(x, y, z) > 6500);
        const s = stations[k];
        const la = ecfToLookAngles({ latitude: degreesToRadians(s.latitudeDeg), longitude: degreesToRadians(s.longitudeDeg), height: s.altitudeM / 1000 }, { x, y, z });
        expect(elevationRad(st, k, x, y, z)).toBeCloseTo(la.elevation, 9);
      }),
      { numRuns: 300 },
    );
  });
  it('line of sight is blocked by the Earth', () => {
    expect(lineOfSight(7000, 0, 0, -7000, 0, 0, 6378)).toBe(false);
    expect(lineOfSight(7000, 0, 0, 7000, 100, 0, 6378)).toBe(true);
    // Chord between two points 7000 km out, 40° apart, clears the Earth (7000 cos 20° = 6578 km); 60° apart it does not.
    expect(lineOfSight(7000, 0, 0, 7000 * Math.cos(0.698), 7000 * Math.sin(0.698), 0, 6378)).toBe(true);
    expect(lineOfSight(7000, 0, 0, 7000 * Math.cos(1.047), 7000 * Math.sin(1.047), 0, 6378)).toBe(false);
    expect(lineOfSight(6500, 0, 0, 0, 6500, 0, 6378)).toBe(false);
  });
});

describe('contacts', () => {
  const input: ScenarioInput = {
    startUtc: '2026-06-21T00:00:00Z',
    durationHours: 12,
    stepSeconds: 60,
    constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 2, satellitesPerPlane: 3 },
    groundStations: stations,
  };
  it('start and end where satellite.js elevation equals the mask; peak above it', async () => {
    const out = await run(input);
    const e = out.events;
    let checked = 0;
    for (let k = 0; k < e.contactSat.length; k++) {
      const st = stations[e.contactStation[k]];
      if (e.contactStartMs[k] > out.startMs) {
        expect(lookElevationDeg(input, e.contactSat[k], st, Math.round(e.contactStartMs[k]))).toBeCloseTo(st.minElevationDeg, 1);
        checked++;
      }
      if (e.contactEndMs[k] < out.endMs) {
        expect(lookElevationDeg(input, e.contactSat[k], st, Math.round(e.contactEndMs[k]))).toBeCloseTo(st.minElevationDeg, 1);
      }
      const mid = (e.contactStartMs[k] + e.contactEndMs[k]) / 2;
      expect(e.contactMaxElevationDeg[k]).toBeGreaterThanOrEqual(lookElevationDeg(input, e.contactSat[k], st, mid) - 0.01);
      expect(e.contactMaxElevationDeg[k]).toBeGreaterThanOrEqual(st.minElevationDeg);
    }
    expect(checked).toBeGreaterThan(10);
    expect(out.kpis.contactMinutesPerSatellitePerDay).toBeGreaterThan(10);
  });
  it('storage fills without ground stations and drains with them', async () => {
    const node = { storageGB: 20, outputGBPerHourAtFullCompute: 50 };
    const none = await run({ ...input, groundStations: [], node });
    expect(none.kpis.dataDownlinkedGB).toBe(0);
    expect(none.kpis.storageLimitedFraction).toBeGreaterThan(0.5);
    // Once full, only what fits can be computed: usable compute falls to zero.
    expect(none.series.usableComputePflops[none.series.usableComputePflops.length - 1]).toBe(0);
    expect(none.kpis.dataGeneratedGB).toBeCloseTo(6 * 20, 6);
    const some = await run({ ...input, node });
    expect(some.kpis.dataDownlinkedGB).toBeGreaterThan(0);
    expect(some.kpis.storageLimitedFraction).toBeLessThan(none.kpis.storageLimitedFraction);
    // Data conservation: generated = downlinked + still stored.
    const last = some.series.storedDataGB.length - 1;
    expect(some.kpis.dataGeneratedGB).toBeGreaterThanOrEqual(some.kpis.dataDownlinkedGB);
    expect(some.series.storedDataGB[last]).toBeLessThanOrEqual(6 * 20 + 1e-9);
  });
  it('inter-satellite links relay a cluster through the member in contact', async () => {
    const cluster: ScenarioInput = {
      startUtc: '2026-03-01T00:00:00Z',
      durationHours: 12,
      stepSeconds: 60,
      constellation: { type: 'cluster', altitudeKm: 650, ltanHours: 18, satellites: 9, radiusM: 500 },
      groundStations: [stations[0]],
      node: { storageGB: 5, outputGBPerHourAtFullCompute: 100 },
    };
    const off = await run(cluster);
    const on = await run({ ...cluster, interSatelliteLinks: { enabled: true, maxRangeKm: 5, rateGbps: 100 } });
    expect(on.kpis.dataDownlinkedGB).toBeGreaterThan(2 * off.kpis.dataDownlinkedGB);
    expect(on.kpis.meanUsableComputePflops).toBeGreaterThan(off.kpis.meanUsableComputePflops);
  });
});

describe('sessions and rates over real passes (satellite.js geometry)', () => {
  // 8 consecutive members of a 30-satellite plane (12° apart, passes ≈ 3 min apart, so 2–3 overlap at a station), 550 km, 53°, seen from a station at 48° N.
  const input: ScenarioInput = {
    startUtc: '2026-06-21T00:00:00Z',
    durationHours: 12,
    stepSeconds: 10,
    constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 1, satellitesPerPlane: 30 },
  };
  const station = { name: 'Oberpfaffenhofen', latitudeDeg: 48.08, longitudeDeg: 11.28, altitudeM: 600, minElevationDeg: 10 };
  const N = 8;
  const K = 12 * 360;
  const t0 = Date.parse(input.startUtc);
  const sats = buildSatellites(normaliseScenario(input)).satellites.slice(0, N);
  const observer = { latitude: degreesToRadians(station.latitudeDeg), longitude: degreesToRadians(station.longitudeDeg), height: station.altitudeM / 1000 };
  /** Per step k and satellite i: TEME position, visibility, slant range and elevation from satellite.js. */
  const pos = new Float64Array(3 * N * K);
  const vis = new Uint32Array(N * K);
  const rangeKm = new Float64Array(N * K);
  const elevationRad = new Float64Array(N * K);
  let passes = 0;
  for (let i = 0; i < N; i++) {
    let was = false;
    for (let k = 0; k < K; k++) {
      const date = new Date(t0 + k * 10_000);
      const pv = propagate(sats[i].satrec, date);
      if (!pv) throw new Error('propagation failed');
      const c = k * N + i;
      pos.set([pv.position.x, pv.position.y, pv.position.z], 3 * c);
      const la = ecfToLookAngles(observer, eciToEcf(pv.position, gstime(date)));
      rangeKm[c] = la.rangeSat;
      elevationRad[c] = la.elevation;
      const inView = la.elevation >= degreesToRadians(station.minElevationDeg);
      vis[c] = inView ? 1 : 0;
      if (inView && !was) passes++;
      was = inView;
    }
  }
  const active = new Uint8Array(N * K).fill(1);
  const visHi = new Uint32Array(N * K);

  function sessions(antennas: number): number {
    const st = normaliseScenario({ ...input, groundStations: [{ ...station, downlinkGbps: 10, antennas }] }).groundStations;
    const links = new LinkState(N);
    const alloc = new DownlinkAllocator(stationArrays(st), links, null);
    const stored = new Float64Array(N).fill(1e6); // storage never drains: the case where greedy allocation traded antennas every few steps
    for (let k = 0; k < K; k++) alloc.step(k * N, t0 + k * 10_000, active, vis, visHi, null, stored, 0, 10);
    return alloc.sessions;
  }

  it('enough antennas: one session per pass', () => {
    expect(passes).toBeGreaterThan(10);
    expect(sessions(N)).toBe(passes);
  });
  it('one antenna shared by overlapping passes: no pass is split into several sessions', () => {
    const one = sessions(1);
    // Each session is (part of) one pass; a pass wholly inside another loaded satellite's pass gets none.
    expect(one).toBeLessThanOrEqual(passes);
    expect(one).toBeGreaterThan(passes / 2);
  });
  it('budget rate follows slant range and elevation along each pass', () => {
    const st = normaliseScenario({ ...input, groundStations: [{ ...station, gOverTDbPerK: 30, antennas: N, acquisitionS: 0 }] }).groundStations;
    const g = st[0];
    if (g.linkModel !== 'budget') throw new Error('expected a budget station');
    const links = new LinkState(N);
    const alloc = new DownlinkAllocator(stationArrays(st), links, null);
    const stored = new Float64Array(N).fill(1e6);
    let checked = 0;
    let lo = Infinity;
    let hi = 0;
    const c0 = budgetConstantDb(g);
    for (let k = 0; k < K; k++) {
      alloc.step(k * N, t0 + k * 10_000, active, vis, visHi, pos, stored, 0, 10);
      for (let i = 0; i < N; i++) {
        const c = k * N + i;
        if (!vis[c]) continue;
        // Expected rate at satellite.js's slant range and elevation (the budget itself is checked by hand in link-budget.test.ts).
        const expected = budgetRateGBps(c0, g.atmosphericLossZenithDb, g.symbolRateMsps * 1e6, rangeKm[c], Math.sin(elevationRad[c]));
        expect(links.capacityGB[i] / 10).toBeCloseTo(expected, 9);
        lo = Math.min(lo, expected);
        hi = Math.max(hi, expected);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    // Over passes from 10° to high elevation the rate spans QPSK 3/4-class (≈1.8 Gbps) to the top MODCOD (5.34 Gbps).
    expect(hi * 8).toBeCloseTo(1.2 * 4.453027, 6);
    expect(hi / lo).toBeGreaterThan(2);
  });
});
