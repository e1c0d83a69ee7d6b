/// <reference lib="webworker" />
/** Web Worker entry of the browser geometry pool: a thin wrapper around the engine's GeometryHost; an engine process, so deterministic Math first (like the analysis worker). */
import { installDeterministicMath } from '../src/engine/core/det-math/install';
import { GeometryHost, replyTransferables, type GeometryRequest } from '../src/engine/run/geometry-host';

installDeterministicMath();

const host = new GeometryHost();
self.onmessage = (e: MessageEvent<GeometryRequest>) => {
  void host.handle(e.data).then((reply) => self.postMessage(reply, replyTransferables(reply)));
};
