/**
 * Served contact time (contactMinutesServedPerSatellitePerDay; run/event-kpis.ts,
 * network/downlink.ts): the time a satellite holds a station antenna, beside
 * the time it is in view. One antenna serves one satellite at a time, so two
 * satellites in view together share it: their served times add up to the
 * union of their passes, not the sum.
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../../src/engine/input/scenario';
import { servedContactMinutesPerSatellitePerDay } from '../../../src/engine/run/event-kpis';
import { run } from '../helpers';

describe('served contact minutes', () => {
  it('clips each satellite to its visible time and averages per satellite-day (hand values)', () => {
    // Two satellites over half a day: A held 30 min (visible 40), B held 25 min on the sample grid but
    // visible only 24 min → served 30 + 24 = 54 min over 2 satellites and 0.5 day = 54 min/sat/day.
    const start = Date.UTC(2026, 5, 21);
    const v = servedContactMinutesPerSatellitePerDay(Float64Array.of(30 * 60, 25 * 60), Float64Array.of(40, 24), start, start + 43_200_000);
    expect(v).toBeCloseTo(54, 12);
    expect(servedContactMinutesPerSatellitePerDay(new Float64Array(0), new Float64Array(0), start, start + 1)).toBe(0);
  });

  it('one station, one antenna, two satellites in view together: served adds up to the union, not the sum', async () => {
    // A two-member formation 1 km across at 650 km: both satellites see Svalbard over the same minutes.
    const out = await run({
      name: 'two in view',
      startUtc: '2026-06-21T00:00:00Z',
      durationHours: 6,
      stepSeconds: 10,
      lifetime: { enabled: false },
      constellation: { type: 'cluster', altitudeKm: 650, ltanHours: 18, satellites: 2, radiusM: 1000 },
      node: { computePowerW: 5000 },
      groundStations: [{ name: 'Svalbard', latitudeDeg: 78.23, longitudeDeg: 15.41, altitudeM: 500, minElevationDeg: 10, downlinkGbps: 10, antennas: 1 }],
    } as ScenarioInput);
    const days = (out.endMs - out.startMs) / 86_400_000;
    // The union of both satellites' contact intervals, from the event table (by hand: sort and merge).
    const ev = out.events;
    const iv = Array.from(ev.contactSat, (_, e) => [ev.contactStartMs[e], ev.contactEndMs[e]] as const).sort((a, b) => a[0] - b[0]);
    let unionMs = 0;
    let until = -Infinity;
    let passes = 0;
    for (const [a, b] of iv) {
      if (a >= until) passes++;
      unionMs += Math.max(0, b - Math.max(a, until));
      until = Math.max(until, b);
    }
    const sumMs = iv.reduce((s, [a, b]) => s + (b - a), 0);
    expect(passes).toBeGreaterThanOrEqual(2);
    expect(sumMs).toBeGreaterThan(1.9 * unionMs); // the two are in view together
    const k = out.kpis;
    const servedTotalMin = k.contactMinutesServedPerSatellitePerDay * 2 * days;
    // The antenna is busy whenever one of them is in view: the total is the union, to a 10 s sample at each pass.
    expect(Math.abs(servedTotalMin - unionMs / 60_000)).toBeLessThanOrEqual((passes * 10) / 60);
    // Per satellite: served at most visible (here about half of it).
    expect(k.contactMinutesServedPerSatellitePerDay).toBeLessThanOrEqual(k.contactMinutesPerSatellitePerDay);
    expect(k.contactMinutesServedPerSatellitePerDay).toBeLessThan(0.6 * k.contactMinutesPerSatellitePerDay);
  });

  it('is never more than the visible time, over a constellation and stations with several antennas', async () => {
    const out = await run({
      name: 'shell',
      startUtc: '2026-06-21T00:00:00Z',
      durationHours: 6,
      stepSeconds: 60,
      lifetime: { enabled: false },
      constellation: { type: 'walker', pattern: 'delta', altitudeKm: 550, inclinationDeg: 53, planes: 4, satellitesPerPlane: 6, phasing: 1, firstRaanDeg: 0 },
      groundStations: [
        { name: 'Wallops', latitudeDeg: 37.94, longitudeDeg: -75.46, altitudeM: 10, minElevationDeg: 10, downlinkGbps: 10, antennas: 2 },
        { name: 'Hartebeesthoek', latitudeDeg: -25.89, longitudeDeg: 27.69, altitudeM: 1500, minElevationDeg: 10, downlinkGbps: 10 },
      ],
    } as ScenarioInput);
    const k = out.kpis;
    expect(k.contactMinutesServedPerSatellitePerDay).toBeGreaterThan(0);
    expect(k.contactMinutesServedPerSatellitePerDay).toBeLessThanOrEqual(k.contactMinutesPerSatellitePerDay);
    expect(k.contactMinutesPerSatellitePerDay).toBeLessThanOrEqual(k.contactMinutesSummedPerSatellitePerDay);
  });
});
