/**
 * Reporting from the merged event tables (events/event-log.ts): pure
 * functions over eclipse and contact intervals. Times in ms since the Unix
 * epoch; intervals are clipped to the run [startMs, endMs]; results per day
 * divide by (endMs − startMs) / 86,400,000 ms. No NaN: empty runs give 0.
 *
 * Eclipse fraction, orbit mean. The time mean over the run (kpis.ts
 * eclipseFraction = eclipse time / active time) weighs in the orbit a run
 * cuts off part-way, with or without its eclipse: at 550 km and β = 0 a 6 h
 * run (3.76 orbits of 95.65 min) gives 0.398, a 24 h run 0.371, against
 * 0.3723 per orbit (docs/reference/PHYSICS.md). Over whole orbits the eclipse time is the
 * orbit's own: per satellite i with period P_i (from its mean motion), active
 * from t₀ to e_i (the run's end or its failure), the window
 * W_i = [t₀, t₀ + ⌊(e_i − t₀)/P_i⌋ · P_i],
 * or [t₀, e_i] when that is shorter than one orbit (the time mean), and
 *   f_orbit = Σ_i |eclipse ∩ W_i| / Σ_i |W_i|.
 * Eclipse here is the event interval (the Sun's centre hidden, g > 0): the
 * penumbra is crossed in ≈ 10 s at LEO and nearly symmetrically, so this
 * equals ∫ shadow fraction dt to about a second per eclipse.
 *
 * Contact time. Summing contact durations over stations counts a satellite
 * seen by two stations at once twice (and can exceed 1,440 min/day). The
 * union per satellite counts the time it sees at least one station; per
 * station: its passes, the sum of their durations (satellite-minutes) and the
 * union over satellites (minutes with at least one satellite in view).
 * Unions by one sweep in start order: an interval adds max(0, end −
 * max(start, covered-until)) and extends covered-until.
 *
 * Served contact time. Visibility is not service: a station's antennas take
 * one satellite each (network/downlink.ts), so satellites in view of a busy
 * station wait. Served time per satellite is the time it holds an antenna
 * (acquisition included), measured on the sample grid (a sub-step counts
 * whole when the satellite holds an antenna at its start); the grid can
 * overrun a pass by up to one sample where the events end it mid-sample, so
 * each satellite's served time is clipped to its visible time (the union
 * above): served_i = min(held_i, visible_i), and the KPI is
 * Σ_i served_i / satellites / days. With one antenna and passes that overlap,
 * the satellites' served times add up to at most the union of their passes,
 * not their sum.
 */
import { MS_PER_DAY, MS_PER_MINUTE } from '../core/constants';
import type { EventTables } from '../events/event-log';

/**
 * Orbit-mean eclipse fraction (see header). `periodMs[i]`: satellite i's
 * period (ms, > 0; e.g. 86,400,000 / mean motion in rev/day); `failedAtMs[i]`:
 * when it stopped (NaN = active to the end), as the run reports it.
 */
export function eclipseFractionOrbitMean(events: EventTables, startMs: number, endMs: number, periodMs: Float64Array, failedAtMs?: Float64Array): number {
  const n = periodMs.length;
  const windowEnd = new Float64Array(n);
  let windowSum = 0;
  for (let i = 0; i < n; i++) {
    const failed = failedAtMs ? failedAtMs[i] : Number.NaN;
    const activeEnd = failed === failed ? Math.max(startMs, Math.min(endMs, failed)) : endMs;
    const span = activeEnd - startMs;
    const p = periodMs[i];
    const orbits = p > 0 ? Math.floor(span / p) : 0;
    windowEnd[i] = orbits >= 1 ? startMs + orbits * p : activeEnd;
    windowSum += windowEnd[i] - startMs;
  }
  let eclipseSum = 0;
  const { eclipseSat, eclipseStartMs, eclipseEndMs } = events;
  for (let e = 0; e < eclipseSat.length; e++) {
    const i = eclipseSat[e];
    if (i < 0 || i >= n) continue;
    const overlap = Math.min(eclipseEndMs[e], windowEnd[i]) - Math.max(eclipseStartMs[e], startMs);
    if (overlap > 0) eclipseSum += overlap;
  }
  return windowSum > 0 ? eclipseSum / windowSum : 0;
}

/** Per ground station, one entry per station (columnar). */
export interface StationContactTable {
  passes: Float64Array;
  passesPerDay: Float64Array;
  /** Σ pass durations over satellites (satellite-minutes per day). */
  contactMinutesPerDay: Float64Array;
  /** Minutes per day with at least one satellite in view (union over satellites). */
  coveredMinutesPerDay: Float64Array;
}

export interface ContactReport {
  /** Mean over satellites of the minutes per day in view of at least one station. */
  contactMinutesPerSatellitePerDay: number;
  /** Mean over satellites of Σ contact durations over all stations per day (counts simultaneous stations each). */
  summedContactMinutesPerSatellitePerDay: number;
  /** Minutes of contact (union over stations) of each satellite over the run. */
  satelliteContactMinutes: Float64Array;
  stations: StationContactTable;
}

/**
 * Contact time from the contact table (see header): union per satellite,
 * per-station passes, sums and unions. `satellites` and `stations` are the
 * counts the per-day means and the tables cover.
 */
export function contactReport(events: EventTables, startMs: number, endMs: number, satellites: number, stations: number): ContactReport {
  const days = (endMs - startMs) / MS_PER_DAY;
  const perDay = (minutes: number) => (days > 0 ? minutes / days : 0);
  const satUnionMs = new Float64Array(satellites);
  const satCovered = new Float64Array(satellites).fill(Number.NEGATIVE_INFINITY);
  const stationCovered = new Float64Array(stations).fill(Number.NEGATIVE_INFINITY);
  const stationUnionMs = new Float64Array(stations);
  const stationSumMs = new Float64Array(stations);
  const passes = new Float64Array(stations);
  let summedMs = 0;
  const { contactSat, contactStation, contactStartMs, contactEndMs } = events;
  for (const e of startOrder(contactStartMs)) {
    const a = Math.max(contactStartMs[e], startMs);
    const b = Math.min(contactEndMs[e], endMs);
    if (!(b > a)) continue;
    const i = contactSat[e];
    const k = contactStation[e];
    summedMs += b - a;
    if (i >= 0 && i < satellites) {
      satUnionMs[i] += Math.max(0, b - Math.max(a, satCovered[i]));
      satCovered[i] = Math.max(satCovered[i], b);
    }
    if (k >= 0 && k < stations) {
      passes[k]++;
      stationSumMs[k] += b - a;
      stationUnionMs[k] += Math.max(0, b - Math.max(a, stationCovered[k]));
      stationCovered[k] = Math.max(stationCovered[k], b);
    }
  }
  let unionMs = 0;
  for (let i = 0; i < satellites; i++) unionMs += satUnionMs[i];
  const perSatellitePerDay = (ms: number) => (satellites > 0 ? perDay(ms / MS_PER_MINUTE / satellites) : 0);
  return {
    contactMinutesPerSatellitePerDay: perSatellitePerDay(unionMs),
    summedContactMinutesPerSatellitePerDay: perSatellitePerDay(summedMs),
    satelliteContactMinutes: satUnionMs.map((ms) => ms / MS_PER_MINUTE),
    stations: {
      passes,
      passesPerDay: passes.map(perDay),
      contactMinutesPerDay: stationSumMs.map((ms) => perDay(ms / MS_PER_MINUTE)),
      coveredMinutesPerDay: stationUnionMs.map((ms) => perDay(ms / MS_PER_MINUTE)),
    },
  };
}

/**
 * Served contact minutes per satellite per day (see header): `heldS[i]` the
 * time satellite i held an antenna (s), `visibleMinutes[i]` its contact time
 * (union over stations, minutes: ContactReport.satelliteContactMinutes).
 */
export function servedContactMinutesPerSatellitePerDay(heldS: Float64Array, visibleMinutes: Float64Array, startMs: number, endMs: number): number {
  const n = heldS.length;
  const days = (endMs - startMs) / MS_PER_DAY;
  if (n === 0 || !(days > 0)) return 0;
  let minutes = 0;
  for (let i = 0; i < n; i++) minutes += Math.min(heldS[i] / 60, visibleMinutes[i]);
  return minutes / n / days;
}

/** Event indices in order of start time (the tables from mergeEvents already are: then no sort). */
function startOrder(startMs: Float64Array): Uint32Array {
  const order = new Uint32Array(startMs.length);
  let sorted = true;
  for (let e = 0; e < order.length; e++) {
    order[e] = e;
    if (e > 0 && startMs[e] < startMs[e - 1]) sorted = false;
  }
  return sorted ? order : order.sort((x, y) => startMs[x] - startMs[y] || x - y);
}
