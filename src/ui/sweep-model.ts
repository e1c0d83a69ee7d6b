/**
 * Sweeps in the app: which scenario fields can be varied, value ranges,
 * the metrics a sweep result is plotted by (every KPI plus totals over the
 * constellation such as total array area), the Pareto front of two metrics,
 * and the runner that expands a sweep with the engine's planSweep (the CLI's
 * sweep semantics: one or two fields, every combination, each design
 * validated) in slices that never block the page, queues every design on the
 * worker pool's sweep lane and collects KPIs for sweepCsv.
 */
import { KPI_NAMES } from '../engine/output/result';
import type { Scenario } from '../engine/input/scenario';
import type { Kpis } from '../engine/run/simulation';
import { planSweep, SweepError, sweepCsv, type SweepDesign } from '../engine/output/sweep';
import type { SweepCsvRow } from '../engine/output/sweep-csv-parse';
import type { AnalysisOutcome, RunOptions } from '../../workers/protocol';
import { getPath } from './draft';
import { CONSTELLATION_FIELDS, ECONOMICS_FIELDS, ISL_FIELDS, NODE_FIELDS, STATION_FIELDS, type FieldSpec } from './fields';
import { KPI_META } from './format';
import { BATCH_FIELDS, INFERENCE_FIELDS, LOOK_AHEAD_FIELD, TRAINING_FIELDS } from './workload-panel';

/** Designs one sweep may have in the app (the CLI allows more). */
export const MAX_APP_SWEEP_DESIGNS = 400;
/** Combinations a results CSV's two fields may span (the CLI's sweep limit). */
export const MAX_FILE_GRID = 10_000;
/** Values per field in the form. */
export const MAX_SWEEP_VALUES = 100;

export interface SweepField {
  path: string;
  label: string;
  unit: string;
  int: boolean;
}

const numeric = (f: FieldSpec) => f.kind === 'number' || f.kind === 'int';
const toSweepField = (f: FieldSpec, prefix = ''): SweepField => ({ path: prefix + f.path, label: f.label, unit: f.unit ?? '', int: f.kind === 'int' });

/** Numeric fields of `scenario` a sweep can vary (orbit fields of its design type, node, links, first station, environment, step). */
export function sweepFields(scenario: Scenario): SweepField[] {
  const out: SweepField[] = [];
  for (const f of CONSTELLATION_FIELDS[scenario.constellation.type]) if (numeric(f)) out.push(toSweepField(f));
  for (const sg of NODE_FIELDS.subgroups) for (const f of sg.fields) if (numeric(f)) out.push(toSweepField(f));
  for (const sg of ECONOMICS_FIELDS.subgroups) for (const f of sg.fields) if (numeric(f)) out.push(toSweepField(f));
  for (const f of ISL_FIELDS) if (numeric(f)) out.push(toSweepField(f));
  if (scenario.groundStations.length > 0) {
    const st = scenario.groundStations[0].name;
    for (const f of STATION_FIELDS) if (numeric(f) && f.path !== 'latitudeDeg' && f.path !== 'longitudeDeg' && f.path !== 'altitudeM') out.push({ ...toSweepField(f, 'groundStations[0].'), label: `${st}: ${f.label.toLowerCase()}` });
  }
  // the design's workloads: each one's numeric fields, named after it
  const w = scenario.workloads;
  if (w && w.training.length + w.inference.length + w.batch.length > 0) {
    out.push(toSweepField(LOOK_AHEAD_FIELD));
    const each = (list: ReadonlyArray<{ name: string }>, kind: string, fields: FieldSpec[]) =>
      list.forEach((x, k) => {
        for (const f of fields) if (numeric(f)) out.push({ ...toSweepField(f, `workloads.${kind}[${k}].`), label: `${x.name}: ${f.label.toLowerCase()}` });
      });
    each(w.training, 'training', TRAINING_FIELDS);
    each(w.inference, 'inference', INFERENCE_FIELDS);
    each(w.batch, 'batch', BATCH_FIELDS);
  }
  out.push({ path: 'environment.albedo', label: 'Albedo', unit: '', int: false });
  out.push({ path: 'environment.earthIrWPerM2', label: 'Earth IR flux', unit: 'W/m²', int: false });
  out.push({ path: 'stepSeconds', label: 'Step', unit: 's', int: false });
  return out;
}

/** A sensible starting range for `field` around the base value. */
export function defaultRange(field: SweepField, base: Scenario): { from: number; to: number; count: number } {
  const v = Number(getPath(base, field.path));
  switch (field.path) {
    case 'constellation.altitudeKm':
      return { from: 500, to: 1200, count: 8 };
    case 'constellation.ltanHours':
      return { from: 6, to: 18, count: 7 };
    case 'constellation.inclinationDeg':
      return { from: 30, to: 90, count: 7 };
    case 'node.batteryCapacityKWh':
      return { from: 0, to: Number.isFinite(v) && v > 0 ? 2 * v : 40, count: 5 };
    case 'node.radiatorAreaM2':
    case 'node.solarArrayAreaM2':
      return { from: Number.isFinite(v) ? v / 2 : 1, to: Number.isFinite(v) ? 2 * v : 2, count: 6 };
  }
  if (!Number.isFinite(v) || v === 0) return { from: 0, to: 1, count: 5 };
  if (field.int) return { from: Math.max(1, Math.round(v / 2)), to: Math.max(2, Math.round(v * 1.5)), count: 5 };
  return { from: v / 2, to: v * 1.5, count: 5 };
}

/** `count` evenly spaced values from `from` to `to` (12 significant digits; integers rounded and de-duplicated). */
export function rangeValues(from: number, to: number, count: number, int = false): number[] {
  if (!Number.isFinite(from) || !Number.isFinite(to) || !Number.isInteger(count) || count < 1) return [];
  const n = Math.min(count, MAX_SWEEP_VALUES);
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const x = n === 1 ? from : from + ((to - from) * k) / (n - 1);
    const v = int ? Math.round(x) : Number(x.toPrecision(12));
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

/** Numbers from a comma/space separated list ('500, 650 800'); undefined when an item is not a number. */
export function parseValueList(text: string): number[] | undefined {
  const items = text.split(/[\s,;]+/).filter((s) => s !== '');
  if (items.length === 0) return undefined;
  const out: number[] = [];
  for (const s of items) {
    const v = Number(s);
    if (!Number.isFinite(v)) return undefined;
    out.push(v);
  }
  return out.slice(0, MAX_SWEEP_VALUES);
}

// ---- metrics ----

export interface Metric {
  key: string;
  label: string;
  unit: string;
  better?: 'max' | 'min';
  /** A 0…1 share, shown as a percentage. */
  fraction?: boolean;
  /** Needs the design's scenario (totals over the constellation): NaN without one (results read from a CSV). */
  needsScenario?: boolean;
  /** `values`: the point's values of the varied fields (field metrics read them; else the scenario). */
  of(kpis: Kpis, scenario?: Scenario, values?: readonly number[]): number;
}

/** A metric value for labels: percentages for shares, else 4–5 significant digits. */
export function metricText(m: Metric, v: number, digits = 5): string {
  if (!Number.isFinite(v)) return '—';
  if (m.fraction) return `${(v * 100).toFixed(v * 100 >= 10 ? 1 : 2)} %`;
  const a = Math.abs(v);
  const r = a !== 0 && (a >= 1e9 || a < 1e-3) ? v.toExponential(2) : Number(v.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 6 });
  return m.unit ? `${r} ${m.unit}` : r;
}

const node = (s: Scenario | undefined) => s?.node ?? { solarArrayAreaM2: Number.NaN, radiatorAreaM2: Number.NaN, batteryCapacityKWh: Number.NaN };

/**
 * Every KPI, totals over the constellation, and the varied fields.
 * `withScenario` false (results read from a CSV: no scenarios): without the
 * totals that need each design's node.
 */
export function metrics(fields: readonly SweepField[] = [], withScenario = true): Metric[] {
  const out: Metric[] = KPI_NAMES.map((k) => ({
    key: k,
    label: KPI_META[k].label,
    unit: KPI_META[k].unit,
    better: KPI_META[k].better,
    fraction: KPI_META[k].fraction,
    of: (kpis: Kpis) => kpis[k] ?? Number.NaN,
  }));
  out.push(
    { key: 'totalArrayAreaM2', label: 'Total array area', unit: 'm²', better: 'min', needsScenario: true, of: (k, s) => k.satelliteCount * node(s).solarArrayAreaM2 },
    { key: 'totalRadiatorAreaM2', label: 'Total radiator area', unit: 'm²', better: 'min', needsScenario: true, of: (k, s) => k.satelliteCount * node(s).radiatorAreaM2 },
    { key: 'totalBatteryKWh', label: 'Total battery capacity', unit: 'kWh', better: 'min', needsScenario: true, of: (k, s) => k.satelliteCount * node(s).batteryCapacityKWh },
    { key: 'usableComputeShare', label: 'Usable / installed compute', unit: '', better: 'max', fraction: true, of: (k) => (k.installedComputePflops > 0 ? k.meanUsableComputePflops / k.installedComputePflops : 0) },
  );
  fields.forEach((f, i) => out.push({ key: `field:${f.path}`, label: f.label, unit: f.unit, of: (_k, s, v) => (v ? v[i] : s ? Number(getPath(s, f.path)) : Number.NaN) }));
  return withScenario ? out : out.filter((m) => !m.needsScenario);
}

/**
 * Indices of the points no other point dominates (at least as good on both
 * axes and better on one), ordered by x. `better` of an axis: 'max' or 'min'.
 */
export function paretoFront(xs: ArrayLike<number>, ys: ArrayLike<number>, xBetter: 'max' | 'min', yBetter: 'max' | 'min'): number[] {
  const idx: number[] = [];
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(xs[i]) && Number.isFinite(ys[i])) idx.push(i);
  const a = (i: number) => (xBetter === 'max' ? xs[i] : -xs[i]);
  const b = (i: number) => (yBetter === 'max' ? ys[i] : -ys[i]);
  idx.sort((i, j) => a(j) - a(i) || b(j) - b(i));
  const front: number[] = [];
  let bestB = Number.NEGATIVE_INFINITY;
  let lastA = Number.NaN;
  let lastB = Number.NaN;
  for (const i of idx) {
    if (b(i) > bestB || (a(i) === lastA && b(i) === lastB)) {
      front.push(i);
      if (b(i) > bestB) bestB = b(i);
      lastA = a(i);
      lastB = b(i);
    }
  }
  return front.sort((i, j) => xs[i] - xs[j]);
}

// ---- running ----

export interface SweepVary {
  field: string;
  values: number[];
}

export interface SweepSpec {
  base: Scenario;
  vary: SweepVary[];
}

/** 'missing': a combination of the grid a results CSV has no row for. */
export type PointState = 'queued' | 'running' | 'done' | 'error' | 'cancelled' | 'missing';

export interface SweepPoint {
  /** Index in plan order (first field outermost). */
  index: number;
  values: number[];
  scenario: Scenario;
  state: PointState;
  progress: number;
  kpis?: Kpis;
  message?: string;
}

/** A point the sweep views plot: a computed design, or a row of a results CSV (no scenario). */
export type PlotPoint = Omit<SweepPoint, 'scenario'> & { scenario?: Scenario };

/**
 * The views' plan for the rows of a results CSV (parseSweepCsv): the varied
 * fields' values in order of first appearance (the CLI writes plan order:
 * first field outermost), and one point per combination at index
 * ix·ny + iy (one field: ix); a combination without a row is 'missing'.
 */
export function fileSweep(fields: readonly string[], rows: readonly SweepCsvRow[]): { vary: SweepVary[]; points: PlotPoint[]; missing: number } {
  const distinct = fields.map((_f, k) => {
    const seen: number[] = [];
    for (const r of rows) if (!seen.includes(r.values[k])) seen.push(r.values[k]);
    return seen;
  });
  const vary = fields.map((field, k) => ({ field, values: distinct[k] }));
  const ny = fields.length === 2 ? distinct[1].length : 1;
  if (distinct[0].length * ny > MAX_FILE_GRID) throw new SweepError(`the rows are not a grid: ${distinct[0].length} × ${ny} combinations of the two fields for ${rows.length} rows`);
  const points: PlotPoint[] = [];
  for (let ix = 0; ix < distinct[0].length; ix++) {
    for (let iy = 0; iy < ny; iy++) {
      const index = ix * ny + iy;
      points.push({ index, values: fields.length === 2 ? [distinct[0][ix], distinct[1][iy]] : [distinct[0][ix]], state: 'missing', progress: 0, message: 'no row in the file' });
    }
  }
  for (const r of rows) {
    const index = distinct[0].indexOf(r.values[0]) * ny + (fields.length === 2 ? distinct[1].indexOf(r.values[1]) : 0);
    points[index] = { index, values: r.values.slice(), state: 'done', progress: 1, kpis: r.kpis };
  }
  return { vary, points, missing: points.length - rows.length };
}

/** The sweep file the CLI runs (`npm run sim -- sweep <file>`). */
export function sweepFile(spec: SweepSpec): { base: Scenario; vary: SweepVary[] } {
  return { base: spec.base, vary: spec.vary.map((v) => ({ field: v.field, values: v.values.slice() })) };
}

/** The CLI's results CSV for the finished points, in plan order. */
export function sweepResultsCsv(fields: readonly string[], points: readonly SweepPoint[]): string {
  return sweepCsv(
    fields,
    points.filter((p) => p.state === 'done' && p.kpis).map((p) => ({ values: p.values, kpis: p.kpis! })),
  );
}

export type Yield = () => Promise<void>;
const macrotask: Yield = () => new Promise((r) => setTimeout(r, 0));

/**
 * planSweep for every combination, one combination at a time, yielding at
 * least every `sliceMs` so the page stays responsive. Throws SweepError like
 * planSweep (all invalid designs listed).
 */
export async function planSweepSliced(spec: SweepSpec, sliceMs = 8, yieldNow: Yield = macrotask, isCancelled: () => boolean = () => false): Promise<SweepDesign[]> {
  const count = spec.vary.reduce((n, v) => n * v.values.length, 1);
  if (spec.vary.length < 1 || spec.vary.length > 2) throw new SweepError('vary one or two fields');
  if (count > MAX_APP_SWEEP_DESIGNS) throw new SweepError(`${count} designs exceed the app's limit of ${MAX_APP_SWEEP_DESIGNS}; use the CLI for larger sweeps`);
  if (count === 0) throw new SweepError('every varied field needs at least one value');
  // Validates the sweep itself (paths, values) and the base once.
  planSweep({ base: spec.base, vary: spec.vary.map((v) => ({ field: v.field, values: v.values.slice(0, 1) })) });
  const combos: number[][] = spec.vary.length === 1 ? spec.vary[0].values.map((a) => [a]) : spec.vary[0].values.flatMap((a) => spec.vary[1].values.map((b) => [a, b]));
  const designs: SweepDesign[] = [];
  const problems: string[] = [];
  let t0 = performance.now();
  for (const values of combos) {
    if (isCancelled()) throw new SweepError('cancelled');
    try {
      const p = planSweep({ base: spec.base, vary: spec.vary.map((v, k) => ({ field: v.field, values: [values[k]] })) });
      designs.push(p.designs[0]);
    } catch (e) {
      problems.push(e instanceof Error ? e.message : String(e));
    }
    if (performance.now() - t0 > sliceMs) {
      await yieldNow();
      t0 = performance.now();
    }
  }
  if (problems.length) throw new SweepError(problems.join('\n'));
  return designs;
}

/** What the runner needs of the pool. */
export interface SweepPool {
  run(input: unknown, seq: number, lane: 'sweep', options?: RunOptions, onProgress?: (fraction: number) => void): Promise<AnalysisOutcome>;
  cancelLane(lane: 'sweep'): void;
}

export interface SweepEvents {
  /** The plan is ready (points queued). */
  onPlanned(points: readonly SweepPoint[]): void;
  /** A point changed state or progress. */
  onPoint(point: SweepPoint): void;
  /** Every point finished (or the sweep was cancelled / failed to plan). */
  onDone(outcome: { kind: 'done' | 'cancelled' } | { kind: 'invalid'; message: string }): void;
}

/** Lean runs: KPIs only (no status codes, no per-satellite state, not kept). */
export const SWEEP_RUN_OPTIONS: RunOptions = { keep: false, statusCodes: false, details: false };

export class SweepRunner {
  points: SweepPoint[] = [];
  fields: string[] = [];
  running = false;
  private cancelled = false;
  private generation = 0;

  constructor(
    private readonly pool: SweepPool,
    private readonly nextSeq: () => number,
  ) {}

  /** Plans and runs `spec`; a running sweep is cancelled first. */
  async start(spec: SweepSpec, ev: SweepEvents): Promise<void> {
    if (this.running) this.cancel();
    const gen = ++this.generation;
    this.cancelled = false;
    this.running = true;
    this.fields = spec.vary.map((v) => v.field);
    this.points = [];
    let designs: SweepDesign[];
    try {
      designs = await planSweepSliced(spec, 8, macrotask, () => this.cancelled || gen !== this.generation);
    } catch (e) {
      if (gen !== this.generation) return;
      this.running = false;
      if (this.cancelled) ev.onDone({ kind: 'cancelled' });
      else ev.onDone({ kind: 'invalid', message: e instanceof Error ? e.message : String(e) });
      return;
    }
    if (gen !== this.generation) return;
    this.points = designs.map((d, index) => ({ index, values: d.values as number[], scenario: d.scenario, state: 'queued', progress: 0 }));
    ev.onPlanned(this.points);
    let left = this.points.length;
    const finish = () => {
      if (--left > 0 || gen !== this.generation) return;
      this.running = false;
      ev.onDone({ kind: this.cancelled ? 'cancelled' : 'done' });
    };
    for (const p of this.points) {
      const seq = this.nextSeq();
      void this.pool
        .run(p.scenario, seq, 'sweep', SWEEP_RUN_OPTIONS, (f) => {
          if (gen !== this.generation) return;
          p.state = 'running';
          p.progress = f;
          ev.onPoint(p);
        })
        .then((o) => {
          if (gen !== this.generation) return;
          if (o.kind === 'done') {
            p.state = 'done';
            p.kpis = o.result.kpis;
            p.progress = 1;
          } else if (o.kind === 'cancelled') {
            p.state = 'cancelled';
          } else {
            p.state = 'error';
            p.message = o.kind === 'invalid' ? o.issues.map((i) => `${i.path}: ${i.message}`).join('; ') : o.message;
          }
          ev.onPoint(p);
          finish();
        });
    }
  }

  cancel(): void {
    if (!this.running) return;
    this.cancelled = true;
    this.pool.cancelLane('sweep');
  }

  csv(): string {
    return sweepResultsCsv(this.fields, this.points);
  }
}
