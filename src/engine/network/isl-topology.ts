/**
 * Inter-satellite links drawn by the live view, and the data rate of each.
 *   rate(d) = min(R_max, R_ref · (d_ref / d)²)   Gbps = GB/s × 8
 * is the scenario's link model (network/isl-link.ts IslLink.rateGBps: Friis
 * 1/d² through Tesat SCOT80's 10 Gbps at 8,000 km, capped at the 100 Gbps
 * terminal rate below d_ref·√(R_ref/R_max) = 2,530 km with the defaults;
 * sources docs/reference/link-sources.md).
 *
 * Which links: every satellite holds at most `terminals` links
 * (interSatelliteLinks.terminals), each to a satellite within maxRangeKm whose
 * line of sight clears R⊕ + grazingAltitudeKm (the engine's geometry,
 * network/isl-link.ts, network/stations.ts lineOfSight). Each satellite's
 * C = max(8, terminals + min(terminals, 4)) nearest such neighbours are
 * candidates; they are taken greedily, shortest (fastest) link first, while
 * both ends have a free terminal: the nearest-neighbour topology of the
 * workload's link graph (workload/isl-graph.ts, 8 candidates). A drawing,
 * not the engine's relay (network/relay.ts links only what it relays).
 *
 * Search: a uniform grid of cells sorted by key; the cell edge comes from the
 * satellites' density (≈ C satellites per cell on a sphere of their mean
 * radius, 10 km … maxRangeKm), and rings of cells around each satellite are
 * scanned outward until its C nearest are closer than any unscanned cell or
 * the range is covered: exact for positions within ±CELL_SPAN cells of the
 * origin (≥ 655,000 km). Scratch is allocated once per scenario; a frame
 * allocates one typed-array view. Frame: TEME, km.
 */
import { IslLink } from './isl-link';
import type { Scenario } from '../input/scenario';

/** The scenario's inter-satellite link settings. */
export type IslSettings = Scenario['interSatelliteLinks'];

/** Spare candidates per satellite beyond its terminals (neighbours whose terminals are taken are passed over). */
const SPARE_CANDIDATES = 4;
/** Candidates per satellite at least (as workload/isl-graph.ts). */
const MIN_CANDIDATES = 8;
/** Cells per axis on each side of the origin: (2·CELL_SPAN)³ keys stay exact in a double. */
const CELL_SPAN = 65_536;
/** Smallest cell edge (km): CELL_SPAN cells of it reach 655,360 km. */
const MIN_CELL_KM = 10;
/** 2³²: a sort key is (quantised distance) · 2³² + candidate index. */
const INDEX_RANGE = 4_294_967_296;
/** Distance steps over the range in a sort key (2²¹ − 1: the key stays below 2⁵³). */
const DISTANCE_STEPS = 2_097_151;

/** The rate scale of drawn links: the rate at the longest link and the terminal cap (Gbps). */
export interface IslRateScale {
  /** Rate at maxRangeKm (Gbps): the slowest link drawn. */
  lowGbps: number;
  /** Terminal rate (Gbps): every link up to capRangeKm runs at it. */
  capGbps: number;
  /** Longest link at the cap: d_ref · √(R_ref / R_max) (km; beyond maxRangeKm when every link runs at the cap). */
  capRangeKm: number;
  maxRangeKm: number;
  /** Links per satellite at most. */
  terminals: number;
}

/** Rate scale of a scenario's inter-satellite links (link model of network/isl-link.ts). */
export function islRateScale(isl: IslSettings): IslRateScale {
  const link = new IslLink(isl);
  const capGbps = 8 * link.capGBps;
  const lowGbps = 8 * link.rateGBps(isl.maxRangeKm * isl.maxRangeKm);
  const capRangeKm = isl.referenceRangeKm * Math.sqrt(isl.referenceRateGbps / isl.rateGbps);
  return { lowGbps, capGbps, capRangeKm, maxRangeKm: isl.maxRangeKm, terminals: isl.terminals };
}

function cellIndex(xKm: number, cellKm: number): number {
  const c = Math.floor(xKm / cellKm);
  return c < -CELL_SPAN ? -CELL_SPAN : c >= CELL_SPAN ? CELL_SPAN - 1 : c;
}

function cellKey(ix: number, iy: number, iz: number): number {
  return ((ix + CELL_SPAN) * 2 * CELL_SPAN + (iy + CELL_SPAN)) * 2 * CELL_SPAN + (iz + CELL_SPAN);
}

export class IslNeighbours {
  /** Links per satellite at most (interSatelliteLinks.terminals). */
  readonly terminals: number;
  /** Candidates kept per satellite. */
  readonly candidates: number;
  readonly maxRangeKm: number;
  private readonly link: IslLink;
  private readonly keys: Float64Array;
  private readonly order: Uint32Array;
  private readonly sortedKeys: Float64Array;
  /** `candidates` per satellite, nearest first (-1: none), and their squared distances (km²). */
  private readonly nn: Int32Array;
  private readonly nnDist2: Float64Array;
  /** Sort keys of candidate links (each link once). */
  private readonly edgeKeys: Float64Array;
  /** Links taken per satellite. */
  private readonly degree: Uint8Array;
  private cellKm = 1;

  constructor(
    readonly count: number,
    isl: IslSettings,
  ) {
    this.link = new IslLink(isl);
    this.terminals = isl.terminals;
    this.candidates = Math.max(MIN_CANDIDATES, isl.terminals + Math.min(isl.terminals, SPARE_CANDIDATES));
    this.maxRangeKm = isl.maxRangeKm;
    const nc = this.candidates * count;
    this.keys = new Float64Array(count);
    this.order = new Uint32Array(count);
    this.sortedKeys = new Float64Array(count);
    this.nn = new Int32Array(nc);
    this.nnDist2 = new Float64Array(nc);
    this.edgeKeys = new Float64Array(nc);
    this.degree = new Uint8Array(count);
  }

  /**
   * Writes link pairs (i, j) into `links` from pair `first` on, each link
   * once, shortest first, and each link's rate (Gbps) into `rateGbps` from 0
   * on; returns the links written (up to the capacity of either array).
   * `posKm`: 3 per satellite (TEME, km); `ok[i]` 0 for satellites not
   * propagating (no links).
   */
  pairs(posKm: Float64Array, ok: Uint8Array, links: Int32Array, first: number, rateGbps: Float32Array): number {
    this.search(posKm, ok);
    const N = this.count;
    const C = this.candidates;
    const K = this.terminals;
    const { nn, nnDist2, edgeKeys, degree, link } = this;
    const perKm = DISTANCE_STEPS / this.maxRangeKm;
    let E = 0;
    for (let i = 0; i < N; i++) {
      for (let q = 0; q < C; q++) {
        const j = nn[i * C + q];
        if (j < 0) break;
        if (j < i) {
          // Listed from j's side already when i is among j's candidates.
          let listed = false;
          for (let r = 0; r < C && !listed; r++) listed = nn[j * C + r] === i;
          if (listed) continue;
        }
        const steps = Math.min(DISTANCE_STEPS, Math.floor(Math.sqrt(nnDist2[i * C + q]) * perKm));
        edgeKeys[E++] = steps * INDEX_RANGE + (i * C + q);
      }
    }
    const sorted = edgeKeys.subarray(0, E).sort();
    degree.fill(0);
    const cap = Math.min(links.length / 2 - first, rateGbps.length);
    let n = 0;
    for (let e = 0; e < E && n < cap; e++) {
      const idx = sorted[e] % INDEX_RANGE;
      const i = Math.floor(idx / C);
      const j = nn[idx];
      if (degree[i] >= K || degree[j] >= K) continue;
      degree[i]++;
      degree[j]++;
      links[2 * (first + n)] = i;
      links[2 * (first + n) + 1] = j;
      rateGbps[n] = 8 * link.rateGBps(nnDist2[idx]);
      n++;
    }
    return n;
  }

  /** Fills nn / nnDist2: for every satellite its nearest `candidates` in range with line of sight. */
  private search(posKm: Float64Array, ok: Uint8Array): void {
    const N = this.count;
    const C = this.candidates;
    const range = this.maxRangeKm;
    const { keys, order, sortedKeys, nn, nnDist2 } = this;
    let live = 0;
    let rSum = 0;
    for (let i = 0; i < N; i++) {
      if (!ok[i]) continue;
      live++;
      rSum += Math.hypot(posKm[3 * i], posKm[3 * i + 1], posKm[3 * i + 2]);
    }
    nn.fill(-1);
    nnDist2.fill(Number.POSITIVE_INFINITY);
    if (live < 2) return;
    // ≈ C satellites per cell on a sphere of the mean radius: 4π r² · C / N = cell².
    const rMean = rSum / live;
    const cellKm = Math.max(MIN_CELL_KM, Math.min(range, Math.sqrt((4 * Math.PI * rMean * rMean * C) / live)));
    this.cellKm = cellKm;
    for (let i = 0; i < N; i++) {
      order[i] = i;
      keys[i] = ok[i] ? cellKey(cellIndex(posKm[3 * i], cellKm), cellIndex(posKm[3 * i + 1], cellKm), cellIndex(posKm[3 * i + 2], cellKm)) : -1;
    }
    order.sort((a, b) => keys[a] - keys[b]);
    for (let i = 0; i < N; i++) sortedKeys[i] = keys[order[i]];
    // After ring r every unscanned satellite is at least (r + inset) · cell away; ring R covers the range.
    const R = Math.ceil(range / cellKm);
    for (let i = 0; i < N; i++) {
      if (!ok[i]) continue;
      const cx = cellIndex(posKm[3 * i], cellKm);
      const cy = cellIndex(posKm[3 * i + 1], cellKm);
      const cz = cellIndex(posKm[3 * i + 2], cellKm);
      // Distance from the satellite to its cell's nearest face, in cells.
      const fx = posKm[3 * i] / cellKm - cx;
      const fy = posKm[3 * i + 1] / cellKm - cy;
      const fz = posKm[3 * i + 2] / cellKm - cz;
      const inset = Math.max(0, Math.min(fx, 1 - fx, fy, 1 - fy, fz, 1 - fz));
      for (let r = 0; r <= R; r++) {
        for (let dx = -r; dx <= r; dx++) {
          for (let dy = -r; dy <= r; dy++) {
            // a column on the ring's side faces is scanned whole (one run of the key order: z varies fastest);
            // inside, only its two end cells belong to the ring
            const face = dx === -r || dx === r || dy === -r || dy === r;
            if (face || r === 0) this.scanColumn(i, cx + dx, cy + dy, cz - r, cz + r, posKm);
            else {
              this.scanColumn(i, cx + dx, cy + dy, cz - r, cz - r, posKm);
              this.scanColumn(i, cx + dx, cy + dy, cz + r, cz + r, posKm);
            }
          }
        }
        const reach = (r + inset) * cellKm;
        if (nnDist2[i * C + C - 1] <= reach * reach) break;
      }
    }
  }

  /** Offers satellite i the satellites of cells (ix, iy, iz0 … iz1). */
  private scanColumn(i: number, ix: number, iy: number, iz0: number, iz1: number, posKm: Float64Array): void {
    if (ix < -CELL_SPAN || ix >= CELL_SPAN || iy < -CELL_SPAN || iy >= CELL_SPAN) return;
    const z0 = iz0 < -CELL_SPAN ? -CELL_SPAN : iz0;
    const z1 = iz1 >= CELL_SPAN ? CELL_SPAN - 1 : iz1;
    if (z0 > z1) return;
    const lo = cellKey(ix, iy, z0);
    const hi = cellKey(ix, iy, z1);
    const N = this.count;
    const { order, sortedKeys, nnDist2, link } = this;
    const worstAt = i * this.candidates + this.candidates - 1;
    const x = posKm[3 * i];
    const y = posKm[3 * i + 1];
    const z = posKm[3 * i + 2];
    for (let p = this.lowerBound(lo); p < N && sortedKeys[p] <= hi; p++) {
      const j = order[p];
      if (j === i) continue;
      const ex = posKm[3 * j] - x;
      const ey = posKm[3 * j + 1] - y;
      const ez = posKm[3 * j + 2] - z;
      const d2 = ex * ex + ey * ey + ez * ez;
      if (d2 >= nnDist2[worstAt]) continue;
      if (link.linkRateGBps(x, y, z, posKm[3 * j], posKm[3 * j + 1], posKm[3 * j + 2]) <= 0) continue;
      this.insert(i, j, d2);
    }
  }

  /** Inserts neighbour j at squared distance d2 into satellite i's sorted list (the farthest drops out). */
  private insert(i: number, j: number, d2: number): void {
    const C = this.candidates;
    const { nn, nnDist2 } = this;
    let q = C - 1;
    while (q > 0 && nnDist2[i * C + q - 1] > d2) {
      nnDist2[i * C + q] = nnDist2[i * C + q - 1];
      nn[i * C + q] = nn[i * C + q - 1];
      q--;
    }
    nnDist2[i * C + q] = d2;
    nn[i * C + q] = j;
  }

  /** First position in the sorted keys holding `key` or more. */
  private lowerBound(key: number): number {
    const s = this.sortedKeys;
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Cell edge of the last search (km; for tests and profiling). */
  get lastCellKm(): number {
    return this.cellKm;
  }
}
