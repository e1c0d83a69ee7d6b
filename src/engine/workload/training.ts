/**
 * Synchronous data-parallel training by one group of p satellites.
 *   optimiser step: compute t_c = k·P·T / (p · F_min · MFU) — k FLOPs per
 *   token per parameter (6: Kaplan et al. 2020), P parameters, T tokens per
 *   step, F_min the slowest member's free compute (FLOP/s: a synchronous step
 *   waits for it), MFU the model FLOPs utilisation — then the gradient
 *   all-reduce t_a (all-reduce.ts); no overlap of the two (conservative).
 *   While training, a fraction t_c / (t_c + t_a) of the time computes.
 *   The group trains only while every member is active with free compute
 *   and the ring has a path; when it stops, the work since the last
 *   checkpoint is lost and it resumes after restartSeconds.
 *   Checkpoints every checkpointIntervalMinutes of training, each stalling
 *   checkpointSeconds; the look-ahead scheduler also checkpoints so that
 *   one ends when the group is predicted to stop (sunlight-aware:
 *   docs/reference/workload-sources.md §9).
 *   Delivered compute (Tflop·s) = compute time · p · F_min, counted when a
 *   checkpoint commits it (and at the end of the run); the per-step series
 *   is the compute done in the step, including work an interruption loses.
 *   Efficiency η = delivered / Σ (members' free compute · time): it is
 *   compute / (compute + communication + checkpoints + restarts + lost work
 *   + waiting for the slowest member or for the group to be whole), the
 *   time shares weighted by the members' free compute.
 * Units: s, Tflop/s, Tflop·s.
 */
import type { TrainingWorkload } from '../input/workload-schema';

/** Time and work totals of a training group over the run. */
export interface TrainingTotals {
  computeS: number;
  communicationS: number;
  checkpointS: number;
  restartS: number;
  /** Compute time whose work was lost to an interruption (s). */
  lostS: number;
  /** Interruptions (the group stopped while it had trained). */
  interruptions: number;
  /** Optimiser steps completed (fractional). */
  optimiserSteps: number;
  /** Delivered compute (Tflop·s) and the members' free compute over the run (Tflop·s). */
  deliveredTflopS: number;
  availableTflopS: number;
}

export function emptyTrainingTotals(): TrainingTotals {
  return { computeS: 0, communicationS: 0, checkpointS: 0, restartS: 0, lostS: 0, interruptions: 0, optimiserSteps: 0, deliveredTflopS: 0, availableTflopS: 0 };
}

/** A time span of a group's state, for the job timeline. */
export const GROUP_TRAINING = 1;
export const GROUP_DOWN = 0;

export class TrainingGroup {
  readonly totals = emptyTrainingTotals();
  /** FLOP of one optimiser step (Tflop). */
  private readonly stepTflop: number;
  private readonly intervalS: number;
  private readonly checkpointS: number;
  private readonly restartCostS: number;
  private readonly mfu: number;
  private up = false;
  private trained = false;
  private restartLeftS = 0;
  private checkpointLeftS = 0;
  /** Training time since the last checkpoint (s). */
  private sinceCheckpointS = 0;
  /** Compute time and work not yet committed by a checkpoint. */
  private uncommittedS = 0;
  private uncommittedTflopS = 0;
  private uncommittedSteps = 0;
  /** Computed in the current step (Tflop·s; the series: includes work a later interruption loses). */
  stepComputeTflopS = 0;

  constructor(
    w: TrainingWorkload,
    /** Members. */
    readonly p: number,
  ) {
    this.stepTflop = (w.flopsPerTokenPerParameter * w.parameters * w.tokensPerStep) / 1e12;
    this.intervalS = w.checkpointIntervalMinutes * 60;
    this.checkpointS = w.checkpointSeconds;
    this.restartCostS = w.restartSeconds;
    this.mfu = w.modelFlopsUtilisation;
  }

  /** Whether the group trained (was whole) in the last step. */
  get isUp(): boolean {
    return this.up;
  }

  /**
   * One step of `dtS`: `paceTflops` the slowest member's free compute (≤ 0: a
   * member cannot compute), `allReduceS` the step's all-reduce time (NaN:
   * no ring), `availableTflops` the members' summed free compute,
   * `secondsToStopS` when the group is predicted to stop (from the step's
   * start; +∞: not within the look-ahead, or a naive scheduler).
   * Returns the Tflop·s computed in this step.
   */
  step(dtS: number, paceTflops: number, allReduceS: number, availableTflops: number, secondsToStopS: number): number {
    const t = this.totals;
    t.availableTflopS += availableTflops * dtS;
    this.stepComputeTflopS = 0;
    if (!(paceTflops > 0) || !(allReduceS >= 0)) {
      if (this.up && this.trained) {
        // interrupted: the work since the last checkpoint is lost
        t.lostS += this.uncommittedS;
        t.interruptions++;
        this.uncommittedS = 0;
        this.uncommittedTflopS = 0;
        this.uncommittedSteps = 0;
        this.sinceCheckpointS = 0;
        this.checkpointLeftS = 0;
        this.restartLeftS = this.restartCostS;
      }
      this.up = false;
      return 0;
    }
    this.up = true;
    let tau = dtS;
    if (this.restartLeftS > 0) {
      const r = Math.min(tau, this.restartLeftS);
      t.restartS += r;
      this.restartLeftS -= r;
      tau -= r;
    }
    const computeS = this.stepTflop / (this.p * paceTflops * this.mfu);
    const share = computeS / (computeS + allReduceS);
    const tflops = this.p * paceTflops;
    while (tau > 0) {
      if (this.checkpointLeftS > 0) {
        const c = Math.min(tau, this.checkpointLeftS);
        t.checkpointS += c;
        this.checkpointLeftS -= c;
        tau -= c;
        if (this.checkpointLeftS <= 0) this.commit();
        continue;
      }
      // train until the periodic checkpoint, or until a checkpoint must start to end at the predicted stop
      let train = Math.min(tau, Math.max(0, this.intervalS - this.sinceCheckpointS));
      let early = false;
      const elapsed = dtS - tau;
      if (Number.isFinite(secondsToStopS)) {
        const latest = secondsToStopS - elapsed - this.checkpointS;
        if (latest < train) {
          train = Math.max(0, latest);
          early = true;
        }
      }
      if (train > 0) {
        const c = train * share;
        t.computeS += c;
        t.communicationS += train - c;
        this.uncommittedS += c;
        this.uncommittedTflopS += c * tflops;
        this.stepComputeTflopS += c * tflops;
        this.uncommittedSteps += train / (computeS + allReduceS);
        this.sinceCheckpointS += train;
        this.trained = true;
        tau -= train;
      }
      if (tau <= 0) break;
      if (this.sinceCheckpointS >= this.intervalS || (early && this.uncommittedS > this.checkpointS)) {
        this.sinceCheckpointS = 0;
        this.checkpointLeftS = this.checkpointS;
        if (this.checkpointS <= 0) this.commit();
      } else if (early) {
        // nothing worth saving before the stop: idle until it
        break;
      }
    }
    return this.stepComputeTflopS;
  }

  /** Commits what the run ends with (not lost: the run ends, the group does not stop). */
  finish(): void {
    this.commit();
  }

  private commit(): void {
    const t = this.totals;
    t.deliveredTflopS += this.uncommittedTflopS;
    t.optimiserSteps += this.uncommittedSteps;
    this.uncommittedS = 0;
    this.uncommittedTflopS = 0;
    this.uncommittedSteps = 0;
  }
}
