/**
 * The analysis worker's one exposed object, DOM-free so it is unit-tested in
 * Node. It validates a scenario, simulates the whole horizon with the engine
 * (which yields between chunks, so cancel messages get through), and returns
 * columns ready to transfer. The last run is kept to serve per-satellite
 * detail for the inspector.
 */
import { buildSatellites } from '../src/engine/constellation';
import { parseScenario, type Scenario } from '../src/engine/scenario';
import { writeResultJson, writeSeriesCsv } from '../src/engine/result';
import { AbortError, simulate, type SatelliteDetail, type SimulationOutput } from '../src/engine/simulation';
import type { AnalysisApi, AnalysisOutcome, AnalysisResult, EventColumns, ExportFormat, ExportOutcome, ProgressCallback, RunOptions, SatelliteDetailColumns } from './protocol';

/** Record every satellite's detail when satellites × steps stays under this (≈29 bytes each). */
export const DETAIL_ALL_BUDGET = 1_500_000;

interface RunState {
  seq: number;
  signal: { aborted: boolean };
}

interface Kept {
  seq: number;
  scenario: Scenario;
  details: Map<number, SatelliteDetail>;
  allDetails: boolean;
}

/** Bulk-propagation chunk: smaller for large constellations so cancels stay responsive. */
export function chunkStepsFor(satellites: number): number {
  return Math.max(4, Math.min(64, Math.round(400_000 / Math.max(1, satellites))));
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

/** The run written as the CLI writes it (result.json / --csv), collected into a Blob without one giant string. */
export function exportBlob(out: SimulationOutput, format: ExportFormat): ExportOutcome {
  const parts: string[] = [];
  let bytes = 0;
  const write = (t: string) => {
    parts.push(t);
    bytes += t.length;
  };
  if (format === 'result-json') writeResultJson(out, write);
  else writeSeriesCsv(out, write);
  const type = format === 'result-json' ? 'application/json' : 'text/csv';
  return { kind: 'done', blob: new Blob(parts, { type }), bytes };
}

export interface AnalysisApiImpl extends AnalysisApi {
  /** Seq of the run in progress, or -1. */
  readonly activeSeq: number;
}

export function createAnalysisApi(): AnalysisApiImpl {
  let active: RunState | undefined;
  let kept: Kept | undefined;
  /** On-demand detail re-runs share one signal; a new analysis aborts them. */
  let detailSignal = { aborted: false };

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
        const steps = Math.ceil((scenario.durationHours * 3_600_000) / Math.round(scenario.stepSeconds * 1000));
        const allDetails = wantDetails && N * steps <= DETAIL_ALL_BUDGET;
        const out = await simulate(scenario, build.satellites, build.errors, {
          signal: state.signal,
          recordStatus: wantStatus,
          detailSatellites: allDetails ? Array.from({ length: N }, (_, i) => i) : [],
          chunkSteps: chunkStepsFor(N),
          yieldEveryMs: 30,
          progress: progress ? (f) => void progress(seq, f) : undefined,
        });
        if (state.signal.aborted) return { kind: 'cancelled', seq };
        if (keep) kept = { seq, scenario, details: new Map(out.details.map((d) => [d.index, d])), allDetails };
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
          kpis: out.kpis,
          series: out.series,
          statusCodes: out.statusCodes ?? new Uint8Array(0),
          events: eventColumns(out),
          elapsedMs: performance.now() - t0,
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

    async exportRun(scenarioInput: unknown, format: ExportFormat, progress?: (fraction: number) => void): Promise<ExportOutcome> {
      const parsed = parseScenario(scenarioInput);
      if (!parsed.ok) return { kind: 'invalid', issues: parsed.issues };
      try {
        const build = buildSatellites(parsed.scenario);
        const out = await simulate(parsed.scenario, build.satellites, build.errors, {
          chunkSteps: chunkStepsFor(build.satellites.length),
          yieldEveryMs: 30,
          progress: progress ? (f) => void progress(f) : undefined,
        });
        return exportBlob(out, format);
      } catch (e) {
        return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
      }
    },

    async detail(seq: number, index: number): Promise<SatelliteDetailColumns | null> {
      const k = kept;
      if (!k || k.seq !== seq) return null;
      const have = k.details.get(index);
      if (have) return copyDetail(seq, have);
      if (k.allDetails) return null; // index out of range
      // Re-run the same scenario recording this satellite (the constellation is
      // coupled through shared ground stations, so all satellites run).
      const signal = detailSignal;
      const build = buildSatellites(k.scenario);
      if (index < 0 || index >= build.satellites.length) return null;
      try {
        const out = await simulate(k.scenario, build.satellites, build.errors, {
          signal,
          detailSatellites: [index],
          chunkSteps: chunkStepsFor(build.satellites.length),
          yieldEveryMs: 30,
        });
        const d = out.details[0];
        if (!d || kept !== k) return null;
        // Keep a few re-run details; drop the oldest.
        if (k.details.size >= 8) k.details.delete(k.details.keys().next().value as number);
        k.details.set(index, d);
        return copyDetail(seq, d);
      } catch (e) {
        if (e instanceof AbortError) return null;
        throw e;
      }
    },
  };
  return api;
}
