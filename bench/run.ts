/**
 * Benchmarks (`npm run bench`). Figures are reported as ratios against a
 * baseline measured in the same run, never as pass/fail timings.
 *
 * 1. Engine throughput: the full engine (all models, 5 ground stations,
 *    events) over 1,000 satellites × 1 day at 10 s, in satellite-steps per
 *    second, against a plain single-thread loop of satellite.js `propagate` +
 *    `sunPos` + `shadowFraction` over the same satellites and times, and
 *    against a stronger variant computing the Sun once per step.
 * 2. Browser main-thread frame times (bench/browser.ts), when available.
 *
 * 3. A year-long CLI run of 1,000 satellites at 60 s: wall time and peak memory.
 * 4. Re-analysis after a node edit (geometry cache, bench/reanalysis.ts) vs a
 *    full analysis, 1,000 and 10,000 satellites, with peak memory.
 * 5. The CLI as a whole process (start-up included) on the engine case of 1,
 *    against the same one-thread baseline loop; `--list-presets` start-up;
 *    a 1,000-satellite design with its lifetime analysis through the CLI.
 *
 * 6. The job queue (bench/queue.ts): a 40-run sweep through Redis with two
 *    worker processes against one (ratio), not with --quick.
 * 7. Workloads: the broadband shell's day with training, inference and batch
 *    against the same run without them (ratio).
 *
 * Flags: --quick (fewer satellites, no year-long run), --no-year, --no-browser.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jday, propagate, shadowFraction, sunPos } from 'satellite.js';
import { buildSatellites } from '../src/engine/input/constellation';
import { findPreset, GROUND_NETWORK } from '../src/engine/input/presets';
import { normaliseScenario } from '../src/engine/input/scenario';
import { simulate, simulateScenario } from '../src/engine/run/simulation';
import { parseUtcMs } from '../src/engine/core/time';
import { stepCount } from '../src/engine/orbit/run-grid';
import { defaultWorkerCount, workerGeometry } from '../src/cli/geometry-pool';
import { queueBench } from './queue';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const planes = quick ? 10 : 40;
const perPlane = 25;
const durationHours = quick ? 6 : 24;

const scenario = normaliseScenario({
  name: 'bench',
  startUtc: '2026-06-21T00:00:00Z',
  durationHours,
  stepSeconds: 10,
  constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes, satellitesPerPlane: perPlane, phasing: 1 },
  groundStations: GROUND_NETWORK,
  // The run window only (comparable with the baseline loop); the lifetime analysis is timed on its own below.
  lifetime: { enabled: false },
});
const { satellites } = buildSatellites(scenario);
const N = satellites.length;
const startMs = parseUtcMs(scenario.startUtc);
const K = stepCount(scenario);
const satSteps = N * K;

/**
 * The baseline of the issue: a plain loop calling satellite.js `propagate`,
 * `sunPos` and `shadowFraction` for every satellite at every step. With
 * `hoistSun`, the Sun is computed once per step (a stronger baseline, also printed).
 */
function baselineLoop(hoistSun: boolean): number {
  const t0 = performance.now();
  let acc = 0;
  const date = new Date(0);
  for (let k = 0; k < K; k++) {
    date.setTime(startMs + k * 10_000);
    const jd = jday(date);
    const stepSun = hoistSun ? sunPos(jd).rsun : undefined;
    for (let i = 0; i < N; i++) {
      const pv = propagate(satellites[i].satrec, date);
      const sun = stepSun ?? sunPos(jd).rsun;
      if (pv) acc += shadowFraction(sun, pv.position);
    }
  }
  if (!Number.isFinite(acc)) throw new Error('baseline produced non-finite values');
  return performance.now() - t0;
}

async function engineRun(threads = 0): Promise<{ ms: number; eclipses: number; contacts: number }> {
  const t0 = performance.now();
  const out = await simulate(scenario, satellites, [], { yieldEveryMs: 1000, geometry: threads > 0 ? workerGeometry(threads) : undefined });
  return { ms: performance.now() - t0, eclipses: out.events.eclipseSat.length, contacts: out.events.contactSat.length };
}

function fmt(x: number): string {
  return x >= 1e5 ? x.toExponential(3) : x.toFixed(1);
}

/**
 * Target: a 1-year analysis of 1,000 satellites at 60 s steps (5 ground
 * stations, events, result JSON written) through the CLI, all cores; prints
 * wall time and the process's peak resident memory.
 */
function yearLongRun(): void {
  const dir = mkdtempSync(join(tmpdir(), 'ocs-bench-'));
  const file = join(dir, 'year.json');
  writeFileSync(file, JSON.stringify({ ...scenario, name: 'bench year', durationHours: 8760, stepSeconds: 60 }));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...cliCommand(), file, '--out', join(dir, 'result.json'), '--quiet'], {
    env: { ...process.env, OCS_STATS: '1' },
    encoding: 'utf8',
  });
  const wallS = (performance.now() - t0) / 1000;
  const stats = /stats: wallSeconds=([\d.]+) peakRssMiB=(\d+) simulateSeconds=([\d.]+)/.exec(r.stderr ?? '');
  console.log(`year-long run: ${N} satellites × 1 year at 60 s (${((N * 525_600) / 1e6).toFixed(0)}M satellite-steps), CLI, all cores`);
  if (r.status !== 0 || !stats) {
    console.log(`  failed (exit ${r.status}): ${(r.stderr ?? '').slice(-500)}`);
    return;
  }
  console.log(`  wall time ${wallS.toFixed(1)} s (process; simulation ${stats[3]} s + writing the result JSON = ${stats[1]} s); peak RSS ${stats[2]} MiB (targets: < 120 s, < 1024 MiB)`);
  rmSync(dir, { recursive: true, force: true });
}

/** The CLI command line: the prebuilt-bundle launcher when present, else tsx. */
function cliCommand(): string[] {
  return existsSync('scripts/sim.mjs') ? ['scripts/sim.mjs'] : ['--import', 'tsx', 'src/cli/main.ts'];
}

/** Wall seconds of one CLI process. */
function timedCli(argv: string[]): { s: number; ok: boolean; stderr: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...cliCommand(), ...argv], { encoding: 'utf8' });
  return { s: (performance.now() - t0) / 1000, ok: r.status === 0, stderr: r.stderr ?? '' };
}

/** The whole CLI process on the engine case (1,000 satellites × 1 day at 10 s, 5 stations) against the baseline loop. */
function cliWholeProcess(baseMs: number, engineMs: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'ocs-bench-cli-'));
  const file = join(dir, 'engine.json');
  writeFileSync(file, JSON.stringify(scenario));
  timedCli(['--list-presets']); // builds the bundle if the sources changed
  const list = Math.min(...[0, 1, 2].map(() => timedCli(['--list-presets']).s));
  const runs = [0, 1].map(() => timedCli([file, '--out', join(dir, 'result.json'), '--quiet']));
  const best = Math.min(...runs.map((r) => r.s));
  console.log(`CLI as a whole process (${cliCommand()[0]}), start-up included`);
  if (!runs.every((r) => r.ok)) console.log(`  failed: ${runs.map((r) => r.stderr.slice(-300)).join(' | ')}`);
  console.log(`  --list-presets: ${list.toFixed(2)} s (target < 0.3 s)`);
  console.log(`  ${N} satellites × ${K} steps: ${best.toFixed(2)} s (the engine in-process, one thread: ${(engineMs / 1000).toFixed(2)} s)`);
  console.log(`  ratio CLI process / single-thread baseline loop: ${(baseMs / 1000 / best).toFixed(2)}× (target ≥ 5×)`);
  rmSync(dir, { recursive: true, force: true });
}

/** Node edit vs full analysis of the app's generated design of n satellites (child process: its own peak memory). */
function reanalysis(n: number): void {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/reanalysis.ts', String(n)], { encoding: 'utf8' });
  const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  console.log(`re-analysis after a node edit, ${n} satellites (the app's ?n=${n} design: 1 day at 60 s, 8 stations, lifetime analysis), all cores`);
  if (r.status !== 0 || !line.startsWith('{')) {
    console.log(`  failed (exit ${r.status}): ${(r.stderr ?? '').slice(-500)}`);
    return;
  }
  const x = JSON.parse(line) as { fullMs: number; nodeEditMs: number; cacheMiB: number; peakRssMiB: number };
  console.log(`  full analysis ${(x.fullMs / 1000).toFixed(2)} s, node edit (geometry reused) ${(x.nodeEditMs / 1000).toFixed(2)} s: ${(x.fullMs / x.nodeEditMs).toFixed(2)}× faster (target ≥ 5×)`);
  console.log(`  geometry cache ${x.cacheMiB.toFixed(0)} MiB (budget 256 MiB); peak RSS ${x.peakRssMiB.toFixed(0)} MiB`);
}

/** A 1,000-satellite design with its lifetime, mass and cost analysis through the CLI (target < 60 s). */
function lifetimeCli(): void {
  const dir = mkdtempSync(join(tmpdir(), 'ocs-bench-life-'));
  const file = join(dir, 'life.json');
  writeFileSync(file, JSON.stringify({ ...scenario, name: 'bench lifetime', stepSeconds: 60, lifetime: { enabled: true } }));
  const r = timedCli([file, '--out', join(dir, 'result.json'), '--quiet']);
  console.log(`lifetime KPIs of ${N} satellites (1 day at 60 s + sampled days), CLI: ${r.s.toFixed(1)} s${r.ok ? '' : ' (failed)'} (target < 60 s)`);
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Workloads (issue 17): the broadband-shell-workloads preset (1,584 satellites, a day at 60 s:
 * training, inference to three regions, batch) against the same run without its workloads.
 */
async function workloadCost(): Promise<void> {
  const p = findPreset('broadband-shell-workloads');
  if (!p) return;
  const withW = normaliseScenario({ ...p.scenario, lifetime: { enabled: false } });
  const without = { ...withW, workloads: { ...withW.workloads, training: [], inference: [], batch: [] } };
  const time = async (sc: typeof withW) => {
    const t = performance.now();
    await simulateScenario(sc);
    return performance.now() - t;
  };
  const base = await time(without);
  const wl = await time(withW);
  console.log(`workloads, broadband shell (1,584 satellites, 1 day at 60 s): ${(base / 1000).toFixed(2)} s without, ${(wl / 1000).toFixed(2)} s with training + inference + batch: ${(wl / base).toFixed(2)}× the run`);
}

async function main(): Promise<void> {
  console.log(`engine benchmark: ${N} satellites × ${K} steps (10 s) = ${satSteps.toExponential(3)} satellite-steps, 5 ground stations`);
  // Warm up both paths (JIT, WASM instantiation).
  await simulate(normaliseScenario({ ...scenario, durationHours: 0.5 }), satellites.slice(0, 50), []);
  const baseMs = baselineLoop(false);
  const hoistedMs = baselineLoop(true);
  const eng = await engineRun();
  const baseRate = satSteps / (baseMs / 1000);
  const hoistedRate = satSteps / (hoistedMs / 1000);
  const engRate = satSteps / (eng.ms / 1000);
  console.log(`  baseline loop (propagate + sunPos + shadowFraction per satellite-step): ${fmt(baseRate)} sat-steps/s (${(baseMs / 1000).toFixed(2)} s)`);
  console.log(`  stronger baseline (Sun once per step):                                 ${fmt(hoistedRate)} sat-steps/s (${(hoistedMs / 1000).toFixed(2)} s)`);
  console.log(`  full engine, 1 thread (all models + events):          ${fmt(engRate)} sat-steps/s (${(eng.ms / 1000).toFixed(2)} s; ${eng.eclipses} eclipses, ${eng.contacts} contacts)`);
  console.log(`  ratio engine / baseline: ${(engRate / baseRate).toFixed(2)}× (one thread; ${(engRate / hoistedRate).toFixed(2)}× the stronger baseline)`);
  const threads = defaultWorkerCount();
  const par = await engineRun(threads);
  const parRate = satSteps / (par.ms / 1000);
  console.log(`  full engine, all ${threads} cores (coordinator + ${threads - 1} geometry worker(s)): ${fmt(parRate)} sat-steps/s (${(par.ms / 1000).toFixed(2)} s; ${par.eclipses} eclipses, ${par.contacts} contacts)`);
  console.log(`  ratio engine (all cores) / single-thread baseline: ${(parRate / baseRate).toFixed(2)}× (${(parRate / hoistedRate).toFixed(2)}× the stronger baseline)`);
  console.log(`  peak RSS: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
  const lifeStart = performance.now();
  await simulate(normaliseScenario({ ...scenario, lifetime: { enabled: true } }), satellites, []);
  const lifeMs = performance.now() - lifeStart - eng.ms;
  console.log(`  lifetime, mass and cost analysis of the same design (sampled days): +${(lifeMs / 1000).toFixed(2)} s = ${(lifeMs / eng.ms).toFixed(2)}× the one-thread run`);

  await workloadCost();

  cliWholeProcess(baseMs, eng.ms);
  for (const n of quick ? [1000] : [1000, 10_000]) reanalysis(n);
  lifetimeCli();

  if (!quick && !args.has('--no-year')) yearLongRun();
  if (!quick) await queueBench();

  if (!args.has('--no-browser')) {
    let browser: { runBrowserBench?: () => Promise<Record<string, number>> } | undefined;
    try {
      const modulePath = './browser.ts'; // optional: present once the browser app lands
      browser = await import(modulePath);
    } catch (e) {
      console.log(`browser benchmark unavailable: ${(e as Error).message}`);
    }
    if (browser?.runBrowserBench) {
      const r = await browser.runBrowserBench();
      console.log('browser benchmark (main-thread ms per frame):');
      for (const [k, v] of Object.entries(r)) console.log(`  ${k.padEnd(40)} ${v.toFixed(2)}`);
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
