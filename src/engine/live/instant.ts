/**
 * One instant of the live view: positions, velocities, eclipse and station
 * visibility of every satellite at one sim time, the station and
 * inter-satellite link pairs, GMST, the Sun direction and the selected
 * satellite's geodetic state. Bulk SGP4, Sun and shadow fraction come from
 * the WASM ChunkPropagator (one time per call); station visibility is
 * network/stations.ts sinElevation against the mask (sin el ≥ sin mask ⇔
 * el ≥ mask, no asin per pair), with the satellite's ECF from the TEME
 * position rotated by GMST θ: x_f = x cos θ + y sin θ, y_f = −x sin θ + y cos θ.
 * Inter-satellite links and their rates (Gbps) as network/isl-topology.ts draws
 * them: at most `terminals` per satellite, rate(d) = min(R_max, R_ref·(d_ref/d)²).
 * Output: scene frame (scene-frame.ts), Earth radii and Earth radii per second.
 */
import { eciToGeodetic, type SatRec } from 'satellite.js';
import { RAD } from '../core/constants';
import { sinElevation, type StationArrays } from '../network/stations';
import { ChunkPropagator, wasmRuntime } from '../orbit/propagation';
import { IslNeighbours, islRateScale, type IslSettings } from '../network/isl-topology';
import { SCENE_PER_KM, toScene } from './scene-frame';

/** Per-satellite flag bits of an instant. */
export const LIVE_ECLIPSE = 1; // shadow fraction ≥ 0.5
export const LIVE_CONTACT = 2; // above some station's mask
/** Capacity of InstantBuffers.links, in pairs. */
export const MAX_LINK_PAIRS = 20_000;

/** One computed instant of every satellite. */
export interface InstantBuffers {
  /** Scene-frame positions, 3 per satellite, in Earth radii; (0, 0, 0) when not propagating. */
  pos: Float32Array;
  /** Scene-frame velocities, 3 per satellite, in Earth radii per second (for interpolation between instants). */
  vel: Float32Array;
  /** Per satellite: LIVE_ECLIPSE, LIVE_CONTACT bits. */
  flags: Uint8Array;
  /**
   * Link pairs: first `contactLinks` pairs (station, satellite), then
   * `islLinks` pairs (satellite, satellite). 2 entries per pair.
   */
  links: Int32Array;
  /** Data rate of each inter-satellite link (Gbps): entry q is pair contactLinks + q. MAX_LINK_PAIRS entries. */
  islRateGbps: Float32Array;
}

export interface SelectedState {
  index: number;
  latDeg: number;
  lonDeg: number;
  altitudeKm: number;
  speedKmS: number;
  /** 0 umbra … 1 full Sun, at the exact instant. */
  illumination: number;
}

/** What an instant holds besides the per-satellite buffers. */
export interface InstantInfo {
  contactLinks: number;
  islLinks: number;
  /** Rate scale of the links (Gbps): the rate at the longest link (maxRangeKm) and the terminal cap; 0 without links. */
  islRateLowGbps: number;
  islRateCapGbps: number;
  /** GMST (rad). */
  gmstRad: number;
  /** Sun direction, scene frame (unit vector). */
  sunDir: [number, number, number];
  selected: SelectedState | null;
}

export function emptyInstantInfo(): InstantInfo {
  return { contactLinks: 0, islLinks: 0, islRateLowGbps: 0, islRateCapGbps: 0, gmstRad: 0, sunDir: [1, 0, 0], selected: null };
}

/** Buffers for `satellites` satellites and MAX_LINK_PAIRS links. */
export function allocateInstantBuffers(satellites: number): InstantBuffers {
  return {
    pos: new Float32Array(3 * satellites),
    vel: new Float32Array(3 * satellites),
    flags: new Uint8Array(satellites),
    links: new Int32Array(2 * MAX_LINK_PAIRS),
    islRateGbps: new Float32Array(MAX_LINK_PAIRS),
  };
}

/** Longitude (deg) wrapped to [−180, 180). */
function wrapLonDeg(deg: number): number {
  return ((((deg + 180) % 360) + 360) % 360) - 180;
}

/** Computes instants of one scenario's satellites. Holds a WASM propagator: call dispose(). */
export class InstantModel {
  readonly count: number;
  private readonly propagator: ChunkPropagator | undefined;
  private readonly isl: IslNeighbours | undefined;
  /** Rate scale of the drawn links (Gbps). */
  private readonly islLowGbps: number;
  private readonly islCapGbps: number;
  /** TEME positions (km) of the last instant, and whether each satellite propagated. */
  private readonly posKm: Float64Array;
  private readonly ok: Uint8Array;
  private readonly times = new Float64Array(1);
  private readonly eci = { x: 0, y: 0, z: 0 };

  private constructor(
    runtime: Awaited<ReturnType<typeof wasmRuntime>> | undefined,
    satrecs: SatRec[],
    private readonly stations: StationArrays,
    isl: IslSettings,
  ) {
    const N = satrecs.length;
    this.count = N;
    this.propagator = runtime && N > 0 ? new ChunkPropagator(runtime, satrecs, 1) : undefined;
    this.isl = isl.enabled ? new IslNeighbours(N, isl) : undefined;
    const scale = islRateScale(isl);
    this.islLowGbps = isl.enabled ? scale.lowGbps : 0;
    this.islCapGbps = isl.enabled ? scale.capGbps : 0;
    this.posKm = new Float64Array(3 * N);
    this.ok = new Uint8Array(N);
  }

  /** A model of `satrecs` seen by `stations`, drawing links when `isl.enabled` (the scenario's interSatelliteLinks). */
  static async create(satrecs: SatRec[], stations: StationArrays, isl: IslSettings): Promise<InstantModel> {
    return new InstantModel(satrecs.length > 0 ? await wasmRuntime() : undefined, satrecs, stations, isl);
  }

  /**
   * Fills `out` (sized for `count` satellites) with every satellite at
   * `timeMs` and returns the rest of the instant; `selected` (-1: none) gets
   * its geodetic state. Allocates only the small returned info.
   */
  computeInto(timeMs: number, selected: number, out: InstantBuffers): InstantInfo {
    const info = emptyInstantInfo();
    if (!this.propagator) return info;
    this.times[0] = timeMs;
    const chunk = this.propagator.run(this.times, 1);
    const th = chunk.gmstRad[0];
    const sx = chunk.sunAu[0];
    const sy = chunk.sunAu[1];
    const sz = chunk.sunAu[2];
    info.gmstRad = th;
    const sn = Math.hypot(sx, sy, sz);
    toScene(info.sunDir, 0, sx, sy, sz, 1 / sn);
    info.contactLinks = this.fillSatellites(chunk.posEciKm, chunk.velEciKmS, chunk.error, chunk.shadow, th, out);
    if (this.isl) {
      info.islLinks = this.isl.pairs(this.posKm, this.ok, out.links, info.contactLinks, out.islRateGbps);
      info.islRateLowGbps = this.islLowGbps;
      info.islRateCapGbps = this.islCapGbps;
    }
    if (selected >= 0 && selected < this.count && this.ok[selected]) info.selected = this.selectedState(selected, th, chunk.velEciKmS, chunk.shadow[selected]);
    return info;
  }

  /** Scene positions, velocities, flags and station link pairs; returns the station links written. */
  private fillSatellites(P: Float64Array, V: Float64Array, error: Int8Array, shadow: Float64Array, gmstRad: number, out: InstantBuffers): number {
    const { pos, vel, flags, links } = out;
    const st = this.stations;
    const sinMask = st.sinMask;
    const cth = Math.cos(gmstRad);
    const sth = Math.sin(gmstRad);
    const cap = links.length / 2;
    let contacts = 0;
    for (let i = 0; i < this.count; i++) {
      const x = P[3 * i];
      const y = P[3 * i + 1];
      const z = P[3 * i + 2];
      if (error[i] !== 0 || !(x === x && y === y && z === z)) {
        this.ok[i] = 0;
        pos.fill(0, 3 * i, 3 * i + 3);
        vel.fill(0, 3 * i, 3 * i + 3);
        flags[i] = 0;
        continue;
      }
      this.ok[i] = 1;
      this.posKm[3 * i] = x;
      this.posKm[3 * i + 1] = y;
      this.posKm[3 * i + 2] = z;
      toScene(pos, 3 * i, x, y, z, SCENE_PER_KM);
      toScene(vel, 3 * i, V[3 * i], V[3 * i + 1], V[3 * i + 2], SCENE_PER_KM);
      let f = shadow[i] >= 0.5 ? LIVE_ECLIPSE : 0;
      const xf = x * cth + y * sth;
      const yf = -x * sth + y * cth;
      for (let k = 0; k < st.count; k++) {
        if (sinElevation(st, k, xf, yf, z) < sinMask[k]) continue;
        f |= LIVE_CONTACT;
        if (contacts < cap) {
          links[2 * contacts] = k;
          links[2 * contacts + 1] = i;
          contacts++;
        }
      }
      flags[i] = f;
    }
    return contacts;
  }

  private selectedState(i: number, gmstRad: number, V: Float64Array, shadow: number): SelectedState {
    const eci = this.eci;
    eci.x = this.posKm[3 * i];
    eci.y = this.posKm[3 * i + 1];
    eci.z = this.posKm[3 * i + 2];
    const g = eciToGeodetic(eci as never, gmstRad as never);
    return {
      index: i,
      latDeg: g.latitude * RAD,
      lonDeg: wrapLonDeg(g.longitude * RAD),
      altitudeKm: g.height,
      speedKmS: Math.hypot(V[3 * i], V[3 * i + 1], V[3 * i + 2]),
      illumination: 1 - shadow,
    };
  }

  dispose(): void {
    this.propagator?.dispose();
  }
}
