/** Whole-run behaviour: failures are data, limits hold, no NaN, WASM freed, determinism. */
import { NULLABLE_KPIS } from '../../../src/engine/output/result';
import { describe, expect, it } from 'vitest';
import { livePropagatorCount } from '../../../src/engine/orbit/propagation';
import { resultDocument } from '../../../src/engine/output/result';
import { AbortError, simulateScenario } from '../../../src/engine/run/simulation';
import { normaliseScenario, type ScenarioInput } from '../../../src/engine/input/scenario';
import { PRESETS } from '../../../src/engine/input/presets';
import { run } from '../helpers';

function omm(name: string, id: number, meanMotion: number, bstar: number, epoch = '2026-06-20T12:00:00.000') {
  return {
    OBJECT_NAME: name,
    OBJECT_ID: `2026-001${String.fromCharCode(64 + id)}`,
    EPOCH: epoch,
    MEAN_MOTION: meanMotion,
    ECCENTRICITY: 0.0005,
    INCLINATION: 51.6,
    RA_OF_ASC_NODE: 100,
    ARG_OF_PERICENTER: 90,
    MEAN_ANOMALY: 10,
    EPHEMERIS_TYPE: 0,
    CLASSIFICATION_TYPE: 'U',
    NORAD_CAT_ID: 99000 + id,
    ELEMENT_SET_NO: 999,
    REV_AT_EPOCH: 1,
    BSTAR: bstar,
    MEAN_MOTION_DOT: 0,
    MEAN_MOTION_DDOT: 0,
  };
}

function allFinite(doc: ReturnType<typeof resultDocument>): boolean {
  const text = JSON.stringify(doc);
  return !/NaN|Infinity/.test(text) && Object.entries(doc.kpis).every(([k, v]) => Number.isFinite(v) || (NULLABLE_KPIS.has(k) && v === null));
}

describe('failing satellites', () => {
  const input: ScenarioInput = {
    startUtc: '2026-06-21T00:00:00Z',
    durationHours: 24,
    stepSeconds: 60,
    constellation: { type: 'omm', records: [omm('HEALTHY', 1, 15.5, 1e-5), omm('REENTERING', 2, 16.35, 0.05, '2026-06-21T00:00:00.000'), omm('HEALTHY-2', 3, 15.2, 1e-5)] },
    groundStations: [{ name: 'Wallops', latitudeDeg: 37.94, longitudeDeg: -75.46, downlinkGbps: 10 }],
  };
  it('a decaying satellite is flagged and excluded with a count; the run goes on without NaN', async () => {
    const out = await run(input);
    expect(out.satellites.map((s) => s.status)).toEqual(['ok', 'decayed', 'ok']);
    expect(out.satellites[1].failedAtMs).toBeGreaterThan(out.startMs);
    expect(out.kpis.satellitesFailed).toBe(1);
    const failIdx = Math.floor((out.satellites[1].failedAtMs! - out.startMs) / out.stepMs);
    expect(out.series.activeSatellites[0]).toBe(3);
    expect(out.series.activeSatellites[failIdx + 1]).toBe(2);
    expect(allFinite(resultDocument(out))).toBe(true);
    expect(livePropagatorCount()).toBe(0);
  });
});

describe('limits hold', () => {
  const base: ScenarioInput = {
    startUtc: '2026-06-21T00:00:00Z',
    durationHours: 12,
    stepSeconds: 60,
    constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 2, satellitesPerPlane: 2 },
  };
  it('a small radiator makes compute thermally limited and the temperature never exceeds the limit', async () => {
    const out = await run({ ...base, node: { radiatorAreaM2: 20, maxTemperatureC: 40, initialTemperatureC: 20 } });
    expect(out.kpis.thermalLimitedFraction).toBeGreaterThan(0.3);
    expect(out.kpis.maxTemperatureC).toBeLessThanOrEqual(40 + 1e-6);
    expect(out.kpis.meanUsableComputePflops).toBeLessThan(out.kpis.installedComputePflops * 0.9);
  });
  it('a large radiator and battery lets the node run flat out', async () => {
    const out = await run({ ...base, node: { radiatorAreaM2: 200, batteryCapacityKWh: 200, batteryInitialStateOfCharge: 1, computePowerW: 15_000 } });
    expect(out.kpis.powerLimitedFraction).toBe(0);
    expect(out.kpis.thermalLimitedFraction).toBe(0);
    expect(out.kpis.meanUsableComputePflops).toBeCloseTo(out.kpis.installedComputePflops, 6);
    expect(out.kpis.minStateOfCharge).toBeGreaterThan(0.2);
  });
  it('no battery: compute stops in eclipse (power limited about the eclipse fraction of the time)', async () => {
    const out = await run({ ...base, node: { batteryCapacityKWh: 0, batteryMinStateOfCharge: 0, batteryInitialStateOfCharge: 0 } });
    expect(out.kpis.powerLimitedFraction).toBeGreaterThan(out.kpis.eclipseFraction - 0.02);
    expect(out.kpis.minStateOfCharge).toBe(0);
    expect(out.kpis.minUsableComputePflops).toBeLessThan(out.kpis.installedComputePflops);
  });
});

describe('run control', () => {
  const input: ScenarioInput = {
    startUtc: '2026-06-21T00:00:00Z',
    durationHours: 24,
    stepSeconds: 10,
    constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 10, satellitesPerPlane: 10 },
  };
  it('cancels with AbortError and frees its WASM propagator', async () => {
    const signal = { aborted: false };
    const p = simulateScenario(normaliseScenario(input), { signal, yieldEveryMs: 0, progress: () => (signal.aborted = true) });
    await expect(p).rejects.toBeInstanceOf(AbortError);
    expect(livePropagatorCount()).toBe(0);
  });
  it('reports progress up to 1', async () => {
    const seen: number[] = [];
    await run({ ...input, durationHours: 6, stepSeconds: 60 }, { progress: (f) => seen.push(f), yieldEveryMs: 0 });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen[seen.length - 1]).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });
  it('same input gives byte-identical result documents', async () => {
    const small = { ...input, durationHours: 3, stepSeconds: 30, groundStations: [{ name: 'Wallops', latitudeDeg: 37.94, longitudeDeg: -75.46, downlinkGbps: 10 }] };
    const a = JSON.stringify(resultDocument(await run(small)));
    const b = JSON.stringify(resultDocument(await run(small, { chunkSteps: 7 })));
    expect(a).toBe(b);
  });
  it('records status codes and per-satellite detail on request', async () => {
    const out = await run({ ...input, durationHours: 2, stepSeconds: 60 }, { recordStatus: true, detailSatellites: [3] });
    const K = out.series.timeMs.length;
    expect(out.statusCodes).toHaveLength(K * 100);
    expect(out.statusEvery).toBe(1);
    const sparse = await run({ ...input, durationHours: 2, stepSeconds: 60 }, { recordStatus: true, statusEvery: 7 });
    expect(sparse.statusCodes).toHaveLength(Math.ceil(K / 7) * 100);
    expect(sparse.statusCodes!.subarray(100, 200)).toEqual(out.statusCodes!.subarray(700, 800));
    expect(out.details).toHaveLength(1);
    expect(out.details[0].index).toBe(3);
    expect(out.details[0].temperatureC.every((t) => Number.isFinite(t))).toBe(true);
    expect(Math.max(...out.details[0].computeFraction)).toBeLessThanOrEqual(1);
  });
});

describe('streamed result JSON', () => {
  it('is byte-identical to JSON.stringify of the document, in any piece size', async () => {
    const [{ writeResultJson }, { writeSeriesCsv, seriesCsv }] = await Promise.all([import('../../../src/engine/output/result-json'), import('../../../src/engine/output/series-csv')]);
    const out = await run({
      startUtc: '2026-06-21T00:00:00Z',
      durationHours: 4,
      stepSeconds: 60,
      constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 2, satellitesPerPlane: 3 },
      groundStations: [{ name: 'Wallops "W"', latitudeDeg: 37.94, longitudeDeg: -75.46, downlinkGbps: 10 }],
    });
    const whole = JSON.stringify(resultDocument(out));
    const text = (chunks: Uint8Array[]) => new TextDecoder().decode(Buffer.concat(chunks));
    for (const size of [1, 100, 4096, 1 << 20]) {
      const chunks: Uint8Array[] = [];
      writeResultJson(out, (c) => chunks.push(c), size);
      expect(text(chunks)).toBe(whole);
      // Chunks stay within the size unless a single row is longer.
      expect(chunks.every((c) => c.length <= Math.max(size, 512))).toBe(true);
    }
    const csv: Uint8Array[] = [];
    writeSeriesCsv(out, (c) => csv.push(c), 100);
    expect(text(csv)).toBe(seriesCsv(resultDocument(out)));
    expect(out.events.contactSat.length).toBeGreaterThan(0);
  });
});

describe('energy balance closes: generated = consumed + curtailed + stored change (0.1 %)', () => {
  const cases = PRESETS.filter((p) => p.name !== 'broadband-shell-550-53').map((p) => [p.name, p] as const);
  it.each(cases)('%s', async (_n, p) => {
    const out = await run({ ...p.scenario, durationHours: 6 });
    const k = out.kpis;
    expect(k.energyGeneratedKWh).toBeGreaterThan(0);
    const residual = k.energyGeneratedKWh - (k.energyConsumedKWh + k.energyCurtailedKWh + k.energyStoredDeltaKWh);
    expect(Math.abs(residual) / k.energyGeneratedKWh).toBeLessThan(1e-3);
  });
  it('closes for a body-fixed array in an inclined orbit with a small battery', async () => {
    const out = await run({
      startUtc: '2026-09-01T00:00:00Z',
      durationHours: 12,
      stepSeconds: 45,
      constellation: { type: 'walker', altitudeKm: 700, inclinationDeg: 70, planes: 3, satellitesPerPlane: 4 },
      node: { arrayPointing: 'body-fixed', batteryCapacityKWh: 3 },
    });
    const k = out.kpis;
    const residual = k.energyGeneratedKWh - (k.energyConsumedKWh + k.energyCurtailedKWh + k.energyStoredDeltaKWh);
    expect(Math.abs(residual) / k.energyGeneratedKWh).toBeLessThan(1e-3);
    expect(k.powerLimitedFraction).toBeGreaterThan(0);
    expect(k.minStateOfCharge).toBeGreaterThanOrEqual(0);
  });
});
