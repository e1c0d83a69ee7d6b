/**
 * The simulation driver: builds the run grid, then walks it in chunks of
 * steps — phase A (per-satellite geometry: SGP4, Sun, array output, absorbed
 * heat, station visibility, events; geometry-kernel.ts, possibly in workers)
 * fills a chunk while phase B (the coupled per-step model: station links,
 * compute, power, thermal, storage; coupled-kernel.ts) consumes the previous
 * one — and assembles the output (output-types.ts). Time is integer ms since
 * the Unix epoch.
 *
 * Step model: phase A samples the geometry at most 60 s apart (the run
 * grid's sample grid, orbit/run-grid.ts: m samples per step, m = 1 for steps
 * up to 60 s); each step [tₙ, tₙ + Δt) allocates links at each of its samples
 * and steps the node models on the samples' means. The horizon is sampled
 * once more at its end for events only.
 * This file is longer than 400 lines: the driver's window loop, the assembly
 * of its output and the hand-over to the lifetime analysis share the run's
 * options and state (one concept).
 */
import { MINUTES_PER_DAY, MS_PER_DAY, RAD } from '../core/constants';
import { kozaiMeanMotion } from '../orbit/mean-motion';
import { buildSatellites, type SatelliteSpec } from '../input/constellation';
import type { ElementError } from '../input/elements';
import { GeometryKernel, type GeometryResult } from './geometry-kernel';
import { allocateChunk, type ChunkFields } from './chunk';
import { mergeEvents } from '../events/event-log';
import { knotSpacingS } from '../orbit/knots';
import { runGrid, sampleGrid, type RunGrid } from '../orbit/run-grid';
import { wasmRuntime } from '../orbit/propagation';
import { MAX_GROUND_STATIONS, type Scenario } from '../input/scenario';
import { CoupledKernel } from './coupled-kernel';
import { needsPositions } from '../network/link-budget';
import { designSpacingWarnings } from '../input/constellation';
import { KNOT_TOLERANCE_KM } from '../orbit/knots';
import { propagateAt, satrecEpochMs } from '../orbit/propagation';
import { contactReport, eclipseFractionOrbitMean, servedContactMinutesPerSatellitePerDay } from './event-kpis';
import { economicsKpis, lifetimeAnalysis, MAX_LIFETIME_SATELLITES } from './lifetime-run';
import { SeparationTracker, SPACING_SAMPLE_MS } from './separation';
export { SPACING_SAMPLE_MS } from './separation';
import { runAlerts } from './run-alerts';
import type { Kpis, SatelliteInfo, SimulationOutput } from './output-types';
import { SAT_STATUS_NAMES } from './status';
import { GeometryCache, geometryIdentity, replayGeometry } from './geometry-cache';
import { primitiveNeeds } from './node-projection';
import { WorkloadRun, workloadKpis, workloadsNeedPositions } from '../workload/workload-run';
import { hasWorkloads, workloadsSchema } from '../input/workload-schema';
import { runSampledDays, type SampledDayRunner } from './sampled-days';
import type { SampledDayResult } from './lifetime-run';

export { mergeEvents, type EventTables } from '../events/event-log';
import { copyEvents, type EventTables } from '../events/event-log';
export type { Kpis, SatelliteDetail, SatelliteInfo, SeriesColumns, SimulationOutput } from './output-types';

export interface SimulationOptions {
  /** Called with 0…1 now and then. */
  progress?: (fraction: number) => void;
  /** Checked between chunks; when set, the run stops with an AbortError. */
  signal?: { readonly aborted: boolean };
  /** Samples per propagation call. */
  chunkSteps?: number;
  /**
   * Largest spacing (s) between SGP4 knots; finer steps are cubic-Hermite
   * interpolated between knots (error ≤ KNOT_TOLERANCE_KM, tested). Default:
   * knotSpacingS of the run's satellites. 0 = SGP4 at every step.
   */
  maxKnotSpacingS?: number;
  /** Skip sampling event functions while provably far from an event (default true). */
  skipFarFromEvents?: boolean;
  /** Record a status byte per satellite per step (time-major). */
  recordStatus?: boolean;
  /**
   * Record status codes every this many steps only (row r holds step r · statusEvery),
   * to bound memory on long horizons; default 1.
   */
  statusEvery?: number;
  /** Satellites (indices) whose full per-step state is recorded. */
  detailSatellites?: readonly number[];
  /** Yield to the event loop at least this often (ms of work). */
  yieldEveryMs?: number;
  /**
   * Where phase A (per-satellite geometry) runs; default: this thread. A worker
   * pool (CLI: worker_threads, browser: Web Workers) plugs in here.
   */
  geometry?: GeometrySourceFactory;
  /**
   * Keeps phase A of runs (geometry-cache.ts): a run whose geometry is in it
   * replays only phase B (node, power, thermal, storage, links), with the
   * same bytes; a run that is not records its geometry when it fits.
   */
  geometryCache?: GeometryCache;
  /** Spacing of the closest-approach tracker's samples (ms, default SPACING_SAMPLE_MS; tests feed it every sample). */
  spacingSampleMs?: number;
  /** Eviction priority of this run's geometry (lower goes first; default 1, the lifetime's sampled days 0). */
  geometryCachePriority?: number;
  /**
   * Worker threads that take a share of the lifetime analysis' sampled days
   * (sampled-days.ts); only for satellites built from the scenario
   * (buildSatellites), as the workers build them again. Default: this thread.
   */
  lifetimeWorkers?: SampledDayRunner;
}

/** Computes phase A chunks; may spread satellites over workers. */
export interface GeometrySource {
  /** True when chunk fields must be SharedArrayBuffer-backed. */
  readonly shared: boolean;
  compute(n0: number, steps: number, out: ChunkFields): Promise<void>;
  finish(): Promise<GeometryResult[]>;
  dispose(): void;
}

export interface GeometryContext {
  scenario: Scenario;
  satellites: readonly SatelliteSpec[];
  grid: RunGrid;
  chunkSteps: number;
  skipFarFromEvents: boolean;
}

export type GeometrySourceFactory = (ctx: GeometryContext) => Promise<GeometrySource>;

export class AbortError extends Error {
  constructor() {
    super('simulation cancelled');
    this.name = 'AbortError';
  }
}

/** Runs a validated scenario: builds the satellites, then simulates them. */
export async function simulateScenario(scenario: Scenario, options: SimulationOptions = {}): Promise<SimulationOutput> {
  const build = buildSatellites(scenario);
  return simulate(scenario, build.satellites, build.errors, options);
}

/** Lets queued messages (cancel, progress) through: setImmediate in Node, a MessageChannel in workers. */
const yieldToEventLoop: () => Promise<void> =
  typeof setImmediate === 'function'
    ? () => new Promise((resolve) => setImmediate(resolve))
    : (() => {
        const ch = new MessageChannel();
        const waiting: Array<() => void> = [];
        ch.port1.onmessage = () => waiting.shift()?.();
        return () =>
          new Promise<void>((resolve) => {
            waiting.push(resolve);
            ch.port2.postMessage(0);
          });
      })();

/** Phase A on this thread: one kernel over all satellites. */
export const localGeometry: GeometrySourceFactory = async (ctx) => {
  const runtime = await wasmRuntime();
  const kernel = new GeometryKernel(ctx.scenario, ctx.satellites.map((s) => s.satrec), 0, ctx.grid, runtime, ctx.chunkSteps, ctx.skipFarFromEvents);
  return {
    shared: false,
    compute(n0, steps, out) {
      kernel.run(n0, steps, out);
      return Promise.resolve();
    },
    finish: () => Promise.resolve([kernel.finish()]),
    dispose: () => kernel.dispose(),
  };
};

/**
 * Samples per chunk: whole knot intervals, at most 240 and ≈ 500,000
 * satellite-samples (two chunks of ≈ 33 bytes a cell: 33 MB; at 4M cells,
 * allocating and first touching 260 MB took ≈ 0.5 s of a 10,000-satellite
 * node edit, measured).
 */
export function defaultChunkSteps(n: number, grid: RunGrid, requested?: number): number {
  const wanted = requested ?? Math.max(grid.knotEvery, Math.min(240, Math.floor(500_000 / Math.max(1, n))));
  return Math.max(1, Math.min(Math.ceil(wanted / grid.knotEvery) * grid.knotEvery, grid.K + 1));
}

/** Simulates `satellites` under `scenario`. */
export async function simulate(
  scenario: Scenario,
  satellites: readonly SatelliteSpec[],
  elementErrors: ElementError[],
  options: SimulationOptions = {},
): Promise<SimulationOutput> {
  if (!scenario.lifetime.enabled || satellites.length === 0) return withAlerts(await simulateWindow(scenario, satellites, elementErrors, options));
  // Progress: the run, then the lifetime's sampled days, weighted by satellite-hours.
  const L = scenario.lifetime;
  const lifeHours = Math.min(2, scenario.economics.lifetimeYears) * L.sampleDays * 24 * Math.min(satellites.length, MAX_LIFETIME_SATELLITES);
  const w = (scenario.durationHours * satellites.length) / (scenario.durationHours * satellites.length + lifeHours);
  const progress = options.progress;
  const out = await simulateWindow(scenario, satellites, elementErrors, { ...options, progress: progress && ((f) => progress(f * w)) });
  // The sampled days go through a geometry cache (the first and the last simulated year fly the same days:
  // the second replays phase B only), the caller's below its main runs, or one of this run's own; the
  // workers' days through theirs (sampled-days.ts).
  const lifeCache = options.geometryCache ?? new GeometryCache();
  const economics = await lifetimeAnalysis(
    out,
    (days, sample, o) => {
      const subset = sample.map((i) => satellites[i]);
      const local = (day: Scenario) => sampledDayKpis(day, subset, lifeCache, options.signal);
      return runSampledDays(days, sample, local, options.lifetimeWorkers ?? null, scenario, { ...o, abortError: () => new AbortError() });
    },
    { signal: options.signal, progress: progress && ((f) => progress(w + f * (1 - w))) },
  );
  if (options.signal?.aborted) throw new AbortError();
  return withAlerts({ ...out, economics, kpis: { ...out.kpis, ...economicsKpis(economics) }, warnings: [...out.warnings, ...economics.warnings] });
}

/** The sampled days need the nodes' usable compute, not what workloads make of it. */
const NO_WORKLOADS = workloadsSchema.parse({});

/**
 * One sampled day of the lifetime analysis (lifetime-run.ts): the window of
 * `scenario` without workloads, its geometry through `cache` at the lowest
 * eviction priority; what the analysis reads of it.
 */
export async function sampledDayKpis(scenario: Scenario, satellites: readonly SatelliteSpec[], cache: GeometryCache, signal?: { readonly aborted: boolean }): Promise<SampledDayResult> {
  const out = await simulateWindow({ ...scenario, workloads: NO_WORKLOADS }, satellites, [], { geometryCache: cache, geometryCachePriority: 0, signal });
  return { meanUsableComputePflops: out.kpis.meanUsableComputePflops, eclipseFraction: out.kpis.eclipseFraction };
}

/** The finished run with its alerts (run-alerts.ts); the lifetime analysis' sampled days go without. */
function withAlerts(out: SimulationOutput): SimulationOutput {
  return { ...out, alerts: runAlerts(out) };
}

/** Runs the scenario's window (no lifetime analysis). */
async function simulateWindow(
  scenario: Scenario,
  satellites: readonly SatelliteSpec[],
  elementErrors: ElementError[],
  options: SimulationOptions = {},
): Promise<SimulationOutput> {
  if (scenario.groundStations.length > MAX_GROUND_STATIONS) throw new RangeError(`at most ${MAX_GROUND_STATIONS} ground stations`);
  const N = satellites.length;
  const knotS = options.maxKnotSpacingS ?? knotSpacingS(satellites.map((s) => s.satrec));
  const { startMs, stepMs, endMs, K } = runGrid(scenario, knotS);
  // Phase A's grid: the geometry samples (m per step).
  const grid = sampleGrid(runGrid(scenario, knotS), knotS);
  const m = grid.perStep;
  const sampleMs = grid.stepMs;
  const samples = grid.K + 1; // + terminal sample at endMs (events only)
  const chunkSteps = defaultChunkSteps(N, grid, options.chunkSteps);
  const phaseB = new CoupledKernel(scenario, N, K, options, m);
  const workloads = hasWorkloads(scenario.workloads) && N > 0 ? new WorkloadRun(scenario, N, K, startMs, stepMs) : null;
  if (workloads) phaseB.attachWorkloads(workloads);
  const skipFar = options.skipFarFromEvents ?? true;
  const tracksSpacing = scenario.spacing.trackClosestApproach && N >= 2;
  const positionErrorKm = grid.knotEvery > 1 ? KNOT_TOLERANCE_KM : 0;
  // Geometry cache (geometry-cache.ts): replay phase A's outputs, or record them.
  const needs = primitiveNeeds(scenario);
  const identity = options.geometryCache
    ? geometryIdentity(scenario, satellites, [grid.startMs, grid.endMs, grid.stepMs, grid.K, knotS, chunkSteps, skipFar ? 1 : 0, positionErrorKm], tracksSpacing, needs)
    : undefined;
  const cached = identity && options.geometryCache?.find(identity);
  const recorder = identity && !cached ? options.geometryCache?.recorder(identity, N * samples, options.geometryCachePriority ?? 1) ?? null : null;
  const source = cached
    ? replayGeometry(cached, scenario, chunkSteps)
    : await (options.geometry ?? localGeometry)({ scenario, satellites, grid, chunkSteps, skipFarFromEvents: skipFar });
  // Closest approach: positions every SPACING_SAMPLE_MS through a spatial hash (separation.ts).
  const spacing = tracksSpacing && !cached ? new SeparationTracker(N, { positionErrorKm }) : null;
  // The tracker's interval bounds hold up to MAX_INTERVAL_MS (separation.ts) and its candidates are
  // refined from SGP4: it takes samples about SPACING_SAMPLE_MS apart (every sample of steps ≥ 30 s),
  // the same times whatever the step divides (10 s and 20 s steps both feed it every 60 s).
  const spacingStride = Math.max(1, Math.floor((options.spacingSampleMs ?? SPACING_SAMPLE_MS) / sampleMs));
  const lastSample = grid.K - 1;
  const withPositions = needsPositions(scenario) || spacing !== null || workloadsNeedPositions(scenario.workloads);
  // A replay points the chunks at the cached arrays (geometry-cache.ts restore): no primitive columns of their own.
  const primitives = recorder ? needs : null;
  const buffers = [allocateChunk(N, chunkSteps, withPositions, source.shared, primitives), allocateChunk(N, chunkSteps, withPositions, source.shared, primitives)];
  const yieldEvery = options.yieldEveryMs ?? 50;
  let lastYield = performance.now();
  let results: GeometryResult[];
  try {
    // Phase A of the next chunk runs (in workers, if any) while phase B consumes this one.
    let pending = source.compute(0, Math.min(chunkSteps, samples), buffers[0]);
    pending.catch(() => {});
    for (let n0 = 0, c = 0; n0 < samples; n0 += chunkSteps, c++) {
      if (options.signal?.aborted) throw new AbortError();
      const steps = Math.min(chunkSteps, samples - n0);
      await pending;
      const next = n0 + chunkSteps;
      if (next < samples) {
        pending = source.compute(next, Math.min(chunkSteps, samples - next), buffers[(c + 1) % 2]);
        // A worker may fail while this thread is busy with phase B; the error is
        // rethrown by the await above on the next turn, not reported as unhandled.
        pending.catch(() => {});
      }
      const buf = buffers[c % 2];
      recorder?.add(buf, steps);
      if (m === 1) {
        for (let k = 0; k < steps; k++) {
          const n = n0 + k;
          if (n === K) continue; // terminal sample: events only
          const t = startMs + n * stepMs;
          if (spacing && (n % spacingStride === 0 || n === lastSample)) spacing.sample(k * N, t, buf.posEciKm as Float64Array, buf.active);
          phaseB.step(n, t, (Math.min(t + stepMs, endMs) - t) / 1000, buf, k);
        }
      } else {
        // Sample j of step n is sample n·m + j; a step's samples may span chunks.
        for (let k = 0; k < steps; k++) {
          const f = n0 + k;
          if (f === grid.K) continue; // terminal sample: events only
          const n = Math.floor(f / m);
          const tn = startMs + n * stepMs;
          if (f === n * m) phaseB.beginStep((Math.min(tn + stepMs, endMs) - tn) / 1000);
          const tf = startMs + f * sampleMs;
          const tNext = Math.min(tf + sampleMs, endMs);
          if (spacing && (f % spacingStride === 0 || f === lastSample)) spacing.sample(k * N, tf, buf.posEciKm as Float64Array, buf.active);
          phaseB.sample(tf, (tNext - tf) / 1000, buf, k);
          if (f === n * m + m - 1 || f === grid.K - 1) phaseB.endStep(n, tn, (Math.min(tn + stepMs, endMs) - tn) / 1000);
        }
      }
      const now = performance.now();
      if (now - lastYield > yieldEvery) {
        options.progress?.(Math.min(1, (n0 + steps) / samples));
        await yieldToEventLoop();
        lastYield = performance.now();
      }
    }
    results = await source.finish();
  } finally {
    source.dispose();
  }
  options.progress?.(1);

  // ---- merge phase A results (ranges of satellites), or the cached ones ----
  const status = new Uint8Array(N);
  const failedAtMs = new Float64Array(N).fill(Number.NaN);
  let events: EventTables;
  if (cached?.outcome) {
    const o = cached.outcome;
    status.set(o.status);
    failedAtMs.set(o.failedAtMs);
    events = copyEvents(o.events);
  } else {
    for (const r of results) {
      status.set(r.status, r.first);
      failedAtMs.set(r.failedAtMs, r.first);
    }
    events = mergeEvents(results.map((r) => r.events));
  }
  const satInfo: SatelliteInfo[] = satellites.map((s, i) => ({
    id: s.id,
    name: s.name,
    status: SAT_STATUS_NAMES[status[i]],
    failedAtMs: Number.isNaN(failedAtMs[i]) ? null : failedAtMs[i],
    inclinationDeg: s.satrec.inclo * RAD,
    raanDeg: s.satrec.nodeo * RAD,
    eccentricity: s.satrec.ecco,
    argPerigeeDeg: s.satrec.argpo * RAD,
    meanAnomalyDeg: s.satrec.mo * RAD,
    meanMotionRevPerDay: (kozaiMeanMotion(s.satrec) * MINUTES_PER_DAY) / (2 * Math.PI),
    bstarPerEarthRadius: s.satrec.bstar,
    epochMs: s.epochMs,
  }));
  // ---- event and spacing KPIs (event-kpis.ts, separation.ts) ----
  const periodMs = Float64Array.from(satInfo, (s) => MS_PER_DAY / s.meanMotionRevPerDay);
  const contacts = contactReport(events, startMs, endMs, N, scenario.groundStations.length);
  const pv = new Float64Array(6);
  const epochs = satellites.map((s) => satrecEpochMs(s.satrec));
  const closest = cached?.outcome
    ? cached.outcome.closest && { ...cached.outcome.closest }
    : spacing?.result((sat, t, out) => {
        const ok = propagateAt(satellites[sat].satrec, epochs[sat], t, pv);
        out[0] = pv[0];
        out[1] = pv[1];
        out[2] = pv[2];
        return ok;
      }) ?? null;
  recorder?.commit({ events, status, failedAtMs, closest });
  const workloadReport = workloads ? workloads.finish() : null;
  const kpis: Kpis = {
    ...phaseB.kpis((endMs - startMs) / 1000, status),
    eclipseFractionOrbitMean: eclipseFractionOrbitMean(events, startMs, endMs, periodMs, failedAtMs),
    contactMinutesPerSatellitePerDay: contacts.contactMinutesPerSatellitePerDay,
    contactMinutesSummedPerSatellitePerDay: contacts.summedContactMinutesPerSatellitePerDay,
    contactMinutesServedPerSatellitePerDay: servedContactMinutesPerSatellitePerDay(phaseB.servedSeconds, contacts.satelliteContactMinutes, startMs, endMs),
    downlinkSessions: phaseB.downlinkSessions,
    minSeparationKm: closest ? closest.minSeparationKm : null,
    ...economicsKpis(null),
    ...workloadKpis(workloadReport),
  };
  const warnings = designSpacingWarnings(scenario.constellation, satellites.map((s) => s.name), scenario.spacing);
  if (closest) {
    const formation = scenario.constellation.type === 'cluster';
    const limitKm = formation ? scenario.spacing.formationWarnBelowM / 1000 : scenario.spacing.warnBelowKm;
    if (closest.minSeparationKm < limitKm) {
      warnings.push({
        path: formation ? 'spacing.formationWarnBelowM' : 'spacing.warnBelowKm',
        message: `satellites ${satellites[closest.satA].name} and ${satellites[closest.satB].name} pass ${roundTo(closest.minSeparationKm)} km apart at ${new Date(Math.round(closest.atMs)).toISOString()}, below ${formation ? `spacing.formationWarnBelowM = ${scenario.spacing.formationWarnBelowM} m` : `spacing.warnBelowKm = ${scenario.spacing.warnBelowKm} km`}`,
      });
    }
  }
  return {
    scenario,
    startMs,
    endMs,
    stepMs,
    satellites: satInfo,
    stationNames: scenario.groundStations.map((g) => g.name),
    elementErrors,
    warnings,
    alerts: [],
    kpis,
    closestApproach: closest
      ? { minSeparationKm: closest.minSeparationKm, atMs: closest.atMs, satelliteA: satellites[closest.satA].id, satelliteB: satellites[closest.satB].id, errorBoundKm: closest.errorBoundKm }
      : null,
    stationContacts: contacts.stations,
    series: phaseB.series,
    events,
    statusCodes: phaseB.statusCodes,
    statusEvery: phaseB.statusEvery,
    details: phaseB.details,
    economics: null,
    workloads: workloadReport,
    geometryReused: cached !== undefined,
  };
}

/** A distance (km) to 4 significant digits for messages. */
function roundTo(km: number): string {
  return String(Number(km.toPrecision(4)));
}

/** Days covered by a result (for per-day KPIs). */
export function horizonDays(out: SimulationOutput): number {
  return (out.endMs - out.startMs) / MS_PER_DAY;
}
