import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normaliseScenario, type Scenario } from '../../src/engine/input/scenario';
import { planSweep, sweepCsv } from '../../src/engine/output/sweep';
import { simulateScenario } from '../../src/engine/run/simulation';
import { DesignSet, DESIGN_COLOURS } from '../../src/ui/designs';
import { canonicalJson, hashedText, inputHash, sha256 } from '../../src/engine/input/scenario-hash';
import { decodeShare, encodeShare, fromBase64Url, MAX_SHARE_CHARS, shareUrl, toBase64Url, tokenFromHash } from '../../src/ui/share';
import { AnalysisPool, poolSize, type PoolRemote } from '../../src/ui/pool';
import { defaultRange, metrics, paretoFront, parseValueList, planSweepSliced, rangeValues, sweepFields, SweepRunner } from '../../src/ui/sweep-model';
import { epochReport, epochWarning, startForEpochs } from '../../src/ui/epochs';
import { overlaySeries } from '../../src/ui/overlay-data';
import { createAnalysisApi } from '../../workers/analysis-api';
import type { AnalysisOutcome } from '../../workers/protocol';

const small = (over: Record<string, unknown> = {}): Scenario =>
  normaliseScenario({
    name: 'small',
    startUtc: '2026-06-21T00:00:00Z',
    durationHours: 2,
    stepSeconds: 120,
    constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 2, satellitesPerPlane: 3, phasing: 1 },
    groundStations: [{ name: 'Wallops', latitudeDeg: 37.94, longitudeDeg: -75.46, downlinkGbps: 10 }],
    ...over,
  });

describe('input hash', () => {
  it('is SHA-256 of the canonical scenario without its name, 8 hex digits', async () => {
    const s = small();
    const h = await inputHash(s);
    expect(h).toMatch(/^[0-9a-f]{8}$/);
    expect(h).toBe(createHash('sha256').update(hashedText(s)).digest('hex').slice(0, 8));
    expect(await inputHash({ ...s, name: 'renamed' })).toBe(h);
    expect(await inputHash(small({ durationHours: 3 }))).not.toBe(h);
    // Key order does not matter.
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
  });

  it('the plain SHA-256 fallback matches node:crypto', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(Buffer.from(sha256(bytes)).toString('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
      { numRuns: 200 },
    );
  });
});

describe('share links', () => {
  it('round-trip a design set exactly', async () => {
    const designs = [small(), small({ name: 'other', constellation: { type: 'sso', altitudeKm: 600, ltanHours: 18, planes: 1, satellitesPerPlane: 4 } })];
    const enc = await encodeShare(designs, 1, 0);
    expect(enc.ok).toBe(true);
    if (!enc.ok) return;
    expect(enc.value).toMatch(/^[A-Za-z0-9_-]+$/);
    const url = shareUrl('http://127.0.0.1:5173/?play=0#old', enc.value);
    expect(url.startsWith('http://127.0.0.1:5173/?play=0#designs=')).toBe(true);
    const dec = await decodeShare(tokenFromHash(new URL(url).hash)!);
    expect(dec.ok).toBe(true);
    if (!dec.ok) return;
    expect(dec.value.designs).toEqual(designs);
    expect(dec.value.active).toBe(1);
    expect(dec.value.baseline).toBe(0);
  });

  it('reject damaged, oversized and invalid links with a message', async () => {
    expect(await decodeShare('!!!')).toMatchObject({ ok: false, message: expect.stringMatching(/damaged/) });
    expect(await decodeShare('A'.repeat(MAX_SHARE_CHARS + 4))).toMatchObject({ ok: false, message: expect.stringMatching(/too long/) });
    expect(await decodeShare(toBase64Url(new Uint8Array([1, 2, 3, 4, 5])))).toMatchObject({ ok: false });
    // Valid deflate, invalid scenario.
    const bad = await encodeShare([{ ...small(), durationHours: -1 } as Scenario], 0, 0);
    expect(bad.ok).toBe(true);
    if (bad.ok) expect(await decodeShare(bad.value)).toMatchObject({ ok: false, message: expect.stringMatching(/design 1 .*durationHours/) });
    // A big incompressible TLE design does not fit in a link.
    let text = '';
    for (let i = 0; i < 12_000; i++) text += `${Math.random().toString(36)}\n`;
    const big = await encodeShare([{ ...small(), constellation: { type: 'tle', text } }], 0, 0);
    expect(big).toMatchObject({ ok: false, message: expect.stringMatching(/too large/) });
  });

  it('base64url round-trips bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
        expect(Array.from(fromBase64Url(toBase64Url(b))!)).toEqual(Array.from(b));
      }),
    );
  });
});

describe('design set', () => {
  it('adds, duplicates, renames and removes with unique names and colours', () => {
    const set = new DesignSet();
    const a = set.add({ name: 'Shell' }, 'starter-shell');
    const b = set.add({ name: 'Shell' }, 'custom');
    expect(b.name).toBe('Shell (2)');
    expect(b.draft.name).toBe('Shell (2)');
    expect(a.colour).toBe(DESIGN_COLOURS[0]);
    expect(b.colour).toBe(DESIGN_COLOURS[1]);
    const c = set.duplicate(a.id)!;
    expect(c.name).toBe('Shell (copy)');
    expect(set.designs.map((d) => d.name)).toEqual(['Shell', 'Shell (copy)', 'Shell (2)']);
    expect(set.duplicate(a.id)!.name).toBe('Shell (copy) (2)');
    expect(set.rename(b.id, 'Shell')).toMatchObject({ ok: false });
    expect(set.rename(b.id, '  ')).toMatchObject({ ok: false });
    expect(set.rename(b.id, ' Polar ')).toEqual({ ok: true, name: 'Polar' });
    expect(b.draft.name).toBe('Polar');
    expect(set.activeId).toBe(a.id);
    expect(set.remove(a.id)).toBe(true);
    expect(set.activeId).not.toBe(a.id);
    expect(set.baseline).toBeDefined();
    while (set.size > 1) set.remove(set.designs[0].id);
    expect(set.remove(set.designs[0].id)).toBe(false);
  });
});

/** In-process workers: the real analysis API behind the pool, no comlink. */
function localPool(n: number) {
  const apis = Array.from({ length: n }, () => createAnalysisApi());
  const started: Array<{ w: number; seq: number }> = [];
  const remotes = apis.map((api, w) => ({
    run: (input: unknown, seq: number, progress?: (s: number, f: number) => void, options?: object) => {
      started.push({ w, seq });
      return api.run(input, seq, progress, options);
    },
    cancel: async (seq: number) => api.cancel(seq),
    detail: (seq: number, i: number) => api.detail(seq, i),
    exportRun: (input: unknown, f: 'result-json' | 'series-csv', p?: (f: number) => void) => api.exportRun(input, f, p),
  })) as unknown as PoolRemote[];
  return { pool: new AnalysisPool(remotes, (fn) => fn), started };
}

describe('analysis pool', () => {
  it('sizes to the cores (1…4)', () => {
    expect(poolSize(undefined)).toBe(2);
    expect(poolSize(0)).toBe(1);
    expect(poolSize(2)).toBe(2);
    expect(poolSize(16)).toBe(4);
  });

  it('runs designs on every worker, pins primary runs to worker 0 and pre-empts for them', async () => {
    const { pool, started } = localPool(2);
    const big = small({ durationHours: 24, stepSeconds: 30, constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 10, satellitesPerPlane: 10, phasing: 1 } });
    const a = pool.run(big, 1, 'design');
    const b = pool.run(big, 2, 'sweep');
    expect(started.map((s) => s.w).sort()).toEqual([0, 1]);
    await new Promise((r) => setTimeout(r, 30));
    const p = pool.run(small(), 3, 'primary');
    const po = await p;
    expect(po.kind).toBe('done');
    expect(started.find((s) => s.seq === 3)!.w).toBe(0);
    // The pre-empted job was re-queued and still finishes.
    expect((await a).kind).toBe('done');
    expect((await b).kind).toBe('done');
    expect(started.filter((s) => s.seq === 1 || s.seq === 2).length).toBe(3);
    // Detail comes from the kept primary run on worker 0.
    expect(await pool.detail(3, 0)).not.toBeNull();
  }, 120_000);

  it('cancel drops queued jobs and cancels running ones; lane progress counts the batch', async () => {
    const { pool } = localPool(1);
    const big = small({ durationHours: 24, stepSeconds: 30, constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 10, satellitesPerPlane: 10, phasing: 1 } });
    const outs: Array<Promise<AnalysisOutcome>> = [1, 2, 3].map((s) => pool.run(big, s, 'sweep'));
    expect(pool.stats('sweep')).toMatchObject({ queued: 2, running: 1, total: 3, finished: 0 });
    await new Promise((r) => setTimeout(r, 30));
    pool.cancelLane('sweep');
    expect((await Promise.all(outs)).map((o) => o.kind)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(pool.stats('sweep')).toMatchObject({ queued: 0, running: 0, finished: 3, progress: 1 });
    const o = await pool.run(small(), 4, 'design');
    expect(o.kind).toBe('done');
    expect(pool.stats('design')).toMatchObject({ total: 1, finished: 1 });
  }, 60_000);

  it('exports the CLI result file from a worker', async () => {
    const { pool } = localPool(1);
    const o = await pool.exportRun(small(), 'result-json');
    expect(o.kind).toBe('done');
    if (o.kind !== 'done') return;
    const doc = JSON.parse(await o.blob.text());
    expect(Object.keys(doc)).toEqual(['scenario', 'satellites', 'elementErrors', 'warnings', 'alerts', 'kpis', 'closestApproach', 'stations', 'economics', 'workloads', 'series', 'events', 'limitNames']);
    expect(doc.kpis.satelliteCount).toBe(6);
    const csv = await pool.exportRun(small(), 'series-csv');
    expect(csv.kind === 'done' && (await csv.blob.text()).split('\n')[0]).toMatch(/^timeUtc,usableComputePflops,/);
  }, 60_000);
});

describe('sweep model', () => {
  it('offers the numeric fields of the design type and sensible ranges', () => {
    const s = small();
    const paths = sweepFields(s).map((f) => f.path);
    expect(paths).toContain('constellation.altitudeKm');
    expect(paths).toContain('node.radiatorAreaM2');
    expect(paths).toContain('node.batteryCapacityKWh');
    expect(paths).toContain('groundStations[0].downlinkGbps');
    expect(paths).not.toContain('constellation.ltanHours');
    const sso = small({ constellation: { type: 'sso', altitudeKm: 600, ltanHours: 18, planes: 1, satellitesPerPlane: 4 } });
    expect(sweepFields(sso).map((f) => f.path)).toContain('constellation.ltanHours');
    const alt = sweepFields(s).find((f) => f.path === 'constellation.altitudeKm')!;
    expect(rangeValues(...(Object.values(defaultRange(alt, s)) as [number, number, number]))).toEqual([500, 600, 700, 800, 900, 1000, 1100, 1200]);
    expect(rangeValues(1, 2, 4, true)).toEqual([1, 2]);
    expect(rangeValues(0.1, 0.3, 3)).toEqual([0.1, 0.2, 0.3]);
    expect(parseValueList('500, 650 800;900')).toEqual([500, 650, 800, 900]);
    expect(parseValueList('500, x')).toBeUndefined();
  });

  it('finds the Pareto front for either direction', () => {
    const xs = [1, 2, 3, 4, 2.5];
    const ys = [1, 3, 2, 5, 4];
    expect(paretoFront(xs, ys, 'max', 'max')).toEqual([3]);
    expect(paretoFront(xs, ys, 'min', 'max')).toEqual([0, 1, 4, 3]);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 })), { maxLength: 40 }), (pts) => {
        const x = pts.map((p) => p[0]);
        const y = pts.map((p) => p[1]);
        const front = new Set(paretoFront(x, y, 'min', 'max'));
        for (let i = 0; i < pts.length; i++) {
          const dominated = pts.some((q, j) => j !== i && q[0] <= x[i] && q[1] >= y[i] && (q[0] < x[i] || q[1] > y[i]));
          expect(front.has(i)).toBe(!dominated);
        }
      }),
    );
    const m = metrics();
    expect(m.find((x) => x.key === 'totalArrayAreaM2')!.of({ satelliteCount: 6 } as never, small())).toBe(6 * 116);
  });

  it('plans in slices exactly as planSweep does and rejects invalid designs like the CLI', async () => {
    const spec = { base: small(), vary: [{ field: 'constellation.altitudeKm', values: [500, 700] }, { field: 'node.radiatorAreaM2', values: [30, 60, 90] }] };
    const sliced = await planSweepSliced(spec, 0);
    expect(sliced).toEqual(planSweep(spec).designs);
    await expect(planSweepSliced({ base: small(), vary: [{ field: 'constellation.altitudeKm', values: [100, 600] }] })).rejects.toThrow(/altitudeKm=100/);
    await expect(planSweepSliced({ base: small(), vary: [{ field: 'constellation.altitudeKm', values: Array.from({ length: 401 }, (_, i) => 500 + i) }] })).rejects.toThrow(/limit/);
  });

  it('runs a sweep on the pool and exports the CLI CSV (same KPIs as the engine)', async () => {
    const { pool } = localPool(2);
    let seq = 100;
    const runner = new SweepRunner(pool, () => seq++);
    const spec = { base: small(), vary: [{ field: 'constellation.altitudeKm', values: [500, 800, 1100] }] };
    const done = new Promise<string>((resolve) => {
      void runner.start(spec, { onPlanned: () => {}, onPoint: () => {}, onDone: (o) => resolve(o.kind) });
    });
    expect(await done).toBe('done');
    expect(runner.points.map((p) => p.state)).toEqual(['done', 'done', 'done']);
    const plan = planSweep(spec);
    const rows = [];
    for (const d of plan.designs) rows.push({ values: d.values, kpis: (await simulateScenario(d.scenario)).kpis });
    expect(runner.csv()).toBe(sweepCsv(plan.fields, rows));
  }, 120_000);
});

describe('epochs and overlays', () => {
  it('warns about element sets far from the start', () => {
    const start = Date.UTC(2026, 5, 21);
    const day = 86_400_000;
    const epochs = Float64Array.from([start - 1 * day, start - 10 * day, start - 30 * day, start + 9 * day]);
    expect(epochReport(epochs, start, 7)).toMatchObject({ count: 4, older: 2, newer: 1 });
    expect(epochWarning(epochs, start, 7)).toMatch(/^2 of 4 element sets are more than 7 days older than the scenario start \(oldest 30\.0 days\); 1 of 4/);
    expect(epochWarning(epochs, start, 60)).toBeNull();
    expect(epochWarning(new Float64Array([start, start]), start, 7)).toBeNull();
    expect(startForEpochs(Float64Array.from([start - day + 59_999, start - 5 * day]))).toBe(start - day);
  });

  it('overlays designs on elapsed time, averaging onto a shared grid', () => {
    const mk = (startMs: number, stepMs: number, n: number, f: (i: number) => number) => ({
      startMs,
      stepMs,
      timeMs: Float64Array.from({ length: n }, (_, i) => startMs + i * stepMs),
      values: Float64Array.from({ length: n }, (_, i) => f(i)),
    });
    const a = mk(1e12, 60_000, 60, (i) => i);
    const b = mk(2e12, 30_000, 240, () => 5);
    const o = overlaySeries([a, b]);
    // Grid of the finest step (30 s) over the longest horizon (2 h); the 60 s design fills every other cell.
    expect(o.hours.length).toBe(240);
    expect(o.hours[2]).toBeCloseTo(1 / 60);
    expect(o.ys[0][0]).toBe(0);
    expect(o.ys[0][1]).toBeNull();
    expect(o.ys[0][118]).toBe(59);
    expect(o.ys[0][120]).toBeNull();
    expect(o.ys[1][239]).toBe(5);
    const capped = overlaySeries([mk(0, 1000, 100_000, (i) => i % 2)], 1000);
    expect(capped.hours.length).toBe(1000);
    expect(capped.ys[0][3]).toBeCloseTo(0.5);
  });
});

describe('loaded files', () => {
  it('tells scenarios, design sets, sweep files and element sets apart, and names problems', async () => {
    const { classifyFile } = await import('../../src/ui/files');
    const s = small();
    expect(classifyFile(JSON.stringify(s), 'a.json')).toEqual({ kind: 'scenarios', scenarios: [s] });
    const set = classifyFile(JSON.stringify({ designs: [s, { ...s, name: 'b' }], active: 1, baseline: 7 }), 'set.json');
    expect(set).toMatchObject({ kind: 'scenarios', active: 1, baseline: undefined });
    expect(classifyFile(JSON.stringify({ base: s, vary: [{ field: 'constellation.altitudeKm', values: [500] }] }), 's.json').kind).toBe('sweep');
    expect(classifyFile(' [{"OBJECT_NAME":"X"}]', 'omm.json')).toMatchObject({ kind: 'elements', format: 'omm' });
    expect(classifyFile('{"NORAD_CAT_ID": 5}', 'one.json')).toMatchObject({ kind: 'elements', format: 'omm' });
    expect(classifyFile('ISS\n1 25544U', 'x.tle')).toMatchObject({ kind: 'elements', format: 'tle' });
    expect(classifyFile('{"name": 1', 'bad.json')).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/^bad\.json: invalid JSON/) });
    expect(classifyFile(JSON.stringify({ ...s, durationHours: -1 }), 'neg.json')).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/^neg\.json: durationHours: /) });
    expect(classifyFile(JSON.stringify({ designs: [s, { ...s, stepSeconds: 'x' }] }), 'set.json')).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/design 2: stepSeconds/) });
    expect(classifyFile('  ', 'empty.json')).toMatchObject({ kind: 'invalid' });
  });
});
