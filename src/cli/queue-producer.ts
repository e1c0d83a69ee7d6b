/**
 * The producer side of the job queue (`sweep <sweep.json> --queue URL`,
 * deploy/README.md "Job queue"): enqueues the runs a sweep still needs and
 * hands each result to the caller as it arrives; the caller (cli.ts
 * runSweep) stores it and builds the CSV exactly as a local sweep does.
 *
 * - One job per run id, job id `run-<id>` (BullMQ adds a job whose id
 *   exists only once), so a run is enqueued once even when the producer is
 *   started again; results of an earlier producer left in the queue are
 *   used (equal ids have equal results).
 * - Results are collected by polling the queue's completed and failed jobs
 *   (nothing is lost while the producer is away, unlike events), checked
 *   (parseRunResult), handed over once per id and the job removed: a run
 *   re-delivered after a worker died is counted once.
 * - A job a worker rejected (failed: invalid payload, other program version)
 *   becomes a failed result with the worker's message (stored as failed:
 *   --resume enqueues it again).
 * - When every run has a result, the queue is removed and the sweep leaves
 *   the registry (workers then stop serving it).
 */
import type { Job, Queue } from 'bullmq';
import { parseRunResult, type RunResult, type SweepRun } from '../engine/output/run-list';
import { connectRedis, jobIdFor, parseQueueUrl, QUEUE_PREFIX, queueNameFor, REGISTRY_KEY } from './queue-connection';
import { jobDataOf } from './queue-job';

/** Jobs added per round trip (BullMQ addBulk). */
const ADD_BATCH = 200;
/** Finished jobs read per poll. */
const READ_BATCH = 200;
/** Poll interval of the results (ms). */
const POLL_MS = 250;
/** A "waiting for workers" note when no result arrived for this long (ms). */
const IDLE_NOTE_MS = 30_000;

export interface QueueSweepOptions {
  url: string;
  listHash: string;
  /** Runs to enqueue, one per id. */
  runs: readonly SweepRun[];
  onResult: (run: SweepRun, result: RunResult) => void;
  warn: (message: string) => void;
  note: (message: string) => void;
}

/** Runs `runs` through the queue; resolves when every run has a result. Connection problems throw (exit 1). */
export async function runOnQueue(o: QueueSweepOptions): Promise<void> {
  if (o.runs.length === 0) return;
  const target = parseQueueUrl(o.url);
  const name = queueNameFor(o.listHash);
  const client = await connectRedis(target, o.warn);
  const { Queue } = await import('bullmq');
  const queue: Queue = new Queue(name, { connection: client, prefix: QUEUE_PREFIX });
  queue.on('error', (e: Error) => o.warn(`queue ${name}: ${e.message}`));
  try {
    const byId = new Map(o.runs.map((r) => [r.id, r]));
    // Rejections of an earlier producer would block re-adding those ids: removed first.
    await queue.clean(0, 0, 'failed');
    await client.zadd(REGISTRY_KEY, 'NX', Date.now(), name);
    for (let k = 0; k < o.runs.length; k += ADD_BATCH) {
      await queue.addBulk(
        o.runs.slice(k, k + ADD_BATCH).map((run) => ({
          name: 'run',
          data: jobDataOf(run),
          // No retries of a rejected job (deterministic); a dead worker's job is re-delivered by the stalled check instead.
          opts: { jobId: jobIdFor(run.id), attempts: 1, removeOnComplete: false, removeOnFail: false },
        })),
      );
    }
    o.note(`${o.runs.length} run${o.runs.length === 1 ? '' : 's'} queued on ${target.label} (queue ${name}); start workers with: npm run sim -- worker --queue <url>`);
    const pending = new Set(byId.keys());
    let lastResult = Date.now();
    while (pending.size > 0) {
      const jobs: Job[] = await queue.getJobs(['completed', 'failed'], 0, READ_BATCH - 1, true);
      for (const job of jobs) {
        const data = job.data as { id?: unknown } | undefined;
        const id = typeof data?.id === 'string' ? data.id : '';
        const run = byId.get(id);
        if (run && pending.has(id) && job.id === jobIdFor(id)) {
          const result = jobResult(job, id, await job.isFailed());
          pending.delete(id);
          lastResult = Date.now();
          o.onResult(run, result);
        }
        // Handed over (or not ours to count: a second delivery, a foreign job): removed so the next poll sees new ones.
        await job.remove().catch(() => undefined);
      }
      if (jobs.length === 0) {
        if (Date.now() - lastResult > IDLE_NOTE_MS) {
          const counts = await queue.getJobCounts('waiting', 'active', 'delayed');
          o.note(`queue ${name}: ${pending.size} runs without a result (${counts.waiting ?? 0} waiting, ${counts.active ?? 0} running); are workers running?`);
          lastResult = Date.now();
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    }
    await client.zrem(REGISTRY_KEY, name);
    await queue.obliterate({ force: true }).catch((e: Error) => o.warn(`queue ${name}: not removed (${e.message})`));
  } finally {
    await queue.close();
    client.disconnect();
  }
}

/** The result a finished job carries; anything unreadable is a failed result naming the problem. */
function jobResult(job: Job, id: string, failed: boolean): RunResult {
  if (failed) return { id, status: 'failed', message: `rejected by a worker: ${job.failedReason || 'no reason given'}`, inputError: false };
  if (typeof job.returnvalue !== 'string') return { id, status: 'failed', message: 'a worker returned no result', inputError: false };
  const r = parseRunResult(job.returnvalue, id);
  return r.ok ? r.result : { id, status: 'failed', message: `a worker returned a damaged result (${r.message})`, inputError: false };
}
