/**
 * Constellation designs → SGP4 element sets. Every generated design becomes
 * OMM mean elements (TEME, epoch = scenario start) turned into satellite.js
 * records with `json2satrec`, so generated and imported nodes propagate
 * identically with SGP4.
 */
import { json2satrec, type OMMJsonObject, type SatRec } from 'satellite.js';
import { DEG, EARTH_RADIUS_KM, J2, MU_EARTH_KM3_PER_S2, RAD, SUN_MEAN_MOTION_RAD_PER_S, S_PER_DAY } from '../core/constants';
import type { ElementError } from './elements';
import { parseOmm, parseTle } from './elements';
import type { Constellation, Scenario } from './scenario';
import { sunRaDec } from '../orbit/sun';
import { parseUtcMs } from '../core/time';

export interface SatelliteSpec {
  id: string;
  name: string;
  satrec: SatRec;
  epochMs: number;
}

export interface SatelliteBuild {
  satellites: SatelliteSpec[];
  /** Element-set problems (bad records are skipped; the good ones load). */
  errors: ElementError[];
}

/**
 * Keplerian mean motion (rev/day) of a circular orbit at `altitudeKm`:
 * n = √(μ / a³), a = R + h (WGS72). SGP4 reads it as its Kozai mean motion,
 * so propagated mean altitudes differ from `altitudeKm` by a few km.
 */
export function meanMotionRevPerDay(altitudeKm: number): number {
  const a = EARTH_RADIUS_KM + altitudeKm;
  return (Math.sqrt(MU_EARTH_KM3_PER_S2 / (a * a * a)) * S_PER_DAY) / (2 * Math.PI);
}

/**
 * Sun-synchronous inclination (rad) from the J2 secular node rate:
 * cos i = −2 ω☉ a^{7/2} (1 − e²)² / (3 J2 R² √μ), ω☉ = 2π / 365.2422 d.
 * Throws RangeError above ≈5,975 km where no such orbit exists.
 */
export function sunSynchronousInclinationRad(altitudeKm: number, eccentricity = 0): number {
  const a = EARTH_RADIUS_KM + altitudeKm;
  const e2 = 1 - eccentricity * eccentricity;
  const cosI = (-2 * SUN_MEAN_MOTION_RAD_PER_S * Math.pow(a, 3.5) * e2 * e2) / (3 * J2 * EARTH_RADIUS_KM * EARTH_RADIUS_KM * Math.sqrt(MU_EARTH_KM3_PER_S2));
  if (cosI < -1) throw new RangeError(`no sun-synchronous orbit at altitude ${altitudeKm} km`);
  return Math.acos(cosI);
}

/**
 * RAAN (rad, [0, 2π)) for a local time of ascending node:
 * Ω = α☉(epoch) + (LTAN − 12 h) · 15°/h, with the true Sun's right ascension.
 */
export function raanFromLtanRad(ltanHours: number, epochMs: number): number {
  const { raRad } = sunRaDec(epochMs);
  return wrap2Pi(raRad + (ltanHours - 12) * 15 * DEG);
}

function wrap2Pi(x: number): number {
  const t = x % (2 * Math.PI);
  return t < 0 ? t + 2 * Math.PI : t;
}

function wrap360(x: number): number {
  const t = x % 360;
  return t < 0 ? t + 360 : t;
}

interface MeanElementsDeg {
  name: string;
  inclinationDeg: number;
  raanDeg: number;
  eccentricity: number;
  argPerigeeDeg: number;
  meanAnomalyDeg: number;
  meanMotionRevPerDay: number;
}

function toSatrec(el: MeanElementsDeg, index: number, epochIso: string): SatRec {
  const omm: OMMJsonObject = {
    OBJECT_NAME: el.name,
    OBJECT_ID: `GEN-${index + 1}`,
    EPOCH: epochIso.replace(/Z$/, ''),
    MEAN_MOTION: el.meanMotionRevPerDay,
    ECCENTRICITY: el.eccentricity,
    INCLINATION: el.inclinationDeg,
    RA_OF_ASC_NODE: wrap360(el.raanDeg),
    ARG_OF_PERICENTER: wrap360(el.argPerigeeDeg),
    MEAN_ANOMALY: wrap360(el.meanAnomalyDeg),
    EPHEMERIS_TYPE: 0,
    CLASSIFICATION_TYPE: 'U',
    NORAD_CAT_ID: 90000 + (index % 9999),
    ELEMENT_SET_NO: 999,
    REV_AT_EPOCH: 0,
    BSTAR: 0,
    MEAN_MOTION_DOT: 0,
    MEAN_MOTION_DDOT: 0,
  };
  return json2satrec(omm);
}

/**
 * Walker T/P/F: plane k has RAAN Ω₀ + k·S/P (S = 360° delta, 180° star);
 * satellite j of plane k has mean anomaly j·360°/(T/P) + k·F·360°/T.
 */
export function walkerElements(c: Extract<Constellation, { type: 'walker' }>): MeanElementsDeg[] {
  const P = c.planes;
  const S = c.satellitesPerPlane;
  const T = P * S;
  const spread = c.pattern === 'star' ? 180 : 360;
  const n = meanMotionRevPerDay(c.altitudeKm);
  const out: MeanElementsDeg[] = [];
  for (let k = 0; k < P; k++) {
    for (let j = 0; j < S; j++) {
      out.push({
        name: `W${String(k + 1).padStart(2, '0')}-${String(j + 1).padStart(2, '0')}`,
        inclinationDeg: c.inclinationDeg,
        raanDeg: c.firstRaanDeg + (k * spread) / P,
        eccentricity: 0,
        argPerigeeDeg: 0,
        meanAnomalyDeg: (j * 360) / S + (k * c.phasing * 360) / T,
        meanMotionRevPerDay: n,
      });
    }
  }
  return out;
}

/**
 * Sun-synchronous planes. Inclination from the J2 formula at the design
 * altitude. Plane k (0-based, P planes) sits at LTAN = ltanHours +
 * (k − (P − 1)/2) · ltanSpacingHours, i.e. centred on the given LTAN.
 * Satellites are evenly spaced in each plane, adjacent planes offset by half a slot.
 */
export function ssoElements(c: Extract<Constellation, { type: 'sso' }>, epochMs: number): MeanElementsDeg[] {
  const inc = sunSynchronousInclinationRad(c.altitudeKm) * RAD;
  const n = meanMotionRevPerDay(c.altitudeKm);
  const out: MeanElementsDeg[] = [];
  for (let k = 0; k < c.planes; k++) {
    const ltan = c.ltanHours + (k - (c.planes - 1) / 2) * c.ltanSpacingHours;
    const raan = raanFromLtanRad(ltan, epochMs) * RAD;
    for (let j = 0; j < c.satellitesPerPlane; j++) {
      out.push({
        name: `SSO${String(k + 1).padStart(2, '0')}-${String(j + 1).padStart(2, '0')}`,
        inclinationDeg: inc,
        raanDeg: raan,
        eccentricity: 0,
        argPerigeeDeg: 0,
        meanAnomalyDeg: ((j + (k % 2) * 0.5) * 360) / c.satellitesPerPlane,
        meanMotionRevPerDay: n,
      });
    }
  }
  return out;
}

/**
 * Cluster formation in a sun-synchronous orbit: all members share semi-major
 * axis, inclination and RAAN, so they keep formation under J2 to first order.
 * Member relative motion (Hill frame, small e): radial x = −a e cos M,
 * along-track y = 2 a e sin M — a 2:1 ellipse. Members sit on concentric
 * rings r = 0…: ring r has along-track semi-axis r·radiusM/rings and 8r
 * members at evenly spaced phases (ω varied, ω + M held equal), so
 * neighbours are ≈ radiusM/(rings·1.6)…radiusM/rings apart (100–200 m for
 * 81 members in 1 km). Outermost e = radiusM / (2a) ≈ 7e-5 at 650 km.
 */
export function clusterElements(c: Extract<Constellation, { type: 'cluster' }>, epochMs: number): MeanElementsDeg[] {
  const inc = sunSynchronousInclinationRad(c.altitudeKm) * RAD;
  const raan = raanFromLtanRad(c.ltanHours, epochMs) * RAD;
  const n = meanMotionRevPerDay(c.altitudeKm);
  const aKm = EARTH_RADIUS_KM + c.altitudeKm;
  // Rings needed: 1 + 8 + 16 + … = 1 + 4 R (R + 1) ≥ satellites.
  let rings = 0;
  while (1 + 4 * rings * (rings + 1) < c.satellites) rings++;
  const out: MeanElementsDeg[] = [];
  let idx = 0;
  for (let r = 0; r <= rings && idx < c.satellites; r++) {
    const members = r === 0 ? 1 : 8 * r;
    const alongTrackKm = rings === 0 ? 0 : (r * c.radiusM) / 1000 / rings;
    const e = alongTrackKm / (2 * aKm);
    for (let m = 0; m < members && idx < c.satellites; m++, idx++) {
      const phaseDeg = (m * 360) / members + (r % 2) * (180 / members);
      // Hold the mean argument of latitude ω + M equal across members.
      out.push({
        name: `C${String(idx + 1).padStart(3, '0')}`,
        inclinationDeg: inc,
        raanDeg: raan,
        eccentricity: e,
        argPerigeeDeg: r === 0 ? 0 : -phaseDeg,
        meanAnomalyDeg: r === 0 ? 0 : phaseDeg,
        meanMotionRevPerDay: n,
      });
    }
  }
  return out;
}

/** Builds SGP4 records for every satellite of the scenario, in input order. */
export function buildSatellites(scenario: Scenario): SatelliteBuild {
  const c = scenario.constellation;
  const epochMs = parseUtcMs(scenario.startUtc);
  const epochIso = new Date(epochMs).toISOString();
  if (c.type === 'tle' || c.type === 'omm') {
    const parsed = c.type === 'tle' ? parseTle(c.text) : parseOmm(c.records);
    return {
      satellites: parsed.records.map((r, i) => ({
        id: `${r.noradId}#${i}`,
        name: r.name,
        satrec: r.satrec,
        epochMs: r.epochMs,
      })),
      errors: parsed.errors,
    };
  }
  const elements = c.type === 'walker' ? walkerElements(c) : c.type === 'sso' ? ssoElements(c, epochMs) : clusterElements(c, epochMs);
  const satellites: SatelliteSpec[] = elements.map((el, i) => ({
    id: `${c.type}-${i + 1}`,
    name: el.name,
    satrec: toSatrec(el, i, epochIso),
    epochMs,
  }));
  return { satellites, errors: [] };
}
