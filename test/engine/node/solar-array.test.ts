/** Solar array output and body-fixed pointing. */
import { describe, expect, it } from 'vitest';
import { bodyFixedPointing, solarPowerW } from '../../../src/engine/node/solar-array';

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
