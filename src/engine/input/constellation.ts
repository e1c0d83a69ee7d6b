/**
 * Constellation designs → SGP4 element sets. Every generated design becomes
 * OMM mean elements (TEME, epoch = scenario start) turned into satellite.js
 * records with `json2satrec`, so generated and imported nodes propagate
 * identically with SGP4. LTAN is counted in mean local solar time unless
 * `ltanConvention` is "true" (raanFromLtanRad). Designs whose satellites come
 * closer than the spacing thresholds on their mean orbits (circular, equal
 * altitude and inclination: fixed relative geometry under J2) draw warnings
 * before the run (designSpacingWarnings); the run measures the actual
 * closest approach (run/separation.ts).
 */
import { bstarPerEarthRadius } from '../environment/orbit-maintenance';
import { nodeMass } from '../cost/node-mass';
import { gstime, json2satrec, type OMMJsonObject, type SatRec } from 'satellite.js';
import type { z } from 'zod';
import { DEG, EARTH_RADIUS_KM, J2, MS_PER_DAY, MU_EARTH_KM3_PER_S2, RAD, SUN_MEAN_MOTION_RAD_PER_S, S_PER_DAY } from '../core/constants';
import type { ElementError } from './elements';
import { parseOmm, parseTle } from './elements';
import { spacingSchema, type Constellation, type Scenario } from './scenario';
import { sunRaDec } from '../orbit/sun';
import { julianDateFromMs, parseUtcMs } from '../core/time';

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
  /** Element sets that did not load, each once however many errors it has (elements ParseResult.skipped); 0 for generated designs. */
  skipped: number;
  /** Designs that bring satellites closer than the spacing thresholds by construction; `path` names the field to change. */
  warnings: BuildWarning[];
}

export interface BuildWarning {
  path: string;
  message: string;
}

/** Solar time an LTAN is counted in: mean (mean local solar time) or true (apparent, the true Sun). */
export type LtanConvention = 'mean' | 'true';

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
 * Right ascension (rad, [0, 2π), TEME of date) of the fictitious mean Sun,
 * whose Greenwich hour angle is UT − 12 h (the definition of mean solar
 * time): α_ms = GMST − 15°/h · (UT − 12 h) = GMST + π − 2π · (UT day
 * fraction), GMST from satellite.js `gstime` (IAU-82, Vallado 2013 eq. 3-45;
 * UTC for UT1, ≤ 0.9 s). α_ms − α☉ is the equation of time (≈ −14.2 min in
 * mid February, +16.4 min in early November). Same as Meeus (1998) ch. 28,
 * E = L₀ − 0.0057183° − α (L₀ the Sun's mean longitude), to 0.0001°.
 */
export function meanSunRaRad(timeMs: number): number {
  const dayFraction = (((timeMs % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / MS_PER_DAY;
  return wrap2Pi(gstime(julianDateFromMs(timeMs)) + Math.PI - 2 * Math.PI * dayFraction);
}

/**
 * RAAN (rad, [0, 2π)) for a local time of ascending node:
 * Ω = α(epoch) + (LTAN − 12 h) · 15°/h, α the right ascension of the mean Sun
 * (`mean`, the default: LTAN in mean local solar time, as missions specify
 * it — e.g. ESA Sentinel-2 "10:30 mean local solar time at the descending
 * node"; Vallado 2013 §3.5 and Eagle's ltan2raan "mean" option) or of the true
 * Sun (`true`: apparent solar time, satellite.js `sunPos`). The two differ by
 * the equation of time, up to 16 min (4°).
 */
export function raanFromLtanRad(ltanHours: number, epochMs: number, convention: LtanConvention = 'mean'): number {
  const sunRa = convention === 'mean' ? meanSunRaRad(epochMs) : sunRaDec(epochMs).raRad;
  return wrap2Pi(sunRa + (ltanHours - 12) * 15 * DEG);
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

function toSatrec(el: MeanElementsDeg, index: number, epochIso: string, bstar: number): SatRec {
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
    BSTAR: bstar,
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
    const raan = raanFromLtanRad(ltan, epochMs, c.ltanConvention) * RAD;
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
  const raan = raanFromLtanRad(c.ltanHours, epochMs, c.ltanConvention) * RAD;
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

/** Unit normal [sin i sin Ω, −sin i cos Ω, cos i] and position at argument of latitude u of a circular orbit. */
function unitNormal(incRad: number, raanRad: number): number[] {
  return [Math.sin(incRad) * Math.sin(raanRad), -Math.sin(incRad) * Math.cos(raanRad), Math.cos(incRad)];
}
function unitPosition(incRad: number, raanRad: number, uRad: number): number[] {
  const [cO, sO, cu, su, ci] = [Math.cos(raanRad), Math.sin(raanRad), Math.cos(uRad), Math.sin(uRad), Math.cos(incRad)];
  return [cO * cu - sO * su * ci, sO * cu + cO * su * ci, su * Math.sin(incRad)];
}
const dot = (p: number[], q: number[]) => p[0] * q[0] + p[1] * q[1] + p[2] * q[2];
const cross = (p: number[], q: number[]) => [p[1] * q[2] - p[2] * q[1], p[2] * q[0] - p[0] * q[2], p[0] * q[1] - p[1] * q[0]];

/**
 * Closest approach over time (km) of two satellites on circular orbits of the
 * same radius and inclination (so the same mean motion and J2 drift: their
 * relative geometry is fixed). With θ the angle between the orbit normals and
 * x, y the satellites' angles past the planes' line of intersection,
 * cos γ = cos x cos y + sin x sin y cos θ; with δ = x − y fixed this is largest
 * when both sit symmetric about the crossing, 1 − cos γ = (1 + cos θ) sin²(δ/2):
 *   d_min = 2a cos(θ/2) |sin(δ/2)|.
 * One plane flown the same way: the chord a |r̂_A − r̂_B|; opposite ways: 0.
 */
export function circularPairMinDistanceKm(aKm: number, incRad: number, raanARad: number, uARad: number, raanBRad: number, uBRad: number): number {
  const nA = unitNormal(incRad, raanARad);
  const nB = unitNormal(incRad, raanBRad);
  const rA = unitPosition(incRad, raanARad, uARad);
  const rB = unitPosition(incRad, raanBRad, uBRad);
  const cosTheta = dot(nA, nB);
  const line = cross(nA, nB);
  const s = Math.sqrt(dot(line, line));
  if (s < 1e-12) return cosTheta > 0 ? aKm * Math.hypot(rA[0] - rB[0], rA[1] - rB[1], rA[2] - rB[2]) : 0;
  const c = line.map((v) => v / s);
  const x = Math.atan2(dot(nA, cross(c, rA)), dot(c, rA));
  const y = Math.atan2(dot(nB, cross(c, rB)), dot(c, rB));
  return 2 * aKm * Math.sqrt(Math.max(0, (1 + cosTheta) / 2)) * Math.abs(Math.sin((x - y) / 2));
}

/** Closest pair of a design on its mean orbits: satellite indices (generation order) and distance (km). */
export interface DesignClosestPair {
  km: number;
  a: number;
  b: number;
}

/**
 * Walker T/P/F on its mean orbits: a pair's geometry depends only on the plane
 * offset Δk and slot offset Δj (RAAN Δk·S/P, phase Δj·360°/S + Δk·F·360°/T),
 * so P·S evaluations cover all T(T − 1)/2 pairs.
 */
export function walkerClosestPair(c: Extract<Constellation, { type: 'walker' }>): DesignClosestPair | null {
  const [P, S] = [c.planes, c.satellitesPerPlane];
  const spread = c.pattern === 'star' ? 180 : 360;
  const aKm = EARTH_RADIUS_KM + c.altitudeKm;
  let best: DesignClosestPair | null = null;
  for (let dk = 0; dk < P; dk++) {
    for (let dj = dk === 0 ? 1 : 0; dj < S; dj++) {
      const uB = ((dj * 360) / S + (dk * c.phasing * 360) / (P * S)) * DEG;
      const km = circularPairMinDistanceKm(aKm, c.inclinationDeg * DEG, 0, 0, ((dk * spread) / P) * DEG, uB);
      if (!best || km < best.km) best = { km, a: 0, b: dk * S + dj };
    }
  }
  return best;
}

/** Sun-synchronous planes (ssoElements): as Walker, with the half-slot offset of odd planes (so both parities of the first plane). */
export function ssoClosestPair(c: Extract<Constellation, { type: 'sso' }>): DesignClosestPair | null {
  const [P, S] = [c.planes, c.satellitesPerPlane];
  const inc = sunSynchronousInclinationRad(c.altitudeKm);
  const aKm = EARTH_RADIUS_KM + c.altitudeKm;
  let best: DesignClosestPair | null = null;
  for (let dk = 0; dk < P; dk++) {
    for (let k = 0; k < 2 && k + dk < P; k++) {
      for (let dj = dk === 0 ? 1 : 0; dj < S; dj++) {
        const uA = (((k % 2) * 0.5 * 360) / S) * DEG;
        const uB = (((dj + ((k + dk) % 2) * 0.5) * 360) / S) * DEG;
        const km = circularPairMinDistanceKm(aKm, inc, 0, uA, dk * c.ltanSpacingHours * 15 * DEG, uB);
        if (!best || km < best.km) best = { km, a: k * S, b: (k + dk) * S + dj };
      }
    }
  }
  return best;
}

/**
 * Closest member spacing (m) of a cluster (clusterElements) over an orbit: a
 * pair on rings of radial semi-axes A₁, A₂ at phases φ₁, φ₂ is |A₁e^{iφ₁} −
 * A₂e^{iφ₂}| apart when their separation is radial, twice that along-track.
 * Different rings are ≥ A₁ = radiusM/(2R) apart, neighbours on ring r (8r
 * members, 45°/r apart) 2·A₁·r·sin(22.5°/r), least on ring 1: with three or
 * more members, (radiusM/R) · sin 22.5° (R rings); two: radiusM/2.
 */
export function clusterMinSpacingM(c: Extract<Constellation, { type: 'cluster' }>): number | null {
  if (c.satellites < 2) return null;
  let rings = 0;
  while (1 + 4 * rings * (rings + 1) < c.satellites) rings++;
  return c.satellites === 2 ? c.radiusM / 2 : (c.radiusM / rings) * Math.sin(Math.PI / 8);
}

type Spacing = z.output<typeof spacingSchema>;
const DEFAULT_SPACING = spacingSchema.parse({});
const shortNumber = (x: number) => String(Number(x.toPrecision(3)));

/** Warnings for generated designs whose satellites come closer than the spacing thresholds on their mean orbits. */
export function designSpacingWarnings(c: Constellation, names: readonly string[], spacing: Spacing = DEFAULT_SPACING): BuildWarning[] {
  if (c.type === 'cluster') {
    const m = clusterMinSpacingM(c);
    if (m === null || m >= spacing.formationWarnBelowM) return [];
    const message = `${c.satellites} members in a ${shortNumber(c.radiusM)} m formation come within ${shortNumber(m)} m of each other (neighbours on the inner ring), below spacing.formationWarnBelowM = ${spacing.formationWarnBelowM} m: use fewer satellites or a larger radiusM`;
    return [{ path: 'constellation.satellites', message }];
  }
  const pair = c.type === 'walker' ? walkerClosestPair(c) : c.type === 'sso' ? ssoClosestPair(c) : null;
  if (!pair || pair.km >= spacing.warnBelowKm) return [];
  const S = c.type === 'walker' || c.type === 'sso' ? c.satellitesPerPlane : 1;
  const [pa, pb] = [Math.floor(pair.a / S), Math.floor(pair.b / S)];
  const where = pa === pb ? 'fly in the same plane' : `(planes ${pa + 1} and ${pb + 1}) arrive together where their orbits cross and pass`;
  const fix = c.type === 'walker' ? 'change phasing, planes or inclinationDeg' : 'change ltanSpacingHours or satellitesPerPlane';
  const message = `satellites ${names[pair.a]} and ${names[pair.b]} ${where} ${shortNumber(pair.km)} km apart every orbit, below spacing.warnBelowKm = ${spacing.warnBelowKm} km: ${fix}`;
  return [{ path: c.type === 'walker' ? 'constellation.phasing' : 'constellation.ltanSpacingHours', message }];
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
      skipped: parsed.skipped,
      warnings: [],
    };
  }
  const elements = c.type === 'walker' ? walkerElements(c) : c.type === 'sso' ? ssoElements(c, epochMs) : clusterElements(c, epochMs);
  // Held orbits (mass.stationKeeping) do not decay; uncontrolled ones carry the node's own B* (cost/node-mass.ts).
  const bstar = scenario.mass.stationKeeping ? 0 : bstarPerEarthRadius(nodeMass(scenario, 0).areaToMassM2PerKg, scenario.mass.dragCoefficient);
  const satellites: SatelliteSpec[] = elements.map((el, i) => ({
    id: `${c.type}-${i + 1}`,
    name: el.name,
    satrec: toSatrec(el, i, epochIso, bstar),
    epochMs,
  }));
  return { satellites, errors: [], skipped: 0, warnings: designSpacingWarnings(c, elements.map((e) => e.name), scenario.spacing) };
}
