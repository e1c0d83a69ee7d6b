import { describe, expect, it } from 'vitest';
import { allocateInstantBuffers, InstantModel } from '../../../src/engine/live/instant';
import { IslNeighbours, islRateScale, type IslSettings } from '../../../src/engine/network/isl-topology';
import { buildSatellites } from '../../../src/engine/input/constellation';
import { lineOfSight, stationArrays } from '../../../src/engine/network/stations';
import { EARTH_RADIUS_KM } from '../../../src/engine/core/constants';
import { liveScenario, T } from '../live/live-scenario';

/**
 * The scenario's link defaults (src/engine/input/network-schema.ts): terminal
 * cap 100 Gbps, 10 Gbps at 8,000 km (Tesat SCOT80), 4 terminals, line of
 * sight 80 km above the Earth.
 */
function settings(over: Partial<IslSettings> = {}): IslSettings {
  return { enabled: true, maxRangeKm: 5000, rateGbps: 100, referenceRateGbps: 10, referenceRangeKm: 8000, terminals: 4, grazingAltitudeKm: 80, ...over };
}

/** Links of one call as sorted "i-j" keys, in emission order, with their rates. */
function run(n: IslNeighbours, pos: number[] | Float64Array, okMask?: Uint8Array): { keys: string[]; rates: number[] } {
  const N = n.count;
  const ok = okMask ?? new Uint8Array(N).fill(1);
  const links = new Int32Array(2 * 5000);
  const rates = new Float32Array(5000);
  const first = 3;
  const c = n.pairs(Float64Array.from(pos), ok, links, first, rates);
  const keys: string[] = [];
  for (let p = first; p < first + c; p++) {
    const i = links[2 * p];
    const j = links[2 * p + 1];
    keys.push(i < j ? `${i}-${j}` : `${j}-${i}`);
  }
  return { keys, rates: Array.from(rates.subarray(0, c)) };
}

describe('ISL rate from the link model', () => {
  it('gives 10 Gbps at 8,000 km, the 100 Gbps cap at 2,000 km and 9.41 Gbps at 8,246 km (defaults)', () => {
    // A and B on a circle of 8,000 km radius, 60° apart: an equilateral
    // triangle with the Earth's centre, so |AB| = 8,000 km. C is 2,000 km
    // above A along z. |BC|² = 4,000² + 6,928.2² + 2,000² = 68·10⁶ km².
    // rate = min(100, 10 · (8,000 / d)²):
    //   AB: 10 · 1 = 10 Gbps
    //   AC: 10 · 16 = 160 → 100 Gbps (the cap holds up to 8,000·√0.1 = 2,530 km)
    //   BC: 10 · 64/68 = 9.4118 Gbps
    // Lines of sight: AB's midpoint is 8,000·cos 30° = 6,928 km from the
    // centre, BC's nearest point 6,996 km: both above 6,378 + 80 = 6,458 km.
    const A = [8000, 0, 0];
    const B = [4000, 4000 * Math.sqrt(3), 0];
    const C = [8000, 0, 2000];
    const { keys, rates } = run(new IslNeighbours(3, settings({ maxRangeKm: 10_000 })), [...A, ...B, ...C]);
    // Shortest first.
    expect(keys).toEqual(['0-2', '0-1', '1-2']);
    expect(rates[0]).toBe(100);
    expect(rates[1]).toBeCloseTo(10, 5);
    expect(rates[2]).toBeCloseTo(9.4118, 4);
    // 8,100 km of range: BC (8,246 km) is out.
    expect(run(new IslNeighbours(3, settings({ maxRangeKm: 8100 })), [...A, ...B, ...C]).keys).toEqual(['0-2', '0-1']);
  });

  it('keeps the line of sight the scenario asks for (grazing altitude)', () => {
    // Two satellites at 6,800 km radius, 40° apart: chord 2·6,800·sin 20° = 4,651 km,
    // its midpoint 6,800·cos 20° = 6,390 km from the centre: above the Earth
    // (6,378 km) but below 6,378 + 80 km.
    const a = (20 * Math.PI) / 180;
    const pos = [6800 * Math.cos(a), 6800 * Math.sin(a), 0, 6800 * Math.cos(a), -6800 * Math.sin(a), 0];
    expect(run(new IslNeighbours(2, settings()), pos).keys).toEqual([]);
    const clear = run(new IslNeighbours(2, settings({ grazingAltitudeKm: 0 })), pos);
    expect(clear.keys).toEqual(['0-1']);
    // 10 · (8,000 / 4,651.4)² = 29.58 Gbps.
    expect(clear.rates[0]).toBeCloseTo(29.58, 2);
  });

  it('states the scale: 25.6 Gbps at the 5,000 km default range up to the 100 Gbps cap (to 2,530 km)', () => {
    // 10 · (8,000 / 5,000)² = 10 · 2.56 = 25.6 Gbps; 8,000 · √(10/100) = 2,529.8 km.
    const s = islRateScale(settings());
    expect(s.lowGbps).toBeCloseTo(25.6, 10);
    expect(s.capGbps).toBe(100);
    expect(s.capRangeKm).toBeCloseTo(2529.8, 1);
    expect(s.terminals).toBe(4);
    // The 81-node cluster preset: 10 km range, 1,600 Gbps terminals; 10 Gbps at
    // 8,000 km would give 6.4·10⁶ Gbps at 10 km: every link runs at the cap,
    // which holds up to 8,000 · √(10 / 1,600) = 632.46 km.
    const c = islRateScale(settings({ maxRangeKm: 10, rateGbps: 1600 }));
    expect(c.lowGbps).toBe(1600);
    expect(c.capGbps).toBe(1600);
    expect(c.capRangeKm).toBeCloseTo(632.46, 2);
  });
});

describe('ISL choice', () => {
  it('holds at most `terminals` links per satellite, shortest first', () => {
    // Four satellites on the line x = 7,000 km at y = 0, 100, 250, 450 km:
    // gaps 01 = 100, 12 = 150, 23 = 200, 02 = 250, 13 = 350, 03 = 450 km.
    // One terminal: 01 (100) then 12 (1 is busy) skipped, 23 (200) → {01, 23}.
    // Two terminals: 01, 12, 23, then 02 and 13 (2 and 1 are full), 03 → a ring of four.
    const pos = [7000, 0, 0, 7000, 100, 0, 7000, 250, 0, 7000, 450, 0];
    expect(run(new IslNeighbours(4, settings({ terminals: 1 })), pos).keys).toEqual(['0-1', '2-3']);
    const two = run(new IslNeighbours(4, settings({ terminals: 2 })), pos);
    expect(two.keys).toEqual(['0-1', '1-2', '2-3', '0-3']);
    // All under 2,530 km: every link at the 100 Gbps cap.
    expect(two.rates).toEqual([100, 100, 100, 100]);
  });

  it('on random positions over a range of several grid cells: in range, in sight, within terminals, and no skipped link between free satellites', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const N = 3000;
    const pos = new Float64Array(3 * N);
    const ok = new Uint8Array(N).fill(1);
    for (let i = 0; i < N; i++) {
      // A shell 400–1,600 km up, and 20 satellites 2,200 km above it (their nearest are rings of cells away).
      const r = EARTH_RADIUS_KM + (i < N - 20 ? 400 + 1200 * rnd() : 3800);
      const u = 2 * rnd() - 1;
      const a = 2 * Math.PI * rnd();
      pos[3 * i] = r * Math.sqrt(1 - u * u) * Math.cos(a);
      pos[3 * i + 1] = r * Math.sqrt(1 - u * u) * Math.sin(a);
      pos[3 * i + 2] = r * u;
    }
    ok[5] = 0;
    const range = 3000;
    const K = 3;
    const block = EARTH_RADIUS_KM + 80;
    const n = new IslNeighbours(N, settings({ maxRangeKm: range, terminals: K }));
    const { keys, rates } = run(n, pos, ok);
    // The search scanned rings of cells: the range spans more than two.
    expect(n.lastCellKm).toBeLessThan(range / 2);
    expect(keys.length).toBeGreaterThan(N); // ≈ K/2 per satellite
    expect(new Set(keys).size).toBe(keys.length);
    const dist = (i: number, j: number) => Math.hypot(pos[3 * j] - pos[3 * i], pos[3 * j + 1] - pos[3 * i + 1], pos[3 * j + 2] - pos[3 * i + 2]);
    const sight = (i: number, j: number) => lineOfSight(pos[3 * i], pos[3 * i + 1], pos[3 * i + 2], pos[3 * j], pos[3 * j + 1], pos[3 * j + 2], block);
    const linked = new Set(keys);
    const mine: number[][] = Array.from({ length: N }, () => []);
    keys.forEach((k, q) => {
      const [i, j] = k.split('-').map(Number);
      expect(ok[i] && ok[j]).toBeTruthy();
      expect(dist(i, j)).toBeLessThanOrEqual(range);
      expect(sight(i, j)).toBe(true);
      mine[i].push(dist(i, j));
      mine[j].push(dist(i, j));
      // Rates fall with distance, from the cap (links under 2,530 km) to 10·(8,000/3,000)² = 71.1 Gbps.
      if (q > 0) expect(rates[q]).toBeLessThanOrEqual(rates[q - 1]);
      if (dist(i, j) < 2500) expect(rates[q]).toBe(100);
      expect(rates[q]).toBeGreaterThanOrEqual(71.1);
    });
    for (let i = 0; i < N; i++) expect(mine[i].length).toBeLessThanOrEqual(K);
    // Each satellite's K nearest in range and in sight (brute force): an
    // unlinked one has an end whose K terminals all hold links no longer.
    for (let i = 0; i < N; i++) {
      if (!ok[i]) continue;
      const cand: Array<[number, number]> = [];
      for (let j = 0; j < N; j++) if (j !== i && ok[j] && dist(i, j) <= range && sight(i, j)) cand.push([dist(i, j), j]);
      cand.sort((a, b) => a[0] - b[0]);
      for (const [d, j] of cand.slice(0, K)) {
        if (linked.has(i < j ? `${i}-${j}` : `${j}-${i}`)) continue;
        const full = (s: number) => mine[s].length === K && Math.max(...mine[s]) <= d + 0.01;
        expect(full(i) || full(j)).toBe(true);
      }
    }
  });
});

describe('ISLs of a live instant', () => {
  it('follow the scenario: at most `terminals` per satellite, rates on the 25.6–100 Gbps scale', async () => {
    for (const terminals of [4, 2]) {
      const sc = liveScenario({ interSatelliteLinks: { enabled: true, terminals } });
      const m = await InstantModel.create(buildSatellites(sc).satellites.map((s) => s.satrec), stationArrays(sc.groundStations), sc.interSatelliteLinks);
      const f = allocateInstantBuffers(80);
      const info = m.computeInto(T, -1, f);
      // 80 satellites in 8 planes of 10 at 550 km: in-plane neighbours 36° apart,
      // 2·6,928·sin 18° = 4,282 km, within the 5,000 km default range.
      expect(info.islLinks).toBeGreaterThanOrEqual(30 * terminals);
      expect(info.islRateLowGbps).toBeCloseTo(25.6, 6);
      expect(info.islRateCapGbps).toBe(100);
      const degree = new Array(80).fill(0);
      for (let q = 0; q < info.islLinks; q++) {
        const i = f.links[2 * (info.contactLinks + q)];
        const j = f.links[2 * (info.contactLinks + q) + 1];
        degree[i]++;
        degree[j]++;
        const d = Math.hypot(f.pos[3 * i] - f.pos[3 * j], f.pos[3 * i + 1] - f.pos[3 * j + 1], f.pos[3 * i + 2] - f.pos[3 * j + 2]) * EARTH_RADIUS_KM;
        expect(d).toBeLessThanOrEqual(5000.01);
        expect(f.islRateGbps[q]).toBeGreaterThanOrEqual(25.6 - 1e-3);
        expect(f.islRateGbps[q]).toBeLessThanOrEqual(100);
      }
      expect(Math.max(...degree)).toBe(terminals);
      m.dispose();
    }
  });

  it('has no links and an empty scale when the scenario has none', async () => {
    const sc = liveScenario();
    const m = await InstantModel.create(buildSatellites(sc).satellites.map((s) => s.satrec), stationArrays(sc.groundStations), sc.interSatelliteLinks);
    const info = m.computeInto(T, -1, allocateInstantBuffers(80));
    expect(info).toMatchObject({ islLinks: 0, islRateLowGbps: 0, islRateCapGbps: 0 });
    m.dispose();
  });
});
