// Sweep results from a CSV in the app's views (fileSweep, metrics without
// scenarios) and the sweep file the tab exports for the CLI.
import { describe, expect, it } from 'vitest';
import { normaliseScenario, type Scenario } from '../../src/engine/input/scenario';
import { planSweep } from '../../src/engine/output/sweep';
import { KPI_NAMES } from '../../src/engine/output/result';
import { parseSweepCsv } from '../../src/engine/output/sweep-csv-parse';
import { fileSweep, metrics, planSweepSliced, sweepFile, type SweepSpec } from '../../src/ui/sweep-model';

const small = (): Scenario =>
  normaliseScenario({
    name: 'small',
    startUtc: '2026-06-21T00:00:00Z',
    durationHours: 2,
    stepSeconds: 120,
    constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 2, satellitesPerPlane: 3, phasing: 1 },
  });

/** A CSV of the given (a, b) designs; every KPI of a design is `a + b / 1000`. */
function csv(designs: Array<[number, number]>): string {
  const lines = [['constellation.altitudeKm', 'node.radiatorAreaM2', ...KPI_NAMES].join(',')];
  for (const [a, b] of designs) lines.push([a, b, ...KPI_NAMES.map(() => a + b / 1000)].join(','));
  return `${lines.join('\n')}\n`;
}

describe('fileSweep', () => {
  it('lays a two-field CSV out as the heat map grid (first field outermost)', () => {
    const r = parseSweepCsv(csv([[500, 20], [500, 60], [500, 100], [900, 20], [900, 60], [900, 100]]));
    if (!r.ok) throw new Error(r.error);
    const f = fileSweep(r.fields, r.rows);
    expect(f.vary).toEqual([
      { field: 'constellation.altitudeKm', values: [500, 900] },
      { field: 'node.radiatorAreaM2', values: [20, 60, 100] },
    ]);
    expect(f.missing).toBe(0);
    // Cell (ix = 1, iy = 2) is index 1·3 + 2 = 5: altitude 900, radiator 100, KPIs 900.1.
    expect(f.points[5]).toMatchObject({ index: 5, values: [900, 100], state: 'done' });
    expect(f.points[5].kpis!.eclipseFraction).toBe(900.1);
  });

  it('marks a combination without a row as missing, whatever the row order', () => {
    const r = parseSweepCsv(csv([[900, 60], [500, 20], [500, 60], [900, 20], [700, 20]]));
    if (!r.ok) throw new Error(r.error);
    const f = fileSweep(r.fields, r.rows);
    expect(f.vary.map((v) => v.values)).toEqual([
      [900, 500, 700],
      [60, 20],
    ]);
    expect(f.missing).toBe(1);
    // (700, 60): ix 2, iy 0 → index 4.
    expect(f.points[4]).toMatchObject({ values: [700, 60], state: 'missing' });
    expect(f.points.filter((p) => p.state === 'done')).toHaveLength(5);
  });

  it('refuses rows that are not a grid of at most 10 000 cells', () => {
    const diag: Array<[number, number]> = Array.from({ length: 101 }, (_, i) => [i, i]);
    const r = parseSweepCsv(csv(diag));
    if (!r.ok) throw new Error(r.error);
    expect(() => fileSweep(r.fields, r.rows)).toThrow(/not a grid: 101 × 101/);
  });
});

describe('metrics of CSV rows', () => {
  it('leave out the totals that need a scenario and read field metrics from the row', () => {
    const fields = [{ path: 'constellation.altitudeKm', label: 'Altitude', unit: 'km', int: false }];
    const m = metrics(fields, false);
    expect(m.some((x) => x.key === 'totalArrayAreaM2')).toBe(false);
    expect(m.find((x) => x.key === 'field:constellation.altitudeKm')!.of({} as never, undefined, [725])).toBe(725);
    // Usable share needs only KPIs: 3 of 4 PFLOPS usable = 0.75.
    expect(m.find((x) => x.key === 'usableComputeShare')!.of({ installedComputePflops: 4, meanUsableComputePflops: 3 } as never)).toBe(0.75);
  });
});

describe('the exported sweep file', () => {
  it('passes planSweep and expands to the designs the tab runs', async () => {
    const spec: SweepSpec = {
      base: small(),
      vary: [
        { field: 'constellation.altitudeKm', values: [500, 800] },
        { field: 'node.radiatorAreaM2', values: [20, 60, 100] },
      ],
    };
    const file = JSON.parse(JSON.stringify(sweepFile(spec)));
    expect(Object.keys(file).sort()).toEqual(['base', 'vary']);
    const plan = planSweep(file);
    const tab = await planSweepSliced(spec, 8, async () => {});
    expect(plan.fields).toEqual(['constellation.altitudeKm', 'node.radiatorAreaM2']);
    expect(plan.designs.map((d) => d.values)).toEqual([
      [500, 20],
      [500, 60],
      [500, 100],
      [800, 20],
      [800, 60],
      [800, 100],
    ]);
    expect(plan.designs).toEqual(tab);
    expect((plan.designs[4].scenario.constellation as { altitudeKm: number }).altitudeKm).toBe(800);
    expect(plan.designs[4].scenario.node.radiatorAreaM2).toBe(60);
  });
});
