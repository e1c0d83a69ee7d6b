/**
 * Import counts (issue 14, item 9): a bad element set is skipped once,
 * however many errors it has. The case: 979 records, 2 bad, one of
 * them with two errors, was summarised as "977 of 980, 3 skipped" (errors
 * counted as sets). Expected here by counting sets by hand.
 */
import { describe, expect, it } from 'vitest';
import { buildSatellites } from '../../../src/engine/input/constellation.ts';
import { parseOmm, parseTle } from '../../../src/engine/input/elements.ts';
import { normaliseScenario } from '../../../src/engine/input/scenario.ts';
import { parseOmmChunked, parseTleChunked } from '../../../workers/import-api.ts';
import { formatTle } from '../../fixtures/tle-gen.ts';

const spec = (i: number) => ({
  catalog: 10_000 + i,
  name: `SAT ${i}`,
  epochMs: Date.UTC(2026, 5, 20),
  inclinationDeg: 53,
  raanDeg: (i * 7) % 360,
  eccentricity: 0.001,
  argPerigeeDeg: 0,
  meanAnomalyDeg: (i * 13) % 360,
  meanMotionRevPerDay: 15.05,
});
/** Changes the checksum digit (column 69) of a line to a wrong one. */
const breakChecksum = (line: string): string => `${line.slice(0, 68)}${(Number(line[68]) + 1) % 10}`;

describe('skipped element sets are counted once each', () => {
  it("the issue's case: 979 TLE sets, one with both checksums wrong, one with one → 977 loaded, 3 errors, 2 skipped", () => {
    const sets = Array.from({ length: 979 }, (_, i) => formatTle(spec(i)));
    sets[100] = [sets[100][0], breakChecksum(sets[100][1]), breakChecksum(sets[100][2])]; // two errors, one set
    sets[500] = [sets[500][0], sets[500][1], breakChecksum(sets[500][2])]; // one error
    const text = `${sets.flat().join('\n')}\n`;
    const r = parseTle(text);
    expect(r.records).toHaveLength(977);
    expect(r.errors).toHaveLength(3);
    expect(r.skipped).toBe(2);
    // What the import summary reports: loaded + skipped = the 979 sets read.
    expect(r.records.length + r.skipped).toBe(979);
    // The worker's chunked parse counts the same (chunks start where a set starts).
    const chunked = parseTleChunked(text, 400);
    expect([chunked.records.length, chunked.errors.length, chunked.skipped]).toEqual([977, 3, 2]);
    // And a design holding the text: 977 satellites, 2 sets skipped (the run's elementSetsSkipped).
    const build = buildSatellites(normaliseScenario({ name: 'import', startUtc: '2026-06-20T00:00:00Z', durationHours: 1, constellation: { type: 'tle', text } }));
    expect([build.satellites.length, build.errors.length, build.skipped]).toEqual([977, 3, 2]);
  });

  it('TLE: a data line without its partner is a skipped set; a stray name line is an error but no set', () => {
    const [, a1, a2] = formatTle(spec(1));
    const [, b1] = formatTle(spec(2));
    const [, , c2] = formatTle(spec(3));
    // line 1: good set (2 lines); line 3: a line 1 followed by a name; line 4: a name followed by a line 2 (stray);
    // line 5: a line 2 without a line 1.
    const r = parseTle([a1, a2, b1, 'STRAY NAME', c2].join('\n'));
    expect(r.records).toHaveLength(1);
    // errors: line 3 (no line 2), line 5 (no line 1), line 4 (name not followed by a line 1)
    expect(r.errors.map((e) => e.line).sort()).toEqual([3, 4, 5]);
    expect(r.skipped).toBe(2);
  });

  it('OMM: a record with two bad fields is one skipped record; a non-object entry is one', () => {
    const good = { OBJECT_NAME: 'A', NORAD_CAT_ID: 1, EPOCH: '2026-06-20T00:00:00', MEAN_MOTION: 15, ECCENTRICITY: 0.001, INCLINATION: 53, RA_OF_ASC_NODE: 0, ARG_OF_PERICENTER: 0, MEAN_ANOMALY: 0 };
    const list = [good, { ...good, NORAD_CAT_ID: 2, MEAN_MOTION: 'x', ECCENTRICITY: 2 }, 42, { ...good, NORAD_CAT_ID: 3 }];
    const r = parseOmm(list);
    expect(r.records).toHaveLength(2);
    expect(r.errors).toHaveLength(3); // MEAN_MOTION, ECCENTRICITY of record 1; record 2 not an object
    expect(r.skipped).toBe(2);
    expect(parseOmmChunked(list, 1).skipped).toBe(2);
    // Input that is no record list at all: an error, no set read.
    expect(parseOmm(42).skipped).toBe(0);
  });
});
