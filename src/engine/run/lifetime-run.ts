/**
 * Lifetime, mass and cost of a design (issue 13): usable compute year by year
 * over the life from the simulated physics, the node's mass, the orbit's
 * drag and dose, and the levelised cost against a ground data centre.
 *
 * Year y (0-based) is evaluated at its middle, t = y + ½ years:
 *   array      A · (1 − d_array)^t                       (lifetime.arrayDegradationPerYear)
 *   battery    E · max(0, 1 − φ t)                       (φ: the run's batteryCapacityFadePerYear)
 *   alive      (1 − λ)^t                                  (lifetime.acceleratorFailureRatePerYear; compute power and TFLOPS scale)
 *   dose       D_y = Ḋ (y + 1); accelerators dead from t_dose = limit / Ḋ (the year's share after it delivers nothing)
 *   upsets     downtime u = Ḋ · upsetsPerRadPerNode · recovery / year; compute × (1 − u)
 * Usable / installed compute of the first and the last year = the mean over
 * `lifetime.sampleDays` one-day runs spread over the first year
 * (sampleDayOffsetDays: eclipse seasons and beta-angle cycles), each with that
 * year's node (steps of at least LIFETIME_MIN_STEP_S), its battery starting at
 * the run's final mean state of charge;
 * the geometry repeats every year (the orbit is held). Years between are
 * interpolated linearly (the degradation factors are smooth in t). Delivered
 * PFLOP-hours = usable × 8,766 h. Designs with more than MAX_LIFETIME_SATELLITES
 * are sampled on that many satellites spread over the indices (stated in a warning).
 * Drag, dose and decay use each satellite's mean altitude and inclination,
 * averaged over the satellites. Cost: cost/levelised-cost.ts.
 */
import { MS_PER_DAY, MU_EARTH_KM3_PER_S2, EARTH_RADIUS_KM } from '../core/constants';
import { formatUtc } from '../core/time';
import { levelisedCost, breakEvenLaunchUsdPerKg } from '../cost/levelised-cost';
import { nodeMass, propellantFraction, type NodeMass } from '../cost/node-mass';
import { annualDoseRadPerYear } from '../environment/radiation-dose';
import { formationDeltaVMPerSPerYear, naturalDecayYears, stationKeepingDeltaVMPerSPerYear, bstarPerEarthRadius, STANDARD_GRAVITY_M_PER_S2 } from '../environment/orbit-maintenance';
import type { Scenario } from '../input/scenario';
import type { EconomicsKpis, SatelliteInfo, SimulationOutput } from './output-types';

/** Hours in a Julian year. */
export const HOURS_PER_YEAR = 8766;
const DAYS_PER_YEAR = 365.25;
/** Shortest node step of the sampled days (s). */
export const LIFETIME_MIN_STEP_S = 60;
/** Most satellites the sampled lifetime runs carry (the rest are represented by them). */
export const MAX_LIFETIME_SATELLITES = 200;
/** Largest propellant share of the launch mass before the design is called infeasible (capped, with a warning). */
export const MAX_PROPELLANT_FRACTION = 0.9;

export interface LifetimeYear {
  year: number;
  installedPflops: number;
  usablePflops: number;
  deliveredPflopHours: number;
  failedFraction: number;
  arrayCapacityFraction: number;
  batteryCapacityFraction: number;
  /** Sunlit-weighted mean eclipse fraction of the sampled days. */
  eclipseFraction: number;
  cumulativeDoseKrad: number;
  deltaVUsedMPerS: number;
}

export interface CostBreakdown {
  launchUsd: number;
  computeHardwareUsd: number;
  satelliteHardwareUsd: number;
  capitalUsd: number;
  operationsUsdPerYear: number;
  /** Present value of the operations over the life. */
  operationsPvUsd: number;
  groundStationUsdPerYear: number;
  costPerPflopHourUsd: number | null;
  launchUsdPerKWYear: number;
  terrestrial: { buildUsd: number; hardwareUsd: number; capitalUsd: number; energyUsdPerYear: number; energyPvUsd: number; costPerPflopHourUsd: number | null };
  spaceToGroundCostRatio: number | null;
  breakEvenLaunchUsdPerKg: number | null;
}

export interface EconomicsReport {
  mass: NodeMass;
  constellationMassKg: number;
  meanAltitudeKm: number;
  /** Orbit keeping plus, for clusters, holding the formation against differential drag (m/s per year). */
  stationKeepingDeltaVMPerSPerYear: number;
  /** The formation share of it (clusters; 0 otherwise). */
  formationDeltaVMPerSPerYear: number;
  naturalDecayYears: number;
  bstarPerEarthRadius: number;
  radiationDoseRadPerYear: number;
  /** Years until the dose reaches the accelerators' limit (may exceed the life). */
  doseLimitYears: number;
  upsetDowntimeFraction: number;
  annualEclipseFraction: number;
  deliveredPflopHoursLifetime: number;
  sampledSatellites: number;
  years: LifetimeYear[];
  cost: CostBreakdown;
  warnings: Array<{ path: string; message: string }>;
}

/** What the lifetime analysis reads of a sampled day's run. */
export interface SampledDayResult {
  meanUsableComputePflops: number;
  eclipseFraction: number;
}

/**
 * Runs one simulated year's sampled days (one-day scenarios in day order) on
 * the sampled satellites (indices into the run's satellites), in any order
 * and on any threads (sampled-days.ts); results in the days' order. Passed
 * in by simulation.ts to keep imports one-way.
 */
export type SampledDaysFn = (days: Scenario[], sample: readonly number[], opts: { signal?: { readonly aborted: boolean }; dayDone?: () => void }) => Promise<SampledDayResult[]>;

/** Mean altitude (km) of a satellite from its Kozai mean motion: a = (μ/n²)^⅓ − R⊕. */
function meanAltitudeKm(s: SatelliteInfo): number {
  const n = (s.meanMotionRevPerDay * 2 * Math.PI) / 86_400;
  return Math.cbrt(MU_EARTH_KM3_PER_S2 / (n * n)) - EARTH_RADIUS_KM;
}

/** Satellite indices for the sampled runs: all, or `max` spread evenly. */
export function lifetimeSample(n: number, max = MAX_LIFETIME_SATELLITES): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: max }, (_, k) => Math.floor(((k + 0.5) * n) / max));
}

/** The lifetime, mass and cost of the design whose main run is `main`. */
export async function lifetimeAnalysis(
  main: SimulationOutput,
  runDays: SampledDaysFn,
  opts: { signal?: { readonly aborted: boolean }; progress?: (f: number) => void } = {},
): Promise<EconomicsReport> {
  const s = main.scenario;
  const L = s.lifetime;
  const E = s.economics;
  const warnings: EconomicsReport['warnings'] = [];
  const N = main.satellites.length;
  const live = main.satellites.filter((x) => x.status === 'ok');
  const orbitSats = live.length > 0 ? live : main.satellites;
  const count = Math.max(1, orbitSats.length);
  const altitudes = orbitSats.map(meanAltitudeKm);
  const meanAlt = altitudes.reduce((a, b) => a + b, 0) / count;

  // ---- mass and drag (fixed point: A/m depends on the propellant the drag needs) ----
  let mass = nodeMass(s, 0);
  let dvYear = 0;
  let formationDv = 0;
  for (let it = 0; it < 8; it++) {
    const am = mass.areaToMassM2PerKg;
    const act = s.environment.solarActivity;
    formationDv = s.constellation.type === 'cluster' ? sumDistinct(altitudes, (h) => formationDeltaVMPerSPerYear(h, am, am * (1 + s.mass.formationAreaToMassSpread), s.mass.dragCoefficient, act)) / count : 0;
    dvYear = (s.mass.stationKeeping ? sumDistinct(altitudes, (h) => stationKeepingDeltaVMPerSPerYear(h, am, s.mass.dragCoefficient, act)) / count : 0) + formationDv;
    const lifeDv = cappedLifeDeltaV(dvYear * E.lifetimeYears, s.mass.thrusterIspS);
    mass = nodeMass(s, lifeDv);
  }
  if (dvYear * E.lifetimeYears > cappedLifeDeltaV(dvYear * E.lifetimeYears, s.mass.thrusterIspS)) {
    warnings.push({
      path: 'mass.thrusterIspS',
      message: `holding the orbit needs ${round(dvYear * E.lifetimeYears)} m/s over the life: propellant would exceed ${MAX_PROPELLANT_FRACTION * 100} % of the launch mass (capped there); raise the orbit, the specific impulse or the mass per area`,
    });
  }
  const decay = sumDistinct(altitudes, (h) => naturalDecayYears(h, mass.areaToMassM2PerKg, s.mass.dragCoefficient, s.environment.solarActivity)) / count;
  if (!s.mass.stationKeeping && decay < E.lifetimeYears) {
    warnings.push({ path: 'mass.stationKeeping', message: `without station keeping the nodes re-enter in ≈ ${round(decay)} years, before economics.lifetimeYears = ${E.lifetimeYears}` });
  }
  const doseMemo = new Map<string, number>();
  const doseRad =
    orbitSats.reduce((a, x, i) => {
      const key = `${altitudes[i]} ${x.inclinationDeg}`;
      let d = doseMemo.get(key);
      if (d === undefined) doseMemo.set(key, (d = annualDoseRadPerYear(altitudes[i], x.inclinationDeg, s.environment.shieldingMmAl)));
      return a + d;
    }, 0) / count;
  const doseLimitYears = doseRad > 0 ? (L.acceleratorDoseLimitKrad * 1000) / doseRad : Number.POSITIVE_INFINITY;
  const upset = Math.min(1, (doseRad * L.upsetsPerRadPerNode * L.upsetRecoveryS) / (DAYS_PER_YEAR * 86_400));

  // ---- sampled one-day runs, each year of the life ----
  const sample = lifetimeSample(N);
  if (sample.length < N) {
    warnings.push({ path: 'lifetime', message: `lifetime sampled on ${sample.length} of ${N} satellites spread over the constellation (ground-station sharing is then optimistic)` });
  }
  const scale = N / Math.max(1, sample.length);
  const fade = main.kpis.batteryCapacityFadePerYear;
  const socSeries = main.series.meanStateOfCharge;
  const socStart = socSeries.length > 0 ? Math.min(1, Math.max(s.node.batteryMinStateOfCharge, socSeries[socSeries.length - 1])) : s.node.batteryInitialStateOfCharge;
  const Y = E.lifetimeYears;
  const factors = (y: number) => {
    const t = y + 0.5;
    return {
      arrayF: Math.pow(1 - L.arrayDegradationPerYear, t),
      batteryF: Math.max(0, 1 - fade * t),
      alive: Math.pow(1 - L.acceleratorFailureRatePerYear, t),
      doseAlive: Math.min(1, Math.max(0, doseLimitYears - y)),
    };
  };
  // Usable / installed from the sampled days, at the first and the last year (simulated); between them, interpolated.
  const simulatedYears = Y > 1 ? [0, Y - 1] : [0];
  const runs = simulatedYears.length * L.sampleDays;
  let done = 0;
  const ratio = new Map<number, { ratio: number; eclipse: number }>();
  const dayDone = () => opts.progress?.(++done / runs);
  for (const y of simulatedYears) {
    const f = factors(y);
    let usable = 0;
    let eclipse = 0;
    // The year's days may run in parallel (their results are summed here, in day order: the same bytes on any threads).
    const days = f.alive > 0 ? Array.from({ length: L.sampleDays }, (_, d) => sampledScenario(s, main.startMs + Math.round(sampleDayOffsetDays(d, L.sampleDays) * MS_PER_DAY), f.arrayF, f.batteryF, f.alive, socStart)) : [];
    for (const r of await runDays(days, sample, { signal: opts.signal, dayDone })) {
      usable += r.meanUsableComputePflops;
      eclipse += r.eclipseFraction;
    }
    if (days.length === 0) for (let d = 0; d < L.sampleDays; d++) dayDone();
    const installedSubset = (sample.length * s.node.computeTflops * f.alive) / 1000;
    ratio.set(y, { ratio: installedSubset > 0 ? usable / L.sampleDays / installedSubset : 0, eclipse: eclipse / L.sampleDays });
  }
  const first = ratio.get(0)!;
  const last = ratio.get(Y - 1) ?? first;
  const annualEclipse = first.eclipse;
  const years: LifetimeYear[] = [];
  for (let y = 0; y < Y; y++) {
    const f = factors(y);
    const w = Y > 1 ? y / (Y - 1) : 0;
    const usablePerInstalled = first.ratio + w * (last.ratio - first.ratio);
    const installedAlive = ((N * s.node.computeTflops) / 1000) * f.alive;
    const usableYear = installedAlive * usablePerInstalled * f.doseAlive * (1 - upset);
    years.push({
      year: y + 1,
      installedPflops: installedAlive * f.doseAlive,
      usablePflops: usableYear,
      deliveredPflopHours: usableYear * HOURS_PER_YEAR,
      failedFraction: 1 - f.alive * f.doseAlive,
      arrayCapacityFraction: f.arrayF,
      batteryCapacityFraction: f.batteryF,
      eclipseFraction: first.eclipse + w * (last.eclipse - first.eclipse),
      cumulativeDoseKrad: (doseRad * (y + 1)) / 1000,
      deltaVUsedMPerS: dvYear * (y + 1),
    });
  }
  const delivered = years.reduce((a, r) => a + r.deliveredPflopHours, 0);
  const cost = costOf(s, main, mass, years);
  return {
    mass,
    constellationMassKg: mass.totalKg * N,
    meanAltitudeKm: meanAlt,
    stationKeepingDeltaVMPerSPerYear: dvYear,
    formationDeltaVMPerSPerYear: formationDv,
    naturalDecayYears: decay,
    bstarPerEarthRadius: bstarPerEarthRadius(mass.areaToMassM2PerKg, s.mass.dragCoefficient),
    radiationDoseRadPerYear: doseRad,
    doseLimitYears,
    upsetDowntimeFraction: upset,
    annualEclipseFraction: annualEclipse,
    deliveredPflopHoursLifetime: delivered,
    sampledSatellites: sample.length,
    years,
    cost,
    warnings,
  };
}

/**
 * Start of sampled day d of D (days after the run's start): stratified over
 * the year, each day jittered inside its stratum by the golden-ratio sequence
 * frac(d φ), so that orbit-plane cycles commensurate with the stratum length
 * (a 53° shell's ≈ 60-day beta-angle cycle against 30-day strata) do not alias.
 */
export function sampleDayOffsetDays(d: number, D: number): number {
  const jitter = (d * 0.6180339887498949) % 1;
  return ((d + jitter) * DAYS_PER_YEAR) / D;
}

/**
 * Σ f(x) over `xs` in order (the sum of a reduce), f evaluated once per
 * distinct x: a Walker shell repeats one altitude thousands of times, and the
 * atmosphere model behind f took ≈ 0.4 s of a 10,000-satellite analysis.
 */
function sumDistinct(xs: readonly number[], f: (x: number) => number): number {
  const memo = new Map<number, number>();
  let sum = 0;
  for (const x of xs) {
    let v = memo.get(x);
    if (v === undefined) memo.set(x, (v = f(x)));
    sum += v;
  }
  return sum;
}

/** Life ΔV, capped where the propellant would pass MAX_PROPELLANT_FRACTION of the launch mass. */
function cappedLifeDeltaV(dv: number, ispS: number): number {
  return propellantFraction(dv, ispS) > MAX_PROPELLANT_FRACTION ? -Math.log(1 - MAX_PROPELLANT_FRACTION) * ispS * STANDARD_GRAVITY_M_PER_S2 : dv;
}

/** The scenario of one sampled day: year y's node, no spacing, no lifetime of its own. */
function sampledScenario(s: Scenario, startMs: number, arrayF: number, batteryF: number, alive: number, soc: number): Scenario {
  return {
    ...s,
    startUtc: formatUtc(startMs),
    durationHours: 24,
    // Node steps of at least a minute: the geometry is sampled ≤ 60 s apart whatever the step
    // (orbit/run-grid.ts), so events and the sunlit time are the same; a 10 s design runs its
    // 48 sampled days 6× faster.
    stepSeconds: Math.max(s.stepSeconds, LIFETIME_MIN_STEP_S),
    node: {
      ...s.node,
      solarArrayAreaM2: s.node.solarArrayAreaM2 * arrayF,
      batteryCapacityKWh: s.node.batteryCapacityKWh * batteryF,
      batteryInitialStateOfCharge: soc,
      computePowerW: s.node.computePowerW * alive,
      computeTflops: s.node.computeTflops * alive,
    },
    spacing: { ...s.spacing, trackClosestApproach: false },
    lifetime: { ...s.lifetime, enabled: false },
  };
}

/** Space and ground cost of the design (cost/levelised-cost.ts header). */
function costOf(s: Scenario, main: SimulationOutput, mass: NodeMass, years: LifetimeYear[]): CostBreakdown {
  const E = s.economics;
  const N = main.satellites.length;
  const r = E.discountRate;
  const computeKW = s.node.computePowerW / 1000;
  const launchMassKg = mass.totalKg * N;
  const launchUsd = launchMassKg * E.launchUsdPerKg;
  const computeHardwareUsd = N * computeKW * E.computeUsdPerKW;
  const satelliteHardwareUsd = N * (mass.dryKg - mass.computeKg) * E.busUsdPerKg;
  const groundStationUsdPerYear = main.kpis.contactMinutesSummedPerSatellitePerDay * N * DAYS_PER_YEAR * E.groundStationUsdPerMinute;
  const operationsUsdPerYear = N * E.operationsUsdPerSatelliteYear + groundStationUsdPerYear;
  const work = years.map((y) => y.deliveredPflopHours * E.utilisation);
  const spending = years.map(() => operationsUsdPerYear);
  const space = levelisedCost(r, launchUsd + computeHardwareUsd + satelliteHardwareUsd, spending, work);
  // Ground: the same accelerators, failing at the same rate, no radiation; IT load = compute power.
  const T = E.terrestrial;
  const installedPflops = (N * s.node.computeTflops) / 1000;
  const alive = years.map((_, y) => Math.pow(1 - s.lifetime.acceleratorFailureRatePerYear, y + 0.5));
  const buildUsd = ((N * computeKW) / 1000) * T.buildUsdPerMW;
  const energyPerYear = alive.map((a) => N * computeKW * a * E.utilisation * T.pue * HOURS_PER_YEAR * T.electricityUsdPerKWh);
  const ground = levelisedCost(
    r,
    buildUsd + computeHardwareUsd,
    energyPerYear,
    alive.map((a) => installedPflops * a * HOURS_PER_YEAR * E.utilisation),
  );
  const ratio = space.usdPerPflopHour !== null && ground.usdPerPflopHour !== null && ground.usdPerPflopHour > 0 ? space.usdPerPflopHour / ground.usdPerPflopHour : null;
  return {
    launchUsd,
    computeHardwareUsd,
    satelliteHardwareUsd,
    capitalUsd: space.capitalUsd,
    operationsUsdPerYear,
    operationsPvUsd: space.operationsPvUsd,
    groundStationUsdPerYear,
    costPerPflopHourUsd: space.usdPerPflopHour,
    launchUsdPerKWYear: (mass.totalKg * E.launchUsdPerKg) / (((s.node.computePowerW + s.node.busPowerW) / 1000) * E.lifetimeYears),
    terrestrial: { buildUsd, hardwareUsd: computeHardwareUsd, capitalUsd: ground.capitalUsd, energyUsdPerYear: energyPerYear[0] ?? 0, energyPvUsd: ground.operationsPvUsd, costPerPflopHourUsd: ground.usdPerPflopHour },
    spaceToGroundCostRatio: ratio,
    breakEvenLaunchUsdPerKg: breakEvenLaunchUsdPerKg(
      ground.usdPerPflopHour,
      { capitalUsd: space.capitalUsd - launchUsd, operationsPvUsd: space.operationsPvUsd, deliveredPvPflopHours: space.deliveredPvPflopHours },
      launchMassKg,
    ),
  };
}

/** A number to 4 significant digits for messages. */
function round(x: number): string {
  return String(Number(x.toPrecision(4)));
}

/** The economics KPIs of a report (all null without one). */
export function economicsKpis(e: EconomicsReport | null): EconomicsKpis {
  return {
    nodeMassKg: e ? e.mass.totalKg : null,
    constellationMassKg: e ? e.constellationMassKg : null,
    stationKeepingDeltaVMPerSPerYear: e ? e.stationKeepingDeltaVMPerSPerYear : null,
    naturalDecayYears: e ? e.naturalDecayYears : null,
    radiationDoseRadPerYear: e ? e.radiationDoseRadPerYear : null,
    annualEclipseFraction: e ? e.annualEclipseFraction : null,
    deliveredPflopHoursLifetime: e ? e.deliveredPflopHoursLifetime : null,
    launchCostUsd: e ? e.cost.launchUsd : null,
    capitalCostUsd: e ? e.cost.capitalUsd : null,
    launchUsdPerKWYear: e ? e.cost.launchUsdPerKWYear : null,
    costPerPflopHourUsd: e ? e.cost.costPerPflopHourUsd : null,
    terrestrialCostPerPflopHourUsd: e ? e.cost.terrestrial.costPerPflopHourUsd : null,
    spaceToGroundCostRatio: e ? e.cost.spaceToGroundCostRatio : null,
    breakEvenLaunchUsdPerKg: e ? e.cost.breakEvenLaunchUsdPerKg : null,
  };
}
