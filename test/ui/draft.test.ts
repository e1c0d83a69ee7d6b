import { describe, expect, it } from 'vitest';
import { getPath, numberFromText, parsePath, setPath } from '../../src/ui/draft';
import { parseAppParams, walkerSplit } from '../../src/ui/url-params';
import { initialDraft, presetDraft, presetOptions } from '../../src/ui/design-presets';
import { parseScenario } from '../../src/engine/input/scenario';
import { plainNumber } from '../../src/ui/format';
import { CONSTELLATION_FIELDS, CONSTELLATION_TYPES, constellationTemplate, ISL_FIELDS, NODE_FIELDS, SIMULATION_FIELDS, STATION_FIELDS } from '../../src/ui/fields';
import { nodeSchema, groundStationSchema, islSchema } from '../../src/engine/input/scenario';

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
    const nodePaths = NODE_FIELDS.subgroups.flatMap((g) => g.fields.map((f) => f.path));
    expect(nodePaths.sort()).toEqual(Object.keys(nodeSchema.shape).map((k) => `node.${k}`).sort());
    expect(STATION_FIELDS.map((f) => f.path).sort()).toEqual(Object.keys(groundStationSchema.in.shape).sort());
    expect(ISL_FIELDS.map((f) => f.path).sort()).toEqual(Object.keys(islSchema.shape).map((k) => `interSatelliteLinks.${k}`).sort());
    expect(SIMULATION_FIELDS.map((f) => f.path)).toEqual(expect.arrayContaining(['name', 'startUtc', 'durationHours', 'stepSeconds', 'environment.earthIrWPerM2', 'environment.albedo']));
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
