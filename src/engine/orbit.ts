/**
 * Orbit propagation with satellite.js SGP4. Bulk work goes through the WASM
 * `BulkPropagator` (many satellites × a chunk of times per call), which also
 * returns the Sun position (AU, TEME of date), shadow fraction and GMST;
 * single-time evaluations (event refinement, live view) use the JS `sgp4`.
 * Frame: TEME; positions km, velocities km/s. A propagation error code
 * (e.g. 6 = decayed) marks the satellite failed from that time on.
 */
import {
  BulkPropagator,
  createSingleThreadRuntime,
  EciBaseCalculator,
  GmstCalculator,
  ShadowFractionCalculator,
  SunPositionCalculator,
  sgp4,
  type SatRec,
} from 'satellite.js';
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

/** Propagates all satellites over chunks of at most `chunkSteps` times. Call dispose(). */
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
