/**
 * What a run returns: constellation series (columnar, one entry per step),
 * per-satellite detail, KPIs, satellite info and events. Units are in the
 * field names (Pflops, GB, °C, kWh; times in ms since the Unix epoch, UTC).
 */
import type { ElementError } from '../input/elements';
import type { BuildWarning } from '../input/constellation';
import type { StationContactTable } from './event-kpis';
import type { Scenario } from '../input/scenario';
import type { EventTables } from '../events/event-log';
import type { SAT_STATUS_NAMES } from './status';

/** Constellation time series, one entry per step (columnar). */
export interface SeriesColumns {
  timeMs: Float64Array;
  usableComputePflops: Float64Array;
  powerLimitedPflops: Float64Array;
  thermalLimitedPflops: Float64Array;
  storageLimitedPflops: Float64Array;
  sunlitFraction: Float64Array;
  meanStateOfCharge: Float64Array;
  maxTemperatureC: Float64Array;
  satellitesInContact: Float64Array;
  storedDataGB: Float64Array;
  activeSatellites: Float64Array;
}

/** Full per-step state of one satellite: state of charge and temperature at the step's start, stored data at its end. */
export interface SatelliteDetail {
  index: number;
  stateOfCharge: Float32Array;
  temperatureC: Float32Array;
  computeFraction: Float32Array;
  storedGB: Float32Array;
  solarPowerW: Float32Array;
  loadPowerW: Float32Array;
  illumination: Float32Array;
  limit: Uint8Array;
}

export interface Kpis {
  satelliteCount: number;
  satellitesFailed: number;
  installedComputePflops: number;
  meanUsableComputePflops: number;
  minUsableComputePflops: number;
  /** Time mean of the shadow fraction over satellites and the run (biased when the run cuts an orbit). */
  eclipseFraction: number;
  /** Eclipse time over whole orbits from the start, per satellite (time mean when the run is shorter than an orbit): event-kpis.ts. */
  eclipseFractionOrbitMean: number;
  /** Closest approach between any two satellites over the run (km); null with fewer than two satellites or when not tracked. */
  minSeparationKm: number | null;
  powerLimitedFraction: number;
  thermalLimitedFraction: number;
  storageLimitedFraction: number;
  minStateOfCharge: number;
  /** Hottest radiator node (°C). */
  maxTemperatureC: number;
  /** Hottest accelerator junction (°C). */
  maxJunctionTemperatureC: number;
  /** Minutes per day in view of at least one station (union over stations), mean over satellites. */
  contactMinutesPerSatellitePerDay: number;
  /** Σ contact durations over all stations per day, mean over satellites (simultaneous stations counted each). */
  contactMinutesSummedPerSatellitePerDay: number;
  /** Downlink sessions (an antenna taking a satellite) started over the run. */
  downlinkSessions: number;
  dataDownlinkedGB: number;
  dataGeneratedGB: number;
  energyGeneratedKWh: number;
  energyConsumedKWh: number;
  energyCurtailedKWh: number;
  energyStoredDeltaKWh: number;
  energyBatteryLossKWh: number;
  energyUnmetKWh: number;
  /** Rainflow-counted battery cycles per day (half cycles ½), mean over satellites. */
  batteryCyclesPerDay: number;
  /** Cycle-weighted mean depth of discharge (fraction of capacity). */
  batteryMeanDepthOfDischarge: number;
  /** Capacity fade per year from cycling (fraction of capacity / year), mean over satellites. */
  batteryCapacityFadePerYear: number;
}

/** The KPIs the node models' totals give (run/kpis.ts); the event and spacing KPIs come from the whole run (simulation.ts). */
export type NodeKpis = Omit<Kpis, 'eclipseFractionOrbitMean' | 'minSeparationKm' | 'contactMinutesPerSatellitePerDay' | 'contactMinutesSummedPerSatellitePerDay' | 'downlinkSessions'>;

export interface SatelliteInfo {
  id: string;
  name: string;
  status: (typeof SAT_STATUS_NAMES)[number];
  failedAtMs: number | null;
  inclinationDeg: number;
  raanDeg: number;
  eccentricity: number;
  argPerigeeDeg: number;
  meanAnomalyDeg: number;
  /** Kozai mean motion, as in the element set (TLE/OMM convention; orbit/mean-motion.ts). */
  meanMotionRevPerDay: number;
  /** SGP4 drag term B* (1/Earth radii). */
  bstarPerEarthRadius: number;
  epochMs: number;
}

export interface SimulationOutput {
  scenario: Scenario;
  startMs: number;
  endMs: number;
  stepMs: number;
  satellites: SatelliteInfo[];
  stationNames: string[];
  elementErrors: ElementError[];
  /** Design problems found before or during the run (spacing), each naming the field to change. */
  warnings: BuildWarning[];
  kpis: Kpis;
  /** Closest approach between two satellites over the run (null: fewer than two satellites, or not tracked). */
  closestApproach: { minSeparationKm: number; atMs: number; satelliteA: string; satelliteB: string; errorBoundKm: number } | null;
  /** Per ground station, in scenario order: passes, passes per day, satellite-minutes per day, minutes per day with a satellite in view. */
  stationContacts: StationContactTable;
  series: SeriesColumns;
  events: EventTables;
  /** status byte per (row, satellite): index row · N + sat, row = step / statusEvery; present when recordStatus. */
  statusCodes?: Uint8Array;
  /** Steps between status rows. */
  statusEvery: number;
  details: SatelliteDetail[];
}
