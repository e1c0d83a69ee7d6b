/**
 * Mean motion in the element-set convention. A TLE or OMM gives Kozai's mean
 * motion n_K; SGP4's initialisation (Hoots & Roehrich, Spacetrack Report #3,
 * 1980; Vallado et al., "Revisiting Spacetrack Report #3", AIAA 2006-6753,
 * initl) keeps Brouwer's n = n_K / (1 + δ₀) in the record (satrec.no):
 *   a₁ = (k_e / n_K)^{2/3}, δ₁ = (3/4) J₂ (3cos²i − 1) / (1 − e²)^{3/2} / a₁²,
 *   a₀ = a₁ (1 − δ₁/3 − δ₁² − 134 δ₁³/81), δ₀ = δ₁ a₁² / a₀²
 * (k_e = 60 / √(R³/μ) per minute, R and μ WGS72, J₂ = 0.001082616). Exported
 * elements must be n_K, or re-propagating them gives another orbit (ISS:
 * 15.7257 vs 15.72751720 rev/day, ≈ 40 km/day apart). kozaiMeanMotion
 * inverts the map by fixed-point iteration (δ₀ ≈ 1e-3: the error shrinks
 * ≈1,000× per pass). Units: rad/min.
 */
import type { SatRec } from 'satellite.js';
import { EARTH_RADIUS_KM, J2, MU_EARTH_KM3_PER_S2 } from '../core/constants';

/** k_e (1/min): √(μ/R³) in Earth radii per minute, WGS72 (satellite.js xke). */
const XKE_PER_MIN = 60 / Math.sqrt((EARTH_RADIUS_KM * EARTH_RADIUS_KM * EARTH_RADIUS_KM) / MU_EARTH_KM3_PER_S2);

/** SGP4's Brouwer mean motion (rad/min) from Kozai's n_K (rad/min), inclination (rad), eccentricity. */
export function brouwerMeanMotion(kozaiRadPerMin: number, inclinationRad: number, eccentricity: number): number {
  const cosi = Math.cos(inclinationRad);
  const omeosq = 1 - eccentricity * eccentricity;
  const ak = Math.pow(XKE_PER_MIN / kozaiRadPerMin, 2 / 3);
  const d1 = (0.75 * J2 * (3 * cosi * cosi - 1)) / (Math.sqrt(omeosq) * omeosq);
  let del = d1 / (ak * ak);
  const adel = ak * (1 - del * del - del * (1 / 3 + (134 * del * del) / 81));
  del = d1 / (adel * adel);
  return kozaiRadPerMin / (1 + del);
}

/** Kozai's mean motion n_K (rad/min) of an SGP4 record: the value its element set carried. */
export function kozaiMeanMotion(rec: Pick<SatRec, 'no' | 'inclo' | 'ecco'>): number {
  let nk = rec.no;
  for (let k = 0; k < 8; k++) {
    const nb = brouwerMeanMotion(nk, rec.inclo, rec.ecco);
    if (!(nb > 0)) return rec.no;
    nk *= rec.no / nb;
  }
  return nk;
}
