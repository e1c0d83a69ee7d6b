/**
 * The inter-satellite link graph of one step: which satellites hold an
 * optical link and at what rate.
 *   candidates: each active satellite's CANDIDATES nearest others within
 *   interSatelliteLinks.maxRangeKm (uniform grid of cells, edge about the
 *   median distance of the CANDIDATES-th nearest, searched in growing cubes
 *   until no nearer satellite can remain);
 *   links: candidate pairs taken shortest first while both ends have a free
 *   terminal (interSatelliteLinks.terminals) and the line of sight clears
 *   the Earth plus the grazing altitude (network/isl-link.ts);
 *   rate(d) = min(R_max, R_ref·(d_ref/d)²) (network/isl-link.ts), GB/s.
 * This is the nearest-neighbour topology (each terminal pointed at the
 * closest free partner); a Walker shell's +Grid is close to it. Frame TEME,
 * km. Arrays allocated once per run; `build` allocates nothing.
 */
import type { Scenario } from '../input/scenario';
import { IslLink } from '../network/isl-link';
import { lineOfSight } from '../network/stations';

/** Nearest others kept per satellite as link candidates (≥ 2 × terminals lets mutual choices settle). */
const CANDIDATES = 8;
/** Cells per link range of the first build: the search cube grows one cell at a time up to the range. */
const CELLS_PER_RANGE = 8;
/** Buckets of the edge sort by d² / range². */
const EDGE_BUCKETS = 4096;
/** Smallest cell (km): keeps cell indices within CELL_SPAN for any orbit. */
const MIN_CELL_KM = 2;

export class IslGraph {
  readonly link: IslLink;
  readonly terminals: number;
  /** Links per satellite (≤ terminals). */
  readonly degree: Uint8Array;
  /** Neighbour, rate (GB/s) and distance (km) of each link: `terminals` slots per satellite. */
  readonly neighbour: Int32Array;
  readonly rateGBps: Float64Array;
  readonly distanceKm: Float64Array;
  /** Positions of the step (TEME km, 3 per satellite) and activity, as given to build(). */
  pos: Float64Array = new Float64Array(0);
  posRow = 0;
  /** Cell edge (km): the median distance of the satellites' farthest candidate in the last build (most searches then end at r = 1). */
  private cellKm: number;
  private readonly rangeKm: number;
  /** Scratch for the median. */
  private readonly farthest: Float64Array;
  private readonly rangeKm2: number;
  private readonly keys: Float64Array;
  private readonly order: Int32Array;
  private readonly sortedKeys: Float64Array;
  /** Cube half-size (cells) that covers the range. */
  private readonly candJ: Int32Array;
  private readonly candD2: Float64Array;
  private readonly candCount: Uint8Array;
  private readonly edgeA: Int32Array;
  private readonly edgeB: Int32Array;
  private readonly edgeD2: Float64Array;
  private readonly edgeOrder: Int32Array;
  private readonly bucketStart = new Int32Array(EDGE_BUCKETS + 1);
  private readonly bucketFill = new Int32Array(EDGE_BUCKETS);

  constructor(isl: Scenario['interSatelliteLinks'], readonly n: number) {
    this.link = new IslLink(isl);
    this.terminals = isl.terminals;
    this.degree = new Uint8Array(n);
    this.neighbour = new Int32Array(n * isl.terminals);
    this.rateGBps = new Float64Array(n * isl.terminals);
    this.distanceKm = new Float64Array(n * isl.terminals);
    this.rangeKm = isl.maxRangeKm;
    this.cellKm = Math.max(isl.maxRangeKm / CELLS_PER_RANGE, MIN_CELL_KM);
    this.farthest = new Float64Array(n);
    this.rangeKm2 = isl.maxRangeKm * isl.maxRangeKm;
    this.keys = new Float64Array(n);
    this.order = new Int32Array(n);
    this.sortedKeys = new Float64Array(n);
    this.candJ = new Int32Array(n * CANDIDATES);
    this.candD2 = new Float64Array(n * CANDIDATES);
    this.candCount = new Uint8Array(n);
    this.edgeA = new Int32Array(n * CANDIDATES);
    this.edgeB = new Int32Array(n * CANDIDATES);
    this.edgeD2 = new Float64Array(n * CANDIDATES);
    this.edgeOrder = new Int32Array(n * CANDIDATES);
  }

  private activeNow: Uint8Array = new Uint8Array(0);
  private stale = true;

  /** Sets the step's positions (3 per satellite from 3·row) and activity; the links are built by ensureBuilt() when first needed. */
  setPositions(pos: Float64Array, row: number, active: Uint8Array): void {
    this.pos = pos;
    this.posRow = row;
    this.activeNow = active;
    this.stale = true;
  }

  /** Builds the links of the positions last set, once per setPositions. */
  ensureBuilt(): void {
    if (!this.stale) return;
    this.stale = false;
    this.build(this.pos, this.posRow, this.activeNow);
  }

  /** Builds the step's graph from positions `pos` (3 per satellite from 3·row) of the satellites with `active[row + i]`. */
  build(pos: Float64Array, row: number, active: Uint8Array): void {
    this.stale = false;
    this.activeNow = active;
    const N = this.n;
    this.pos = pos;
    this.posRow = row;
    this.degree.fill(0);
    if (N < 2) return;
    const cell = this.cellKm;
    const keys = this.keys;
    const order = this.order;
    let m = 0;
    for (let i = 0; i < N; i++) {
      if (!active[row + i]) continue;
      const c = 3 * (row + i);
      keys[i] = cellKey(Math.floor(pos[c] / cell), Math.floor(pos[c + 1] / cell), Math.floor(pos[c + 2] / cell));
      order[m++] = i;
    }
    const sorted = order.subarray(0, m);
    sorted.sort((a, b) => keys[a] - keys[b] || a - b);
    const sortedKeys = this.sortedKeys;
    for (let s = 0; s < m; s++) sortedKeys[s] = keys[sorted[s]];
    // ---- candidates: the CANDIDATES nearest in range, per satellite ----
    // Cubes of (2r + 1)³ cells around the satellite's cell, r = 1, 2, …: each column
    // (dx, dy) of the cube is one run of the key order (z varies fastest), found by bisection.
    const { candJ, candD2, candCount, rangeKm2 } = this;
    const maxShell = Math.ceil(this.rangeKm / cell);
    for (let s = 0; s < m; s++) {
      const i = sorted[s];
      const c = 3 * (row + i);
      const x = pos[c];
      const y = pos[c + 1];
      const z = pos[c + 2];
      const cx = Math.floor(x / cell);
      const cy = Math.floor(y / cell);
      const cz = Math.floor(z / cell);
      const base = i * CANDIDATES;
      let count = 0;
      for (let r = 1; ; r++) {
        count = 0;
        for (let dx = -r; dx <= r; dx++) {
          for (let dy = -r; dy <= r; dy++) {
            const lo = cellKey(cx + dx, cy + dy, cz - r);
            const hi = cellKey(cx + dx, cy + dy, cz + r);
            for (let t = lowerBound(sortedKeys, m, lo); t < m && sortedKeys[t] <= hi; t++) {
              const j = sorted[t];
              if (j === i) continue;
              const cj = 3 * (row + j);
              const ex = pos[cj] - x;
              const ey = pos[cj + 1] - y;
              const ez = pos[cj + 2] - z;
              const d2 = ex * ex + ey * ey + ez * ez;
              if (d2 > rangeKm2) continue;
              const last = base + count - 1;
              if (count === CANDIDATES && !(d2 < candD2[last] || (d2 === candD2[last] && j < candJ[last]))) continue;
              // insertion into the sorted candidate list (distance, then index)
              let p = count < CANDIDATES ? count++ : CANDIDATES - 1;
              while (p > 0 && (candD2[base + p - 1] > d2 || (candD2[base + p - 1] === d2 && candJ[base + p - 1] > j))) {
                candD2[base + p] = candD2[base + p - 1];
                candJ[base + p] = candJ[base + p - 1];
                p--;
              }
              candD2[base + p] = d2;
              candJ[base + p] = j;
            }
          }
        }
        // Satellites outside the cube are more than r·cell away.
        const reach = r * cell;
        if (r >= maxShell || (count === CANDIDATES && candD2[base + count - 1] <= reach * reach)) break;
      }
      candCount[i] = count;
      this.farthest[s] = count > 0 ? candD2[base + count - 1] : rangeKm2;
    }
    // next build's cell: the median farthest candidate (the constellation's density changes slowly)
    const far = this.farthest.subarray(0, m);
    far.sort();
    const median = Math.sqrt(far[m >> 1]);
    this.cellKm = Math.min(this.rangeKm, Math.max(median, this.rangeKm / 64, MIN_CELL_KM));
    // ---- links: candidate pairs shortest first, while both ends have a terminal ----
    const { edgeA, edgeB, edgeD2 } = this;
    let e = 0;
    for (let s = 0; s < m; s++) {
      const i = sorted[s];
      for (let q = 0; q < candCount[i]; q++) {
        const j = candJ[i * CANDIDATES + q];
        // each pair once: from its lower index, or from j when i is not among j's candidates
        if (j < i && hasCandidate(candJ, candCount, j, i)) continue;
        edgeA[e] = i < j ? i : j;
        edgeB[e] = i < j ? j : i;
        edgeD2[e] = candD2[i * CANDIDATES + q];
        e++;
      }
    }
    const eo = this.sortEdges(e);
    const T = this.terminals;
    const { degree, neighbour, rateGBps, distanceKm, link } = this;
    for (let q = 0; q < e; q++) {
      const k = eo[q];
      const a = edgeA[k];
      const b = edgeB[k];
      if (degree[a] >= T || degree[b] >= T) continue;
      const ca = 3 * (row + a);
      const cb = 3 * (row + b);
      if (!lineOfSight(pos[ca], pos[ca + 1], pos[ca + 2], pos[cb], pos[cb + 1], pos[cb + 2], link.blockRadiusKm)) continue;
      const rate = link.rateGBps(edgeD2[k]);
      const d = Math.sqrt(edgeD2[k]);
      const sa = a * T + degree[a]++;
      const sb = b * T + degree[b]++;
      neighbour[sa] = b;
      neighbour[sb] = a;
      rateGBps[sa] = rateGBps[sb] = rate;
      distanceKm[sa] = distanceKm[sb] = d;
    }
  }

  /**
   * Edges 0 … e − 1 in order of (d², a, b): a counting sort into EDGE_BUCKETS
   * buckets of d² / range², then insertion sort within each (a few edges each).
   */
  private sortEdges(e: number): Int32Array {
    const { edgeA, edgeB, edgeD2, edgeOrder, bucketStart } = this;
    const scale = EDGE_BUCKETS / this.rangeKm2;
    bucketStart.fill(0);
    for (let k = 0; k < e; k++) bucketStart[Math.min(EDGE_BUCKETS - 1, Math.floor(edgeD2[k] * scale)) + 1]++;
    for (let b = 0; b < EDGE_BUCKETS; b++) bucketStart[b + 1] += bucketStart[b];
    const fill = this.bucketFill;
    fill.set(bucketStart.subarray(0, EDGE_BUCKETS));
    for (let k = 0; k < e; k++) edgeOrder[fill[Math.min(EDGE_BUCKETS - 1, Math.floor(edgeD2[k] * scale))]++] = k;
    for (let b = 0; b < EDGE_BUCKETS; b++) {
      for (let q = bucketStart[b] + 1; q < bucketStart[b + 1]; q++) {
        const k = edgeOrder[q];
        let r = q;
        while (r > bucketStart[b]) {
          const o = edgeOrder[r - 1];
          const before = edgeD2[o] < edgeD2[k] || (edgeD2[o] === edgeD2[k] && (edgeA[o] < edgeA[k] || (edgeA[o] === edgeA[k] && edgeB[o] <= edgeB[k])));
          if (before) break;
          edgeOrder[r] = o;
          r--;
        }
        edgeOrder[r] = k;
      }
    }
    return edgeOrder.subarray(0, e);
  }

  /** Slot of the link from a to b, or −1. */
  slot(a: number, b: number): number {
    const T = this.terminals;
    for (let s = a * T, end = s + this.degree[a]; s < end; s++) if (this.neighbour[s] === b) return s;
    return -1;
  }

  /** Rate (GB/s) of a direct link between satellites a and b at the step's positions (0: out of range or sight). */
  directRateGBps(a: number, b: number): number {
    const p = this.pos;
    const ca = 3 * (this.posRow + a);
    const cb = 3 * (this.posRow + b);
    return this.link.linkRateGBps(p[ca], p[ca + 1], p[ca + 2], p[cb], p[cb + 1], p[cb + 2]);
  }

  /** Distance (km) between satellites a and b at the step's positions. */
  distanceBetweenKm(a: number, b: number): number {
    const p = this.pos;
    const ca = 3 * (this.posRow + a);
    const cb = 3 * (this.posRow + b);
    return Math.hypot(p[cb] - p[ca], p[cb + 1] - p[ca + 1], p[cb + 2] - p[ca + 2]);
  }
}

function hasCandidate(candJ: Int32Array, candCount: Uint8Array, i: number, j: number): boolean {
  for (let q = 0, base = i * CANDIDATES; q < candCount[i]; q++) if (candJ[base + q] === j) return true;
  return false;
}

/** First index of `keys[0..m)` (ascending) that is ≥ key. */
function lowerBound(keys: Float64Array, m: number, key: number): number {
  let lo = 0;
  let hi = m;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Cells per axis on each side of the origin: 2¹⁶ cells of ≥ 2 km reach 131,000 km (keys (2¹⁷)³ = 2⁵¹ stay exact in a double). */
const CELL_SPAN = 1 << 16;

function cellKey(ix: number, iy: number, iz: number): number {
  return ((ix + CELL_SPAN) * 2 * CELL_SPAN + (iy + CELL_SPAN)) * 2 * CELL_SPAN + (iz + CELL_SPAN);
}
