/**
 * Geometry cache: phase A of a run (orbits, Sun, shadow, station visibility,
 * events, closest approach) depends only on the satellites, the stations'
 * positions and masks, the run grid and a few switches, not on the node
 * (array, battery, radiator, compute, storage, mass, cost, workload). A run
 * that records it keeps, per sample and satellite,
 *
 *   active (1 B) · illumination, cos z☉, r (float32, 12 B) · sin β and
 *   body-fixed pointing (float32, 4 B each, only when the node needs them) ·
 *   station visibility (sparse: 12 B per cell that sees a station) ·
 *   TEME positions (float64, 24 B, only when links need positions)
 *
 * plus the merged events, failures and the closest approach; a later run
 * with the same geometry replays phase B on them (simulation.ts), with
 * results byte-identical to a full run because phase A itself rounds these
 * inputs to float32 before using them (chunk.ts, node-projection.ts).
 * 10 000 satellites × 1 day at 60 s (14.4 M cells) take ≈ 190 MB.
 *
 * Memory: a budget (bytes, default 256 MiB, issue 15's figure for 10 000
 * satellites × 1 day at 60 s); a run whose estimate exceeds it is not
 * recorded (it runs in full every time, as before), and older entries are
 * evicted, least recently used first.
 */
import { copyEvents, type EventTables } from '../events/event-log';
import type { ChunkFields, PrimitiveNeeds } from './chunk';
import type { ClosestApproach } from './separation';
import { NodeProjection } from './node-projection';
import type { SatRec } from 'satellite.js';
import type { Scenario } from '../input/scenario';
import type { SatelliteSpec } from '../input/constellation';
import { needsPositions } from '../network/link-budget';
import { workloadsNeedPositions } from '../workload/workload-run';
import type { GeometrySource } from './simulation';

/** Default budget: 256 MiB. */
export const DEFAULT_GEOMETRY_CACHE_BYTES = 256 * 1024 * 1024;

/** The visibility cells each replay buffer was last given (restore clears just those). */
const scattered = new WeakMap<ChunkFields, Uint32Array>();

/** One chunk of samples, compacted. */
interface StoredChunk {
  steps: number;
  active: Uint8Array;
  illum: Float32Array;
  cosSunZenith: Float32Array;
  radiusKm: Float32Array;
  sinBeta: Float32Array | null;
  pointing: Float32Array | null;
  fluxWPerM2: Float64Array;
  /** Cells (k · N + i) that see at least one station, and their station bits. */
  visCell: Uint32Array;
  visLo: Uint32Array;
  visHi: Uint32Array;
  posEciKm: Float64Array | null;
}

/** What a replay needs besides the chunks. */
export interface GeometryOutcome {
  events: EventTables;
  status: Uint8Array;
  failedAtMs: Float64Array;
  closest: ClosestApproach | null;
}

/** What identifies a run's geometry: `key` (grid, stations, switches) and the satellites' elements (compared exactly). */
export interface GeometryIdentity {
  key: string;
  elements: Float64Array;
  needs: PrimitiveNeeds;
  withPositions: boolean;
}

export class CachedGeometry {
  readonly chunks: StoredChunk[] = [];
  bytes = 0;
  outcome: GeometryOutcome | undefined;

  constructor(
    readonly id: GeometryIdentity,
    /** Eviction priority: lower goes first. */
    readonly priority = 1,
  ) {}

  /** Whether this entry serves a run of identity `q`. */
  serves(q: GeometryIdentity): boolean {
    const a = this.id;
    if (a.key !== q.key || a.elements.length !== q.elements.length) return false;
    if ((q.needs.sinBeta && !a.needs.sinBeta) || (q.needs.pointing && !a.needs.pointing) || (q.withPositions && !a.withPositions)) return false;
    for (let j = 0; j < a.elements.length; j++) if (!Object.is(a.elements[j], q.elements[j])) return false;
    return true;
  }

  /**
   * Points `f` at stored chunk `index` (rows 0 … steps − 1): activity, flux,
   * primitives and positions are the stored arrays themselves (read only);
   * visibility is expanded into `f`'s own columns; then `projection` writes
   * illumination, array output and absorbed heat. Returns the chunk's steps.
   */
  restore(index: number, f: ChunkFields, projection: NodeProjection): number {
    const s = this.chunks[index];
    const cells = s.steps * f.n;
    f.active = s.active;
    f.fluxWPerM2 = s.fluxWPerM2;
    f.primitives = { cosSunZenith: s.cosSunZenith, radiusKm: s.radiusKm, sinBeta: s.sinBeta, pointing: s.pointing };
    if (f.posEciKm) {
      if (!s.posEciKm) throw new Error('CachedGeometry.restore: positions were not kept');
      f.posEciKm = s.posEciKm;
    }
    const lo = f.visLo;
    const hi = f.visHi;
    // Clear only the cells the buffer's previous chunk set (a fresh buffer is all zeros).
    const previous = scattered.get(f);
    if (previous === undefined) {
      lo.fill(0, 0, cells);
      hi.fill(0, 0, cells);
    } else {
      for (let j = 0; j < previous.length; j++) {
        lo[previous[j]] = 0;
        hi[previous[j]] = 0;
      }
    }
    const { visCell, visLo, visHi } = s;
    scattered.set(f, visCell);
    for (let j = 0; j < visCell.length; j++) {
      lo[visCell[j]] = visLo[j];
      hi[visCell[j]] = visHi[j];
    }
    projection.project(f, s.steps, s.illum);
    return s.steps;
  }
}

/** Bytes a run's geometry would take before the sparse visibility (for the budget check). */
export function estimateGeometryBytes(cells: number, id: GeometryIdentity): number {
  return cells * (13 + (id.needs.sinBeta ? 4 : 0) + (id.needs.pointing ? 4 : 0) + (id.withPositions ? 24 : 0));
}

/** Records a run's geometry chunk by chunk; commit() stores it in the cache. */
export class GeometryRecorder {
  private readonly entry: CachedGeometry;
  private dropped = false;

  constructor(
    private readonly cache: GeometryCache,
    id: GeometryIdentity,
    priority: number,
  ) {
    this.entry = new CachedGeometry(id, priority);
  }

  /** Copies rows 0 … steps − 1 of `f` (compacted); stops recording once over the budget. */
  add(f: ChunkFields, steps: number): void {
    if (this.dropped) return;
    const cells = steps * f.n;
    const prim = f.primitives;
    if (!prim) throw new Error('GeometryRecorder: the chunk has no primitive columns');
    let seen = 0;
    for (let c = 0; c < cells; c++) if ((f.visLo[c] | f.visHi[c]) !== 0) seen++;
    const visCell = new Uint32Array(seen);
    const visLo = new Uint32Array(seen);
    const visHi = new Uint32Array(seen);
    for (let c = 0, j = 0; c < cells; c++) {
      if ((f.visLo[c] | f.visHi[c]) === 0) continue;
      visCell[j] = c;
      visLo[j] = f.visLo[c];
      visHi[j] = f.visHi[c];
      j++;
    }
    const chunk: StoredChunk = {
      steps,
      active: f.active.slice(0, cells),
      illum: Float32Array.from(f.illum.subarray(0, cells)),
      cosSunZenith: prim.cosSunZenith.slice(0, cells),
      radiusKm: prim.radiusKm.slice(0, cells),
      sinBeta: prim.sinBeta ? prim.sinBeta.slice(0, cells) : null,
      pointing: prim.pointing ? prim.pointing.slice(0, cells) : null,
      fluxWPerM2: f.fluxWPerM2.slice(0, steps),
      visCell,
      visLo,
      visHi,
      posEciKm: this.entry.id.withPositions && f.posEciKm ? f.posEciKm.slice(0, 3 * cells) : null,
    };
    let bytes = 0;
    for (const v of Object.values(chunk)) if (ArrayBuffer.isView(v)) bytes += v.byteLength;
    this.entry.bytes += bytes;
    this.entry.chunks.push(chunk);
    if (this.entry.bytes > this.cache.budgetBytes) this.drop();
  }

  private drop(): void {
    this.dropped = true;
    this.entry.chunks.length = 0;
  }

  /** Stores the recorded geometry with the run's outcome (copies, so the run's own arrays may be transferred). */
  commit(outcome: GeometryOutcome): void {
    if (this.dropped) return;
    const e = outcome.events;
    this.entry.outcome = {
      events: copyEvents(e),
      status: outcome.status.slice(),
      failedAtMs: outcome.failedAtMs.slice(),
      closest: outcome.closest ? { ...outcome.closest } : null,
    };
    for (const v of Object.values(e)) this.entry.bytes += (v as Int32Array).byteLength;
    this.cache.store(this.entry);
  }
}

/** Geometry of recent runs, least recently used evicted first, within a byte budget. */
export class GeometryCache {
  private readonly entries: CachedGeometry[] = [];
  hits = 0;
  misses = 0;

  constructor(readonly budgetBytes = DEFAULT_GEOMETRY_CACHE_BYTES) {}

  /** The entry for `id` (made most recently used), or undefined. */
  find(id: GeometryIdentity): CachedGeometry | undefined {
    const i = this.entries.findIndex((e) => e.serves(id));
    if (i < 0) {
      this.misses++;
      return undefined;
    }
    const [e] = this.entries.splice(i, 1);
    this.entries.push(e);
    this.hits++;
    return e;
  }

  /** A recorder for a run of `id` with `cells` satellite-samples, or null when its estimate exceeds the budget. */
  recorder(id: GeometryIdentity, cells: number, priority = 1): GeometryRecorder | null {
    if (estimateGeometryBytes(cells, id) > this.budgetBytes) return null;
    return new GeometryRecorder(this, id, priority);
  }

  /**
   * Adds a finished entry, evicting to stay within the budget: the least
   * recently used entry of the lowest priority first; an entry that would
   * only fit by evicting higher-priority ones is not stored. Priority-0
   * entries (the lifetime's sampled days, visited in the same order every
   * year) do not evict each other: under LRU such a scan would evict every
   * day before it comes round again; kept first-come, the days that fit hit.
   */
  store(e: CachedGeometry): void {
    if (e.bytes > this.budgetBytes) return;
    const same = this.entries.findIndex((x) => x.id.key === e.id.key && x.serves(e.id));
    if (same >= 0) this.entries.splice(same, 1);
    let free = this.budgetBytes - this.usedBytes();
    for (const x of this.entries) if (x.priority < e.priority || (x.priority === e.priority && e.priority > 0)) free += x.bytes;
    if (free < e.bytes) return;
    this.entries.push(e);
    while (this.usedBytes() > this.budgetBytes) {
      let victim = -1;
      for (let i = 0; i < this.entries.length; i++) if (victim < 0 || this.entries[i].priority < this.entries[victim].priority) victim = i;
      this.entries.splice(victim, 1);
    }
  }

  usedBytes(): number {
    let b = 0;
    for (const e of this.entries) b += e.bytes;
    return b;
  }

  get size(): number {
    return this.entries.length;
  }

  clear(): void {
    this.entries.length = 0;
  }
}

/** Phase A replayed from the geometry cache: stored chunks, projected onto this scenario's node. */
export function replayGeometry(cached: CachedGeometry, scenario: Scenario, chunkSteps: number): GeometrySource {
  const projection = new NodeProjection(scenario);
  return {
    shared: false,
    compute(n0, steps, out) {
      const stored = cached.restore(n0 / chunkSteps, out, projection);
      if (stored !== steps) throw new Error(`geometry cache: chunk at sample ${n0} holds ${stored} samples, not ${steps}`);
      return Promise.resolve();
    },
    finish: () => Promise.resolve([]),
    dispose: () => {},
  };
}

/**
 * What phase A depends on: the grid and run switches (`grid`), the stations'
 * positions and masks, closest-approach tracking and its spacing settings,
 * the optional primitives, and every satellite's SGP4 elements (compared exactly).
 */
export function geometryIdentity(scenario: Scenario, satellites: readonly SatelliteSpec[], grid: number[], tracksSpacing: boolean, needs: PrimitiveNeeds): GeometryIdentity {
  const stations = scenario.groundStations.map((g) => [g.latitudeDeg, g.longitudeDeg, g.altitudeM, g.minElevationDeg]);
  const key = JSON.stringify({ grid, stations, spacing: tracksSpacing ? scenario.spacing : null });
  const F = 12;
  const elements = new Float64Array(F * satellites.length);
  satellites.forEach((s, i) => {
    const r: SatRec = s.satrec;
    elements.set([r.jdsatepoch, r.inclo, r.nodeo, r.ecco, r.argpo, r.mo, r.no, r.bstar, r.ndot, r.nddot, r.error, s.epochMs], F * i);
  });
  return { key, elements, needs, withPositions: needsPositions(scenario) || workloadsNeedPositions(scenario.workloads) };
}
