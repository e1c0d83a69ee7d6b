/**
 * The lifetime's sampled days on a SampledDayPool (run/sampled-days.ts), here
 * over in-process GeometryHosts (the workers' request handler, messages
 * structured-cloned as between threads): cancellation and a dying worker.
 * Byte identity with one thread over real worker threads: test/cli/geometry-pool.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { GeometryHost, type GeometryReply, type GeometryRequest } from '../../../src/engine/run/geometry-host';
import type { GeometryEndpoint } from '../../../src/engine/run/geometry-pool';
import { runSampledDays, SampledDayPool } from '../../../src/engine/run/sampled-days';
import { normaliseScenario } from '../../../src/engine/input/scenario';
import { AbortError, simulateScenario } from '../../../src/engine/run/simulation';
import { resultDocument } from '../../../src/engine/output/result';
import { GROUND_NETWORK } from '../../../src/engine/input/presets';

/** An endpoint over a GeometryHost in this thread; `kill()` fails it as a crashed worker. */
function inProcess(log: GeometryRequest[]): GeometryEndpoint & { kill(): void } {
  const host = new GeometryHost();
  let reply: (r: GeometryReply) => void = () => {};
  let fatal: (e: Error) => void = () => {};
  let dead = false;
  return {
    post(req) {
      log.push(req);
      const copy = structuredClone(req);
      void host.handle(copy).then((r) => {
        if (!dead && req.type !== 'cancel-days') reply(r);
      });
    },
    listen(onReply, onFatal) {
      reply = onReply;
      fatal = onFatal;
    },
    terminate() {
      dead = true;
    },
    kill() {
      dead = true;
      fatal(new Error('worker exited'));
    },
  };
}

const scenario = normaliseScenario({
  startUtc: '2026-03-01T00:00:00Z',
  durationHours: 2,
  stepSeconds: 60,
  constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 3, satellitesPerPlane: 4 },
  groundStations: GROUND_NETWORK,
  lifetime: { enabled: true, sampleDays: 8 },
  economics: { lifetimeYears: 2 },
});

describe('sampled-day pool', () => {
  it('a cancelled run stops its days (the workers are told), and the next run on the same pool gives the single-thread bytes', async () => {
    const log: GeometryRequest[] = [];
    const endpoints: Array<ReturnType<typeof inProcess>> = [];
    const pool = new SampledDayPool(() => {
      const e = inProcess(log);
      endpoints.push(e);
      return e;
    }, 1);
    const signal = { aborted: false };
    let days = 0;
    const run = simulateScenario(scenario, {
      lifetimeWorkers: pool,
      signal,
      // Abort once a few sampled days are done (progress past the window).
      progress: (f) => {
        if (f > 0.5 && ++days === 2) signal.aborted = true;
      },
    });
    await expect(run).rejects.toBeInstanceOf(AbortError);
    expect(log.some((r) => r.type === 'cancel-days')).toBe(true);
    const one = JSON.stringify(resultDocument(await simulateScenario(scenario)));
    const again = JSON.stringify(resultDocument(await simulateScenario(scenario, { lifetimeWorkers: pool })));
    expect(again).toBe(one);
    expect(endpoints).toHaveLength(1);
  }, 60_000);

  it('a run cancelled while it waits for its workers\' days stops waiting and tells them', async () => {
    let cancels = 0;
    // A worker that never answers; this thread's day sets the cancel flag.
    const pool = { workers: 1, run: () => new Promise<never>(() => {}), cancel: () => void cancels++ };
    const signal = { aborted: false };
    const local = async () => {
      signal.aborted = true;
      return { meanUsableComputePflops: 1, eclipseFraction: 0 };
    };
    const done = runSampledDays([scenario, scenario], [0], local, pool, scenario, { signal, abortError: () => new AbortError() });
    await expect(done).rejects.toBeInstanceOf(AbortError);
    expect(cancels).toBe(1);
  });

  it('a worker that dies fails its days with its error; the next run starts a new worker', async () => {
    const endpoints: Array<ReturnType<typeof inProcess>> = [];
    const pool = new SampledDayPool(() => {
      const e = inProcess([]);
      endpoints.push(e);
      return e;
    }, 1);
    const day = { ...scenario, lifetime: { ...scenario.lifetime, enabled: false }, durationHours: 24 };
    const first = pool.run(0, day, [0, 1], scenario);
    endpoints[0].kill();
    await expect(first).rejects.toThrow('worker exited');
    const r = await pool.run(0, day, [0, 1], scenario);
    expect(endpoints).toHaveLength(2);
    expect(r.meanUsableComputePflops).toBeGreaterThan(0);
    expect(r.eclipseFraction).toBeGreaterThan(0);
    pool.dispose();
    await expect(pool.run(0, day, [0], scenario)).rejects.toThrow('disposed');
  }, 60_000);
});
