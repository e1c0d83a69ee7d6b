/**
 * Generated designs and drag: held orbits carry B* = 0; uncontrolled ones
 * (mass.stationKeeping false) carry the node's own B* = C_D · (A/m) · ρ₀ / 2
 * (SGP4 convention, ρ₀ = 0.15696615 kg/(m²·Earth radius)), so SGP4 decays them.
 */
import { describe, expect, it } from 'vitest';
import { buildSatellites } from '../../../src/engine/input/constellation';
import { normaliseScenario } from '../../../src/engine/input/scenario';
import { simulateScenario } from '../../../src/engine/run/simulation';

const design = (altitudeKm: number, stationKeeping: boolean) =>
  normaliseScenario({
    startUtc: '2026-06-21T00:00:00Z',
    durationHours: 24 * 10,
    stepSeconds: 600,
    constellation: { type: 'walker', altitudeKm, inclinationDeg: 53, planes: 1, satellitesPerPlane: 1 },
    mass: { stationKeeping },
    lifetime: { enabled: false },
  });

describe('drag of generated designs', () => {
  it('B* by hand for the default node: area 116 · 2/π + 4 = 77.847 m², 1,492.05 kg → A/m 0.052175 m²/kg, B* = 2.2 · 0.052175 · 0.15696615 / 2 = 0.0090087', () => {
    expect(buildSatellites(design(550, true)).satellites[0].satrec.bstar).toBe(0);
    expect(buildSatellites(design(550, false)).satellites[0].satrec.bstar).toBeCloseTo(0.0090087, 6);
  });

  it('an uncontrolled node at 250 km re-enters within ten days; a station-kept one stays up', async () => {
    const free = await simulateScenario(design(250, false));
    const held = await simulateScenario(design(250, true));
    expect(free.kpis.satellitesFailed).toBe(1);
    expect(free.satellites[0].status).toBe('decayed');
    expect(held.kpis.satellitesFailed).toBe(0);
  });
});
