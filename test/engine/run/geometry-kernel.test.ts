/**
 * Skip bounds of the geometry kernel against textbook geometry: coverage
 * half-angle of a station, the Earth's apparent radius, the angular rate of a
 * circular orbit. (Exactness of whole runs with and without skipping is in
 * orbit.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { ACOS_FAST_ERROR_RAD, contactLambdaMaxRad, EventLog, eventBlockBuffers, fastAcos, mergeEvents, orbitSkipBounds, ORBIT_RADIUS_SLACK_KM, penumbraBandRad } from '../../../src/engine/run/geometry-kernel';

const DEG = Math.PI / 180;
const MU = 398600.8;
const RE = 6378.135;

describe('orbit skip bounds', () => {
  it('a circular orbit: ω = v/r (+1 %), radius range r ± slack', () => {
    const r = RE + 550;
    const v = Math.sqrt(MU / r);
    const out = new Float64Array(3);
    // In the equatorial plane, at 30° of true anomaly, prograde.
    const c = Math.cos(30 * DEG);
    const s = Math.sin(30 * DEG);
    expect(orbitSkipBounds(r * c, r * s, 0, -v * s, v * c, 0, out)).toBe(true);
    const rMin = r - ORBIT_RADIUS_SLACK_KM;
    expect(out[0] / ((1.01 * r * v) / (rMin * rMin))).toBeCloseTo(1, 6);
    expect(out[0] / (v / r)).toBeGreaterThan(1.01);
    expect(out[0] / (v / r)).toBeLessThan(1.03);
    expect(out[1]).toBeCloseTo(r - ORBIT_RADIUS_SLACK_KM, 2); // e from rounding ≈ 1e-5: within a metre
    expect(out[2]).toBeCloseTo(r + ORBIT_RADIUS_SLACK_KM, 2);
  });

  it('an eccentric orbit at apogee: the rate bound is the perigee rate h / r_p², not v/r here', () => {
    const a = 26_560;
    const e = 0.7;
    const ra = a * (1 + e);
    const rp = a * (1 - e);
    const h = Math.sqrt(MU * a * (1 - e * e));
    const va = h / ra;
    const out = new Float64Array(3);
    expect(orbitSkipBounds(ra, 0, 0, 0, va, 0, out)).toBe(true);
    const perigeeRate = h / (rp * rp);
    expect(out[0]).toBeGreaterThan(perigeeRate);
    expect(out[0]).toBeLessThan(perigeeRate * 1.05);
    expect(out[1]).toBeCloseTo(rp - ORBIT_RADIUS_SLACK_KM, 3);
    expect(out[2]).toBeCloseTo(ra + ORBIT_RADIUS_SLACK_KM, 3);
  });

  it('refuses escape trajectories (no skipping)', () => {
    const r = RE + 550;
    const out = new Float64Array(3);
    expect(orbitSkipBounds(r, 0, 0, 0, Math.sqrt((2.2 * MU) / r), 0, out)).toBe(false);
  });
});

describe('contact reach', () => {
  it('contains the textbook coverage half-angle acos(R cos ε / r) − ε, with a small margin', () => {
    // 550 km, 10° mask: λ = acos(6378.135 · cos 10° / 6928.135) − 10° = 14.96°.
    const r = RE + 550;
    const textbook = Math.acos((RE * Math.cos(10 * DEG)) / r) - 10 * DEG;
    expect(textbook / DEG).toBeCloseTo(14.96, 1);
    const lm = contactLambdaMaxRad(RE, 10 * DEG, r);
    expect(lm).toBeGreaterThan(textbook);
    expect(lm - textbook).toBeLessThan(0.5 * DEG);
  });

  it('grows with a lower mask and a higher orbit', () => {
    expect(contactLambdaMaxRad(RE, 0, RE + 550)).toBeGreaterThan(contactLambdaMaxRad(RE, 10 * DEG, RE + 550));
    expect(contactLambdaMaxRad(RE, 10 * DEG, RE + 1200)).toBeGreaterThan(contactLambdaMaxRad(RE, 10 * DEG, RE + 550));
  });
});

describe('penumbra band', () => {
  it('brackets the Earth’s apparent radius ρ = asin(R/r) by the switch margin', () => {
    const r = RE + 550;
    const rho = Math.asin(RE / r); // 67.0°
    const out = new Float64Array(2);
    penumbraBandRad(r, r, 0.01, out);
    expect(out[0]).toBeLessThan(rho);
    expect(out[1]).toBeGreaterThan(rho);
    // |cos θ − cos ρ| = 0.01 at the edges: Δθ ≈ 0.01 / sin ρ.
    expect(rho - out[0]).toBeCloseTo(0.01 / Math.sin(rho), 4);
    expect(out[1] - rho).toBeCloseTo(0.01 / Math.sin(rho), 4);
    // A radius range widens it on both sides.
    const wide = new Float64Array(2);
    penumbraBandRad(r - 25, r + 25, 0.01, wide);
    expect(wide[0]).toBeLessThan(out[0]);
    expect(wide[1]).toBeGreaterThan(out[1]);
  });
});

describe('fast arc cosine of the skip bounds', () => {
  it('is within its stated error of acos over [−1, 1], ends included', () => {
    let worst = 0;
    for (let k = 0; k <= 200_000; k++) {
      const x = -1 + k / 100_000;
      worst = Math.max(worst, Math.abs(fastAcos(x) - Math.acos(x)));
    }
    for (const x of [-1, -0.5, 0, 0.5, 1, 1 - 1e-12, -1 + 1e-12]) worst = Math.max(worst, Math.abs(fastAcos(x) - Math.acos(x)));
    expect(worst).toBeLessThan(ACOS_FAST_ERROR_RAD);
    expect(worst).toBeGreaterThan(ACOS_FAST_ERROR_RAD / 100); // it is an approximation (the margin is not vacuous)
    expect(fastAcos(1)).toBe(0);
  });
});

describe('event log and merge', () => {
  it('merges logs of several ranges (many blocks) into tables sorted by start, satellite, station, values intact', () => {
    let seed = 12345;
    const rand = () => {
      // mulberry32
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
    };
    const logs = [new EventLog(), new EventLog(), new EventLog()];
    const eclipses: number[][] = [];
    const contacts: number[][] = [];
    // 150,000 eclipses and 90,000 contacts over three ranges: several 65,536-event
    // blocks; contacts tie on start time (then satellite, then station decide).
    // Keys are unique, as in a run (one satellite cannot start two events at once).
    const seen = new Set<string>();
    while (eclipses.length < 150_000) {
      const part = eclipses.length % 3;
      const row = [part * 1000 + Math.floor(rand() * 1000), Math.floor(rand() * 5000) * 1000, 0];
      row[2] = row[1] + 1 + rand();
      if (seen.has(`${row[0]},${row[1]}`)) continue;
      seen.add(`${row[0]},${row[1]}`);
      eclipses.push(row);
      logs[part].eclipse(row[0], row[1], row[2]);
    }
    while (contacts.length < 90_000) {
      const part = (contacts.length * 7) % 3;
      const row = [part * 1000 + Math.floor(rand() * 1000), Math.floor(rand() * 5), Math.floor(rand() * 5000) * 1000, 0, rand() * 90];
      row[3] = row[2] + 60_000;
      if (seen.has(`c${row[0]},${row[1]},${row[2]}`)) continue;
      seen.add(`c${row[0]},${row[1]},${row[2]}`);
      contacts.push(row);
      logs[part].contact(row[0], row[1], row[2], row[3], row[4]);
    }
    const parts = logs.map((l) => l.take());
    expect(eventBlockBuffers(parts[0]).length).toBe(3 * 1 + 5 * 1); // 50,000 eclipses and 30,000 contacts: one block per column
    const m = mergeEvents(parts);
    eclipses.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    contacts.sort((a, b) => a[2] - b[2] || a[0] - b[0] || a[1] - b[1]);
    expect(m.eclipseSat.length).toBe(150_000);
    expect(m.contactSat.length).toBe(90_000);
    let wrong = 0;
    eclipses.forEach(([sat, start, end], k) => {
      if (m.eclipseSat[k] !== sat || m.eclipseStartMs[k] !== start || m.eclipseEndMs[k] !== end) wrong++;
    });
    contacts.forEach(([sat, station, start, end, peak], k) => {
      if (m.contactSat[k] !== sat || m.contactStation[k] !== station || m.contactStartMs[k] !== start || m.contactEndMs[k] !== end || m.contactMaxElevationDeg[k] !== peak) wrong++;
    });
    expect(wrong).toBe(0);
    // The logs are empty again and the merged parts released.
    expect(logs[0].take().eclipses).toBe(0);
    expect(parts.every((p) => Object.values(p.columns).every((blocks) => blocks.every((b: { length: number }) => b.length === 0)))).toBe(true);
  });
});
