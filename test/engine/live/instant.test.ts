import { describe, expect, it } from 'vitest';
import { gstime } from 'satellite.js';
import { allocateInstantBuffers, InstantModel, LIVE_CONTACT, LIVE_ECLIPSE } from '../../../src/engine/live/instant';
import type { Scenario } from '../../../src/engine/input/scenario';
import { buildSatellites } from '../../../src/engine/input/constellation';
import { propagateAt, satrecEpochMs } from '../../../src/engine/orbit/propagation';
import { elevationRad, stationArrays } from '../../../src/engine/network/stations';
import { EARTH_RADIUS_KM } from '../../../src/engine/core/constants';
import { eclipseSwitch, sunPositionAu } from '../../../src/engine/orbit/sun';
import { julianDateFromMs } from '../../../src/engine/core/time';
import { liveScenario, T } from './live-scenario';


function model(sc: Scenario): Promise<InstantModel> {
  return InstantModel.create(
    buildSatellites(sc).satellites.map((s) => s.satrec),
    stationArrays(sc.groundStations),
    sc.interSatelliteLinks,
  );
}

describe('live instant', () => {
  it('maps TEME positions and velocities to the scene frame (x, z, −y) in Earth radii', async () => {
    const sc = liveScenario();
    const m = await model(sc);
    expect(m.count).toBe(80);
    const out = allocateInstantBuffers(80);
    const info = m.computeInto(T, -1, out);
    const sats = buildSatellites(sc).satellites;
    const pv = new Float64Array(6);
    for (const i of [0, 17, 79]) {
      expect(propagateAt(sats[i].satrec, satrecEpochMs(sats[i].satrec), T, pv)).toBe(true);
      expect(out.pos[3 * i]).toBeCloseTo(pv[0] / EARTH_RADIUS_KM, 4);
      expect(out.pos[3 * i + 1]).toBeCloseTo(pv[2] / EARTH_RADIUS_KM, 4);
      expect(out.pos[3 * i + 2]).toBeCloseTo(-pv[1] / EARTH_RADIUS_KM, 4);
      // Velocities in the same frame, Earth radii per second.
      expect(out.vel[3 * i]).toBeCloseTo(pv[3] / EARTH_RADIUS_KM, 7);
      expect(out.vel[3 * i + 1]).toBeCloseTo(pv[5] / EARTH_RADIUS_KM, 7);
      expect(out.vel[3 * i + 2]).toBeCloseTo(-pv[4] / EARTH_RADIUS_KM, 7);
    }
    // GMST and Sun direction in the same frame.
    expect(info.gmstRad).toBeCloseTo(gstime(julianDateFromMs(T)), 6);
    const sun = [0, 0, 0];
    sunPositionAu(T, sun);
    const n = Math.hypot(sun[0], sun[1], sun[2]);
    expect(info.sunDir[0]).toBeCloseTo(sun[0] / n, 4);
    expect(info.sunDir[1]).toBeCloseTo(sun[2] / n, 4);
    expect(info.sunDir[2]).toBeCloseTo(-sun[1] / n, 4);
    m.dispose();
  });

  it('flags eclipse and station visibility consistently with the engine geometry', async () => {
    const sc = liveScenario();
    const m = await model(sc);
    const sats = buildSatellites(sc).satellites;
    const st = stationArrays(sc.groundStations);
    const pv = new Float64Array(6);
    const sun = [0, 0, 0];
    let contacts = 0;
    for (let k = 0; k < 6; k++) {
      const t = T + k * 600_000;
      const f = allocateInstantBuffers(80);
      const info = m.computeInto(t, -1, f);
      sunPositionAu(t, sun);
      const th = gstime(julianDateFromMs(t));
      const pairs = new Set<string>();
      for (let p = 0; p < info.contactLinks; p++) pairs.add(`${f.links[2 * p]}:${f.links[2 * p + 1]}`);
      for (let i = 0; i < 80; i++) {
        propagateAt(sats[i].satrec, satrecEpochMs(sats[i].satrec), t, pv);
        const g = eclipseSwitch(pv[0], pv[1], pv[2], sun[0], sun[1], sun[2]);
        if (Math.abs(g) > 0.01) expect((f.flags[i] & LIVE_ECLIPSE) !== 0).toBe(g < 0);
        const xf = pv[0] * Math.cos(th) + pv[1] * Math.sin(th);
        const yf = -pv[0] * Math.sin(th) + pv[1] * Math.cos(th);
        let seen = false;
        for (let s = 0; s < st.count; s++) {
          const margin = elevationRad(st, s, xf, yf, pv[2]) - st.maskRad[s];
          if (Math.abs(margin) < 1e-3) continue;
          expect(pairs.has(`${s}:${i}`)).toBe(margin > 0);
          seen ||= margin > 0;
        }
        if (seen) expect(f.flags[i] & LIVE_CONTACT).toBe(LIVE_CONTACT);
      }
      contacts += info.contactLinks;
    }
    expect(contacts).toBeGreaterThan(0);
    m.dispose();
  });

  it('reports the selected satellite geodetic state', async () => {
    const m = await model(liveScenario());
    const info = m.computeInto(T, 12, allocateInstantBuffers(80));
    const s = info.selected!;
    expect(s.index).toBe(12);
    expect(s.altitudeKm).toBeGreaterThan(520);
    expect(s.altitudeKm).toBeLessThan(580);
    expect(Math.abs(s.latDeg)).toBeLessThanOrEqual(53.5);
    expect(s.speedKmS).toBeGreaterThan(7.4);
    expect(s.speedKmS).toBeLessThan(7.8);
    expect(s.lonDeg).toBeGreaterThanOrEqual(-180);
    expect(s.lonDeg).toBeLessThanOrEqual(180);
    expect(m.computeInto(T, 80, allocateInstantBuffers(80)).selected).toBeNull();
    m.dispose();
  });

  it('an empty satellite set gives an empty instant', async () => {
    const sc = liveScenario();
    const m = await InstantModel.create([], stationArrays(sc.groundStations), sc.interSatelliteLinks);
    expect(m.count).toBe(0);
    expect(m.computeInto(T, -1, allocateInstantBuffers(0))).toMatchObject({ contactLinks: 0, islLinks: 0, selected: null });
    m.dispose();
  });
});
