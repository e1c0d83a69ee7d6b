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
import type { EconomicsReport } from './lifetime-run';
import type { RunAlert } from '../output/alerts';
import type { WorkloadReport } from '../workload/workload-run';

/** Constellation time series, one entry per step (columnar). */
export interface SeriesColumns {
  timeMs: Float64Array;
  usableComputePflops: Float64Array;
  powerLimitedPflops: Float64Array;
  thermalLimitedPflops: Float64Array;
  storageLimitedPflops: Float64Array;
  sunlitFraction: Float64Array;
  meanStateOfCharge: Float64Array;
  /** Hottest radiator node of the active satellites at the step's start (°C). */
  maxTemperatureC: Float64Array;
  /** Coldest radiator node of the active satellites at the step's start (°C). */
  minTemperatureC: Float64Array;
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
  /**
   * Minutes per day a satellite holds a station antenna (a downlink session, acquisition included), mean over
   * satellites; each satellite's at most its visible time (contactMinutesPerSatellitePerDay): event-kpis.ts.
   */
  contactMinutesServedPerSatellitePerDay: number;
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
  // ---- mass, lifetime and cost (run/lifetime-run.ts); null when lifetime.enabled is false ----
  /** Launch mass of one node (kg). */
  nodeMassKg: number | null;
  constellationMassKg: number | null;
  /** ΔV to hold the orbit against drag (m/s per year), mean over satellites. */
  stationKeepingDeltaVMPerSPerYear: number | null;
  /** Years to re-entry without propulsion, mean over satellites (capped at 10,000). */
  naturalDecayYears: number | null;
  /** Total ionising dose behind environment.shieldingMmAl (rad(Si) per year), mean over satellites. */
  radiationDoseRadPerYear: number | null;
  /** Eclipse fraction over the first year (sampled days). */
  annualEclipseFraction: number | null;
  /** Usable compute over the life (PFLOP-hours, undiscounted). */
  deliveredPflopHoursLifetime: number | null;
  launchCostUsd: number | null;
  /** Launch + accelerators + the rest of the satellites. */
  capitalCostUsd: number | null;
  /** Launch cost of one node ÷ ((computePowerW + busPowerW) in kW × lifetimeYears), undiscounted. */
  launchUsdPerKWYear: number | null;
  /** Levelised cost of a PFLOP-hour of work in orbit; null when nothing is delivered. */
  costPerPflopHourUsd: number | null;
  /** The same accelerators on the ground. */
  terrestrialCostPerPflopHourUsd: number | null;
  spaceToGroundCostRatio: number | null;
  /** Launch price at which the ratio is 1; null: none (not even free launch reaches it). */
  breakEvenLaunchUsdPerKg: number | null;
  // ---- workloads (workload/workload-run.ts); null when the scenario has none of that type ----
  /** Compute delivered to all workloads over the run (PFLOP-hours of the nodes' hardware). */
  deliveredPflopHours: number | null;
  deliveredPflopHoursTraining: number | null;
  deliveredPflopHoursInference: number | null;
  deliveredPflopHoursBatch: number | null;
  /** Delivered training compute ÷ the training groups' free compute (workload/training.ts). */
  trainingEfficiency: number | null;
  /** Batch jobs whose results came down (on time or late). */
  jobsCompleted: number | null;
  /** Batch jobs late or missed ÷ jobs due within the run. */
  deadlineMissFraction: number | null;
  /** Inference requests served within their budget ÷ requests asked. */
  inferenceServedFraction: number | null;
  /** 95th percentile latency of the served requests (ms). */
  inferenceP95LatencyMs: number | null;
}

/** The workload KPIs (workload/workload-run.ts). */
export type WorkloadKpis = Pick<
  Kpis,
  | 'deliveredPflopHours'
  | 'deliveredPflopHoursTraining'
  | 'deliveredPflopHoursInference'
  | 'deliveredPflopHoursBatch'
  | 'trainingEfficiency'
  | 'jobsCompleted'
  | 'deadlineMissFraction'
  | 'inferenceServedFraction'
  | 'inferenceP95LatencyMs'
>;

/** The economics KPIs (run/lifetime-run.ts). */
export type EconomicsKpis = Pick<
  Kpis,
  | 'nodeMassKg'
  | 'constellationMassKg'
  | 'stationKeepingDeltaVMPerSPerYear'
  | 'naturalDecayYears'
  | 'radiationDoseRadPerYear'
  | 'annualEclipseFraction'
  | 'deliveredPflopHoursLifetime'
  | 'launchCostUsd'
  | 'capitalCostUsd'
  | 'launchUsdPerKWYear'
  | 'costPerPflopHourUsd'
  | 'terrestrialCostPerPflopHourUsd'
  | 'spaceToGroundCostRatio'
  | 'breakEvenLaunchUsdPerKg'
>;

/** The KPIs the node models' totals give (run/kpis.ts); the event and spacing KPIs come from the whole run (simulation.ts). */
export type NodeKpis = Omit<Kpis, keyof EconomicsKpis | keyof WorkloadKpis | 'eclipseFractionOrbitMean' | 'minSeparationKm' | 'contactMinutesPerSatellitePerDay' | 'contactMinutesSummedPerSatellitePerDay' | 'contactMinutesServedPerSatellitePerDay' | 'downlinkSessions'>;

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
  /** What to know before trusting the KPIs (run/run-alerts.ts): not at steady state, unmet bus load, temperatures, failed satellites…; fixed order. */
  alerts: RunAlert[];
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
  /** Mass, lifetime and cost (run/lifetime-run.ts); null when lifetime.enabled is false. */
  economics: EconomicsReport | null;
  /** What the workloads delivered (workload/workload-run.ts); null without workloads. */
  workloads: WorkloadReport | null;
  /** The run window replayed cached geometry (geometry-cache.ts): only phase B ran. */
  geometryReused?: boolean;
}
