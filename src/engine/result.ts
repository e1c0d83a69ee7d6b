/**
 * The result document (CLI `result.json`, browser export): normalised
 * scenario, satellites in input order, KPIs, per-step series and events.
 * Numbers are rounded to fixed significant digits and keys are emitted in a
 * fixed order, so the same input gives byte-identical output.
 */
import { LIMIT_NAMES } from './compute';
import type { Kpis, SimulationOutput } from './simulation';
import { formatUtc, UtcFormatter } from './time';

/** Rounds to `digits` significant digits; non-finite values become 0 (never NaN in output). */
export function roundSig(x: number, digits = 9): number {
  if (!Number.isFinite(x)) return 0;
  if (x === 0) return 0;
  const r = Number(x.toPrecision(digits));
  return Object.is(r, -0) ? 0 : r;
}

export const KPI_NAMES = [
  'satelliteCount',
  'satellitesFailed',
  'installedComputePflops',
  'meanUsableComputePflops',
  'minUsableComputePflops',
  'eclipseFraction',
  'powerLimitedFraction',
  'thermalLimitedFraction',
  'storageLimitedFraction',
  'minStateOfCharge',
  'maxTemperatureC',
  'contactMinutesPerSatellitePerDay',
  'dataDownlinkedGB',
  'dataGeneratedGB',
  'energyGeneratedKWh',
  'energyConsumedKWh',
  'energyCurtailedKWh',
  'energyStoredDeltaKWh',
  'energyBatteryLossKWh',
  'energyUnmetKWh',
] as const satisfies readonly (keyof Kpis)[];

export function roundedKpis(k: Kpis): Kpis {
  const out = {} as Kpis;
  for (const name of KPI_NAMES) out[name] = roundSig(k[name]);
  return out;
}

export interface ResultDocument {
  scenario: unknown;
  satellites: Array<{
    id: string;
    name: string;
    status: string;
    failedAtUtc: string | null;
    inclinationDeg: number;
    raanDeg: number;
    eccentricity: number;
    meanMotionRevPerDay: number;
    epochUtc: string;
  }>;
  elementErrors: Array<{ line?: number; index?: number; field?: string; message: string }>;
  kpis: Kpis;
  series: Array<Record<string, number | string>>;
  events: {
    eclipses: Array<{ satelliteId: string; startUtc: string; endUtc: string }>;
    contacts: Array<{ satelliteId: string; station: string; startUtc: string; endUtc: string; maxElevationDeg: number }>;
  };
  limitNames: readonly string[];
}

/** One series entry (step n). */
export function seriesRow(out: SimulationOutput, n: number): Record<string, number | string> {
  const s = out.series;
  return {
    timeUtc: formatUtc(s.timeMs[n]),
    usableComputePflops: roundSig(s.usableComputePflops[n]),
    powerLimitedPflops: roundSig(s.powerLimitedPflops[n]),
    thermalLimitedPflops: roundSig(s.thermalLimitedPflops[n]),
    storageLimitedPflops: roundSig(s.storageLimitedPflops[n]),
    sunlitFraction: roundSig(s.sunlitFraction[n]),
    meanStateOfCharge: roundSig(s.meanStateOfCharge[n]),
    maxTemperatureC: roundSig(s.maxTemperatureC[n]),
    satellitesInContact: s.satellitesInContact[n],
    storedDataGB: roundSig(s.storedDataGB[n]),
    activeSatellites: s.activeSatellites[n],
  };
}

/** Eclipse e (events are ordered by start time, then satellite). */
export function eclipseRow(out: SimulationOutput, e: number): ResultDocument['events']['eclipses'][number] {
  const ev = out.events;
  return {
    satelliteId: out.satellites[ev.eclipseSat[e]].id,
    startUtc: formatUtc(ev.eclipseStartMs[e]),
    endUtc: formatUtc(ev.eclipseEndMs[e]),
  };
}

/** Contact e (ordered by start time, satellite, station). */
export function contactRow(out: SimulationOutput, e: number): ResultDocument['events']['contacts'][number] {
  const ev = out.events;
  return {
    satelliteId: out.satellites[ev.contactSat[e]].id,
    station: out.stationNames[ev.contactStation[e]],
    startUtc: formatUtc(ev.contactStartMs[e]),
    endUtc: formatUtc(ev.contactEndMs[e]),
    maxElevationDeg: roundSig(ev.contactMaxElevationDeg[e], 6),
  };
}

function satelliteRows(out: SimulationOutput): ResultDocument['satellites'] {
  return out.satellites.map((x) => ({
    id: x.id,
    name: x.name,
    status: x.status,
    failedAtUtc: x.failedAtMs === null ? null : formatUtc(x.failedAtMs),
    inclinationDeg: roundSig(x.inclinationDeg),
    raanDeg: roundSig(x.raanDeg),
    eccentricity: roundSig(x.eccentricity),
    meanMotionRevPerDay: roundSig(x.meanMotionRevPerDay),
    epochUtc: formatUtc(x.epochMs),
  }));
}

/** Builds the result document from a simulation output (small runs; see writeResultJson for large ones). */
export function resultDocument(out: SimulationOutput): ResultDocument {
  const K = out.series.timeMs.length;
  return {
    scenario: out.scenario,
    satellites: satelliteRows(out),
    elementErrors: out.elementErrors.map((e) => ({ ...e })),
    kpis: roundedKpis(out.kpis),
    series: Array.from({ length: K }, (_, n) => seriesRow(out, n)),
    events: {
      eclipses: Array.from({ length: out.events.eclipseSat.length }, (_, e) => eclipseRow(out, e)),
      contacts: Array.from({ length: out.events.contactSat.length }, (_, e) => contactRow(out, e)),
    },
    limitNames: LIMIT_NAMES,
  };
}

/**
 * Streams the result document as JSON through `write`, in pieces of about
 * `chunkChars`, byte-identical to JSON.stringify(resultDocument(out)) but
 * without building it (year-long runs have millions of series rows and events).
 */
export function writeResultJson(out: SimulationOutput, write: (text: string) => void, chunkChars = 1 << 20): void {
  let buf = '';
  const emit = (t: string) => {
    buf += t;
    if (buf.length >= chunkChars) {
      write(buf);
      buf = '';
    }
  };
  emit(`{"scenario":${JSON.stringify(out.scenario)}`);
  emit(`,"satellites":${JSON.stringify(satelliteRows(out))}`);
  emit(`,"elementErrors":${JSON.stringify(out.elementErrors.map((e) => ({ ...e })))}`);
  emit(`,"kpis":${JSON.stringify(roundedKpis(out.kpis))}`);
  // Rows as text: the same bytes as JSON.stringify of seriesRow/eclipseRow/contactRow
  // (the reference, compared in tests) at a fraction of the cost for millions of events.
  const utc = new UtcFormatter();
  const s = out.series;
  emit(',"series":[');
  for (let n = 0; n < s.timeMs.length; n++) {
    emit(
      `${n ? ',' : ''}{"timeUtc":"${utc.format(s.timeMs[n])}","usableComputePflops":${jsonNumber(roundSig(s.usableComputePflops[n]))}` +
        `,"powerLimitedPflops":${jsonNumber(roundSig(s.powerLimitedPflops[n]))},"thermalLimitedPflops":${jsonNumber(roundSig(s.thermalLimitedPflops[n]))}` +
        `,"storageLimitedPflops":${jsonNumber(roundSig(s.storageLimitedPflops[n]))},"sunlitFraction":${jsonNumber(roundSig(s.sunlitFraction[n]))}` +
        `,"meanStateOfCharge":${jsonNumber(roundSig(s.meanStateOfCharge[n]))},"maxTemperatureC":${jsonNumber(roundSig(s.maxTemperatureC[n]))}` +
        `,"satellitesInContact":${jsonNumber(s.satellitesInContact[n])},"storedDataGB":${jsonNumber(roundSig(s.storedDataGB[n]))}` +
        `,"activeSatellites":${jsonNumber(s.activeSatellites[n])}}`,
    );
  }
  const ev = out.events;
  const satIds = out.satellites.map((x) => JSON.stringify(x.id));
  const stations = out.stationNames.map((x) => JSON.stringify(x));
  emit('],"events":{"eclipses":[');
  for (let e = 0; e < ev.eclipseSat.length; e++) {
    emit(`${e ? ',' : ''}{"satelliteId":${satIds[ev.eclipseSat[e]]},"startUtc":"${utc.format(ev.eclipseStartMs[e])}","endUtc":"${utc.format(ev.eclipseEndMs[e])}"}`);
  }
  emit('],"contacts":[');
  for (let e = 0; e < ev.contactSat.length; e++) {
    emit(
      `${e ? ',' : ''}{"satelliteId":${satIds[ev.contactSat[e]]},"station":${stations[ev.contactStation[e]]},"startUtc":"${utc.format(ev.contactStartMs[e])}"` +
        `,"endUtc":"${utc.format(ev.contactEndMs[e])}","maxElevationDeg":${jsonNumber(roundSig(ev.contactMaxElevationDeg[e], 6))}}`,
    );
  }
  emit(`]},"limitNames":${JSON.stringify(LIMIT_NAMES)}}`);
  if (buf) write(buf);
}

/** A number as JSON.stringify writes it (non-finite → null). */
function jsonNumber(x: number): string {
  return Number.isFinite(x) ? String(x) : 'null';
}

/** Streams the series as CSV (header + one row per step) through `write`. */
export function writeSeriesCsv(out: SimulationOutput, write: (text: string) => void): void {
  const K = out.series.timeMs.length;
  if (K === 0) return;
  const cols = Object.keys(seriesRow(out, 0));
  let buf = `${cols.join(',')}\n`;
  for (let n = 0; n < K; n++) {
    const r = seriesRow(out, n);
    buf += `${cols.map((c) => String(r[c])).join(',')}\n`;
    if (buf.length > 1 << 20) {
      write(buf);
      buf = '';
    }
  }
  write(buf);
}

/** Series as CSV (header + one row per step). */
export function seriesCsv(doc: ResultDocument): string {
  if (doc.series.length === 0) return '';
  const cols = Object.keys(doc.series[0]);
  const lines = [cols.join(',')];
  for (const row of doc.series) lines.push(cols.map((c) => String(row[c])).join(','));
  return `${lines.join('\n')}\n`;
}
