/**
 * Inter-satellite relay: a satellite holding a station antenna forwards its
 * neighbours' data over optical links with what its antenna has left.
 *   neighbour j qualifies: |r_j − r_relay| ≤ range, line of sight clear of the
 *   Earth sphere (R = 6378.135 km), j active and without a link yet;
 *   it gets min(demand_j, ISL rate · dt, remaining), in satellite index order.
 * Positions TEME (km), rates GB/s, data GB. Source: the README's "Downlink"
 * model; link rates from shared PHYSICS.md ("Reference designs").
 */
import { EARTH_RADIUS_KM } from '../core/constants';
import type { Scenario } from '../input/scenario';
import { LINK_RELAYED, LINK_SERVED, type LinkState } from './link-state';
import { lineOfSight } from './stations';

export class IslRelay {
  private readonly rangeKm2: number;
  private readonly rateGBps: number;

  constructor(isl: Scenario['interSatelliteLinks'], private readonly links: LinkState) {
    this.rangeKm2 = isl.maxRangeKm * isl.maxRangeKm;
    this.rateGBps = isl.rateGbps / 8;
  }

  /**
   * Shares `remainingGB` of satellite `relay`'s antenna among its neighbours
   * (reads positions and activity of chunk row `row`; writes link state).
   */
  relay(relay: number, remainingGB: number, dtS: number, pos: Float64Array, row: number, active: Uint8Array): void {
    const { n: N, flags, demandGB, capacityGB } = this.links;
    const rc = 3 * (row + relay);
    const bx = pos[rc];
    const by = pos[rc + 1];
    const bz = pos[rc + 2];
    let remaining = remainingGB;
    for (let j = 0; j < N && remaining > 0; j++) {
      if (flags[j] & LINK_SERVED || !active[row + j]) continue;
      const jc = 3 * (row + j);
      const dx = pos[jc] - bx;
      const dy = pos[jc + 1] - by;
      const dz = pos[jc + 2] - bz;
      if (dx * dx + dy * dy + dz * dz > this.rangeKm2) continue;
      if (!lineOfSight(bx, by, bz, pos[jc], pos[jc + 1], pos[jc + 2], EARTH_RADIUS_KM)) continue;
      const give = Math.min(demandGB[j], this.rateGBps * dtS, remaining);
      if (give <= 0) continue;
      flags[j] |= LINK_RELAYED;
      capacityGB[j] = give;
      remaining -= give;
    }
  }
}
