/**
 * Phase A against satellite.js directly: illumination = 1 − shadowFraction at
 * the SGP4 position, array power P = A η S (1 − shadow) for a Sun-tracking
 * array, station visibility = elevation above the mask (ecfToLookAngles);
 * and the classification of SGP4 failures.
 */
import { effectiveArrayEfficiency } from '../../../src/engine/node/solar-array';
import { describe, expect, it } from 'vitest';
import { ecfToLookAngles, eciToEcf, gstime, propagate, shadowFraction, sunPos } from 'satellite.js';
import { failureStatus, GeometryKernel } from '../../../src/engine/run/geometry-kernel';
import { allocateChunk } from '../../../src/engine/run/chunk';
import { SAT_DECAYED, SAT_ERROR } from '../../../src/engine/run/status';
import { buildSatellites } from '../../../src/engine/input/constellation';
import { normaliseScenario } from '../../../src/engine/input/scenario';
import { runGrid } from '../../../src/engine/orbit/run-grid';
import { wasmRuntime } from '../../../src/engine/orbit/propagation';
import { julianDateFromMs } from '../../../src/engine/core/time';

describe('failure classification', () => {
  it('decay for error 6, or eccentricity errors under drag below 500 km; otherwise an error', () => {
    expect(failureStatus(6, 0, 800)).toBe(SAT_DECAYED);
    expect(failureStatus(1, 1e-4, 300)).toBe(SAT_DECAYED);
    expect(failureStatus(3, 1e-4, 499)).toBe(SAT_DECAYED);
    expect(failureStatus(1, 1e-4, 600)).toBe(SAT_ERROR);
    expect(failureStatus(1, 0, 300)).toBe(SAT_ERROR);
    expect(failureStatus(2, 1e-4, 300)).toBe(SAT_ERROR);
  });
});

describe('phase A outputs', () => {
  it('match satellite.js shadow, power and look angles sample by sample', async () => {
    const scenario = normaliseScenario({
      startUtc: '2026-03-20T00:00:00Z',
      durationHours: 6,
      stepSeconds: 30,
      constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 2, satellitesPerPlane: 2 },
      groundStations: [{ name: 'Wallops', latitudeDeg: 37.94, longitudeDeg: -75.46, downlinkGbps: 10, minElevationDeg: 10 }],
    });
    const sats = buildSatellites(scenario).satellites;
    const grid = runGrid(scenario, 300);
    const N = sats.length;
    const kernel = new GeometryKernel(scenario, sats.map((s) => s.satrec), 0, grid, await wasmRuntime(), grid.K + 1);
    const out = allocateChunk(N, grid.K + 1, false);
    kernel.run(0, grid.K + 1, out);
    kernel.finish();
    kernel.dispose();
    const node = scenario.node;
    const station = { latitude: (37.94 * Math.PI) / 180, longitude: (-75.46 * Math.PI) / 180, height: 0 };
    let lit = 0;
    let seen = 0;
    let worstIllum = 0;
    let worstPowerW = 0;
    let visWrong = 0;
    for (let k = 0; k < grid.K; k++) {
      const t = grid.startMs + k * grid.stepMs;
      const sun = sunPos(julianDateFromMs(t)).rsun;
      const flux = 1361 / (sun.x ** 2 + sun.y ** 2 + sun.z ** 2);
      for (let i = 0; i < N; i++) {
        const c = k * N + i;
        const pv = propagate(sats[i].satrec, new Date(t));
        if (!pv || typeof pv.position === 'boolean') throw new Error('propagation failed');
        const illum = 1 - shadowFraction(sun, pv.position);
        expect(out.active[c]).toBe(1);
        worstIllum = Math.max(worstIllum, Math.abs(out.illum[c] - illum));
        if (node.arrayPointing !== 'body-fixed') worstPowerW = Math.max(worstPowerW, Math.abs(out.solarW[c] - node.solarArrayAreaM2 * effectiveArrayEfficiency(node) * flux * out.illum[c]));
        if (out.illum[c] === 1) lit++;
        const look = ecfToLookAngles(station, eciToEcf(pv.position, gstime(new Date(t))));
        const elDeg = (look.elevation * 180) / Math.PI;
        // Off by interpolation (metres) only right at the mask.
        if (Math.abs(elDeg - 10) > 0.05 && (out.visLo[c] & 1) !== (elDeg >= 10 ? 1 : 0)) visWrong++;
        if (out.visLo[c] & 1) seen++;
      }
    }
    expect(worstIllum).toBeLessThan(0.01); // penumbra samples: positions from knots within metres
    expect(worstPowerW).toBeLessThan(1e-6 * node.solarArrayAreaM2 * 1400);
    expect(visWrong).toBe(0);
    expect(lit).toBeGreaterThan(0.5 * N * grid.K);
    expect(seen).toBeGreaterThan(0);
  });
});
