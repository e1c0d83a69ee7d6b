/**
 * Where a batch job goes, when it arrives (and, for training, when to
 * checkpoint: training.ts).
 *   naive: run whenever resources allow — the candidate with the fewest
 *     queued jobs, then the most free compute now, then the lowest index;
 *     blind to what comes next (eclipses, contacts).
 *   look-ahead: the candidate whose queue, with the job at its end, is
 *     forecast to finish earliest (batch.ts QueueForecast over the next H
 *     steps of predicted free compute and link capacity: eclipses, thermal
 *     and power limits and station contacts, all predictable from the
 *     orbits); the lowest index on ties; the naive choice when no
 *     candidate finishes within the window. Predicted power and contacts
 *     decide, as in energy-aware orbital schedulers (Denby & Lucia,
 *     ASPLOS 2020; Bisgaard et al. 2016/2019: day-ahead schedules from
 *     predicted power and eclipses): docs/reference/workload-sources.md §9.
 * Candidates: active satellites outside training groups (all active
 * satellites when every satellite is in a group).
 */
import type { BatchJobs, QueueForecast } from './batch';

/** The satellite for job j arriving in step q (−1: no active candidate). */
export function chooseSatellite(lookAhead: boolean, jobs: BatchJobs, j: number, q: number, v: SchedulerView): number {
  const naive = naiveChoice(jobs, q, v);
  if (!lookAhead || naive < 0) return naive;
  const f = v.queueForecast;
  let best = -1;
  let bestMs = Number.POSITIVE_INFINITY;
  const last = Math.min(v.lastRecorded, q + v.horizonSteps - 1);
  for (let i = 0; i < v.satellites; i++) {
    if (!v.isCandidate(i) || !v.activeAt(q, i)) continue;
    f.load(jobs, i, j);
    for (let s = q; s <= last; s++) {
      const t = v.tMsAt(s);
      if (t >= bestMs) break;
      const done = f.advance(t, v.dtSAt(s), v.freeAt(s, i), v.linkAt(s, i));
      if (done < bestMs) {
        bestMs = done;
        best = i;
      }
      if (!Number.isNaN(done)) break;
    }
  }
  return best >= 0 ? best : naive;
}

function naiveChoice(jobs: BatchJobs, q: number, v: SchedulerView): number {
  let best = -1;
  let bestQueued = Number.POSITIVE_INFINITY;
  let bestFree = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < v.satellites; i++) {
    if (!v.isCandidate(i) || !v.activeAt(q, i)) continue;
    const queued = jobs.queued[i];
    const free = v.freeAt(q, i);
    if (queued < bestQueued || (queued === bestQueued && free > bestFree)) {
      best = i;
      bestQueued = queued;
      bestFree = free;
    }
  }
  return best;
}

/** What the scheduler sees (scheduler.ts): free compute and link capacity of recorded steps. */
export interface SchedulerView {
  readonly satellites: number;
  readonly horizonSteps: number;
  readonly lastRecorded: number;
  isCandidate(i: number): boolean;
  tMsAt(s: number): number;
  dtSAt(s: number): number;
  freeAt(s: number, i: number): number;
  linkAt(s: number, i: number): number;
  activeAt(s: number, i: number): boolean;
  readonly queueForecast: QueueForecast;
}

