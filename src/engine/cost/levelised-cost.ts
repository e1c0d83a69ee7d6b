/**
 * Levelised cost of delivered compute ($ per PFLOP-hour), in orbit and on the
 * ground, and the launch price at which they are equal.
 *
 *   DF_y = (1 + r)^−y                          (end of year y = 1…L; capital at y = 0)
 *   LCOC = (C₀ + Σ_y O_y DF_y) / (Σ_y D_y DF_y)  (C₀ capital, O_y spending in year y, D_y PFLOP-hours delivered)
 *
 * With D and O constant this is (C₀ · CRF + O) / D, CRF = r(1+r)^L / ((1+r)^L − 1)
 * (the capital recovery factor; docs/reference/ECONOMICS.md "Levelised cost of compute").
 * Space: C₀ = launch (p · M) + accelerators + the rest of the satellites;
 * O_y = operations + ground-station minutes. Ground: C₀ = build per MW of IT
 * load + the same accelerators; O_y = electricity for IT load × utilisation ×
 * PUE. Both deliver installed × alive × utilisation (space: usable, from the
 * simulation, instead of installed).
 * Break-even launch price: LCOC_space(p) = (A + p·M·Σ…)/D is linear in p, so
 * p* = (T · D_disc − (C₀ − launch) − O_disc) / M; none when p* < 0 (the
 * satellites cost more than the ground even with free launch) or nothing is delivered.
 */

/** Discount factor of year y (end of year) at rate r. */
export function discountFactor(rate: number, year: number): number {
  return Math.pow(1 + rate, -year);
}

/** Capital recovery factor r(1+r)^L / ((1+r)^L − 1); 1/L at r = 0. */
export function capitalRecoveryFactor(rate: number, years: number): number {
  if (rate === 0) return 1 / years;
  const g = Math.pow(1 + rate, years);
  return (rate * g) / (g - 1);
}

/** Σ_y x[y] · DF_{y+1} (x[0] is year 1). */
export function presentValue(rate: number, perYear: ArrayLike<number>): number {
  let pv = 0;
  for (let y = 0; y < perYear.length; y++) pv += perYear[y] * discountFactor(rate, y + 1);
  return pv;
}

export interface LevelisedCost {
  capitalUsd: number;
  /** Present value of the yearly spending. */
  operationsPvUsd: number;
  /** Present value of the PFLOP-hours delivered. */
  deliveredPvPflopHours: number;
  /** $ per PFLOP-hour; null when nothing is delivered. */
  usdPerPflopHour: number | null;
}

/** LCOC of a capital outlay, yearly spending and yearly delivery (header). */
export function levelisedCost(rate: number, capitalUsd: number, spendingUsdPerYear: ArrayLike<number>, deliveredPflopHoursPerYear: ArrayLike<number>): LevelisedCost {
  const operationsPvUsd = presentValue(rate, spendingUsdPerYear);
  const deliveredPvPflopHours = presentValue(rate, deliveredPflopHoursPerYear);
  return {
    capitalUsd,
    operationsPvUsd,
    deliveredPvPflopHours,
    usdPerPflopHour: deliveredPvPflopHours > 0 ? (capitalUsd + operationsPvUsd) / deliveredPvPflopHours : null,
  };
}

/**
 * Launch price ($/kg) at which the space cost per PFLOP-hour equals
 * `groundUsdPerPflopHour`; `launchMassKg` is the mass launched, `otherSpace`
 * the space cost without launch. Null when no price ≥ 0 reaches it.
 */
export function breakEvenLaunchUsdPerKg(
  groundUsdPerPflopHour: number | null,
  otherSpace: { capitalUsd: number; operationsPvUsd: number; deliveredPvPflopHours: number },
  launchMassKg: number,
): number | null {
  if (groundUsdPerPflopHour === null || !(otherSpace.deliveredPvPflopHours > 0) || !(launchMassKg > 0)) return null;
  const p = (groundUsdPerPflopHour * otherSpace.deliveredPvPflopHours - otherSpace.capitalUsd - otherSpace.operationsPvUsd) / launchMassKg;
  return p >= 0 && Number.isFinite(p) ? p : null;
}
