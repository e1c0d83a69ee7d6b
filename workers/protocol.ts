/**
 * Messages between the page and the two engine workers. Bulk data crosses as
 * transferred ArrayBuffers (never cloned per frame); every result carries the
 * sequence number of the scenario it was computed for, so the page can drop
 * stale ones.
 */
import type { ElementError } from '../src/engine/input/elements';
import type { ScenarioIssue, Scenario } from '../src/engine/input/scenario';
import type { EventTables, Kpis, SatelliteDetail, SeriesColumns } from '../src/engine/run/simulation';
import type { EconomicsReport } from '../src/engine/run/lifetime-run';
import type { RunAlert } from '../src/engine/output/alerts';
import { LIVE_CONTACT, LIVE_ECLIPSE, MAX_LINK_PAIRS, type InstantBuffers, type InstantInfo, type SelectedState } from '../src/engine/live/instant';
import { SCENE_FRAME } from '../src/engine/live/scene-frame';
import type { IslRateScale } from '../src/engine/network/isl-topology';
import type { GroundTrackData } from '../src/engine/live/ground-track';
import { stepIndexAt } from '../src/engine/orbit/run-grid';
import type { ChartColumns } from './chart-columns';
import type { WorkloadResult } from './workload-result';

/** Events as typed columns (transferable): the engine's tables as they are. */
export type EventColumns = EventTables;

/**
 * Runs above this many satellite-steps are "large": their phase A runs on
 * geometry sub-workers (when the page allows it in RunOptions.geometryWorkers
 * and memory can be shared), and the page's pool runs them one at a time.
 */
export const POOL_MIN_SATELLITE_STEPS = 5_000_000;

/** Status codes of a run stay within this many bytes: long horizons record every statusEvery-th step. */
export const STATUS_BUDGET_BYTES = 32 * 1024 * 1024;

/** Steps between recorded status rows for `satellites` × `steps` within `budgetBytes` (1 byte each). */
export function statusEveryFor(satellites: number, steps: number, budgetBytes = STATUS_BUDGET_BYTES): number {
  return Math.max(1, Math.ceil((Math.max(0, satellites) * Math.max(0, steps)) / Math.max(1, budgetBytes)));
}

export interface AnalysisResult {
  seq: number;
  scenario: Scenario;
  startMs: number;
  endMs: number;
  stepMs: number;
  /** Steps in the series (K); statusCodes has K · satelliteCount bytes. */
  steps: number;
  satelliteCount: number;
  satelliteNames: string[];
  satelliteIds: string[];
  stationNames: string[];
  elementErrors: ElementError[];
  /** Element sets that did not load, each counted once (elementErrors may hold several problems of one set). */
  elementSetsSkipped: number;
  /** Run alerts (engine run/run-alerts.ts), in the engine's order. */
  alerts: RunAlert[];
  /** Per satellite: SAT_OK, SAT_DECAYED or SAT_ERROR (engine run/status.ts). */
  satelliteStatus: Uint8Array;
  /** Per satellite: when it stopped propagating (ms since the Unix epoch), NaN when it did not. */
  failedAtMs: Float64Array;
  kpis: Kpis;
  series: SeriesColumns;
  /** Mass, lifetime by year and cost (the engine's report, a few kB, cloned); null when lifetime.enabled is off. */
  economics: EconomicsReport | null;
  /**
   * Status byte per (row, satellite), index row · N + sat (engine STATUS_* bits);
   * row r holds step r · statusEvery (see statusRow()). Empty when not recorded.
   */
  statusCodes: Uint8Array;
  /** Steps between status rows (1 unless the horizon is long; see STATUS_BUDGET_BYTES). */
  statusEvery: number;
  /** Geometry sub-workers the run used (0: the analysis worker alone). */
  geometryWorkers: number;
  /** True when the run was asked not to return events (RunOptions.events false): `events` is empty. */
  eventsOmitted?: boolean;
  /** Long runs: the series as the charts draw them (min/max envelope, chart-columns.ts). */
  chart?: ChartColumns;
  events: EventColumns;
  /** Wall time of the run (ms). */
  elapsedMs: number;
  /** The run replayed cached geometry (only phase B ran: a node edit). */
  geometryReused?: boolean;
  /** A preview (RunOptions.preview): these KPIs are the last full run's, not this input's. */
  previewKpis?: string[];
  /** The workloads' series, spans, jobs and summaries (workload-result.ts); null when the scenario has none. */
  workloads: WorkloadResult | null;
}

export type AnalysisOutcome =
  | { kind: 'done'; seq: number; result: AnalysisResult }
  | { kind: 'cancelled'; seq: number }
  | { kind: 'invalid'; seq: number; issues: ScenarioIssue[] }
  | { kind: 'error'; seq: number; message: string };

/** Per-step state of one satellite over the horizon (for the inspector). */
/** One satellite's per-step detail (the engine's, copied out of a run) and the run it came from. */
export interface SatelliteDetailColumns extends SatelliteDetail {
  seq: number;
}

export type ProgressCallback = (seq: number, fraction: number) => void;

/** What a run records and keeps (all true by default: the interactive, inspected design). */
export interface RunOptions {
  /** Keep the run in the worker to serve detail() (replaces the kept run). */
  keep?: boolean;
  /** Record the status byte per satellite and step (view colours). */
  statusCodes?: boolean;
  /** Record every satellite's per-step state when the budget allows (inspector). */
  details?: boolean;
  /**
   * Geometry sub-workers a large run (≥ POOL_MIN_SATELLITE_STEPS) may spawn for
   * phase A; 0 or absent: phase A on the analysis worker itself.
   */
  geometryWorkers?: number;
  /** Return the event tables (default true; a year of 1,000 satellites holds ≈240 MB of events). */
  events?: boolean;
  /**
   * A preview while a node slider is dragged: the run window only (the
   * lifetime, mass and cost analysis is skipped); the result carries the
   * economics KPIs of this worker's last full run of the same orbits, listed
   * in AnalysisResult.previewKpis. The slider's release runs in full.
   */
  preview?: boolean;
}

/**
 * Status row of sim time `timeMs` in a result (the last recorded step at or
 * before it, clamped to the horizon), or -1 when the result has no status codes.
 */
export function statusRow(r: Pick<AnalysisResult, 'startMs' | 'stepMs' | 'steps' | 'statusEvery' | 'satelliteCount' | 'statusCodes'>, timeMs: number): number {
  const N = r.satelliteCount;
  const rows = N > 0 ? Math.floor(r.statusCodes.length / N) : 0;
  if (rows === 0 || r.steps <= 0) return -1;
  const k = stepIndexAt({ startMs: r.startMs, stepMs: r.stepMs, endMs: r.startMs + r.steps * r.stepMs, knotEvery: 1, K: r.steps }, timeMs);
  return Math.min(rows - 1, Math.floor(k / Math.max(1, r.statusEvery)));
}

/**
 * Ephemeris files (no run needed: SGP4 of the scenario's element sets): the
 * CLI's --oem (CCSDS OEM of `satellites`, 0-based indices or all) and --stk
 * (STK .e of one satellite, `satellites[0]`), every `stepSeconds` (default 60).
 */
export interface EphemerisFormat {
  kind: 'oem' | 'stk-e';
  satellites: 'all' | number[];
  stepSeconds?: number;
}

/**
 * Files the worker can write, the CLI's bytes: result.json, --csv series,
 * --eclipses-csv / --contacts-csv / --passes-csv, and the ephemerides.
 */
export type ExportFormat = 'result-json' | 'series-csv' | 'eclipses-csv' | 'contacts-csv' | 'passes-csv' | EphemerisFormat;

export type ExportOutcome =
  | { kind: 'done'; blob: Blob; bytes: number }
  | { kind: 'invalid'; issues: ScenarioIssue[] }
  | { kind: 'error'; message: string };

export interface AnalysisApi {
  /** Validates and simulates `scenarioInput`; a newer run cancels older ones. */
  run(scenarioInput: unknown, seq: number, progress?: ProgressCallback, options?: RunOptions): Promise<AnalysisOutcome>;
  /** Simulates `scenarioInput` and writes the result as `format` (the CLI's writers), as a Blob. */
  exportRun(scenarioInput: unknown, format: ExportFormat, progress?: (fraction: number) => void, options?: Pick<RunOptions, 'geometryWorkers'>): Promise<ExportOutcome>;
  /** Cancels run `seq` if it is still going. */
  cancel(seq: number): void;
  /** Per-step detail of satellite `index` from run `seq`; null when that run is gone or was replaced. */
  detail(seq: number, index: number, progress?: (fraction: number) => void): Promise<SatelliteDetailColumns | null>;
  /** What the worker holds now (leak checks: WASM propagators are disposed after every run). */
  stats(): AnalysisWorkerStats;
  /**
   * Takes the Web Lock `lockName` and holds it for the worker's lifetime, so the
   * page notices when the worker ends by any means (terminated, crashed): its
   * own request for the lock is granted then. Resolves true once held; false
   * when Web Locks are unavailable here.
   */
  holdLifeLock(lockName: string): Promise<boolean>;
}

/** A snapshot of an analysis worker's resources. */
export interface AnalysisWorkerStats {
  /** WASM bulk propagators created and not yet disposed in this worker (engine livePropagatorCount). */
  livePropagators: number;
  /** Seq of the run in progress, or -1. */
  activeSeq: number;
  /** Bytes held by the geometry cache (engine run/geometry-cache.ts). */
  geometryCacheBytes: number;
  /** Runs that replayed cached geometry so far. */
  geometryCacheHits: number;
}

/** Live-view frame buffers: one computed instant of every satellite (the engine's, src/engine/live/instant.ts). */
export type LiveBuffers = InstantBuffers;
export type { SelectedState, IslRateScale };
export { LIVE_CONTACT, LIVE_ECLIPSE, MAX_LINK_PAIRS };

/** A frame: the instant at timeMs of scenario seq. */
export interface LiveFrame extends LiveBuffers, InstantInfo {
  seq: number;
  timeMs: number;
}

export interface LiveScenarioInfo {
  seq: number;
  count: number;
  names: string[];
  stationCount: number;
  /** Station positions in the Earth-fixed scene frame (Earth radii), 3 per station. */
  stationPos: Float32Array;
  stationNames: string[];
  elementErrors: ElementError[];
  /** Element epoch of each satellite (ms since the Unix epoch, UTC); the scenario start for generated designs. */
  epochMs: Float64Array;
  /** Rate scale of the drawn inter-satellite links (the legend's); null when the scenario has none. */
  islRates: IslRateScale | null;
}

/**
 * The shared live stream (cross-origin-isolated pages): the worker computes
 * instants ahead of the page's clock into a ring of LIVE_SLOTS slots in
 * SharedArrayBuffers; the page claims the newest, keeps up to LIVE_HELD of
 * them and draws the satellites between two (interpolated on the GPU), so
 * nothing is copied or posted per frame. Layout and protocol:
 * workers/live-stream.ts.
 */
export interface LiveShared {
  count: number;
  /** Int32 control cells (LIVE_CTRL). */
  control: Int32Array;
  /** Float64 clock cells written by the page (LIVE_CLOCK), under the clockSeq seqlock. */
  clock: Float64Array;
  /** Float64 metadata, LIVE_META_SIZE per slot (LIVE_META). */
  meta: Float64Array;
  /** Per slot. */
  slots: LiveBuffers[];
}

/** Slots in the ring: the page holds up to LIVE_HELD, the worker writes the others. */
export const LIVE_SLOTS = 5;
export const LIVE_HELD = 3;

/** Int32 control cells of LiveShared.control. */
export const LIVE_CTRL = {
  /** Seqlock of the clock cells: odd while the page writes them. */
  clockSeq: 0,
  /** Publications so far (the worker increments it after filling a slot). */
  pubSeq: 1,
  /** Slot of the newest publication (-1: none yet). */
  latest: 2,
  /** Publications the page has taken in (it stores pubSeq after claiming the newest). */
  ackSeq: 3,
  /** Slots the page holds (-1: none), LIVE_HELD cells from here. */
  held: 4,
  /** Selected satellite (-1: none); the page writes it. */
  selected: 8,
  /** 1: the worker stops streaming into these buffers. */
  stop: 9,
} as const;
export const LIVE_CTRL_SIZE = 16;

/** Float64 clock cells of LiveShared.clock (the page's SimClock, anchored at a wall time). */
export const LIVE_CLOCK = {
  timeMs: 0,
  /** performance.timeOrigin + performance.now() when timeMs was read (same scale in page and worker). */
  wallMs: 1,
  warp: 2,
  /** 1 playing, 0 paused. */
  playing: 3,
  startMs: 4,
  endMs: 5,
  /** Bumped on every jump of the clock (seek, new horizon): instants of another epoch are not interpolated with. */
  epoch: 6,
} as const;
export const LIVE_CLOCK_SIZE = 8;

/** Float64 metadata cells of one slot. */
export const LIVE_META = {
  timeMs: 0,
  epoch: 1,
  /** Publication number (pubSeq after this slot was published). */
  pub: 2,
  gmstRad: 3,
  sunX: 4,
  sunY: 5,
  sunZ: 6,
  contactLinks: 7,
  islLinks: 8,
  /** Selected satellite's state (index -1: none). */
  selIndex: 9,
  selLatDeg: 10,
  selLonDeg: 11,
  selAltitudeKm: 12,
  selSpeedKmS: 13,
  selIllumination: 14,
  /** Rate scale of the slot's inter-satellite links (Gbps). */
  islRateLowGbps: 15,
  islRateCapGbps: 16,
} as const;
export const LIVE_META_SIZE = 20;

export interface LiveApi {
  /** Builds SGP4 records for a validated scenario; replaces the previous one (and stops its stream). */
  setScenario(scenario: Scenario, seq: number): Promise<LiveScenarioInfo>;
  /** Fills `buffers` for `timeMs` and transfers them back. */
  frame(timeMs: number, selected: number, buffers: LiveBuffers): Promise<LiveFrame>;
  /** Streams instants of scenario `seq` into `shared` until stopped or replaced (resolves once started). */
  stream(shared: LiveShared, seq: number): Promise<boolean>;
  /** One orbit of satellite `index` around `timeMs`, scene frame (Earth radii), `samples` + 1 points. */
  track(index: number, timeMs: number, samples: number): Promise<Float32Array | null>;
  /** Sub-satellite points (geodetic lat/lon, deg) of satellite `index` over `periods` orbits centred on `timeMs`, `samples` + 1 points (engine/live/ground-track.ts). */
  groundTrack(index: number, timeMs: number, samples: number, periods: number): Promise<GroundTrackData | null>;
}

/** Frame of positions and directions in live frames (src/engine/live/scene-frame.ts). */
export const LIVE_FRAME = SCENE_FRAME;
