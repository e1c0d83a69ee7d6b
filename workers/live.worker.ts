/// <reference lib="webworker" />
/**
 * Live-view worker: a thin comlink wrapper over createLiveApi(). Frame
 * buffers come in transferred and go back transferred (ping-pong, no
 * copies); a stream writes into SharedArrayBuffers the page shares with it.
 */
import * as Comlink from 'comlink';
import { createLiveApi, liveTransferables } from './live-api';
import type { LiveApi } from './protocol';

const impl = createLiveApi();

const exposed: LiveApi = {
  async setScenario(scenario, seq) {
    const info = await impl.setScenario(scenario, seq);
    return Comlink.transfer(info, [info.epochMs.buffer as ArrayBuffer]);
  },
  async frame(timeMs, selected, buffers) {
    const f = await impl.frame(timeMs, selected, buffers);
    return Comlink.transfer(f, liveTransferables(f));
  },
  stream(shared, seq) {
    return impl.stream(shared, seq);
  },
  async track(index, timeMs, samples) {
    const t = await impl.track(index, timeMs, samples);
    return t ? Comlink.transfer(t, [t.buffer as ArrayBuffer]) : null;
  },
  async groundTrack(index, timeMs, samples, periods) {
    const g = await impl.groundTrack(index, timeMs, samples, periods);
    return g ? Comlink.transfer(g, [g.latDeg.buffer as ArrayBuffer, g.lonDeg.buffer as ArrayBuffer]) : null;
  },
};

Comlink.expose(exposed);
