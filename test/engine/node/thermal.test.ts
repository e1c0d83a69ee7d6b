/**
 * Radiator model (absorbed and radiated heat) against values worked out by
 * hand and the thermal check values in docs/reference/PHYSICS.md
 * (σ = 5.670374419e-8 W m⁻² K⁻⁴, T_space = 3 K, T_space⁴ = 81 K⁴,
 * R = 6378.135 km). Temperatures over time: thermal-nodes.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { orbitNormalSunCosine, Radiator, type RadiatorParams } from '../../../src/engine/node/thermal';

const R = 6378.135;

const plate = (absorptivity: number, emissivity: number, extra: Partial<RadiatorParams> = {}): Radiator =>
  new Radiator({
    areaM2: 1,
    emissivity,
    absorptivity,
    orientation: 'edge-on',
    sunViewFactor: 1,
    earthViewFactor: 0,
    earthIrWPerM2: 237,
    albedo: 0.3,
    ...extra,
  });

/** The default node's radiator (60 m², ε 0.9, α 0.1) in a given attitude, view factors from the attitude. */
const nodeRadiator = (orientation: RadiatorParams['orientation']): Radiator =>
  new Radiator({ areaM2: 60, emissivity: 0.9, absorptivity: 0.1, orientation, earthIrWPerM2: 237, albedo: 0.3 });

describe('absorbed heat with fixed view factors', () => {
  const r = plate(0.2, 0.85, { areaM2: 2, sunViewFactor: 0.5, earthViewFactor: 0.4 });
  it('sums direct sun, albedo and Earth IR (by hand)', () => {
    // sun:    α S A F_sun · illum       = 0.2 · 1361 · 2 · 0.5 · 1       = 272.2 W
    // albedo: α a S A F_earth · dayside = 0.2 · 0.3 · 1361 · 2 · 0.4 · 0.5 = 32.664 W
    // IR:     ε q_IR A F_earth          = 0.85 · 237 · 2 · 0.4            = 161.16 W
    expect(r.absorbedW(1361, 1, 0.5, R + 550, 0)).toBeCloseTo(272.2 + 32.664 + 161.16, 9);
  });
  it('a fixed Earth view factor does not change with altitude', () => {
    expect(r.absorbedW(1361, 0, -1, R + 35786, 0)).toBeCloseTo(161.16, 9);
  });
  it('clips the night side: no albedo when the Sun is below the sub-satellite horizon', () => {
    expect(r.absorbedW(1361, 1, -0.7, R + 550, 0)).toBeCloseTo(272.2 + 161.16, 9);
    // In eclipse only Earth IR remains.
    expect(r.absorbedW(1361, 0, -0.7, R + 550, 0)).toBeCloseTo(161.16, 9);
  });
});

describe('Earth loads from altitude and attitude', () => {
  it('LEO 550 km, edge-on: Earth IR = ε q_IR A F = 0.9 · 237 · 60 · 0.257886 = 3300.4 W', () => {
    // F by hand (earth-view-factor.test.ts): (φ − sin φ cos φ)/π = (1.169649 − 0.359477)/π = 0.257886
    const r = nodeRadiator('edge-on');
    expect(r.earthViewFactor(R + 550)).toBeCloseTo(0.257886, 5);
    expect(r.absorbedW(1361, 0, -1, R + 550, 0)).toBeCloseTo(3300.4, 0);
    // Albedo below a subsolar point: α a S A F = 0.1 · 0.3 · 1361 · 60 · 0.257886 = 631.74 W (no direct sun: edge-on).
    expect(r.absorbedW(1361, 1, 1, R + 550, 0) - r.absorbedW(1361, 1, -1, R + 550, 0)).toBeCloseTo(631.74, 1);
  });
  it('GEO, edge-on: Earth IR = 0.9 · 237 · 60 · 0.000740 = 9.5 W, not the 3,199.5 W of a fixed F = 0.25', () => {
    const r = nodeRadiator('edge-on');
    const ir = r.absorbedW(1361, 0, -1, R + 35786, 0);
    expect(ir).toBeGreaterThan(9.2);
    expect(ir).toBeLessThan(9.8);
    const fixed = new Radiator({ areaM2: 60, emissivity: 0.9, absorptivity: 0.1, orientation: 'edge-on', earthViewFactor: 0.25, earthIrWPerM2: 237, albedo: 0.3 });
    expect(fixed.absorbedW(1361, 0, -1, R + 35786, 0)).toBeCloseTo(3199.5, 6);
  });
  it('GEO, nadir face: IR = 0.9 · 237 · 60 · 0.022882 = 292.9 W', () => {
    expect(nodeRadiator('nadir').absorbedW(1361, 0, -1, R + 35786, 0)).toBeCloseTo(292.9, 0);
  });
  it('eccentric orbit: the Earth load follows the radius (Molniya-like perigee 1,000 km, apogee 39,000 km)', () => {
    // Nadir face: perigee (6378.135/7378.135)² = 0.864464² = 0.747299 → 0.9 · 237 · 60 · 0.747299 = 9563.9 W;
    //             apogee  (6378.135/45378.135)² = 0.140555² = 0.019756 → 252.8 W.
    const r = nodeRadiator('nadir');
    expect(r.absorbedW(1361, 0, -1, R + 1000, 0)).toBeCloseTo(9563.9, 0);
    expect(r.absorbedW(1361, 0, -1, R + 39000, 0)).toBeCloseTo(252.8, 0);
  });
  it('zenith face sees no Earth', () => {
    expect(nodeRadiator('zenith').absorbedW(1361, 0, 1, R + 550, 0)).toBe(0);
  });
});

describe('sun loading from attitude', () => {
  // Direct sun alone: α S A = 0.1 · 1361 · 60 = 8166 W at F_sun = 1; take the Earth far away (r = 1e9 km).
  const far = 1e9;
  it('edge-on (yaw-steered) radiators see no direct sun', () => {
    expect(nodeRadiator('edge-on').absorbedW(1361, 1, 0.3, far, 0.8)).toBeCloseTo(0, 6);
  });
  it('orbit-normal panel: one face lit at cos = |sin β|, averaged over both faces: F = |sin β|/2', () => {
    // β = 30°: 8166 · 0.5 / 2 = 2041.5 W; sign of β does not matter.
    expect(nodeRadiator('orbit-normal').absorbedW(1361, 1, 0.3, far, 0.5)).toBeCloseTo(2041.5, 3);
    expect(nodeRadiator('orbit-normal').absorbedW(1361, 1, 0.3, far, -0.5)).toBeCloseTo(2041.5, 3);
    expect(nodeRadiator('orbit-normal').absorbedW(1361, 0, 0.3, far, -0.5)).toBeCloseTo(0, 6); // eclipse
  });
  it('nadir face lit only beyond the terminator, zenith face by the cosine of the Sun zenith angle', () => {
    // r̂ · ŝ = −0.2: nadir face cos = 0.2 → 1633.2 W; zenith face dark.
    expect(nodeRadiator('nadir').absorbedW(1361, 1, -0.2, far, 0)).toBeCloseTo(1633.2, 3);
    expect(nodeRadiator('zenith').absorbedW(1361, 1, -0.2, far, 0)).toBeCloseTo(0, 6);
    // r̂ · ŝ = 0.6: zenith face 4899.6 W (+ no Earth at r = far… within 1e-6 W).
    expect(nodeRadiator('zenith').absorbedW(1361, 1, 0.6, far, 0)).toBeCloseTo(4899.6, 3);
  });
  it('a fixed sun view factor replaces the attitude', () => {
    const r = new Radiator({ areaM2: 60, emissivity: 0.9, absorptivity: 0.1, orientation: 'edge-on', sunViewFactor: 0.1, earthIrWPerM2: 237, albedo: 0.3 });
    expect(r.absorbedW(1361, 1, 0, far, 0)).toBeCloseTo(816.6, 3);
    expect(r.needsOrbitNormal).toBe(false);
    expect(nodeRadiator('orbit-normal').needsOrbitNormal).toBe(true);
  });
  it('ĥ · ŝ from position and velocity: r = 7000 x̂ km, v = 7.5 ŷ km/s → ĥ = ẑ', () => {
    expect(orbitNormalSunCosine(7000, 0, 0, 0, 7.5, 0, 0, 0.6, 0.8)).toBeCloseTo(0.8, 12);
    expect(orbitNormalSunCosine(7000, 0, 0, 0, 7.5, 0, 1, 0, 0)).toBeCloseTo(0, 12);
    // Retrograde motion flips the normal.
    expect(orbitNormalSunCosine(7000, 0, 0, 0, -7.5, 0, 0, 0, 2)).toBeCloseTo(-1, 12);
  });
});

describe('radiated power', () => {
  it('ε = 0.85 at 293.15 K (20 °C) rejects 356 W/m² per face (PHYSICS.md)', () => {
    // 0.85 · 5.670374e-8 · (293.15⁴ − 81) = 0.85 · 5.670374e-8 · 7.38509e9 = 355.95 W
    expect(plate(0.2, 0.85).radiatedW(293.15)).toBeCloseTo(355.95, 2);
  });
  it('is zero at T_space and negative below it', () => {
    const r = plate(0.2, 0.85);
    expect(r.radiatedW(3)).toBe(0);
    expect(r.radiatedW(2)).toBeLessThan(0);
  });
  it('reproduces the white-paper radiator balance (ε 0.92, α 0.09, F_earth 0.25, albedo 0.30, S 1366, 20 °C)', () => {
    // Both faces emit: 2 · 0.92 · σ · 293.15⁴ = 770.5 W per m² of radiator.
    expect(plate(0.09, 0.92, { areaM2: 2 }).radiatedW(293.15)).toBeCloseTo(770.5, 0);
    // One face sunlit: α S = 0.09 · 1366 = 122.94 W/m².
    expect(plate(0.09, 0.92).absorbedW(1366, 1, 0, R + 550, 0)).toBeCloseTo(122.94, 6);
    // Earth load: the paper absorbs albedo and IR with α (9.2 + 5.3 = 14.5 W/m²);
    // we absorb IR with ε (Kirchhoff): 0.09 · 0.3 · 1366 · 0.25 + 0.92 · 237 · 0.25 = 9.2205 + 54.51.
    const earth = plate(0.09, 0.92, { sunViewFactor: 0, earthViewFactor: 0.25 });
    expect(earth.absorbedW(1366, 0, 1, R + 550, 0)).toBeCloseTo(9.2205 + 54.51, 6);
    expect(Math.abs(0.09 * 0.3 * 1366 * 0.25 + 0.09 * 237 * 0.25 - 14.5)).toBeLessThan(0.1);
  });
});

describe('equilibrium', () => {
  it.each([
    ['α/ε = 1', 0.9, 0.9, 393.6],
    ['white paint', 0.2, 0.85, 274.1],
    ['optical solar reflector', 0.08, 0.8, 221.3],
    ['black paint', 0.95, 0.87, 402.4],
  ])('sun at normal incidence, one face, no internal heat, %s (PHYSICS.md)', (_name, a, e, expectedK) => {
    const r = plate(a, e);
    expect(r.equilibriumTemperatureK(r.absorbedW(1361, 1, 0, R + 550, 0))).toBeCloseTo(expectedK, 0);
  });
  it('T = (Q/(εσA) + Ts⁴)^¼ for internal heat (by hand: 1000 W, ε 0.9, 1 m² → 374.14 K)', () => {
    // Q/(εσA) = 1000 / (0.9 · 5.670374e-8) = 1.959504e10 K⁴; + 81; √ = 139982.3; √ = 374.142 K
    const r = plate(0, 0.9, { sunViewFactor: 0 });
    expect(r.equilibriumTemperatureK(1000)).toBeCloseTo(374.142, 3);
    expect(r.radiatedW(374.142)).toBeCloseTo(1000, 0);
  });
});
