/**
 * Compute controller: each step runs the largest compute fraction u ∈ [0, 1]
 * that (a) the power available — array output plus battery above its floor —
 * can feed after the bus load, (b) keeps the node at or below its maximum
 * temperature at the end of the step, and (c) leaves room for the output in
 * storage (free space plus what downlinks during the step). It records which
 * limit bound u (power ≺ thermal ≺ storage on ties):
 *   u = max(0, min(1, (P_avail − P_bus)/P_compute, (Q_max − P_bus)/P_compute, room/output))
 * Powers in W, heat in W, data in GB. Source: the README's "Compute" model.
 */

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

/**
 * @param powerAvailableW array + battery deliverable power (W)
 * @param busPowerW always-on bus load (W)
 * @param computePowerW compute load at u = 1 (W)
 * @param maxHeatW largest internal dissipation that keeps T ≤ T_max (W)
 * @param storageRoomGB free storage plus downlink capacity in this step (GB)
 * @param outputGB output produced at u = 1 over this step (GB)
 */
export function computeFraction(
  powerAvailableW: number,
  busPowerW: number,
  computePowerW: number,
  maxHeatW: number,
  storageRoomGB: number,
  outputGB: number,
  out: ControllerOut,
): ControllerOut {
  const uPower = (powerAvailableW - busPowerW) / computePowerW;
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
