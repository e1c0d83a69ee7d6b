// Issue 15: the analysis worker's preview runs (a node slider being dragged)
// and its geometry cache. A preview runs the window only and carries the
// economics KPIs of the worker's last full run of the same orbits, naming
// them; the window KPIs are those of a full run; a node edit reuses the geometry.
import { describe, expect, it } from 'vitest';
import { createAnalysisApi } from '../../workers/analysis-api';
import type { AnalysisOutcome, AnalysisResult } from '../../workers/protocol';

const scenario = (node: Record<string, unknown> = {}, altitudeKm = 550) => ({
  name: 'preview',
  startUtc: '2026-03-20T00:00:00Z',
  durationHours: 3,
  stepSeconds: 60,
  constellation: { type: 'walker', altitudeKm, inclinationDeg: 53, planes: 3, satellitesPerPlane: 4, phasing: 1 },
  groundStations: [{ name: 'Wallops', latitudeDeg: 37.94, longitudeDeg: -75.46, altitudeM: 10, minElevationDeg: 10, downlinkGbps: 10 }],
  lifetime: { enabled: true, sampleDays: 2 },
  node,
});

function resultOf(o: AnalysisOutcome): AnalysisResult {
  if (o.kind !== 'done') throw new Error(`run ended ${o.kind}`);
  return o.result;
}

describe('analysis worker: previews and geometry reuse', () => {
  it('a preview of the same input: window KPIs of a full run, economics carried and named', async () => {
    const api = createAnalysisApi();
    const full = resultOf(await api.run(scenario(), 1));
    expect(full.previewKpis).toBeUndefined();
    expect(full.kpis.costPerPflopHourUsd).not.toBeNull();
    const preview = resultOf(await api.run(scenario(), 2, undefined, { preview: true }));
    expect(preview.previewKpis).toContain('costPerPflopHourUsd');
    expect(preview.kpis).toEqual(full.kpis);
    expect(preview.geometryReused).toBe(true);
  }, 60_000);

  it('a preview of a node edit: window KPIs of that edit, economics of the last full run; the release computes them', async () => {
    const api = createAnalysisApi();
    const full = resultOf(await api.run(scenario(), 1));
    const edited = scenario({ solarArrayAreaM2: 40, batteryCapacityKWh: 10 });
    const preview = resultOf(await api.run(edited, 2, undefined, { preview: true }));
    const release = resultOf(await api.run(edited, 3));
    expect(release.geometryReused).toBe(true);
    for (const k of preview.previewKpis ?? []) expect((preview.kpis as unknown as Record<string, unknown>)[k], k).toEqual((full.kpis as unknown as Record<string, unknown>)[k]);
    // Smaller array and battery: less energy, and the window KPIs of the preview are the release's.
    expect(release.kpis.meanUsableComputePflops).toBeLessThan(full.kpis.meanUsableComputePflops);
    for (const [k, v] of Object.entries(release.kpis)) if (!(preview.previewKpis ?? []).includes(k)) expect((preview.kpis as unknown as Record<string, unknown>)[k], k).toEqual(v);
    expect(release.kpis.nodeMassKg).not.toEqual(full.kpis.nodeMassKg);
  }, 60_000);

  it('a preview after other orbits carries nothing (economics null, still named)', async () => {
    const api = createAnalysisApi();
    resultOf(await api.run(scenario(), 1));
    const preview = resultOf(await api.run(scenario({}, 600), 2, undefined, { preview: true }));
    expect(preview.kpis.costPerPflopHourUsd).toBeNull();
    expect(preview.geometryReused).toBe(false);
  }, 60_000);
});
