/**
 * The worker side of a geometry pool: owns a GeometryKernel for one range of
 * satellites and answers the coordinator's requests. Pure (no Node or DOM
 * APIs): wrapped by src/cli/geometry-worker.ts (worker_threads) and
 * workers/geometry.worker.ts (Web Workers).
 */
import { buildSatellites } from '../input/constellation';
import { GeometryKernel, type GeometryResult } from './geometry-kernel';
import type { ChunkFields } from './chunk';
import { eventBlockBuffers } from '../events/event-log';
import type { RunGrid } from '../orbit/run-grid';
import { wasmRuntime } from '../orbit/propagation';
import type { Scenario } from '../input/scenario';

export type GeometryRequest =
  | { type: 'init'; scenario: Scenario; first: number; count: number; grid: RunGrid; chunkSteps: number; skipFar: boolean }
  | { type: 'buffer'; id: number; fields: ChunkFields }
  | { type: 'compute'; id: number; n0: number; steps: number }
  | { type: 'finish' };

export type GeometryReply = { type: 'ok' } | { type: 'finished'; result: GeometryResult } | { type: 'error'; message: string };

export class GeometryHost {
  private kernel: GeometryKernel | undefined;
  private readonly buffers = new Map<number, ChunkFields>();

  /** Answers one request; never throws (errors become replies). */
  async handle(req: GeometryRequest): Promise<GeometryReply> {
    try {
      return await this.dispatch(req);
    } catch (e) {
      return { type: 'error', message: e instanceof Error ? e.message : String(e) };
    }
  }

  private async dispatch(req: GeometryRequest): Promise<GeometryReply> {
    switch (req.type) {
      case 'init': {
        this.kernel?.dispose();
        const sats = buildSatellites(req.scenario).satellites.slice(req.first, req.first + req.count);
        this.kernel = new GeometryKernel(req.scenario, sats.map((s) => s.satrec), req.first, req.grid, await wasmRuntime(), req.chunkSteps, req.skipFar);
        return { type: 'ok' };
      }
      case 'buffer':
        this.buffers.set(req.id, req.fields);
        return { type: 'ok' };
      case 'compute': {
        const f = this.buffers.get(req.id);
        if (!this.kernel || !f) throw new Error('compute before init');
        this.kernel.run(req.n0, req.steps, f);
        return { type: 'ok' };
      }
      case 'finish': {
        if (!this.kernel) throw new Error('finish before init');
        const result = this.kernel.finish();
        this.kernel.dispose();
        this.kernel = undefined;
        this.buffers.clear();
        return { type: 'finished', result };
      }
    }
  }
}

/** Buffers of a reply that can move to the coordinator without a copy. */
export function replyTransferables(reply: GeometryReply): ArrayBuffer[] {
  if (reply.type !== 'finished') return [];
  const r = reply.result;
  return [...eventBlockBuffers(r.events), r.status.buffer as ArrayBuffer, r.failedAtMs.buffer as ArrayBuffer];
}
