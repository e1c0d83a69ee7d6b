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
