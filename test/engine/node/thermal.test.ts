/**
 * Radiator model against values worked out by hand and the thermal check
 * values in shared/reference/PHYSICS.md (σ = 5.670374419e-8 W m⁻² K⁻⁴,
 * T_space = 3 K, T_space⁴ = 81 K⁴).
 */
import { describe, expect, it } from 'vitest';
import { Radiator, type RadiatorParams } from '../../../src/engine/node/thermal';

const plate = (absorptivity: number, emissivity: number, extra: Partial<RadiatorParams> = {}): Radiator =>
  new Radiator({
    areaM2: 1,
    emissivity,
    absorptivity,
    sunViewFactor: 1,
    earthViewFactor: 0,
    heatCapacityJPerK: 5e4,
    earthIrWPerM2: 237,
    albedo: 0.3,
    ...extra,
  });

/** Integrates to steady state with large steps (the step is stable for any dt). */
function settle(r: Radiator, heatW: number, T0 = 300): number {
  let T = T0;
  for (let i = 0; i < 2000; i++) T = r.stepTemperatureK(T, heatW, 600, r.radiatedW(T));
  return T;
}

describe('absorbed heat', () => {
  const r = plate(0.2, 0.85, { areaM2: 2, sunViewFactor: 0.5, earthViewFactor: 0.4 });
  it('sums direct sun, albedo and Earth IR (by hand)', () => {
    // sun:    α S A F_sun · illum       = 0.2 · 1361 · 2 · 0.5 · 1       = 272.2 W
    // albedo: α a S A F_earth · dayside = 0.2 · 0.3 · 1361 · 2 · 0.4 · 0.5 = 32.664 W
    // IR:     ε q_IR A F_earth          = 0.85 · 237 · 2 · 0.4            = 161.16 W
    expect(r.absorbedW(1361, 1, 0.5)).toBeCloseTo(272.2 + 32.664 + 161.16, 9);
  });
  it('clips the night side: no albedo when the Sun is below the sub-satellite horizon', () => {
    expect(r.absorbedW(1361, 1, -0.7)).toBeCloseTo(272.2 + 161.16, 9);
    // In eclipse only Earth IR remains.
    expect(r.absorbedW(1361, 0, -0.7)).toBeCloseTo(161.16, 9);
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
    expect(plate(0.09, 0.92).absorbedW(1366, 1, 0)).toBeCloseTo(122.94, 6);
    // Earth load: the paper absorbs albedo and IR with α (9.2 + 5.3 = 14.5 W/m²);
    // we absorb IR with ε (Kirchhoff): 0.09 · 0.3 · 1366 · 0.25 + 0.92 · 237 · 0.25 = 9.2205 + 54.51.
    const earth = plate(0.09, 0.92, { sunViewFactor: 0, earthViewFactor: 0.25 });
    expect(earth.absorbedW(1366, 0, 1)).toBeCloseTo(9.2205 + 54.51, 6);
    expect(Math.abs(0.09 * 0.3 * 1366 * 0.25 + 0.09 * 237 * 0.25 - 14.5)).toBeLessThan(0.1);
  });
});

describe('equilibrium', () => {
  it.each([
    ['α/ε = 1', 0.9, 0.9, 393.6],
    ['white paint', 0.2, 0.85, 274.1],
    ['optical solar reflector', 0.08, 0.8, 221.3],
    ['black paint', 0.95, 0.87, 402.4],
  ])('sun at normal incidence, one face, no internal heat, %s → %f K (PHYSICS.md)', (_name, a, e, expectedK) => {
    const r = plate(a, e);
    const q = r.absorbedW(1361, 1, 0);
    expect(r.equilibriumTemperatureK(q)).toBeCloseTo(expectedK, 0);
    expect(settle(r, q)).toBeCloseTo(expectedK, 0);
  });
  it('T = (Q/(εσA) + Ts⁴)^¼ for internal heat (by hand: 1000 W, ε 0.9, 1 m² → 374.14 K)', () => {
    // Q/(εσA) = 1000 / (0.9 · 5.670374e-8) = 1.959504e10 K⁴; + 81; √ = 139982.3; √ = 374.142 K
    const r = plate(0, 0.9, { sunViewFactor: 0 });
    expect(r.equilibriumTemperatureK(1000)).toBeCloseTo(374.142, 3);
    expect(r.radiatedW(374.142)).toBeCloseTo(1000, 0);
    expect(settle(r, 1000, 200)).toBeCloseTo(374.142, 3);
    expect(settle(r, 1000, 500)).toBeCloseTo(374.142, 3);
  });
});

describe('temperature step', () => {
  // ε 0.9, A 1 m², C 1e5 J/K, Q 1000 W: T_eq = 374.142 K;
  // linearised k = 4εσA T_eq³ = 4 · 0.9 · 5.670374e-8 · 374.142³ = 10.691 W/K; τ = C/k = 9353.5 s.
  const r = plate(0, 0.9, { sunViewFactor: 0, heatCapacityJPerK: 1e5 });
  const Teq = 374.14197886784973;
  const tau = 9353.549;
  it('relaxes like the analytic first-order solution δ(t) = δ₀ e^(−t/τ) near equilibrium', () => {
    const dt = 10;
    let T = Teq + 1;
    for (let t = 0; t < tau; t += dt) T = r.stepTemperatureK(T, 1000, dt, r.radiatedW(T));
    // After ≈ τ: δ = e^(−1) = 0.3679 K (backward Euler error ≈ dt/(2τ) relative; the 1 K offset adds < 1 %).
    expect(T - Teq).toBeCloseTo(Math.exp(-(Math.ceil(tau / dt) * dt) / tau), 2);
  });
  it('a single small step moves T by dt·(Q − εσA(T⁴ − Ts⁴))/(C + dt·4εσA T³)', () => {
    // From 300 K with 1000 W for 1 s: radiated 0.9 · σ · (300⁴ − 81) = 413.37 W; k = 4 · 0.9 · σ · 300³ = 5.5116 W/K;
    // ΔT = (1000 − 413.37) / (1e5 + 5.5116) = 586.63 / 100005.51 = 5.86597e-3 K.
    expect(r.stepTemperatureK(300, 1000, 1, r.radiatedW(300)) - 300).toBeCloseTo(5.86597e-3, 8);
  });
  it('never crosses the equilibrium, even with a step much longer than τ', () => {
    // From below, the tangent overshoots; the step stops at T_eq.
    for (const T0 of [50, 200, 370]) expect(r.stepTemperatureK(T0, 1000, 1e7, r.radiatedW(T0))).toBeCloseTo(Teq, 9);
    // From above, the tangent under-cools (T⁴ is convex): 600 + (1000 − 6613.9)/44.093 = 472.68 K, still above T_eq.
    const T1 = r.stepTemperatureK(600, 1000, 1e7, r.radiatedW(600));
    expect(T1).toBeCloseTo(472.68, 1);
    expect(r.stepTemperatureK(2000, 1000, 1e7, r.radiatedW(2000))).toBeGreaterThan(Teq);
  });
  it('cools towards T_space without heat and never below it', () => {
    let T = 300;
    for (let i = 0; i < 200; i++) {
      const next = r.stepTemperatureK(T, 0, 1e6, r.radiatedW(T));
      expect(next).toBeLessThanOrEqual(T);
      expect(next).toBeGreaterThanOrEqual(3);
      T = next;
    }
    expect(T).toBeLessThan(20); // T³ shrinks, so the approach to 3 K slows
  });
});

describe('heat limit', () => {
  const r = plate(0.2, 0.9, { areaM2: 10, heatCapacityJPerK: 2e6 });
  it('at T_max is the heat whose equilibrium is T_max (by hand: ε 0.9, 10 m², 320 K, 1000 W absorbed → 4351.24 W)', () => {
    // radiated(320 K) = 0.9 · σ · 10 · (320⁴ − 81) = 5.1033e-7 · 1.048576e10 = 5351.24 W
    const rMax = r.radiatedW(320);
    expect(rMax).toBeCloseTo(5351.24, 2);
    expect(r.maxInternalHeatW(320, 1000, 320, 60, rMax, rMax)).toBeCloseTo(4351.24, 2);
  });
  it('is the inverse of one step: that heat lands exactly on T_max', () => {
    const Tmax = 318.15;
    for (const [T, absorbed, dt] of [[290, 500, 60], [310, 0, 10], [250, 3000, 600], [317, 200, 1]]) {
      const q = r.maxInternalHeatW(T, absorbed, Tmax, dt, r.radiatedW(T), r.radiatedW(Tmax));
      expect(r.stepTemperatureK(T, q + absorbed, dt, r.radiatedW(T))).toBeCloseTo(Tmax, 9);
      // A little more heat overshoots.
      expect(r.stepTemperatureK(T, q + absorbed + 1, dt, r.radiatedW(T))).toBeGreaterThan(Tmax);
    }
  });
  it('allows more than the one-step inverse when the step would only approach T_max from below', () => {
    // From far below with a long step, the limiter stops at equilibrium: the steady heat is safe.
    const q = r.maxInternalHeatW(200, 0, 320, 1e6, r.radiatedW(200), r.radiatedW(320));
    expect(q).toBeCloseTo(r.radiatedW(320), 6);
    expect(r.stepTemperatureK(200, q, 1e6, r.radiatedW(200))).toBeLessThanOrEqual(320 + 1e-9);
  });
});
