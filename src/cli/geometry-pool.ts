/**
 * Phase A (per-satellite geometry) on a pool of Node worker_threads, each
 * owning a contiguous range of satellites. Chunk fields live in
 * SharedArrayBuffers that the workers fill in place; only small control
 * messages cross threads per chunk. Results are identical to the
 * single-thread path (phase A is per satellite; events are merged and sorted).
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { ChunkFields, GeometryResult } from '../engine/geometry';
import type { GeometrySource, GeometrySourceFactory } from '../engine/simulation';
import type { WorkerRequest, WorkerReply } from './geometry-worker';

export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

/** Splits n satellites into `parts` contiguous ranges of near-equal size. */
export function splitRanges(n: number, parts: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const p = Math.max(1, Math.min(parts, n));
  for (let k = 0; k < p; k++) {
    const a = Math.floor((k * n) / p);
    const b = Math.floor(((k + 1) * n) / p);
    if (b > a) out.push([a, b - a]);
  }
  return out;
}

class PoolWorker {
  private readonly worker: Worker;
  private waiting: Array<{ resolve: (r: WorkerReply) => void; reject: (e: Error) => void }> = [];
  private failed: Error | undefined;

  constructor() {
    this.worker = new Worker(new URL('./geometry-worker-boot.mjs', import.meta.url));
    this.worker.on('message', (m: WorkerReply) => {
      const w = this.waiting.shift();
      if (!w) return;
      if (m.type === 'error') w.reject(new Error(`geometry worker: ${m.message}`));
      else w.resolve(m);
    });
    const fail = (e: Error) => {
      this.failed = e;
      for (const w of this.waiting.splice(0)) w.reject(e);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`geometry worker exited with code ${code}`));
    });
  }

  request(req: WorkerRequest): Promise<WorkerReply> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.postMessage(req);
    });
  }

  terminate(): void {
    void this.worker.terminate();
  }
}

/** A GeometrySourceFactory running phase A on `workers` threads. */
export function workerGeometry(workers = defaultWorkerCount()): GeometrySourceFactory {
  return async (ctx) => {
    const ranges = splitRanges(ctx.satellites.length, workers);
    const pool = ranges.map(() => new PoolWorker());
    const buffers = new Map<ChunkFields, number>();
    try {
      await Promise.all(
        pool.map((w, k) =>
          w.request({ type: 'init', scenario: ctx.scenario, first: ranges[k][0], count: ranges[k][1], grid: ctx.grid, chunkSteps: ctx.chunkSteps, skipFar: ctx.skipFarFromEvents }),
        ),
      );
    } catch (e) {
      for (const w of pool) w.terminate();
      throw e;
    }
    const source: GeometrySource = {
      shared: true,
      async compute(n0, steps, out) {
        let id = buffers.get(out);
        if (id === undefined) {
          id = buffers.size;
          buffers.set(out, id);
          await Promise.all(pool.map((w) => w.request({ type: 'buffer', id: id as number, fields: out })));
        }
        await Promise.all(pool.map((w) => w.request({ type: 'compute', id: id as number, n0, steps })));
      },
      async finish() {
        const replies = await Promise.all(pool.map((w) => w.request({ type: 'finish' })));
        return replies.map((r) => (r as Extract<WorkerReply, { type: 'finished' }>).result as GeometryResult);
      },
      dispose() {
        for (const w of pool) w.terminate();
      },
    };
    return source;
  };
}
