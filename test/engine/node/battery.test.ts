/** Power bus and battery bookkeeping, by hand. */
import { describe, expect, it } from 'vitest';
import { batteryChargeToW, batteryDischargeLimitW, batteryParams, stepBus, type BusStep } from '../../../src/engine/node/battery';

const bus = (): BusStep => ({ socJ: 0, deliveredJ: 0, curtailedJ: 0, lossJ: 0, unmetJ: 0 });
/** generated − (delivered + curtailed + losses + ΔE), J: zero when the balance closes. */
const residual = (o: BusStep, soc0: number, genW: number, dtS: number) => genW * dtS - (o.deliveredJ + o.curtailedJ + o.lossJ + (o.socJ - soc0));

describe('battery (power limits far away: 100 C)', () => {
  const b = batteryParams(10, 0.2, 0.81, 100, 100); // 36 MJ, floor 7.2 MJ, 0.9 each way
  it('charges with losses, curtails what does not fit', () => {
    const o = stepBus(30e6, 5000, 1000, 1000, b, 1000, bus());
    // 4 kW surplus × 1000 s = 4 MJ offered; room 6 MJ / 0.9 → all accepted.
    expect(o.socJ).toBeCloseTo(30e6 + 4e6 * 0.9, 3);
    expect(o.lossJ).toBeCloseTo(4e5, 3);
    expect(o.curtailedJ).toBe(0);
    const full = stepBus(35.5e6, 5000, 1000, 1000, b, 1000, bus());
    expect(full.socJ).toBeCloseTo(36e6, 3);
    expect(full.curtailedJ).toBeCloseTo(4e6 - 0.5e6 / 0.9, 3);
  });
  it('feeds compute only down to the floor; what remains is unmet', () => {
    const o = stepBus(8e6, 0, 1000, 0, b, 1000, bus());
    // 1 MJ needed at the terminals draws 1/0.9 MJ; only 0.8 MJ above the floor.
    expect(o.socJ).toBeCloseTo(7.2e6, 3);
    expect(o.unmetJ).toBeCloseTo(1e6 - 0.8e6 * 0.9, 3);
    expect(o.deliveredJ + o.unmetJ).toBeCloseTo(1e6, 3);
  });
  it('lets the bus draw on the reserve below the floor, down to empty', () => {
    const o = stepBus(8e6, 0, 1000, 1000, b, 1000, bus());
    expect(o.socJ).toBeCloseTo(8e6 - 1e6 / 0.9, 3);
    expect(o.unmetJ).toBeCloseTo(0, 6);
    const empty = stepBus(0.45e6, 0, 1000, 1000, b, 1000, bus());
    expect(empty.socJ).toBe(0);
    expect(empty.unmetJ).toBeCloseTo(1e6 - 0.45e6 * 0.9, 3);
    // Mixed load: compute (600 W) stops at the floor, the bus (400 W) goes on.
    const mixed = stepBus(7.2e6, 0, 1000, 400, b, 1000, bus());
    expect(mixed.socJ).toBeCloseTo(7.2e6 - 0.4e6 / 0.9, 3);
    expect(mixed.unmetJ).toBeCloseTo(0.6e6, 3);
    expect(mixed.lossJ + mixed.deliveredJ).toBeCloseTo(7.2e6 - mixed.socJ, 3);
  });
  it('the array feeds the bus first: only the bus deficit may use the reserve', () => {
    // 300 W of array, 400 W bus + 600 W compute, battery at the floor:
    // the bus's deficit is 100 W × 1000 s = 0.1 MJ → drawn 0.1/0.9 MJ; compute's 0.6 MJ unmet.
    const o = stepBus(7.2e6, 300, 1000, 400, b, 1000, bus());
    expect(o.socJ).toBeCloseTo(7.2e6 - 0.1e6 / 0.9, 3);
    expect(o.unmetJ).toBeCloseTo(0.6e6, 3);
  });
  it('round trip returns η of the energy', () => {
    const c = stepBus(7.2e6, 2000, 0, 0, b, 1000, bus()); // store 2 MJ offered
    const stored = c.socJ - 7.2e6;
    const d = stepBus(c.socJ, 0, 10_000, 0, b, 1000, bus());
    expect(d.deliveredJ / 2e6).toBeCloseTo(0.81, 9);
    expect(stored).toBeCloseTo(1.8e6, 3);
  });
});

describe('battery power limits (C-rates)', () => {
  it('1 C = capacity per hour: 10 kWh at 0.5 C charge = 5 kW, 1 C discharge = 10 kW', () => {
    const b = batteryParams(10, 0.2, 0.81, 0.5, 1);
    expect(b.maxChargeW).toBeCloseTo(5000, 9);
    expect(b.maxDischargeW).toBeCloseTo(10_000, 9);
  });
  it('a 0.5 kWh battery at 1 C delivers 500 W, not 22 kW', () => {
    const b = batteryParams(0.5, 0, 0.81, 0.5, 1); // 1.8 MJ, no floor
    // 22 kW of compute for 60 s in eclipse: 1.32 MJ asked, the battery holds 1.8 MJ,
    // but 1 C = 0.5 kWh/h = 500 W → 500 W × 60 s = 30 kJ at the terminals.
    const o = stepBus(1.8e6, 0, 22_000, 0, b, 60, bus());
    expect(o.deliveredJ).toBeCloseTo(30_000, 6);
    expect(o.unmetJ).toBeCloseTo(1.32e6 - 30_000, 6);
    expect(o.socJ).toBeCloseTo(1.8e6 - 30_000 / 0.9, 6);
    expect(batteryDischargeLimitW(1.8e6, 0, b, 60)).toBeCloseTo(500, 9);
  });
  it('the bus too is served only within the discharge limit', () => {
    const b = batteryParams(0.5, 0.2, 0.81, 0.5, 1); // 500 W max, floor 0.36 MJ
    const o = stepBus(0.4e6, 0, 2000, 2000, b, 100, bus());
    // 2 kW bus in eclipse: 500 W × 100 s = 50 kJ delivered (above floor 40 kJ·0.9 = 36 kJ, then 14 kJ from the reserve).
    expect(o.deliveredJ).toBeCloseTo(50_000, 6);
    expect(o.unmetJ).toBeCloseTo(150_000, 6);
    expect(o.socJ).toBeCloseTo(0.4e6 - 50_000 / 0.9, 6);
  });
  it('charging stops at the charge limit; the rest of the surplus is curtailed', () => {
    const b = batteryParams(10, 0.2, 0.81, 0.5, 1); // 5 kW charge limit
    // 25 kW array, 5 kW load, 100 s: 2 MJ offered, 0.5 MJ accepted (5 kW × 100 s), 0.45 MJ stored.
    const o = stepBus(10e6, 25_000, 5000, 5000, b, 100, bus());
    expect(o.socJ).toBeCloseTo(10e6 + 0.45e6, 6);
    expect(o.lossJ).toBeCloseTo(0.05e6, 6);
    expect(o.curtailedJ).toBeCloseTo(1.5e6, 6);
    expect(o.deliveredJ).toBeCloseTo(0.5e6, 6);
  });
  it('energy balance closes in every regime (generated = delivered + curtailed + losses + ΔE)', () => {
    const b = batteryParams(10, 0.2, 0.81, 0.5, 1);
    const cases: Array<[number, number, number, number]> = [
      [10e6, 25_000, 5000, 2000], // charge-limited
      [35.9e6, 25_000, 5000, 2000], // nearly full
      [20e6, 1000, 22_000, 2000], // discharge-limited
      [7.3e6, 0, 22_000, 2000], // crosses the floor, bus on the reserve
      [0.01e6, 0, 22_000, 2000], // empties
      [5e6, 1500, 2000, 2000], // bus deficit only, on the reserve
    ];
    for (const [soc, gen, load, busW] of cases) {
      const o = stepBus(soc, gen, load, busW, b, 60, bus());
      expect(Math.abs(residual(o, soc, gen, 60))).toBeLessThan(1e-6 * Math.max(1, gen * 60, load * 60));
      expect(o.socJ).toBeGreaterThanOrEqual(0);
      expect(o.socJ).toBeLessThanOrEqual(b.capacityJ);
    }
  });
});

describe('battery parameters and power helpers', () => {
  it('10 kWh = 36 MJ, floor at 20 %, √0.81 = 0.9 each way', () => {
    const b = batteryParams(10, 0.2, 0.81, 0.5, 1);
    expect(b.capacityJ).toBe(36e6);
    expect(b.floorJ).toBeCloseTo(7.2e6, 6);
    expect(b.chargeEfficiency).toBeCloseTo(0.9, 12);
    expect(b.dischargeEfficiency).toBeCloseTo(0.9, 12);
  });
  it('delivers (E − floor) · η / dt within the discharge limit, nothing at or below the floor', () => {
    const b = batteryParams(10, 0.2, 0.81, 0.5, 1);
    // (8 MJ − 7.2 MJ) · 0.9 / 100 s = 7200 W < 10 kW
    expect(batteryDischargeLimitW(8e6, b.floorJ, b, 100)).toBeCloseTo(7200, 6);
    // (30 MJ − 7.2 MJ) · 0.9 / 100 s = 205 kW → capped at 10 kW
    expect(batteryDischargeLimitW(30e6, b.floorJ, b, 100)).toBeCloseTo(10_000, 6);
    expect(batteryDischargeLimitW(7.2e6, b.floorJ, b, 100)).toBe(0);
    expect(batteryDischargeLimitW(1e6, b.floorJ, b, 100)).toBe(0);
  });
  it('charge power to reach a level: missing / η / dt within the charge limit', () => {
    const b = batteryParams(10, 0.2, 0.81, 0.5, 1);
    // (7.2 − 6.93) MJ / 0.9 / 100 s = 3000 W < 5 kW
    expect(batteryChargeToW(6.93e6, 7.2e6, b, 100)).toBeCloseTo(3000, 6);
    expect(batteryChargeToW(1e6, 7.2e6, b, 100)).toBeCloseTo(5000, 6);
    expect(batteryChargeToW(8e6, 7.2e6, b, 100)).toBe(0);
  });
});
