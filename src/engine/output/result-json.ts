/**
 * The result document (result.ts) streamed as UTF-8 JSON: the CLI's
 * `result.json` and the browser's export, byte-identical to
 * JSON.stringify(resultDocument(out)) without building it (year-long runs
 * have millions of events). Rows are encoded straight into byte chunks
 * (byte-writer.ts); seriesRow/eclipseRow/contactRow stay the reference (tests).
 */
import { LIMIT_NAMES } from '../node/compute';
import type { SimulationOutput } from '../run/simulation';
import { ChunkSink, FIELD_MAX, putBytes, putSig, UtcBytes, words, type ByteWrite, type Words } from './byte-writer';
import { alertRows, closestApproachRow, economicsDocument, roundedKpis, satelliteRows, SERIES_COLUMNS, seriesName, stationRows } from './result';
import { rowFormat, writeSeriesRows } from './series-rows';
import { writeWorkloadsJson } from './workload-json';

const COMMA = 0x2c;

/**
 * Streams the result document as UTF-8 JSON through `write`, in chunks of at
 * most `chunkBytes` (a single row longer than that gets a chunk of its own).
 */
export function writeResultJson(out: SimulationOutput, write: ByteWrite, chunkBytes = 1 << 20): void {
  const sink = new ChunkSink(write, chunkBytes);
  sink.text(`{"scenario":${JSON.stringify(out.scenario)}`);
  sink.text(`,"satellites":${JSON.stringify(satelliteRows(out))}`);
  sink.text(`,"elementErrors":${JSON.stringify(out.elementErrors.map((e) => ({ ...e })))}`);
  sink.text(`,"warnings":${JSON.stringify(out.warnings.map((w) => ({ path: w.path, message: w.message })))}`);
  sink.text(`,"alerts":${JSON.stringify(alertRows(out))}`);
  sink.text(`,"kpis":${JSON.stringify(roundedKpis(out.kpis))}`);
  sink.text(`,"closestApproach":${JSON.stringify(closestApproachRow(out))}`);
  sink.text(`,"stations":${JSON.stringify(stationRows(out))}`);
  sink.text(`,"economics":${JSON.stringify(economicsDocument(out))}`);
  sink.text(',"workloads":');
  writeWorkloadsJson(out, (t) => sink.text(t));
  const utc = new UtcBytes();
  sink.text(',"series":[');
  writeSeriesRows(sink, out, SERIES_JSON, utc);
  sink.text('],"events":{"eclipses":[');
  writeEclipseRows(sink, out, utc);
  sink.text('],"contacts":[');
  writeContactRows(sink, out, utc);
  sink.text(`]},"limitNames":${JSON.stringify(LIMIT_NAMES)}}`);
  sink.flush();
}

/** JSON framing of a series row: `{"timeUtc":"`, `","usableComputePflops":`, `,"powerLimitedPflops":`, … `}`. */
const SERIES_JSON = rowFormat(
  SERIES_COLUMNS.map(([c, kind], j) => {
    const open = j === 0 ? '{' : SERIES_COLUMNS[j - 1][1] === 'time' ? '",' : ',';
    return `${open}"${seriesName(c)}":${kind === 'time' ? '"' : ''}`;
  }),
  '}',
  COMMA,
  () => 'null',
);

/** Bound of an event row without its pre-encoded heads. */
const EVENT_ROW_MAX = 64 + 3 * FIELD_MAX;
const END_UTC = words('","endUtc":"');
const ECLIPSE_CLOSE = words('"}');
const CONTACT_ELEVATION = words('","maxElevationDeg":');

const maxLength = (xs: Words[]): number => xs.reduce((n, x) => Math.max(n, x.length), 0);

/** Writes the eclipse rows: JSON.stringify(eclipseRow(out, e)) for each e, comma-separated. */
function writeEclipseRows(sink: ChunkSink, out: SimulationOutput, utc: UtcBytes): void {
  const { eclipseSat, eclipseStartMs, eclipseEndMs } = out.events;
  // `{"satelliteId":"…","startUtc":"` per satellite, encoded once.
  const heads = out.satellites.map((x) => words(`{"satelliteId":${JSON.stringify(x.id)},"startUtc":"`));
  const rowMax = EVENT_ROW_MAX + maxLength(heads);
  for (let e = 0; e < eclipseSat.length; e++) {
    const v = sink.reserve(rowMax);
    let p = sink.pos;
    if (e) v.setUint8(p++, COMMA);
    p = putBytes(v, p, heads[eclipseSat[e]]);
    p = utc.put(v, p, eclipseStartMs[e]);
    p = putBytes(v, p, END_UTC);
    p = utc.put(v, p, eclipseEndMs[e]);
    sink.pos = putBytes(v, p, ECLIPSE_CLOSE);
  }
}

/** Writes the contact rows: JSON.stringify(contactRow(out, e)) for each e, comma-separated. */
function writeContactRows(sink: ChunkSink, out: SimulationOutput, utc: UtcBytes): void {
  const { contactSat, contactStation, contactStartMs, contactEndMs, contactMaxElevationDeg } = out.events;
  // `{"satelliteId":"…","station":` per satellite and `"…","startUtc":"` per station, encoded once.
  const heads = out.satellites.map((x) => words(`{"satelliteId":${JSON.stringify(x.id)},"station":`));
  const stations = out.stationNames.map((x) => words(`${JSON.stringify(x)},"startUtc":"`));
  const rowMax = EVENT_ROW_MAX + maxLength(heads) + maxLength(stations);
  for (let e = 0; e < contactSat.length; e++) {
    const v = sink.reserve(rowMax);
    let p = sink.pos;
    if (e) v.setUint8(p++, COMMA);
    p = putBytes(v, p, heads[contactSat[e]]);
    p = putBytes(v, p, stations[contactStation[e]]);
    p = utc.put(v, p, contactStartMs[e]);
    p = putBytes(v, p, END_UTC);
    p = utc.put(v, p, contactEndMs[e]);
    p = putBytes(v, p, CONTACT_ELEVATION);
    p = putSig(v, p, contactMaxElevationDeg[e], 6);
    v.setUint8(p++, 0x7d); // }
    sink.pos = p;
  }
}
