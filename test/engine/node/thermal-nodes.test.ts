/**
 * Two-node thermal model (accelerator junction + radiator) against hand
 * values, the analytic first-order response, an independent fine-step RK4
 * integration of the same ODEs, and energy bookkeeping.
 * Default node numbers: radiator 60 m², ε 0.9 → εσA = 0.9 · 5.670374419e-8 · 60
 * = 3.062002e-6 W/K⁴; C_r = 2e6 J/K; C_j = 2e5 J/K; G = 20,000 W / 30 K = 666.667 W/K.
 */
import { describe, expect, it } from 'vitest';
import { Radiator } from '../../../src/engine/node/thermal';
import { ThermalNodes, type ThermalNodesOut } from '../../../src/engine/node/thermal-nodes';

const SIGMA = 5.670374419e-8;
const EPS_SIGMA_A = 0.9 * SIGMA * 60;
const radiator = new Radiator({ areaM2: 60, emissivity: 0.9, absorptivity: 0.1, orientation: 'edge-on', earthIrWPerM2: 237, albedo: 0.3 });
const nodes = (cr = 2e6, cj = 2e5, g = 20000 / 30): ThermalNodes =>
  new ThermalNodes(radiator, { radiatorHeatCapacityJPerK: cr, junctionHeatCapacityJPerK: cj, conductanceWPerK: g });
const radiated = (tK: number): number => EPS_SIGMA_A * (tK ** 4 - 81);

function settle(m: ThermalNodes, pj: number, qr: number, dtS: number, steps: number, tj0: number, tr0: number): ThermalNodesOut {
  const o = { junctionK: tj0, radiatorK: tr0 };
  for (let k = 0; k < steps; k++) m.step(o.junctionK, o.radiatorK, pj, qr, dtS, o);
  return o;
}

describe('steady state', () => {
  // P_j = 20 kW at the junction, Q_r = 2 kW at the radiator node:
  // T_r = (22000 / 3.062002e-6 + 81)^¼ = (7.18484e9)^¼ = 291.1416 K; T_j = T_r + P_j/G = 291.1416 + 30 = 321.1416 K.
  const Tr = 291.1416220764556;
  it.each([
    [60, 20000, 250, 250],
    [600, 3000, 250, 250],
    [3600, 600, 450, 500],
  ])('dt %i s × %i steps from (T_j, T_r) = (%i, %i) K reaches T_r = 291.142 K, T_j = T_r + P/G = 321.142 K', (dt, steps, tj, tr) => {
    const o = settle(nodes(), 20000, 2000, dt, steps, tj, tr);
    expect(o.radiatorK).toBeCloseTo(Tr, 6);
    expect(o.junctionK).toBeCloseTo(Tr + 30, 6);
  });
  it('is a fixed point of the step for any dt', () => {
    for (const dt of [1, 10, 60, 600, 3600]) {
      const o = nodes().step(Tr + 30, Tr, 20000, 2000, dt, { junctionK: 0, radiatorK: 0 });
      expect(o.radiatorK).toBeCloseTo(Tr, 9);
      expect(o.junctionK).toBeCloseTo(Tr + 30, 9);
    }
  });
});

describe('junction response', () => {
  it('follows the exact first-order response against a fixed radiator: T_j(300 s) = 300 + 30 (1 − e⁻¹) = 318.964 K', () => {
    // C_r = 1e15 J/K holds the radiator at 300 K; τ = C_j/G = 2e5 / 666.667 = 300 s; P/G = 30 K.
    const m = nodes(1e15);
    const one = m.step(300, 300, 20000, 0, 300, { junctionK: 0, radiatorK: 0 });
    expect(one.junctionK).toBeCloseTo(318.9636, 3);
    const five = settle(m, 20000, 0, 60, 5, 300, 300);
    expect(five.junctionK).toBeCloseTo(318.9636, 3);
  });
  it.each([
    [10, 0.03],
    [60, 0.2],
  ])('agrees with a fine-step RK4 integration of both ODEs over orbit-like cycles (dt %i s: within %f K)', (dt, tolK) => {
    // Inputs: 60 min "day" (P_j 20 kW, Q_r 2 kW + 3.3 kW absorbed), 36 min "night" (P_j 8 kW, Q_r 2 kW), 3 cycles.
    // The junction swings ≈25 K and the radiator ≈9 K; the bound is under 1 % of the junction's swing (first order in dt).
    const input = (tS: number): [number, number] => (tS % 5760 < 3600 ? [20000, 5300] : [8000, 2000]);
    const cr = 2e6;
    const cj = 2e5;
    const G = 20000 / 30;
    // Reference: RK4 at 1 s.
    let tj = 300;
    let tr = 280;
    const ref: Array<[number, number]> = [];
    const f = (j: number, r: number, p: number, q: number): [number, number] => [(p - G * (j - r)) / cj, (q + G * (j - r) - radiated(r)) / cr];
    for (let t = 0; t < 3 * 5760; t++) {
      const [p, q] = input(t);
      const k1 = f(tj, tr, p, q);
      const k2 = f(tj + 0.5 * k1[0], tr + 0.5 * k1[1], p, q);
      const k3 = f(tj + 0.5 * k2[0], tr + 0.5 * k2[1], p, q);
      const k4 = f(tj + k3[0], tr + k3[1], p, q);
      tj += (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]) / 6;
      tr += (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]) / 6;
      ref.push([tj, tr]);
    }
    const m = nodes(cr, cj, G);
    const o = { junctionK: 300, radiatorK: 280 };
    let worstJ = 0;
    let worstR = 0;
    for (let t = 0; t + dt <= ref.length; t += dt) {
      const [p, q] = input(t);
      m.step(o.junctionK, o.radiatorK, p, q, dt, o);
      worstJ = Math.max(worstJ, Math.abs(o.junctionK - ref[t + dt - 1][0]));
      worstR = Math.max(worstR, Math.abs(o.radiatorK - ref[t + dt - 1][1]));
    }
    expect(worstJ).toBeLessThan(tolK);
    expect(worstR).toBeLessThan(tolK);
    const tjs = ref.map((x) => x[0]);
    expect(Math.max(...tjs) - Math.min(...tjs)).toBeGreaterThan(20);
  });
});

describe('stability and bookkeeping', () => {
  it('3,600 s steps from 3 K under full heat approach the steady state monotonically, never past it', () => {
    const m = nodes();
    const o = { junctionK: 3, radiatorK: 3 };
    let lastR = 3;
    let lastJ = 3;
    for (let k = 0; k < 200; k++) {
      m.step(o.junctionK, o.radiatorK, 20000, 2000, 3600, o);
      expect(o.radiatorK).toBeGreaterThanOrEqual(lastR - 1e-9);
      expect(o.radiatorK).toBeLessThanOrEqual(291.1416220764556 + 1e-9);
      expect(o.junctionK).toBeLessThanOrEqual(321.1416220764556 + 1e-9);
      expect(o.junctionK).toBeGreaterThanOrEqual(lastJ - 1e-9);
      lastR = o.radiatorK;
      lastJ = o.junctionK;
    }
    expect(o.radiatorK).toBeCloseTo(291.1416220764556, 6);
  });
  it('cools towards T_space without heat and never below it', () => {
    const o = settle(nodes(), 0, 0, 3600, 2000, 400, 300);
    expect(o.radiatorK).toBeGreaterThanOrEqual(3);
    expect(o.radiatorK).toBeLessThan(40);
    expect(o.junctionK).toBeGreaterThanOrEqual(o.radiatorK - 1e-9);
  });
  it.each([10, 60, 600, 3600])('heat in = radiated + stored over a 3-day run at dt = %i s (to 1e-9)', (dt) => {
    // Per step the model conserves: dt (P_j + Q_r) = dt εσA (T_r1⁴ − Ts⁴) + C_j ΔT_j + C_r ΔT_r.
    const m = nodes();
    const o = { junctionK: 293.15, radiatorK: 293.15 };
    let heatInJ = 0;
    let radiatedJ = 0;
    for (let t = 0; t < 3 * 86400; t += dt) {
      const day = t % 5760 < 3600;
      const pj = day ? 20000 : 6000;
      const qr = 2000 + (day ? 3300 + 600 : 3300) + 150; // bus + Earth IR (+ albedo) + battery losses
      m.step(o.junctionK, o.radiatorK, pj, qr, dt, o);
      heatInJ += (pj + qr) * dt;
      radiatedJ += radiated(o.radiatorK) * dt;
    }
    const storedJ = 2e5 * (o.junctionK - 293.15) + 2e6 * (o.radiatorK - 293.15);
    expect(Math.abs(heatInJ - radiatedJ - storedJ) / heatInJ).toBeLessThan(1e-9);
  });
});

describe('heat limit', () => {
  // Steady state at T_r = 300 K: radiated = 3.062002e-6 · (300⁴ − 81) = 3.062002e-6 · 8.1e9 = 24,802.22 W;
  // with Q_r = 2 kW that is P_j = 22,802.22 W; G = 22,802.22 / 30 = 760.074 W/K puts the junction at 330 K.
  const G = 760.0739153561275;
  const P = 22802.217460683823;
  it('binds at the junction limit: from the steady state with T_j,max = 330 K the limit is P_j = 22,802.2 W (any dt)', () => {
    const m = nodes(2e6, 2e5, G);
    for (const dt of [1, 60, 600, 3600]) expect(m.maxComputeHeatW(330, 300, 2000, dt, 330, 350, radiator.radiatedW(350))).toBeCloseTo(P, 4);
  });
  it('binds at the radiator node limit through the mixed temperature: T_r,max = (2e6 · 300 + 2e5 · 330)/2.2e6 = 302.727 K → 22,802.2 W', () => {
    // Landing the radiator itself on 302.727 K would leave the junction hotter than the radiator can
    // take once compute stops, so the limit keeps the mix (C_r T_r + C_j T_j)/(C_r + C_j) ≤ T_r,max:
    // at the steady state above that mix is exactly 302.727 K, so the steady P_j is the limit.
    const m = nodes(2e6, 2e5, G);
    const tmax = (2e6 * 300 + 2e5 * 330) / 2.2e6;
    for (const dt of [1, 60, 600, 3600]) expect(m.maxComputeHeatW(330, 300, 2000, dt, 500, tmax, radiator.radiatedW(tmax))).toBeCloseTo(P, 3);
  });
  /** Runs at the limit from 20 °C, stops compute at step `stopAt`; the radiator node's peak (K). */
  function peakAfterStop(limit: (o: ThermalNodesOut) => number, stopAt: number): { peak: number; peakOn: number } {
    const m = nodes();
    const o = { junctionK: 293.15, radiatorK: 293.15 };
    let peakOn = 0;
    let peak = 0;
    for (let k = 0; k < stopAt + 120; k++) {
      const q = k < stopAt ? Math.max(0, Math.min(40000, limit(o))) : 0;
      m.step(o.junctionK, o.radiatorK, q, 2000, 60, o);
      peak = Math.max(peak, o.radiatorK);
      if (k < stopAt) peakOn = peak;
    }
    return { peak, peakOn };
  }
  it('keeps the radiator node within its limit after compute stops, also while warming up', () => {
    const tmax = 313.15;
    const m = nodes();
    const model = (o: ThermalNodesOut): number => m.maxComputeHeatW(o.junctionK, o.radiatorK, 2000, 60, 400, tmax, radiator.radiatedW(tmax));
    // A rule that only looks at the end of the step (bisection on the step itself) overshoots after a stop
    // during warm-up: the heat the junction holds (C_j · ΔT ≈ 2e5 · 60 K = 12 MJ) still flows into the radiator.
    const probe = nodes();
    const endOfStepOnly = (o: ThermalNodesOut): number => {
      let lo = 0;
      let hi = 40000;
      for (let k = 0; k < 60; k++) {
        const mid = 0.5 * (lo + hi);
        const e = probe.step(o.junctionK, o.radiatorK, mid, 2000, 60, { junctionK: 0, radiatorK: 0 });
        if (e.radiatorK > tmax || e.junctionK > 400) hi = mid;
        else lo = mid;
      }
      return lo;
    };
    let worstNaive = 0;
    for (const stopAt of [30, 40, 45, 50, 60, 300]) {
      const { peak } = peakAfterStop(model, stopAt);
      expect(peak).toBeLessThanOrEqual(tmax + 1e-9);
      worstNaive = Math.max(worstNaive, peakAfterStop(endOfStepOnly, stopAt).peak - tmax);
    }
    expect(worstNaive).toBeGreaterThan(0.02); // ≈0.07 K here; 0.66 K with a 20 m² radiator in LEO (simulation.test.ts)
  });
  it('is not conservative at a steady state on the radiator limit: T_r,max = 300 K from (330, 300) K → 22,802.2 W', () => {
    // Stopping compute there cools the radiator (it radiates 24.8 kW, receives 2 kW + the junction's decaying 22.8 kW).
    const m = nodes(2e6, 2e5, G);
    for (const dt of [1, 60, 600, 3600]) expect(m.maxComputeHeatW(330, 300, 2000, dt, 500, 300, radiator.radiatedW(300))).toBeCloseTo(P, 3);
  });
  it('against a fixed radiator (C_r = 1e15) and a light junction: G (T_j,max − T_r) = 666.667 · 50 = 33,333.3 W', () => {
    const m = nodes(1e15, 1, 20000 / 30);
    expect(m.maxComputeHeatW(318.15, 318.15, 0, 60, 368.15, 400, radiator.radiatedW(400))).toBeCloseTo(33333.33, 1);
  });
  it('skips the solve only where the demanded heat cannot bind (+∞ then; the exact limit is above the demand)', () => {
    const m = nodes();
    let skipped = 0;
    for (const [tj, tr, qr, dt] of [[300, 280, 3000, 60], [340, 300, 5000, 10], [360, 316, 3000, 60], [320, 300, 2000, 3600], [330, 310, 4000, 600]]) {
      const exact = m.maxComputeHeatW(tj, tr, qr, dt, 368.15, 318.15, radiator.radiatedW(318.15));
      const fast = m.maxComputeHeatW(tj, tr, qr, dt, 368.15, 318.15, radiator.radiatedW(318.15), 20000);
      if (fast === Number.POSITIVE_INFINITY) {
        skipped++;
        expect(exact).toBeGreaterThanOrEqual(20000);
      } else expect(fast).toBe(exact);
    }
    expect(skipped).toBeGreaterThan(0);
    expect(skipped).toBeLessThan(5);
  });
  it('lands exactly on the binding limit; 1 W more exceeds it', () => {
    const m = nodes();
    const cases: Array<[number, number, number, number, number, number]> = [
      // T_j0, T_r0, Q_r, dt, T_j,max, T_r,max
      [330, 300, 2000, 60, 368.15, 318.15],
      [300, 290, 5000, 10, 368.15, 400],
      [360, 315, 1000, 600, 368.15, 318.15],
      [250, 250, 8000, 3600, 368.15, 318.15],
      [370, 318, 3000, 60, 368.15, 318.15], // junction above its limit: the limit cools it
    ];
    for (const [tj, tr, qr, dt, jmax, rmax] of cases) {
      const q = m.maxComputeHeatW(tj, tr, qr, dt, jmax, rmax, radiator.radiatedW(rmax));
      const at = m.step(tj, tr, q, qr, dt, { junctionK: 0, radiatorK: 0 });
      const mix = (o: ThermalNodesOut): number => (2e6 * o.radiatorK + 2e5 * o.junctionK) / 2.2e6;
      const jBinds = Math.abs(at.junctionK - jmax) < 1e-7;
      const rBinds = Math.abs(at.radiatorK - rmax) < 1e-7;
      const mBinds = Math.abs(mix(at) - rmax) < 1e-7;
      expect(jBinds || rBinds || mBinds).toBe(true);
      expect(at.junctionK).toBeLessThanOrEqual(jmax + 1e-7);
      expect(at.radiatorK).toBeLessThanOrEqual(rmax + 1e-7);
      expect(mix(at)).toBeLessThanOrEqual(rmax + 1e-7);
      const over = m.step(tj, tr, q + 1, qr, dt, { junctionK: 0, radiatorK: 0 });
      expect(over.junctionK > jmax + 1e-9 || over.radiatorK > rmax + 1e-9 || mix(over) > rmax + 1e-9).toBe(true);
    }
  });
  it('stays finite and lands within its limits across the schema ranges of C_r, C_j and G', () => {
    for (const cr of [1, 1e4, 2e6, 1e15]) {
      for (const cj of [1, 2e5, 1e12]) {
        for (const g of [1e-3, 667, 1e12]) {
          const m = nodes(cr, cj, g);
          for (const dt of [1, 60, 3600]) {
            for (const [tj, tr] of [[300, 290], [400, 250], [250, 318]]) {
              const q = m.maxComputeHeatW(tj, tr, 3000, dt, 368.15, 318.15, radiator.radiatedW(318.15));
              expect(Number.isFinite(q)).toBe(true);
              const at = m.step(tj, tr, Math.max(0, q), 3000, dt, { junctionK: 0, radiatorK: 0 });
              expect(Number.isFinite(at.junctionK) && Number.isFinite(at.radiatorK)).toBe(true);
              if (q > 0) {
                expect(at.junctionK).toBeLessThanOrEqual(368.15 + 1e-6);
                expect(at.radiatorK).toBeLessThanOrEqual(318.15 + 1e-6);
              }
            }
          }
        }
      }
    }
  });
});
