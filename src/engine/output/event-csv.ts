/**
 * The run's event tables as CSV (CLI `--eclipses-csv`, `--contacts-csv`,
 * `--passes-csv`; the app's Export menu), from the engine's EventTables
 * (events/event-log.ts) and the satellite and station names:
 *
 *   eclipses.csv  satelliteId,satelliteName,startUtc,endUtc,durationS
 *                 ordered as the table: start, then satellite
 *   contacts.csv  satelliteId,satelliteName,station,startUtc,endUtc,durationS,maxElevationDeg
 *                 ordered as the table: start, satellite, station
 *   passes.csv    station,satelliteId,satelliteName,aosUtc,losUtc,durationS,maxElevationDeg
 *                 the same contacts as each station's pass list: station
 *                 (scenario order), then AOS, then satellite
 *
 * One row per event (intervals clipped by the horizon included, as in
 * result.json). Times: UTC ISO 8601 with milliseconds (result.json's);
 * durationS = (LOS − AOS) of those millisecond times, 3 decimals;
 * maxElevationDeg: 3 decimals (fixed-point.ts). Names are quoted as RFC 4180
 * §2 says (a field holding a comma, a double quote or a line break is
 * enclosed in double quotes, quotes doubled); lines end with LF, as the
 * series CSV's. Byte-deterministic; streamed (year-long runs log millions of
 * events).
 */
import type { EventTables } from '../events/event-log';
import type { SimulationOutput } from '../run/output-types';
import { ChunkSink, putBytes, UtcBytes, words, type ByteWrite, type Words } from './byte-writer';
import { putFixed } from './fixed-point';

/** What the event files are made of (a run's output, or the app's AnalysisResult). */
export interface EventCsvInput {
  events: EventTables;
  satelliteIds: readonly string[];
  satelliteNames: readonly string[];
  stationNames: readonly string[];
}

export function eventCsvInput(out: SimulationOutput): EventCsvInput {
  return { events: out.events, satelliteIds: out.satellites.map((s) => s.id), satelliteNames: out.satellites.map((s) => s.name), stationNames: out.stationNames };
}

export const ECLIPSE_CSV_HEADER = 'satelliteId,satelliteName,startUtc,endUtc,durationS';
export const CONTACT_CSV_HEADER = 'satelliteId,satelliteName,station,startUtc,endUtc,durationS,maxElevationDeg';
export const PASS_CSV_HEADER = 'station,satelliteId,satelliteName,aosUtc,losUtc,durationS,maxElevationDeg';

/** A CSV field as RFC 4180 §2 (6, 7) writes it. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Bytes of a row beyond its pre-encoded names: two times, two numbers, separators. */
const ROW_FIXED = 2 * 24 + 2 * 32 + 8;
const COMMA = 0x2c;
const NEWLINE = 0x0a;

const longest = (xs: Words[]): number => xs.reduce((n, x) => Math.max(n, x.length), 0);

/** Writes "start,end,duration" (times as UtcBytes, duration of the millisecond times, s). */
function putInterval(v: DataView, p: number, utc: UtcBytes, startMs: number, endMs: number): number {
  p = utc.put(v, p, startMs);
  v.setUint8(p++, COMMA);
  p = utc.put(v, p, endMs);
  v.setUint8(p++, COMMA);
  return putFixed(v, p, (Math.round(endMs) - Math.round(startMs)) / 1000, 3);
}

/** Streams the eclipse table as CSV (header + one line per eclipse). */
export function writeEclipsesCsv(input: EventCsvInput, write: ByteWrite, chunkBytes = 1 << 20): void {
  const { eclipseSat, eclipseStartMs, eclipseEndMs } = input.events;
  const sink = new ChunkSink(write, chunkBytes);
  sink.text(`${ECLIPSE_CSV_HEADER}\n`);
  const heads = input.satelliteIds.map((id, i) => words(`${csvField(id)},${csvField(input.satelliteNames[i])},`));
  const rowMax = ROW_FIXED + longest(heads);
  const utc = new UtcBytes();
  for (let e = 0; e < eclipseSat.length; e++) {
    const v = sink.reserve(rowMax);
    let p = putBytes(v, sink.pos, heads[eclipseSat[e]]);
    p = putInterval(v, p, utc, eclipseStartMs[e], eclipseEndMs[e]);
    v.setUint8(p++, NEWLINE);
    sink.pos = p;
  }
  sink.flush();
}

/** Streams the contact table as CSV (header + one line per contact, the table's order). */
export function writeContactsCsv(input: EventCsvInput, write: ByteWrite, chunkBytes = 1 << 20): void {
  writeContactRows(input, write, chunkBytes, CONTACT_CSV_HEADER, null, false);
}

/**
 * Contact indices by station (scenario order), keeping the table's order
 * (start, satellite) within a station: a stable counting sort, no comparator.
 */
export function passOrder(events: EventTables, stationCount: number): Uint32Array {
  const st = events.contactStation;
  const first = new Uint32Array(stationCount + 1);
  for (let e = 0; e < st.length; e++) first[st[e] + 1]++;
  for (let s = 0; s < stationCount; s++) first[s + 1] += first[s];
  const order = new Uint32Array(st.length);
  for (let e = 0; e < st.length; e++) order[first[st[e]]++] = e;
  return order;
}

/** Streams the passes (every contact, grouped by station) as CSV. */
export function writePassesCsv(input: EventCsvInput, write: ByteWrite, chunkBytes = 1 << 20): void {
  writeContactRows(input, write, chunkBytes, PASS_CSV_HEADER, passOrder(input.events, input.stationNames.length), true);
}

/**
 * One line per contact: satellite then station columns (the contact table) or
 * station then satellite (passes), in the table's order or `order`'s.
 */
function writeContactRows(input: EventCsvInput, write: ByteWrite, chunkBytes: number, header: string, order: Uint32Array | null, stationFirst: boolean): void {
  const { contactSat, contactStation, contactStartMs, contactEndMs, contactMaxElevationDeg } = input.events;
  const sink = new ChunkSink(write, chunkBytes);
  sink.text(`${header}\n`);
  const sats = input.satelliteIds.map((id, i) => words(`${csvField(id)},${csvField(input.satelliteNames[i])},`));
  const stations = input.stationNames.map((s) => words(`${csvField(s)},`));
  const rowMax = ROW_FIXED + longest(sats) + longest(stations);
  const utc = new UtcBytes();
  const n = order ? order.length : contactSat.length;
  for (let k = 0; k < n; k++) {
    const e = order ? order[k] : k;
    const v = sink.reserve(rowMax);
    const first = stationFirst ? stations[contactStation[e]] : sats[contactSat[e]];
    const second = stationFirst ? sats[contactSat[e]] : stations[contactStation[e]];
    let p = putBytes(v, putBytes(v, sink.pos, first), second);
    p = putInterval(v, p, utc, contactStartMs[e], contactEndMs[e]);
    v.setUint8(p++, COMMA);
    p = putFixed(v, p, contactMaxElevationDeg[e], 3);
    v.setUint8(p++, NEWLINE);
    sink.pos = p;
  }
  sink.flush();
}

/** The event CSV kinds, their writers and headers. */
export const EVENT_CSV = {
  eclipses: writeEclipsesCsv,
  contacts: writeContactsCsv,
  passes: writePassesCsv,
} as const;
export type EventCsvKind = keyof typeof EVENT_CSV;
