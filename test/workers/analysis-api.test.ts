import { describe, expect, it } from 'vitest';
import { NULLABLE_KPIS } from '../../src/engine/output/result';
import { createAnalysisApi, DETAIL_ALL_BUDGET, chunkStepsFor, planRun, resultTransferables, detailTransferables } from '../../workers/analysis-api';
import { statusEveryFor, statusRow, type AnalysisOutcome } from '../../workers/protocol';
import { KPI_NAMES } from '../../src/engine/output/result';
import { GROUND_NETWORK } from '../../src/engine/input/presets';
import { workerGeometry } from '../../src/cli/geometry-pool';
import { installDeterministicMath } from '../../src/engine/core/det-math/install';

// An analysis worker is an engine process with deterministic Math, and so are the geometry
// workers its pooled runs use (src/engine/core/det-math/): this process plays the analysis worker.
installDeterministicMath();

const small = (over: Record<string, unknown> = {}) => ({
  name: 'small',
  startUtc: '2026-06-21T00:00:00Z',
  durationHours: 2,
  stepSeconds: 60,
  constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 2, satellitesPerPlane: 3, phasing: 1 },
  groundStations: [{ name: 'Wallops', latitudeDeg: 37.94, longitudeDeg: -75.46, downlinkGbps: 10 }],
  ...over,
});

function done(o: AnalysisOutcome) {
  if (o.kind !== 'done') throw new Error(`expected done, got ${o.kind}: ${JSON.stringify(o)}`);
  return o.result;
}

describe('analysis worker API', () => {
  it('runs a scenario and returns columns, status codes, KPIs and events', async () => {
    const api = createAnalysisApi();
    const progress: number[] = [];
    const r = done(await api.run(small(), 7, (seq, f) => progress.push(seq === 7 ? f : -1)));
    expect(r.seq).toBe(7);
    expect(r.satelliteCount).toBe(6);
    expect(r.steps).toBe(120);
    expect(r.series.timeMs.length).toBe(120);
    expect(r.series.timeMs[1] - r.series.timeMs[0]).toBe(60_000);
    expect(r.statusCodes.length).toBe(120 * 6);
    expect(r.satelliteNames).toHaveLength(6);
    for (const k of KPI_NAMES) expect(Number.isFinite(r.kpis[k]) || (NULLABLE_KPIS.has(k) && r.kpis[k] === null), k).toBe(true);
    expect(r.events.eclipseSat).toBeInstanceOf(Int32Array);
    expect(r.events.eclipseStartMs.length).toBe(r.events.eclipseSat.length);
    expect(progress.at(-1)).toBe(1);
    // Every buffer is listed once for transfer.
    const bufs = resultTransferables(r);
    expect(new Set(bufs).size).toBe(bufs.length);
    expect(bufs).toContain(r.statusCodes.buffer);
    expect(bufs).toContain(r.series.usableComputePflops.buffer);
  });

  it('reports validation issues by field path without throwing', async () => {
    const api = createAnalysisApi();
    const o = await api.run(small({ constellation: { type: 'walker', altitudeKm: 50, inclinationDeg: 53, planes: 2, satellitesPerPlane: 3 } }), 3);
    expect(o.kind).toBe('invalid');
    if (o.kind === 'invalid') expect(o.issues.map((i) => i.path)).toContain('constellation.altitudeKm');
  });

  it('a new run cancels the stale one; cancel(seq) stops a run', async () => {
    const api = createAnalysisApi();
    const big = small({ durationHours: 48, stepSeconds: 30, constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 20, satellitesPerPlane: 20, phasing: 1 } });
    const first = api.run(big, 1);
    await new Promise((r) => setTimeout(r, 50));
    const second = api.run(small(), 2);
    expect((await first).kind).toBe('cancelled');
    expect(done(await second).seq).toBe(2);

    const third = api.run(big, 3);
    await new Promise((r) => setTimeout(r, 50));
    expect(api.activeSeq).toBe(3);
    api.cancel(3);
    expect((await third).kind).toBe('cancelled');
    expect(api.activeSeq).toBe(-1);
  });

  it('serves per-satellite detail for the last run only', async () => {
    const api = createAnalysisApi();
    const r = done(await api.run(small(), 11));
    const d = await api.detail(11, 4);
    expect(d).not.toBeNull();
    expect(d!.index).toBe(4);
    expect(d!.stateOfCharge.length).toBe(r.steps);
    expect(d!.limit.length).toBe(r.steps);
    expect(detailTransferables(d!)).toHaveLength(8);
    // Copies: transferring them must not detach the worker's kept series.
    const again = await api.detail(11, 4);
    expect(again!.stateOfCharge).not.toBe(d!.stateOfCharge);
    expect(Array.from(again!.temperatureC)).toEqual(Array.from(d!.temperatureC));
    expect(await api.detail(10, 4)).toBeNull();
    expect(await api.detail(11, 99)).toBeNull();
  });

  it('re-runs for detail when the constellation is too large to record all satellites', async () => {
    const api = createAnalysisApi();
    // 1,200 satellites × 1,440 steps exceeds the budget.
    const input = small({ durationHours: 24, constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 30, satellitesPerPlane: 40, phasing: 1 } });
    expect(1200 * 1440).toBeGreaterThan(DETAIL_ALL_BUDGET);
    const r = done(await api.run(input, 5));
    const d = await api.detail(5, 777);
    expect(d!.index).toBe(777);
    expect(d!.computeFraction.length).toBe(r.steps);
    // The re-run reproduces the same satellite's state as the analysis recorded in its status codes.
    const N = r.satelliteCount;
    for (let k = 0; k < r.steps; k += 97) expect(d!.limit[k]).toBe(r.statusCodes[k * N + 777] & 0b11);
  }, 120_000);

  it('uses smaller chunks for large constellations', () => {
    expect(chunkStepsFor(80)).toBe(64);
    expect(chunkStepsFor(10_000)).toBe(40);
    expect(chunkStepsFor(100_000)).toBe(4);
  });

  it('lean runs (keep: false) record no status codes or detail and leave the kept run in place', async () => {
    const api = createAnalysisApi();
    done(await api.run(small(), 21));
    const lean = done(await api.run(small({ durationHours: 1 }), 22, undefined, { keep: false, statusCodes: false, details: false }));
    expect(lean.statusCodes.length).toBe(0);
    expect(lean.kpis.satelliteCount).toBe(6);
    expect(await api.detail(22, 0)).toBeNull();
    expect(await api.detail(21, 0)).not.toBeNull();
  });

  it('exports the CLI result document and series CSV as Blobs', async () => {
    const api = createAnalysisApi();
    const o = await api.exportRun(small(), 'series-csv');
    expect(o.kind).toBe('done');
    if (o.kind !== 'done') return;
    const lines = (await o.blob.text()).trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 120);
    expect(o.bytes).toBe(o.blob.size);
    expect((await api.exportRun({ nonsense: 1 }, 'result-json')).kind).toBe('invalid');
  });
});

describe('large runs (geometry sub-workers, bounded status codes)', () => {
  // 500 satellites × 7 days at 60 s = 5.04M satellite-steps: just over the pool threshold.
  const week = small({
    durationHours: 168,
    constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 20, satellitesPerPlane: 25, phasing: 1 },
    groundStations: GROUND_NETWORK,
  });

  it('plans the pool only for large runs the page allows, when sub-workers can be had', () => {
    const geometry = () => (async () => {
      throw new Error('not run');
    }) as never;
    const deps = { geometry };
    expect(planRun(500, 10_080, { geometryWorkers: 2 }, deps)).toMatchObject({ geometryWorkers: 2, statusEvery: 1 });
    expect(planRun(500, 10_080, {}, deps).geometryWorkers).toBe(0);
    expect(planRun(500, 9_000, { geometryWorkers: 2 }, deps).geometryWorkers).toBe(0);
    expect(planRun(500, 10_080, { geometryWorkers: 2 }, {}).geometryWorkers).toBe(0);
    expect(planRun(500, 10_080, { geometryWorkers: 2 }, { geometry: () => undefined }).geometryWorkers).toBe(0);
    // A year of 1,000 satellites at 60 s: status codes every 16 steps (≤ 32 MiB).
    const year = planRun(1000, 525_600, { geometryWorkers: 1 }, deps);
    expect(year).toMatchObject({ geometryWorkers: 1, statusEvery: 16 });
    expect((1000 * Math.ceil(525_600 / year.statusEvery)) / 2 ** 20).toBeLessThanOrEqual(32);
    expect(chunkStepsFor(1000, true)).toBe(240);
    expect(chunkStepsFor(30_000, true)).toBe(chunkStepsFor(30_000));
  });

  it('status rows follow statusEvery: the last recorded step at or before the time', () => {
    const r = { startMs: 0, stepMs: 60_000, steps: 100, statusEvery: 16, satelliteCount: 2, statusCodes: new Uint8Array(2 * Math.ceil(100 / 16)) };
    expect(statusEveryFor(1000, 525_600)).toBe(16);
    expect(statusEveryFor(10, 10)).toBe(1);
    expect(statusRow(r, 0)).toBe(0);
    expect(statusRow(r, 15 * 60_000 + 59_999)).toBe(0);
    expect(statusRow(r, 16 * 60_000)).toBe(1);
    expect(statusRow(r, 99 * 60_000)).toBe(6);
    expect(statusRow(r, 1e12)).toBe(6);
    expect(statusRow(r, -5)).toBe(0);
    expect(statusRow({ ...r, statusCodes: new Uint8Array(0) }, 0)).toBe(-1);
  });

  it('accuracy guard: the pooled run gives the single-thread run’s KPIs, events, series and status codes', async () => {
    const single = done(await createAnalysisApi().run(week, 1, undefined, { keep: false, details: false }));
    const pooledApi = createAnalysisApi({ geometry: (n) => workerGeometry(n) });
    const pooled = done(await pooledApi.run(week, 2, undefined, { keep: false, details: false, geometryWorkers: 2 }));
    expect(single.geometryWorkers).toBe(0);
    expect(pooled.geometryWorkers).toBe(2);
    for (const k of KPI_NAMES) expect(pooled.kpis[k], k).toBe(single.kpis[k]);
    for (const [k, col] of Object.entries(single.series)) expect(Array.from(pooled.series[k as keyof typeof single.series]), k).toEqual(Array.from(col));
    for (const [k, col] of Object.entries(single.events)) expect(Array.from(pooled.events[k as keyof typeof single.events]), k).toEqual(Array.from(col));
    expect(pooled.events.contactSat.length).toBeGreaterThan(1000);
    expect(Buffer.from(pooled.statusCodes).equals(Buffer.from(single.statusCodes))).toBe(true);
    // Over 10,000 steps: the charts' envelope comes with the result, in its transfer list.
    expect(pooled.chart!.bucket).toBeGreaterThan(1);
    expect(pooled.chart!.series.timeMs.length).toBeLessThanOrEqual(4000);
    expect(resultTransferables(pooled)).toContain(pooled.chart!.stack.plusStorage.buffer);
  }, 120_000);

  it('omits events on request (other designs’ large runs)', async () => {
    const r = done(await createAnalysisApi().run(small(), 3, undefined, { keep: false, events: false }));
    expect(r.eventsOmitted).toBe(true);
    expect(r.events.contactSat.length).toBe(0);
    expect(r.kpis.contactMinutesPerSatellitePerDay).toBeGreaterThan(0);
  });

  it('a detail request for another satellite stops the re-run in progress; the same one waits for it', async () => {
    const api = createAnalysisApi();
    const input = small({ durationHours: 24, constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 30, satellitesPerPlane: 40, phasing: 1 } });
    done(await api.run(input, 5));
    const first = api.detail(5, 10);
    const again = api.detail(5, 10);
    await new Promise((r) => setTimeout(r, 20));
    const other = api.detail(5, 20);
    expect(await first).toBeNull();
    expect(await again).toBeNull();
    expect((await other)!.index).toBe(20);
    // Kept now: served without a re-run.
    expect((await api.detail(5, 20))!.index).toBe(20);
  }, 120_000);
});
