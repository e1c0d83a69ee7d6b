/**
 * Power controller and compute limits. Each step the bus is served first,
 * then the reserve, then compute. The reserve kept from compute is
 *   E_res = min(E_cap, max(E_min, m · P_bus · t_ecl / η_d))   (J)
 * with E_min = soc_min · E_cap, t_ecl the satellite's last eclipse (s) and
 * m = 1.2 a margin (eclipses change slowly from orbit to orbit): the floor,
 * raised to the bus's energy through an eclipse like the last one.
 *   surplus = P_array − P_bus (W)
 *   surplus ≥ 0: P_reserve = min(P_chg,max, (E_res − E)/(η_c·dt)) if E < E_res, else 0
 *                P_compute,avail = (surplus − P_reserve)⁺ + (E ≥ E_res ? P_dis(E → E_res) : 0)
 *   surplus < 0: the bus draws −surplus from the battery (above the reserve
 *                first, then the reserve); P_compute,avail = (P_dis(E → E_res) + surplus)⁺
 * with P_dis(E → E_res) = min(P_dis,max, (E − E_res)·η_d/dt) (node/battery.ts):
 * compute never runs on the reserve, the reserve is recharged from the array
 * before compute takes any surplus, and the bus browns out only when the
 * reserve is empty. Then the largest compute fraction
 * u ∈ [0, 1] that (a) that power feeds, (b) keeps the node at or below its
 * maximum temperature at the end of the step and (c) leaves room for the
 * output in storage (free space plus what downlinks during the step):
 *   u = max(0, min(1, P_compute,avail/P_compute, (Q_max − P_bus)/P_compute, room/output))
 * and which limit bound it (power ≺ thermal ≺ storage on ties).
 * Powers in W, energies in J, heat in W, data in GB.
 * Sources: docs/reference/power-sources.md ("Power controller").
 */
import { batteryChargeToW, batteryDischargeLimitW, type BatteryParams } from './battery';

export const LIMIT_NONE = 0;
export const LIMIT_POWER = 1;
export const LIMIT_THERMAL = 2;
export const LIMIT_STORAGE = 3;
export type LimitCode = 0 | 1 | 2 | 3;
export const LIMIT_NAMES = ['none', 'power', 'thermal', 'storage'] as const;

export interface ControllerOut {
  fraction: number;
  limit: LimitCode;
}

/** Margin on the bus's energy through the last eclipse (controller design choice, not a physical parameter). */
export const ECLIPSE_RESERVE_MARGIN = 1.2;

/**
 * Reserve kept from compute (J): the floor, raised to the bus's energy
 * through an eclipse of `eclipseS` seconds (drawn at η_d, with the margin), at most the capacity.
 */
export function computeReserveJ(busW: number, eclipseS: number, b: BatteryParams): number {
  const busJ = (ECLIPSE_RESERVE_MARGIN * busW * eclipseS) / b.dischargeEfficiency;
  const r = busJ > b.floorJ ? busJ : b.floorJ;
  return r < b.capacityJ ? r : b.capacityJ;
}

/**
 * Per-satellite eclipse bookkeeping for the reserve, in typed arrays allocated
 * once: shadow time (1 − illumination)·dt accumulates from the first shadowed
 * step; an eclipse ends at the first step at least half lit after one at least
 * half shadowed, and its shadow time becomes `lastEclipseS`. (Steps as long as
 * an orbit are never half shadowed: the reserve stays at the floor.)
 */
export class BusReserve {
  readonly lastEclipseS: Float64Array;
  private readonly runS: Float64Array;
  private readonly inShadow: Uint8Array;

  constructor(
    n: number,
    private readonly busW: number,
    private readonly battery: BatteryParams,
  ) {
    this.lastEclipseS = new Float64Array(n);
    this.runS = new Float64Array(n);
    this.inShadow = new Uint8Array(n);
  }

  /** Satellite i's reserve (J) for a step of illumination `il` and length `dtS` (s), after booking the step's shadow. */
  reserveJ(i: number, il: number, dtS: number): number {
    if (il < 1) {
      const run = this.runS[i] + (1 - il) * dtS;
      if (il < 0.5) {
        this.runS[i] = run;
        this.inShadow[i] = 1;
      } else if (this.inShadow[i]) this.endEclipse(i, run);
      else this.runS[i] = run;
    } else if (this.inShadow[i]) this.endEclipse(i, this.runS[i]);
    else if (this.runS[i] > 0) this.runS[i] = 0; // penumbra grazes without an eclipse
    return computeReserveJ(this.busW, this.lastEclipseS[i], this.battery);
  }

  private endEclipse(i: number, runS: number): void {
    this.lastEclipseS[i] = runS;
    this.runS[i] = 0;
    this.inShadow[i] = 0;
  }
}

/**
 * Power (W) the compute load may draw over the next `dtS` under the bus-first
 * policy: array surplus after the bus and after recharging the reserve, plus
 * battery energy above the reserve not taken by the bus, within the discharge limit.
 * @param generatedW array output (W)  @param busW bus load (W)  @param socJ battery energy (J)
 * @param reserveJ energy kept from compute (J): computeReserveJ, at least the floor
 */
export function computePowerBudgetW(generatedW: number, busW: number, socJ: number, reserveJ: number, b: BatteryParams, dtS: number): number {
  const surplus = generatedW - busW;
  if (surplus >= 0) {
    if (socJ < reserveJ) {
      const rechargeW = batteryChargeToW(socJ, reserveJ, b, dtS);
      return surplus > rechargeW ? surplus - rechargeW : 0;
    }
    return surplus + batteryDischargeLimitW(socJ, reserveJ, b, dtS);
  }
  const left = batteryDischargeLimitW(socJ, reserveJ, b, dtS) + surplus; // the bus's deficit is drawn first
  return left > 0 ? left : 0;
}

/**
 * @param computeBudgetW power available to compute (W): computePowerBudgetW
 * @param busPowerW always-on bus load (W)
 * @param computePowerW compute load at u = 1 (W)
 * @param maxHeatW largest internal dissipation that keeps T ≤ T_max (W)
 * @param storageRoomGB free storage plus downlink capacity in this step (GB)
 * @param outputGB output produced at u = 1 over this step (GB)
 */
export function computeFraction(
  computeBudgetW: number,
  busPowerW: number,
  computePowerW: number,
  maxHeatW: number,
  storageRoomGB: number,
  outputGB: number,
  out: ControllerOut,
): ControllerOut {
  const uPower = computeBudgetW / computePowerW;
  const uThermal = (maxHeatW - busPowerW) / computePowerW;
  const uStorage = outputGB > 0 ? storageRoomGB / outputGB : Number.POSITIVE_INFINITY;
  let u = 1;
  let limit: LimitCode = LIMIT_NONE;
  if (uPower < u) {
    u = uPower;
    limit = LIMIT_POWER;
  }
  if (uThermal < u) {
    u = uThermal;
    limit = LIMIT_THERMAL;
  }
  if (uStorage < u) {
    u = uStorage;
    limit = LIMIT_STORAGE;
  }
  out.fraction = u > 0 ? u : 0;
  out.limit = limit;
  return out;
}
