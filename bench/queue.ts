/**
 * Job-queue scaling (issue 16): a 40-run sweep (Walker 4 × 5 at 500…890 km,
 * 8 h at 30 s: each run ≈1 s and its own geometry) through the Redis queue
 * with one worker process, then with two, on this machine (alternating,
 * twice each, the better time kept); prints both wall times (producer start
 * to CSV written, workers already serving) and their
 * ratio (target ≥ 1.6×), and checks both CSVs have the same bytes.
 * Needs redis-server (scripts/ensure-redis.sh); started on a free loopback
 * port and stopped afterwards.
 *
 *   npx tsx bench/queue.ts        (also run by `npm run bench` without --quick)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, stop } from '../test/support/processes';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 40;

const sweep = {
  base: {
    startUtc: '2026-06-21T00:00:00Z',
    durationHours: 8,
    stepSeconds: 30,
    constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 4, satellitesPerPlane: 5, phasing: 1 },
  },
  vary: [{ field: 'constellation.altitudeKm', values: Array.from({ length: RUNS }, (_, k) => 500 + 10 * k) }],
};


/** Spawns `args` and resolves once its output matches `ready`. */
function startUntil(cmd: string, args: string[], ready: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    const timer = setTimeout(() => reject(new Error(`${cmd} not ready in 60 s:\n${text}`)), 60_000);
    const feed = (b: Buffer) => {
      text += b.toString('utf8');
      if (ready.test(text)) {
        clearTimeout(timer);
        resolve(p);
      }
    };
    p.stdout?.on('data', feed);
    p.stderr?.on('data', feed);
    p.once('exit', (code) => reject(new Error(`${cmd} exited (${code}):\n${text}`)));
  });
}


/** Wall seconds of the sweep through the queue with `workers` worker processes; the CSV bytes. */
async function timedSweep(url: string, dir: string, workers: number): Promise<{ s: number; csv: Buffer }> {
  const procs: ChildProcess[] = [];
  try {
    for (let k = 0; k < workers; k++) {
      procs.push(await startUntil(process.execPath, ['scripts/sim.mjs', 'worker', '--queue', url, '--threads', '1', '--quiet'], /worker: serving sweeps/));
    }
    const out = join(dir, `queue-${workers}.csv`);
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['scripts/sim.mjs', 'sweep', join(dir, 'sweep.json'), '--queue', url, '--out', out, '--quiet'], { cwd: ROOT, encoding: 'utf8' });
    const s = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`queue sweep failed (exit ${r.status}): ${r.stderr.slice(-500)}`);
    return { s, csv: readFileSync(out) };
  } finally {
    await Promise.all(procs.map(stop));
  }
}

export async function queueBench(): Promise<void> {
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    console.log('job queue: redis-server missing (bash scripts/ensure-redis.sh); skipped');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'ocs-bench-queue-'));
  writeFileSync(join(dir, 'sweep.json'), JSON.stringify(sweep));
  const port = await freePort();
  const redis = await startUntil('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], /Ready to accept connections/);
  try {
    const url = `redis://127.0.0.1:${port}`;
    // The CLI bundle is built before timing (a first run builds it).
    spawnSync(process.execPath, ['scripts/sim.mjs', '--help'], { cwd: ROOT });
    // Alternating 1, 2, 1, 2 workers and the better time of each: less sensitive to other load on the machine.
    const one = await timedSweep(url, dir, 1);
    const two = await timedSweep(url, dir, 2);
    one.s = Math.min(one.s, (await timedSweep(url, dir, 1)).s);
    two.s = Math.min(two.s, (await timedSweep(url, dir, 2)).s);
    console.log(`job queue: ${RUNS}-run sweep (Walker 20 satellites, 8 h at 30 s) through Redis on this machine`);
    console.log(`  one worker ${one.s.toFixed(1)} s, two workers ${two.s.toFixed(1)} s: ratio ${(one.s / two.s).toFixed(2)}× (target ≥ 1.6×)${one.csv.equals(two.csv) ? '' : ' — CSVs DIFFER'}`);
  } finally {
    await stop(redis);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  queueBench().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
