/**
 * Sweeps beyond one process (issue 16): the CSV of a local sweep equals
 * sweepCsv over the designs simulated directly; shards 1/3, 2/3, 3/3 (and
 * 1/4…4/4) joined by sweep-merge in any order give its bytes; an interrupted
 * sweep resumed with --resume simulates only the missing runs (counted from
 * the CLI's summary and its per-run lines) and gives the same bytes; missing,
 * failed and damaged results are named. Small sweeps (2 satellites, 2 h at
 * 120 s); no timings are asserted.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { installDeterministicMath } from '../../src/engine/core/det-math/install';
import { planSweep, sweepCsv } from '../../src/engine/output/sweep';
import { simulateScenario } from '../../src/engine/run/simulation';
import { RUN_RESULT_FORMAT } from '../../src/engine/output/run-list';

// As the CLI's main() does, so the direct simulations below are the CLI's bytes.
installDeterministicMath();

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TIMEOUT = 180_000;

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: { write: (s: string) => out.push(s) }, err: { write: (s: string) => err.push(s) } }, out, err };
}

async function sim(...argv: string[]) {
  const c = capture();
  const code = await main(argv, c.io);
  return { code, out: c.out.join(''), err: c.err.join('') };
}

/** "(4 simulated, 2 taken from the store …)" of the CLI's summary line. */
function counts(stdout: string): { simulated: number; stored: number } {
  const m = /\((\d+) simulated, (\d+) taken from the store /.exec(stdout);
  if (!m) throw new Error(`no summary in ${JSON.stringify(stdout)}`);
  return { simulated: Number(m[1]), stored: Number(m[2]) };
}

/** Per-run progress lines ("run 3/6 (…) done, 0.4 s"). */
const doneLines = (stderr: string): string[] => stderr.split('\n').filter((l) => /^run \d+\/\d+ \(.*\) done, /.test(l));
const resultFiles = (store: string): string[] => (existsSync(join(store, 'results')) ? readdirSync(join(store, 'results')).filter((f) => /^[0-9a-f]{16}\.json$/.test(f)) : []);

const base = {
  startUtc: '2026-06-21T00:00:00Z',
  durationHours: 2,
  stepSeconds: 120,
  constellation: { type: 'sso', altitudeKm: 600, ltanHours: 10.5, satellitesPerPlane: 2 },
};
const sweep = { base, vary: [{ field: 'constellation.ltanHours', values: [6, 10.5, 13] }, { field: 'node.radiatorAreaM2', values: [20, 80] }] };

let dir: string;
let sweepFile: string;
let localCsv: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ocs-shards-'));
  sweepFile = join(dir, 'sweep.json');
  writeFileSync(sweepFile, JSON.stringify(sweep));
  const r = await sim('sweep', sweepFile, '--out', join(dir, 'local.csv'), '--quiet');
  expect(r.code, r.err).toBe(0);
  expect(counts(r.out)).toEqual({ simulated: 6, stored: 0 });
  localCsv = readFileSync(join(dir, 'local.csv'));
}, TIMEOUT);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('local sweep', () => {
  it('writes sweepCsv of the designs simulated one by one, and a store beside it', async () => {
    const plan = planSweep(sweep);
    const rows = [];
    for (const d of plan.designs) rows.push({ values: d.values, kpis: (await simulateScenario(d.scenario)).kpis });
    expect(localCsv.toString('utf8')).toBe(sweepCsv(plan.fields, rows));
    const store = join(dir, 'local.csv.runs');
    const list = JSON.parse(readFileSync(join(store, 'runs.json'), 'utf8')) as { shard: unknown; runs: Array<{ id: string; values: unknown[] }> };
    expect(list.shard).toBeNull();
    expect(list.runs.map((r) => r.values)).toEqual(plan.designs.map((d) => d.values));
    expect(resultFiles(store).sort()).toEqual(list.runs.map((r) => `${r.id}.json`).sort());
  }, TIMEOUT);
});

describe('shards and sweep-merge', () => {
  beforeAll(async () => {
    for (const count of [3, 4]) {
      for (let i = 1; i <= count; i++) {
        const r = await sim('sweep', sweepFile, '--shard', `${i}/${count}`, '--out', join(dir, `n${count}`, `part-${i}`), '--quiet');
        expect(r.code, r.err).toBe(0);
      }
    }
  }, TIMEOUT);

  it('each shard runs its slice only: 2 + 2 + 2 of 6 runs', () => {
    expect([1, 2, 3].map((i) => resultFiles(join(dir, 'n3', `part-${i}`)).length)).toEqual([2, 2, 2]);
    expect([1, 2, 3, 4].map((i) => resultFiles(join(dir, 'n4', `part-${i}`)).length)).toEqual([2, 2, 1, 1]);
  });

  it('merged in order or shuffled, 1/3 2/3 3/3 and 1/4…4/4 give the local CSV bytes', async () => {
    const orders = [
      ['n3', [1, 2, 3]],
      ['n3', [3, 1, 2]],
      ['n3', [2, 3, 1]],
      ['n4', [4, 2, 1, 3]],
    ] as const;
    for (const [n, order] of orders) {
      const out = join(dir, `merged-${n}-${order.join('')}.csv`);
      const r = await sim('sweep-merge', ...order.map((i) => join(dir, n, `part-${i}`)), '--out', out);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toBe(`6 designs from ${order.length} parts → ${out}\n`);
      expect(readFileSync(out).equals(localCsv), `${n} ${order.join(',')}`).toBe(true);
    }
  });

  it('a missing part: exit 2 naming each missing run by number, values and id, and no CSV', async () => {
    const out = join(dir, 'incomplete.csv');
    const r = await sim('sweep-merge', join(dir, 'n3', 'part-3'), join(dir, 'n3', 'part-1'), '--out', out);
    expect(r.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    const ids = (JSON.parse(readFileSync(join(dir, 'n3', 'part-1', 'runs.json'), 'utf8')) as { runs: Array<{ id: string }> }).runs.map((x) => x.id);
    expect(r.err).toContain('error: 2 of 6 runs have no result; no CSV written');
    expect(r.err).toContain(`run 3/6 (constellation.ltanHours=10.5, node.radiatorAreaM2=20; id ${ids[2]}): missing (shard 2/3: no part of it given)`);
    expect(r.err).toContain(`run 4/6 (constellation.ltanHours=10.5, node.radiatorAreaM2=80; id ${ids[3]}): missing (shard 2/3: no part of it given)`);
    expect(r.err).not.toMatch(/run [1256]\/6/);
  });

  it('parts of another sweep are refused (exit 2)', async () => {
    const other = join(dir, 'other.json');
    writeFileSync(other, JSON.stringify({ ...sweep, vary: [{ field: 'constellation.ltanHours', values: [6, 10.5, 14] }, sweep.vary[1]] }));
    const part = join(dir, 'other-part');
    expect((await sim('sweep', other, '--shard', '3/3', '--out', part, '--quiet')).code).toBe(0);
    const r = await sim('sweep-merge', join(dir, 'n3', 'part-1'), join(dir, 'n3', 'part-2'), part, '--out', join(dir, 'mixed.csv'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/other-part: from another run list/);
    expect(existsSync(join(dir, 'mixed.csv'))).toBe(false);
  }, TIMEOUT);

  it('a damaged result is missing (warning) for merge; --resume on its shard runs just that run again', async () => {
    const part = join(dir, 'damaged-part-2');
    expect((await sim('sweep', sweepFile, '--shard', '2/3', '--out', part, '--quiet')).code).toBe(0);
    const [victim] = resultFiles(part).sort();
    writeFileSync(join(part, 'results', victim), '{"format":"ocs-sweep-result/1","id":"');
    const parts = [join(dir, 'n3', 'part-1'), part, join(dir, 'n3', 'part-3')];
    const out = join(dir, 'damaged.csv');
    const before = await sim('sweep-merge', ...parts, '--out', out);
    expect(before.code).toBe(2);
    expect(before.err).toContain(`warning: ${join(part, 'results', victim)}: damaged result (not JSON`);
    expect(before.err).toMatch(new RegExp(`run [34]/6 \\(.*; id ${victim.slice(0, 16)}\\): missing \\(shard 2/3\\)`));
    const resumed = await sim('sweep', sweepFile, '--shard', '2/3', '--out', part, '--resume');
    expect(resumed.code, resumed.err).toBe(0);
    expect(resumed.err).toMatch(/^warning: .*damaged result .*runs again$/m);
    expect(counts(resumed.out)).toEqual({ simulated: 1, stored: 1 });
    expect(doneLines(resumed.err)).toHaveLength(1);
    expect((await sim('sweep-merge', ...parts, '--out', out)).code).toBe(0);
    expect(readFileSync(out).equals(localCsv)).toBe(true);
  }, TIMEOUT);

  it('a failed result is named by sweep-merge and run again by --resume', async () => {
    const part = join(dir, 'failed-part-1');
    expect((await sim('sweep', sweepFile, '--shard', '1/3', '--out', part, '--quiet')).code).toBe(0);
    const [victim] = resultFiles(part).sort();
    const id = victim.slice(0, 16);
    writeFileSync(join(part, 'results', victim), `${JSON.stringify({ format: RUN_RESULT_FORMAT, id, status: 'failed', message: 'worker lost', inputError: false })}\n`);
    const parts = [part, join(dir, 'n3', 'part-2'), join(dir, 'n3', 'part-3')];
    const out = join(dir, 'failed.csv');
    const before = await sim('sweep-merge', ...parts, '--out', out);
    expect(before.code).toBe(2);
    expect(before.err).toMatch(new RegExp(`run [12]/6 \\(.*; id ${id}\\): failed: worker lost \\(shard 1/3\\)`));
    const resumed = await sim('sweep', sweepFile, '--shard', '1/3', '--out', part, '--resume', '--quiet');
    expect(counts(resumed.out)).toEqual({ simulated: 1, stored: 1 });
    expect((await sim('sweep-merge', ...parts, '--out', out)).code).toBe(0);
    expect(readFileSync(out).equals(localCsv)).toBe(true);
  }, TIMEOUT);
});

describe('--resume after an interrupted local sweep', () => {
  it('stopped after 2 of 6 runs (test hook): no CSV; --resume simulates the 4 missing runs only, same bytes', async () => {
    const out = join(dir, 'interrupted.csv');
    process.env.OCS_SWEEP_STOP_AFTER = '2';
    let first;
    try {
      first = await sim('sweep', sweepFile, '--out', out);
    } finally {
      delete process.env.OCS_SWEEP_STOP_AFTER;
    }
    expect(first.code).toBe(1);
    expect(doneLines(first.err)).toHaveLength(2);
    expect(existsSync(out)).toBe(false);
    expect(resultFiles(`${out}.runs`)).toHaveLength(2);
    const resumed = await sim('sweep', sweepFile, '--out', out, '--resume');
    expect(resumed.code, resumed.err).toBe(0);
    expect(counts(resumed.out)).toEqual({ simulated: 4, stored: 2 });
    // The 4 runs simulated are runs 3–6, the ones the interrupted sweep had not reached.
    expect(doneLines(resumed.err).map((l) => /^run (\d)\/6/.exec(l)![1])).toEqual(['3', '4', '5', '6']);
    expect(readFileSync(out).equals(localCsv)).toBe(true);
    // Resuming a complete store simulates nothing; a fresh run (no --resume) simulates everything.
    expect(counts((await sim('sweep', sweepFile, '--out', out, '--resume', '--quiet')).out)).toEqual({ simulated: 0, stored: 6 });
    expect(counts((await sim('sweep', sweepFile, '--out', out, '--quiet')).out)).toEqual({ simulated: 6, stored: 0 });
    expect(readFileSync(out).equals(localCsv)).toBe(true);
  }, TIMEOUT);

  it('`npm run sim` killed (SIGKILL) after its first result: --resume simulates exactly the runs without a result', async () => {
    const out = join(dir, 'killed.csv');
    const results = join(`${out}.runs`, 'results');
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'sim.mjs'), 'sweep', sweepFile, '--out', out, '--quiet', '--threads', '1'], { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    let done = false;
    void exited.then(() => (done = true));
    // Kill as soon as a result exists (the child may also have finished by then).
    while (!done && resultFiles(`${out}.runs`).length === 0) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    await exited;
    const stored = resultFiles(`${out}.runs`).length;
    expect(stored).toBeGreaterThanOrEqual(1);
    // Leftover temporary files (a write cut short) are not results.
    for (const f of existsSync(results) ? readdirSync(results) : []) expect(f).toMatch(/^[0-9a-f]{16}\.json$|^\..*\.tmp$/);
    const resumed = await sim('sweep', sweepFile, '--out', out, '--resume', '--quiet');
    expect(resumed.code, resumed.err).toBe(0);
    expect(counts(resumed.out)).toEqual({ simulated: 6 - stored, stored });
    expect(readFileSync(out).equals(localCsv)).toBe(true);
  }, TIMEOUT);
});

describe('arguments and stores', () => {
  it('refuses a bad shard, --resume outside sweep, and a non-store directory as --out (untouched)', { timeout: TIMEOUT }, async () => {
    expect((await sim('sweep', sweepFile, '--shard', '0/3', '--out', join(dir, 'x'))).code).toBe(2);
    expect((await sim('sweep', sweepFile, '--shard', '4/3', '--out', join(dir, 'x'))).code).toBe(2);
    const bad = await sim(join(ROOT, 'test/fixtures/scenarios/small-walker.json'), '--out', join(dir, 'x.json'), '--resume');
    expect([bad.code, bad.err]).toEqual([2, expect.stringMatching(/--shard and --resume apply to sweep only/)]);
    const notStore = join(dir, 'not-a-store');
    mkdirSync(join(notStore, 'results'), { recursive: true });
    writeFileSync(join(notStore, 'keep.txt'), 'mine');
    const r = await sim('sweep', sweepFile, '--shard', '1/3', '--out', notStore);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not a sweep store, not touched/);
    expect(readdirSync(notStore).sort()).toEqual(['keep.txt', 'results']);
    // A store killed while writing its first runs.json (results/ and a temporary file only) is still a store.
    const cutShort = join(dir, 'cut-short');
    mkdirSync(join(cutShort, 'results'), { recursive: true });
    writeFileSync(join(cutShort, '.runs.json.host.1.0badf00d.tmp'), '{"format":"ocs-sweep-ru');
    const resumed = await sim('sweep', sweepFile, '--shard', '3/3', '--out', cutShort, '--resume', '--quiet');
    expect([resumed.code, counts(resumed.out)]).toEqual([0, { simulated: 2, stored: 0 }]);
    expect((await sim('sweep-merge', '--out', join(dir, 'y.csv'))).code).toBe(2);
    expect((await sim('sweep-merge', notStore, '--out', join(dir, 'y.csv'))).err).toMatch(/not a sweep store \(no runs\.json\)/);
  });
});
