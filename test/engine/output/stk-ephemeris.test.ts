/**
 * The STK .e writer (src/engine/output/stk-ephemeris.ts) read back by a small
 * reader written here from the STK help's "Ephemeris File Format (*.e)" page
 * (version line, keywords before the data format keyword, "#" comments,
 * EphemerisTimePosVel lines of time and six numbers, END Ephemeris;
 * distances in metres when DistanceUnit is absent) and its states
 * re-propagated with satellite.js directly.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { propagate, twoline2satrec } from 'satellite.js';
import { buildSatellites } from '../../../src/engine/input/constellation';
import { normaliseScenario, type Scenario } from '../../../src/engine/input/scenario';
import { EphemerisError } from '../../../src/engine/output/ephemeris-states';
import { planStk, stkDate, writeStkEphemeris } from '../../../src/engine/output/stk-ephemeris';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const scenario: Scenario = normaliseScenario(JSON.parse(readFileSync(`${ROOT}/assets/scenarios/iss-tle.json`, 'utf8')));

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "20 Jun 2006 00:00:00.000000" (STK's UTCG) → ms since the Unix epoch. */
function parseStkDate(s: string): number {
  const m = /^(\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(s);
  if (!m || !MONTHS.includes(m[2])) throw new Error(`not an STK date: "${s}"`);
  return Date.UTC(+m[3], MONTHS.indexOf(m[2]), +m[1], +m[4], +m[5]) + Number(m[6]) * 1000;
}

interface StkFile {
  version: string;
  keywords: Record<string, string>;
  comments: string[];
  /** 7 per line: t (s since ScenarioEpoch), x y z (m), vx vy vz (m/s). */
  rows: number[][];
}

function readStk(text: string): StkFile {
  const lines = text.split(/\r?\n/);
  const f: StkFile = { version: '', keywords: {}, comments: [], rows: [] };
  let state: 'version' | 'pre' | 'keys' | 'data' | 'end' = 'version';
  for (const raw of lines) {
    const t = raw.trim();
    if (t === '') continue;
    if (t.startsWith('#')) {
      if (state === 'data') throw new Error('comment among the data lines');
      f.comments.push(t.slice(1).trim());
      continue;
    }
    if (state === 'version') {
      if (!/^stk\.v\.\d+\.\d+$/.test(t)) throw new Error(`first line is not the version: "${t}"`);
      f.version = t;
      state = 'pre';
    } else if (state === 'pre') {
      if (t !== 'BEGIN Ephemeris') throw new Error(`expected BEGIN Ephemeris, got "${t}"`);
      state = 'keys';
    } else if (state === 'keys') {
      if (t === 'EphemerisTimePosVel') state = 'data';
      else {
        const m = /^(\w+)\s+(.+)$/.exec(t);
        if (!m) throw new Error(`not "Keyword value": "${t}"`);
        f.keywords[m[1]] = m[2];
      }
    } else if (state === 'data') {
      if (t === 'END Ephemeris') state = 'end';
      else {
        const cells = t.split(/\s+/).map(Number);
        if (cells.length !== 7 || cells.some((x) => !Number.isFinite(x))) throw new Error(`data line is not 7 numbers: "${t}"`);
        f.rows.push(cells);
      }
    } else throw new Error(`text after END Ephemeris: "${t}"`);
  }
  if (state !== 'end') throw new Error('no END Ephemeris');
  return f;
}

async function stkText(index: number, stepSeconds?: number): Promise<string> {
  const parts: Uint8Array[] = [];
  await writeStkEphemeris(scenario, buildSatellites(scenario).satellites, index, (c) => parts.push(c), { stepSeconds });
  return Buffer.concat(parts).toString('latin1');
}

describe('STK .e of one satellite of the TLE example', () => {
  it('reads back: version, epoch, frame, point count, times from 0 every step', async () => {
    const text = await stkText(2, 30);
    const f = readStk(text);
    expect(f.version).toBe('stk.v.11.0');
    expect(f.keywords.CentralBody).toBe('Earth');
    expect(f.keywords.CoordinateSystem).toBe('TEMEOfDate');
    expect(f.keywords.DistanceUnit).toBeUndefined(); // metres, STK's default
    expect(f.keywords.InterpolationMethod).toBe('Lagrange');
    expect(f.keywords.InterpolationSamplesM1).toBe('7');
    expect(parseStkDate(f.keywords.ScenarioEpoch)).toBe(Date.parse('2006-06-20T00:00:00Z'));
    expect(Number(f.keywords.NumberOfEphemerisPoints)).toBe(f.rows.length);
    expect(f.rows).toHaveLength(2 * 1440 + 1); // 24 h at 30 s
    f.rows.forEach((r, n) => expect(r[0]).toBe(30 * n));
    expect(f.comments[0]).toMatch(/CBERS 2 \(2003-049A\)/);
    expect(text).toBe(await stkText(2, 30)); // deterministic
  });

  it('holds SGP4’s states in metres: satellite.js twoline2satrec + propagate agree to < 1 m and < 1 mm/s', async () => {
    const f = readStk(await stkText(0));
    const lines = (scenario.constellation as { text: string }).text.split('\n');
    const rec = twoline2satrec(lines[1], lines[2]); // ISS (ZARYA)
    const t0 = parseStkDate(f.keywords.ScenarioEpoch);
    let pos = 0;
    let vel = 0;
    for (const r of f.rows) {
      const pv = propagate(rec, new Date(t0 + r[0] * 1000));
      if (!pv) throw new Error('propagate failed');
      pos = Math.max(pos, Math.hypot(r[1] - 1000 * pv.position.x, r[2] - 1000 * pv.position.y, r[3] - 1000 * pv.position.z));
      vel = Math.max(vel, Math.hypot(r[4] - 1000 * pv.velocity.x, r[5] - 1000 * pv.velocity.y, r[6] - 1000 * pv.velocity.z));
    }
    expect(pos).toBeLessThan(1);
    expect(vel).toBeLessThan(0.001);
    // ISS radius ≈ 6,700 km: the numbers are metres, not kilometres.
    const r0 = Math.hypot(f.rows[0][1], f.rows[0][2], f.rows[0][3]);
    expect(r0).toBeGreaterThan(6.6e6);
    expect(r0).toBeLessThan(6.8e6);
  });

  it('writes STK dates as STK does (day without a leading zero, three-letter month, microseconds)', () => {
    expect(stkDate(Date.UTC(2002, 5, 1, 12))).toBe('1 Jun 2002 12:00:00.000000');
    expect(stkDate(Date.UTC(2019, 4, 24, 3, 5, 44, 890))).toBe('24 May 2019 03:05:44.890000');
  });

  it('rejects an index out of range', () => {
    expect(() => planStk(scenario, buildSatellites(scenario).satellites, 3)).toThrow(EphemerisError);
  });
});
