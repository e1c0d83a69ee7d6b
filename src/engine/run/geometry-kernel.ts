/**
 * Phase A of a step: everything that depends on one satellite alone. Per
 * sample and satellite:
 *
 *   position → eclipse detector → contact detector → array power → absorbed heat → outputs
 *
 *   position: cubic Hermite between SGP4 knots, TEME (km, km/s);
 *   eclipse / contact: events/eclipse-detector.ts, events/contact-detector.ts
 *     (switching functions g > 0 inside, check intervals, refinement);
 *   array power: P = A η S (1 − shadow) · pointing (node/solar-array.ts), W;
 *   absorbed heat: Q = α A F☉ S (1 − shadow) + α a A F⊕ S max(0, cos z☉) +
 *     ε q_IR A F⊕ (node/thermal.ts), W.
 * Satellites are independent here, so ranges of them can run in parallel
 * (workers); the coupled phase B (station links, power, thermal, storage)
 * runs afterwards over all satellites (simulation.ts). Outputs go to chunk
 * fields (chunk.ts), step-major: index k · N + i for step k of the chunk and
 * satellite i (global index).
 */
import type { SatRec } from 'satellite.js';
import { EARTH_RADIUS_KM, MU_EARTH_KM3_PER_S2 } from '../core/constants';
import { stationArrays } from '../network/stations';
import { ContactDetector } from '../events/contact-detector';
import { EclipseDetector } from '../events/eclipse-detector';
import { EventLog, type EventBlocks } from '../events/event-log';
import { satelliteState, type PositionSource } from '../events/satellite-state';
import { OrbitBounds } from '../events/skip-bounds';
import { propagateAt, SamplePropagator, satrecEpochMs, type SampleChunk } from '../orbit/propagation';
import type { RunGrid } from '../orbit/run-grid';
import { bodyFixedPointing, effectiveArrayEfficiency, solarPowerW } from '../node/solar-array';
import type { Scenario } from '../input/scenario';
import { solarFluxWPerM2 } from '../orbit/sun';
import { orbitNormalSunCosine, Radiator, radiatorParams } from '../node/thermal';
import { SAT_DECAYED, SAT_ERROR, SAT_OK } from './status';
import type { ChunkFields } from './chunk';

/** Hermite basis of a sample on a knot: A = 1 (position), B_d = 1 (velocity), the rest 0. */
const AT_KNOT = [1, 0, 0, 0, 0, 1, 0, 0];

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
 * Phase A over satellites [first, first + satrecs.length) of a run. Holds the
 * event detectors and failure state across chunks. Call dispose().
 */
export class GeometryKernel implements PositionSource {
  private readonly propagator: SamplePropagator;
  private readonly epochs: Float64Array;
  private readonly status: Uint8Array;
  private readonly failedAtMs: Float64Array;
  /** Side of the orbit plane a body-fixed array faces (±1), chosen at the first sample. */
  private readonly bodySide: Float64Array;
  private readonly lastPos: Float64Array;
  private readonly events = new EventLog();
  private readonly orbit: OrbitBounds;
  /** The satellite the detectors check (written only when one is due). */
  private readonly state = satelliteState();
  private readonly eclipses: EclipseDetector;
  private readonly contacts: ContactDetector;
  private readonly radiator: Radiator;
  private readonly bodyFixed: boolean;
  private readonly arrayAreaM2: number;
  private readonly cellEfficiency: number;
  /** Refresh OrbitBounds at each chunk's first sample (only when the detectors skip). */
  private readonly refreshOrbitBounds: boolean;
  /** The current step: Sun (x, y, z, |s| in AU, TEME), solar flux (W/m²). */
  private readonly sun = new Float64Array(5);
  /**
   * The current step's Hermite basis p = A p_a + B v_a + C p_b + D v_b and its
   * derivative (SamplePropagator.run's formulas), knot a, and whether the step
   * sits on knot a.
   */
  private readonly basis = new Float64Array(8);
  private knot = 0;
  private atKnot = false;
  private chunk: SampleChunk | undefined;

  constructor(
    scenario: Scenario,
    private readonly satrecs: SatRec[],
    readonly first: number,
    private readonly grid: RunGrid,
    runtime: ConstructorParameters<typeof SamplePropagator>[0],
    chunkSteps: number,
    /** Skip sampling event functions while provably far from an event (exactness guard in tests). */
    skipFar = true,
  ) {
    const n = satrecs.length;
    const stepS = grid.stepMs / 1000;
    this.propagator = new SamplePropagator(runtime, satrecs, grid, chunkSteps);
    this.epochs = new Float64Array(n);
    this.status = new Uint8Array(n);
    this.failedAtMs = new Float64Array(n).fill(Number.NaN);
    this.bodySide = new Float64Array(n).fill(1);
    this.lastPos = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) {
      // Same epoch as the WASM propagator (from jdsatepoch), so refinement matches bulk samples.
      this.epochs[i] = satrecEpochMs(satrecs[i]);
      if (satrecs[i].error !== 0) {
        this.status[i] = SAT_ERROR;
        this.failedAtMs[i] = grid.startMs;
      }
    }
    this.orbit = new OrbitBounds(n);
    this.eclipses = new EclipseDetector(n, this.state, this.orbit, this, this.events, first, stepS, skipFar);
    this.contacts = new ContactDetector(n, this.state, stationArrays(scenario.groundStations), this.orbit, this, this.events, first, stepS, skipFar);
    this.radiator = new Radiator(radiatorParams(scenario));
    const node = scenario.node;
    this.bodyFixed = node.arrayPointing === 'body-fixed';
    this.arrayAreaM2 = node.solarArrayAreaM2;
    this.cellEfficiency = effectiveArrayEfficiency(node);
    this.refreshOrbitBounds = skipFar;
  }

  /** Position (out[0..2], km) at any time: knot interpolation inside the current chunk, else direct SGP4. */
  positionAt(i: number, t: number, out: Float64Array): boolean {
    return this.propagator.interpolatePosition(i, t, out) || propagateAt(this.satrecs[i], this.epochs[i], t, out);
  }

  /** Computes samples n0 … n0 + steps − 1 into `out` (cells of this kernel's satellites only). */
  run(n0: number, steps: number, out: ChunkFields): void {
    const ch = (this.chunk = this.propagator.runKnots(n0, steps));
    if (this.refreshOrbitBounds && steps > 0) this.refreshBounds();
    const g = this.grid;
    const N = out.n;
    const nLocal = this.satrecs.length;
    const { status, lastPos, eclipses, contacts, basis, sun, state } = this;
    const visible = contacts.visible;
    const { radiator, bodyFixed, arrayAreaM2, cellEfficiency } = this;
    const eclipseWake = eclipses.wake;
    const eclipseIllum = eclipses.illum;
    const contactWake = contacts.wakeMin;
    const kp = ch.knotPos;
    const kv = ch.knotVel;
    const ke = ch.knotErr;
    const knots = ch.knotCount;
    const outActive = out.active;
    const outVisLo = out.visLo;
    const outVisHi = out.visHi;
    const outIllum = out.illum;
    const outSolar = out.solarW;
    const outAbsorbed = out.absorbedW;
    const outPos = out.posEciKm;
    const prim = out.primitives;
    const needsNormal = radiator.needsOrbitNormal;
    for (let k = 0; k < steps; k++) {
      const n = n0 + k;
      const t = Math.min(g.startMs + n * g.stepMs, g.endMs);
      const terminal = n === g.K;
      this.beginStep(k, t);
      const bA = basis[0];
      const bB = basis[1];
      const bC = basis[2];
      const bD = basis[3];
      const bAd = basis[4];
      const bBd = basis[5];
      const bCd = basis[6];
      const bDd = basis[7];
      const sx = sun[0];
      const sy = sun[1];
      const sz = sun[2];
      const sunDistAu = sun[3];
      const flux = sun[4];
      out.fluxWPerM2[k] = flux;
      const ja = this.knot;
      const nextKnot = this.atKnot ? 0 : 1;
      const row = k * N + this.first;
      for (let i = 0; i < nLocal; i++) {
        const c = row + i;
        if (status[i] !== SAT_OK) {
          if (!terminal) outActive[c] = 0;
          continue;
        }
        // Position (TEME km, km/s): cubic Hermite between knots a and b (on a knot: b = a, basis 1, 0, 0, 0).
        const qa = i * knots + ja;
        const qb = qa + nextKnot;
        const a3 = 3 * qa;
        const b3 = 3 * qb;
        const x = bA * kp[a3] + bB * kv[a3] + bC * kp[b3] + bD * kv[b3];
        const y = bA * kp[a3 + 1] + bB * kv[a3 + 1] + bC * kp[b3 + 1] + bD * kv[b3 + 1];
        const z = bA * kp[a3 + 2] + bB * kv[a3 + 2] + bC * kp[b3 + 2] + bD * kv[b3 + 2];
        const vx = bAd * kp[a3] + bBd * kv[a3] + bCd * kp[b3] + bDd * kv[b3];
        const vy = bAd * kp[a3 + 1] + bBd * kv[a3 + 1] + bCd * kp[b3 + 1] + bDd * kv[b3 + 1];
        const vz = bAd * kp[a3 + 2] + bBd * kv[a3 + 2] + bCd * kp[b3 + 2] + bDd * kv[b3 + 2];
        const r = Math.sqrt(x * x + y * y + z * z);
        const err = ke[qa] !== 0 ? ke[qa] : ke[qb];
        if (err !== 0 || !(r === r)) {
          this.fail(i, n, t, err);
          if (!terminal) outActive[c] = 0;
          continue;
        }
        lastPos[3 * i] = x;
        lastPos[3 * i + 1] = y;
        lastPos[3 * i + 2] = z;
        // Event detectors, evaluated only where their check interval has run out.
        const eclipseDue = n >= eclipseWake[i];
        const inReach = n >= contactWake[i];
        if (eclipseDue || inReach) {
          state[0] = x;
          state[1] = y;
          state[2] = z;
          state[3] = vx;
          state[4] = vy;
          state[5] = vz;
          state[6] = r;
        }
        const illum = eclipseDue ? eclipses.check(i, n) : eclipseIllum[i];
        if (inReach) contacts.check(i, n);
        if (terminal) continue;
        outActive[c] = 1;
        outVisLo[c] = inReach ? visible[0] : 0;
        outVisHi[c] = inReach ? visible[1] : 0;
        // Array power and absorbed heat, written out here: as methods with a dozen
        // arguments the JIT did not inline them and phase A ran ≈30 % slower (measured).
        // Their geometric inputs are rounded to float32 first (chunk.ts: the geometry cache replays them).
        const il = Math.fround(illum);
        outIllum[c] = il;
        const pointing = bodyFixed ? Math.fround(this.bodyFixedPointing(i, n, x, y, z, vx, vy, vz, sx, sy, sz)) : 1;
        outSolar[c] = solarPowerW(arrayAreaM2, cellEfficiency, flux, il, pointing);
        // Dayside factor: cosine of the Sun's zenith angle below the satellite; view factors from r (km) and the radiator's attitude.
        const cosZ = Math.fround((x * sx + y * sy + z * sz) / (r * sunDistAu));
        const rKm = Math.fround(r);
        const sinBeta = needsNormal ? Math.fround(orbitNormalSunCosine(x, y, z, vx, vy, vz, sx, sy, sz)) : 0;
        outAbsorbed[c] = radiator.absorbedW(flux, il, cosZ, rKm, sinBeta);
        if (prim) {
          prim.cosSunZenith[c] = cosZ;
          prim.radiusKm[c] = rKm;
          if (prim.sinBeta) prim.sinBeta[c] = sinBeta;
          if (prim.pointing) prim.pointing[c] = pointing;
        }
        if (outPos) {
          outPos[3 * c] = x;
          outPos[3 * c + 1] = y;
          outPos[3 * c + 2] = z;
        }
      }
    }
  }

  /** Step k of the chunk at time t: Sun, GMST and the Hermite basis, shared by all satellites. */
  private beginStep(k: number, t: number): void {
    const ch = this.chunk as SampleChunk;
    const sx = ch.sunAu[3 * k];
    const sy = ch.sunAu[3 * k + 1];
    const sz = ch.sunAu[3 * k + 2];
    const sunDistAu = Math.sqrt(sx * sx + sy * sy + sz * sz);
    const s = this.sun;
    s[0] = sx;
    s[1] = sy;
    s[2] = sz;
    s[3] = sunDistAu;
    s[4] = solarFluxWPerM2(sunDistAu);
    const th = ch.gmstRad[k];
    this.eclipses.beginSample(t, sx, sy, sz, sunDistAu);
    this.contacts.beginSample(t, Math.cos(th), Math.sin(th));
    this.knot = ch.basisKnot[k];
    this.atKnot = ch.basisAtKnot[k] === 1;
    // The propagator leaves the basis of a step on a knot unset: p = p_a, v = v_a.
    if (this.atKnot) this.basis.set(AT_KNOT);
    else for (let j = 0; j < 8; j++) this.basis[j] = ch.basis[8 * k + j];
  }

  /**
   * The detectors' check-interval bounds (OrbitBounds) of every satellite
   * from its state at the chunk's first sample, before any check (same
   * formulas and basis as run's loop, so the same state). A pass of its own:
   * as a `k === 0` branch in run's loop, V8 inlined this once-per-chunk code
   * there (refresh, both refreshBounds, their station loop) and the
   * per-sample path paid for it — phase A ran ≈10 % slower (measured,
   * 1 000 satellites × 12 h at 10 s: 0.355 s vs 0.325 s).
   */
  private refreshBounds(): void {
    const ch = this.chunk as SampleChunk;
    const atKnot = ch.basisAtKnot[0] === 1;
    const b = atKnot ? AT_KNOT : ch.basis;
    const bA = b[0];
    const bB = b[1];
    const bC = b[2];
    const bD = b[3];
    const bAd = b[4];
    const bBd = b[5];
    const bCd = b[6];
    const bDd = b[7];
    const kp = ch.knotPos;
    const kv = ch.knotVel;
    const ke = ch.knotErr;
    const nextKnot = atKnot ? 0 : 1;
    for (let i = 0; i < this.satrecs.length; i++) {
      if (this.status[i] !== SAT_OK) continue;
      const qa = i * ch.knotCount + ch.basisKnot[0];
      const qb = qa + nextKnot;
      const a3 = 3 * qa;
      const b3 = 3 * qb;
      const x = bA * kp[a3] + bB * kv[a3] + bC * kp[b3] + bD * kv[b3];
      const y = bA * kp[a3 + 1] + bB * kv[a3 + 1] + bC * kp[b3 + 1] + bD * kv[b3 + 1];
      const z = bA * kp[a3 + 2] + bB * kv[a3 + 2] + bC * kp[b3 + 2] + bD * kv[b3 + 2];
      const vx = bAd * kp[a3] + bBd * kv[a3] + bCd * kp[b3] + bDd * kv[b3];
      const vy = bAd * kp[a3 + 1] + bBd * kv[a3 + 1] + bCd * kp[b3 + 1] + bDd * kv[b3 + 1];
      const vz = bAd * kp[a3 + 2] + bBd * kv[a3 + 2] + bCd * kp[b3 + 2] + bDd * kv[b3 + 2];
      // A satellite that fails here fails in run's loop before any check.
      if (ke[qa] !== 0 || ke[qb] !== 0 || !(x === x && y === y && z === z)) continue;
      if (this.orbit.refresh(i, x, y, z, vx, vy, vz)) {
        this.eclipses.refreshBounds(i);
        this.contacts.refreshBounds(i);
      }
    }
  }

  /** Satellite i failed at sample n (time t) with SGP4 error `err`: status, and its open events closed. */
  private fail(i: number, n: number, t: number, err: number): void {
    const lp = this.lastPos;
    const alt = n > 0 ? Math.sqrt(lp[3 * i] ** 2 + lp[3 * i + 1] ** 2 + lp[3 * i + 2] ** 2) - EARTH_RADIUS_KM : meanAltitudeKm(this.satrecs[i]);
    this.status[i] = failureStatus(err, this.satrecs[i].bstar, alt);
    this.failedAtMs[i] = t;
    this.eclipses.fail(i);
    this.contacts.fail(i);
  }

  /**
   * Pointing factor of a body-fixed array (cos of the Sun's angle to its
   * normal, ≥ 0) for satellite i at sample n: position (km), velocity (km/s), Sun (AU).
   */
  private bodyFixedPointing(i: number, n: number, x: number, y: number, z: number, vx: number, vy: number, vz: number, sx: number, sy: number, sz: number): number {
    if (n === 0) {
      // Fly the array on the orbit-normal side that faces the Sun at the start.
      const hs = (y * vz - z * vy) * sx + (z * vx - x * vz) * sy + (x * vy - y * vx) * sz;
      this.bodySide[i] = hs >= 0 ? 1 : -1;
    }
    return bodyFixedPointing(x, y, z, vx, vy, vz, sx, sy, sz, this.bodySide[i]);
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
