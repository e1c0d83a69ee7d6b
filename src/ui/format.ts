/** Number and time formatting for the UI. */
import type { Kpis } from '../engine/run/simulation';

/** Rounds to `digits` significant digits, as a plain number string (no locale grouping). */
export function plainNumber(x: number, digits = 5): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const r = Number(x.toPrecision(digits));
  return String(Object.is(r, -0) ? 0 : r);
}

/** One formatter (building one per call costs ≈0.5 ms). */
const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

/** Human-friendly number with thin grouping for display next to units. */
export function displayNumber(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e9 || a < 1e-3)) return x.toExponential(2);
  const r = Number(x.toPrecision(digits));
  return GROUPED.format(r);
}

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min ${String(sec).padStart(2, '0')} s`;
  return `${sec} s`;
}

export interface KpiMeta {
  label: string;
  unit: string;
  /** Shown as a percentage hint beside the plain number. */
  fraction?: boolean;
  group: 'constellation' | 'compute' | 'power' | 'data' | 'cost';
  /** Which way is better when comparing designs (none: neither, e.g. a count or a balance term). */
  better?: 'max' | 'min';
}

export const KPI_META: Record<keyof Kpis, KpiMeta> = {
  satelliteCount: { label: 'Satellites', unit: '', group: 'constellation' },
  satellitesFailed: { label: 'Failed', unit: '', group: 'constellation', better: 'min' },
  installedComputePflops: { label: 'Installed compute', unit: 'PFLOPS', group: 'compute', better: 'max' },
  meanUsableComputePflops: { label: 'Mean usable compute', unit: 'PFLOPS', group: 'compute', better: 'max' },
  minUsableComputePflops: { label: 'Min usable compute', unit: 'PFLOPS', group: 'compute', better: 'max' },
  eclipseFraction: { label: 'Eclipse fraction (time mean)', unit: '', fraction: true, group: 'constellation', better: 'min' },
  eclipseFractionOrbitMean: { label: 'Eclipse fraction (whole orbits)', unit: '', fraction: true, group: 'constellation', better: 'min' },
  minSeparationKm: { label: 'Closest approach', unit: 'km', group: 'constellation', better: 'max' },
  powerLimitedFraction: { label: 'Power-limited', unit: '', fraction: true, group: 'compute', better: 'min' },
  thermalLimitedFraction: { label: 'Thermal-limited', unit: '', fraction: true, group: 'compute', better: 'min' },
  storageLimitedFraction: { label: 'Storage-limited', unit: '', fraction: true, group: 'compute', better: 'min' },
  minStateOfCharge: { label: 'Min state of charge', unit: '', fraction: true, group: 'power', better: 'max' },
  maxTemperatureC: { label: 'Max radiator temperature', unit: '°C', group: 'power', better: 'min' },
  maxJunctionTemperatureC: { label: 'Max junction temperature', unit: '°C', group: 'power', better: 'min' },
  contactMinutesPerSatellitePerDay: { label: 'Contact time (any station)', unit: 'min/sat/day', group: 'data', better: 'max' },
  contactMinutesSummedPerSatellitePerDay: { label: 'Station contact time (summed)', unit: 'min/sat/day', group: 'data', better: 'max' },
  downlinkSessions: { label: 'Downlink sessions', unit: '', group: 'data' },
  dataDownlinkedGB: { label: 'Data downlinked', unit: 'GB', group: 'data', better: 'max' },
  dataGeneratedGB: { label: 'Data generated', unit: 'GB', group: 'data', better: 'max' },
  energyGeneratedKWh: { label: 'Energy generated', unit: 'kWh', group: 'power', better: 'max' },
  energyConsumedKWh: { label: 'Energy consumed', unit: 'kWh', group: 'power' },
  energyCurtailedKWh: { label: 'Energy curtailed', unit: 'kWh', group: 'power', better: 'min' },
  energyStoredDeltaKWh: { label: 'Battery energy change', unit: 'kWh', group: 'power' },
  energyBatteryLossKWh: { label: 'Battery losses', unit: 'kWh', group: 'power', better: 'min' },
  energyUnmetKWh: { label: 'Unmet load', unit: 'kWh', group: 'power', better: 'min' },
  batteryCyclesPerDay: { label: 'Battery cycles', unit: '/day', group: 'power' },
  batteryMeanDepthOfDischarge: { label: 'Mean depth of discharge', unit: '', fraction: true, group: 'power', better: 'min' },
  batteryCapacityFadePerYear: { label: 'Battery fade', unit: '/year', fraction: true, group: 'power', better: 'min' },
  nodeMassKg: { label: 'Node mass', unit: 'kg', group: 'cost', better: 'min' },
  constellationMassKg: { label: 'Constellation mass', unit: 'kg', group: 'cost', better: 'min' },
  stationKeepingDeltaVMPerSPerYear: { label: 'Station-keeping ΔV', unit: 'm/s/year', group: 'cost', better: 'min' },
  naturalDecayYears: { label: 'Natural decay', unit: 'years', group: 'cost' },
  radiationDoseRadPerYear: { label: 'Radiation dose', unit: 'rad/year', group: 'cost', better: 'min' },
  annualEclipseFraction: { label: 'Eclipse fraction (year)', unit: '', fraction: true, group: 'cost', better: 'min' },
  deliveredPflopHoursLifetime: { label: 'Delivered over the life', unit: 'PFLOP·h', group: 'cost', better: 'max' },
  launchCostUsd: { label: 'Launch cost', unit: '$', group: 'cost', better: 'min' },
  capitalCostUsd: { label: 'Capital cost', unit: '$', group: 'cost', better: 'min' },
  launchUsdPerKWYear: { label: 'Launch per kW-year', unit: '$/kW/yr', group: 'cost', better: 'min' },
  costPerPflopHourUsd: { label: 'Cost per PFLOP-hour', unit: '$', group: 'cost', better: 'min' },
  terrestrialCostPerPflopHourUsd: { label: 'Ground cost per PFLOP-hour', unit: '$', group: 'cost' },
  spaceToGroundCostRatio: { label: 'Space / ground cost', unit: '×', group: 'cost', better: 'min' },
  breakEvenLaunchUsdPerKg: { label: 'Break-even launch price', unit: '$/kg', group: 'cost', better: 'max' },
};
