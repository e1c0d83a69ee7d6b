/**
 * Phase A (per-satellite geometry) on a pool of workers, each owning a
 * contiguous range of satellites. Chunk fields live in SharedArrayBuffers
 * that the workers fill in place; only small control messages cross threads
 * per chunk. Results are identical to the single-thread path (phase A is per
 * satellite; events are merged and sorted). Platform adapters supply the
 * workers: src/cli/geometry-pool.ts (worker_threads), workers/geometry-pool.ts
 * (Web Workers).
 */
import { GeometryKernel, type GeometryResult } from './geometry-kernel';
import type { ChunkFields } from './chunk';
import { wasmRuntime } from '../orbit/propagation';
import type { GeometryReply, GeometryRequest } from './geometry-host';
import type { GeometrySource, GeometrySourceFactory } from './simulation';
import { SPACING_SAMPLE_MS } from './separation';

/** The little a pool needs from a worker. */
export interface GeometryEndpoint {
  post(req: GeometryRequest): void;
  /** Registers the reply handler and a fatal-error handler (crash, exit). */
  listen(onReply: (r: GeometryReply) => void, onFatal: (e: Error) => void): void;
  terminate(): void;
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

/** Request/reply in order over one endpoint; a crash rejects everything pending. */
class PoolMember {
  private waiting: Array<{ resolve: (r: GeometryReply) => void; reject: (e: Error) => void }> = [];
  private failed: Error | undefined;

  constructor(private readonly endpoint: GeometryEndpoint) {
    endpoint.listen(
      (m) => {
        const w = this.waiting.shift();
        if (!w) return;
        if (m.type === 'error') w.reject(new Error(`geometry worker: ${m.message}`));
        else w.resolve(m);
      },
      (e) => {
        this.failed = e;
        for (const w of this.waiting.splice(0)) w.reject(e);
      },
    );
  }

  request(req: GeometryRequest): Promise<GeometryReply> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.endpoint.post(req);
    });
  }

  terminate(): void {
    this.endpoint.terminate();
  }
}

export interface PoolOptions {
  /**
   * Share of the satellites whose phase A the coordinating thread computes
   * itself, between its own phase B steps (0 = workers only). Default:
   * balancedLocalFraction for the run's step.
   */
  localFraction?: number;
}

/**
 * Phase costs per satellite-sample (µs) measured by `npm run bench` and
 * profiles on the 2-core reference machine (1,000 satellites, 5 stations):
 * phase B ≈ 0.10 µs whatever the step (the node models of the power,
 * thermal and link issues; 0.06 µs before them); phase A ≈ 0.09 µs +
 * 0.0022 µs per second of step (longer steps: more events and refinement
 * per step, fewer skipped samples) — 0.11 µs at 10 s, 0.22 µs at 60 s; the
 * closest-approach tracker, on the coordinator, ≈ 0.13 µs per satellite and
 * sample it is fed since its dense screening grid (0.32 µs with the hash
 * table; every SPACING_SAMPLE_MS: 0.022 µs per sample at 10 s). Phase B
 * stayed ≈ 0.10 µs after its passes (node-step.ts): the models grew, the
 * boxing went.
 */
const PHASE_B_US = 0.1;
const PHASE_A_BASE_US = 0.09;
const PHASE_A_PER_STEP_SECOND_US = 0.0022;
const SPACING_US_PER_FED_SAMPLE = 0.13;

/**
 * Share of phase A for the coordinating thread that balances the pipeline
 * with `workers` workers, one core per thread: the coordinator's x·A + B
 * equals each worker's (1 − x)·A / W, so x = (A − W·B) / (A·(W + 1)),
 * clamped to [0, 0.5]; B includes the closest-approach tracker when the
 * run tracks spacing (`tracksSpacing`).
 */
export function balancedLocalFraction(workers: number, stepSeconds: number, tracksSpacing = false): number {
  const a = PHASE_A_BASE_US + PHASE_A_PER_STEP_SECOND_US * Math.min(stepSeconds, 600);
  const b = PHASE_B_US + (tracksSpacing ? SPACING_US_PER_FED_SAMPLE / Math.max(1, Math.floor(SPACING_SAMPLE_MS / 1000 / stepSeconds)) : 0);
  const x = (a - workers * b) / (a * (workers + 1));
  return x > 0.5 ? 0.5 : x > 0 ? x : 0;
}

/** A GeometrySourceFactory running phase A on `workers` endpoints made by `spawn` (plus, optionally, this thread). */
export function poolGeometry(spawn: () => GeometryEndpoint, workers: number, options: PoolOptions = {}): GeometrySourceFactory {
  return async (ctx) => {
    const N = ctx.satellites.length;
    const fraction = options.localFraction ?? balancedLocalFraction(workers, ctx.grid.stepMs / 1000, ctx.scenario.spacing.trackClosestApproach && N >= 2);
    const localCount = Math.min(N, Math.round(N * Math.max(0, Math.min(1, fraction))));
    const ranges = splitRanges(N - localCount, workers).map(([a, n]): [number, number] => [a + localCount, n]);
    const pool = ranges.map(() => new PoolMember(spawn()));
    // Workers start (boot, WASM, satellites) while this thread builds its own kernel.
    const ready = Promise.all(
      pool.map((w, k) =>
        w.request({
          type: 'init',
          scenario: ctx.scenario,
          first: ranges[k][0],
          count: ranges[k][1],
          grid: ctx.grid,
          chunkSteps: ctx.chunkSteps,
          skipFar: ctx.skipFarFromEvents,
        }),
      ),
    );
    let local: GeometryKernel | undefined;
    try {
      if (localCount > 0) {
        local = new GeometryKernel(
          ctx.scenario,
          ctx.satellites.slice(0, localCount).map((s) => s.satrec),
          0,
          ctx.grid,
          await wasmRuntime(),
          ctx.chunkSteps,
          ctx.skipFarFromEvents,
        );
      }
      await ready;
    } catch (e) {
      local?.dispose();
      for (const w of pool) w.terminate();
      throw e;
    }
    const buffers = new Map<ChunkFields, number>();
    const source: GeometrySource = {
      shared: pool.length > 0,
      async compute(n0, steps, out) {
        let id = buffers.get(out);
        if (id === undefined) {
          id = buffers.size;
          buffers.set(out, id);
          const bufferId = id;
          await Promise.all(pool.map((w) => w.request({ type: 'buffer', id: bufferId, fields: out })));
        }
        const bufferId = id;
        const remote = Promise.all(pool.map((w) => w.request({ type: 'compute', id: bufferId, n0, steps })));
        // This thread's share runs while the workers compute theirs.
        local?.run(n0, steps, out);
        await remote;
      },
      async finish() {
        const replies = await Promise.all(pool.map((w) => w.request({ type: 'finish' })));
        const results = replies.map((r) => (r as Extract<GeometryReply, { type: 'finished' }>).result as GeometryResult);
        return local ? [local.finish(), ...results] : results;
      },
      dispose() {
        local?.dispose();
        for (const w of pool) w.terminate();
      },
    };
    return source;
  };
}
