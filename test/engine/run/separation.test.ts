/**
 * Closest approach over a run (run/separation.ts) against hand geometry:
 * two circular polar orbits that meet at the pole (Walker 2/2/0 at 90°), two
 * perpendicular polar orbits that miss by a known distance between samples,
 * the ring spacing of the generated cluster, and a 20,000-satellite run
 * compared with a brute-force search over every pair on a subset.
 * Positions of circular orbits are written out here from their elements
 * (r = a [cos Ω cos u − sin Ω sin u cos i, sin Ω cos u + cos Ω sin u cos i, sin u sin i]),
 * independent of the engine.
 */
import { describe, expect, it } from 'vitest';
import { buildSatellites } from '../../../src/engine/input/constellation';
import { normaliseScenario, type ScenarioInput } from '../../../src/engine/input/scenario';
import { propagateAt, satrecEpochMs } from '../../../src/engine/orbit/propagation';
import { parseUtcMs } from '../../../src/engine/core/time';
import { SeparationTracker, type PositionAt, type SeparationOptions } from '../../../src/engine/run/separation';
import { simulate, SPACING_SAMPLE_MS } from '../../../src/engine/run/simulation';

const MU = 398600.8; // km³/s², WGS72
const R_EARTH = 6378.135; // km, WGS72
const T0 = Date.UTC(2026, 0, 1);

interface Circular {
  aKm: number;
  raanRad: number;
  incRad: number;
  u0Rad: number;
}

function circularPos(o: Circular, tS: number, out: Float64Array, at = 0): void {
  const n = Math.sqrt(MU / (o.aKm * o.aKm * o.aKm));
  const u = o.u0Rad + n * tS;
  const [cu, su, cO, sO, ci, si] = [Math.cos(u), Math.sin(u), Math.cos(o.raanRad), Math.sin(o.raanRad), Math.cos(o.incRad), Math.sin(o.incRad)];
  out[at] = o.aKm * (cO * cu - sO * su * ci);
  out[at + 1] = o.aKm * (sO * cu + cO * su * ci);
  out[at + 2] = o.aKm * su * si;
}

/** Feeds the tracker samples every stepS from 0 to endS; returns it and a position function for refinement. */
function track(orbits: Circular[], endS: number, stepS = 60, options: SeparationOptions = {}): { tracker: SeparationTracker; positionAt: PositionAt } {
  const n = orbits.length;
  const tracker = new SeparationTracker(n, options);
  const pos = new Float64Array(3 * n);
  const active = new Uint8Array(n).fill(1);
  for (let t = 0; t <= endS; t += stepS) {
    for (let i = 0; i < n; i++) circularPos(orbits[i], t, pos, 3 * i);
    tracker.sample(0, T0 + t * 1000, pos, active);
  }
  const positionAt: PositionAt = (sat, timeMs, out) => {
    circularPos(orbits[sat], (timeMs - T0) / 1000, out);
    return true;
  };
  return { tracker, positionAt };
}

const DEG = Math.PI / 180;
// 550 km: a = 6378.135 + 550 = 6928.135 km; n = √(μ/a³) = √(398600.8 / 3.325393e11) = 1.094836e-3 rad/s;
// period P = 2π/n = 5738.95 s (95.65 min, PHYSICS.md).
const A550 = R_EARTH + 550;
const N550 = Math.sqrt(MU / A550 ** 3);

describe('Walker 2/2/0 at 90°: both satellites reach the north pole together', () => {
  // Planes at RAAN 0° and 180° with i = 90° are one plane flown in opposite
  // directions: A = a(cos u, 0, sin u), B = a(−cos u, 0, sin u) with the same
  // u = n t. They coincide where cos u = 0: at the north pole at t = P/4 =
  // 1434.74 s (between the samples at 1380 s and 1440 s), again at 3P/4.
  const orbits = [0, 180].map((raanDeg) => ({ aKm: A550, raanRad: raanDeg * DEG, incRad: 90 * DEG, u0Rad: 0 }));
  it('finds the collision between samples, with a bound that covers it', () => {
    expect(Math.PI / 2 / N550).toBeCloseTo(1434.74, 1);
    const { tracker, positionAt } = track(orbits, 3000);
    const lin = tracker.result()!;
    expect(lin.minSeparationKm).toBeLessThan(1e-6);
    expect(Math.abs((lin.atMs - T0) / 1000 - 1434.74)).toBeLessThan(1);
    // The sampled distances are 830 km (1380 s) and 80 km (1440 s): only between them is the pair close.
    expect(lin.errorBoundKm).toBeLessThan(0.5);
    const ref = tracker.result(positionAt)!;
    expect(ref.refined).toBe(true);
    expect(ref.minSeparationKm).toBeLessThan(1e-3);
    expect(Math.abs((ref.atMs - T0) / 1000 - 1434.74)).toBeLessThan(0.01);
  });
});

describe('perpendicular polar planes, phase offset δ: miss distance 2a cos(θ/2) |sin(δ/2)|', () => {
  // A: RAAN 0°, B: RAAN 90°, both i = 90°: normals (0, −1, 0) and (1, 0, 0), θ = 90°; the planes
  // cross along the z axis. B trails A by δ = 0.05°. At the pole crossing the relative geometry
  // is fixed, the distance is minimal with the satellites symmetric about the pole (A δ/2 past,
  // B δ/2 before): d = 2a cos 45° sin(δ/2) = 2 · 6928.135 · 0.7071068 · sin(0.025°)
  // = 9797.86 · 4.363323e-4 = 4.2751 km, at t = (π/2 + δ/2)/n = 1434.74 + 0.3985 = 1435.14 s.
  const delta = 0.05 * DEG;
  const orbits: Circular[] = [
    { aKm: A550, raanRad: 0, incRad: 90 * DEG, u0Rad: 0 },
    { aKm: A550, raanRad: 90 * DEG, incRad: 90 * DEG, u0Rad: -delta },
  ];
  const expectedKm = 4.2751;
  const expectedS = 1435.14;

  it('the hand value agrees with a dense search (1 ms steps)', () => {
    const a = new Float64Array(3);
    const b = new Float64Array(3);
    let best = Infinity;
    let tBest = 0;
    for (let t = 1430; t <= 1440; t += 0.001) {
      circularPos(orbits[0], t, a);
      circularPos(orbits[1], t, b);
      const d = Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
      if (d < best) [best, tBest] = [d, t];
    }
    expect(best).toBeCloseTo(expectedKm, 3);
    expect(tBest).toBeCloseTo(expectedS, 2);
  });

  it('linear motion between 60 s samples lands within its stated bound; refinement is exact', () => {
    const { tracker, positionAt } = track(orbits, 3000);
    const lin = tracker.result()!;
    expect(Math.abs(lin.minSeparationKm - expectedKm)).toBeLessThanOrEqual(lin.errorBoundKm);
    // Crossing at 15.5 km/s: κW/48 ≈ 0.18 km (header of separation.ts).
    expect(lin.errorBoundKm).toBeLessThan(0.3);
    expect(Math.abs((lin.atMs - T0) / 1000 - expectedS)).toBeLessThan(1);
    const ref = tracker.result(positionAt)!;
    expect(ref.minSeparationKm).toBeCloseTo(expectedKm, 3);
    expect(Math.abs((ref.atMs - T0) / 1000 - expectedS)).toBeLessThan(0.01);
    expect([ref.satA, ref.satB]).toEqual([0, 1]);
  });

  it('samples alone would miss it: the closest sampled distance is hundreds of km', () => {
    const a = new Float64Array(3);
    const b = new Float64Array(3);
    let sampled = Infinity;
    for (let t = 0; t <= 3000; t += 60) {
      circularPos(orbits[0], t, a);
      circularPos(orbits[1], t, b);
      sampled = Math.min(sampled, Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]));
    }
    expect(sampled).toBeGreaterThan(50);
  });
});

function sgp4Track(input: ScenarioInput, minutes: number, positionErrorKm = 0, maxCandidates?: number): { tracker: SeparationTracker; positionAt: PositionAt } {
  const sats = buildSatellites(normaliseScenario(input)).satellites;
  const n = sats.length;
  const t0 = parseUtcMs(input.startUtc as string);
  const tracker = new SeparationTracker(n, { positionErrorKm, maxCandidates });
  const pos = new Float64Array(3 * n);
  const active = new Uint8Array(n).fill(1);
  const pv = new Float64Array(6);
  const positionAt: PositionAt = (sat, timeMs, out) => {
    const ok = propagateAt(sats[sat].satrec, satrecEpochMs(sats[sat].satrec), timeMs, pv);
    out.set(pv.subarray(0, 3));
    return ok;
  };
  const p3 = new Float64Array(3);
  for (let t = 0; t <= minutes * 60; t += 60) {
    for (let i = 0; i < n; i++) {
      positionAt(i, t0 + t * 1000, p3);
      pos.set(p3, 3 * i);
    }
    tracker.sample(0, t0 + t * 1000, pos, active);
  }
  return { tracker, positionAt };
}

describe('generated designs propagated with SGP4', () => {
  it('Walker 2/2/0 at 90°: the pair meets at the north pole a quarter orbit after the start', () => {
    const { tracker, positionAt } = sgp4Track(
      { startUtc: '2026-01-01T00:00:00Z', durationHours: 2, constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 90, planes: 2, satellitesPerPlane: 1, phasing: 0 } },
      100,
    );
    const r = tracker.result(positionAt)!;
    expect(r.minSeparationKm).toBeLessThan(1);
    // P/4 = 1434.7 s from the Keplerian period; SGP4's mean motion differs by < 0.1 %.
    expect(Math.abs((r.atMs - Date.UTC(2026, 0, 1)) / 1000 - 1434.7)).toBeLessThan(5);
  });

  it.each([
    // 81 members, 1 km: rings R = 4 (1 + 4R(R+1) = 81), radial semi-axis of ring r: r · 1000/(2R) = 125 r m.
    // Ring-1 neighbours are 45° apart in phase; their distance is least (2 · 125 · sin 22.5° = 95.67 m)
    // when their relative vector is radial, twice an orbit.
    [81, 95.67],
    // 400 members: R = 10, ring 1 at 50 m radial: 2 · 50 · sin 22.5° = 38.27 m (the 38 m).
    [400, 38.27],
  ])('cluster of %d members in 1 km: closest approach = ring-1 spacing %f m', (satellites, expectedM) => {
    const { tracker, positionAt } = sgp4Track(
      { startUtc: '2026-06-21T00:00:00Z', durationHours: 2, constellation: { type: 'cluster', altitudeKm: 650, ltanHours: 18, satellites, radiusM: 1000 } },
      100,
      // As the run feeds it: interpolated positions, ≤ 0.25 km each (the pair's relative error is far smaller).
      0.25,
    );
    const lin = tracker.result()!;
    const ref = tracker.result(positionAt)!;
    expect(Math.abs(ref.minSeparationKm * 1000 - expectedM)).toBeLessThan(0.5);
    expect(Math.abs(lin.minSeparationKm - ref.minSeparationKm)).toBeLessThanOrEqual(lin.errorBoundKm + 1e-9);
  });
});

describe('scale: 20,000 satellites', () => {
  // Fourteen Walker shells at 525–610 km, 28°–98°, written out as circular orbits.
  const shells: Array<[number, number, number, number, number]> = [
    [72, 22, 39, 53, 550], [72, 22, 11, 53.2, 540], [36, 20, 5, 70, 570], [6, 58, 1, 97.6, 560], [72, 22, 7, 43, 530],
    [72, 22, 17, 33, 525], [72, 22, 23, 48, 545], [72, 22, 29, 60, 555], [72, 22, 31, 80, 565], [72, 22, 13, 65, 575],
    [72, 22, 3, 38, 585], [72, 22, 5, 28, 595], [72, 22, 9, 58, 600], [72, 22, 19, 51, 610],
  ];
  const all: Circular[] = [];
  for (const [P, S, F, incDeg, altKm] of shells) {
    for (let k = 0; k < P; k++) {
      for (let j = 0; j < S; j++) all.push({ aKm: R_EARTH + altKm, raanRad: (2 * Math.PI * k) / P, incRad: incDeg * DEG, u0Rad: (2 * Math.PI * j) / S + (2 * Math.PI * k * F) / (P * S) });
    }
  }
  const sats = all.slice(0, 20_000);
  const SAMPLES = 16;

  /** Every pair, every interval: min over s ∈ [0, 1] of |d₀ + s(d₁ − d₀)|. */
  function bruteForce(orbits: Circular[]): { km: number; a: number; b: number } {
    const n = orbits.length;
    const pos = Array.from({ length: SAMPLES }, (_, k) => {
      const p = new Float64Array(3 * n);
      for (let i = 0; i < n; i++) circularPos(orbits[i], 60 * k, p, 3 * i);
      return p;
    });
    let best = { km: Infinity, a: -1, b: -1 };
    for (let k = 0; k + 1 < SAMPLES; k++) {
      const [p, q] = [pos[k], pos[k + 1]];
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const d0 = [0, 1, 2].map((c) => p[3 * i + c] - p[3 * j + c]);
          const w = [0, 1, 2].map((c) => q[3 * i + c] - q[3 * j + c] - d0[c]);
          const ww = w[0] * w[0] + w[1] * w[1] + w[2] * w[2];
          const s = Math.min(1, Math.max(0, ww > 0 ? -(d0[0] * w[0] + d0[1] * w[1] + d0[2] * w[2]) / ww : 0));
          const km = Math.hypot(d0[0] + s * w[0], d0[1] + s * w[1], d0[2] + s * w[2]);
          if (km < best.km) best = { km, a: i, b: j };
        }
      }
    }
    return best;
  }

  it('completes, and on a subset agrees with the brute-force search over every pair', () => {
    expect(sats).toHaveLength(20_000);
    const full = track(sats, 60 * (SAMPLES - 1)).tracker.result()!;
    expect(full.minSeparationKm).toBeGreaterThanOrEqual(0);
    const subset = sats.filter((_, i) => i % 16 === 0);
    const brute = bruteForce(subset);
    const r = track(subset, 60 * (SAMPLES - 1)).tracker.result()!;
    expect(r.minSeparationKm).toBeCloseTo(brute.km, 9);
    expect([r.satA, r.satB]).toEqual([brute.a, brute.b]);
    // The subset's closest pair is a pair of the full set too.
    expect(full.minSeparationKm).toBeLessThanOrEqual(brute.km + 1e-9);
  });
});

describe('screening grids: dense (LEO at 60 s) and hashed (any extent)', () => {
  it('find the same pairs in the same order: identical closest approach, bound and refinement', () => {
    // 2,000 satellites of the 14 shells above over an orbit and a half, both grids.
    const orbits = Array.from({ length: 2000 }, (_, k) => ({ aKm: R_EARTH + 530 + (k % 7) * 10, raanRad: (k * 2.399) % (2 * Math.PI), incRad: (30 + (k % 11) * 6) * DEG, u0Rad: (k * 0.7) % (2 * Math.PI) }));
    const dense = track(orbits, 60 * 150);
    const hashed = track(orbits, 60 * 150, 60, { denseGridCells: 0 });
    expect(dense.tracker.pairsScreened).toBeGreaterThan(100_000);
    expect(dense.tracker.pairsScreened).toBe(hashed.tracker.pairsScreened);
    const a = dense.tracker.result()!;
    expect(a.minSeparationKm).toBeLessThan(50);
    expect(a).toEqual(hashed.tracker.result());
    expect(dense.tracker.result(dense.positionAt)).toEqual(hashed.tracker.result(hashed.positionAt));
  });
});

describe('a crowded run overflowing the candidate store', () => {
  it('a 120-member formation with room for 16 candidates finds the same closest pair as with the full store (or states the gap in its bound)', () => {
    // Every member pair of a 1 km formation is a candidate at every sample: the store overflows
    // hundreds of times (it once rescanned the whole store per push: 117 s for 30,000 element sets over an hour).
    const input: ScenarioInput = { startUtc: '2026-03-20T00:00:00Z', durationHours: 1, constellation: { type: 'cluster', altitudeKm: 650, satellites: 120, radiusM: 1000 } };
    const big = sgp4Track(input, 95);
    const small = sgp4Track(input, 95, 0, 16);
    const a = big.tracker.result(big.positionAt)!;
    const b = small.tracker.result(small.positionAt)!;
    expect(a.refined).toBe(true);
    // Either the same minimum, or a bound that covers the true one.
    if (Math.abs(a.minSeparationKm - b.minSeparationKm) > 1e-9) expect(b.minSeparationKm - b.errorBoundKm).toBeLessThanOrEqual(a.minSeparationKm + 1e-9);
    expect(b.minSeparationKm).toBeGreaterThanOrEqual(a.minSeparationKm - a.errorBoundKm - 1e-9);
  });
});

describe('bookkeeping', () => {
  it('needs two satellites active together; inactive ones are skipped', () => {
    const t = new SeparationTracker(1);
    t.sample(0, T0, new Float64Array([7000, 0, 0]), new Uint8Array([1]));
    t.sample(0, T0 + 60_000, new Float64Array([7000, 1, 0]), new Uint8Array([1]));
    expect(t.result()).toBeNull();
    // Satellite 1 sits 1 km from satellite 0 but is inactive; satellite 2 is 100 km away.
    const u = new SeparationTracker(3);
    const pos = new Float64Array([7000, 0, 0, 7001, 0, 0, 7000, 100, 0]);
    u.sample(0, T0, pos, new Uint8Array([1, 0, 1]));
    u.sample(0, T0 + 60_000, pos, new Uint8Array([1, 0, 1]));
    const r = u.result()!;
    expect(r.minSeparationKm).toBeCloseTo(100, 9);
    expect([r.satA, r.satB]).toEqual([0, 2]);
  });

  it('reads each sample at its chunk row', () => {
    // Two rows of two satellites; the tracker reads row 1 (index 2 and 3) only.
    const pos = new Float64Array([7000, 0, 0, 7000, 0, 0, 7000, 0, 0, 7000, 5, 0]);
    const t = new SeparationTracker(2);
    t.sample(2, T0, pos, new Uint8Array([1, 1, 1, 1]));
    expect(t.result()!.minSeparationKm).toBeCloseTo(5, 9);
  });

  it('refuses samples further apart than its bound allows', () => {
    const t = new SeparationTracker(2);
    const pos = new Float64Array([7000, 0, 0, 7000, 5, 0]);
    t.sample(0, T0, pos, new Uint8Array([1, 1]));
    expect(() => t.sample(0, T0 + 3_600_000, pos, new Uint8Array([1, 1]))).toThrow(RangeError);
  });
});

describe('the run feeds the tracker every 60 s (SPACING_SAMPLE_MS), whatever the step', () => {
  // A 1,000-satellite shell at 10-s steps: fed every sample (10 s) or every sixth (60 s), the refined
  // minimum is the same pair at the same time to the refinement's tolerance (0.01 ms ≈ 0.15 mm at 15 km/s).
  it('10-s steps: the same closest pair, time and distance as feeding every sample', async () => {
    const scenario = normaliseScenario({
      name: 'spacing stride',
      startUtc: '2026-06-21T00:00:00Z',
      durationHours: 2,
      stepSeconds: 10,
      constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 40, satellitesPerPlane: 25, phasing: 1 },
      groundStations: [],
      lifetime: { enabled: false },
    });
    const { satellites } = buildSatellites(scenario);
    const every = (await simulate(scenario, satellites, [], { spacingSampleMs: 10_000 })).closestApproach!;
    const strided = (await simulate(scenario, satellites, [], {})).closestApproach!;
    expect([strided.satelliteA, strided.satelliteB]).toEqual([every.satelliteA, every.satelliteB]);
    expect(Math.abs(strided.atMs - every.atMs)).toBeLessThanOrEqual(1);
    expect(Math.abs(strided.minSeparationKm - every.minSeparationKm)).toBeLessThan(1e-6);
    expect(SPACING_SAMPLE_MS).toBe(60_000);
  }, 120_000);
});
