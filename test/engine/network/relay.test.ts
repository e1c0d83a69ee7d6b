/** Inter-satellite relay through a satellite holding a station antenna; optical link rate and geometry. */
import { describe, expect, it } from 'vitest';
import { islSchema } from '../../../src/engine/input/network-schema';
import { IslLink } from '../../../src/engine/network/isl-link';
import { LINK_ANTENNA, LINK_RELAYED, LinkState } from '../../../src/engine/network/link-state';
import { IslRelay } from '../../../src/engine/network/relay';

/** Link state (one sub-step begun) and positions (TEME km) of one chunk row. */
function setup(positions: Array<[number, number, number]>, demandGB: number[]) {
  const links = new LinkState(positions.length);
  links.nextSubStep();
  demandGB.forEach((d, i) => (links.demandGB[i] = d));
  const pos = new Float64Array(positions.flat());
  const active = new Uint8Array(positions.length).fill(1);
  return { links, pos, active };
}

describe('IslRelay', () => {
  // A fast terminal (cap 80 Gbps = 10 GB/s, reached up to 8000·√(10/80) ≈ 2,828 km): the cap binds at these ranges.
  const isl = islSchema.parse({ enabled: true, maxRangeKm: 10, rateGbps: 80, terminals: 8 });
  it('shares the relay antenna left-over among neighbours in range, in index order, up to the ISL rate', () => {
    const { links, pos, active } = setup(
      [[7000, 0, 0], [7000, 5, 0], [7000, 8, 0], [7000, 50, 0]],
      [1, 30, 30, 30],
    );
    links.flags[0] = LINK_ANTENNA;
    links.servedIn[0] = links.subStep;
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
    links.servedIn[1] = links.subStep; // already served in this sub-step
    active[2] = 0;
    const relay = new IslRelay({ ...isl, maxRangeKm: 20_000 }, links);
    // 7 GB left: satellite 3 takes its 5 GB; satellite 4 (antipodal) is hidden by the Earth.
    relay.relay(0, 7, 1, pos, 0, active);
    expect(Array.from(links.capacityGB)).toEqual([0, 0, 0, 5, 0]);
    // Next sub-step, 3 GB left and satellite 3 holding 5 GB again: it gets only those 3 (added to its 5).
    links.nextSubStep();
    links.servedIn[1] = links.subStep; // still served elsewhere
    links.demandGB[3] = 5;
    relay.relay(0, 3, 1, pos, 0, active);
    expect(Array.from(links.capacityGB)).toEqual([0, 0, 0, 8, 0]);
  });
  it('a relay holds at most `terminals` links at once (a 13-neighbour cluster gets 4 links)', () => {
    // 14 satellites 100 m apart along y; satellite 0 relays with ample antenna capacity; 4 terminals.
    const positions: Array<[number, number, number]> = Array.from({ length: 14 }, (_, k) => [7000, 0.1 * k, 0]);
    const { links, pos, active } = setup(positions, [0, ...Array(13).fill(1)]);
    const relay = new IslRelay(islSchema.parse({ enabled: true, maxRangeKm: 10, rateGbps: 100, terminals: 4 }), links);
    relay.relay(0, 1000, 1, pos, 0, active);
    const relayed = Array.from(links.flags).filter((f) => f & LINK_RELAYED).length;
    expect(relayed).toBe(4);
    expect(relay.terminalsInUse(0)).toBe(4);
    expect(Array.from(links.capacityGB.slice(1, 5))).toEqual([1, 1, 1, 1]);
    // A new sub-step frees the terminals: the next four neighbours (5–8) get links.
    links.nextSubStep();
    relay.relay(0, 1000, 1, pos, 0, active);
    expect(Array.from(links.capacityGB.slice(5, 10))).toEqual([1, 1, 1, 1, 0]);
  });
  it('a neighbour with no free terminal is skipped', () => {
    const { links, pos, active } = setup([[7000, 0, 0], [7000, 1, 0], [7000, 2, 0]], [0, 5, 5]);
    const relay = new IslRelay(islSchema.parse({ enabled: true, maxRangeKm: 10, terminals: 1 }), links);
    // Satellite 2 relays satellite 1 first (using both their only terminals); satellite 0 then finds no neighbour with a free terminal.
    relay.relay(2, 100, 1, pos, 0, active);
    links.servedIn[2] = links.subStep;
    expect(links.capacityGB[1]).toBe(5);
    links.demandGB[1] = 5;
    links.servedIn[1] = -1; // even if satellite 1 still had data, its terminal is busy
    relay.relay(0, 100, 1, pos, 0, active);
    expect(links.capacityGB[1]).toBe(5);
  });
});

describe('IslLink', () => {
  // Defaults: cap 100 Gbps, 10 Gbps at 8,000 km (Tesat SCOT80), range 5,000 km, 80 km grazing altitude.
  const link = new IslLink(islSchema.parse({ enabled: true, maxRangeKm: 20_000 }));
  it('rate falls as 1/d² beyond the distance where the terminal rate caps it', () => {
    // Hand values: rate(d) = 10 Gbps · (8000/d)²; cap 100 Gbps reached at 8000·√0.1 = 2,529.8 km.
    // d = 4000 km: 10 · (8000/4000)² = 10 · 4 = 40 Gbps = 5 GB/s.
    expect(link.rateGBps(4000 * 4000)).toBeCloseTo(40 / 8, 12);
    // d = 10,000 km: 10 · 0.8² = 6.4 Gbps = 0.8 GB/s.
    expect(link.rateGBps(10_000 * 10_000)).toBeCloseTo(6.4 / 8, 12);
    // d = 2,000 km: 10 · 16 = 160 Gbps > cap → 100 Gbps = 12.5 GB/s; and 100 m and 10 km both get the cap.
    expect(link.rateGBps(2000 * 2000)).toBe(12.5);
    expect(link.rateGBps(0.1 * 0.1)).toBe(12.5);
    expect(link.rateGBps(10 * 10)).toBe(12.5);
    // 4,000 → 8,000 km: 6.02 dB less received power, rate a quarter.
    expect(link.rateGBps(4000 ** 2) / link.rateGBps(8000 ** 2)).toBeCloseTo(4, 12);
  });
  it('refuses a line of sight that grazes below the atmosphere margin', () => {
    // Two satellites at r = 6,928 km (550 km), symmetric about the x axis: the chord's closest point to the centre is on the x axis at
    // r·cos(φ/2) for a separation angle φ. Grazing height h = r·cos(φ/2) − 6,378.135 km.
    const r = 6928.135;
    const at = (halfDeg: number) => {
      const h = (halfDeg * Math.PI) / 180;
      return link.linkRateGBps(r * Math.cos(h), r * Math.sin(h), 0, r * Math.cos(h), -r * Math.sin(h), 0);
    };
    // cos(φ/2) = (6378.135 + 100)/6928.135 → φ/2 = 20.77°: grazes at 100 km, above 80 km → allowed.
    const half100 = (Math.acos((6378.135 + 100) / r) * 180) / Math.PI;
    // φ/2 for 60 km: grazes at 60 km, below 80 km → refused; the bare Earth (0 km) would have allowed it.
    const half60 = (Math.acos((6378.135 + 60) / r) * 180) / Math.PI;
    expect(at(half100)).toBeGreaterThan(0);
    expect(at(half60)).toBe(0);
    const bare = new IslLink(islSchema.parse({ enabled: true, maxRangeKm: 20_000, grazingAltitudeKm: 0 }));
    const h = (half60 * Math.PI) / 180;
    expect(bare.linkRateGBps(r * Math.cos(h), r * Math.sin(h), 0, r * Math.cos(h), -r * Math.sin(h), 0)).toBeGreaterThan(0);
  });
  it('refuses links beyond maxRangeKm', () => {
    const short = new IslLink(islSchema.parse({ enabled: true, maxRangeKm: 1000 }));
    expect(short.linkRateGBps(7000, 0, 0, 7000, 999, 0)).toBeGreaterThan(0);
    expect(short.linkRateGBps(7000, 0, 0, 7000, 1001, 0)).toBe(0);
  });
});
