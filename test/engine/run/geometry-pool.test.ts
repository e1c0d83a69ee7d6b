/** The pool with in-process fake workers: same results, and crashes surface as errors with nothing left running. */
import { describe, expect, it } from 'vitest';
import { GeometryHost, type GeometryReply, type GeometryRequest } from '../../../src/engine/run/geometry-host';
import { poolGeometry, type GeometryEndpoint } from '../../../src/engine/run/geometry-pool';
import { resultDocument } from '../../../src/engine/output/result';
import { normaliseScenario } from '../../../src/engine/input/scenario';
import { simulateScenario } from '../../../src/engine/run/simulation';


const scenario = normaliseScenario({
  startUtc: '2026-06-21T00:00:00Z',
  durationHours: 3,
  stepSeconds: 30,
  constellation: { type: 'walker', altitudeKm: 600, inclinationDeg: 60, planes: 3, satellitesPerPlane: 5 },
  groundStations: [{ name: 'Wallops', latitudeDeg: 37.94, longitudeDeg: -75.46, downlinkGbps: 10 }],
});

/** An in-process endpoint around GeometryHost; `crashOn` makes it die at the n-th compute. */
function fakeEndpoint(log: { terminated: number }, crashOn = -1): GeometryEndpoint {
  const host = new GeometryHost();
  let onReply: (r: GeometryReply) => void = () => {};
  let onFatal: (e: Error) => void = () => {};
  let computes = 0;
  return {
    post(req: GeometryRequest) {
      if (req.type === 'compute' && computes++ === crashOn) {
        setTimeout(() => onFatal(new Error('geometry worker exited with code 1')), 0);
        return;
      }
      // Structured clone, as a real worker boundary would do (SharedArrayBuffers stay shared).
      void host.handle(structuredClone(req)).then((r) => setTimeout(() => onReply(r), 0));
    },
    listen(r, f) {
      onReply = r;
      onFatal = f;
    },
    terminate() {
      log.terminated++;
    },
  };
}

describe('geometry pool', () => {
  it('gives the single-thread result byte for byte', async () => {
    const log = { terminated: 0 };
    const one = JSON.stringify(resultDocument(await simulateScenario(scenario)));
    const pooled = JSON.stringify(resultDocument(await simulateScenario(scenario, { geometry: poolGeometry(() => fakeEndpoint(log), 4) })));
    expect(pooled).toBe(one);
    expect(log.terminated).toBe(4);
    const hybrid = JSON.stringify(resultDocument(await simulateScenario(scenario, { geometry: poolGeometry(() => fakeEndpoint(log), 2, { localFraction: 0.4 }) })));
    expect(hybrid).toBe(one);
  });
  it('a worker that dies mid-run rejects the run with its message and every worker is terminated', async () => {
    const log = { terminated: 0 };
    let k = 0;
    const run = simulateScenario(scenario, { geometry: poolGeometry(() => fakeEndpoint(log, k++ === 1 ? 2 : -1), 3), chunkSteps: 20 });
    await expect(run).rejects.toThrow(/exited with code 1/);
    expect(log.terminated).toBe(3);
  });
});
