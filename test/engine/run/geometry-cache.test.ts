/**
 * The geometry cache (src/engine/run/geometry-cache.ts): a run that changes
 * only node parameters replays phase B on the cached geometry and writes the
 * same result.json bytes as a full run of the same scenario; a change to the
 * geometry (orbit, station, step, start) is a miss; the budget is kept.
 */
import { describe, expect, it } from 'vitest';
import { normaliseScenario, type ScenarioInput } from '../../../src/engine/input/scenario';
import { simulateScenario, type SimulationOutput } from '../../../src/engine/run/simulation';
import { writeResultJson } from '../../../src/engine/output/result-json';
import { CachedGeometry, GeometryCache } from '../../../src/engine/run/geometry-cache';
import { EXAMPLE_TLE_TEXT as EXAMPLE_TLE } from '../../../src/engine/input/examples';

const STATIONS = [
  { name: 'Svalbard', latitudeDeg: 78.23, longitudeDeg: 15.41, altitudeM: 500, minElevationDeg: 10, downlinkGbps: 10 },
  { name: 'Wallops', latitudeDeg: 37.94, longitudeDeg: -75.46, altitudeM: 10, minElevationDeg: 10, downlinkGbps: 10 },
];

const walker = (over: Partial<ScenarioInput> = {}): ScenarioInput =>
  ({
    name: 'cache test',
    startUtc: '2026-03-20T00:00:00Z',
    durationHours: 6,
    stepSeconds: 60,
    constellation: { type: 'walker', pattern: 'delta', altitudeKm: 550, inclinationDeg: 53, planes: 4, satellitesPerPlane: 5, phasing: 1, firstRaanDeg: 0 },
    groundStations: STATIONS,
    lifetime: { enabled: false },
    ...over,
  }) as ScenarioInput;

function bytes(out: SimulationOutput): string {
  const parts: Uint8Array[] = [];
  writeResultJson(out, (b) => parts.push(b.slice()));
  return Buffer.concat(parts).toString('utf8');
}

async function run(input: ScenarioInput, cache?: GeometryCache): Promise<string> {
  return bytes(await simulateScenario(normaliseScenario(input), { geometryCache: cache }));
}

/** A node edit that moves no satellite: array, battery, radiator, compute, storage. */
const NODE_EDIT = { solarArrayAreaM2: 60, batteryCapacityKWh: 20, radiatorAreaM2: 40, computePowerW: 15_000, storageGB: 500 };

describe('geometry cache: node edits replay phase B with the bytes of a full run', () => {
  const variants: Array<[string, ScenarioInput]> = [
    ['Walker shell, 2 stations, 60 s', walker()],
    ['steps of 180 s (3 geometry samples per step)', walker({ stepSeconds: 180 })],
    ['body-fixed array and orbit-normal radiator (sin β and pointing kept)', walker({ node: { arrayPointing: 'body-fixed', radiatorOrientation: 'orbit-normal' } } as Partial<ScenarioInput>)],
    ['closest approach and inter-satellite links (positions kept)', walker({ interSatelliteLinks: { enabled: true, maxRangeKm: 3000, rateGbps: 10 } } as Partial<ScenarioInput>)],
    ['lifetime analysis on (its sampled days cached too)', walker({ durationHours: 3, lifetime: { enabled: true, sampleDays: 2 } } as Partial<ScenarioInput>)],
  ];
  for (const [name, base] of variants) {
    it(name, async () => {
      const edited = { ...base, node: { ...(base.node as object), ...NODE_EDIT } } as ScenarioInput;
      const cache = new GeometryCache();
      const first = await run(base, cache);
      expect(cache.size).toBeGreaterThan(0);
      const hitsBefore = cache.hits;
      const replayed = await run(edited, cache);
      expect(cache.hits).toBeGreaterThan(hitsBefore);
      const full = await run(edited);
      expect(replayed).toBe(full);
      // The edit changes results (the replay is not the first run's output).
      expect(replayed).not.toBe(first);
      // And the cached base replays to its own bytes.
      expect(await run(base, cache)).toBe(first);
    }, 120_000);
  }

  it('element sets (TLE example with events)', async () => {
    const base = { name: 'tle', startUtc: '2006-06-25T00:00:00Z', durationHours: 12, stepSeconds: 30, constellation: { type: 'tle', text: EXAMPLE_TLE }, groundStations: STATIONS, lifetime: { enabled: false } } as unknown as ScenarioInput;
    const cache = new GeometryCache();
    await run(base, cache);
    const edited = { ...base, node: NODE_EDIT } as ScenarioInput;
    const replayed = await run(edited, cache);
    expect(cache.hits).toBe(1);
    expect(replayed).toBe(await run(edited));
  }, 120_000);
});

describe('geometry cache: what is a miss', () => {
  const edits: Array<[string, ScenarioInput]> = [
    ['altitude', walker({ constellation: { type: 'walker', pattern: 'delta', altitudeKm: 560, inclinationDeg: 53, planes: 4, satellitesPerPlane: 5, phasing: 1, firstRaanDeg: 0 } } as Partial<ScenarioInput>)],
    ['a station’s elevation mask', walker({ groundStations: [STATIONS[0], { ...STATIONS[1], minElevationDeg: 20 }] } as Partial<ScenarioInput>)],
    ['the step', walker({ stepSeconds: 30 })],
    ['the start', walker({ startUtc: '2026-03-20T00:10:00Z' })],
    ['body-fixed array (needs a primitive the entry lacks)', walker({ node: { arrayPointing: 'body-fixed' } } as Partial<ScenarioInput>)],
  ];
  for (const [name, input] of edits) {
    it(name, async () => {
      const cache = new GeometryCache();
      await run(walker(), cache);
      const replayed = await run(input, cache);
      expect(cache.hits).toBe(0);
      expect(replayed).toBe(await run(input));
    }, 120_000);
  }

  it('a station’s downlink rate is not geometry: a hit', async () => {
    const cache = new GeometryCache();
    await run(walker(), cache);
    const input = walker({ groundStations: [STATIONS[0], { ...STATIONS[1], downlinkGbps: 1 }] } as Partial<ScenarioInput>);
    const replayed = await run(input, cache);
    expect(cache.hits).toBe(1);
    expect(replayed).toBe(await run(input));
  }, 120_000);
});

describe('geometry cache: the memory budget', () => {
  it('a run larger than the budget is not recorded and runs in full', async () => {
    // 20 satellites × 361 samples × 13 B ≈ 94 kB > 50 kB.
    const cache = new GeometryCache(50_000);
    const a = await run(walker(), cache);
    expect(cache.size).toBe(0);
    expect(await run(walker(), cache)).toBe(a);
    expect(cache.hits).toBe(0);
  }, 120_000);

  it('older entries are evicted to stay within the budget', async () => {
    // Room for one 6-hour run of 20 satellites (≈ 94 kB + events), not two.
    const cache = new GeometryCache(150_000);
    await run(walker(), cache);
    await run(walker({ startUtc: '2026-03-21T00:00:00Z' }), cache);
    expect(cache.size).toBe(1);
    expect(cache.usedBytes()).toBeLessThanOrEqual(150_000);
    await run(walker({ startUtc: '2026-03-21T00:00:00Z', node: NODE_EDIT } as Partial<ScenarioInput>), cache);
    expect(cache.hits).toBe(1);
    await run(walker(), cache);
    expect(cache.hits).toBe(1);
  }, 120_000);
});

describe('geometry cache: eviction order', () => {
  const id = (key: string) => ({ key, elements: new Float64Array(0), needs: { sinBeta: false, pointing: false }, withPositions: false });
  const entry = (key: string, priority: number, bytes: number) => {
    const e = new CachedGeometry(id(key), priority);
    e.bytes = bytes;
    return e;
  };

  it('main runs (priority 1) evict the least recently used main run', () => {
    const cache = new GeometryCache(250);
    cache.store(entry('a', 1, 100));
    cache.store(entry('b', 1, 100));
    expect(cache.find(id('a'))).toBeDefined(); // a is now the most recent
    cache.store(entry('c', 1, 100));
    expect([cache.find(id('a')), cache.find(id('b')), cache.find(id('c'))].map((e) => e !== undefined)).toEqual([true, false, true]);
  });

  it('sampled days (priority 0) are kept first come: a yearly scan over more days than fit hits the ones that do', () => {
    const cache = new GeometryCache(250);
    for (const d of ['d0', 'd1', 'd2', 'd3']) cache.store(entry(d, 0, 100));
    expect(['d0', 'd1', 'd2', 'd3'].map((d) => cache.find(id(d)) !== undefined)).toEqual([true, true, false, false]);
  });

  it('a main run evicts sampled days, never the reverse', () => {
    const cache = new GeometryCache(250);
    cache.store(entry('d0', 0, 100));
    cache.store(entry('d1', 0, 100));
    cache.store(entry('main', 1, 200));
    expect(cache.find(id('main'))).toBeDefined();
    expect(cache.usedBytes()).toBeLessThanOrEqual(250);
    cache.store(entry('d2', 0, 100));
    expect(cache.find(id('d2'))).toBeUndefined();
    expect(cache.find(id('main'))).toBeDefined();
  });
});
