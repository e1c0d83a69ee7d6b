/**
 * Solar array: electrical output of the node's array delivered to the bus.
 *   P = A · η_eff · S · illumination · pointing                       (W)
 *   η_eff = η_cell · f_pack · η_conv · max(0, 1 + γ · (T_cell − T_ref))
 * A array area (m²), η_cell cell efficiency at the rating temperature T_ref
 * (AM0), f_pack packing factor (cell area / array area), η_conv power
 * conversion and harness efficiency (array regulator + wiring to the bus),
 * γ temperature coefficient of the cell's maximum power (1/K, negative),
 * T_cell operating cell temperature in sunlight (°C). S solar flux at the
 * satellite (W/m², 1361 W/m² / d² — orbit/sun.ts), illumination = 1 − shadow
 * fraction, pointing = 1 for a sun-tracking array, max(0, cos incidence) for
 * a body-fixed one.
 * Default node (105 m², 22 %, f_pack 0.90, η_conv 0.97, γ −0.35 %/K,
 * 55 °C vs 28 °C): 105 · 0.22 · 1361 · 0.90 · 0.97 · 0.9055 ≈ 24.9 kW at 1 AU.
 * Sources: docs/reference/power-sources.md ("Solar array"),
 * docs/reference/PHYSICS.md ("Reference designs": 90 % fill).
 */

/** Array parameters behind the effective efficiency (fractions, 1/K, °C). */
export interface ArrayLossParams {
  solarCellEfficiency: number;
  solarArrayPackingFactor: number;
  solarArrayConversionEfficiency: number;
  solarCellTempCoefficientPerK: number;
  solarCellOperatingTemperatureC: number;
  solarCellReferenceTemperatureC: number;
}

/** Temperature factor of cell power, 1 + γ (T − T_ref), never below 0. */
export function cellTemperatureFactor(tempCoefficientPerK: number, cellTempC: number, referenceTempC: number): number {
  const f = 1 + tempCoefficientPerK * (cellTempC - referenceTempC);
  return f > 0 ? f : 0;
}

/** Effective array efficiency η_eff (fraction of the incident flux on the array area that reaches the bus). */
export function effectiveArrayEfficiency(p: ArrayLossParams): number {
  return (
    p.solarCellEfficiency *
    p.solarArrayPackingFactor *
    p.solarArrayConversionEfficiency *
    cellTemperatureFactor(p.solarCellTempCoefficientPerK, p.solarCellOperatingTemperatureC, p.solarCellReferenceTemperatureC)
  );
}

/** Solar array output (W); `efficiency` is the effective efficiency η_eff. */
export function solarPowerW(areaM2: number, efficiency: number, fluxWPerM2: number, illumination: number, pointing: number): number {
  return areaM2 * efficiency * fluxWPerM2 * illumination * pointing;
}

/**
 * Body-fixed array attitude: the array normal lies along the orbit normal
 * ĥ = (r × v)/|r × v| (TEME), on the side that faces the Sun at the scenario
 * start (`side` = ±1), fixed in the orbit frame thereafter. Pointing factor =
 * max(0, side · ĥ · ŝ) = max(0, side · sin β) — ideal for dawn-dusk orbits.
 * r (km), v (km/s) and s (any length) in the same frame; result in [0, 1].
 */
export function bodyFixedPointing(
  rx: number, ry: number, rz: number,
  vx: number, vy: number, vz: number,
  sx: number, sy: number, sz: number,
  side: number,
): number {
  const hx = ry * vz - rz * vy;
  const hy = rz * vx - rx * vz;
  const hz = rx * vy - ry * vx;
  const hn = Math.sqrt(hx * hx + hy * hy + hz * hz);
  const sn = Math.sqrt(sx * sx + sy * sy + sz * sz);
  if (hn === 0 || sn === 0) return 0;
  const c = (side * (hx * sx + hy * sy + hz * sz)) / (hn * sn);
  return c > 0 ? c : 0;
}
