/**
 * Inference served from orbit to ground regions, per step.
 *   demand of a region: requests/s × PFLOP per request (PFLOP/s);
 *   path: the region's users reach a satellite above their minimum
 *   elevation (entry, the user link's slant range), then inter-satellite
 *   hops (isl-graph.ts) to the satellite that computes; the answer returns
 *   the same way:
 *     latency = 2 · (slant / c + Σ_links (d / c + perHopDelay)) + serviceTime
 *   (c = 299,792.458 km/s); satellites are taken in order of latency
 *   (routing.ts, Dijkstra from the entry satellites), each giving its free
 *   compute, until the demand is met or the latency passes the budget.
 *   Requests served = PFLOP served / PFLOP per request; the rest is unserved.
 * Request and response bytes (kB) are far below the links' Gbps and do not
 * limit the rate; the user link's capacity is not modelled. Regions are
 * taken in scenario order (workloads, then regions): earlier ones get the
 * nearer compute. Latency statistics weight each served request equally
 * (histogram of 0.01 ms bins up to the budget).
 * Units: s inside, ms in outputs; Tflop/s.
 */
import { gstime } from 'satellite.js';
import { SPEED_OF_LIGHT_KM_PER_S } from '../core/constants';
import { julianDateFromMs } from '../core/time';
import type { InferenceWorkload } from '../input/workload-schema';
import { stationArrays, stationsToTeme, type StationArrays } from '../network/stations';
import type { IslGraph } from './isl-graph';
import type { Router } from './routing';

/** Latency histogram bin (ms). */
export const LATENCY_BIN_MS = 0.01;

/**
 * Paths of a region's served requests in each step: the first (lowest
 * latency) and the last (highest) — entry satellite, serving satellite,
 * inter-satellite links, round-trip latency (ms); −1 / NaN when none.
 */
export interface InferencePath {
  entry: Int32Array;
  server: Int32Array;
  links: Int32Array;
  latencyMs: Float64Array;
  lastEntry: Int32Array;
  lastServer: Int32Array;
  lastLinks: Int32Array;
  lastLatencyMs: Float64Array;
}

export class InferenceWorkloadRun {
  readonly regions: StationArrays;
  private readonly regionPos: Float64Array;
  private readonly regionUp: Float64Array;
  /** Demand per region (Tflop/s). */
  private readonly demandTflops: Float64Array;
  /** Latency histogram of served requests (requests per LATENCY_BIN_MS bin). */
  readonly histogram: Float64Array;
  /** Totals over the run: requests asked and served, per region and all. */
  readonly askedPerRegion: Float64Array;
  readonly servedPerRegion: Float64Array;
  asked = 0;
  served = 0;
  latencySumMs = 0;
  deliveredTflopS = 0;
  /** Per step: fraction served, mean latency of served requests (ms; NaN when none), first-served path per region. */
  readonly servedFraction: Float64Array;
  readonly meanLatencyMs: Float64Array;
  readonly paths: InferencePath[];
  private readonly budgetS: number;
  private readonly perHopS: number;
  private readonly serviceS: number;
  private readonly tflopPerRequest: number;

  constructor(
    readonly w: InferenceWorkload,
    K: number,
  ) {
    this.regions = stationArrays(
      w.regions.map((r) => ({
        name: r.name,
        latitudeDeg: r.latitudeDeg,
        longitudeDeg: r.longitudeDeg,
        altitudeM: 0,
        minElevationDeg: w.minElevationDeg,
        antennas: 1,
        acquisitionS: 0,
        handoverAdvantage: 0,
        linkModel: 'fixed' as const,
        downlinkGbps: 1,
      })),
    );
    const R = w.regions.length;
    this.regionPos = new Float64Array(3 * R);
    this.regionUp = new Float64Array(3 * R);
    this.demandTflops = Float64Array.from(w.regions, (r) => r.requestsPerSecond * w.pflopPerRequest * 1000);
    this.budgetS = w.latencyBudgetMs / 1000;
    this.perHopS = w.perHopDelayMs / 1000;
    this.serviceS = w.serviceTimeMs / 1000;
    this.tflopPerRequest = w.pflopPerRequest * 1000;
    this.histogram = new Float64Array(Math.ceil(w.latencyBudgetMs / LATENCY_BIN_MS) + 1);
    this.askedPerRegion = new Float64Array(R);
    this.servedPerRegion = new Float64Array(R);
    this.servedFraction = new Float64Array(K);
    this.meanLatencyMs = new Float64Array(K).fill(Number.NaN);
    this.paths = w.regions.map(() => ({
      entry: new Int32Array(K).fill(-1),
      server: new Int32Array(K).fill(-1),
      links: new Int32Array(K).fill(-1),
      latencyMs: new Float64Array(K).fill(Number.NaN),
      lastEntry: new Int32Array(K).fill(-1),
      lastServer: new Int32Array(K).fill(-1),
      lastLinks: new Int32Array(K).fill(-1),
      lastLatencyMs: new Float64Array(K).fill(Number.NaN),
    }));
  }

  /**
   * Serves step n at time tMs over dtS: positions of the graph's build,
   * `freeTflops` per satellite (reduced by what is served). Returns the Tflop·s served.
   */
  step(n: number, tMs: number, dtS: number, graph: IslGraph, router: Router, active: Uint8Array, row: number, freeTflops: Float64Array, freeBase: number): number {
    const R = this.regions.count;
    graph.ensureBuilt();
    stationsToTeme(this.regions, gstime(julianDateFromMs(tMs)), this.regionPos, this.regionUp);
    const pos = graph.pos;
    const N = graph.n;
    let askedStep = 0;
    let servedStep = 0;
    let latencyStep = 0;
    let used = 0;
    for (let r = 0; r < R; r++) {
      const demand = this.demandTflops[r];
      const requests = (demand / this.tflopPerRequest) * dtS;
      askedStep += requests;
      this.askedPerRegion[r] += requests;
      if (!(demand > 0)) continue;
      const gx = this.regionPos[3 * r];
      const gy = this.regionPos[3 * r + 1];
      const gz = this.regionPos[3 * r + 2];
      const ux = this.regionUp[3 * r];
      const uy = this.regionUp[3 * r + 1];
      const uz = this.regionUp[3 * r + 2];
      const sinMask = this.regions.sinMask[r];
      router.begin(graph, this.perHopS);
      let any = false;
      for (let i = 0; i < N; i++) {
        if (!active[row + i]) continue;
        const c = 3 * (row + i);
        const dx = pos[c] - gx;
        const dy = pos[c + 1] - gy;
        const dz = pos[c + 2] - gz;
        const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
        if ((dx * ux + dy * uy + dz * uz) / d < sinMask) continue;
        router.source(i, d / SPEED_OF_LIGHT_KM_PER_S);
        any = true;
      }
      if (!any) continue;
      let left = demand;
      const path = this.paths[r];
      for (let i = router.next(); i >= 0 && left > 0; i = router.next()) {
        const latencyS = 2 * router.latencyS[i] + this.serviceS;
        if (latencyS > this.budgetS) break;
        const free = freeTflops[freeBase + i];
        if (!(free > 0)) continue;
        const give = free < left ? free : left;
        freeTflops[freeBase + i] = free - give;
        left -= give;
        used += give * dtS;
        const req = (give / this.tflopPerRequest) * dtS;
        const ms = latencyS * 1000;
        servedStep += req;
        latencyStep += req * ms;
        this.servedPerRegion[r] += req;
        this.histogram[Math.min(this.histogram.length - 1, Math.floor(ms / LATENCY_BIN_MS))] += req;
        let e = i;
        while (router.previous[e] >= 0) e = router.previous[e];
        if (path.server[n] < 0) {
          path.server[n] = i;
          path.links[n] = router.hops[i];
          path.latencyMs[n] = ms;
          path.entry[n] = e;
        }
        path.lastServer[n] = i;
        path.lastLinks[n] = router.hops[i];
        path.lastLatencyMs[n] = ms;
        path.lastEntry[n] = e;
      }
    }
    this.asked += askedStep;
    this.served += servedStep;
    this.latencySumMs += latencyStep;
    this.deliveredTflopS += used;
    this.servedFraction[n] = askedStep > 0 ? Math.min(1, servedStep / askedStep) : 0;
    this.meanLatencyMs[n] = servedStep > 0 ? latencyStep / servedStep : Number.NaN;
    return used;
  }

  /** Latency (ms) below which `q` of the served requests fall (upper edge of the bin); null when none was served. */
  quantileLatencyMs(q: number): number | null {
    return latencyQuantileMs([this], q);
  }
}

/**
 * Latency (ms) below which `q` of the requests served by `runs` fall: their
 * histograms merged bin by bin, the upper edge of the bin; null when none was served.
 */
export function latencyQuantileMs(runs: readonly InferenceWorkloadRun[], q: number): number | null {
  const served = runs.reduce((s, r) => s + r.served, 0);
  if (!(served > 0)) return null;
  const bins = runs.reduce((m, r) => Math.max(m, r.histogram.length), 0);
  const target = q * served;
  let acc = 0;
  for (let b = 0; b < bins; b++) {
    for (const r of runs) if (b < r.histogram.length) acc += r.histogram[b];
    if (acc >= target) return (b + 1) * LATENCY_BIN_MS;
  }
  return bins * LATENCY_BIN_MS;
}
