/**
 * Constellation designs against docs/reference/PHYSICS.md: sun-synchronous
 * inclinations, LTAN → RAAN (checked by where the satellite actually crosses
 * the equator), dawn-dusk eclipse seasons, the 81-node cluster geometry, and
 * Walker T/P/F layout.
 */
import { describe, expect, it } from 'vitest';
import { sunPos } from 'satellite.js';
import { EARTH_RADIUS_KM, RAD } from '../../../src/engine/core/constants';
import { buildSatellites, meanMotionRevPerDay, sunSynchronousInclinationRad } from '../../../src/engine/input/constellation';
import { propagateAt, satrecEpochMs } from '../../../src/engine/orbit/propagation';
import { normaliseScenario, type ScenarioInput } from '../../../src/engine/input/scenario';
import { julianDateFromMs, parseUtcMs } from '../../../src/engine/core/time';
import { innerEclipses, run } from '../helpers';

describe('sun-synchronous inclination (J2 formula, PHYSICS.md table)', () => {
  it.each([
    [400, 97.03],
    [500, 97.402],
    [550, 97.593],
    [650, 97.986],
    [700, 98.188],
    [800, 98.603],
  ])('h = %d km → i = %f°', (h, iDeg) => {
    expect(sunSynchronousInclinationRad(h) * RAD).toBeCloseTo(iDeg, 3);
  });
  it('has no solution far above LEO', () => {
    expect(() => sunSynchronousInclinationRad(7000)).toThrow(RangeError);
  });
});

describe('mean motion', () => {
  it('gives the PHYSICS.md periods for circular orbits', () => {
    for (const [h, periodMin] of [[400, 92.56], [550, 95.65], [650, 97.73], [800, 100.87]]) {
      expect(1440 / meanMotionRevPerDay(h)).toBeCloseTo(periodMin, 1);
    }
  });
});

function sats(input: ScenarioInput) {
  return buildSatellites(normaliseScenario(input)).satellites;
}

describe('LTAN sets RAAN', () => {
  it.each([6, 10.5, 18, 22])('LTAN %f h: the ascending node is crossed at that local solar time', (ltan) => {
    const startUtc = '2026-04-10T00:00:00Z';
    const [s] = sats({ startUtc, durationHours: 2, constellation: { type: 'sso', altitudeKm: 650, ltanHours: ltan, satellitesPerPlane: 1 } });
    const epoch = satrecEpochMs(s.satrec);
    const pv = new Float64Array(6);
    let prevZ = Number.NaN;
    let found = false;
    for (let t = epoch; t < epoch + 2 * 6e6; t += 1000) {
      propagateAt(s.satrec, epoch, t, pv);
      if (prevZ < 0 && pv[2] >= 0) {
        // Local solar time at the crossing: 12 h + (α_sat − α_sun) / 15°.
        const sun = sunPos(julianDateFromMs(t));
        const raSat = Math.atan2(pv[1], pv[0]);
        let lt = 12 + ((raSat - sun.rtasc) * RAD) / 15;
        lt = ((lt % 24) + 24) % 24;
        let d = Math.abs(lt - ltan);
        d = Math.min(d, 24 - d);
        expect(d * 60, `local time ${lt} h`).toBeLessThan(2);
        found = true;
        break;
      }
      prevZ = pv[2];
    }
    expect(found).toBe(true);
  });
});

describe('dawn-dusk eclipse seasons at 650 km (PHYSICS.md)', () => {
  async function maxEclipseMinutes(ltanHours: number, startUtc: string): Promise<number> {
    const out = await run({
      startUtc,
      durationHours: 6,
      stepSeconds: 60,
      constellation: { type: 'sso', altitudeKm: 650, ltanHours, satellitesPerPlane: 1 },
    });
    return Math.max(0, ...innerEclipses(out).map(([a, b]) => (b - a) / 60_000));
  }
  it('LTAN 18:00: ≈19.6 min eclipses at the June solstice, none in March, September or December', async () => {
    expect(await maxEclipseMinutes(18, '2026-06-21T00:00:00Z')).toBeGreaterThan(18.6);
    expect(await maxEclipseMinutes(18, '2026-06-21T00:00:00Z')).toBeLessThan(20.6);
    for (const d of ['2026-03-01', '2026-09-15', '2026-12-21', '2026-05-01', '2026-08-20']) {
      expect(await maxEclipseMinutes(18, `${d}T00:00:00Z`), d).toBe(0);
    }
    expect(await maxEclipseMinutes(18, '2026-06-01T00:00:00Z')).toBeGreaterThan(5);
    expect(await maxEclipseMinutes(18, '2026-07-20T00:00:00Z')).toBeGreaterThan(5);
  });
  it('LTAN 06:00: the season is mirrored around the December solstice (≈19.9 min)', async () => {
    // RAAN is set from LTAN at each start date, as a user planning that season would.
    const dec = await maxEclipseMinutes(6, '2026-12-21T00:00:00Z');
    expect(dec).toBeGreaterThan(18.9);
    expect(dec).toBeLessThan(20.9);
    for (const d of ['2026-06-21', '2026-03-20', '2026-10-15', '2027-02-15']) {
      expect(await maxEclipseMinutes(6, `${d}T00:00:00Z`), d).toBe(0);
    }
    expect(await maxEclipseMinutes(6, '2026-11-20T00:00:00Z')).toBeGreaterThan(3);
    expect(await maxEclipseMinutes(6, '2027-01-20T00:00:00Z')).toBeGreaterThan(3);
  });
});

describe('81-node cluster (PHYSICS.md space AI cluster study)', () => {
  const input: ScenarioInput = {
    startUtc: '2026-06-21T00:00:00Z',
    durationHours: 2,
    constellation: { type: 'cluster', altitudeKm: 650, ltanHours: 18, satellites: 81, radiusM: 1000 },
  };
  it('shares a, i, RAAN; outermost e ≈ 7e-5', () => {
    const s = sats(input);
    expect(s).toHaveLength(81);
    for (const x of s) {
      expect(x.satrec.inclo).toBe(s[0].satrec.inclo);
      expect(x.satrec.nodeo).toBe(s[0].satrec.nodeo);
      expect(x.satrec.no).toBeCloseTo(s[0].satrec.no, 6);
    }
    const eMax = Math.max(...s.map((x) => x.satrec.ecco));
    expect(eMax).toBeGreaterThan(6e-5);
    expect(eMax).toBeLessThan(8e-5);
  });
  it('keeps nearest neighbours 100–200 m apart and stays within ≈1 km over an orbit', () => {
    const s = sats(input);
    const pv = new Float64Array(6);
    const t0 = parseUtcMs('2026-06-21T00:00:00Z');
    for (const dtMin of [0, 17, 49, 97]) {
      const pos = s.map((x) => {
        propagateAt(x.satrec, satrecEpochMs(x.satrec), t0 + dtMin * 60_000, pv);
        return [pv[0], pv[1], pv[2]];
      });
      const c = [0, 1, 2].map((k) => pos.reduce((a, p) => a + p[k], 0) / pos.length);
      let maxNN = 0;
      let minNN = Infinity;
      let maxR = 0;
      for (let i = 0; i < pos.length; i++) {
        let nn = Infinity;
        for (let j = 0; j < pos.length; j++) {
          if (i !== j) nn = Math.min(nn, Math.hypot(pos[i][0] - pos[j][0], pos[i][1] - pos[j][1], pos[i][2] - pos[j][2]));
        }
        maxNN = Math.max(maxNN, nn);
        minNN = Math.min(minNN, nn);
        maxR = Math.max(maxR, Math.hypot(pos[i][0] - c[0], pos[i][1] - c[1], pos[i][2] - c[2]));
      }
      expect(minNN * 1000, `t+${dtMin} min`).toBeGreaterThan(95);
      expect(maxNN * 1000, `t+${dtMin} min`).toBeLessThan(205);
      expect(maxR * 1000, `t+${dtMin} min`).toBeLessThan(1100);
    }
  });
  it('sits in a dawn-dusk sun-synchronous orbit', () => {
    const [x] = sats(input);
    expect(x.satrec.inclo * RAD).toBeCloseTo(97.986, 2);
    const mean = x.satrec.no; // rad/min
    const aKm = (398600.8 / (mean / 60) ** 2) ** (1 / 3);
    expect(Math.abs(aKm - EARTH_RADIUS_KM - 650)).toBeLessThan(15);
  });
});

describe('Walker T/P/F', () => {
  it('delta spreads planes over 360°, star over 180°, phasing F·360°/T', () => {
    const base = { startUtc: '2026-01-01T00:00:00Z', durationHours: 1 };
    const delta = sats({ ...base, constellation: { type: 'walker', pattern: 'delta', altitudeKm: 550, inclinationDeg: 53, planes: 4, satellitesPerPlane: 3, phasing: 1, firstRaanDeg: 10 } });
    expect(delta).toHaveLength(12);
    expect(delta.map((s) => Math.round(s.satrec.nodeo * RAD))).toEqual([10, 10, 10, 100, 100, 100, 190, 190, 190, 280, 280, 280]);
    // Plane 1 satellite 0 leads plane 0 satellite 0 by F·360/T = 30°.
    expect(delta[3].satrec.mo * RAD - delta[0].satrec.mo * RAD).toBeCloseTo(30, 6);
    expect(delta[1].satrec.mo * RAD - delta[0].satrec.mo * RAD).toBeCloseTo(120, 6);
    const star = sats({ ...base, constellation: { type: 'walker', pattern: 'star', altitudeKm: 780, inclinationDeg: 86.4, planes: 6, satellitesPerPlane: 2, phasing: 0 } });
    expect(star.map((s) => Math.round(s.satrec.nodeo * RAD)).filter((_, i) => i % 2 === 0)).toEqual([0, 30, 60, 90, 120, 150]);
    expect(star[0].satrec.inclo * RAD).toBeCloseTo(86.4, 9);
  });
  it('propagates generated designs to their design altitude (within SGP4 mean-element offsets)', () => {
    const [s] = sats({ startUtc: '2026-01-01T00:00:00Z', durationHours: 1, constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 1, satellitesPerPlane: 1 } });
    const pv = new Float64Array(6);
    let sum = 0;
    let n = 0;
    const ep = satrecEpochMs(s.satrec);
    for (let t = 0; t < 95.65 * 60_000; t += 30_000) {
      propagateAt(s.satrec, ep, ep + t, pv);
      sum += Math.hypot(pv[0], pv[1], pv[2]);
      n++;
    }
    expect(Math.abs(sum / n - EARTH_RADIUS_KM - 550)).toBeLessThan(15);
  });
});
