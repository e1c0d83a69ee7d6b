/**
 * The node's radiator: what it absorbs from the environment and what it
 * emits (docs/reference/PHYSICS.md "Thermal", docs/reference/thermal-sources.md).
 *   Q_absorbed = α S A F_sun · illumination              (direct sunlight)
 *              + α · albedo · S A F_earth · dayside        (reflected sunlight)
 *              + ε · q_IR A F_earth                        (Earth IR; Kirchhoff: absorbed with ε)
 *   Q_radiated = ε σ A (T⁴ − T_space⁴)
 * W, K, A the emitting area (m², both faces of a two-sided panel), σ the
 * Stefan–Boltzmann constant, T_space = 3 K, S the solar flux (W/m²),
 * dayside = max(0, r̂ · ŝ): cosine of the Sun's zenith angle at the
 * sub-satellite point.
 *
 * View factors follow the radiator's attitude (`radiatorOrientation`),
 * evaluated per sample from the satellite's radius r (so altitude and
 * eccentric orbits are right at every point; node/earth-view-factor.ts):
 *   edge-on       two-sided panel, normal horizontal and perpendicular to the
 *                 Sun (nadir-pointing bus with yaw steering, radiators on the
 *                 faces along the array's rotation axis, as GPS flies):
 *                 F_earth = (φ − sin φ cos φ)/π, F_sun = 0
 *   orbit-normal  two-sided panel, normal along the orbit normal ĥ (±Y faces of
 *                 a nadir-pointing bus without yaw steering):
 *                 F_earth = (φ − sin φ cos φ)/π, F_sun = |ĥ · ŝ|/2 = |sin β|/2
 *                 (one face lit at incidence cosine |sin β|, averaged over both)
 *   nadir         one face towards nadir: F_earth = (R/r)², F_sun = max(0, −r̂ · ŝ)
 *   zenith        one face towards zenith: F_earth = 0, F_sun = max(0, r̂ · ŝ)
 * with sin φ = R/r. A fixed `radiatorEarthViewFactor` or
 * `radiatorSunViewFactor` replaces the attitude's value (for users who have
 * one number from their own analysis).
 * Not modelled: sunlight and IR reflected or emitted by the node's own
 * arrays and structure onto the radiator, albedo's variation over the
 * visible cap (the sub-satellite cosine stands for it).
 *
 * The node's temperatures (radiator and accelerator junction) are stepped by
 * node/thermal-nodes.ts.
 */
import { STEFAN_BOLTZMANN, T_SPACE_K } from '../core/constants';
import type { Scenario } from '../input/scenario';
import { horizontalPlateViewFactorFast, nadirPlateViewFactor, prepareHorizontalViewFactorTable } from './earth-view-factor';

const T_SPACE4 = T_SPACE_K * T_SPACE_K * T_SPACE_K * T_SPACE_K;

export const RADIATOR_ORIENTATIONS = ['edge-on', 'orbit-normal', 'nadir', 'zenith'] as const;
export type RadiatorOrientation = (typeof RADIATOR_ORIENTATIONS)[number];

const EDGE_ON = 0;
const ORBIT_NORMAL = 1;
const NADIR = 2;
const ZENITH = 3;

export interface RadiatorParams {
  areaM2: number;
  emissivity: number;
  absorptivity: number;
  orientation: RadiatorOrientation;
  /** Fixed view factors replacing the attitude's (undefined: from the attitude). */
  sunViewFactor?: number;
  earthViewFactor?: number;
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
    orientation: node.radiatorOrientation,
    sunViewFactor: node.radiatorSunViewFactor,
    earthViewFactor: node.radiatorEarthViewFactor,
    earthIrWPerM2: scenario.environment.earthIrWPerM2,
    albedo: scenario.environment.albedo,
  };
}

/**
 * ĥ · ŝ: cosine between the orbit normal ĥ = (r × v)/|r × v| and the Sun
 * direction s (= sin β). r (km), v (km/s), s (any length) in one frame; 0 if
 * a vector vanishes.
 */
export function orbitNormalSunCosine(rx: number, ry: number, rz: number, vx: number, vy: number, vz: number, sx: number, sy: number, sz: number): number {
  const hx = ry * vz - rz * vy;
  const hy = rz * vx - rx * vz;
  const hz = rx * vy - ry * vx;
  const d = Math.sqrt((hx * hx + hy * hy + hz * hz) * (sx * sx + sy * sy + sz * sz));
  return d > 0 ? (hx * sx + hy * sy + hz * sz) / d : 0;
}

/**
 * A radiator built once from its parameters, with the products of the model
 * precomputed, so that the per-sample method does no more than the sample
 * needs.
 */
export class Radiator {
  /** α A (m²): absorbed direct sunlight per W/m² of flux at F_sun = 1. */
  readonly sunAbsorptionM2: number;
  /** α · albedo · A (m²): absorbed reflected sunlight per W/m² at the subsolar point, F_earth = 1. */
  readonly albedoAbsorptionM2: number;
  /** ε q_IR A (W): absorbed Earth IR at F_earth = 1. */
  readonly earthIrW: number;
  /** ε σ A (W/K⁴). */
  readonly epsSigmaA: number;
  /** Whether absorbedW needs ĥ · ŝ (orbit-normal attitude without a fixed sun view factor). */
  readonly needsOrbitNormal: boolean;
  private readonly orientation: number;
  /** Fixed view factors, or −1 for the attitude's. */
  private readonly fixedSun: number;
  private readonly fixedEarth: number;

  constructor(p: RadiatorParams) {
    this.sunAbsorptionM2 = p.absorptivity * p.areaM2;
    this.albedoAbsorptionM2 = p.absorptivity * p.albedo * p.areaM2;
    this.earthIrW = p.emissivity * p.earthIrWPerM2 * p.areaM2;
    this.epsSigmaA = p.emissivity * STEFAN_BOLTZMANN * p.areaM2;
    this.orientation = RADIATOR_ORIENTATIONS.indexOf(p.orientation);
    this.fixedSun = p.sunViewFactor ?? -1;
    this.fixedEarth = p.earthViewFactor ?? -1;
    this.needsOrbitNormal = this.orientation === ORBIT_NORMAL && this.fixedSun < 0;
    if (this.fixedEarth < 0 && (this.orientation === EDGE_ON || this.orientation === ORBIT_NORMAL)) prepareHorizontalViewFactorTable();
  }

  /** Earth view factor at orbit radius `rKm` (km). */
  earthViewFactor(rKm: number): number {
    if (this.fixedEarth >= 0) return this.fixedEarth;
    const o = this.orientation;
    return o === NADIR ? nadirPlateViewFactor(rKm) : o === ZENITH ? 0 : horizontalPlateViewFactorFast(rKm);
  }

  /**
   * Sun view factor: mean cosine of the Sun's incidence over the emitting
   * area while sunlit. `cosSunZenith` = r̂ · ŝ, `sinBeta` = ĥ · ŝ (only read
   * for the orbit-normal attitude: needsOrbitNormal).
   */
  sunViewFactor(cosSunZenith: number, sinBeta: number): number {
    if (this.fixedSun >= 0) return this.fixedSun;
    switch (this.orientation) {
      case ORBIT_NORMAL:
        return 0.5 * (sinBeta < 0 ? -sinBeta : sinBeta);
      case NADIR:
        return cosSunZenith < 0 ? -cosSunZenith : 0;
      case ZENITH:
        return cosSunZenith > 0 ? cosSunZenith : 0;
      default:
        return 0; // EDGE_ON
    }
  }

  /**
   * Absorbed environmental heat Q_absorbed (W) for solar flux S (W/m²),
   * illumination in [0, 1], `cosSunZenith` = r̂ · ŝ (the dayside factor,
   * clipped at 0 here), orbit radius `rKm` (km) and `sinBeta` = ĥ · ŝ.
   */
  absorbedW(fluxWPerM2: number, illumination: number, cosSunZenith: number, rKm: number, sinBeta: number): number {
    const fEarth = this.earthViewFactor(rKm);
    const dayside = cosSunZenith > 0 ? cosSunZenith : 0;
    return this.sunAbsorptionM2 * fluxWPerM2 * illumination * this.sunViewFactor(cosSunZenith, sinBeta) + (this.albedoAbsorptionM2 * fluxWPerM2 * dayside + this.earthIrW) * fEarth;
  }

  /** Radiated power (W): ε σ A (T⁴ − T_space⁴); negative below T_space. */
  radiatedW(tempK: number): number {
    const t2 = tempK * tempK;
    return this.epsSigmaA * (t2 * t2 - T_SPACE4);
  }

  /** Radiative equilibrium temperature (K) for a steady heat input (W): T = (Q/(εσA) + Ts⁴)^{1/4}. */
  equilibriumTemperatureK(heatInW: number): number {
    return Math.sqrt(Math.sqrt(heatInW / this.epsSigmaA + T_SPACE4));
  }
}
