/**
 * Browser adapter of the geometry pool: Web Workers (spawned from the analysis
 * worker) sharing chunk buffers through SharedArrayBuffer. Needs a
 * cross-origin-isolated page (COOP/COEP, served by vite.config.ts); otherwise
 * callers stay on the single-thread path.
 *
 * Memory at the end of a long run: each worker hands over its event log's
 * blocks (transferred, not copied); the workers of one pool finish one at a
 * time and each is terminated as soon as its result has arrived.
 */
import type { GeometryReply, GeometryRequest } from '../src/engine/run/geometry-host';
import { poolGeometry, type GeometryEndpoint } from '../src/engine/run/geometry-pool';
import type { GeometrySourceFactory } from '../src/engine/run/simulation';
import { SampledDayPool } from '../src/engine/run/sampled-days';

/** Lets one 'finish' request of a pool be outstanding at a time. */
export class FinishGate {
  private busy = false;
  private readonly waiting: Array<() => void> = [];

  /** Runs `send` now or once the finishes ahead of it are done. */
  enter(send: () => void): void {
    if (this.busy) this.waiting.push(send);
    else {
      this.busy = true;
      send();
    }
  }

  /** The outstanding finish is done (or its worker failed). */
  leave(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy = false;
  }
}

/** The part of a Web Worker an endpoint uses (a fake in unit tests). */
export interface WorkerLike {
  postMessage(message: GeometryRequest): void;
  onmessage: ((e: MessageEvent<GeometryReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  terminate(): void;
}

/** An endpoint over `worker` whose finish goes through `gate`; the worker ends once its result is in. */
export function gatedEndpoint(worker: WorkerLike, gate: FinishGate): GeometryEndpoint {
  let finishing = false;
  let terminated = false;
  const end = () => {
    if (terminated) return;
    terminated = true;
    worker.terminate();
  };
  const settle = () => {
    if (!finishing) return;
    finishing = false;
    gate.leave();
  };
  return {
    post(req) {
      if (req.type !== 'finish') worker.postMessage(req);
      else
        gate.enter(() => {
          finishing = true;
          if (terminated) settle();
          else worker.postMessage(req);
        });
    },
    listen(onReply, onFatal) {
      worker.onmessage = (e) => {
        onReply(e.data);
        if (finishing) {
          if (e.data.type === 'finished') end();
          settle();
        }
      };
      worker.onerror = (e) => {
        onFatal(new Error(`geometry worker failed: ${e.message}`));
        settle();
      };
    },
    terminate() {
      end();
      settle();
    },
  };
}

function spawnWebWorker(gate: FinishGate): GeometryEndpoint {
  const worker = new Worker(new URL('./geometry.worker.ts', import.meta.url), { type: 'module', name: 'geometry' });
  return gatedEndpoint(worker, gate);
}

/** True when SharedArrayBuffers can be shared with workers here. */
export function canShareMemory(): boolean {
  return typeof SharedArrayBuffer === 'function' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
}

/**
 * Phase A on `workers` Web Workers, or undefined (single thread) when memory
 * cannot be shared. One worker is worth it too: phase A of the next chunk
 * then runs beside phase B of this one.
 */
export function browserGeometry(workers: number): GeometrySourceFactory | undefined {
  if (workers < 1 || !canShareMemory()) return undefined;
  return (ctx) => {
    const gate = new FinishGate();
    return poolGeometry(() => spawnWebWorker(gate), workers)(ctx);
  };
}

/** An endpoint over a Web Worker for sampled-day requests (no finish to gate). */
export function plainEndpoint(worker: WorkerLike): GeometryEndpoint {
  return {
    post: (req) => worker.postMessage(req),
    listen(onReply, onFatal) {
      worker.onmessage = (e) => onReply(e.data);
      worker.onerror = (e) => onFatal(new Error(`sampled-day worker failed: ${e.message}`));
    },
    terminate: () => worker.terminate(),
  };
}

/**
 * The lifetime analysis' sampled days on `workers` Web Workers (the geometry
 * workers' entry), beside the analysis worker; they live as long as the pool,
 * their geometry caches with them, so a node edit replays their days.
 */
export function browserDayPool(workers: number): SampledDayPool | undefined {
  if (workers < 1 || typeof Worker !== 'function') return undefined;
  return new SampledDayPool(() => plainEndpoint(new Worker(new URL('./geometry.worker.ts', import.meta.url), { type: 'module', name: 'sampled-days' })), workers);
}
