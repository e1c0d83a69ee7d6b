/**
 * Node mass model against a hand calculation of the default node
 * (docs/reference/ECONOMICS.md "Mass" rows; economics-schema.ts defaults).
 */
import { describe, expect, it } from 'vitest';
import { normaliseScenario } from '../../../src/engine/input/scenario';
import { dragAreaM2, nodeMass } from '../../../src/engine/cost/node-mass';

const base = { startUtc: '2026-06-21T00:00:00Z', durationHours: 1, constellation: { type: 'walker' as const, altitudeKm: 550, inclinationDeg: 53, planes: 1, satellitesPerPlane: 1 } };

describe('node mass', () => {
  it('default node by hand: 183.0 + 420 + 160 + 256 + 100 kg over (1 − 0.25) = 1,492.05 kg dry', () => {
    // Array: 116 m² · 0.22 · 0.9 · 0.97 · (1 − 0.0035 · 27) · 1361 W/m² = 27,456 W at 150 W/kg → 183.04 kg;
    // radiator 60 m² · 7 kg/m² = 420; battery 20 kWh / 125 Wh/kg = 160; compute 20 kW · 12.8 kg/kW = 256; fixed 100.
    const m = nodeMass(normaliseScenario(base), 0);
    expect(m.arrayKg).toBeCloseTo(183.04, 1);
    expect(m.radiatorKg).toBe(420);
    expect(m.batteryKg).toBe(160);
    expect(m.computeKg).toBe(256);
    expect(m.dryKg).toBeCloseTo(1492.05, 1);
    expect(m.propellantKg).toBe(0);
  });

  it('propellant by the rocket equation: 1 km/s at I_sp 2,500 s → wet = dry / exp(−1000/24516.6) = 1,554.2 kg', () => {
    const m = nodeMass(normaliseScenario(base), 1000);
    expect(m.totalKg).toBeCloseTo(1554.17, 1);
    expect(m.dryKg).toBeCloseTo(1492.05, 1);
  });

  it('node.massKg replaces the total; the drag area follows the array attitude (2/π sun-tracking, 1 face-on, 0 edge-on)', () => {
    expect(nodeMass(normaliseScenario({ ...base, node: { massKg: 575 } }), 0).totalKg).toBe(575);
    expect(dragAreaM2(normaliseScenario(base))).toBeCloseTo(116 * (2 / Math.PI) + 4, 6);
    expect(dragAreaM2(normaliseScenario({ ...base, mass: { arrayDragAttitude: 'face-on' } }))).toBe(120);
    expect(dragAreaM2(normaliseScenario({ ...base, mass: { arrayDragAttitude: 'edge-on' } }))).toBe(4);
  });
});
