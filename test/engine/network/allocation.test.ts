/** Ground-station downlink allocation on hand-made visibility (no orbits). */
import { describe, expect, it } from 'vitest';
import { DownlinkAllocator } from '../../../src/engine/network/downlink';
import { LINK_ANTENNA, LINK_IN_VIEW, LINK_RELAYED, LinkState } from '../../../src/engine/network/link-state';
import { IslRelay } from '../../../src/engine/network/relay';
import { stationArrays } from '../../../src/engine/network/stations';

const station = (name: string, downlinkGbps: number, antennas: number) => ({ name, latitudeDeg: 0, longitudeDeg: 0, altitudeM: 0, minElevationDeg: 10, downlinkGbps, antennas });

/** One chunk row of N satellites: visLo bit s = station s sees the satellite. */
function row(visLo: number[], active = visLo.map(() => 1)) {
  return { visLo: Uint32Array.from(visLo), visHi: new Uint32Array(visLo.length), active: Uint8Array.from(active) };
}

describe('DownlinkAllocator', () => {
  it('each antenna serves the in-view satellite holding the most data; capacity = min(demand, rate · dt)', () => {
    // Station 0: 8 Gbps = 1 GB/s, 2 antennas; dt = 10 s → 10 GB per antenna.
    const links = new LinkState(4);
    const alloc = new DownlinkAllocator(stationArrays([station('A', 8, 2)]), links, null);
    const r = row([1, 1, 1, 0]);
    const stored = Float64Array.from([3, 20, 5, 50]);
    alloc.step(0, r.active, r.visLo, r.visHi, null, stored, 1, 10);
    // Demands (stored + 1 GB output): 4, 21, 6, 51; satellite 3 is not in view.
    expect(Array.from(links.demandGB)).toEqual([4, 21, 6, 51]);
    expect(Array.from(links.capacityGB)).toEqual([0, 10, 6, 0]);
    expect(Array.from(links.flags)).toEqual([LINK_IN_VIEW, LINK_IN_VIEW | LINK_ANTENNA, LINK_IN_VIEW | LINK_ANTENNA, 0]);
    expect(alloc.inContact).toBe(3);
  });
  it('a satellite holds one antenna at most; stations serve in order; ties go to the lower index', () => {
    const links = new LinkState(3);
    const alloc = new DownlinkAllocator(stationArrays([station('A', 8, 1), station('B', 8, 2)]), links, null);
    const r = row([0b11, 0b11, 0b10]);
    alloc.step(0, r.active, r.visLo, r.visHi, null, Float64Array.from([5, 5, 1]), 0, 1);
    // A serves satellite 0 (tie with 1, lower index); B then serves 1 and 2.
    expect(Array.from(links.capacityGB)).toEqual([1, 1, 1]);
    expect(links.flags.every((f) => (f & LINK_ANTENNA) !== 0)).toBe(true);
  });
  it('inactive satellites get nothing and reset from the last step', () => {
    const links = new LinkState(2);
    const alloc = new DownlinkAllocator(stationArrays([station('A', 8, 2)]), links, null);
    alloc.step(0, Uint8Array.from([1, 1]), Uint32Array.from([1, 1]), new Uint32Array(2), null, Float64Array.from([2, 2]), 0, 1);
    expect(Array.from(links.capacityGB)).toEqual([1, 1]);
    alloc.step(0, Uint8Array.from([1, 0]), Uint32Array.from([0, 1]), new Uint32Array(2), null, Float64Array.from([2, 2]), 0, 1);
    expect(Array.from(links.capacityGB)).toEqual([0, 0]);
    expect(Array.from(links.flags)).toEqual([0, 0]);
    expect(alloc.inContact).toBe(0);
  });
  it('with inter-satellite links, the served satellite relays its left-over rate to a neighbour', () => {
    const links = new LinkState(2);
    const relay = new IslRelay({ enabled: true, maxRangeKm: 10, rateGbps: 800 }, links);
    const alloc = new DownlinkAllocator(stationArrays([station('A', 80, 1)]), links, relay);
    // 10 GB/s for 1 s; satellite 0 holds 3 GB → 7 GB left for satellite 1 (holding 4 GB, 1 km away, not in view).
    const pos = Float64Array.from([7000, 0, 0, 7000, 1, 0]);
    alloc.step(0, Uint8Array.from([1, 1]), Uint32Array.from([1, 0]), new Uint32Array(2), pos, Float64Array.from([3, 4]), 0, 1);
    expect(Array.from(links.capacityGB)).toEqual([3, 4]);
    expect(links.flags[1]).toBe(LINK_RELAYED);
  });
});
