import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseOmm, parseTle, type ParseResult } from '../../src/engine/input/elements';
import { EXAMPLE_OMM, EXAMPLE_TLE } from '../../src/ui/fields';
import { createImportApi, detectFormat, parseOmmChunked, parseTleChunked, tleChunkStarts } from '../../workers/import-api';
import { formatTle, syntheticShell } from '../fixtures/tle-gen';

const T0 = Date.UTC(2026, 5, 20, 12);

/** Records reduced to what identifies them (satrecs are large objects). */
function comparable(r: ParseResult) {
  return {
    records: r.records.map((x) => ({ name: x.name, noradId: x.noradId, epochMs: x.epochMs, line: x.line, index: x.index })),
    errors: r.errors,
    skipped: r.skipped,
  };
}

const good = (i: number, named: boolean) =>
  formatTle({
    catalog: 20_000 + i,
    name: named ? `SAT ${i}` : undefined,
    epochMs: T0 + i * 60_000,
    inclinationDeg: 40 + (i % 50),
    raanDeg: (i * 11) % 360,
    eccentricity: 0.001,
    argPerigeeDeg: 10,
    meanAnomalyDeg: (i * 17) % 360,
    meanMotionRevPerDay: 15.1,
  });

/** Document pieces: good sets, broken ones and stray lines of every kind the parser reports. */
const piece = fc.oneof(
  fc.nat(999).map((i) => good(i, true)),
  fc.nat(999).map((i) => good(i, false)),
  fc.nat(999).map((i) => {
    const [n, l1, l2] = good(i, true);
    return [n, l1, `${l2.slice(0, 68)}${(Number(l2[68]) + 1) % 10}`]; // checksum
  }),
  fc.nat(999).map((i) => [good(i, false)[0]]), // line 1 without line 2
  fc.nat(999).map((i) => [good(i, false)[1]]), // orphan line 2
  fc.constantFrom(['garbage here'], [''], ['   '], ['0 NAMED WITH ZERO'], ['\uFEFFBOM NAME']),
);

describe('element-set import worker API', () => {
  it('chunked TLE parsing equals one parseTle call (records, errors, line numbers)', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom('\n', '\r\n'), (parts, chunk, eol) => {
        const text = parts.flat().join(eol);
        const whole = comparable(parseTle(text));
        const chunked = comparable(parseTleChunked(text, chunk));
        expect(chunked).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('cuts chunks only where a set begins', () => {
    const lines = syntheticShell(50, T0).split('\n');
    const starts = tleChunkStarts(lines, 10);
    expect(starts[0]).toBe(0);
    expect(starts.length).toBeGreaterThan(5);
    for (const s of starts.slice(1)) expect(lines[s]).toMatch(/^SYN-/);
  });

  it('chunked OMM parsing equals one parseOmm call, indices included', () => {
    const list: unknown[] = [];
    for (let i = 0; i < 23; i++) list.push(i % 5 === 3 ? { ...EXAMPLE_OMM[0], MEAN_MOTION: 'x' } : i % 7 === 6 ? 42 : { ...EXAMPLE_OMM[0], NORAD_CAT_ID: 30_000 + i });
    expect(comparable(parseOmmChunked(list, 4))).toEqual(comparable(parseOmm(list)));
  });

  it('reports progress and a summary: good count, bad lines with reasons, epochs', async () => {
    const api = createImportApi();
    const lines = EXAMPLE_TLE.trimEnd().split('\n');
    lines[2] = `${lines[2].slice(0, 68)}0`; // ISS line 2: checksum broken
    const progress: number[] = [];
    const o = await api.parse(lines.join('\n'), 'auto', (f) => progress.push(f));
    expect(o.kind).toBe('done');
    if (o.kind !== 'done') return;
    expect(o.summary.format).toBe('tle');
    expect(o.summary.count).toBe(2);
    expect(o.summary.sampleNames).toEqual(['DELTA 1 DEB', 'CBERS 2']);
    expect(o.summary.errors).toHaveLength(1);
    expect(o.summary.errors[0].line).toBe(3);
    expect(o.summary.errors[0].message).toMatch(/^line 3: TLE line 2 checksum/);
    expect(o.summary.epochMs[1]).toBeCloseTo(Date.UTC(2006, 0, 1) + (177.78615833 - 1) * 86_400_000, -1);
    expect(progress.at(-1)).toBe(1);
  });

  it('parses OMM JSON and names JSON syntax errors by line', async () => {
    const api = createImportApi();
    expect(detectFormat(' \n[{"a":1}]')).toBe('omm');
    expect(detectFormat('ISS\n1 25544U')).toBe('tle');
    const o = await api.parse(JSON.stringify(EXAMPLE_OMM), 'auto');
    expect(o.kind === 'done' && o.summary.format === 'omm' && o.summary.count === 3 && o.summary.records?.length === 3).toBe(true);
    const bad = await api.parse('[\n{"OBJECT_NAME": "X",\n"EPOCH": }]', 'omm');
    expect(bad.kind).toBe('error');
    if (bad.kind === 'error') expect(bad.message).toMatch(/line 3, column 10/);
    expect((await api.parse('   ', 'auto')).kind).toBe('error');
  });

  it('parses 30,000 synthetic sets', async () => {
    const text = syntheticShell(30_000, T0);
    const api = createImportApi();
    let calls = 0;
    const o = await api.parse(text, 'tle', () => calls++);
    expect(o.kind === 'done' && o.summary.count).toBe(30_000);
    expect(calls).toBeGreaterThan(10);
  }, 60_000);
});
