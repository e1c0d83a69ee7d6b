/**
 * Two-node thermal model of a compute node: the accelerators (junction node
 * j) conduct their heat to the radiator node r (radiator panels, structure,
 * bus electronics, battery), which radiates it to space.
 *   C_j dT_j/dt = P_j − G (T_j − T_r)
 *   C_r dT_r/dt = Q_r + G (T_j − T_r) − ε σ A (T_r⁴ − T_space⁴)
 * T in K, heat in W, C in J/K, G the junction-to-radiator conductance (W/K).
 * P_j: compute power (all of it dissipated at the accelerators). Q_r: bus
 * load, battery and power-conversion losses, absorbed environmental heat
 * (node/thermal.ts). Steady state: T_r from ε σ A (T_r⁴ − Ts⁴) = P_j + Q_r,
 * T_j = T_r + P_j/G.
 *
 * Step of dt (stable and monotone for any dt; energy conserved exactly):
 * the junction is solved exactly against the radiator's end-of-step
 * temperature T_r1 (x = dt G/C_j, E = e^(−x)),
 *   T_j1 = E T_j0 + (1 − E)(T_r1 + P_j/G),
 * and the radiator by backward Euler with the T⁴ term kept (not linearised),
 * the junction handing it P_j dt − C_j (T_j1 − T_j0):
 *   (C_r/dt + g) T_r1 + ε σ A (T_r1⁴ − Ts⁴) = C_r/dt T_r0 + Q_r + g T_j0 + (1 − g/G) P_j,
 *   g = C_j (1 − E)/dt  (→ G for short steps, → 0 for long ones),
 * solved by Newton's method from an upper bound (the left side is convex and
 * increasing in T_r ≥ 0, so the iterates fall monotonically to the root).
 * Per step: C_j ΔT_j + C_r ΔT_r = dt (P_j + Q_r − ε σ A (T_r1⁴ − Ts⁴)).
 *
 * Heat limit: the largest P_j that at the end of the step keeps T_j1 ≤ T_j,max
 * and T_r1 ≤ T_r,max such that the radiator node stays within its limit
 * afterwards too — with compute stopped, the heat the junction still holds
 * flows into the radiator. Either of two conditions at the step's end
 * guarantees that (the radiator then never rises above T_r,max, nor above
 * the equilibrium of Q_r):
 *   (a) the radiator is not heated once compute stops: G (T_j1 − T_r1) + Q_r ≤ εσA(T_r1⁴ − Ts⁴)
 *       (checked at the P_j that lands on T_r,max; holds near steady state), or
 *   (b) the mixed temperature T_mix = (C_r T_r1 + C_j T_j1)/(C_r + C_j) ≤ T_r,max
 *       (used in transients, e.g. warming up, where (a) fails).
 * Each temperature is increasing in P_j, so each limit is the P_j that lands
 * exactly on it:
 *   radiator: (C_r/dt + g) T_r,max + εσA(T_r,max⁴ − Ts⁴) = C_r/dt T_r0 + Q_r + g T_j0 + (1 − g/G) P_j
 *   junction: (C_r/dt + G) T_r1 + εσA(T_r1⁴ − Ts⁴) = C_r/dt T_r0 + Q_r + g T_j0 + (G − g) K,
 *             P_j = G (K − T_r1),  K = (T_j,max − E T_j0)/(1 − E)
 *   mixed:    P_j = a − b (T_r1 − T_r,max), a = G E (T_r,max − T_j0)/(1 − E),
 *             b = G (1 + C_r/(C_j (1 − E))), T_r1 from the radiator equation with that P_j
 * Sources and defaults: docs/reference/thermal-sources.md.
 */
import { T_SPACE_K } from '../core/constants';
import type { Scenario } from '../input/scenario';
import type { Radiator } from './thermal';

const T_SPACE4 = T_SPACE_K * T_SPACE_K * T_SPACE_K * T_SPACE_K;
/** Newton iterations are capped here (from the upper bound they need 2–5 for 1e-12 relative). */
const MAX_NEWTON = 60;

/** Slots of maxComputeHeatIo's array (inputs, then the output). */
const HEAT_JUNCTION_K = 0;
const HEAT_RADIATOR_K = 1;
const HEAT_RADIATOR_HEAT_W = 2;
const HEAT_DT_S = 3;
const HEAT_MAX_JUNCTION_K = 4;
const HEAT_MAX_RADIATOR_K = 5;
const HEAT_RADIATED_AT_MAX_W = 6;
const HEAT_DEMAND_W = 7;
const HEAT_OUT_W = 8;
const HEAT_IO_SLOTS = 9;
/** One satellite, always active: the scalar step() and maxComputeHeatW() run the passes on it. */
const ALL_ACTIVE = Uint8Array.of(1);

export interface ThermalNodeParams {
  /** Radiator node heat capacity C_r (J/K). */
  radiatorHeatCapacityJPerK: number;
  /** Accelerator (junction) node heat capacity C_j (J/K). */
  junctionHeatCapacityJPerK: number;
  /** Junction-to-radiator conductance G (W/K). */
  conductanceWPerK: number;
}

/**
 * Junction rise above the radiator at full compute power in steady state
 * (K), P_compute/G, that sets the default conductance: 30 K, the middle of
 * the 20–40 K accelerator junctions run above their heat-rejection loop
 * (docs/reference/thermal-sources.md "Two-node model").
 */
export const DEFAULT_JUNCTION_RISE_K = 30;

/** The two nodes of a scenario's node (default conductance: computePowerW / DEFAULT_JUNCTION_RISE_K). */
export function thermalNodeParams(scenario: Scenario): ThermalNodeParams {
  const node = scenario.node;
  return {
    radiatorHeatCapacityJPerK: node.heatCapacityJPerK,
    junctionHeatCapacityJPerK: node.acceleratorHeatCapacityJPerK,
    conductanceWPerK: node.acceleratorConductanceWPerK ?? node.computePowerW / DEFAULT_JUNCTION_RISE_K,
  };
}

/** End-of-step temperatures (K), written into a reusable record. */
export interface ThermalNodesOut {
  junctionK: number;
  radiatorK: number;
}

export class ThermalNodes {
  private readonly epsSigmaA: number;
  private readonly cr: number;
  private readonly cj: number;
  private readonly g: number;
  /** Step length the coefficients below were computed for (s). */
  private dtS = Number.NaN;
  // Coefficients start as NaN, not 0 or 1: a field first holding a small integer is stored as one
  // (a Smi), and the first fractional value then changes the object's layout, deoptimising the passes.
  private crDt = Number.NaN;
  /** e^(−dt G/C_j), 1 − it, g = C_j (1 − E)/dt and w = 1 − g/G (share of P_j dt the radiator receives in the step). */
  private e = Number.NaN;
  private oneMinusE = Number.NaN;
  private gStep = Number.NaN;
  private w = Number.NaN;
  /** maxComputeHeatIo's slots; one-satellite columns of the scalar step() and maxComputeHeatW(). */
  private readonly scratch = new Float64Array(HEAT_IO_SLOTS);
  private readonly one = { junctionK: new Float64Array(1), radiatorK: new Float64Array(1), computeHeatW: new Float64Array(1), radiatorHeatW: new Float64Array(1) };

  constructor(radiator: Radiator, p: ThermalNodeParams) {
    this.epsSigmaA = radiator.epsSigmaA;
    this.cr = p.radiatorHeatCapacityJPerK;
    this.cj = p.junctionHeatCapacityJPerK;
    this.g = p.conductanceWPerK;
  }

  /** Coefficients for a step of dtS (recomputed only when the step length changes). */
  private prepare(dtS: number): void {
    if (dtS === this.dtS) return;
    this.dtS = dtS;
    this.crDt = this.cr / dtS;
    const x = (dtS * this.g) / this.cj;
    // 1 − e^(−x) and w = 1 − (1 − e^(−x))/x without cancellation for small x (series).
    this.oneMinusE = x < 1e-6 ? x * (1 - 0.5 * x) : 1 - Math.exp(-x);
    this.e = 1 - this.oneMinusE;
    this.gStep = (this.cj * this.oneMinusE) / dtS;
    this.w = x < 1e-3 ? x * (0.5 - x * (1 / 6 - x / 24)) : 1 - this.oneMinusE / x;
  }

  /**
   * Root T ≥ 0 of L T + εσA (T⁴ − Ts⁴) = B (L > 0), by Newton from the upper
   * bound min(B'/L, (B'/εσA)^¼), B' = B + εσA Ts⁴; 0 when there is no root ≥ 0.
   */
  solveRadiatorK(L: number, B: number): number {
    const k = this.epsSigmaA;
    const b = B + k * T_SPACE4;
    if (!(b > 0)) return 0;
    // Both bounds lie above the root; the quartic one is the smaller when k · linear⁴ > b.
    let t = b / L;
    const t2l = t * t;
    if (k * t2l * t2l > b) t = Math.sqrt(Math.sqrt(b / k));
    for (let i = 0; i < MAX_NEWTON; i++) {
      const t2 = t * t;
      const step = (L * t + k * t2 * t2 - b) / (L + 4 * k * t2 * t);
      t -= step;
      // Error left after a Newton step from above ≤ (f''/2f') step² ≤ (1.5/T) step²: stop below 1e-12 T (safety ×2).
      if (3 * step * step <= 1e-12 * t * t) break;
    }
    return t;
  }

  /**
   * Root δ of L δ + εσA ((T₀ + δ)⁴ − T₀⁴) = R (L > 0, T₀ > 0), δ > −T₀: the
   * radiator equation written about T₀, for when L T₀ dwarfs the rest.
   * Newton from above (convex, increasing): from 0 when R < 0, else from
   * min(R/L, (R/εσA + T₀⁴)^¼ − T₀).
   */
  solveDeviationK(L: number, t0: number, R: number): number {
    const k = this.epsSigmaA;
    const t02 = t0 * t0;
    const t04 = t02 * t02;
    let d = 0;
    if (R > 0) {
      d = R / L;
      const t = t0 + d;
      const t2 = t * t;
      if (k * (t2 * t2 - t04) > R) d = Math.sqrt(Math.sqrt(R / k + t04)) - t0;
    }
    for (let i = 0; i < MAX_NEWTON; i++) {
      const t = t0 + d;
      const t2 = t * t;
      const step = (L * d + k * (t2 * t2 - t04) - R) / (L + 4 * k * t2 * t);
      d -= step;
      if (3 * step * step <= 1e-12 * t * t) break;
    }
    return d;
  }

  /**
   * Temperatures after a step of dtS (s) from T_j0, T_r0 (K) with compute
   * heat P_j and the radiator node's other heat Q_r (W); writes `out`.
   */
  step(junctionK: number, radiatorK: number, computeHeatW: number, radiatorHeatW: number, dtS: number, out: ThermalNodesOut): ThermalNodesOut {
    const one = this.one;
    one.junctionK[0] = junctionK;
    one.radiatorK[0] = radiatorK;
    one.computeHeatW[0] = computeHeatW;
    one.radiatorHeatW[0] = radiatorHeatW;
    this.stepAll(1, ALL_ACTIVE, 0, one.junctionK, one.radiatorK, one.computeHeatW, one.radiatorHeatW, dtS);
    out.radiatorK = one.radiatorK[0];
    out.junctionK = one.junctionK[0];
    return out;
  }

  /**
   * step() for every satellite i < n active in this step (active[row + i] ≠ 0):
   * temperatures (K) advanced in place with compute heat computeHeatW[i] and
   * the radiator node's other heat radiatorHeatW[i] (W). Node models step as
   * passes over the satellites: a per-satellite call V8 does not inline boxes
   * each float argument (node-step.ts).
   */
  stepAll(n: number, active: Uint8Array, row: number, junctionK: Float64Array, radiatorK: Float64Array, computeHeatW: Float64Array, radiatorHeatW: Float64Array, dtS: number): void {
    this.prepare(dtS);
    const gs = this.gStep;
    const L = this.crDt + gs;
    for (let i = 0; i < n; i++) {
      if (!active[row + i]) continue;
      const tj = junctionK[i];
      const p = computeHeatW[i];
      const tr = this.solveRadiatorK(L, this.crDt * radiatorK[i] + radiatorHeatW[i] + gs * tj + this.w * p);
      radiatorK[i] = tr > T_SPACE_K ? tr : T_SPACE_K;
      junctionK[i] = this.e * tj + this.oneMinusE * (tr + p / this.g);
    }
  }


  /**
   * Largest compute heat P_j (W) over a step of dtS that keeps the junction
   * at or below `maxJunctionK` and the radiator at or below `maxRadiatorK` at
   * the step's end, given the radiator node's other heat Q_r (W);
   * `radiatedAtMaxW` = εσA(T_r,max⁴ − Ts⁴). May be negative (no compute fits).
   * `demandW`: the most compute heat that may be asked for; when upper
   * bounds of the temperatures at that heat (the radiator's radiation
   * ignored: T_r1 ≤ B/L) are within all limits, the limit cannot bind and
   * +∞ is returned without solving.
   */
  maxComputeHeatW(
    junctionK: number,
    radiatorK: number,
    radiatorHeatW: number,
    dtS: number,
    maxJunctionK: number,
    maxRadiatorK: number,
    radiatedAtMaxW: number,
    demandW = Number.POSITIVE_INFINITY,
  ): number {
    const one = this.one;
    one.junctionK[0] = junctionK;
    one.radiatorK[0] = radiatorK;
    one.radiatorHeatW[0] = radiatorHeatW;
    this.maxComputeHeatAll(1, ALL_ACTIVE, 0, one.junctionK, one.radiatorK, one.radiatorHeatW, dtS, maxJunctionK, maxRadiatorK, radiatedAtMaxW, demandW, one.computeHeatW);
    return one.computeHeatW[0];
  }

  /**
   * maxComputeHeatW for every satellite i < n active in this step (active[row + i] ≠ 0)
   * from its temperatures (K) and the radiator node's other heat radiatorHeatW[i] (W),
   * the limits as in maxComputeHeatW; writes outW[i] (a pass, as stepAll).
   */
  maxComputeHeatAll(
    n: number,
    active: Uint8Array,
    row: number,
    junctionK: Float64Array,
    radiatorK: Float64Array,
    radiatorHeatW: Float64Array,
    dtS: number,
    maxJunctionK: number,
    maxRadiatorK: number,
    radiatedAtMaxW: number,
    demandW: number,
    outW: Float64Array,
  ): void {
    const io = this.scratch;
    io[HEAT_DT_S] = dtS;
    io[HEAT_MAX_JUNCTION_K] = maxJunctionK;
    io[HEAT_MAX_RADIATOR_K] = maxRadiatorK;
    io[HEAT_RADIATED_AT_MAX_W] = radiatedAtMaxW;
    io[HEAT_DEMAND_W] = demandW;
    for (let i = 0; i < n; i++) {
      if (!active[row + i]) continue;
      io[HEAT_JUNCTION_K] = junctionK[i];
      io[HEAT_RADIATOR_K] = radiatorK[i];
      io[HEAT_RADIATOR_HEAT_W] = radiatorHeatW[i];
      this.maxComputeHeatIo(io);
      outW[i] = io[HEAT_OUT_W];
    }
  }

  /**
   * maxComputeHeatW on slots of `io` (HEAT_*): reads the inputs, writes the
   * limit to io[HEAT_OUT_W]. Too big for V8 to inline, and a call it does not
   * inline boxes every float argument and the result (≈ 130 bytes of garbage
   * per satellite-step before, measured with the sampling heap profiler).
   */
  private maxComputeHeatIo(io: Float64Array): void {
    const junctionK = io[HEAT_JUNCTION_K];
    const radiatorK = io[HEAT_RADIATOR_K];
    const radiatorHeatW = io[HEAT_RADIATOR_HEAT_W];
    const dtS = io[HEAT_DT_S];
    const maxJunctionK = io[HEAT_MAX_JUNCTION_K];
    const maxRadiatorK = io[HEAT_MAX_RADIATOR_K];
    const radiatedAtMaxW = io[HEAT_RADIATED_AT_MAX_W];
    const demandW = io[HEAT_DEMAND_W];
    this.prepare(dtS);
    const gs = this.gStep;
    const G = this.g;
    if (demandW < Number.POSITIVE_INFINITY) {
      const trUp = (this.crDt * radiatorK + radiatorHeatW + gs * junctionK + this.w * demandW + this.epsSigmaA * T_SPACE4) / (this.crDt + gs);
      const tjUp = this.e * junctionK + this.oneMinusE * (trUp + demandW / G);
      if (tjUp <= maxJunctionK && trUp <= maxRadiatorK && this.cr * (trUp - maxRadiatorK) + this.cj * (tjUp - maxRadiatorK) <= 0) {
        io[HEAT_OUT_W] = Number.POSITIVE_INFINITY;
        return;
      }
    }
    // Radiator lands on T_r,max (written in differences: C_r/dt · T is large for short steps).
    const fromRadiator = (this.crDt * (maxRadiatorK - radiatorK) + gs * (maxRadiatorK - junctionK) + radiatedAtMaxW - radiatorHeatW) / this.w;
    // Junction lands on T_j,max.
    const K = junctionK + (maxJunctionK - junctionK) / this.oneMinusE;
    const tr = this.solveRadiatorK(this.crDt + G, this.crDt * radiatorK + radiatorHeatW + gs * junctionK + (G - gs) * K);
    const fromJunction = G * (K - tr);
    // Where the junction binds first the radiator node is within its limit with the mix too (sufficient, below): done.
    if (tr <= maxRadiatorK && this.cr * (tr - maxRadiatorK) + this.cj * (maxJunctionK - maxRadiatorK) <= 0) {
      io[HEAT_OUT_W] = fromJunction;
      return;
    }
    // Landing on T_r,max is safe if, with compute stopped there, the radiator is not heated further:
    // G (T_j1 − T_r,max) + Q_r ≤ εσA(T_r,max⁴ − Ts⁴) (T_j1 from the junction step with P_j = fromRadiator).
    const tj = this.e * junctionK + this.oneMinusE * (maxRadiatorK + fromRadiator / G);
    let fromRadiatorNode = fromRadiator;
    if (G * (tj - maxRadiatorK) + radiatorHeatW - radiatedAtMaxW > 1e-9 * (radiatedAtMaxW + (radiatorHeatW > 0 ? radiatorHeatW : -radiatorHeatW))) {
      // Else the mixed temperature lands on T_r,max: P_j = a − b (T_r1 − T_r,max) from the junction step and
      // C_r T_r1 + C_j T_j1 = (C_r + C_j) T_r,max, then the radiator equation for T_r1.
      // Solved for δ = T_r1 − T_r,max (b can be huge: no cancellation against T_r,max).
      const a = (G * this.e * (maxRadiatorK - junctionK)) / this.oneMinusE;
      const b = G * (1 + this.cr / (this.cj * this.oneMinusE));
      const rhs = this.crDt * (radiatorK - maxRadiatorK) + radiatorHeatW + gs * (junctionK - maxRadiatorK) + this.w * a - radiatedAtMaxW;
      const fromMix = a - b * this.solveDeviationK(this.crDt + gs + this.w * b, maxRadiatorK, rhs);
      if (fromMix < fromRadiatorNode) fromRadiatorNode = fromMix;
    }
    io[HEAT_OUT_W] = fromJunction < fromRadiatorNode ? fromJunction : fromRadiatorNode;
  }

}

