/**
 * The contact detector on an equatorial circular orbit passing over an
 * equatorial station: in view while the central angle is below
 * λ = acos(R_s cos ε / r) − ε (ε the mask), which the satellite sweeps at
 * n − θ̇ relative to the rotating Earth, so each pass lasts 2λ / (n − θ̇)
 * and peaks at 90° elevation.
 */
import { describe, expect, it } from 'vitest';
import { ContactDetector } from '../../../src/engine/events/contact-detector';
import { EventLog, mergeEvents } from '../../../src/engine/events/event-log';
import { satelliteState } from '../../../src/engine/events/satellite-state';
import { OrbitBounds } from '../../../src/engine/events/skip-bounds';
import { stationArrays } from '../../../src/engine/network/stations';
import type { GroundStation } from '../../../src/engine/input/scenario';

const MU = 398600.8;
const DEG = Math.PI / 180;
/** GMST rate of IAU-82 (rad/s); GMST = 0 at t = 0 here. */
const GMST_RATE = (1.00273790935 * 2 * Math.PI) / 86_400;

const station = { name: 'Equator', latitudeDeg: 0, longitudeDeg: 0, altitudeM: 0, minElevationDeg: 10, downlinkGbps: 1, antennas: 1 } as GroundStation;
const far = { ...station, name: 'Far north', latitudeDeg: 70, minElevationDeg: 5 } as GroundStation;

function runDetector(r: number, stepS: number, hours: number, skipFar: boolean) {
  const st = stationArrays([station, far]);
  const n = Math.sqrt(MU / (r * r * r));
  // Equatorial, prograde, starting 120° west of the station.
  const state = (t: number, out: Float64Array) => {
    const a = (n * t) / 1000 - 120 * DEG;
    out[0] = r * Math.cos(a);
    out[1] = r * Math.sin(a);
    out[2] = 0;
    out[3] = -r * n * Math.sin(a);
    out[4] = r * n * Math.cos(a);
    out[5] = 0;
  };
  const pv = new Float64Array(6);
  const positions = {
    positionAt(_i: number, t: number, out: Float64Array) {
      state(t, pv);
      out.set(pv.subarray(0, 3));
      return true;
    },
  };
  const log = new EventLog();
  const bounds = new OrbitBounds(1);
  const sat = satelliteState();
  const det = new ContactDetector(1, sat, st, bounds, positions, log, 0, stepS, skipFar);
  const visible: number[] = [];
  const endMs = hours * 3.6e6;
  for (let k = 0; k * stepS * 1000 <= endMs; k++) {
    const t = k * stepS * 1000;
    const th = (GMST_RATE * t) / 1000;
    det.beginSample(t, Math.cos(th), Math.sin(th));
    state(t, pv);
    if (k % 240 === 0 && bounds.refresh(0, pv[0], pv[1], pv[2], pv[3], pv[4], pv[5])) det.refreshBounds(0);
    // As the kernel does: evaluate only from the end of the check interval on.
    const inReach = k >= det.wakeMin[0];
    sat.set([pv[0], pv[1], pv[2], pv[3], pv[4], pv[5], r]);
    if (inReach) det.check(0, k);
    visible.push(inReach ? det.visible[0] : 0);
  }
  det.finish(endMs);
  return { n, st, events: mergeEvents([log.take()]), visible };
}

describe('contact detector', () => {
  const r = 6378.135 + 550;
  it('finds overhead passes of 2λ/(n − θ̇) peaking at 90° (g > 0 in contact)', () => {
    const { n, st, events } = runDetector(r, 10, 12, true);
    const Rs = Math.hypot(st.posEcfKm[0], st.posEcfKm[1], st.posEcfKm[2]);
    const eps = 10 * DEG;
    const lambda = Math.acos((Rs * Math.cos(eps)) / r) - eps;
    const expectedMs = ((2 * lambda) / (n - GMST_RATE)) * 1000;
    expect(expectedMs / 60_000).toBeGreaterThan(7); // ≈ 7.8 min for 550 km at 10°
    expect(expectedMs / 60_000).toBeLessThan(9);
    expect(events.contactSat.length).toBeGreaterThanOrEqual(7);
    for (let k = 0; k < events.contactSat.length; k++) {
      expect(events.contactStation[k]).toBe(0); // the station at 70° N never sees an equatorial orbit at 550 km
      expect(Math.abs(events.contactEndMs[k] - events.contactStartMs[k] - expectedMs)).toBeLessThan(50);
      expect(events.contactMaxElevationDeg[k]).toBeGreaterThan(89.9);
    }
  });

  it('reports visibility bits and the same events without its check interval', () => {
    const skipping = runDetector(r, 10, 12, true);
    const every = runDetector(r, 10, 12, false);
    expect(skipping.events).toEqual(every.events);
    expect(skipping.visible).toEqual(every.visible);
    expect(new Set(skipping.visible)).toEqual(new Set([0, 1]));
  });
});
