/**
 * Orbit maintenance: drag ΔV, decay, B*, propellant and formation ΔV against hand calculations
 * (written out below) and against the ECONOMICS.md reference ranges.
 * Constants used by hand: μ = 398,600.8 km³/s², R⊕ = 6,378.135 km (WGS72), year = 365.25 d
 * = 31,557,600 s, C_D = 2.2.
 */
import { describe, expect, it } from 'vitest';
import {
  bstarPerEarthRadius,
  DEFAULT_DRAG_COEFFICIENT,
  dragAccelerationMPerS2,
  formationDeltaVMPerSPerYear,
  NATURAL_DECAY_CAP_YEARS,
  naturalDecayYears,
  propellantKg,
  REENTRY_ALTITUDE_KM,
  stationKeepingDeltaVMPerSPerYear as dv,
} from '../../../src/engine/environment/orbit-maintenance';

const CD = DEFAULT_DRAG_COEFFICIENT;

describe('station-keeping ΔV = ½ ρ v² C_D (A/m) × one year', () => {
  it('matches the hand calculation at 550 km, moderate activity, A/m = 0.01 m²/kg', () => {
    // ρ(550, moderate) = √(4.77e-13 × 3.58e-13) = 4.13238e-13 kg/m³ (CIRA-2012 rows 540/560 km)
    // v² = 398600.8e9 / 6,928,135 m = 5.75336e7 m²/s²
    // a_D = ½ · 4.13238e-13 · 5.75336e7 · 2.2 · 0.01 = 2.61526e-7 m/s²
    // ΔV = 2.61526e-7 · 31,557,600 = 8.2531 m/s per year
    expect(CD).toBe(2.2);
    expect(dragAccelerationMPerS2(550, 0.01, CD, 'mid') / 2.61526e-7).toBeCloseTo(1, 4);
    expect(dv(550, 0.01, CD, 'mid')).toBeCloseTo(8.2531, 3);
  });

  it('is more than 5× larger at 400 km than at 650 km (same A/m and activity)', () => {
    // By hand, moderate: 400 km ρ = 4.22e-12 → 86.15 m/s/yr; 650 km ρ = 1.05527e-13 → 2.0776 m/s/yr; ratio 41.5.
    expect(dv(400, 0.01, CD, 'mid')).toBeCloseTo(86.146, 2);
    expect(dv(650, 0.01, CD, 'mid')).toBeCloseTo(2.0776, 3);
    for (const a of ['low', 'mid', 'high'] as const) {
      expect(dv(400, 0.01, CD, a) / dv(650, 0.01, CD, a)).toBeGreaterThan(5);
    }
  });

  it('brackets the ECONOMICS.md drag ΔV ranges (C_D 2.2, NRLMSISE-00 solar min–max)', () => {
    // ECONOMICS.md: 550 km: 2–24 m/s/yr at A/m 0.01, 10–120 at 0.05; 650 km: 0.3–7 at 0.01, 1.5–34 at 0.05.
    // CIRA-2012's low column is a deeper solar minimum and its high column a stronger maximum than
    // the densities behind that row, so our low..high span must contain the row's span, and the
    // moderate value must fall inside it. (Ours: 550 km 0.46–34.0, moderate 8.25; 650 km 0.13–11.4, moderate 2.08.)
    const rows: Array<[number, number, number, number]> = [
      [550, 0.01, 2, 24],
      [550, 0.05, 10, 120],
      [650, 0.01, 0.3, 7],
      [650, 0.05, 1.5, 34],
    ];
    for (const [h, am, lo, hi] of rows) {
      expect(dv(h, am, CD, 'low')).toBeLessThan(lo);
      expect(dv(h, am, CD, 'high')).toBeGreaterThan(hi);
      expect(dv(h, am, CD, 'mid')).toBeGreaterThan(lo);
      expect(dv(h, am, CD, 'mid')).toBeLessThan(hi);
    }
  });
});

describe('natural decay: ∫ dh / (√(μa) ρ C_D A/m) down to 120 km', () => {
  it('matches the closed form over one exponential table row (140 → 120 km, moderate)', () => {
    // Between the 120 and 140 km rows ρ is exponential with H = 20 km / ln(2.40e-8 / 3.98e-9) = 11.1311 km.
    // ∫ dh/ρ = H (1/ρ(140) − 1/ρ(120)) = 11,131.1 m · (2.51256e8 − 4.16667e7) = 2.33296e12 m⁴/kg
    // √(μ a) at 130 km = √(3.986008e14 · 6,508,135) = 5.09328e10 m²/s; C_D A/m = 0.022 m²/kg
    // t = 2.33296e12 / (5.09328e10 · 0.022) = 2,082.0 s = 6.5976e-5 years
    expect(REENTRY_ALTITUDE_KM).toBe(120);
    expect(naturalDecayYears(140, 0.01, CD, 'mid') / 6.5976e-5).toBeCloseTo(1, 2);
  });

  it('is roughly the ECONOMICS.md rule of thumb (≈5 yr from 500 km, ≈25 yr from 600 km), within its spread', () => {
    // The rule of thumb is secondary and for an unstated ballistic coefficient and solar cycle, so
    // it is checked loosely: (1) the ratio 600 km / 500 km, which does not depend on A/m, is ≈5
    // within a factor of 2; (2) at A/m 0.01 the reference values lie between our high- and
    // low-activity decay times; (3) at moderate activity the reference is met within a factor of 2
    // at A/m 0.004 m²/kg (m/(C_D A) ≈ 114 kg/m²). At A/m 0.01 and moderate activity this model
    // gives 2.0 and 9.1 years, 2.5–2.7× shorter than the rule of thumb.
    const ratio = naturalDecayYears(600, 0.01, CD, 'mid') / naturalDecayYears(500, 0.01, CD, 'mid');
    expect(ratio).toBeGreaterThan(2.5);
    expect(ratio).toBeLessThan(10);
    for (const [h, ref] of [
      [500, 5],
      [600, 25],
    ]) {
      expect(naturalDecayYears(h, 0.01, CD, 'high')).toBeLessThan(ref);
      expect(naturalDecayYears(h, 0.01, CD, 'low')).toBeGreaterThan(ref);
      const mid = naturalDecayYears(h, 0.004, CD, 'mid');
      expect(mid).toBeGreaterThan(ref / 2);
      expect(mid).toBeLessThan(ref * 2);
    }
  });

  it('scales as 1/(C_D A/m), is 0 at or below re-entry, and is capped for long-lived orbits', () => {
    const base = naturalDecayYears(550, 0.01, CD, 'mid');
    expect(naturalDecayYears(550, 0.02, CD, 'mid') / base).toBeCloseTo(0.5, 9);
    expect(naturalDecayYears(120, 0.01, CD, 'mid')).toBe(0);
    expect(naturalDecayYears(90, 0.01, CD, 'mid')).toBe(0);
    expect(naturalDecayYears(2000, 0.01, CD, 'mid')).toBe(NATURAL_DECAY_CAP_YEARS);
    // Decay is slower at solar minimum and from higher up.
    expect(naturalDecayYears(550, 0.01, CD, 'low')).toBeGreaterThan(base);
    expect(naturalDecayYears(600, 0.01, CD, 'mid')).toBeGreaterThan(base);
  });
});

describe('SGP4 B* = C_D (A/m) ρ₀ / 2', () => {
  it('derives ρ₀ from the 120 km reference density (Vallado et al. 2006) for A/m 0.01, C_D 2.2', () => {
    // ρ₀ = 2.461e-8 kg/m³ × 6,378,135 m per Earth radius = 0.156966 kg/(m²·ER)
    // B* = 2.2 · 0.01 · 0.156966 / 2 = 1.72663e-3 per Earth radius
    expect(bstarPerEarthRadius(0.01, 2.2) / 1.72663e-3).toBeCloseTo(1, 4);
  });
});

describe('propellant from the rocket equation', () => {
  it('needs one dry mass of propellant for ΔV = I_sp g₀ ln 2', () => {
    // 300 s · 9.80665 m/s² · 0.693147 = 2,039.24 m/s → m_prop = m_dry (e^(ln 2) − 1) = m_dry.
    expect(propellantKg(1000, 2039.2355, 300)).toBeCloseTo(1000, 2);
  });
  it('matches a small-ΔV case by hand', () => {
    // 575 kg, 50 m/s, 1,500 s: 575 · (e^(50/14,709.975) − 1) = 575 · 0.0034049 = 1.9578 kg
    expect(propellantKg(575, 50, 1500)).toBeCloseTo(1.9578, 3);
    expect(propellantKg(575, 0, 1500)).toBe(0);
  });
});

describe('formation differential drag', () => {
  it('is the drag ΔV of the A/m difference', () => {
    // 650 km, moderate: 2.0776 m/s/yr per 0.01 m²/kg, so 0.010 vs 0.012 → 0.2 × 2.0776 = 0.41552 m/s/yr.
    expect(formationDeltaVMPerSPerYear(650, 0.01, 0.012, CD, 'mid')).toBeCloseTo(0.41552, 4);
    expect(formationDeltaVMPerSPerYear(650, 0.012, 0.01, CD, 'mid')).toBeCloseTo(0.41552, 4);
    expect(formationDeltaVMPerSPerYear(650, 0.01, 0.01, CD, 'mid')).toBe(0);
  });
});
