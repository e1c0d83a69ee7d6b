/**
 * Levelised cost against hand values: the capital recovery factor, a
 * constant-flow case in closed form, and the break-even launch price.
 */
import { describe, expect, it } from 'vitest';
import { breakEvenLaunchUsdPerKg, capitalRecoveryFactor, levelisedCost, presentValue } from '../../../src/engine/cost/levelised-cost';

describe('levelised cost', () => {
  it('capital recovery factor: r = 7 %, 5 years → 0.243891 (1.07⁵ = 1.402552; 0.07 · 1.402552 / 0.402552)', () => {
    expect(capitalRecoveryFactor(0.07, 5)).toBeCloseTo(0.243891, 6);
    expect(capitalRecoveryFactor(0, 4)).toBe(0.25);
  });

  it('constant flows: (C · CRF + O) / D — C $1,000, O $100/yr, D 10 PFLOP-h/yr, 7 %, 5 years → $34.389', () => {
    const c = levelisedCost(0.07, 1000, [100, 100, 100, 100, 100], [10, 10, 10, 10, 10]);
    expect(c.usdPerPflopHour).toBeCloseTo((1000 * 0.243891 + 100) / 10, 3);
    // Σ 1.07^−y for y = 1…5 = 4.100197
    expect(presentValue(0.07, [1, 1, 1, 1, 1])).toBeCloseTo(4.100197, 6);
  });

  it('nothing delivered: no cost per PFLOP-hour (null, never NaN or Infinity)', () => {
    expect(levelisedCost(0.07, 1000, [0], [0]).usdPerPflopHour).toBeNull();
  });

  it('break-even launch price: p* = (T · D − C_other − O) / M; none when even free launch is dearer', () => {
    // Ground $2/PFLOP-h; space without launch: capital $600, ops PV $100, delivered PV 1,000 PFLOP-h; 2 kg launched:
    // p* = (2 · 1000 − 600 − 100) / 2 = $650/kg.
    expect(breakEvenLaunchUsdPerKg(2, { capitalUsd: 600, operationsPvUsd: 100, deliveredPvPflopHours: 1000 }, 2)).toBe(650);
    expect(breakEvenLaunchUsdPerKg(0.5, { capitalUsd: 600, operationsPvUsd: 100, deliveredPvPflopHours: 1000 }, 2)).toBeNull();
    expect(breakEvenLaunchUsdPerKg(null, { capitalUsd: 600, operationsPvUsd: 100, deliveredPvPflopHours: 1000 }, 2)).toBeNull();
  });
});
