/**
 * The lifetime analysis' sampled days (lifetime-run.ts) on several threads.
 * Each sampled day is a one-day window of the sampled satellites, independent
 * of the others: day d runs on slot d mod (workers + 1), slot 0 being this
 * thread, the others a SampledDayPool's workers (the geometry workers' entry,
 * geometry-host.ts). Each slot keeps the geometry of its days in a cache of
 * its own, so the last simulated year replays the first year's days (the same
 * days and satellites) and a node edit replays them all; the slot of a day
 * never changes. Results are returned in day order and summed there, so the
 * bytes do not depend on the number of threads (test).
 */
import type { Scenario } from '../input/scenario';
import type { SampledDayResult } from './lifetime-run';
import type { GeometryEndpoint } from './geometry-pool';
import type { GeometryReply } from './geometry-host';

/** How often a run waiting for its workers' days checks its cancel signal (ms). */
const ABORT_POLL_MS = 50;

/** Sampled-day runs on worker threads (one slot per worker). */
export interface SampledDayRunner {
  readonly workers: number;
  /**
   * Runs a day's scenario on worker `slot` (0 … workers − 1) for the satellites
   * `sample` of buildSatellites(satellitesOf): the run's scenario, whose start
   * dates generated elements (a day's own start would move their epoch).
   */
  run(slot: number, scenario: Scenario, sample: readonly number[], satellitesOf: Scenario): Promise<SampledDayResult>;
  /** Stops the days queued or running (their promises reject). */
  cancel(): void;
}

/**
 * Runs `days` (in day order) on this thread (`local`) and on `pool`; results
 * in day order. Throws `abortError()` when `signal` is set.
 */
export async function runSampledDays(
  days: Scenario[],
  sample: readonly number[],
  local: (day: Scenario) => Promise<SampledDayResult>,
  pool: SampledDayRunner | null,
  satellitesOf: Scenario,
  opts: { signal?: { readonly aborted: boolean }; dayDone?: () => void; abortError: () => Error },
): Promise<SampledDayResult[]> {
  const slots = pool ? pool.workers + 1 : 1;
  const results: SampledDayResult[] = new Array(days.length);
  const remote: Array<Promise<void>> = [];
  for (let d = 0; d < days.length; d++) {
    if (pool && d % slots !== 0) {
      const p = pool.run((d % slots) - 1, days[d], sample, satellitesOf).then((r) => {
        results[d] = r;
        opts.dayDone?.();
      });
      p.catch(() => {});
      remote.push(p);
    }
  }
  try {
    for (let d = 0; d < days.length; d += slots) {
      if (opts.signal?.aborted) throw opts.abortError();
      results[d] = await local(days[d]);
      opts.dayDone?.();
    }
    // The workers' days: a cancel is noticed within ABORT_POLL_MS, not after the last of them.
    const all = Promise.all(remote);
    let settled = false;
    all.then(
      () => (settled = true),
      () => (settled = true),
    );
    while (!settled) {
      if (opts.signal?.aborted) throw opts.abortError();
      await Promise.race([all.catch(() => {}), new Promise((resolve) => setTimeout(resolve, ABORT_POLL_MS))]);
    }
    await all;
  } catch (e) {
    pool?.cancel();
    throw opts.signal?.aborted ? opts.abortError() : e;
  }
  if (opts.signal?.aborted) throw opts.abortError();
  return results;
}

/** A SampledDayRunner over worker endpoints, spawned on first use and kept (their caches with them) until dispose(). */
export class SampledDayPool implements SampledDayRunner {
  private readonly members: Array<GeometryEndpoint | null>;
  private readonly pending = new Map<number, { resolve: (r: SampledDayResult) => void; reject: (e: Error) => void; member: number }>();
  private nextId = 0;
  private failed: Error | null = null;
  /** Days sent to the workers so far. */
  daysSent = 0;

  constructor(
    private readonly spawn: () => GeometryEndpoint,
    readonly workers: number,
  ) {
    this.members = new Array(Math.max(0, workers)).fill(null);
  }

  private member(slot: number): GeometryEndpoint {
    let m = this.members[slot];
    if (m) return m;
    m = this.spawn();
    m.listen(
      (reply: GeometryReply) => {
        if (reply.type !== 'day' && reply.type !== 'day-error') return;
        const w = this.pending.get(reply.id);
        if (!w) return;
        this.pending.delete(reply.id);
        if (reply.type === 'day') w.resolve(reply.result);
        else w.reject(new Error(`sampled day: ${reply.message}`));
      },
      (e) => {
        // A worker that died takes its days with it; the next run starts a new one.
        this.members[slot] = null;
        for (const [id, w] of this.pending) {
          if (w.member !== slot) continue;
          this.pending.delete(id);
          w.reject(e);
        }
      },
    );
    this.members[slot] = m;
    return m;
  }

  run(slot: number, scenario: Scenario, sample: readonly number[], satellitesOf: Scenario): Promise<SampledDayResult> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    this.daysSent++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, member: slot });
      this.member(slot).post({ type: 'day', id, scenario, sample: [...sample], satellitesOf });
    });
  }

  cancel(): void {
    for (const m of this.members) m?.post({ type: 'cancel-days' });
  }

  dispose(): void {
    this.failed = new Error('sampled-day pool disposed');
    for (const m of this.members) m?.terminate();
    this.members.fill(null);
    for (const w of this.pending.values()) w.reject(this.failed);
    this.pending.clear();
  }
}
