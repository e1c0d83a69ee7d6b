/** worker_threads entry: a thin wrapper around the engine's GeometryHost; an engine process, so deterministic Math first (like the CLI's main()). */
import { parentPort } from 'node:worker_threads';
import { installDeterministicMath } from '../engine/core/det-math/install';
import { GeometryHost, replyTransferables, type GeometryRequest } from '../engine/run/geometry-host';

installDeterministicMath();

const host = new GeometryHost();
parentPort?.on('message', (req: GeometryRequest) => {
  void host.handle(req).then((reply) => parentPort?.postMessage(reply, replyTransferables(reply)));
});
