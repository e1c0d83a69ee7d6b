/**
 * Page side of the analysis worker: runs tagged with the scenario's sequence
 * number, in two modes.
 *
 * Edits (schedule): debounced; a new run cancels the stale one and results
 * that are not the latest are dropped.
 *
 * Live tuning (scheduleLive, issue 15: a node slider being dragged): no
 * debounce and at most one run in flight. A request while a run is in flight
 * becomes the one pending request (a newer one replaces it: no queue), which
 * starts when the in-flight run ends. Node-only edits replay cached geometry
 * (engine run/geometry-cache.ts), so the in-flight run is usually about to
 * finish and its result is worth showing: it is shown as intermediate (the
 * status stays running) while a newer value waits. The in-flight run is
 * cancelled only once it has run longer than a replay should take (max(1 s,
 * 1.5 × the last completed run), at most 6 s): then it is no replay (the
 * geometry is being computed, or the machine is busy) and the newest value
 * goes first. A result older than one already shown, or than the last
 * ordinary edit (another design, a typed value), is never shown; an
 * ordinary edit drops the pending live request.
 */
import * as Comlink from 'comlink';
import type { AnalysisApi, AnalysisOutcome, AnalysisResult, SatelliteDetailColumns } from '../../workers/protocol';
import { watchWorker } from './worker-life';

export type AnalysisStatus = { state: 'running'; progress: number } | { state: 'done' } | { state: 'error'; message: string };

export interface AnalysisEvents {
  onStatus(status: AnalysisStatus): void;
  /** `intermediate`: a live run's result while a newer live value is still to run (the status stays running). */
  onResult(result: AnalysisResult, intermediate?: boolean): void;
}

/** The worker API as seen through comlink (every call is async). */
export type AnalysisRemote = Pick<Comlink.Remote<AnalysisApi>, 'run' | 'cancel' | 'detail'>;

/** When live mode cancels the run in flight (see the header). */
export interface LiveTiming {
  /** The in-flight run is never cancelled for a newer live value before this (ms). Default 1000. */
  minCancelMs?: number;
  /** …and always after this (ms). Default 6000. */
  maxCancelMs?: number;
  /** …and otherwise after this many times the last completed run's wall time. Default 1.5. */
  cancelFactor?: number;
  /** Clock (ms); performance.now by default. */
  now?: () => number;
}

/** Counts of what the client did (diagnostics hook for tests and developer tools). */
export interface AnalysisCounters {
  /** Runs sent to the worker. */
  started: number;
  /** Of them, live runs. */
  liveStarted: number;
  /** Runs this client cancelled. */
  cancelled: number;
  /** Live requests that replaced a pending one without running. */
  replaced: number;
  /** Results passed on (final and intermediate). */
  shown: number;
  /** Of them, intermediate ones. */
  intermediate: number;
  /** Wall time (ms) of each completed run, oldest first (the last 64). */
  runMs: number[];
}

interface Request {
  input: unknown;
  seq: number;
}

export function spawnAnalysisWorker(name = 'analysis'): { worker: Worker; api: Comlink.Remote<AnalysisApi>; stopped: Promise<string> } {
  const worker = new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module', name });
  const api = Comlink.wrap<AnalysisApi>(worker);
  return { worker, api, stopped: watchWorker(worker, (lockName) => api.holdLifeLock(lockName)) };
}

export class AnalysisClient {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Seq of the newest run requested (scheduled or started). */
  private latestSeq = -1;
  /** Seq of the run the worker is working on, if any. */
  private runningSeq = -1;
  /** When that run started (ms). */
  private runningSince = 0;
  /** Live mode: the newest request waiting for the in-flight run to end. */
  private pending: Request | undefined;
  private cancelTimer: ReturnType<typeof setTimeout> | undefined;
  /** Seq of the last edit (non-live request): live results older than it belong to an earlier draft or design. */
  private floorSeq = -1;
  /** Seq of the newest result passed on. */
  private shownSeq = -1;
  /** Wall time of the last completed run (ms), NaN before the first. */
  private lastRunMs = Number.NaN;
  private lastStatus: AnalysisStatus | undefined;
  private readonly now: () => number;
  readonly counters: AnalysisCounters = { started: 0, liveStarted: 0, cancelled: 0, replaced: 0, shown: 0, intermediate: 0, runMs: [] };

  constructor(
    private readonly api: AnalysisRemote,
    private readonly events: AnalysisEvents,
    private readonly debounceMs = 300,
    /** Wraps a progress callback for the worker (Comlink.proxy in the page; identity in tests). */
    private readonly wrapCallback: <T extends object>(fn: T) => T = (fn) => Comlink.proxy(fn),
    private readonly timing: LiveTiming = {},
  ) {
    this.now = timing.now ?? (() => performance.now());
  }

  get latest(): number {
    return this.latestSeq;
  }

  /**
   * Requests a run of `scenarioInput` as scenario `seq`. Debounced unless
   * `immediate`; the status reads running from now until the run finishes.
   */
  schedule(scenarioInput: unknown, seq: number, immediate = false): void {
    this.latestSeq = seq;
    this.floorSeq = seq;
    this.clearTimer();
    this.dropPending();
    this.status({ state: 'running', progress: 0 });
    if (immediate) this.start(scenarioInput, seq, false);
    else this.timer = setTimeout(() => this.start(scenarioInput, seq, false), this.debounceMs);
  }

  /**
   * Live tuning: requests a run of `scenarioInput` as scenario `seq` now if
   * no run is in flight, else as the one pending request (see the header).
   */
  scheduleLive(scenarioInput: unknown, seq: number): void {
    this.latestSeq = seq;
    this.clearTimer();
    if (this.lastStatus?.state !== 'running') this.status({ state: 'running', progress: 0 });
    if (this.runningSeq < 0) {
      this.dropPending();
      this.start(scenarioInput, seq, true);
      return;
    }
    if (this.pending) this.counters.replaced++;
    this.pending = { input: scenarioInput, seq };
    this.armCancel();
  }

  detail(seq: number, index: number, progress?: (fraction: number) => void): Promise<SatelliteDetailColumns | null> {
    return progress ? this.api.detail(seq, index, this.wrapCallback(progress)) : this.api.detail(seq, index);
  }

  /** How long the in-flight run may take before a newer live value cancels it (ms). */
  cancelAfterMs(): number {
    const min = this.timing.minCancelMs ?? 1000;
    const max = this.timing.maxCancelMs ?? 6000;
    const f = this.timing.cancelFactor ?? 1.5;
    return Number.isFinite(this.lastRunMs) ? Math.min(max, Math.max(min, f * this.lastRunMs)) : min;
  }

  private start(scenarioInput: unknown, seq: number, live: boolean): void {
    this.timer = undefined;
    if (seq !== this.latestSeq) return;
    if (this.runningSeq >= 0 && this.runningSeq !== seq) this.cancelRunning();
    this.runningSeq = seq;
    this.runningSince = this.now();
    this.counters.started++;
    if (live) this.counters.liveStarted++;
    const progress = this.wrapCallback((s: number, f: number) => {
      // Progress arrives on its own message port, possibly after the result: ignore finished runs.
      if (s === this.runningSeq && (s === this.latestSeq || (live && this.lastStatus?.state === 'running'))) this.status({ state: 'running', progress: f });
    });
    // Live values run as previews (the window only; the release runs in full).
    (live ? this.api.run(scenarioInput, seq, progress, { preview: true }) : this.api.run(scenarioInput, seq, progress)).then(
      (o) => this.finish(o as AnalysisOutcome),
      (e: unknown) => this.finish({ kind: 'error', seq, message: e instanceof Error ? e.message : String(e) }),
    );
  }

  /** A newer live value waits: cancel the in-flight run now or when it has run too long for a replay. */
  private armCancel(): void {
    if (this.cancelTimer !== undefined) return;
    const left = this.cancelAfterMs() - (this.now() - this.runningSince);
    if (left <= 0) {
      this.startPending(true);
      return;
    }
    const running = this.runningSeq;
    this.cancelTimer = setTimeout(() => {
      this.cancelTimer = undefined;
      if (this.runningSeq === running && this.pending) this.startPending(true);
    }, left);
  }

  /** Starts the pending live request (cancelling the run in flight when `cancel`). */
  private startPending(cancel: boolean): void {
    const p = this.pending;
    this.dropPending();
    // Never a request older than the run in flight or than the newest request.
    if (!p || p.seq !== this.latestSeq || p.seq <= this.runningSeq) return;
    if (cancel && this.runningSeq >= 0) this.cancelRunning();
    this.start(p.input, p.seq, true);
  }

  private cancelRunning(): void {
    void this.api.cancel(this.runningSeq);
    this.counters.cancelled++;
    this.runningSeq = -1;
  }

  private dropPending(): void {
    this.pending = undefined;
    if (this.cancelTimer !== undefined) clearTimeout(this.cancelTimer);
    this.cancelTimer = undefined;
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private finish(o: AnalysisOutcome): void {
    if (this.runningSeq === o.seq) {
      this.runningSeq = -1;
      if (o.kind === 'done') {
        this.lastRunMs = this.now() - this.runningSince;
        this.counters.runMs.push(this.lastRunMs);
        if (this.counters.runMs.length > 64) this.counters.runMs.shift();
      }
      // The worker is free: the newest waiting value goes next (before this result is drawn).
      this.startPending(false);
    }
    if (o.seq !== this.latestSeq) {
      // A run that finished while newer live values wait (only live requests came after it): shown, as intermediate.
      if (o.kind === 'done' && o.seq >= this.floorSeq && o.seq > this.shownSeq) this.pass(o.result, true);
      return; // otherwise stale: a newer scenario was requested
    }
    switch (o.kind) {
      case 'done':
        if (o.seq < this.shownSeq) return;
        this.pass(o.result, false);
        this.status({ state: 'done' });
        break;
      case 'invalid':
        this.status({ state: 'error', message: o.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ') });
        break;
      case 'error':
        this.status({ state: 'error', message: o.message });
        break;
      case 'cancelled':
        break;
    }
  }

  private pass(r: AnalysisResult, intermediate: boolean): void {
    this.shownSeq = Math.max(this.shownSeq, r.seq);
    this.counters.shown++;
    if (intermediate) this.counters.intermediate++;
    this.events.onResult(r, intermediate);
  }

  private status(s: AnalysisStatus): void {
    this.lastStatus = s;
    this.events.onStatus(s);
  }

  get lastStatusValue(): AnalysisStatus | undefined {
    return this.lastStatus;
  }

  dispose(): void {
    this.clearTimer();
    this.dropPending();
    if (this.runningSeq >= 0) void this.api.cancel(this.runningSeq);
  }
}
