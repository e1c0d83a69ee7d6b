/**
 * Lumped node thermal model with one radiator (shared PHYSICS.md, "Thermal"):
 *   C · dT/dt = Q_internal + Q_absorbed − ε σ A (T⁴ − T_space⁴)
 * T in K, Q in W, C in J/K, A the radiator's emitting area (m²), σ the
 * Stefan–Boltzmann constant, T_space = 3 K.
 * Q_internal: all electrical power consumed by the node becomes heat.
 * Q_absorbed = α S A F_sun · illumination            (direct sunlight)
 *            + α · albedo · S A F_earth · dayside      (reflected sunlight)
 *            + ε · q_IR A F_earth                      (Earth IR; Kirchhoff: absorbed with ε)
 * dayside = max(0, r̂ · ŝ): cosine of the Sun's zenith angle at the sub-satellite point.
 * Integration: linearised backward Euler, stable for any step (stepTemperatureK).
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

/**
 * A radiator built once from its parameters, with the products of the model
 * precomputed (left to right, as the equations above are written), so that
 * the per-step methods do no more than the step needs.
 *
 * A step evaluates ε σ A (T⁴ − T_space⁴) once and hands it to both the heat
 * limit and the temperature step: the methods take it as `radiatedAtTW`
 * (= radiatedW(tempK)).
 */
export class Radiator {
  /** α A F_sun (m²): absorbed direct sunlight per W/m² of flux. */
  readonly sunAbsorptionM2: number;
  /** α · albedo · A F_earth (m²): absorbed reflected sunlight per W/m² of flux at the subsolar point. */
  readonly albedoAbsorptionM2: number;
  /** ε q_IR A F_earth (W): absorbed Earth IR. */
  readonly earthIrW: number;
  /** ε σ A (W/K⁴). */
  readonly epsSigmaA: number;
  /** 4 ε σ A (W/K⁴): dQ_rad/dT = 4 ε σ A T³. */
  readonly fourEpsSigmaA: number;
  readonly heatCapacityJPerK: number;

  constructor(p: RadiatorParams) {
    this.sunAbsorptionM2 = p.absorptivity * p.areaM2 * p.sunViewFactor;
    this.albedoAbsorptionM2 = p.absorptivity * p.albedo * p.areaM2 * p.earthViewFactor;
    this.earthIrW = p.emissivity * p.earthIrWPerM2 * p.areaM2 * p.earthViewFactor;
    this.epsSigmaA = p.emissivity * STEFAN_BOLTZMANN * p.areaM2;
    this.fourEpsSigmaA = 4 * p.emissivity * STEFAN_BOLTZMANN * p.areaM2;
    this.heatCapacityJPerK = p.heatCapacityJPerK;
  }

  /**
   * Absorbed environmental heat Q_absorbed (W) for solar flux S (W/m²),
   * illumination in [0, 1] and dayside = cos of the Sun's zenith angle at the
   * sub-satellite point (clipped at 0 here).
   */
  absorbedW(fluxWPerM2: number, illumination: number, dayside: number): number {
    return this.sunAbsorptionM2 * fluxWPerM2 * illumination + this.albedoAbsorptionM2 * fluxWPerM2 * (dayside > 0 ? dayside : 0) + this.earthIrW;
  }

  /** Radiated power (W): ε σ A (T⁴ − T_space⁴); negative below T_space. */
  radiatedW(tempK: number): number {
    const t2 = tempK * tempK;
    return this.epsSigmaA * (t2 * t2 - T_SPACE4);
  }

  /**
   * Temperature (K) after one step of `dtS` (s) with total heat input
   * `heatInW` = Q_internal + Q_absorbed (W), by linearised backward Euler
   * (unconditionally stable):
   *   T₁ = T₀ + dt (Q − εσA(T₀⁴ − Ts⁴)) / (C + dt · 4εσA T₀³),
   * limited so it never crosses the radiative equilibrium of Q: the exact
   * solution approaches it monotonically, while the linearisation from far
   * below with dt longer than the thermal time constant would overshoot it.
   * Never below T_space.
   */
  stepTemperatureK(tempK: number, heatInW: number, dtS: number, radiatedAtTW: number): number {
    const k = this.fourEpsSigmaA * tempK * tempK * tempK;
    let t1 = tempK + (dtS * (heatInW - radiatedAtTW)) / (this.heatCapacityJPerK + dtS * k);
    // Crossing test on radiated power (monotonic in T ≥ 0), so the fourth root
    // of the equilibrium is only taken when the step would cross it:
    // T ≤ T_eq ⇔ radiated(T) ≤ Q.
    const q = heatInW > 0 ? heatInW : 0;
    if (radiatedAtTW <= q ? t1 > tempK && this.radiatedW(t1) > q : t1 < T_SPACE_K || this.radiatedW(t1) < q) {
      t1 = this.equilibriumTemperatureK(q);
    }
    return t1 > T_SPACE_K ? t1 : T_SPACE_K;
  }

  /**
   * Largest internal heat Q_internal (W) that keeps the temperature after one
   * step at or below `maxTempK` given `absorbedW` (the inverse of
   * stepTemperatureK in Q_internal). `radiatedAtMaxW` = radiatedW(maxTempK).
   */
  maxInternalHeatW(tempK: number, absorbedW: number, maxTempK: number, dtS: number, radiatedAtTW: number, radiatedAtMaxW: number): number {
    const k = this.fourEpsSigmaA * tempK * tempK * tempK;
    const oneStep = ((maxTempK - tempK) * (this.heatCapacityJPerK + dtS * k)) / dtS + radiatedAtTW - absorbedW;
    // Heat whose equilibrium is at or below T_max is always safe from at or below it (the step never crosses it).
    const steady = tempK <= maxTempK ? radiatedAtMaxW - absorbedW : Number.NEGATIVE_INFINITY;
    return oneStep > steady ? oneStep : steady;
  }

  /** Radiative equilibrium temperature (K) for a steady heat input (W): T = (Q/(εσA) + Ts⁴)^{1/4}. */
  equilibriumTemperatureK(heatInW: number): number {
    return Math.sqrt(Math.sqrt(heatInW / this.epsSigmaA + T_SPACE4));
  }
}
