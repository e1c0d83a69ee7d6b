import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildSatellites } from '../../../src/engine/input/constellation.ts';
import { PRESETS } from '../../../src/engine/input/presets.ts';
import { MAX_JSON_DEPTH, MAX_TEXT_CHARS } from '../../../src/engine/input/json-text.ts';
import {
  normaliseScenario,
  parseScenario,
  parseScenarioJson,
  ScenarioError,
  type ScenarioIssue,
} from '../../../src/engine/input/scenario.ts';
import { parseUtcMs } from '../../../src/engine/core/time.ts';

// ---------------------------------------------------------------------------
// helpers

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A small valid scenario; every case starts from a fresh copy. */
const BASE: { [k: string]: Json } = {
  name: 'scenario test',
  startUtc: '2026-06-21T00:00:00Z',
  durationHours: 2,
  stepSeconds: 60,
  constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 2, satellitesPerPlane: 3 },
  groundStations: [
    { name: 'Svalbard', latitudeDeg: 78.23, longitudeDeg: 15.41, downlinkGbps: 10 },
    { name: 'Wallops', latitudeDeg: 37.94, longitudeDeg: -75.46, downlinkGbps: 10 },
    { name: 'Troll', latitudeDeg: -72.01, longitudeDeg: 2.53, downlinkGbps: 10 },
  ],
};

const DELETE = Symbol('delete');

/**
 * BASE with fields changed. Keys are paths such as `node.foo` or
 * `groundStations[1].baz`; missing objects on the way are created; DELETE removes.
 */
function scenarioWith(changes: Record<string, Json | typeof DELETE>): { [k: string]: Json } {
  const s = structuredClone(BASE);
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '');
    let o: any = s;
    for (const k of keys.slice(0, -1)) {
      if (o[k] === undefined) o[k] = {};
      o = o[k];
    }
    const last = keys[keys.length - 1];
    if (value === DELETE) delete o[last];
    else o[last] = value;
  }
  return s;
}

function issuesOf(input: unknown): ScenarioIssue[] {
  const r = parseScenario(input);
  if (r.ok) throw new Error('expected the scenario to be rejected, but it validated');
  return r.issues;
}

function jsonIssuesOf(text: string): ScenarioIssue[] {
  const r = parseScenarioJson(text);
  if (r.ok) throw new Error('expected the scenario text to be rejected, but it validated');
  return r.issues;
}

/** Messages must read as JSON-level explanations, not JavaScript internals. */
const JS_JARGON = /\bNaN\b|Infinity|undefined/;

function nest(levels: number, inner = '1'): string {
  let s = inner;
  for (let i = 0; i < levels; i++) s = `{"a":${s}}`;
  return s;
}

// ---------------------------------------------------------------------------
// invalid scenarios: each names the field path with a clear message

interface BadCase {
  name: string;
  input: () => unknown;
  /** Path of the issue that must be reported. */
  path: string;
  message: RegExp;
  /** The reported issue must be the only one. */
  only?: boolean;
}

const BAD: BadCase[] = [
  // missing required fields
  { name: 'missing startUtc', input: () => scenarioWith({ startUtc: DELETE }), path: 'startUtc', message: /required/i, only: true },
  { name: 'missing durationHours', input: () => scenarioWith({ durationHours: DELETE }), path: 'durationHours', message: /required/i, only: true },
  { name: 'missing constellation', input: () => scenarioWith({ constellation: DELETE }), path: 'constellation', message: /required/i, only: true },
  { name: 'missing constellation.altitudeKm', input: () => scenarioWith({ 'constellation.altitudeKm': DELETE }), path: 'constellation.altitudeKm', message: /required/i, only: true },
  { name: 'missing constellation.type', input: () => scenarioWith({ 'constellation.type': DELETE }), path: 'constellation.type', message: /"walker".*"sso".*"cluster".*"tle".*"omm"/ },
  { name: 'missing groundStations[1].downlinkGbps of a fixed-rate station', input: () => scenarioWith({ 'groundStations[1].downlinkGbps': DELETE, 'groundStations[1].linkModel': 'fixed' }), path: 'groundStations[1].downlinkGbps', message: /required/i, only: true },
  { name: 'budget field on a fixed-rate station', input: () => scenarioWith({ 'groundStations[1].frequencyGHz': 8 }), path: 'groundStations[1].frequencyGHz', message: /linkModel "budget" only/, only: true },

  // unknown fields, root and nested
  { name: 'unknown root field', input: () => scenarioWith({ foo: 1 }), path: 'foo', message: /^unknown field$/, only: true },
  { name: 'unknown node field', input: () => scenarioWith({ 'node.foo': 1 }), path: 'node.foo', message: /^unknown field$/, only: true },
  { name: 'unknown constellation field', input: () => scenarioWith({ 'constellation.bar': true }), path: 'constellation.bar', message: /^unknown field$/, only: true },
  { name: 'unknown ground station field', input: () => scenarioWith({ 'groundStations[2].baz': 'x' }), path: 'groundStations[2].baz', message: /^unknown field$/, only: true },
  { name: 'unknown environment field', input: () => scenarioWith({ 'environment.solarConstant': 1361 }), path: 'environment.solarConstant', message: /^unknown field$/, only: true },
  {
    name: 'walker-only field on an sso design',
    input: () => scenarioWith({ constellation: { type: 'sso', altitudeKm: 600, ltanHours: 10, satellitesPerPlane: 2, inclinationDeg: 97.8 } }),
    path: 'constellation.inclinationDeg',
    message: /^unknown field$/,
    only: true,
  },

  // wrong types
  { name: 'durationHours as a string', input: () => scenarioWith({ durationHours: '2' }), path: 'durationHours', message: /finite number, got string "2"/, only: true },
  { name: 'solar array area as a boolean', input: () => scenarioWith({ 'node.solarArrayAreaM2': true }), path: 'node.solarArrayAreaM2', message: /finite number, got boolean/, only: true },
  { name: 'battery capacity null', input: () => scenarioWith({ 'node.batteryCapacityKWh': null }), path: 'node.batteryCapacityKWh', message: /finite number, got null/, only: true },
  { name: 'fractional plane count', input: () => scenarioWith({ 'constellation.planes': 2.5 }), path: 'constellation.planes', message: /integer/, only: true },
  { name: 'startUtc as a number', input: () => scenarioWith({ startUtc: 1_782_000_000_000 }), path: 'startUtc', message: /string/ },
  { name: 'groundStations as an object', input: () => scenarioWith({ groundStations: {} }), path: 'groundStations', message: /array/, only: true },
  { name: 'ISL enabled as a string', input: () => scenarioWith({ 'interSatelliteLinks.enabled': 'yes' }), path: 'interSatelliteLinks.enabled', message: /boolean/, only: true },
  { name: 'unknown array pointing mode', input: () => scenarioWith({ 'node.arrayPointing': 'nadir' }), path: 'node.arrayPointing', message: /sun-tracking.*body-fixed/, only: true },
  { name: 'unknown constellation type', input: () => scenarioWith({ 'constellation.type': 'ring' }), path: 'constellation.type', message: /one of "walker", "sso", "cluster", "tle", "omm"/, only: true },
  { name: 'root is an array', input: () => [BASE], path: '', message: /object/, only: true },

  // areas and capacities
  { name: 'zero solar array area', input: () => scenarioWith({ 'node.solarArrayAreaM2': 0 }), path: 'node.solarArrayAreaM2', message: /greater than 0/, only: true },
  { name: 'negative radiator area', input: () => scenarioWith({ 'node.radiatorAreaM2': -5 }), path: 'node.radiatorAreaM2', message: /greater than 0/, only: true },
  { name: 'negative battery capacity', input: () => scenarioWith({ 'node.batteryCapacityKWh': -1 }), path: 'node.batteryCapacityKWh', message: /0 or greater/, only: true },
  { name: 'zero storage', input: () => scenarioWith({ 'node.storageGB': 0 }), path: 'node.storageGB', message: /greater than 0/, only: true },
  { name: 'zero downlink rate', input: () => scenarioWith({ 'groundStations[0].downlinkGbps': 0 }), path: 'groundStations[0].downlinkGbps', message: /greater than 0/, only: true },
  { name: 'huge area 1e308', input: () => scenarioWith({ 'node.solarArrayAreaM2': 1e308 }), path: 'node.solarArrayAreaM2', message: /100000000|1e\+?8/, only: true },

  // efficiencies and other fractions outside 0–1 (the message must name the bound)
  { name: 'cell efficiency 1.5', input: () => scenarioWith({ 'node.solarCellEfficiency': 1.5 }), path: 'node.solarCellEfficiency', message: /(<=|≤|at most|no more than|maximum)\s*1\b/, only: true },
  { name: 'cell efficiency 0', input: () => scenarioWith({ 'node.solarCellEfficiency': 0 }), path: 'node.solarCellEfficiency', message: /greater than 0/, only: true },
  { name: 'round-trip efficiency -0.1', input: () => scenarioWith({ 'node.batteryRoundTripEfficiency': -0.1 }), path: 'node.batteryRoundTripEfficiency', message: /greater than 0/, only: true },
  { name: 'emissivity 2', input: () => scenarioWith({ 'node.radiatorEmissivity': 2 }), path: 'node.radiatorEmissivity', message: /(<=|≤|at most|no more than|maximum)\s*1\b/, only: true },
  { name: 'absorptivity 1.01', input: () => scenarioWith({ 'node.radiatorAbsorptivity': 1.01 }), path: 'node.radiatorAbsorptivity', message: /(<=|≤|at most|no more than|maximum)\s*1\b/, only: true },
  { name: 'albedo -0.2', input: () => scenarioWith({ 'environment.albedo': -0.2 }), path: 'environment.albedo', message: /(>=|≥|at least|no less than|minimum)\s*0\b/, only: true },

  // altitudes inside the Earth, below the atmosphere limit, or absurd (the message names the limit)
  { name: 'altitude -100 km', input: () => scenarioWith({ 'constellation.altitudeKm': -100 }), path: 'constellation.altitudeKm', message: /160/, only: true },
  { name: 'altitude 50 km', input: () => scenarioWith({ 'constellation.altitudeKm': 50 }), path: 'constellation.altitudeKm', message: /160/, only: true },
  { name: 'altitude 1e6 km', input: () => scenarioWith({ 'constellation.altitudeKm': 1e6 }), path: 'constellation.altitudeKm', message: /40[,_ ]?000/, only: true },
  { name: 'altitude 1e308 km', input: () => scenarioWith({ 'constellation.altitudeKm': 1e308 }), path: 'constellation.altitudeKm', message: /40[,_ ]?000/, only: true },
  {
    name: 'cluster above the sun-synchronous limit',
    input: () => scenarioWith({ constellation: { type: 'cluster', altitudeKm: 5600 } }),
    path: 'constellation.altitudeKm',
    message: /5[,_ ]?500/,
    only: true,
  },
  { name: 'ground station latitude 91', input: () => scenarioWith({ 'groundStations[2].latitudeDeg': 91 }), path: 'groundStations[2].latitudeDeg', message: /90/, only: true },

  // sizes
  {
    name: '10^7 satellites (1000 planes × 10000)',
    input: () => scenarioWith({ 'constellation.planes': 1000, 'constellation.satellitesPerPlane': 10_000, 'constellation.phasing': 0 }),
    path: 'constellation',
    message: /10000000 satellites exceed the limit of 100000/,
  },
  {
    name: '10^7 planes',
    input: () => scenarioWith({ 'constellation.planes': 10_000_000, 'constellation.phasing': 0 }),
    path: 'constellation.planes',
    message: /10[,_ ]?000\b/,
  },
  { name: 'durationHours 1e308', input: () => scenarioWith({ durationHours: 1e308 }), path: 'durationHours', message: /(<=|≤|at most|maximum)/ },
  { name: 'too many steps (5 years at 1 s)', input: () => scenarioWith({ durationHours: 24 * 366 * 5, stepSeconds: 1 }), path: 'stepSeconds', message: /158112000 steps exceed the limit of 2000000/, only: true },

  // time settings
  { name: 'step longer than the horizon', input: () => scenarioWith({ durationHours: 0.01, stepSeconds: 60 }), path: 'stepSeconds', message: /step \(60 s\) is longer than the horizon \(36 s\)/, only: true },
  { name: 'horizon 0', input: () => scenarioWith({ durationHours: 0 }), path: 'durationHours', message: /greater than 0/ },
  { name: 'step 0', input: () => scenarioWith({ stepSeconds: 0 }), path: 'stepSeconds', message: /(>=|≥|at least|minimum)\s*1\b/ },
  { name: 'startUtc not a date', input: () => scenarioWith({ startUtc: 'yesterday' }), path: 'startUtc', message: /ISO 8601/, only: true },
  { name: 'startUtc hour 25', input: () => scenarioWith({ startUtc: '2026-06-21T25:00:00Z' }), path: 'startUtc', message: /ISO 8601/, only: true },
  { name: 'startUtc 30 February', input: () => scenarioWith({ startUtc: '2026-02-30T00:00:00Z' }), path: 'startUtc', message: /ISO 8601|date/ },
  { name: 'startUtc before 1957', input: () => scenarioWith({ startUtc: '1900-01-01T00:00:00Z' }), path: 'startUtc', message: /1957–2100/, only: true },

  // cross-field rules
  { name: 'phasing ≥ planes', input: () => scenarioWith({ 'constellation.phasing': 2 }), path: 'constellation.phasing', message: /between 0 and planes − 1 \(1\)/, only: true },
  {
    name: 'initial state of charge below the minimum',
    input: () => scenarioWith({ 'node.batteryInitialStateOfCharge': 0.1, 'node.batteryMinStateOfCharge': 0.2 }),
    path: 'node.batteryInitialStateOfCharge',
    message: /must not be below node\.batteryMinStateOfCharge/,
    only: true,
  },

  // strings
  { name: '10 MB name', input: () => scenarioWith({ name: 'x'.repeat(10_000_000) }), path: 'name', message: /200/, only: true },
  { name: 'empty name', input: () => scenarioWith({ name: '' }), path: 'name', message: /1/, only: true },
  { name: 'empty TLE text', input: () => scenarioWith({ constellation: { type: 'tle', text: '' } }), path: 'constellation.text', message: /TLE text is empty/, only: true },
  { name: 'no OMM records', input: () => scenarioWith({ constellation: { type: 'omm', records: [] } }), path: 'constellation.records', message: /no OMM records/, only: true },
];

describe('parseScenario: invalid scenarios name the field', () => {
  it.each(BAD)('$name → $path', ({ input, path, message, only }) => {
    const issues = issuesOf(input());
    const hit = issues.find((i) => i.path === path);
    expect(hit, `no issue at "${path}"; got ${JSON.stringify(issues)}`).toBeDefined();
    expect(hit!.message).toMatch(message);
    if (only) expect(issues).toHaveLength(1);
    // Clear wording: no JavaScript internals in any message of this case.
    expect(issues.filter((i) => JS_JARGON.test(i.message))).toEqual([]);
  });

  it('reports every problem at once, each with its own path', () => {
    const issues = issuesOf(
      scenarioWith({ durationHours: -1, 'node.solarCellEfficiency': 0, 'node.foo': 1, 'groundStations[1].downlinkGbps': 0 }),
    );
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['durationHours', 'node.solarCellEfficiency', 'node.foo', 'groundStations[1].downlinkGbps']));
  });

  it('normaliseScenario throws a ScenarioError whose message is "path: message" per issue', () => {
    let caught: unknown;
    try {
      normaliseScenario(scenarioWith({ 'node.foo': 1, 'node.storageGB': -1 }));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ScenarioError);
    const err = caught as ScenarioError;
    expect(err.message.split('\n').sort()).toEqual(['node.foo: unknown field', 'node.storageGB: must be greater than 0']);
    expect(err.issues).toHaveLength(2);
  });
});

// ---------------------------------------------------------------------------
// hostile structure: deep nesting and cycles are answered with an error

describe('parseScenario / parseScenarioJson: deep nesting', () => {
  const textWithNode = (node: string): string => JSON.stringify(scenarioWith({})).replace(/}$/, `,"node":${node}}`);

  it('answers 10,000 levels of {"a": …} inside node with a depth error (text)', () => {
    const text = textWithNode(nest(10_000));
    let r: ReturnType<typeof parseScenarioJson> | undefined;
    expect(() => {
      r = parseScenarioJson(text);
    }).not.toThrow();
    expect(r).toEqual({ ok: false, issues: [{ path: '', message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` }] });
  });

  it('answers a 10,000-level object built in memory with a depth error', () => {
    let deep: { [k: string]: Json } = { a: 1 };
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    expect(issuesOf(scenarioWith({ node: deep }))).toEqual([{ path: '', message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` }]);
  });

  it('answers 1,000,000 nested arrays with an error, not a stack overflow', () => {
    const text = `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`;
    const issues = jsonIssuesOf(text);
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe('');
    expect(issues[0].message).toMatch(/nested deeper than 64 levels|invalid JSON/);
  });

  it('answers a cyclic object with an error instead of recursing forever', () => {
    const s: any = scenarioWith({});
    s.node = { loop: s };
    expect(issuesOf(s)).toEqual([{ path: '', message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` }]);
  });

  it(`accepts nesting up to ${MAX_JSON_DEPTH} levels (then the schema speaks) and rejects ${MAX_JSON_DEPTH + 1}`, () => {
    // root (1) → node (2) → foo value: levels 3…; nest(n) adds n object levels.
    const atLimit = jsonIssuesOf(textWithNode(`{"foo":${nest(MAX_JSON_DEPTH - 2)}}`));
    expect(atLimit).toEqual([{ path: 'node.foo', message: 'unknown field' }]);
    const over = jsonIssuesOf(textWithNode(`{"foo":${nest(MAX_JSON_DEPTH - 1)}}`));
    expect(over).toEqual([{ path: '', message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` }]);
  });
});

// ---------------------------------------------------------------------------
// JSON syntax errors name line and column

describe('parseScenarioJson: syntax errors', () => {
  const SYNTAX: Array<{ name: string; text: string; line: number; column: number }> = [
    { name: 'missing comma between members', text: '{\n  "startUtc": "x",\n  "durationHours": 2\n  "b": 3\n}', line: 4, column: 3 },
    { name: 'trailing comma', text: '{"a": 1,}', line: 1, column: 9 },
    { name: 'unterminated object', text: '{"a": 1', line: 1, column: 8 },
    { name: 'CRLF line endings', text: '{\r\n  "a": 1\r\n  "b": 2\r\n}', line: 3, column: 3 },
    { name: 'value missing (unexpected token)', text: '{\n  "a": 1,\n  "b": ,\n}', line: 3, column: 8 },
    { name: 'stray character on line 3', text: '\n\n   @', line: 3, column: 4 },
    { name: 'truncated literal (end of input)', text: '{"a": nul', line: 1, column: 10 },
  ];

  it.each(SYNTAX)('$name → line $line, column $column', ({ text, line, column }) => {
    const issues = jsonIssuesOf(text);
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe('');
    expect(issues[0].message).toMatch(new RegExp(`^invalid JSON at line ${line}, column ${column}: `));
  });

  it('rejects empty text as invalid JSON', () => {
    const issues = jsonIssuesOf('');
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toMatch(/^invalid JSON/);
  });

  it('rejects text over MAX_TEXT_CHARS before parsing it', () => {
    const issues = jsonIssuesOf(' '.repeat(MAX_TEXT_CHARS + 1));
    expect(issues).toEqual([{ path: '', message: `file larger than ${MAX_TEXT_CHARS} characters` }]);
  });

  it('validates well-formed text the same as the decoded object', () => {
    const text = JSON.stringify(scenarioWith({}));
    expect(parseScenarioJson(text)).toEqual(parseScenario(JSON.parse(text)));
    expect(parseScenarioJson(text).ok).toBe(true);
  });

  it('treats "__proto__" from JSON as an unknown field, not a prototype', () => {
    const text = JSON.stringify(scenarioWith({})).replace(/}$/, ',"__proto__":{"durationHours":-1}}');
    expect(jsonIssuesOf(text)).toEqual([{ path: '__proto__', message: 'unknown field' }]);
  });
});

// ---------------------------------------------------------------------------
// defaults

describe('parseScenario: defaults', () => {
  const minimal = {
    startUtc: '2026-06-21T00:00:00Z',
    durationHours: 2,
    constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 2, satellitesPerPlane: 3 },
  };

  it('fills every default of a minimal scenario', () => {
    const r = parseScenario(minimal);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.scenario;
    expect(s.name).toBe('Untitled scenario');
    expect(s.stepSeconds).toBe(60);
    expect(s.groundStations).toEqual([]);
    expect(s.constellation).toEqual({ ...minimal.constellation, pattern: 'delta', phasing: 1, firstRaanDeg: 0 });
    // Defaults and their sources: src/engine/input/node-schema.ts, docs/reference/*.md.
    expect(s.node).toEqual({
      solarArrayAreaM2: 116,
      solarCellEfficiency: 0.22,
      solarArrayPackingFactor: 0.9,
      solarArrayConversionEfficiency: 0.97,
      solarCellTempCoefficientPerK: -0.0035,
      solarCellOperatingTemperatureC: 55,
      solarCellReferenceTemperatureC: 28,
      arrayPointing: 'sun-tracking',
      batteryCapacityKWh: 20,
      batteryMinStateOfCharge: 0.2,
      batteryInitialStateOfCharge: 0.9,
      batteryRoundTripEfficiency: 0.9,
      batteryMaxChargeCRate: 0.5,
      batteryMaxDischargeCRate: 1,
      batteryCycleLifeAtFullDepth: 1000,
      batteryCycleLifeExponent: 2.66,
      batteryEndOfLifeCapacityFade: 0.2,
      busPowerW: 2000,
      computePowerW: 20_000,
      computeTflops: 91_800,
      radiatorAreaM2: 60,
      radiatorEmissivity: 0.9,
      radiatorAbsorptivity: 0.1,
      radiatorOrientation: 'edge-on',
      heatCapacityJPerK: 2e6,
      initialTemperatureC: 20,
      maxTemperatureC: 45,
      acceleratorMaxJunctionC: 95,
      acceleratorHeatCapacityJPerK: 2e5,
      storageGB: 2000,
      outputGBPerHourAtFullCompute: 50,
    });
    expect(s.interSatelliteLinks).toEqual({ enabled: false, maxRangeKm: 5000, rateGbps: 100, referenceRateGbps: 10, referenceRangeKm: 8000, terminals: 4, grazingAltitudeKm: 80 });
    expect(s.environment).toEqual({ earthIrWPerM2: 237, albedo: 0.3, solarActivity: 'mid', shieldingMmAl: 10 });
  });

  it('fills the rest of a partial node and keeps the given values', () => {
    const r = parseScenario({ ...minimal, node: { solarArrayAreaM2: 50, batteryCapacityKWh: 0 } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.node.solarArrayAreaM2).toBe(50);
    expect(r.scenario.node.batteryCapacityKWh).toBe(0);
    expect(r.scenario.node.batteryRoundTripEfficiency).toBe(0.9);
    expect(r.scenario.node.radiatorAreaM2).toBe(60);
  });

  it('fills ground station, sso and cluster defaults', () => {
    const gs = parseScenario({ ...minimal, groundStations: [{ name: 'A', latitudeDeg: 1, longitudeDeg: 2, downlinkGbps: 3 }] });
    expect(gs.ok && gs.scenario.groundStations).toEqual([
      { name: 'A', latitudeDeg: 1, longitudeDeg: 2, altitudeM: 0, minElevationDeg: 10, linkModel: 'fixed', downlinkGbps: 3, antennas: 1, acquisitionS: 10, handoverAdvantage: 1 },
    ]);
    // Without a rate, a station's downlink comes from the link budget, with its cited defaults.
    const budget = parseScenario({ ...minimal, groundStations: [{ name: 'B', latitudeDeg: 1, longitudeDeg: 2 }] });
    expect(budget.ok && budget.scenario.groundStations[0]).toMatchObject({ linkModel: 'budget', frequencyGHz: 26, symbolRateMsps: 1200, gOverTDbPerK: 39.8 });
    const sso = parseScenario({ ...minimal, constellation: { type: 'sso', altitudeKm: 600, ltanHours: 10.5, satellitesPerPlane: 4 } });
    expect(sso.ok && sso.scenario.constellation).toEqual({ type: 'sso', altitudeKm: 600, ltanHours: 10.5, ltanConvention: 'mean', planes: 1, satellitesPerPlane: 4, ltanSpacingHours: 1 });
    const cl = parseScenario({ ...minimal, constellation: { type: 'cluster', altitudeKm: 650 } });
    expect(cl.ok && cl.scenario.constellation).toEqual({ type: 'cluster', altitudeKm: 650, ltanHours: 18, ltanConvention: 'mean', satellites: 81, radiusM: 1000 });
  });

  it('is idempotent and does not mutate its input', () => {
    const input = structuredClone(scenarioWith({ 'node.storageGB': 10 }));
    const before = JSON.stringify(input);
    const once = parseScenario(input);
    expect(JSON.stringify(input)).toBe(before);
    expect(once.ok).toBe(true);
    if (!once.ok) return;
    expect(parseScenario(once.scenario)).toEqual(once);
  });

  it('does not share default objects between parses', () => {
    const a = parseScenario(minimal);
    const b = parseScenario(minimal);
    if (!a.ok || !b.ok) throw new Error('minimal scenario rejected');
    a.scenario.groundStations.push({ name: 'X', latitudeDeg: 0, longitudeDeg: 0, altitudeM: 0, minElevationDeg: 10, linkModel: 'fixed', downlinkGbps: 1, antennas: 1, acquisitionS: 10, handoverAdvantage: 1 });
    a.scenario.node.storageGB = 1;
    expect(b.scenario.groundStations).toEqual([]);
    expect(b.scenario.node.storageGB).toBe(2000);
    const c = parseScenario(minimal);
    expect(c.ok && c.scenario.groundStations).toEqual([]);
    expect(c.ok && c.scenario.node.storageGB).toBe(2000);
  });
});

// ---------------------------------------------------------------------------
// presets and the example scenarios in assets/scenarios

const ASSET_DIR = fileURLToPath(new URL('../../../assets/scenarios', import.meta.url));
const assetFiles = readdirSync(ASSET_DIR).filter((f) => f.endsWith('.json')).sort();
const readAsset = (file: string): unknown => JSON.parse(readFileSync(join(ASSET_DIR, file), 'utf8'));

describe('presets and example scenarios', () => {
  it('has an example file for every preset plus the TLE and OMM examples', () => {
    expect(assetFiles).toEqual(expect.arrayContaining([...PRESETS.map((p) => `${p.name}.json`), 'iss-tle.json', 'omm-example.json']));
    expect(PRESETS.map((p) => p.name).sort()).toEqual(
      ['ai-cluster-81', 'ai-cluster-81-training', 'broadband-shell-550-53', 'broadband-shell-workloads', 'equatorial-ring', 'polar-walker-star', 'single-large-node', 'starter-shell'],
    );
  });

  it.each(PRESETS.map((p) => [p.name, p] as const))('preset %s validates', (_name, p) => {
    const r = parseScenario(p.scenario);
    expect(r.ok ? [] : r.issues).toEqual([]);
  });

  it.each(assetFiles)('assets/scenarios/%s validates and names itself', (file) => {
    const text = readFileSync(join(ASSET_DIR, file), 'utf8');
    const r = parseScenarioJson(text);
    expect(r.ok ? [] : r.issues).toEqual([]);
    if (!r.ok) return;
    expect(r.scenario.name).not.toBe('Untitled scenario');
    expect(r.scenario.name.length).toBeGreaterThan(10);
  });

  it.each(PRESETS.map((p) => [p.name, p] as const))('assets/scenarios/%s.json is the preset (named by its title)', (name, p) => {
    const fromFile = normaliseScenario(readAsset(`${name}.json`));
    const fromPreset = normaliseScenario({ ...p.scenario, name: p.title });
    expect(fromFile).toEqual(fromPreset);
  });

  it('iss-tle.json loads three real 3-line sets with epochs within 8 days of the start', () => {
    const s = normaliseScenario(readAsset('iss-tle.json'));
    expect(s.constellation.type).toBe('tle');
    const b = buildSatellites(s);
    expect(b.errors).toEqual([]);
    expect(b.satellites.map((x) => [x.id, x.name])).toEqual([
      ['25544#0', 'ISS (ZARYA)'],
      ['06251#1', 'DELTA 1 DEB'],
      ['28057#2', 'CBERS 2'],
    ]);
    const start = parseUtcMs(s.startUtc);
    for (const sat of b.satellites) expect(Math.abs(sat.epochMs - start) / 86_400_000).toBeLessThan(8);
  });

  it('omm-example.json holds the same element sets as iss-tle.json', () => {
    const tle = buildSatellites(normaliseScenario(readAsset('iss-tle.json')));
    const omm = buildSatellites(normaliseScenario(readAsset('omm-example.json')));
    expect(omm.errors).toEqual([]);
    expect(omm.satellites.map((x) => x.name)).toEqual(tle.satellites.map((x) => x.name));
    for (let i = 0; i < 3; i++) {
      const a = tle.satellites[i];
      const b = omm.satellites[i];
      expect(Math.abs(a.epochMs - b.epochMs)).toBeLessThan(0.01);
      expect(b.satrec.inclo).toBeCloseTo(a.satrec.inclo, 12);
      expect(b.satrec.nodeo).toBeCloseTo(a.satrec.nodeo, 12);
      expect(b.satrec.ecco).toBeCloseTo(a.satrec.ecco, 12);
      expect(b.satrec.no).toBeCloseTo(a.satrec.no, 10);
      expect(b.satrec.bstar).toBeCloseTo(a.satrec.bstar, 12);
    }
  });
});
