/**
 * Ground-link budget against hand link budgets (dB arithmetic written out),
 * the DVB-S2 MODCOD table at its threshold edges (ETSI EN 302 307-1 Table 13),
 * and the pass geometry of a 550 km orbit (zenith vs 10° elevation).
 */
import { describe, expect, it } from 'vitest';
import { gstime } from 'satellite.js';
import { groundStationSchema, type BudgetStation } from '../../../src/engine/input/network-schema';
import { budgetConstantDb, budgetRateGBps, freeSpacePathLossDb, maxRateGbps, needsPositions } from '../../../src/engine/network/link-budget';
import { modcodName, spectralEfficiency } from '../../../src/engine/network/modcod';
import { DownlinkAllocator } from '../../../src/engine/network/downlink';
import { LinkState } from '../../../src/engine/network/link-state';
import { stationArrays } from '../../../src/engine/network/stations';
import { islSchema } from '../../../src/engine/input/network-schema';

/** A budget station at (0°, 0°, 0 m) parsed with the schema (defaults filled), acquisition 0. */
function budgetStation(more: Record<string, unknown> = {}): BudgetStation {
  const g = groundStationSchema.parse({ name: 'Eq', latitudeDeg: 0, longitudeDeg: 0, acquisitionS: 0, ...more });
  if (g.linkModel !== 'budget') throw new Error('expected a budget station');
  return g;
}

describe('free-space path loss', () => {
  it('matches 20·log10(4πd/λ) by hand and the textbook 92.45 + 20 log d(km) + 20 log f(GHz)', () => {
    // λ = 299,792,458 / 26e9 = 0.0115305 m; 4π·1e6 m / λ = 1.256637e7 / 0.0115305 = 1.089839e9; 20·log10 = 20 × 9.037362 = 180.7472 dB.
    expect(freeSpacePathLossDb(1000, 26)).toBeCloseTo(180.7472, 3);
    // Textbook: 92.45 + 60 + 20·log10(26) = 92.45 + 60 + 28.2995 = 180.7495 (its 92.45 is rounded).
    expect(freeSpacePathLossDb(1000, 26)).toBeCloseTo(180.7495, 1);
    // X band, 8 GHz at 550 km: 92.45 + 54.8073 + 18.0618 = 165.319 dB.
    expect(freeSpacePathLossDb(550, 8)).toBeCloseTo(165.319, 1);
  });
});

describe('DVB-S2 MODCOD choice (EN 302 307-1 Table 13)', () => {
  it('picks the best MODCOD whose threshold is ≤ the available Es/N0, nothing below QPSK 1/4', () => {
    expect(spectralEfficiency(-2.3501)).toBe(0);
    expect(spectralEfficiency(-2.35)).toBe(0.490243); // QPSK 1/4 at its threshold
    expect(spectralEfficiency(3.0999)).toBe(1.188304); // just below QPSK 2/3 (3.10): QPSK 3/5
    expect(spectralEfficiency(3.1)).toBe(1.322253); // QPSK 2/3
    expect(modcodName(3.1)).toBe('QPSK 2/3');
    // 8PSK 3/5 (5.50 dB, 1.779991) beats QPSK 5/6 (5.18 dB, 1.654663); QPSK 9/10 (6.42 dB, 1.788612) beats 8PSK 3/5.
    expect(spectralEfficiency(5.5)).toBe(1.779991);
    expect(spectralEfficiency(6.42)).toBe(1.788612);
    // 8PSK 5/6 needs 9.35 dB for 2.478562 bit/symbol, but 16APSK 2/3 gives 2.637201 from 8.97 dB: never pick 8PSK 5/6.
    expect(spectralEfficiency(9.35)).toBe(2.637201);
    expect(modcodName(9.4)).toBe('16APSK 2/3');
    expect(spectralEfficiency(16.0499)).toBe(4.397854); // 32APSK 8/9
    expect(spectralEfficiency(16.05)).toBe(4.453027); // 32APSK 9/10, the top
    expect(spectralEfficiency(60)).toBe(4.453027);
    expect(spectralEfficiency(Number.NaN)).toBe(0);
  });
});

describe('ground link budget', () => {
  it('equals a hand link budget at 1,000 km, 30° elevation', () => {
    // P_tx 10 W = 10.0000 dBW, G_tx 20 dBi → EIRP 30.0000 dBW
    // FSPL(1000 km, 26 GHz)                 −180.7472 dB
    // atmosphere 0.6 dB / sin 30° = 1.2     −1.2000 dB
    // rain margin                            −3.0000 dB
    // G/T                                   +25.0000 dB/K
    // −10·log10(1.380649e-23)              +228.5992 dB
    // −10·log10(1.2e9 symbol/s)             −90.7918 dB
    // Es/N0                                  = 7.8602 dB; − 1 dB implementation margin = 6.8602 dB
    // Best MODCOD with threshold ≤ 6.8602: 8PSK 2/3 (6.62 dB, 1.980636 bit/symbol); next is 8PSK 3/4 at 7.91.
    // Rate = 1.2e9 × 1.980636 = 2.3767632e9 bit/s = 0.2970954 GB/s.
    const g = budgetStation({ gOverTDbPerK: 25 });
    const c0 = budgetConstantDb(g);
    expect(c0 - 20 * Math.log10(1000) - 0.6 / 0.5).toBeCloseTo(6.8602, 3);
    expect(budgetRateGBps(c0, 0.6, 1.2e9, 1000, 0.5)).toBeCloseTo(0.2970954, 6);
    // 0.25 dB less G/T (6.6102 dB available) drops it to QPSK 9/10: 1.2e9 × 1.788612 / 8e9 = 0.2682918 GB/s.
    const weaker = budgetConstantDb(budgetStation({ gOverTDbPerK: 24.75 }));
    expect(budgetRateGBps(weaker, 0.6, 1.2e9, 1000, 0.5)).toBeCloseTo(0.2682918, 6);
  });
  it('a link below QPSK 1/4 carries nothing', () => {
    // Same link with G/T 15 dB/K: 6.8602 − 10 = −3.1398 dB < −2.35 dB.
    const c0 = budgetConstantDb(budgetStation({ gOverTDbPerK: 15 }));
    expect(budgetRateGBps(c0, 0.6, 1.2e9, 1000, 0.5)).toBe(0);
  });
  it('rate at zenith vs 10° elevation from a 550 km orbit (slant 550 vs 1,815.65 km, 10.37 dB)', () => {
    // Slant range d = √((R+h)² − R² cos² el) − R sin el, R = 6,378.137 km, h = 550 km:
    //   el 90°: 550 km; el 10°: √(6928.137² − (6378.137 × 0.9848078)²) − 6378.137 × 0.1736482 = 2923.21 − 1107.55 = 1,815.65 km.
    // 20·log10(1815.65 / 550) = 10.373 dB more path loss at 10°; atmosphere 0.6/sin 10° = 3.455 dB vs 0.6 dB at zenith.
    expect(freeSpacePathLossDb(1815.652, 26) - freeSpacePathLossDb(550, 26)).toBeCloseTo(10.373, 3);
    // With G/T 30 dB/K (other values default: EIRP 30 dBW, rain 3 dB, Rs 1200 Msym/s, implementation 1 dB):
    //   zenith: 30 − 175.5545 − 0.6 − 3 + 30 + 228.5992 − 90.7918 − 1 = 17.6529 dB → 32APSK 9/10 (16.05): 1.2e9 × 4.453027 = 5.3436 Gbps
    //   10°:    30 − 185.9279 − 3.4553 − 3 + 30 + 228.5992 − 90.7918 − 1 = 4.4242 dB → QPSK 3/4 (4.03; 4/5 needs 4.68): 1.2e9 × 1.487473 = 1.7850 Gbps
    // Measured through the allocator with station and satellites placed in TEME (GMST from satellite.js).
    const links = new LinkState(2);
    const alloc = new DownlinkAllocator(stationArrays([budgetStation({ gOverTDbPerK: 30, antennas: 2 })]), links, null);
    const t = Date.UTC(2026, 5, 21, 3, 0, 0);
    const theta = gstime(new Date(t));
    const R = 6378.137;
    const d10 = Math.sqrt((R + 550) ** 2 - (R * Math.cos((10 * Math.PI) / 180)) ** 2) - R * Math.sin((10 * Math.PI) / 180);
    // Station on the equator at longitude 0: up = (1, 0, 0), east = (0, 1, 0) in ECF; rotate by θ into TEME.
    const up = [Math.cos(theta), Math.sin(theta), 0];
    const east = [-Math.sin(theta), Math.cos(theta), 0];
    const st = up.map((u) => R * u);
    const s10 = Math.sin((10 * Math.PI) / 180);
    const c10 = Math.cos((10 * Math.PI) / 180);
    const pos = Float64Array.from([
      ...st.map((x, k) => x + 550 * up[k]),
      ...st.map((x, k) => x + d10 * (s10 * up[k] + c10 * east[k])),
    ]);
    // The 10° satellite is at 550 km altitude too: |r| = 6928.137.
    expect(Math.hypot(pos[3], pos[4], pos[5])).toBeCloseTo(R + 550, 6);
    alloc.step(0, t, Uint8Array.from([1, 1]), Uint32Array.from([1, 1]), new Uint32Array(2), pos, Float64Array.from([1e6, 1e6]), 0, 1);
    expect(links.capacityGB[0] * 8).toBeCloseTo(1.2 * 4.453027, 4); // Gbit in 1 s
    expect(links.capacityGB[1] * 8).toBeCloseTo(1.2 * 1.487473, 4);
  });
});

describe('schema and positions', () => {
  it('a station with downlinkGbps and no linkModel is fixed; without, a budget with cited defaults', () => {
    const fixed = groundStationSchema.parse({ name: 'F', latitudeDeg: 0, longitudeDeg: 0, downlinkGbps: 10 });
    expect(fixed.linkModel).toBe('fixed');
    const budget = groundStationSchema.parse({ name: 'B', latitudeDeg: 0, longitudeDeg: 0 });
    expect(budget).toMatchObject({ linkModel: 'budget', frequencyGHz: 26, symbolRateMsps: 1200, gOverTDbPerK: 39.8, acquisitionS: 10 });
    // Re-parsing the output gives the same station (results echo the parsed scenario).
    expect(groundStationSchema.parse(budget)).toEqual(budget);
    expect(groundStationSchema.parse(fixed)).toEqual(fixed);
  });
  it('refuses fields of the other model, naming them', () => {
    const r = groundStationSchema.safeParse({ name: 'F', latitudeDeg: 0, longitudeDeg: 0, downlinkGbps: 10, frequencyGHz: 8 });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['frequencyGHz']);
    const s = groundStationSchema.safeParse({ name: 'F', latitudeDeg: 0, longitudeDeg: 0, linkModel: 'fixed' });
    expect(s.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['downlinkGbps: required when linkModel is "fixed"']);
  });
  it('needsPositions: ISL on, or a budget station', () => {
    const off = islSchema.parse({});
    const fixed = groundStationSchema.parse({ name: 'F', latitudeDeg: 0, longitudeDeg: 0, downlinkGbps: 10 });
    const budget = groundStationSchema.parse({ name: 'B', latitudeDeg: 0, longitudeDeg: 0 });
    expect(needsPositions({ groundStations: [fixed], interSatelliteLinks: off })).toBe(false);
    expect(needsPositions({ groundStations: [fixed, budget], interSatelliteLinks: off })).toBe(true);
    expect(needsPositions({ groundStations: [], interSatelliteLinks: { ...off, enabled: true } })).toBe(true);
  });
});

describe('maxRateGbps', () => {
  it('is the fixed rate, or Rs × 4.453027 (32APSK 9/10) for a budget', () => {
    expect(maxRateGbps(groundStationSchema.parse({ name: 'F', latitudeDeg: 0, longitudeDeg: 0, downlinkGbps: 7 }))).toBe(7);
    // 1200 Msym/s × 4.453027 bit/symbol = 5.3436324 Gbps.
    expect(maxRateGbps(groundStationSchema.parse({ name: 'B', latitudeDeg: 0, longitudeDeg: 0 }))).toBeCloseTo(5.3436324, 9);
  });
});
