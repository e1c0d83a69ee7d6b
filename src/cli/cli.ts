/**
 * The headless CLI (usage in main.ts, its entry). Exit codes: 0 success;
 * 2 invalid input (the message names the field or line); 1 anything else.
 * Progress, warnings and run alerts go to stderr (progress and alerts not
 * with --quiet), the KPI table to stdout.
 *
 * main() is the CLI's engine entry: its first statement installs
 * deterministic Math (src/engine/core/det-math/install.ts), so results are
 * the browser worker's bytes; importing this module changes nothing.
 * satellite.js must have been loaded through the exponent rewrite (main.ts
 * sees to it; under vitest, vite.config.ts), or main() fails with exit code 1.
 */
import { GeometryCache } from '../engine/run/geometry-cache';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { PRESETS, findPreset } from '../engine/input/presets';
import { formatIssue, parseScenario, parseScenarioJson, type Scenario } from '../engine/input/scenario';
import { parseJsonText } from '../engine/input/json-text';
import { buildSatellites, type SatelliteBuild } from '../engine/input/constellation';
import { EPOCH_WARNING_DAYS, epochWarnings, parseOmm, parseTle } from '../engine/input/elements';
import { MS_PER_DAY } from '../engine/core/constants';
import { parseUtcMs } from '../engine/core/time';
import { stepCount } from '../engine/orbit/run-grid';
import { simulate } from '../engine/run/simulation';
import { KPI_NAMES, roundedKpis } from '../engine/output/result';
import { writeResultJson } from '../engine/output/result-json';
import { writeSeriesCsv } from '../engine/output/series-csv';
import { writeJobsCsv, writeWorkloadSeriesCsv } from '../engine/output/workload-csv';
import { EphemerisError } from '../engine/output/ephemeris-states';
import { planOem, writeOem } from '../engine/output/oem';
import { planStk, writeStkEphemeris } from '../engine/output/stk-ephemeris';
import { EVENT_CSV, eventCsvInput, type EventCsvKind } from '../engine/output/event-csv';
import type { ByteWrite } from '../engine/output/byte-writer';
import { defaultWorkerCount, workerDayPool, workerGeometry } from './geometry-pool';
import { MAX_LIFETIME_SATELLITES } from '../engine/run/lifetime-run';
import { planSweep, SweepError } from '../engine/output/sweep';
import { describeRun, expandRuns, mergeRuns, parseShard, RunListError, runListJson, runResultJson, shardOf, shardRange, type RunList, type RunRef, type RunResult, type Shard, type SweepRun } from '../engine/output/run-list';
import { openStore, prepareStore, readRunResult, StoreError, storeDirFor, storedIds, writeFileAtomic, writeRunResult } from './sweep-store';
import { installDeterministicMath } from '../engine/core/det-math/install';
import { parseQueueUrl, QueueUrlError } from './queue-connection';

export class UsageError extends Error {}
export class InputError extends Error {}

interface Args {
  command: 'run' | 'sweep' | 'sweep-merge' | 'worker';
  scenarioPath?: string;
  /** sweep: run only shard i/N (--out is then the part's store); --resume: keep stored results. */
  shard?: Shard;
  resume: boolean;
  /** sweep-merge: the parts (stores). */
  parts: string[];
  /** sweep and worker: the job queue's Redis URL (queue-connection.ts); worker: runs at once, job lock (s). */
  queue?: string;
  concurrency?: number;
  lockSeconds?: number;
  preset?: string;
  out?: string;
  csv?: string;
  /** CCSDS OEM file, its step (s) and satellites (0-based indices; all when absent). */
  oem?: string;
  oemStep?: number;
  oemSatellites?: number[];
  /** STK .e file of one satellite (0-based index, default 0) and its step (s). */
  stk?: string;
  stkSatellite?: number;
  stkStep?: number;
  /** Event tables as CSV. */
  eventsCsv: Partial<Record<EventCsvKind, string>>;
  /** Workload series and batch job tables (output/workload-csv.ts). */
  workloadsCsv?: string;
  jobsCsv?: string;
  listPresets: boolean;
  quiet: boolean;
  help?: boolean;
  /** Geometry threads; undefined = automatic (all cores for large runs). */
  threads?: number;
}

const USAGE = `usage:
  npm run sim -- <scenario.json> --out <result.json> [--csv <series.csv>] [exports] [--threads N]
  npm run sim -- --preset <name> --out <result.json> [--csv <series.csv>] [exports] [--threads N]
  npm run sim -- sweep <sweep.json> --out <results.csv> [--resume] [--threads N]
  npm run sim -- sweep <sweep.json> --shard <i/N> --out <part-i> [--resume] [--threads N]
  npm run sim -- sweep-merge <part>... --out <results.csv>
  npm run sim -- sweep <sweep.json> --queue <redis://host:6379> --out <results.csv> [--resume]
  npm run sim -- worker --queue <redis://host:6379> [--threads N] [--concurrency N] [--lock-seconds S]
  npm run sim -- --list-presets
exports (docs/reference/export-formats.md):
  --oem <file.oem>            CCSDS OEM ephemerides (TEME, km, km/s) of the satellites
    --oem-step <s>            output step, 1 to 86400 s (default 60)
    --oem-satellites <i,j,…>  satellites by 0-based index in input order (default all)
  --stk <file.e>              STK ephemeris (TEMEOfDate, m, m/s) of one satellite
    --stk-satellite <i>       its 0-based index (default 0)
    --stk-step <s>            output step, 1 to 86400 s (default 60)
  --eclipses-csv <file.csv>   eclipse table
  --contacts-csv <file.csv>   contact table (satellite, station, start, end, max elevation)
  --passes-csv <file.csv>     the contacts as pass lists per station (AOS, LOS, duration)
  --workloads-csv <file.csv>  workload series per step (delivered PFLOP/s by type, all-reduce, bisection)
  --jobs-csv <file.csv>       batch jobs (satellite, arrival, stages, completion, outcome)
sweeps (deploy/README.md): results are stored per run as they finish, in <results.csv>.runs/
  or, with --shard, in the directory <part-i>; --resume runs only the runs without a stored
  result (or with a failed one); sweep-merge joins parts (exit 2 naming the runs without a
  result, no CSV written)
job queue (deploy/README.md, "Job queue"): sweep --queue enqueues the runs on Redis and collects
  their results into the same store and CSV; workers (any number, any machine) run them.
  URL redis://[user:password@]host[:port][/db] or rediss:// (TLS); password also from
  OCS_REDIS_PASSWORD, CA file from OCS_REDIS_CA. --concurrency: runs at once per worker (default 1);
  --lock-seconds: job lock, a dead worker's run is re-delivered after it (default 60)`;

/** A value that must be a number in [min, max] (integer when asked). */
function numberArg(flag: string, text: string, min: number, max: number, integer = false): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    throw new UsageError(`${flag} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got "${text}"\n${USAGE}`);
  }
  return v;
}

export function parseArgs(argv: readonly string[]): Args {
  const a: Args = { command: 'run', listPresets: false, quiet: false, eventsCsv: {}, resume: false, parts: [] };
  let first = 0;
  if (argv[0] === 'sweep' || argv[0] === 'sweep-merge' || argv[0] === 'worker') {
    a.command = argv[0];
    first = 1;
  }
  for (let i = first; i < argv.length; i++) {
    const x = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${x} needs a value\n${USAGE}`);
      return v;
    };
    if (x === '--out' || x === '-o') a.out = value();
    else if (x === '--csv') a.csv = value();
    else if (x === '--oem') a.oem = value();
    else if (x === '--oem-step') a.oemStep = numberArg(x, value(), 1, 86_400);
    else if (x === '--oem-satellites') a.oemSatellites = value().split(',').map((t) => numberArg(x, t, 0, 1e9, true));
    else if (x === '--stk') a.stk = value();
    else if (x === '--stk-satellite') a.stkSatellite = numberArg(x, value(), 0, 1e9, true);
    else if (x === '--stk-step') a.stkStep = numberArg(x, value(), 1, 86_400);
    else if (x === '--eclipses-csv') a.eventsCsv.eclipses = value();
    else if (x === '--contacts-csv') a.eventsCsv.contacts = value();
    else if (x === '--passes-csv') a.eventsCsv.passes = value();
    else if (x === '--workloads-csv') a.workloadsCsv = value();
    else if (x === '--jobs-csv') a.jobsCsv = value();
    else if (x === '--preset') a.preset = value();
    else if (x === '--list-presets') a.listPresets = true;
    else if (x === '--quiet' || x === '-q') a.quiet = true;
    else if (x === '--threads') {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 1 || v > 256) throw new UsageError(`--threads must be an integer from 1 to 256\n${USAGE}`);
      a.threads = v;
    }
    else if (x === '--shard') {
      const v = value();
      try {
        a.shard = parseShard(v);
      } catch (e) {
        if (e instanceof RunListError) throw new UsageError(`--shard: ${e.message}\n${USAGE}`);
        throw e;
      }
    }
    else if (x === '--resume') a.resume = true;
    else if (x === '--queue') {
      a.queue = value();
      try {
        parseQueueUrl(a.queue);
      } catch (e) {
        if (e instanceof QueueUrlError) throw new UsageError(`${e.message}\n${USAGE}`);
        throw e;
      }
    }
    else if (x === '--concurrency') a.concurrency = numberArg(x, value(), 1, 64, true);
    else if (x === '--lock-seconds') a.lockSeconds = numberArg(x, value(), 1, 86_400);
    else if (x === '--help' || x === '-h') a.help = true;
    else if (x.startsWith('-')) throw new UsageError(`unknown option ${x}\n${USAGE}`);
    else if (a.command === 'sweep-merge') a.parts.push(x);
    else if (a.scenarioPath === undefined) a.scenarioPath = x;
    else throw new UsageError(`unexpected argument ${x}\n${USAGE}`);
  }
  if ((a.oemStep !== undefined || a.oemSatellites !== undefined) && a.oem === undefined) throw new UsageError(`--oem-step and --oem-satellites need --oem <file>\n${USAGE}`);
  if ((a.stkStep !== undefined || a.stkSatellite !== undefined) && a.stk === undefined) throw new UsageError(`--stk-step and --stk-satellite need --stk <file>\n${USAGE}`);
  if ((a.shard !== undefined || a.resume) && a.command !== 'sweep') throw new UsageError(`--shard and --resume apply to sweep only\n${USAGE}`);
  if (a.queue !== undefined && a.command !== 'sweep' && a.command !== 'worker') throw new UsageError(`--queue applies to sweep and worker only\n${USAGE}`);
  if (a.queue !== undefined && a.shard !== undefined) throw new UsageError(`--queue and --shard exclude each other (the queue shares the runs out itself)\n${USAGE}`);
  if ((a.concurrency !== undefined || a.lockSeconds !== undefined) && a.command !== 'worker') throw new UsageError(`--concurrency and --lock-seconds apply to worker only\n${USAGE}`);
  if (a.command === 'worker' && (a.queue === undefined || a.scenarioPath !== undefined || a.out !== undefined)) throw new UsageError(`worker needs --queue <url> and takes no files\n${USAGE}`);
  return a;
}

function loadScenario(a: Args): Scenario {
  if (a.preset !== undefined) {
    const p = findPreset(a.preset);
    if (!p) throw new InputError(`unknown preset "${a.preset}"; available: ${PRESETS.map((x) => x.name).join(', ')}`);
    const r = parseScenario(p.scenario);
    if (!r.ok) throw new Error(`preset ${p.name} is invalid: ${r.issues.map(formatIssue).join('; ')}`);
    return r.scenario;
  }
  if (a.scenarioPath === undefined) throw new UsageError(`no scenario given\n${USAGE}`);
  let text: string;
  try {
    text = readFileSync(a.scenarioPath, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${a.scenarioPath}: ${(e as Error).message}`);
  }
  const r = parseScenarioJson(text);
  if (!r.ok) throw new InputError(`${a.scenarioPath}: invalid scenario\n${r.issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`);
  return r.scenario;
}

/** Opens an output file before the run, so an unwritable path fails at once (exit 1). */
function openOutput(path: string): number {
  try {
    return openSync(path, 'w');
  } catch (e) {
    throw new Error(`cannot write ${path}: ${(e as Error).message}`);
  }
}

/** Writes a file chunk by chunk (results of year-long runs do not fit in one string), then closes it. */
function writeStreamed(fd: number, produce: (write: ByteWrite) => void): void {
  try {
    produce(fdWriter(fd));
  } finally {
    closeSync(fd);
  }
}

/** writeStreamed for a producer that propagates first (the ephemeris writers). */
async function writeStreamedAsync(fd: number, produce: (write: ByteWrite) => Promise<unknown>): Promise<void> {
  try {
    await produce(fdWriter(fd));
  } finally {
    closeSync(fd);
  }
}

function fdWriter(fd: number): ByteWrite {
  return (bytes) => {
    // writeSync may write less than asked for; go on from where it stopped.
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
  };
}

/** An ephemeris request the scenario cannot serve (index out of range, file too large) is an input error (exit 2). */
function ephemerisInput<T>(flag: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof EphemerisError) throw new InputError(`${flag}: ${e.message}`);
    throw e;
  }
}

const NEWLINE = new Uint8Array([0x0a]);

/**
 * Warnings for loaded element sets whose epoch is more than EPOCH_WARNING_DAYS
 * from the start, naming their line or record. The sets are parsed again only
 * when some satellite is that far off (the build does not keep line numbers).
 */
function epochWarningMessages(scenario: Scenario, build: SatelliteBuild): string[] {
  const c = scenario.constellation;
  if (c.type !== 'tle' && c.type !== 'omm') return [];
  const startMs = parseUtcMs(scenario.startUtc);
  if (!build.satellites.some((s) => Math.abs(s.epochMs - startMs) > EPOCH_WARNING_DAYS * MS_PER_DAY)) return [];
  const parsed = c.type === 'tle' ? parseTle(c.text) : parseOmm(c.records);
  return epochWarnings(parsed.records, startMs).map((w) => w.message);
}

/** Why a scenario has no satellites, naming the field that holds its element sets. */
function noSatellitesMessage(scenario: Scenario, build: SatelliteBuild): string {
  const c = scenario.constellation;
  const field = c.type === 'tle' ? 'constellation.text' : c.type === 'omm' ? 'constellation.records' : 'constellation';
  const skipped = build.errors.length ? ` (${build.errors.length} problem${build.errors.length === 1 ? '' : 's'} reported above)` : '';
  return `no valid satellites in the scenario — ${field}: no loadable element set${skipped}`;
}

function formatNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) return x.toExponential(3);
  return x.toFixed(abs >= 100 ? 1 : 4);
}

export interface CliIo {
  out: { write(text: string): unknown };
  err: { write(text: string): unknown };
}

export async function main(argv: readonly string[], io: CliIo = { out: process.stdout, err: process.stderr }): Promise<number> {
  try {
    installDeterministicMath();
    const a = parseArgs(argv);
    if (a.help) {
      io.out.write(`${USAGE}\n`);
      return 0;
    }
    if (a.listPresets) {
      for (const p of PRESETS) io.out.write(`${p.name.padEnd(24)} ${p.title}\n`);
      return 0;
    }
    if (a.command === 'sweep') return await runSweep(a, io);
    if (a.command === 'sweep-merge') return await runSweepMerge(a, io);
    if (a.command === 'worker') return await runWorker(a, io);
    if (!a.out) throw new UsageError(`--out <result.json> is required\n${USAGE}`);
    const scenario = loadScenario(a);
    const build = buildSatellites(scenario);
    for (const e of build.errors) io.err.write(`warning: skipped element set: ${e.message}\n`);
    if (build.satellites.length === 0) throw new InputError(noSatellitesMessage(scenario, build));
    for (const w of epochWarningMessages(scenario, build)) io.err.write(`warning: ${w}\n`);
    // Ephemeris requests are checked (indices, size) before anything runs or is written. The
    // ephemerides propagate element sets of their own (the run's are not touched, and the
    // browser's export, which does not run the scenario, propagates the same fresh ones).
    const oemOptions = { stepSeconds: a.oemStep, satellites: a.oemSatellites };
    const ephemerisSatellites = a.oem !== undefined || a.stk !== undefined ? buildSatellites(scenario).satellites : [];
    if (a.oem !== undefined) ephemerisInput('--oem', () => planOem(scenario, ephemerisSatellites, oemOptions));
    if (a.stk !== undefined) ephemerisInput('--stk', () => planStk(scenario, ephemerisSatellites, a.stkSatellite ?? 0, { stepSeconds: a.stkStep }));
    const outFd = openOutput(a.out);
    const csvFd = a.csv ? openOutput(a.csv) : undefined;
    const oemFd = a.oem !== undefined ? openOutput(a.oem) : undefined;
    const stkFd = a.stk !== undefined ? openOutput(a.stk) : undefined;
    const workloadsFd = a.workloadsCsv !== undefined ? openOutput(a.workloadsCsv) : undefined;
    const jobsFd = a.jobsCsv !== undefined ? openOutput(a.jobsCsv) : undefined;
    const eventFds = (Object.entries(a.eventsCsv) as Array<[EventCsvKind, string]>).map(([kind, path]) => [kind, openOutput(path)] as const);
    const t0 = performance.now();
    let lastReport = t0;
    const satSteps = build.satellites.length * stepCount(scenario);
    // Worker start-up costs ≈0.3 s; only large runs gain from the pool.
    const threads = a.threads ?? (satSteps > 2_000_000 ? defaultWorkerCount() : 1);
    // The lifetime's sampled days (≈ 200 satellites × 48 days) share the cores when there is enough of them.
    const dayWork = scenario.lifetime.enabled ? Math.min(build.satellites.length, MAX_LIFETIME_SATELLITES) * scenario.lifetime.sampleDays * 2 * 1440 : 0;
    const lifetimeWorkers = workerDayPool(a.threads ?? (dayWork > 2_000_000 ? defaultWorkerCount() : 1));
    const output = await simulate(scenario, build.satellites, build.errors, {
      geometry: threads > 1 ? workerGeometry(threads) : undefined,
      lifetimeWorkers: lifetimeWorkers ?? undefined,
      progress: (f) => {
        const now = performance.now();
        if (!a.quiet && now - lastReport > 1000) {
          io.err.write(`progress ${(f * 100).toFixed(0)}% (${((now - t0) / 1000).toFixed(1)} s)\n`);
          lastReport = now;
        }
      },
    }).finally(() => lifetimeWorkers?.dispose());
    for (const w of output.warnings) io.err.write(`warning: ${w.path}: ${w.message}\n`);
    // Run alerts (engine run/run-alerts.ts), one line each: severity, title, code.
    if (!a.quiet) for (const x of output.alerts) io.err.write(`alert (${x.severity}): ${x.title} [${x.code}]\n`);
    const simulatedMs = performance.now();
    writeStreamed(outFd, (w) => {
      writeResultJson(output, w);
      w(NEWLINE);
    });
    if (csvFd !== undefined) writeStreamed(csvFd, (w) => writeSeriesCsv(output, w));
    if (workloadsFd !== undefined) writeStreamed(workloadsFd, (w) => writeWorkloadSeriesCsv(output, w));
    if (jobsFd !== undefined) writeStreamed(jobsFd, (w) => writeJobsCsv(output, w));
    if (eventFds.length) {
      const events = eventCsvInput(output);
      for (const [kind, fd] of eventFds) writeStreamed(fd, (w) => EVENT_CSV[kind](events, w));
    }
    if (oemFd !== undefined) await writeStreamedAsync(oemFd, (w) => writeOem(scenario, ephemerisSatellites, w, oemOptions));
    if (stkFd !== undefined) await writeStreamedAsync(stkFd, (w) => writeStkEphemeris(scenario, ephemerisSatellites, a.stkSatellite ?? 0, w, { stepSeconds: a.stkStep }));
    const kpis = roundedKpis(output.kpis);
    io.out.write(`${scenario.name}: ${output.satellites.length} satellites, ${output.series.timeMs.length} steps, ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    for (const k of KPI_NAMES) io.out.write(`  ${k.padEnd(40)} ${kpis[k] === null ? '—' : formatNumber(kpis[k])}\n`);
    // Resource figures for benchmarks (process-wide, worker threads included).
    if (process.env.OCS_STATS) {
      const wallS = (performance.now() - t0) / 1000;
      io.err.write(`stats: wallSeconds=${wallS.toFixed(1)} peakRssMiB=${(process.resourceUsage().maxRSS / 1024).toFixed(0)} simulateSeconds=${((simulatedMs - t0) / 1000).toFixed(1)}\n`);
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError) {
      io.err.write(`error: ${e.message}\n`);
      return 2;
    }
    io.err.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.OCS_DEBUG && e instanceof Error && e.stack) io.err.write(`${e.stack}\n`);
    return 1;
  }
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${path}: ${(e as Error).message}`);
  }
  const r = parseJsonText(text);
  if (!r.ok) throw new InputError(`${path}: ${r.issues.map(formatIssue).join('; ')}`);
  return r.value;
}

/** StoreError (not a store, damaged run list) is an input problem: exit 2. */
async function storeCall<T>(f: () => T | Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof StoreError) throw new InputError(e.message);
    throw e;
  }
}

function writeCsvAtomic(path: string, csv: string): void {
  try {
    writeFileAtomic(path, csv);
  } catch (e) {
    throw new Error(`cannot write ${path}: ${(e as Error).message}`);
  }
}

/**
 * Simulates one run of a sweep (deterministic Math must be installed, as
 * main() does). Never throws: a failure is a failed result (inputError when
 * the scenario has no satellites). Build warnings (skipped element sets, old
 * epochs) go to `warn`. Runs in one process may share a geometry cache.
 */
export async function executeSweepRun(run: SweepRun, opts: { geometryCache?: GeometryCache; threads?: number; warn?: (message: string) => void } = {}): Promise<RunResult> {
  try {
    const build = buildSatellites(run.scenario);
    for (const m of [...build.errors.map((e) => `skipped element set: ${e.message}`), ...epochWarningMessages(run.scenario, build)]) opts.warn?.(m);
    if (build.satellites.length === 0) return { id: run.id, status: 'failed', message: noSatellitesMessage(run.scenario, build), inputError: true };
    const threads = opts.threads ?? defaultWorkerCount();
    const out = await simulate(run.scenario, build.satellites, build.errors, {
      geometryCache: opts.geometryCache,
      geometry: threads > 1 && build.satellites.length > 200 ? workerGeometry(threads) : undefined,
    });
    return { id: run.id, status: 'ok', kpis: out.kpis };
  } catch (e) {
    return { id: run.id, status: 'failed', message: e instanceof Error ? e.message : String(e), inputError: false };
  }
}

/** Test hook: OCS_SWEEP_STOP_AFTER=k stops a sweep after k simulated runs, as a kill would (their results stored, no CSV; exit 1). */
function stopAfterRuns(): number | undefined {
  const v = process.env.OCS_SWEEP_STOP_AFTER;
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

/** Names the runs without a result (missing or failed), with the shard that holds each when known. */
function reportIncomplete(list: RunList, missing: readonly RunRef[], failed: ReadonlyArray<{ run: RunRef; message: string }>, io: CliIo, where: (index: number) => string): void {
  io.err.write(`error: ${missing.length + failed.length} of ${list.runs.length} runs have no result; no CSV written\n`);
  const rows = [...missing.map((run) => ({ run, text: 'missing' })), ...failed.map((f) => ({ run: f.run, text: `failed: ${f.message}` }))].sort((x, y) => x.run.index - y.run.index);
  for (const { run, text } of rows) io.err.write(`  ${describeRun(list, run)}: ${text}${where(run.index)}\n`);
}

async function runSweep(a: Args, io: CliIo): Promise<number> {
  if (a.scenarioPath === undefined) throw new UsageError(`no sweep file given\n${USAGE}`);
  if (!a.out) throw new UsageError(`--out <${a.shard ? 'part directory' : 'results.csv'}> is required\n${USAGE}`);
  let plan;
  try {
    plan = planSweep(readJson(a.scenarioPath));
  } catch (e) {
    if (e instanceof SweepError) throw new InputError(`${a.scenarioPath}: invalid sweep\n${e.message}`);
    throw e;
  }
  const list = await expandRuns(plan);
  const storeDir = a.shard ? a.out : storeDirFor(a.out);
  const { start, end } = a.shard ? shardRange(list.runs.length, a.shard) : { start: 0, end: list.runs.length };
  const slice = list.runs.slice(start, end);
  const sliceIds = [...new Set(slice.map((r) => r.id))];
  for (const n of await storeCall(() => prepareStore(storeDir, list, runListJson(list, a.shard ?? null), a.resume, sliceIds))) io.err.write(`note: ${n}\n`);
  // One simulation per id (equal ids have equal results); with --resume only ids without a result or with a failed one.
  const todo: SweepRun[] = [];
  const seen = new Set<string>();
  for (const run of slice) {
    if (seen.has(run.id)) continue;
    seen.add(run.id);
    if (a.resume) {
      const r = readRunResult(storeDir, run.id);
      if (r.warning) io.err.write(`warning: ${r.warning}; ${describeRun(list, run)} runs again\n`);
      if (r.result?.status === 'ok') continue;
    }
    todo.push(run);
  }
  const stopAfter = stopAfterRuns();
  const warned = new Set<string>();
  const warn = (m: string): void => {
    if (!warned.has(m)) io.err.write(`warning: ${m}\n`);
    warned.add(m);
  };
  const t0 = performance.now();
  // Points that differ only in node fields share their geometry (engine run/geometry-cache.ts; same bytes).
  const geometryCache = new GeometryCache();
  const failed: Array<{ run: SweepRun; message: string; inputError: boolean }> = [];
  let simulated = 0;
  const record = (run: SweepRun, result: RunResult): void => {
    writeRunResult(storeDir, result);
    simulated++;
    if (result.status === 'failed') failed.push({ run, message: result.message, inputError: result.inputError });
    if (!a.quiet) io.err.write(`${describeRun(list, run)} ${result.status === 'ok' ? 'done' : 'failed'}, ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  };
  if (a.queue !== undefined) {
    // The runs go to the job queue's workers (queue-producer.ts); results are stored as they arrive.
    const { runOnQueue } = await import('./queue-producer');
    await runOnQueue({ url: a.queue, listHash: list.hash, runs: todo, onResult: record, warn, note: (m) => void (a.quiet || io.err.write(`note: ${m}\n`)) });
  } else {
    for (const run of todo) {
      if (stopAfter !== undefined && simulated >= stopAfter) {
        io.err.write(`stopped after ${simulated} runs (OCS_SWEEP_STOP_AFTER); their results are stored, --resume runs the rest\n`);
        return 1;
      }
      record(run, await executeSweepRun(run, { geometryCache, threads: a.threads, warn }));
    }
  }
  const counts = `${simulated} simulated, ${slice.length - simulated} taken from the store ${storeDir}`;
  if (failed.length) {
    for (const f of failed) io.err.write(`error: design ${f.run.index + 1}: ${f.message} — ${describeRun(list, f.run)}\n`);
    io.err.write(`error: ${failed.length} run${failed.length === 1 ? '' : 's'} failed (stored as failed: --resume runs them again)${a.shard ? '' : '; no CSV written'}\n`);
    return failed.some((f) => f.inputError) ? 2 : 1;
  }
  if (a.shard) {
    io.out.write(`shard ${a.shard.index}/${a.shard.count}: runs ${start + 1}–${end} of ${list.runs.length} (${counts}) → ${storeDir}\n`);
    return 0;
  }
  // The CSV is built from the stored results, as sweep-merge builds it.
  const results = new Map<string, RunResult>();
  for (const id of sliceIds) {
    const r = readRunResult(storeDir, id);
    if (r.warning) io.err.write(`warning: ${r.warning}\n`);
    if (r.result) results.set(id, r.result);
  }
  const merged = mergeRuns(list, results);
  if (!merged.ok) {
    reportIncomplete(list, merged.missing, merged.failed, io, () => '');
    return 1;
  }
  writeCsvAtomic(a.out, merged.csv);
  io.out.write(`${list.runs.length} designs → ${a.out} (${counts})\n`);
  return 0;
}

/** worker: serves the job queue (queue-worker.ts) until SIGTERM/SIGINT. */
async function runWorker(a: Args, io: CliIo): Promise<number> {
  const { runQueueWorker, DEFAULT_LOCK_SECONDS, DEFAULT_POLL_SECONDS } = await import('./queue-worker');
  await runQueueWorker({
    url: a.queue as string,
    threads: a.threads,
    concurrency: a.concurrency ?? 1,
    lockSeconds: a.lockSeconds ?? DEFAULT_LOCK_SECONDS,
    pollSeconds: DEFAULT_POLL_SECONDS,
    quiet: a.quiet,
    log: (m) => io.err.write(`${m}\n`),
    warn: (m) => io.err.write(`warning: ${m}\n`),
    execute: executeSweepRun,
  });
  return 0;
}

/** sweep-merge: joins the results of parts of one run list into the sweep CSV; exit 2 naming the runs without a result. */
async function runSweepMerge(a: Args, io: CliIo): Promise<number> {
  if (a.parts.length === 0) throw new UsageError(`sweep-merge needs the parts (the --out of each sweep --shard)\n${USAGE}`);
  if (!a.out) throw new UsageError(`--out <results.csv> is required\n${USAGE}`);
  const stores = [];
  for (const p of a.parts) stores.push(await storeCall(() => openStore(p)));
  const { list } = stores[0];
  for (const s of stores.slice(1)) {
    if (s.list.hash !== list.hash) throw new InputError(`${s.dir}: from another run list (hash ${s.list.hash}; ${stores[0].dir} has ${list.hash}): parts must come from one sweep file`);
  }
  // Results by run id from every part (a result is valid for any run with its id); parts must agree.
  const ids = new Set(list.runs.map((r) => r.id));
  const results = new Map<string, RunResult>();
  const source = new Map<string, string>();
  for (const s of stores) {
    for (const id of storedIds(s.dir)) {
      if (!ids.has(id)) continue;
      const r = readRunResult(s.dir, id);
      if (r.warning) io.err.write(`warning: ${r.warning}; treated as missing\n`);
      if (!r.result) continue;
      const prev = results.get(id);
      if (prev === undefined || (prev.status === 'failed' && r.result.status === 'ok')) {
        results.set(id, r.result);
        source.set(id, s.dir);
      } else if (prev.status === 'ok' && r.result.status === 'ok' && runResultJson(prev) !== runResultJson(r.result)) {
        throw new Error(`run ${id}: ${source.get(id)} and ${s.dir} hold different results (parts from different program versions?)`);
      }
    }
  }
  const merged = mergeRuns(list, results);
  if (!merged.ok) {
    // Which shard holds a run, when the parts agree on the shard count.
    const shardCounts = new Set(stores.map((s) => s.shard?.count ?? 0));
    const count = shardCounts.size === 1 ? [...shardCounts][0] : 0;
    const given = new Set(stores.map((s) => s.shard?.index));
    reportIncomplete(list, merged.missing, merged.failed, io, (index) => {
      if (count === 0) return '';
      const i = shardOf(index, list.runs.length, count);
      return given.has(i) ? ` (shard ${i}/${count})` : ` (shard ${i}/${count}: no part of it given)`;
    });
    io.err.write('run those shards again with --resume (only runs without a result run), then sweep-merge again\n');
    return 2;
  }
  writeCsvAtomic(a.out, merged.csv);
  io.out.write(`${list.runs.length} designs from ${stores.length} part${stores.length === 1 ? '' : 's'} → ${a.out}\n`);
  return 0;
}
