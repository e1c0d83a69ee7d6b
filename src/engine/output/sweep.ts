/**
 * Parameter sweeps: a base scenario and one or two scenario fields, each with
 * a list of values; every combination is a design. Field paths use the
 * scenario's JSON path syntax (`constellation.altitudeKm`,
 * `groundStations[0].downlinkGbps`).
 */
import { z } from 'zod';
import { KPI_NAMES, roundSig } from './result';
import type { Kpis } from '../run/simulation';
import { formatIssue, formatPath, parseScenario, type Scenario } from '../input/scenario';

export const MAX_SWEEP_DESIGNS = 10_000;

const valueSchema = z.union([z.number(), z.string().max(1000), z.boolean()], {
  error: (iss) => (iss.code === 'invalid_union' ? 'expected a finite number, a string or a boolean' : undefined),
});

export const sweepSchema = z.strictObject({
  base: z.unknown().refine((v) => v !== undefined, { error: 'required' }),
  vary: z
    .array(
      z.strictObject({
        // Array indices up to 6 digits: a huge index would make setPath build a huge sparse array.
        field: z.string().min(1).max(200).regex(/^[A-Za-z]\w*(\.[A-Za-z]\w*|\[\d{1,6}\])*$/, { error: 'expected a field path such as constellation.altitudeKm' }),
        values: z.array(valueSchema).min(1).max(MAX_SWEEP_DESIGNS),
      }),
    )
    .min(1, { error: 'vary one or two fields' })
    .max(2, { error: 'vary one or two fields' }),
});

export interface SweepDesign {
  /** Values of the varied fields, in `vary` order. */
  values: Array<number | string | boolean>;
  scenario: Scenario;
}

export interface SweepPlan {
  fields: string[];
  designs: SweepDesign[];
}

export class SweepError extends Error {}

/** Splits `a.b[2].c` into ['a', 'b', 2, 'c']. */
export function splitPath(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const m of path.matchAll(/([A-Za-z]\w*)|\[(\d+)\]/g)) out.push(m[1] !== undefined ? m[1] : Number(m[2]));
  return out;
}

/** Returns a deep copy of `obj` with `path` set to `value` (intermediate objects created). */
export function setPath(obj: unknown, path: string, value: unknown): unknown {
  const root: unknown = structuredClone(obj);
  const keys = splitPath(path);
  let cur = root as Record<string | number, unknown>;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i];
    if (cur[k] === undefined || cur[k] === null || typeof cur[k] !== 'object') cur[k] = typeof keys[i + 1] === 'number' ? [] : {};
    cur = cur[k] as Record<string | number, unknown>;
  }
  cur[keys[keys.length - 1]] = value;
  return root;
}

/** Validates a sweep file and expands it into designs; errors name the design and field. */
export function planSweep(input: unknown): SweepPlan {
  const r = sweepSchema.safeParse(input);
  if (!r.success) {
    const messages = r.error.issues.flatMap((i) =>
      i.code === 'unrecognized_keys' ? i.keys.map((k) => `${formatPath([...i.path, k])}: unknown field`) : [`${formatPath(i.path) || '(root)'}: ${i.message}`],
    );
    throw new SweepError(messages.join('\n'));
  }
  const { base, vary } = r.data;
  const count = vary.reduce((n, v) => n * v.values.length, 1);
  if (count > MAX_SWEEP_DESIGNS) throw new SweepError(`${count} designs exceed the limit of ${MAX_SWEEP_DESIGNS}`);
  const baseCheck = parseScenario(base);
  if (!baseCheck.ok) throw new SweepError(`base: ${baseCheck.issues.map(formatIssue).join('; ')}`);
  const combos: Array<Array<number | string | boolean>> = vary.length === 1 ? vary[0].values.map((a) => [a]) : vary[0].values.flatMap((a) => vary[1].values.map((b) => [a, b]));
  const designs: SweepDesign[] = [];
  const problems: string[] = [];
  for (const values of combos) {
    let s: unknown = base;
    values.forEach((v, k) => {
      s = setPath(s, vary[k].field, v);
    });
    const p = parseScenario(s);
    const label = vary.map((v, k) => `${v.field}=${String(values[k])}`).join(', ');
    if (!p.ok) problems.push(`design ${label}: ${p.issues.map(formatIssue).join('; ')}`);
    else designs.push({ values, scenario: p.scenario });
  }
  if (problems.length) throw new SweepError(problems.join('\n'));
  return { fields: vary.map((v) => v.field), designs };
}

function csvCell(v: number | string | boolean): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV: header = varied field paths then every KPI name; one row per design. */
export function sweepCsv(fields: readonly string[], rows: ReadonlyArray<{ values: ReadonlyArray<number | string | boolean>; kpis: Kpis }>): string {
  const lines = [[...fields, ...KPI_NAMES].map(csvCell).join(',')];
  for (const r of rows) lines.push([...r.values.map(csvCell), ...KPI_NAMES.map((k) => (r.kpis[k] === null ? '' : String(roundSig(r.kpis[k]))))].join(','));
  return `${lines.join('\n')}\n`;
}
