/**
 * Battery on the power bus, bookkept in energy (J) over one step of dt (s).
 * Terminal power (W) is limited by C-rates: 1 C = E_cap / 3600 s,
 *   P_chg ≤ C_chg · E_cap / 3600,   P_dis ≤ C_dis · E_cap / 3600.
 *   net = P_array − P_load (W)
 *   net ≥ 0: accepted = min(net·dt, (E_cap − E₀)/η_c, P_chg·dt);
 *            E₁ = E₀ + η_c · accepted; the rest of net·dt is curtailed
 *   net < 0: drawn from the battery at the terminals ≤ P_dis·dt, E₁ = E₀ − drawn/η_d;
 *            energy above the floor E_min = soc_min · E_cap feeds any load,
 *            the reserve below it (down to 0) only the bus's deficit
 *            max(0, P_bus − P_array)·dt (the array feeds the bus first);
 *            what cannot be drawn is unmet load
 * η_c = η_d = √η_round-trip; losses (1 − η) of what passes the terminals.
 * Energy balance per step (exact): generated = delivered + curtailed + losses + ΔE (J).
 * Sources: docs/reference/power-sources.md ("Battery limits": C-rate defaults),
 * docs/reference/ECONOMICS.md (space Li-ion pack row).
 */
import { J_PER_KWH } from '../core/constants';

/** Battery parameters derived once per scenario (J, W, fractions). */
export interface BatteryParams {
  capacityJ: number;
  /** Reserve kept from the compute load: capacity · minimum state of charge (J). */
  floorJ: number;
  /** One-way efficiencies: charge and discharge each √(round trip). */
  chargeEfficiency: number;
  dischargeEfficiency: number;
  /** Terminal power limits (W): C-rate · capacity per hour. */
  maxChargeW: number;
  maxDischargeW: number;
}

export function batteryParams(
  capacityKWh: number,
  minStateOfCharge: number,
  roundTripEfficiency: number,
  maxChargeCRate: number,
  maxDischargeCRate: number,
): BatteryParams {
  const capacityJ = capacityKWh * J_PER_KWH;
  const oneWay = Math.sqrt(roundTripEfficiency);
  // Fields start as NaN so that the record holds doubles from the first call: an integral capacity
  // would be stored as a small integer, and the first fractional one (a faded battery) would change
  // the record's layout, deoptimising every function that had read the old one.
  const b: BatteryParams = { capacityJ: NaN, floorJ: NaN, chargeEfficiency: NaN, dischargeEfficiency: NaN, maxChargeW: NaN, maxDischargeW: NaN };
  b.capacityJ = capacityJ;
  b.floorJ = capacityJ * minStateOfCharge;
  b.chargeEfficiency = oneWay;
  b.dischargeEfficiency = oneWay;
  b.maxChargeW = (maxChargeCRate * capacityJ) / 3600;
  b.maxDischargeW = (maxDischargeCRate * capacityJ) / 3600;
  return b;
}

/** Terminal power (W) the battery can deliver for `dtS` without going below `downToJ`, within its discharge limit. */
export function batteryDischargeLimitW(socJ: number, downToJ: number, b: BatteryParams, dtS: number): number {
  const usable = socJ - downToJ;
  if (usable <= 0) return 0;
  const w = (usable * b.dischargeEfficiency) / dtS;
  return w < b.maxDischargeW ? w : b.maxDischargeW;
}

/** Terminal power (W) that brings the battery up to `upToJ` within `dtS`, within its charge limit. */
export function batteryChargeToW(socJ: number, upToJ: number, b: BatteryParams, dtS: number): number {
  const missing = upToJ - socJ;
  if (missing <= 0) return 0;
  const w = missing / b.chargeEfficiency / dtS;
  return w < b.maxChargeW ? w : b.maxChargeW;
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
 * battery up to its charge limit (charge losses), the rest is curtailed. A
 * deficit is drawn from the battery within its discharge limit (discharge
 * losses): above the floor for any load, from the reserve below it (down to
 * empty) only for the bus's own deficit. What remains is unmet load. (The
 * controller, node/compute.ts, never plans compute on the reserve.)
 */
export function stepBus(socJ: number, generatedW: number, loadW: number, busW: number, b: BatteryParams, dtS: number, out: BusStep): BusStep {
  const io = busScratch;
  io[BUS_SOC_J] = socJ;
  io[BUS_GENERATED_W] = generatedW;
  io[BUS_LOAD_W] = loadW;
  io[BUS_BUS_W] = busW;
  io[BUS_DT_S] = dtS;
  stepBusIo(io, b);
  out.socJ = io[BUS_OUT_SOC_J];
  out.deliveredJ = io[BUS_OUT_DELIVERED_J];
  out.curtailedJ = io[BUS_OUT_CURTAILED_J];
  out.lossJ = io[BUS_OUT_LOSS_J];
  out.unmetJ = io[BUS_OUT_UNMET_J];
  return out;
}

/**
 * stepBus's inputs and outputs as slots of one Float64Array (BUS_*), for the
 * per-satellite loop: the function is too big for V8 to inline, and a call it
 * does not inline boxes every float argument and the result (≈ 60 bytes of
 * garbage per satellite-step, measured with the sampling heap profiler).
 */
export const BUS_SOC_J = 0;
export const BUS_GENERATED_W = 1;
export const BUS_LOAD_W = 2;
export const BUS_BUS_W = 3;
export const BUS_DT_S = 4;
export const BUS_OUT_SOC_J = 5;
export const BUS_OUT_DELIVERED_J = 6;
export const BUS_OUT_CURTAILED_J = 7;
export const BUS_OUT_LOSS_J = 8;
export const BUS_OUT_UNMET_J = 9;
/** Slots of a stepBusIo array. */
export const BUS_IO_SLOTS = 10;
const busScratch = new Float64Array(BUS_IO_SLOTS);

/** stepBus on slots of `io` (BUS_*): reads the inputs, writes the outputs. */
export function stepBusIo(io: Float64Array, b: BatteryParams): void {
  const socJ = io[BUS_SOC_J];
  const generatedW = io[BUS_GENERATED_W];
  const loadW = io[BUS_LOAD_W];
  const busW = io[BUS_BUS_W];
  const dtS = io[BUS_DT_S];
  const net = generatedW - loadW;
  if (net >= 0) {
    const room = b.capacityJ - socJ;
    const inJ = net * dtS;
    let acceptJ = room > 0 ? Math.min(inJ, room / b.chargeEfficiency) : 0;
    const limitJ = b.maxChargeW * dtS;
    if (acceptJ > limitJ) acceptJ = limitJ;
    const storedJ = acceptJ * b.chargeEfficiency;
    io[BUS_OUT_SOC_J] = socJ + storedJ;
    io[BUS_OUT_LOSS_J] = acceptJ - storedJ;
    io[BUS_OUT_CURTAILED_J] = inJ - acceptJ;
    io[BUS_OUT_UNMET_J] = 0;
    io[BUS_OUT_DELIVERED_J] = loadW * dtS;
  } else {
    const needJ = -net * dtS;
    const eta = b.dischargeEfficiency;
    let capJ = b.maxDischargeW * dtS; // terminal energy the discharge limit still allows
    const above = socJ - b.floorJ;
    let drawAboveJ = above > 0 ? Math.min(needJ / eta, above) : 0;
    if (drawAboveJ * eta > capJ) drawAboveJ = capJ / eta;
    let suppliedJ = drawAboveJ * eta;
    capJ -= suppliedJ;
    let soc = socJ - drawAboveJ;
    // The array feeds the bus first; energy above the floor serves the bus's
    // deficit first; what of that deficit is still missing may come from the reserve.
    const busDeficitJ = busW > generatedW ? (busW - generatedW) * dtS : 0;
    const busShortJ = Math.min(needJ - suppliedJ, busDeficitJ - suppliedJ, capJ);
    if (busShortJ > 0 && soc > 0) {
      const drawReserveJ = Math.min(busShortJ / eta, soc);
      soc -= drawReserveJ;
      suppliedJ += drawReserveJ * eta;
    }
    io[BUS_OUT_SOC_J] = soc;
    io[BUS_OUT_CURTAILED_J] = 0;
    const loss = socJ - soc - suppliedJ;
    io[BUS_OUT_LOSS_J] = loss > 0 ? loss : 0; // (drawn)(1 − η) ≥ 0; rounding may dip below
    const unmet = needJ - suppliedJ;
    const loadJ = loadW * dtS;
    // Rounding leftovers (the controller plans u · P_compute to the last bit of the load) are not a shortfall.
    const unmetJ = unmet > 1e-9 * loadJ ? unmet : 0;
    io[BUS_OUT_UNMET_J] = unmetJ;
    io[BUS_OUT_DELIVERED_J] = loadJ - unmetJ;
  }
}
