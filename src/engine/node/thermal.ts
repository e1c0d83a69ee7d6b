/**
 * Lumped node thermal model (shared PHYSICS.md):
 *   C · dT/dt = Q_internal + Q_absorbed − ε σ A (T⁴ − T_space⁴)
 * T in K, Q in W, C in J/K, A the radiator's emitting area (m²).
 * Q_internal: all electrical power consumed by the node becomes heat.
 * Q_absorbed = α S A F_sun · illumination            (direct sunlight)
 *            + α · albedo · S A F_earth · dayside      (reflected sunlight)
 *            + ε · q_IR A F_earth                      (Earth IR; Kirchhoff: absorbed with ε)
 * dayside = max(0, r̂ · ŝ): cosine of the Sun's zenith angle at the sub-satellite point.
 */
import { STEFAN_BOLTZMANN, T_SPACE_K } from '../core/constants';
import type { Scenario } from '../input/scenario';

const T_SPACE4 = T_SPACE_K * T_SPACE_K * T_SPACE_K * T_SPACE_K;

export interface RadiatorParams {
  areaM2: number;
  emissivity: number;
  absorptivity: number;
  sunViewFactor: number;
  earthViewFactor: number;
  heatCapacityJPerK: number;
  earthIrWPerM2: number;
  albedo: number;
}

/** Coefficients of the absorbed heat (W per W/m² of solar flux, and W): see absorbedHeatW. */
/** The radiator of a scenario's node in its environment. */
export function radiatorParams(scenario: Scenario): RadiatorParams {
  const node = scenario.node;
  return {
    areaM2: node.radiatorAreaM2,
    emissivity: node.radiatorEmissivity,
    absorptivity: node.radiatorAbsorptivity,
    sunViewFactor: node.radiatorSunViewFactor,
    earthViewFactor: node.radiatorEarthViewFactor,
    heatCapacityJPerK: node.heatCapacityJPerK,
    earthIrWPerM2: scenario.environment.earthIrWPerM2,
    albedo: scenario.environment.albedo,
  };
}

export interface AbsorptionCoefficients {
  /** α A F_sun */
  sun: number;
  /** α · albedo · A F_earth */
  albedo: number;
  /** ε q_IR A F_earth (W) */
  earthIrW: number;
}

export function absorptionCoefficients(p: RadiatorParams): AbsorptionCoefficients {
  return {
    sun: p.absorptivity * p.areaM2 * p.sunViewFactor,
    albedo: p.absorptivity * p.albedo * p.areaM2 * p.earthViewFactor,
    earthIrW: p.emissivity * p.earthIrWPerM2 * p.areaM2 * p.earthViewFactor,
  };
}

/** Absorbed heat (W) from precomputed coefficients; dayside is clipped at 0. */
export function absorbedHeatFromCoefficientsW(c: AbsorptionCoefficients, fluxWPerM2: number, illumination: number, dayside: number): number {
  return c.sun * fluxWPerM2 * illumination + c.albedo * fluxWPerM2 * (dayside > 0 ? dayside : 0) + c.earthIrW;
}

/** Absorbed environmental heat on the radiator (W). */
export function absorbedHeatW(p: RadiatorParams, fluxWPerM2: number, illumination: number, dayside: number): number {
  return absorbedHeatFromCoefficientsW(absorptionCoefficients(p), fluxWPerM2, illumination, dayside);
}

/**
 * Per-node constants of the radiator, so that a step evaluates ε σ A T⁴ and
 * its derivative once for both the controller's heat limit and the
 * temperature step. Products are formed in the same order as the
 * expressions they replace (left to right), so results are bit-identical.
 */
export interface RadiatorConstants {
  /** ε σ A (W/K⁴) */
  epsSigmaA: number;
  /** 4 ε σ A (W/K⁴): dQ_rad/dT = 4 ε σ A T³ */
  fourEpsSigmaA: number;
  heatCapacityJPerK: number;
  emissivity: number;
  areaM2: number;
}

export function radiatorConstants(p: RadiatorParams): RadiatorConstants {
  return {
    epsSigmaA: p.emissivity * STEFAN_BOLTZMANN * p.areaM2,
    fourEpsSigmaA: 4 * p.emissivity * STEFAN_BOLTZMANN * p.areaM2,
    heatCapacityJPerK: p.heatCapacityJPerK,
    emissivity: p.emissivity,
    areaM2: p.areaM2,
  };
}

/** Radiated power (W): ε σ A (T⁴ − T_space⁴). */
export function radiatedW(p: RadiatorParams, tempK: number): number {
  const t2 = tempK * tempK;
  return p.emissivity * STEFAN_BOLTZMANN * p.areaM2 * (t2 * t2 - T_SPACE4);
}

/** radiatedW from the radiator's constants. */
export function radiatedFromConstantsW(c: RadiatorConstants, tempK: number): number {
  const t2 = tempK * tempK;
  return c.epsSigmaA * (t2 * t2 - T_SPACE4);
}

/**
 * One step of linearised backward Euler (unconditionally stable for any dt):
 *   T₁ = T₀ + dt (Q − εσA(T₀⁴ − Ts⁴)) / (C + dt · 4εσA T₀³),
 * limited so it never crosses the radiative equilibrium of Q: the exact
 * solution approaches it monotonically, while the linearisation from far
 * below with dt longer than the thermal time constant would overshoot it.
 */
export function stepTemperatureK(p: RadiatorParams, tempK: number, heatInW: number, dtS: number): number {
  const c = radiatorConstants(p);
  return stepTemperatureFromK(c, tempK, radiatedFromConstantsW(c, tempK), heatInW, dtS);
}

/** stepTemperatureK given the radiator's constants and r0 = radiated power at tempK (W). */
export function stepTemperatureFromK(c: RadiatorConstants, tempK: number, r0: number, heatInW: number, dtS: number): number {
  const k = c.fourEpsSigmaA * tempK * tempK * tempK;
  let t1 = tempK + (dtS * (heatInW - r0)) / (c.heatCapacityJPerK + dtS * k);
  // Crossing test on radiated power (monotonic in T ≥ 0), so the fourth root
  // of the equilibrium is only taken when the step would cross it:
  // T ≤ T_eq ⇔ radiated(T) ≤ Q.
  const q = heatInW > 0 ? heatInW : 0;
  if (r0 <= q ? t1 > tempK && radiatedFromConstantsW(c, t1) > q : t1 < T_SPACE_K || radiatedFromConstantsW(c, t1) < q) {
    t1 = equilibriumTemperatureK(q, c.emissivity, c.areaM2);
  }
  return t1 > T_SPACE_K ? t1 : T_SPACE_K;
}

/**
 * Largest internal heat (W) that keeps the next step's temperature at or
 * below `maxTempK` (inverse of stepTemperatureK in Q_internal).
 */
export function maxInternalHeatW(p: RadiatorParams, tempK: number, absorbedW: number, maxTempK: number, dtS: number): number {
  const c = radiatorConstants(p);
  return maxInternalHeatFromW(c, tempK, radiatedFromConstantsW(c, tempK), radiatedFromConstantsW(c, maxTempK), absorbedW, maxTempK, dtS);
}

/** maxInternalHeatW given the radiator's constants, r0 = radiated power at tempK and rMax at maxTempK (W). */
export function maxInternalHeatFromW(c: RadiatorConstants, tempK: number, r0: number, rMax: number, absorbedW: number, maxTempK: number, dtS: number): number {
  const k = c.fourEpsSigmaA * tempK * tempK * tempK;
  const oneStep = ((maxTempK - tempK) * (c.heatCapacityJPerK + dtS * k)) / dtS + r0 - absorbedW;
  // Heat whose equilibrium is at or below T_max is always safe from at or below it (the step never crosses it).
  const steady = tempK <= maxTempK ? rMax - absorbedW : Number.NEGATIVE_INFINITY;
  return oneStep > steady ? oneStep : steady;
}

/** Radiative equilibrium temperature (K) for a steady heat input: T = (Q/(εσA) + Ts⁴)^{1/4}. */
export function equilibriumTemperatureK(heatInW: number, emissivity: number, areaM2: number): number {
  return Math.sqrt(Math.sqrt(heatInW / (emissivity * STEFAN_BOLTZMANN * areaM2) + T_SPACE4));
}
