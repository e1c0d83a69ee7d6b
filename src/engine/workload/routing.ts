/**
 * Shortest paths over the step's link graph (isl-graph.ts) by latency:
 *   latency of a link = d / c + perHopS   (light time in vacuum + the
 *   router's per-hop delay; c = 299,792.458 km/s, exact by definition of the metre),
 * Dijkstra's algorithm with a binary heap, settling satellites in order of
 * latency from one or several sources (each with its own start latency).
 * Along each settled path it keeps the hop count and the bottleneck rate
 * (smallest link rate, GB/s). Arrays of N allocated once; no allocation per search.
 */
import { SPEED_OF_LIGHT_KM_PER_S } from '../core/constants';
import type { IslGraph } from './isl-graph';

export class Router {
  /** Latency from the sources (s); +∞ when not reached. Valid for satellites stamped in this search. */
  readonly latencyS: Float64Array;
  readonly hops: Int32Array;
  /** Smallest link rate along the path (GB/s); +∞ at a source. */
  readonly bottleneckGBps: Float64Array;
  /** Previous satellite on the path (−1 at a source). */
  readonly previous: Int32Array;
  private readonly stamp: Int32Array;
  private readonly settled: Uint8Array;
  private readonly heap: Int32Array;
  private readonly heapKey: Float64Array;
  private size = 0;
  private search = 0;
  private perHopS = 0;
  private graph: IslGraph | null = null;

  constructor(readonly n: number, terminals: number) {
    this.latencyS = new Float64Array(n);
    this.hops = new Int32Array(n);
    this.bottleneckGBps = new Float64Array(n);
    this.previous = new Int32Array(n);
    this.stamp = new Int32Array(n).fill(-1);
    this.settled = new Uint8Array(n);
    // a satellite enters the heap once as a source and at most once per link into it
    this.heap = new Int32Array(n * (terminals + 1) + 1);
    this.heapKey = new Float64Array(n * (terminals + 1) + 1);
  }

  /** Starts a search over `graph` with `perHopS` (s) per link. */
  begin(graph: IslGraph, perHopS: number): void {
    this.graph = graph;
    this.perHopS = perHopS;
    this.search++;
    this.size = 0;
  }

  /** Adds a source with start latency `latencyS` (s). */
  source(i: number, latencyS: number): void {
    if (this.reached(i) && this.latencyS[i] <= latencyS) return;
    this.touch(i);
    this.latencyS[i] = latencyS;
    this.hops[i] = 0;
    this.bottleneckGBps[i] = Number.POSITIVE_INFINITY;
    this.previous[i] = -1;
    this.push(i, latencyS);
  }

  /** Whether satellite i has a latency in this search. */
  reached(i: number): boolean {
    return this.stamp[i] === this.search;
  }

  /** Settles and returns the next nearest satellite (−1 when none is left), relaxing its links. */
  next(): number {
    const g = this.graph as IslGraph;
    while (this.size > 0) {
      const i = this.pop();
      if (this.settled[i]) continue;
      this.settled[i] = 1;
      const T = g.terminals;
      const base = this.latencyS[i];
      for (let s = i * T, end = s + g.degree[i]; s < end; s++) {
        const j = g.neighbour[s];
        const l = base + g.distanceKm[s] / SPEED_OF_LIGHT_KM_PER_S + this.perHopS;
        if (this.reached(j) && (this.settled[j] || this.latencyS[j] <= l)) continue;
        this.touch(j);
        this.latencyS[j] = l;
        this.hops[j] = this.hops[i] + 1;
        const b = this.bottleneckGBps[i];
        this.bottleneckGBps[j] = g.rateGBps[s] < b ? g.rateGBps[s] : b;
        this.previous[j] = i;
        this.push(j, l);
      }
      return i;
    }
    return -1;
  }

  /** Shortest path from a to b: true when reached (latency, hops, bottleneck at b). */
  path(graph: IslGraph, a: number, b: number, perHopS: number): boolean {
    this.begin(graph, perHopS);
    this.source(a, 0);
    for (let i = this.next(); i >= 0; i = this.next()) if (i === b) return true;
    return false;
  }

  private touch(i: number): void {
    if (this.stamp[i] !== this.search) {
      this.stamp[i] = this.search;
      this.settled[i] = 0;
    }
  }

  private push(i: number, key: number): void {
    const heap = this.heap;
    const keys = this.heapKey;
    let p = this.size++;
    while (p > 0) {
      const q = (p - 1) >> 1;
      if (keys[q] < key || (keys[q] === key && heap[q] < i)) break;
      heap[p] = heap[q];
      keys[p] = keys[q];
      p = q;
    }
    heap[p] = i;
    keys[p] = key;
  }

  private pop(): number {
    const heap = this.heap;
    const keys = this.heapKey;
    const top = heap[0];
    const last = heap[--this.size];
    const key = keys[this.size];
    let p = 0;
    for (;;) {
      let c = 2 * p + 1;
      if (c >= this.size) break;
      if (c + 1 < this.size && (keys[c + 1] < keys[c] || (keys[c + 1] === keys[c] && heap[c + 1] < heap[c]))) c++;
      if (key < keys[c] || (key === keys[c] && last < heap[c])) break;
      heap[p] = heap[c];
      keys[p] = keys[c];
      p = c;
    }
    heap[p] = last;
    keys[p] = key;
    return top;
  }
}
