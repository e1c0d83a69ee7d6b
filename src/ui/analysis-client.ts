/**
 * Page side of the analysis worker: debounced runs, each tagged with the
 * scenario's sequence number; a new run cancels the stale one and results
 * that are not the latest are dropped.
 */
import * as Comlink from 'comlink';
import type { AnalysisApi, AnalysisOutcome, AnalysisResult, SatelliteDetailColumns } from '../../workers/protocol';
import { watchWorker } from './worker-life';

export type AnalysisStatus = { state: 'running'; progress: number } | { state: 'done' } | { state: 'error'; message: string };

export interface AnalysisEvents {
  onStatus(status: AnalysisStatus): void;
  onResult(result: AnalysisResult): void;
}

/** The worker API as seen through comlink (every call is async). */
export type AnalysisRemote = Pick<Comlink.Remote<AnalysisApi>, 'run' | 'cancel' | 'detail'>;

/**
 * Starts an analysis worker (`name` shows in the browser's developer tools).
 * `stopped` resolves with the reason once it has stopped for good (an
 * uncaught error, or its end by any means; see worker-life.ts).
 */
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
  private lastStatus: AnalysisStatus | undefined;

  constructor(
    private readonly api: AnalysisRemote,
    private readonly events: AnalysisEvents,
    private readonly debounceMs = 300,
    /** Wraps a progress callback for the worker (Comlink.proxy in the page; identity in tests). */
    private readonly wrapCallback: <T extends object>(fn: T) => T = (fn) => Comlink.proxy(fn),
  ) {}

  get latest(): number {
    return this.latestSeq;
  }

  /**
   * Requests a run of `scenarioInput` as scenario `seq`. Debounced unless
   * `immediate`; the status reads running from now until the run finishes.
   */
  schedule(scenarioInput: unknown, seq: number, immediate = false): void {
    this.latestSeq = seq;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.status({ state: 'running', progress: 0 });
    if (immediate) this.start(scenarioInput, seq);
    else this.timer = setTimeout(() => this.start(scenarioInput, seq), this.debounceMs);
  }

  detail(seq: number, index: number, progress?: (fraction: number) => void): Promise<SatelliteDetailColumns | null> {
    return progress ? this.api.detail(seq, index, this.wrapCallback(progress)) : this.api.detail(seq, index);
  }

  private start(scenarioInput: unknown, seq: number): void {
    this.timer = undefined;
    if (seq !== this.latestSeq) return;
    if (this.runningSeq >= 0 && this.runningSeq !== seq) void this.api.cancel(this.runningSeq);
    this.runningSeq = seq;
    const progress = this.wrapCallback((s: number, f: number) => {
      // Progress arrives on its own message port, possibly after the result: ignore finished runs.
      if (s === this.latestSeq && s === this.runningSeq) this.status({ state: 'running', progress: f });
    });
    this.api.run(scenarioInput, seq, progress).then(
      (o) => this.finish(o as AnalysisOutcome),
      (e: unknown) => this.finish({ kind: 'error', seq, message: e instanceof Error ? e.message : String(e) }),
    );
  }

  private finish(o: AnalysisOutcome): void {
    if (this.runningSeq === o.seq) this.runningSeq = -1;
    if (o.seq !== this.latestSeq) return; // stale: a newer scenario was requested
    switch (o.kind) {
      case 'done':
        this.events.onResult(o.result);
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

  private status(s: AnalysisStatus): void {
    this.lastStatus = s;
    this.events.onStatus(s);
  }

  get lastStatusValue(): AnalysisStatus | undefined {
    return this.lastStatus;
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.runningSeq >= 0) void this.api.cancel(this.runningSeq);
  }
}
