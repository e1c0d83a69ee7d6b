/** worker_threads entry: a thin wrapper around the engine's GeometryKernel for one range of satellites. */
import { parentPort } from 'node:worker_threads';
import { buildSatellites } from '../engine/constellation';
import { GeometryKernel, type ChunkFields, type GeometryResult, type RunGrid } from '../engine/geometry';
import { wasmRuntime } from '../engine/orbit';
import type { Scenario } from '../engine/scenario';

export type WorkerRequest =
  | { type: 'init'; scenario: Scenario; first: number; count: number; grid: RunGrid; chunkSteps: number; skipFar: boolean }
  | { type: 'buffer'; id: number; fields: ChunkFields }
  | { type: 'compute'; id: number; n0: number; steps: number }
  | { type: 'finish' };

export type WorkerReply = { type: 'ok' } | { type: 'finished'; result: GeometryResult } | { type: 'error'; message: string };

let kernel: GeometryKernel | undefined;
const buffers = new Map<number, ChunkFields>();

async function handle(req: WorkerRequest): Promise<WorkerReply> {
  switch (req.type) {
    case 'init': {
      const sats = buildSatellites(req.scenario).satellites.slice(req.first, req.first + req.count);
      kernel = new GeometryKernel(req.scenario, sats.map((s) => s.satrec), req.first, req.grid, await wasmRuntime(), req.chunkSteps, req.skipFar);
      return { type: 'ok' };
    }
    case 'buffer':
      buffers.set(req.id, req.fields);
      return { type: 'ok' };
    case 'compute': {
      const f = buffers.get(req.id);
      if (!kernel || !f) throw new Error('compute before init');
      kernel.run(req.n0, req.steps, f);
      return { type: 'ok' };
    }
    case 'finish': {
      if (!kernel) throw new Error('finish before init');
      const result = kernel.finish();
      kernel.dispose();
      kernel = undefined;
      return { type: 'finished', result };
    }
  }
}

parentPort?.on('message', (req: WorkerRequest) => {
  handle(req).then(
    (reply) => {
      // Event columns and state move to the coordinator without a copy.
      const transfer = reply.type === 'finished' ? [...Object.values(reply.result.events), reply.result.status, reply.result.failedAtMs].map((a) => a.buffer as ArrayBuffer) : [];
      parentPort?.postMessage(reply, transfer);
    },
    (e: unknown) => parentPort?.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) }),
  );
});
