// The panel's words (src/ui/field-text.ts, src/ui/fields.ts): tooltips with
// meaning, unit, default and source; validation messages in plain language.
// The issues come from the engine's own validation (parseScenario), the
// expected sentences are written by hand from the schema's documented ranges
// (scenario.ts header: altitudes 160–40,000 km, SSO 160–5,500 km).
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/engine/input/scenario';
import { presetDraft } from '../../src/ui/design-presets';
import { setPath } from '../../src/ui/draft';
import { fieldTooltip, plainIssue } from '../../src/ui/field-text';
import {
  COMPUTE_EFFICIENCY_FIELD,
  computeEfficiency,
  CONSTELLATION_FIELDS,
  ECONOMICS_FIELDS,
  fieldForPath,
  ISL_FIELDS,
  NODE_FIELDS,
  schemaFacts,
  SIMULATION_FIELDS,
  STATION_FIELDS,
} from '../../src/ui/fields';

/** The starter shell with one field set, and the plain message of its first issue at `path`. */
function messageFor(path: string, value: unknown, edit?: (d: Record<string, unknown>) => void): string {
  const d = presetDraft('starter-shell')!;
  edit?.(d);
  setPath(d, path, value);
  const r = parseScenario(d);
  if (r.ok) throw new Error(`${path} = ${String(value)} is valid`);
  const issue = r.issues.find((i) => i.path === path);
  if (!issue) throw new Error(`no issue at ${path}: ${JSON.stringify(r.issues)}`);
  return plainIssue(issue, d);
}

describe('plain-language validation messages', () => {
  it('names the field by its label and gives the allowed range with the unit', () => {
    expect(messageFor('constellation.altitudeKm', -5)).toBe('Altitude must be between 160 and 40,000 km');
    expect(messageFor('constellation.altitudeKm', 50_000)).toBe('Altitude must be between 160 and 40,000 km');
    expect(messageFor('constellation.inclinationDeg', 200)).toBe('Inclination must be between 0° and 180°');
    expect(messageFor('stepSeconds', 0)).toBe('Step must be between 1 and 3,600 s');
    expect(messageFor('groundStations[0].latitudeDeg', 91)).toBe('Latitude must be between −90° and 90°');
    // positive() with a sanity cap of 1e10 W: only the lower bound is worth saying.
    expect(messageFor('node.computePowerW', -5)).toBe('Compute power must be greater than 0 W');
    expect(messageFor('node.solarCellEfficiency', 1.5)).toBe('Cell efficiency must be greater than 0 and at most 1');
  });

  it('uses the range of the design type in the draft (sun-synchronous: up to 5,500 km)', () => {
    const sso = (d: Record<string, unknown>) => setPath(d, 'constellation', { type: 'sso', altitudeKm: 550, ltanHours: 10.5, satellitesPerPlane: 12 });
    expect(messageFor('constellation.altitudeKm', 6000, sso)).toBe('Altitude must be between 160 and 5,500 km');
  });

  it('explains wrong kinds of value', () => {
    expect(messageFor('constellation.altitudeKm', 'abc')).toBe('Altitude must be a number (in km), not “abc”');
    expect(messageFor('constellation.planes', 2.5)).toBe('Planes must be a whole number');
    expect(messageFor('node.arrayPointing', 'sideways')).toBe('Array pointing must be one of: sun-tracking, body-fixed');
    expect(messageFor('name', '')).toBe('Scenario name must not be empty');
    expect(messageFor('constellation.altitudeKm', undefined)).toBe('Altitude is required');
  });

  it('rewrites field paths inside the engine’s own sentences', () => {
    const m = messageFor('node.batteryInitialStateOfCharge', 0.1, (d) => setPath(d, 'node.batteryMinStateOfCharge', 0.3));
    expect(m).toBe('Battery initial SoC must not be below “Battery min SoC”');
  });

  it('keeps a prefix the app adds (the file name) and unknown paths as they are', () => {
    expect(plainIssue({ path: 'node.solarCellEfficiency', message: 'bad.json: Too big: expected number to be <=1' })).toBe('bad.json: Cell efficiency must be greater than 0 and at most 1');
    expect(plainIssue({ path: 'node.colour', message: 'unknown field' })).toBe('node.colour: unknown field');
    expect(plainIssue({ path: '', message: 'invalid JSON at line 3, column 4: Unexpected token' })).toBe('invalid JSON at line 3, column 4: Unexpected token');
  });
});

describe('field table', () => {
  const all = [
    ...Object.values(CONSTELLATION_FIELDS).flat(),
    ...NODE_FIELDS.subgroups.flatMap((g) => g.fields),
    ...STATION_FIELDS,
    ...ISL_FIELDS,
    ...SIMULATION_FIELDS,
    ...ECONOMICS_FIELDS.subgroups.flatMap((g) => g.fields),
    COMPUTE_EFFICIENCY_FIELD,
  ];

  it('gives every field the source of its default, and every non-economics field its meaning', () => {
    const econ = new Set(ECONOMICS_FIELDS.subgroups.flatMap((g) => g.fields));
    for (const f of all) {
      expect(f.source, f.path).toMatch(/\S/);
      if (!econ.has(f)) expect(f.help, f.path).toMatch(/\S/);
    }
  });

  it('reads bounds and defaults from the engine schema', () => {
    expect(schemaFacts('constellation.altitudeKm', presetDraft('starter-shell'))).toEqual({ min: 160, minInclusive: true, max: 40_000, maxInclusive: true });
    expect(schemaFacts('node.solarArrayAreaM2')).toMatchObject({ min: 0, minInclusive: false, defaultValue: 116 });
    expect(schemaFacts('groundStations[3].minElevationDeg')).toMatchObject({ min: -5, max: 90, defaultValue: 10 });
    expect(schemaFacts('node.arrayPointing')).toEqual({ defaultValue: 'sun-tracking' });
    expect(fieldForPath('groundStations[2].latitudeDeg')?.label).toBe('Latitude');
  });

  it('builds a tooltip with the meaning, unit, default and source', () => {
    const area = NODE_FIELDS.subgroups[0].fields.find((f) => f.path === 'node.solarArrayAreaM2')!;
    const tip = fieldTooltip(area);
    expect(tip).toContain('Unit: m².');
    expect(tip).toContain('Default: 116 m².');
    expect(tip).toMatch(/Source: .*ECONOMICS\.md/);
    const soc = NODE_FIELDS.subgroups[0].fields.find((f) => f.path === 'node.batteryMinStateOfCharge')!;
    expect(fieldTooltip(soc)).toContain('Unit: none — a share from 0 to 1');
  });

  it('computes efficiency as TFLOPS per kW of compute power', () => {
    // The default node: 91,800 TFLOPS at 20,000 W → 4,590 TFLOPS/kW (918 TFLOP/s per ≈200 W chip).
    expect(computeEfficiency(91_800, 20_000)).toBe(4590);
    expect(computeEfficiency(91_800, 0)).toBeNaN();
    expect(computeEfficiency('x', 20_000)).toBeNaN();
  });
});
