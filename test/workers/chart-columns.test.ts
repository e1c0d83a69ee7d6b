import { describe, expect, it } from 'vitest';
import { displayColumns, spanText, stackColumns } from '../../workers/chart-columns';
import type { SeriesColumns } from '../../src/engine/run/simulation';

function series(n: number, f: (i: number) => number): SeriesColumns {
  const col = (g: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => g(i));
  return {
    timeMs: col((i) => i * 60_000),
    usableComputePflops: col((i) => 5 + Math.sin(i / 50)),
    powerLimitedPflops: col((i) => (i % 97 === 0 ? 3 : 0.5)),
    thermalLimitedPflops: col((i) => 0.25 * f(i)),
    storageLimitedPflops: col(() => 0.1),
    sunlitFraction: col((i) => (i % 90 < 60 ? 1 : 0)),
    meanStateOfCharge: col((i) => 0.5 + 0.4 * Math.cos(i / 30)),
    maxTemperatureC: col((i) => 20 + f(i)),
    minTemperatureC: col((i) => 10 + f(i)),
    satellitesInContact: col((i) => i % 7),
    storedDataGB: col((i) => i),
    activeSatellites: col(() => 100),
  };
}

describe('chart columns', () => {
  it('leaves short series as they are', () => {
    const s = series(1440, () => 0);
    const d = displayColumns(s, 10_000);
    expect(d.bucket).toBe(1);
    expect(d.series).toBe(s);
    expect(Array.from(d.stack.plusStorage)).toEqual(Array.from(stackColumns(s).plusStorage));
  });

  it('draws a year as a min/max envelope: spikes survive, stacking holds, times ascend', () => {
    const n = 525_600;
    const spike = 300_001;
    const s = series(n, (i) => (i === spike ? 50 : 0));
    const d = displayColumns(s, 4000);
    expect(d.series.timeMs.length).toBeLessThanOrEqual(4000);
    expect(d.bucket).toBe(Math.ceil(n / 2000));
    const t = d.series.timeMs;
    for (let k = 1; k < t.length; k++) expect(t[k]).toBeGreaterThan(t[k - 1]);
    // The one-step spike is in the envelope's maximum; the extremes are those of the data.
    expect(Math.max(...d.series.maxTemperatureC)).toBe(70);
    expect(Math.min(...d.series.sunlitFraction)).toBe(0);
    expect(Math.max(...d.series.powerLimitedPflops)).toBe(3);
    const full = stackColumns(s);
    expect(Math.max(...d.stack.plusStorage)).toBeCloseTo(full.plusStorage.reduce((m, v) => Math.max(m, v), -Infinity), 12);
    for (let k = 0; k < t.length; k++) {
      expect(d.stack.usable[k]).toBeLessThanOrEqual(d.stack.plusPower[k]);
      expect(d.stack.plusPower[k]).toBeLessThanOrEqual(d.stack.plusThermal[k]);
      expect(d.stack.plusThermal[k]).toBeLessThanOrEqual(d.stack.plusStorage[k]);
      // Even points are bucket minima, odd ones maxima.
      if (k % 2 === 1) expect(d.series.storedDataGB[k]).toBeGreaterThanOrEqual(d.series.storedDataGB[k - 1]);
    }
  });

  it('names the span of a point', () => {
    expect(spanText(3 * 60_000)).toBe('3 min');
    expect(spanText(263 * 60_000)).toBe('4.4 h');
    expect(spanText(3 * 86_400_000)).toBe('3 d');
  });
});
