/**
 * Browser adapter of the geometry pool: Web Workers (spawned from the analysis
 * worker) sharing chunk buffers through SharedArrayBuffer. Needs a
 * cross-origin-isolated page (COOP/COEP, served by vite.config.ts); otherwise
 * callers stay on the single-thread path.
 */
import type { GeometryReply } from '../src/engine/geometry-host';
import { poolGeometry, type GeometryEndpoint } from '../src/engine/geometry-pool';
import type { GeometrySourceFactory } from '../src/engine/simulation';

function spawnWebWorker(): GeometryEndpoint {
  const worker = new Worker(new URL('./geometry.worker.ts', import.meta.url), { type: 'module' });
  return {
    post: (req) => worker.postMessage(req),
    listen(onReply, onFatal) {
      worker.onmessage = (e: MessageEvent<GeometryReply>) => onReply(e.data);
      worker.onerror = (e) => onFatal(new Error(`geometry worker failed: ${e.message}`));
    },
    terminate: () => worker.terminate(),
  };
}

/** True when SharedArrayBuffers can be shared with workers here. */
export function canShareMemory(): boolean {
  return typeof SharedArrayBuffer === 'function' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
}

/** Phase A on `workers` Web Workers, or undefined (single thread) when memory cannot be shared. */
export function browserGeometry(workers: number): GeometrySourceFactory | undefined {
  if (workers < 2 || !canShareMemory()) return undefined;
  return poolGeometry(spawnWebWorker, workers);
}
