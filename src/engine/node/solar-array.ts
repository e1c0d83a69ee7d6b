/**
 * Solar array: electrical output of the node's array.
 *   P = A · η · S · illumination · pointing
 * P in W, A array area (m²), η cell efficiency, S solar flux at the satellite
 * (W/m², 1361 W/m² / d² — orbit/sun.ts), illumination = 1 − shadow fraction,
 * pointing = 1 for a sun-tracking array, max(0, cos incidence) for a
 * body-fixed one. Source: shared PHYSICS.md ("Reference designs": 105 m² of
 * 22 % cells ≈ 28 kW with losses).
 */

/** Solar array output (W). */
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
