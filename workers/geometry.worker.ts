/// <reference lib="webworker" />
/** Web Worker entry of the browser geometry pool: a thin wrapper around the engine's GeometryHost. */
import { GeometryHost, replyTransferables, type GeometryRequest } from '../src/engine/geometry-host';

const host = new GeometryHost();
self.onmessage = (e: MessageEvent<GeometryRequest>) => {
  void host.handle(e.data).then((reply) => self.postMessage(reply, replyTransferables(reply)));
};
