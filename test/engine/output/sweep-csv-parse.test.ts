// parseSweepCsv: the inverse of sweepCsv. KPI values below are typed by hand
// (no simulation): what matters is that each cell reads back as the number
// written, nulls as empty cells, and that every malformed input names its
// line and column.
import { describe, expect, it } from 'vitest';
import { parseSweepCsv } from '../../../src/engine/output/sweep-csv-parse';
import { sweepCsv } from '../../../src/engine/output/sweep';
import { KPI_NAMES, NULLABLE_KPIS } from '../../../src/engine/output/result';
import type { Kpis } from '../../../src/engine/run/simulation';

/** KPIs with hand-picked values: KPI k gets `seed + k / 8` (exact in binary and in 9 digits); nullable ones null when `nulls`. */
function kpis(seed: number, nulls: boolean): Kpis {
  const o: Record<string, number | null> = {};
  KPI_NAMES.forEach((k, i) => (o[k] = nulls && NULLABLE_KPIS.has(k) ? null : seed + i / 8));
  return o as unknown as Kpis;
}

const header2 = ['constellation.altitudeKm', 'node.radiatorAreaM2', ...KPI_NAMES].join(',');
/** A data row of the two-field header with every KPI `x` (strings: cells as written). */
const row = (a: string, b: string, x = '1') => [a, b, ...KPI_NAMES.map(() => x)].join(',');
/** 1-based column of KPI `name` after `n` field columns. */
const col = (name: string, n = 2) => n + KPI_NAMES.indexOf(name as (typeof KPI_NAMES)[number]) + 1;

describe('parseSweepCsv', () => {
  it('reads back what sweepCsv wrote (two fields, nulls, exponents, negatives)', () => {
    const rows = [
      { values: [500, 20], kpis: kpis(1, true) },
      { values: [500, 60], kpis: kpis(-2.5, false) },
      { values: [1100, 20], kpis: { ...kpis(3, false), energyUnmetKWh: 1.25e-7, launchCostUsd: 4.5e12 } },
      { values: [1100, 60], kpis: kpis(0, true) },
    ];
    const r = parseSweepCsv(sweepCsv(['constellation.altitudeKm', 'node.radiatorAreaM2'], rows));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.fields).toEqual(['constellation.altitudeKm', 'node.radiatorAreaM2']);
    expect(r.rows.map((x) => x.values)).toEqual([
      [500, 20],
      [500, 60],
      [1100, 20],
      [1100, 60],
    ]);
    expect(r.rows.map((x) => x.kpis)).toEqual(rows.map((x) => x.kpis));
    // Lines: header on 1, rows from 2.
    expect(r.rows.map((x) => x.line)).toEqual([2, 3, 4, 5]);
    // Spot values written out: KPI index 3 (meanUsableComputePflops) of seed -2.5 is -2.5 + 3/8 = -2.125.
    expect(r.rows[1].kpis.meanUsableComputePflops).toBe(-2.125);
    expect(r.rows[0].kpis.minSeparationKm).toBeNull();
    expect(r.rows[2].kpis.launchCostUsd).toBe(4.5e12);
  });

  it('one field; CRLF, a byte-order mark, quoted cells and KPI columns in another order', () => {
    const names = [...KPI_NAMES].reverse();
    const text = `\ufeff"stepSeconds",${names.join(',')}\r\n"60",${names.map(() => '2').join(',')}\r\n120,${names.map(() => '-0.5').join(',')}\r\n\r\n`;
    const r = parseSweepCsv(text);
    expect(r.ok && r.fields).toEqual(['stepSeconds']);
    if (!r.ok) return;
    expect(r.rows.map((x) => x.values)).toEqual([[60], [120]]);
    expect(r.rows[1].kpis.eclipseFraction).toBe(-0.5);
  });

  it('a bad header names line 1 and the column', () => {
    expect(parseSweepCsv(KPI_NAMES.join(','))).toMatchObject({ ok: false, line: 1, column: 1 });
    const unknown = parseSweepCsv(`a.b,${KPI_NAMES.slice(0, 3).join(',')},bogus,${KPI_NAMES.slice(3).join(',')}\n`);
    expect(unknown).toMatchObject({ ok: false, line: 1, column: 5 });
    expect(!unknown.ok && unknown.error).toMatch(/^line 1, column 5: unknown column "bogus"/);
    expect(parseSweepCsv(`a.b,c.d,e.f,${KPI_NAMES.join(',')}\n`)).toMatchObject({ ok: false, line: 1, column: 3 });
    expect(parseSweepCsv(`a.b,9bad,${KPI_NAMES.join(',')}\n`)).toMatchObject({ ok: false, line: 1, column: 2 });
    expect(parseSweepCsv(`a.b,a.b,${KPI_NAMES.join(',')}\n`)).toMatchObject({ ok: false, line: 1, column: 2 });
    const dup = parseSweepCsv(`a.b,${KPI_NAMES.join(',')},satelliteCount\n`);
    expect(dup).toMatchObject({ ok: false, line: 1, column: KPI_NAMES.length + 2 });
    const missing = parseSweepCsv(`a.b,${KPI_NAMES.slice(1).join(',')}\n1,${KPI_NAMES.slice(1).map(() => 1).join(',')}\n`);
    expect(!missing.ok && missing.error).toMatch(/^line 1: missing KPI column: satelliteCount$/);
    expect(parseSweepCsv('')).toMatchObject({ ok: false, line: 1 });
    expect(parseSweepCsv(`${header2}\n`)).toMatchObject({ ok: false, line: 2 });
  });

  it('a bad number names its line and column', () => {
    const badKpi = parseSweepCsv(`${header2}\n${row('500', '20')}\n${row('700', '20').replace(/,1,1$/, ',1,abc')}\n`);
    expect(badKpi).toMatchObject({ ok: false, line: 3, column: 2 + KPI_NAMES.length });
    expect(!badKpi.ok && badKpi.error).toMatch(new RegExp(`^line 3, column \\d+: ${KPI_NAMES[KPI_NAMES.length - 1]}: "abc" is not a number$`));
    // Not numbers for this strict reader: hex, Infinity, spaces.
    for (const v of ['0x10', 'Infinity', ' 5', 'NaN']) expect(parseSweepCsv(`${header2}\n${row(v, '20')}\n`)).toMatchObject({ ok: false, line: 2, column: 1 });
    expect(parseSweepCsv(`${header2}\n${row('500', '')}\n`)).toMatchObject({ ok: false, line: 2, column: 2 });
    // Empty: fine for a nullable KPI, an error for one that always has a value.
    const cells = row('500', '20').split(',');
    cells[col('minSeparationKm') - 1] = '';
    expect(parseSweepCsv(`${header2}\n${cells.join(',')}\n`).ok).toBe(true);
    cells[col('eclipseFraction') - 1] = '';
    expect(parseSweepCsv(`${header2}\n${cells.join(',')}\n`)).toMatchObject({ ok: false, line: 2, column: col('eclipseFraction') });
  });

  it('a wrong column count, a blank line, a duplicate design and bad quoting name the line', () => {
    const width = 2 + KPI_NAMES.length;
    const short = parseSweepCsv(`${header2}\n${row('500', '20')}\n${row('700', '20').replace(/,1$/, '')}\n`);
    expect(short).toMatchObject({ ok: false, line: 3, column: width });
    expect(!short.ok && short.error).toMatch(new RegExp(`row has ${width - 1} columns, the header ${width}`));
    expect(parseSweepCsv(`${header2}\n${row('500', '20')},9\n`)).toMatchObject({ ok: false, line: 2, column: width + 1 });
    expect(parseSweepCsv(`${header2}\n${row('500', '20')}\n\n${row('700', '20')}\n`)).toMatchObject({ ok: false, line: 3 });
    const dup = parseSweepCsv(`${header2}\n${row('500', '20')}\n${row('500.0', '20')}\n`);
    expect(!dup.ok && dup.error).toMatch(/^line 3: design constellation.altitudeKm=500, node.radiatorAreaM2=20 appears twice \(first on line 2\)$/);
    expect(parseSweepCsv(`${header2}\n"500,20\n`)).toMatchObject({ ok: false, line: 2, column: 1 });
    expect(parseSweepCsv(`${header2}\n5"00,${row('1', '20').slice(2)}\n`)).toMatchObject({ ok: false, line: 2, column: 1 });
  });
});
