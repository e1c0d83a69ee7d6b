/**
 * The one time grid of a run. Every caller that counts steps or turns a step
 * into a time uses it: the engine's two phases, the scenario validator, the
 * CLI, the workers and the app.
 *
 *   t₀ = startUtc (integer ms), Δt = round(stepSeconds · 1000) ms,
 *   t_end = t₀ + round(durationHours · 3.6e6) ms,
 *   K = ⌈(t_end − t₀) / Δt⌉ steps; sample n at tₙ = min(t₀ + n·Δt, t_end), n = 0 … K
 *   (the terminal sample, at t_end, serves events only; the last step may be shorter).
 *
 * Positions come from SGP4 knots every `knotEvery` samples (see knots.ts).
 *
 * Geometry samples (phase A: positions, events, array output, absorbed heat,
 * links) are at most MAX_SAMPLE_MS apart whatever the step: a step longer
 * than that is split into m = ⌈Δt / MAX_SAMPLE_MS⌉ equal samples
 * (sampleGrid), so sample n·m is step n's start. The node models (power, thermal, storage) step at Δt on the means
 * of their inputs over the step's samples; events and link time do not
 * depend on the step.
 */
import { MS_PER_HOUR } from '../core/constants';
import { parseUtcMs } from '../core/time';
import { DEFAULT_KNOT_SPACING_S } from './knots';

/** What the grid is made of: the scenario's time fields. */
export interface GridTimes {
  startUtc: string;
  durationHours: number;
  stepSeconds: number;
}

export interface SampleGrid {
  startMs: number;
  stepMs: number;
  endMs: number;
  /** SGP4 knots every this many samples; samples between are cubic-Hermite interpolated. 1 = SGP4 at every sample. */
  knotEvery: number;
}

/** The run's time grid, shared by both phases. */
export interface RunGrid extends SampleGrid {
  /** Steps (series entries); samples are K + 1 with the terminal one at endMs. */
  K: number;
}

/**
 * Longest interval between geometry samples (ms). The detectors' margins
 * (hidden short intervals, interval-detector.ts) are tuned for samples up to
 * a minute; the event sets of 600 s, 1,800 s and 3,600 s steps equal those of
 * 10 s steps (test/engine/run/step-independence.test.ts).
 */
export const MAX_SAMPLE_MS = 60_000;

/** Samples per step: m = ⌈Δt / MAX_SAMPLE_MS⌉ (1 for steps up to a minute). */
export function samplesPerStep(stepMs: number): number {
  return Math.max(1, Math.ceil(stepMs / MAX_SAMPLE_MS));
}

/** The geometry samples of a run: a run grid of its own (K = sample steps) and how many make one step. */
export interface SampleRunGrid extends RunGrid {
  /** Samples per step of the run grid (sample n·perStep starts step n). */
  perStep: number;
}

/**
 * The geometry sample grid of run grid `g`: Δt / m apart (a fraction of a
 * millisecond when m does not divide Δt: sample times are not rounded),
 * ⌈horizon / (Δt/m)⌉ samples, knots re-derived for the finer spacing.
 */
export function sampleGrid(g: RunGrid, maxKnotSpacingS = DEFAULT_KNOT_SPACING_S): SampleRunGrid {
  const perStep = samplesPerStep(g.stepMs);
  if (perStep === 1) return { ...g, perStep };
  const stepMs = g.stepMs / perStep;
  const knotEvery = maxKnotSpacingS > 0 ? Math.max(1, Math.floor((maxKnotSpacingS * 1000) / stepMs)) : 1;
  // Samples (K): m per whole step, and of the last, shorter step as many as it needs.
  const K = (g.K - 1) * perStep + Math.ceil((g.endMs - (g.startMs + (g.K - 1) * g.stepMs)) / stepMs);
  return { startMs: g.startMs, stepMs, endMs: g.endMs, knotEvery, K, perStep };
}

export function runGrid(times: GridTimes, maxKnotSpacingS = DEFAULT_KNOT_SPACING_S): RunGrid {
  const startMs = parseUtcMs(times.startUtc);
  const stepMs = stepMsOf(times);
  const endMs = startMs + horizonMsOf(times);
  const knotEvery = maxKnotSpacingS > 0 ? Math.max(1, Math.floor((maxKnotSpacingS * 1000) / stepMs)) : 1;
  return { startMs, stepMs, endMs, knotEvery, K: stepCount(times) };
}

/** Δt (ms): the step rounded to whole milliseconds. */
export function stepMsOf(times: Pick<GridTimes, 'stepSeconds'>): number {
  return Math.round(times.stepSeconds * 1000);
}

/** t_end − t₀ (ms). */
export function horizonMsOf(times: Pick<GridTimes, 'durationHours'>): number {
  return Math.round(times.durationHours * MS_PER_HOUR);
}

/** Number of steps (series entries) of a run, K = ⌈(t_end − t₀) / Δt⌉ (needs no valid start). */
export function stepCount(times: Pick<GridTimes, 'durationHours' | 'stepSeconds'>): number {
  return Math.ceil(horizonMsOf(times) / stepMsOf(times));
}

/** Time (ms) of sample n on the grid: min(start + n·step, end). */
export function sampleTimeMs(g: SampleGrid, n: number): number {
  return Math.min(g.startMs + n * g.stepMs, g.endMs);
}

/** Index of the step holding time t (clamped to 0 … K − 1). */
export function stepIndexAt(g: RunGrid, timeMs: number): number {
  const k = Math.floor((timeMs - g.startMs) / g.stepMs);
  return k < 0 ? 0 : k >= g.K ? g.K - 1 : k;
}
