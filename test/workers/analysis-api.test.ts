import { describe, expect, it } from 'vitest';
import { createAnalysisApi, DETAIL_ALL_BUDGET, chunkStepsFor, resultTransferables, detailTransferables } from '../../workers/analysis-api';
import type { AnalysisOutcome } from '../../workers/protocol';
import { KPI_NAMES } from '../../src/engine/result';

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
    for (const k of KPI_NAMES) expect(Number.isFinite(r.kpis[k])).toBe(true);
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
