/**
 * Step means of the geometry samples: a step longer than the sample spacing
 * (orbit/run-grid.ts sampleGrid) has m samples; the node models see the
 * time means of what phase A computed at them, so sunlit time, array energy
 * and absorbed heat inside the step count whatever the step:
 *   x̄ᵢ = Σⱼ xᵢⱼ Δtⱼ / Σⱼ Δtⱼ  (illumination, array output W, absorbed heat W),
 *   activeᵢ = 1 only if satellite i propagated at every sample of the step.
 * (Sample j stands for [tⱼ, tⱼ + Δtⱼ): the left-point rule of the run's step
 * model, at ≤ 60 s.) Arrays of N, allocated once; the means of a step are
 * read with row 0, as if they were a chunk row.
 */
import type { ChunkFields } from './chunk';

export class StepMeans {
  readonly active: Uint8Array;
  readonly illum: Float64Array;
  readonly solarW: Float64Array;
  readonly absorbedW: Float64Array;
  private weightS = 0;

  constructor(private readonly n: number) {
    this.active = new Uint8Array(n);
    this.illum = new Float64Array(n);
    this.solarW = new Float64Array(n);
    this.absorbedW = new Float64Array(n);
  }

  /** Starts a step: every satellite active, sums zero. */
  reset(): void {
    this.active.fill(1);
    this.illum.fill(0);
    this.solarW.fill(0);
    this.absorbedW.fill(0);
    this.weightS = 0;
  }

  /** Adds the sample in chunk row `row` of `f`, standing for `dtS` seconds. */
  add(f: ChunkFields, row: number, dtS: number): void {
    const { active, illum, solarW, absorbedW } = this;
    const fa = f.active;
    const fi = f.illum;
    const fs = f.solarW;
    const fq = f.absorbedW;
    for (let i = 0; i < this.n; i++) {
      const c = row + i;
      if (!fa[c]) {
        active[i] = 0;
        continue;
      }
      illum[i] += fi[c] * dtS;
      solarW[i] += fs[c] * dtS;
      absorbedW[i] += fq[c] * dtS;
    }
    this.weightS += dtS;
  }

  /** Turns the sums into means (after the step's last sample). */
  finish(): void {
    const w = this.weightS;
    const { active, illum, solarW, absorbedW } = this;
    for (let i = 0; i < this.n; i++) {
      if (!active[i] || !(w > 0)) {
        active[i] = 0;
        illum[i] = 0;
        solarW[i] = 0;
        absorbedW[i] = 0;
        continue;
      }
      illum[i] /= w;
      solarW[i] /= w;
      absorbedW[i] /= w;
    }
  }
}
