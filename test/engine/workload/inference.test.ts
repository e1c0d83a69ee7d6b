/**
 * Inference latency (issue 17, must show): the latency the engine reports
 * for a served request equals an independent light-time calculation over
 * the path it chose (±1 ms): satellite positions from satellite.js
 * (propagate, not the engine's knots), the region from satellite.js
 * geodeticToEcf rotated by gstime, distances summed by hand.
 */
import { describe, expect, it } from 'vitest';
import { geodeticToEcf, gstime, propagate, twoline2satrec } from 'satellite.js';
import { normaliseScenario } from '../../../src/engine/input/scenario';
import { buildSatellites } from '../../../src/engine/input/constellation';
import { simulate } from '../../../src/engine/run/simulation';

const C_KM_PER_S = 299_792.458;
void twoline2satrec;

const region = { name: 'Quito', latitudeDeg: 0, longitudeDeg: -78.5, requestsPerSecond: 1000 };
const PER_HOP_MS = 0.1;

function scenario() {
  return normaliseScenario({
    name: 'inference latency',
    startUtc: '2026-03-20T00:00:00Z',
    durationHours: 6,
    stepSeconds: 60,
    constellation: { type: 'walker', pattern: 'delta', altitudeKm: 550, inclinationDeg: 0, planes: 1, satellitesPerPlane: 20, phasing: 0, firstRaanDeg: 0 },
    // two terminals: each satellite links its two ring neighbours only, so a path runs through consecutive satellites
    interSatelliteLinks: { enabled: true, terminals: 2 },
    lifetime: { enabled: false },
    // demand 1.5 nodes: the entry satellite serves one node's worth, a neighbour over a link the rest
    workloads: { inference: [{ regions: [region], pflopPerRequest: 0.1377, latencyBudgetMs: 100, perHopDelayMs: PER_HOP_MS, minElevationDeg: 25 }] },
  });
}

/** TEME position (km) of a satellite at t and of the region, from satellite.js directly. */
function positions(satrec: ReturnType<typeof twoline2satrec>, tMs: number) {
  const pv = propagate(satrec, new Date(tMs));
  if (!pv || typeof pv.position === 'boolean' || !pv.position) throw new Error('propagation failed');
  const g = gstime(new Date(tMs));
  const f = geodeticToEcf({ latitude: (region.latitudeDeg * Math.PI) / 180, longitude: (region.longitudeDeg * Math.PI) / 180, height: 0 });
  const reg = { x: f.x * Math.cos(g) - f.y * Math.sin(g), y: f.x * Math.sin(g) + f.y * Math.cos(g), z: f.z };
  return { sat: pv.position, reg };
}

const dist = (a: { x: number; y: number; z: number }, b: { x: number; y: number; z: number }) => Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);

describe('inference latency over the chosen path', () => {
  it('equals 2 · (slant + links) / c + per-hop delays within 1 ms, direct and over a link', async () => {
    const sc = scenario();
    const build = buildSatellites(sc);
    const out = await simulate(sc, build.satellites, []);
    const inf = out.workloads?.inference[0];
    const path = inf?.run.paths[0];
    if (!path) throw new Error('no inference report');
    let direct = 0;
    let relayed = 0;
    for (let n = 0; n < out.series.timeMs.length; n++) {
      const t = out.series.timeMs[n];
      for (const [entry, server, links, ms] of [
        [path.entry[n], path.server[n], path.links[n], path.latencyMs[n]],
        [path.lastEntry[n], path.lastServer[n], path.lastLinks[n], path.lastLatencyMs[n]],
      ]) {
        if (server < 0) continue;
        const a = positions(build.satellites[entry].satrec, t);
        let km = dist(a.sat, a.reg);
        let hops = 0;
        if (server !== entry) {
          // a one-plane ring: the path runs through the satellites between entry and server (shorter way round)
          const up = (server - entry + 20) % 20;
          const step = up <= 10 ? 1 : -1;
          let prev = a.sat;
          for (let i = entry; i !== server; ) {
            i = (i + step + 20) % 20;
            const p = positions(build.satellites[i].satrec, t).sat;
            km += dist(prev, p);
            prev = p;
            hops++;
          }
          relayed++;
        } else direct++;
        expect(links).toBe(hops);
        const handMs = (2 * km * 1000) / C_KM_PER_S + 2 * hops * PER_HOP_MS;
        expect(Math.abs(ms - handMs)).toBeLessThan(1);
      }
    }
    expect(direct).toBeGreaterThan(0);
    expect(relayed).toBeGreaterThan(0);
    // the served fraction: some steps have no satellite in view (a 20-satellite ring leaves gaps at 25°)
    expect(inf.servedFraction).toBeGreaterThan(0);
    expect(inf.servedFraction).toBeLessThan(1);
    expect(out.kpis.inferenceP95LatencyMs).toBeLessThanOrEqual(100);
  });
});
