/**
 * Electrical power: solar array generation and battery energy bookkeeping.
 * Energies in J, powers in W, time in s.
 */

/**
 * Solar array output (W): P = A · η · S · illumination · pointing.
 * A array area (m²), η cell efficiency, S solar flux (W/m²), illumination =
 * 1 − shadow fraction, pointing = 1 for a sun-tracking array, cos(incidence)
 * clipped at 0 for a body-fixed one.
 */
export function solarPowerW(areaM2: number, efficiency: number, fluxWPerM2: number, illumination: number, pointing: number): number {
  return areaM2 * efficiency * fluxWPerM2 * illumination * pointing;
}

/**
 * Body-fixed array attitude: the array normal lies along the orbit normal
 * ĥ = (r × v)/|r × v| (TEME), on the side that faces the Sun at the scenario
 * start (`side` = ±1), fixed in the orbit frame thereafter. Pointing factor =
 * max(0, side · ĥ · ŝ) = max(0, side · sin β) — ideal for dawn-dusk orbits.
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

/** Battery parameters derived once per scenario (J, fractions). */
export interface BatteryParams {
  capacityJ: number;
  floorJ: number;
  /** One-way efficiencies: charge and discharge each √(round trip). */
  chargeEfficiency: number;
  dischargeEfficiency: number;
}

export function batteryParams(capacityKWh: number, minStateOfCharge: number, roundTripEfficiency: number): BatteryParams {
  const capacityJ = capacityKWh * 3.6e6;
  const oneWay = Math.sqrt(roundTripEfficiency);
  return { capacityJ, floorJ: capacityJ * minStateOfCharge, chargeEfficiency: oneWay, dischargeEfficiency: oneWay };
}

/** Power (W) the battery can deliver at its terminals for `dtS` without going below its floor. */
export function batteryDischargeLimitW(socJ: number, b: BatteryParams, dtS: number): number {
  const usable = socJ - b.floorJ;
  return usable > 0 ? (usable * b.dischargeEfficiency) / dtS : 0;
}

/**
 * Outcome of one step of the power bus, written into a reusable record.
 * Energy balance: generated = delivered + curtailed + losses + Δstored (J).
 */
export interface BusStep {
  socJ: number;
  deliveredJ: number;
  curtailedJ: number;
  lossJ: number;
  unmetJ: number;
}

/**
 * Power bus over one step: the array feeds the load; surplus charges the
 * battery (charge losses), what the battery cannot take is curtailed. A
 * deficit is drawn from the battery above its floor (discharge losses); the
 * floor (minimum state of charge) is a reserve that only the bus — the
 * survival load, `busW` of `loadW` — may draw on, down to empty. What remains
 * is unmet load. (The compute controller never plans compute on the reserve.)
 */
export function stepBus(socJ: number, generatedW: number, loadW: number, busW: number, b: BatteryParams, dtS: number, out: BusStep): BusStep {
  const net = generatedW - loadW;
  out.curtailedJ = 0;
  out.lossJ = 0;
  out.unmetJ = 0;
  if (net >= 0) {
    const room = b.capacityJ - socJ;
    const inJ = net * dtS;
    const acceptJ = room > 0 ? Math.min(inJ, room / b.chargeEfficiency) : 0;
    const storedJ = acceptJ * b.chargeEfficiency;
    out.socJ = socJ + storedJ;
    out.lossJ = acceptJ - storedJ;
    out.curtailedJ = inJ - acceptJ;
    out.deliveredJ = loadW * dtS;
  } else {
    const needJ = -net * dtS;
    const eta = b.dischargeEfficiency;
    const above = socJ - b.floorJ;
    const drawAboveJ = above > 0 ? Math.min(needJ / eta, above) : 0;
    let suppliedJ = drawAboveJ * eta;
    let soc = socJ - drawAboveJ;
    // Up to the bus's own energy, what is still missing may come from the reserve.
    const busShortJ = Math.min(needJ - suppliedJ, busW * dtS);
    if (busShortJ > 0 && soc > 0) {
      const drawReserveJ = Math.min(busShortJ / eta, soc);
      soc -= drawReserveJ;
      suppliedJ += drawReserveJ * eta;
    }
    out.socJ = soc;
    const loss = socJ - soc - suppliedJ;
    out.lossJ = loss > 0 ? loss : 0; // (drawn)(1 − η) ≥ 0; rounding may dip below
    const unmet = needJ - suppliedJ;
    out.unmetJ = unmet > 1e-9 * needJ ? unmet : 0; // rounding leftovers are not a shortfall
    out.deliveredJ = loadW * dtS - out.unmetJ;
  }
  return out;
}
