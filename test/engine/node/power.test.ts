/** Power bus, battery bookkeeping and the energy balance of whole runs. */
import { describe, expect, it } from 'vitest';
import { batteryParams, bodyFixedPointing, solarPowerW, stepBus, type BusStep } from '../../../src/engine/node/power';
import { computeFraction, LIMIT_NONE, LIMIT_POWER, LIMIT_STORAGE, LIMIT_THERMAL } from '../../../src/engine/node/compute';
import { PRESETS } from '../../../src/engine/input/presets';
import { run } from '../helpers';

const bus = (): BusStep => ({ socJ: 0, deliveredJ: 0, curtailedJ: 0, lossJ: 0, unmetJ: 0 });

describe('solar array', () => {
  it('105 m² of 22 % cells at 1361 W/m² ≈ 31 kW sun-tracking (PHYSICS.md power proxy ≈ 28 kW with losses)', () => {
    expect(solarPowerW(105, 0.22, 1361, 1, 1)).toBeCloseTo(31_439, 0);
    expect(solarPowerW(105, 0.22, 1361, 0, 1)).toBe(0);
  });
  it('body-fixed pointing is the cosine of the Sun to the orbit normal, clipped at 0', () => {
    // r along x, v along y → h along +z.
    expect(bodyFixedPointing(7000, 0, 0, 0, 7.5, 0, 0, 0, 1, 1)).toBeCloseTo(1, 12);
    expect(bodyFixedPointing(7000, 0, 0, 0, 7.5, 0, 0, Math.SQRT1_2, Math.SQRT1_2, 1)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(bodyFixedPointing(7000, 0, 0, 0, 7.5, 0, 0, 0, -1, 1)).toBe(0);
    expect(bodyFixedPointing(7000, 0, 0, 0, 7.5, 0, 0, 0, -1, -1)).toBeCloseTo(1, 12);
  });
});

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

describe('compute controller', () => {
  const out = { fraction: 0, limit: 0 as 0 | 1 | 2 | 3 };
  it('runs at full rate when nothing binds', () => {
    computeFraction(30_000, 2000, 20_000, 1e9, 100, 1, out);
    expect(out).toEqual({ fraction: 1, limit: LIMIT_NONE });
  });
  it('picks the tightest limit', () => {
    computeFraction(12_000, 2000, 20_000, 1e9, 100, 1, out);
    expect(out).toEqual({ fraction: 0.5, limit: LIMIT_POWER });
    computeFraction(30_000, 2000, 20_000, 7000, 100, 1, out);
    expect(out).toEqual({ fraction: 0.25, limit: LIMIT_THERMAL });
    computeFraction(30_000, 2000, 20_000, 1e9, 0.1, 1, out);
    expect(out.fraction).toBeCloseTo(0.1, 12);
    expect(out.limit).toBe(LIMIT_STORAGE);
    computeFraction(1000, 2000, 20_000, 1e9, 100, 1, out);
    expect(out).toEqual({ fraction: 0, limit: LIMIT_POWER });
  });
});

describe('energy balance closes: generated = consumed + curtailed + stored change (0.1 %)', () => {
  const cases = PRESETS.filter((p) => p.name !== 'broadband-shell-550-53').map((p) => [p.name, p] as const);
  it.each(cases)('%s', async (_n, p) => {
    const out = await run({ ...p.scenario, durationHours: 6 });
    const k = out.kpis;
    expect(k.energyGeneratedKWh).toBeGreaterThan(0);
    const residual = k.energyGeneratedKWh - (k.energyConsumedKWh + k.energyCurtailedKWh + k.energyStoredDeltaKWh);
    expect(Math.abs(residual) / k.energyGeneratedKWh).toBeLessThan(1e-3);
  });
  it('closes for a body-fixed array in an inclined orbit with a small battery', async () => {
    const out = await run({
      startUtc: '2026-09-01T00:00:00Z',
      durationHours: 12,
      stepSeconds: 45,
      constellation: { type: 'walker', altitudeKm: 700, inclinationDeg: 70, planes: 3, satellitesPerPlane: 4 },
      node: { arrayPointing: 'body-fixed', batteryCapacityKWh: 3 },
    });
    const k = out.kpis;
    const residual = k.energyGeneratedKWh - (k.energyConsumedKWh + k.energyCurtailedKWh + k.energyStoredDeltaKWh);
    expect(Math.abs(residual) / k.energyGeneratedKWh).toBeLessThan(1e-3);
    expect(k.powerLimitedFraction).toBeGreaterThan(0);
    expect(k.minStateOfCharge).toBeGreaterThanOrEqual(0);
  });
});
