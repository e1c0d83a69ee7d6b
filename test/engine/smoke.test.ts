import { describe, expect, it } from 'vitest';
import { twoline2satrec, propagate } from 'satellite.js';

describe('satellite.js smoke', () => {
  it('propagates the ISS-like TLE to a LEO radius', () => {
    const l1 = '1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927';
    const l2 = '2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537';
    const rec = twoline2satrec(l1, l2);
    const pv = propagate(rec, new Date(Date.UTC(2008, 8, 20, 12, 25, 40)));
    expect(pv).not.toBeNull();
    const p = pv!.position;
    const r = Math.hypot(p.x, p.y, p.z);
    expect(r).toBeGreaterThan(6600);
    expect(r).toBeLessThan(6800);
  });
});
