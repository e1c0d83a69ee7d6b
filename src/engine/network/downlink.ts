/**
 * Ground-station downlink allocation. A node step is one or more sub-steps
 * (samples) of dt (s); each sub-step starts from the geometry at its start
 * time (visibility masks, TEME positions):
 *   rate of satellite i at station s: fixed (`downlinkGbps`), or from the
 *   link budget at the slant range and elevation (link-budget.ts); a
 *   satellite in view whose link does not close (rate 0) is not served;
 *   demand_i = stored_i + output of the whole node step − capacity already
 *   given to i in this node step (GB);
 *   sessions: antenna a of station s holds one satellite; a new session
 *   carries nothing for the station's acquisition time t_acq (acquisition
 *   left over passes to the next sub-step), so it carries
 *   C = rate · max(0, dt − t_acq,left);
 *   hysteresis: an antenna keeps its satellite h while h stays in view, its
 *   link closes and h has data to fill the antenna (demand_h ≥ C_h); once
 *   it has less, the antenna moves to the free in-view satellite j with the
 *   most data (ties: lowest index) if
 *   demand_j − demand_h > (1 + handoverAdvantage) · rate_j · t_acq,
 *   i.e. j holds more by more than what the switch costs; a free antenna
 *   takes j. So two loaded satellites never trade an antenna (sessions ≈
 *   passes), and an antenna left with a drained satellite moves on;
 *   it carries L = min(demand, C) of its satellite's data and, with
 *   inter-satellite links, C − L for neighbours (relay.ts);
 *   served time: a satellite held by an antenna over a sub-step of dt adds dt
 *   (acquisition included; a satellite holds at most one antenna at a time:
 *   held satellites are reserved before free antennas choose), summed per
 *   satellite over the run (s) — the sessions' time on the sample grid.
 * Stations in scenario order, antennas in order, satellites in index order
 * (deterministic). Rates GB/s, data GB.
 *
 * A component with its own state, allocated once: read (visibility, positions,
 * stored data) → evaluate (candidates, sessions) → write (LinkState, adding
 * over the node step's sub-steps). Nothing allocates per step.
 */
import { gstime } from 'satellite.js';
import { julianDateFromMs } from '../core/time';
import { budgetRateGBps } from './link-budget';
import { LINK_ANTENNA, LINK_IN_VIEW, type LinkState } from './link-state';
import type { IslRelay } from './relay';
import { stationsToTeme, type StationArrays } from './stations';

export class DownlinkAllocator {
  /** Servable satellites in view of each station this sub-step: station s's list starts at s · N, with their rates (GB/s). */
  private readonly candidates: Int32Array;
  private readonly candidateRate: Float64Array;
  private readonly candidateCount: Int32Array;
  /** Antenna a of station s is number antennaFirst[s] + a. */
  private readonly antennaFirst: Int32Array;
  private readonly antennaStation: Int32Array;
  /** Per antenna: satellite held (−1: none), its rate this sub-step (GB/s), acquisition time left (s). */
  private readonly holder: Int32Array;
  private readonly holderRate: Float64Array;
  private readonly acquisitionLeftS: Float64Array;
  /** Station positions (km) and up vectors in TEME at the sub-step's time. */
  private readonly stationPosTemeKm: Float64Array;
  private readonly stationUpTeme: Float64Array;
  private readonly anyBudget: boolean;
  /** Satellites with some station in view in some sub-step of the node step. */
  inContact = 0;
  /** Sessions started since construction (an antenna taking a satellite). */
  sessions = 0;
  /** Time each satellite has held a station antenna since construction (s): see the header. */
  readonly servedS: Float64Array;

  constructor(
    private readonly stations: StationArrays,
    private readonly links: LinkState,
    private readonly relay: IslRelay | null,
  ) {
    const S = stations.count;
    this.candidates = new Int32Array(links.n * Math.max(1, S));
    this.candidateRate = new Float64Array(links.n * Math.max(1, S));
    this.candidateCount = new Int32Array(Math.max(1, S));
    this.antennaFirst = new Int32Array(S + 1);
    for (let s = 0; s < S; s++) this.antennaFirst[s + 1] = this.antennaFirst[s] + stations.antennas[s];
    const A = this.antennaFirst[S];
    this.antennaStation = new Int32Array(A);
    for (let s = 0; s < S; s++) this.antennaStation.fill(s, this.antennaFirst[s], this.antennaFirst[s + 1]);
    this.holder = new Int32Array(A).fill(-1);
    this.holderRate = new Float64Array(A);
    this.acquisitionLeftS = new Float64Array(A);
    this.stationPosTemeKm = new Float64Array(3 * S);
    this.stationUpTeme = new Float64Array(3 * S);
    this.anyBudget = stations.budget.some((b) => b === 1);
    this.servedS = new Float64Array(links.n);
  }

  /** Starts a node step: clears the link state's flags and capacities. */
  beginStep(): void {
    this.links.clear();
    this.inContact = 0;
  }

  /**
   * Allocates links over [timeMs, timeMs + dtS) from chunk row `row`
   * (activity, station visibility masks, TEME positions 3 per cell at
   * 3·(row + i), or null when no link needs them), each satellite's stored
   * data at the node step's start and the node step's output at full
   * compute; adds to the link state.
   */
  subStep(row: number, timeMs: number, dtS: number, active: Uint8Array, visLo: Uint32Array, visHi: Uint32Array, posEciKm: Float64Array | null, storedGB: Float64Array, outputGB: number): void {
    this.links.nextSubStep();
    if (this.anyBudget) {
      if (!posEciKm) throw new Error('DownlinkAllocator: link-budget stations need satellite positions (network/link-budget.ts needsPositions)');
      stationsToTeme(this.stations, gstime(julianDateFromMs(timeMs)), this.stationPosTemeKm, this.stationUpTeme);
    }
    this.collect(row, active, visLo, visHi, posEciKm, storedGB, outputGB);
    this.release(row, active, visLo, visHi, posEciKm);
    this.allocate(row, active, posEciKm, dtS);
  }

  /** One node step of a single sub-step: beginStep + subStep. */
  step(row: number, timeMs: number, active: Uint8Array, visLo: Uint32Array, visHi: Uint32Array, posEciKm: Float64Array | null, storedGB: Float64Array, outputGB: number, dtS: number): void {
    this.beginStep();
    this.subStep(row, timeMs, dtS, active, visLo, visHi, posEciKm, storedGB, outputGB);
  }

  /** Rate (GB/s) of satellite i (chunk row `row`) at station s this sub-step. */
  private rateAt(s: number, i: number, row: number, pos: Float64Array | null): number {
    const st = this.stations;
    if (!st.budget[s] || !pos) return st.rateGBps[s];
    const c = 3 * (row + i);
    const k = 3 * s;
    const P = this.stationPosTemeKm;
    const U = this.stationUpTeme;
    const dx = pos[c] - P[k];
    const dy = pos[c + 1] - P[k + 1];
    const dz = pos[c + 2] - P[k + 2];
    const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
    const sinEl = (dx * U[k] + dy * U[k + 1] + dz * U[k + 2]) / d;
    return budgetRateGBps(st.budgetC0Db[s], st.atmZenithDb[s], st.symbolRate[s], d, sinEl);
  }

  /** Demand of each satellite and, per station, the servable satellites it sees. */
  private collect(row: number, active: Uint8Array, visLo: Uint32Array, visHi: Uint32Array, pos: Float64Array | null, storedGB: Float64Array, outputGB: number): void {
    const { n: N, flags, demandGB, capacityGB } = this.links;
    this.candidateCount.fill(0);
    for (let i = 0; i < N; i++) {
      const c = row + i;
      if (!active[c]) continue;
      const d = storedGB[i] + outputGB - capacityGB[i];
      demandGB[i] = d > 0 ? d : 0;
      let lo = visLo[c];
      let hi = visHi[c];
      if (!(lo | hi)) continue;
      if (!(flags[i] & LINK_IN_VIEW)) {
        flags[i] |= LINK_IN_VIEW;
        this.inContact++;
      }
      for (let s = 0; lo !== 0; s++, lo >>>= 1) if (lo & 1) this.addCandidate(s, i, row, pos);
      for (let s = 32; hi !== 0; s++, hi >>>= 1) if (hi & 1) this.addCandidate(s, i, row, pos);
    }
  }

  private addCandidate(s: number, i: number, row: number, pos: Float64Array | null): void {
    const rate = this.rateAt(s, i, row, pos);
    if (!(rate > 0)) return;
    const slot = s * this.links.n + this.candidateCount[s]++;
    this.candidates[slot] = i;
    this.candidateRate[slot] = rate;
  }

  /**
   * Ends the sessions whose satellite left the station's view, stopped
   * propagating or whose link no longer closes; reserves the others'
   * satellites for this sub-step (no other antenna or relay takes them).
   */
  private release(row: number, active: Uint8Array, visLo: Uint32Array, visHi: Uint32Array, pos: Float64Array | null): void {
    const links = this.links;
    const { holder, holderRate } = this;
    for (let a = 0; a < holder.length; a++) {
      const h = holder[a];
      if (h < 0) continue;
      const s = this.antennaStation[a];
      const c = row + h;
      const inView = s < 32 ? (visLo[c] >>> s) & 1 : (visHi[c] >>> (s - 32)) & 1;
      const rate = active[c] && inView ? this.rateAt(s, h, row, pos) : 0;
      if (rate > 0) {
        holderRate[a] = rate;
        links.servedIn[h] = links.subStep;
      } else holder[a] = -1;
    }
  }

  /** Each antenna keeps its satellite (hysteresis) or takes the free one holding the most data. */
  private allocate(row: number, active: Uint8Array, pos: Float64Array | null, dtS: number): void {
    const st = this.stations;
    const { holder, holderRate, candidates, candidateRate } = this;
    const demandGB = this.links.demandGB;
    for (let s = 0; s < st.count; s++) {
      const acquisitionS = st.acquisitionS[s];
      const switchFactor = (1 + st.handoverAdvantage[s]) * acquisitionS;
      for (let a = this.antennaFirst[s]; a < this.antennaFirst[s + 1]; a++) {
        const slot = this.largestDemand(s);
        const h = holder[a];
        if (h >= 0) {
          const left = this.acquisitionLeftS[a];
          const capGB = holderRate[a] * (dtS > left ? dtS - left : 0);
          const stay = slot < 0 || demandGB[h] >= capGB || !(demandGB[candidates[slot]] - demandGB[h] > switchFactor * candidateRate[slot]);
          if (stay) {
            this.serve(a, h, holderRate[a], dtS, row, active, pos);
            continue;
          }
          holder[a] = -1;
        }
        if (slot < 0) continue;
        const sat = candidates[slot];
        holder[a] = sat;
        this.acquisitionLeftS[a] = acquisitionS;
        this.sessions++;
        this.serve(a, sat, candidateRate[slot], dtS, row, active, pos);
      }
    }
  }

  /** Slot of station s's free candidate with the most data (first on ties), or −1. */
  private largestDemand(s: number): number {
    const links = this.links;
    const N = links.n;
    const { candidates } = this;
    const demandGB = links.demandGB;
    const end = s * N + this.candidateCount[s];
    let best = -1;
    let bestDemand = 0;
    for (let slot = s * N; slot < end; slot++) {
      const i = candidates[slot];
      if (!links.servedNow(i) && demandGB[i] > bestDemand) {
        best = slot;
        bestDemand = demandGB[i];
      }
    }
    return best;
  }

  /** Antenna a carries satellite `sat`'s data at `rateGBps` over dt after its acquisition; the rest goes to relays. */
  private serve(a: number, sat: number, rateGBps: number, dtS: number, row: number, active: Uint8Array, pos: Float64Array | null): void {
    const links = this.links;
    const left = this.acquisitionLeftS[a];
    const usableS = dtS > left ? dtS - left : 0;
    this.acquisitionLeftS[a] = left > dtS ? left - dtS : 0;
    links.flags[sat] |= LINK_ANTENNA;
    links.servedIn[sat] = links.subStep;
    this.servedS[sat] += dtS;
    const capGB = rateGBps * usableS;
    const own = Math.min(links.demandGB[sat], capGB);
    links.capacityGB[sat] += own;
    links.demandGB[sat] -= own;
    const remaining = capGB - own;
    if (this.relay && remaining > 0 && pos) this.relay.relay(sat, remaining, dtS, pos, row, active);
  }
}
