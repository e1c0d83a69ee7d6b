/**
 * Gradient all-reduce of a training group over the step's link graph.
 *   ring all-reduce (reduce-scatter then all-gather, 2(p − 1) rounds, each
 *   moving S/p bytes per member; Thakur, Rabenseifner & Gropp 2005;
 *   Patarasuk & Yuan 2009):
 *     t = 2(p − 1)·α + 2(p − 1)/p · S / B
 *   S gradient bytes (parameters × bytes per parameter), B the ring's
 *   bottleneck bandwidth (bytes/s): the smallest rate of any link on any
 *   ring hop; α the slowest ring hop's latency (light time + per-hop delay
 *   per link: routing.ts). A round ends when its slowest hop ends.
 * The ring visits the members in nearest-neighbour order (greedy tour from
 * the first member, fixed when first formed); ring neighbours in range and
 * in sight link directly (the job points two terminals of each member at
 * its ring neighbours), other hops are routed over the step's link graph
 * (shortest latency);
 * links shared by several hops are not divided (optimistic). No path for
 * some hop: the ring is broken and the group cannot train this step.
 * Bisection bandwidth: members split in two halves at the median of their
 * widest coordinate; the sum of the direct link rates possible between the
 * halves, at most `terminals` per member of the first half (GB/s; an upper
 * bound of the true bisection, which minimises over all splits).
 * Sources: docs/reference/workload-sources.md §4.
 */
import { SPEED_OF_LIGHT_KM_PER_S } from '../core/constants';
import type { IslGraph } from './isl-graph';
import type { Router } from './routing';

/** Largest group whose bisection is computed (p²/4 pair checks a step). */
export const MAX_BISECTION_MEMBERS = 512;

/** Ring all-reduce time (s) of `bytes` over p members at bottleneck `bytesPerS`, slowest hop `hopLatencyS`. */
export function ringAllReduceS(p: number, bytes: number, bytesPerS: number, hopLatencyS: number): number {
  if (p <= 1) return 0;
  return 2 * (p - 1) * hopLatencyS + ((2 * (p - 1)) / p) * (bytes / bytesPerS);
}

/** What one step's ring gives. */
export interface RingStep {
  /** False when some hop has no path (or a member is not active). */
  ok: boolean;
  /** Bottleneck link rate (GB/s). */
  bottleneckGBps: number;
  /** Slowest hop's latency (s). */
  hopLatencyS: number;
  /** Links crossed by the longest hop. */
  maxHops: number;
}

export class GroupRing {
  /** Members in ring order (set when first formed). */
  readonly order: Int32Array;
  private formed = false;
  private readonly proj: Float64Array;
  private readonly byProj: Int32Array;
  private readonly bestRates: Float64Array;

  constructor(
    /** Satellite indices of the members. */
    readonly members: Int32Array,
  ) {
    this.order = Int32Array.from(members);
    this.proj = new Float64Array(members.length);
    this.byProj = new Int32Array(members.length);
    this.bestRates = new Float64Array(64);
  }

  /** The ring over `graph` this step (positions and links of graph.build), per-hop delay `perHopS`. */
  evaluate(graph: IslGraph, router: Router, active: Uint8Array, row: number, perHopS: number, out: RingStep): RingStep {
    const p = this.members.length;
    out.ok = true;
    out.bottleneckGBps = Number.POSITIVE_INFINITY;
    out.hopLatencyS = 0;
    out.maxHops = 0;
    for (let q = 0; q < p; q++) {
      if (!active[row + this.members[q]]) {
        out.ok = false;
        return out;
      }
    }
    if (p <= 1) return out;
    if (!this.formed) this.form(graph);
    const order = this.order;
    for (let q = 0; q < p; q++) {
      const a = order[q];
      const b = order[(q + 1) % p];
      if (p === 2 && q === 1) break; // two members: one link, both ways
      // ring neighbours point a terminal at each other when in range and in sight; otherwise the hop is routed
      const d = graph.distanceBetweenKm(a, b);
      const direct = graph.directRateGBps(a, b);
      let lat: number;
      let bw: number;
      let hops: number;
      if (direct > 0) {
        lat = d / SPEED_OF_LIGHT_KM_PER_S + perHopS;
        bw = direct;
        hops = 1;
      } else {
        graph.ensureBuilt();
        if (!router.path(graph, a, b, perHopS)) {
          out.ok = false;
          return out;
        }
        lat = router.latencyS[b];
        bw = router.bottleneckGBps[b];
        hops = router.hops[b];
      }
      if (lat > out.hopLatencyS) out.hopLatencyS = lat;
      if (bw < out.bottleneckGBps) out.bottleneckGBps = bw;
      if (hops > out.maxHops) out.maxHops = hops;
    }
    return out;
  }

  /**
   * Bisection bandwidth (GB/s): the members split in halves at the median of
   * their widest coordinate; the sum of the rates of the direct links
   * possible between the halves (pairs in range and in sight), each member
   * counting at most `terminals` of them (its fastest). Null for groups of
   * more than MAX_BISECTION_MEMBERS (p² pairs a step).
   */
  bisectionGBps(graph: IslGraph): number {
    const p = this.members.length;
    if (p < 2 || p > MAX_BISECTION_MEMBERS) return Number.NaN;
    const pos = graph.pos;
    const row = graph.posRow;
    let axis = 0;
    let widest = -1;
    for (let a = 0; a < 3; a++) {
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (let q = 0; q < p; q++) {
        const v = pos[3 * (row + this.members[q]) + a];
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (hi - lo > widest) {
        widest = hi - lo;
        axis = a;
      }
    }
    const proj = this.proj;
    const by = this.byProj;
    for (let q = 0; q < p; q++) {
      proj[q] = pos[3 * (row + this.members[q]) + axis];
      by[q] = q;
    }
    by.sort((x, y) => proj[x] - proj[y] || x - y);
    const h = p >> 1;
    const T = graph.terminals;
    const best = this.bestRates;
    let sum = 0;
    // each member of the first half: its T fastest possible links into the second half
    for (let x = 0; x < h; x++) {
      const a = this.members[by[x]];
      best.fill(0, 0, T);
      for (let y = h; y < p; y++) {
        const r = graph.directRateGBps(a, this.members[by[y]]);
        if (r <= best[T - 1]) continue;
        let k = T - 1;
        while (k > 0 && best[k - 1] < r) {
          best[k] = best[k - 1];
          k--;
        }
        best[k] = r;
      }
      for (let k = 0; k < T; k++) sum += best[k];
    }
    return sum;
  }

  /** Nearest-neighbour tour from the first member at this step's positions. */
  private form(graph: IslGraph): void {
    const p = this.members.length;
    const order = this.order;
    order.set(this.members);
    for (let q = 1; q < p; q++) {
      const prev = order[q - 1];
      let best = q;
      let bestD = Number.POSITIVE_INFINITY;
      for (let r = q; r < p; r++) {
        const d = graph.distanceBetweenKm(prev, order[r]);
        if (d < bestD) {
          bestD = d;
          best = r;
        }
      }
      const t = order[q];
      order[q] = order[best];
      order[best] = t;
    }
    this.formed = true;
  }
}
