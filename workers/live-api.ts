/**
 * The live-view worker's one exposed object (DOM-free, unit-tested in Node):
 * positions, velocities, eclipse and station visibility of every satellite
 * at one sim time ("an instant"), either written into buffers the page hands
 * over and gets back (frame), or streamed ahead of the page's clock into a
 * ring of shared slots (stream; see live-stream.ts). Bulk SGP4 via the
 * engine's WASM ChunkPropagator (one time per call); the selected
 * satellite's orbit track via the JS SGP4.
 *
 * Frame: TEME (km) → scene (x, z, −y) / R⊕ (see protocol.ts LIVE_FRAME).
 */
import { eciToGeodetic } from 'satellite.js';
import { buildSatellites, type SatelliteSpec } from '../src/engine/input/constellation';
import { EARTH_RADIUS_KM, RAD } from '../src/engine/core/constants';
import { lineOfSight, sinElevation, stationArrays, type StationArrays } from '../src/engine/network/stations';
import { ChunkPropagator, propagateAt, satrecEpochMs, wasmRuntime } from '../src/engine/orbit/propagation';
import type { Scenario } from '../src/engine/input/scenario';
import {
  LIVE_CONTACT,
  LIVE_CTRL,
  LIVE_ECLIPSE,
  LIVE_META,
  LIVE_META_SIZE,
  MAX_LINK_PAIRS,
  type LiveApi,
  type LiveBuffers,
  type LiveFrame,
  type LiveScenarioInfo,
  type LiveShared,
  type SelectedState,
} from './protocol';
import { freeSlot, predictTime, readClock, waitChange, wallNow, type ClockModel } from './live-stream';

/** Inter-satellite links drawn per satellite: the nearest ones in range with line of sight. */
export const ISL_NEIGHBOURS = 4;

interface LiveState {
  seq: number;
  sats: SatelliteSpec[];
  epochs: Float64Array;
  propagator: ChunkPropagator | undefined;
  stations: StationArrays;
  isl: { enabled: boolean; maxRangeKm: number };
  /** Scratch for the ISL neighbour search (allocated once per scenario). */
  posKm: Float64Array;
  ok: Uint8Array;
  cellKey: Float64Array;
  order: Uint32Array;
  sortedKeys: Float64Array;
  nn: Int32Array;
  nnDist: Float64Array;
}

export function allocateLiveBuffers(satellites: number): LiveBuffers {
  return { pos: new Float32Array(3 * satellites), vel: new Float32Array(3 * satellites), flags: new Uint8Array(satellites), links: new Int32Array(2 * MAX_LINK_PAIRS) };
}

export function liveTransferables(b: LiveBuffers): ArrayBuffer[] {
  return [b.pos.buffer as ArrayBuffer, b.vel.buffer as ArrayBuffer, b.flags.buffer as ArrayBuffer, b.links.buffer as ArrayBuffer];
}

/** What an instant holds besides the per-satellite buffers. */
export interface InstantInfo {
  contactLinks: number;
  islLinks: number;
  gmstRad: number;
  sunDir: [number, number, number];
  selected: SelectedState | null;
}

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

export interface LiveApiImpl extends LiveApi {
  dispose(): void;
}

const CELL_SPAN = 4096;

interface StreamJob {
  shared: LiveShared;
  seq: number;
  stopped: boolean;
}

export function createLiveApi(): LiveApiImpl {
  let st: LiveState | undefined;
  let streaming: StreamJob | undefined;
  const times = new Float64Array(1);
  const pv = new Float64Array(6);
  const eci = { x: 0, y: 0, z: 0 };

  function islPairs(s: LiveState, links: Int32Array, first: number): number {
    const N = s.sats.length;
    const rangeKm = s.isl.maxRangeKm;
    const cellKm = Math.max(1e-3, Math.min(rangeKm, 1500));
    const range2 = rangeKm * rangeKm;
    const { posKm, ok, cellKey, order, sortedKeys, nn, nnDist } = s;
    const keyOf = (ix: number, iy: number, iz: number) => ((ix + CELL_SPAN) * 2 * CELL_SPAN + (iy + CELL_SPAN)) * 2 * CELL_SPAN + (iz + CELL_SPAN);
    for (let i = 0; i < N; i++) {
      order[i] = i;
      cellKey[i] = ok[i]
        ? keyOf(Math.floor(posKm[3 * i] / cellKm), Math.floor(posKm[3 * i + 1] / cellKm), Math.floor(posKm[3 * i + 2] / cellKm))
        : -1;
    }
    order.sort((a, b) => cellKey[a] - cellKey[b]);
    for (let i = 0; i < N; i++) sortedKeys[i] = cellKey[order[i]];
    const lowerBound = (key: number): number => {
      let lo = 0;
      let hi = N;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sortedKeys[mid] < key) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const K = ISL_NEIGHBOURS;
    nn.fill(-1);
    nnDist.fill(Number.POSITIVE_INFINITY);
    for (let i = 0; i < N; i++) {
      if (!ok[i]) continue;
      const x = posKm[3 * i];
      const y = posKm[3 * i + 1];
      const z = posKm[3 * i + 2];
      const cx = Math.floor(x / cellKm);
      const cy = Math.floor(y / cellKm);
      const cz = Math.floor(z / cellKm);
      for (let dx = -1; dx <= 1; dx++)
        for (let dy = -1; dy <= 1; dy++)
          for (let dz = -1; dz <= 1; dz++) {
            const key = keyOf(cx + dx, cy + dy, cz + dz);
            for (let p = lowerBound(key); p < N && sortedKeys[p] === key; p++) {
              const j = order[p];
              if (j === i) continue;
              const ex = posKm[3 * j] - x;
              const ey = posKm[3 * j + 1] - y;
              const ez = posKm[3 * j + 2] - z;
              const d2 = ex * ex + ey * ey + ez * ez;
              if (d2 > range2 || d2 >= nnDist[i * K + K - 1]) continue;
              if (!lineOfSight(x, y, z, posKm[3 * j], posKm[3 * j + 1], posKm[3 * j + 2], EARTH_RADIUS_KM)) continue;
              // Insert into the sorted K-list.
              let q = K - 1;
              while (q > 0 && nnDist[i * K + q - 1] > d2) {
                nnDist[i * K + q] = nnDist[i * K + q - 1];
                nn[i * K + q] = nn[i * K + q - 1];
                q--;
              }
              nnDist[i * K + q] = d2;
              nn[i * K + q] = j;
            }
          }
    }
    let count = 0;
    const cap = links.length / 2;
    for (let i = 0; i < N && first + count < cap; i++) {
      for (let q = 0; q < K && first + count < cap; q++) {
        const j = nn[i * K + q];
        if (j < 0) break;
        let emit = j > i;
        if (!emit) {
          emit = true;
          for (let r = 0; r < K; r++) if (nn[j * K + r] === i) emit = false;
        }
        if (emit) {
          links[2 * (first + count)] = i;
          links[2 * (first + count) + 1] = j;
          count++;
        }
      }
    }
    return count;
  }

  function emptyInstant(): InstantInfo {
    return { contactLinks: 0, islLinks: 0, gmstRad: 0, sunDir: [1, 0, 0], selected: null };
  }

  /** Fills `out` with every satellite at `timeMs` (scene frame); allocates only the small returned info. */
  function computeInto(s: LiveState, timeMs: number, selected: number, out: LiveBuffers): InstantInfo {
    const info = emptyInstant();
    if (!s.propagator) return info;
    const N = s.sats.length;
    const { pos, vel, flags, links } = out;
    times[0] = timeMs;
    const chunk = s.propagator.run(times, 1);
    const th = chunk.gmstRad[0];
    const cth = Math.cos(th);
    const sth = Math.sin(th);
    const sx = chunk.sunAu[0];
    const sy = chunk.sunAu[1];
    const sz = chunk.sunAu[2];
    const sn = Math.hypot(sx, sy, sz);
    info.gmstRad = th;
    info.sunDir = [sx / sn, sz / sn, -sy / sn];
    const stations = s.stations;
    const S = stations.count;
    const sinMask = stations.sinMask;
    const cap = links.length / 2;
    const P = chunk.posEciKm;
    const V = chunk.velEciKmS;
    const R = 1 / EARTH_RADIUS_KM;
    let contacts = 0;
    for (let i = 0; i < N; i++) {
      const x = P[3 * i];
      const y = P[3 * i + 1];
      const z = P[3 * i + 2];
      if (chunk.error[i] !== 0 || !(x === x && y === y && z === z)) {
        s.ok[i] = 0;
        pos[3 * i] = 0;
        pos[3 * i + 1] = 0;
        pos[3 * i + 2] = 0;
        vel[3 * i] = 0;
        vel[3 * i + 1] = 0;
        vel[3 * i + 2] = 0;
        flags[i] = 0;
        continue;
      }
      s.ok[i] = 1;
      s.posKm[3 * i] = x;
      s.posKm[3 * i + 1] = y;
      s.posKm[3 * i + 2] = z;
      pos[3 * i] = x * R;
      pos[3 * i + 1] = z * R;
      pos[3 * i + 2] = -y * R;
      vel[3 * i] = V[3 * i] * R;
      vel[3 * i + 1] = V[3 * i + 2] * R;
      vel[3 * i + 2] = -V[3 * i + 1] * R;
      let f = chunk.shadow[i] >= 0.5 ? LIVE_ECLIPSE : 0;
      const xf = x * cth + y * sth;
      const yf = -x * sth + y * cth;
      for (let k = 0; k < S; k++) {
        // sin el ≥ sin mask ⇔ el ≥ mask (no asin per pair).
        if (sinElevation(stations, k, xf, yf, z) >= sinMask[k]) {
          f |= LIVE_CONTACT;
          if (contacts < cap) {
            links[2 * contacts] = k;
            links[2 * contacts + 1] = i;
            contacts++;
          }
        }
      }
      flags[i] = f;
    }
    info.contactLinks = contacts;
    if (s.isl.enabled) info.islLinks = islPairs(s, links, contacts);
    if (selected >= 0 && selected < N && s.ok[selected]) {
      eci.x = s.posKm[3 * selected];
      eci.y = s.posKm[3 * selected + 1];
      eci.z = s.posKm[3 * selected + 2];
      const g = eciToGeodetic(eci as never, th as never);
      info.selected = {
        index: selected,
        latDeg: g.latitude * RAD,
        lonDeg: ((((g.longitude * RAD + 180) % 360) + 360) % 360) - 180,
        altitudeKm: g.height,
        speedKmS: Math.hypot(V[3 * selected], V[3 * selected + 1], V[3 * selected + 2]),
        illumination: 1 - chunk.shadow[selected],
      };
    }
    return info;
  }

  /** Writes an instant's info into slot `slot`'s metadata row. */
  function writeMeta(meta: Float64Array, slot: number, timeMs: number, epoch: number, pub: number, info: InstantInfo): void {
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
    const sel = info.selected;
    meta[o + LIVE_META.selIndex] = sel ? sel.index : -1;
    meta[o + LIVE_META.selLatDeg] = sel ? sel.latDeg : 0;
    meta[o + LIVE_META.selLonDeg] = sel ? sel.lonDeg : 0;
    meta[o + LIVE_META.selAltitudeKm] = sel ? sel.altitudeKm : 0;
    meta[o + LIVE_META.selSpeedKmS] = sel ? sel.speedKmS : 0;
    meta[o + LIVE_META.selIllumination] = sel ? sel.illumination : 0;
  }

  /**
   * The stream: while playing, each instant is computed for where the page's
   * clock will be STREAM_LEAD publication intervals from now; paused, for the
   * clock's time, once (again when the time, epoch or selection changes). At
   * most one publication waits for the page's acknowledgement, so the stream
   * runs at the page's frame rate or the compute rate, whichever is lower.
   */
  async function runStream(job: StreamJob): Promise<void> {
    const sh = job.shared;
    const ctrl = sh.control;
    const clock: ClockModel = { timeMs: 0, wallMs: 0, warp: 1, playing: false, startMs: 0, endMs: 0, epoch: 0 };
    let pub = Atomics.load(ctrl, LIVE_CTRL.pubSeq);
    let lastTime = Number.NaN;
    let lastEpoch = Number.NaN;
    let lastSelected = -2;
    let lastPubWall = Number.NaN;
    let intervalMs = 40;
    const alive = () => !job.stopped && streaming === job && st?.seq === job.seq && Atomics.load(ctrl, LIVE_CTRL.stop) === 0;
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
      const s = st!;
      const info = computeInto(s, target, selected, sh.slots[slot]);
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

  const api: LiveApiImpl = {
    async setScenario(scenario: Scenario, seq: number): Promise<LiveScenarioInfo> {
      if (streaming) streaming.stopped = true;
      streaming = undefined;
      const runtime = await wasmRuntime();
      const build = buildSatellites(scenario);
      const N = build.satellites.length;
      st?.propagator?.dispose();
      const stations = stationArrays(scenario.groundStations);
      st = {
        seq,
        sats: build.satellites,
        epochs: Float64Array.from(build.satellites, (s) => satrecEpochMs(s.satrec)),
        propagator: N > 0 ? new ChunkPropagator(runtime, build.satellites.map((s) => s.satrec), 1) : undefined,
        stations,
        isl: { enabled: scenario.interSatelliteLinks.enabled, maxRangeKm: scenario.interSatelliteLinks.maxRangeKm },
        posKm: new Float64Array(3 * N),
        ok: new Uint8Array(N),
        cellKey: new Float64Array(N),
        order: new Uint32Array(N),
        sortedKeys: new Float64Array(N),
        nn: new Int32Array(ISL_NEIGHBOURS * N),
        nnDist: new Float64Array(ISL_NEIGHBOURS * N),
      };
      const stationPos = new Float32Array(3 * stations.count);
      for (let k = 0; k < stations.count; k++) {
        stationPos[3 * k] = stations.posEcfKm[3 * k] / EARTH_RADIUS_KM;
        stationPos[3 * k + 1] = stations.posEcfKm[3 * k + 2] / EARTH_RADIUS_KM;
        stationPos[3 * k + 2] = -stations.posEcfKm[3 * k + 1] / EARTH_RADIUS_KM;
      }
      return {
        seq,
        count: N,
        names: build.satellites.map((s) => s.name),
        stationCount: stations.count,
        stationPos,
        stationNames: stations.names,
        elementErrors: build.errors,
        epochMs: Float64Array.from(build.satellites, (x) => x.epochMs),
      };
    },

    async frame(timeMs: number, selected: number, buffers: LiveBuffers): Promise<LiveFrame> {
      const s = st;
      const N = s ? s.sats.length : 0;
      let { pos, vel, flags, links } = buffers;
      if (pos.length !== 3 * N) pos = new Float32Array(3 * N);
      if (!vel || vel.length !== 3 * N) vel = new Float32Array(3 * N);
      if (flags.length !== N) flags = new Uint8Array(N);
      if (links.length !== 2 * MAX_LINK_PAIRS) links = new Int32Array(2 * MAX_LINK_PAIRS);
      const out: LiveBuffers = { pos, vel, flags, links };
      const info = s ? computeInto(s, timeMs, selected, out) : emptyInstant();
      return { seq: s ? s.seq : -1, timeMs, ...out, ...info };
    },

    async stream(shared: LiveShared, seq: number): Promise<boolean> {
      const s = st;
      if (streaming) streaming.stopped = true;
      streaming = undefined;
      if (!s || s.seq !== seq || shared.count !== s.sats.length) return false;
      const job: StreamJob = { shared, seq, stopped: false };
      streaming = job;
      void runStream(job);
      return true;
    },

    async track(index: number, timeMs: number, samples: number): Promise<Float32Array | null> {
      const s = st;
      if (!s || index < 0 || index >= s.sats.length || samples < 2) return null;
      const rec = s.sats[index].satrec;
      const periodMs = ((2 * Math.PI) / rec.no) * 60_000;
      const out = new Float32Array(3 * (samples + 1));
      let last = -1;
      for (let k = 0; k <= samples; k++) {
        const t = timeMs + ((k / samples) - 0.5) * periodMs;
        if (propagateAt(rec, s.epochs[index], t, pv)) {
          out[3 * k] = pv[0] / EARTH_RADIUS_KM;
          out[3 * k + 1] = pv[2] / EARTH_RADIUS_KM;
          out[3 * k + 2] = -pv[1] / EARTH_RADIUS_KM;
          last = k;
        } else if (last >= 0) {
          out.copyWithin(3 * k, 3 * last, 3 * last + 3);
        }
      }
      return last >= 0 ? out : null;
    },

    dispose(): void {
      if (streaming) streaming.stopped = true;
      streaming = undefined;
      st?.propagator?.dispose();
      st = undefined;
    },
  };
  return api;
}
