/**
 * Phase A of a step: everything that depends on one satellite alone —
 * SGP4 position, Sun and shadow, solar array output, environmental heat on the
 * radiator, which ground stations see it, and its eclipse and contact events.
 * Satellites are independent here, so ranges of them can run in parallel
 * (workers); the coupled phase B (station links, power, thermal, storage)
 * runs afterwards over all satellites (simulation.ts).
 *
 * Chunk fields are step-major: index k · N + i for step k of the chunk and
 * satellite i (global index). They may live in SharedArrayBuffers.
 */
import { gstime, type SatRec } from 'satellite.js';
import { EARTH_RADIUS_KM, MU_EARTH_KM3_PER_S2, RAD } from '../core/constants';
import { sinElevation, stationArrays, type StationArrays } from '../network/stations';
import { IntervalDetector } from '../events/interval-detector';
import { propagateAt, SamplePropagator, satrecEpochMs } from '../orbit/propagation';
import type { RunGrid } from '../orbit/run-grid';
import { bodyFixedPointing, solarPowerW } from '../node/power';
import type { Scenario } from '../input/scenario';
import { AU_KM, eclipseSwitch, PENUMBRA_SWITCH_MARGIN, shadowFromSwitch, solarFluxWPerM2, SunCache } from '../orbit/sun';
import { absorbedHeatFromCoefficientsW, absorptionCoefficients, radiatorParams, type RadiatorParams } from '../node/thermal';
import { SAT_DECAYED, SAT_ERROR, SAT_OK } from './status';
import { julianDateFromMs } from '../core/time';

/**
 * How far below zero a parabola through three samples may peak and still be
 * searched for an interval shorter than the step, in switching-function units
 * (cos-angle for eclipses, sin-elevation for contacts). The parabola's error
 * grows with the step, so the margin does too: 0.024 (≈1.4°) at 60 s.
 */
export function hiddenIntervalMargin(stepS: number): number {
  return Math.max(0.01, 0.0004 * stepS);
}

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

/** Eclipse and contact intervals, columnar (typed arrays of exactly the event count). */
export interface EventTables {
  eclipseSat: Int32Array;
  eclipseStartMs: Float64Array;
  eclipseEndMs: Float64Array;
  contactSat: Int32Array;
  contactStation: Int32Array;
  contactStartMs: Float64Array;
  contactEndMs: Float64Array;
  contactMaxElevationDeg: Float64Array;
}

export function emptyEvents(): EventTables {
  return {
    eclipseSat: new Int32Array(0),
    eclipseStartMs: new Float64Array(0),
    eclipseEndMs: new Float64Array(0),
    contactSat: new Int32Array(0),
    contactStation: new Int32Array(0),
    contactStartMs: new Float64Array(0),
    contactEndMs: new Float64Array(0),
    contactMaxElevationDeg: new Float64Array(0),
  };
}

/** Events per block of an EventLog column: 2^EVENT_BLOCK_SHIFT. */
const EVENT_BLOCK_SHIFT = 16;
const EVENT_BLOCK = 1 << EVENT_BLOCK_SHIFT;

/**
 * Events as logged: per column, fixed-size blocks (the last one partly
 * filled) holding `eclipses` / `contacts` values in log order. Handed from a
 * kernel to mergeEvents without copying (workers transfer the blocks).
 */
export interface EventBlocks {
  eclipses: number;
  contacts: number;
  columns: { [K in keyof EventTables]: Array<EventTables[K]> };
}

/** All block buffers of `b` (to transfer between threads). */
export function eventBlockBuffers(b: EventBlocks): ArrayBuffer[] {
  return Object.values(b.columns).flatMap((blocks: Array<Int32Array | Float64Array>) => blocks.map((x) => x.buffer as ArrayBuffer));
}

type EventColumn = Int32Array | Float64Array;
const KIND: { [K in keyof EventTables]: 'i32' | 'f64' } = {
  eclipseSat: 'i32',
  eclipseStartMs: 'f64',
  eclipseEndMs: 'f64',
  contactSat: 'i32',
  contactStation: 'i32',
  contactStartMs: 'f64',
  contactEndMs: 'f64',
  contactMaxElevationDeg: 'f64',
};
const makeColumn = (key: keyof EventTables, n: number): EventColumn => (KIND[key] === 'i32' ? new Int32Array(n) : new Float64Array(n));

/**
 * Log blocks live in resizable ArrayBuffers where the platform has them
 * (ES2024; Node 20, current browsers), so that a block copied into the merged
 * tables is released at once by resizing it to 0 — a dropped buffer would
 * wait for the garbage collector, and the merge of a year-long run then held
 * ~200 MB of dead blocks at its peak (measured).
 */
const RESIZABLE = typeof (ArrayBuffer.prototype as { resize?: unknown }).resize === 'function';

function logBlock<T extends EventColumn>(ctor: { new (b: ArrayBuffer, o: number, n: number): T; new (n: number): T; BYTES_PER_ELEMENT: number }): T {
  if (!RESIZABLE) return new ctor(EVENT_BLOCK);
  const bytes = EVENT_BLOCK * ctor.BYTES_PER_ELEMENT;
  const Resizable = ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => ArrayBuffer;
  return new ctor(new Resizable(bytes, { maxByteLength: bytes }), 0, EVENT_BLOCK);
}

/** Frees a block's memory now when its buffer is resizable (its views become empty). */
function releaseBlock(block: EventColumn): void {
  const buf = block.buffer as ArrayBuffer & { resizable?: boolean; resize?: (n: number) => void };
  if (buf.resizable && buf.resize) buf.resize(0);
}

/**
 * Appends events into fixed-size blocks per column: appending never copies and
 * at most one block per column is unused (a doubling array would hold up to
 * twice the events and copy them on every growth; year-long runs log ~10⁷).
 */
export class EventLog {
  private eclipses = 0;
  private contacts = 0;
  private columns: EventBlocks['columns'] = emptyBlockColumns();

  eclipse(sat: number, startMs: number, endMs: number): void {
    const k = this.eclipses++;
    const c = this.columns;
    const b = k >>> EVENT_BLOCK_SHIFT;
    if (b === c.eclipseSat.length) {
      c.eclipseSat.push(logBlock(Int32Array));
      c.eclipseStartMs.push(logBlock(Float64Array));
      c.eclipseEndMs.push(logBlock(Float64Array));
    }
    const o = k & (EVENT_BLOCK - 1);
    c.eclipseSat[b][o] = sat;
    c.eclipseStartMs[b][o] = startMs;
    c.eclipseEndMs[b][o] = endMs;
  }

  contact(sat: number, station: number, startMs: number, endMs: number, maxElevationDeg: number): void {
    const k = this.contacts++;
    const c = this.columns;
    const b = k >>> EVENT_BLOCK_SHIFT;
    if (b === c.contactSat.length) {
      c.contactSat.push(logBlock(Int32Array));
      c.contactStation.push(logBlock(Int32Array));
      c.contactStartMs.push(logBlock(Float64Array));
      c.contactEndMs.push(logBlock(Float64Array));
      c.contactMaxElevationDeg.push(logBlock(Float64Array));
    }
    const o = k & (EVENT_BLOCK - 1);
    c.contactSat[b][o] = sat;
    c.contactStation[b][o] = station;
    c.contactStartMs[b][o] = startMs;
    c.contactEndMs[b][o] = endMs;
    c.contactMaxElevationDeg[b][o] = maxElevationDeg;
  }

  /** Hands over the logged blocks (no copy); the log starts empty again. */
  take(): EventBlocks {
    const out: EventBlocks = { eclipses: this.eclipses, contacts: this.contacts, columns: this.columns };
    this.eclipses = 0;
    this.contacts = 0;
    this.columns = emptyBlockColumns();
    return out;
  }
}

function emptyBlockColumns(): EventBlocks['columns'] {
  return { eclipseSat: [], eclipseStartMs: [], eclipseEndMs: [], contactSat: [], contactStation: [], contactStartMs: [], contactEndMs: [], contactMaxElevationDeg: [] };
}

/** The logged events of `parts` as exact-size tables in log order (parts in order; blocks released as copied). */
function concatEventBlocks(parts: EventBlocks[]): EventTables {
  const out = emptyEvents();
  for (const key of Object.keys(KIND) as Array<keyof EventTables>) out[key] = concatColumn(parts, key) as never;
  return out;
}

function concatColumn(parts: EventBlocks[], key: keyof EventTables): EventColumn {
  const count = (p: EventBlocks) => (key.startsWith('eclipse') ? p.eclipses : p.contacts);
  const out = makeColumn(key, parts.reduce((n, p) => n + count(p), 0));
  let o = 0;
  for (const p of parts) {
    const blocks = p.columns[key] as EventColumn[];
    let left = count(p);
    for (let b = 0; b < blocks.length && left > 0; b++) {
      const n = Math.min(EVENT_BLOCK, left);
      out.set(n === blocks[b].length ? blocks[b] : blocks[b].subarray(0, n), o);
      releaseBlock(blocks[b]);
      blocks[b] = makeColumn(key, 0);
      o += n;
      left -= n;
    }
  }
  return out;
}

/**
 * Reorders `columns` in place so that new index k holds old index order[k]
 * (cycle by cycle, with a bit per element to mark what is placed): no
 * second copy of any column.
 */
function permuteInPlace(order: Uint32Array, columns: EventColumn[]): void {
  const n = order.length;
  const done = new Uint8Array((n + 7) >>> 3);
  for (let start = 0; start < n; start++) {
    if (done[start >>> 3] & (1 << (start & 7))) continue;
    // Cycle start ← order[start] ← order[order[start]] … back to start.
    for (const col of columns) {
      const first = col[start];
      let k = start;
      for (let src = order[k]; src !== start; k = src, src = order[k]) col[k] = col[src];
      col[k] = first;
    }
    for (let k = start; !(done[k >>> 3] & (1 << (k & 7))); k = order[k]) done[k >>> 3] |= 1 << (k & 7);
  }
}

/**
 * Concatenates the logged events of ranges of satellites and orders them by
 * start time, then satellite, then station — deterministic for any split of
 * satellites over workers. Extra memory beyond the tables: one column while
 * concatenating, then the sort order (4 bytes per event); the blocks of
 * `parts` are released.
 */
export function mergeEvents(parts: EventBlocks[]): EventTables {
  const t = concatEventBlocks(parts);
  {
    const sat = t.eclipseSat;
    const start = t.eclipseStartMs;
    const order = sortedOrder(sat.length, (a, b) => start[a] - start[b] || sat[a] - sat[b]);
    permuteInPlace(order, [t.eclipseSat, t.eclipseStartMs, t.eclipseEndMs]);
  }
  {
    const sat = t.contactSat;
    const station = t.contactStation;
    const start = t.contactStartMs;
    const order = sortedOrder(sat.length, (a, b) => start[a] - start[b] || sat[a] - sat[b] || station[a] - station[b]);
    permuteInPlace(order, [t.contactSat, t.contactStation, t.contactStartMs, t.contactEndMs, t.contactMaxElevationDeg]);
  }
  return t;
}

/**
 * Indices 0 … n − 1 ordered by `compare` (stable bottom-up merge sort over
 * two Uint32Arrays; runs of 16 by insertion first). Unlike Array/TypedArray
 * sort with a comparator, it allocates nothing on the JS heap: year-long runs
 * sort ~5·10⁶ events, for which the built-in sort's work arrays took
 * ~150 MB of heap.
 */
function sortedOrder(n: number, compare: (a: number, b: number) => number): Uint32Array {
  let src = new Uint32Array(n);
  for (let k = 0; k < n; k++) src[k] = k;
  const RUN = 16;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(n, lo + RUN);
    for (let i = lo + 1; i < hi; i++) {
      const v = src[i];
      let j = i - 1;
      while (j >= lo && compare(src[j], v) > 0) {
        src[j + 1] = src[j];
        j--;
      }
      src[j + 1] = v;
    }
  }
  if (n <= RUN) return src;
  let dst = new Uint32Array(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(n, lo + width);
      const hi = Math.min(n, lo + 2 * width);
      let i = lo;
      let j = mid;
      let k = lo;
      // Already in order (common: events are logged roughly by time): copy.
      if (mid < hi && compare(src[mid - 1], src[mid]) <= 0) {
        dst.set(src.subarray(lo, hi), lo);
        continue;
      }
      while (i < mid && j < hi) dst[k++] = compare(src[j], src[i]) < 0 ? src[j++] : src[i++];
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    const swap = src;
    src = dst;
    dst = swap;
  }
  return src;
}

/** What phase A leaves at the end of a run, for its range of satellites. */
export interface GeometryResult {
  events: EventBlocks;
  /** Global index of the first satellite of the range. */
  first: number;
  status: Uint8Array;
  failedAtMs: Float64Array;
}

/**
 * Classifies an SGP4 failure: error 6 is a decay; errors 1 (eccentricity out of
 * range) and 3 (perturbed eccentricity) under drag from a low orbit (last
 * altitude < 500 km) are the usual signature of re-entry too; anything else is an error.
 */
export function failureStatus(sgp4Error: number, bstar: number, lastAltitudeKm: number): number {
  if (sgp4Error === 6) return SAT_DECAYED;
  if ((sgp4Error === 1 || sgp4Error === 3) && bstar > 0 && lastAltitudeKm < 500) return SAT_DECAYED;
  return SAT_ERROR;
}

/** Mean altitude (km) from the SGP4 mean motion (rad/min): a = (μ / n²)^{1/3}. */
function meanAltitudeKm(rec: SatRec): number {
  const n = rec.no / 60;
  return Math.cbrt(MU_EARTH_KM3_PER_S2 / (n * n)) - EARTH_RADIUS_KM;
}

/**
 * Skip bounds from the osculating orbit (two-body, TEME, km and s), written
 * into `out` = [ω_max (rad/s), r_min (km), r_max (km)]:
 *   a = 1 / (2/r − v²/μ), h = |r × v|, e = √(1 − h²/(μ a)),
 *   r_min,max = a(1 ∓ e) ∓ ORBIT_RADIUS_SLACK_KM,
 *   ω_max = 1.01 · h / r_min² (the largest angular rate of r̂, at perigee).
 * The slack and the 1 % cover SGP4's short-period J2 terms and drag over a
 * skip (minutes to an hour). Returns false (no skip) for non-elliptic states.
 */
export const ORBIT_RADIUS_SLACK_KM = 25;
export function orbitSkipBounds(x: number, y: number, z: number, vx: number, vy: number, vz: number, out: Float64Array): boolean {
  const r = Math.sqrt(x * x + y * y + z * z);
  const v2 = vx * vx + vy * vy + vz * vz;
  const inv = 2 / r - v2 / MU_EARTH_KM3_PER_S2;
  if (!(inv > 0)) return false;
  const a = 1 / inv;
  const hx = y * vz - z * vy;
  const hy = z * vx - x * vz;
  const hz = x * vy - y * vx;
  const h2 = hx * hx + hy * hy + hz * hz;
  const e2 = 1 - h2 / (MU_EARTH_KM3_PER_S2 * a);
  const e = e2 > 0 ? Math.sqrt(e2) : 0;
  if (!(e < 0.95)) return false;
  const rMin = a * (1 - e) - ORBIT_RADIUS_SLACK_KM;
  if (!(rMin > EARTH_RADIUS_KM * 0.5)) return false;
  out[0] = (1.01 * Math.sqrt(h2)) / (rMin * rMin);
  out[1] = rMin;
  out[2] = a * (1 + e) + ORBIT_RADIUS_SLACK_KM;
  return true;
}

/** Earth rotation rate (rad/s). */
const EARTH_RATE_RAD_PER_S = 7.2921159e-5;
/** Rate of GMST in IAU-82 (satellite.js gstime): 1.00273790935 · 2π / 86400 rad/s. */
const GMST_RATE_RAD_PER_S = (1.00273790935 * 2 * Math.PI) / 86_400;
/** Bound on the rate of the Sun's direction seen from a satellite (annual motion + parallax, rad/s). */
const SUN_DIRECTION_RATE_RAD_PER_S = 1e-6;
/** Tilt between geodetic up and the geocentric radial at any station (rad), plus slack. */
const GEODETIC_TILT_RAD = 0.0034 + 0.001;

/**
 * Bound on the angular rate of an orbit's plane (rad/s): nodal regression
 * |Ω̇| = 1.5 n J2 (R/p)² |cos i| ≤ 2.0e-6 rad/s for any orbit above 150 km;
 * lunar–solar terms are orders of magnitude slower.
 */
const PLANE_RATE_RAD_PER_S = 3e-6;
/**
 * How far the osculating orbit normal can swing about its secular drift
 * (rad): SGP4's short-period J2 terms move i and Ω by ≲ 1e-3 rad (0.06°);
 * taken 10× larger.
 */
export const PLANE_WOBBLE_RAD = 0.01;

/**
 * acos(x) on [−1, 1] within ACOS_FAST_ERROR_RAD, from arithmetic and sqrt only
 * (cheap, and the same on every engine): Abramowitz & Stegun 4.4.46,
 * acos x = √(1 − x) Σ₀⁷ a_k x^k + ε, |ε| ≤ 2e-8 on [0, 1]; acos(−x) = π − acos x.
 * Skip bounds subtract ACOS_FAST_ERROR_RAD so they stay lower bounds.
 */
export const ACOS_FAST_ERROR_RAD = 1e-7;
export function fastAcos(x: number): number {
  const a = x < 0 ? -x : x;
  const p =
    Math.sqrt(1 - a) *
    (1.570796305 + a * (-0.2145988016 + a * (0.0889789874 + a * (-0.0501743046 + a * (0.030891881 + a * (-0.0170881256 + a * (0.0066700901 + a * -0.0012624911)))))));
  return x < 0 ? Math.PI - p : p;
}

/**
 * Samples kept before a bound's end: a pair skipped at step n for a bound of
 * T seconds is sampled again at step n + ⌊T / Δt⌋ − SKIP_MARGIN_STEPS + 1,
 * at least one step before the bound's end. A sign change then falls between
 * two samples (needs one sample before it), and an interval shorter than a
 * step is seen by the three-sample extremum check, which needs two samples
 * before the step that holds it.
 */
const SKIP_MARGIN_STEPS = 2;

/**
 * The θ band of the penumbra for radii in [r_min, r_max]: where the eclipse
 * switch g = cos ρ − cos θ may lie within ±margin (outside it the shadow is
 * exactly 0 or 1, see sun.ts): cos θ ∈ (cos ρ(r_min) − m, cos ρ(r_max) + m).
 * Writes [θ_lo, θ_hi] (rad) into out[0..1].
 */
export function penumbraBandRad(rMinKm: number, rMaxKm: number, margin: number, out: Float64Array): void {
  const R2 = EARTH_RADIUS_KM * EARTH_RADIUS_KM;
  const cosRhoAtMin = Math.sqrt(Math.max(0, 1 - R2 / (rMinKm * rMinKm))); // ρ largest at r_min
  const cosRhoAtMax = Math.sqrt(Math.max(0, 1 - R2 / (rMaxKm * rMaxKm)));
  out[0] = Math.acos(Math.min(1, cosRhoAtMax + margin));
  out[1] = Math.acos(Math.max(-1, cosRhoAtMin - margin));
}

/**
 * Largest central angle λ_max (rad) between a satellite (geocentric radius
 * ≤ r_max) and a station (geocentric radius R_s) at which the satellite can
 * be at or above the station's mask: λ_max = acos((R_s / r_max) cos ε′) − ε′,
 * ε′ = mask − tilt (geocentric elevation bound). λ moves at most at
 * ω_max + ω⊕, so a satellite at λ > λ_max stays below the mask for
 * (λ − λ_max) / (ω_max + ω⊕).
 */
export function contactLambdaMaxRad(stationRadiusKm: number, maskRad: number, rMaxKm: number): number {
  const eps = maskRad - GEODETIC_TILT_RAD;
  return Math.acos(Math.min(1, ((stationRadiusKm - 1) / rMaxKm) * Math.cos(eps))) - eps;
}

/**
 * Phase A over satellites [first, first + satrecs.length) of a run with `totalN`
 * satellites. Holds the per-satellite event detectors and failure state across
 * chunks. Call dispose().
 */
export class GeometryKernel {
  private readonly propagator: SamplePropagator;
  private readonly stations: StationArrays;
  private readonly rad: RadiatorParams;
  private readonly epochs: Float64Array;
  private readonly status: Uint8Array;
  private readonly failedAtMs: Float64Array;
  private readonly bodySide: Float64Array;
  private readonly lastPos: Float64Array;
  /** Next sample at which a satellite–station pair must be evaluated (skipped while provably out of view). */
  private readonly contactWake: Int32Array;
  /** Per satellite, the smallest contactWake of its pairs (the station loop is skipped before it). */
  private readonly contactWakeMin: Int32Array;
  /** Next sample at which the eclipse function must be evaluated, and its sign meanwhile (1 lit, 0 umbra). */
  private readonly eclipseWake: Int32Array;
  private readonly eclipseLit: Uint8Array;
  private readonly eclipses: IntervalDetector;
  private readonly contacts: IntervalDetector;
  private readonly events = new EventLog();
  private readonly pv = new Float64Array(6);
  private readonly bounds = new Float64Array(3);
  private readonly band = new Float64Array(2);
  private readonly stationRadiusKm: Float64Array;
  /**
   * Per-satellite skip geometry, refreshed at each chunk's first sample from
   * the osculating orbit (see orbitSkipBounds): valid flag, θ band of the
   * penumbra, rate bounds of θ and λ (rad/s), and per station cos λ_max, λ_max.
   */
  private readonly skipValid: Uint8Array;
  private readonly thetaBand: Float64Array;
  private readonly thetaRate: Float64Array;
  private readonly lambdaRate: Float64Array;
  private readonly cosLambdaMax: Float64Array;
  private readonly lambdaMax: Float64Array;
  /**
   * Plane bounds (see run): the θ a lit satellite must stay above to skip on
   * its β angle (band top + Sun parallax + wobble), and per pair sin(λ_max +
   * wobble), below which the station's angle from the orbit plane proves nothing.
   */
  private readonly betaFloor: Float64Array;
  private readonly sinPlaneReach: Float64Array;
  /** Station directions (unit vectors, Earth-fixed), 3 per station. */
  private readonly stationUnit: Float64Array;
  private readonly sun = new Float64Array(3);
  private readonly sunCache = new SunCache();
  /** GMST at the sample being processed (refinement reference, see gmstAt). */
  private gmstRefMs = Number.NaN;
  private gmstRefCos = 1;
  private gmstRefSin = 0;
  private readonly gmstCS = new Float64Array(2);

  constructor(
    private readonly scenario: Scenario,
    private readonly satrecs: SatRec[],
    readonly first: number,
    private readonly grid: RunGrid,
    runtime: ConstructorParameters<typeof SamplePropagator>[0],
    chunkSteps: number,
    /** Skip sampling event functions while provably far from an event (exactness guard in tests). */
    private readonly skipFar = true,
  ) {
    const n = satrecs.length;
    this.stations = stationArrays(scenario.groundStations);
    const sp = this.stations.posEcfKm;
    this.stationRadiusKm = Float64Array.from({ length: this.stations.count }, (_, k) => Math.hypot(sp[3 * k], sp[3 * k + 1], sp[3 * k + 2]));
    this.stationUnit = Float64Array.from(sp, (v, j) => v / this.stationRadiusKm[(j / 3) | 0]);
    this.rad = radiatorParams(scenario);
    this.propagator = new SamplePropagator(runtime, satrecs, grid, chunkSteps);
    this.epochs = new Float64Array(n);
    this.status = new Uint8Array(n);
    this.failedAtMs = new Float64Array(n).fill(Number.NaN);
    this.bodySide = new Float64Array(n).fill(1);
    this.lastPos = new Float64Array(3 * n);
    this.contactWake = new Int32Array(n * this.stations.count);
    this.contactWakeMin = new Int32Array(n);
    this.eclipseWake = new Int32Array(n);
    this.eclipseLit = new Uint8Array(n);
    this.skipValid = new Uint8Array(n);
    this.thetaBand = new Float64Array(2 * n);
    this.thetaRate = new Float64Array(n);
    this.lambdaRate = new Float64Array(n);
    this.cosLambdaMax = new Float64Array(n * this.stations.count);
    this.lambdaMax = new Float64Array(n * this.stations.count);
    this.betaFloor = new Float64Array(n);
    this.sinPlaneReach = new Float64Array(n * this.stations.count);
    for (let i = 0; i < n; i++) {
      // Same epoch as the WASM propagator (from jdsatepoch), so refinement matches bulk samples.
      this.epochs[i] = satrecEpochMs(satrecs[i]);
      if (satrecs[i].error !== 0) {
        this.status[i] = SAT_ERROR;
        this.failedAtMs[i] = grid.startMs;
      }
    }
    const S = this.stations.count;
    const ev = this.events;
    this.eclipses = new IntervalDetector(n, this.eclipseG, (i, a, b) => {
      ev.eclipse(first + i, a, b);
    }, hiddenIntervalMargin(grid.stepMs / 1000));
    this.contacts = new IntervalDetector(n * S, this.contactG, (pair, a, b, peakG) => {
      const i = (pair / S) | 0;
      const k = pair - i * S;
      const sinPeak = Math.min(1, Math.max(0, Number.isFinite(peakG) ? peakG : 0) + this.stations.sinMask[k]);
      ev.contact(first + i, k, a, b, Math.asin(sinPeak) * RAD);
    }, hiddenIntervalMargin(grid.stepMs / 1000), true);
  }

  /** Position (pv[0..2], km) at any time: knot interpolation inside the current chunk, else direct SGP4. */
  private positionAt(i: number, t: number, pv: Float64Array): boolean {
    return this.propagator.interpolatePosition(i, t, pv) || propagateAt(this.satrecs[i], this.epochs[i], t, pv);
  }

  /**
   * cos and sin of GMST at t into out[0..1]. Refinement happens within two
   * steps of the sample being processed (time gmstRefMs, angle θ₀), so
   * θ = θ₀ + θ̇ (t − t₀) with the rotation composed from Taylor series of
   * the small angle (|Δ| ≤ 0.05 rad: series error < 1e-17; θ̇ is constant to
   * 1e-10 relative over a century, so over two steps the angle is off by
   * < 1e-12 rad); farther away, gstime.
   */
  private gmstAt(t: number, out: Float64Array): void {
    const dRad = ((t - this.gmstRefMs) / 1000) * GMST_RATE_RAD_PER_S;
    if (dRad > 0.05 || dRad < -0.05 || this.gmstRefMs !== this.gmstRefMs) {
      const th = gstime(julianDateFromMs(t));
      out[0] = Math.cos(th);
      out[1] = Math.sin(th);
      return;
    }
    const d2 = dRad * dRad;
    const cd = 1 - (d2 / 2) * (1 - (d2 / 12) * (1 - (d2 / 30) * (1 - d2 / 56)));
    const sd = dRad * (1 - (d2 / 6) * (1 - (d2 / 20) * (1 - (d2 / 42) * (1 - d2 / 72))));
    out[0] = this.gmstRefCos * cd - this.gmstRefSin * sd;
    out[1] = this.gmstRefSin * cd + this.gmstRefCos * sd;
  }

  /** Eclipse switching function for refinement: > 0 in eclipse (JS SGP4 + sunPos). */
  private readonly eclipseG = (i: number, t: number): number => {
    const pv = this.pv;
    if (!this.positionAt(i, t, pv)) return Number.NaN;
    this.sunCache.at(t, this.sun);
    return -eclipseSwitch(pv[0], pv[1], pv[2], this.sun[0], this.sun[1], this.sun[2]);
  };

  /** Contact switching function for refinement: sin el − sin mask, > 0 in contact. */
  private readonly contactG = (pair: number, t: number): number => {
    const S = this.stations.count;
    const i = (pair / S) | 0;
    const k = pair - i * S;
    const pv = this.pv;
    if (!this.positionAt(i, t, pv)) return Number.NaN;
    const cs = this.gmstCS;
    this.gmstAt(t, cs);
    const c = cs[0];
    const s = cs[1];
    return sinElevation(this.stations, k, pv[0] * c + pv[1] * s, -pv[0] * s + pv[1] * c, pv[2]) - this.stations.sinMask[k];
  };

  /** Refreshes satellite i's skip geometry from its state (km, km/s, TEME). */
  private refreshSkip(i: number, x: number, y: number, z: number, vx: number, vy: number, vz: number): void {
    const b = this.bounds;
    if (!orbitSkipBounds(x, y, z, vx, vy, vz, b)) {
      this.skipValid[i] = 0;
      return;
    }
    this.skipValid[i] = 1;
    penumbraBandRad(b[1], b[2], PENUMBRA_SWITCH_MARGIN, this.band);
    this.thetaBand[2 * i] = this.band[0];
    this.thetaBand[2 * i + 1] = this.band[1];
    this.thetaRate[i] = b[0] + SUN_DIRECTION_RATE_RAD_PER_S;
    this.lambdaRate[i] = b[0] + EARTH_RATE_RAD_PER_S;
    // The Sun seen from the satellite is at most asin(r / d☉) from its direction seen from the Earth's centre.
    this.betaFloor[i] = this.band[1] + (1.01 * b[2]) / (0.98 * AU_KM) + PLANE_WOBBLE_RAD + ACOS_FAST_ERROR_RAD;
    const S = this.stations.count;
    for (let s = 0; s < S; s++) {
      const lm = contactLambdaMaxRad(this.stationRadiusKm[s], this.stations.maskRad[s], b[2]);
      this.lambdaMax[i * S + s] = lm;
      this.cosLambdaMax[i * S + s] = Math.cos(lm);
      const reach = lm + PLANE_WOBBLE_RAD + ACOS_FAST_ERROR_RAD;
      this.sinPlaneReach[i * S + s] = reach < Math.PI / 2 ? Math.sin(reach) : 1;
    }
  }

  /** Computes samples n0 … n0 + steps − 1 into `out` (cells of this kernel's satellites only). */
  run(n0: number, steps: number, out: ChunkFields): void {
    const chunk = this.propagator.runKnots(n0, steps);
    const g = this.grid;
    const N = out.n;
    const nLocal = this.satrecs.length;
    const first = this.first;
    const S = this.stations.count;
    const st = this.stations;
    const node = this.scenario.node;
    const bodyFixed = node.arrayPointing === 'body-fixed';
    const area = node.solarArrayAreaM2;
    const eff = node.solarCellEfficiency;
    const kp = chunk.knotPos;
    const kv = chunk.knotVel;
    const ke = chunk.knotErr;
    const knots = chunk.knotCount;
    const bs = chunk.basis;
    const status = this.status;
    const eclipses = this.eclipses;
    const contacts = this.contacts;
    const outPos = out.posEciKm;
    const outActive = out.active;
    const outIllum = out.illum;
    const outSolar = out.solarW;
    const outAbsorbed = out.absorbedW;
    const outVisLo = out.visLo;
    const outVisHi = out.visHi;
    const stepS = g.stepMs / 1000;
    const lastPos = this.lastPos;
    const eclipseWake = this.eclipseWake;
    const eclipseLit = this.eclipseLit;
    const wake = this.contactWake;
    const wakeMin = this.contactWakeMin;
    const stPos = st.posEcfKm;
    const stUp = st.upEcf;
    const stSinMask = st.sinMask;
    const stRadius = this.stationRadiusKm;
    const { skipValid, thetaBand, thetaRate, lambdaRate, lambdaMax, cosLambdaMax, betaFloor, sinPlaneReach } = this;
    const stUnit = this.stationUnit;
    const skipFar = this.skipFar;
    const absorption = absorptionCoefficients(this.rad);
    const R2 = EARTH_RADIUS_KM * EARTH_RADIUS_KM;
    for (let k = 0; k < steps; k++) {
      const n = n0 + k;
      const t = Math.min(g.startMs + n * g.stepMs, g.endMs);
      const terminal = n === g.K;
      eclipses.beginSample(t);
      contacts.beginSample(t);
      const sx = chunk.sunAu[3 * k];
      const sy = chunk.sunAu[3 * k + 1];
      const sz = chunk.sunAu[3 * k + 2];
      const sunDistAu = Math.sqrt(sx * sx + sy * sy + sz * sz);
      const flux = solarFluxWPerM2(sunDistAu);
      const th = chunk.gmstRad[k];
      const cth = Math.cos(th);
      const sth = Math.sin(th);
      this.gmstRefMs = t;
      this.gmstRefCos = cth;
      this.gmstRefSin = sth;
      const row = k * N + first;
      // Hermite basis of this step (SamplePropagator.run's formulas, evaluated here
      // so that positions and velocities never go through memory).
      const ja = chunk.basisKnot[k];
      const atKnot = chunk.basisAtKnot[k] === 1;
      const bA = bs[8 * k];
      const bB = bs[8 * k + 1];
      const bC = bs[8 * k + 2];
      const bD = bs[8 * k + 3];
      const bAd = bs[8 * k + 4];
      const bBd = bs[8 * k + 5];
      const bCd = bs[8 * k + 6];
      const bDd = bs[8 * k + 7];
      for (let i = 0; i < nLocal; i++) {
        const c = row + i;
        if (status[i] !== SAT_OK) {
          if (!terminal) outActive[c] = 0;
          continue;
        }
        const qa = i * knots + ja;
        const qb = qa + 1;
        let x: number;
        let y: number;
        let z: number;
        let vx: number;
        let vy: number;
        let vz: number;
        let err: number;
        if (atKnot) {
          x = kp[3 * qa];
          y = kp[3 * qa + 1];
          z = kp[3 * qa + 2];
          vx = kv[3 * qa];
          vy = kv[3 * qa + 1];
          vz = kv[3 * qa + 2];
          err = ke[qa];
        } else {
          const p0x = kp[3 * qa];
          const p0y = kp[3 * qa + 1];
          const p0z = kp[3 * qa + 2];
          const v0x = kv[3 * qa];
          const v0y = kv[3 * qa + 1];
          const v0z = kv[3 * qa + 2];
          const p1x = kp[3 * qb];
          const p1y = kp[3 * qb + 1];
          const p1z = kp[3 * qb + 2];
          const v1x = kv[3 * qb];
          const v1y = kv[3 * qb + 1];
          const v1z = kv[3 * qb + 2];
          x = bA * p0x + bB * v0x + bC * p1x + bD * v1x;
          y = bA * p0y + bB * v0y + bC * p1y + bD * v1y;
          z = bA * p0z + bB * v0z + bC * p1z + bD * v1z;
          vx = bAd * p0x + bBd * v0x + bCd * p1x + bDd * v1x;
          vy = bAd * p0y + bBd * v0y + bCd * p1y + bDd * v1y;
          vz = bAd * p0z + bBd * v0z + bCd * p1z + bDd * v1z;
          err = ke[qa] !== 0 ? ke[qa] : ke[qb];
        }
        if (err !== 0 || !(x === x && y === y && z === z)) {
          const lp = lastPos;
          const alt = n > 0 ? Math.sqrt(lp[3 * i] ** 2 + lp[3 * i + 1] ** 2 + lp[3 * i + 2] ** 2) - EARTH_RADIUS_KM : meanAltitudeKm(this.satrecs[i]);
          status[i] = failureStatus(err, this.satrecs[i].bstar, alt);
          this.failedAtMs[i] = t;
          eclipses.sample(i, Number.NaN);
          for (let s = 0; s < S; s++) contacts.sample(i * S + s, Number.NaN);
          if (!terminal) outActive[c] = 0;
          continue;
        }
        lastPos[3 * i] = x;
        lastPos[3 * i + 1] = y;
        lastPos[3 * i + 2] = z;
        // Bounds on how fast the switching functions can move let far-from-event
        // pairs skip sampling: |Δ(unit vector)| ≤ 2 |Δp| / |p| for a position p.
        const r = Math.sqrt(x * x + y * y + z * z);
        let illum: number;
        if (skipFar && k === 0) this.refreshSkip(i, x, y, z, vx, vy, vz);
        const canSkip = skipFar && skipValid[i] === 1;
        if (n >= eclipseWake[i]) {
          const gEcl = eclipseSwitch(x, y, z, sx, sy, sz);
          eclipses.sample(i, -gEcl);
          illum = 1 - shadowFromSwitch(gEcl, x, y, z, sx, sy, sz);
          if (gEcl >= PENUMBRA_SWITCH_MARGIN || gEcl <= -PENUMBRA_SWITCH_MARGIN) {
            // Lit or in umbra and provably staying so: skip sampling (inside an
            // eclipse too; the detector keeps the interval open across the skip).
            if (canSkip) {
              // θ from g = cos ρ − cos θ; time until θ can reach the penumbra band.
              const q = 1 - R2 / (r * r);
              const cosTheta = (q > 0 ? Math.sqrt(q) : 0) - gEcl;
              const theta = fastAcos(cosTheta < -1 ? -1 : cosTheta > 1 ? 1 : cosTheta);
              const lo = thetaBand[2 * i];
              const hi = thetaBand[2 * i + 1];
              const gap = (theta < lo ? lo - theta : theta > hi ? theta - hi : 0) - ACOS_FAST_ERROR_RAD;
              let skipS = gap / thetaRate[i];
              if (gEcl > 0) {
                // Plane bound: r̂ lies in the orbit plane, so θ ≥ |β| − parallax, with
                // sin β = n̂ · ŝ; β drifts at most at the plane's rate plus the Sun's.
                const hx = y * vz - z * vy;
                const hy = z * vx - x * vz;
                const hz = x * vy - y * vx;
                const sinBeta = (hx * sx + hy * sy + hz * sz) / (Math.sqrt(hx * hx + hy * hy + hz * hz) * sunDistAu);
                const betaGap = Math.PI / 2 - fastAcos(sinBeta < 0 ? (sinBeta < -1 ? 1 : -sinBeta) : sinBeta > 1 ? 1 : sinBeta) - betaFloor[i];
                const planeS = betaGap / (PLANE_RATE_RAD_PER_S + SUN_DIRECTION_RATE_RAD_PER_S);
                if (planeS > skipS) skipS = planeS;
              }
              const skip = Math.floor(skipS / stepS) - SKIP_MARGIN_STEPS;
              if (skip >= 2) {
                eclipses.reset(i);
                eclipseWake[i] = n + 1 + skip;
                eclipseLit[i] = gEcl > 0 ? 1 : 0;
              }
            }
          }
        } else {
          illum = eclipseLit[i];
        }
        const xf = x * cth + y * sth;
        const yf = -x * sth + y * cth;
        // Speed relative to the rotating Earth is at most |v| + ω⊕ r, and the orbit
        // normal in Earth-fixed axes (only needed to skip a station; computed once).
        let vEcf = -1;
        let nxf = 0;
        let nyf = 0;
        let nzf = 2;
        let lo = 0;
        let hi = 0;
        let nextWake = 0x7fffffff;
        for (let s = 0; n >= wakeMin[i] && s < S; s++) {
          const p = i * S + s;
          if (n < wake[p]) {
            if (wake[p] < nextWake) nextWake = wake[p];
            continue;
          }
          const dx = xf - stPos[3 * s];
          const dy = yf - stPos[3 * s + 1];
          const dz = z - stPos[3 * s + 2];
          const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
          const gs = (dx * stUp[3 * s] + dy * stUp[3 * s + 1] + dz * stUp[3 * s + 2]) / d - stSinMask[s];
          contacts.sample(p, gs);
          if (gs >= 0) {
            if (s < 32) lo |= 1 << s;
            else hi |= 1 << (s - 32);
          } else if (skipFar && !contacts.isOpen(p)) {
            // Two valid bounds, the larger wins: the chord one (|Δ unit vector| ≤ 2|Δp|/|p|)
            // and the central-angle one (see contactLambdaMaxRad).
            if (vEcf < 0) vEcf = Math.sqrt(vx * vx + vy * vy + vz * vz) + EARTH_RATE_RAD_PER_S * r;
            let skipS = (-gs * d) / (2 * vEcf);
            if (canSkip) {
              const cosLambda = (xf * stPos[3 * s] + yf * stPos[3 * s + 1] + z * stPos[3 * s + 2]) / (r * stRadius[s]);
              if (cosLambda < cosLambdaMax[p]) {
                const angleS = (fastAcos(cosLambda < -1 ? -1 : cosLambda) - ACOS_FAST_ERROR_RAD - lambdaMax[p]) / lambdaRate[i];
                if (angleS > skipS) skipS = angleS;
              }
              // Plane bound: r̂ lies in the orbit plane, so λ ≥ δ, the station's
              // angle from the plane (sin δ = |n̂ · ŝ|), which moves at most at
              // ω⊕ plus the plane's own rate: far from the ground track for hours.
              if (nzf > 1) {
                const hx = y * vz - z * vy;
                const hy = z * vx - x * vz;
                const hz = x * vy - y * vx;
                const h = Math.sqrt(hx * hx + hy * hy + hz * hz);
                nxf = (hx * cth + hy * sth) / h;
                nyf = (-hx * sth + hy * cth) / h;
                nzf = hz / h;
              }
              const sd = nxf * stUnit[3 * s] + nyf * stUnit[3 * s + 1] + nzf * stUnit[3 * s + 2];
              const sinDelta = sd < 0 ? -sd : sd;
              if (sinDelta > sinPlaneReach[p]) {
                const delta = Math.PI / 2 - fastAcos(sinDelta > 1 ? 1 : sinDelta);
                const planeS = (delta - ACOS_FAST_ERROR_RAD - PLANE_WOBBLE_RAD - lambdaMax[p]) / (EARTH_RATE_RAD_PER_S + PLANE_RATE_RAD_PER_S);
                if (planeS > skipS) skipS = planeS;
              }
            }
            const skip = Math.floor(skipS / stepS) - SKIP_MARGIN_STEPS;
            if (skip >= 2) {
              contacts.reset(p);
              wake[p] = n + 1 + skip;
            }
          }
          const w = wake[p] > n ? wake[p] : n + 1;
          if (w < nextWake) nextWake = w;
        }
        if (n >= wakeMin[i]) wakeMin[i] = nextWake;
        if (terminal) continue;
        outActive[c] = 1;
        outVisLo[c] = lo;
        outVisHi[c] = hi;
        outIllum[c] = illum;
        let pointing = 1;
        if (bodyFixed) {
          if (n === 0) {
            // Fly the array on the orbit-normal side that faces the Sun at the start.
            const hs = (y * vz - z * vy) * sx + (z * vx - x * vz) * sy + (x * vy - y * vx) * sz;
            this.bodySide[i] = hs >= 0 ? 1 : -1;
          }
          pointing = bodyFixedPointing(x, y, z, vx, vy, vz, sx, sy, sz, this.bodySide[i]);
        }
        outSolar[c] = solarPowerW(area, eff, flux, illum, pointing);
        // Dayside factor: cosine of the Sun's zenith angle below the satellite.
        const dayside = (x * sx + y * sy + z * sz) / (r * sunDistAu);
        outAbsorbed[c] = absorbedHeatFromCoefficientsW(absorption, flux, illum, dayside);
        if (outPos) {
          outPos[3 * c] = x;
          outPos[3 * c + 1] = y;
          outPos[3 * c + 2] = z;
        }
      }
    }
  }

  /** Closes open intervals at the horizon's end and returns events and failures. */
  finish(): GeometryResult {
    this.eclipses.finish(this.grid.endMs);
    this.contacts.finish(this.grid.endMs);
    return { events: this.events.take(), first: this.first, status: this.status, failedAtMs: this.failedAtMs };
  }

  dispose(): void {
    this.propagator.dispose();
  }
}
