import { describe, expect, it } from 'vitest';
import { getPath, numberFromText, parsePath, setPath } from '../../src/ui/draft';
import { parseAppParams, walkerSplit } from '../../src/ui/url-params';
import { initialDraft, presetDraft, presetOptions } from '../../src/ui/design-presets';
import { parseScenario } from '../../src/engine/input/scenario';
import { plainNumber } from '../../src/ui/format';
import { groupedNumber, spendingPresentValues, usd } from '../../src/ui/economics-view';
import type { CostBreakdown } from '../../src/engine/run/lifetime-run';
import { CONSTELLATION_FIELDS, CONSTELLATION_TYPES, constellationTemplate, ECONOMICS_FIELDS, ISL_FIELDS, LAUNCH_PRICE_PICKS, NODE_FIELDS, SIMULATION_FIELDS, STATION_FIELDS } from '../../src/ui/fields';
import { nodeSchema, groundStationSchema, islSchema, environmentSchema, massSchema, lifetimeSchema, economicsSchema } from '../../src/engine/input/scenario';

describe('draft paths', () => {
  it('parses and applies engine-style field paths', () => {
    expect(parsePath('groundStations[2].name')).toEqual(['groundStations', 2, 'name']);
    const d: Record<string, unknown> = { node: { radiatorAreaM2: 60 } };
    setPath(d, 'node.radiatorAreaM2', 80);
    setPath(d, 'groundStations[1].name', 'X');
    expect(getPath(d, 'node.radiatorAreaM2')).toBe(80);
    expect(Array.isArray(d.groundStations)).toBe(true);
    expect(getPath(d, 'groundStations[1].name')).toBe('X');
    expect(getPath(d, 'a.b.c')).toBeUndefined();
  });

  it('keeps non-numeric text so validation names the field', () => {
    expect(numberFromText(' 550 ')).toBe(550);
    expect(numberFromText('1e3')).toBe(1000);
    expect(numberFromText('abc')).toBe('abc');
    const d = presetDraft('starter-shell')!;
    setPath(d, 'constellation.altitudeKm', numberFromText('abc'));
    const r = parseScenario(d);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0].path).toBe('constellation.altitudeKm');
  });
});

describe('panel field coverage', () => {
  it('edits every node and ground-station field of the schema', () => {
    // node.massKg sits with the other mass inputs (Mass, lifetime and cost).
    const econPaths = ECONOMICS_FIELDS.subgroups.flatMap((g) => g.fields.map((f) => f.path));
    const nodePaths = [...NODE_FIELDS.subgroups.flatMap((g) => g.fields.map((f) => f.path)), ...econPaths.filter((p) => p.startsWith('node.'))];
    expect(nodePaths.sort()).toEqual(Object.keys(nodeSchema.shape).map((k) => `node.${k}`).sort());
    expect(STATION_FIELDS.map((f) => f.path).sort()).toEqual(Object.keys(groundStationSchema.in.shape).sort());
    expect(ISL_FIELDS.map((f) => f.path).sort()).toEqual(Object.keys(islSchema.shape).map((k) => `interSatelliteLinks.${k}`).sort());
    expect(SIMULATION_FIELDS.map((f) => f.path)).toEqual(expect.arrayContaining(['name', 'startUtc', 'durationHours', 'stepSeconds', 'environment.earthIrWPerM2', 'environment.albedo']));
  });

  it('edits every mass, lifetime, economics and environment field, each with the source of its default', () => {
    const fields = ECONOMICS_FIELDS.subgroups.flatMap((g) => g.fields);
    const paths = fields.map((f) => f.path);
    const under = (prefix: string) => paths.filter((p) => p.startsWith(`${prefix}.`) && !p.slice(prefix.length + 1).includes('.'));
    expect(under('mass').sort()).toEqual(Object.keys(massSchema.shape).map((k) => `mass.${k}`).sort());
    expect(under('lifetime').sort()).toEqual(Object.keys(lifetimeSchema.shape).map((k) => `lifetime.${k}`).sort());
    // economics.terrestrial is a section of its own (its fields below).
    expect(under('economics').sort()).toEqual(Object.keys(economicsSchema.shape).filter((k) => k !== 'terrestrial').map((k) => `economics.${k}`).sort());
    expect(under('economics.terrestrial').sort()).toEqual(Object.keys(economicsSchema.shape.terrestrial.unwrap().shape).map((k) => `economics.terrestrial.${k}`).sort());
    const envPaths = [...SIMULATION_FIELDS.map((f) => f.path), ...paths].filter((p) => p.startsWith('environment.'));
    expect(envPaths.sort()).toEqual(Object.keys(environmentSchema.shape).map((k) => `environment.${k}`).sort());
    expect(new Set(paths).size).toBe(paths.length);
    for (const f of fields) expect(f.source, f.path).toMatch(/\S/);
    // Quick picks: the launch prices of docs/reference/ECONOMICS.md "Launch price" ($/kg).
    expect(fields.find((f) => f.path === 'economics.launchUsdPerKg')?.picks?.map((p) => p.value)).toEqual([3600, 1500, 1000, 200, 100]);
    expect(LAUNCH_PRICE_PICKS[0].label).toContain('Falcon 9');
    // Every field is present in the normalised default scenario (so the panel shows a value or a placeholder).
    const d = presetDraft('starter-shell')!;
    for (const f of fields) if (!f.optional) expect(getPath(d, f.path), f.path).not.toBeUndefined();
  });

  it('has a valid template for every constellation type, with every field editable', () => {
    for (const t of CONSTELLATION_TYPES) {
      const tmpl = constellationTemplate(t, 550);
      const startUtc = t === 'tle' || t === 'omm' ? '2006-06-20T00:00:00Z' : '2026-06-21T00:00:00Z';
      const r = parseScenario({ startUtc, durationHours: 1, constellation: tmpl });
      expect(r.ok, `${t}: ${JSON.stringify(r)}`).toBe(true);
      const editable = CONSTELLATION_FIELDS[t].map((f) => f.path.replace('constellation.', ''));
      for (const k of Object.keys(tmpl)) if (k !== 'type') expect(editable).toContain(k);
    }
  });

  it('offers every preset, each valid', () => {
    for (const o of presetOptions()) {
      const d = presetDraft(o.value);
      expect(d, o.value).toBeDefined();
      expect(parseScenario(d).ok, o.value).toBe(true);
    }
  });
});

describe('URL parameters', () => {
  it('parses n, warp, play and preset', () => {
    expect(parseAppParams('?bench=1&n=1000&warp=1000')).toEqual({ preset: undefined, n: 1000, warp: 1000, play: true, bench: true, diagnostics: false });
    expect(parseAppParams('?diagnostics=1').diagnostics).toBe(true);
    expect(parseAppParams('?play=0&preset=polar-walker-star').play).toBe(false);
    expect(parseAppParams('?n=abc').n).toBeUndefined();
    expect(parseAppParams('?n=1e9').n).toBe(100_000);
  });

  it('splits n satellites into a near-square Walker design', () => {
    expect(walkerSplit(1000)).toEqual({ planes: 25, satellitesPerPlane: 40 });
    expect(walkerSplit(10_000)).toEqual({ planes: 100, satellitesPerPlane: 100 });
    expect(walkerSplit(7)).toEqual({ planes: 1, satellitesPerPlane: 7 });
    const { draft, preset } = initialDraft(parseAppParams('?n=1000'));
    expect(preset).toBe('custom');
    const r = parseScenario(draft);
    expect(r.ok).toBe(true);
    if (r.ok && r.scenario.constellation.type === 'walker') {
      expect(r.scenario.constellation.planes * r.scenario.constellation.satellitesPerPlane).toBe(1000);
    }
    expect(initialDraft(parseAppParams('')).preset).toBe('starter-shell');
  });
});

describe('KPI text', () => {
  it('is a plain number', () => {
    expect(plainNumber(0.301634)).toBe('0.30163');
    expect(plainNumber(87252.1234)).toBe('87252');
    expect(plainNumber(0)).toBe('0');
    expect(Number(plainNumber(1.23456e21))).toBeCloseTo(1.2346e21, -16);
  });
});

describe('lifetime and cost view', () => {
  it('writes numbers with thousands separators', () => {
    expect(groupedNumber(433_469_369.346)).toBe('433,469,369');
    expect(groupedNumber(6.108752944894867)).toBe('6.109');
    expect(groupedNumber(0.6117105314945505)).toBe('0.6117');
    expect(usd(1_234_567.8)).toBe('$1.235 M');
    expect(usd(Number.NaN)).toBe('—');
  });

  it('discounts operations and the ground energy as the levelised cost does (end of year, failures thin the ground load)', () => {
    const r = parseScenario({ ...presetDraft('starter-shell')!, economics: { discountRate: 0.07, lifetimeYears: 5 }, lifetime: { acceleratorFailureRatePerYear: 0.09 } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const cost = { operationsUsdPerYear: 1e6, terrestrial: { energyUsdPerYear: 1e6 } } as unknown as CostBreakdown;
    const pv = spendingPresentValues(cost, r.scenario)!;
    // Operations: an annuity, 1e6 · (1 − 1.07^−5) / 0.07 = 4,100,197.44.
    expect(pv.operationsPvUsd).toBeCloseTo(4_100_197.44, 1);
    // Energy: 1e6 · 0.91^(y−1) / 1.07^y over y = 1…5, a geometric series with q = 0.91/1.07:
    // 1e6 / 1.07 · (1 − q⁵) / (1 − q) = 3,469,210.66.
    expect(pv.energyPvUsd).toBeCloseTo(3_469_210.66, 1);
    // The engine's own present values win when the report carries them.
    const reported = { ...cost, operationsPvUsd: 5, terrestrial: { energyUsdPerYear: 1e6, energyPvUsd: 7 } } as unknown as CostBreakdown;
    expect(spendingPresentValues(reported, r.scenario)).toEqual({ operationsPvUsd: 5, energyPvUsd: 7 });
    expect(spendingPresentValues(cost, undefined)).toBeNull();
  });
});
