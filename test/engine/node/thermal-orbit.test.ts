/**
 * Whole runs of one node in GEO (no eclipse at the June solstice, a constant
 * environment: steady states to compare with hand equilibria).
 * Default radiator: 60 m², ε 0.9 → εσA = 0.9 · 5.670374419e-8 · 60 = 3.062002e-6 W/K⁴,
 * edge-on (no direct sun); T_space⁴ = 81 K⁴.
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../../src/engine/input/scenario';
import { run } from '../helpers';

const EPS_SIGMA_A = 0.9 * 5.670374419e-8 * 60;
const KELVIN = 273.15;
/** Radiative equilibrium of the radiator node (K) for total heat Q (W). */
const equilibriumK = (q: number): number => (q / EPS_SIGMA_A + 81) ** 0.25;

const geo = (node: Record<string, unknown>): ScenarioInput => ({
  startUtc: '2026-06-21T00:00:00Z',
  durationHours: 48,
  stepSeconds: 60,
  constellation: { type: 'walker', altitudeKm: 35786, inclinationDeg: 0, planes: 1, satellitesPerPlane: 1, phasing: 0 },
  groundStations: [],
  // No storage limit, battery full (no charge losses), no conversion losses unless a test sets them.
  node: { outputGBPerHourAtFullCompute: 0, batteryInitialStateOfCharge: 1, solarArrayConversionEfficiency: 1, initialTemperatureC: 18, ...node },
});

const last = (xs: Float64Array): number => xs[xs.length - 1];

describe('GEO radiator', () => {
  it('runs within 1 K of its equilibrium without Earth loads (hand: 22 kW → 291.142 K = 17.99 °C)', async () => {
    // Q = bus 2,000 W + compute 20,000 W; T = (22000 / 3.062002e-6 + 81)^¼ = (7.18484e9)^¼ = 291.1416 K.
    const out = await run(geo({}));
    const hand = equilibriumK(22000) - KELVIN;
    expect(hand).toBeCloseTo(17.9916, 3);
    expect(Math.abs(last(out.series.maxTemperatureC) - hand)).toBeLessThan(1);
    // Earth IR on an edge-on radiator at GEO: 0.9 · 237 · 60 · 0.00074 ≈ 9.5 W → +0.03 K.
    expect(Math.abs(last(out.series.maxTemperatureC) - hand)).toBeLessThan(0.1);
    expect(out.kpis.meanUsableComputePflops).toBeCloseTo(91.8, 6);
    // Junction: T_r + P/G = T_r + 30 K at full compute (default G = 20,000 W / 30 K).
    expect(out.kpis.maxJunctionTemperatureC).toBeGreaterThan(hand + 29.9);
    expect(out.kpis.maxJunctionTemperatureC).toBeLessThan(hand + 30.2);
  });
  it('a fixed Earth view factor of 0.25 (the old model) puts it > 8 K off: IR 3,199.5 W', async () => {
    // (22000 + 3199.5 + albedo)/εσA → ≥ 301.6 K: 10.5 K above.
    const out = await run(geo({ radiatorEarthViewFactor: 0.25 }));
    expect(last(out.series.maxTemperatureC) - (equilibriumK(22000) - KELVIN)).toBeGreaterThan(8);
  });
  it('power-conversion losses heat the node: 22 kW / 0.97 drawn → 680.4 W more → 293.367 K', async () => {
    // Array power drawn = load 22,000 W (battery full, surplus curtailed); heat (1/0.97 − 1) · 22,000 = 680.41 W;
    // T = (22680.41 / 3.062002e-6 + 81)^¼ = (7.40706e9)^¼ = 293.367 K = 20.217 °C.
    const out = await run(geo({ solarArrayConversionEfficiency: 0.97 }));
    expect(last(out.series.maxTemperatureC)).toBeCloseTo(equilibriumK(22680.41) - KELVIN, 1);
  });
  it('battery losses heat the node (charging a large battery at η_c = 0.9)', async () => {
    // 200 m² array ≈ 47 kW, 22 kW load: ≈25 kW charges a 100 MWh battery (never full in 48 h) and
    // 10 % of it (η_c = √0.81) is lost as heat. Loss power from the run's bookkeeping: E_loss / 48 h.
    const out = await run(geo({ solarArrayAreaM2: 200, batteryCapacityKWh: 100_000, batteryInitialStateOfCharge: 0.5, batteryRoundTripEfficiency: 0.81 }));
    const lossW = (out.kpis.energyBatteryLossKWh * 3.6e6) / (48 * 3600);
    expect(lossW).toBeGreaterThan(2000);
    const withLoss = equilibriumK(22000 + lossW) - KELVIN;
    expect(withLoss - (equilibriumK(22000) - KELVIN)).toBeGreaterThan(5);
    expect(Math.abs(last(out.series.maxTemperatureC) - withLoss)).toBeLessThan(0.1);
  });
});

describe('compute limited by the junction', () => {
  it('settles at the compute power whose junction sits at the limit (hand: bisection on the steady equations)', async () => {
    // G = 400 W/K (full compute would sit 50 K above the radiator), T_j,max = 60 °C = 333.15 K.
    // Radiator node heat besides compute: bus 2,000 W + Earth IR 0.9 · 237 · 60 · 0.00074 = 9.47 W (albedo ≤ 1.8 W, ignored).
    // Steady state: T_r(P) = ((2009.47 + P)/εσA + 81)^¼, T_j = T_r(P) + P/400 = 333.15 K → P ≈ 18.6 kW.
    const other = 2000 + 9.47;
    let lo = 0;
    let hi = 20000;
    for (let k = 0; k < 100; k++) {
      const mid = 0.5 * (lo + hi);
      if (equilibriumK(other + mid) + mid / 400 > 333.15) hi = mid;
      else lo = mid;
    }
    const P = lo;
    expect(P).toBeGreaterThan(18000);
    expect(P).toBeLessThan(19500);
    const out = await run(geo({ acceleratorConductanceWPerK: 400, acceleratorMaxJunctionC: 60, initialTemperatureC: 12 }));
    // Usable compute at the end = P / 20,000 · 91.8 PFLOPS.
    expect(Math.abs(last(out.series.usableComputePflops) - (P / 20000) * 91.8)).toBeLessThan(0.01); // 1e-4 relative
    expect(out.kpis.maxJunctionTemperatureC).toBeLessThanOrEqual(60 + 1e-6);
    expect(out.kpis.thermalLimitedFraction).toBeGreaterThan(0.9);
    expect(last(out.series.maxTemperatureC)).toBeCloseTo(equilibriumK(other + P) - KELVIN, 2);
  });
});
