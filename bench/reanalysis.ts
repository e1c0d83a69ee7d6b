/**
 * Re-analysis after a node edit (`npm run bench` runs this once per size in a
 * child process, so its peak memory is this case's): the app's generated
 * Walker design of `n` satellites (the starter shell's day at 60 s, its
 * stations and lifetime analysis, as `?n=` opens it), analysed in full on all
 * cores while the geometry cache records it, then re-analysed after a node
 * edit (battery capacity), which replays phase B only. The lifetime's sampled
 * days share the cores through worker threads kept between the runs, as the
 * app's analysis worker keeps them. Prints one JSON line:
 * fullMs, nodeEditMs (the better of two edits), cacheMiB, peakRssMiB.
 *
 *   npx tsx bench/reanalysis.ts <n>
 */
import { buildSatellites } from '../src/engine/input/constellation';
import { findPreset } from '../src/engine/input/presets';
import { normaliseScenario, type ScenarioInput } from '../src/engine/input/scenario';
import { simulate } from '../src/engine/run/simulation';
import { GeometryCache } from '../src/engine/run/geometry-cache';
import { defaultWorkerCount, workerDayPool, workerGeometry } from '../src/cli/geometry-pool';
import { walkerSplit } from '../src/ui/url-params';

const n = Number(process.argv[2] ?? 1000);
const base = findPreset('starter-shell')!.scenario as ScenarioInput & { constellation: object };
const design = (batteryKWh?: number): ScenarioInput =>
  ({
    ...base,
    constellation: { type: 'walker', pattern: 'delta', altitudeKm: 550, inclinationDeg: 53, ...walkerSplit(n), phasing: 1, firstRaanDeg: 0 },
    ...(batteryKWh === undefined ? {} : { node: { batteryCapacityKWh: batteryKWh } }),
  }) as ScenarioInput;

const scenario = normaliseScenario(design());
const { satellites } = buildSatellites(scenario);
const threads = defaultWorkerCount();
const cache = new GeometryCache();
const lifetimeWorkers = workerDayPool(threads) ?? undefined;
// Warm-up (JIT, WASM) on a small slice, without the cache.
await simulate(normaliseScenario({ ...design(), durationHours: 1 }), satellites.slice(0, 50), []);
let t = performance.now();
await simulate(scenario, satellites, [], { geometryCache: cache, geometry: workerGeometry(threads), lifetimeWorkers });
const fullMs = performance.now() - t;
let nodeEditMs = Number.POSITIVE_INFINITY;
for (const kWh of [31, 32]) {
  const hits = cache.hits;
  t = performance.now();
  await simulate(normaliseScenario(design(kWh)), satellites, [], { geometryCache: cache, geometry: workerGeometry(threads), lifetimeWorkers });
  nodeEditMs = Math.min(nodeEditMs, performance.now() - t);
  if (cache.hits === hits) throw new Error('the node edit did not reuse the geometry');
}
lifetimeWorkers?.dispose();
console.log(JSON.stringify({ n: satellites.length, threads, fullMs, nodeEditMs, cacheMiB: cache.usedBytes() / 2 ** 20, peakRssMiB: process.resourceUsage().maxRSS / 1024 }));
