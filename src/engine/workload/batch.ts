/**
 * Batch jobs: data up, compute, results down, due a deadline after arrival.
 *   A job runs on one satellite, in three stages one after the other:
 *   up (dataUpGB over the satellite's ground link), compute
 *   (computePflopHours at the satellite's free compute), down
 *   (resultsDownGB over the ground link). A satellite runs its jobs one at a
 *   time, first assigned first. Within a step of dt a stage takes
 *   need / rate, rate = link capacity of the step / dt (GB/s; the station
 *   antenna's or a relay's, network/downlink.ts, shared by up and down) or
 *   free compute (Tflop/s); the time left goes to the next stage or job.
 *   Complete when its results are down; missed when that is after its
 *   deadline (or the run ends past the deadline without it).
 * Where a job goes is the scheduler's choice (scheduler.ts). Jobs are kept
 * as structure-of-arrays; a satellite's queue is a linked list.
 * Units: GB, Tflop·s, s; times ms since the Unix epoch.
 */
import type { BatchWorkload } from '../input/workload-schema';
import { TFLOP_S_PER_PFLOP_HOUR, type BatchJobRow, type BatchReport } from './workload-report';

export const STAGE_WAITING = 0;
export const STAGE_UP = 1;
export const STAGE_COMPUTE = 2;
export const STAGE_DOWN = 3;
export const STAGE_DONE = 4;

export class BatchJobs {
  readonly count: number;
  /** Workload index of each job. */
  readonly workload: Int32Array;
  readonly arrivalMs: Float64Array;
  readonly deadlineMs: Float64Array;
  /** Assigned satellite (−1: not yet). */
  readonly satellite: Int32Array;
  readonly stage: Uint8Array;
  /** What is left of each stage. */
  readonly upGB: Float64Array;
  readonly computeTflopS: Float64Array;
  readonly downGB: Float64Array;
  /** When each stage started and when the job completed (NaN: not yet). */
  readonly upStartMs: Float64Array;
  readonly computeStartMs: Float64Array;
  readonly downStartMs: Float64Array;
  readonly doneMs: Float64Array;
  /** Next job in the same satellite's queue (−1: last). */
  readonly next: Int32Array;
  /** Queue head and tail per satellite (−1: empty) and queued job count. */
  readonly head: Int32Array;
  readonly tail: Int32Array;
  readonly queued: Int32Array;
  /** Jobs in order of arrival. */
  readonly byArrival: Int32Array;

  constructor(workloads: readonly BatchWorkload[], startMs: number, n: number) {
    const total = workloads.reduce((s, w) => s + w.jobs, 0);
    this.count = total;
    this.workload = new Int32Array(total);
    this.arrivalMs = new Float64Array(total);
    this.deadlineMs = new Float64Array(total);
    this.satellite = new Int32Array(total).fill(-1);
    this.stage = new Uint8Array(total);
    this.upGB = new Float64Array(total);
    this.computeTflopS = new Float64Array(total);
    this.downGB = new Float64Array(total);
    this.upStartMs = new Float64Array(total).fill(Number.NaN);
    this.computeStartMs = new Float64Array(total).fill(Number.NaN);
    this.downStartMs = new Float64Array(total).fill(Number.NaN);
    this.doneMs = new Float64Array(total).fill(Number.NaN);
    this.next = new Int32Array(total).fill(-1);
    this.head = new Int32Array(n).fill(-1);
    this.tail = new Int32Array(n).fill(-1);
    this.queued = new Int32Array(n);
    let j = 0;
    workloads.forEach((w, wi) => {
      for (let k = 0; k < w.jobs; k++, j++) {
        this.workload[j] = wi;
        this.arrivalMs[j] = startMs + Math.round((w.firstArrivalHours + k * w.intervalHours) * 3_600_000);
        this.deadlineMs[j] = this.arrivalMs[j] + Math.round(w.deadlineHours * 3_600_000);
        this.upGB[j] = w.dataUpGB;
        this.computeTflopS[j] = w.computePflopHours * 1000 * 3600;
        this.downGB[j] = w.resultsDownGB;
      }
    });
    this.byArrival = Int32Array.from({ length: total }, (_, i) => i).sort((a, b) => this.arrivalMs[a] - this.arrivalMs[b] || a - b);
  }

  /** Puts job j at the end of satellite i's queue. */
  assign(j: number, i: number): void {
    this.satellite[j] = i;
    this.stage[j] = STAGE_UP;
    if (this.tail[i] < 0) this.head[i] = j;
    else this.next[this.tail[i]] = j;
    this.tail[i] = j;
    this.queued[i]++;
  }

  /**
   * Runs satellite i's queue over the step [tMs, tMs + dtS) with `freeTflops`
   * of compute and `linkGB` of link capacity; returns the compute used (Tflop·s).
   */
  advance(i: number, tMs: number, dtS: number, freeTflops: number, linkGB: number): number {
    const linkGBps = linkGB / dtS;
    let tau = dtS;
    let used = 0;
    for (let j = this.head[i]; j >= 0 && tau > 0; ) {
      const now = tMs + (dtS - tau) * 1000;
      const stage = this.stage[j];
      if (stage === STAGE_UP) {
        if (Number.isNaN(this.upStartMs[j])) this.upStartMs[j] = now;
        if (this.upGB[j] > 0) {
          if (!(linkGBps > 0)) break;
          const need = this.upGB[j] / linkGBps;
          const take = need < tau ? need : tau;
          this.upGB[j] = need <= tau ? 0 : this.upGB[j] - take * linkGBps;
          tau -= take;
          if (this.upGB[j] > 0) break;
        }
        this.stage[j] = STAGE_COMPUTE;
      } else if (stage === STAGE_COMPUTE) {
        if (Number.isNaN(this.computeStartMs[j])) this.computeStartMs[j] = now;
        if (!(freeTflops > 0)) break;
        const need = this.computeTflopS[j] / freeTflops;
        const take = need < tau ? need : tau;
        this.computeTflopS[j] = need <= tau ? 0 : this.computeTflopS[j] - take * freeTflops;
        used += take * freeTflops;
        tau -= take;
        if (this.computeTflopS[j] > 0) break;
        this.stage[j] = STAGE_DOWN;
      } else {
        if (Number.isNaN(this.downStartMs[j])) this.downStartMs[j] = now;
        if (this.downGB[j] > 0) {
          if (!(linkGBps > 0)) break;
          const need = this.downGB[j] / linkGBps;
          const take = need < tau ? need : tau;
          this.downGB[j] = need <= tau ? 0 : this.downGB[j] - take * linkGBps;
          tau -= take;
          if (this.downGB[j] > 0) break;
        }
        this.stage[j] = STAGE_DONE;
        this.doneMs[j] = tMs + (dtS - tau) * 1000;
        this.head[i] = this.next[j];
        if (this.head[i] < 0) this.tail[i] = -1;
        this.queued[i]--;
        j = this.head[i];
      }
    }
    return used;
  }
}

/** Completion time (ms) forecast for a queue (what is left of each stage, in order), over forecast steps. */
export class QueueForecast {
  private readonly up: Float64Array;
  private readonly compute: Float64Array;
  private readonly down: Float64Array;
  private length = 0;

  constructor(maxJobs: number) {
    this.up = new Float64Array(maxJobs + 1);
    this.compute = new Float64Array(maxJobs + 1);
    this.down = new Float64Array(maxJobs + 1);
  }

  /** Loads satellite i's queue from `jobs` plus a new job j at its end. */
  load(jobs: BatchJobs, i: number, j: number): void {
    let q = 0;
    for (let k = jobs.head[i]; k >= 0; k = jobs.next[k], q++) {
      this.up[q] = jobs.stage[k] <= STAGE_UP ? jobs.upGB[k] : 0;
      this.compute[q] = jobs.stage[k] <= STAGE_COMPUTE ? jobs.computeTflopS[k] : 0;
      this.down[q] = jobs.downGB[k];
    }
    this.up[q] = jobs.upGB[j];
    this.compute[q] = jobs.computeTflopS[j];
    this.down[q] = jobs.downGB[j];
    this.length = q + 1;
  }

  /**
   * Runs the loaded queue over one forecast step; returns the time (ms) the
   * last job's results are down, or NaN when it is not done by the step's end.
   */
  advance(tMs: number, dtS: number, freeTflops: number, linkGB: number): number {
    const linkGBps = linkGB / dtS;
    let tau = dtS;
    for (let q = 0; q < this.length && tau > 0; q++) {
      if (this.up[q] > 0) {
        if (!(linkGBps > 0)) return Number.NaN;
        const need = this.up[q] / linkGBps;
        if (need > tau) {
          this.up[q] -= tau * linkGBps;
          return Number.NaN;
        }
        this.up[q] = 0;
        tau -= need;
      }
      if (this.compute[q] > 0) {
        if (!(freeTflops > 0)) return Number.NaN;
        const need = this.compute[q] / freeTflops;
        if (need > tau) {
          this.compute[q] -= tau * freeTflops;
          return Number.NaN;
        }
        this.compute[q] = 0;
        tau -= need;
      }
      if (this.down[q] > 0) {
        if (!(linkGBps > 0)) return Number.NaN;
        const need = this.down[q] / linkGBps;
        if (need > tau) {
          this.down[q] -= tau * linkGBps;
          return Number.NaN;
        }
        this.down[q] = 0;
        tau -= need;
      }
      if (q === this.length - 1) return tMs + (dtS - tau) * 1000;
    }
    return Number.NaN;
  }
}

/** The jobs as report rows and per-workload summaries; `runEndMs` decides missed (deadline within the run) from open. */
export function batchReport(J: BatchJobs, workloads: readonly BatchWorkload[], runEndMs: number): { jobs: BatchJobRow[]; batch: BatchReport[] } {
  const jobs: BatchJobRow[] = [];
  const agg = workloads.map(() => ({ completed: 0, missed: 0, open: 0, tflopS: 0 }));
  const nullIfNaN = (x: number): number | null => (Number.isNaN(x) ? null : x);
  for (let j = 0; j < J.count; j++) {
    const wi = J.workload[j];
    const done = !Number.isNaN(J.doneMs[j]);
    const outcome: BatchJobRow['outcome'] = done ? (J.doneMs[j] <= J.deadlineMs[j] ? 'done' : 'late') : J.deadlineMs[j] <= runEndMs ? 'missed' : 'open';
    const a = agg[wi];
    if (done) a.completed++;
    if (outcome === 'late' || outcome === 'missed') a.missed++;
    if (outcome === 'open') a.open++;
    a.tflopS += workloads[wi].computePflopHours * TFLOP_S_PER_PFLOP_HOUR - J.computeTflopS[j];
    jobs.push({
      workload: workloads[wi].name,
      satellite: J.satellite[j] >= 0 ? J.satellite[j] : null,
      arrivalMs: J.arrivalMs[j],
      deadlineMs: J.deadlineMs[j],
      upStartMs: nullIfNaN(J.upStartMs[j]),
      computeStartMs: nullIfNaN(J.computeStartMs[j]),
      downStartMs: nullIfNaN(J.downStartMs[j]),
      doneMs: nullIfNaN(J.doneMs[j]),
      outcome,
    });
  }
  const batch = workloads.map((b, wi) => ({ name: b.name, completed: agg[wi].completed, missed: agg[wi].missed, open: agg[wi].open, deliveredPflopHours: agg[wi].tflopS / TFLOP_S_PER_PFLOP_HOUR }));
  return { jobs, batch };
}
