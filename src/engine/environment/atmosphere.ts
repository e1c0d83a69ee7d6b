/**
 * Thermospheric mass density versus altitude for three levels of solar activity.
 *   ρ(h) = ρ_i · (ρ_{i+1}/ρ_i)^((h − h_i)/(h_{i+1} − h_i))   between table rows h_i ≤ h ≤ h_{i+1}
 *   (log-linear interpolation, i.e. exponential with the local scale height of each 20 km row).
 * Units: altitude in km above the equatorial radius (circular orbits), density in kg/m³.
 * Source: COSPAR International Reference Atmosphere 2012 (CIRA-2012), "Models of the
 *   Thermosphere": mean total mass density for low, moderate and high (long-term) solar and
 *   geomagnetic activity, 100–900 km every 20 km (the JB2008-based reference profiles), as
 *   tabulated in the data file `cira-2012.dat` shipped with the SDCRE-NS debris code
 *   (A. Boley; used in Boley & Byers, Sci. Rep. 11, 10642, 2021). The "high-short" column is not
 *   used. Full table and the derivation of every choice: docs/reference/environment-sources.md.
 * Above 900 km: each column continues exponentially with the scale heights of Vallado,
 *   Fundamentals of Astrodynamics and Applications (4th ed., 2013), Table 8-4 (exponential model):
 *   H = 181.05 km from 900 to 1,000 km and H = 268.00 km above 1,000 km. One shared scale height
 *   keeps low < moderate < high at every altitude (each column's own last 20 km scale height —
 *   264 / 137 / 118 km — would cross the columns near 1,350 km).
 * Below 100 km: clamped to the 100 km value (the model is for orbits; re-entry is declared far
 *   above, see orbit-maintenance.ts).
 * Valid: 100–2,000 km (tested); any finite altitude returns a positive density. Pure, no allocation.
 */

/** Solar (and geomagnetic) activity level of the CIRA-2012 reference profiles. */
export type SolarActivity = 'low' | 'mid' | 'high';

/** All activity levels, lowest first. */
export const SOLAR_ACTIVITIES: readonly SolarActivity[] = ['low', 'mid', 'high'];

/** First table altitude (km) and row spacing (km) of the CIRA-2012 table. */
const TABLE_BASE_KM = 100;
const TABLE_STEP_KM = 20;

/** CIRA-2012 mean density (kg/m³), 100, 120, …, 900 km; low solar activity. */
const RHO_LOW = [
  5.31e-7, 2.18e-8, 3.12e-9, 9.17e-10, 3.45e-10, 1.47e-10, 6.96e-11, 3.54e-11, 1.88e-11, 1.03e-11, 5.86e-12, 3.4e-12, 2.02e-12,
  1.22e-12, 7.46e-13, 4.63e-13, 2.92e-13, 1.87e-13, 1.21e-13, 8.04e-14, 5.44e-14, 3.77e-14, 2.68e-14, 1.96e-14, 1.47e-14, 1.14e-14,
  9.1e-15, 7.41e-15, 6.16e-15, 5.22e-15, 4.5e-15, 3.93e-15, 3.48e-15, 3.1e-15, 2.79e-15, 2.53e-15, 2.3e-15, 2.11e-15, 1.94e-15,
  1.78e-15, 1.65e-15,
];
/** CIRA-2012 mean density (kg/m³), 100, 120, …, 900 km; moderate solar activity. */
const RHO_MID = [
  5.47e-7, 2.4e-8, 3.98e-9, 1.36e-9, 6.15e-10, 3.17e-10, 1.77e-10, 1.05e-10, 6.47e-11, 4.12e-11, 2.69e-11, 1.8e-11, 1.23e-11,
  8.48e-12, 5.95e-12, 4.22e-12, 3.02e-12, 2.18e-12, 1.59e-12, 1.17e-12, 8.6e-13, 6.39e-13, 4.77e-13, 3.58e-13, 2.71e-13, 2.06e-13,
  1.57e-13, 1.2e-13, 9.28e-14, 7.19e-14, 5.6e-14, 4.4e-14, 3.48e-14, 2.79e-14, 2.26e-14, 1.85e-14, 1.53e-14, 1.28e-14, 1.08e-14,
  9.27e-15, 8.01e-15,
];
/** CIRA-2012 mean density (kg/m³), 100, 120, …, 900 km; high (long-term) solar activity. */
const RHO_HIGH = [
  5.44e-7, 2.45e-8, 4.32e-9, 1.54e-9, 7.4e-10, 4.1e-10, 2.46e-10, 1.56e-10, 1.04e-10, 7.12e-11, 5.0e-11, 3.59e-11, 2.61e-11,
  1.93e-11, 1.44e-11, 1.09e-11, 8.32e-12, 6.4e-12, 4.96e-12, 3.87e-12, 3.04e-12, 2.4e-12, 1.91e-12, 1.52e-12, 1.22e-12, 9.82e-13,
  7.93e-13, 6.43e-13, 5.22e-13, 4.25e-13, 3.47e-13, 2.84e-13, 2.34e-13, 1.92e-13, 1.59e-13, 1.32e-13, 1.1e-13, 9.21e-14, 7.72e-14,
  6.5e-14, 5.49e-14,
];

const LAST_ROW = RHO_MID.length - 1;
/** Top of the CIRA-2012 table (km). */
export const ATMOSPHERE_TABLE_TOP_KM = TABLE_BASE_KM + LAST_ROW * TABLE_STEP_KM;
/** Bottom of the table (km); below it the density is clamped. */
export const ATMOSPHERE_TABLE_BOTTOM_KM = TABLE_BASE_KM;

/** Vallado (2013) Table 8-4 scale heights used above the table (km). */
const H_900_TO_1000_KM = 181.05;
const H_ABOVE_1000_KM = 268.0;

function column(activity: SolarActivity): readonly number[] {
  return activity === 'low' ? RHO_LOW : activity === 'high' ? RHO_HIGH : RHO_MID;
}

/**
 * Mean thermospheric mass density (kg/m³) at `altitudeKm` for the given solar activity.
 * Log-linear between the CIRA-2012 rows (100–900 km); above 900 km exponential with Vallado's
 * Table 8-4 scale heights; below 100 km the 100 km value. Finite input assumed.
 */
export function atmosphereDensityKgPerM3(altitudeKm: number, activity: SolarActivity): number {
  // Math.exp/log are called per use, never at module load: the engine's deterministic Math
  // (core/det-math) is installed after the modules are evaluated.
  const rho = column(activity);
  if (altitudeKm <= TABLE_BASE_KM) return rho[0];
  if (altitudeKm >= ATMOSPHERE_TABLE_TOP_KM) {
    const first = Math.min(altitudeKm, 1000) - ATMOSPHERE_TABLE_TOP_KM;
    const second = altitudeKm > 1000 ? altitudeKm - 1000 : 0;
    return rho[LAST_ROW] * Math.exp(-first / H_900_TO_1000_KM - second / H_ABOVE_1000_KM);
  }
  const x = (altitudeKm - TABLE_BASE_KM) / TABLE_STEP_KM;
  const i = Math.min(Math.floor(x), LAST_ROW - 1);
  const f = x - i;
  return rho[i] * Math.exp(f * Math.log(rho[i + 1] / rho[i]));
}
