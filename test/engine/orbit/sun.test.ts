/**
 * Eclipse geometry against docs/reference/PHYSICS.md: the cylindrical
 * eclipse-fraction table, and the engine's eclipse events (SGP4 + satellite.js
 * shadow) against that formula for polar orbits placed at chosen β angles.
 */
import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_KM, DEG, RAD } from '../../../src/engine/core/constants';
import { betaAngleRad, cylindricalEclipseFraction, eclipseG, eclipseSwitch, shadowFromEclipseG, solarFluxWPerM2, sunRaDec } from '../../../src/engine/orbit/sun';
import { parseUtcMs } from '../../../src/engine/core/time';
import { propagateAt, satrecEpochMs } from '../../../src/engine/orbit/propagation';
import { buildSatellites, meanMotionRevPerDay } from '../../../src/engine/input/constellation';
import { normaliseScenario } from '../../../src/engine/input/scenario';
import { innerEclipses, mean, run } from '../helpers';
import { shadowFraction, sunPos } from 'satellite.js';
import { julianDateFromMs } from '../../../src/engine/core/time';

// PHYSICS.md: h (km), f at β = 0, eclipse min, period min, β* (deg)
const TABLE = [
  [400, 0.3901, 36.1, 92.56, 70.22],
  [550, 0.3723, 35.6, 95.65, 67.02],
  [650, 0.362, 35.4, 97.73, 65.16],
  [800, 0.3483, 35.1, 100.87, 62.69],
] as const;

describe('cylindrical eclipse fraction (PHYSICS.md table)', () => {
  it.each(TABLE)('h = %d km: f(β=0) and β*', (h, f0, eclMin, periodMin, betaStarDeg) => {
    expect(cylindricalEclipseFraction(h, 0)).toBeCloseTo(f0, 4);
    expect(cylindricalEclipseFraction(h, 0) * (1440 / meanMotionRevPerDay(h))).toBeCloseTo(eclMin, 0);
    expect(1440 / meanMotionRevPerDay(h)).toBeCloseTo(periodMin, 1);
    expect(Math.asin(EARTH_RADIUS_KM / (EARTH_RADIUS_KM + h)) * RAD).toBeCloseTo(betaStarDeg, 2);
    expect(cylindricalEclipseFraction(h, (betaStarDeg + 0.05) * DEG)).toBe(0);
    expect(cylindricalEclipseFraction(h, (betaStarDeg - 1) * DEG)).toBeGreaterThan(0);
  });
});

describe('solar flux', () => {
  it('scales as 1/d² around 1361 W/m² (≈1315–1410 over the year)', () => {
    expect(solarFluxWPerM2(1)).toBe(1361);
    const jan = sunPos(julianDateFromMs(parseUtcMs('2026-01-03T00:00:00Z'))).rsun;
    const jul = sunPos(julianDateFromMs(parseUtcMs('2026-07-04T00:00:00Z'))).rsun;
    const fJan = solarFluxWPerM2(Math.hypot(jan.x, jan.y, jan.z));
    const fJul = solarFluxWPerM2(Math.hypot(jul.x, jul.y, jul.z));
    expect(fJan).toBeGreaterThan(1400);
    expect(fJan).toBeLessThan(1415);
    expect(fJul).toBeGreaterThan(1312);
    expect(fJul).toBeLessThan(1320);
  });
});

describe('eclipse switching function', () => {
  it('is positive exactly where satellite.js reports the Sun centre hidden (shadow ≥ 0.5)', () => {
    const sun = sunPos(julianDateFromMs(parseUtcMs('2026-03-20T12:00:00Z'))).rsun;
    const s = Math.hypot(sun.x, sun.y, sun.z);
    const u = [sun.x / s, sun.y / s, sun.z / s];
    // Points on a circle of radius 6928 km in the plane containing the Sun direction.
    let checked = 0;
    for (let a = 0; a < 360; a += 0.25) {
      const r = 6928;
      const c = Math.cos(a * DEG);
      const sn = Math.sin(a * DEG);
      // perpendicular vector to u in the equatorial-ish plane
      const p = [-u[1], u[0], 0];
      const pn = Math.hypot(p[0], p[1], p[2]);
      const x = r * (c * u[0] + (sn * p[0]) / pn);
      const y = r * (c * u[1] + (sn * p[1]) / pn);
      const z = r * (c * u[2] + (sn * p[2]) / pn);
      const g = eclipseG(x, y, z, sun.x, sun.y, sun.z);
      const sf = shadowFraction(sun, { x, y, z });
      expect(eclipseSwitch(x, y, z, sun.x, sun.y, sun.z)).toBe(-g); // the deprecated lit-positive form
      if (Math.abs(sf - 0.5) > 0.05) {
        expect(g > 0, `angle ${a}: g=${g}, shadow=${sf}`).toBe(sf > 0.5);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});

/** Polar orbit whose RAAN puts the Sun at angle β from the orbit plane at `startUtc`. */
function polarRaanDegForBeta(betaDeg: number, startUtc: string): number {
  const { raRad, decRad } = sunRaDec(parseUtcMs(startUtc));
  // β = asin(cos δ sin(Ω − α)) for i = 90°.
  return ((raRad + Math.asin(Math.sin(betaDeg * DEG) / Math.cos(decRad))) * RAD) % 360;
}

describe('engine eclipse durations match the cylindrical formula', () => {
  const startUtc = '2026-03-20T00:00:00Z';
  const cases = [
    [400, 0],
    [550, 0],
    [650, 30],
    [800, 50],
    [550, 60],
  ] as const;
  it.each(cases)('h = %d km, β = %d°', async (h, betaDeg) => {
    const input = {
      startUtc,
      durationHours: 8,
      stepSeconds: 30,
      constellation: { type: 'walker', altitudeKm: h, inclinationDeg: 90, planes: 1, satellitesPerPlane: 1, firstRaanDeg: polarRaanDegForBeta(betaDeg, startUtc) },
    } as const;
    const out = await run(input);
    const ecl = innerEclipses(out);
    expect(ecl.length).toBeGreaterThanOrEqual(3);
    // Independent geometry: mean radius and β from the propagated orbit and the Sun.
    const sat = buildSatellites(normaliseScenario(input)).satellites[0];
    const pv = new Float64Array(6);
    const radii: number[] = [];
    const betas: number[] = [];
    for (let t = out.startMs; t < out.endMs; t += 60_000) {
      propagateAt(sat.satrec, satrecEpochMs(sat.satrec), t, pv);
      radii.push(Math.hypot(pv[0], pv[1], pv[2]));
      const hx = pv[1] * pv[5] - pv[2] * pv[4];
      const hy = pv[2] * pv[3] - pv[0] * pv[5];
      const hz = pv[0] * pv[4] - pv[1] * pv[3];
      const s = sunPos(julianDateFromMs(t)).rsun;
      betas.push(Math.asin((hx * s.x + hy * s.y + hz * s.z) / (Math.hypot(hx, hy, hz) * Math.hypot(s.x, s.y, s.z))));
    }
    const periodMs = (2 * Math.PI) / sat.satrec.no * 60_000;
    const beta = mean(betas);
    expect(Math.abs(beta * RAD - betaDeg)).toBeLessThan(0.6);
    const expected = cylindricalEclipseFraction(mean(radii) - EARTH_RADIUS_KM, beta);
    const measured = mean(ecl.map(([a, b]) => (b - a) / periodMs));
    // ≈ 0.002 of an orbit is ≈ 12 s.
    expect(Math.abs(measured - expected), `measured ${measured}, formula ${expected}`).toBeLessThan(0.002);
    // The KPI (time-mean shadow fraction) agrees with the events to within partial-orbit effects.
    expect(out.kpis.eclipseFraction).toBeGreaterThan(expected - 0.05);
    expect(out.kpis.eclipseFraction).toBeLessThan(expected + 0.05);
  });

  it('has no eclipse above β*', async () => {
    const out = await run({
      startUtc,
      durationHours: 4,
      stepSeconds: 60,
      constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 90, planes: 1, satellitesPerPlane: 1, firstRaanDeg: polarRaanDegForBeta(72, startUtc) },
    });
    expect(out.events.eclipseSat.length).toBe(0);
    expect(out.kpis.eclipseFraction).toBe(0);
  });
});

describe('β angle formula', () => {
  it('equals the angle between the Sun and the orbit plane from vectors', () => {
    const t = parseUtcMs('2026-08-01T00:00:00Z');
    const { raRad, decRad } = sunRaDec(t);
    const i = 53 * DEG;
    const raan = 120 * DEG;
    const h = [Math.sin(i) * Math.sin(raan), -Math.sin(i) * Math.cos(raan), Math.cos(i)];
    const s = [Math.cos(decRad) * Math.cos(raRad), Math.cos(decRad) * Math.sin(raRad), Math.sin(decRad)];
    const direct = Math.asin(h[0] * s[0] + h[1] * s[1] + h[2] * s[2]);
    expect(betaAngleRad(i, raan, raRad, decRad)).toBeCloseTo(direct, 12);
  });
});

describe('shadow fraction range', () => {
  it('stays within [0, 1] across the umbra edge (satellite.js gives up to 1.0000003 here)', () => {
    // Satellites crossing the shadow edge at two radii, 300 km off the Sun–Earth plane:
    // samples where satellite.js's disc overlap rounds above 1 (found in a year-long run).
    let lo = Infinity;
    let hi = -Infinity;
    let penumbra = 0;
    for (const r of [6578, 12000]) {
      const edge = Math.PI - Math.asin(EARTH_RADIUS_KM / r);
      for (let k = -20000; k <= 20000; k++) {
        const phi = edge + (k / 20000) * 0.02;
        const x = r * Math.cos(phi);
        const y = r * Math.sin(phi);
        const f = shadowFromEclipseG(eclipseG(x, y, 300, 1, 0, 0), x, y, 300, 1, 0, 0);
        lo = Math.min(lo, f);
        hi = Math.max(hi, f);
        if (f > 0 && f < 1) penumbra++;
      }
    }
    expect(lo).toBe(0);
    expect(hi).toBe(1);
    expect(penumbra).toBeGreaterThan(100); // the sweep really crosses the penumbra
  });
});
