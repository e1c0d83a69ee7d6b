/** worker_threads entry: a thin wrapper around the engine's GeometryHost, with deterministic Math (like the CLI process). */
import { parentPort } from 'node:worker_threads';
import { installDeterministicMath } from '../engine/core/det-math';
import { GeometryHost, replyTransferables, type GeometryRequest } from '../engine/run/geometry-host';

installDeterministicMath();

const host = new GeometryHost();
parentPort?.on('message', (req: GeometryRequest) => {
  void host.handle(req).then((reply) => parentPort?.postMessage(reply, replyTransferables(reply)));
});
