/**
 * Skip bounds against textbook geometry: coverage half-angle of a station,
 * the Earth's apparent radius, the angular rate of a circular orbit.
 * (Exactness of whole runs with and without skipping is in
 * test/engine/orbit/propagation.test.ts and the detector tests here.)
 */
import { describe, expect, it } from 'vitest';
import { ACOS_FAST_ERROR_RAD, contactLambdaMaxRad, fastAcos, OrbitBounds, orbitSkipBounds, ORBIT_RADIUS_SLACK_KM, penumbraBandRad, skipSteps } from '../../../src/engine/events/skip-bounds';

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

  it('are kept per satellite, with a flag that turns skipping off', () => {
    const r = RE + 550;
    const v = Math.sqrt(MU / r);
    const b = new OrbitBounds(2);
    expect(b.refresh(0, r, 0, 0, 0, v, 0)).toBe(true);
    expect(b.refresh(1, r, 0, 0, 0, Math.sqrt((2.2 * MU) / r), 0)).toBe(false);
    expect([b.valid[0], b.valid[1]]).toEqual([1, 0]);
    expect(b.rMinKm[0]).toBeCloseTo(r - ORBIT_RADIUS_SLACK_KM, 2);
    expect(b.rMaxKm[0]).toBeCloseTo(r + ORBIT_RADIUS_SLACK_KM, 2);
    expect(b.rateRadPerS[0] / (v / r)).toBeGreaterThan(1.01);
  });
});

describe('samples a bound lets a detector skip', () => {
  it('keeps two samples before the bound ends', () => {
    // 10 min at 10 s steps: 60 steps, 58 of them skipped.
    expect(skipSteps(600, 10)).toBe(58);
    expect(skipSteps(25, 10)).toBe(0);
    expect(skipSteps(-5, 10)).toBeLessThan(2);
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
