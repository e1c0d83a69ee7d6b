/**
 * Interpolated SGP4 against direct SGP4, through the paths production runs:
 * - positions written by the phase-A kernel (GeometryKernel.run evaluates the
 *   Hermite basis from the knots in its own loop; with inter-satellite links
 *   on it writes each cell's TEME position into the chunk), captured from a
 *   real simulate() run through its geometry-source hook;
 * - velocities from SamplePropagator.runKnots's knots and basis (the kernel
 *   combines them as documented on SampleChunk; velocities never leave it);
 * - interpolatePosition, which event refinement calls between samples;
 * - whole runs with and without interpolation, and with and without skipping
 *   far-from-event samples (same events and KPIs).
 * The reference is satellite.js `propagate` at the same instants.
 */
import { describe, expect, it } from 'vitest';
import { propagate, type SatRec } from 'satellite.js';
import { buildSatellites, type SatelliteSpec } from '../../../src/engine/input/constellation';
import { livePropagatorCount, SamplePropagator, wasmRuntime } from '../../../src/engine/orbit/propagation';
import { normaliseScenario, type ScenarioInput } from '../../../src/engine/input/scenario';
import { KNOT_TOLERANCE_KM, knotSpacingS } from '../../../src/engine/orbit/knots';
import { parseTle } from '../../../src/engine/input/elements';
import { runGrid, sampleTimeMs, type RunGrid } from '../../../src/engine/orbit/run-grid';
import { localGeometry, simulate, type GeometrySourceFactory } from '../../../src/engine/run/simulation';
import { run } from '../helpers';

// Molniya-type (e = 0.74) and a low drag object stress the interpolation hardest.
const TLE = `MOLNIYA 3-1 (Vallado SGP4-VER)
1 09880U 77021A   06176.56157475  .00000421  00000-0  10000-3 0  9814
2 09880  64.5968 349.3786 7069051 270.0229  16.3320  2.00813614112380
`;

/** Four satellites at 350 km / 97° (2 planes × 2), 3 h at 10 s, inter-satellite links on (so the kernel writes positions). */
const WALKER_350: ScenarioInput = {
  startUtc: '2026-06-21T00:00:00Z',
  durationHours: 3,
  stepSeconds: 10,
  constellation: { type: 'walker', altitudeKm: 350, inclinationDeg: 97, planes: 2, satellitesPerPlane: 2 },
  interSatelliteLinks: { enabled: true, maxRangeKm: 5000, rateGbps: 100 },
};

function walker350(): SatelliteSpec[] {
  return buildSatellites(normaliseScenario(WALKER_350)).satellites;
}

function molniya(): SatelliteSpec[] {
  const build = buildSatellites(normaliseScenario({ ...WALKER_350, constellation: { type: 'tle', text: TLE } }));
  expect(build.satellites).toHaveLength(1);
  return build.satellites;
}

/** Reference states by element set and time (deep-space SGP4 of the Molniya set costs ≈7 ms a call: shared by the tests). */
const reference = new Map<string, number[]>();

/** Direct SGP4 (satellite.js `propagate`) at t: [x, y, z, vx, vy, vz] TEME km, km/s. */
function sgp4At(rec: SatRec, t: number): number[] {
  const key = `${rec.satnum}:${rec.jdsatepoch}:${rec.inclo}:${rec.nodeo}:${rec.mo}:${t}`;
  let v = reference.get(key);
  if (!v) {
    const pv = propagate(rec, new Date(t));
    if (!pv) throw new Error(`SGP4 failed at ${new Date(t).toISOString()}`);
    v = [pv.position.x, pv.position.y, pv.position.z, pv.velocity.x, pv.velocity.y, pv.velocity.z];
    reference.set(key, v);
  }
  return v;
}

/**
 * Runs the engine (simulate, phase A on this thread) over `satellites` and
 * returns the kernel-written position of every step (the terminal sample at
 * the horizon's end serves events only and has none), step-major (index =
 * step · N + satellite), with the run's grid.
 */
async function kernelPositions(satellites: SatelliteSpec[], maxKnotSpacingS?: number): Promise<{ grid: RunGrid; pos: Float64Array }> {
  const scenario = normaliseScenario(WALKER_350);
  const N = satellites.length;
  let grid: RunGrid | undefined;
  let pos = new Float64Array(0);
  const capture: GeometrySourceFactory = async (ctx) => {
    grid = ctx.grid;
    pos = new Float64Array(3 * N * ctx.grid.K).fill(Number.NaN);
    const inner = await localGeometry(ctx);
    return {
      shared: inner.shared,
      async compute(n0, steps, out) {
        await inner.compute(n0, steps, out);
        if (!out.posEciKm) throw new Error('no positions in the chunk: inter-satellite links are off');
        const cells = Math.min(steps, ctx.grid.K - n0) * N;
        pos.set(out.posEciKm.subarray(0, 3 * cells), 3 * N * n0);
      },
      finish: () => inner.finish(),
      dispose: () => inner.dispose(),
    };
  };
  await simulate(scenario, satellites, [], { maxKnotSpacingS, geometry: capture });
  expect(livePropagatorCount()).toBe(0);
  return { grid: grid!, pos };
}

/** Largest distance (km) between the kernel's positions and direct SGP4, per satellite (NaN: a step without a position). */
function positionErrors(satellites: SatelliteSpec[], grid: RunGrid, pos: Float64Array): number[] {
  const N = satellites.length;
  const worst = new Array<number>(N).fill(0);
  for (let n = 0; n < grid.K; n++) {
    const t = sampleTimeMs(grid, n);
    for (let i = 0; i < N; i++) {
      const ref = sgp4At(satellites[i].satrec, t);
      const o = 3 * (n * N + i);
      const d = Math.hypot(pos[o] - ref[0], pos[o + 1] - ref[1], pos[o + 2] - ref[2]);
      worst[i] = Math.max(worst[i], Number.isNaN(d) ? Infinity : d);
    }
  }
  return worst;
}

describe('knot spacing from the error budget', () => {
  it('follows h = (384 tol / max|x⁗|)^¼ with max|x⁗| = μ²/r⁵ on circular orbits', () => {
    const [rec] = walker350().map((s) => s.satrec);
    // Independent figure: r = 6378.135 + 350 km, μ = 398600.8 km³/s² → (384 · 0.25 · r⁵ / μ²)^¼.
    const r = 6728.135;
    const expected = Math.floor(((384 * 0.25 * r ** 5) / 398600.8 ** 2) ** 0.25);
    expect(Math.abs(knotSpacingS([rec]) - expected)).toBeLessThanOrEqual(2); // SGP4 mean vs nominal radius
    expect(knotSpacingS([rec])).toBeGreaterThan(280);
    const m = parseTle(TLE).records.map((x) => x.satrec);
    expect(knotSpacingS([rec, ...m])).toBeLessThan(knotSpacingS([rec])); // the worst orbit sets it
    expect(knotSpacingS([])).toBe(180);
  });
});

describe('positions the phase-A kernel computes (simulate with inter-satellite links) against direct SGP4', () => {
  const budget = knotSpacingS([...walker350(), ...molniya()].map((s) => s.satrec));
  it.each([
    [60, 0.01, 1],
    [180, 0.1, 1],
    // The default: spacing from the error budget (243 s here, set by Molniya's perigee).
    [undefined, KNOT_TOLERANCE_KM, KNOT_TOLERANCE_KM],
  ])('knots at most %s s apart (10 s steps): within %f km in LEO and %f km overall', async (maxKnotSpacingS, leoKm, anyKm) => {
    const walker = walker350();
    const sats = [...walker, ...molniya()];
    const { grid, pos } = await kernelPositions(sats, maxKnotSpacingS);
    expect(grid.knotEvery).toBe(Math.floor((maxKnotSpacingS ?? budget) / 10));
    expect(grid.knotEvery).toBeGreaterThan(1); // samples between knots are interpolated
    const errors = positionErrors(sats, grid, pos);
    const leo = Math.max(...errors.slice(0, walker.length));
    expect(Math.max(...errors)).toBeLessThan(anyKm);
    expect(leo).toBeLessThan(leoKm);
    expect(leo).toBeGreaterThan(1e-6); // interpolation really happened (knots alone agree to < 1 mm)
  });

  it('are SGP4 itself with knots at every sample (maxKnotSpacingS 0)', async () => {
    const sats = [...walker350(), ...molniya()];
    const { grid, pos } = await kernelPositions(sats, 0);
    expect(grid.knotEvery).toBe(1);
    // WASM SGP4 against satellite.js's JS SGP4 (propagate's minutes from a Julian date: ≈40 µs of time).
    for (const e of positionErrors(sats, grid, pos)) expect(e).toBeLessThan(0.002);
  });

  it('a satellite on its own default spacing stays within the budget (LEO: ≈29 samples between knots)', async () => {
    const walker = walker350();
    const { grid, pos } = await kernelPositions(walker);
    expect(grid.knotEvery).toBe(Math.floor(knotSpacingS(walker.map((s) => s.satrec)) / 10));
    expect(grid.knotEvery).toBeGreaterThan(25);
    const worst = Math.max(...positionErrors(walker, grid, pos));
    expect(worst).toBeLessThan(KNOT_TOLERANCE_KM);
    expect(worst).toBeGreaterThan(0.01); // the budget is used, not wasted on dense knots
  });
});

describe('the knots and basis runKnots hands the kernel, and interpolatePosition', () => {
  it('velocities from the basis derivative are within 0.01 km/s, and positions between samples within the budget', async () => {
    const sats = [...walker350(), ...molniya()];
    const satrecs = sats.map((s) => s.satrec);
    const scenario = normaliseScenario(WALKER_350);
    const grid = runGrid(scenario, knotSpacingS(satrecs));
    const chunk = Math.ceil(108 / grid.knotEvery) * grid.knotEvery;
    const prop = new SamplePropagator(await wasmRuntime(), satrecs, grid, chunk);
    const N = sats.length;
    const p = new Float64Array(3);
    let maxVel = 0;
    let maxMid = 0;
    let interpolated = 0;
    let knotErrors = 0;
    let declined = 0;
    try {
      for (let n0 = 0; n0 <= grid.K; n0 += chunk) {
        const steps = Math.min(chunk, grid.K + 1 - n0);
        const c = prop.runKnots(n0, steps);
        for (let k = 0; k < steps; k++) {
          const t = sampleTimeMs(grid, n0 + k);
          const b = c.basis.subarray(8 * k, 8 * k + 8);
          const atKnot = c.basisAtKnot[k] === 1;
          if (!atKnot) interpolated++;
          for (let i = 0; i < N; i++) {
            const ref = sgp4At(satrecs[i], t);
            const qa = i * c.knotCount + c.basisKnot[k];
            if (c.knotErr[qa] !== 0) knotErrors++;
            for (let d = 0; d < 3; d++) {
              const v = atKnot
                ? c.knotVel[3 * qa + d]
                : b[4] * c.knotPos[3 * qa + d] + b[5] * c.knotVel[3 * qa + d] + b[6] * c.knotPos[3 * qa + 3 + d] + b[7] * c.knotVel[3 * qa + 3 + d];
              maxVel = Math.max(maxVel, Math.abs(v - ref[3 + d]));
            }
            // Refinement's path: halfway to the next sample (inside this chunk's knots).
            if (n0 + k < grid.K) {
              const tm = t + grid.stepMs / 2;
              if (!prop.interpolatePosition(i, tm, p)) declined++;
              const mid = sgp4At(satrecs[i], tm);
              maxMid = Math.max(maxMid, Math.hypot(p[0] - mid[0], p[1] - mid[1], p[2] - mid[2]));
            }
          }
        }
      }
      // Outside the last run's knots it declines (the caller falls back to direct SGP4).
      expect(prop.interpolatePosition(0, grid.startMs - 1000, p)).toBe(false);
    } finally {
      prop.dispose();
    }
    expect([knotErrors, declined]).toEqual([0, 0]);
    expect(interpolated).toBeGreaterThan(grid.K / 2);
    expect(maxVel).toBeLessThan(0.01);
    expect(maxVel).toBeGreaterThan(0);
    expect(maxMid).toBeLessThan(KNOT_TOLERANCE_KM);
    expect(maxMid).toBeGreaterThan(0);
    expect(livePropagatorCount()).toBe(0);
  });
});

describe('interpolated runs match direct runs', () => {
  const input: ScenarioInput = {
    startUtc: '2026-06-21T00:00:00Z',
    durationHours: 12,
    stepSeconds: 10,
    constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 3, satellitesPerPlane: 4 },
    groundStations: [
      { name: 'Svalbard', latitudeDeg: 78.23, longitudeDeg: 15.41, downlinkGbps: 10 },
      { name: 'Wallops', latitudeDeg: 37.94, longitudeDeg: -75.46, downlinkGbps: 1 },
    ],
    node: { radiatorAreaM2: 40, batteryCapacityKWh: 8 },
  };
  it('KPIs within 0.5 % (relative) or 0.002 (fractions) and events within 1 s', async () => {
    const direct = await run(input, { maxKnotSpacingS: 0 });
    const fast = await run(input);
    for (const [k, v] of Object.entries(direct.kpis)) {
      const w = fast.kpis[k as keyof typeof fast.kpis] ?? 0;
      if (v === null) continue;
      const tol = Math.max(0.002, Math.abs(v) * 0.005);
      expect(Math.abs(w - v), `${k}: direct ${v}, interpolated ${w}`).toBeLessThanOrEqual(tol);
    }
    const e1 = direct.events;
    const e2 = fast.events;
    expect(e2.eclipseSat.length).toBe(e1.eclipseSat.length);
    expect(e2.contactSat.length).toBe(e1.contactSat.length);
    for (let k = 0; k < e1.eclipseSat.length; k++) {
      expect(Math.abs(e2.eclipseStartMs[k] - e1.eclipseStartMs[k])).toBeLessThan(1000);
      expect(Math.abs(e2.eclipseEndMs[k] - e1.eclipseEndMs[k])).toBeLessThan(1000);
    }
    for (let k = 0; k < e1.contactSat.length; k++) {
      expect(Math.abs(e2.contactStartMs[k] - e1.contactStartMs[k])).toBeLessThan(1000);
      expect(Math.abs(e2.contactEndMs[k] - e1.contactEndMs[k])).toBeLessThan(1000);
    }
  });
});

describe('skipping far-from-event samples is exact', () => {
  it('gives identical events and KPIs to sampling every pair at every step', async () => {
    const input: ScenarioInput = {
      startUtc: '2026-06-21T00:00:00Z',
      durationHours: 24,
      stepSeconds: 20,
      constellation: { type: 'walker', altitudeKm: 700, inclinationDeg: 65, planes: 4, satellitesPerPlane: 4 },
      groundStations: [
        { name: 'Svalbard', latitudeDeg: 78.23, longitudeDeg: 15.41, downlinkGbps: 10 },
        { name: 'Kourou', latitudeDeg: 5.25, longitudeDeg: -52.8, downlinkGbps: 10, minElevationDeg: 30 },
        { name: 'Troll', latitudeDeg: -72.01, longitudeDeg: 2.53, downlinkGbps: 10, minElevationDeg: 0 },
      ],
    };
    const full = await run(input, { skipFarFromEvents: false });
    const fast = await run(input);
    expect(fast.events.contactSat.length).toBeGreaterThan(50);
    expect(fast.events).toEqual(full.events);
    expect(fast.kpis).toEqual(full.kpis);
  });
});

describe('skipping far-from-event samples is exact on eccentric orbits and long steps', () => {
  it('gives identical events and KPIs at 60 s steps with a Molniya orbit, an equatorial and a polar satellite', async () => {
    // Vallado SGP4 verification sets (Molniya e = 0.74) plus two LEO sets of our own.
    const text = [
      TLE.trim(),
      'EQUATOR 600',
      '1 00005U 58002B   26172.00000000  .00000000  00000-0  00000-0 0  9998',
      '2 00005   0.1000 100.0000 0010000  90.0000 270.0000 14.70000000    00',
      'POLAR 500',
      '1 00006U 58002B   26172.00000000  .00000000  00000-0  00000-0 0  9999',
      '2 00006  97.4000  10.0000 0200000  45.0000 315.0000 15.20000000    07',
    ].join('\n');
    const input: ScenarioInput = {
      startUtc: '2026-06-21T00:00:00Z',
      durationHours: 72,
      stepSeconds: 60,
      constellation: { type: 'tle', text },
      groundStations: [
        { name: 'Svalbard', latitudeDeg: 78.23, longitudeDeg: 15.41, downlinkGbps: 10 },
        { name: 'Kourou', latitudeDeg: 5.25, longitudeDeg: -52.8, downlinkGbps: 10, minElevationDeg: 30 },
        { name: 'Troll', latitudeDeg: -72.01, longitudeDeg: 2.53, downlinkGbps: 10, minElevationDeg: -5 },
        { name: 'Quito', latitudeDeg: -0.2, longitudeDeg: -78.5, altitudeM: 2850, downlinkGbps: 10, minElevationDeg: 5 },
      ],
    };
    const full = await run(input, { skipFarFromEvents: false });
    const fast = await run(input);
    expect(full.events.eclipseSat.length).toBeGreaterThan(20);
    expect(full.events.contactSat.length).toBeGreaterThan(20);
    expect(new Set(full.events.contactSat).size).toBe(3); // every satellite has contacts
    expect(fast.events).toEqual(full.events);
    expect(fast.kpis).toEqual(full.kpis);
  });
});

describe('skipping on the plane bounds (β angle, station far from the ground track) is exact', () => {
  it('gives identical events and KPIs where eclipse seasons begin and end during the run', async () => {
    // 72 planes spread in RAAN at 55°: β drifts by several degrees in 3 days (nodal
    // regression), so some planes start eclipse-free (skipped on β) and begin
    // eclipsing mid-run (at 8.5, 30.6 and 52.7 h). With the β rate bound 100× too
    // small, the fast run misses 50 eclipses here (checked when the test was written).
    const input: ScenarioInput = {
      startUtc: '2026-06-21T00:00:00Z',
      durationHours: 72,
      stepSeconds: 60,
      constellation: { type: 'walker', altitudeKm: 500, inclinationDeg: 55, planes: 72, satellitesPerPlane: 1, phasing: 0 },
      groundStations: [
        { name: 'Svalbard', latitudeDeg: 78.23, longitudeDeg: 15.41, downlinkGbps: 10 },
        { name: 'Hartebeesthoek', latitudeDeg: -25.89, longitudeDeg: 27.69, downlinkGbps: 10, minElevationDeg: 5 },
        { name: 'Kourou', latitudeDeg: 5.25, longitudeDeg: -52.8, downlinkGbps: 10, minElevationDeg: 30 },
      ],
    };
    const full = await run(input, { skipFarFromEvents: false });
    const fast = await run(input);
    const firstEclipse = new Map<number, number>();
    const e = full.events;
    for (let k = 0; k < e.eclipseSat.length; k++) if (!firstEclipse.has(e.eclipseSat[k])) firstEclipse.set(e.eclipseSat[k], e.eclipseStartMs[k]);
    const onsets = [...firstEclipse.values()].filter((t) => t - full.startMs > 6 * 3_600_000);
    expect(onsets.length).toBeGreaterThanOrEqual(3); // seasons begin after at least 6 eclipse-free hours
    expect(firstEclipse.size).toBeLessThan(72); // and some satellites stay eclipse-free throughout
    expect(full.events.contactSat.length).toBeGreaterThan(100);
    expect(fast.events).toEqual(full.events);
    expect(fast.kpis).toEqual(full.kpis);
  });
});
