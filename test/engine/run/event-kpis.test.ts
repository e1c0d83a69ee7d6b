/**
 * Reporting from event tables (run/event-kpis.ts) on hand-made tables whose
 * answers are worked out here: orbit-mean vs time-mean eclipse fraction on a
 * run that is not whole orbits, contact time as a union over stations, and
 * the per-station table.
 */
import { describe, expect, it } from 'vitest';
import { emptyEvents, type EventTables } from '../../../src/engine/events/event-log';
import { contactReport, eclipseFractionOrbitMean } from '../../../src/engine/run/event-kpis';
import { normaliseScenario } from '../../../src/engine/input/scenario';
import { simulateScenario } from '../../../src/engine/run/simulation';

const MIN = 60_000;
const T0 = Date.UTC(2026, 5, 21);

function eclipses(rows: Array<[sat: number, startMin: number, endMin: number]>): EventTables {
  const t = emptyEvents();
  t.eclipseSat = Int32Array.from(rows, (r) => r[0]);
  t.eclipseStartMs = Float64Array.from(rows, (r) => T0 + r[1] * MIN);
  t.eclipseEndMs = Float64Array.from(rows, (r) => T0 + r[2] * MIN);
  return t;
}

function contacts(rows: Array<[sat: number, station: number, startMin: number, endMin: number]>): EventTables {
  const t = emptyEvents();
  t.contactSat = Int32Array.from(rows, (r) => r[0]);
  t.contactStation = Int32Array.from(rows, (r) => r[1]);
  t.contactStartMs = Float64Array.from(rows, (r) => T0 + r[2] * MIN);
  t.contactEndMs = Float64Array.from(rows, (r) => T0 + r[3] * MIN);
  t.contactMaxElevationDeg = new Float64Array(rows.length).fill(45);
  return t;
}

describe('eclipse fraction over whole orbits', () => {
  // Satellite 0: period 100 min, a 35 min eclipse from minute 20 of every orbit; the run lasts 360 min.
  // Eclipses 20–55, 120–155, 220–255, 320–355: the time mean is 4 · 35 / 360 = 0.3889, though
  // each orbit is 35 % in shadow; over the 3 whole orbits (0–300 min): 3 · 35 / 300 = 0.35.
  const sat0: Array<[number, number, number]> = [
    [0, 20, 55],
    [0, 120, 155],
    [0, 220, 255],
    [0, 320, 355],
  ];
  const end = T0 + 360 * MIN;

  it('counts whole orbits from the start, not the cut-off one', () => {
    const f = eclipseFractionOrbitMean(eclipses(sat0), T0, end, new Float64Array([100 * MIN]));
    expect(f).toBeCloseTo(0.35, 12);
    // The time mean of the same table, for contrast (what kpis.ts eclipseFraction reports): 140/360.
    expect((4 * 35) / 360).toBeCloseTo(0.3889, 4);
  });

  it('takes the time mean for a satellite with less than one orbit, and pools satellites by their windows', () => {
    // Satellite 1: period 400 min > the run: its window is the whole run, 360 min, holding one eclipse
    // in progress at the start (logged from before t₀, clipped to 0–40 min): 40 min.
    // Pooled: (105 + 40) / (300 + 360) = 145 / 660 = 0.219697.
    const f = eclipseFractionOrbitMean(eclipses([...sat0, [1, -10, 40]]), T0, end, new Float64Array([100 * MIN, 400 * MIN]));
    expect(f).toBeCloseTo(145 / 660, 12);
  });

  it('ends a failed satellite’s window at whole orbits before the failure', () => {
    // Satellite 1 (period 100 min) fails at minute 150: one whole orbit, 0–100 min, holding its 30–60 eclipse
    // (30 min); its 130–150 eclipse lies outside. Pooled with satellite 0: (105 + 30) / (300 + 100) = 0.3375.
    const f = eclipseFractionOrbitMean(eclipses([...sat0, [1, 30, 60], [1, 130, 150]]), T0, end, new Float64Array([100 * MIN, 100 * MIN]), new Float64Array([Number.NaN, T0 + 150 * MIN]));
    expect(f).toBeCloseTo(135 / 400, 12);
  });

  it('is 0, not NaN, without satellites or time', () => {
    expect(eclipseFractionOrbitMean(emptyEvents(), T0, T0, new Float64Array([100 * MIN]))).toBe(0);
    expect(eclipseFractionOrbitMean(emptyEvents(), T0, end, new Float64Array(0))).toBe(0);
  });
});

describe('eclipse fraction of a simulated run against the cylindrical shadow (PHYSICS.md)', () => {
  // An equatorial orbit at the March equinox has β = δ☉ ≈ 0. At 550 km (R = 6378.135 km):
  // f = acos(√(h² + 2Rh) / (R + h)) / π = acos(√(302,500 + 7,015,948.5) / 6928.135) / π
  //   = acos(2705.27 / 6928.135) / π = acos(0.390476) / π = 1.16945 / 3.14159 = 0.37225
  // (the "Sun's centre hidden" event is the cylinder of parallel rays to 1/23,000).
  it.each([4.5, 6, 24])('%f h run: orbit mean 0.3722 whatever the cut-off orbit', async (durationHours) => {
    const scenario = normaliseScenario({
      startUtc: '2026-03-20T12:00:00Z',
      durationHours,
      stepSeconds: 60,
      constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 0, planes: 1, satellitesPerPlane: 1 },
    });
    const out = await simulateScenario(scenario);
    const periodMs = Float64Array.from(out.satellites, (s) => 86_400_000 / s.meanMotionRevPerDay);
    expect(eclipseFractionOrbitMean(out.events, out.startMs, out.endMs, periodMs)).toBeCloseTo(0.37225, 3);
  });
});

describe('contact time: union per satellite, table per station', () => {
  // One day, 2 satellites, 2 stations (minutes from the start, sorted by start as mergeEvents returns):
  //   sat 0: station 0 10–20, station 1 15–30 (overlap 15–20), station 0 100–110, station 1 105–108 (inside)
  //   sat 1: station 0 12–18
  // Union: sat 0 = (10–30) 20 + (100–110) 10 = 30 min; sat 1 = 6 min → (30 + 6) / 2 = 18 min per satellite per day.
  // Sum over stations: sat 0 = 10 + 15 + 10 + 3 = 38; sat 1 = 6 → 22 min per satellite per day.
  // Station 0: 3 passes, 10 + 6 + 10 = 26 satellite-minutes, in view 10–20 ∪ 12–18 ∪ 100–110 = 20 min.
  // Station 1: 2 passes, 15 + 3 = 18 satellite-minutes, in view 15–30 ∪ 105–108 = 18 min.
  const table = contacts([
    [0, 0, 10, 20],
    [1, 0, 12, 18],
    [0, 1, 15, 30],
    [0, 0, 100, 110],
    [0, 1, 105, 108],
  ]);
  const dayEnd = T0 + 1440 * MIN;

  it('counts simultaneous stations once per satellite', () => {
    const r = contactReport(table, T0, dayEnd, 2, 2);
    expect(r.contactMinutesPerSatellitePerDay).toBeCloseTo(18, 12);
    expect(r.summedContactMinutesPerSatellitePerDay).toBeCloseTo(22, 12);
    expect(Array.from(r.satelliteContactMinutes)).toEqual([30, 6]);
  });

  it('gives passes, satellite-minutes and minutes in view per station', () => {
    const s = contactReport(table, T0, dayEnd, 2, 2).stations;
    expect(Array.from(s.passes)).toEqual([3, 2]);
    expect(Array.from(s.passesPerDay)).toEqual([3, 2]);
    expect(Array.from(s.contactMinutesPerDay)).toEqual([26, 18]);
    expect(Array.from(s.coveredMinutesPerDay)).toEqual([20, 18]);
  });

  it('scales to per day over a 12 h run and clips intervals to the run', () => {
    // Same table over 0–720 min (half a day) with a pass 700–760 cut at 720 (20 min):
    // sat 1 union = 6 + 20 = 26 → (30 + 26) / 2 / 0.5 = 56 min per satellite per day.
    const t = contacts([
      [0, 0, 10, 20],
      [1, 0, 12, 18],
      [0, 1, 15, 30],
      [0, 0, 100, 110],
      [0, 1, 105, 108],
      [1, 1, 700, 760],
    ]);
    const r = contactReport(t, T0, T0 + 720 * MIN, 2, 2);
    expect(r.contactMinutesPerSatellitePerDay).toBeCloseTo(56, 12);
    expect(Array.from(r.stations.passesPerDay)).toEqual([6, 6]);
  });

  it('never exceeds 1,440 min/day per satellite, where the station sum does', () => {
    // A satellite in view of two stations all day: 2,880 summed minutes, 1,440 in the union.
    const r = contactReport(contacts([[0, 0, 0, 1440], [0, 1, 0, 1440]]), T0, T0 + 1440 * MIN, 1, 2);
    expect(r.summedContactMinutesPerSatellitePerDay).toBeCloseTo(2880, 9);
    expect(r.contactMinutesPerSatellitePerDay).toBeCloseTo(1440, 9);
  });

  it('does not depend on the order of the rows', () => {
    const shuffled = contacts([
      [0, 1, 105, 108],
      [0, 0, 100, 110],
      [0, 1, 15, 30],
      [1, 0, 12, 18],
      [0, 0, 10, 20],
    ]);
    const r = contactReport(shuffled, T0, dayEnd, 2, 2);
    expect(r.contactMinutesPerSatellitePerDay).toBeCloseTo(18, 12);
    expect(Array.from(r.stations.coveredMinutesPerDay)).toEqual([20, 18]);
  });

  it('is 0, not NaN, for an empty run', () => {
    const r = contactReport(emptyEvents(), T0, T0, 0, 0);
    expect(r.contactMinutesPerSatellitePerDay).toBe(0);
    expect(r.summedContactMinutesPerSatellitePerDay).toBe(0);
  });
});
