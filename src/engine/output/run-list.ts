/**
 * Run list of a sweep: the designs of planSweep, in its order, each with a
 * run id, so a sweep can run anywhere (one process, shards of an array job,
 * a queue) and be joined into the CSV of a local run.
 *
 *   run id    = SHA-256(canonical JSON of the normalised scenario without its
 *               name) → first RUN_ID_CHARS hex digits (FIPS 180-4; the text
 *               is scenario-hash.ts's hashedText, so an id starts with the
 *               design's 8-digit input hash)
 *   list hash = SHA-256(canonical JSON of {format, fields, [id, values] per
 *               run}) → first RUN_ID_CHARS hex digits
 *   shard i/N = runs [start, end) with q = ⌊n/N⌋, r = n mod N,
 *               start = (i−1)·q + min(i−1, r), end = start + q + (i ≤ r ? 1 : 0)
 *               (contiguous, so neighbouring designs, which often differ in a
 *               node field only, share a process and its geometry cache)
 *
 * The name is left out of the id because it changes no output: equal ids mean
 * equal results (scenario-hash.ts), so designs that normalise to the same
 * scenario share one result. The id is a pure function of the inputs (no
 * time, host or path), so it is the same on every machine.
 *
 * 16 hex digits = 64 bits: by the birthday bound P ≈ n²/2^65, a 10 000-run
 * sweep (MAX_SWEEP_DESIGNS) collides with probability ≈ 2.7e-12; the 8-digit
 * input hash would give ≈ 1.2 % (deploy/README.md, "Run ids").
 *
 * Results are stored with KPIs rounded as in the CSV (result.ts roundSig; the
 * rounding is idempotent and JSON numbers round-trip exactly), so a CSV built
 * from stored results has the bytes of sweepCsv on the run's own KPIs.
 * Pure: no I/O (the CLI's store is src/cli/sweep-store.ts).
 */
import { KPI_NAMES, roundedKpis } from './result';
import { sweepCsv, type SweepPlan } from './sweep';
import type { Kpis } from '../run/simulation';
import type { Scenario } from '../input/scenario';
import { canonicalJson, hashedText, sha256Hex } from '../input/scenario-hash';

export const RUN_LIST_FORMAT = 'ocs-sweep-runs/1';
export const RUN_RESULT_FORMAT = 'ocs-sweep-result/1';
/** Hex digits of run ids and list hashes (64 bits; birthday bound in the header). */
export const RUN_ID_CHARS = 16;
/** Largest shard count accepted (one run per shard at the design limit, sweep.ts MAX_SWEEP_DESIGNS). */
export const MAX_SHARDS = 10_000;

export type SweepValue = number | string | boolean;

/** A run as stored in a run list: its position (0-based), id and the varied values. */
export interface RunRef {
  index: number;
  id: string;
  values: SweepValue[];
}

/** A run with its normalised scenario (what a worker simulates). */
export interface SweepRun extends RunRef {
  scenario: Scenario;
}

export interface RunList<R extends RunRef = RunRef> {
  fields: string[];
  runs: R[];
  /** Hash of fields, ids and values: parts of one sweep carry the same hash. */
  hash: string;
}

/** Shard i of N, i from 1. */
export interface Shard {
  index: number;
  count: number;
}

export type RunResult = { id: string; status: 'ok'; kpis: Kpis } | { id: string; status: 'failed'; message: string; inputError: boolean };

export class RunListError extends Error {}

const ID_RE = new RegExp(`^[0-9a-f]{${RUN_ID_CHARS}}$`);

export function isRunId(s: string): boolean {
  return ID_RE.test(s);
}

/** Run id of a normalised scenario (RUN_ID_CHARS lowercase hex digits; the name is left out). */
export async function runId(scenario: Scenario): Promise<string> {
  return (await sha256Hex(hashedText(scenario))).slice(0, RUN_ID_CHARS);
}

async function listHash(fields: readonly string[], runs: readonly RunRef[]): Promise<string> {
  const text = canonicalJson({ format: RUN_LIST_FORMAT, fields, runs: runs.map((r) => [r.id, r.values]) });
  return (await sha256Hex(text)).slice(0, RUN_ID_CHARS);
}

/** The run list of a sweep plan: one run per design, in the plan's order. */
export async function expandRuns(plan: SweepPlan): Promise<RunList<SweepRun>> {
  const runs: SweepRun[] = [];
  for (const [index, d] of plan.designs.entries()) runs.push({ index, id: await runId(d.scenario), values: d.values, scenario: d.scenario });
  return { fields: plan.fields, runs, hash: await listHash(plan.fields, runs) };
}

/** Parses `i/N` (1 ≤ i ≤ N ≤ MAX_SHARDS, integers). */
export function parseShard(text: string): Shard {
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || count > MAX_SHARDS || index < 1 || index > count) throw new RunListError(`expected i/N with 1 ≤ i ≤ N ≤ ${MAX_SHARDS}, got "${text}"`);
  return { index, count };
}

/** Runs [start, end) of shard i/N of n runs (formula in the header; the first n mod N shards hold one run more). */
export function shardRange(runCount: number, shard: Shard): { start: number; end: number } {
  const q = Math.floor(runCount / shard.count);
  const r = runCount % shard.count;
  const start = (shard.index - 1) * q + Math.min(shard.index - 1, r);
  return { start, end: start + q + (shard.index <= r ? 1 : 0) };
}

/** The shard (1-based) of N that holds run `index` (0-based) of `runCount`. */
export function shardOf(index: number, runCount: number, shardCount: number): number {
  const q = Math.floor(runCount / shardCount);
  const r = runCount % shardCount;
  // The first r shards hold q + 1 runs each.
  return index < r * (q + 1) ? Math.floor(index / (q + 1)) + 1 : r + Math.floor((index - r * (q + 1)) / q) + 1;
}

/** `run 4/6 (a=1, b=2; id 0123456789abcdef)`: run numbers count from 1, as the CSV's rows. */
export function describeRun(list: RunList, run: RunRef): string {
  return `run ${run.index + 1}/${list.runs.length} (${list.fields.map((f, k) => `${f}=${String(run.values[k])}`).join(', ')}; id ${run.id})`;
}

/** runs.json: the list (no scenarios: the sweep file holds them), one run per line. */
export function runListJson(list: RunList, shard: Shard | null): string {
  const head = `{"format":${JSON.stringify(RUN_LIST_FORMAT)},"hash":${JSON.stringify(list.hash)},"fields":${JSON.stringify(list.fields)},"shard":${shard ? JSON.stringify({ index: shard.index, count: shard.count }) : 'null'},"runs":[`;
  const lines = list.runs.map((r) => `  ${JSON.stringify({ id: r.id, values: r.values })}`);
  return `${head}\n${lines.join(',\n')}\n]}\n`;
}

function isValue(v: unknown): v is SweepValue {
  return (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'string' || typeof v === 'boolean';
}

/** A JSON object whose "format" is `format` (runs.json, a stored result), or why not. */
function readFormatted(text: string, format: string, what: string): { ok: true; doc: Record<string, unknown> } | { ok: false; message: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `not JSON (${(e as Error).message})` };
  }
  const d = doc as Record<string, unknown> | null;
  if (!d || typeof d !== 'object' || d.format !== format) return { ok: false, message: `not ${what} (format must be "${format}")` };
  return { ok: true, doc: d };
}

/** Reads runs.json back; the stored hash must match its contents. */
export async function parseRunListJson(text: string): Promise<{ ok: true; list: RunList; shard: Shard | null } | { ok: false; message: string }> {
  const read = readFormatted(text, RUN_LIST_FORMAT, 'a run list');
  if (!read.ok) return read;
  const d = read.doc;
  const { fields, runs, hash, shard } = d;
  if (!Array.isArray(fields) || fields.length === 0 || !fields.every((f) => typeof f === 'string')) return { ok: false, message: 'fields: expected field paths' };
  if (!Array.isArray(runs)) return { ok: false, message: 'runs: expected a list' };
  const refs: RunRef[] = [];
  for (const [index, r] of runs.entries()) {
    const o = r as { id?: unknown; values?: unknown } | null;
    if (!o || typeof o.id !== 'string' || !isRunId(o.id) || !Array.isArray(o.values) || o.values.length !== fields.length || !o.values.every(isValue)) {
      return { ok: false, message: `runs[${index}]: expected {"id": <${RUN_ID_CHARS} hex digits>, "values": [${fields.length} values]}` };
    }
    refs.push({ index, id: o.id, values: o.values });
  }
  let parsedShard: Shard | null = null;
  if (shard !== null) {
    const s = shard as { index?: unknown; count?: unknown } | undefined;
    if (!s || typeof s.index !== 'number' || typeof s.count !== 'number') return { ok: false, message: 'shard: expected {"index", "count"} or null' };
    try {
      parsedShard = parseShard(`${s.index}/${s.count}`);
    } catch (e) {
      return { ok: false, message: `shard: ${(e as Error).message}` };
    }
  }
  const expected = await listHash(fields as string[], refs);
  if (hash !== expected) return { ok: false, message: `hash ${String(hash)} does not match the list (${expected}): edited or damaged` };
  return { ok: true, list: { fields: fields as string[], runs: refs, hash: expected }, shard: parsedShard };
}

/** A stored result: one line of JSON, KPIs rounded as in the CSV and in KPI_NAMES order. */
export function runResultJson(r: RunResult): string {
  if (r.status === 'failed') return `${JSON.stringify({ format: RUN_RESULT_FORMAT, id: r.id, status: 'failed', message: r.message, inputError: r.inputError })}\n`;
  return `${JSON.stringify({ format: RUN_RESULT_FORMAT, id: r.id, status: 'ok', kpis: roundedKpis(r.kpis) })}\n`;
}

/** Reads a stored result of run `id`; anything else (damaged, another run, other KPIs) is an error message. */
export function parseRunResult(text: string, id: string): { ok: true; result: RunResult } | { ok: false; message: string } {
  const read = readFormatted(text, RUN_RESULT_FORMAT, 'a run result');
  if (!read.ok) return read;
  const d = read.doc;
  if (d.id !== id) return { ok: false, message: `holds run ${String(d.id)}, not ${id}` };
  if (d.status === 'failed') {
    if (typeof d.message !== 'string' || typeof d.inputError !== 'boolean') return { ok: false, message: 'failed result without message' };
    return { ok: true, result: { id, status: 'failed', message: d.message, inputError: d.inputError } };
  }
  if (d.status !== 'ok') return { ok: false, message: 'status must be "ok" or "failed"' };
  const k = d.kpis as Record<string, unknown> | null;
  if (!k || typeof k !== 'object') return { ok: false, message: 'kpis: missing' };
  const names: readonly string[] = KPI_NAMES;
  for (const name of names) {
    const v = k[name];
    if (v !== null && (typeof v !== 'number' || !Number.isFinite(v))) return { ok: false, message: `kpis.${name}: expected a number or null` };
  }
  const extra = Object.keys(k).find((name) => !names.includes(name));
  if (extra !== undefined) return { ok: false, message: `kpis.${extra}: not a KPI of this version` };
  return { ok: true, result: { id, status: 'ok', kpis: k as unknown as Kpis } };
}

export type MergeOutcome =
  | { ok: true; csv: string }
  | { ok: false; missing: RunRef[]; failed: Array<{ run: RunRef; message: string }> };

/**
 * The sweep CSV from results by run id, rows in the list's order (sweep.ts
 * sweepCsv); when a run has no result or a failed one, the runs instead.
 */
export function mergeRuns(list: RunList, results: ReadonlyMap<string, RunResult>): MergeOutcome {
  const missing: RunRef[] = [];
  const failed: Array<{ run: RunRef; message: string }> = [];
  const rows: Array<{ values: SweepValue[]; kpis: Kpis }> = [];
  for (const run of list.runs) {
    const r = results.get(run.id);
    if (r === undefined) missing.push(run);
    else if (r.status === 'failed') failed.push({ run, message: r.message });
    else rows.push({ values: run.values, kpis: r.kpis });
  }
  if (missing.length || failed.length) return { ok: false, missing, failed };
  return { ok: true, csv: sweepCsv(list.fields, rows) };
}
