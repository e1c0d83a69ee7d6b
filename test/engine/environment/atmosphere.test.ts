/**
 * Atmosphere density: the CIRA-2012 rows as published, interpolation and extrapolation by hand,
 * and a cross-check against an independent table (Vallado 2013, Table 8-4, mean conditions).
 */
import { describe, expect, it } from 'vitest';
import {
  ATMOSPHERE_TABLE_TOP_KM,
  atmosphereDensityKgPerM3 as rho,
  SOLAR_ACTIVITIES,
} from '../../../src/engine/environment/atmosphere';

describe('CIRA-2012 rows (cira-2012.dat: low, moderate, high long-term columns)', () => {
  it('returns the published densities at table altitudes', () => {
    // Rows copied from the source table (kg/m³): altitude → [low, med, high-long].
    const rows: Array<[number, number, number, number]> = [
      [100, 5.31e-7, 5.47e-7, 5.44e-7],
      [200, 1.47e-10, 3.17e-10, 4.1e-10],
      [400, 4.63e-13, 4.22e-12, 1.09e-11],
      [500, 5.44e-14, 8.6e-13, 3.04e-12],
      [600, 1.14e-14, 2.06e-13, 9.82e-13],
      [700, 4.5e-15, 5.6e-14, 3.47e-13],
      [900, 1.65e-15, 8.01e-15, 5.49e-14],
    ];
    for (const [h, low, mid, high] of rows) {
      expect(rho(h, 'low') / low).toBeCloseTo(1, 12);
      expect(rho(h, 'mid') / mid).toBeCloseTo(1, 12);
      expect(rho(h, 'high') / high).toBeCloseTo(1, 12);
    }
  });

  it('interpolates log-linearly: half way between rows is the geometric mean', () => {
    // 550 km, moderate: √(4.77e-13 × 3.58e-13) = √(1.70766e-25) = 4.13239e-13 kg/m³.
    expect(rho(550, 'mid') / 4.13239e-13).toBeCloseTo(1, 5);
    // 650 km, low: √(7.41e-15 × 6.16e-15) = √(4.56456e-29) = 6.75615e-15 kg/m³.
    expect(rho(650, 'low') / 6.75615e-15).toBeCloseTo(1, 5);
    // A quarter of the way, 405 km high: 1.09e-11 · (8.32e-12/1.09e-11)^0.25 = 1.09e-11 · 0.934704 = 1.01883e-11.
    expect(rho(405, 'high') / 1.01883e-11).toBeCloseTo(1, 4);
  });

  it('extrapolates above 900 km with Vallado Table 8-4 scale heights (181.05 km, then 268 km)', () => {
    expect(ATMOSPHERE_TABLE_TOP_KM).toBe(900);
    // 1,000 km moderate: 8.01e-15 · e^(−100/181.05) = 8.01e-15 · 0.575605 = 4.61060e-15.
    expect(rho(1000, 'mid') / 4.6106e-15).toBeCloseTo(1, 4);
    // 1,500 km moderate: 4.61060e-15 · e^(−500/268) = 4.61060e-15 · 0.154792 = 7.13684e-16.
    expect(rho(1500, 'mid') / 7.13684e-16).toBeCloseTo(1, 4);
    // 2,000 km low: 1.65e-15 · 0.575605 · e^(−1000/268) = 1.65e-15 · 0.575605 · 0.0239606 = 2.27566e-17.
    expect(rho(2000, 'low') / 2.27566e-17).toBeCloseTo(1, 4);
  });

  it('clamps below 100 km to the 100 km row', () => {
    expect(rho(80, 'mid')).toBe(rho(100, 'mid'));
    expect(rho(-5, 'low')).toBe(5.31e-7);
  });
});

describe('shape of the model', () => {
  it('orders low < moderate < high from 120 to 2,000 km (at 100 km the published columns cross)', () => {
    for (let h = 120; h <= 2000; h += 10) {
      expect(rho(h, 'low')).toBeLessThan(rho(h, 'mid'));
      expect(rho(h, 'mid')).toBeLessThan(rho(h, 'high'));
    }
  });

  it('decreases strictly with altitude for every activity, and stays positive', () => {
    for (const a of SOLAR_ACTIVITIES) {
      let prev = rho(100, a);
      for (let h = 101; h <= 2000; h += 1) {
        const r = rho(h, a);
        expect(r).toBeGreaterThan(0);
        expect(r).toBeLessThan(prev);
        prev = r;
      }
    }
  });

  it('spans the solar cycle by more than 10× at 500 km (high / low = 3.04e-12 / 5.44e-14 = 55.9)', () => {
    expect(rho(500, 'high') / rho(500, 'low')).toBeCloseTo(55.88, 1);
  });
});

describe('cross-check: Vallado, Fundamentals of Astrodynamics (4th ed.), Table 8-4 exponential model', () => {
  // Vallado's base densities (mean conditions, CIRA-72 based): ρ₀ at the base altitude.
  const vallado: Array<[number, number]> = [
    [300, 2.418e-11],
    [400, 3.725e-12],
    [500, 6.967e-13],
    [600, 1.454e-13],
    [700, 3.614e-14],
    [800, 1.17e-14],
    [900, 5.245e-15],
  ];
  it('lies between the low and high columns and within a factor of 2 of the moderate one', () => {
    for (const [h, v] of vallado) {
      expect(v).toBeGreaterThan(rho(h, 'low'));
      expect(v).toBeLessThan(rho(h, 'high'));
      const ratio = rho(h, 'mid') / v;
      expect(ratio).toBeGreaterThan(0.5);
      expect(ratio).toBeLessThan(2);
    }
  });
});
