/**
 * Page side of the live-view worker. One frame request in flight at a time;
 * buffers ping-pong: the page transfers a spare set, the worker fills it and
 * transfers it back, the satellite layer swaps it in and the arrays it held
 * become the next spare. Nothing is allocated per frame except on a
 * scenario change.
 */
import * as Comlink from 'comlink';
import type { Scenario } from '../engine/scenario';
import { MAX_LINK_PAIRS, type LiveApi, type LiveBuffers, type LiveFrame, type LiveScenarioInfo } from '../../workers/protocol';

export type LiveRemote = Pick<Comlink.Remote<LiveApi>, 'setScenario' | 'frame' | 'track'>;

export function spawnLiveWorker(): { worker: Worker; api: LiveRemote } {
  const worker = new Worker(new URL('../../workers/live.worker.ts', import.meta.url), { type: 'module', name: 'live' });
  return { worker, api: Comlink.wrap<LiveApi>(worker) };
}

export function allocateBuffers(count: number): LiveBuffers {
  return { pos: new Float32Array(3 * count), flags: new Uint8Array(count), links: new Int32Array(2 * MAX_LINK_PAIRS) };
}

export class LiveClient {
  private spare: LiveBuffers | undefined;
  private inFlight = false;
  private ready: LiveFrame | undefined;
  private seq = -1;
  private count = 0;
  private pendingSetup: Promise<LiveScenarioInfo> | undefined;
  onError: (e: unknown) => void = () => {};

  constructor(
    private readonly api: LiveRemote,
    private readonly transfer: <T>(value: T, buffers: Transferable[]) => T = Comlink.transfer,
  ) {}

  /** Sets the scenario; the promise resolves with its info once it is current. */
  async setScenario(scenario: Scenario, seq: number): Promise<LiveScenarioInfo | null> {
    this.seq = seq;
    const p = this.api.setScenario(scenario, seq);
    this.pendingSetup = p;
    const info = await p;
    if (info.seq !== this.seq) return null;
    this.pendingSetup = undefined;
    this.count = info.count;
    this.spare = allocateBuffers(info.count);
    this.ready = undefined;
    return info;
  }

  get currentSeq(): number {
    return this.seq;
  }

  /** Asks for a frame at `timeMs` unless one is in flight; returns whether a request was sent. */
  request(timeMs: number, selected: number): boolean {
    if (this.inFlight || this.pendingSetup || !this.spare) return false;
    const b = this.spare;
    this.spare = undefined;
    this.inFlight = true;
    this.api.frame(timeMs, selected, this.transfer(b, [b.pos.buffer, b.flags.buffer, b.links.buffer])).then(
      (f) => {
        this.inFlight = false;
        if (f.seq === this.seq && f.pos.length === 3 * this.count) this.ready = f;
        else if (!this.spare && this.count * 3 === f.pos.length) this.spare = f;
        if (!this.spare && !this.ready) this.spare = allocateBuffers(this.count);
      },
      (e: unknown) => {
        this.inFlight = false;
        this.spare ??= allocateBuffers(this.count);
        this.onError(e);
      },
    );
    return true;
  }

  /** The newest frame that arrived since the last call, if any. */
  take(): LiveFrame | undefined {
    const f = this.ready;
    this.ready = undefined;
    return f;
  }

  /** Returns arrays the page no longer needs (the ones swapped out of the layer) for reuse. */
  recycle(pos: Float32Array, flags: Uint8Array, links: Int32Array): void {
    if (pos.length === 3 * this.count && flags.length === this.count) this.spare = { pos, flags, links };
  }

  get busy(): boolean {
    return this.inFlight;
  }

  track(index: number, timeMs: number, samples: number): Promise<Float32Array | null> {
    return this.api.track(index, timeMs, samples);
  }
}
