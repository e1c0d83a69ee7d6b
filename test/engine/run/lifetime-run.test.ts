/**
 * Mass, lifetime and cost through the whole engine (issue 13 "Must show"):
 * a published launch figure, an altitude sweep with an interior optimum,
 * dose and drag ratios, the break-even launch price, sampled days against a
 * full-year run, and money/energy balances (property test).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSatellites } from '../../../src/engine/input/constellation';
import { GROUND_NETWORK } from '../../../src/engine/input/presets';
import { normaliseScenario, type ScenarioInput } from '../../../src/engine/input/scenario';
import { HOURS_PER_YEAR, sampleDayOffsetDays } from '../../../src/engine/run/lifetime-run';
import { simulate, simulateScenario } from '../../../src/engine/run/simulation';

const shell = (altitudeKm: number, extra: Partial<ScenarioInput> = {}): ScenarioInput => ({
  startUtc: '2026-06-21T00:00:00Z',
  durationHours: 24,
  constellation: { type: 'walker', altitudeKm, inclinationDeg: 53, planes: 2, satellitesPerPlane: 2 },
  groundStations: GROUND_NETWORK,
  lifetime: { sampleDays: 6 },
  ...extra,
});

const run = async (input: ScenarioInput) => simulateScenario(normaliseScenario(input));

describe('mass, lifetime and cost', () => {
  it('reproduces the published launch figure: 575 kg, 28 kW, 5 years → $14,786/kW/yr at $3,600/kg and $821 at $200/kg', async () => {
    // Google 2025 (Suncatcher): 575 · 3600 / (28 · 5) = 14,786 (published ≈ $14,700); 575 · 200 / 140 = 821 (≈ $810).
    for (const [price, expected] of [
      [3600, 14_785.7],
      [200, 821.4],
    ]) {
      const out = await run({
        ...shell(650),
        durationHours: 1,
        constellation: { type: 'walker', altitudeKm: 650, inclinationDeg: 98, planes: 1, satellitesPerPlane: 1 },
        node: { massKg: 575, computePowerW: 26_000, busPowerW: 2000 },
        economics: { launchUsdPerKg: price, lifetimeYears: 5 },
        lifetime: { sampleDays: 1 },
      });
      expect(out.kpis.launchUsdPerKWYear).toBeCloseTo(expected, 0);
      expect(out.kpis.nodeMassKg).toBe(575);
    }
  });

  it('altitude sweep 400–1,400 km: the cheapest PFLOP-hour lies strictly inside; dose at 1,400 km > 10× 550 km; ΔV at 400 km > 5× 650 km', async () => {
    const altitudes = [400, 500, 550, 650, 800, 1000, 1200, 1400];
    const outs: Awaited<ReturnType<typeof run>>[] = [];
    for (const h of altitudes) outs.push(await run(shell(h)));
    const cost = outs.map((o) => o.kpis.costPerPflopHourUsd ?? Number.POSITIVE_INFINITY);
    const best = cost.indexOf(Math.min(...cost));
    expect(best).toBeGreaterThan(0);
    expect(best).toBeLessThan(altitudes.length - 1);
    const at = (h: number) => outs[altitudes.indexOf(h)].kpis;
    expect(at(1400).radiationDoseRadPerYear!).toBeGreaterThan(10 * at(550).radiationDoseRadPerYear!);
    expect(at(400).stationKeepingDeltaVMPerSPerYear!).toBeGreaterThan(5 * at(650).stationKeepingDeltaVMPerSPerYear!);
    for (const o of outs) for (const v of Object.values(o.kpis)) expect(v === null || Number.isFinite(v)).toBe(true);
  }, 120_000);

  it('a launch-price sweep crosses ratio 1 at breakEvenLaunchUsdPerKg: rerun there, the ratio is 1 within 2 %', async () => {
    // Satellites as cheap as their launch allows: no bus or operations cost, so free launch beats the ground.
    const cheap = shell(650, { economics: { busUsdPerKg: 0, operationsUsdPerSatelliteYear: 0, groundStationUsdPerMinute: 0 } });
    const a = await run(cheap);
    const p = a.kpis.breakEvenLaunchUsdPerKg;
    expect(p).not.toBeNull();
    const below = await run({ ...cheap, economics: { ...cheap.economics, launchUsdPerKg: p! * 0.5 } });
    const at = await run({ ...cheap, economics: { ...cheap.economics, launchUsdPerKg: p! } });
    const above = await run({ ...cheap, economics: { ...cheap.economics, launchUsdPerKg: p! * 2 } });
    expect(below.kpis.spaceToGroundCostRatio!).toBeLessThan(1);
    expect(above.kpis.spaceToGroundCostRatio!).toBeGreaterThan(1);
    expect(Math.abs(at.kpis.spaceToGroundCostRatio! - 1)).toBeLessThan(0.02);
    // With the default prices the satellites alone cost more than the ground: "none", stated as null.
    expect((await run(shell(650))).kpis.breakEvenLaunchUsdPerKg).toBeNull();
  }, 60_000);

  it('sampled days match a full-year run within 1 %: a dawn-dusk 650 km node is eclipsed ≈ 4 % of the year', async () => {
    const input: ScenarioInput = {
      startUtc: '2026-03-01T00:00:00Z',
      durationHours: 24,
      constellation: { type: 'cluster', altitudeKm: 650, ltanHours: 6, satellites: 1, radiusM: 1 },
      groundStations: GROUND_NETWORK,
      economics: { lifetimeYears: 1 },
      lifetime: { acceleratorFailureRatePerYear: 0, arrayDegradationPerYear: 0, upsetsPerRadPerNode: 0 },
      spacing: { trackClosestApproach: false },
    };
    const s = normaliseScenario(input);
    const sampled = await simulateScenario(s);
    const yearS = normaliseScenario({ ...input, durationHours: HOURS_PER_YEAR, lifetime: { enabled: false } });
    const year = await simulate(yearS, buildSatellites(yearS).satellites, []);
    expect(year.kpis.eclipseFraction).toBeGreaterThan(0.03);
    expect(year.kpis.eclipseFraction).toBeLessThan(0.05);
    expect(Math.abs(sampled.kpis.annualEclipseFraction! / year.kpis.eclipseFraction - 1)).toBeLessThan(0.01);
    const usable = sampled.economics!.years[0].usablePflops;
    expect(Math.abs(usable / year.kpis.meanUsableComputePflops - 1)).toBeLessThan(0.01);
  }, 120_000);

  it('a formation holds itself against differential drag: Δ(A/m) = 5 % of A/m costs 5 % of the orbit-keeping ΔV on top (drag is linear in A/m)', async () => {
    const out = await run({
      startUtc: '2026-06-21T00:00:00Z',
      durationHours: 1,
      constellation: { type: 'cluster', altitudeKm: 500, satellites: 3, radiusM: 1000 },
      lifetime: { sampleDays: 1 },
    });
    const e = out.economics!;
    expect(e.formationDeltaVMPerSPerYear).toBeGreaterThan(0);
    expect(e.formationDeltaVMPerSPerYear / (e.stationKeepingDeltaVMPerSPerYear - e.formationDeltaVMPerSPerYear)).toBeCloseTo(0.05, 9);
    const walker = await run({ ...shell(500), durationHours: 1, lifetime: { sampleDays: 1 } });
    expect(walker.economics!.formationDeltaVMPerSPerYear).toBe(0);
  });

  it('uncontrolled nodes that re-enter before the end of the life draw a warning naming mass.stationKeeping', async () => {
    const out = await run({ ...shell(350), durationHours: 1, mass: { stationKeeping: false }, lifetime: { sampleDays: 1 } });
    expect(out.warnings.some((w) => w.path === 'mass.stationKeeping')).toBe(true);
    expect(out.kpis.stationKeepingDeltaVMPerSPerYear).toBe(0);
  });

  it('sampled days cover the year, one per stratum', () => {
    const D = 24;
    for (let d = 0; d < D; d++) {
      const t = sampleDayOffsetDays(d, D);
      expect(t).toBeGreaterThanOrEqual((d * 365.25) / D);
      expect(t).toBeLessThan(((d + 1) * 365.25) / D);
    }
  });

  it('property: spending components sum to the totals; delivered never exceeds installed × life; no NaN', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          altitudeKm: fc.integer({ min: 300, max: 2000 }),
          inclinationDeg: fc.integer({ min: 0, max: 180 }),
          years: fc.integer({ min: 1, max: 8 }),
          launch: fc.integer({ min: 0, max: 20_000 }),
          failure: fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000),
          rate: fc.integer({ min: 0, max: 300 }).map((x) => x / 1000),
          massKg: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined }),
        }),
        async (p) => {
          const out = await run({
            startUtc: '2026-06-21T00:00:00Z',
            durationHours: 2,
            constellation: { type: 'walker', altitudeKm: p.altitudeKm, inclinationDeg: p.inclinationDeg, planes: 1, satellitesPerPlane: 2 },
            node: p.massKg === undefined ? {} : { massKg: p.massKg },
            economics: { launchUsdPerKg: p.launch, lifetimeYears: p.years, discountRate: p.rate },
            lifetime: { sampleDays: 1, acceleratorFailureRatePerYear: p.failure },
          });
          const k = out.kpis;
          const e = out.economics!;
          for (const v of Object.values(k)) expect(v === null || Number.isFinite(v)).toBe(true);
          expect(k.capitalCostUsd!).toBeCloseTo(e.cost.launchUsd + e.cost.computeHardwareUsd + e.cost.satelliteHardwareUsd, 0);
          expect(e.cost.launchUsd).toBeCloseTo(k.nodeMassKg! * 2 * p.launch, 0);
          expect(e.mass.totalKg).toBeCloseTo(e.mass.dryKg + e.mass.propellantKg, 6);
          const installedBol = (2 * out.scenario.node.computeTflops) / 1000;
          expect(k.deliveredPflopHoursLifetime!).toBeLessThanOrEqual(installedBol * HOURS_PER_YEAR * p.years * (1 + 1e-12));
          expect(e.years.length).toBe(p.years);
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);
});
