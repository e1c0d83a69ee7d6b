/**
 * The OEM writer (src/engine/output/oem.ts) read back by an independent
 * reader written from CCSDS 502.0-B-3 (Orbit Data Messages, Blue Book, April
 * 2023; test/support/oem-reader.ts: header and metadata keywords, their order
 * and values, line rules, data lines, comment positions) and its states
 * re-propagated with satellite.js directly (twoline2satrec / json2satrec from
 * the scenario's own element-set text, then `propagate`). The reader is
 * checked against the standard's own example OEM (annex G, G6) first.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { json2satrec, propagate, twoline2satrec, type OMMJsonObject, type SatRec } from 'satellite.js';
import { buildSatellites } from '../../../src/engine/input/constellation';
import { findPreset } from '../../../src/engine/input/presets';
import { normaliseScenario, type Scenario, type ScenarioInput } from '../../../src/engine/input/scenario';
import { EphemerisError, MAX_EPHEMERIS_BYTES } from '../../../src/engine/output/ephemeris-states';
import { planOem, writeOem, type OemOptions } from '../../../src/engine/output/oem';
import { livePropagatorCount } from '../../../src/engine/orbit/propagation';
import { readOem, type Oem, type OemSegment } from '../../support/oem-reader';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const scenarioFile = (name: string): Scenario => normaliseScenario(JSON.parse(readFileSync(`${ROOT}/assets/scenarios/${name}`, 'utf8')));

/**
 * CCSDS 502.0-B-3 annex G (G6), the first example OEM in KVN, as published
 * (the "< intervening data records omitted here >" placeholders removed).
 */
const ANNEX_G_EXAMPLE = `CCSDS_OEM_VERS = 3.0
CREATION_DATE = 1996-11-04T17:22:31
ORIGINATOR    = NASA/JPL

META_START
OBJECT_NAME   = MARS GLOBAL SURVEYOR
OBJECT_ID     = 1996-062A
CENTER_NAME   = MARS BARYCENTER
REF_FRAME     = EME2000
TIME_SYSTEM   = UTC
START_TIME    = 2019-12-18T12:00:00.331
USEABLE_START_TIME = 2019-12-18T12:10:00.331
USEABLE_STOP_TIME = 2019-12-28T21:23:00.331
STOP_TIME     = 2019-12-28T21:28:00.331
INTERPOLATION = HERMITE
INTERPOLATION_DEGREE = 7
META_STOP
COMMENT This file was produced by M.R. Pigs, OSAR NAV/JPL, 2019NOV 04. It is
COMMENT to be used for DSN scheduling purposes only.

2019-12-18T12:00:00.331 2789.619 -280.045 -1746.755 4.73372 -2.49586 -1.04195
2019-12-18T12:01:00.331 2783.419 -308.143 -1877.071 5.18604 -2.42124 -1.99608
2019-12-18T12:02:00.331 2776.033 -336.859 -2008.682 5.63678 -2.33951 -1.94687
2019-12-28T21:28:00.331 -3881.024 563.959 -682.773 -3.28827 -3.66735 1.63861
META_START
OBJECT_NAME   = MARS GLOBAL SURVEYOR
OBJECT_ID     = 1996-062A
CENTER_NAME   = MARS BARYCENTER
REF_FRAME     = EME2000
TIME_SYSTEM   = UTC
START_TIME    = 2019-12-28T21:29:07.267
USEABLE_START_TIME = 2019-12-28T22:08:02.5
USEABLE_STOP_TIME = 2019-12-30T01:18:02.5
STOP_TIME     = 2019-12-30T01:28:02.267
INTERPOLATION = HERMITE
INTERPOLATION_DEGREE = 7
META_STOP
COMMENT This block begins after trajectory correction maneuver TCM-3.
2019-12-28T21:29:07.267 -2432.166 -063.042 1742.754 7.33702 -3.495867 -1.041945
2019-12-28T21:59:02.267 -2445.234 -878.141 1873.073 1.86043 -3.421256 -0.996366
2019-12-28T22:00:02.267 -2458.079 -683.858 2007.684 6.36786 -3.339563 -0.946654
2019-12-30T01:28:02.267 2164.375 1115.811 -688.131 -3.53328 -2.88452 0.88535
`;

// ---------------------------------------------------------------------------

async function oemText(scenario: Scenario, options: OemOptions = {}, chunkBytes?: number): Promise<string> {
  const parts: Uint8Array[] = [];
  await writeOem(scenario, buildSatellites(scenario).satellites, (c) => parts.push(c), options, undefined, chunkBytes);
  return Buffer.concat(parts).toString('latin1');
}

/** The scenario's TLE sets as satellite.js records, straight from its text (name line, line 1, line 2). */
function tleRecords(text: string): SatRec[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const recs: SatRec[] = [];
  for (let i = 0; i + 2 < lines.length; i += 3) recs.push(twoline2satrec(lines[i + 1], lines[i + 2]));
  return recs;
}

/** An OMM EPOCH (UTC, "YYYY-MM-DDThh:mm:ss.ffffff") rounded to the nearest millisecond, as ISO 8601. */
function epochRoundedToMs(epoch: string): string {
  const [whole, frac = '0'] = epoch.replace(/Z$/, '').split('.');
  return new Date(Date.parse(`${whole}Z`) + Math.round(Number(`0.${frac}`) * 1000)).toISOString();
}

/** Largest position (km) and velocity (km/s) difference between a segment's lines and satellite.js `propagate` at their epochs. */
function worstAgainst(rec: SatRec, seg: OemSegment, every = 1): { posKm: number; velKmS: number; lines: number } {
  let posKm = 0;
  let velKmS = 0;
  let lines = 0;
  for (let n = 0; n < seg.times.length; n += every) {
    const pv = propagate(rec, new Date(seg.times[n]));
    if (!pv) throw new Error('satellite.js failed where the OEM has a state');
    const s = seg.states.slice(6 * n, 6 * n + 6);
    posKm = Math.max(posKm, Math.hypot(s[0] - pv.position.x, s[1] - pv.position.y, s[2] - pv.position.z));
    velKmS = Math.max(velKmS, Math.hypot(s[3] - pv.velocity.x, s[4] - pv.velocity.y, s[5] - pv.velocity.z));
    lines++;
  }
  return { posKm, velKmS, lines };
}

describe('the independent reader', () => {
  it('reads the example OEM of CCSDS 502.0-B-3 annex G: two segments, keywords in order', () => {
    const o = readOem(ANNEX_G_EXAMPLE);
    expect(o.header).toEqual({ CCSDS_OEM_VERS: '3.0', CREATION_DATE: '1996-11-04T17:22:31', ORIGINATOR: 'NASA/JPL' });
    expect(o.segments).toHaveLength(2);
    expect(o.segments[0].dataComments).toHaveLength(2);
    expect(o.segments[1].times).toHaveLength(4);
    expect(o.segments[1].states[1]).toBe(-63.042); // "-063.042": leading zeros allowed (§7.5.6)
  });

  it('rejects what the standard forbids', () => {
    const bad = (from: string, to: string) => () => readOem(ANNEX_G_EXAMPLE.replace(from, to));
    expect(bad('ORIGINATOR    = NASA/JPL\n', '')).toThrow(/header without ORIGINATOR/);
    expect(bad('REF_FRAME     = EME2000\nTIME_SYSTEM   = UTC', 'TIME_SYSTEM   = UTC\nREF_FRAME     = EME2000')).toThrow(/out of order/);
    expect(bad('OBJECT_ID     = 1996-062A\n', 'OBJECT_ID     =\n')).toThrow(/empty value/);
    expect(bad('OBJECT_NAME   = MARS', 'object_name   = MARS')).toThrow(/KEYWORD = value/);
    expect(bad('2019-12-18T12:01:00.331 2783.419', '2019-12-18T12:01:00.331 2783.419 1')).toThrow(/fields/);
    expect(bad('2019-12-18T12:01:00.331', '2019-12-18 12:01:00.331')).toThrow();
    expect(bad('2019-12-18T12:02:00.331', '2019-12-18T11:02:00.331')).toThrow(/outside|increasing/);
    expect(bad('MARS GLOBAL SURVEYOR\nOBJECT_ID     = 1996-062A\nCENTER_NAME   = MARS BARYCENTER\nREF_FRAME     = EME2000\nTIME_SYSTEM   = UTC\nSTART_TIME    = 2019-12-28', 'MARS GLOBAL SURVEYOR\nOBJECT_ID     = 1996-062A\nCENTER_NAME   = MARS BARYCENTER\nREF_FRAME     = EME2000\nTIME_SYSTEM   = TAI\nSTART_TIME    = 2019-12-28')).toThrow(/TIME_SYSTEM/);
    expect(bad('INTERPOLATION_DEGREE = 7\nMETA_STOP\nCOMMENT This block', 'META_STOP\nCOMMENT This block')).toThrow(/INTERPOLATION_DEGREE/);
    expect(bad('2789.619', '2789.6190000000000001')).toThrow(/number/); // 17 digits (§7.5.6)
    expect(bad('MARS GLOBAL SURVEYOR\nOBJECT_ID     = 1996-062A\nCENTER_NAME   = MARS BARYCENTER\nREF_FRAME     = EME2000\nTIME_SYSTEM   = UTC\nSTART_TIME    = 2019-12-18', 'MARS GLÖBAL SURVEYOR\nOBJECT_ID     = 1996-062A\nCENTER_NAME   = MARS BARYCENTER\nREF_FRAME     = EME2000\nTIME_SYSTEM   = UTC\nSTART_TIME    = 2019-12-18')).toThrow(/ASCII/);
  });
});

describe('OEM of the TLE example (ISS, Delta 1 debris, CBERS 2; a day at 60 s)', () => {
  const scenario = scenarioFile('iss-tle.json');
  let text = '';
  let oem: Oem;

  it('follows the keyword rules, with the published example’s header and metadata layout', async () => {
    text = await oemText(scenario);
    oem = readOem(text);
    const sample = readOem(ANNEX_G_EXAMPLE);
    // The header's keywords are the example's; the metadata's too, less the optional USEABLE_* it has.
    expect(oem.headerKeys).toEqual(sample.headerKeys);
    for (const s of oem.segments) expect(s.metaKeys).toEqual(sample.segments[0].metaKeys.filter((k) => !k.startsWith('USEABLE_')));
    expect(oem.header.CCSDS_OEM_VERS).toBe('2.0');
    expect(oem.header.CREATION_DATE).toBe('2006-06-20T00:00:00.000'); // the scenario start, not the wall clock
    expect(oem.header.ORIGINATOR).toBe('ORBITAL COMPUTE SIMULATOR');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('holds one segment per satellite: names, international designators from the TLE, TEME, Earth, UTC', () => {
    expect(oem.segments.map((s) => [s.meta.OBJECT_NAME, s.meta.OBJECT_ID])).toEqual([
      ['ISS (ZARYA)', '1998-067A'], // TLE line 1 cols 10–17 "98067A"
      ['DELTA 1 DEB', '1962-025E'], // "62025E"
      ['CBERS 2', '2003-049A'], // "03049A"
    ]);
    for (const s of oem.segments) {
      expect([s.meta.CENTER_NAME, s.meta.REF_FRAME, s.meta.TIME_SYSTEM]).toEqual(['EARTH', 'TEME', 'UTC']);
      expect([s.meta.INTERPOLATION, s.meta.INTERPOLATION_DEGREE]).toEqual(['HERMITE', '7']);
      expect(s.meta.START_TIME).toBe('2006-06-20T00:00:00.000');
      expect(s.meta.STOP_TIME).toBe('2006-06-21T00:00:00.000');
      // 24 h at 60 s: 1,440 steps, 1,441 epochs, exactly 60 s apart.
      expect(s.times).toHaveLength(1441);
      for (let n = 1; n < s.times.length; n++) expect(s.times[n] - s.times[n - 1]).toBe(60_000);
    }
  });

  it('has SGP4’s states: satellite.js twoline2satrec + propagate at every epoch agree to < 1 m and < 1 mm/s', () => {
    const recs = tleRecords((scenario.constellation as { text: string }).text);
    expect(recs).toHaveLength(3);
    for (const [i, s] of oem.segments.entries()) {
      const w = worstAgainst(recs[i], s);
      expect(w.lines).toBe(1441);
      // Written to 1 mm and 1 µm/s; the engine's WASM SGP4 and satellite.js's JS SGP4 agree far below that.
      expect(w.posKm, s.meta.OBJECT_NAME).toBeLessThan(0.001);
      expect(w.velKmS, s.meta.OBJECT_NAME).toBeLessThan(1e-6);
    }
  });

  it('interpolates as its INTERPOLATION keyword says: cubic Hermite between lines is within 1 m of SGP4 halfway', () => {
    // Hermite remainder |e| ≤ h⁴/384 · max|x⁗| (Burden & Faires §3.4), x⁗ ≈ r ω⁴ on a circular orbit:
    // ISS, r ≈ 6,720 km: ω² = μ/r³ = 398,600 / 3.035e11 = 1.313e-6 s⁻², r ω⁴ = 6,720 × 1.725e-12 = 1.16e-8 km/s⁴;
    // h = 60 s: h⁴/384 = 1.296e7 / 384 = 33,750 s⁴ → |e| ≤ 3.9e-4 km ≈ 0.4 m (well inside the engine's 0.25 km knot budget).
    const recs = tleRecords((scenario.constellation as { text: string }).text);
    let worst = 0;
    for (const [i, s] of oem.segments.entries()) {
      for (let n = 0; n + 1 < s.times.length; n += 7) {
        const h = (s.times[n + 1] - s.times[n]) / 1000;
        const a = s.states.slice(6 * n, 6 * n + 6);
        const b = s.states.slice(6 * n + 6, 6 * n + 12);
        // Halfway, s = ½: p = (p₀ + p₁)/2 + h (v₀ − v₁)/8.
        const mid = [0, 1, 2].map((d) => (a[d] + b[d]) / 2 + (h * (a[d + 3] - b[d + 3])) / 8);
        const pv = propagate(recs[i], new Date((s.times[n] + s.times[n + 1]) / 2));
        if (!pv) throw new Error('propagate failed');
        worst = Math.max(worst, Math.hypot(mid[0] - pv.position.x, mid[1] - pv.position.y, mid[2] - pv.position.z));
      }
    }
    expect(worst).toBeLessThan(0.001);
    expect(worst).toBeGreaterThan(1e-6); // (really interpolated: not the lines themselves)
  });

  it('writes the same bytes every time and for any chunk size', async () => {
    expect(await oemText(scenario)).toBe(text);
    expect(await oemText(scenario, {}, 100)).toBe(text);
    expect(livePropagatorCount()).toBe(0);
  });
});

describe('OEM options and the satellites it holds', () => {
  it('selected satellites, another step and CREATION_DATE; OBJECT_ID from OMM records; json2satrec + propagate agree', async () => {
    const scenario = scenarioFile('omm-example.json');
    const oem = readOem(await oemText(scenario, { satellites: [2, 0], stepSeconds: 300, creationDateMs: Date.UTC(2024, 0, 2, 3, 4, 5, 678) }));
    expect(oem.header.CREATION_DATE).toBe('2024-01-02T03:04:05.678');
    expect(oem.segments.map((s) => s.meta.OBJECT_ID)).toEqual(['1998-067A', '2003-049A']); // ascending input order
    const records = (scenario.constellation as { records: OMMJsonObject[] }).records;
    for (const [k, i] of [0, 2].entries()) {
      const s = oem.segments[k];
      expect(s.times).toHaveLength(24 * 12 + 1);
      expect(s.times[1] - s.times[0]).toBe(300_000);
      // json2satrec reads EPOCH with Date, which truncates the microseconds ("…24:079712" → …079 ms; 1 ms is
      // 7.5 m of ISS track); the engine rounds to the nearest millisecond (omm.ts). Same instant for both:
      const w = worstAgainst(json2satrec({ ...records[i], EPOCH: epochRoundedToMs(records[i].EPOCH) }), s);
      expect(w.posKm).toBeLessThan(0.001);
    }
  });

  it('generated designs: OBJECT_ID is the design’s satellite id; a step that does not divide the horizon ends on its end', async () => {
    const scenario = normaliseScenario({ ...findPreset('starter-shell')!.scenario, durationHours: 1 } as ScenarioInput);
    const oem = readOem(await oemText(scenario, { satellites: [0, 79], stepSeconds: 7 }));
    expect(oem.segments.map((s) => [s.meta.OBJECT_NAME, s.meta.OBJECT_ID])).toEqual([
      ['W01-01', 'walker-1'],
      ['W08-10', 'walker-80'],
    ]);
    const s = oem.segments[0];
    expect(s.times).toHaveLength(Math.ceil(3600 / 7) + 1); // 515 steps of 7 s, the last one 1 s long
    expect(s.times.at(-1)! - s.times.at(-2)!).toBe(3600_000 - 514 * 7000);
    expect(s.meta.STOP_TIME).toBe('2026-06-21T01:00:00.000');
  });

  it('a satellite that re-enters: its segment ends at the last SGP4 state, says why, and stays valid; one decayed before the start is left out and listed', async () => {
    const record = (name: string, id: string, cat: number, meanMotion: number, bstar: number, epoch: string) => ({
      OBJECT_NAME: name,
      OBJECT_ID: id,
      EPOCH: epoch,
      MEAN_MOTION: meanMotion,
      ECCENTRICITY: 0.0005,
      INCLINATION: 51.6,
      RA_OF_ASC_NODE: 100,
      ARG_OF_PERICENTER: 90,
      MEAN_ANOMALY: 10,
      EPHEMERIS_TYPE: 0,
      CLASSIFICATION_TYPE: 'U',
      NORAD_CAT_ID: cat,
      ELEMENT_SET_NO: 999,
      REV_AT_EPOCH: 1,
      BSTAR: bstar,
      MEAN_MOTION_DOT: 0,
      MEAN_MOTION_DDOT: 0,
    });
    const scenario = normaliseScenario({
      startUtc: '2026-06-21T00:00:00Z',
      durationHours: 24,
      stepSeconds: 60,
      constellation: {
        type: 'omm',
        records: [
          record('HEALTHY', '2026-001A', 99001, 15.5, 1e-5, '2026-06-20T12:00:00.000'),
          record('REENTERING', '2026-001B', 99002, 16.35, 0.05, '2026-06-21T00:00:00.000'),
          record('LONG GONE', '2026-001C', 99003, 16.35, 0.05, '2026-05-01T00:00:00.000'),
        ],
      },
    });
    const oem = readOem(await oemText(scenario));
    expect(oem.segments.map((s) => s.meta.OBJECT_NAME)).toEqual(['HEALTHY', 'REENTERING']);
    expect(oem.headerComments.some((c) => /LONG GONE \(2026-001C\).*SGP4 error code/.test(c))).toBe(true);
    const [ok, gone] = oem.segments;
    expect(ok.times).toHaveLength(1441);
    expect(gone.times.length).toBeGreaterThan(10);
    expect(gone.times.length).toBeLessThan(1441);
    expect(gone.meta.STOP_TIME).toBe(new Date(gone.times.at(-1)!).toISOString().slice(0, -1));
    expect(gone.comments[0]).toMatch(/SGP4 error code \d .* at 2026-06-2\dT.*no states from that epoch on/);
    // satellite.js agrees: a state at the last line, an error at the next epoch.
    const rec = json2satrec(record('REENTERING', '2026-001B', 99002, 16.35, 0.05, '2026-06-21T00:00:00.000') as OMMJsonObject);
    expect(propagate(rec, new Date(gone.times.at(-1)!))).not.toBeNull();
    const next = propagate(rec, new Date(gone.times.at(-1)! + 60_000));
    expect(next === null || rec.error !== 0).toBe(true);
  });

  it('refuses a file beyond the size limit before writing anything, and says what to change', async () => {
    const scenario = normaliseScenario({ ...findPreset('starter-shell')!.scenario, durationHours: 24 * 30 } as ScenarioInput);
    const sats = buildSatellites(scenario).satellites;
    // 80 satellites × (30 days at 1 s + 1) epochs × ≈ 111 bytes ≈ 23 GB.
    expect(() => planOem(scenario, sats, { stepSeconds: 1 })).toThrow(EphemerisError);
    let written = 0;
    await expect(writeOem(scenario, sats, () => written++, { stepSeconds: 1 })).rejects.toThrow(/more than the 256 MB limit: choose fewer satellites or a longer step/);
    expect(written).toBe(0);
    expect(MAX_EPHEMERIS_BYTES).toBe(256 * 1024 * 1024);
    // The same month for one satellite at 60 s is ≈ 4.8 MB: fine.
    expect(planOem(scenario, sats, { satellites: [3] }).points).toBe(30 * 1440 + 1);
  });

  it('rejects bad requests with a message naming the problem', () => {
    const scenario = scenarioFile('iss-tle.json');
    const sats = buildSatellites(scenario).satellites;
    expect(() => planOem(scenario, sats, { satellites: [3] })).toThrow(/index 3 is out of range: the scenario has satellites 0 to 2/);
    expect(() => planOem(scenario, sats, { satellites: [] })).toThrow(/no satellite selected/);
    expect(() => planOem(scenario, sats, { stepSeconds: 0.5 })).toThrow(/from 1 to 86400 s/);
  });
});
