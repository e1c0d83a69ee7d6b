/**
 * Intervals of a switching function, sampled (Orekit's event detection,
 * without the detector itself: see eclipse-detector.ts, contact-detector.ts).
 *
 * Per "pair" (a satellite, or a satellite–station pair) a continuous g(t) is
 * sampled at common times (ms); g ≥ 0 means inside the interval (in eclipse,
 * in contact). A sign change between samples is refined by findRoot to
 * ROOT_TOLERANCE_MS, so event times do not depend on the step. Intervals
 * shorter than a step are caught too: when three samples show a local
 * maximum of g near zero (a parabola through them peaks above
 * −extremumMargin), the maximum is located by Brent's search and, if it
 * crosses zero, both roots are refined. A caller that proves g keeps its sign
 * for a while (the detectors' check interval) stops sampling and calls
 * reset(); intervals stay open across such a gap. Intervals open at the
 * horizon's ends are clipped to it.
 */
import { findRoot, maximise, type PairFunction } from './root-finding';

/** Tolerance of the search for a hidden interval's peak (ms). */
export const HIDDEN_SEARCH_TOLERANCE_MS = 200;
/** Tolerance of the search for the peak of g inside an interval (ms). */
export const PEAK_TOLERANCE_MS = 500;

/**
 * How far below zero a parabola through three samples may peak and still be
 * searched for an interval shorter than the step, in switching-function units
 * (cos-angle for eclipses, sin-elevation for contacts). The parabola's error
 * grows with the step, so the margin does too: 0.024 (≈1.4°) at 60 s.
 */
export function hiddenIntervalMargin(stepS: number): number {
  return Math.max(0.01, 0.0004 * stepS);
}


/** `peak`: largest g inside the interval (samples and refined local maxima), when peaks are tracked. */
export type IntervalHandler = (pair: number, startMs: number, endMs: number, peak: number) => void;

/**
 * Detects intervals where g ≥ 0 for many pairs sampled at common times.
 * State per pair lives in typed arrays allocated once.
 */
export class IntervalDetector {
  private readonly g1: Float64Array;
  private readonly g2: Float64Array;
  private readonly openStartMs: Float64Array;
  private readonly samples: Uint32Array;
  private readonly peak: Float64Array | null;
  private t1 = Number.NaN;
  private t2 = Number.NaN;
  private now = Number.NaN;
  private readonly scratch = new Float64Array(1);

  /**
   * @param count number of pairs
   * @param g switching function for refinement
   * @param onInterval called once per interval, in order of end time per pair
   * @param extremumMargin how far below zero (in g's units) a sampled local
   *   maximum may sit and still be searched for a hidden short interval
   * @param trackPeak refine each local maximum inside an interval as soon as
   *   three samples show it (so only the last two steps are ever evaluated)
   */
  constructor(
    readonly count: number,
    private readonly g: PairFunction,
    private readonly onInterval: IntervalHandler,
    private readonly extremumMargin: number,
    trackPeak = false,
  ) {
    this.peak = trackPeak ? new Float64Array(count) : null;
    this.g1 = new Float64Array(count);
    this.g2 = new Float64Array(count);
    this.openStartMs = new Float64Array(count).fill(Number.NaN);
    this.samples = new Uint32Array(count);
  }

  /** Marks the start of a sampling epoch shared by all pairs. */
  beginSample(timeMs: number): void {
    this.t2 = this.t1;
    this.t1 = this.now;
    this.now = timeMs;
  }

  /** Feeds g(pair, now). NaN (pair inactive) closes any open interval at the previous sample. */
  sample(pair: number, value: number): void {
    const n = this.samples[pair];
    const t = this.now;
    if (Number.isNaN(value)) {
      if (!Number.isNaN(this.openStartMs[pair])) {
        this.onInterval(pair, this.openStartMs[pair], this.t1, this.peak ? this.peak[pair] : Number.NaN);
        this.openStartMs[pair] = Number.NaN;
      }
      this.samples[pair] = 0;
      return;
    }
    if (n === 0) {
      const open = !Number.isNaN(this.openStartMs[pair]);
      if (value >= 0) {
        if (!open) {
          this.openStartMs[pair] = t;
          if (this.peak) this.peak[pair] = value;
        } else if (this.peak && value > this.peak[pair]) this.peak[pair] = value;
      } else if (open) {
        // Resumed after a skip that should have stayed inside: close here (never expected).
        this.onInterval(pair, this.openStartMs[pair], t, this.peak ? this.peak[pair] : Number.NaN);
        this.openStartMs[pair] = Number.NaN;
      }
    } else {
      const prev = this.g1[pair];
      const tPrev = this.t1;
      const pk = this.peak;
      if (pk) {
        // A local maximum of the samples inside an interval: refine it now, while
        // its neighbourhood is still in the current step's reach.
        if (value >= 0 && value > pk[pair]) pk[pair] = value;
        if (n >= 2 && prev >= 0 && prev >= this.g2[pair] && prev >= value) {
          maximise(this.g, pair, this.t2, t, this.scratch, PEAK_TOLERANCE_MS);
          if (this.scratch[0] > pk[pair]) pk[pair] = this.scratch[0];
        }
      }
      if (prev >= 0 !== value >= 0) {
        const root = findRoot(this.g, pair, tPrev, prev, t, value);
        if (value >= 0) {
          this.openStartMs[pair] = root;
          if (pk) pk[pair] = value;
        } else {
          this.onInterval(pair, this.openStartMs[pair], root, this.peak ? this.peak[pair] : Number.NaN);
          this.openStartMs[pair] = Number.NaN;
        }
      } else if (n >= 2 && value < 0 && prev < 0) {
        const prev2 = this.g2[pair];
        if (prev2 < 0 && prev > prev2 && prev >= value) this.checkHiddenInterval(pair, this.t2, prev2, tPrev, prev, t, value);
      }
    }
    this.g2[pair] = this.g1[pair];
    this.g1[pair] = value;
    this.samples[pair] = n + 1;
  }

  private checkHiddenInterval(pair: number, ta: number, ga: number, tb: number, gb: number, tc: number, gc: number): void {
    // Parabola through the three samples; its vertex estimates the maximum.
    const d1 = (gb - ga) / (tb - ta);
    const d2 = (gc - gb) / (tc - tb);
    const curv = (d2 - d1) / (tc - ta);
    let vertex = gb;
    if (curv < 0) {
      const tv = 0.5 * (ta + tb) - d1 / (2 * curv);
      vertex = ga + d1 * (tv - ta) + curv * (tv - ta) * (tv - tb);
    }
    if (vertex < -this.extremumMargin) return;
    // Only the sign of the maximum matters here; roots are refined to ROOT_TOLERANCE_MS below.
    const tm = maximise(this.g, pair, ta, tc, this.scratch, HIDDEN_SEARCH_TOLERANCE_MS);
    const gm = this.scratch[0];
    if (!(gm >= 0)) return;
    const start = findRoot(this.g, pair, ta, ga, tm, gm);
    const end = findRoot(this.g, pair, tm, gm, tc, gc);
    this.onInterval(pair, start, end, gm);
  }

  /**
   * Forgets the samples of a pair before a span in which the caller has
   * proved g keeps its sign and skips sampling it. An open interval stays
   * open across the span (sampling resumes inside it).
   */
  reset(pair: number): void {
    this.samples[pair] = 0;
  }

  /** True while the pair is inside an interval. */
  isOpen(pair: number): boolean {
    return !Number.isNaN(this.openStartMs[pair]);
  }

  /** Closes intervals still open at the horizon's end `endMs`. */
  finish(endMs: number): void {
    for (let p = 0; p < this.count; p++) {
      if (!Number.isNaN(this.openStartMs[p])) {
        this.onInterval(p, this.openStartMs[p], endMs, this.peak ? this.peak[p] : Number.NaN);
        this.openStartMs[p] = Number.NaN;
      }
    }
  }
}
