/**
 * Drag on a circular orbit and what it costs: station-keeping ΔV, propellant, natural decay,
 * SGP4 B*, and the differential drag inside a formation.
 *   v = √(μ / a),  a = R⊕ + h                                   circular speed (m/s)
 *   a_D = ½ ρ(h) v² · C_D · (A/m)                               drag acceleration (m/s²)
 *   ΔV per year = a_D · T_yr,  T_yr = 365.25 · 86,400 s          (thrust cancels drag continuously)
 *   da/dt = −√(μ a) · ρ(a) · C_D · (A/m)                        circular-orbit decay (m/s)
 *     → t_decay = ∫ from h_reentry to h₀ of dh / (√(μ a) ρ C_D A/m)
 *   B* = C_D · (A/m) · ρ₀ / 2,  ρ₀ = 0.15696615 kg/(m²·ER)      SGP4 drag term (1/ER)
 *   m_prop = m_dry · (exp(ΔV / (I_sp g₀)) − 1)                  Tsiolkovsky, g₀ = 9.80665 m/s²
 *   ΔV_formation per year = |½ ρ v² C_D (A/m_A − A/m_B)| · T_yr  (holding two members together)
 * Units: SI inside; altitude in km, area-to-mass in m²/kg, ΔV in m/s, mass in kg, Isp in s.
 * Sources: density from atmosphere.ts (CIRA-2012); μ and R⊕ WGS72 (core/constants.ts, as SGP4);
 *   ρ₀ and B* from Vallado, Crawford, Hujsak & Kelso, "Revisiting Spacetrack Report #3",
 *   AIAA 2006-6753 (ρ₀ = 2.461·10⁻⁸ kg/m³ reference density × 6,378.135 km/ER), quoted in
 *   docs/reference/ECONOMICS.md; g₀ standard gravity (CGPM 1901, exact). Derivations and checks:
 *   docs/reference/environment-sources.md ("Orbit maintenance").
 * Valid: 100–2,000 km circular orbits; positive A/m, C_D and I_sp (callers check). Pure; the
 * decay integral loops over altitude steps with scalars only (no allocation).
 */

import { EARTH_RADIUS_KM, MU_EARTH_KM3_PER_S2 } from '../core/constants';
import { atmosphereDensityKgPerM3, type SolarActivity } from './atmosphere';

/**
 * Default drag coefficient C_D: 2.2, the customary free-molecular value for a compact satellite
 * (Cook, "Satellite drag coefficients", Planet. Space Sci. 13, 929, 1965) and the value behind the
 * docs/reference/ECONOMICS.md drag ΔV row.
 */
export const DEFAULT_DRAG_COEFFICIENT = 2.2;

/** SGP4 reference density ρ₀ (kg/(m²·Earth radius)): Vallado et al. 2006; docs/reference/ECONOMICS.md. */
export const SGP4_RHO0_KG_PER_M2_ER = 0.15696615;

/** Standard gravity g₀ (m/s²), exact by definition. */
export const STANDARD_GRAVITY_M_PER_S2 = 9.80665;

/** Seconds in a Julian year (365.25 d), the "per year" of every rate here. */
export const SECONDS_PER_YEAR = 365.25 * 86_400;

/** Altitude at which an uncontrolled orbit counts as re-entered (km). */
export const REENTRY_ALTITUDE_KM = 120;

/** Decay times above this are reported as this value, read "more than 10,000 years". */
export const NATURAL_DECAY_CAP_YEARS = 1e4;

const MU_M3_PER_S2 = MU_EARTH_KM3_PER_S2 * 1e9;
const EARTH_RADIUS_M = EARTH_RADIUS_KM * 1e3;
/** Altitude step of the decay integral (km): ≤ 1/20 of the smallest scale height (≈ 6 km). */
const DECAY_STEP_KM = 0.25;

/** Circular orbital speed (m/s) at `altitudeKm`: √(μ / (R⊕ + h)). */
export function circularSpeedMPerS(altitudeKm: number): number {
  return Math.sqrt(MU_M3_PER_S2 / (EARTH_RADIUS_M + altitudeKm * 1e3));
}

/** Drag acceleration (m/s²) on a circular orbit: ½ ρ v² C_D (A/m). */
export function dragAccelerationMPerS2(
  altitudeKm: number,
  areaToMassM2PerKg: number,
  dragCoefficient: number,
  activity: SolarActivity,
): number {
  const v = circularSpeedMPerS(altitudeKm);
  return 0.5 * atmosphereDensityKgPerM3(altitudeKm, activity) * v * v * dragCoefficient * areaToMassM2PerKg;
}

/** ΔV (m/s per year) to hold a circular orbit against drag: drag acceleration × one year. */
export function stationKeepingDeltaVMPerSPerYear(
  altitudeKm: number,
  areaToMassM2PerKg: number,
  dragCoefficient: number,
  activity: SolarActivity,
): number {
  return dragAccelerationMPerS2(altitudeKm, areaToMassM2PerKg, dragCoefficient, activity) * SECONDS_PER_YEAR;
}

/**
 * Years for an uncontrolled circular orbit to decay from `altitudeKm` to REENTRY_ALTITUDE_KM
 * (constant activity): t = ∫ dh / (√(μ a) ρ C_D A/m), midpoint rule in 0.25 km steps.
 * 0 at or below the re-entry altitude; NATURAL_DECAY_CAP_YEARS when it would exceed the cap.
 */
export function naturalDecayYears(
  altitudeKm: number,
  areaToMassM2PerKg: number,
  dragCoefficient: number,
  activity: SolarActivity,
): number {
  if (altitudeKm <= REENTRY_ALTITUDE_KM) return 0;
  const ballistic = dragCoefficient * areaToMassM2PerKg;
  const capS = NATURAL_DECAY_CAP_YEARS * SECONDS_PER_YEAR;
  let seconds = 0;
  let top = altitudeKm;
  // Integrate from the start altitude downward: the slow high part comes first, so the cap
  // is reached (and the loop left) early for long-lived orbits.
  while (top > REENTRY_ALTITUDE_KM) {
    const bottom = Math.max(REENTRY_ALTITUDE_KM, top - DECAY_STEP_KM);
    const mid = 0.5 * (top + bottom);
    const aM = EARTH_RADIUS_M + mid * 1e3;
    const rate = Math.sqrt(MU_M3_PER_S2 * aM) * atmosphereDensityKgPerM3(mid, activity) * ballistic; // |da/dt|, m/s
    seconds += ((top - bottom) * 1e3) / rate;
    if (seconds > capS) return NATURAL_DECAY_CAP_YEARS;
    top = bottom;
  }
  return seconds / SECONDS_PER_YEAR;
}

/** SGP4 B* (1/Earth radius) of a body with C_D and A/m: C_D · (A/m) · ρ₀ / 2. */
export function bstarPerEarthRadius(areaToMassM2PerKg: number, dragCoefficient: number): number {
  return (dragCoefficient * areaToMassM2PerKg * SGP4_RHO0_KG_PER_M2_ER) / 2;
}

/** Propellant mass (kg) for `deltaVMPerS` on a vehicle of `dryMassKg`: m_dry (e^(ΔV/(Isp g₀)) − 1). */
export function propellantKg(dryMassKg: number, deltaVMPerS: number, ispS: number): number {
  return dryMassKg * (Math.exp(deltaVMPerS / (ispS * STANDARD_GRAVITY_M_PER_S2)) - 1);
}

/**
 * ΔV (m/s per year) to cancel the differential drag between two formation members of
 * area-to-mass A/m_A and A/m_B at the same altitude: |½ ρ v² C_D (A/m_A − A/m_B)| × one year.
 */
export function formationDeltaVMPerSPerYear(
  altitudeKm: number,
  areaToMassA: number,
  areaToMassB: number,
  dragCoefficient: number,
  activity: SolarActivity,
): number {
  return stationKeepingDeltaVMPerSPerYear(altitudeKm, Math.abs(areaToMassA - areaToMassB), dragCoefficient, activity);
}
