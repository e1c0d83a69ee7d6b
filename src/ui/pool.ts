/**
 * A pool of analysis workers (one per core, capped) that every run goes to.
 * Runs queue in lanes by priority:
 *   primary — the active design being edited and inspected: always on worker 0,
 *             which keeps it for per-satellite detail; it pre-empts whatever
 *             else worker 0 runs (that job is put back at the head of its lane);
 *   export  — result files (any worker);
 *   design  — the other designs of the session (any worker);
 *   sweep   — sweep points (any worker).
 * One job per worker at a time. cancel(seq) drops a queued job or cancels the
 * running one; cancelLane() does so for a whole lane. Each lane counts a batch
 * (from when it was last idle) for an overall progress fraction.
 *
 * Large runs (the plan's `large(input)`, e.g. a year of 1,000 satellites)
 * spread over all cores themselves (geometry sub-workers), so they run one at
 * a time and alone: nothing else starts while one runs, one starts only when
 * the pool is idle, and a primary run pre-empts any other job in its way.
 * Memory stays bounded too (one large result in the making at a time).
 *
 * Workers can stop (an uncaught error, terminated, crashed: see
 * worker-life.ts). The job a stopped worker was running ends with an error
 * outcome naming it (a pre-empted one goes back to its lane), calls waiting on
 * it resolve (detail: null), and a new worker takes its place when the next
 * job is due there.
 */
import * as Comlink from 'comlink';
import type { AnalysisApi, AnalysisOutcome, AnalysisWorkerStats, ExportFormat, ExportOutcome, RunOptions, SatelliteDetailColumns } from '../../workers/protocol';
import type { AnalysisRemote } from './analysis-client';

export type Lane = 'primary' | 'export' | 'design' | 'sweep';
const SHARED_LANES: readonly Lane[] = ['export', 'design', 'sweep'];

/** A worker as the pool sees it (comlink remote or an in-process API in tests). */
export type PoolRemote = Pick<Comlink.Remote<AnalysisApi>, 'run' | 'cancel' | 'detail' | 'exportRun'> & Partial<Pick<Comlink.Remote<AnalysisApi>, 'stats'>>;

/** A worker the pool can lose and replace (the page's Web Workers). */
export interface PoolWorker {
  remote: PoolRemote;
  /** Resolves with the reason once the worker has stopped for good (worker-life.ts). */
  stopped: Promise<string>;
  /** Ends the worker (called once it has stopped, so it is surely gone). */
  terminate(): void;
}

/** Workers the pool starts itself, and starts again after one stopped. */
export interface PoolWorkers {
  count: number;
  /** Starts worker `index` (0-based). */
  spawn(index: number): PoolWorker;
}

interface Slot {
  remote: PoolRemote;
  alive: boolean;
  /** Resolves when the worker stops (never for in-process remotes). */
  stopped: Promise<string>;
  terminate(): void;
}

const NEVER = new Promise<string>(() => {});

/** Workers for this machine: one per core, at least 1, at most `cap`. */
export function poolSize(hardwareConcurrency: number | undefined, cap = 4): number {
  const n = Number.isFinite(hardwareConcurrency) ? Math.floor(hardwareConcurrency as number) : 2;
  return Math.max(1, Math.min(cap, n));
}

/** How the pool treats large runs. */
export interface PoolPlan {
  /** Whether a run of `input` is large (runs alone, with geometry sub-workers). */
  large(input: unknown): boolean;
  /** Geometry sub-workers a large run may use (e.g. cores − 1: the analysis worker is busy too). */
  geometryWorkers: number;
}

const NO_PLAN: PoolPlan = { large: () => false, geometryWorkers: 0 };

interface Job {
  seq: number;
  /** Runs alone (see PoolPlan). */
  exclusive: boolean;
  lane: Lane;
  kind: 'run' | 'export';
  input: unknown;
  options?: RunOptions;
  format?: ExportFormat;
  onProgress?: (fraction: number) => void;
  resolve: (o: AnalysisOutcome | ExportOutcome) => void;
  worker: number;
  progress: number;
  cancelled: boolean;
  preempted: boolean;
  /** Bumped each time the job starts or loses its worker: replies of an earlier start are ignored. */
  attempt: number;
}

export interface LaneStats {
  queued: number;
  running: number;
  /** Jobs finished in the current batch. */
  finished: number;
  /** Jobs in the current batch. */
  total: number;
  /** 0…1 over the batch (running jobs count by their progress). */
  progress: number;
}

export class AnalysisPool {
  private readonly queues: Record<Lane, Job[]> = { primary: [], export: [], design: [], sweep: [] };
  private readonly running: Array<Job | undefined>;
  private readonly slots: Slot[];
  private readonly spawn: ((index: number) => PoolWorker) | undefined;
  private readonly batches: Record<Lane, { total: number; finished: number }> = {
    primary: { total: 0, finished: 0 },
    export: { total: 0, finished: 0 },
    design: { total: 0, finished: 0 },
    sweep: { total: 0, finished: 0 },
  };
  private exportSeq = -1;
  /** Called when jobs start, finish or report progress (throttle in the caller). */
  onChange: () => void = () => {};
  /** Called when worker `index` has stopped (its job, if any, has ended with an error). */
  onWorkerStopped: (index: number, reason: string) => void = () => {};

  constructor(
    /** In-process remotes (they never stop), or workers the pool starts and replaces. */
    workers: readonly PoolRemote[] | PoolWorkers,
    /** Wraps callbacks passed to workers (Comlink.proxy in the page; identity in tests). */
    private readonly wrap: <T extends object>(fn: T) => T = (fn) => Comlink.proxy(fn),
    private readonly plan: PoolPlan = NO_PLAN,
  ) {
    const count = Array.isArray(workers) ? workers.length : (workers as PoolWorkers).count;
    if (!(count >= 1)) throw new RangeError('the analysis pool needs at least one worker');
    if (Array.isArray(workers)) {
      this.spawn = undefined;
      this.slots = (workers as readonly PoolRemote[]).map((remote) => ({ remote, alive: true, stopped: NEVER, terminate: () => {} }));
    } else {
      const w = workers as PoolWorkers;
      this.spawn = (i) => w.spawn(i);
      this.slots = [];
      for (let i = 0; i < count; i++) this.slots.push(this.startWorker(i));
    }
    this.running = this.slots.map(() => undefined);
  }

  get size(): number {
    return this.slots.length;
  }

  /** Each worker's resources (null for a stopped worker or one without stats). */
  workerStats(): Promise<Array<AnalysisWorkerStats | null>> {
    return Promise.all(
      this.slots.map((s) => (s.alive && s.remote.stats ? Promise.race([Promise.resolve(s.remote.stats()), s.stopped.then(() => null)]) : Promise.resolve(null))),
    );
  }

  /** Queues a run of `input` as `seq` (unique across the page) in `lane`. */
  run(input: unknown, seq: number, lane: Exclude<Lane, 'export'>, options?: RunOptions, onProgress?: (fraction: number) => void): Promise<AnalysisOutcome> {
    // Only the primary run is kept on worker 0 for detail(); others never replace it.
    let opts: RunOptions | undefined = lane === 'primary' ? options : { ...options, keep: false };
    const exclusive = this.plan.large(input);
    if (exclusive && this.plan.geometryWorkers > 0) opts = { ...opts, geometryWorkers: this.plan.geometryWorkers };
    return new Promise((resolve) => {
      this.enqueue({ seq, lane, kind: 'run', exclusive, input, options: opts, onProgress, resolve: resolve as Job['resolve'], worker: -1, progress: 0, cancelled: false, preempted: false, attempt: 0 });
    });
  }

  /** Simulates `input` and returns the CLI's result file for it. */
  exportRun(input: unknown, format: ExportFormat, onProgress?: (fraction: number) => void): Promise<ExportOutcome> {
    return new Promise((resolve) => {
      const seq = this.exportSeq--;
      const exclusive = this.plan.large(input);
      const options: RunOptions | undefined = exclusive && this.plan.geometryWorkers > 0 ? { geometryWorkers: this.plan.geometryWorkers } : undefined;
      this.enqueue({ seq, lane: 'export', kind: 'export', exclusive, input, options, format, onProgress, resolve: resolve as Job['resolve'], worker: -1, progress: 0, cancelled: false, preempted: false, attempt: 0 });
    });
  }

  /** Per-satellite detail of the kept primary run (worker 0); null when that worker has stopped. */
  detail(seq: number, index: number, progress?: (fraction: number) => void): Promise<SatelliteDetailColumns | null> {
    const slot = this.slots[0];
    if (!slot.alive) return Promise.resolve(null);
    const call = progress ? slot.remote.detail(seq, index, this.wrap(progress)) : slot.remote.detail(seq, index);
    return Promise.race([call, slot.stopped.then(() => null)]);
  }

  /** Drops job `seq` if queued; cancels it if running. */
  cancel(seq: number): void {
    for (const lane of Object.keys(this.queues) as Lane[]) {
      const q = this.queues[lane];
      const i = q.findIndex((j) => j.seq === seq);
      if (i >= 0) {
        const [job] = q.splice(i, 1);
        this.settle(job, job.kind === 'run' ? { kind: 'cancelled', seq } : { kind: 'error', message: 'cancelled' });
        this.changed();
        return;
      }
    }
    const job = this.running.find((j) => j?.seq === seq);
    if (job && !job.cancelled) {
      job.cancelled = true;
      const slot = this.slots[job.worker];
      if (job.kind === 'run' && slot.alive) void slot.remote.cancel(seq);
    }
  }

  /** Cancels every queued and running job of `lane`. */
  cancelLane(lane: Lane): void {
    const q = this.queues[lane].splice(0);
    for (const job of q) this.settle(job, job.kind === 'run' ? { kind: 'cancelled', seq: job.seq } : { kind: 'error', message: 'cancelled' });
    for (const job of this.running) if (job && job.lane === lane) this.cancel(job.seq);
    this.changed();
  }

  stats(lane: Lane): LaneStats {
    const b = this.batches[lane];
    let running = 0;
    let inFlight = 0;
    for (const j of this.running) {
      if (j && j.lane === lane) {
        running++;
        inFlight += j.progress;
      }
    }
    const queued = this.queues[lane].length;
    return { queued, running, finished: b.finished, total: b.total, progress: b.total > 0 ? Math.min(1, (b.finished + inFlight) / b.total) : 0 };
  }

  /** The pool seen as one analysis worker for the active design's AnalysisClient (primary lane, worker 0). */
  primaryRemote(): AnalysisRemote {
    const remote = {
      run: (input: unknown, seq: number, progress?: (seq: number, f: number) => void) =>
        this.run(input, seq, 'primary', undefined, progress ? (f) => progress(seq, f) : undefined),
      cancel: async (seq: number) => this.cancel(seq),
      detail: (seq: number, index: number, progress?: (fraction: number) => void) => this.detail(seq, index, progress),
    };
    return remote as unknown as AnalysisRemote;
  }

  private enqueue(job: Job): void {
    const b = this.batches[job.lane];
    if (this.queues[job.lane].length === 0 && !this.running.some((j) => j?.lane === job.lane)) {
      b.total = 0;
      b.finished = 0;
    }
    b.total++;
    this.queues[job.lane].push(job);
    this.pump();
    this.changed();
  }

  private pump(): void {
    const busy = () => this.running.some((j) => j !== undefined);
    const alone = () => this.running.some((j) => j?.exclusive);
    // Worker 0 serves the primary lane first.
    const primary = this.queues.primary[0];
    if (primary && !this.running[0] && !alone() && (!primary.exclusive || !busy())) this.start(this.queues.primary.shift()!, 0);
    for (let w = 0; w < this.slots.length; w++) {
      if (this.running[w] || alone()) continue;
      if (w === 0 && this.queues.primary.length > 0) continue; // held for the waiting primary run
      const lane = SHARED_LANES.find((l) => this.queues[l].length > 0);
      if (!lane) break;
      if (this.queues[lane][0].exclusive && busy()) break; // waits for the pool to empty
      this.start(this.queues[lane].shift()!, w);
    }
    // A waiting primary run pre-empts the cancellable jobs in its way: the one on
    // worker 0, a large one anywhere, and (when it is large itself) all others.
    const waiting = this.queues.primary[0];
    if (!waiting) return;
    for (const cur of this.running) {
      if (!cur || cur.lane === 'primary' || cur.kind !== 'run' || cur.preempted || cur.cancelled) continue;
      if (cur.worker === 0 || cur.exclusive || waiting.exclusive) {
        cur.preempted = true;
        const slot = this.slots[cur.worker];
        if (slot.alive) void slot.remote.cancel(cur.seq);
      }
    }
  }

  private start(job: Job, w: number): void {
    // A stopped worker is replaced when its next job is due.
    if (!this.slots[w].alive && this.spawn) this.slots[w] = this.startWorker(w);
    job.worker = w;
    job.progress = 0;
    const attempt = ++job.attempt;
    this.running[w] = job;
    const remote = this.slots[w].remote;
    const onProgress = (f: number) => {
      if (this.running[w] !== job || job.attempt !== attempt) return;
      job.progress = f;
      job.onProgress?.(f);
      this.changed();
    };
    const done = (o: AnalysisOutcome | ExportOutcome) => {
      if (job.attempt !== attempt) return; // its worker stopped meanwhile: the job has moved on
      job.attempt++;
      if (this.running[w] === job) this.running[w] = undefined;
      if (job.kind === 'run' && job.preempted && !job.cancelled && (o as AnalysisOutcome).kind === 'cancelled') {
        // Pre-empted by a primary run: back to the head of its lane.
        job.preempted = false;
        job.progress = 0;
        this.queues[job.lane].unshift(job);
      } else {
        this.settle(job, o);
      }
      this.pump();
      this.changed();
    };
    const failed = (e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      done(job.kind === 'run' ? { kind: 'error', seq: job.seq, message } : { kind: 'error', message });
    };
    if (job.kind === 'run') {
      remote.run(job.input, job.seq, this.wrap((_s: number, f: number) => onProgress(f)), job.options).then((o) => done(o as AnalysisOutcome), failed);
    } else {
      remote.exportRun(job.input, job.format!, this.wrap((f: number) => onProgress(f)), job.options).then((o) => done(o as ExportOutcome), failed);
    }
  }

  private startWorker(index: number): Slot {
    const w = this.spawn!(index);
    const slot: Slot = { remote: w.remote, alive: true, stopped: w.stopped, terminate: () => w.terminate() };
    void w.stopped.then((reason) => this.workerStopped(index, slot, reason));
    return slot;
  }

  /** Worker `index` stopped: its job ends (or goes back to its lane when pre-empted); a new worker starts when the next job is due. */
  private workerStopped(index: number, slot: Slot, reason: string): void {
    if (this.slots[index] !== slot || !slot.alive) return;
    slot.alive = false;
    slot.terminate();
    const job = this.running[index];
    if (job) {
      this.running[index] = undefined;
      job.attempt++;
      if (job.kind === 'run' && job.preempted && !job.cancelled) {
        job.preempted = false;
        job.progress = 0;
        this.queues[job.lane].unshift(job);
      } else if (job.kind === 'run' && job.cancelled) {
        this.settle(job, { kind: 'cancelled', seq: job.seq });
      } else {
        const message = `analysis worker ${index + 1} stopped: ${reason}`;
        this.settle(job, job.kind === 'run' ? { kind: 'error', seq: job.seq, message } : { kind: 'error', message });
      }
    }
    this.onWorkerStopped(index, reason);
    this.pump();
    this.changed();
  }

  private settle(job: Job, o: AnalysisOutcome | ExportOutcome): void {
    this.batches[job.lane].finished++;
    job.resolve(o);
  }

  private changed(): void {
    this.onChange();
  }
}
