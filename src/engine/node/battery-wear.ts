/**
 * Battery wear from cycling: rainflow-counted depth of discharge and
 * Miner's-rule capacity fade, per satellite.
 *   Turning points: the state of charge s (fraction of capacity) after each
 *   step; a peak or valley is confirmed once s has moved back from it by at
 *   least the gate g (hysteresis filter, g = 1 % of capacity: shallower
 *   reversals are not counted).
 *   Rainflow (ASTM E1049-85 §5.4.4, three-point rule, streaming): on each new
 *   turning point, with X the latest range and Y the one before it on the
 *   reversal stack: while X ≥ Y, count Y as one cycle and drop its two points,
 *   or — if Y holds the history's starting point — count Y as a half cycle and
 *   drop the starting point. At the end the remaining ranges count as half
 *   cycles. DoD of a cycle = its range of s.
 *   Cycle life (cycles to end of life at depth D): N(D) = N₁₀₀ · D^(−k)
 *   Damage (Miner): d = Σ n_j / N(D_j) = Σ n_j · D_j^k / N₁₀₀ (n_j = 1 or ½)
 *   Capacity fade per year = d / t_years · ΔC_EOL (fraction of capacity / year)
 * Defaults N₁₀₀ = 1,000 cycles, k = 2.66, ΔC_EOL = 0.20: a power law through
 * published space Li-ion life tests (GS Yuasa LEO 40,000 cycles at 25 % DoD;
 * GEO ≈1,800 cycles at ≤ 80 % DoD) — docs/reference/power-sources.md
 * ("Battery wear").
 * State: per satellite, a reversal stack of fixed capacity in one typed
 * array (n × STACK_CAPACITY) and scalar columns, allocated once; add() does
 * not allocate. A full stack counts its oldest range as a half cycle.
 */

/** Parameters of the cycle-life curve (cycles, exponent, fraction). */
export interface WearParams {
  /** N₁₀₀: cycles to end of life at 100 % depth of discharge. */
  cycleLifeAtFullDepth: number;
  /** k in N(D) = N₁₀₀ · D^(−k). */
  exponent: number;
  /** Capacity lost at end of cycle life (fraction). */
  endOfLifeFade: number;
}

/** Cycles to end of life at depth of discharge `dod` (fraction, > 0): N₁₀₀ · DoD^(−k). */
export function cycleLife(dod: number, p: WearParams): number {
  return p.cycleLifeAtFullDepth * Math.pow(dod, -p.exponent);
}

/** Miner damage of `count` cycles at depth `dod`: count / N(dod); 0 for dod ≤ 0. */
export function cycleDamage(dod: number, count: number, p: WearParams): number {
  return dod > 0 ? (count * Math.pow(dod, p.exponent)) / p.cycleLifeAtFullDepth : 0;
}

/** Reversals smaller than this (fraction of capacity) are not turning points. */
export const REVERSAL_GATE = 0.01;
/** Reversal points held per satellite. */
export const STACK_CAPACITY = 32;

const SECONDS_PER_DAY = 86_400;
const SECONDS_PER_YEAR = 365.25 * SECONDS_PER_DAY;

/** Wear KPIs over the satellites that ran (0 without cycles). */
export interface WearSummary {
  /** Mean over satellites of counted cycles per day (half cycles count ½). */
  cyclesPerDay: number;
  /** Cycle-weighted mean depth of discharge (fraction). */
  meanDepthOfDischarge: number;
  /** Mean over satellites of capacity fade per year (fraction of capacity per year). */
  capacityFadePerYear: number;
}

export class BatteryWear {
  /** Counted cycles (half cycles ½), per satellite. */
  readonly cycles: Float64Array;
  /** Σ count · DoD, per satellite. */
  readonly dodCycles: Float64Array;
  /** Miner damage Σ count / N(DoD), per satellite. */
  readonly damage: Float64Array;
  /** Time the satellite's state of charge was tracked (s). */
  readonly trackedS: Float64Array;
  private readonly stack: Float64Array;
  private readonly depth: Int32Array;
  /** Running extreme since the last confirmed turning point. */
  private readonly extreme: Float64Array;
  /** 0 before the first move of at least the gate, +1 rising, −1 falling. */
  private readonly dir: Int8Array;
  /** The state of charge being added (addAt). */
  private readonly now: Float64Array;
  private finished = false;

  constructor(
    private readonly n: number,
    private readonly params: WearParams,
    private readonly gate = REVERSAL_GATE,
    private readonly capacity = STACK_CAPACITY,
  ) {
    this.cycles = new Float64Array(n);
    this.dodCycles = new Float64Array(n);
    this.damage = new Float64Array(n);
    this.trackedS = new Float64Array(n);
    this.stack = new Float64Array(n * capacity);
    this.depth = new Int32Array(n);
    this.extreme = new Float64Array(n);
    this.dir = new Int8Array(n);
    this.now = new Float64Array(n);
  }

  /** Starts satellite i's history at state of charge `soc` (fraction). */
  start(i: number, soc: number): void {
    this.stack[i * this.capacity] = soc;
    this.depth[i] = 1;
    this.extreme[i] = soc;
    this.dir[i] = 0;
  }

  /**
   * add() for every satellite i < n active in this step (active[row + i] ≠ 0),
   * its state of charge socJ[i] / capacityJ: one pass over the satellites (a
   * per-satellite call V8 does not inline boxes each float argument).
   */
  addAll(n: number, active: Uint8Array, row: number, socJ: Float64Array, capacityJ: number, dtS: number): void {
    const now = this.now;
    for (let i = 0; i < n; i++) {
      if (!active[row + i]) continue;
      now[i] = socJ[i] / capacityJ;
      this.addAt(i, dtS);
    }
  }

  /** Satellite i's state of charge `soc` (fraction) at the end of a step of `dtS` (s). */
  add(i: number, soc: number, dtS: number): void {
    this.now[i] = soc;
    this.addAt(i, dtS);
  }

  /** add() of satellite i's state of charge in now[i] (a column: no float argument to box). */
  private addAt(i: number, dtS: number): void {
    const soc = this.now[i];
    this.trackedS[i] += dtS;
    if (this.depth[i] === 0) {
      this.start(i, soc);
      return;
    }
    const dir = this.dir[i];
    const x = this.extreme[i];
    const g = this.gate;
    if (dir > 0) {
      if (soc > x) this.extreme[i] = soc;
      else if (x - soc >= g) this.turn(i, x, -1, soc);
    } else if (dir < 0) {
      if (soc < x) this.extreme[i] = soc;
      else if (soc - x >= g) this.turn(i, x, 1, soc);
    } else {
      const s0 = this.stack[i * this.capacity];
      if (soc - s0 >= g) {
        this.dir[i] = 1;
        this.extreme[i] = soc;
      } else if (s0 - soc >= g) {
        this.dir[i] = -1;
        this.extreme[i] = soc;
      }
    }
  }

  /** Confirms turning point `x`, then follows direction `dir` from `soc`. */
  private turn(i: number, x: number, dir: number, soc: number): void {
    this.push(i, x);
    this.dir[i] = dir;
    this.extreme[i] = soc;
  }

  /** Pushes a turning point and counts the cycles it closes (ASTM E1049 three-point rule). */
  private push(i: number, x: number): void {
    const st = this.stack;
    const base = i * this.capacity;
    let d = this.depth[i];
    if (d === this.capacity) {
      // Full: the oldest range becomes a half cycle, as if the history started at its second point.
      this.countCycle(i, Math.abs(st[base + 1] - st[base]), 0.5);
      st.copyWithin(base, base + 1, base + d);
      d--;
    }
    st[base + d] = x;
    d++;
    while (d >= 3) {
      const a = st[base + d - 3];
      const b = st[base + d - 2];
      const c = st[base + d - 1];
      const X = Math.abs(c - b);
      const Y = Math.abs(b - a);
      if (X < Y) break;
      if (d === 3) {
        this.countCycle(i, Y, 0.5); // Y holds the starting point: half cycle, drop the start
        st[base] = b;
        st[base + 1] = c;
        d = 2;
      } else {
        this.countCycle(i, Y, 1); // full cycle: drop its peak and valley
        st[base + d - 3] = c;
        d -= 2;
      }
    }
    this.depth[i] = d;
  }

  /** Adds `count` cycles of depth `dod` to satellite i's totals. */
  protected countCycle(i: number, dod: number, count: number): void {
    this.cycles[i] += count;
    this.dodCycles[i] += count * dod;
    this.damage[i] += cycleDamage(dod, count, this.params);
  }

  /**
   * Ends every history: the pending extreme becomes the last turning point,
   * the remaining ranges count as half cycles. Once; later calls do nothing.
   */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    const st = this.stack;
    for (let i = 0; i < this.n; i++) {
      if (this.dir[i] !== 0) this.push(i, this.extreme[i]);
      const base = i * this.capacity;
      const d = this.depth[i];
      for (let j = 1; j < d; j++) this.countCycle(i, Math.abs(st[base + j] - st[base + j - 1]), 0.5);
      this.depth[i] = d > 0 ? 1 : 0;
    }
  }

  /** KPIs after finish(): per-satellite rates averaged over satellites tracked for some time. */
  summary(): WearSummary {
    this.finish();
    let tracked = 0;
    let perDay = 0;
    let fade = 0;
    let cycles = 0;
    let dod = 0;
    for (let i = 0; i < this.n; i++) {
      const t = this.trackedS[i];
      cycles += this.cycles[i];
      dod += this.dodCycles[i];
      if (t <= 0) continue;
      tracked++;
      perDay += this.cycles[i] / (t / SECONDS_PER_DAY);
      fade += (this.damage[i] / (t / SECONDS_PER_YEAR)) * this.params.endOfLifeFade;
    }
    return {
      cyclesPerDay: tracked > 0 ? perDay / tracked : 0,
      meanDepthOfDischarge: cycles > 0 ? dod / cycles : 0,
      capacityFadePerYear: tracked > 0 ? fade / tracked : 0,
    };
  }
}
