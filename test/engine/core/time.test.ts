// The one ISO 8601 parser (parseUtcMs): the scenario's forms with Date.parse's
// results (whole milliseconds), and OMM epochs with their fraction kept.
import { describe, expect, it } from 'vitest';
import { formatUtc, julianDateFromMs, parseUtcMs } from '../../../src/engine/core/time';

describe('parseUtcMs', () => {
  it('reads dates, date-times and offsets as Date.parse does (no zone: UTC)', () => {
    const cases: Array<[string, string]> = [
      ['2026-06-21', '2026-06-21T00:00:00Z'],
      ['2026-06-21Z', '2026-06-21T00:00:00Z'],
      ['2026-06-21T12:34', '2026-06-21T12:34Z'],
      ['2026-06-21T12:34:56', '2026-06-21T12:34:56Z'],
      ['2026-06-21T12:34:56.7', '2026-06-21T12:34:56.7Z'],
      ['2026-06-21T12:34:56.789123Z', '2026-06-21T12:34:56.789123Z'],
      ['2026-06-21T12:34:56+02:00', '2026-06-21T12:34:56+02:00'],
      ['2026-06-21T12:34:56-0530', '2026-06-21T12:34:56-05:30'],
      ['1969-12-31T23:59:59.9999Z', '1969-12-31T23:59:59.9999Z'],
      ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00Z'],
      ['0050-03-01T00:00:00Z', '0050-03-01T00:00:00Z'],
    ];
    for (const [iso, same] of cases) expect(parseUtcMs(iso), iso).toBe(Date.parse(same));
  });

  it('keeps the fraction below the millisecond when asked (OMM epochs)', () => {
    const whole = Date.UTC(2008, 8, 20, 12, 25, 40);
    expect(parseUtcMs('2008-09-20T12:25:40.104192', true)).toBe(whole + Number('.104192') * 1000);
    expect(parseUtcMs('2008-09-20T12:25:40.104192')).toBe(whole + 104);
    expect(parseUtcMs('2008-09-20T12:25:40', true)).toBe(whole);
  });

  it('is NaN for other forms and for times that do not exist', () => {
    for (const iso of [
      'yesterday', '', ' 2026-06-21', '2026-6-21', '2026-06-21T12', '2026-06-21T12:34:56.Z', '2026-06-21+02:00',
      '2026-02-30T00:00:00Z', '2025-02-29', '2026-13-01', '2026-00-10', '2026-06-00', '2026-06-21T24:00:00Z',
      '2026-06-21T23:60:00Z', '2026-06-21T23:59:60Z', '2026-06-21T00:00:00+24:00', '2026-06-21T00:00:00+02:60',
    ]) expect(parseUtcMs(iso), iso).toBeNaN();
  });

  it('round-trips formatUtc', () => {
    const t = 1_782_000_123_456;
    expect(parseUtcMs(formatUtc(t))).toBe(t);
    expect(julianDateFromMs(Date.UTC(2000, 0, 1, 12))).toBe(2451545);
  });
});
