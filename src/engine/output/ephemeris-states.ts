/**
 * The states behind the ephemeris files (oem.ts, stk-ephemeris.ts): which
 * satellites, at which epochs, and their SGP4 position and velocity there.
 *
 *   epochs tₙ = min(t₀ + n·Δt, t_end), n = 0 … ⌈(t_end − t₀)/Δt⌉
 *   (t₀, t_end: the scenario's horizon as run-grid.ts defines it; Δt the
 *   output step, default 60 s, rounded to whole milliseconds),
 *   state(tₙ) = SGP4(element set, tₙ): TEME of date, km and km/s.
 *
 * SGP4 is evaluated at every epoch (the engine's WASM BulkPropagator through
 * SamplePropagator with a knot at every sample: no interpolation), so a
 * line holds SGP4 itself; readers interpolate between lines. A satellite
 * whose SGP4 reports an error (e.g. 6, decayed) at some epoch has no states
 * from that epoch on (the engine's rule: failed from then on); one that fails
 * at t₀ has none at all and is left out (planEphemeris lists it).
 *
 * Files are bounded (MAX_EPHEMERIS_BYTES, estimated before anything is
 * propagated) and so is the memory used while writing
 * (STATE_BUFFER_BYTES per batch of satellites).
 */
import { formatUtc, parseUtcMs } from '../core/time';
import type { SatelliteSpec } from '../input/constellation';
import { describeSgp4Error } from '../input/element-set';
import type { Scenario } from '../input/scenario';
import { propagateAt, SamplePropagator, satrecEpochMs, wasmRuntime } from '../orbit/propagation';
import { horizonMsOf, sampleTimeMs, type GridTimes, type SampleGrid } from '../orbit/run-grid';

/** Default output step (s). STK expects at least 90 points per revolution (its .e format page); 60 s gives ≈ 90 for a 90-minute LEO orbit. */
export const DEFAULT_EPHEMERIS_STEP_S = 60;
/** Allowed output steps (s). */
export const MIN_EPHEMERIS_STEP_S = 1;
export const MAX_EPHEMERIS_STEP_S = 86_400;

/**
 * Largest ephemeris file written (bytes, estimated before writing): the
 * browser holds the whole file in memory as a Blob before the download, so
 * the limit keeps a tab alive (1,000 LEO satellites for a day at 60 s are
 * ≈ 160 MB). Beyond it: fewer satellites or a longer step.
 */
export const MAX_EPHEMERIS_BYTES = 256 * 1024 * 1024;

/** States held at once while writing (bytes): a batch of satellites over the whole horizon. */
export const STATE_BUFFER_BYTES = 64 * 1024 * 1024;
/** At most this many satellites per propagator run (the WASM output holds satellites × chunk states). */
const MAX_BATCH = 128;
/** Epochs per propagator run. */
const CHUNK_STEPS = 2048;

/** A request the caller cannot have meant (bad step, satellite out of range, file too large): the message says what to change. */
export class EphemerisError extends Error {}

/** What to write: the output step and the satellites. */
export interface EphemerisRequest {
  /** Output step (s), default DEFAULT_EPHEMERIS_STEP_S. */
  stepSeconds?: number;
  /** Satellite indices (input order, 0-based) or all of them (default). */
  satellites?: 'all' | readonly number[];
}

export interface EphemerisPlan {
  startMs: number;
  endMs: number;
  stepMs: number;
  /** Epochs per satellite (before any SGP4 failure). */
  points: number;
  /** Satellites asked for, ascending, without duplicates. */
  requested: number[];
  /** Those with a state at t₀, written in this order. */
  written: number[];
  /** Those without (SGP4 fails at t₀): no states, no segment. */
  skipped: Array<{ index: number; message: string }>;
  /** Estimated file size (bytes). */
  estimatedBytes: number;
}

/** Where a satellite's ephemeris ends early: SGP4 error `code` first reported at the epoch `atMs`. */
export interface EphemerisFailure {
  code: number;
  atMs: number;
  message: string;
}

/**
 * Checks a request against the scenario and its satellites and sizes the
 * file (`lineBytes` per data line, `segmentBytes` per satellite,
 * `headerBytes` once). Throws EphemerisError for a bad step or index, when
 * no requested satellite has a state at t₀, or when the estimate exceeds
 * `maxBytes`.
 */
export function planEphemeris(
  times: GridTimes,
  satellites: readonly SatelliteSpec[],
  request: EphemerisRequest,
  size: { lineBytes: number; segmentBytes: number; headerBytes: number },
  maxBytes = MAX_EPHEMERIS_BYTES,
): EphemerisPlan {
  const stepS = request.stepSeconds ?? DEFAULT_EPHEMERIS_STEP_S;
  if (!Number.isFinite(stepS) || stepS < MIN_EPHEMERIS_STEP_S || stepS > MAX_EPHEMERIS_STEP_S) {
    throw new EphemerisError(`ephemeris step must be from ${MIN_EPHEMERIS_STEP_S} to ${MAX_EPHEMERIS_STEP_S} s, got ${stepS}`);
  }
  const N = satellites.length;
  if (N === 0) throw new EphemerisError('the scenario has no satellites: no ephemeris to write');
  let requested: number[];
  if (request.satellites === undefined || request.satellites === 'all') requested = Array.from({ length: N }, (_, i) => i);
  else {
    if (request.satellites.length === 0) throw new EphemerisError('no satellite selected for the ephemeris');
    for (const i of request.satellites) {
      if (!Number.isInteger(i) || i < 0 || i >= N) throw new EphemerisError(`satellite index ${i} is out of range: the scenario has satellites 0 to ${N - 1}`);
    }
    requested = [...new Set(request.satellites)].sort((a, b) => a - b);
  }
  const startMs = parseUtcMs(times.startUtc);
  const endMs = startMs + horizonMsOf(times);
  const stepMs = Math.round(stepS * 1000);
  const points = Math.ceil((endMs - startMs) / stepMs) + 1;

  // Who has a state at t₀ (the engine's single-time SGP4; the bulk run below agrees: same element sets, same SGP4).
  const written: number[] = [];
  const skipped: EphemerisPlan['skipped'] = [];
  const pv = new Float64Array(6);
  for (const i of requested) {
    const rec = satellites[i].satrec;
    if (propagateAt(rec, satrecEpochMs(rec), startMs, pv)) written.push(i);
    else skipped.push({ index: i, message: `${describeSgp4Error(rec.error)} at the start ${formatUtc(startMs)}` });
  }
  if (written.length === 0) {
    throw new EphemerisError(`no selected satellite has an SGP4 state at the start (${skipped[0].message}): nothing to write`);
  }
  const estimatedBytes = size.headerBytes + written.length * (size.segmentBytes + points * size.lineBytes);
  if (estimatedBytes > maxBytes) {
    const mb = (x: number) => `${Math.ceil(x / 1024 / 1024)} MB`;
    throw new EphemerisError(
      `the ephemeris would be about ${mb(estimatedBytes)} (${written.length} satellite${written.length === 1 ? '' : 's'} × ${points} epochs), more than the ${mb(maxBytes)} limit: choose fewer satellites or a longer step`,
    );
  }
  return { startMs, endMs, stepMs, points, requested, written, skipped, estimatedBytes };
}

/** Receives one satellite's states: 6 per epoch ([x, y, z] km, [vx, vy, vz] km/s, TEME), `count` epochs from t₀. */
export type EphemerisVisitor = (index: number, states: Float64Array, count: number, failure: EphemerisFailure | null) => void;

/**
 * Propagates the plan's written satellites and hands each one's states to
 * `visit`, in plan order (batches of satellites share a propagator run; the
 * states view is reused after `visit` returns).
 */
export async function propagateEphemeris(satellites: readonly SatelliteSpec[], plan: EphemerisPlan, visit: EphemerisVisitor, progress?: (fraction: number) => void): Promise<void> {
  const runtime = await wasmRuntime();
  const grid: SampleGrid = { startMs: plan.startMs, stepMs: plan.stepMs, endMs: plan.endMs, knotEvery: 1 };
  const P = plan.points;
  const batch = Math.max(1, Math.min(MAX_BATCH, Math.floor(STATE_BUFFER_BYTES / (P * 48))));
  const chunk = Math.min(P, CHUNK_STEPS);
  const states = new Float64Array(Math.min(batch, plan.written.length) * P * 6);
  const count = new Int32Array(batch);
  const failCode = new Int32Array(batch);
  const ids = plan.written;
  for (let b0 = 0; b0 < ids.length; b0 += batch) {
    const members = ids.slice(b0, b0 + batch);
    const B = members.length;
    count.fill(-1); // −1: no failure yet
    const prop = new SamplePropagator(
      runtime,
      members.map((i) => satellites[i].satrec),
      grid,
      chunk,
    );
    try {
      for (let n0 = 0; n0 < P; n0 += chunk) {
        const steps = Math.min(chunk, P - n0);
        const c = prop.runKnots(n0, steps);
        const K = c.knotCount;
        for (let i = 0; i < B; i++) {
          if (count[i] >= 0) continue; // failed earlier: nothing from then on
          const o = i * P * 6;
          for (let k = 0; k < steps; k++) {
            const q = i * K + c.basisKnot[k]; // with a knot at every sample, sample n is knot basisKnot[k]
            const err = c.knotErr[q];
            const x = c.knotPos[3 * q];
            const y = c.knotPos[3 * q + 1];
            const z = c.knotPos[3 * q + 2];
            if (err !== 0 || !Number.isFinite(x + y + z)) {
              count[i] = n0 + k;
              failCode[i] = err;
              break;
            }
            const s = o + 6 * (n0 + k);
            states[s] = x;
            states[s + 1] = y;
            states[s + 2] = z;
            states[s + 3] = c.knotVel[3 * q];
            states[s + 4] = c.knotVel[3 * q + 1];
            states[s + 5] = c.knotVel[3 * q + 2];
          }
        }
        progress?.((b0 + (B * (n0 + steps)) / P) / ids.length);
      }
    } finally {
      prop.dispose();
    }
    for (let i = 0; i < B; i++) {
      const n = count[i] < 0 ? P : count[i];
      const atMs = sampleTimeMs(grid, n);
      const failure = count[i] < 0 ? null : { code: failCode[i], atMs, message: `${describeSgp4Error(failCode[i])} at ${formatUtc(atMs)}` };
      visit(members[i], states.subarray(i * P * 6, (i * P + n) * 6), n, failure);
    }
  }
}

/** Time of epoch n of a plan (ms). */
export function epochMs(plan: EphemerisPlan, n: number): number {
  return Math.min(plan.startMs + n * plan.stepMs, plan.endMs);
}

// ---------------------------------------------------------------------------
// Object identifiers

/** UN/COSPAR international designator as CCSDS 502.0-B-3 table 5-3 recommends it: YYYY-NNNP{PP}. */
const DESIGNATOR = /^\d{4}-\d{3}[A-Z]{1,3}$/;

/**
 * The OBJECT_ID of each satellite: for element sets, the international
 * designator when the set carries one (TLE line 1 columns 10–17, e.g.
 * "98067A" → "1998-067A"; OMM OBJECT_ID), else the NORAD catalogue number;
 * for generated designs, the design's satellite id (e.g. "walker-3").
 * TLE line 1 columns 10–11 hold the launch year's last two digits, 12–14 the
 * launch number, 15–17 the piece (CelesTrak, "NORAD Two-Line Element Set
 * Format"); two-digit years are read as satellite.js twoline2satrec reads
 * epoch years: 57–99 → 1957–1999, 00–56 → 2000–2056 (no launch before 1957).
 * Sources: docs/reference/export-formats.md.
 * Element sets are matched to satellites by catalogue number (the satellite
 * id is "<catalogue number>#<index>", constellation.ts).
 */
export function objectIds(scenario: Pick<Scenario, 'constellation'>, satellites: readonly SatelliteSpec[]): string[] {
  const c = scenario.constellation;
  if (c.type !== 'tle' && c.type !== 'omm') return satellites.map((s) => s.id);
  const byCatalogue = new Map<string, string>();
  if (c.type === 'tle') {
    for (const raw of c.text.split(/\r?\n/)) {
      const line = raw.trim();
      if (line.length < 17 || !line.startsWith('1 ')) continue;
      const cat = line.substring(2, 7).trim();
      const d = line.substring(9, 17).trim(); // YYNNNPPP
      const m = /^(\d{2})(\d{3})([A-Z]{1,3})$/.exec(d);
      if (!m || byCatalogue.has(cat)) continue;
      const yy = Number(m[1]);
      byCatalogue.set(cat, `${yy >= 57 ? 1900 + yy : 2000 + yy}-${m[2]}${m[3]}`);
    }
  } else {
    for (const r of c.records) {
      if (!r || typeof r !== 'object') continue;
      const rec = r as { OBJECT_ID?: unknown; NORAD_CAT_ID?: unknown };
      const cat = typeof rec.NORAD_CAT_ID === 'number' ? String(rec.NORAD_CAT_ID) : typeof rec.NORAD_CAT_ID === 'string' ? rec.NORAD_CAT_ID.trim() : '';
      const id = typeof rec.OBJECT_ID === 'string' ? rec.OBJECT_ID.trim() : '';
      if (cat && DESIGNATOR.test(id) && !byCatalogue.has(cat)) byCatalogue.set(cat, id);
    }
  }
  return satellites.map((s) => {
    const cat = s.id.replace(/#\d+$/, '');
    return byCatalogue.get(cat) ?? cat;
  });
}

// ---------------------------------------------------------------------------
// Text values

/**
 * A name as printable ASCII (CCSDS 502.0-B-3 §7.3.4 allows nothing else; STK
 * reads ASCII): every other character becomes "?", at most `maxChars`
 * characters, "UNKNOWN" when empty (table 5-3's value for an unknown name).
 */
export function asciiName(name: string, maxChars: number): string {
  let s = '';
  for (const ch of name) {
    const c = ch.codePointAt(0)!;
    s += c >= 0x20 && c <= 0x7e ? ch : '?';
    if (s.length >= maxChars) break;
  }
  s = s.trim();
  return s === '' ? 'UNKNOWN' : s;
}

/** A time as CCSDS 502.0-B-3 §7.5.10 writes it, YYYY-MM-DDThh:mm:ss.sss (UTC, no "Z"). */
export function ccsdsTime(timeMs: number): string {
  return formatUtc(timeMs).slice(0, -1);
}
