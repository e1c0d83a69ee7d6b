import { describe, expect, it } from 'vitest';
import { planSweep, setPath, splitPath, SweepError, sweepCsv } from '../../../src/engine/output/sweep';
import { KPI_NAMES } from '../../../src/engine/output/result';
import { simulateScenario } from '../../../src/engine/run/simulation';

const base = {
  startUtc: '2026-06-21T00:00:00Z',
  durationHours: 3,
  stepSeconds: 120,
  constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 2, satellitesPerPlane: 2 },
  groundStations: [{ name: 'Wallops', latitudeDeg: 37.94, longitudeDeg: -75.46, downlinkGbps: 10 }],
};

describe('paths', () => {
  it('splits and sets JSON paths without touching the input', () => {
    expect(splitPath('groundStations[0].downlinkGbps')).toEqual(['groundStations', 0, 'downlinkGbps']);
    const out = setPath(base, 'groundStations[0].downlinkGbps', 2) as typeof base;
    expect(out.groundStations[0].downlinkGbps).toBe(2);
    expect(base.groundStations[0].downlinkGbps).toBe(10);
    expect((setPath(base, 'node.radiatorAreaM2', 9) as { node: { radiatorAreaM2: number } }).node.radiatorAreaM2).toBe(9);
  });
});

describe('planSweep', () => {
  it('expands every combination of two fields in order', () => {
    const plan = planSweep({ base, vary: [{ field: 'constellation.altitudeKm', values: [500, 700, 900] }, { field: 'node.batteryCapacityKWh', values: [5, 10] }] });
    expect(plan.fields).toEqual(['constellation.altitudeKm', 'node.batteryCapacityKWh']);
    expect(plan.designs.map((d) => d.values)).toEqual([[500, 5], [500, 10], [700, 5], [700, 10], [900, 5], [900, 10]]);
    expect(plan.designs[3].scenario.node.batteryCapacityKWh).toBe(10);
    expect((plan.designs[3].scenario.constellation as { altitudeKm: number }).altitudeKm).toBe(700);
  });
  it('names the design and field of an invalid combination', () => {
    expect(() => planSweep({ base, vary: [{ field: 'constellation.altitudeKm', values: [500, -5] }] })).toThrow(/altitudeKm=-5.*constellation\.altitudeKm/);
    expect(() => planSweep({ base, vary: [] })).toThrow(SweepError);
    expect(() => planSweep({ base, vary: [{ field: 'a', values: [1] }, { field: 'b', values: [1] }, { field: 'c', values: [1] }] })).toThrow(/one or two/);
    expect(() => planSweep({ base, vary: [{ field: 'node..x', values: [1] }] })).toThrow(/field path/);
    expect(() => planSweep({ base: { ...base, durationHours: 0 }, vary: [{ field: 'node.busPowerW', values: [1] }] })).toThrow(/base: durationHours/);
  });
  it('writes a CSV with varied fields then every KPI, one row per design; altitude changes the eclipse fraction', async () => {
    const plan = planSweep({ base, vary: [{ field: 'constellation.altitudeKm', values: [400, 1200] }] });
    const rows = [];
    for (const d of plan.designs) rows.push({ values: d.values, kpis: (await simulateScenario(d.scenario)).kpis });
    const csv = sweepCsv(plan.fields, rows).trim().split('\n');
    expect(csv[0]).toBe(['constellation.altitudeKm', ...KPI_NAMES].join(','));
    expect(csv).toHaveLength(3);
    const ecl = KPI_NAMES.indexOf('eclipseFraction') + 1;
    const low = Number(csv[1].split(',')[ecl]);
    const high = Number(csv[2].split(',')[ecl]);
    expect(low).toBeGreaterThan(high);
  });
});
