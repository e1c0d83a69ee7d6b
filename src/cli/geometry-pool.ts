/** Node adapter of the geometry pool: worker_threads running src/cli/geometry-worker.ts. */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { GeometryReply } from '../engine/run/geometry-host';
import { poolGeometry, type GeometryEndpoint } from '../engine/run/geometry-pool';
import type { GeometrySourceFactory } from '../engine/run/simulation';
import { SampledDayPool } from '../engine/run/sampled-days';
import { geometryWorkerBundle, geometryWorkerEntry } from './worker-bundle';

export { splitRanges } from '../engine/run/geometry-pool';

export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

function spawnNodeWorker(): GeometryEndpoint {
  // The bundle needs no loader: a parent running under tsx (tests, bench) would pass its
  // --import to the worker, which then started tsx's hooks thread (≈ 0.3 s, measured).
  const worker = new Worker(geometryWorkerEntry(), geometryWorkerBundle() ? { execArgv: [] } : {});
  return {
    post: (req) => worker.postMessage(req),
    listen(onReply, onFatal) {
      worker.on('message', (m: GeometryReply) => onReply(m));
      worker.on('error', onFatal);
      worker.on('exit', (code) => {
        if (code !== 0) onFatal(new Error(`geometry worker exited with code ${code}`));
      });
    },
    terminate: () => void worker.terminate(),
  };
}

/**
 * Phase A over `threads` threads: this one (which also runs phase B) takes a
 * share of the satellites (by default the balanced share for the run's step,
 * see balancedLocalFraction), `threads − 1` worker threads the rest.
 */
export function workerGeometry(threads = defaultWorkerCount(), localFraction?: number): GeometrySourceFactory {
  const workers = Math.max(1, threads - 1);
  return poolGeometry(spawnNodeWorker, workers, { localFraction: threads > 1 ? localFraction : 0 });
}

/**
 * Worker threads for the lifetime analysis' sampled days (engine/run/sampled-days.ts):
 * `threads − 1` of them beside this thread, started when the first day is asked for;
 * null for one thread. Call dispose() when done.
 */
export function workerDayPool(threads = defaultWorkerCount()): SampledDayPool | null {
  return threads > 1 ? new SampledDayPool(spawnNodeWorker, threads - 1) : null;
}
