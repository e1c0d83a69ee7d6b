/**
 * The job queue's Redis connection (BullMQ on ioredis; deploy/README.md,
 * "Job queue"): options from a URL, the queue name of a sweep and the
 * registry of open sweeps that workers serve.
 *
 *   redis://[user[:password]@]host[:port][/db]    plain TCP
 *   rediss://[user[:password]@]host[:port][/db]   TLS (server name = host,
 *                                                  certificate verified)
 *
 * Port 6379 and database 0 by default (Redis's defaults, redis.io
 * "Redis configuration", redis.conf `port 6379`, `databases 16`). The
 * password comes from the URL (percent-encoded) or, when the URL has none,
 * from the environment variable OCS_REDIS_PASSWORD (so it stays out of
 * process listings and job specs); OCS_REDIS_CA names a PEM file of
 * certificate authorities for rediss:// (a private CA). Passwords are never
 * printed: describeQueue() shows scheme, host, port and database only.
 *
 * Queue of a sweep = `sweep-<run-list hash>` (engine output/run-list.ts):
 * sweeps with different run lists never share a queue, and a sweep started
 * twice uses the same one (its jobs are deduplicated by job id). The
 * registry is a sorted set `ocs:sweeps` (member = queue name, score = time
 * registered, ms): producers add their queue, workers poll it.
 */
import { readFileSync } from 'node:fs';
import type { Redis, RedisOptions } from 'ioredis';

export const PASSWORD_ENV = 'OCS_REDIS_PASSWORD';
export const CA_ENV = 'OCS_REDIS_CA';
/** BullMQ key prefix of the simulator's queues (keys `ocs:<queue>:…`). */
export const QUEUE_PREFIX = 'ocs';
/** Sorted set of the queues of open sweeps (see header). */
export const REGISTRY_KEY = `${QUEUE_PREFIX}:sweeps`;
/** Redis's default port (redis.conf `port 6379`). */
const DEFAULT_PORT = 6379;
/** Redis's default number of databases (redis.conf `databases 16`): db 0…15. */
const MAX_DB = 15;

export class QueueUrlError extends Error {}

export interface QueueTarget {
  options: RedisOptions;
  /** `rediss://host:port/db`, without credentials (for messages). */
  label: string;
}

/** Connection options of a redis:// or rediss:// URL (format in the header); throws QueueUrlError. */
export function parseQueueUrl(text: string, env: NodeJS.ProcessEnv = process.env): QueueTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new QueueUrlError(`--queue: not a URL (expected redis://host:port or rediss://host:port)`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new QueueUrlError(`--queue: scheme must be redis:// or rediss:// (TLS), got ${url.protocol}//`);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new QueueUrlError('--queue: no host in the URL');
  const port = url.port ? Number(url.port) : DEFAULT_PORT;
  const dbText = url.pathname.replace(/^\//, '');
  if (dbText !== '' && !/^\d{1,2}$/.test(dbText)) throw new QueueUrlError(`--queue: the path must be a database number 0–${MAX_DB}, got /${dbText}`);
  const db = dbText === '' ? 0 : Number(dbText);
  if (db > MAX_DB) throw new QueueUrlError(`--queue: database must be 0–${MAX_DB}, got ${db}`);
  if (url.search || url.hash) throw new QueueUrlError('--queue: query and fragment are not supported (password: in the URL or ' + PASSWORD_ENV + '; CA file: ' + CA_ENV + ')');
  const username = url.username ? decodeURIComponent(url.username) : undefined;
  const password = url.password ? decodeURIComponent(url.password) : env[PASSWORD_ENV] || undefined;
  const tls = url.protocol === 'rediss:';
  const options: RedisOptions = {
    host,
    port,
    db,
    username,
    password,
    // Required by BullMQ workers (blocking commands must not fail after N retries).
    maxRetriesPerRequest: null,
    connectTimeout: 10_000,
  };
  if (tls) {
    const caPath = env[CA_ENV];
    let ca: Buffer | undefined;
    if (caPath) {
      try {
        ca = readFileSync(caPath);
      } catch (e) {
        throw new QueueUrlError(`${CA_ENV}=${caPath}: cannot read (${(e as Error).message})`);
      }
    }
    options.tls = { servername: host, ...(ca ? { ca } : {}) };
  }
  return { options, label: `${url.protocol}//${url.host}/${db}` };
}

/** Queue name of a sweep from its run-list hash. */
export function queueNameFor(listHash: string): string {
  return `sweep-${listHash}`;
}

/** BullMQ job id of a run (`run-<id>`: BullMQ refuses all-digit ids, which a hex run id can be). */
export function jobIdFor(runId: string): string {
  return `run-${runId}`;
}

/** The ioredis constructor, loaded on demand (other commands never load the queue packages). */
export async function loadRedis(): Promise<typeof Redis> {
  const mod = await import('ioredis');
  return mod.Redis;
}

/**
 * A connection; its errors go to `warn` once per distinct message (ioredis
 * reconnects by itself). Fails fast when the server cannot be reached or
 * refuses the credentials, with the reason (no password in it).
 */
export async function connectRedis(target: QueueTarget, warn: (m: string) => void): Promise<Redis> {
  const Redis = await loadRedis();
  const probe = new Redis({ ...target.options, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 1 });
  // The server's own reason (refused, WRONGPASS, TLS) arrives as an error event; the rejection may only say "closed".
  let reason: Error | undefined;
  probe.on('error', (e: Error) => {
    reason ??= e;
  });
  try {
    await probe.connect();
    await probe.ping();
  } catch (e) {
    probe.disconnect();
    throw new Error(`cannot use the queue at ${target.label}: ${(reason ?? (e as Error)).message}`);
  }
  probe.disconnect();
  const client = new Redis(target.options);
  const seen = new Set<string>();
  client.on('error', (e: Error) => {
    if (!seen.has(e.message)) warn(`redis ${target.label}: ${e.message}`);
    seen.add(e.message);
  });
  return client;
}
