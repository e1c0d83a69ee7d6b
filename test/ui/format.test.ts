// The one number formatter (src/ui/format.ts): expected strings written by
// hand from the scheme in its header (4 significant figures, en-US grouping,
// engineering prefixes on the base unit, money grouped below $1 M).
import { describe, expect, it } from 'vitest';
import { formatCompact, formatKpi, formatKpiDelta, formatNumber, formatPercent, formatQuantity, formatWithUnit } from '../../src/ui/format';
import { KPI_NAMES } from '../../src/engine/output/result';

describe('formatNumber', () => {
  it('keeps 4 significant figures, groups thousands and never drops integer digits', () => {
    expect(formatNumber(130948.8)).toBe('130,949');
    expect(formatNumber(1234.5)).toBe('1,235'); // 4 significant: 1234.5 → 1235 (round half up of .5 in toPrecision)
    expect(formatNumber(27.456)).toBe('27.46');
    expect(formatNumber(27.5)).toBe('27.5'); // no trailing zero
    expect(formatNumber(0.61171)).toBe('0.6117');
    expect(formatNumber(0.001234)).toBe('0.001234');
    expect(formatNumber(80)).toBe('80');
    expect(formatNumber(30000)).toBe('30,000');
    expect(formatNumber(433_469_369.346)).toBe('433,469,369');
    expect(formatNumber(0)).toBe('0');
  });

  it('writes negatives with a true minus and tiny or huge magnitudes in scientific notation', () => {
    expect(formatNumber(-82.35)).toBe('−82.35');
    expect(formatNumber(0.000123456)).toBe('1.235 × 10⁻⁴');
    expect(formatNumber(2.5e16)).toBe('2.5 × 10¹⁶');
    expect(formatNumber(Number.NaN)).toBe('—');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('—');
  });

  it('rounds a value that becomes 10^sig to the next integer form', () => {
    expect(formatNumber(9999.6)).toBe('10,000');
    expect(formatNumber(3.14159, 3)).toBe('3.14');
  });
});

describe('formatQuantity', () => {
  it('scales FLOPS to engineering prefixes on the base unit', () => {
    // 130,948.8 PFLOPS = 1.309488e20 FLOPS = 130.9488 EFLOPS.
    expect(formatQuantity(130948.8, 'PFLOPS')).toEqual({ value: '130.9', unit: 'EFLOPS', text: '130.9 EFLOPS' });
    // 17,900,000 PFLOPS (the example) = 1.79e22 FLOPS = 17.9 ZFLOPS.
    expect(formatWithUnit(17_900_000, 'PFLOPS')).toBe('17.9 ZFLOPS');
    expect(formatWithUnit(4653, 'PFLOPS')).toBe('4.653 EFLOPS');
    expect(formatWithUnit(0.5, 'PFLOPS')).toBe('500 TFLOPS');
    expect(formatWithUnit(91800, 'TFLOPS')).toBe('91.8 PFLOPS');
    expect(formatWithUnit(0, 'PFLOPS')).toBe('0 PFLOPS');
  });

  it('scales power, energy, data and rates', () => {
    expect(formatWithUnit(27456, 'W')).toBe('27.46 kW');
    expect(formatWithUnit(5e9, 'W')).toBe('5 GW');
    expect(formatWithUnit(48000, 'kWh')).toBe('48 MWh');
    expect(formatWithUnit(229_000, 'kWh')).toBe('229 MWh');
    expect(formatWithUnit(12345, 'GB')).toBe('12.35 TB');
    expect(formatWithUnit(1600, 'Gbps')).toBe('1.6 Tbps');
    // 999.96 kW rounds to 1000 kW at 4 figures: shown as 1 MW, not "1,000 kW".
    expect(formatWithUnit(999_960, 'W')).toBe('1 MW');
  });

  it('shows kilometres below 1 km in metres, and never scales km up', () => {
    expect(formatWithUnit(0.15, 'km')).toBe('150 m');
    expect(formatWithUnit(7000, 'km')).toBe('7,000 km');
  });

  it('groups money up to a million, then $ M / B / T, per-unit money with its unit', () => {
    expect(formatWithUnit(123456, '$')).toBe('$123,456');
    expect(formatWithUnit(433_469_369, '$')).toBe('$433.5 M');
    expect(formatWithUnit(2.5e9, '$')).toBe('$2.5 B');
    expect(formatWithUnit(3600, '$/kg')).toBe('$3,600/kg');
    expect(formatWithUnit(14786.3, '$/kW/yr')).toBe('$14,786/kW/yr');
    expect(formatWithUnit(-1200, '$')).toBe('−$1,200');
    expect(formatQuantity(433_469_369, '$')).toEqual({ value: '$433.5 M', unit: '', text: '$433.5 M' });
  });

  it('keeps kg below 10 t, then tonnes', () => {
    expect(formatWithUnit(1492, 'kg')).toBe('1,492 kg');
    expect(formatWithUnit(119_360, 'kg')).toBe('119.4 t');
  });

  it('keeps units that take no prefix', () => {
    expect(formatWithUnit(45.27, '°C')).toBe('45.27 °C');
    expect(formatWithUnit(-82.1, '°C')).toBe('−82.1 °C');
    expect(formatWithUnit(96.5, 'min/sat/day')).toBe('96.5 min/sat/day');
    expect(formatWithUnit(116, 'm²')).toBe('116 m²');
  });

  it('signs differences on request', () => {
    expect(formatQuantity(1234, 'PFLOPS', { signed: true }).text).toBe('+1.234 EFLOPS');
    expect(formatQuantity(-1234, 'PFLOPS', { signed: true }).text).toBe('−1.234 EFLOPS');
    expect(formatQuantity(2e6, '$', { signed: true }).text).toBe('+$2 M');
  });
});

describe('percentages and KPIs', () => {
  it('writes shares as percentages with 3 significant figures', () => {
    expect(formatPercent(0.3723)).toBe('37.2 %');
    expect(formatPercent(0.0054)).toBe('0.54 %');
    expect(formatPercent(1)).toBe('100 %');
    expect(formatQuantity(0.35, '%').text).toBe('35 %');
  });

  it('formats every KPI one way: the KPI card, the comparison table and the design list read the same text', () => {
    expect(formatKpi('meanUsableComputePflops', 130948.8).text).toBe('130.9 EFLOPS');
    expect(formatKpi('eclipseFraction', 0.37215)).toEqual({ value: '37.2', unit: '%', text: '37.2 %' });
    expect(formatKpi('batteryCapacityFadePerYear', 0.011).text).toBe('1.1 %/year');
    expect(formatKpi('satelliteCount', 30000).text).toBe('30,000');
    expect(formatKpi('costPerPflopHourUsd', 12.3456).text).toBe('$12.35/PFLOP·h');
    expect(formatKpi('spaceToGroundCostRatio', 4.5678).text).toBe('4.57×');
    expect(formatKpi('energyUnmetKWh', 229_000).text).toBe('229 MWh');
    expect(formatKpi('minSeparationKm', null)).toEqual({ value: '—', unit: 'km', text: '—' });
    expect(formatWithUnit(Number.NaN, '$')).toBe('—');
    for (const name of KPI_NAMES) expect(formatKpi(name, 1).value, name).not.toBe('—');
  });

  it('writes differences to a baseline: shares in percentage points, others signed with the relative change', () => {
    expect(formatKpiDelta('eclipseFraction', 0.3, 0.35)).toBe('−5 pp');
    // 84,990 − 130,949 = −45,959 PFLOPS = −45.96 EFLOPS; −45,959 / 130,949 = −35.1 % → 2 figures "35".
    expect(formatKpiDelta('meanUsableComputePflops', 84990, 130949)).toBe('−45.96 EFLOPS (−35 %)');
    expect(formatKpiDelta('satelliteCount', 120, 80)).toBe('+40 (+50 %)');
    expect(formatKpiDelta('satelliteCount', 80, 80)).toBe('±0');
    expect(formatKpiDelta('energyUnmetKWh', 5, 0)).toBe('+5 kWh');
  });
});

describe('formatCompact (axis ticks)', () => {
  it('suffixes from 1,000', () => {
    expect(formatCompact(130949)).toBe('131k');
    expect(formatCompact(2500)).toBe('2.5k');
    expect(formatCompact(999)).toBe('999');
    expect(formatCompact(-2.5e6)).toBe('−2.5M');
    expect(formatCompact(0.25)).toBe('0.25');
  });
});
