/**
 * Sun geometry. The Sun's position comes from satellite.js `sunPos` (mean
 * equator and equinox of date ≈ TEME to 0.005°, AU), the shadow from
 * satellite.js `shadowFraction` (spherical Earth, penumbra included). This
 * module adds flux scaling, the eclipse switching function used for events,
 * and analytic check formulas (β angle, cylindrical-shadow eclipse fraction).
 */
import { sunPos } from 'satellite.js';
import { EARTH_RADIUS_KM, SOLAR_CONSTANT_W_PER_M2 } from './constants';
import { julianDateFromMs } from './time';

/** Mean Sun radius (km) and 1 AU (km), for the apparent solar disc. */
export const SUN_RADIUS_KM = 695_700;
export const AU_KM = 149_597_870.7;

/**
 * Solar flux at distance `sunDistanceAu` (W/m²): S = S₀ / d², S₀ = 1361 W/m² at 1 AU.
 */
export function solarFluxWPerM2(sunDistanceAu: number): number {
  return SOLAR_CONSTANT_W_PER_M2 / (sunDistanceAu * sunDistanceAu);
}

/** Sun position in TEME-of-date (AU) at `timeMs`, written into `out` [x, y, z]. */
export function sunPositionAu(timeMs: number, out: Float64Array | number[]): void {
  const s = sunPos(julianDateFromMs(timeMs)).rsun;
  out[0] = s.x;
  out[1] = s.y;
  out[2] = s.z;
}

/**
 * Eclipse switching function g (rad), continuous and smooth:
 *   g = θ − ρ, θ = angle at the satellite between the Sun's centre and the
 *   Earth's centre, ρ = asin(R / |r|) the Earth's apparent radius.
 * Sign: g < 0 when the Sun's centre is hidden behind the Earth (eclipse,
 * shadow fraction ≥ 0.5), g > 0 when it is visible. Frame: TEME (any inertial
 * frame common to both vectors). Inputs: satellite position (km), Sun (AU).
 */
export function eclipseSwitch(xKm: number, yKm: number, zKm: number, sxAu: number, syAu: number, szAu: number): number {
  const sx = sxAu * AU_KM - xKm;
  const sy = syAu * AU_KM - yKm;
  const sz = szAu * AU_KM - zKm;
  const r = Math.sqrt(xKm * xKm + yKm * yKm + zKm * zKm);
  const ds = Math.sqrt(sx * sx + sy * sy + sz * sz);
  // Angle between (Sun − sat) and (−sat).
  let c = -(sx * xKm + sy * yKm + sz * zKm) / (ds * r);
  if (c > 1) c = 1;
  else if (c < -1) c = -1;
  const rho = Math.asin(Math.min(1, EARTH_RADIUS_KM / r));
  return Math.acos(c) - rho;
}

/**
 * β angle (rad): angle between the orbit plane and the Sun direction,
 * β = asin( cos δ☉ sin i sin(Ω − α☉) + sin δ☉ cos i ). Positive on the side
 * of the orbit normal h = r × v.
 */
export function betaAngleRad(inclinationRad: number, raanRad: number, sunRaRad: number, sunDecRad: number): number {
  return Math.asin(
    Math.cos(sunDecRad) * Math.sin(inclinationRad) * Math.sin(raanRad - sunRaRad) + Math.sin(sunDecRad) * Math.cos(inclinationRad),
  );
}

/**
 * Eclipse fraction of a circular orbit in a cylindrical shadow:
 * f = (1/π) acos( √(h² + 2Rh) / ((R + h) cos β) ) when |β| < asin(R/(R+h)), else 0.
 * h altitude (km), β (rad), R = WGS72 equatorial radius.
 */
export function cylindricalEclipseFraction(altitudeKm: number, betaRad: number, earthRadiusKm = EARTH_RADIUS_KM): number {
  const h = altitudeKm;
  const R = earthRadiusKm;
  const betaStar = Math.asin(R / (R + h));
  if (Math.abs(betaRad) >= betaStar) return 0;
  return Math.acos(Math.sqrt(h * h + 2 * R * h) / ((R + h) * Math.cos(betaRad))) / Math.PI;
}

/** Sun right ascension and declination (rad) at `timeMs` from satellite.js `sunPos`. */
export function sunRaDec(timeMs: number): { raRad: number; decRad: number } {
  const s = sunPos(julianDateFromMs(timeMs));
  return { raRad: s.rtasc, decRad: s.decl };
}
