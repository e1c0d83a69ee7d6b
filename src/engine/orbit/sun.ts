/**
 * Sun geometry. The Sun's position comes from satellite.js `sunPos` (mean
 * equator and equinox of date ≈ TEME to 0.005°, AU), the shadow from
 * satellite.js `shadowFraction` (spherical Earth, penumbra included). This
 * module adds flux scaling, the eclipse switching function used for events,
 * and analytic check formulas (β angle, cylindrical-shadow eclipse fraction).
 * Sign convention of the eclipse function: g > 0 in eclipse (as every event
 * function in src/engine/events: g > 0 inside the interval).
 */
import { shadowFraction, sunPos } from 'satellite.js';
import { EARTH_RADIUS_KM, SOLAR_CONSTANT_W_PER_M2 } from '../core/constants';
import { julianDateFromMs } from '../core/time';

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
 * Eclipse switching function g, continuous and smooth:
 *   g = cos θ − cos ρ, θ = angle at the satellite between the Sun's centre and
 *   the Earth's centre, ρ = asin(R / |r|) the Earth's apparent radius.
 * Sign (the events' convention: g > 0 inside the interval): g > 0 when the
 * Sun's centre is hidden behind the Earth (θ < ρ: eclipse, shadow fraction
 * ≥ 0.5), g < 0 when it is visible. Since |g| ≤ |θ − ρ|, |g| ≥
 * PENUMBRA_SWITCH_MARGIN means fully lit or umbra (the Sun's disc is 0.0047
 * rad in radius). Frame: any inertial frame common to both vectors (TEME).
 * Inputs: satellite position (km), Sun position (AU).
 */
export function eclipseG(xKm: number, yKm: number, zKm: number, sxAu: number, syAu: number, szAu: number): number {
  const sx = sxAu * AU_KM - xKm;
  const sy = syAu * AU_KM - yKm;
  const sz = szAu * AU_KM - zKm;
  const r2 = xKm * xKm + yKm * yKm + zKm * zKm;
  const ds2 = sx * sx + sy * sy + sz * sz;
  const cosTheta = -(sx * xKm + sy * yKm + sz * zKm) / Math.sqrt(ds2 * r2);
  const q = 1 - (EARTH_RADIUS_KM * EARTH_RADIUS_KM) / r2;
  const cosRho = q > 0 ? Math.sqrt(q) : 0;
  return cosTheta - cosRho;
}

/**
 * @deprecated The opposite sign of eclipseG (> 0 when lit), kept for callers
 * written against it; use eclipseG.
 */
export function eclipseSwitch(xKm: number, yKm: number, zKm: number, sxAu: number, syAu: number, szAu: number): number {
  return -eclipseG(xKm, yKm, zKm, sxAu, syAu, szAu);
}

/** Beyond this |g| (see eclipseG) the shadow fraction is exactly 0 or 1. */
export const PENUMBRA_SWITCH_MARGIN = 0.01;

const satScratch = { x: 0, y: 0, z: 0 };
const sunScratch = { x: 0, y: 0, z: 0 };

/**
 * Shadow fraction (0 lit … 1 umbra) from satellite.js `shadowFraction`,
 * skipped when the eclipse function g (eclipseG, > 0 in eclipse) shows the
 * satellite is far from the penumbra (then it is exactly 0 or 1). Clamped to
 * [0, 1]: at the umbra's edge the disc-overlap formula can exceed 1 by
 * rounding (found as a negative array output of −0.003 W, which a year-long
 * run reported as unmet load).
 */
export function shadowFromEclipseG(g: number, xKm: number, yKm: number, zKm: number, sxAu: number, syAu: number, szAu: number): number {
  if (g <= -PENUMBRA_SWITCH_MARGIN) return 0;
  if (g >= PENUMBRA_SWITCH_MARGIN) return 1;
  satScratch.x = xKm;
  satScratch.y = yKm;
  satScratch.z = zKm;
  sunScratch.x = sxAu;
  sunScratch.y = syAu;
  sunScratch.z = szAu;
  const f = shadowFraction(sunScratch, satScratch);
  return f > 1 ? 1 : f > 0 ? f : 0;
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

/**
 * Sun position (AU, TEME of date) for refinement at arbitrary times: linear
 * interpolation between satellite.js `sunPos` at whole minutes, with the two
 * knots cached. The Sun moves ≈1.2e-5 rad per minute, so the chord error is
 * below 1e-10 rad.
 */
export class SunCache {
  private minute = Number.NaN;
  private readonly a = new Float64Array(3);
  private readonly b = new Float64Array(3);

  at(timeMs: number, out: Float64Array): void {
    const m = Math.floor(timeMs / 60_000);
    if (m !== this.minute) {
      if (m === this.minute + 1) this.a.set(this.b);
      else sunPositionAu(m * 60_000, this.a);
      sunPositionAu((m + 1) * 60_000, this.b);
      this.minute = m;
    }
    const f = (timeMs - m * 60_000) / 60_000;
    out[0] = this.a[0] + f * (this.b[0] - this.a[0]);
    out[1] = this.a[1] + f * (this.b[1] - this.a[1]);
    out[2] = this.a[2] + f * (this.b[2] - this.a[2]);
  }
}
