/**
 * Spacing: the closest approach between any two satellites over a run, found
 * between samples, not only at them. Units: km, ms since the Unix epoch.
 *
 * Input per sample (time order, ≤ MAX_INTERVAL_MS apart; the run feeds phase
 * A samples about 60 s apart, SPACING_SAMPLE_MS below): TEME positions and active flags. Between samples
 * t₀, t₁ (Δt) the relative position d = x_i − x_j is taken as linear,
 * d(s) = d₀ + s (d₁ − d₀), s ∈ [0, 1]; L = min_s |d(s)| in closed form.
 * Bound: r = d + e with e = 0 at both samples, so e(σ) = −Δt² ∫ g(σ, τ) r̈ dτ
 * (Green's function g ≥ 0, ∫ g dτ ≤ 1/8, ∫ g |τ − σ| dτ ≤ 1/48). With the
 * tidal bound |r̈| ≤ G|r| + a_o, G = 1.05 · 2μ/ρ³ (the point-mass gravity-
 * gradient norm on the segment joining the pair, ρ its least distance from
 * the Earth's centre; 5 % covers J2's ≈ 1–2 %), a_o = 2e-6 km/s² (drag etc.),
 * and |d(τ)| ≤ √(L² + W²(τ − s*)²) (W = |d₁ − d₀|, s* the minimiser), κ = GΔt²:
 *   |min |r| − L| ≤ E = κ(L + ē)/8 + κ²L/64 + a_oΔt²/8 + κW/48,
 *   ē = max|e| ≤ (κL/8 + a_oΔt²/8 + 7κW/48) / (1 − κ/8)
 * — κW/48 ≈ 0.17 km for LEO satellites crossing at 15 km/s with 60 s samples,
 * κL/8 ≈ 0.1 m for a 100 m formation. Pairs far apart use |r̈| ≤ 2(1.05μ/ρ² + 1e-6):
 * E ≤ 9 km in LEO at 60 s. Input positions with error ε (Hermite knots ≤
 * 0.25 km) widen both sides by 2ε; as interpolation is linear in the data,
 * the error of d is that of interpolating d itself, ≈ 16n⁴(|d| + |ḋ|/n) vs
 * n⁴r in h⁴/384 (n = √(μ/r³)): taken as min(2ε, 64ε (|d| + |ḋ|/n)/r).
 * Screening: U, an upper bound on the run's minimum, starts at the exact
 * closest pair of the first sample and shrinks with each sample distance and
 * L + E. Chords lie within ℓ = |x(t₁) − x(t₀)|/2 of their midpoints m and
 * |d(s)| ≥ |m_i − m_j| − ℓ_i − ℓ_j, so only pairs with |m_i − m_j| < ℓ_i + ℓ_j
 * + U + E_abs + 2ε can have L − E < U: midpoints go into a uniform grid of
 * cells of that size (a typed-array hash table on integer cell coordinates,
 * allocated once); each cell meets itself and its 13 forward neighbours —
 * ≈ 60 neighbours per satellite for 20,000 in LEO shells at 60 s, ≈ 17 ms per
 * sample on one core; a formation of thousands within a few hundred km is
 * checked pair by pair.
 * Pairs with L − E − 2ε < U are kept as candidates. result() gives the least
 * L with its bound; given positions at any time (SGP4), it refines the
 * candidates in order of lower bound (Brent's method on |x_i(t) − x_j(t)|,
 * events/root-finding.ts) until the next lower bound exceeds the best found:
 * the minimum is then exact to the position model.
 * This file is longer than 400 lines: screening, the interval bounds, the candidate
 * store and the refinement share one per-interval state (one concept).
 */
import { MU_EARTH_KM3_PER_S2 } from '../core/constants';
import { maximise } from '../events/root-finding';

/**
 * Spacing of the closest-approach tracker's samples (ms): 60 s, where its
 * bound on the chord error (the header above: ≈ 0.17 km crossing at
 * 15 km/s, ≤ 9 km for far pairs) was set; between samples only the
 * candidate screening depends on it, and candidates are refined from SGP4.
 * Feeding every 10-s sample instead cost half of a 1,000-satellite day's
 * run on one thread (measured, npm run bench) for the same minimum.
 */
export const SPACING_SAMPLE_MS = 60_000;

/** Longest sample interval the bounds are used for (ms); at 600 s κ ≈ 0.9 in LEO. */
export const MAX_INTERVAL_MS = 600_000;
const ACCEL_MARGIN = 1.05; // on the point-mass acceleration and its gradient: J2 (≈ 1–2 % in LEO), rounding
const OTHER_ACCEL_KM_PER_S2 = 1e-6; // per satellite, non-gravitational: drag at 160 km with Cd·A/m = 0.02 m²/kg ≈ 7e-7
const REFINE_TOL_MS = 0.01; // refinement time tolerance (ms)

export interface SeparationOptions {
  /** Candidate intervals kept for refinement (default 8192); error of the input positions (km, default 0). */
  maxCandidates?: number;
  positionErrorKm?: number;
  /** Largest dense screening grid (cells, default DENSE_CELLS); beyond it, or at 0, the hash table (tests compare the two). */
  denseGridCells?: number;
}

/** Closest approach of the run; the true minimum lies within ± errorBoundKm; refined: from positions at any time. */
export interface ClosestApproach {
  minSeparationKm: number;
  atMs: number;
  satA: number;
  satB: number;
  errorBoundKm: number;
  refined: boolean;
}

/** Writes the TEME position (km) of `sat` at `timeMs` into out[0..2]; false when it cannot be evaluated. */
export type PositionAt = (sat: number, timeMs: number, out: Float64Array) => boolean;

/** Cells of the dense screening grid (neighbourPairs): 2 MiB of heads and stamps, allocated at first use. */
const DENSE_CELLS = 1 << 18;

/** Candidate fields: lower bound, linear minimum, its error (km), interval (ms), s of the minimum, relative speed (km/ms), pair; C per candidate. */
const [LB, LIN, ERR, T0, T1, S, V, A, B, C] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

/** Per satellite: previous sample, chord midpoint and half length, radii, flags, grid links; the hash grid (keys, heads, stamps). */
function columns(n: number) {
  let size = 16;
  while (size < 2 * n) size *= 2;
  return {
    prev: new Float64Array(3 * n),
    prevR: new Float64Array(n),
    prevOk: new Uint8Array(n),
    mid: new Float64Array(3 * n),
    half: new Float64Array(n),
    curR: new Float64Array(n),
    ok: new Uint8Array(n),
    next: new Int32Array(n),
    occupied: new Int32Array(n),
    keys: new Int32Array(3 * size),
    head: new Int32Array(size),
    stampOf: new Uint32Array(size),
  };
}

export class SeparationTracker {
  private readonly col: ReturnType<typeof columns>;
  private prevMs = Number.NaN;
  private stamp = 0;
  /** The dense grid (denseGrid): origin and sizes in cells, heads and generation stamps. */
  private readonly dense = { ox: 0, oy: 0, oz: 0, ny: 0, nz: 0, stamp: 0, head: null as Int32Array | null, stampOf: null as Uint32Array | null };
  /** Candidates, C fields each; when the store was full, the least lower bound dropped. */
  private readonly cand: Float64Array;
  /** Scratch for the lower bounds when the store overflows (allocated once). */
  private readonly lbScratch: Float64Array;
  private count = 0;
  private droppedLb = Number.POSITIVE_INFINITY;
  /** Upper bound on the run's minimum (km); smallest lower bound of any pair checked. */
  private upper = Number.POSITIVE_INFINITY;
  private lowest = Number.POSITIVE_INFINITY;
  private bestLin = Number.POSITIVE_INFINITY;
  private bestErr = 0;
  private bestMs = Number.NaN;
  private bestA = -1;
  private bestB = -1;
  /** Per-interval state read by visit(); snapshot mode compares sample distances only. */
  private snapshotMode = false;
  private t0 = 0;
  private t1 = 0;
  private eAbs = 0;
  private sag = 0;
  private reachCore = 0;
  private readonly eps: number;
  private readonly denseCells: number;
  /** Pairs screened so far (visit calls): the screening's work, for tests and profiles. */
  pairsScreened = 0;

  constructor(private readonly n: number, options: SeparationOptions = {}) {
    this.col = columns(n);
    this.cand = new Float64Array(C * Math.max(1, Math.floor(options.maxCandidates ?? 8192)));
    this.lbScratch = new Float64Array(this.cand.length / C);
    this.eps = Math.max(0, options.positionErrorKm ?? 0);
    this.denseCells = Math.max(0, Math.min(DENSE_CELLS, Math.floor(options.denseGridCells ?? DENSE_CELLS)));
  }

  /** Adds the sample at `timeMs`: positions at 3·(row + i), flags at row + i. Does not allocate. */
  sample(row: number, timeMs: number, posEciKm: Float64Array, active: Uint8Array): void {
    if (Number.isNaN(this.prevMs)) {
      this.store(row, timeMs, posEciKm, active);
      this.snapshot(timeMs);
      return;
    }
    const dtMs = timeMs - this.prevMs;
    if (!(dtMs > 0)) return;
    if (dtMs > MAX_INTERVAL_MS) throw new RangeError(`separation samples ${dtMs} ms apart; at most ${MAX_INTERVAL_MS} ms`);
    const { prev, prevOk, prevR, mid, half, curR, ok } = this.col;
    let halfMax = 0;
    let rMin = Number.POSITIVE_INFINITY;
    for (let i = 0; i < this.n; i++) {
      const o = 3 * (row + i);
      const x = posEciKm[o];
      const y = posEciKm[o + 1];
      const z = posEciKm[o + 2];
      ok[i] = active[row + i] !== 0 && prevOk[i] !== 0 && x === x && y === y && z === z ? 1 : 0;
      if (!ok[i]) continue;
      const p = 3 * i;
      mid[p] = 0.5 * (prev[p] + x);
      mid[p + 1] = 0.5 * (prev[p + 1] + y);
      mid[p + 2] = 0.5 * (prev[p + 2] + z);
      const hx = x - prev[p];
      const hy = y - prev[p + 1];
      const hz = z - prev[p + 2];
      half[i] = 0.5 * Math.sqrt(hx * hx + hy * hy + hz * hz);
      curR[i] = Math.sqrt(x * x + y * y + z * z);
      halfMax = Math.max(halfMax, half[i]);
      rMin = Math.min(rMin, curR[i], prevR[i]);
    }
    if (rMin < Number.POSITIVE_INFINITY) {
      const dtS = dtMs / 1000;
      this.t0 = this.prevMs;
      this.t1 = timeMs;
      // The radius may dip below both samples near perigee by ≤ (μ/r²)·Δt²/8.
      this.sag = ((ACCEL_MARGIN * MU_EARTH_KM3_PER_S2) / (rMin * rMin)) * ((dtS * dtS) / 8);
      const rLo = Math.max(rMin - this.sag, 0.5 * rMin);
      this.eAbs = ((dtS * dtS) / 8) * 2 * ((ACCEL_MARGIN * MU_EARTH_KM3_PER_S2) / (rLo * rLo) + OTHER_ACCEL_KM_PER_S2);
      this.reachCore = this.upper + this.eAbs + 2 * this.eps;
      this.snapshotMode = false;
      this.neighbourPairs(mid, ok, 2 * halfMax + this.reachCore);
    }
    this.store(row, timeMs, posEciKm, active);
  }

  /** Calls visit(i, j) once for every pair of flagged points (3 per satellite in `pos`) in the same or adjacent cubic cells of size h. */
  private neighbourPairs(pos: Float64Array, flags: Uint8Array, h: number): void {
    const inv = 1 / Math.min(1e9, Math.max(1e-6, h));
    if (this.denseGrid(pos, flags, inv)) this.densePairs(pos, flags, inv);
    else this.hashedPairs(pos, flags, inv);
  }

  /**
   * Whether the cells of the flagged points, with a margin of one cell, fit a
   * dense grid of at most denseGridCells cells (LEO shells at 60-s samples:
   * ≈ 40,000); sets its origin and sizes. A dense grid finds a cell by
   * index arithmetic, where the hash table probes and compares keys: the
   * screening took ≈ 3× less (measured, 1,000 satellites × 1 day at 60 s).
   */
  private denseGrid(pos: Float64Array, flags: Uint8Array, inv: number): boolean {
    let x0 = Infinity, y0 = Infinity, z0 = Infinity, x1 = -Infinity, y1 = -Infinity, z1 = -Infinity;
    for (let i = 0; i < this.n; i++) {
      if (!flags[i]) continue;
      const x = pos[3 * i] * inv;
      const y = pos[3 * i + 1] * inv;
      const z = pos[3 * i + 2] * inv;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      if (z < z0) z0 = z;
      if (z > z1) z1 = z;
    }
    if (!(x1 >= x0)) return false;
    // Cells floor(x·inv) − origin + 1: the margin keeps every neighbour inside the grid.
    const nx = Math.floor(x1) - Math.floor(x0) + 3;
    const ny = Math.floor(y1) - Math.floor(y0) + 3;
    const nz = Math.floor(z1) - Math.floor(z0) + 3;
    if (!(nx * ny * nz <= this.denseCells)) return false;
    const g = this.dense;
    g.ox = Math.floor(x0) - 1;
    g.oy = Math.floor(y0) - 1;
    g.oz = Math.floor(z0) - 1;
    g.ny = ny;
    g.nz = nz;
    return true;
  }

  /** neighbourPairs on the dense grid: the same cells, pairs and visiting order as the hash table's. */
  private densePairs(pos: Float64Array, flags: Uint8Array, inv: number): void {
    const g = this.dense;
    const head = (g.head ??= new Int32Array(this.denseCells));
    const stampOf = (g.stampOf ??= new Uint32Array(this.denseCells));
    const { next, occupied } = this.col;
    g.stamp = (g.stamp + 1) >>> 0;
    if (g.stamp === 0) {
      stampOf.fill(0);
      g.stamp = 1;
    }
    const stamp = g.stamp;
    const { ox, oy, oz, ny, nz } = g;
    let cells = 0;
    for (let i = this.n - 1; i >= 0; i--) {
      if (!flags[i]) continue;
      const s = ((Math.floor(pos[3 * i] * inv) - ox) * ny + (Math.floor(pos[3 * i + 1] * inv) - oy)) * nz + (Math.floor(pos[3 * i + 2] * inv) - oz);
      if (stampOf[s] !== stamp) {
        stampOf[s] = stamp;
        head[s] = -1;
        occupied[cells++] = s;
      }
      next[i] = head[s];
      head[s] = i;
    }
    for (let c = 0; c < cells; c++) {
      const s = occupied[c];
      for (let i = head[s]; i >= 0; i = next[i]) for (let j = next[i]; j >= 0; j = next[j]) this.visit(i, j);
      // Neighbour d = 9(dx + 1) + 3(dy + 1) + (dz + 1) for d > 13, as in hashedPairs.
      for (let d = 14; d < 27; d++) {
        const t = s + ((((d / 9) | 0) - 1) * ny + ((((d / 3) | 0) % 3) - 1)) * nz + (d % 3) - 1;
        if (stampOf[t] === stamp) for (let i = head[s]; i >= 0; i = next[i]) for (let j = head[t]; j >= 0; j = next[j]) this.visit(i, j);
      }
    }
  }

  /** neighbourPairs on the hash table (any extent). */
  private hashedPairs(pos: Float64Array, flags: Uint8Array, inv: number): void {
    const { head, next, keys, occupied } = this.col;
    this.stamp = (this.stamp + 1) >>> 0;
    if (this.stamp === 0) {
      this.col.stampOf.fill(0);
      this.stamp = 1;
    }
    let cells = 0;
    for (let i = this.n - 1; i >= 0; i--) {
      if (!flags[i]) continue;
      const s = this.slot(Math.floor(pos[3 * i] * inv), Math.floor(pos[3 * i + 1] * inv), Math.floor(pos[3 * i + 2] * inv), true);
      if (head[s] < 0) occupied[cells++] = s;
      next[i] = head[s];
      head[s] = i;
    }
    for (let c = 0; c < cells; c++) {
      const s = occupied[c];
      for (let i = head[s]; i >= 0; i = next[i]) for (let j = next[i]; j >= 0; j = next[j]) this.visit(i, j);
      // Neighbour d = 9(dx + 1) + 3(dy + 1) + (dz + 1) for d > 13 (this cell): each pair of adjacent cells is met once.
      for (let d = 14; d < 27; d++) {
        const t = this.slot(keys[3 * s] + ((d / 9) | 0) - 1, keys[3 * s + 1] + (((d / 3) | 0) % 3) - 1, keys[3 * s + 2] + (d % 3) - 1, false);
        if (t >= 0) for (let i = head[s]; i >= 0; i = next[i]) for (let j = head[t]; j >= 0; j = next[j]) this.visit(i, j);
      }
    }
  }

  /** Slot of cell (x, y, z) in this grid generation; −1 if absent, unless `create`. */
  private slot(x: number, y: number, z: number, create: boolean): number {
    const { keys, stampOf, head } = this.col;
    const mask = stampOf.length - 1;
    for (let s = (Math.imul(x, 73856093) ^ Math.imul(y, 19349663) ^ Math.imul(z, 83492791)) & mask; ; s = (s + 1) & mask) {
      if (stampOf[s] !== this.stamp) {
        if (!create) return -1;
        stampOf[s] = this.stamp;
        keys[3 * s] = x;
        keys[3 * s + 1] = y;
        keys[3 * s + 2] = z;
        head[s] = -1;
        return s;
      }
      if (keys[3 * s] === x && keys[3 * s + 1] === y && keys[3 * s + 2] === z) return s;
    }
  }

  /** One pair of neighbours: sample distance (snapshot) or linear-model minimum over the interval, its bound, the candidates. */
  private visit(i: number, j: number): void {
    this.pairsScreened++;
    const { prev, mid, half, prevR, curR } = this.col;
    const pi = 3 * i;
    const pj = 3 * j;
    const reach = half[i] + half[j] + this.reachCore;
    const mx = mid[pi] - mid[pj];
    const my = mid[pi + 1] - mid[pj + 1];
    const mz = mid[pi + 2] - mid[pj + 2];
    if (!this.snapshotMode && mx * mx + my * my + mz * mz >= reach * reach) return;
    const d0x = prev[pi] - prev[pj];
    const d0y = prev[pi + 1] - prev[pj + 1];
    const d0z = prev[pi + 2] - prev[pj + 2];
    const dist0 = Math.sqrt(d0x * d0x + d0y * d0y + d0z * d0z);
    if (this.snapshotMode) {
      if (dist0 < this.bestLin) this.setBest(dist0, 2 * this.eps, this.t0, i, j);
      return;
    }
    // w = d₁ − d₀ with d₁ = 2 (m_i − m_j) − d₀.
    const wx = 2 * (mx - d0x);
    const wy = 2 * (my - d0y);
    const wz = 2 * (mz - d0z);
    const ww = wx * wx + wy * wy + wz * wz;
    let s = ww > 0 ? -(d0x * wx + d0y * wy + d0z * wz) / ww : 0;
    s = s < 0 ? 0 : s > 1 ? 1 : s;
    const lin2 = (d0x + s * wx) * (d0x + s * wx) + (d0y + s * wy) * (d0y + s * wy) + (d0z + s * wz) * (d0z + s * wz);
    if (lin2 >= this.reachCore * this.reachCore) return; // L − E ≥ U: neither a candidate nor a new bound
    const lin = Math.sqrt(lin2);
    const dist1 = Math.sqrt((d0x + wx) * (d0x + wx) + (d0y + wy) * (d0y + wy) + (d0z + wz) * (d0z + wz));
    // Tidal bound (header) where the segment joining the pair stays far from the Earth's centre, else the absolute one.
    const rPair = Math.min(prevR[i], prevR[j], curR[i], curR[j]) - this.sag;
    const dMax = Math.max(dist0, dist1);
    const halfSpan = 0.5 * (dMax + this.eAbs);
    const dt2 = ((this.t1 - this.t0) / 1000) * ((this.t1 - this.t0) / 1000);
    const W = Math.sqrt(ww);
    let err = this.eAbs;
    if (rPair > 0 && halfSpan < 0.9 * rPair) {
      const rho = Math.sqrt(rPair * rPair - halfSpan * halfSpan);
      const kappa = ((ACCEL_MARGIN * 2 * MU_EARTH_KM3_PER_S2) / (rho * rho * rho)) * dt2;
      const other = (2 * OTHER_ACCEL_KM_PER_S2 * dt2) / 8;
      const eBar = ((kappa * lin) / 8 + other + (7 * kappa * W) / 48) / (1 - kappa / 8);
      if (kappa < 1) err = Math.min(err, (kappa * (lin + eBar)) / 8 + (kappa * kappa * lin) / 64 + other + (kappa * W) / 48);
    }
    // Input error of d (header): 2ε, or far less for a slow pair, 64ε (|d| + |ḋ|/n)/r.
    const slow = rPair > 0 ? (64 * this.eps * (dMax + W / Math.sqrt((dt2 * MU_EARTH_KM3_PER_S2) / (rPair * rPair * rPair)))) / rPair : Infinity;
    const eps2 = Math.min(2 * this.eps, slow);
    const ub = Math.min(lin + err, dist0, dist1) + eps2;
    if (ub < this.upper) this.upper = ub;
    if (lin < this.bestLin) this.setBest(lin, err + eps2, this.t0 + s * (this.t1 - this.t0), i, j);
    const lb = lin - err - eps2;
    if (lb < this.lowest) this.lowest = lb;
    if (lb < this.upper) this.push(lb, lin, err + eps2, s, W / (this.t1 - this.t0), Math.min(i, j), Math.max(i, j));
  }

  private setBest(lin: number, err: number, atMs: number, i: number, j: number): void {
    this.bestLin = lin;
    this.bestErr = err;
    this.bestMs = atMs;
    this.bestA = Math.min(i, j);
    this.bestB = Math.max(i, j);
  }

  /**
   * Keeps a candidate. When the store is full, candidates no longer below the
   * upper bound go first (they cannot hold the minimum), then the one with the
   * largest lower bound, which is remembered (result() widens its bound).
   */
  private push(lb: number, lin: number, err: number, s: number, v: number, a: number, b: number): void {
    // Worse than a candidate already dropped: keeping it would not tighten any bound.
    if (lb >= this.droppedLb) return;
    const c = this.cand;
    const cap = c.length / C;
    if (this.count === cap) {
      // Full: first drop those the upper bound has ruled out; if still full, drop the worse half
      // by lower bound (amortised O(log n) per push; a scan per push made crowded runs quadratic).
      let kept = 0;
      for (let q = 0; q < this.count; q++) {
        if (c[C * q + LB] >= this.upper) continue;
        if (kept !== q) c.copyWithin(C * kept, C * q, C * q + C);
        kept++;
      }
      this.count = kept;
      if (kept === cap) {
        const lbs = this.lbScratch;
        for (let q = 0; q < kept; q++) lbs[q] = c[C * q + LB];
        lbs.sort();
        const cut = lbs[kept >> 1];
        let half = 0;
        for (let q = 0; q < kept; q++) {
          const lq = c[C * q + LB];
          if (lq >= cut) {
            if (lq < this.droppedLb) this.droppedLb = lq;
            continue;
          }
          if (half !== q) c.copyWithin(C * half, C * q, C * q + C);
          half++;
        }
        this.count = half;
        if (lb >= this.droppedLb) return;
      }
    }
    const o = C * this.count++;
    c[o + LB] = lb;
    c[o + LIN] = lin;
    c[o + ERR] = err;
    c[o + T0] = this.t0;
    c[o + T1] = this.t1;
    c[o + S] = s;
    c[o + V] = v;
    c[o + A] = a;
    c[o + B] = b;
  }


  private store(row: number, timeMs: number, posEciKm: Float64Array, active: Uint8Array): void {
    const { prev, prevR, prevOk } = this.col;
    for (let i = 0; i < this.n; i++) {
      const o = 3 * (row + i);
      const x = posEciKm[o];
      const y = posEciKm[o + 1];
      const z = posEciKm[o + 2];
      prevOk[i] = active[row + i] !== 0 && x === x && y === y && z === z ? 1 : 0;
      prev[3 * i] = x;
      prev[3 * i + 1] = y;
      prev[3 * i + 2] = z;
      prevR[i] = prevOk[i] ? Math.sqrt(x * x + y * y + z * z) : 0;
    }
    this.prevMs = timeMs;
  }

  /** Exact closest pair of the first sample (the first U): cells grow until it is closer than a cell, so every closer pair is adjacent. */
  private snapshot(timeMs: number): void {
    const { prev, prevOk, prevR } = this.col;
    let m = 0;
    let span = 1e-6;
    for (let i = 0; i < this.n; i++) {
      m += prevOk[i];
      if (prevOk[i]) span = Math.max(span, 2 * prevR[i]);
    }
    if (m < 2) return;
    this.snapshotMode = true;
    this.t0 = timeMs;
    for (let h = span / Math.cbrt(m); ; h = Number.isFinite(this.bestLin) ? this.bestLin * (1 + 1e-9) : 4 * h) {
      this.neighbourPairs(prev, prevOk, h);
      if (this.bestLin <= h || h > span) break;
    }
    this.snapshotMode = false;
    this.upper = this.bestLin + 2 * this.eps;
    this.lowest = this.bestLin - 2 * this.eps;
  }

  /**
   * The closest approach so far (null without two satellites active together).
   * Without `positionAt`: the smallest linear-model distance, with the bound
   * [smallest lower bound, smallest upper bound] of every pair checked.
   * With it: candidates refined in order of lower bound until the next lower
   * bound exceeds the best refined distance (exact to the position model).
   */
  result(positionAt?: PositionAt): ClosestApproach | null {
    if (this.bestA < 0) return null;
    const lin = this.bestLin;
    if (!positionAt || this.count === 0) {
      const errorBoundKm = Math.max(lin - this.lowest, this.upper - lin, this.bestErr);
      return { minSeparationKm: Math.max(0, lin), atMs: this.bestMs, satA: this.bestA, satB: this.bestB, errorBoundKm, refined: false };
    }
    const c = this.cand;
    const order = Array.from({ length: this.count }, (_, k) => C * k).sort((x, y) => c[x + LB] - c[y + LB] || c[x + T0] - c[y + T0]);
    const out: ClosestApproach = { minSeparationKm: Number.POSITIVE_INFINITY, atMs: 0, satA: -1, satB: -1, errorBoundKm: 0, refined: true };
    const [a3, b3, refineOut] = [new Float64Array(3), new Float64Array(3), new Float64Array(1)];
    for (const o of order) {
      if (c[o + LB] >= out.minSeparationKm) break;
      const a = c[o + A];
      const b = c[o + B];
      const negDist = (_: number, t: number): number =>
        positionAt(a, t, a3) && positionAt(b, t, b3) ? -Math.hypot(a3[0] - b3[0], a3[1] - b3[1], a3[2] - b3[2]) : Number.NaN;
      let tMin = maximise(negDist, 0, c[o + T0], c[o + T1], refineOut, REFINE_TOL_MS);
      let v = -refineOut[0];
      for (const t of [c[o + T0], c[o + T1]]) {
        const e = -negDist(0, t);
        if (e < v || !(v === v)) [v, tMin] = [e, t];
      }
      // Positions unavailable (e.g. decay inside the interval): keep the linear estimate and its bound.
      const ok = v === v;
      if ((ok ? v : c[o + LIN]) >= out.minSeparationKm) continue;
      out.minSeparationKm = ok ? v : c[o + LIN];
      out.atMs = ok ? tMin : c[o + T0] + c[o + S] * (c[o + T1] - c[o + T0]);
      out.satA = a;
      out.satB = b;
      // Near the minimum |d| changes at most at the relative speed: time tolerance × speed.
      out.errorBoundKm = ok ? 2 * REFINE_TOL_MS * c[o + V] : c[o + ERR];
      out.refined = ok;
    }
    // Candidates dropped from a full store might hide a closer approach down to their lower bound.
    if (this.droppedLb < out.minSeparationKm) out.errorBoundKm = Math.max(out.errorBoundKm, out.minSeparationKm - this.droppedLb);
    out.minSeparationKm = Math.max(0, out.minSeparationKm);
    return out;
  }
}
