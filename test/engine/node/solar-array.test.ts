/** Solar array output (effective efficiency) and body-fixed pointing. */
import { describe, expect, it } from 'vitest';
import { normaliseScenario } from '../../../src/engine/input/scenario';
import { bodyFixedPointing, cellTemperatureFactor, effectiveArrayEfficiency, solarPowerW } from '../../../src/engine/node/solar-array';

describe('solar array', () => {
  it('the default array at 1 AU, sun-tracking, by hand: ≈ 27.5 kW at the bus, its class', () => {
    const node = normaliseScenario({ startUtc: '2026-06-21T00:00:00Z', durationHours: 1, stepSeconds: 60, constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 1, satellitesPerPlane: 1 } }).node;
    // 116 m² × 0.22 × 1361 W/m² = 34,732.72 W of cells on the whole area;
    // × 0.90 packing = 31,259.448 W; × 0.97 conversion = 30,321.665 W;
    // cells at 55 °C against a 28 °C rating, −0.35 %/K: 1 − 0.0035 × 27 = 0.9055 → 27,456.27 W.
    const p = solarPowerW(node.solarArrayAreaM2, effectiveArrayEfficiency(node), 1361, 1, 1);
    expect(p).toBeCloseTo(27_456.27, 0);
    // The class: Starlink V2 mini ≈27–28 kW from ≈116–120 m² (ECONOMICS.md, FCC-filing summaries).
    expect(p).toBeGreaterThan(27_000);
    expect(p).toBeLessThan(28_500);
    expect(solarPowerW(105, effectiveArrayEfficiency(node), 1361, 0, 1)).toBe(0);
  });
  it('temperature derate with a published coefficient (NREL SAM CEC library, Ablytek 6MN6A270, mono-Si)', () => {
    // γ_Pmp = −0.4509 %/K, rated at 25 °C; at its NOCT cell temperature 47.4 °C:
    // 1 − 0.004509 × 22.4 = 1 − 0.1010016 = 0.8989984.
    expect(cellTemperatureFactor(-0.004509, 47.4, 25)).toBeCloseTo(0.8989984, 7);
    // Cold cells gain, and a derate never turns the output negative.
    expect(cellTemperatureFactor(-0.0035, 8, 28)).toBeCloseTo(1.07, 12);
    expect(cellTemperatureFactor(-0.01, 200, 28)).toBe(0);
  });
  it('η_eff multiplies its factors', () => {
    const eta = effectiveArrayEfficiency({
      solarCellEfficiency: 0.3,
      solarArrayPackingFactor: 0.8,
      solarArrayConversionEfficiency: 0.5,
      solarCellTempCoefficientPerK: -0.002,
      solarCellOperatingTemperatureC: 78,
      solarCellReferenceTemperatureC: 28,
    });
    expect(eta).toBeCloseTo(0.3 * 0.8 * 0.5 * 0.9, 12);
  });
  it('body-fixed pointing is the cosine of the Sun to the orbit normal, clipped at 0', () => {
    // r along x, v along y → h along +z.
    expect(bodyFixedPointing(7000, 0, 0, 0, 7.5, 0, 0, 0, 1, 1)).toBeCloseTo(1, 12);
    expect(bodyFixedPointing(7000, 0, 0, 0, 7.5, 0, 0, Math.SQRT1_2, Math.SQRT1_2, 1)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(bodyFixedPointing(7000, 0, 0, 0, 7.5, 0, 0, 0, -1, 1)).toBe(0);
    expect(bodyFixedPointing(7000, 0, 0, 0, 7.5, 0, 0, 0, -1, -1)).toBeCloseTo(1, 12);
  });
});
