/**
 * Property-based tests (fast-check): scenarios generated anywhere inside the
 * documented ranges of the scenario schema (small constellations and short
 * horizons so each run is quick). The engine must not throw, every output
 * must be finite, energy must balance, and each KPI must stay within a bound
 * that physics (or plain bookkeeping) guarantees. Bounds are derived from the
 * inputs, independently of the engine's own code paths.
 */
import { maxRateGbps } from '../../src/engine/network/link-budget';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_KM, KELVIN_OFFSET, MU_EARTH_KM3_PER_S2, SOLAR_CONSTANT_W_PER_M2, STEFAN_BOLTZMANN, T_SPACE_K } from '../../src/engine/core/constants';
import { KPI_NAMES } from '../../src/engine/output/result';
import { MAX_GROUND_STATIONS, MIN_NONZERO_MAGNITUDE, normaliseScenario, parseScenario, type Scenario, type ScenarioInput } from '../../src/engine/input/scenario';
import { simulateScenario, type SimulationOutput } from '../../src/engine/run/simulation';

// ---------------------------------------------------------------------------
// arbitraries: inside the documented ranges (src/engine/scenario.ts)

/**
 * Log-uniform in [lo, hi] (wide ranges such as 1e-3…1e10 W), plus the extremes
 * the schema still accepts for positive fields (down to MIN_NONZERO_MAGNITUDE) and hi.
 */
const logUniform = (lo: number, hi: number) => {
  const body = fc.double({ min: Math.log10(lo), max: Math.log10(hi), noNaN: true }).map((e) => Math.min(hi, Math.max(lo, 10 ** e)));
  return lo < 1 ? fc.oneof({ arbitrary: body, weight: 6 }, { arbitrary: fc.constantFrom(MIN_NONZERO_MAGNITUDE, 1e-30, hi), weight: 1 }) : body;
};
/** Reals in [min, max]; non-zero magnitudes below MIN_NONZERO_MAGNITUDE (rejected by the schema) become 0. */
const real = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((x) => (Math.abs(x) < MIN_NONZERO_MAGNITUDE ? 0 : x));
/** Fractions in [0, 1] with the end points likely. */
const fraction = fc.oneof(real(0, 1), fc.constantFrom(0, 1));
/** Fractions in (0, 1]. */
const positiveFraction = fc.oneof(real(1e-3, 1), fc.constantFrom(1, MIN_NONZERO_MAGNITUDE));

const START_MIN = Date.UTC(1957, 0, 1);
const START_MAX = Date.UTC(2100, 11, 31, 12);
const startUtc = fc.integer({ min: START_MIN / 1000, max: START_MAX / 1000 }).map((s) => new Date(s * 1000).toISOString());

const walker = fc
  .record({
    pattern: fc.constantFrom('delta', 'star'),
    altitudeKm: fc.oneof(real(160, 2000), real(160, 40_000)),
    inclinationDeg: fc.oneof(real(0, 180), fc.constantFrom(0, 90, 180)),
    planes: fc.integer({ min: 1, max: 4 }),
    satellitesPerPlane: fc.integer({ min: 1, max: 5 }),
    phasingFraction: real(0, 1),
    firstRaanDeg: real(-360, 360),
  })
  .map(({ phasingFraction, ...c }) => ({ type: 'walker' as const, ...c, phasing: Math.min(c.planes - 1, Math.floor(phasingFraction * c.planes)) }));

const sso = fc.record({
  type: fc.constant('sso' as const),
  altitudeKm: real(160, 5500),
  ltanHours: real(0, 24),
  planes: fc.integer({ min: 1, max: 4 }),
  satellitesPerPlane: fc.integer({ min: 1, max: 5 }),
  ltanSpacingHours: real(0, 12),
});

const cluster = fc.record({
  type: fc.constant('cluster' as const),
  altitudeKm: real(160, 5500),
  ltanHours: real(0, 24),
  satellites: fc.integer({ min: 1, max: 20 }),
  radiusM: logUniform(1e-3, 100_000),
});

const node = fc
  .record({
    solarArrayAreaM2: logUniform(1e-3, 1e8),
    solarCellEfficiency: positiveFraction,
    arrayPointing: fc.constantFrom('sun-tracking', 'body-fixed'),
    batteryCapacityKWh: fc.oneof(fc.constant(0), logUniform(1e-3, 1e7)),
    batteryMinStateOfCharge: real(0, 0.99),
    initialAboveMin: fraction,
    batteryRoundTripEfficiency: positiveFraction,
    busPowerW: fc.oneof(fc.constant(0), logUniform(1e-3, 1e10)),
    computePowerW: logUniform(1e-3, 1e10),
    computeTflops: logUniform(1e-3, 1e12),
    radiatorAreaM2: logUniform(1e-3, 1e8),
    radiatorEmissivity: positiveFraction,
    radiatorAbsorptivity: fraction,
    radiatorSunViewFactor: fraction,
    radiatorEarthViewFactor: fraction,
    heatCapacityJPerK: logUniform(1, 1e15),
    initialTemperatureC: real(-150, 200),
    maxTemperatureC: real(-150, 300),
    storageGB: logUniform(1e-3, 1e12),
    outputGBPerHourAtFullCompute: fc.oneof(fc.constant(0), logUniform(1e-3, 1e9)),
  })
  .map(({ initialAboveMin, ...n }) => ({
    ...n,
    batteryInitialStateOfCharge: Math.min(1, n.batteryMinStateOfCharge + initialAboveMin * (1 - n.batteryMinStateOfCharge)),
  }));

const station = fc.record({
  name: fc.string({ minLength: 1, maxLength: 20 }),
  latitudeDeg: real(-90, 90),
  longitudeDeg: real(-180, 360),
  altitudeM: real(-500, 9000),
  minElevationDeg: real(-5, 90),
  downlinkGbps: logUniform(1e-3, 1e5),
  antennas: fc.integer({ min: 1, max: 4 }),
});

const scenario: fc.Arbitrary<ScenarioInput> = fc
  .record({
    startUtc,
    durationHours: real(0.001, 6),
    steps: fc.integer({ min: 1, max: 240 }),
    constellation: fc.oneof(walker, sso, cluster),
    node,
    groundStations: fc.array(station, { minLength: 0, maxLength: 3 }),
    interSatelliteLinks: fc.record({ enabled: fc.boolean(), maxRangeKm: logUniform(1e-3, 100_000), rateGbps: logUniform(1e-3, 1e6) }),
    environment: fc.record({ earthIrWPerM2: real(0, 500), albedo: fraction }),
  })
  .map(({ steps, ...s }) => {
    const horizonS = s.durationHours * 3600;
    // Documented: 1 s ≤ step ≤ 3600 s and step ≤ horizon.
    const stepSeconds = Math.min(3600, horizonS, Math.max(1, horizonS / steps));
    return { name: 'property', ...s, stepSeconds } as ScenarioInput;
  });

// ---------------------------------------------------------------------------
// physical bounds derived from the inputs

/** Largest solar flux over the year (perihelion 0.983 AU), W/m². */
const SOLAR_FLUX_MAX = SOLAR_CONSTANT_W_PER_M2 / (0.983 * 0.983);

function satelliteCount(s: Scenario): number {
  const c = s.constellation;
  if (c.type === 'walker' || c.type === 'sso') return c.planes * c.satellitesPerPlane;
  if (c.type === 'cluster') return c.satellites;
  throw new Error('generated designs only');
}

/**
 * Upper bound on the shadow-weighted eclipse fraction of a sampled run:
 * shadow (umbra + penumbra) covers at most f = asin(R_p / r)/π of a circular
 * orbit of radius r, with R_p the penumbra radius at r (≈ R + r · 0.00466).
 * Over a horizon H sampled every Δt, at most H/P + 2 shadow intervals meet the
 * horizon and each counts at most its length + Δt, so
 * fraction ≤ (H/P + 2)(f P + Δt) / H. Radius: the design altitude less 30 km of
 * SGP4 short-period motion and a cluster's radial excursion (radiusM / 2).
 */
function eclipseFractionBound(s: Scenario, out: SimulationOutput): number {
  const c = s.constellation;
  if (c.type !== 'walker' && c.type !== 'sso' && c.type !== 'cluster') return 1;
  const excursionKm = c.type === 'cluster' ? c.radiusM / 2000 : 0;
  const rMin = EARTH_RADIUS_KM + c.altitudeKm - 30 - excursionKm;
  const a = EARTH_RADIUS_KM + c.altitudeKm;
  const penumbraKm = EARTH_RADIUS_KM + 0.00466 * (a + 30);
  const f = penumbraKm >= rMin ? 0.5 : Math.asin(penumbraKm / rMin) / Math.PI;
  const pMin = 2 * Math.PI * Math.sqrt((a - 30 - excursionKm) ** 3 / MU_EARTH_KM3_PER_S2);
  const pMax = 2 * Math.PI * Math.sqrt((a + 30 + excursionKm) ** 3 / MU_EARTH_KM3_PER_S2);
  const H = (out.endMs - out.startMs) / 1000;
  const dt = out.stepMs / 1000;
  return Math.min(1, (H / pMin + 2) * (f * pMax + dt) / H);
}

/**
 * Hottest temperature the node can physically reach (K): its start, its limit
 * (the controller only runs compute while the next temperature stays at or
 * below it), or the radiative equilibrium of the bus load plus the largest
 * absorbed environmental heat (α S A F_sun + α·albedo·S A F_earth + ε q_IR A F_earth).
 * Without compute the node relaxes monotonically toward that equilibrium.
 */
function temperatureBoundK(s: Scenario): number {
  const n = s.node;
  const e = s.environment;
  const A = n.radiatorAreaM2;
  const absorbedMaxW =
    n.radiatorAbsorptivity * SOLAR_FLUX_MAX * A * n.radiatorSunViewFactor +
    n.radiatorAbsorptivity * e.albedo * SOLAR_FLUX_MAX * A * n.radiatorEarthViewFactor +
    n.radiatorEmissivity * e.earthIrWPerM2 * A * n.radiatorEarthViewFactor;
  const equilibriumK = ((n.busPowerW + absorbedMaxW) / (n.radiatorEmissivity * STEFAN_BOLTZMANN * A) + T_SPACE_K ** 4) ** 0.25;
  return Math.max(n.initialTemperatureC + KELVIN_OFFSET, n.maxTemperatureC + KELVIN_OFFSET, equilibriumK);
}

/**
 * True when the step is no longer than the thermal time constant at the bound
 * temperature (C ≥ Δt · 4εσA·T³). Only then can linearised backward Euler not
 * overshoot the radiative equilibrium: with g(T) = εσA T⁴ convex, one step
 * from T₀ < T_eq rises by Δt(Q − g(T₀))/(C + Δt g′(T₀)) ≤ (T_eq − T₀) exactly
 * when C ≥ Δt (g′(T_eq) − g′(T₀)). Beyond it the engine overshoots (known bug,
 * pinned below with it.fails).
 */
function stepWithinThermalTimeConstant(s: Scenario): boolean {
  const n = s.node;
  const tb = temperatureBoundK(s);
  return n.heatCapacityJPerK >= s.stepSeconds * 4 * n.radiatorEmissivity * STEFAN_BOLTZMANN * n.radiatorAreaM2 * tb ** 3;
}

const close = (a: number, b: number, rel = 1e-9, abs = 1e-12): boolean => Math.abs(a - b) <= abs + rel * Math.max(Math.abs(a), Math.abs(b));
/** a ≤ b up to rounding. */
const le = (a: number, b: number, rel = 1e-9, abs = 1e-12): boolean => a <= b + abs + rel * Math.max(Math.abs(a), Math.abs(b));

/** Checks every bound; returns the violations (empty when all hold). */
function violations(s: Scenario, out: SimulationOutput): string[] {
  const bad: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) bad.push(what);
  };
  const k = out.kpis;
  const n = s.node;
  const N = satelliteCount(s);
  // The clock is integer milliseconds: the run covers the horizon rounded to the ms.
  const H = (out.endMs - out.startMs) / 1000;
  const hours = H / 3600;

  // finite everywhere
  for (const name of KPI_NAMES) check(Number.isFinite(k[name]), `kpi ${name} = ${k[name]}`);
  for (const [name, col] of Object.entries(out.series)) {
    const i = (col as Float64Array).findIndex((v) => !Number.isFinite(v));
    check(i < 0, `series ${name}[${i}] not finite`);
  }
  const ev = out.events;
  for (const [name, col] of Object.entries(ev)) {
    const i = Array.from(col as ArrayLike<number>).findIndex((v) => !Number.isFinite(v));
    check(i < 0, `events ${name}[${i}] not finite`);
  }

  // counts: generated designs propagate (no drag term), all satellites active
  check(k.satelliteCount === N, `satelliteCount ${k.satelliteCount} ≠ ${N}`);
  check(k.satellitesFailed === 0, `satellitesFailed ${k.satellitesFailed} for a drag-free generated design`);
  check(close(k.installedComputePflops, (N * n.computeTflops) / 1000), `installed ${k.installedComputePflops} ≠ N·tflops`);

  // compute
  check(k.minUsableComputePflops >= 0, `minUsable ${k.minUsableComputePflops} < 0`);
  check(le(k.minUsableComputePflops, k.meanUsableComputePflops), `minUsable ${k.minUsableComputePflops} > mean ${k.meanUsableComputePflops}`);
  check(le(k.meanUsableComputePflops, k.installedComputePflops), `meanUsable ${k.meanUsableComputePflops} > installed ${k.installedComputePflops}`);

  // fractions
  for (const f of ['eclipseFraction', 'powerLimitedFraction', 'thermalLimitedFraction', 'storageLimitedFraction'] as const) {
    check(k[f] >= 0 && le(k[f], 1), `${f} ${k[f]} outside [0, 1]`);
  }
  check(le(k.powerLimitedFraction + k.thermalLimitedFraction + k.storageLimitedFraction, 1), 'limited fractions sum > 1');
  const eclipseMax = eclipseFractionBound(s, out);
  check(le(k.eclipseFraction, eclipseMax, 1e-6), `eclipseFraction ${k.eclipseFraction} > bound ${eclipseMax}`);

  // battery
  const cap = n.batteryCapacityKWh;
  // Compute never draws below batteryMinStateOfCharge; the bus may use that reserve down to empty.
  if (cap > 0) {
    const floor = n.busPowerW > 0 ? 0 : n.batteryMinStateOfCharge;
    check(k.minStateOfCharge >= floor - 1e-9, `minStateOfCharge ${k.minStateOfCharge} below ${floor}`);
    check(le(k.minStateOfCharge, n.batteryInitialStateOfCharge), `minStateOfCharge ${k.minStateOfCharge} above the initial ${n.batteryInitialStateOfCharge}`);
  } else {
    check(k.minStateOfCharge === 0, `minStateOfCharge ${k.minStateOfCharge} without a battery`);
  }

  // temperature: never above max(initial, limit, passive equilibrium), for any step (thermal.ts limits each step at the equilibrium)
  const tMaxC = temperatureBoundK(s) - KELVIN_OFFSET;
  check(le(k.maxTemperatureC, tMaxC, 1e-9, 1e-9), `maxTemperatureC ${k.maxTemperatureC} > physical bound ${tMaxC}`);
  check(k.maxTemperatureC >= n.initialTemperatureC - 1e-9, `maxTemperatureC ${k.maxTemperatureC} below the initial ${n.initialTemperatureC}`);

  // energy (kWh)
  const gen = k.energyGeneratedKWh;
  const terms = [gen, k.energyConsumedKWh, k.energyCurtailedKWh, k.energyStoredDeltaKWh];
  // Delivered energy is load − unmet: rounding scales with the unmet load too.
  const scale = Math.max(...terms.map(Math.abs), k.energyUnmetKWh);
  const residual = gen - k.energyConsumedKWh - k.energyCurtailedKWh - k.energyStoredDeltaKWh;
  // Required: 0.1 % (or 1e-6 kWh). The books close to rounding, so check far tighter:
  // 1e-9 of the largest flow, or 1e-12 of the battery capacity the state of charge is kept against.
  const tol = Math.min(Math.max(1e-6, 1e-3 * Math.max(...terms.map(Math.abs))), Math.max(1e-9, 1e-9 * scale, 1e-12 * N * n.batteryCapacityKWh));
  check(Math.abs(residual) <= tol, `energy balance off by ${residual} kWh (tolerance ${tol})`);
  for (const e of ['energyGeneratedKWh', 'energyCurtailedKWh', 'energyUnmetKWh'] as const) check(k[e] >= 0, `${e} ${k[e]} < 0`);
  // Battery losses are differences (charge drawn − energy supplied) against a state of
  // charge kept in J: allow rounding at the scale of the capacity and flows, no more.
  const flowKWh = Math.max(k.energyConsumedKWh, Math.abs(k.energyStoredDeltaKWh), N * cap);
  check(k.energyBatteryLossKWh >= -1e-12 * flowKWh, `energyBatteryLossKWh ${k.energyBatteryLossKWh} < 0 beyond rounding`);
  check(k.energyConsumedKWh >= -1e-12 * flowKWh, `energyConsumedKWh ${k.energyConsumedKWh} < 0 beyond rounding`);
  check(le(k.energyBatteryLossKWh, k.energyConsumedKWh), 'battery loss > consumed');
  const genMax = (N * n.solarArrayAreaM2 * n.solarCellEfficiency * SOLAR_FLUX_MAX * H) / 3.6e6;
  check(le(gen, genMax, 1e-9), `generated ${gen} kWh > array maximum ${genMax}`);
  const loadMax = (N * (n.busPowerW + n.computePowerW) * H) / 3.6e6;
  // delivered = consumed − losses (a difference: rounding scales with consumed)
  check(le(k.energyConsumedKWh - k.energyBatteryLossKWh, loadMax, 1e-9, 1e-12 * k.energyConsumedKWh), 'delivered > largest load');
  check(le(k.energyUnmetKWh, loadMax), 'unmet > largest load');
  const reserveFloor = n.busPowerW > 0 ? 0 : n.batteryMinStateOfCharge;
  // State of charge is kept in J: rounding is relative to the capacity, not to the change.
  const capRounding = 1e-12 * N * cap;
  check(le(-N * cap * (n.batteryInitialStateOfCharge - reserveFloor), k.energyStoredDeltaKWh, 1e-9, capRounding), `stored change ${k.energyStoredDeltaKWh} below what the floor allows`);
  check(le(k.energyStoredDeltaKWh, N * cap * (1 - n.batteryInitialStateOfCharge), 1e-9, capRounding), `stored change ${k.energyStoredDeltaKWh} above the free capacity`);

  // data (GB): storage starts empty, nothing is created or lost
  const produceMax = N * n.outputGBPerHourAtFullCompute * hours;
  check(k.dataGeneratedGB >= 0 && le(k.dataGeneratedGB, produceMax), `generated data ${k.dataGeneratedGB} outside [0, ${produceMax}]`);
  check(k.dataDownlinkedGB >= 0 && le(k.dataDownlinkedGB, k.dataGeneratedGB), `downlinked ${k.dataDownlinkedGB} > generated ${k.dataGeneratedGB}`);
  // (a difference of two sums: rounding scales with the data generated)
  check(le(k.dataGeneratedGB - k.dataDownlinkedGB, N * n.storageGB, 1e-9, 1e-12 * k.dataGeneratedGB), 'data held exceeds storage');
  const linkMax = s.groundStations.reduce((a, g) => a + (maxRateGbps(g) / 8) * g.antennas * H, 0);
  check(le(k.dataDownlinkedGB, linkMax), `downlinked ${k.dataDownlinkedGB} > station capacity ${linkMax}`);

  // contacts
  const S = s.groundStations.length;
  check(k.contactMinutesPerSatellitePerDay >= 0 && le(k.contactMinutesPerSatellitePerDay, S * 1440), `contact minutes ${k.contactMinutesPerSatellitePerDay} outside [0, ${S * 1440}]`);
  for (let e = 0; e < ev.contactSat.length; e++) {
    const g = s.groundStations[ev.contactStation[e]];
    check(g !== undefined, `contact with unknown station ${ev.contactStation[e]}`);
    if (!g) continue;
    const el = ev.contactMaxElevationDeg[e];
    check(el >= g.minElevationDeg - 1e-6 && el <= 90 + 1e-9, `contact peak elevation ${el} outside [${g.minElevationDeg}, 90]`);
    check(ev.contactStartMs[e] >= out.startMs && ev.contactStartMs[e] <= ev.contactEndMs[e] && ev.contactEndMs[e] <= out.endMs, `contact ${e} outside the horizon or reversed`);
  }
  for (let e = 0; e < ev.eclipseSat.length; e++) {
    check(ev.eclipseSat[e] < N, `eclipse of unknown satellite ${ev.eclipseSat[e]}`);
    check(ev.eclipseStartMs[e] >= out.startMs && ev.eclipseStartMs[e] <= ev.eclipseEndMs[e] && ev.eclipseEndMs[e] <= out.endMs, `eclipse ${e} outside the horizon or reversed`);
  }

  // series
  const se = out.series;
  const K = se.timeMs.length;
  const expectedSteps = Math.ceil(Math.round(s.durationHours * 3_600_000) / Math.round(s.stepSeconds * 1000));
  check(K === expectedSteps, `${K} steps, expected ${expectedSteps}`);
  for (let i = 0; i < K; i++) {
    const row = `step ${i}`;
    check(se.activeSatellites[i] === N, `${row}: ${se.activeSatellites[i]} active`);
    check(se.satellitesInContact[i] >= 0 && se.satellitesInContact[i] <= N, `${row}: satellitesInContact ${se.satellitesInContact[i]}`);
    check(se.usableComputePflops[i] >= 0 && le(se.usableComputePflops[i], k.installedComputePflops), `${row}: usable ${se.usableComputePflops[i]}`);
    check(se.sunlitFraction[i] >= 0 && le(se.sunlitFraction[i], 1), `${row}: sunlitFraction ${se.sunlitFraction[i]}`);
    if (cap > 0) check(se.meanStateOfCharge[i] >= (n.busPowerW > 0 ? 0 : n.batteryMinStateOfCharge) - 1e-9 && le(se.meanStateOfCharge[i], 1), `${row}: meanStateOfCharge ${se.meanStateOfCharge[i]}`);
    check(le(se.maxTemperatureC[i], tMaxC, 1e-9, 1e-9), `${row}: maxTemperatureC ${se.maxTemperatureC[i]} > ${tMaxC}`);
    check(se.storedDataGB[i] >= 0 && le(se.storedDataGB[i], N * n.storageGB), `${row}: storedDataGB ${se.storedDataGB[i]}`);
    const lost = se.powerLimitedPflops[i] + se.thermalLimitedPflops[i] + se.storageLimitedPflops[i];
    check(le(se.usableComputePflops[i] + lost, k.installedComputePflops), `${row}: usable + lost > installed`);
  }
  return bad;
}

/** Short, readable rendering of a counterexample. */
const show = (s: ScenarioInput): string => JSON.stringify(s);

// ---------------------------------------------------------------------------

/** Runs per property; raise with OCS_PROPERTY_RUNS for a deeper search. */
const NUM_RUNS = Number(process.env.OCS_PROPERTY_RUNS ?? 40);

describe('property: generated scenarios inside the documented ranges', () => {
  it('validate against the schema (the generators stay inside the documented ranges)', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = parseScenario(s);
        if (!r.ok) throw new Error(`rejected: ${JSON.stringify(r.issues)} for ${show(s)}`);
        expect(r.scenario.groundStations.length).toBeLessThanOrEqual(MAX_GROUND_STATIONS);
      }),
      { numRuns: 500 },
    );
  });

  it(`simulate without throwing; outputs finite; energy balances; KPIs within physical bounds (${NUM_RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (input) => {
        const s = normaliseScenario(input);
        const out = await simulateScenario(s);
        const bad = violations(s, out);
        if (bad.length) throw new Error(bad.slice(0, 8).join('\n'));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it(`keep the temperature within max(initial, limit, passive equilibrium) when the step is beyond the thermal time constant (${NUM_RUNS} runs)`, async () => {
    const coarse = scenario.filter((input) => !stepWithinThermalTimeConstant(normaliseScenario(input)));
    await fc.assert(
      fc.asyncProperty(coarse, async (input) => {
        const s = normaliseScenario(input);
        const out = await simulateScenario(s);
        const boundC = temperatureBoundK(s) - KELVIN_OFFSET;
        expect(out.kpis.maxTemperatureC).toBeLessThanOrEqual(boundC + 1e-9 * Math.abs(boundC) + 1e-9);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  /**
   * Regression (found by these properties): linearised backward Euler takes a
   * Newton step toward the T⁴ equilibrium; from far below with a step longer
   * than the thermal time constant it used to land far above it. Here:
   * C = 1000 J/K, 600 s steps, start at −150 °C, compute never allowed, so only
   * the 2 kW bus and absorbed heat warm the node; the exact solution rises
   * monotonically toward ≈ −57 °C; the engine once reported +65 °C.
   */
  const overshootCase = () =>
    normaliseScenario({
      startUtc: '2026-06-21T00:00:00Z',
      durationHours: 2,
      stepSeconds: 600,
      constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 1, satellitesPerPlane: 1 },
      node: { heatCapacityJPerK: 1000, initialTemperatureC: -150, maxTemperatureC: -150 },
    });

  it('the regression case below is what it claims: a step beyond the thermal time constant, equilibrium below −50 °C', () => {
    const s = overshootCase();
    expect(stepWithinThermalTimeConstant(s)).toBe(false);
    expect(temperatureBoundK(s) - KELVIN_OFFSET).toBeLessThan(-50);
  });

  it('the temperature does not overshoot the passive equilibrium when the step exceeds the thermal time constant', async () => {
    const s = overshootCase();
    const out = await simulateScenario(s);
    expect(out.kpis.maxTemperatureC).toBeLessThanOrEqual(temperatureBoundK(s) - KELVIN_OFFSET + 1e-6);
  });
});
