/**
 * Simulation clock: integer milliseconds since the Unix epoch (UTC), advanced
 * by real time × warp while playing, clamped to the analysis horizon
 * [startMs, endMs] (the engine's run grid, orbit/run-grid.ts). Reaching the
 * end pauses. Steps of a time are the grid's stepIndexAt.
 */
export const MIN_WARP = 1;
export const MAX_WARP = 100_000;
export const WARP_STEPS = [1, 2, 5, 10, 30, 60, 100, 300, 600, 1000, 3000, 10_000, 30_000, 100_000] as const;

export class SimClock {
  timeMs = 0;
  startMs = 0;
  endMs = 0;
  playing = false;
  /** Bumped whenever the time jumps (seek, new horizon), so instants computed for the old time line are not blended with new ones. */
  epoch = 0;
  private warpValue = 100;
  /** Sub-millisecond remainder carried between ticks so slow warps do not stall. */
  private carry = 0;

  get warp(): number {
    return this.warpValue;
  }

  set warp(w: number) {
    this.warpValue = Math.min(MAX_WARP, Math.max(MIN_WARP, Number.isFinite(w) ? w : 1));
  }

  /** Sets the horizon; keeps the current time when it is inside, else jumps to the start. */
  setHorizon(startMs: number, endMs: number): void {
    const inside = this.timeMs >= startMs && this.timeMs <= endMs && this.startMs === startMs;
    this.startMs = startMs;
    this.endMs = endMs;
    if (!inside) {
      this.timeMs = startMs;
      this.epoch++;
    }
  }

  /** Advances by `realDtMs` of wall time; returns true when the time changed. */
  tick(realDtMs: number): boolean {
    if (!this.playing) return false;
    const adv = realDtMs * this.warpValue + this.carry;
    const whole = Math.floor(adv);
    this.carry = adv - whole;
    const before = this.timeMs;
    this.timeMs = Math.min(this.endMs, before + whole);
    if (this.timeMs >= this.endMs) this.playing = false;
    return this.timeMs !== before;
  }

  seek(timeMs: number): void {
    this.timeMs = Math.round(Math.min(this.endMs, Math.max(this.startMs, timeMs)));
    this.carry = 0;
    this.epoch++;
  }

  jumpToStart(): void {
    this.seek(this.startMs);
  }

  /** Starts playing; from the start when at the end. */
  play(): void {
    if (this.timeMs >= this.endMs) {
      this.timeMs = this.startMs;
      this.epoch++;
    }
    this.playing = true;
  }

  pause(): void {
    this.playing = false;
  }
}

/** Nearest allowed warp step at or below `w` (for the select). */
export function snapWarp(w: number): number {
  let best: number = WARP_STEPS[0];
  for (const s of WARP_STEPS) if (s <= w) best = s;
  return best;
}
