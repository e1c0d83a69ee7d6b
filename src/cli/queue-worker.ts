/**
 * The worker side of the job queue (`worker --queue URL`, deploy/README.md
 * "Job queue"): serves every open sweep in the registry (queue-connection.ts)
 * with one BullMQ Worker per sweep's queue, runs at most `concurrency` runs
 * at once over all of them, and returns each run's result as stored
 * (runResultJson). Any number of workers on any number of machines may
 * serve one Redis.
 *
 * Locks: a job is locked by its worker for lockSeconds (default 60 s),
 * renewed every lockSeconds/2 while the run goes on (the engine yields to
 * the event loop every 50 ms, simulation.ts yieldEveryMs, so renewals are
 * not starved). A worker that dies holds no lock after lockSeconds; the
 * stalled-job check, run by every live worker every lockSeconds/2, then
 * puts its job back in the queue, so a dead worker's run is re-delivered
 * within about 1.5 × lockSeconds (BullMQ docs, "Stalled Jobs"). A job that
 * stalls more than MAX_STALLS times fails (a run that kills its workers).
 * Results are counted once per run id by the producer, whatever happens.
 *
 * Job payloads are validated (queue-job.ts) before anything runs: a
 * malformed job fails at once (no retry) with the message naming the field,
 * and the worker goes on serving.
 *
 * SIGTERM or SIGINT: stop taking jobs, finish the runs in progress, exit 0;
 * a second signal exits at once (its jobs are re-delivered after their lock
 * expires).
 */
import type { Job, Worker } from 'bullmq';
import type { RunResult, SweepRun } from '../engine/output/run-list';
import { runResultJson } from '../engine/output/run-list';
import { GeometryCache } from '../engine/run/geometry-cache';
import { connectRedis, parseQueueUrl, QUEUE_PREFIX, REGISTRY_KEY } from './queue-connection';
import { validateJob } from './queue-job';

/** Default lock of a job (s): runs of seconds to minutes renew it every 30 s; a dead worker's run comes back within ≈90 s. */
export const DEFAULT_LOCK_SECONDS = 60;
/** Times a job may be found stalled (its worker dead) before it fails. */
export const MAX_STALLS = 3;
/** How often the registry of open sweeps is read (s). */
export const DEFAULT_POLL_SECONDS = 2;

export interface WorkerOptions {
  url: string;
  threads?: number;
  concurrency: number;
  lockSeconds: number;
  pollSeconds: number;
  quiet: boolean;
  log: (message: string) => void;
  warn: (message: string) => void;
  execute: (run: SweepRun, opts: { geometryCache?: GeometryCache; threads?: number; warn?: (message: string) => void }) => Promise<RunResult>;
}

/** A counting semaphore: at most `n` holders. */
function slots(n: number): { acquire(): Promise<void>; release(): void } {
  let free = n;
  const waiting: Array<() => void> = [];
  return {
    acquire: () => {
      if (free > 0) {
        free--;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => waiting.push(resolve));
    },
    release: () => {
      const next = waiting.shift();
      if (next) next();
      else free++;
    },
  };
}

/** Serves the queue until SIGTERM/SIGINT (or `stop` aborts); resolves when the runs in progress are done. */
export async function runQueueWorker(o: WorkerOptions, stop?: AbortSignal): Promise<void> {
  const target = parseQueueUrl(o.url);
  const client = await connectRedis(target, o.warn);
  const { Worker: BullWorker, UnrecoverableError } = await import('bullmq');
  const lockMs = Math.round(o.lockSeconds * 1000);
  const gate = slots(o.concurrency);
  // Runs in one process share geometry (engine run/geometry-cache.ts) when they run one at a time, as a local sweep's do.
  const geometryCache = o.concurrency === 1 ? new GeometryCache() : undefined;
  const workers = new Map<string, Worker>();
  const warned = new Set<string>();
  const warnOnce = (m: string): void => {
    if (!warned.has(m)) o.warn(m);
    warned.add(m);
  };

  const processor = (queueName: string) => async (job: Job): Promise<string> => {
    const v = await validateJob(job.id, job.data);
    if (!v.ok) {
      o.warn(`job ${String(job.id)} of ${queueName} rejected: ${v.message}`);
      throw new UnrecoverableError(v.message);
    }
    await gate.acquire();
    try {
      const t0 = performance.now();
      if (!o.quiet) o.log(`run ${v.run.id} started (${queueName}, design ${v.run.index + 1})`);
      const result = await o.execute(v.run, { geometryCache, threads: o.threads, warn: warnOnce });
      if (!o.quiet) o.log(`run ${v.run.id} ${result.status === 'ok' ? 'done' : `failed (${result.message})`}, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      return runResultJson(result);
    } finally {
      gate.release();
    }
  };

  const open = (name: string): void => {
    const w = new BullWorker(name, processor(name), {
      connection: client,
      prefix: QUEUE_PREFIX,
      concurrency: o.concurrency,
      lockDuration: lockMs,
      stalledInterval: Math.max(500, Math.round(lockMs / 2)),
      maxStalledCount: MAX_STALLS,
    });
    w.on('error', (e: Error) => warnOnce(`worker ${name}: ${e.message}`));
    workers.set(name, w);
    if (!o.quiet) o.log(`serving ${name}`);
  };

  let stopping = false;
  let signals = 0;
  let wake: () => void = () => undefined;
  const onSignal = (): void => {
    signals++;
    if (signals > 1) process.exit(1);
    o.log('stopping: finishing the runs in progress (signal again to exit at once)');
    stopping = true;
    wake();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  stop?.addEventListener('abort', () => {
    stopping = true;
    wake();
  });
  o.log(`worker: serving sweeps on ${target.label} (concurrency ${o.concurrency}, lock ${o.lockSeconds} s)`);
  try {
    while (!stopping) {
      try {
        const names = new Set(await client.zrange(REGISTRY_KEY, 0, -1));
        for (const name of names) if (!workers.has(name)) open(name);
        for (const [name, w] of workers) {
          if (names.has(name)) continue;
          workers.delete(name);
          await w.close();
        }
      } catch (e) {
        warnOnce(`registry ${REGISTRY_KEY} on ${target.label}: ${(e as Error).message}`);
      }
      if (stopping) break;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, o.pollSeconds * 1000);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
    await Promise.all([...workers.values()].map((w) => w.close()));
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    client.disconnect();
  }
}
