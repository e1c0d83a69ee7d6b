/**
 * Inter-satellite links drawn by the live view: each satellite's
 * ISL_NEIGHBOURS nearest others within range and in line of sight (the
 * segment clears the Earth sphere plus the grazing altitude, as the engine's
 * relay: network/isl-link.ts, network/stations.ts lineOfSight). A
 * uniform grid of cells (edge min(range, 1500 km)) sorted by cell key keeps
 * the search near-linear in the satellite count: candidates come from the
 * satellite's cell and the 26 around it, so for ranges over 1500 km a
 * neighbour farther than one cell may be missed (a drawing, not the
 * engine's relay model). Scratch is allocated once per scenario. Frame: TEME, km.
 */
import { EARTH_RADIUS_KM } from '../core/constants';
import { DEFAULT_ISL_GRAZING_ALTITUDE_KM } from '../input/network-schema';
import { lineOfSight } from '../network/stations';

/** Links per satellite: the nearest ones in range with line of sight (the default terminal count, interSatelliteLinks.terminals). */
export const ISL_NEIGHBOURS = 4;

/** Cells per axis on each side of the origin (keys stay exact in a double). */
const CELL_SPAN = 4096;
const MAX_CELL_KM = 1500;

function cellKey(ix: number, iy: number, iz: number): number {
  return ((ix + CELL_SPAN) * 2 * CELL_SPAN + (iy + CELL_SPAN)) * 2 * CELL_SPAN + (iz + CELL_SPAN);
}

export class IslNeighbours {
  private readonly keys: Float64Array;
  private readonly order: Uint32Array;
  private readonly sortedKeys: Float64Array;
  /** ISL_NEIGHBOURS per satellite, nearest first (-1: none), and their squared distances (km²). */
  private readonly nn: Int32Array;
  private readonly nnDist2: Float64Array;

  /** Radius the line of sight must clear (km). */
  private readonly blockRadiusKm: number;

  constructor(
    readonly count: number,
    readonly maxRangeKm: number,
    grazingAltitudeKm = DEFAULT_ISL_GRAZING_ALTITUDE_KM,
  ) {
    this.blockRadiusKm = EARTH_RADIUS_KM + grazingAltitudeKm;
    this.keys = new Float64Array(count);
    this.order = new Uint32Array(count);
    this.sortedKeys = new Float64Array(count);
    this.nn = new Int32Array(ISL_NEIGHBOURS * count);
    this.nnDist2 = new Float64Array(ISL_NEIGHBOURS * count);
  }

  /**
   * Writes link pairs (i, j) into `links` from pair `first` on, each link once
   * (i < j, or i > j when i is not among j's nearest); returns the pairs
   * written (up to the capacity of `links`). `posKm`: 3 per satellite (TEME,
   * km); `ok[i]` 0 for satellites not propagating (no links).
   */
  pairs(posKm: Float64Array, ok: Uint8Array, links: Int32Array, first: number): number {
    this.search(posKm, ok);
    const N = this.count;
    const K = ISL_NEIGHBOURS;
    const nn = this.nn;
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

  /** Fills nn / nnDist2: for every satellite its nearest neighbours in range with line of sight. */
  private search(posKm: Float64Array, ok: Uint8Array): void {
    const N = this.count;
    const cellKm = Math.max(1e-3, Math.min(this.maxRangeKm, MAX_CELL_KM));
    const range2 = this.maxRangeKm * this.maxRangeKm;
    const { keys, order, sortedKeys, nn, nnDist2 } = this;
    for (let i = 0; i < N; i++) {
      order[i] = i;
      keys[i] = ok[i] ? cellKey(Math.floor(posKm[3 * i] / cellKm), Math.floor(posKm[3 * i + 1] / cellKm), Math.floor(posKm[3 * i + 2] / cellKm)) : -1;
    }
    order.sort((a, b) => keys[a] - keys[b]);
    for (let i = 0; i < N; i++) sortedKeys[i] = keys[order[i]];
    const K = ISL_NEIGHBOURS;
    nn.fill(-1);
    nnDist2.fill(Number.POSITIVE_INFINITY);
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
            const key = cellKey(cx + dx, cy + dy, cz + dz);
            for (let p = this.lowerBound(key); p < N && sortedKeys[p] === key; p++) {
              const j = order[p];
              if (j === i) continue;
              const ex = posKm[3 * j] - x;
              const ey = posKm[3 * j + 1] - y;
              const ez = posKm[3 * j + 2] - z;
              const d2 = ex * ex + ey * ey + ez * ez;
              if (d2 > range2 || d2 >= nnDist2[i * K + K - 1]) continue;
              if (!lineOfSight(x, y, z, posKm[3 * j], posKm[3 * j + 1], posKm[3 * j + 2], this.blockRadiusKm)) continue;
              this.insert(i, j, d2);
            }
          }
    }
  }

  /** Inserts neighbour j at squared distance d2 into satellite i's sorted list (the farthest drops out). */
  private insert(i: number, j: number, d2: number): void {
    const K = ISL_NEIGHBOURS;
    const { nn, nnDist2 } = this;
    let q = K - 1;
    while (q > 0 && nnDist2[i * K + q - 1] > d2) {
      nnDist2[i * K + q] = nnDist2[i * K + q - 1];
      nn[i * K + q] = nn[i * K + q - 1];
      q--;
    }
    nnDist2[i * K + q] = d2;
    nn[i * K + q] = j;
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
}
