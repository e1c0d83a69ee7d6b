import { describe, expect, it } from 'vitest';
import { orbitTrack } from '../../../src/engine/live/orbit-track';
import { buildSatellites } from '../../../src/engine/input/constellation';
import { propagateAt, satrecEpochMs } from '../../../src/engine/orbit/propagation';
import { EARTH_RADIUS_KM } from '../../../src/engine/core/constants';
import { liveScenario, T } from './live-scenario';

describe('orbit track', () => {
  it('is one orbit period of scene-frame positions centred on the time', () => {
    const rec = buildSatellites(liveScenario()).satellites[3].satrec;
    const epoch = satrecEpochMs(rec);
    const tr = orbitTrack(rec, epoch, T, 120)!;
    expect(tr.length).toBe(3 * 121);
    // Middle sample is the position at T; ends nearly meet (one period apart).
    const pv = new Float64Array(6);
    propagateAt(rec, epoch, T, pv);
    expect(tr[180]).toBeCloseTo(pv[0] / EARTH_RADIUS_KM, 5);
    expect(tr[181]).toBeCloseTo(pv[2] / EARTH_RADIUS_KM, 5);
    expect(tr[182]).toBeCloseTo(-pv[1] / EARTH_RADIUS_KM, 5);
    const gap = Math.hypot(tr[0] - tr[360], tr[1] - tr[361], tr[2] - tr[362]) * EARTH_RADIUS_KM;
    expect(gap).toBeLessThan(50);
    expect(orbitTrack(rec, epoch, T, 1)).toBeNull();
  });
});
