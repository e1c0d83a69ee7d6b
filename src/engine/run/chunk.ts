/**
 * Chunk fields: what phase A (geometry-kernel.ts) hands phase B
 * (simulation.ts) for a chunk of steps. Step-major columns: index k · N + i
 * for step k of the chunk and satellite i (global index), so a worker writes
 * its range of satellites into the same buffers; in SharedArrayBuffers for
 * worker pools. Units in the field names and comments (W, km; illumination
 * 0 … 1 = 1 − shadow fraction).
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
}

/** Allocates chunk fields, in SharedArrayBuffers when `shared` (for worker pools). */
export function allocateChunk(n: number, steps: number, withPositions: boolean, shared = false): ChunkFields {
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
  };
}
