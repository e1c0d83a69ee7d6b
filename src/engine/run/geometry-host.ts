/**
 * The worker side of a geometry pool: owns a GeometryKernel for one range of
 * satellites and answers the coordinator's requests. Pure (no Node or DOM
 * APIs): wrapped by src/cli/geometry-worker.ts (worker_threads) and
 * workers/geometry.worker.ts (Web Workers). The same workers run the
 * lifetime analysis' sampled days (sampled-days.ts): one at a time, in the
 * order asked, their geometry kept in this worker's own cache.
 */
import { buildSatellites } from '../input/constellation';
import { GeometryKernel, type GeometryResult } from './geometry-kernel';
import type { ChunkFields } from './chunk';
import { eventBlockBuffers } from '../events/event-log';
import type { RunGrid } from '../orbit/run-grid';
import { wasmRuntime } from '../orbit/propagation';
import type { Scenario } from '../input/scenario';
import type { SatelliteSpec } from '../input/constellation';
import { GeometryCache } from './geometry-cache';
import type { SampledDayResult } from './lifetime-run';
import { sampledDayKpis } from './simulation';

export type GeometryRequest =
  | { type: 'init'; scenario: Scenario; first: number; count: number; grid: RunGrid; chunkSteps: number; skipFar: boolean }
  | { type: 'buffer'; id: number; fields: ChunkFields }
  | { type: 'compute'; id: number; n0: number; steps: number }
  | { type: 'finish' }
  | { type: 'day'; id: number; scenario: Scenario; sample: number[]; satellitesOf: Scenario }
  | { type: 'cancel-days' };

export type GeometryReply =
  | { type: 'ok' }
  | { type: 'finished'; result: GeometryResult }
  | { type: 'error'; message: string }
  | { type: 'day'; id: number; result: SampledDayResult }
  | { type: 'day-error'; id: number; message: string };

export class GeometryHost {
  private kernel: GeometryKernel | undefined;
  private readonly buffers = new Map<number, ChunkFields>();
  /** Sampled days: run one after the other; their geometry; the satellites of the last constellation. */
  private dayQueue: Promise<unknown> = Promise.resolve();
  private readonly dayCache = new GeometryCache();
  private daySatellites: { key: string; satellites: SatelliteSpec[] } | null = null;
  /** Days asked for so far, and those below this count are cancelled. */
  private daysAsked = 0;
  private daysCancelledBelow = 0;

  /** Answers one request; never throws (errors become replies). Sampled days are answered in the order asked. */
  async handle(req: GeometryRequest): Promise<GeometryReply> {
    if (req.type === 'cancel-days') {
      this.daysCancelledBelow = this.daysAsked;
      return { type: 'ok' };
    }
    if (req.type === 'day') {
      const seq = this.daysAsked++;
      const run = this.dayQueue.then(() => this.day(req, seq));
      this.dayQueue = run;
      return run;
    }
    try {
      return await this.dispatch(req);
    } catch (e) {
      return { type: 'error', message: e instanceof Error ? e.message : String(e) };
    }
  }

  /** One sampled day (sampledDayKpis), unless cancelled before or while it runs. */
  private async day(req: Extract<GeometryRequest, { type: 'day' }>, seq: number): Promise<GeometryReply> {
    const host = this;
    const signal = {
      get aborted(): boolean {
        return seq < host.daysCancelledBelow;
      },
    };
    try {
      if (signal.aborted) return { type: 'day-error', id: req.id, message: 'cancelled' };
      const key = JSON.stringify([req.satellitesOf.startUtc, req.satellitesOf.constellation]);
      if (this.daySatellites?.key !== key) this.daySatellites = { key, satellites: buildSatellites(req.satellitesOf).satellites };
      const all = this.daySatellites.satellites;
      const result = await sampledDayKpis(req.scenario, req.sample.map((i) => all[i]), this.dayCache, signal);
      return { type: 'day', id: req.id, result };
    } catch (e) {
      return { type: 'day-error', id: req.id, message: e instanceof Error ? e.message : String(e) };
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
      case 'day':
      case 'cancel-days':
        throw new Error(`${req.type} is answered by handle()`);
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
