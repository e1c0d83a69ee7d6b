/**
 * Phase A's absorbed heat on an eccentric orbit against satellite.js radii:
 * the Earth IR the kernel writes per sample follows the satellite's radius
 * through the horizontal-plate view factor in Howell's arctangent form,
 *   F = (1/π)[tan⁻¹(1/√(H²−1)) − √(H²−1)/H²],  H = r/R,
 * written out here independently of node/earth-view-factor.ts.
 */
import { describe, expect, it } from 'vitest';
import { propagate } from 'satellite.js';
import { GeometryKernel } from '../../../src/engine/run/geometry-kernel';
import { allocateChunk } from '../../../src/engine/run/chunk';
import { buildSatellites } from '../../../src/engine/input/constellation';
import { normaliseScenario } from '../../../src/engine/input/scenario';
import { runGrid } from '../../../src/engine/orbit/run-grid';
import { wasmRuntime } from '../../../src/engine/orbit/propagation';

const R = 6378.135;
const howell = (rKm: number): number => {
  const H = rKm / R;
  const q = Math.sqrt(H * H - 1);
  return (Math.atan(1 / q) - q / (H * H)) / Math.PI;
};

describe('Earth IR per sample on an eccentric orbit', () => {
  it('follows the radius from perigee (1,000 km) to apogee (39,000 km)', async () => {
    // a = (7378.135 + 45378.135)/2 = 26378.135 km, e = 38000/52756.27 = 0.72029,
    // n = √(398600.8 / 26378.135³) · 86400/2π = 2.026454 rev/day.
    const scenario = normaliseScenario({
      startUtc: '2026-06-21T00:00:00Z',
      durationHours: 12,
      stepSeconds: 60,
      constellation: {
        type: 'omm',
        records: [
          {
            OBJECT_NAME: 'HEO',
            OBJECT_ID: '2026-001A',
            EPOCH: '2026-06-20T23:00:00.000',
            MEAN_MOTION: 2.026454,
            ECCENTRICITY: 0.72029,
            INCLINATION: 63.4,
            RA_OF_ASC_NODE: 40,
            ARG_OF_PERICENTER: 270,
            MEAN_ANOMALY: 0,
            EPHEMERIS_TYPE: 0,
            CLASSIFICATION_TYPE: 'U',
            NORAD_CAT_ID: 99001,
            ELEMENT_SET_NO: 999,
            REV_AT_EPOCH: 1,
            BSTAR: 0,
            MEAN_MOTION_DOT: 0,
            MEAN_MOTION_DDOT: 0,
          },
        ],
      },
      // α = 0: no direct sun or albedo, only Earth IR = ε q_IR A F(r) = 0.9 · 237 · 60 · F(r) = 12,798 W · F(r).
      node: { radiatorAbsorptivity: 0 },
      groundStations: [],
    });
    const sats = buildSatellites(scenario).satellites;
    const grid = runGrid(scenario, 300);
    const kernel = new GeometryKernel(scenario, sats.map((s) => s.satrec), 0, grid, await wasmRuntime(), grid.K + 1);
    const out = allocateChunk(1, grid.K + 1, false);
    kernel.run(0, grid.K + 1, out);
    kernel.finish();
    kernel.dispose();
    let worstRel = 0;
    let maxW = 0;
    let minW = Number.POSITIVE_INFINITY;
    for (let k = 0; k < grid.K; k++) {
      const t = grid.startMs + k * grid.stepMs;
      const pv = propagate(sats[0].satrec, new Date(t));
      if (!pv || typeof pv.position === 'boolean') throw new Error('propagation failed');
      const p = pv.position;
      const r = Math.sqrt(p.x * p.x + p.y * p.y + p.z * p.z);
      const expected = 0.9 * 237 * 60 * howell(r);
      worstRel = Math.max(worstRel, Math.abs(out.absorbedW[k] - expected) / expected);
      maxW = Math.max(maxW, out.absorbedW[k]);
      minW = Math.min(minW, out.absorbedW[k]);
    }
    expect(worstRel).toBeLessThan(5e-4); // interpolated positions within the 0.25 km knot budget: ≈2e-4 near perigee
    // Perigee by hand: H = 7378.135/6378.135 = 1.156785, F = (1.044084 − 0.434561)/π = 0.194017 → 2483.0 W;
    // apogee: H = 7.114654, F = (0.141022 − 0.139160)/π = 0.000593 → 7.59 W (SGP4's osculating radii differ by a few km).
    expect(maxW / 2483.0).toBeGreaterThan(0.97);
    expect(maxW / 2483.0).toBeLessThan(1.03);
    expect(minW / 7.59).toBeGreaterThan(0.95);
    expect(minW / 7.59).toBeLessThan(1.05);
  });
});
