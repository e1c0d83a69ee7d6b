/** Power bus and battery bookkeeping, by hand. */
import { describe, expect, it } from 'vitest';
import { batteryDischargeLimitW, batteryParams, stepBus, type BusStep } from '../../../src/engine/node/battery';

const bus = (): BusStep => ({ socJ: 0, deliveredJ: 0, curtailedJ: 0, lossJ: 0, unmetJ: 0 });

describe('battery', () => {
  const b = batteryParams(10, 0.2, 0.81); // 36 MJ, floor 7.2 MJ, 0.9 each way
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
  it('round trip returns η of the energy', () => {
    const c = stepBus(7.2e6, 2000, 0, 0, b, 1000, bus()); // store 2 MJ offered
    const stored = c.socJ - 7.2e6;
    const d = stepBus(c.socJ, 0, 10_000, 0, b, 1000, bus());
    expect(d.deliveredJ / 2e6).toBeCloseTo(0.81, 9);
    expect(stored).toBeCloseTo(1.8e6, 3);
  });
});

describe('battery parameters and discharge limit', () => {
  it('10 kWh = 36 MJ, floor at 20 %, √0.81 = 0.9 each way', () => {
    const b = batteryParams(10, 0.2, 0.81);
    expect(b.capacityJ).toBe(36e6);
    expect(b.floorJ).toBeCloseTo(7.2e6, 6);
    expect(b.chargeEfficiency).toBeCloseTo(0.9, 12);
    expect(b.dischargeEfficiency).toBeCloseTo(0.9, 12);
  });
  it('delivers (E − floor) · η / dt, nothing at or below the floor', () => {
    const b = batteryParams(10, 0.2, 0.81);
    // (8 MJ − 7.2 MJ) · 0.9 / 100 s = 7200 W
    expect(batteryDischargeLimitW(8e6, b, 100)).toBeCloseTo(7200, 6);
    expect(batteryDischargeLimitW(7.2e6, b, 100)).toBe(0);
    expect(batteryDischargeLimitW(1e6, b, 100)).toBe(0);
  });
});
