/**
 * Annual total ionising dose, rad(Si)/year, at the centre of a solid aluminium sphere of
 * radius t (4π shielding) on a circular orbit, from trapped protons and electrons.
 *   D(h, i, t) = D550(i', t) · A(h)        i' = i folded into 0–90° (i > 90° → 180° − i)
 *   D550: SPENVIS dose–depth table at 550 km (inclination × thickness), interpolated
 *         log-linearly in dose over inclination and over ln(t);
 *   A(h): altitude factor, log-linear in altitude between the rows below (A(550) = 1).
 * Units: altitude km, inclination degrees, shielding mm of Al, dose rad(Si) per year (365.25 d).
 * Sources (full tables and derivation: docs/reference/environment-sources.md, "Radiation dose"):
 *  - D550: SPENVIS 4.6.11 runs published with T. Pfandzelter & D. Bermbach, "Edge Computing in
 *    Low-Earth Orbit — What Could Possibly Go Wrong?", LEO-NET '23 (arXiv:2302.08952), repository
 *    pfandzelter/leo-edge-failure-models, compute-failure/cleaned/<inclination>.csv: 550 km
 *    circular, AP-8 MIN protons, AE-8 MAX electrons, SHIELDOSE-2 "4π dose at centre of Al
 *    spheres", Si target, 1,825-day mission; values here are the published 5-year totals.
 *  - A(650) = 1.3231: Google 2025 study (arXiv:2511.19468, via docs/reference/ECONOMICS.md), ≈150 rad(Si)/yr at
 *    650 km dawn–dusk SSO behind ≈10 mm Al, divided by D550(82°, 10 mm) = 113.37 rad/yr.
 *  - A(825) = 5.3526: AP-8 MIN orbit-averaged integral proton flux above 50 MeV (the energy that
 *    just crosses 10 mm Al) from SPENVIS 4.6.13 runs in tdloveless/me-radfx (HW 2): 116.63 cm⁻²s⁻¹
 *    at 825 km / 98.8° over 29.872 at 530 km / 53°, × D550(53°)/D550(81.2°) = 1.4499 to remove
 *    the inclination change, × A(530) = A(650)^(−0.2) = 0.94554.
 *  - 400 km: the 550→650 log-slope extended down. 1,000–1,400 km: the 550→825 log-slope
 *    (e-folding 163.9 km) extended up — an ESTIMATE, no published table above 825 km was found.
 * Valid: 400–1,400 km (clamped outside: below 400 km the 400 km value, above 1,400 km the
 *   1,400 km value, which understates the inner belt further up); 0.5–20 mm Al (clamped);
 *   any inclination. Known limit: the altitude factor is separable, so low inclinations that
 *   miss the South Atlantic Anomaly at 550 km (0–10°) stay near zero at every altitude, which
 *   is wrong above ≈ 1,000 km where the inner belt reaches the equator. Pure, no allocation.
 */

/**
 * Default equivalent aluminium shielding (mm): the ≈10 mm behind which the Google 2025 study
 * (arXiv:2511.19468; docs/reference/ECONOMICS.md "expected dose" row) expects ≈150 rad(Si)/yr at 650 km SSO.
 */
export const DEFAULT_SHIELDING_MM_AL = 10;

/** Altitude range over which the model is defined (km); outside it the dose is clamped. */
export const RADIATION_MIN_ALTITUDE_KM = 400;
export const RADIATION_MAX_ALTITUDE_KM = 1400;
/** Shielding range of the SPENVIS table (mm Al); outside it the dose is clamped. */
export const RADIATION_MIN_SHIELDING_MM_AL = 0.5;
export const RADIATION_MAX_SHIELDING_MM_AL = 20;

/** Days in the SPENVIS mission behind the 550 km table (01/01/2023–31/12/2027). */
const SPENVIS_MISSION_DAYS = 1825;
const DAYS_PER_YEAR = 365.25;

/** Shielding rows of the 550 km table (mm Al). */
const THICKNESS_MM = [0.5, 1, 2, 3, 4, 5, 6, 8, 10, 12, 14, 16, 18, 20];
/** Inclination columns (deg), 0–90 every 10°. */
const INCLINATION_STEP_DEG = 10;

/**
 * SPENVIS 5-year total dose (rad(Si)) at 550 km, one row per inclination 0, 10, …, 90°,
 * one value per THICKNESS_MM entry ("total_dose" column of <inclination>.csv).
 */
const DOSE_550_5YR_RAD = [
  /*  0° */ [1.597, 0.88089, 0.50528, 0.38358, 0.29549, 0.20154, 0.11083, 0.0099523, 7.2288e-4, 6.0373e-4, 5.2697e-4, 4.8794e-4, 4.6437e-4, 4.3825e-4],
  /* 10° */ [256.77, 202.13, 141.95, 109.79, 91.23, 77.602, 68.847, 56.535, 47.832, 41.534, 35.588, 31.408, 27.906, 25.189],
  /* 20° */ [1486.6, 949.33, 750.02, 657.8, 599.35, 557.14, 529.11, 485.14, 452.97, 425.73, 398.4, 374.89, 355.79, 336.92],
  /* 30° */ [21454, 4708.6, 2315.5, 1824.7, 1599.0, 1461.3, 1383.0, 1274.9, 1195.5, 1130.2, 1064.5, 1007.1, 959.0, 909.31],
  /* 40° */ [50193, 8853.5, 3349.0, 2352.9, 1933.6, 1685.7, 1555.1, 1406.7, 1301.5, 1227.5, 1143.9, 1079.1, 1014.3, 958.04],
  /* 50° */ [67015, 18836, 6951.2, 3636.0, 2222.2, 1544.9, 1225.7, 980.76, 883.02, 826.33, 766.52, 720.8, 675.75, 636.83],
  /* 60° */ [93885, 33271, 12021, 5572.0, 2906.1, 1702.9, 1159.0, 797.53, 697.16, 650.29, 603.6, 568.05, 533.08, 502.9],
  /* 70° */ [109870, 40433, 14245, 6338.5, 3151.8, 1748.8, 1126.2, 727.19, 627.08, 583.93, 542.07, 510.26, 479.0, 452.02],
  /* 80° */ [92272, 33265, 11584, 5145.6, 2586.7, 1466.9, 972.17, 653.01, 568.65, 530.13, 492.04, 463.11, 434.71, 410.23],
  /* 90° */ [83481, 29866, 10487, 4712.8, 2401.7, 1383.3, 931.17, 637.21, 557.8, 520.8, 483.7, 455.36, 427.49, 403.45],
];

/** Per-year dose = 5-year total × this (365.25 / 1,825). */
const PER_YEAR = DAYS_PER_YEAR / SPENVIS_MISSION_DAYS;

/** Altitude factor rows: altitude (km) and ln A (A(550) = 1). Derivation in the header. */
const ALTITUDE_KM = [400, 550, 650, 825, 1000, 1200, 1400];
const ALTITUDE_FACTOR = [0.65705, 1, 1.3231, 5.3526, 15.567, 52.73, 178.62];

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** A(h), log-linear between rows, altitude clamped to [400, 1400] km. */
function altitudeFactor(altitudeKm: number): number {
  const h = clamp(altitudeKm, RADIATION_MIN_ALTITUDE_KM, RADIATION_MAX_ALTITUDE_KM);
  let k = 0;
  while (k < ALTITUDE_KM.length - 2 && h > ALTITUDE_KM[k + 1]) k++;
  const f = (h - ALTITUDE_KM[k]) / (ALTITUDE_KM[k + 1] - ALTITUDE_KM[k]);
  return ALTITUDE_FACTOR[k] * Math.exp(f * Math.log(ALTITUDE_FACTOR[k + 1] / ALTITUDE_FACTOR[k]));
}

/** ln of the 550 km 5-year dose in inclination row r, log-linear in ln t between columns j, j+1. */
function lnDoseRow(r: number, j: number, ft: number): number {
  const row = DOSE_550_5YR_RAD[r];
  const lo = Math.log(row[j]);
  return lo + (Math.log(row[j + 1]) - lo) * ft;
}

/**
 * Annual total ionising dose, rad(Si)/year, behind `shieldingMmAl` mm of aluminium (solid
 * sphere, 4π) on a circular orbit at `altitudeKm` and `inclinationDeg`. Altitude clamped to
 * 400–1,400 km and shielding to 0.5–20 mm (see the header); finite inputs assumed.
 */
export function annualDoseRadPerYear(altitudeKm: number, inclinationDeg: number, shieldingMmAl: number): number {
  // Fold the inclination into 0–90°: a retrograde orbit covers the same latitude band.
  let inc = Math.abs(inclinationDeg) % 360;
  if (inc > 180) inc = 360 - inc;
  if (inc > 90) inc = 180 - inc;
  const x = inc / INCLINATION_STEP_DEG;
  const r = Math.min(Math.floor(x), DOSE_550_5YR_RAD.length - 2);
  const fi = x - r;

  // Math.log/exp per call, never at module load (core/det-math is installed after loading).
  const t = clamp(shieldingMmAl, RADIATION_MIN_SHIELDING_MM_AL, RADIATION_MAX_SHIELDING_MM_AL);
  let j = 0;
  while (j < THICKNESS_MM.length - 2 && t > THICKNESS_MM[j + 1]) j++;
  const ft = Math.log(t / THICKNESS_MM[j]) / Math.log(THICKNESS_MM[j + 1] / THICKNESS_MM[j]);

  const ln550 = lnDoseRow(r, j, ft) * (1 - fi) + lnDoseRow(r + 1, j, ft) * fi;
  return Math.exp(ln550) * PER_YEAR * altitudeFactor(altitudeKm);
}
