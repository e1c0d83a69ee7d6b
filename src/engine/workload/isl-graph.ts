/**
 * The inter-satellite link graph of one step, for routing (routing.ts) and
 * the training rings (all-reduce.ts): which satellites hold an optical link
 * and at what rate. The links are the nearest-neighbour topology of
 * network/isl-topology.ts (the same the 3D view draws): each satellite's
 * nearest others in range and in sight, taken shortest first while both
 * ends have a free terminal (interSatelliteLinks.terminals), rate(d) =
 * min(R_max, R_ref·(d_ref/d)²) (network/isl-link.ts). Stored as adjacency
 * slots, `terminals` per satellite, with rate (GB/s) and distance (km).
 * Frame TEME, km. Arrays allocated once per run; `build` allocates nothing.
 */
import type { Scenario } from '../input/scenario';
import { IslLink } from '../network/isl-link';
import { IslNeighbours } from '../network/isl-topology';

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
  private readonly topology: IslNeighbours;
  private readonly pairBuf: Int32Array;
  private readonly rateBuf: Float32Array;
  private activeNow: Uint8Array = new Uint8Array(0);
  private stale = true;
  /** interSatelliteLinks.enabled: without links the graph stays empty. */
  private readonly enabled: boolean;

  constructor(isl: Scenario['interSatelliteLinks'], readonly n: number) {
    this.link = new IslLink(isl);
    this.terminals = isl.terminals;
    this.degree = new Uint8Array(n);
    this.neighbour = new Int32Array(n * isl.terminals);
    this.rateGBps = new Float64Array(n * isl.terminals);
    this.distanceKm = new Float64Array(n * isl.terminals);
    this.enabled = isl.enabled;
    this.topology = new IslNeighbours(n, isl);
    // at most n·terminals/2 links
    const maxLinks = Math.ceil((n * isl.terminals) / 2);
    this.pairBuf = new Int32Array(2 * maxLinks);
    this.rateBuf = new Float32Array(maxLinks);
  }

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
    this.build(this.pos, this.posRow, this.activeNow);
  }

  /** Builds the step's graph from positions `pos` (3 per satellite from 3·row) of the satellites with `active[row + i]`. */
  build(pos: Float64Array, row: number, active: Uint8Array): void {
    this.stale = false;
    this.pos = pos;
    this.posRow = row;
    this.activeNow = active;
    this.degree.fill(0);
    if (this.n < 2 || !this.enabled) return;
    const p = row === 0 ? pos : pos.subarray(3 * row, 3 * (row + this.n));
    const a = row === 0 ? active : active.subarray(row, row + this.n);
    const links = this.topology.pairs(p, a, this.pairBuf, 0, this.rateBuf);
    const T = this.terminals;
    const { degree, neighbour, rateGBps, distanceKm, pairBuf } = this;
    for (let k = 0; k < links; k++) {
      const i = pairBuf[2 * k];
      const j = pairBuf[2 * k + 1];
      const d = this.distanceBetweenKm(i, j);
      // the rate from the link model in double precision (the topology's Float32 copy is for drawing)
      const rate = this.link.rateGBps(d * d);
      const si = i * T + degree[i]++;
      const sj = j * T + degree[j]++;
      neighbour[si] = j;
      neighbour[sj] = i;
      rateGBps[si] = rateGBps[sj] = rate;
      distanceKm[si] = distanceKm[sj] = d;
    }
  }

  /** Slot of the link from a to b, or −1. */
  slot(a: number, b: number): number {
    const T = this.terminals;
    for (let s = a * T, end = s + this.degree[a]; s < end; s++) if (this.neighbour[s] === b) return s;
    return -1;
  }

  /** Rate (GB/s) of a direct link between satellites a and b at the step's positions (0: out of range or sight). */
  directRateGBps(a: number, b: number): number {
    if (!this.enabled) return 0;
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
