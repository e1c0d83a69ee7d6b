/**
 * The eclipse detector on a circular orbit in the plane of the Sun (β = 0):
 * the satellite is eclipsed while within ρ = asin(R⊕ / r) of the anti-Sun
 * direction (the Sun's centre behind the Earth's limb), so each eclipse lasts
 * 2ρ / n with n = √(μ / r³) — the cylindrical formula's ρ / π of the period.
 */
import { describe, expect, it } from 'vitest';
import { EclipseDetector } from '../../../src/engine/events/eclipse-detector';
import { EventLog, mergeEvents } from '../../../src/engine/events/event-log';
import { satelliteState } from '../../../src/engine/events/satellite-state';
import { OrbitBounds } from '../../../src/engine/events/skip-bounds';
import { sunPositionAu } from '../../../src/engine/orbit/sun';
import { parseUtcMs } from '../../../src/engine/core/time';

const MU = 398600.8;
const RE = 6378.135;
const T0 = parseUtcMs('2026-03-20T00:00:00Z');

/** A circular orbit of radius r through the Sun direction at T0 (in-plane unit vectors u = ŝ, w ⊥ ŝ), starting at the subsolar point. */
function sunPlaneOrbit(r: number) {
  const s = new Float64Array(3);
  sunPositionAu(T0, s);
  const sn = Math.hypot(s[0], s[1], s[2]);
  const u = [s[0] / sn, s[1] / sn, s[2] / sn];
  const w0 = [-u[1], u[0], 0];
  const wn = Math.hypot(w0[0], w0[1], w0[2]);
  const w = w0.map((c) => c / wn);
  const n = Math.sqrt(MU / (r * r * r));
  const state = (t: number, out: Float64Array) => {
    const a = (n * (t - T0)) / 1000;
    const c = Math.cos(a);
    const sa = Math.sin(a);
    for (let k = 0; k < 3; k++) {
      out[k] = r * (c * u[k] + sa * w[k]);
      out[3 + k] = r * n * (-sa * u[k] + c * w[k]);
    }
  };
  return { n, state };
}

function runDetector(r: number, stepS: number, hours: number, skipFar: boolean) {
  const { n, state } = sunPlaneOrbit(r);
  const log = new EventLog();
  const bounds = new OrbitBounds(1);
  const pv = new Float64Array(6);
  let refinements = 0;
  const positions = {
    positionAt(_i: number, t: number, out: Float64Array) {
      refinements++;
      state(t, pv);
      out[0] = pv[0];
      out[1] = pv[1];
      out[2] = pv[2];
      return true;
    },
  };
  const sat = satelliteState();
  const det = new EclipseDetector(1, sat, bounds, positions, log, 0, stepS, skipFar);
  const sun = new Float64Array(3);
  const illum: number[] = [];
  const endMs = T0 + hours * 3.6e6;
  for (let k = 0; T0 + k * stepS * 1000 <= endMs; k++) {
    const t = T0 + k * stepS * 1000;
    sunPositionAu(t, sun);
    det.beginSample(t, sun[0], sun[1], sun[2], Math.hypot(sun[0], sun[1], sun[2]));
    state(t, pv);
    if (k % 240 === 0 && bounds.refresh(0, pv[0], pv[1], pv[2], pv[3], pv[4], pv[5])) det.refreshBounds(0);
    // As the kernel does: evaluate only from the end of the check interval on.
    sat.set([pv[0], pv[1], pv[2], pv[3], pv[4], pv[5], r]);
    illum.push(k >= det.wake[0] ? det.check(0, k) : det.illum[0]);
  }
  det.finish(endMs);
  return { n, events: mergeEvents([log.take()]), illum, refinements };
}

describe('eclipse detector', () => {
  const r = RE + 550;
  it('finds eclipses of 2ρ/n centred on the anti-Sun point (g > 0 inside)', () => {
    const { n, events } = runDetector(r, 10, 6, true);
    const rho = Math.asin(RE / r);
    const durationMs = ((2 * rho) / n) * 1000;
    const periodMs = ((2 * Math.PI) / n) * 1000;
    expect(durationMs / 60_000).toBeCloseTo(35.8, 0); // 550 km: ≈ 36 min of a 95.6 min orbit
    const inner = Array.from(events.eclipseStartMs, (s, k) => [s, events.eclipseEndMs[k]]).filter(([s, e]) => s > T0 && e < T0 + 6 * 3.6e6);
    expect(inner.length).toBeGreaterThanOrEqual(3);
    for (const [s, e] of inner) {
      // The Sun moves ≈ 1°/day: a fixed-Sun answer is good to about a second.
      expect(Math.abs(e - s - durationMs)).toBeLessThan(1000);
      // Centred half a period after the subsolar start, to the Sun's drift: 0.041°/h moves the
      // anti-Sun point by ≈ 0.6 s of orbit per hour.
      const k = Math.round(((s + e) / 2 - T0 - periodMs / 2) / periodMs);
      const hours = ((s + e) / 2 - T0) / 3.6e6;
      expect(Math.abs((s + e) / 2 - (T0 + periodMs / 2 + k * periodMs))).toBeLessThan(1000 + 700 * hours);
    }
  });

  it('gives illumination 1 in sunlight and 0 in umbra, and the same events without its check interval', () => {
    const skipping = runDetector(r, 10, 6, true);
    const every = runDetector(r, 10, 6, false);
    expect(skipping.illum).toEqual(every.illum);
    expect(skipping.events).toEqual(every.events);
    expect(skipping.illum[0]).toBe(1); // subsolar point
    const half = Math.round(((Math.PI / skipping.n) * 1000) / 10_000); // anti-Sun point, half a period later
    expect(skipping.illum[half]).toBe(0);
    expect(skipping.illum.filter((x) => x > 0 && x < 1).length).toBeGreaterThan(0); // penumbra is sampled
  });
});
