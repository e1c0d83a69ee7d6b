/**
 * The streamed result writers (writeResultJson, writeSeriesCsv) against the
 * reference document: JSON.stringify(resultDocument(out)), built from
 * seriesRow/eclipseRow/contactRow, and seriesCsv. Byte for byte, for a real
 * run, for crafted edge cases (strings, times, numbers) and for random values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KPI_NAMES, resultDocument } from '../../../src/engine/output/result';
import { writeResultJson } from '../../../src/engine/output/result-json';
import { seriesCsv, writeSeriesCsv } from '../../../src/engine/output/series-csv';
import type { Scenario } from '../../../src/engine/input/scenario';
import type { Kpis, SeriesColumns, SimulationOutput } from '../../../src/engine/run/simulation';
import { run } from '../helpers';

type Writer = (out: SimulationOutput, write: (bytes: Uint8Array<ArrayBuffer>) => void, chunkBytes?: number) => void;

/** The writer's chunks, kept as handed over, and their UTF-8 text (throws on malformed UTF-8). */
function collect(writer: Writer, out: SimulationOutput, chunkBytes?: number): { chunks: Uint8Array[]; text: string } {
  const chunks: Uint8Array[] = [];
  writer(out, (c) => chunks.push(c), chunkBytes);
  return { chunks, text: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)) };
}

/** Both writers equal their references byte for byte. */
function expectIdentical(out: SimulationOutput, chunkBytes?: number): void {
  const doc = resultDocument(out);
  expect(collect(writeResultJson, out, chunkBytes).text).toBe(JSON.stringify(doc));
  expect(collect(writeSeriesCsv, out, chunkBytes).text).toBe(seriesCsv(doc));
}

const utcMs = (y: number, month: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number => {
  const t = new Date(0);
  t.setUTCFullYear(y, month - 1, d); // Date.UTC maps years 0–99 to 1900–1999
  t.setUTCHours(h, mi, s, ms);
  return t.getTime();
};

const SIG_COLUMNS = ['usableComputePflops', 'powerLimitedPflops', 'thermalLimitedPflops', 'storageLimitedPflops', 'sunlitFraction', 'meanStateOfCharge', 'maxTemperatureC', 'minTemperatureC', 'storedDataGB'] as const;
const INT_COLUMNS = ['satellitesInContact', 'activeSatellites'] as const;

/**
 * A SimulationOutput with one series row per time, one eclipse and one
 * contact per time (end = next time), every value in every numeric column
 * (rotated per column) and as contact elevations, satellites and stations
 * cycling through the given names.
 */
function synthetic(p: { times: number[]; values: number[]; ints: number[]; ids?: string[]; stations?: string[] }): SimulationOutput {
  const K = p.times.length;
  const ids = p.ids ?? ['sat-0001', 'sat-0002'];
  const stations = p.stations ?? ['Wallops'];
  const at = (xs: number[], i: number) => xs[i % xs.length];
  const series = { timeMs: Float64Array.from(p.times) } as SeriesColumns;
  SIG_COLUMNS.forEach((c, j) => (series[c] = Float64Array.from({ length: K }, (_, n) => at(p.values, n + j))));
  INT_COLUMNS.forEach((c, j) => (series[c] = Float64Array.from({ length: K }, (_, n) => at(p.ints, n + j))));
  const next = (n: number) => p.times[(n + 1) % K];
  return {
    scenario: { name: 'synthetic ✓ "x"', nested: { list: [1, 'ü'] } } as unknown as Scenario,
    startMs: p.times[0] ?? 0,
    endMs: p.times[K - 1] ?? 0,
    stepMs: 60_000,
    satellites: ids.map((id, i) => ({
      id,
      name: `name of ${id}`,
      status: i === 1 ? ('decayed' as const) : ('ok' as const),
      failedAtMs: i === 1 ? utcMs(2026, 6, 21, 12) : null,
      inclinationDeg: at(p.values, i),
      raanDeg: 12.5,
      eccentricity: 0.0001,
      argPerigeeDeg: 90,
      meanAnomalyDeg: at(p.values, i + 1),
      meanMotionRevPerDay: 15.5,
      bstarPerEarthRadius: 1e-4,
      epochMs: utcMs(2026, 6, 20),
    })),
    stationNames: stations,
    elementErrors: [{ line: 3, field: 'checksum', message: 'bad “checksum”' }],
    warnings: [{ path: 'constellation.phasing', message: 'satellites “a” and "b" pass 0 km apart' }],
    alerts: [
      { code: 'unmet-bus-load', severity: 'error', title: 'Bus load unmet: 230 MWh/day', detail: 'a "quoted" − detail', satellites: [] },
      { code: 'element-epochs-far', severity: 'warning', title: '2 of 2 element sets…', detail: 'd', satellites: [0, 1], action: 'start-at-epoch' },
    ],
    kpis: Object.fromEntries(KPI_NAMES.map((k, i) => [k, k === 'minSeparationKm' && i % 2 ? null : at(p.values, i)])) as unknown as Kpis,
    closestApproach: { minSeparationKm: at(p.values, 3), atMs: p.times[0] ?? 0, satelliteA: ids[0], satelliteB: ids[ids.length - 1], errorBoundKm: 0.17 },
    stationContacts: {
      passes: Float64Array.from(stations, (_, s) => s + 2),
      passesPerDay: Float64Array.from(stations, (_, s) => at(p.values, s)),
      contactMinutesPerDay: Float64Array.from(stations, (_, s) => at(p.values, s + 1)),
      coveredMinutesPerDay: Float64Array.from(stations, (_, s) => at(p.values, s + 2)),
    },
    series,
    events: {
      eclipseSat: Int32Array.from({ length: K }, (_, n) => n % ids.length),
      eclipseStartMs: Float64Array.from(p.times),
      eclipseEndMs: Float64Array.from({ length: K }, (_, n) => next(n)),
      contactSat: Int32Array.from({ length: K }, (_, n) => (n + 1) % ids.length),
      contactStation: Int32Array.from({ length: K }, (_, n) => n % stations.length),
      contactStartMs: Float64Array.from(p.times),
      contactEndMs: Float64Array.from({ length: K }, (_, n) => next(n)),
      contactMaxElevationDeg: Float64Array.from({ length: K }, (_, n) => at(p.values, n)),
    },
    statusEvery: 1,
    details: [],
    economics: null,
    workloads: null,
  };
}

const EDGE_TIMES = [
  utcMs(2026, 6, 21),
  utcMs(2026, 6, 21, 23, 59, 59, 999),
  0,
  -1, // 1969-12-31T23:59:59.999Z
  0.5, // Math.round → 1
  -0.5, // Math.round → −0
  -1.5, // Math.round → −1
  utcMs(2026, 6, 21, 10, 11, 12, 13) + 0.4999,
  utcMs(2026, 6, 21, 10, 11, 12, 13) + 0.5,
  utcMs(1870, 3, 4, 5, 6, 7, 8),
  utcMs(1900, 3, 1),
  utcMs(2000, 2, 29, 23, 59, 59, 999),
  utcMs(2024, 2, 29),
  utcMs(2100, 3, 1),
  utcMs(0, 1, 1), // first four-digit year
  utcMs(0, 1, 1) - 1, // year −1: formatUtc's fallback
  utcMs(-271820, 1, 1),
  utcMs(9999, 12, 31, 23, 59, 59, 999), // last four-digit year
  utcMs(10000, 1, 1), // +010000
  utcMs(275760, 9, 13), // largest valid Date
  -8.64e15, // smallest valid Date
];

const EDGE_VALUES = [
  0, -0, Number.NaN, Infinity, -Infinity, 1, -1, 0.5, 1.5, 2.5, 0.1 + 0.2, 1 / 3, -2 / 3, 100, 91800,
  24786.000000002256, 67013.99999999774, 0.703973537, 26.683590743467676, 1989985.9852203743,
  // around the fixed-notation limits of toPrecision and toString
  1e-7, -1e-7, 1.23456789e-7, 1e-6, -1e-6, 9.9999999995e-7, 9.99999999949e-7, 9.999995e-7, 1.234567891e-6,
  123456789, 999999999, 999999999.4, 999999999.5, 999999.5, 999999.49, 1e9, 1234567891, 1e15, 123456789012345,
  1e20, 9.999999999e20, 1e21, 1.5e21, 1e22, -1e22, 2 ** 53, 2 ** 53 + 2, Number.MAX_VALUE, -Number.MAX_VALUE,
  Number.MIN_VALUE, 2.2250738585072014e-308, 5e-324,
  // exact ties at the 9th (or 6th) significant digit, and near ties
  12345678.25, 1234567.125, 0.123456785, 123456.5, 12345.75, 45.1234565, 45.12345649999, 1.0000000005, 0.99999999995,
];

const EDGE_INTS = [0, -0, 1, -5, 1000, 2 ** 31 - 1, 2 ** 31, 2 ** 32 + 7, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, 1e21, -1e21, 1.5, -0.25, Number.NaN, Infinity, -Infinity];

const ODD_NAMES = ['sat-0001', 'спутник "2"', 'back\\slash', '衛星🚀', 'ctl\u0001\u001f\u2028\u2029', 'lone \ud800 surrogate', '', 'x'.repeat(300)];
const ODD_STATIONS = ['Wallops "W"', 'Kiruna – Ø', 'τ\\', '\t\n'];

describe('writeResultJson / writeSeriesCsv: byte-identical to the reference', () => {
  it('a real small simulation (non-ASCII and quoted station names), in several chunk sizes', async () => {
    const out = await run({
      startUtc: '2026-06-21T00:00:00Z',
      durationHours: 6,
      stepSeconds: 60,
      constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 3, satellitesPerPlane: 4 },
      groundStations: [
        { name: 'Wallops "W"', latitudeDeg: 37.94, longitudeDeg: -75.46, downlinkGbps: 10 },
        { name: 'Svalbard – Ø \\ 北', latitudeDeg: 78.23, longitudeDeg: 15.39, downlinkGbps: 10 },
      ],
    });
    expect(out.events.eclipseSat.length).toBeGreaterThan(0);
    expect(out.events.contactSat.length).toBeGreaterThan(0);
    for (const size of [1, 7, 1000, 1 << 20]) expectIdentical(out, size);
  });

  it('crafted edge cases: odd names, times outside 0000–9999 and before 1970, fractional ms, −0, NaN, ±∞, tiny and huge values', () => {
    const out = synthetic({ times: EDGE_TIMES, values: EDGE_VALUES, ints: EDGE_INTS, ids: ODD_NAMES, stations: ODD_STATIONS });
    const text = collect(writeResultJson, out).text;
    // The cases are really there (guards against a fixture that tests nothing).
    for (const s of ['"-000001-12-31T23:59:59.999Z"', '"+010000-01-01T00:00:00.000Z"', '"0000-01-01T00:00:00.000Z"', '"1969-12-31T23:59:59.999Z"', '衛星🚀', '\u2028', '\\ud800']) {
      expect(text).toContain(s);
    }
    expect(text).toMatch(/"satellitesInContact":null/);
    expect(text).toMatch(/1e-7|e\+21|e\+22/);
    expectIdentical(out);
    expectIdentical(out, 64);
  });

  it('one value at a time in every column (each edge value also leads a row)', () => {
    for (const [i, x] of EDGE_VALUES.entries()) {
      const out = synthetic({ times: [EDGE_TIMES[i % EDGE_TIMES.length], 1e12], values: [x], ints: [EDGE_INTS[i % EDGE_INTS.length]] });
      expectIdentical(out);
    }
  });

  it('invalid times throw as in the reference', () => {
    for (const t of [Number.NaN, 8.64e15 + 1, Infinity]) {
      const out = synthetic({ times: [0, t], values: [1], ints: [1] });
      expect(() => JSON.stringify(resultDocument(out))).toThrow(RangeError);
      expect(() => collect(writeResultJson, out)).toThrow(RangeError);
    }
  });

  it('an empty run: the document has empty lists, the CSV writes nothing', () => {
    const out = synthetic({ times: [], values: [1], ints: [1] });
    expectIdentical(out);
    expect(collect(writeSeriesCsv, out).chunks).toHaveLength(0);
  });

  it('hands over fresh chunks of at most chunkBytes (a longer row alone) that stay valid when kept', () => {
    const out = synthetic({ times: EDGE_TIMES, values: EDGE_VALUES, ints: EDGE_INTS, ids: ODD_NAMES, stations: ODD_STATIONS });
    const whole = JSON.stringify(resultDocument(out));
    for (const size of [1, 50, 400, 4096]) {
      const { chunks, text } = collect(writeResultJson, out, size);
      expect(text).toBe(whole);
      expect(new Set(chunks.map((c) => c.buffer)).size).toBe(chunks.length);
      expect(chunks.every((c) => c.length > 0)).toBe(true);
      // Longer chunks hold exactly one row (no name here has braces).
      for (const c of chunks) if (c.length > size) expect(new TextDecoder().decode(c)).toMatch(/^,?\{[^{}]*\}$/);
      if (size === 4096) expect(chunks.every((c) => c.length <= size)).toBe(true);
    }
  });
});

describe('random values format as the reference row functions (fast-check)', () => {
  /** Doubles of every kind: any bit pattern, decimals near rounding boundaries, dyadic values (exact ties). */
  const anyDouble = fc.oneof(
    fc.double(),
    fc.tuple(fc.double({ min: 1e-7, max: 1e22, noNaN: true }), fc.boolean()).map(([x, negative]) => (negative ? -x : x)),
    fc.tuple(fc.integer({ min: -1_999_999_999, max: 1_999_999_999 }), fc.integer({ min: -16, max: 22 })).map(([n, k]) => Number(`${n}e${k}`)),
    fc.tuple(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.integer({ min: -40, max: 20 })).map(([n, k]) => n * 2 ** k),
  );
  const anyTime = fc.oneof(
    fc.double({ min: -8.64e15, max: 8.64e15, noNaN: true }),
    fc.integer({ min: utcMs(0, 1, 1) - 86_400_000, max: utcMs(10000, 1, 1) + 86_400_000 }),
    fc.double({ min: utcMs(1960, 1, 1), max: utcMs(2100, 1, 1), noNaN: true }),
  );
  const anyInt = fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.double());

  it('series, eclipse and contact rows', () => {
    fc.assert(
      fc.property(fc.array(anyTime, { minLength: 1, maxLength: 12 }), fc.array(anyDouble, { minLength: 1, maxLength: 24 }), fc.array(anyInt, { minLength: 1, maxLength: 4 }), (times, values, ints) => {
        expectIdentical(synthetic({ times, values, ints }), 256);
      }),
      { numRuns: 1500 },
    );
  });

  it('names and station names (any Unicode, quotes, backslashes, control characters)', () => {
    const piece = fc.oneof(
      fc.constantFrom('"', '\\', '\u0000', '\u001f', '\u2028', '/', 'a', 'Z', '0', ' ', 'é'),
      fc.string({ unit: 'binary', maxLength: 2 }), // any code point
      fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), // lone surrogates
    );
    const name = fc.array(piece, { maxLength: 10 }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 4 }), fc.array(name, { minLength: 1, maxLength: 3 }), (ids, stations) => {
        expectIdentical(synthetic({ times: [0, 1e12, 2e12], values: [45.5], ints: [3], ids, stations }), 100);
      }),
      { numRuns: 300 },
    );
  });
});
