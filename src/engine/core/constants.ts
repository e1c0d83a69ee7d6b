/**
 * Physical constants used by the engine. SI units unless the name says otherwise.
 * Earth model values are WGS72, as used by SGP4 / satellite.js (see docs/reference/PHYSICS.md).
 */

/** Time and energy units. */
export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;
export const S_PER_DAY = 86_400;
export const MINUTES_PER_DAY = 1_440;
export const J_PER_KWH = 3.6e6;

/** Earth equatorial radius, WGS72 (km). */
export const EARTH_RADIUS_KM = 6378.135;
/** Earth gravitational parameter, WGS72 (km^3/s^2). */
export const MU_EARTH_KM3_PER_S2 = 398600.8;
/** Second zonal harmonic, WGS72 (dimensionless). */
export const J2 = 0.001082616;
/** Solar constant at 1 AU (W/m^2). */
export const SOLAR_CONSTANT_W_PER_M2 = 1361;
/** Stefan–Boltzmann constant (W m^-2 K^-4). */
export const STEFAN_BOLTZMANN = 5.670374419e-8;
/** Deep-space background temperature (K). */
export const T_SPACE_K = 3;
/** Orbit-average Earth infrared flux (W/m^2). */
export const EARTH_IR_W_PER_M2 = 237;
/** Orbit-average Earth albedo (fraction). */
export const EARTH_ALBEDO = 0.3;
/** Sidereal day (s). */
export const SIDEREAL_DAY_S = 86164.0905;
/** Tropical year (days); the Sun's mean motion in right ascension is 2π per this. */
export const TROPICAL_YEAR_DAYS = 365.2422;
/** Mean motion of the Sun in right ascension (rad/s), drives sun-synchronous orbits. */
export const SUN_MEAN_MOTION_RAD_PER_S = (2 * Math.PI) / (TROPICAL_YEAR_DAYS * S_PER_DAY);
/** Kelvin offset. */
export const KELVIN_OFFSET = 273.15;
export const DEG = Math.PI / 180;
export const RAD = 180 / Math.PI;
/** Speed of light in vacuum (km/s): exact, by the SI definition of the metre (BIPM, SI Brochure 9th ed., 2019). */
export const SPEED_OF_LIGHT_KM_PER_S = 299_792.458;
