/**
 * Scenario format: a constellation design, node hardware, ground segment and
 * simulation settings. JSON with units in field names; validated with zod,
 * defaults filled, unknown fields rejected. Every error names its JSON path
 * (e.g. `node.radiatorAreaM2`, `groundStations[2].latitudeDeg`).
 *
 * Documented ranges (also what property tests generate inside):
 * - altitudes 160–40,000 km (SSO and cluster: 160–5,500 km, where a
 *   sun-synchronous inclination exists);
 * - at most MAX_SATELLITES satellites and MAX_SATELLITE_STEPS satellite-steps;
 * - efficiencies, emissivities, absorptivities, view factors, states of charge in [0, 1].
 */
import { z } from 'zod';
import { parseUtcMs } from '../core/time';
import { jsonDepth, MAX_JSON_DEPTH, MAX_TEXT_CHARS, parseJsonText, type InputIssue as ScenarioIssue } from './json-text';
import { horizonMsOf, stepCount, stepMsOf } from '../orbit/run-grid';
import { finite, int, MAX_ECHO_CHARS, positive, requiredOr } from './schema-numbers';
import { environmentSchema, nodeSchema } from './node-schema';
import { groundStationSchema, islSchema } from './network-schema';
import { economicsSchema, lifetimeSchema, massSchema } from './economics-schema';
import { workloadsSchema } from './workload-schema';
import { cellTemperatureFactor } from '../node/solar-array';

export { MIN_NONZERO_MAGNITUDE } from './schema-numbers';
export { environmentSchema, nodeSchema } from './node-schema';
export { economicsSchema, lifetimeSchema, massSchema } from './economics-schema';
export { groundStationSchema, islSchema } from './network-schema';
export { workloadsSchema } from './workload-schema';

export const MAX_SATELLITES = 100_000;
/** Upper bound on satellites × steps for one run (memory and time guard). */
export const MAX_SATELLITE_STEPS = 2_000_000_000;
export const MAX_STEPS = 2_000_000;
export const MAX_DURATION_HOURS = 24 * 366 * 5;
/** Ground stations per scenario: the engine keeps station visibility in a 64-bit mask per satellite-step (run/chunk fields visLo, visHi). */
export const MAX_GROUND_STATIONS = 64;

/**
 * Longest step (s): one hour. Steps above MAX_SAMPLE_MS (60 s) are sampled
 * every ≤ 60 s for geometry, events and links (orbit/run-grid.ts sampleGrid),
 * so events do not depend on the step; beyond an hour the node models'
 * step (power, thermal, storage over a whole step) stops being meaningful.
 */
export const MAX_STEP_SECONDS = 3600;

const utcString = z.string({ error: requiredOr() }).max(64).superRefine((s, ctx) => {
  if (s.length > 64) return; // already reported by max(64)
  const ms = parseUtcMs(s);
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: 'custom', message: 'expected an ISO 8601 UTC time such as 2026-06-21T00:00:00Z' });
    return;
  }
  const y = new Date(ms).getUTCFullYear();
  if (y < 1957 || y > 2100) ctx.addIssue({ code: 'custom', message: 'year must be within 1957–2100' });
});

/** Solar time LTAN is counted in (input/constellation.ts raanFromLtanRad); mean: Vallado (2013) §3.5, ESA mission specifications (e.g. Sentinel-2 10:30 MLST). */
const ltanConventionSchema = z.enum(['mean', 'true'], { error: 'expected "mean" or "true"' }).default('mean');

const walkerSchema = z.strictObject({
  type: z.literal('walker'),
  /** delta: planes spread over 360° of RAAN; star: over 180°. */
  pattern: z.enum(['delta', 'star']).default('delta'),
  altitudeKm: finite().min(160).max(40_000),
  inclinationDeg: finite().min(0).max(180),
  planes: int().min(1).max(10_000),
  satellitesPerPlane: int().min(1).max(10_000),
  /** Walker F: relative phasing between adjacent planes, in units of 360°/T. */
  phasing: int().min(0).default(1),
  firstRaanDeg: finite().min(-360).max(360).default(0),
});

const ssoSchema = z.strictObject({
  type: z.literal('sso'),
  altitudeKm: finite().min(160).max(5_500),
  ltanHours: finite().min(0).max(24),
  planes: int().min(1).max(10_000).default(1),
  satellitesPerPlane: int().min(1).max(10_000),
  /** LTAN spacing between adjacent planes (h); planes are centred on ltanHours. */
  ltanSpacingHours: finite().min(0).max(12).default(1),
  /** Solar time LTAN is counted in: mean local solar time (mission-design convention) or apparent (true Sun); input/constellation.ts. */
  ltanConvention: ltanConventionSchema,
});

const clusterSchema = z.strictObject({
  type: z.literal('cluster'),
  altitudeKm: finite().min(160).max(5_500),
  ltanHours: finite().min(0).max(24).default(18),
  satellites: int().min(1).max(10_000).default(81),
  /** Formation radius (m): along-track semi-axis of the outermost ring. */
  radiusM: finite().gt(0).max(100_000).default(1000),
  ltanConvention: ltanConventionSchema,
});

/**
 * Spacing warnings: closest approach over the run (run/separation.ts) and
 * designs that collide by construction (input/constellation.ts).
 * warnBelowKm: 1 km, the overall miss distance of the 18th Space Control
 * Squadron's emergency conjunction reports for near-Earth objects
 * (Spaceflight Safety Handbook for Satellite Operators, v1.5, 2020).
 * formationWarnBelowM: for members of a `cluster` formation, which fly
 * closer than that by design: 50 m, half the closest neighbour distance of
 * the reference cluster study (81 members in 1 km, neighbours 100–200 m;
 * docs/reference/PHYSICS.md).
 */
export const spacingSchema = z.strictObject({
  /** Track the closest approach between any two satellites over the run (run/separation.ts); off saves its cost on very large runs. */
  trackClosestApproach: z.boolean().default(true),
  warnBelowKm: finite().min(0).max(100_000).default(1),
  formationWarnBelowM: finite().min(0).max(100_000).default(50),
});

const tleSchema = z.strictObject({
  type: z.literal('tle'),
  text: z.string({ error: requiredOr() }).min(1, { error: 'TLE text is empty' }).max(MAX_TEXT_CHARS),
});

const ommSchema = z.strictObject({
  type: z.literal('omm'),
  records: z.array(z.unknown(), { error: requiredOr() }).min(1, { error: 'no OMM records' }).max(MAX_SATELLITES),
});

export const constellationSchema = z.discriminatedUnion('type', [walkerSchema, ssoSchema, clusterSchema, tleSchema, ommSchema], {
  error: (iss) =>
    iss.input === undefined
      ? 'required'
      : iss.code === 'invalid_union'
        ? 'expected type to be one of "walker", "sso", "cluster", "tle", "omm"'
        : undefined,
});




export const scenarioSchema = z
  .strictObject({
    name: z.string().min(1).max(200).default('Untitled scenario'),
    startUtc: utcString,
    durationHours: positive().max(MAX_DURATION_HOURS),
    stepSeconds: finite().min(1).max(MAX_STEP_SECONDS).default(60),
    constellation: constellationSchema,
    node: nodeSchema.default(() => nodeSchema.parse({})),
    groundStations: z.array(groundStationSchema).max(MAX_GROUND_STATIONS).default([]),
    interSatelliteLinks: islSchema.default(() => islSchema.parse({})),
    environment: environmentSchema.default(() => environmentSchema.parse({})),
    spacing: spacingSchema.default(() => spacingSchema.parse({})),
    mass: massSchema.default(() => massSchema.parse({})),
    lifetime: lifetimeSchema.default(() => lifetimeSchema.parse({})),
    economics: economicsSchema.default(() => economicsSchema.parse({})),
    workloads: workloadsSchema.default(() => workloadsSchema.parse({})),
  })
  .superRefine((s, ctx) => {
    // Cross-field checks only make sense once each field is valid on its own.
    if (!(s.durationHours > 0 && s.durationHours <= MAX_DURATION_HOURS && s.stepSeconds >= 1 && s.stepSeconds <= MAX_STEP_SECONDS)) return;
    const horizonS = horizonMsOf(s) / 1000;
    if (stepMsOf(s) > horizonMsOf(s)) {
      ctx.addIssue({ code: 'custom', path: ['stepSeconds'], message: `step (${s.stepSeconds} s) is longer than the horizon (${horizonS} s)` });
    }
    const steps = stepCount(s);
    if (steps > MAX_STEPS) {
      ctx.addIssue({ code: 'custom', path: ['stepSeconds'], message: `${steps} steps exceed the limit of ${MAX_STEPS}; use a larger step or a shorter horizon` });
    }
    const c = s.constellation;
    if (c.type === 'walker') {
      if (c.phasing >= c.planes && c.planes > 1) {
        ctx.addIssue({ code: 'custom', path: ['constellation', 'phasing'], message: `must be between 0 and planes − 1 (${c.planes - 1})` });
      }
    }
    const n = designSatelliteCount(c) ?? elementSetCountBound(c);
    if (n !== undefined && n > MAX_SATELLITES) {
      const path = c.type === 'tle' ? ['constellation', 'text'] : c.type === 'omm' ? ['constellation', 'records'] : ['constellation'];
      ctx.addIssue({ code: 'custom', path, message: `${n} ${c.type === 'tle' || c.type === 'omm' ? 'element sets' : 'satellites'} exceed the limit of ${MAX_SATELLITES}` });
    }
    if (n !== undefined && n * steps > MAX_SATELLITE_STEPS) {
      ctx.addIssue({ code: 'custom', path: ['stepSeconds'], message: `${n} satellites × ${steps} steps exceed the limit of ${MAX_SATELLITE_STEPS} satellite-steps` });
    }
    if (s.node.batteryInitialStateOfCharge < s.node.batteryMinStateOfCharge && s.node.batteryCapacityKWh > 0) {
      ctx.addIssue({ code: 'custom', path: ['node', 'batteryInitialStateOfCharge'], message: 'must not be below node.batteryMinStateOfCharge' });
    }
    // A cell converts at most the light that reaches it: η_cell · (1 + γ (T_cell − T_ref)) ≤ 1.
    const cellEfficiencyHot = s.node.solarCellEfficiency * cellTemperatureFactor(s.node.solarCellTempCoefficientPerK, s.node.solarCellOperatingTemperatureC, s.node.solarCellReferenceTemperatureC);
    const cellFieldsValid = ['solarCellEfficiency', 'solarCellTempCoefficientPerK', 'solarCellOperatingTemperatureC', 'solarCellReferenceTemperatureC'].every(
      (k) => nodeSchema.shape[k as keyof typeof nodeSchema.shape].safeParse(s.node[k as keyof typeof s.node]).success,
    );
    if (cellFieldsValid && cellEfficiencyHot > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['node', 'solarCellEfficiency'],
        message: `at the operating temperature the cells would convert ${(cellEfficiencyHot * 100).toPrecision(4)} % of the sunlight (over 100 %); check node.solarCellTempCoefficientPerK and the operating and reference temperatures`,
      });
    }
    if (s.node.batteryMinStateOfCharge >= 1 && s.node.batteryCapacityKWh > 0) {
      ctx.addIssue({ code: 'custom', path: ['node', 'batteryMinStateOfCharge'], message: 'must be below 1' });
    }
  });

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type Constellation = Scenario['constellation'];
export type NodeSpec = Scenario['node'];
export type GroundStation = Scenario['groundStations'][number];

/** Number of satellites a generated design has (undefined for element sets). */
export function designSatelliteCount(c: Constellation): number | undefined {
  switch (c.type) {
    case 'walker':
    case 'sso':
      return c.planes * c.satellitesPerPlane;
    case 'cluster':
      return c.satellites;
    default:
      return undefined;
  }
}

/**
 * Upper bound on the satellites an element-set constellation can load: OMM
 * records, or TLE lines that start with "1 " (counted without parsing).
 */
export function elementSetCountBound(c: Constellation): number | undefined {
  if (c.type === 'omm') return c.records.length;
  if (c.type !== 'tle') return undefined;
  const lineOne = /(?:^|[\r\n])[ \t\ufeff]*1 /g;
  let count = 0;
  while (lineOne.exec(c.text)) count++;
  return count;
}

export type { InputIssue as ScenarioIssue } from './json-text';

export class ScenarioError extends Error {
  readonly issues: ScenarioIssue[];
  constructor(issues: ScenarioIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ScenarioError';
    this.issues = issues;
  }
}

export function formatIssue(i: ScenarioIssue): string {
  return i.path ? `${i.path}: ${i.message}` : i.message;
}

/** Formats a path array as `a.b[2].c`; keys longer than 40 characters are shortened with "…". */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else {
      const k = String(p);
      const shown = k.length > MAX_ECHO_CHARS ? `${k.slice(0, MAX_ECHO_CHARS)}…` : k;
      out += out ? `.${shown}` : shown;
    }
  }
  return out;
}

export type ParseOutcome = { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] };

/** Validates a decoded scenario object: fills defaults, names every bad field. */
export function parseScenario(input: unknown): ParseOutcome {
  const depth = jsonDepth(input, MAX_JSON_DEPTH + 1);
  if (depth > MAX_JSON_DEPTH) return { ok: false, issues: [{ path: '', message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` }] };
  const r = scenarioSchema.safeParse(input);
  if (r.success) return { ok: true, scenario: r.data };
  const issues: ScenarioIssue[] = [];
  for (const iss of r.error.issues) {
    if (iss.code === 'unrecognized_keys') {
      for (const k of iss.keys) issues.push({ path: formatPath([...iss.path, k]), message: 'unknown field' });
    } else {
      issues.push({ path: formatPath(iss.path), message: iss.message });
    }
  }
  return { ok: false, issues };
}

/** Parses scenario JSON text; syntax errors name the line and column. */
export function parseScenarioJson(text: string): ParseOutcome {
  const r = parseJsonText(text);
  return r.ok ? parseScenario(r.value) : r;
}

/** Throws ScenarioError on invalid input; returns the normalised scenario. */
export function normaliseScenario(input: unknown): Scenario {
  const r = parseScenario(input);
  if (!r.ok) throw new ScenarioError(r.issues);
  return r.scenario;
}
