/**
 * Ground-station downlink allocation over one step of dt (s):
 *   each antenna of station s serves, among the satellites station s sees
 *   above its mask and not yet served, the one holding the most data
 *   (demand = stored + produced at full compute, GB; ties: lowest index);
 *   it carries L = min(demand, rate_s · dt) of that satellite's data, and
 *   with inter-satellite links its remaining rate_s · dt − L goes to the
 *   satellite's neighbours (relay.ts).
 * Stations in scenario order, antennas in order. Rates GB/s, data GB.
 * Visibility (elevation ≥ mask) comes from phase A as station bit masks.
 * Source: the README's "Downlink" model.
 *
 * A component with its own state, allocated once: read (visibility, stored
 * data) → evaluate (candidates, greedy allocation) → write (LinkState).
 */
import { LINK_ANTENNA, LINK_IN_VIEW, LINK_SERVED, type LinkState } from './link-state';
import type { IslRelay } from './relay';
import type { StationArrays } from './stations';

export class DownlinkAllocator {
  /** Satellites in view of each station this step: station s's list starts at s · N. */
  private readonly candidates: Int32Array;
  private readonly candidateCount: Int32Array;
  /** Satellites with some station in view, last step. */
  inContact = 0;

  constructor(
    private readonly stations: StationArrays,
    private readonly links: LinkState,
    private readonly relay: IslRelay | null,
  ) {
    const S = Math.max(1, stations.count);
    this.candidates = new Int32Array(links.n * S);
    this.candidateCount = new Int32Array(S);
  }

  /**
   * One step, reading chunk row `row` of phase A (activity, station
   * visibility masks, positions for the relay) and each satellite's stored
   * data; writes the link state.
   */
  step(row: number, active: Uint8Array, visLo: Uint32Array, visHi: Uint32Array, posEciKm: Float64Array | null, storedGB: Float64Array, outputGB: number, dtS: number): void {
    this.collect(row, active, visLo, visHi, storedGB, outputGB);
    this.allocate(row, active, posEciKm, dtS);
  }

  /** Demand of each satellite and, per station, the satellites it sees. */
  private collect(row: number, active: Uint8Array, visLo: Uint32Array, visHi: Uint32Array, storedGB: Float64Array, outputGB: number): void {
    const { n: N, flags, demandGB, capacityGB } = this.links;
    const { candidates, candidateCount } = this;
    candidateCount.fill(0);
    let inContact = 0;
    for (let i = 0; i < N; i++) {
      const c = row + i;
      flags[i] = 0;
      capacityGB[i] = 0;
      if (!active[c]) continue;
      demandGB[i] = storedGB[i] + outputGB;
      let lo = visLo[c];
      let hi = visHi[c];
      if (lo | hi) {
        inContact++;
        flags[i] = LINK_IN_VIEW;
        for (let s = 0; lo !== 0; s++, lo >>>= 1) if (lo & 1) candidates[s * N + candidateCount[s]++] = i;
        for (let s = 32; hi !== 0; s++, hi >>>= 1) if (hi & 1) candidates[s * N + candidateCount[s]++] = i;
      }
    }
    this.inContact = inContact;
  }

  /** Each antenna serves the unserved candidate holding the most data. */
  private allocate(row: number, active: Uint8Array, posEciKm: Float64Array | null, dtS: number): void {
    const st = this.stations;
    const S = st.count;
    for (let s = 0; s < S; s++) {
      const capGB = st.rateGBps[s] * dtS;
      for (let a = 0; a < st.antennas[s]; a++) {
        const best = this.largestDemand(s);
        if (best < 0) break;
        this.serve(best, capGB, row, active, posEciKm, dtS);
      }
    }
  }

  /** The unserved satellite station `s` sees with the most data (first on ties), or −1. */
  private largestDemand(s: number): number {
    const { n: N, flags, demandGB } = this.links;
    const candidates = this.candidates;
    const count = this.candidateCount[s];
    let best = -1;
    let bestDemand = -1;
    for (let c = 0; c < count; c++) {
      const i = candidates[s * N + c];
      if (!(flags[i] & LINK_SERVED) && demandGB[i] > bestDemand) {
        best = i;
        bestDemand = demandGB[i];
      }
    }
    return best;
  }

  private serve(sat: number, capGB: number, row: number, active: Uint8Array, posEciKm: Float64Array | null, dtS: number): void {
    const links = this.links;
    links.flags[sat] |= LINK_ANTENNA;
    const own = Math.min(links.demandGB[sat], capGB);
    links.capacityGB[sat] = own;
    const remaining = capGB - own;
    if (this.relay && remaining > 0 && posEciKm) this.relay.relay(sat, remaining, dtS, posEciKm, row, active);
  }
}
