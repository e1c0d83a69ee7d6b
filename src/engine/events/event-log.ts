/**
 * Event storage: eclipse and contact intervals as logged by the detectors and
 * as merged for a run.
 *
 * Units: times in ms since the Unix epoch (UTC), elevations in degrees;
 * satellites and stations by global index. A log holds events in fixed
 * blocks per column (no copy on growth, handed between threads without
 * copying); mergeEvents concatenates the logs of ranges of satellites and
 * orders them by (start, satellite, station) with an own stable merge sort
 * and an in-place permutation, so merged tables are the same for any split
 * of satellites over workers and the merge needs no JS-heap work arrays.
 */

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

/** A copy of `e` with buffers of its own (the geometry cache keeps one while results are transferred). */
export function copyEvents(e: EventTables): EventTables {
  return {
    eclipseSat: e.eclipseSat.slice(),
    eclipseStartMs: e.eclipseStartMs.slice(),
    eclipseEndMs: e.eclipseEndMs.slice(),
    contactSat: e.contactSat.slice(),
    contactStation: e.contactStation.slice(),
    contactStartMs: e.contactStartMs.slice(),
    contactEndMs: e.contactEndMs.slice(),
    contactMaxElevationDeg: e.contactMaxElevationDeg.slice(),
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
