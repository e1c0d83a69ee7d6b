/**
 * Steady state and orbit swings of a run, from its constellation series
 * (output-types.ts SeriesColumns; each entry holds over its step
 * [tₙ, tₙ₊₁), the last step ending at the run's end e; steps without an
 * active satellite are left out). Times in ms, temperatures °C, data GB.
 *
 * Windows. P = the satellites' median orbital period (from the mean motion),
 * D = the run's length, k = max(1, ⌊D / (4P)⌋) whole orbits (a quarter of the
 * run at most), W = k·P; the last three windows before the end:
 *   A = [e − 3W, e − 2W), B = [e − 2W, e − W), C = [e − W, e).
 * Whole orbits, so the orbit's own swing (eclipse, passes) averages out of a
 * window mean x̄ = ∫ x dt / ∫ dt. Runs shorter than 3P are not checked.
 *
 * Sampling bound. A window edge cuts a step, and the series changes in steps
 * of Δt: a window mean of a periodic x is off by at most
 * (max − min of x over the window) · Δt / W, so a change between B and C
 * counts only beyond the bound 2 · range · Δt / W (range over B ∪ C).
 *
 * Trends (the thresholds, their reasons: docs/reference/run-alerts.md):
 *   state of charge  (C̄ − B̄) / k beyond ±0.005 of capacity per orbit (after
 *                    the sampling bound);
 *   radiator         (C̄ − B̄) / k beyond ±0.5 K per orbit, on the hottest
 *                    radiator node (series maxTemperatureC);
 *   storage backlog  growing in both B̄ − Ā and C̄ − B̄ by at least 25 % of the
 *                    data the run generates in a window (dataGeneratedGB · W / D):
 *                    downlink keeps up with less than 75 % of the output.
 *                    Passes make the backlog jump between orbits; asking for
 *                    two growing windows keeps such jumps out, and with
 *                    ground stations some satellite must be in contact in B
 *                    and in C (a backlog that grows through a gap between
 *                    passes is the gap, not a trend; with no station at all
 *                    it can only grow).
 *
 * Orbit swing: per orbit j from the start, [t₀ + jP, t₀ + (j+1)P) whole within
 * the run, max(hottest radiator) − min(coldest radiator); the first orbit is
 * left out when there are two or more (it holds the start-up transient from
 * the initial temperature), the whole run is used when there is none. Over
 * a constellation it spans the satellites too: for satellites on like orbits
 * that is one satellite's swing; for unlike orbits, an upper bound of it.
 */
import { MS_PER_DAY } from '../core/constants';
import type { SeriesColumns } from './output-types';

/** Trend thresholds (docs/reference/run-alerts.md "Steady state"). */
export const STATE_OF_CHARGE_TREND_PER_ORBIT = 0.005;
export const TEMPERATURE_TREND_K_PER_ORBIT = 0.5;
/** Backlog growth per window, as a share of the data generated in a window. */
export const BACKLOG_GROWTH_SHARE = 0.25;

export interface SteadyState {
  /** False: the run is shorter than three orbits (nothing else is set). */
  checked: boolean;
  /** Median orbital period (ms) and the window: k whole orbits, W = k·P (ms). */
  periodMs: number;
  orbitsPerWindow: number;
  windowMs: number;
  /** Mean state of charge change per orbit (fraction of capacity), when beyond the threshold; else null. */
  stateOfChargePerOrbit: number | null;
  /** Hottest radiator's mean change per orbit (K), when beyond the threshold; else null. */
  temperaturePerOrbitK: number | null;
  /** Backlog growth (GB/day) from B to C, when growing beyond the threshold; else null. */
  backlogGrowthGBPerDay: number | null;
}

interface WindowStats {
  mean: number;
  min: number;
  max: number;
  /** Active time covered (ms). */
  covered: number;
}

/** Mean, min and max of column x over [a, b) (ms), steps piecewise constant, inactive steps left out. */
export function windowStats(s: SeriesColumns, x: Float64Array, endMs: number, a: number, b: number): WindowStats {
  const t = s.timeMs;
  const K = t.length;
  let sum = 0;
  let covered = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  // First step that can reach into [a, b): the last with tₙ ≤ a (times increase).
  let lo = 0;
  let hi = K - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (t[mid] <= a) lo = mid;
    else hi = mid - 1;
  }
  for (let n = lo; n < K; n++) {
    const t0 = t[n];
    const t1 = n + 1 < K ? t[n + 1] : endMs;
    if (t1 <= a) continue;
    if (t0 >= b) break;
    if (!(s.activeSatellites[n] > 0)) continue;
    const w = Math.min(t1, b) - Math.max(t0, a);
    if (!(w > 0)) continue;
    sum += x[n] * w;
    covered += w;
    if (x[n] < min) min = x[n];
    if (x[n] > max) max = x[n];
  }
  return { mean: covered > 0 ? sum / covered : 0, min, max, covered };
}

/** Median of the periods (ms) of satellites with a positive mean motion (rev/day); 0 when none. */
export function medianPeriodMs(meanMotionRevPerDay: readonly number[]): number {
  const p = meanMotionRevPerDay.filter((n) => n > 0).map((n) => MS_PER_DAY / n).sort((x, y) => x - y);
  if (p.length === 0) return 0;
  const m = p.length >> 1;
  return p.length % 2 ? p[m] : (p[m - 1] + p[m]) / 2;
}

/**
 * The steady-state check (see header). `stepMs`: the run's step (the sampling
 * bound); `batteryJ`: battery capacity (> 0 to check the state of charge);
 * `generatedGB`: data generated over the run; `stations`: ground stations.
 */
export function steadyState(
  s: SeriesColumns,
  startMs: number,
  endMs: number,
  stepMs: number,
  periodMs: number,
  batteryJ: number,
  generatedGB: number,
  stations: number,
): SteadyState {
  const D = endMs - startMs;
  const none: SteadyState = { checked: false, periodMs, orbitsPerWindow: 0, windowMs: 0, stateOfChargePerOrbit: null, temperaturePerOrbitK: null, backlogGrowthGBPerDay: null };
  if (!(periodMs > 0) || D < 3 * periodMs) return none;
  const k = Math.max(1, Math.floor(D / (4 * periodMs)));
  const W = k * periodMs;
  const e = endMs;
  const trend = (x: Float64Array, perOrbit: number): number | null => {
    const B = windowStats(s, x, e, e - 2 * W, e - W);
    const C = windowStats(s, x, e, e - W, e);
    if (!(B.covered > 0 && C.covered > 0)) return null;
    const range = Math.max(B.max, C.max) - Math.min(B.min, C.min);
    const bound = (2 * range * stepMs) / W;
    const d = C.mean - B.mean;
    return Math.abs(d) - bound > perOrbit * k ? d / k : null;
  };
  const A = windowStats(s, s.storedDataGB, e, e - 3 * W, e - 2 * W);
  const B = windowStats(s, s.storedDataGB, e, e - 2 * W, e - W);
  const C = windowStats(s, s.storedDataGB, e, e - W, e);
  const perWindowGB = (generatedGB * W) / D;
  const contact = (a: number, b: number) => stations === 0 || windowStats(s, s.satellitesInContact, e, a, b).max > 0;
  const growing =
    perWindowGB > 0 &&
    A.covered > 0 &&
    B.mean - A.mean >= BACKLOG_GROWTH_SHARE * perWindowGB &&
    C.mean - B.mean >= BACKLOG_GROWTH_SHARE * perWindowGB &&
    contact(e - 2 * W, e - W) &&
    contact(e - W, e);
  return {
    checked: true,
    periodMs,
    orbitsPerWindow: k,
    windowMs: W,
    stateOfChargePerOrbit: batteryJ > 0 ? trend(s.meanStateOfCharge, STATE_OF_CHARGE_TREND_PER_ORBIT) : null,
    temperaturePerOrbitK: trend(s.maxTemperatureC, TEMPERATURE_TREND_K_PER_ORBIT),
    backlogGrowthGBPerDay: growing ? ((C.mean - B.mean) / W) * MS_PER_DAY : null,
  };
}

export interface OrbitSwing {
  /** Largest max(hottest) − min(coldest) over an orbit (K). */
  swingK: number;
  hottestC: number;
  coldestC: number;
  /** Start of that orbit (ms). */
  orbitStartMs: number;
}

/** The largest radiator temperature swing over an orbit (see header); null without active steps. */
export function orbitSwing(s: SeriesColumns, startMs: number, endMs: number, periodMs: number): OrbitSwing | null {
  const whole = periodMs > 0 ? Math.floor((endMs - startMs) / periodMs) : 0;
  let best: OrbitSwing | null = null;
  const consider = (a: number, b: number): void => {
    const hot = windowStats(s, s.maxTemperatureC, endMs, a, b);
    const cold = windowStats(s, s.minTemperatureC, endMs, a, b);
    if (!(hot.covered > 0)) return;
    const swing = hot.max - cold.min;
    if (!best || swing > best.swingK) best = { swingK: swing, hottestC: hot.max, coldestC: cold.min, orbitStartMs: a };
  };
  if (whole === 0) consider(startMs, endMs);
  for (let j = whole >= 2 ? 1 : 0; j < whole; j++) consider(startMs + j * periodMs, startMs + (j + 1) * periodMs);
  return best;
}
