/**
 * Page side of the live-view worker. Two ways to get instants (every
 * satellite's position, velocity and flags at one sim time):
 *
 * - stream (cross-origin-isolated pages): the worker computes instants ahead
 *   of the page's clock into shared slots (workers/live-stream.ts). Once per
 *   display frame the page writes its clock, claims the newest instant if
 *   there is one and keeps the last LIVE_HELD; view(t) returns the two around
 *   sim time t and the fraction between them, which the satellite layer
 *   interpolates on the GPU. Nothing is posted, copied or allocated per frame.
 * - frames (fallback): one request in flight at a time; buffers ping-pong:
 *   the page transfers a spare set, the worker fills it and transfers it
 *   back; the newest is shown as it is.
 */
import * as Comlink from 'comlink';
import type { Scenario } from '../engine/input/scenario';
import {
  LIVE_CTRL,
  LIVE_HELD,
  LIVE_META,
  LIVE_META_SIZE,
  MAX_LINK_PAIRS,
  type LiveApi,
  type LiveBuffers,
  type LiveFrame,
  type LiveScenarioInfo,
  type LiveShared,
  type SelectedState,
} from '../../workers/protocol';
import { allocateLiveShared, writeClock, type ClockModel } from '../../workers/live-stream';
import type { GroundTrackData } from '../engine/live/ground-track';

export type LiveRemote = Pick<Comlink.Remote<LiveApi>, 'setScenario' | 'frame' | 'track'> & Partial<Pick<Comlink.Remote<LiveApi>, 'stream' | 'groundTrack'>>;
export type { ClockModel } from '../../workers/live-stream';

export function spawnLiveWorker(): { worker: Worker; api: LiveRemote } {
  const worker = new Worker(new URL('../../workers/live.worker.ts', import.meta.url), { type: 'module', name: 'live' });
  return { worker, api: Comlink.wrap<LiveApi>(worker) };
}

export function allocateBuffers(count: number): LiveBuffers {
  return {
    pos: new Float32Array(3 * count),
    vel: new Float32Array(3 * count),
    flags: new Uint8Array(count),
    links: new Int32Array(2 * MAX_LINK_PAIRS),
    islRateGbps: new Float32Array(MAX_LINK_PAIRS),
  };
}

/** True when this page can share memory with its workers (COOP/COEP served). */
export function canShareMemory(): boolean {
  return typeof SharedArrayBuffer === 'function' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
}

/** One computed instant of every satellite, as the page holds it. */
export interface LiveState extends LiveBuffers {
  /** Ring slot (stream) or -1 (frame replies). */
  slot: number;
  /** Changes whenever the arrays get new contents (the layer uploads again). */
  version: number;
  timeMs: number;
  epoch: number;
  contactLinks: number;
  islLinks: number;
  /** Rate scale of the ISLs (Gbps; 0 without links). */
  islRateLowGbps: number;
  islRateCapGbps: number;
  gmstRad: number;
  sunDir: [number, number, number];
  selected: SelectedState | null;
}

/** What to draw at one sim time: between instants a and b (a === b: b as it is). */
export interface LiveView {
  a: LiveState;
  b: LiveState;
  /** 0 at a … 1 at b. */
  u: number;
  /** b − a (s); 0 when a === b. */
  dtS: number;
}

/**
 * Longest gap between two instants that is interpolated (s of sim time; a
 * fifth of a low orbit, where the cubic Hermite between the instants' states
 * is still within tens of km). Beyond it the nearer instant is shown.
 */
export const MAX_INTERPOLATION_S = 1200;

function emptyState(slot: number, b: LiveBuffers): LiveState {
  return { ...b, slot, version: 0, timeMs: Number.NaN, epoch: -1, contactLinks: 0, islLinks: 0, islRateLowGbps: 0, islRateCapGbps: 0, gmstRad: 0, sunDir: [1, 0, 0], selected: null };
}

export class LiveClient {
  private seq = -1;
  private count = 0;
  private pendingSetup: Promise<LiveScenarioInfo> | undefined;
  // stream
  private shared: LiveShared | undefined;
  private slotStates: LiveState[] = [];
  private held: LiveState[] = [];
  private lastPub = 0;
  private readonly lastClock: ClockModel = { timeMs: Number.NaN, wallMs: 0, warp: 0, playing: false, startMs: 0, endMs: 0, epoch: -1 };
  private lastSelected = -2;
  // frames (fallback)
  private spare: LiveBuffers | undefined;
  private inFlight = false;
  private ready: LiveFrame | undefined;
  private current: LiveState | undefined;
  private requestedTime = Number.NaN;
  private requestedSelected = -2;
  private readonly out: LiveView = { a: undefined as unknown as LiveState, b: undefined as unknown as LiveState, u: 1, dtS: 0 };
  onError: (e: unknown) => void = () => {};

  constructor(
    private readonly api: LiveRemote,
    private readonly transfer: <T>(value: T, buffers: Transferable[]) => T = Comlink.transfer,
    private readonly useStream = canShareMemory(),
  ) {}

  /** Sets the scenario; the promise resolves with its info once it is current (null when superseded). */
  async setScenario(scenario: Scenario, seq: number): Promise<LiveScenarioInfo | null> {
    this.seq = seq;
    this.stopStream();
    const p = this.api.setScenario(scenario, seq);
    this.pendingSetup = p;
    const info = await p;
    if (info.seq !== this.seq) return null;
    this.pendingSetup = undefined;
    this.count = info.count;
    this.held = [];
    this.current = undefined;
    this.ready = undefined;
    this.requestedTime = Number.NaN;
    this.lastClock.timeMs = Number.NaN;
    if (this.useStream && this.api.stream) {
      const sh = allocateLiveShared(info.count);
      this.shared = sh;
      this.slotStates = sh.slots.map((b, s) => emptyState(s, b));
      this.lastPub = 0;
      this.lastSelected = -2;
      const started = await this.api.stream(sh, seq);
      if (!started && this.shared === sh) this.stopStream();
    }
    if (!this.shared) this.spare = allocateBuffers(info.count);
    return info;
  }

  get currentSeq(): number {
    return this.seq;
  }

  /** Whether instants come through the shared stream. */
  get streaming(): boolean {
    return this.shared !== undefined;
  }

  private stopStream(): void {
    if (this.shared) Atomics.store(this.shared.control, LIVE_CTRL.stop, 1);
    this.shared = undefined;
    this.slotStates = [];
  }

  /**
   * Once per display frame: hands the clock and the selection to the worker
   * and takes in what it computed. Returns true when a new instant arrived.
   */
  update(clock: ClockModel, selected: number): boolean {
    if (this.pendingSetup) return false;
    return this.shared ? this.updateStream(this.shared, clock, selected) : this.updateFrames(clock, selected);
  }

  private updateStream(sh: LiveShared, clock: ClockModel, selected: number): boolean {
    const c = this.lastClock;
    if (
      selected !== this.lastSelected ||
      clock.timeMs !== c.timeMs ||
      clock.playing !== c.playing ||
      clock.warp !== c.warp ||
      clock.epoch !== c.epoch ||
      clock.startMs !== c.startMs ||
      clock.endMs !== c.endMs
    ) {
      Object.assign(c, clock);
      this.lastSelected = selected;
      Atomics.store(sh.control, LIVE_CTRL.selected, selected);
      writeClock(sh, clock);
    }
    const ctrl = sh.control;
    const pub = Atomics.load(ctrl, LIVE_CTRL.pubSeq);
    if (pub === this.lastPub) return false;
    this.lastPub = pub;
    const slot = Atomics.load(ctrl, LIVE_CTRL.latest);
    const st = this.slotStates[slot];
    if (st) {
      this.readMeta(sh.meta, st);
      // Keep the newest LIVE_HELD instants of the new one's epoch, by time.
      const held = this.held.filter((h) => h.epoch === st.epoch && h.timeMs !== st.timeMs && h !== st);
      held.push(st);
      held.sort((x, y) => x.timeMs - y.timeMs);
      while (held.length > LIVE_HELD) held.shift();
      this.held = held;
    }
    for (let h = 0; h < LIVE_HELD; h++) Atomics.store(ctrl, LIVE_CTRL.held + h, this.held[h] ? this.held[h].slot : -1);
    Atomics.store(ctrl, LIVE_CTRL.ackSeq, pub);
    Atomics.notify(ctrl, LIVE_CTRL.ackSeq);
    return st !== undefined;
  }

  private readMeta(meta: Float64Array, st: LiveState): void {
    const o = st.slot * LIVE_META_SIZE;
    st.version++;
    st.timeMs = meta[o + LIVE_META.timeMs];
    st.epoch = meta[o + LIVE_META.epoch];
    st.gmstRad = meta[o + LIVE_META.gmstRad];
    st.sunDir[0] = meta[o + LIVE_META.sunX];
    st.sunDir[1] = meta[o + LIVE_META.sunY];
    st.sunDir[2] = meta[o + LIVE_META.sunZ];
    st.contactLinks = meta[o + LIVE_META.contactLinks];
    st.islLinks = meta[o + LIVE_META.islLinks];
    st.islRateLowGbps = meta[o + LIVE_META.islRateLowGbps];
    st.islRateCapGbps = meta[o + LIVE_META.islRateCapGbps];
    const sel = meta[o + LIVE_META.selIndex];
    st.selected =
      sel >= 0
        ? {
            index: sel,
            latDeg: meta[o + LIVE_META.selLatDeg],
            lonDeg: meta[o + LIVE_META.selLonDeg],
            altitudeKm: meta[o + LIVE_META.selAltitudeKm],
            speedKmS: meta[o + LIVE_META.selSpeedKmS],
            illumination: meta[o + LIVE_META.selIllumination],
          }
        : null;
  }

  private updateFrames(clock: ClockModel, selected: number): boolean {
    let arrived = false;
    const f = this.take();
    if (f) {
      arrived = true;
      const prev = this.current;
      const cur = (this.current = prev ?? emptyState(-1, f));
      if (!prev) this.spare ??= allocateBuffers(this.count);
      else {
        this.recycle({ pos: prev.pos, vel: prev.vel, flags: prev.flags, links: prev.links, islRateGbps: prev.islRateGbps });
        cur.pos = f.pos;
        cur.vel = f.vel;
        cur.flags = f.flags;
        cur.links = f.links;
        cur.islRateGbps = f.islRateGbps;
      }
      cur.timeMs = f.timeMs;
      cur.epoch = clock.epoch;
      cur.contactLinks = f.contactLinks;
      cur.islLinks = f.islLinks;
      cur.islRateLowGbps = f.islRateLowGbps;
      cur.islRateCapGbps = f.islRateCapGbps;
      cur.gmstRad = f.gmstRad;
      cur.sunDir = f.sunDir;
      cur.selected = f.selected;
      cur.version++;
    }
    if ((clock.timeMs !== this.requestedTime || selected !== this.requestedSelected) && this.request(clock.timeMs, selected)) {
      this.requestedTime = clock.timeMs;
      this.requestedSelected = selected;
    }
    return arrived;
  }

  /** The instants around sim time `timeMs` (the same object each call), or null before the first. */
  view(timeMs: number): LiveView | null {
    const out = this.out;
    const h = this.held;
    if (!this.shared) {
      if (!this.current) return null;
      out.a = out.b = this.current;
      out.u = 1;
      out.dtS = 0;
      return out;
    }
    if (h.length === 0) return null;
    let a = h[h.length - 1];
    let b = a;
    if (timeMs <= h[0].timeMs) a = b = h[0];
    else {
      for (let i = 0; i + 1 < h.length; i++) {
        if (timeMs <= h[i + 1].timeMs) {
          a = h[i];
          b = h[i + 1];
          break;
        }
      }
    }
    const dtS = (b.timeMs - a.timeMs) / 1000;
    if (a === b || !(dtS > 0) || dtS > MAX_INTERPOLATION_S) {
      const near = a !== b && timeMs - a.timeMs < b.timeMs - timeMs ? a : b;
      out.a = out.b = near;
      out.u = 1;
      out.dtS = 0;
    } else {
      out.a = a;
      out.b = b;
      out.u = Math.min(1, Math.max(0, (timeMs - a.timeMs) / (b.timeMs - a.timeMs)));
      out.dtS = dtS;
    }
    return out;
  }

  /** Asks for a frame at `timeMs` unless one is in flight; returns whether a request was sent (frames mode). */
  request(timeMs: number, selected: number): boolean {
    if (this.inFlight || this.pendingSetup || !this.spare) return false;
    const b = this.spare;
    this.spare = undefined;
    this.inFlight = true;
    this.api.frame(timeMs, selected, this.transfer(b, [b.pos.buffer, b.vel.buffer, b.flags.buffer, b.links.buffer, b.islRateGbps.buffer])).then(
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

  /** The newest frame that arrived since the last call, if any (frames mode). */
  take(): LiveFrame | undefined {
    const f = this.ready;
    this.ready = undefined;
    return f;
  }

  /** Returns arrays the page no longer needs for reuse (frames mode). */
  recycle(b: LiveBuffers): void {
    if (b.pos.length === 3 * this.count && b.vel.length === 3 * this.count && b.flags.length === this.count) this.spare = b;
  }

  get busy(): boolean {
    return this.inFlight;
  }

  track(index: number, timeMs: number, samples: number): Promise<Float32Array | null> {
    return this.api.track(index, timeMs, samples);
  }

  /** Sub-satellite points over `periods` orbits around `timeMs` (null when the worker lacks them). */
  groundTrack(index: number, timeMs: number, samples: number, periods: number): Promise<GroundTrackData | null> {
    return this.api.groundTrack ? this.api.groundTrack(index, timeMs, samples, periods) : Promise.resolve(null);
  }
}
