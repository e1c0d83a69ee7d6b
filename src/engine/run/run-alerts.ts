/**
 * Run alerts (output/alerts.ts RunAlert): what an analyst must know before
 * trusting a run's KPIs, computed from the finished run (series, KPIs,
 * satellite states, scenario). Each alert's title carries its number; the
 * thresholds and their reasons are in docs/reference/run-alerts.md:
 *   not-steady-state           steady-state.ts trends (state of charge ±0.005
 *                              per orbit, hottest radiator ±0.5 K per orbit,
 *                              backlog growing ≥ 25 % of the output), or a run
 *                              shorter than three orbits (info);
 *   unmet-bus-load             energyUnmetKWh > 0, per day;
 *   temperature-beyond-limits  hottest radiator above node.maxTemperatureC or
 *                              junction above node.acceleratorMaxJunctionC by
 *                              more than 0.5 K; coldest radiator below −20 °C
 *                              (Li-ion discharge limit) with a battery, −40 °C
 *                              (industrial electronics) without;
 *   temperature-swing          largest radiator swing over an orbit > 100 K
 *                              (steady-state.ts orbitSwing);
 *   min-compute-zero           usable compute of the constellation reaches 0
 *                              (with compute installed);
 *   eclipse-season             run (orbit mean) and first-year eclipse fractions
 *                              differ by ≥ 0.02 and by ≥ 25 % of the larger
 *                              (needs the lifetime analysis);
 *   satellites-decayed/-failed satellites whose SGP4 stopped: decayed
 *                              (re-entry) or error, with when;
 *   storage-saturated          storage-limited ≥ 5 % of satellite-time, or the
 *                              backlog ≥ 95 % of the storage at the end;
 *   element-epochs-far         element sets (TLE/OMM) with epochs more than
 *                              EPOCH_WARNING_DAYS from the start.
 * Order: errors, warnings, infos; within a severity the order above.
 * Text is built without locale (deterministic bytes in result.json).
 */
import { J_PER_KWH, MS_PER_DAY, MS_PER_MINUTE } from '../core/constants';
import { formatUtc } from '../core/time';
import { EPOCH_WARNING_DAYS } from '../input/elements';
import type { AlertSeverity, RunAlert } from '../output/alerts';
import type { SatelliteInfo, SimulationOutput } from './output-types';
import { medianPeriodMs, orbitSwing, steadyState } from './steady-state';

/** Thresholds (docs/reference/run-alerts.md). */
export const ALERT_THRESHOLDS = {
  /** Overshoot of a node's upper limit that counts (K): the controller holds the limit to ≈0.02 K (thermal-sources.md "Heat limit"). */
  limitToleranceK: 0.5,
  /** Coldest radiator node with a battery (°C): Li-ion discharge lower limit (cell datasheets; thermal-sources.md). */
  coldWithBatteryC: -20,
  /** Coldest radiator node without a battery (°C): industrial-grade electronics (−40 to 85 °C). */
  coldWithoutBatteryC: -40,
  /** Radiator swing per orbit (K): IPC-9701 reference thermal cycle TC1, 0 ↔ 100 °C. */
  swingPerOrbitK: 100,
  /** Eclipse fraction: run vs year, absolute and relative to the larger. */
  eclipseSeasonAbsolute: 0.02,
  eclipseSeasonRelative: 0.25,
  /** Storage-limited share of satellite-time, and backlog share of the storage at the end. */
  storageLimitedFraction: 0.05,
  storageFullAtEnd: 0.95,
} as const;

/** Satellites listed in an alert at most. */
export const MAX_ALERT_SATELLITES = 500;
/** Satellites named in an alert's detail at most. */
const NAMED = 5;

const CODE_ORDER = [
  'not-steady-state',
  'unmet-bus-load',
  'temperature-beyond-limits',
  'temperature-swing',
  'min-compute-zero',
  'eclipse-season',
  'satellites-decayed',
  'satellites-failed',
  'storage-saturated',
  'element-epochs-far',
] as const;
const SEVERITY_ORDER: Record<AlertSeverity, number> = { error: 0, warning: 1, info: 2 };

/** The run's alerts (see header), in a fixed order. */
export function runAlerts(out: SimulationOutput): RunAlert[] {
  const alerts: RunAlert[] = [];
  const k = out.kpis;
  const node = out.scenario.node;
  const s = out.series;
  const K = s.timeMs.length;
  const days = (out.endMs - out.startMs) / MS_PER_DAY;
  if (out.satellites.length === 0 || K === 0 || !(days > 0)) return alerts;
  const periodMs = medianPeriodMs(out.satellites.map((x) => x.meanMotionRevPerDay));

  // ---- steady state ----
  const st = steadyState(s, out.startMs, out.endMs, out.stepMs, periodMs, node.batteryCapacityKWh * J_PER_KWH, k.dataGeneratedGB, out.stationNames.length);
  if (!st.checked) {
    alerts.push({
      code: 'not-steady-state',
      severity: 'info',
      title: `Run of ${num(days * 24, 3)} h is shorter than three orbits (${num((3 * periodMs) / MS_PER_MINUTE, 3)} min): steady state not checked`,
      detail: 'Battery, temperatures and the storage backlog start from their initial values; extend the run to see where they settle.',
      satellites: [],
      action: 'extend-run',
    });
  } else {
    const parts: string[] = [];
    if (st.backlogGrowthGBPerDay !== null) {
      const cap = s.activeSatellites[K - 1] * node.storageGB;
      const room = cap - s.storedDataGB[K - 1];
      parts.push(`storage backlog +${data(st.backlogGrowthGBPerDay)}/day${room > 0 ? ` (storage full in ≈${num(room / st.backlogGrowthGBPerDay, 2)} days)` : ''}`);
    }
    if (st.stateOfChargePerOrbit !== null) parts.push(`state of charge ${signed(st.stateOfChargePerOrbit * 100, 2)} % of capacity per orbit`);
    if (st.temperaturePerOrbitK !== null) parts.push(`hottest radiator ${signed(st.temperaturePerOrbitK, 2)} K per orbit`);
    if (parts.length) {
      alerts.push({
        code: 'not-steady-state',
        severity: 'warning',
        title: `Not at steady state: ${parts.join('; ')}`,
        detail: `Over the last ${st.orbitsPerWindow === 1 ? 'orbit' : `${st.orbitsPerWindow} orbits`} against the ${st.orbitsPerWindow === 1 ? 'orbit' : `${st.orbitsPerWindow}`} before, the run still changes: the KPIs of a longer run will differ. Extend the run until they settle.`,
        satellites: [],
        action: 'extend-run',
      });
    }
  }

  // ---- bus load ----
  if (k.energyUnmetKWh > 0) {
    alerts.push({
      code: 'unmet-bus-load',
      severity: 'error',
      title: `Bus load unmet: ${energy(k.energyUnmetKWh / days)}/day`,
      detail: `The array and battery cannot carry the bus (${power(node.busPowerW)} per satellite: avionics, attitude control, heaters) at times, usually in eclipse; the satellite would lose control. Add battery capacity or lower the bus load.`,
      satellites: [],
    });
  }

  // ---- temperatures ----
  const T = ALERT_THRESHOLDS;
  const limits: string[] = [];
  if (k.maxTemperatureC > node.maxTemperatureC + T.limitToleranceK) limits.push(`radiator node up to ${degC(k.maxTemperatureC)} (limit ${degC(node.maxTemperatureC)})`);
  if (k.maxJunctionTemperatureC > node.acceleratorMaxJunctionC + T.limitToleranceK) limits.push(`accelerator junctions up to ${degC(k.maxJunctionTemperatureC)} (limit ${degC(node.acceleratorMaxJunctionC)})`);
  const coldest = minOver(s.minTemperatureC, s.activeSatellites);
  const battery = node.batteryCapacityKWh > 0;
  const coldLimit = battery ? T.coldWithBatteryC : T.coldWithoutBatteryC;
  if (coldest < coldLimit) limits.push(`radiator node down to ${degC(coldest)} (below ${degC(coldLimit)}, ${battery ? 'the Li-ion discharge limit' : 'industrial-grade electronics'})`);
  if (limits.length) {
    alerts.push({
      code: 'temperature-beyond-limits',
      severity: 'error',
      title: `Temperature beyond limits: ${limits.join('; ')}`,
      detail: 'The bus, battery or accelerators leave their operating range. Resize the radiator, add heater power or heat capacity, or change the radiator orientation.',
      satellites: [],
    });
  }
  const swing = orbitSwing(s, out.startMs, out.endMs, periodMs);
  if (swing && swing.swingK > T.swingPerOrbitK) {
    alerts.push({
      code: 'temperature-swing',
      severity: 'warning',
      title: `Radiator temperature swings ${num(swing.swingK, 3)} K in an orbit (${degC(swing.coldestC)} to ${degC(swing.hottestC)})`,
      detail: `More than the ${T.swingPerOrbitK} K reference thermal cycle of solder-joint qualification (IPC-9701 TC1, 0 to 100 °C), each orbit (≈${num(365.25 * (MS_PER_DAY / periodMs), 2)} cycles a year). Over a constellation the range spans satellites as well.`,
      satellites: [],
    });
  }

  // ---- compute ----
  if (k.installedComputePflops > 0 && k.minUsableComputePflops <= 0) {
    const zeroMs = zeroTimeMs(out);
    alerts.push({
      code: 'min-compute-zero',
      severity: 'warning',
      title: `Usable compute falls to 0: no satellite computes for ${num((zeroMs / MS_PER_MINUTE) / days, 3)} min/day (${pct(zeroMs / (out.endMs - out.startMs))} of the run)`,
      detail: 'At those times every active satellite is stopped by its power, thermal or storage limit (often all in eclipse with empty batteries).',
      satellites: [],
    });
  }

  // ---- season ----
  const annual = k.annualEclipseFraction;
  if (annual !== null && s.activeSatellites.some((x) => x > 0)) {
    const run = k.eclipseFractionOrbitMean;
    const d = run - annual;
    if (Math.abs(d) >= T.eclipseSeasonAbsolute && Math.abs(d) >= T.eclipseSeasonRelative * Math.max(run, annual)) {
      alerts.push({
        code: 'eclipse-season',
        severity: 'warning',
        title: `In eclipse ${pct(run)} of this run but ${pct(annual)} of the year: the start date is ${d > 0 ? 'in' : 'outside'} the eclipse season`,
        detail: `The run's power and thermal KPIs are ${d > 0 ? 'worse' : 'better'} than the year's average${d > 0 ? '' : ': the eclipses come in a season this run misses'}. Compare runs started in and outside the season (the Sun's angle to the orbit plane sets it), or read the lifetime KPIs, which sample the year.`,
        satellites: [],
      });
    }
  }

  // ---- satellites ----
  const decayed = indicesWhere(out.satellites, (x) => x.status === 'decayed');
  if (decayed.length) {
    const before = decayed.filter((i) => out.satellites[i].failedAtMs === out.startMs).length;
    alerts.push({
      code: 'satellites-decayed',
      severity: 'warning',
      title: `${count(decayed.length, 'satellite')} re-entered${before === decayed.length ? ' before the start' : before ? ` (${num(before, 9)} before the start)` : ' during the run'}`,
      detail: `SGP4 reports the orbit decayed (re-entry): ${named(out, decayed)}. They count as failed from then on.`,
      satellites: decayed.slice(0, MAX_ALERT_SATELLITES),
    });
  }
  const failed = indicesWhere(out.satellites, (x) => x.status === 'error');
  if (failed.length) {
    alerts.push({
      code: 'satellites-failed',
      severity: 'warning',
      title: `${count(failed.length, 'satellite')} stopped propagating (SGP4 error)`,
      detail: `SGP4 cannot propagate their element sets (e.g. eccentricity out of range far from the epoch): ${named(out, failed)}. They count as failed from then on.`,
      satellites: failed.slice(0, MAX_ALERT_SATELLITES),
    });
  }

  // ---- storage ----
  const capEnd = s.activeSatellites[K - 1] * node.storageGB;
  const fullAtEnd = capEnd > 0 ? s.storedDataGB[K - 1] / capEnd : 0;
  if (k.storageLimitedFraction >= T.storageLimitedFraction || fullAtEnd >= T.storageFullAtEnd) {
    alerts.push({
      code: 'storage-saturated',
      severity: 'warning',
      title:
        k.storageLimitedFraction >= T.storageLimitedFraction
          ? `Storage full: compute storage-limited ${pct(k.storageLimitedFraction)} of the time`
          : `Storage ${pct(fullAtEnd)} full at the end of the run`,
      detail: 'The ground links carry less than the nodes produce; compute stops when storage is full. Add stations, antennas or link rate, or storage.',
      satellites: [],
    });
  }

  // ---- element sets ----
  const c = out.scenario.constellation.type;
  if (c === 'tle' || c === 'omm') {
    const far = indicesWhere(out.satellites, (x) => Math.abs(x.epochMs - out.startMs) > EPOCH_WARNING_DAYS * MS_PER_DAY);
    if (far.length) {
      const worst = far.reduce((m, i) => Math.max(m, Math.abs(out.satellites[i].epochMs - out.startMs)), 0) / MS_PER_DAY;
      alerts.push({
        code: 'element-epochs-far',
        severity: 'warning',
        title: `${num(far.length, 9)} of ${count(out.satellites.length, 'element set')} ${far.length === 1 ? 'is' : 'are'} more than ${EPOCH_WARNING_DAYS} days from the start (up to ${num(worst, 3)} days)`,
        detail: `SGP4 mean elements hold near their epoch; far from it positions drift by kilometres a day and low orbits decay. Start the run at the sets' epoch (newest ${utcMinute(newestEpochMs(out.satellites))}) or load fresh element sets.`,
        satellites: far.slice(0, MAX_ALERT_SATELLITES),
        action: 'start-at-epoch',
      });
    }
  }

  return alerts
    .map((a, i) => ({ a, i }))
    .sort((x, y) => SEVERITY_ORDER[x.a.severity] - SEVERITY_ORDER[y.a.severity] || CODE_ORDER.indexOf(x.a.code as (typeof CODE_ORDER)[number]) - CODE_ORDER.indexOf(y.a.code as (typeof CODE_ORDER)[number]) || x.i - y.i)
    .map((x) => x.a);
}

/** Newest element-set epoch (ms), rounded down to the minute: where 'start-at-epoch' starts the run (the app's button, src/ui/epochs.ts, takes the same). */
export function newestEpochMs(satellites: readonly Pick<SatelliteInfo, 'epochMs'>[]): number {
  let t = Number.NEGATIVE_INFINITY;
  for (const x of satellites) if (x.epochMs > t) t = x.epochMs;
  return Number.isFinite(t) ? Math.floor(t / MS_PER_MINUTE) * MS_PER_MINUTE : Number.NaN;
}

/** Time (ms) with active satellites and none computing. */
function zeroTimeMs(out: SimulationOutput): number {
  const s = out.series;
  const K = s.timeMs.length;
  let ms = 0;
  for (let n = 0; n < K; n++) {
    if (!(s.activeSatellites[n] > 0) || s.usableComputePflops[n] > 0) continue;
    ms += (n + 1 < K ? s.timeMs[n + 1] : out.endMs) - s.timeMs[n];
  }
  return ms;
}

function minOver(x: Float64Array, active: Float64Array): number {
  let m = Number.POSITIVE_INFINITY;
  for (let n = 0; n < x.length; n++) if (active[n] > 0 && x[n] < m) m = x[n];
  return m;
}

function indicesWhere(sats: readonly SatelliteInfo[], f: (x: SatelliteInfo) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < sats.length; i++) if (f(sats[i])) out.push(i);
  return out;
}

/** "ISS (ZARYA) at the start, CBERS 2 at 2026-06-21 04:12 UTC, … and 3 more". */
function named(out: SimulationOutput, idx: readonly number[]): string {
  const list = idx.slice(0, NAMED).map((i) => {
    const x = out.satellites[i];
    const when = x.failedAtMs === null ? '' : x.failedAtMs === out.startMs ? ' at the start' : ` at ${utcMinute(x.failedAtMs)}`;
    return `${x.name}${when}`;
  });
  return `${list.join(', ')}${idx.length > NAMED ? ` and ${num(idx.length - NAMED, 9)} more` : ''}`;
}

// ---- text (no locale: the same bytes everywhere) ----

/** x to `digits` significant digits, thousands separated by commas ("1,230", "0.0123", "−4.5"). */
export function num(x: number, digits: number): string {
  if (!Number.isFinite(x)) return String(x);
  const r = Number(Math.abs(x).toPrecision(digits));
  const [int, frac] = (r >= 1e21 ? r.toExponential() : String(r)).split('.');
  const grouped = int.includes('e') ? int : int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${x < 0 && r !== 0 ? '−' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

function signed(x: number, digits: number): string {
  return `${x > 0 ? '+' : ''}${num(x, digits)}`;
}

function pct(fraction: number): string {
  return `${num(fraction * 100, 2)} %`;
}

function degC(c: number): string {
  return `${num(Math.round(c), 9)} °C`;
}

function count(n: number, noun: string): string {
  return `${num(n, 9)} ${noun}${n === 1 ? '' : 's'}`;
}

/** Energy in kWh with a decimal prefix: "230 MWh". */
function energy(kWh: number): string {
  const a = Math.abs(kWh);
  return a >= 1e6 ? `${num(kWh / 1e6, 3)} GWh` : a >= 1e3 ? `${num(kWh / 1e3, 3)} MWh` : `${num(kWh, 3)} kWh`;
}

function power(w: number): string {
  const a = Math.abs(w);
  return a >= 1e9 ? `${num(w / 1e9, 3)} GW` : a >= 1e6 ? `${num(w / 1e6, 3)} MW` : a >= 1e3 ? `${num(w / 1e3, 3)} kW` : `${num(w, 3)} W`;
}

/** Data in GB with a decimal prefix: "1.2 PB". */
function data(gb: number): string {
  const a = Math.abs(gb);
  return a >= 1e6 ? `${num(gb / 1e6, 2)} PB` : a >= 1e3 ? `${num(gb / 1e3, 2)} TB` : `${num(gb, 2)} GB`;
}

/** "2026-06-21 04:12 UTC". */
function utcMinute(ms: number): string {
  const iso = formatUtc(ms);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
