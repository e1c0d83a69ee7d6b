/**
 * The result document (CLI `result.json`, browser export): normalised
 * scenario, satellites in input order, warnings and alerts, KPIs, per-step
 * series and events.
 * Numbers are rounded to fixed significant digits and keys are emitted in a
 * fixed order, so the same input gives byte-identical output. This is the
 * reference model; result-json.ts and series-csv.ts stream its bytes.
 */
import { LIMIT_NAMES } from '../node/compute';
import type { Kpis, SimulationOutput } from '../run/simulation';
import type { EconomicsReport } from '../run/lifetime-run';
import { formatUtc } from '../core/time';
import { workloadSeriesRowJson, workloadsDocument } from './workload-json';

/** Rounds to `digits` significant digits; non-finite values become 0 (never NaN in output). */
export function roundSig(x: number, digits = 9): number {
  if (!Number.isFinite(x)) return 0;
  if (x === 0) return 0;
  const r = Number(x.toPrecision(digits));
  return Object.is(r, -0) ? 0 : r;
}

/** The mass, lifetime and cost KPIs (run/lifetime-run.ts), in table order; null without a lifetime analysis. */
export const ECONOMICS_KPI_NAMES = [
  'nodeMassKg',
  'constellationMassKg',
  'stationKeepingDeltaVMPerSPerYear',
  'naturalDecayYears',
  'radiationDoseRadPerYear',
  'annualEclipseFraction',
  'deliveredPflopHoursLifetime',
  'launchCostUsd',
  'capitalCostUsd',
  'launchUsdPerKWYear',
  'costPerPflopHourUsd',
  'terrestrialCostPerPflopHourUsd',
  'spaceToGroundCostRatio',
  'breakEvenLaunchUsdPerKg',
] as const satisfies readonly (keyof Kpis)[];

/** The workload KPIs (workload/workload-run.ts); null when the scenario has no workload of that type. */
export const WORKLOAD_KPI_NAMES = [
  'deliveredPflopHours',
  'deliveredPflopHoursTraining',
  'deliveredPflopHoursInference',
  'deliveredPflopHoursBatch',
  'trainingEfficiency',
  'jobsCompleted',
  'deadlineMissFraction',
  'inferenceServedFraction',
  'inferenceP95LatencyMs',
] as const satisfies readonly (keyof Kpis)[];

export const KPI_NAMES = [
  'satelliteCount',
  'satellitesFailed',
  'installedComputePflops',
  'meanUsableComputePflops',
  'minUsableComputePflops',
  'eclipseFraction',
  'eclipseFractionOrbitMean',
  'minSeparationKm',
  'powerLimitedFraction',
  'thermalLimitedFraction',
  'storageLimitedFraction',
  'minStateOfCharge',
  'maxTemperatureC',
  'maxJunctionTemperatureC',
  'contactMinutesPerSatellitePerDay',
  'contactMinutesSummedPerSatellitePerDay',
  'contactMinutesServedPerSatellitePerDay',
  'downlinkSessions',
  'dataDownlinkedGB',
  'dataGeneratedGB',
  'energyGeneratedKWh',
  'energyConsumedKWh',
  'energyCurtailedKWh',
  'energyStoredDeltaKWh',
  'energyBatteryLossKWh',
  'energyUnmetKWh',
  'batteryCyclesPerDay',
  'batteryMeanDepthOfDischarge',
  'batteryCapacityFadePerYear',
  ...ECONOMICS_KPI_NAMES,
  ...WORKLOAD_KPI_NAMES,
] as const satisfies readonly (keyof Kpis)[];

/**
 * KPIs that may be null: the closest approach (fewer than two satellites, or not
 * tracked) and the economics (lifetime.enabled false; a cost when nothing is
 * delivered; no break-even price). The rest are always finite numbers.
 */
export const NULLABLE_KPIS: ReadonlySet<string> = new Set(['minSeparationKm', ...ECONOMICS_KPI_NAMES, ...WORKLOAD_KPI_NAMES]);

/** KPIs that may be null (not computed for this run); the rest are always finite numbers. */
export type KpiValue = number | null;

export function roundedKpis(k: Kpis): Kpis {
  const out = {} as Record<keyof Kpis, KpiValue>;
  for (const name of KPI_NAMES) {
    const v = k[name];
    out[name] = v === null ? null : roundSig(v);
  }
  return out as Kpis;
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
    argPerigeeDeg: number;
    meanAnomalyDeg: number;
    meanMotionRevPerDay: number;
    bstarPerEarthRadius: number;
    epochUtc: string;
  }>;
  elementErrors: Array<{ line?: number; index?: number; field?: string; message: string }>;
  warnings: Array<{ path: string; message: string }>;
  /** Run alerts (run/run-alerts.ts), keys in this order, action null when none. */
  alerts: AlertRow[];
  kpis: Kpis;
  closestApproach: { minSeparationKm: number; atUtc: string; satelliteA: string; satelliteB: string; errorBoundKm: number } | null;
  stations: Array<{ name: string; passes: number; passesPerDay: number; contactMinutesPerDay: number; coveredMinutesPerDay: number }>;
  /** Mass, orbit, lifetime (per year) and cost; null when lifetime.enabled is false. */
  economics: EconomicsDocument | null;
  /** Workloads (output/workload-json.ts); null without workloads. */
  workloads: unknown;
  series: Array<Record<string, number | string>>;
  events: {
    eclipses: Array<{ satelliteId: string; startUtc: string; endUtc: string }>;
    contacts: Array<{ satelliteId: string; station: string; startUtc: string; endUtc: string; maxElevationDeg: number }>;
  };
  limitNames: readonly string[];
}

/** How a series column is written: time → formatUtc, sig → roundSig(x, 9), int → as is. */
export type ColumnKind = 'time' | 'sig' | 'int';
/** Series columns in seriesRow's key order (tested through the streamed bytes). */
export const SERIES_COLUMNS: ReadonlyArray<readonly [keyof SimulationOutput['series'], ColumnKind]> = [
  ['timeMs', 'time'],
  ['usableComputePflops', 'sig'],
  ['powerLimitedPflops', 'sig'],
  ['thermalLimitedPflops', 'sig'],
  ['storageLimitedPflops', 'sig'],
  ['sunlitFraction', 'sig'],
  ['meanStateOfCharge', 'sig'],
  ['maxTemperatureC', 'sig'],
  ['minTemperatureC', 'sig'],
  ['satellitesInContact', 'int'],
  ['storedDataGB', 'sig'],
  ['activeSatellites', 'int'],
];
/** Series column names as in the document (timeMs is written as timeUtc). */
export const seriesName = (column: string): string => (column === 'timeMs' ? 'timeUtc' : column);

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
    minTemperatureC: roundSig(s.minTemperatureC[n]),
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

export function satelliteRows(out: SimulationOutput): ResultDocument['satellites'] {
  return out.satellites.map((x) => ({
    id: x.id,
    name: x.name,
    status: x.status,
    failedAtUtc: x.failedAtMs === null ? null : formatUtc(x.failedAtMs),
    inclinationDeg: roundSig(x.inclinationDeg),
    raanDeg: roundSig(x.raanDeg),
    eccentricity: roundSig(x.eccentricity),
    argPerigeeDeg: roundSig(x.argPerigeeDeg),
    meanAnomalyDeg: roundSig(x.meanAnomalyDeg),
    meanMotionRevPerDay: roundSig(x.meanMotionRevPerDay, 10),
    bstarPerEarthRadius: roundSig(x.bstarPerEarthRadius),
    epochUtc: formatUtc(x.epochMs),
  }));
}

/** An alert as the document writes it: fixed key order, action null when none. */
export interface AlertRow {
  code: string;
  severity: string;
  title: string;
  detail: string;
  satellites: number[];
  action: string | null;
}

/** The alert rows, in the run's order. */
export function alertRows(out: SimulationOutput): AlertRow[] {
  return out.alerts.map((a) => ({ code: a.code, severity: a.severity, title: a.title, detail: a.detail, satellites: [...a.satellites], action: a.action ?? null }));
}

/** The closest approach row (null when not tracked). */
export function closestApproachRow(out: SimulationOutput): ResultDocument['closestApproach'] {
  const c = out.closestApproach;
  if (!c) return null;
  return { minSeparationKm: roundSig(c.minSeparationKm), atUtc: formatUtc(c.atMs), satelliteA: c.satelliteA, satelliteB: c.satelliteB, errorBoundKm: roundSig(c.errorBoundKm, 3) };
}

/** Per-station contact rows, in scenario order. */
export function stationRows(out: SimulationOutput): ResultDocument['stations'] {
  const t = out.stationContacts;
  return out.stationNames.map((name, s) => ({
    name,
    passes: t.passes[s],
    passesPerDay: roundSig(t.passesPerDay[s]),
    contactMinutesPerDay: roundSig(t.contactMinutesPerDay[s]),
    coveredMinutesPerDay: roundSig(t.coveredMinutesPerDay[s]),
  }));
}

/** Builds the result document from a simulation output (small runs; result-json.ts streams large ones). */
export function resultDocument(out: SimulationOutput): ResultDocument {
  const K = out.series.timeMs.length;
  return {
    scenario: out.scenario,
    satellites: satelliteRows(out),
    elementErrors: out.elementErrors.map((e) => ({ ...e })),
    warnings: out.warnings.map((w) => ({ path: w.path, message: w.message })),
    alerts: alertRows(out),
    kpis: roundedKpis(out.kpis),
    closestApproach: closestApproachRow(out),
    stations: stationRows(out),
    economics: economicsDocument(out),
    workloads: workloadsWithSeries(out),
    series: Array.from({ length: K }, (_, n) => seriesRow(out, n)),
    events: {
      eclipses: Array.from({ length: out.events.eclipseSat.length }, (_, e) => eclipseRow(out, e)),
      contacts: Array.from({ length: out.events.contactSat.length }, (_, e) => contactRow(out, e)),
    },
    limitNames: LIMIT_NAMES,
  };
}

/** The economics section: every number to 6 significant digits, nulls kept. */
export type EconomicsDocument = Omit<EconomicsReport, 'warnings'>;

/** Rounds every finite number in a plain JSON value to 6 significant digits (non-finite → null). */
export function roundDeep<T>(v: T): T {
  if (typeof v === 'number') return (Number.isFinite(v) ? roundSig(v) : null) as T;
  if (Array.isArray(v)) return v.map(roundDeep) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, roundDeep(x)])) as T;
  return v;
}

export function economicsDocument(out: SimulationOutput): EconomicsDocument | null {
  const e = out.economics;
  if (!e) return null;
  const { warnings: _w, ...rest } = e;
  return roundDeep(rest);
}

/** The workloads section with its series rows, as a value (the reference for result-json.ts). */
function workloadsWithSeries(out: SimulationOutput): unknown {
  const doc = workloadsDocument(out);
  if (doc === null) return null;
  return { ...(doc as object), series: Array.from({ length: out.series.timeMs.length }, (_, n) => JSON.parse(workloadSeriesRowJson(out, n)) as unknown) };
}
