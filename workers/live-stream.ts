/**
 * The shared live stream's memory and its small protocol (DOM-free: used by
 * the live worker and by the page's LiveClient; unit-tested in Node).
 *
 * Ring of LIVE_SLOTS slots, each one instant of every satellite (positions,
 * velocities, flags, link pairs, link rates) plus a metadata row. The worker fills a free
 * slot, writes its metadata, then stores `latest` and increments `pubSeq`,
 * and writes nothing more until the page has acknowledged that publication.
 * The page, once per display frame, claims the newest slot if `pubSeq`
 * moved: it writes the slots it now holds into `held` and then stores
 * `ackSeq = pubSeq`. A slot is free for the worker when it is neither held
 * nor the newest, so neither side ever reads a slot the other is writing,
 * without locks.
 *
 * The clock cells (the page's SimClock anchored at a wall time) are written
 * by the page under a seqlock; the worker extrapolates them to choose the sim
 * times of the instants it computes (ahead of the page, so the page always
 * has an instant on each side of its clock): streamInstants().
 */
import type { InstantInfo } from '../src/engine/live/instant';
import {
  LIVE_CLOCK,
  LIVE_CLOCK_SIZE,
  LIVE_CTRL,
  LIVE_CTRL_SIZE,
  LIVE_HELD,
  LIVE_META,
  LIVE_META_SIZE,
  LIVE_SLOTS,
  MAX_LINK_PAIRS,
  type LiveBuffers,
  type LiveShared,
} from './protocol';

/**
 * Streamed instants lead the page's clock by this many publication intervals,
 * so the page holds one on each side of its clock (it keeps three) with half
 * an interval of slack either way.
 */
export const STREAM_LEAD = 1.5;

/**
 * While playing, instants are at least this far apart in wall time (the GPU
 * interpolates between them; fewer instants leave cores to the analysis),
 * unless that would put them more than STREAM_MAX_GAP_MS of sim time apart.
 */
export const STREAM_MIN_INTERVAL_MS = 50;
export const STREAM_MAX_GAP_MS = 600_000;

/** The page's sim clock as the worker sees it. */
export interface ClockModel {
  timeMs: number;
  /** Wall time (wallNow() scale) at which timeMs held. */
  wallMs: number;
  warp: number;
  playing: boolean;
  startMs: number;
  endMs: number;
  epoch: number;
}

/** A wall clock with the same origin in the page and in its workers (ms). */
export function wallNow(): number {
  return performance.timeOrigin + performance.now();
}

export function allocateLiveShared(count: number): LiveShared {
  const n = Math.max(0, count);
  const control = new Int32Array(new SharedArrayBuffer(4 * LIVE_CTRL_SIZE));
  control[LIVE_CTRL.latest] = -1;
  for (let h = 0; h < LIVE_HELD; h++) control[LIVE_CTRL.held + h] = -1;
  control[LIVE_CTRL.selected] = -1;
  const slots: LiveBuffers[] = [];
  for (let s = 0; s < LIVE_SLOTS; s++) {
    slots.push({
      pos: new Float32Array(new SharedArrayBuffer(12 * n)),
      vel: new Float32Array(new SharedArrayBuffer(12 * n)),
      flags: new Uint8Array(new SharedArrayBuffer(Math.max(1, n))).subarray(0, n),
      links: new Int32Array(new SharedArrayBuffer(8 * MAX_LINK_PAIRS)),
      islRateGbps: new Float32Array(new SharedArrayBuffer(4 * MAX_LINK_PAIRS)),
    });
  }
  return {
    count: n,
    control,
    clock: new Float64Array(new SharedArrayBuffer(8 * LIVE_CLOCK_SIZE)),
    meta: new Float64Array(new SharedArrayBuffer(8 * LIVE_META_SIZE * LIVE_SLOTS)),
    slots,
  };
}

/** Page side: publishes the clock (seqlock: the sequence is odd while writing). */
export function writeClock(sh: LiveShared, c: ClockModel): void {
  const ctrl = sh.control;
  const k = sh.clock;
  Atomics.add(ctrl, LIVE_CTRL.clockSeq, 1);
  k[LIVE_CLOCK.timeMs] = c.timeMs;
  k[LIVE_CLOCK.wallMs] = c.wallMs;
  k[LIVE_CLOCK.warp] = c.warp;
  k[LIVE_CLOCK.playing] = c.playing ? 1 : 0;
  k[LIVE_CLOCK.startMs] = c.startMs;
  k[LIVE_CLOCK.endMs] = c.endMs;
  k[LIVE_CLOCK.epoch] = c.epoch;
  Atomics.add(ctrl, LIVE_CTRL.clockSeq, 1);
  Atomics.notify(ctrl, LIVE_CTRL.clockSeq);
}

/** Worker side: reads a consistent clock into `out`; false when none was written yet or a write was in progress. */
export function readClock(sh: LiveShared, out: ClockModel): boolean {
  const ctrl = sh.control;
  const k = sh.clock;
  const s0 = Atomics.load(ctrl, LIVE_CTRL.clockSeq);
  if (s0 === 0 || s0 & 1) return false;
  out.timeMs = k[LIVE_CLOCK.timeMs];
  out.wallMs = k[LIVE_CLOCK.wallMs];
  out.warp = k[LIVE_CLOCK.warp];
  out.playing = k[LIVE_CLOCK.playing] === 1;
  out.startMs = k[LIVE_CLOCK.startMs];
  out.endMs = k[LIVE_CLOCK.endMs];
  out.epoch = k[LIVE_CLOCK.epoch];
  return Atomics.load(ctrl, LIVE_CTRL.clockSeq) === s0;
}

/** Sim time of clock `c` at wall time `wallMs` (it runs at warp while playing, within the horizon). */
export function predictTime(c: ClockModel, wallMs: number): number {
  const t = c.playing ? c.timeMs + c.warp * Math.max(0, wallMs - c.wallMs) : c.timeMs;
  return Math.min(c.endMs, Math.max(c.startMs, t));
}

/** Worker side: a slot the worker may write now (neither held by the page nor the newest), or -1. */
export function freeSlot(sh: LiveShared): number {
  const ctrl = sh.control;
  const latest = Atomics.load(ctrl, LIVE_CTRL.latest);
  for (let s = 0; s < LIVE_SLOTS; s++) {
    let busy = s === latest;
    for (let h = 0; h < LIVE_HELD && !busy; h++) busy = Atomics.load(ctrl, LIVE_CTRL.held + h) === s;
    if (!busy) return s;
  }
  return -1;
}

/** Resolves when control cell `index` no longer holds `value`, or after `timeoutMs`. */
export function waitChange(ctrl: Int32Array, index: number, value: number, timeoutMs: number): Promise<void> {
  const w = (Atomics as unknown as { waitAsync?: (a: Int32Array, i: number, v: number, t: number) => { async: boolean; value: Promise<string> | string } }).waitAsync;
  if (w) {
    const r = w(ctrl, index, value, timeoutMs);
    return r.async ? (r.value as Promise<string>).then(() => undefined) : Promise.resolve();
  }
  return new Promise((resolve) => setTimeout(resolve, Math.min(timeoutMs, 4)));
}

/** Worker side: writes an instant's info into slot `slot`'s metadata row. */
export function writeMeta(meta: Float64Array, slot: number, timeMs: number, epoch: number, pub: number, info: InstantInfo): void {
  const o = slot * LIVE_META_SIZE;
  meta[o + LIVE_META.timeMs] = timeMs;
  meta[o + LIVE_META.epoch] = epoch;
  meta[o + LIVE_META.pub] = pub;
  meta[o + LIVE_META.gmstRad] = info.gmstRad;
  meta[o + LIVE_META.sunX] = info.sunDir[0];
  meta[o + LIVE_META.sunY] = info.sunDir[1];
  meta[o + LIVE_META.sunZ] = info.sunDir[2];
  meta[o + LIVE_META.contactLinks] = info.contactLinks;
  meta[o + LIVE_META.islLinks] = info.islLinks;
  meta[o + LIVE_META.islRateLowGbps] = info.islRateLowGbps;
  meta[o + LIVE_META.islRateCapGbps] = info.islRateCapGbps;
  const sel = info.selected;
  meta[o + LIVE_META.selIndex] = sel ? sel.index : -1;
  meta[o + LIVE_META.selLatDeg] = sel ? sel.latDeg : 0;
  meta[o + LIVE_META.selLonDeg] = sel ? sel.lonDeg : 0;
  meta[o + LIVE_META.selAltitudeKm] = sel ? sel.altitudeKm : 0;
  meta[o + LIVE_META.selSpeedKmS] = sel ? sel.speedKmS : 0;
  meta[o + LIVE_META.selIllumination] = sel ? sel.illumination : 0;
}

/** Fills `slot` with every satellite at `timeMs` (selected satellite `selected`, -1: none). */
export type ComputeInstant = (timeMs: number, selected: number, slot: LiveBuffers) => InstantInfo;

/**
 * Worker side, the stream: while playing, each instant is computed for where
 * the page's clock will be STREAM_LEAD publication intervals from now;
 * paused, for the clock's time, once (again when the time, epoch or
 * selection changes). At most one publication waits for the page's
 * acknowledgement, so the stream runs at the page's frame rate or the
 * compute rate, whichever is lower. Ends when `running()` turns false or the
 * page sets the stop cell.
 */
export async function streamInstants(sh: LiveShared, compute: ComputeInstant, running: () => boolean): Promise<void> {
  const ctrl = sh.control;
  const clock: ClockModel = { timeMs: 0, wallMs: 0, warp: 1, playing: false, startMs: 0, endMs: 0, epoch: 0 };
  let pub = Atomics.load(ctrl, LIVE_CTRL.pubSeq);
  let lastTime = Number.NaN;
  let lastEpoch = Number.NaN;
  let lastSelected = -2;
  let lastPubWall = Number.NaN;
  let intervalMs = 40;
  const alive = () => running() && Atomics.load(ctrl, LIVE_CTRL.stop) === 0;
  while (alive()) {
    const ack = Atomics.load(ctrl, LIVE_CTRL.ackSeq);
    if (ack !== pub) {
      // Wait for the page to take the last instant in.
      await waitChange(ctrl, LIVE_CTRL.ackSeq, ack, 250);
      continue;
    }
    const slot = freeSlot(sh);
    const clockSeq = Atomics.load(ctrl, LIVE_CTRL.clockSeq);
    if (slot < 0 || !readClock(sh, clock)) {
      await waitChange(ctrl, LIVE_CTRL.clockSeq, clockSeq, 100);
      continue;
    }
    const selected = Atomics.load(ctrl, LIVE_CTRL.selected);
    const now = wallNow();
    const tNow = predictTime(clock, now);
    const same = clock.epoch === lastEpoch && selected === lastSelected;
    let target = tNow;
    if (clock.playing && tNow < clock.endMs) target = Math.min(clock.endMs, tNow + clock.warp * STREAM_LEAD * intervalMs);
    else if (same && lastTime === target) {
      // Paused and already published: wait for the page to move the clock or the selection.
      await waitChange(ctrl, LIVE_CTRL.clockSeq, clockSeq, 500);
      continue;
    }
    if (clock.playing && same && Number.isFinite(lastPubWall)) {
      const minInterval = Math.min(STREAM_MIN_INTERVAL_MS, STREAM_MAX_GAP_MS / Math.max(1, clock.warp));
      const wait = lastPubWall + minInterval - now;
      if (wait > 1) {
        await new Promise((r) => setTimeout(r, wait));
        continue;
      }
    }
    const info = compute(target, selected, sh.slots[slot]);
    if (!alive()) break;
    pub++;
    writeMeta(sh.meta, slot, target, clock.epoch, pub, info);
    Atomics.store(ctrl, LIVE_CTRL.latest, slot);
    Atomics.store(ctrl, LIVE_CTRL.pubSeq, pub);
    const wall = wallNow();
    if (Number.isFinite(lastPubWall) && clock.playing && same) intervalMs += 0.25 * (Math.min(1000, wall - lastPubWall) - intervalMs);
    lastPubWall = wall;
    lastTime = target;
    lastEpoch = clock.epoch;
    lastSelected = selected;
  }
}
