/**
 * The shared live stream's memory and its small protocol (DOM-free: used by
 * the live worker and by the page's LiveClient; unit-tested in Node).
 *
 * Ring of LIVE_SLOTS slots, each one instant of every satellite (positions,
 * velocities, flags, link pairs) plus a metadata row. The worker fills a free
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
 * has an instant on each side of its clock).
 */
import {
  LIVE_CLOCK,
  LIVE_CLOCK_SIZE,
  LIVE_CTRL,
  LIVE_CTRL_SIZE,
  LIVE_HELD,
  LIVE_META_SIZE,
  LIVE_SLOTS,
  MAX_LINK_PAIRS,
  type LiveBuffers,
  type LiveShared,
} from './protocol';

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
