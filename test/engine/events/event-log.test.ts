/** Event log and merge: blocks, order by (start, satellite, station), values intact, blocks released. */
import { describe, expect, it } from 'vitest';
import { emptyEvents, EventLog, eventBlockBuffers, mergeEvents } from '../../../src/engine/events/event-log';

describe('event log and merge', () => {
  it('merges logs of several ranges (many blocks) into tables sorted by start, satellite, station, values intact', () => {
    let seed = 12345;
    const rand = () => {
      // mulberry32
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
    };
    const logs = [new EventLog(), new EventLog(), new EventLog()];
    const eclipses: number[][] = [];
    const contacts: number[][] = [];
    // 150,000 eclipses and 90,000 contacts over three ranges: several 65,536-event
    // blocks; contacts tie on start time (then satellite, then station decide).
    // Keys are unique, as in a run (one satellite cannot start two events at once).
    const seen = new Set<string>();
    while (eclipses.length < 150_000) {
      const part = eclipses.length % 3;
      const row = [part * 1000 + Math.floor(rand() * 1000), Math.floor(rand() * 5000) * 1000, 0];
      row[2] = row[1] + 1 + rand();
      if (seen.has(`${row[0]},${row[1]}`)) continue;
      seen.add(`${row[0]},${row[1]}`);
      eclipses.push(row);
      logs[part].eclipse(row[0], row[1], row[2]);
    }
    while (contacts.length < 90_000) {
      const part = (contacts.length * 7) % 3;
      const row = [part * 1000 + Math.floor(rand() * 1000), Math.floor(rand() * 5), Math.floor(rand() * 5000) * 1000, 0, rand() * 90];
      row[3] = row[2] + 60_000;
      if (seen.has(`c${row[0]},${row[1]},${row[2]}`)) continue;
      seen.add(`c${row[0]},${row[1]},${row[2]}`);
      contacts.push(row);
      logs[part].contact(row[0], row[1], row[2], row[3], row[4]);
    }
    const parts = logs.map((l) => l.take());
    expect(eventBlockBuffers(parts[0]).length).toBe(3 * 1 + 5 * 1); // 50,000 eclipses and 30,000 contacts: one block per column
    const m = mergeEvents(parts);
    eclipses.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    contacts.sort((a, b) => a[2] - b[2] || a[0] - b[0] || a[1] - b[1]);
    expect(m.eclipseSat.length).toBe(150_000);
    expect(m.contactSat.length).toBe(90_000);
    let wrong = 0;
    eclipses.forEach(([sat, start, end], k) => {
      if (m.eclipseSat[k] !== sat || m.eclipseStartMs[k] !== start || m.eclipseEndMs[k] !== end) wrong++;
    });
    contacts.forEach(([sat, station, start, end, peak], k) => {
      if (m.contactSat[k] !== sat || m.contactStation[k] !== station || m.contactStartMs[k] !== start || m.contactEndMs[k] !== end || m.contactMaxElevationDeg[k] !== peak) wrong++;
    });
    expect(wrong).toBe(0);
    // The logs are empty again and the merged parts released.
    expect(logs[0].take().eclipses).toBe(0);
    expect(parts.every((p) => Object.values(p.columns).every((blocks) => (blocks as Array<{ length: number }>).every((b) => b.length === 0)))).toBe(true);
  });
});

describe('empty tables', () => {
  it('have every column, empty', () => {
    const t = emptyEvents();
    expect(Object.values(t).every((c) => c.length === 0)).toBe(true);
    expect(mergeEvents([new EventLog().take()]).contactSat.length).toBe(0);
  });
});
