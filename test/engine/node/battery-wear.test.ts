/** Battery wear: rainflow counting against ASTM E1049's worked example, fade against the cited curve by hand. */
import { describe, expect, it } from 'vitest';
import { BatteryWear, cycleDamage, cycleLife, type WearParams } from '../../../src/engine/node/battery-wear';

/** Records every counted cycle (depth, count). */
class RecordingWear extends BatteryWear {
  readonly counted: Array<[number, number]> = [];
  protected override countCycle(i: number, dod: number, count: number): void {
    this.counted.push([dod, count]);
    super.countCycle(i, dod, count);
  }
}

const DEFAULTS: WearParams = { cycleLifeAtFullDepth: 1000, exponent: 2.66, endOfLifeFade: 0.2 };

/** Feeds satellite 0 a history through `points`, with `between` straight-line samples between consecutive points. */
function feed(w: BatteryWear, points: readonly number[], between: number, dtS = 60): void {
  w.start(0, points[0]);
  for (let k = 1; k < points.length; k++) {
    for (let j = 1; j <= between + 1; j++) w.add(0, points[k - 1] + ((points[k] - points[k - 1]) * j) / (between + 1), dtS);
  }
}

describe('rainflow counting (ASTM E1049-85, §5.4.4, Fig. 6 example)', () => {
  it('the standard history −2, 1, −3, 5, −1, 3, −4, 4, −2 gives its cycle table', () => {
    // The standard's table: range 3 → ½, 4 → 1½, 6 → ½, 8 → 1, 9 → ½ cycles (10, 7, 5 → 0).
    // State of charge s = 0.5 + 0.05 · x, so a range of r units is a DoD of 0.05 · r.
    const units = [-2, 1, -3, 5, -1, 3, -4, 4, -2];
    const w = new RecordingWear(1, DEFAULTS);
    feed(w, units.map((x) => 0.5 + 0.05 * x), 4);
    w.finish();
    const table = new Map<number, number>();
    for (const [dod, n] of w.counted) {
      const r = Math.round(dod / 0.05);
      expect(dod).toBeCloseTo(0.05 * r, 12);
      table.set(r, (table.get(r) ?? 0) + n);
    }
    expect(Object.fromEntries([...table].sort((a, b) => a[0] - b[0]))).toEqual({ 3: 0.5, 4: 1.5, 6: 0.5, 8: 1, 9: 0.5 });
    // Totals: 4 cycles; Σ n·DoD = (1.5 + 6 + 3 + 8 + 4.5) × 0.05 = 1.15.
    expect(w.cycles[0]).toBe(4);
    expect(w.dodCycles[0]).toBeCloseTo(1.15, 12);
  });
  it('reversals smaller than the 1 % gate are not cycles', () => {
    const w = new RecordingWear(1, DEFAULTS);
    feed(w, [0.8, 0.795, 0.8, 0.795, 0.8, 0.6, 0.8], 0);
    w.finish();
    // Only 0.8 → 0.6 → 0.8: two half cycles of 0.2.
    expect(w.counted).toEqual([
      [expect.closeTo(0.2, 12), 0.5],
      [expect.closeTo(0.2, 12), 0.5],
    ]);
  });
  it('a full reversal stack counts its oldest range as a half cycle (no cycle is lost)', () => {
    // A converging history: every range is a residue half cycle in the standard's count as well.
    const pts = [0.5];
    for (let a = 0.45; a > 0.02; a -= 0.03) pts.push(0.5 + a, 0.5 - a);
    const small = new RecordingWear(1, DEFAULTS, 0.01, 4);
    feed(small, pts, 0);
    small.finish();
    expect(small.cycles[0]).toBeCloseTo((pts.length - 1) / 2, 12);
    expect(small.counted.every(([, n]) => n === 0.5)).toBe(true);
  });
});

describe('cycle life and fade (N = N₁₀₀ · DoD^−k, N₁₀₀ = 1,000, k = 2.66, 20 % at end of life)', () => {
  it('passes the published anchors: ≈40,000 cycles at 25 % (GS Yuasa LEO), ≈1,800 at 80 % (40 GEO seasons)', () => {
    // 1000 · 4^2.66 = 1000 · e^(2.66 · 1.386294) = 1000 · e^3.687543 = 39,946.6
    expect(cycleLife(0.25, DEFAULTS)).toBeCloseTo(39_946.6, 0);
    expect(Math.abs(cycleLife(0.25, DEFAULTS) / 40_000 - 1)).toBeLessThan(0.01);
    // 1000 · 1.25^2.66 = 1000 · e^(2.66 · 0.223144) = 1000 · e^0.593562 = 1,810.4
    expect(cycleLife(0.8, DEFAULTS)).toBeCloseTo(1810.4, 0);
    expect(Math.abs(cycleLife(0.8, DEFAULTS) / 1800 - 1)).toBeLessThan(0.01);
    // Saft VES180 specification (ESA ARTES): 5 years of LEO at 30 % DoD (≈27,400 cycles) lose < 20 %:
    // the curve gives 1000 · 0.3^−2.66 = 24,596 cycles to 20 % — on the cautious side of it.
    expect(cycleLife(0.3, DEFAULTS)).toBeGreaterThan(24_000);
    expect(cycleLife(0.3, DEFAULTS)).toBeLessThan(27_400);
    expect(cycleDamage(0, 1, DEFAULTS)).toBe(0);
  });
  it('an LEO profile, 15 cycles a day between 90 % and 60 %: fade by hand', () => {
    // 30 triangles of 96 min (96 samples of 60 s) = exactly 2 days.
    const pts = [0.9];
    for (let c = 0; c < 30; c++) pts.push(0.6, 0.9);
    const w = new BatteryWear(1, DEFAULTS);
    feed(w, pts, 47);
    const s = w.summary();
    expect(w.trackedS[0]).toBe(2 * 86_400);
    expect(s.cyclesPerDay).toBeCloseTo(15, 12);
    expect(s.meanDepthOfDischarge).toBeCloseTo(0.3, 12);
    // Damage per cycle 0.3^2.66 / 1000 = e^(2.66 · −1.203973) / 1000 = e^−3.202568 / 1000 = 4.06577e-5;
    // 15 · 365.25 = 5,478.75 cycles a year → 0.222753 of life a year → × 20 % = 0.0445506 / year.
    expect(s.capacityFadePerYear).toBeCloseTo(0.0445506, 6);
  });
  it('no cycling, no wear; no history, no NaN', () => {
    const w = new BatteryWear(2, DEFAULTS);
    w.start(0, 0.9);
    for (let k = 0; k < 100; k++) w.add(0, 0.9, 60);
    const s = w.summary();
    expect(s).toEqual({ cyclesPerDay: 0, meanDepthOfDischarge: 0, capacityFadePerYear: 0 });
  });
});
