/**
 * The Redis job queue (issue 16; src/cli/queue-*.ts) against a real
 * redis-server (Debian's, installed by scripts/ensure-redis.sh) started on a
 * free loopback port and stopped in afterAll:
 * - a sweep through the queue with two worker processes, the first to start
 *   a run killed with SIGKILL mid-run, writes the local sweep's CSV bytes;
 *   the killed run is re-delivered to the other worker and counted once;
 * - a malformed job (invalid scenario; an id that is not its scenario's) put
 *   in the queue directly fails with a message naming the field, and the
 *   worker goes on to serve a good job;
 * - a password-protected Redis (--requirepass) works with the password in
 *   the URL (worker) and in OCS_REDIS_PASSWORD (producer); a wrong one is a
 *   clear error that does not print it;
 * - URLs: redis:// and rediss:// (TLS) options, credentials and database.
 * Small sweeps (2 satellites, 2 h at 120 s); no timings are asserted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { jobIdFor, parseQueueUrl, QUEUE_PREFIX, REGISTRY_KEY } from '../../src/cli/queue-connection';
import { expandRuns, parseRunResult } from '../../src/engine/output/run-list';
import { planSweep } from '../../src/engine/output/sweep';
import { freePort, stop } from '../support/processes';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TIMEOUT = 180_000;
const PASSWORD = 'queue-test-secret';

const base = {
  startUtc: '2026-06-21T00:00:00Z',
  durationHours: 2,
  stepSeconds: 120,
  constellation: { type: 'sso', altitudeKm: 600, ltanHours: 10.5, satellitesPerPlane: 2 },
};
const sweep = { base, vary: [{ field: 'constellation.ltanHours', values: [6, 10.5, 13] }, { field: 'node.radiatorAreaM2', values: [20, 80] }] };
const smallSweep = { base, vary: [{ field: 'node.radiatorAreaM2', values: [20, 80] }] };

async function sim(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: { write: (s: string) => out.push(s) }, err: { write: (s: string) => err.push(s) } });
  return { code, out: out.join(''), err: err.join('') };
}


const children: ChildProcess[] = [];

/** A process whose stderr and stdout are collected; `waitFor` resolves on the first match. */
function start(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const p = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(p);
  let text = '';
  const listeners: Array<() => void> = [];
  const feed = (b: Buffer) => {
    text += b.toString('utf8');
    for (const l of [...listeners]) l();
  };
  p.stdout?.on('data', feed);
  p.stderr?.on('data', feed);
  const exited = new Promise<number | null>((resolve) => p.once('exit', (code) => resolve(code)));
  return {
    proc: p,
    text: () => text,
    exited,
    waitFor(re: RegExp, ms = 60_000): Promise<RegExpExecArray> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re} in:\n${text}`)), ms);
        const check = () => {
          const m = re.exec(text);
          if (!m) return;
          clearTimeout(timer);
          listeners.splice(listeners.indexOf(check), 1);
          resolve(m);
        };
        listeners.push(check);
        check();
      });
    },
  };
}

async function startRedis(extra: string[] = []) {
  const port = await freePort();
  const r = start('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extra]);
  await r.waitFor(/Ready to accept connections/, 20_000);
  return { port, r };
}

const worker = (url: string, env: NodeJS.ProcessEnv = {}) => start(process.execPath, ['scripts/sim.mjs', 'worker', '--queue', url, '--lock-seconds', '2'], env);


let dir: string;
let redis: { port: number; url: string };
let secured: { port: number };
let localCsv: Buffer;
let smallCsv: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ocs-queue-'));
  writeFileSync(join(dir, 'sweep.json'), JSON.stringify(sweep));
  writeFileSync(join(dir, 'small.json'), JSON.stringify(smallSweep));
  const plain = await startRedis();
  redis = { port: plain.port, url: `redis://127.0.0.1:${plain.port}` };
  secured = { port: (await startRedis(['--requirepass', PASSWORD])).port };
  let r = await sim('sweep', join(dir, 'sweep.json'), '--out', join(dir, 'local.csv'), '--quiet');
  expect(r.code, r.err).toBe(0);
  localCsv = readFileSync(join(dir, 'local.csv'));
  r = await sim('sweep', join(dir, 'small.json'), '--out', join(dir, 'small-local.csv'), '--quiet');
  expect(r.code, r.err).toBe(0);
  smallCsv = readFileSync(join(dir, 'small-local.csv'));
}, TIMEOUT);

afterAll(async () => {
  // Workers first, then the servers.
  const redisServers = children.filter((c) => c.spawnfile === 'redis-server');
  await Promise.all(children.filter((c) => c.spawnfile !== 'redis-server').map(stop));
  await Promise.all(redisServers.map(stop));
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('sweep through the queue', () => {
  it('with two workers, one killed mid-run, writes the local CSV bytes and counts every run once', async () => {
    const w1 = worker(redis.url);
    const w2 = worker(redis.url);
    const producer = sim('sweep', join(dir, 'sweep.json'), '--queue', redis.url, '--out', join(dir, 'queue.csv'));
    // The first worker to start a run is killed while it holds the job.
    const started = /run ([0-9a-f]{16}) started/;
    const first = await Promise.race([w1.waitFor(started, 120_000).then((m) => ({ w: w1, other: w2, id: m[1] })), w2.waitFor(started, 120_000).then((m) => ({ w: w2, other: w1, id: m[1] }))]);
    first.w.proc.kill('SIGKILL');
    await first.w.exited;
    const r = await producer;
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(join(dir, 'queue.csv')).equals(localCsv)).toBe(true);
    // The killed run was re-delivered to the survivor after its lock expired.
    expect(first.other.text()).toMatch(new RegExp(`run ${first.id} started`));
    // One result line per design, six simulated.
    expect(r.err.split('\n').filter((l) => /^run \d\/6 \(.*\) done, /.test(l))).toHaveLength(6);
    expect(r.out).toMatch(/\(6 simulated, 0 taken from the store /);
    // The queue and its registry entry are gone.
    const c = new Redis({ port: redis.port, host: '127.0.0.1' });
    expect(await c.zrange(REGISTRY_KEY, 0, -1)).toEqual([]);
    expect(await c.keys(`${QUEUE_PREFIX}:sweep-*`)).toEqual([]);
    c.disconnect();
    await stop(first.other.proc);
  }, TIMEOUT);
});

describe('malformed jobs', () => {
  it('fail with a message naming the field; the worker goes on serving', async () => {
    const w = worker(redis.url);
    await w.waitFor(/worker: serving sweeps/);
    const connection = new Redis({ port: redis.port, host: '127.0.0.1', maxRetriesPerRequest: null });
    const name = 'sweep-malformedtest0001';
    const queue = new Queue(name, { connection, prefix: QUEUE_PREFIX });
    try {
      await connection.zadd(REGISTRY_KEY, Date.now(), name);
      const finished = async (jobId: string) => {
        for (;;) {
          const job = await queue.getJob(jobId);
          const state = job ? await job.getState() : 'missing';
          // the job was read before its state: read it again for the fields the worker wrote on finishing (failedReason)
          const done = state === 'completed' || state === 'failed' ? await queue.getJob(jobId) : undefined;
          if (done) return { state, job: done };
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      };
      // A negative altitude: the engine's parser names constellation.altitudeKm.
      const badId = '0123456789abcdef';
      await queue.add('run', { id: badId, index: 0, scenario: { ...base, constellation: { ...base.constellation, altitudeKm: -5 } } }, { jobId: jobIdFor(badId), attempts: 1 });
      const bad = await finished(jobIdFor(badId));
      expect(bad.state).toBe('failed');
      expect(bad.job.failedReason).toMatch(/^job data\.scenario: invalid scenario: scenario\.constellation\.altitudeKm: /);
      // A valid scenario under another run's id (a modified job).
      const { runs } = await expandRuns(planSweep(smallSweep));
      const forgedId = runs[1].id;
      await queue.add('run', { id: forgedId, index: 1, scenario: runs[0].scenario }, { jobId: jobIdFor(forgedId), attempts: 1 });
      const forged = await finished(jobIdFor(forgedId));
      expect(forged.state).toBe('failed');
      expect(forged.job.failedReason).toContain(`job data.id ${forgedId} is not the run id of its scenario (${runs[0].id})`);
      // The same worker then runs a good job; its result is the local sweep's row.
      await queue.add('run', { id: runs[0].id, index: 0, scenario: runs[0].scenario }, { jobId: jobIdFor(runs[0].id), attempts: 1 });
      const good = await finished(jobIdFor(runs[0].id));
      expect(good.state, good.job.failedReason).toBe('completed');
      const parsed = parseRunResult(good.job.returnvalue as string, runs[0].id);
      expect(parsed.ok && parsed.result.status).toBe('ok');
      const stored = readFileSync(join(dir, 'small-local.csv.runs', 'results', `${runs[0].id}.json`), 'utf8');
      expect(good.job.returnvalue).toBe(stored);
      expect(w.text()).toMatch(/rejected: job data\.scenario: invalid scenario: scenario\.constellation\.altitudeKm/);
      expect(w.proc.exitCode).toBeNull();
    } finally {
      await connection.zrem(REGISTRY_KEY, name);
      await queue.obliterate({ force: true });
      await queue.close();
      connection.disconnect();
      await stop(w.proc);
    }
  }, TIMEOUT);
});

describe('authentication', () => {
  it('takes the password from the URL or OCS_REDIS_PASSWORD; a wrong one is a clear error without it', async () => {
    const w = worker(`redis://:${PASSWORD}@127.0.0.1:${secured.port}`);
    const saved = process.env.OCS_REDIS_PASSWORD;
    try {
      process.env.OCS_REDIS_PASSWORD = 'wrong-password';
      let r = await sim('sweep', join(dir, 'small.json'), '--queue', `redis://127.0.0.1:${secured.port}`, '--out', join(dir, 'wrong.csv'), '--quiet');
      expect(r.code).toBe(1);
      expect(r.err).toMatch(new RegExp(`cannot use the queue at redis://127\\.0\\.0\\.1:${secured.port}/0: .*(WRONGPASS|invalid)`, 'i'));
      expect(r.err).not.toContain('wrong-password');
      process.env.OCS_REDIS_PASSWORD = PASSWORD;
      r = await sim('sweep', join(dir, 'small.json'), '--queue', `redis://127.0.0.1:${secured.port}`, '--out', join(dir, 'secured.csv'), '--quiet');
      expect(r.code, r.err).toBe(0);
      expect(readFileSync(join(dir, 'secured.csv')).equals(smallCsv)).toBe(true);
      expect(w.text()).not.toContain(PASSWORD);
    } finally {
      if (saved === undefined) delete process.env.OCS_REDIS_PASSWORD;
      else process.env.OCS_REDIS_PASSWORD = saved;
      await stop(w.proc);
    }
  }, TIMEOUT);
});

describe('queue URLs', () => {
  it('redis:// and rediss:// give host, port (default 6379), database, credentials and TLS', () => {
    const plain = parseQueueUrl('redis://queue.example:6380/3', {});
    expect(plain.options).toMatchObject({ host: 'queue.example', port: 6380, db: 3, username: undefined, password: undefined });
    expect(plain.options.tls).toBeUndefined();
    expect(plain.label).toBe('redis://queue.example:6380/3');
    const secure = parseQueueUrl('rediss://ocs:p%40ss@queue.example', {});
    expect(secure.options).toMatchObject({ host: 'queue.example', port: 6379, db: 0, username: 'ocs', password: 'p@ss', tls: { servername: 'queue.example' } });
    expect(secure.label).toBe('rediss://queue.example/0');
    expect(parseQueueUrl('redis://h', { OCS_REDIS_PASSWORD: 'from-env' }).options.password).toBe('from-env');
    expect(parseQueueUrl('redis://:in-url@h', { OCS_REDIS_PASSWORD: 'from-env' }).options.password).toBe('in-url');
    expect(() => parseQueueUrl('http://h:6379', {})).toThrow(/scheme must be redis:\/\/ or rediss:\/\//);
    expect(() => parseQueueUrl('redis://h/16', {})).toThrow(/database must be 0–15/);
  });

  it('a bad URL is a usage error (exit 2)', async () => {
    const r = await sim('worker', '--queue', 'http://127.0.0.1:1');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/scheme must be redis/);
    const s = await sim('sweep', join(dir, 'small.json'), '--queue', redis.url, '--shard', '1/2', '--out', join(dir, 'x'));
    expect(s.code).toBe(2);
  });
});
