import { describe, expect, it } from 'vitest';
import { MAX_WARP, SimClock, snapWarp } from '../../src/ui/clock';
import { MS_PER_DAY, MS_PER_HOUR } from '../../src/engine/core/constants';

describe('SimClock', () => {
  const start = Date.parse('2026-06-21T00:00:00Z');
  const end = start + MS_PER_DAY;

  it('advances integer ms by real time × warp only while playing, and pauses at the end', () => {
    const c = new SimClock();
    c.setHorizon(start, end);
    expect(c.timeMs).toBe(start);
    expect(c.tick(16)).toBe(false);
    c.warp = 1000;
    c.play();
    c.tick(16.7);
    expect(c.timeMs).toBe(start + 16_700);
    expect(Number.isInteger(c.timeMs)).toBe(true);
    c.warp = 1;
    for (let i = 0; i < 10; i++) c.tick(0.25); // sub-ms ticks carry over
    expect(c.timeMs).toBe(start + 16_702);
    c.warp = MAX_WARP;
    c.tick(1e6);
    expect(c.timeMs).toBe(end);
    expect(c.playing).toBe(false);
    c.play(); // from the end restarts at the start
    expect(c.timeMs).toBe(start);
  });

  it('clamps warp, seeks inside the horizon and keeps the time when the horizon is unchanged', () => {
    const c = new SimClock();
    c.setHorizon(start, end);
    c.warp = 1e9;
    expect(c.warp).toBe(MAX_WARP);
    c.warp = 0;
    expect(c.warp).toBe(1);
    c.seek(end + 5);
    expect(c.timeMs).toBe(end);
    c.seek(start + 1234.6);
    expect(c.timeMs).toBe(start + 1235);
    c.setHorizon(start, end + MS_PER_HOUR);
    expect(c.timeMs).toBe(start + 1235);
    c.setHorizon(start + 1e7, end + 1e7);
    expect(c.timeMs).toBe(start + 1e7);
    c.jumpToStart();
    expect(c.timeMs).toBe(start + 1e7);
  });

  it('snaps warp to the select steps', () => {
    expect(snapWarp(1000)).toBe(1000);
    expect(snapWarp(1500)).toBe(1000);
    expect(snapWarp(0.5)).toBe(1);
  });
});
