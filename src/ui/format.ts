/**
 * The app's one number formatter. Every number shown to the user goes through
 * it, so one value reads the same in the KPI cards, the comparison table, the
 * economics view, the design list and the inspector.
 *
 * Scheme (what an analyst reads at a glance):
 *  - 4 significant figures, thousands separators (en-US: 1,234,567.8 → "1,234,568"),
 *    trailing zeros dropped (27.50 → "27.5"); integer digits are never rounded
 *    away (130,948.8 → "130,949" when no prefix applies);
 *  - quantities whose unit takes an SI prefix are scaled to engineering
 *    prefixes on the base unit so the figure is 1 ≤ |x| < 1000:
 *    130,948.8 PFLOPS → "130.9 EFLOPS", 27,456 W → "27.46 kW", 48,000 kWh →
 *    "48 MWh", 12,345 GB → "12.35 TB", 0.15 km → "150 m";
 *    money ($) is grouped up to a million, then $ M / B / T ("$433.5 M");
 *    mass (kg) is grouped up to 10,000 kg, then t / kt / Mt;
 *  - other units (°C, m², min/sat/day, %, …) keep their unit;
 *  - shares (0…1) as percentages with 3 significant figures ("37.2 %");
 *  - magnitudes below 0.001 (and unscaled ones from 10¹⁵) in scientific
 *    notation ("1.235 × 10⁻⁴"); negative numbers with a true minus sign (−).
 * Raw values stay machine-readable where the app needs them (data-value
 * attributes); this module only makes display text.
 */
import type { Kpis } from '../engine/run/simulation';

/** Rounds to `digits` significant digits, as a plain number string (no grouping): for attributes and files, not for display. */
export function plainNumber(x: number, digits = 5): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const r = Number(x.toPrecision(digits));
  return String(Object.is(r, -0) ? 0 : r);
}

const MINUS = '\u2212';
const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };
/** One grouping formatter (building one per call costs ≈0.5 ms). */
const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 20, useGrouping: true });

/** Largest unscaled magnitude shown in full; from here scientific notation. */
const SCIENTIFIC_ABOVE = 1e15;
/** Smallest non-zero magnitude shown in positional notation. */
const SCIENTIFIC_BELOW = 1e-3;

/** Magnitude text of |x| (finite, not 0) with `sig` significant figures. */
function magnitude(a: number, sig: number): string {
  if (a >= SCIENTIFIC_ABOVE || a < SCIENTIFIC_BELOW) {
    const [m, e] = a.toExponential(Math.max(0, sig - 1)).split('e');
    const mant = String(Number(m));
    const exp = String(Number(e)).replace(/./g, (c) => SUPERSCRIPT[c] ?? c);
    return `${mant} × 10${exp}`;
  }
  if (a >= 10 ** sig) return GROUPED.format(Math.round(a));
  return GROUPED.format(Number(a.toPrecision(sig)));
}

/**
 * A plain number for display: `sig` significant figures (integer digits are
 * kept), thousands separators, a true minus sign; '—' when not finite.
 * formatNumber(130948.8) → "130,949"; formatNumber(0.61171) → "0.6117".
 */
export function formatNumber(x: number, sig = 4): string {
  if (!Number.isFinite(x)) return '—';
  if (x === 0) return '0';
  const t = magnitude(Math.abs(x), sig);
  if (t === '0') return '0';
  return x < 0 ? `${MINUS}${t}` : t;
}

/**
 * @deprecated Use formatNumber (or formatQuantity with a unit). Kept for
 * callers not yet moved; the same text as formatNumber.
 */
export function displayNumber(x: number, digits = 4): string {
  return formatNumber(x, digits);
}

/**
 * Short text for chart axis ticks where the axis title carries the unit
 * (narrow axes): from 1,000 a k / M / G / T suffix, else formatNumber.
 * formatCompact(130949) → "131k"; formatCompact(2500) → "2.5k"; formatCompact(0.25) → "0.25".
 */
export function formatCompact(x: number, sig = 3): string {
  if (!Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  if (a < 1e3 || a >= 1e15) return formatNumber(x, sig);
  const [m, p] = scale(x, COMPACT, sig);
  return `${formatNumber(m, sig)}${p}`;
}

/** A share 0…1 as a percentage: formatPercent(0.3723) → "37.2 %". */
export function formatPercent(fraction: number, sig = 3): string {
  return Number.isFinite(fraction) ? `${formatNumber(fraction * 100, sig)} %` : '—';
}

/** A formatted quantity: the number, the (possibly prefixed) unit, and both as one text. */
export interface Quantity {
  /** The number as shown, e.g. "130.9" or "$433.5 M". */
  value: string;
  /** The unit after it, e.g. "EFLOPS", "/kg" or "" (money carries its $ in value). */
  unit: string;
  /** value and unit together, e.g. "130.9 EFLOPS", "$3,600/kg", "37.2 %". */
  text: string;
}

interface Family {
  /** Unit after the prefix (FLOPS, W, Wh, B, bps, m). */
  base: string;
  /** Prefix symbols from the smallest, with their powers of ten. */
  prefixes: ReadonlyArray<readonly [string, number]>;
}

const SI: ReadonlyArray<readonly [string, number]> = [
  ['', 0],
  ['k', 3],
  ['M', 6],
  ['G', 9],
  ['T', 12],
  ['P', 15],
  ['E', 18],
  ['Z', 21],
  ['Y', 24],
];
const family = (base: string, from: string, to: string): Family => ({
  base,
  prefixes: SI.slice(
    SI.findIndex(([p]) => p === from),
    SI.findIndex(([p]) => p === to) + 1,
  ),
});
const FAMILIES: Family[] = [
  family('FLOPS', '', 'Y'),
  family('FLOP·h', '', 'Y'),
  family('Wh', '', 'T'),
  family('W', '', 'T'),
  family('B', '', 'E'),
  family('bps', '', 'T'),
  { base: 'm', prefixes: [['', 0], ['k', 3]] },
];
/** Units that take a prefix: "PFLOPS" → (FLOPS, 15), "kW" → (W, 3)… */
const PREFIXED = new Map<string, { family: Family; power: number }>();
for (const f of FAMILIES) for (const [p, e] of f.prefixes) PREFIXED.set(p + f.base, { family: f, power: e });
/** Mass: grouped kg below 10 t, then tonnes. */
const MASS: ReadonlyArray<readonly [string, number]> = [
  ['kg', 0],
  ['t', 3],
  ['kt', 6],
  ['Mt', 9],
];
const MASS_SCALED_FROM_KG = 1e4;
/** Money: grouped below a million, then million, billion, trillion. */
const MONEY: ReadonlyArray<readonly [string, number]> = [
  ['', 0],
  [' M', 6],
  [' B', 9],
  [' T', 12],
];
const MONEY_SCALED_FROM = 1e6;
const COMPACT: ReadonlyArray<readonly [string, number]> = [
  ['', 0],
  ['k', 3],
  ['M', 6],
  ['G', 9],
  ['T', 12],
];

/** Picks the prefix of `ladder` (powers ascending) that brings |x| (in the ladder's base) to [1, 1000), after rounding to `sig`. */
function scale(x: number, ladder: ReadonlyArray<readonly [string, number]>, sig: number): [number, string] {
  const a = Math.abs(x);
  let k = 0;
  while (k + 1 < ladder.length && a >= 10 ** ladder[k + 1][1]) k++;
  let m = x / 10 ** ladder[k][1];
  // 999.96 k rounds to 1000 k: move up one prefix.
  if (Math.abs(Number(m.toPrecision(sig))) >= 1000 && k + 1 < ladder.length) {
    k++;
    m = x / 10 ** ladder[k][1];
  }
  return [m, ladder[k][0]];
}

const join = (value: string, unit: string): string => (unit === '' ? value : unit.startsWith('/') ? `${value}${unit}` : `${value} ${unit}`);
const withSign = (t: string, x: number, signed: boolean): string => (signed && x > 0 ? `+${t}` : t);

/**
 * `x` in `unit`, scaled and grouped as the scheme above says.
 *   formatQuantity(130948.8, 'PFLOPS').text → "130.9 EFLOPS"
 *   formatQuantity(27456, 'W').text          → "27.46 kW"
 *   formatQuantity(433469369, '$').text      → "$433.5 M"
 *   formatQuantity(3600, '$/kg').text        → "$3,600/kg"
 *   formatQuantity(0.37, '%')                → percent of a share: "37 %"
 * `signed`: "+" before positive values (differences).
 */
export function formatQuantity(x: number, unit: string, opts: { sig?: number; signed?: boolean } = {}): Quantity {
  const sig = opts.sig ?? 4;
  const signed = opts.signed ?? false;
  if (!Number.isFinite(x)) return { value: '—', unit, text: '—' };
  if (unit === '%') {
    const v = withSign(formatNumber(x * 100, opts.sig ?? 3), x, signed);
    return { value: v, unit: '%', text: `${v} %` };
  }
  if (unit === '$' || unit.startsWith('$/')) {
    const rest = unit.slice(1);
    const a = Math.abs(x);
    let body: string;
    if (a < MONEY_SCALED_FROM) body = formatNumber(a, sig);
    else {
      const [m, p] = scale(a, MONEY, sig);
      body = `${formatNumber(m, sig)}${p}`;
    }
    const v = x < 0 ? `${MINUS}$${body}` : withSign(`$${body}`, x, signed);
    return { value: v, unit: rest, text: join(v, rest) };
  }
  if (unit === 'kg') {
    if (Math.abs(x) < MASS_SCALED_FROM_KG) {
      const v = withSign(formatNumber(x, sig), x, signed);
      return { value: v, unit, text: join(v, unit) };
    }
    const [m, p] = scale(x, MASS, sig);
    const v = withSign(formatNumber(m, sig), x, signed);
    return { value: v, unit: p, text: join(v, p) };
  }
  const pre = PREFIXED.get(unit);
  if (pre && x !== 0) {
    const [m, p] = scale(x * 10 ** pre.power, pre.family.prefixes, sig);
    const u = p + pre.family.base;
    const v = withSign(formatNumber(m, sig), x, signed);
    return { value: v, unit: u, text: join(v, u) };
  }
  const v = withSign(formatNumber(x, sig), x, signed);
  return { value: v, unit, text: join(v, unit) };
}

/** formatQuantity(x, unit).text */
export function formatWithUnit(x: number, unit: string, sig = 4): string {
  return formatQuantity(x, unit, { sig }).text;
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
  /** The unit the engine reports the KPI in (formatQuantity may show it with a prefix). */
  unit: string;
  /** A share 0…1, shown as a percentage. */
  fraction?: boolean;
  group: 'constellation' | 'compute' | 'power' | 'data' | 'cost' | 'workloads';
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
  contactMinutesServedPerSatellitePerDay: { label: 'Contact time served', unit: 'min/sat/day', group: 'data', better: 'max' },
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
  costPerPflopHourUsd: { label: 'Cost per PFLOP-hour', unit: '$/PFLOP·h', group: 'cost', better: 'min' },
  terrestrialCostPerPflopHourUsd: { label: 'Ground cost per PFLOP-hour', unit: '$/PFLOP·h', group: 'cost' },
  spaceToGroundCostRatio: { label: 'Space / ground cost', unit: '×', group: 'cost', better: 'min' },
  breakEvenLaunchUsdPerKg: { label: 'Break-even launch price', unit: '$/kg', group: 'cost', better: 'max' },
  deliveredPflopHours: { label: 'Delivered to workloads', unit: 'PFLOP·h', group: 'workloads', better: 'max' },
  deliveredPflopHoursTraining: { label: 'Delivered to training', unit: 'PFLOP·h', group: 'workloads', better: 'max' },
  deliveredPflopHoursInference: { label: 'Delivered to inference', unit: 'PFLOP·h', group: 'workloads', better: 'max' },
  deliveredPflopHoursBatch: { label: 'Delivered to batch', unit: 'PFLOP·h', group: 'workloads', better: 'max' },
  trainingEfficiency: { label: 'Training efficiency', unit: '', fraction: true, group: 'workloads', better: 'max' },
  jobsCompleted: { label: 'Batch jobs completed', unit: '', group: 'workloads', better: 'max' },
  deadlineMissFraction: { label: 'Deadlines missed', unit: '', fraction: true, group: 'workloads', better: 'min' },
  inferenceServedFraction: { label: 'Inference served', unit: '', fraction: true, group: 'workloads', better: 'max' },
  inferenceP95LatencyMs: { label: 'Inference P95 latency', unit: 'ms', group: 'workloads', better: 'min' },
};

/**
 * A KPI as shown everywhere (KPI cards, comparison table, sweep labels):
 * shares as percentages, the rest in its unit with SI scaling; null → "—"
 * with the unit unscaled. `unit` of a share that is a rate (battery fade
 * per year) is kept after the percentage.
 */
export function formatKpi(name: keyof Kpis, v: number | null): Quantity {
  const meta = KPI_META[name];
  if (v === null || !Number.isFinite(v)) {
    const unit = meta.fraction ? (meta.unit ? `%${meta.unit}` : '%') : meta.unit;
    return { value: '—', unit, text: '—' };
  }
  if (meta.fraction) {
    const p = formatQuantity(v, '%');
    if (!meta.unit) return p;
    const unit = `%${meta.unit}`;
    return { value: p.value, unit, text: `${p.value} ${unit}` };
  }
  if (meta.unit === '×') {
    const value = formatNumber(v, 3);
    return { value, unit: '×', text: `${value}×` };
  }
  return formatQuantity(v, meta.unit);
}

/**
 * The difference `v − base` of a KPI as shown: shares in percentage points,
 * others signed in the KPI's unit (scaled), with the relative change.
 *   formatKpiDelta('eclipseFraction', 0.30, 0.35) → "−5 pp"
 *   formatKpiDelta('meanUsableComputePflops', 84990, 130949) → "−45.96 EFLOPS (−35 %)"
 */
export function formatKpiDelta(name: keyof Kpis, v: number, base: number): string {
  const d = v - base;
  if (!Number.isFinite(d)) return '—';
  if (d === 0) return '±0';
  const meta = KPI_META[name];
  if (meta.fraction) return `${d > 0 ? '+' : MINUS}${formatNumber(Math.abs(d) * 100, 3)} pp`;
  const abs = meta.unit === '×' ? `${formatNumber(d, 3)}×` : formatQuantity(d, meta.unit).text;
  const signedAbs = d > 0 ? `+${abs}` : abs;
  if (base === 0) return signedAbs;
  const rel = (Math.abs(d) / Math.abs(base)) * 100;
  return `${signedAbs} (${d > 0 ? '+' : MINUS}${formatNumber(rel, rel >= 100 ? 3 : 2)} %)`;
}
