/**
 * Event tables as CSV (src/engine/output/event-csv.ts), read back with an
 * RFC 4180 parser written here: one row per event of the run's EventTables,
 * the same times (to the millisecond, as result.json writes them), durations
 * from those times, station pass lists grouped by station, and names with
 * commas, quotes and line breaks surviving the round trip.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyEvents } from '../../../src/engine/events/event-log';
import {
  CONTACT_CSV_HEADER,
  ECLIPSE_CSV_HEADER,
  eventCsvInput,
  PASS_CSV_HEADER,
  writeContactsCsv,
  writeEclipsesCsv,
  writePassesCsv,
  type EventCsvInput,
} from '../../../src/engine/output/event-csv';
import type { ByteWrite } from '../../../src/engine/output/byte-writer';
import type { SimulationOutput } from '../../../src/engine/run/simulation';
import { run } from '../helpers';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** RFC 4180 §2: records of fields; quoted fields may hold commas, line breaks and doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length) throw new Error('last record without a line break');
  return rows;
}

function csvText(write: (input: EventCsvInput, w: ByteWrite, chunk?: number) => void, input: EventCsvInput, chunk?: number): string {
  const parts: Uint8Array[] = [];
  write(input, (c) => parts.push(c), chunk);
  return Buffer.concat(parts).toString('utf8');
}

const iso = (ms: number): string => new Date(Math.round(ms)).toISOString();

let out: SimulationOutput;
let input: EventCsvInput;
beforeAll(async () => {
  out = await run(JSON.parse(readFileSync(`${ROOT}/assets/scenarios/iss-tle.json`, 'utf8')));
  input = eventCsvInput(out);
}, 120_000);

describe('event CSVs of the TLE example (3 satellites, 4 stations, a day)', () => {
  it('eclipses: one row per eclipse of the table, its satellite and times; duration = end − start', () => {
    const rows = parseCsv(csvText(writeEclipsesCsv, input));
    expect(rows[0].join(',')).toBe(ECLIPSE_CSV_HEADER);
    const e = out.events;
    expect(e.eclipseSat.length).toBeGreaterThan(40); // ≈ 15 orbits a day × 3 satellites
    expect(rows).toHaveLength(e.eclipseSat.length + 1);
    for (let k = 0; k < e.eclipseSat.length; k++) {
      const [id, name, start, end, dur] = rows[k + 1];
      expect([id, name]).toEqual([out.satellites[e.eclipseSat[k]].id, out.satellites[e.eclipseSat[k]].name]);
      expect([start, end]).toEqual([iso(e.eclipseStartMs[k]), iso(e.eclipseEndMs[k])]);
      expect(dur).toMatch(/^\d+\.\d{3}$/);
      expect(Number(dur) * 1000).toBeCloseTo(Date.parse(end) - Date.parse(start), 6);
    }
  });

  it('contacts: one row per contact, in the table’s order, with station and peak elevation', () => {
    const rows = parseCsv(csvText(writeContactsCsv, input));
    expect(rows[0].join(',')).toBe(CONTACT_CSV_HEADER);
    const e = out.events;
    expect(e.contactSat.length).toBeGreaterThan(3);
    expect(rows).toHaveLength(e.contactSat.length + 1);
    for (let k = 0; k < e.contactSat.length; k++) {
      const [id, , station, start, end, dur, el] = rows[k + 1];
      expect(id).toBe(out.satellites[e.contactSat[k]].id);
      expect(station).toBe(out.stationNames[e.contactStation[k]]);
      expect([start, end]).toEqual([iso(e.contactStartMs[k]), iso(e.contactEndMs[k])]);
      expect(Number(dur) * 1000).toBeCloseTo(Date.parse(end) - Date.parse(start), 6);
      expect(Math.abs(Number(el) - e.contactMaxElevationDeg[k])).toBeLessThanOrEqual(0.0005);
      expect(Number(el)).toBeGreaterThanOrEqual(10 - 0.001); // the stations' 10° mask
    }
  });

  it('passes: the same contacts, as each station’s list (scenario order, then AOS)', () => {
    const rows = parseCsv(csvText(writePassesCsv, input));
    expect(rows[0].join(',')).toBe(PASS_CSV_HEADER);
    const passes = rows.slice(1);
    const contacts = parseCsv(csvText(writeContactsCsv, input)).slice(1);
    expect(passes).toHaveLength(contacts.length);
    // Same events: (station, satellite, AOS, LOS, duration, elevation) as multisets.
    const key = (r: string[]) => r.join('|');
    expect(passes.map(key).sort()).toEqual(contacts.map(([id, name, st, a, l, d, el]) => key([st, id, name, a, l, d, el])).sort());
    const stationOrder = passes.map((r) => out.stationNames.indexOf(r[0]));
    expect(stationOrder.every((s, i) => s >= 0 && (i === 0 || s >= stationOrder[i - 1]))).toBe(true);
    for (let i = 1; i < passes.length; i++) if (passes[i][0] === passes[i - 1][0]) expect(Date.parse(passes[i][3])).toBeGreaterThanOrEqual(Date.parse(passes[i - 1][3]));
  });

  it('writes the same bytes for any chunk size', () => {
    for (const w of [writeEclipsesCsv, writeContactsCsv, writePassesCsv]) expect(csvText(w, input, 37)).toBe(csvText(w, input));
  });
});

describe('CSV quoting and empty tables', () => {
  const events = emptyEvents();
  events.contactSat = Int32Array.of(0, 1);
  events.contactStation = Int32Array.of(1, 0);
  events.contactStartMs = Float64Array.of(Date.UTC(2026, 5, 21, 0, 0, 0, 0), Date.UTC(2026, 5, 21, 1, 0, 0, 0));
  events.contactEndMs = Float64Array.of(Date.UTC(2026, 5, 21, 0, 9, 59, 999) + 0.6, Date.UTC(2026, 5, 21, 1, 5));
  events.contactMaxElevationDeg = Float64Array.of(45.12345, 10.0004);
  const names: EventCsvInput = {
    events,
    satelliteIds: ['a#0', 'b#1'],
    satelliteNames: ['Sat, "the first"', 'Ünïcode\nsat'],
    stationNames: ['Plain', 'Station, Norway'],
  };

  it('quotes names holding commas, quotes or line breaks (RFC 4180 §2.6–2.7) and reads them back exactly', () => {
    const text = csvText(writeContactsCsv, names);
    expect(text.split('\n')[1]).toBe('a#0,"Sat, ""the first""","Station, Norway",2026-06-21T00:00:00.000Z,2026-06-21T00:10:00.000Z,600.000,45.123');
    const rows = parseCsv(text);
    expect(rows.slice(1).map((r) => [r[1], r[2], r[5], r[6]])).toEqual([
      ['Sat, "the first"', 'Station, Norway', '600.000', '45.123'], // LOS 00:09:59.9996 → 00:10:00.000
      ['Ünïcode\nsat', 'Plain', '300.000', '10.000'],
    ]);
    // Passes: station 0 ("Plain") first.
    expect(parseCsv(csvText(writePassesCsv, names)).slice(1).map((r) => r[0])).toEqual(['Plain', 'Station, Norway']);
  });

  it('an empty table is the header alone', () => {
    const none: EventCsvInput = { ...names, events: emptyEvents() };
    expect(csvText(writeEclipsesCsv, none)).toBe(`${ECLIPSE_CSV_HEADER}\n`);
    expect(csvText(writePassesCsv, none)).toBe(`${PASS_CSV_HEADER}\n`);
  });
});
