/**
 * The result document (CLI `result.json`, browser export): normalised
 * scenario, satellites in input order, KPIs, per-step series and events.
 * Numbers are rounded to fixed significant digits and keys are emitted in a
 * fixed order, so the same input gives byte-identical output.
 */
import { LIMIT_NAMES } from './compute';
import type { Kpis, SimulationOutput } from './simulation';
import { formatUtc } from './time';

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

/** Builds the result document from a simulation output. */
export function resultDocument(out: SimulationOutput): ResultDocument {
  const s = out.series;
  const series: ResultDocument['series'] = [];
  for (let n = 0; n < s.timeMs.length; n++) {
    series.push({
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
    });
  }
  const ev = out.events;
  const ids = out.satellites.map((x) => x.id);
  const eclipseOrder = ev.eclipseSat.map((_, e) => e).sort((a, b) => ev.eclipseStartMs[a] - ev.eclipseStartMs[b] || ev.eclipseSat[a] - ev.eclipseSat[b]);
  const contactOrder = ev.contactSat
    .map((_, e) => e)
    .sort((a, b) => ev.contactStartMs[a] - ev.contactStartMs[b] || ev.contactSat[a] - ev.contactSat[b] || ev.contactStation[a] - ev.contactStation[b]);
  return {
    scenario: out.scenario,
    satellites: out.satellites.map((x) => ({
      id: x.id,
      name: x.name,
      status: x.status,
      failedAtUtc: x.failedAtMs === null ? null : formatUtc(x.failedAtMs),
      inclinationDeg: roundSig(x.inclinationDeg),
      raanDeg: roundSig(x.raanDeg),
      eccentricity: roundSig(x.eccentricity),
      meanMotionRevPerDay: roundSig(x.meanMotionRevPerDay),
      epochUtc: formatUtc(x.epochMs),
    })),
    elementErrors: out.elementErrors.map((e) => ({ ...e })),
    kpis: roundedKpis(out.kpis),
    series,
    events: {
      eclipses: eclipseOrder.map((e) => ({
        satelliteId: ids[ev.eclipseSat[e]],
        startUtc: formatUtc(ev.eclipseStartMs[e]),
        endUtc: formatUtc(ev.eclipseEndMs[e]),
      })),
      contacts: contactOrder.map((e) => ({
        satelliteId: ids[ev.contactSat[e]],
        station: out.stationNames[ev.contactStation[e]],
        startUtc: formatUtc(ev.contactStartMs[e]),
        endUtc: formatUtc(ev.contactEndMs[e]),
        maxElevationDeg: roundSig(ev.contactMaxElevationDeg[e], 6),
      })),
    },
    limitNames: LIMIT_NAMES,
  };
}

/** Series as CSV (header + one row per step). */
export function seriesCsv(doc: ResultDocument): string {
  if (doc.series.length === 0) return '';
  const cols = Object.keys(doc.series[0]);
  const lines = [cols.join(',')];
  for (const row of doc.series) lines.push(cols.map((c) => String(row[c])).join(','));
  return `${lines.join('\n')}\n`;
}
