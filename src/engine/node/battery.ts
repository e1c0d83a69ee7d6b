/**
 * Battery on the power bus, bookkept in energy (J) over one step of dt (s).
 *   net = P_array − P_load (W)
 *   net ≥ 0: E₁ = E₀ + η_c · min(net·dt, (E_cap − E₀)/η_c); the rest is curtailed
 *   net < 0: E₁ = E₀ − (net·dt)/η_d, drawn above the floor E_min = soc_min · E_cap
 *            for any load, below it (down to 0) for the bus (survival) load only
 * η_c = η_d = √η_round-trip; losses (1 − η) of what passes the terminals.
 * Energy balance per step: generated = delivered + curtailed + losses + ΔE (J).
 * Source: shared PHYSICS.md (the README's "Power" model).
 */
import { J_PER_KWH } from '../core/constants';

/** Battery parameters derived once per scenario (J, fractions). */
export interface BatteryParams {
  capacityJ: number;
  /** Reserve kept from the compute load: capacity · minimum state of charge (J). */
  floorJ: number;
  /** One-way efficiencies: charge and discharge each √(round trip). */
  chargeEfficiency: number;
  dischargeEfficiency: number;
}

export function batteryParams(capacityKWh: number, minStateOfCharge: number, roundTripEfficiency: number): BatteryParams {
  const capacityJ = capacityKWh * J_PER_KWH;
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
