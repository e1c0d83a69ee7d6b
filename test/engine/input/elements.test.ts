import { describe, expect, it } from 'vitest';
import { sgp4 } from 'satellite.js';
import { parseOmm, parseTle } from '../../../src/engine/input/elements.ts';
import type { ParseResult } from '../../../src/engine/input/elements.ts';

// Real element sets (ISS example from CelesTrak docs; three from Vallado's SGP4-VER.TLE).
const ISS1 = '1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927';
const ISS2 = '2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537';
const DELTA1 = '1 06251U 62025E   06176.82412014  .00008885  00000-0  12808-3 0  3985';
const DELTA2 = '2 06251  58.0579  54.0425 0030035 139.1568 221.1854 15.56387291  6774';
const MOLNIYA1 = '1 08195U 75081A   06176.33215444  .00000099  00000-0  11873-3 0   813';
const MOLNIYA2 = '2 08195  64.1586 279.0717 6877146 264.7651  20.2257  2.00491383225656';
const CBERS1 = '1 28057U 03049A   06177.78615833  .00000060  00000-0  35940-4 0  1836';
const CBERS2 = '2 28057  98.4283 247.6961 0000884  88.1964 271.9322 14.35478080140550';

/** Independent checksum (mod 10 of digits, '-' = 1) for building test lines. */
function checksum(line: string): number {
  let s = 0;
  for (const c of line.slice(0, 68)) {
    if (c >= '0' && c <= '9') s += Number(c);
    else if (c === '-') s += 1;
  }
  return s % 10;
}
/** Replace 1-based columns [from, from+text.length) and recompute the checksum column. */
function patch(line: string, from: number, text: string): string {
  const l = line.slice(0, from - 1) + text + line.slice(from - 1 + text.length);
  return l.slice(0, 68) + checksum(l);
}

const lines = (...ls: string[]): string => ls.join('\n');
const errorLines = (r: ParseResult): (number | undefined)[] => r.errors.map((e) => e.line);

describe('parseTle: good input', () => {
  it('loads 2-line and 3-line sets mixed, with names, ids, line numbers and epochs', () => {
    const r = parseTle(lines('ISS (ZARYA)', ISS1, ISS2, DELTA1, DELTA2, '0 MOLNIYA 2-14', MOLNIYA1, MOLNIYA2, CBERS1, CBERS2, ''));
    expect(r.errors).toEqual([]);
    expect(r.records.map((x) => [x.name, x.noradId, x.line])).toEqual([
      ['ISS (ZARYA)', '25544', 1],
      ['06251', '06251', 4],
      ['MOLNIYA 2-14', '08195', 6],
      ['28057', '28057', 9],
    ]);
    // 08264.51782528 = 2008-09-20 + 0.51782528 d = 12:25:40.104192 UTC
    expect(r.records[0].epochMs).toBeCloseTo(Date.UTC(2008, 8, 20, 12, 25, 40, 104) + 0.192, 3);
    // 06176.82412014 = 2006-06-25 19:46:43.980096
    expect(r.records[1].epochMs).toBeCloseTo(Date.UTC(2006, 5, 25, 19, 46, 43, 980) + 0.096, 3);
    for (const rec of r.records) {
      expect(rec.satrec.error).toBe(0);
      expect(rec.index).toBeUndefined();
      const pv = sgp4(rec.satrec, 0);
      expect(pv).not.toBeNull();
    }
    // Epoch agrees with satellite.js's own Julian date (to its ~50 µs double precision).
    const jdMs = (r.records[0].satrec.jdsatepoch - 2440587.5) * 86_400_000;
    expect(Math.abs(jdMs - r.records[0].epochMs)).toBeLessThan(0.1);
  });

  it('handles CRLF and lone CR line endings identically to LF', () => {
    const src = ['ISS (ZARYA)', ISS1, ISS2, DELTA1, DELTA2];
    const lf = parseTle(src.join('\n'));
    for (const eol of ['\r\n', '\r']) {
      const r = parseTle(src.join(eol) + eol);
      expect(r.errors).toEqual([]);
      expect(r.records.map((x) => [x.name, x.noradId, x.line, x.epochMs])).toEqual(lf.records.map((x) => [x.name, x.noradId, x.line, x.epochMs]));
    }
  });

  it('ignores blank lines, trailing whitespace, indentation and a BOM, keeping true line numbers', () => {
    const text = `\uFEFF\n\n  ISS (ZARYA)  \n${ISS1}   \n\n\t\n${ISS2}\t\n\n   ${DELTA1}\n  ${DELTA2}  \n\n`;
    const r = parseTle(text);
    expect(r.errors).toEqual([]);
    expect(r.records.map((x) => [x.name, x.line])).toEqual([
      ['ISS (ZARYA)', 3],
      ['06251', 9],
    ]);
  });

  it('keeps Unicode names (trimmed, "0 " prefix stripped)', () => {
    const r = parseTle(lines('  国际空间站 ISS  ', ISS1, ISS2, '0 МОЛНИЯ 2-14 🛰️', MOLNIYA1, MOLNIYA2));
    expect(r.errors).toEqual([]);
    expect(r.records.map((x) => x.name)).toEqual(['国际空间站 ISS', 'МОЛНИЯ 2-14 🛰️']);
  });

  it('accepts Alpha-5 catalogue numbers', () => {
    const l1 = patch(ISS1, 3, 'A0001');
    const l2 = patch(ISS2, 3, 'A0001');
    const r = parseTle(lines(l1, l2));
    expect(r.errors).toEqual([]);
    expect(r.records[0].noradId).toBe('A0001');
  });

  it('empty input gives no records and no errors', () => {
    expect(parseTle('')).toEqual({ records: [], errors: [], skipped: 0 });
    expect(parseTle('\n\r\n  \n')).toEqual({ records: [], errors: [], skipped: 0 });
  });
});

describe('parseTle: errors', () => {
  it('a broken set among good ones: good sets load, the bad one is reported at its line', () => {
    const bad2 = ISS2.slice(0, 68) + ((Number(ISS2[68]) + 1) % 10); // wrong checksum
    const text = lines('DELTA 1 DEB', DELTA1, DELTA2, '', 'ISS (ZARYA)', ISS1, bad2, 'MOLNIYA 2-14', MOLNIYA1, MOLNIYA2, CBERS1, CBERS2);
    const r = parseTle(text);
    expect(r.records.map((x) => x.noradId)).toEqual(['06251', '08195', '28057']);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ line: 7, field: 'checksum' });
    expect(r.errors[0].message).toMatch(/^line 7: /);
    expect(r.records.map((x) => x.line)).toEqual([1, 8, 11]);
  });

  it('bad checksum on line 1 and on line 2; checksum option can turn verification off', () => {
    const bad1 = ISS1.slice(0, 68) + '0';
    const r = parseTle(lines(bad1, ISS2));
    expect(r.records).toEqual([]);
    expect(r.errors).toEqual([expect.objectContaining({ line: 1, field: 'checksum', message: expect.stringMatching(/^line 1: .*checksum.*computed 7/) })]);
    const r2 = parseTle(lines(ISS1, ISS2.slice(0, 68) + 'X'));
    expect(r2.errors).toEqual([expect.objectContaining({ line: 2, field: 'checksum' })]);
    const lax = parseTle(lines(bad1, ISS2), { checksum: false });
    expect(lax.errors).toEqual([]);
    expect(lax.records).toHaveLength(1);
  });

  it('counts "-" as 1 in the checksum', () => {
    // ISS1 has two '-' signs; its stored checksum 7 is right only if they count.
    expect(checksum(ISS1)).toBe(7);
    const plus = patch(ISS1, 34, '+');
    expect(parseTle(lines(plus.slice(0, 68) + '7', ISS2)).errors.map((e) => e.field)).toEqual(['checksum']);
  });

  it('wrong line length (too short, too long)', () => {
    const r = parseTle(lines('SHORT', ISS1.slice(0, 68), ISS2, 'LONG', DELTA1, `${DELTA2}0`, CBERS1, CBERS2));
    expect(r.records.map((x) => x.noradId)).toEqual(['28057']);
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([
      [2, 'length'],
      [6, 'length'],
    ]);
    expect(r.errors[0].message).toMatch(/^line 2: .*69.*68/);
  });

  it('non-numeric fields are named (inclination, RAAN, eccentricity, arg perigee, mean anomaly, mean motion, epoch)', () => {
    const cases: [string, string, number, string][] = [
      ['inclination', ISS2, 9, '51.6a16'],
      ['raan', ISS2, 18, '247.46x7'],
      ['eccentricity', ISS2, 27, '00067O3'],
      ['argPerigee', ISS2, 35, '130.5.60'],
      ['meanAnomaly', ISS2, 44, '   -    '],
      ['meanMotion', ISS2, 53, '15.7212S391'],
      ['epoch', ISS1, 19, '08264.5178252x'],
      ['epoch', ISS1, 19, 'xx264.51782528'],
      ['bstar', ISS1, 54, '-1160A-4'],
    ];
    for (const [field, base, col, text] of cases) {
      const onLine1 = base === ISS1;
      const l1 = onLine1 ? patch(ISS1, col, text) : ISS1;
      const l2 = onLine1 ? ISS2 : patch(ISS2, col, text);
      const r = parseTle(lines('ISS', l1, l2, 'CBERS 2', CBERS1, CBERS2));
      expect(r.records.map((x) => x.name), field).toEqual(['CBERS 2']);
      expect(r.errors, field).toEqual([expect.objectContaining({ line: onLine1 ? 2 : 3, field })]);
      expect(r.errors[0].message).toMatch(new RegExp(`^line ${onLine1 ? 2 : 3}: `));
    }
  });

  it('out-of-range values: inclination > 180, mean motion <= 0, epoch day 0', () => {
    const r1 = parseTle(lines(ISS1, patch(ISS2, 9, '181.0000')));
    expect(r1.errors).toEqual([expect.objectContaining({ line: 2, field: 'inclination', message: expect.stringContaining('0..180') })]);
    const r2 = parseTle(lines(ISS1, patch(ISS2, 53, ' 0.00000000')));
    expect(r2.errors).toEqual([expect.objectContaining({ line: 2, field: 'meanMotion' })]);
    const r3 = parseTle(lines(patch(ISS1, 19, '08000.51782528'), ISS2));
    expect(r3.errors).toEqual([expect.objectContaining({ line: 1, field: 'epoch' })]);
  });

  it('reports satrec.error from SGP4 initialisation (Vallado case 33334: n = 1e-5 rev/day)', () => {
    const l1 = '1 33334U 78066F   06174.85818871  .00000620  00000-0  10000-3 0  6806';
    const l2 = '2 33334  68.4714 236.1303 5602877 123.7484 302.5767  0.00001000 67521';
    const r = parseTle(lines('X', l1, l2));
    expect(r.records).toEqual([]);
    expect(r.errors).toEqual([expect.objectContaining({ line: 2, field: 'sgp4', message: expect.stringMatching(/^line 2: .*SGP4.*error code 3/) })]);
  });

  it('mismatched catalogue numbers between lines 1 and 2', () => {
    const r = parseTle(lines('ISS', ISS1, patch(ISS2, 3, '25545'), DELTA1, DELTA2));
    expect(r.records.map((x) => x.noradId)).toEqual(['06251']);
    expect(r.errors).toEqual([expect.objectContaining({ line: 3, field: 'catalogNumber', message: expect.stringMatching(/^line 3: .*25545.*25544/) })]);
  });

  it('orphan and unrecognised lines are reported by line number; parsing continues', () => {
    const text = lines(
      'garbage header', // 1: not followed by a line 1 -> orphan
      'ISS (ZARYA)', // 2: name
      ISS1, // 3
      ISS2, // 4
      DELTA2, // 5: line 2 without line 1
      'NAME WITHOUT DATA', // 6: orphan (followed by another name)
      'MOLNIYA 2-14', // 7
      MOLNIYA1, // 8: line 1 without line 2 (next is a line 1)
      CBERS1, // 9
      CBERS2, // 10
      'trailing junk', // 11: orphan at EOF
    );
    const r = parseTle(text);
    expect(r.records.map((x) => [x.noradId, x.line])).toEqual([
      ['25544', 2],
      ['28057', 9],
    ]);
    expect(r.errors.map((e) => e.line)).toEqual([1, 5, 6, 8, 11]);
    for (const e of r.errors) expect(e.message).toMatch(new RegExp(`^line ${e.line}: `));
    expect(r.errors[1].message).toMatch(/line 2 without a preceding line 1/);
    expect(r.errors[3].message).toMatch(/line 1 is not followed by a line 2/);
  });

  it('line 1 at end of file', () => {
    const r = parseTle(lines(ISS1, ISS2, '', DELTA1, ''));
    expect(r.records).toHaveLength(1);
    expect(errorLines(r)).toEqual([4]);
  });

  it('rejects ephemeris type 4 (SGP4-XP) sets', () => {
    const r = parseTle(lines(patch(ISS1, 63, '4'), ISS2));
    expect(r.errors).toEqual([expect.objectContaining({ line: 1, field: 'ephemerisType' })]);
  });

  it('parses 50,000 sets with one broken set in the middle', () => {
    const parts: string[] = [];
    for (let k = 0; k < 50_000; k++) {
      const id = String(10000 + k);
      parts.push(`SAT ${k}`, patch(ISS1, 3, id), patch(ISS2, 3, id));
    }
    parts[3 * 25_000 + 2] = parts[3 * 25_000 + 2].slice(0, 60); // one broken set in the middle
    const text = parts.join('\r\n');
    const r = parseTle(text);
    expect(r.records).toHaveLength(49_999);
    expect(r.errors).toEqual([expect.objectContaining({ line: 3 * 25_000 + 3, field: 'length' })]);
    expect(r.records[49_998]).toMatchObject({ name: 'SAT 49999', noradId: '59999', line: 3 * 49_999 + 1 });
  });
});

describe('parseOmm', () => {
  // Hand-written from ISS1/ISS2 (CelesTrak GP JSON style). Epoch 08264.51782528 -> 2008-09-20T12:25:40.104192.
  const issOmm = {
    OBJECT_NAME: 'ISS (ZARYA)',
    OBJECT_ID: '1998-067A',
    EPOCH: '2008-09-20T12:25:40.104192',
    MEAN_MOTION: 15.72125391,
    ECCENTRICITY: 0.0006703,
    INCLINATION: 51.6416,
    RA_OF_ASC_NODE: 247.4627,
    ARG_OF_PERICENTER: 130.536,
    MEAN_ANOMALY: 325.0288,
    EPHEMERIS_TYPE: 0,
    CLASSIFICATION_TYPE: 'U',
    NORAD_CAT_ID: 25544,
    ELEMENT_SET_NO: 292,
    REV_AT_EPOCH: 56353,
    BSTAR: -1.1606e-5,
    MEAN_MOTION_DOT: -2.182e-5,
    MEAN_MOTION_DDOT: 0,
  };
  // Space-Track style: every value a string, EPOCH without fraction digits beyond 6.
  const issOmmStrings = Object.fromEntries(Object.entries(issOmm).map(([k, v]) => [k, String(v)]));

  it('a good OMM record matches the equivalent TLE propagation (within 1e-6 km)', () => {
    const tle = parseTle(lines(ISS1, ISS2)).records[0];
    for (const input of [[issOmm], issOmm, [issOmmStrings], [{ ...issOmm, EPOCH: `${issOmm.EPOCH}Z` }]]) {
      const r = parseOmm(input);
      expect(r.errors).toEqual([]);
      expect(r.records).toHaveLength(1);
      const omm = r.records[0];
      expect(omm).toMatchObject({ name: 'ISS (ZARYA)', noradId: '25544', index: 0 });
      expect(omm.line).toBeUndefined();
      expect(Math.abs(omm.epochMs - tle.epochMs)).toBeLessThan(1e-3);
      for (const t of [0, 10, 47.5, 92.6, 720, 1440]) {
        const a = sgp4(tle.satrec, t)!;
        const b = sgp4(omm.satrec, t)!;
        const dr = Math.hypot(a.position.x - b.position.x, a.position.y - b.position.y, a.position.z - b.position.z);
        const dv = Math.hypot(a.velocity.x - b.velocity.x, a.velocity.y - b.velocity.y, a.velocity.z - b.velocity.z);
        expect(dr, `t=${t} min`).toBeLessThan(1e-6);
        expect(dv, `t=${t} min`).toBeLessThan(1e-9);
      }
    }
  });

  it('defaults BSTAR / MEAN_MOTION_DOT / MEAN_MOTION_DDOT to 0 and names by NORAD id when OBJECT_NAME is absent', () => {
    const { OBJECT_NAME: _n, BSTAR: _b, MEAN_MOTION_DOT: _d, MEAN_MOTION_DDOT: _dd, ...rest } = issOmm;
    const r = parseOmm([rest]);
    expect(r.errors).toEqual([]);
    expect(r.records[0].name).toBe('25544');
    expect(r.records[0].satrec.bstar).toBe(0);
    expect(r.records[0].satrec.ndot).toBe(0);
  });

  it('names the record index and field for missing / mistyped values; good records still load', () => {
    const input = [
      issOmm, // 0 good
      { ...issOmm, MEAN_MOTION: undefined }, // 1 missing
      { ...issOmm, ECCENTRICITY: 'abc' }, // 2 non-numeric string
      { ...issOmm, INCLINATION: Number.NaN }, // 3 NaN
      { ...issOmm, BSTAR: 'Infinity' }, // 4 Infinity string
      { ...issOmm, MEAN_MOTION: 0 }, // 5 <= 0
      { ...issOmm, ECCENTRICITY: 1.2 }, // 6 >= 1
      { ...issOmm, INCLINATION: '200' }, // 7 > 180
      { ...issOmm, EPOCH: '20/09/2008 12:25' }, // 8 bad date
      { ...issOmm, EPOCH: '2008-09-20T12:25:40+02:00' }, // 9 not UTC
      { ...issOmm, NORAD_CAT_ID: undefined, OBJECT_NAME: undefined }, // 10 missing id
      { ...issOmm, RA_OF_ASC_NODE: true }, // 11 wrong type
      'not an object', // 12
      { ...issOmmStrings, NORAD_CAT_ID: '25545', OBJECT_NAME: 'COPY' }, // 13 good
      { ...issOmm, MEAN_ANOMALY: Number.POSITIVE_INFINITY, ARG_OF_PERICENTER: '' }, // 14 two errors
      { ...issOmm, EPOCH: '2008-02-30T00:00:00' }, // 15 impossible date
      { ...issOmm, MEAN_ELEMENT_THEORY: 'SGP4-XP', EPHEMERIS_TYPE: 4 }, // 16 wrong theory
    ];
    const r = parseOmm(input);
    expect(r.records.map((x) => [x.index, x.noradId, x.name])).toEqual([
      [0, '25544', 'ISS (ZARYA)'],
      [13, '25545', 'COPY'],
    ]);
    expect(r.errors.map((e) => [e.index, e.field])).toEqual([
      [1, 'MEAN_MOTION'],
      [2, 'ECCENTRICITY'],
      [3, 'INCLINATION'],
      [4, 'BSTAR'],
      [5, 'MEAN_MOTION'],
      [6, 'ECCENTRICITY'],
      [7, 'INCLINATION'],
      [8, 'EPOCH'],
      [9, 'EPOCH'],
      [10, 'NORAD_CAT_ID'],
      [11, 'RA_OF_ASC_NODE'],
      [12, undefined],
      [14, 'ARG_OF_PERICENTER'],
      [14, 'MEAN_ANOMALY'],
      [15, 'EPOCH'],
      [16, 'MEAN_ELEMENT_THEORY'],
      [16, 'EPHEMERIS_TYPE'],
    ]);
    for (const e of r.errors) {
      expect(e.message).toMatch(new RegExp(`^record ${e.index}\\b`));
      if (e.field) expect(e.message).toContain(`field ${e.field} `);
    }
    expect(r.errors[0].message).toBe('record 1 (ISS (ZARYA)): field MEAN_MOTION is missing');
    expect(r.errors[1].message).toContain('"abc"');
  });

  it('non-array, non-object input gives one error', () => {
    for (const bad of [null, undefined, 42, 'text', true]) {
      const r = parseOmm(bad);
      expect(r.records).toEqual([]);
      expect(r.errors).toHaveLength(1);
    }
    expect(parseOmm([])).toEqual({ records: [], errors: [], skipped: 0 });
  });

  it('reports satrec.error from SGP4 initialisation', () => {
    const r = parseOmm([{ ...issOmm, MEAN_MOTION: 0.00001, ECCENTRICITY: 0.5602877 }]);
    expect(r.records).toEqual([]);
    expect(r.errors).toEqual([expect.objectContaining({ index: 0, field: 'sgp4' })]);
  });
});
