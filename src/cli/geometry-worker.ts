/** worker_threads entry: a thin wrapper around the engine's GeometryHost. */
import { parentPort } from 'node:worker_threads';
import { GeometryHost, replyTransferables, type GeometryRequest } from '../engine/geometry-host';

const host = new GeometryHost();
parentPort?.on('message', (req: GeometryRequest) => {
  void host.handle(req).then((reply) => parentPort?.postMessage(reply, replyTransferables(reply)));
});
