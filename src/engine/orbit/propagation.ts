/**
 * Orbit propagation with satellite.js SGP4. Bulk work goes through the WASM
 * `BulkPropagator` (many satellites × a chunk of knot times per call), with
 * cubic Hermite interpolation between knots when the step is finer than the
 * knot spacing; single-time evaluations (event refinement, live view) use the
 * JS `sgp4`.
 * Frame: TEME; positions km, velocities km/s. A propagation error code
 * (e.g. 6 = decayed) marks the satellite failed from that time on.
 */
import {
  BulkPropagator,
  createSingleThreadRuntime,
  EciBaseCalculator,
  GmstCalculator,
  gstime,
  sgp4,
  ShadowFractionCalculator,
  SunPositionCalculator,
  sunPos,
  type SatRec,
} from 'satellite.js';
import { julianDateFromMs } from '../core/time';
import { sampleTimeMs, type SampleGrid } from './run-grid';
type SingleThreadRuntime = Awaited<ReturnType<typeof createSingleThreadRuntime>>;

let runtimePromise: Promise<SingleThreadRuntime> | undefined;

/** The WASM runtime, created once per process / worker and reused. */
export function wasmRuntime(): Promise<SingleThreadRuntime> {
  runtimePromise ??= createSingleThreadRuntime();
  return runtimePromise;
}

/** Live count of undisposed bulk propagators (leak check in tests). */
let livePropagators = 0;
export function livePropagatorCount(): number {
  return livePropagators;
}

/** Element epoch (ms since Unix epoch) of a satellite.js record. */
export function satrecEpochMs(rec: SatRec): number {
  return (rec.jdsatepoch - 2440587.5) * 86_400_000;
}

/**
 * SGP4 position/velocity at `timeMs` into `out` [x, y, z, vx, vy, vz]
 * (TEME, km, km/s). Returns false when SGP4 reports an error.
 */
export function propagateAt(rec: SatRec, epochMs: number, timeMs: number, out: Float64Array): boolean {
  const pv = sgp4(rec, (timeMs - epochMs) / 60_000);
  if (!pv || rec.error !== 0) return false;
  const p = pv.position;
  const v = pv.velocity;
  out[0] = p.x;
  out[1] = p.y;
  out[2] = p.z;
  out[3] = v.x;
  out[4] = v.y;
  out[5] = v.z;
  return Number.isFinite(p.x) && Number.isFinite(p.y) && Number.isFinite(p.z);
}

/**
 * What a run of samples needs to compute positions: the SGP4 knots and, per
 * sample, the Hermite basis between two of them (satellite i at step k:
 * p = A p₀ + B v₀ + C p₁ + D v₁ from knots i · knotCount + basisKnot[k] and
 * the next; SGP4 error code: knot a's, else knot b's), plus the Sun and GMST.
 */
export interface SampleChunk {
  steps: number;
  /** Sun position (AU, TEME of date), 3 per step. */
  sunAu: Float64Array;
  /** GMST (rad) per step. */
  gmstRad: Float64Array;
  /**
   * The SGP4 knots of the run (views into WASM memory, valid until the next
   * run), satellite-major: index = sat · knotCount + knot; 3 per knot for
   * positions (km) and velocities (km/s).
   */
  knotPos: Float64Array;
  knotVel: Float64Array;
  knotErr: Int8Array;
  knotCount: number;
  /**
   * Hermite basis per step k (the same for every satellite), 8 per step:
   * p = A p₀ + B v₀ + C p₁ + D v₁, v = Ad p₀ + Bd v₀ + Cd p₁ + Dd v₁ with
   * knots a = basisKnot[k], b = a + 1; basisAtKnot[k] = 1 when the step is
   * knot a itself (p = p₀, v = v₀ exactly).
   */
  basis: Float64Array;
  basisKnot: Int32Array;
  basisAtKnot: Uint8Array;
}

/**
 * Cubic Hermite basis between two SGP4 knots (t₀: p₀, v₀; t₁: p₁, v₁), with
 * s = (t − t₀)/h, h = t₁ − t₀ (s), written as [A, B, C, D, Ad, Bd, Cd, Dd]
 * into out[o … o + 7]:
 *   p = A p₀ + B v₀ + C p₁ + D v₁   (A = h₀₀, B = h₁₀ h, C = h₀₁, D = h₁₁ h),
 *   v = Ad p₀ + Bd v₀ + Cd p₁ + Dd v₁ = dp/dt.
 * Error in LEO at the default knot spacing is ≈0.1 km (tested against direct SGP4).
 */
export function hermiteBasis(s: number, hS: number, out: Float64Array, o: number): void {
  const s2 = s * s;
  const s3 = s2 * s;
  out[o] = 2 * s3 - 3 * s2 + 1;
  out[o + 1] = (s3 - 2 * s2 + s) * hS;
  out[o + 2] = -2 * s3 + 3 * s2;
  out[o + 3] = (s3 - s2) * hS;
  const Ad = (6 * s2 - 6 * s) / hS;
  out[o + 4] = Ad;
  out[o + 5] = 3 * s2 - 4 * s + 1;
  out[o + 6] = -Ad;
  out[o + 7] = 3 * s2 - 2 * s;
}

/**
 * SGP4 knots and Hermite bases for runs of grid samples. SGP4 runs in the WASM
 * BulkPropagator at knots only (every `knotEvery` samples plus the horizon's
 * end); the Sun (satellite.js `sunPos`) and GMST (`gstime`) are computed per
 * sample. Buffers are allocated once. Call dispose().
 */
export class SamplePropagator {
  private readonly bulk;
  private readonly dates: Date[];
  private disposed = false;
  private readonly chunk: SampleChunk;
  private readonly maxKnots: number;
  private readonly n: number;
  // Knots of the last run (views into WASM memory, valid until the next run).
  private kp: Float64Array = new Float64Array(0);
  private kv: Float64Array = new Float64Array(0);
  private ke: Int8Array = new Int8Array(0);
  private j0 = 0;
  private knots = 0;
  /** Hermite basis of the last interpolatePosition call. */
  private readonly weights = new Float64Array(8);

  constructor(
    runtime: SingleThreadRuntime,
    satrecs: SatRec[],
    private readonly grid: SampleGrid,
    readonly maxSteps: number,
  ) {
    this.n = satrecs.length;
    this.maxKnots = Math.ceil(maxSteps / grid.knotEvery) + 4;
    this.bulk = new BulkPropagator({
      runtime,
      calculators: [new EciBaseCalculator()] as const,
      satRecsCount: Math.max(1, satrecs.length),
      datesCount: this.maxKnots,
    });
    livePropagators++;
    if (satrecs.length) this.bulk.setSatRecs(satrecs);
    this.dates = Array.from({ length: this.maxKnots }, () => new Date(0));
    this.chunk = {
      steps: 0,
      sunAu: new Float64Array(3 * maxSteps),
      gmstRad: new Float64Array(maxSteps),
      knotPos: new Float64Array(0),
      knotVel: new Float64Array(0),
      knotErr: new Int8Array(0),
      knotCount: 0,
      basis: new Float64Array(8 * maxSteps),
      basisKnot: new Int32Array(maxSteps),
      basisAtKnot: new Uint8Array(maxSteps),
    };
  }

  /**
   * Samples n0 … n0 + steps − 1: Sun, GMST, the SGP4 knots and the Hermite
   * basis per step, from which the caller (the geometry kernel) computes each
   * satellite's state in its own loop. The returned views are overwritten by
   * the next call.
   */
  runKnots(n0: number, steps: number): SampleChunk {
    if (this.disposed) throw new Error('SamplePropagator used after dispose()');
    if (steps > this.maxSteps) throw new RangeError(`at most ${this.maxSteps} samples per call`);
    const g = this.grid;
    const m = g.knotEvery;
    const c = this.chunk;
    c.steps = steps;
    for (let k = 0; k < steps; k++) {
      const t = sampleTimeMs(g, n0 + k);
      const jd = julianDateFromMs(t);
      const sun = sunPos(jd).rsun;
      c.sunAu[3 * k] = sun.x;
      c.sunAu[3 * k + 1] = sun.y;
      c.sunAu[3 * k + 2] = sun.z;
      c.gmstRad[k] = gstime(jd);
    }
    if (this.n === 0) return c;
    // Two extra knots before the chunk keep the previous two samples inside the
    // span, so event refinement there can interpolate too.
    const j0 = Math.max(0, Math.floor(n0 / m) - 2);
    const j1 = Math.ceil((n0 + steps - 1) / m);
    const knots = j1 - j0 + 1;
    let dates = this.dates;
    for (let j = 0; j < knots; j++) dates[j].setTime(Math.min(g.startMs + (j0 + j) * m * g.stepMs, g.endMs));
    if (knots !== this.maxKnots) dates = dates.slice(0, knots);
    this.bulk.setDates(dates);
    this.bulk.run();
    const raw = this.bulk.getRawOutput().eci;
    this.kp = c.knotPos = raw.position;
    this.kv = c.knotVel = raw.velocity;
    this.ke = c.knotErr = raw.error;
    this.j0 = j0;
    this.knots = c.knotCount = knots;
    // Hermite basis per sample (the same for every satellite).
    const bs = c.basis;
    for (let k = 0; k < steps; k++) {
      const n = n0 + k;
      const ja = Math.floor(n / m) - j0;
      const ta = Math.min(g.startMs + (j0 + ja) * m * g.stepMs, g.endMs);
      const t = sampleTimeMs(g, n);
      c.basisKnot[k] = ja;
      c.basisAtKnot[k] = t === ta || m === 1 ? 1 : 0;
      if (c.basisAtKnot[k] === 1) continue;
      const tb = Math.min(g.startMs + (j0 + ja + 1) * m * g.stepMs, g.endMs);
      hermiteBasis((t - ta) / (tb - ta), (tb - ta) / 1000, bs, 8 * k);
    }
    return c;
  }

  /**
   * Position (TEME km) of local satellite `i` at `timeMs` by Hermite
   * interpolation between the last run's knots, into out[0..2] (at a sample's
   * time, the sample's own position). Returns false outside the knots' span
   * or across a propagation error; the caller then falls back to direct SGP4.
   */
  interpolatePosition(i: number, timeMs: number, out: Float64Array): boolean {
    const g = this.grid;
    const spanMs = g.knotEvery * g.stepMs;
    const k = this.knots;
    if (k < 2) return false;
    const tFirst = g.startMs + this.j0 * spanMs;
    const tLast = Math.min(g.startMs + (this.j0 + k - 1) * spanMs, g.endMs);
    if (!(timeMs >= tFirst && timeMs <= tLast)) return false;
    let ja = Math.floor((timeMs - g.startMs) / spanMs) - this.j0;
    if (ja > k - 2) ja = k - 2;
    const a = i * k + ja;
    const b = a + 1;
    if (this.ke[a] !== 0 || this.ke[b] !== 0) return false;
    const ta = g.startMs + (this.j0 + ja) * spanMs;
    const tb = Math.min(ta + spanMs, g.endMs);
    const w = this.weights;
    hermiteBasis((timeMs - ta) / (tb - ta), (tb - ta) / 1000, w, 0);
    const kp = this.kp;
    const kv = this.kv;
    for (let d = 0; d < 3; d++) out[d] = w[0] * kp[3 * a + d] + w[1] * kv[3 * a + d] + w[2] * kp[3 * b + d] + w[3] * kv[3 * b + d];
    return true;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    livePropagators--;
    this.bulk.dispose();
  }
}


/** One chunk of bulk output, laid out satellite-major: index = sat · steps + step. */
export interface BulkChunk {
  steps: number;
  /** 3 per (sat, step), km. */
  posEciKm: Float64Array;
  /** 3 per (sat, step), km/s. */
  velEciKmS: Float64Array;
  /** SGP4 error code per (sat, step); 0 = ok. */
  error: Int8Array;
  /** Shadow fraction per (sat, step), 0 lit … 1 umbra. */
  shadow: Float64Array;
  /** Sun position (AU), 3 per step. */
  sunAu: Float64Array;
  /** GMST (rad) per step. */
  gmstRad: Float64Array;
}

/**
 * Propagates all satellites at arbitrary times (live view: one time per call),
 * with the Sun, shadow fraction and GMST from the WASM calculators. Call dispose().
 */
export class ChunkPropagator {
  private readonly bulk;
  private readonly dates: Date[];
  private disposed = false;

  constructor(
    runtime: SingleThreadRuntime,
    satrecs: SatRec[],
    readonly chunkSteps: number,
  ) {
    this.bulk = new BulkPropagator({
      runtime,
      calculators: [new EciBaseCalculator(), new SunPositionCalculator(), new ShadowFractionCalculator(), new GmstCalculator()] as const,
      satRecsCount: Math.max(1, satrecs.length),
      datesCount: chunkSteps,
    });
    livePropagators++;
    this.bulk.setSatRecs(satrecs);
    this.dates = Array.from({ length: chunkSteps }, () => new Date(0));
  }

  /** Propagates at `timesMs[0..steps)`; the returned views are valid until the next call. */
  run(timesMs: Float64Array, steps: number): BulkChunk {
    if (this.disposed) throw new Error('ChunkPropagator used after dispose()');
    let dates: Date[] = this.dates;
    for (let k = 0; k < steps; k++) dates[k].setTime(timesMs[k]);
    if (steps !== this.chunkSteps) dates = dates.slice(0, steps);
    this.bulk.setDates(dates);
    this.bulk.run();
    const raw = this.bulk.getRawOutput();
    return {
      steps,
      posEciKm: raw.eci.position,
      velEciKmS: raw.eci.velocity,
      error: raw.eci.error,
      shadow: raw.shadowFraction,
      sunAu: raw.sunPosition,
      gmstRad: raw.gmst,
    };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    livePropagators--;
    this.bulk.dispose();
  }
}
