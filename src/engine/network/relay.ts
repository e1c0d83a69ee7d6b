/**
 * Inter-satellite relay: a satellite holding a station antenna forwards its
 * neighbours' data over optical links with what its antenna has left, within
 * one sub-step of dt (s):
 *   neighbour j qualifies: active, without a link in this sub-step, with a
 *   free terminal, in range and line of sight above the grazing altitude
 *   (isl-link.ts); the relay holds at most `terminals` links at once;
 *   j gets min(demand_j, rate_isl(d) · dt, remaining), in satellite index order.
 * Terminal use is counted per sub-step (links of one sub-step are
 * simultaneous). Positions TEME (km), rates GB/s, data GB. Source: the
 * README's "Downlink" model; link parameters docs/reference/link-sources.md.
 */
import type { Scenario } from '../input/scenario';
import { IslLink } from './isl-link';
import { LINK_RELAYED, type LinkState } from './link-state';

export class IslRelay {
  readonly link: IslLink;
  /** Terminals in use per satellite, valid when termStamp equals the link state's sub-step. */
  private readonly termUsed: Uint8Array;
  private readonly termStamp: Int32Array;

  constructor(isl: Scenario['interSatelliteLinks'], private readonly links: LinkState) {
    this.link = new IslLink(isl);
    this.termUsed = new Uint8Array(links.n);
    this.termStamp = new Int32Array(links.n).fill(-1);
  }

  /** Terminals satellite i uses in the current sub-step. */
  terminalsInUse(i: number): number {
    return this.termStamp[i] === this.links.subStep ? this.termUsed[i] : 0;
  }

  private useTerminal(i: number): void {
    const now = this.links.subStep;
    if (this.termStamp[i] !== now) {
      this.termStamp[i] = now;
      this.termUsed[i] = 0;
    }
    this.termUsed[i]++;
  }

  /**
   * Shares `remainingGB` of satellite `relay`'s antenna over `dtS` among its
   * neighbours (reads positions and activity of chunk row `row` and the
   * sub-step's demand; adds to link capacity, sets LINK_RELAYED).
   */
  relay(relay: number, remainingGB: number, dtS: number, pos: Float64Array, row: number, active: Uint8Array): void {
    const links = this.links;
    const { n: N, flags, demandGB, capacityGB, servedIn } = links;
    const link = this.link;
    const terminals = link.terminals;
    const rc = 3 * (row + relay);
    const bx = pos[rc];
    const by = pos[rc + 1];
    const bz = pos[rc + 2];
    let remaining = remainingGB;
    for (let j = 0; j < N && remaining > 0 && this.terminalsInUse(relay) < terminals; j++) {
      if (j === relay || links.servedNow(j) || !active[row + j] || this.terminalsInUse(j) >= terminals) continue;
      if (!(demandGB[j] > 0)) continue;
      const jc = 3 * (row + j);
      const rate = link.linkRateGBps(bx, by, bz, pos[jc], pos[jc + 1], pos[jc + 2]);
      if (rate <= 0) continue;
      const give = Math.min(demandGB[j], rate * dtS, remaining);
      if (!(give > 0)) continue;
      flags[j] |= LINK_RELAYED;
      servedIn[j] = links.subStep;
      capacityGB[j] += give;
      demandGB[j] -= give;
      remaining -= give;
      this.useTerminal(relay);
      this.useTerminal(j);
    }
  }
}
