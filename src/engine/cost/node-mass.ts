/**
 * Node mass from its components (kg), and the propellant to hold its orbit.
 *
 *   m_array     = P_array / s_array           P_array = A · η_eff · 1361 W/m² (beginning of life, 1 AU)
 *   m_radiator  = A_rad · σ_rad               (areal mass, kg/m² of radiating area)
 *   m_battery   = E_bat / e_bat               (pack specific energy, Wh/kg)
 *   m_compute   = P_compute/1000 · k_compute  (kg per kW)
 *   m_dry       = (m_array + m_radiator + m_battery + m_compute + m_fixed) / (1 − f_structure)
 *   m_prop      = m_dry · (exp(ΔV / (I_sp g₀)) − 1)      (Tsiolkovsky; ΔV over the whole life)
 *   m_node      = m_dry + m_prop, or node.massKg when given (then m_prop = m_node (1 − exp(−ΔV/(I_sp g₀))))
 *
 * Drag area (m²): A_array · a + A_bus with a = 2/π for a sun-tracking array
 * turning once an orbit through the flow (mean |cos| of a uniformly turning
 * plate), 1 face-on, 0 edge-on; radiators are taken edge-on to the flow.
 * Sources: economics-schema.ts (each default), docs/reference/cost-sources.md.
 */
import { SOLAR_CONSTANT_W_PER_M2 } from '../core/constants';
import { effectiveArrayEfficiency } from '../node/solar-array';
import type { Scenario } from '../input/scenario';

import { STANDARD_GRAVITY_M_PER_S2 as G0_M_PER_S2 } from '../environment/orbit-maintenance';

export interface NodeMass {
  arrayKg: number;
  radiatorKg: number;
  batteryKg: number;
  computeKg: number;
  /** Fixed bus mass plus the structure share. */
  busKg: number;
  propellantKg: number;
  dryKg: number;
  /** Launch mass of one node. */
  totalKg: number;
  /** Drag area (m²) and area-to-mass ratio (m²/kg, at launch mass). */
  dragAreaM2: number;
  areaToMassM2PerKg: number;
  /** True when node.massKg replaced the component model. */
  overridden: boolean;
}

/** Array power at the beginning of life at 1 AU (W). */
export function arrayPowerBolW(node: Scenario['node']): number {
  return node.solarArrayAreaM2 * effectiveArrayEfficiency(node) * SOLAR_CONSTANT_W_PER_M2;
}

/** Projected-area factor of the arrays in the flow (header). */
export function arrayDragFactor(attitude: Scenario['mass']['arrayDragAttitude']): number {
  return attitude === 'face-on' ? 1 : attitude === 'edge-on' ? 0 : 2 / Math.PI;
}

/** The drag area of a node (m²): the override, or the attitude model (header). */
export function dragAreaM2(s: Pick<Scenario, 'node' | 'mass'>): number {
  return s.mass.dragAreaM2 ?? s.node.solarArrayAreaM2 * arrayDragFactor(s.mass.arrayDragAttitude) + s.mass.busFrontalAreaM2;
}

/** Propellant fraction of the launch mass for a life's ΔV (m/s): 1 − exp(−ΔV / (I_sp g₀)). */
export function propellantFraction(deltaVMPerS: number, ispS: number): number {
  return 1 - Math.exp(-deltaVMPerS / (ispS * G0_M_PER_S2)); // not expm1: det-math replaces exp, not expm1
}

/** The node's mass breakdown for a life ΔV (m/s, station keeping over the whole life). */
export function nodeMass(s: Pick<Scenario, 'node' | 'mass'>, lifeDeltaVMPerS: number): NodeMass {
  const n = s.node;
  const m = s.mass;
  const arrayKg = arrayPowerBolW(n) / m.arraySpecificPowerWPerKg;
  const radiatorKg = n.radiatorAreaM2 * m.radiatorArealMassKgPerM2;
  const batteryKg = (n.batteryCapacityKWh * 1000) / m.batterySpecificEnergyWhPerKg;
  const computeKg = (n.computePowerW / 1000) * m.computeMassKgPerKW;
  const components = arrayKg + radiatorKg + batteryKg + computeKg + m.busFixedMassKg;
  const dryModelKg = components / (1 - m.structureMassFraction);
  const busKg = dryModelKg - (arrayKg + radiatorKg + batteryKg + computeKg);
  const pf = propellantFraction(lifeDeltaVMPerS, m.thrusterIspS);
  const overridden = n.massKg !== undefined;
  // Component model: wet = dry / (1 − pf); override: the given mass is the wet mass.
  const totalKg = overridden ? (n.massKg as number) : dryModelKg / (1 - pf);
  const propellantKg = totalKg * pf;
  const area = dragAreaM2(s);
  return {
    arrayKg,
    radiatorKg,
    batteryKg,
    computeKg,
    busKg,
    propellantKg,
    dryKg: totalKg - propellantKg,
    totalKg,
    dragAreaM2: area,
    areaToMassM2PerKg: area / totalKg,
    overridden,
  };
}
