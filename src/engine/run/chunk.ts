/**
 * Chunk fields: what phase A (geometry-kernel.ts) hands phase B
 * (simulation.ts) for a chunk of steps. Step-major columns: index k · N + i
 * for step k of the chunk and satellite i (global index), so a worker writes
 * its range of satellites into the same buffers; in SharedArrayBuffers for
 * worker pools. Units in the field names and comments (W, km; illumination
 * 0 … 1 = 1 − shadow fraction).
 *
 * Geometry primitives: phase A rounds illumination and the inputs of the
 * array and radiator models (cos of the Sun's zenith angle below the
 * satellite, orbit radius, sin β, body-fixed pointing) to float32 before it
 * evaluates those models, so a run replayed from the geometry cache
 * (geometry-cache.ts), which keeps them as float32, gives the same bytes. The
 * rounding error (relative 2⁻²⁴ ≈ 6·10⁻⁸) is far below the models' own.
 * The primitive columns are allocated only when a run records the cache.
 */

export interface ChunkFields {
  /** Capacity in steps. */
  steps: number;
  n: number;
  /** 1 − shadow fraction. */
  illum: Float64Array;
  /** Solar array output (W). */
  solarW: Float64Array;
  /** Environmental heat absorbed by the radiator (W). */
  absorbedW: Float64Array;
  /** Stations 0–31 / 32–63 that see the satellite above their mask. */
  visLo: Uint32Array;
  visHi: Uint32Array;
  /** 1 while the satellite propagates. */
  active: Uint8Array;
  /** TEME positions (km), 3 per cell; only when inter-satellite links are on. */
  posEciKm: Float64Array | null;
  /** Solar flux (W/m²) of each sample of the chunk (index k). */
  fluxWPerM2: Float64Array;
  /** Geometry primitives (float32, see above), or null when the run does not record them. */
  primitives: GeometryPrimitives | null;
}

/** Node-independent inputs of the array and radiator models, per cell (float32). */
export interface GeometryPrimitives {
  /** cos of the Sun's zenith angle at the sub-satellite point (r̂ · ŝ). */
  cosSunZenith: Float32Array;
  /** Orbit radius (km). */
  radiusKm: Float32Array;
  /** sin β = ĥ · ŝ, only when the radiator model needs it. */
  sinBeta: Float32Array | null;
  /** Body-fixed array pointing factor, only for body-fixed arrays. */
  pointing: Float32Array | null;
}

/** Which optional primitives a run needs. */
export interface PrimitiveNeeds {
  sinBeta: boolean;
  pointing: boolean;
}

/** Allocates chunk fields, in SharedArrayBuffers when `shared` (for worker pools). */
export function allocateChunk(n: number, steps: number, withPositions: boolean, shared = false, primitives: PrimitiveNeeds | null = null): ChunkFields {
  const cells = Math.max(1, n) * steps;
  const buf = (bytes: number): ArrayBuffer => (shared ? (new SharedArrayBuffer(bytes) as unknown as ArrayBuffer) : new ArrayBuffer(bytes));
  return {
    steps,
    n,
    illum: new Float64Array(buf(8 * cells)),
    solarW: new Float64Array(buf(8 * cells)),
    absorbedW: new Float64Array(buf(8 * cells)),
    visLo: new Uint32Array(buf(4 * cells)),
    visHi: new Uint32Array(buf(4 * cells)),
    active: new Uint8Array(buf(cells)),
    posEciKm: withPositions ? new Float64Array(buf(24 * cells)) : null,
    fluxWPerM2: new Float64Array(buf(8 * Math.max(1, steps))),
    primitives: primitives
      ? {
          cosSunZenith: new Float32Array(buf(4 * cells)),
          radiusKm: new Float32Array(buf(4 * cells)),
          sinBeta: primitives.sinBeta ? new Float32Array(buf(4 * cells)) : null,
          pointing: primitives.pointing ? new Float32Array(buf(4 * cells)) : null,
        }
      : null,
  };
}
