/** Inter-satellite relay through a satellite holding a station antenna. */
import { describe, expect, it } from 'vitest';
import { LINK_ANTENNA, LINK_RELAYED, LinkState } from '../../../src/engine/network/link-state';
import { IslRelay } from '../../../src/engine/network/relay';

/** Link state and positions (TEME km) of one chunk row. */
function setup(positions: Array<[number, number, number]>, demandGB: number[]) {
  const links = new LinkState(positions.length);
  demandGB.forEach((d, i) => (links.demandGB[i] = d));
  const pos = new Float64Array(positions.flat());
  const active = new Uint8Array(positions.length).fill(1);
  return { links, pos, active };
}

describe('IslRelay', () => {
  const isl = { enabled: true, maxRangeKm: 10, rateGbps: 80 }; // 10 GB/s
  it('shares the relay antenna left-over among neighbours in range, in index order, up to the ISL rate', () => {
    const { links, pos, active } = setup(
      [[7000, 0, 0], [7000, 5, 0], [7000, 8, 0], [7000, 50, 0]],
      [1, 30, 30, 30],
    );
    links.flags[0] = LINK_ANTENNA;
    // 45 GB left on satellite 0's antenna over 2 s: sat 1 gets min(30, 10·2, 45) = 20, sat 2 min(30, 20, 25) = 20; sat 3 is 50 km away.
    new IslRelay(isl, links).relay(0, 45, 2, pos, 0, active);
    expect(Array.from(links.capacityGB)).toEqual([0, 20, 20, 0]);
    expect(links.flags[1] & LINK_RELAYED).toBeTruthy();
    expect(links.flags[3]).toBe(0);
  });
  it('stops when the antenna is used up, skips served and inactive satellites and those behind the Earth', () => {
    const { links, pos, active } = setup(
      [[7000, 0, 0], [7000, 1, 0], [7000, 2, 0], [7000, 3, 0], [-7000, 0, 0]],
      [0, 5, 5, 5, 5],
    );
    links.flags[1] = LINK_ANTENNA; // already served
    active[2] = 0;
    const relay = new IslRelay({ ...isl, maxRangeKm: 20_000 }, links);
    // 7 GB left: satellite 3 takes its 5 GB; satellite 4 (antipodal) is hidden by the Earth.
    relay.relay(0, 7, 1, pos, 0, active);
    expect(Array.from(links.capacityGB)).toEqual([0, 0, 0, 5, 0]);
    // 3 GB left: satellite 3 gets only those.
    links.flags[3] = 0;
    relay.relay(0, 3, 1, pos, 0, active);
    expect(Array.from(links.capacityGB)).toEqual([0, 0, 0, 3, 0]);
  });
});
