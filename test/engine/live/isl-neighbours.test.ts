import { describe, expect, it } from 'vitest';
import { allocateInstantBuffers, InstantModel } from '../../../src/engine/live/instant';
import { IslNeighbours, ISL_NEIGHBOURS } from '../../../src/engine/live/isl-neighbours';
import { buildSatellites } from '../../../src/engine/input/constellation';
import { lineOfSight, stationArrays } from '../../../src/engine/network/stations';
import { EARTH_RADIUS_KM } from '../../../src/engine/core/constants';
import { liveScenario, T } from './live-scenario';

/** Pairs as sorted "i-j" keys. */
function pairKeys(links: Int32Array, first: number, count: number): string[] {
  const out: string[] = [];
  for (let p = first; p < first + count; p++) {
    const i = links[2 * p];
    const j = links[2 * p + 1];
    out.push(i < j ? `${i}-${j}` : `${j}-${i}`);
  }
  return out;
}

describe('ISL neighbour search', () => {
  it('links at most the nearest neighbours in range, without duplicates, after the station links', async () => {
    const sc = liveScenario({ interSatelliteLinks: { enabled: true, maxRangeKm: 3000, rateGbps: 10 } });
    const m = await InstantModel.create(buildSatellites(sc).satellites.map((s) => s.satrec), stationArrays(sc.groundStations), sc.interSatelliteLinks);
    const f = allocateInstantBuffers(80);
    const info = m.computeInto(T, -1, f);
    expect(info.islLinks).toBeGreaterThan(40);
    const keys = pairKeys(f.links, info.contactLinks, info.islLinks);
    expect(new Set(keys).size).toBe(keys.length);
    const degree = new Array(80).fill(0);
    for (let p = 0; p < info.islLinks; p++) {
      const i = f.links[2 * (info.contactLinks + p)];
      const j = f.links[2 * (info.contactLinks + p) + 1];
      const d = Math.hypot(f.pos[3 * i] - f.pos[3 * j], f.pos[3 * i + 1] - f.pos[3 * j + 1], f.pos[3 * i + 2] - f.pos[3 * j + 2]) * EARTH_RADIUS_KM;
      expect(d).toBeLessThanOrEqual(3000.01);
      degree[i]++;
      degree[j]++;
    }
    // Each link is one of the endpoints' nearest; degrees stay small.
    expect(Math.max(...degree)).toBeLessThanOrEqual(2 * ISL_NEIGHBOURS);
    m.dispose();
  });

  it('matches a brute-force search on random positions (range up to one grid cell, line of sight, K nearest)', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const N = 300;
    const pos = new Float64Array(3 * N);
    const ok = new Uint8Array(N).fill(1);
    for (let i = 0; i < N; i++) {
      const r = EARTH_RADIUS_KM + 400 + 1200 * rnd();
      const u = 2 * rnd() - 1;
      const a = 2 * Math.PI * rnd();
      pos[3 * i] = r * Math.sqrt(1 - u * u) * Math.cos(a);
      pos[3 * i + 1] = r * Math.sqrt(1 - u * u) * Math.sin(a);
      pos[3 * i + 2] = r * u;
    }
    ok[5] = 0;
    const range = 1400;
    const links = new Int32Array(2 * 5000);
    const n = new IslNeighbours(N, range).pairs(pos, ok, links, 3);
    const got = new Set(pairKeys(links, 3, n));
    // Brute force: each satellite's K nearest in range with line of sight.
    const want = new Set<string>();
    for (let i = 0; i < N; i++) {
      if (!ok[i]) continue;
      const cand: Array<[number, number]> = [];
      for (let j = 0; j < N; j++) {
        if (j === i || !ok[j]) continue;
        const d = Math.hypot(pos[3 * j] - pos[3 * i], pos[3 * j + 1] - pos[3 * i + 1], pos[3 * j + 2] - pos[3 * i + 2]);
        if (d <= range && lineOfSight(pos[3 * i], pos[3 * i + 1], pos[3 * i + 2], pos[3 * j], pos[3 * j + 1], pos[3 * j + 2], EARTH_RADIUS_KM)) cand.push([d, j]);
      }
      cand.sort((a, b) => a[0] - b[0]);
      for (const [, j] of cand.slice(0, ISL_NEIGHBOURS)) want.add(i < j ? `${i}-${j}` : `${j}-${i}`);
    }
    expect(got).toEqual(want);
    expect([...got].some((k) => k.split('-').includes('5'))).toBe(false);
  });
});
