/**
 * Constellation designs against docs/reference/PHYSICS.md: sun-synchronous
 * inclinations, LTAN → RAAN (checked by where the satellite actually crosses
 * the equator), dawn-dusk eclipse seasons, the 81-node cluster geometry, and
 * Walker T/P/F layout.
 */
import { describe, expect, it } from 'vitest';
import { sunPos } from 'satellite.js';
import { EARTH_RADIUS_KM, RAD } from '../../../src/engine/core/constants';
import {
  buildSatellites,
  circularPairMinDistanceKm,
  clusterMinSpacingM,
  designSpacingWarnings,
  meanMotionRevPerDay,
  meanSunRaRad,
  raanFromLtanRad,
  sunSynchronousInclinationRad,
  walkerClosestPair,
} from '../../../src/engine/input/constellation';
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

/**
 * Right ascension of the mean Sun from Meeus (1998), Astronomical Algorithms,
 * eq. 25.2 and ch. 28: L₀ = 280.46646° + 36000.76983° T + 0.0003032° T²
 * (T Julian centuries from J2000), minus the aberration 0.0057183°.
 * Independent of the engine (which counts mean solar time from GMST).
 */
function meeusMeanSunRaRad(timeMs: number): number {
  const T = (julianDateFromMs(timeMs) - 2451545.0) / 36525;
  return ((280.46646 + 36000.76983 * T + 0.0003032 * T * T - 0.0057183) * Math.PI) / 180;
}

describe('LTAN sets RAAN', () => {
  it.each([
    [6, 'mean'],
    [10.5, 'mean'],
    [18, 'true'],
    [22, 'true'],
    [13.25, 'mean'],
  ] as const)('LTAN %f h (%s solar time): the ascending node is crossed at that local time', (ltan, ltanConvention) => {
    // Early November, where mean and apparent solar time differ by ≈ 16 min: a mix-up fails by 8×.
    const startUtc = '2026-11-03T00:00:00Z';
    const [s] = sats({ startUtc, durationHours: 2, constellation: { type: 'sso', altitudeKm: 650, ltanHours: ltan, satellitesPerPlane: 1, ltanConvention } });
    const epoch = satrecEpochMs(s.satrec);
    const pv = new Float64Array(6);
    let prevZ = Number.NaN;
    let found = false;
    for (let t = epoch; t < epoch + 2 * 6e6; t += 1000) {
      propagateAt(s.satrec, epoch, t, pv);
      if (prevZ < 0 && pv[2] >= 0) {
        // Local solar time at the crossing: 12 h + (α_sat − α_sun) / 15°, α_sun of the mean or the true Sun.
        const sunRa = ltanConvention === 'mean' ? meeusMeanSunRaRad(t) : sunPos(julianDateFromMs(t)).rtasc;
        const raSat = Math.atan2(pv[1], pv[0]);
        let lt = 12 + ((raSat - sunRa) * RAD) / 15;
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

  it('defaults to mean local solar time', () => {
    const sc = normaliseScenario({ startUtc: '2026-11-03T00:00:00Z', durationHours: 1, constellation: { type: 'sso', altitudeKm: 650, ltanHours: 10.5, satellitesPerPlane: 1 } });
    expect(sc.constellation.type === 'sso' && sc.constellation.ltanConvention).toBe('mean');
    const cl = normaliseScenario({ startUtc: '2026-11-03T00:00:00Z', durationHours: 1, constellation: { type: 'cluster', altitudeKm: 650 } });
    expect(cl.constellation.type === 'cluster' && cl.constellation.ltanConvention).toBe('mean');
  });

  // The conventions differ by the equation of time E = mean − apparent solar time (sundial
  // minus clock, positive when the true Sun is ahead): Ω_true − Ω_mean = α☉ − α_ms = −E · 0.25°/min.
  it.each([
    // USNO Multiyear Interactive Computer Almanac (MICA), quoted on the sundial mailing list (2016): +16.123 min.
    ['2016-10-26T21:00:00Z', 16.123],
    // GeoAstro sun_yearA spreadsheet (J. Giesen, checked against JPL HORIZONS), 2022, 15:00 UT: −14.226 min.
    ['2022-02-11T15:00:00Z', -14.226],
    // Meeus (1998) Example 28.b, 1992 October 13.0 TD: 13 m 42.6 s (TD − UTC = 59 s, negligible).
    ['1992-10-13T00:00:00Z', 13.71],
    // Zero crossing in April (xephem on the sundial list): −0.05 s at 1999-04-16 03:00 UTC.
    ['1999-04-16T03:00:00Z', 0],
  ])('%s: RAAN(true) − RAAN(mean) = −(equation of time %f min) · 0.25°/min', (iso, eotMin) => {
    const t = parseUtcMs(iso);
    let diffDeg = (raanFromLtanRad(10.5, t, 'true') - raanFromLtanRad(10.5, t, 'mean')) * RAD;
    diffDeg -= 360 * Math.round(diffDeg / 360);
    // 0.05 min = 3 s of time: satellite.js sunPos is good to ≈ 0.01° (2.4 s); nutation in RA ≤ 1.1 s.
    expect(-diffDeg * 4).toBeCloseTo(eotMin, 1);
    expect(Math.abs(-diffDeg * 4 - eotMin)).toBeLessThan(0.05);
  });

  it('the mean Sun from GMST matches the mean Sun from its mean longitude (Meeus) to 0.001°', () => {
    for (const iso of ['2000-01-01T12:00:00Z', '2026-06-21T00:00:00Z', '2040-03-01T07:30:00Z']) {
      const t = parseUtcMs(iso);
      let d = (meanSunRaRad(t) - meeusMeanSunRaRad(t)) * RAD;
      d -= 360 * Math.round(d / 360);
      expect(Math.abs(d), iso).toBeLessThan(0.001);
    }
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

describe('spacing of generated designs (closest approach on the mean orbits)', () => {
  const DEG = Math.PI / 180;
  const a550 = EARTH_RADIUS_KM + 550; // 6928.135 km
  const walker = (o: Partial<ScenarioInput['constellation'] & object>) =>
    normaliseScenario({ startUtc: '2026-01-01T00:00:00Z', durationHours: 1, constellation: { type: 'walker', altitudeKm: 550, ...o } }).constellation;

  it('two circular orbits: 2a cos(θ/2)|sin(δ/2)|, the in-plane chord, and 0 for one plane flown both ways', () => {
    // Perpendicular polar planes (θ = 90°), B 0.05° behind A at the pole: 2 · 6928.135 · cos 45° · sin 0.025°
    // = 9797.86 · 4.363323e-4 = 4.2751 km.
    expect(circularPairMinDistanceKm(a550, 90 * DEG, 0, 0, 90 * DEG, -0.05 * DEG)).toBeCloseTo(4.2751, 3);
    // One plane, 90° apart: chord a√2 = 9797.86 km.
    expect(circularPairMinDistanceKm(a550, 53 * DEG, 10 * DEG, 0, 10 * DEG, 90 * DEG)).toBeCloseTo(a550 * Math.SQRT2, 6);
    // Polar planes at RAAN 0° and 180°: the same plane, opposite directions: they always meet.
    expect(circularPairMinDistanceKm(a550, 90 * DEG, 0, 0, Math.PI, 1.234)).toBeLessThan(1e-9);
  });

  it('Walker 2/2/0 at 90°: both satellites pass the pole together — a warning naming the pair and the field', () => {
    const c = walker({ inclinationDeg: 90, planes: 2, satellitesPerPlane: 1, phasing: 0 });
    expect(c.type === 'walker' && walkerClosestPair(c)!.km).toBeLessThan(1e-9);
    const build = buildSatellites(normaliseScenario({ startUtc: '2026-01-01T00:00:00Z', durationHours: 1, constellation: c }));
    expect(build.warnings).toHaveLength(1);
    expect(build.warnings[0].path).toBe('constellation.phasing');
    expect(build.warnings[0].message).toMatch(/W01-01 and W02-01.* 0 km apart.*spacing\.warnBelowKm = 1 km/);
  });

  it('Walker 2/2/0 at 80°: planes 160° apart cross at the equator half an orbit out of step: 2a cos 80° = 2406.1 km, no warning', () => {
    // Normals (0, −sin 80°, cos 80°) and (0, sin 80°, cos 80°): cos θ = cos 160°. A starts at the
    // crossing (+x), B at the other one (−x): δ = 180°, d = 2 · 6928.135 · cos 80° · 1 = 2406.12 km.
    const c = walker({ inclinationDeg: 80, planes: 2, satellitesPerPlane: 1, phasing: 0 });
    expect(c.type === 'walker' && walkerClosestPair(c)!.km).toBeCloseTo(2406.12, 1);
    expect(designSpacingWarnings(c, ['A', 'B'])).toEqual([]);
  });

  it('Walker star 2/2/0 at 90° meets at the pole; star 2/2/1 passes it half an orbit apart (a√2)', () => {
    // Star: planes 90° apart, crossing at the poles. F = 0: both reach the pole at P/4 → 0.
    // F = 1: B leads by F·360°/T = 180°: A is 90° before the pole when B is 90° past it, δ = 180°,
    // d = 2a cos 45° sin 90° = a√2 = 6928.135 · 1.4142136 = 9797.86 km.
    expect(walkerClosestPair(walker({ pattern: 'star', inclinationDeg: 90, planes: 2, satellitesPerPlane: 1, phasing: 0 }) as never)!.km).toBeLessThan(1e-9);
    expect(walkerClosestPair(walker({ pattern: 'star', inclinationDeg: 90, planes: 2, satellitesPerPlane: 1, phasing: 1 }) as never)!.km).toBeCloseTo(9797.86, 1);
  });

  it('400 members in a 1 km cluster sit 38 m apart (warning); 81 sit 95.7 m apart (none at 50 m)', () => {
    // Rings R with 1 + 4R(R + 1) ≥ N: R = 10 for 400, 4 for 81. Inner-ring neighbours are 45° apart on
    // an ellipse of radial semi-axis radiusM/(2R): at closest 2 · radiusM/(2R) · sin 22.5°.
    // 400: 1000/10 · 0.382683 = 38.268 m; 81: 1000/4 · 0.382683 = 95.671 m.
    const cluster = (satellites: number) =>
      normaliseScenario({ startUtc: '2026-06-21T00:00:00Z', durationHours: 1, constellation: { type: 'cluster', altitudeKm: 650, satellites, radiusM: 1000 } });
    expect(clusterMinSpacingM(cluster(400).constellation as never)).toBeCloseTo(38.268, 3);
    expect(clusterMinSpacingM(cluster(81).constellation as never)).toBeCloseTo(95.671, 3);
    const w400 = buildSatellites(cluster(400)).warnings;
    expect(w400).toHaveLength(1);
    expect(w400[0].path).toBe('constellation.satellites');
    expect(w400[0].message).toMatch(/400 members.*38\.3 m.*spacing\.formationWarnBelowM = 50 m/);
    expect(buildSatellites(cluster(81)).warnings).toEqual([]);
    // Two members: centre and one on ring 1, radial semi-axis radiusM/2.
    expect(clusterMinSpacingM(cluster(2).constellation as never)).toBeCloseTo(500, 9);
  });

  it('the mean-orbit value matches SGP4 propagation of the generated design', () => {
    // Walker 2/2/0 at 80°: sample SGP4 positions over an orbit and take the closest sample (1 s steps near the equator crossings).
    const sc = normaliseScenario({ startUtc: '2026-01-01T00:00:00Z', durationHours: 1, constellation: walker({ inclinationDeg: 80, planes: 2, satellitesPerPlane: 1, phasing: 0 }) });
    const [A, B] = buildSatellites(sc).satellites;
    const pa = new Float64Array(6);
    const pb = new Float64Array(6);
    let best = Infinity;
    const t0 = parseUtcMs('2026-01-01T00:00:00Z');
    for (let t = 0; t < 6000; t += 1) {
      propagateAt(A.satrec, satrecEpochMs(A.satrec), t0 + t * 1000, pa);
      propagateAt(B.satrec, satrecEpochMs(B.satrec), t0 + t * 1000, pb);
      best = Math.min(best, Math.hypot(pa[0] - pb[0], pa[1] - pb[1], pa[2] - pb[2]));
    }
    // SGP4's mean-to-osculating terms move each satellite by a few km.
    expect(Math.abs(best - 2406.12)).toBeLessThan(20);
  });

  it('element sets draw no design warning', () => {
    const tle = ['ISS (ZARYA)', '1 25544U 98067A   24001.50000000  .00016717  00000-0  30273-3 0  9991', '2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.50377579432512'].join('\n');
    const b = buildSatellites(normaliseScenario({ startUtc: '2024-01-01T12:00:00Z', durationHours: 1, constellation: { type: 'tle', text: tle } }));
    expect(b.warnings).toEqual([]);
  });
});
