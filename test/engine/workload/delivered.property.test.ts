/**
 * Delivered never exceeds usable (issue 17, must show), as a property over
 * random small designs and workloads: at every step the compute delivered to
 * training, inference and batch together is at most the nodes' usable
 * compute, and the run's delivered PFLOP-hours at most its usable ones. No
 * NaN reaches the KPIs.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normaliseScenario } from '../../../src/engine/input/scenario';
import { simulateScenario } from '../../../src/engine/run/simulation';
import { WORKLOAD_KPI_NAMES } from '../../../src/engine/output/result';

describe('delivered ≤ usable', () => {
  it('holds per step and over the run for random designs and workloads', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          altitudeKm: fc.integer({ min: 400, max: 1200 }),
          inclinationDeg: fc.integer({ min: 0, max: 98 }),
          planes: fc.integer({ min: 1, max: 4 }),
          perPlane: fc.integer({ min: 2, max: 8 }),
          nodesPerReplica: fc.integer({ min: 1, max: 6 }),
          scheduler: fc.constantFrom('naive' as const, 'look-ahead' as const),
          requestsPerSecond: fc.integer({ min: 0, max: 5000 }),
          jobs: fc.integer({ min: 1, max: 12 }),
          computePflopHours: fc.double({ min: 0.1, max: 100, noNaN: true }),
          isl: fc.boolean(),
          batteryKWh: fc.constantFrom(0, 5, 20, 60),
        }),
        async (r) => {
          const scenario = normaliseScenario({
            name: 'property',
            startUtc: '2026-06-21T00:00:00Z',
            durationHours: 4,
            stepSeconds: 60,
            constellation: { type: 'walker', altitudeKm: r.altitudeKm, inclinationDeg: r.inclinationDeg, planes: r.planes, satellitesPerPlane: r.perPlane, phasing: 0 },
            groundStations: [{ name: 'Svalbard', latitudeDeg: 78.23, longitudeDeg: 15.41, downlinkGbps: 10 }],
            node: { batteryCapacityKWh: r.batteryKWh },
            interSatelliteLinks: { enabled: r.isl },
            lifetime: { enabled: false },
            workloads: {
              scheduler: r.scheduler,
              lookAheadHours: 1,
              training: [{ nodesPerReplica: r.nodesPerReplica }],
              inference: [{ regions: [{ name: 'A', latitudeDeg: 10, longitudeDeg: 20, requestsPerSecond: r.requestsPerSecond }] }],
              batch: [{ jobs: r.jobs, intervalHours: 0.25, computePflopHours: r.computePflopHours }],
            },
          });
          const out = await simulateScenario(scenario);
          const s = out.workloads?.series;
          if (!s) throw new Error('no workload report');
          let usable = 0;
          for (let n = 0; n < out.series.timeMs.length; n++) {
            const u = out.series.usableComputePflops[n];
            const d = s.trainingPflops[n] + s.inferencePflops[n] + s.batchPflops[n];
            expect(d).toBeLessThanOrEqual(u * (1 + 1e-9) + 1e-9);
            usable += u * (out.stepMs / 3_600_000);
          }
          expect(out.kpis.deliveredPflopHours as number).toBeLessThanOrEqual(usable * (1 + 1e-9) + 1e-9);
          for (const k of WORKLOAD_KPI_NAMES) {
            const v = out.kpis[k];
            expect(v === null || Number.isFinite(v)).toBe(true);
          }
        },
      ),
      { numRuns: 12, seed: 17 },
    );
  }, 300_000);
});
