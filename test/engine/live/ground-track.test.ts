import { describe, expect, it } from 'vitest';
import { groundTrack } from '../../../src/engine/live/ground-track';
import { buildSatellites } from '../../../src/engine/input/constellation';
import { satrecEpochMs } from '../../../src/engine/orbit/propagation';
import { liveScenario, T } from './live-scenario';

describe('ground track', () => {
  const rec = buildSatellites(liveScenario()).satellites[3].satrec;
  const epoch = satrecEpochMs(rec);

  it('samples `periods` orbits centred on the time', () => {
    const g = groundTrack(rec, epoch, T, 400, 2)!;
    expect(g.latDeg.length).toBe(401);
    expect(g.startMs + 200 * g.stepMs).toBeCloseTo(T, 3);
    expect(g.stepMs * 400).toBeCloseTo(2 * g.periodMs, 3);
    // 550 km circular: P = 2π √(a³/μ), a = 6378.135 + 550 km, μ = 398600.8 km³/s² → 5,739 s (SGP4's mean motion within 0.5 %).
    expect(g.periodMs / 1000).toBeGreaterThan(5739 * 0.995);
    expect(g.periodMs / 1000).toBeLessThan(5739 * 1.005);
    for (const lon of g.lonDeg) expect(lon >= -180 && lon < 180).toBe(true);
    expect(groundTrack(rec, epoch, T, 1)).toBeNull();
  });

  it('reaches the inclination in geodetic latitude and shifts west by the Earth turn per orbit', () => {
    const g = groundTrack(rec, epoch, T, 1080, 3)!;
    // Highest latitude: geocentric 53° (the inclination); geodetic exceeds it by
    // ≈ e² sin(2ψ)/2 · R/(R+h) = 0.006694 · sin 106° / 2 · 6378/6928 rad = 0.170° → ≈ 53.17°.
    const maxLat = Math.max(...g.latDeg);
    const minLat = Math.min(...g.latDeg);
    expect(maxLat).toBeGreaterThan(53.0);
    expect(maxLat).toBeLessThan(53.35);
    expect(minLat).toBeLessThan(-53.0);
    expect(minLat).toBeGreaterThan(-53.35);
    // Longitudes of consecutive ascending-node crossings (linear in the sample where lat turns positive).
    const nodes: number[] = [];
    for (let k = 1; k < g.latDeg.length; k++) {
      if (g.latDeg[k - 1] < 0 && g.latDeg[k] >= 0) {
        const f = -g.latDeg[k - 1] / (g.latDeg[k] - g.latDeg[k - 1]);
        let d = g.lonDeg[k] - g.lonDeg[k - 1];
        if (d > 180) d -= 360;
        if (d < -180) d += 360;
        nodes.push(g.lonDeg[k - 1] + f * d);
      }
    }
    expect(nodes.length).toBeGreaterThanOrEqual(2);
    let shift = nodes[1] - nodes[0];
    if (shift > 180) shift -= 360;
    if (shift < -180) shift += 360;
    // Hand calculation: Δλ = −360° · P / 86,164.09 s + ΔΩ, P = 5,739 s → −23.98°;
    // nodal regression ΔΩ = −3π J2 (R/a)² cos i = −3π · 0.00108262 · (6378.135/6928.135)² · cos 53° = −0.0052 rad = −0.30°.
    // Total −24.28°; the nodal period differs from P by O(J2 (R/a)²) ≈ 0.1 % (±0.03°).
    expect(shift).toBeGreaterThan(-24.28 - 0.15);
    expect(shift).toBeLessThan(-24.28 + 0.15);
  });
});
