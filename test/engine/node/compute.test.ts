/** Power controller (bus first, reserve, then compute) and the compute limits, by hand. */
import { describe, expect, it } from 'vitest';
import { batteryParams, stepBus, type BusStep } from '../../../src/engine/node/battery';
import { BusReserve, computeFraction, computePowerBudgetW, computeReserveJ, LIMIT_NONE, LIMIT_POWER, LIMIT_STORAGE, LIMIT_THERMAL } from '../../../src/engine/node/compute';

describe('compute controller', () => {
  const out = { fraction: 0, limit: 0 as 0 | 1 | 2 | 3 };
  it('runs at full rate when nothing binds', () => {
    computeFraction(28_000, 2000, 20_000, 1e9, 100, 1, out);
    expect(out).toEqual({ fraction: 1, limit: LIMIT_NONE });
  });
  it('picks the tightest limit', () => {
    computeFraction(10_000, 2000, 20_000, 1e9, 100, 1, out);
    expect(out).toEqual({ fraction: 0.5, limit: LIMIT_POWER });
    computeFraction(28_000, 2000, 20_000, 7000, 100, 1, out);
    expect(out).toEqual({ fraction: 0.25, limit: LIMIT_THERMAL });
    computeFraction(28_000, 2000, 20_000, 1e9, 0.1, 1, out);
    expect(out.fraction).toBeCloseTo(0.1, 12);
    expect(out.limit).toBe(LIMIT_STORAGE);
    computeFraction(0, 2000, 20_000, 1e9, 100, 1, out);
    expect(out).toEqual({ fraction: 0, limit: LIMIT_POWER });
  });
});

describe('power budget for compute: bus first, then the reserve, then compute', () => {
  // 20 kWh = 72 MJ, floor 20 % = 14.4 MJ, η 0.9 each way, 0.5 C = 10 kW charge, 1 C = 20 kW discharge.
  const b = batteryParams(20, 0.2, 0.81, 0.5, 1);
  const dt = 60;
  it('sunlit above the floor: surplus after the bus plus the battery above the floor (≤ 1 C)', () => {
    // (28 − 2) kW + min(20 kW, (50 − 14.4) MJ · 0.9 / 60 s = 534 kW) = 46 kW
    expect(computePowerBudgetW(28_000, 2000, 50e6, b.floorJ, b, dt)).toBeCloseTo(46_000, 6);
    // 0.1 MJ above the floor: 0.1e6 · 0.9 / 60 = 1500 W
    expect(computePowerBudgetW(28_000, 2000, 14.5e6, b.floorJ, b, dt)).toBeCloseTo(27_500, 6);
  });
  it('sunlit below the floor: the reserve is recharged first (within 0.5 C), compute gets the rest', () => {
    // Far below: the charge limit, 10 kW, goes to the reserve → 26 − 10 = 16 kW.
    expect(computePowerBudgetW(28_000, 2000, 5e6, b.floorJ, b, dt)).toBeCloseTo(16_000, 6);
    // 0.27 MJ below: 0.27e6 / 0.9 / 60 s = 5 kW → 21 kW.
    expect(computePowerBudgetW(28_000, 2000, 14.13e6, b.floorJ, b, dt)).toBeCloseTo(21_000, 6);
    // A small array: all of it after the bus goes to the reserve.
    expect(computePowerBudgetW(9000, 2000, 5e6, b.floorJ, b, dt)).toBe(0);
  });
  it('in eclipse the bus draws first; compute gets what is left above the floor within 1 C', () => {
    expect(computePowerBudgetW(0, 2000, 50e6, b.floorJ, b, dt)).toBeCloseTo(18_000, 6);
    // (14.5 − 14.4) MJ · 0.9 / 60 s = 1500 W < the 2 kW bus → nothing for compute.
    expect(computePowerBudgetW(0, 2000, 14.5e6, b.floorJ, b, dt)).toBe(0);
    expect(computePowerBudgetW(0, 2000, 10e6, b.floorJ, b, dt)).toBe(0);
  });
  it('a 0.5 kWh battery (1 C = 500 W) runs no 20 kW compute in eclipse', () => {
    const small = batteryParams(0.5, 0.2, 0.81, 0.5, 1);
    expect(computePowerBudgetW(0, 0, 1.8e6, small.floorJ, small, dt)).toBeCloseTo(500, 9);
    expect(computePowerBudgetW(0, 2000, 1.8e6, small.floorJ, small, dt)).toBe(0);
  });
  it('the reserve: the floor, raised to the bus energy through the last eclipse, at most the capacity', () => {
    expect(computeReserveJ(2000, 0, b)).toBeCloseTo(14.4e6, 3);
    // 1.2 margin × 2 kW × 2160 s / 0.9 = 5.76 MJ < 14.4 MJ floor
    expect(computeReserveJ(2000, 2160, b)).toBeCloseTo(14.4e6, 3);
    const thin = batteryParams(20, 0.02, 0.81, 0.5, 1); // floor 1.44 MJ
    expect(computeReserveJ(2000, 2160, thin)).toBeCloseTo(5.76e6, 3);
    expect(computeReserveJ(50_000, 2160, thin)).toBe(72e6);
    // Compute stops at the raised reserve: 5.8 MJ of battery, 5.76 MJ kept → (0.04 MJ · 0.9 / 60 s) − 2 kW < 0.
    expect(computePowerBudgetW(0, 2000, 5.8e6, 5.76e6, thin, dt)).toBe(0);
    // Sunlit below it: recharged first (10 kW limit), compute gets the rest.
    expect(computePowerBudgetW(28_000, 2000, 3e6, 5.76e6, thin, dt)).toBeCloseTo(16_000, 6);
  });
  it('eclipse bookkeeping: shadow time of the last eclipse, penumbra included, at any step length', () => {
    const thin = batteryParams(20, 0.02, 0.81, 0.5, 1);
    const r = new BusReserve(3, 2000, thin);
    // 60 s steps: penumbra in (0.7 lit), 35 umbra steps, penumbra out (0.6 lit), sunlit.
    // Shadow time 0.3·60 + 35·60 + 0.4·60 = 18 + 2100 + 24 = 2142 s.
    for (const il of [1, 0.7, ...Array(35).fill(0), 0.6, 1, 1]) r.reserveJ(0, il, 60);
    expect(r.lastEclipseS[0]).toBeCloseTo(2142, 9);
    // The reserve is 1.2 · 2 kW · 2142 s / 0.9 = 5.712 MJ from then on.
    expect(r.reserveJ(0, 1, 60)).toBeCloseTo(5.712e6, 3);
    // 1800 s steps: 74 % shadow in one step → 1332 s.
    for (const il of [1, 0.26, 1]) r.reserveJ(1, il, 1800);
    expect(r.lastEclipseS[1]).toBeCloseTo(1332, 9);
    // Hour-long steps are never half shadowed; a grazing penumbra is no eclipse: the floor stays.
    for (const il of [0.63, 0.63, 0.63, 0.9, 1]) r.reserveJ(2, il, 3600);
    expect(r.lastEclipseS[2]).toBe(0);
    expect(r.reserveJ(2, 1, 3600)).toBeCloseTo(thin.floorJ, 6);
  });
  it('whatever the controller plans, the bus step meets the bus and the planned compute', () => {
    const rec: BusStep = { socJ: 0, deliveredJ: 0, curtailedJ: 0, lossJ: 0, unmetJ: 0 };
    for (const [gen, soc] of [
      [28_000, 50e6],
      [28_000, 5e6],
      [9000, 5e6],
      [0, 50e6],
      [0, 14.5e6],
      [1500, 3e6],
    ]) {
      const budget = computePowerBudgetW(gen, 2000, soc, b.floorJ, b, dt);
      const u = Math.min(1, budget / 20_000);
      const o = stepBus(soc, gen, 2000 + u * 20_000, 2000, b, dt, rec);
      expect(o.unmetJ).toBe(0);
      // Compute never lowers the battery below the floor (only the bus's own deficit may).
      if (soc >= b.floorJ && gen >= 2000) expect(o.socJ).toBeGreaterThanOrEqual(b.floorJ - 1e-6);
      // Below the floor in sunlight the battery gains charge.
      if (soc < b.floorJ && gen > 2000) expect(o.socJ).toBeGreaterThan(soc);
    }
  });
});
