/**
 * The analysis worker's one exposed object, DOM-free so it is unit-tested in
 * Node. It validates a scenario, simulates the whole horizon with the engine
 * (which yields between chunks, so cancel messages get through), and returns
 * columns ready to transfer. The last run is kept to serve per-satellite
 * detail for the inspector (re-run on demand for large constellations).
 *
 * Large runs (planRun): phase A on geometry sub-workers when the page allows
 * it (this worker coordinates and runs phase B); status codes every
 * statusEvery steps so they stay within STATUS_BUDGET_BYTES; long series come
 * with their chart envelope, so the page draws a year without a long task.
 */
import { buildSatellites } from '../src/engine/input/constellation';
import { emptyEvents } from '../src/engine/events/event-log';
import { parseScenario, type Scenario } from '../src/engine/input/scenario';
import { writeResultJson } from '../src/engine/output/result-json';
import { writeSeriesCsv } from '../src/engine/output/series-csv';
import { EVENT_CSV, eventCsvInput } from '../src/engine/output/event-csv';
import { writeOem } from '../src/engine/output/oem';
import { writeStkEphemeris } from '../src/engine/output/stk-ephemeris';
import { livePropagatorCount } from '../src/engine/orbit/propagation';
import { stepCount } from '../src/engine/orbit/run-grid';
import { AbortError, simulate, type GeometrySourceFactory, type SatelliteDetail, type SimulationOutput } from '../src/engine/run/simulation';
import { SAT_STATUS_NAMES } from '../src/engine/run/status';
import type { SampledDayPool } from '../src/engine/run/sampled-days';
import { GeometryCache } from '../src/engine/run/geometry-cache';
import { economicsKpis } from '../src/engine/run/lifetime-run';
import { DECIMATE_ABOVE, displayColumns, MAX_CHART_POINTS } from './chart-columns';
import { workloadResult, workloadTransferables } from './workload-result';
import {
  POOL_MIN_SATELLITE_STEPS,
  statusEveryFor,
  type AnalysisApi,
  type AnalysisOutcome,
  type AnalysisResult,
  type AnalysisWorkerStats,
  type EventColumns,
  type EphemerisFormat,
  type ExportFormat,
  type ExportOutcome,
  type ProgressCallback,
  type RunOptions,
  type SatelliteDetailColumns,
} from './protocol';

/** Record every satellite's detail when satellites × steps stays under this (≈29 bytes each). */
export const DETAIL_ALL_BUDGET = 1_500_000;

/** Detail series kept from on-demand re-runs (a year at 60 s is ≈15 MB per satellite). */
export const KEPT_DETAIL_BYTES = 64 * 1024 * 1024;

/** What the worker needs from its platform: geometry sub-workers (the browser's Web Workers, worker_threads in tests). */
export interface AnalysisApiDeps {
  /** Phase A on `workers` sub-workers, or undefined when they cannot share memory here. */
  geometry?: (workers: number) => GeometrySourceFactory | undefined;
  /** Phase A kept between runs (node edits replay phase B only); default: a cache with the engine's default budget. */
  geometryCache?: GeometryCache;
  /**
   * Sub-workers for the lifetime analysis' sampled days (engine run/sampled-days.ts), kept
   * between runs with their caches (a node edit replays their days); undefined: this thread.
   */
  lifetimeWorkers?: (workers: number) => SampledDayPool | undefined;
}

/** How a run of `satellites` × `steps` is carried out. */
export interface RunPlan {
  /** Steps between status rows (bounded memory on long horizons). */
  statusEvery: number;
  /** Geometry sub-workers (0: this thread). */
  geometryWorkers: number;
  geometry?: GeometrySourceFactory;
}

export function planRun(satellites: number, steps: number, options: Pick<RunOptions, 'geometryWorkers'>, deps: AnalysisApiDeps): RunPlan {
  const statusEvery = statusEveryFor(satellites, steps);
  const want = Math.floor(options.geometryWorkers ?? 0);
  if (want < 1 || satellites < 2 || satellites * steps < POOL_MIN_SATELLITE_STEPS || !deps.geometry) return { statusEvery, geometryWorkers: 0 };
  const workers = Math.min(want, satellites);
  const geometry = deps.geometry(workers);
  return geometry ? { statusEvery, geometryWorkers: workers, geometry } : { statusEvery, geometryWorkers: 0 };
}

function detailBytes(d: SatelliteDetail): number {
  return d.stateOfCharge.length * 29;
}

interface RunState {
  seq: number;
  signal: { aborted: boolean };
}

interface Kept {
  seq: number;
  scenario: Scenario;
  details: Map<number, SatelliteDetail>;
  allDetails: boolean;
  /** Geometry sub-workers the page allowed for this run (reused by detail re-runs). */
  geometryWorkers: number;
}

/**
 * Bulk-propagation chunk: smaller for large constellations so cancels stay
 * responsive; with geometry sub-workers up to 240 steps (fewer round trips
 * between threads; ≈0.1 s of work for 1,000 satellites).
 */
export function chunkStepsFor(satellites: number, pooled = false): number {
  const n = Math.max(1, satellites);
  const single = Math.max(4, Math.min(64, Math.round(400_000 / n)));
  return pooled ? Math.max(single, Math.min(240, Math.round(240_000 / n))) : single;
}

/**
 * Progress reaches the page at most this often (ms). Each update repaints the
 * page; in software-composited browsers (no GPU) a repaint of a page with a
 * WebGL canvas costs tens of ms of CPU, which a 30 ms cadence took from the
 * analysis itself.
 */
export const PROGRESS_INTERVAL_MS = 1000;

/** `report` called at most every `intervalMs` (and always for the final 1). */
export function throttledProgress(report: (fraction: number) => void, intervalMs = PROGRESS_INTERVAL_MS): (fraction: number) => void {
  let last = Number.NEGATIVE_INFINITY;
  return (f) => {
    const now = performance.now();
    if (f < 1 && now - last < intervalMs) return;
    last = now;
    report(f);
  };
}

/** The engine's event columns are exact-size typed arrays owned by the result: transfer them as they are. */
export function eventColumns(out: SimulationOutput): EventColumns {
  return out.events;
}

/** The ArrayBuffers of a result, to pass as a transfer list. */
export function resultTransferables(r: AnalysisResult): ArrayBuffer[] {
  const bufs = new Set<ArrayBuffer>();
  for (const col of Object.values(r.series)) bufs.add((col as Float64Array).buffer as ArrayBuffer);
  for (const col of Object.values(r.events)) bufs.add((col as Float64Array).buffer as ArrayBuffer);
  bufs.add(r.statusCodes.buffer as ArrayBuffer);
  for (const b of workloadTransferables(r.workloads)) bufs.add(b);
  if (r.chart) {
    for (const col of Object.values(r.chart.series)) bufs.add((col as Float64Array).buffer as ArrayBuffer);
    for (const col of Object.values(r.chart.stack)) bufs.add((col as Float64Array).buffer as ArrayBuffer);
  }
  return [...bufs];
}

export function detailTransferables(d: SatelliteDetailColumns): ArrayBuffer[] {
  return [d.stateOfCharge, d.temperatureC, d.computeFraction, d.storedGB, d.solarPowerW, d.loadPowerW, d.illumination, d.limit].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

function copyDetail(seq: number, d: SatelliteDetail): SatelliteDetailColumns {
  return {
    seq,
    index: d.index,
    stateOfCharge: d.stateOfCharge.slice(),
    temperatureC: d.temperatureC.slice(),
    computeFraction: d.computeFraction.slice(),
    storedGB: d.storedGB.slice(),
    solarPowerW: d.solarPowerW.slice(),
    loadPowerW: d.loadPowerW.slice(),
    illumination: d.illumination.slice(),
    limit: d.limit.slice(),
  };
}

/**
 * The run written as the CLI writes it (result.json / --csv), byte for byte:
 * the CLI ends result.json with a newline after the document, and so does
 * this. Collected into a Blob without one giant string.
 */
export function exportBlob(out: SimulationOutput, format: Exclude<ExportFormat, EphemerisFormat>): ExportOutcome {
  const { write, done } = blobParts();
  if (format === 'result-json') {
    writeResultJson(out, write);
    write(new Uint8Array([0x0a]));
  } else if (format === 'series-csv') writeSeriesCsv(out, write);
  else EVENT_CSV[format === 'eclipses-csv' ? 'eclipses' : format === 'contacts-csv' ? 'contacts' : 'passes'](eventCsvInput(out), write);
  return done(format === 'result-json' ? 'application/json' : 'text/csv');
}

/** Chunks collected for a Blob (the writers hand over each chunk once and never reuse it, so the parts are kept as they are). */
function blobParts(): { write: (chunk: Uint8Array<ArrayBuffer>) => void; done: (type: string) => ExportOutcome } {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let bytes = 0;
  return {
    write: (chunk) => {
      parts.push(chunk);
      bytes += chunk.length;
    },
    done: (type) => ({ kind: 'done', blob: new Blob(parts, { type }), bytes }),
  };
}

/**
 * The CLI's --oem / --stk file of `scenario` (no run: SGP4 of freshly built
 * element sets, as the CLI's ephemerides). EphemerisError (bad index, file
 * too large) comes back as an error outcome with its message.
 */
export async function exportEphemeris(scenario: Scenario, format: EphemerisFormat, progress?: (fraction: number) => void): Promise<ExportOutcome> {
  const satellites = buildSatellites(scenario).satellites;
  const { write, done } = blobParts();
  if (format.kind === 'oem') await writeOem(scenario, satellites, write, { stepSeconds: format.stepSeconds, satellites: format.satellites }, progress);
  else {
    if (format.satellites === 'all' || format.satellites.length !== 1) return { kind: 'error', message: 'an STK ephemeris file holds one satellite: select one' };
    await writeStkEphemeris(scenario, satellites, format.satellites[0], write, { stepSeconds: format.stepSeconds }, progress);
  }
  return done('text/plain');
}

/** The API minus what only a worker can do (holdLifeLock: Web Locks, in analysis.worker.ts). */
export interface AnalysisApiImpl extends Omit<AnalysisApi, 'holdLifeLock'> {
  /** Seq of the run in progress, or -1. */
  readonly activeSeq: number;
}

/** The KPIs of the lifetime, mass and cost analysis (null without it). */
const ECONOMICS_KPIS = Object.keys(economicsKpis(null));

function pickKpis(k: object, names: readonly string[]): Record<string, number | null> {
  const src = k as Record<string, number | null>;
  return Object.fromEntries(names.map((n) => [n, src[n] ?? null]));
}

export function createAnalysisApi(deps: AnalysisApiDeps = {}): AnalysisApiImpl {
  let active: RunState | undefined;
  let kept: Kept | undefined;
  /** On-demand detail re-runs share one signal; a new analysis aborts them. */
  let detailSignal = { aborted: false };
  /** The on-demand detail re-run in progress, if any. */
  let rerun: { kept: Kept; index: number; own: { aborted: boolean }; listeners: Array<(f: number) => void>; done: Promise<SatelliteDetail | null> } | undefined;
  const geometryCache = deps.geometryCache ?? new GeometryCache();
  /** The sampled-day workers, kept for the worker count they were made for. */
  let dayPool: { workers: number; pool: SampledDayPool | undefined } | undefined;
  const dayWorkers = (options: Pick<RunOptions, 'geometryWorkers'>): SampledDayPool | undefined => {
    const workers = Math.floor(options.geometryWorkers ?? 0);
    if (workers < 1 || !deps.lifetimeWorkers) return undefined;
    if (dayPool?.workers !== workers) {
      dayPool?.pool?.dispose();
      dayPool = { workers, pool: deps.lifetimeWorkers(workers) };
    }
    return dayPool.pool;
  };
  /** The last full run's economics (previews show them), with the orbits they belong to. */
  let lastFull: { orbitsKey: string; kpis: Record<string, number | null>; economics: SimulationOutput['economics'] } | undefined;

  const api: AnalysisApiImpl = {
    get activeSeq() {
      return active ? active.seq : -1;
    },

    async run(scenarioInput: unknown, seq: number, progress?: ProgressCallback, options: RunOptions = {}): Promise<AnalysisOutcome> {
      const keep = options.keep ?? true;
      const wantStatus = options.statusCodes ?? true;
      const wantDetails = (options.details ?? true) && keep;
      if (active) active.signal.aborted = true;
      if (keep) {
        // Only a run that replaces the kept one makes on-demand detail re-runs stale.
        detailSignal.aborted = true;
        detailSignal = { aborted: false };
      }
      const state: RunState = { seq, signal: { aborted: false } };
      active = state;
      const parsed = parseScenario(scenarioInput);
      if (!parsed.ok) {
        if (active === state) active = undefined;
        return { kind: 'invalid', seq, issues: parsed.issues };
      }
      const scenario = parsed.scenario;
      const t0 = performance.now();
      try {
        const build = buildSatellites(scenario);
        const N = build.satellites.length;
        const steps = stepCount(scenario);
        const allDetails = wantDetails && N * steps <= DETAIL_ALL_BUDGET;
        const plan = planRun(N, steps, options, deps);
        // A preview runs the window only; the lifetime analysis waits for the slider's release.
        const preview = options.preview === true && scenario.lifetime.enabled;
        const runScenario = preview ? { ...scenario, lifetime: { ...scenario.lifetime, enabled: false } } : scenario;
        const orbitsKey = JSON.stringify([scenario.constellation, scenario.startUtc, scenario.durationHours, scenario.stepSeconds]);
        const out = await simulate(runScenario, build.satellites, build.errors, {
          geometryCache,
          signal: state.signal,
          recordStatus: wantStatus,
          statusEvery: plan.statusEvery,
          detailSatellites: allDetails ? Array.from({ length: N }, (_, i) => i) : [],
          chunkSteps: chunkStepsFor(N, plan.geometryWorkers > 0),
          yieldEveryMs: 30,
          geometry: plan.geometry,
          lifetimeWorkers: dayWorkers(options),
          progress: progress ? throttledProgress((f) => void progress(seq, f)) : undefined,
        });
        if (state.signal.aborted) return { kind: 'cancelled', seq };
        const carried = preview && lastFull?.orbitsKey === orbitsKey ? lastFull : undefined;
        if (!preview) lastFull = { orbitsKey, kpis: pickKpis(out.kpis, ECONOMICS_KPIS), economics: out.economics };
        if (keep) kept = { seq, scenario, details: new Map(out.details.map((d) => [d.index, d])), allDetails, geometryWorkers: options.geometryWorkers ?? 0 };
        const result: AnalysisResult = {
          seq,
          scenario,
          startMs: out.startMs,
          endMs: out.endMs,
          stepMs: out.stepMs,
          steps: out.series.timeMs.length,
          satelliteCount: N,
          satelliteNames: out.satellites.map((s) => s.name),
          satelliteIds: out.satellites.map((s) => s.id),
          stationNames: out.stationNames,
          elementErrors: out.elementErrors,
          elementSetsSkipped: build.skipped,
          alerts: out.alerts,
          satelliteStatus: Uint8Array.from(out.satellites, (s) => SAT_STATUS_NAMES.indexOf(s.status)),
          failedAtMs: Float64Array.from(out.satellites, (s) => s.failedAtMs ?? Number.NaN),
          kpis: carried ? { ...out.kpis, ...carried.kpis } : out.kpis,
          series: out.series,
          economics: carried ? carried.economics : out.economics,
          statusCodes: out.statusCodes ?? new Uint8Array(0),
          statusEvery: out.statusEvery,
          geometryWorkers: plan.geometryWorkers,
          events: options.events === false ? emptyEvents() : eventColumns(out),
          ...(options.events === false ? { eventsOmitted: true } : {}),
          ...(out.series.timeMs.length > DECIMATE_ABOVE ? { chart: displayColumns(out.series, MAX_CHART_POINTS) } : {}),
          elapsedMs: performance.now() - t0,
          geometryReused: out.geometryReused === true,
          ...(preview ? { previewKpis: ECONOMICS_KPIS } : {}),
          workloads: workloadResult(out.workloads),
        };
        return { kind: 'done', seq, result };
      } catch (e) {
        if (e instanceof AbortError || state.signal.aborted) return { kind: 'cancelled', seq };
        return { kind: 'error', seq, message: e instanceof Error ? e.message : String(e) };
      } finally {
        if (active === state) active = undefined;
      }
    },

    cancel(seq: number): void {
      if (active && active.seq === seq) active.signal.aborted = true;
    },

    stats(): AnalysisWorkerStats {
      return { livePropagators: livePropagatorCount(), activeSeq: active ? active.seq : -1, geometryCacheBytes: geometryCache.usedBytes(), geometryCacheHits: geometryCache.hits };
    },

    async exportRun(scenarioInput: unknown, format: ExportFormat, progress?: (fraction: number) => void, options: Pick<RunOptions, 'geometryWorkers'> = {}): Promise<ExportOutcome> {
      const parsed = parseScenario(scenarioInput);
      if (!parsed.ok) return { kind: 'invalid', issues: parsed.issues };
      try {
        if (typeof format === 'object') return await exportEphemeris(parsed.scenario, format, progress ? throttledProgress((f) => void progress(f)) : undefined);
        const build = buildSatellites(parsed.scenario);
        const N = build.satellites.length;
        const plan = planRun(N, stepCount(parsed.scenario), options, deps);
        const out = await simulate(parsed.scenario, build.satellites, build.errors, {
          geometryCache,
          chunkSteps: chunkStepsFor(N, plan.geometryWorkers > 0),
          yieldEveryMs: 30,
          geometry: plan.geometry,
          lifetimeWorkers: dayWorkers(options),
          progress: progress ? throttledProgress((f) => void progress(f)) : undefined,
        });
        return exportBlob(out, format);
      } catch (e) {
        return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
      }
    },

    /** `progress` (0…1) is called while a large run is re-run for this satellite. */
    async detail(seq: number, index: number, progress?: (fraction: number) => void): Promise<SatelliteDetailColumns | null> {
      const k = kept;
      if (!k || k.seq !== seq) return null;
      const have = k.details.get(index);
      if (have) return copyDetail(seq, have);
      if (k.allDetails) return null; // index out of range
      // The same satellite asked again while its re-run goes on: wait for that one.
      if (rerun && rerun.kept === k && rerun.index === index) {
        if (progress) rerun.listeners.push(progress);
        const d = await rerun.done;
        return d && kept === k ? copyDetail(seq, d) : null;
      }
      // Only the newest selection matters: a re-run for another satellite stops.
      if (rerun) rerun.own.aborted = true;
      const build = buildSatellites(k.scenario);
      if (index < 0 || index >= build.satellites.length) return null;
      // Stopped by a newer selection or by a new analysis replacing the kept run.
      const shared = detailSignal;
      const own = { aborted: false };
      const signal = {
        get aborted() {
          return own.aborted || shared.aborted;
        },
      };
      const job = { kept: k, index, own, listeners: progress ? [progress] : [], done: undefined as unknown as Promise<SatelliteDetail | null> };
      rerun = job;
      job.done = (async () => {
        // Re-run the same scenario recording this satellite (the constellation is
        // coupled through shared ground stations, so all satellites run).
        const N = build.satellites.length;
        const plan = planRun(N, stepCount(k.scenario), { geometryWorkers: k.geometryWorkers }, deps);
        try {
          // The detail series come from the run window alone: the lifetime analysis (sampled days over the years) is skipped.
          const windowOnly = { ...k.scenario, lifetime: { ...k.scenario.lifetime, enabled: false } };
          const out = await simulate(windowOnly, build.satellites, build.errors, {
            geometryCache,
            signal,
            detailSatellites: [index],
            chunkSteps: chunkStepsFor(N, plan.geometryWorkers > 0),
            yieldEveryMs: 30,
            geometry: plan.geometry,
            progress: throttledProgress((f) => {
              for (const l of job.listeners) void l(f);
            }),
          });
          const d = out.details[0];
          if (!d || kept !== k) return null;
          // Keep a few re-run details (at most 8, within KEPT_DETAIL_BYTES); drop the oldest.
          let bytes = detailBytes(d);
          for (const x of k.details.values()) bytes += detailBytes(x);
          while (k.details.size > 0 && (k.details.size >= 8 || bytes > KEPT_DETAIL_BYTES)) {
            const oldest = k.details.keys().next().value as number;
            bytes -= detailBytes(k.details.get(oldest)!);
            k.details.delete(oldest);
          }
          k.details.set(index, d);
          return d;
        } catch (e) {
          if (e instanceof AbortError) return null;
          throw e;
        } finally {
          if (rerun === job) rerun = undefined;
        }
      })();
      const d = await job.done;
      return d ? copyDetail(seq, d) : null;
    },
  };
  return api;
}
