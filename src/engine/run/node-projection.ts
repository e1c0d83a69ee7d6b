/**
 * Projection of phase A's geometry onto a node: array output and absorbed
 * heat per cell from the node-independent geometry primitives (chunk.ts),
 *
 *   P_array = A η S (1 − shadow) · pointing          (node/solar-array.ts), W
 *   Q_abs   = α A F☉ S (1 − shadow) + α a A F⊕ S max(0, cos z☉) + ε q_IR A F⊕
 *                                                    (node/thermal.ts), W
 *
 * with S the sample's solar flux (W/m²), F☉ and F⊕ the radiator's view factors
 * from cos z☉, r (km) and sin β. Phase A evaluates the same two functions on
 * the same float32-rounded inputs (geometry-kernel.ts), so a run replayed
 * from the geometry cache (geometry-cache.ts) gets bit-identical values
 * (tested: test/engine/run/geometry-cache.test.ts).
 */
import type { Scenario } from '../input/scenario';
import { effectiveArrayEfficiency, solarPowerW } from '../node/solar-array';
import { Radiator, radiatorParams } from '../node/thermal';
import type { ChunkFields, PrimitiveNeeds } from './chunk';

/** The optional primitives a scenario's node needs (sin β for an orbit-normal radiator, pointing for a body-fixed array). */
export function primitiveNeeds(scenario: Scenario): PrimitiveNeeds {
  return { sinBeta: new Radiator(radiatorParams(scenario)).needsOrbitNormal, pointing: scenario.node.arrayPointing === 'body-fixed' };
}

/** Array output and absorbed heat of one node design over chunk fields. */
export class NodeProjection {
  private readonly radiator: Radiator;
  private readonly arrayAreaM2: number;
  private readonly cellEfficiency: number;

  constructor(scenario: Scenario) {
    this.radiator = new Radiator(radiatorParams(scenario));
    this.arrayAreaM2 = scenario.node.solarArrayAreaM2;
    this.cellEfficiency = effectiveArrayEfficiency(scenario.node);
  }

  /**
   * Writes illum (from the cached float32 `illum32`), solarW and absorbedW of
   * rows 0 … steps − 1 of `f` (active cells) from its primitives, in one pass.
   */
  project(f: ChunkFields, steps: number, illum32: Float32Array): void {
    const prim = f.primitives;
    if (!prim) throw new Error('NodeProjection: the chunk holds no geometry primitives');
    const { radiator, arrayAreaM2, cellEfficiency } = this;
    const N = f.n;
    const { active, illum, solarW, absorbedW, fluxWPerM2 } = f;
    const { cosSunZenith, radiusKm, sinBeta, pointing } = prim;
    for (let k = 0; k < steps; k++) {
      const flux = fluxWPerM2[k];
      const row = k * N;
      for (let c = row; c < row + N; c++) {
        if (!active[c]) continue;
        const il = illum32[c];
        illum[c] = il;
        solarW[c] = solarPowerW(arrayAreaM2, cellEfficiency, flux, il, pointing ? pointing[c] : 1);
        absorbedW[c] = radiator.absorbedW(flux, il, cosSunZenith[c], radiusKm[c], sinBeta ? sinBeta[c] : 0);
      }
    }
  }
}
