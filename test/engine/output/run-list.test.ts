/**
 * Run list of a sweep (engine output/run-list.ts): run ids against Node's own
 * SHA-256 (node:crypto, an implementation independent of scenario-hash.ts),
 * shard slices written out by hand, stored lists and results read back (and
 * damaged ones refused), and the CSV joined from results by id.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  describeRun,
  expandRuns,
  mergeRuns,
  parseRunListJson,
  parseRunResult,
  parseShard,
  RunListError,
  runId,
  runListJson,
  runResultJson,
  shardOf,
  shardRange,
  type RunResult,
} from '../../../src/engine/output/run-list';
import { planSweep } from '../../../src/engine/output/sweep';
import { KPI_NAMES } from '../../../src/engine/output/result';
import { hashedText, inputHash } from '../../../src/engine/input/scenario-hash';
import { parseScenario, type Scenario } from '../../../src/engine/input/scenario';
import type { Kpis } from '../../../src/engine/run/simulation';

const base = {
  name: 'base',
  startUtc: '2026-06-21T00:00:00Z',
  durationHours: 2,
  stepSeconds: 120,
  constellation: { type: 'sso', altitudeKm: 600, ltanHours: 10.5, satellitesPerPlane: 2 },
};

function scenario(input: unknown): Scenario {
  const r = parseScenario(input);
  if (!r.ok) throw new Error('invalid test scenario');
  return r.scenario;
}

/** KPIs all 0 except those given (nullable ones null unless given). */
function kpis(over: Partial<Record<string, number | null>> = {}): Kpis {
  const k: Record<string, number | null> = {};
  for (const n of KPI_NAMES) k[n] = n in over ? over[n]! : n === 'minSeparationKm' ? null : 0;
  return k as unknown as Kpis;
}

describe('run ids', () => {
  it('are the first 16 hex digits of SHA-256 of the hashed text, extend the 8-digit input hash, and ignore the name', async () => {
    const s = scenario(base);
    const id = await runId(s);
    expect(id).toBe(createHash('sha256').update(hashedText(s), 'utf8').digest('hex').slice(0, 16));
    expect(id.startsWith(await inputHash(s))).toBe(true);
    expect(await runId(scenario({ ...base, name: 'another name' }))).toBe(id);
    expect(await runId(scenario({ ...base, durationHours: 3 }))).not.toBe(id);
  });

  it('expand a sweep in plan order; designs that normalise alike share an id; the list hash follows the values', async () => {
    const plan = planSweep({ base, vary: [{ field: 'constellation.ltanHours', values: [6, 10.5, 13] }, { field: 'name', values: ['a', 'b'] }] });
    const list = await expandRuns(plan);
    expect(list.runs.map((r) => [r.index, ...r.values])).toEqual([[0, 6, 'a'], [1, 6, 'b'], [2, 10.5, 'a'], [3, 10.5, 'b'], [4, 13, 'a'], [5, 13, 'b']]);
    // Only the name differs between runs 0 and 1: same inputs, same id.
    expect(list.runs[1].id).toBe(list.runs[0].id);
    expect(new Set(list.runs.map((r) => r.id)).size).toBe(3);
    expect((await expandRuns(plan)).hash).toBe(list.hash);
    const other = await expandRuns(planSweep({ base, vary: [{ field: 'constellation.ltanHours', values: [6, 10.5, 14] }, { field: 'name', values: ['a', 'b'] }] }));
    expect(other.hash).not.toBe(list.hash);
    expect(describeRun(list, list.runs[3])).toBe(`run 4/6 (constellation.ltanHours=10.5, name=b; id ${list.runs[3].id})`);
  });
});

describe('shards', () => {
  it('parse i/N and refuse anything else', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '1', '-1/3', '1.5/3', '1/10001']) expect(() => parseShard(bad), bad).toThrow(RunListError);
  });

  it('are contiguous slices, the first n mod N one run longer (hand-written)', () => {
    const ranges = (n: number, count: number) => Array.from({ length: count }, (_, i) => shardRange(n, { index: i + 1, count })).map((r) => [r.start, r.end]);
    expect(ranges(6, 3)).toEqual([[0, 2], [2, 4], [4, 6]]);
    expect(ranges(7, 3)).toEqual([[0, 3], [3, 5], [5, 7]]);
    expect(ranges(6, 4)).toEqual([[0, 2], [2, 4], [4, 5], [5, 6]]);
    expect(ranges(2, 3)).toEqual([[0, 1], [1, 2], [2, 2]]);
  });

  it('cover every run exactly once, in order, and shardOf names the shard holding a run', () => {
    for (let n = 0; n <= 25; n++) {
      for (let count = 1; count <= 9; count++) {
        let next = 0;
        const sizes: number[] = [];
        for (let i = 1; i <= count; i++) {
          const { start, end } = shardRange(n, { index: i, count });
          expect(start).toBe(next);
          for (let k = start; k < end; k++) expect(shardOf(k, n, count)).toBe(i);
          sizes.push(end - start);
          next = end;
        }
        expect(next).toBe(n);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('stored run lists', () => {
  it('read back as written, shard included; an edited value breaks the hash', async () => {
    const list = await expandRuns(planSweep({ base, vary: [{ field: 'constellation.ltanHours', values: [6, 10.5] }] }));
    const text = runListJson(list, { index: 2, count: 3 });
    const back = await parseRunListJson(text);
    expect(back).toEqual({ ok: true, list: { fields: list.fields, runs: list.runs.map(({ index, id, values }) => ({ index, id, values })), hash: list.hash }, shard: { index: 2, count: 3 } });
    const edited = await parseRunListJson(text.replace('"values":[10.5]', '"values":[11]'));
    expect(edited).toMatchObject({ ok: false, message: expect.stringMatching(/does not match the list/) });
    expect(await parseRunListJson(text.slice(0, 40))).toMatchObject({ ok: false, message: expect.stringMatching(/^not JSON/) });
    expect(await parseRunListJson(runListJson(list, null))).toMatchObject({ ok: true, shard: null });
  });
});

describe('stored results', () => {
  const id = '0123456789abcdef';
  it('keep KPIs rounded to 9 significant digits, as the CSV', () => {
    const r: RunResult = { id, status: 'ok', kpis: kpis({ satelliteCount: 2, eclipseFraction: 0.123456789012 }) };
    const back = parseRunResult(runResultJson(r), id);
    expect(back.ok && back.result.status === 'ok' && back.result.kpis.eclipseFraction).toBe(0.123456789);
    const failed: RunResult = { id, status: 'failed', message: 'no valid satellites', inputError: true };
    expect(parseRunResult(runResultJson(failed), id)).toEqual({ ok: true, result: failed });
  });

  it('refuse damaged files, another run and another KPI set', () => {
    const text = runResultJson({ id, status: 'ok', kpis: kpis() });
    expect(parseRunResult(text.slice(0, text.length / 2), id).ok).toBe(false);
    expect(parseRunResult(text, 'fedcba9876543210')).toMatchObject({ ok: false, message: expect.stringMatching(/holds run 0123456789abcdef/) });
    expect(parseRunResult(text.replace('"satelliteCount":0,', ''), id)).toMatchObject({ ok: false, message: 'kpis.satelliteCount: expected a number or null' });
    expect(parseRunResult(text.replace('"satelliteCount":0,', '"satelliteCount":0,"oldKpi":1,'), id)).toMatchObject({ ok: false, message: 'kpis.oldKpi: not a KPI of this version' });
    expect(parseRunResult(text.replace('"satelliteCount":0', '"satelliteCount":"2"'), id).ok).toBe(false);
  });
});

describe('mergeRuns', () => {
  it('joins results by id in list order (runs sharing an id share the result) or names the runs without one', async () => {
    const list = await expandRuns(planSweep({ base, vary: [{ field: 'constellation.ltanHours', values: [6, 13] }, { field: 'name', values: ['a', 'b'] }] }));
    const [r6, , r13] = list.runs;
    const results = new Map<string, RunResult>([
      [r13.id, { id: r13.id, status: 'ok', kpis: kpis({ satelliteCount: 2, eclipseFraction: 0.25 }) }],
      [r6.id, { id: r6.id, status: 'ok', kpis: kpis({ satelliteCount: 2, eclipseFraction: 0.5, minSeparationKm: 1234.5 }) }],
    ]);
    const m = mergeRuns(list, results);
    // Cells written out: satelliteCount 2, eclipseFraction (6th KPI), minSeparationKm (8th; empty when null), the rest 0.
    const row = (values: string, eclipse: string, sep: string) => `${values},2,0,0,0,0,${eclipse},0,${sep},${Array(KPI_NAMES.length - 8).fill('0').join(',')}`;
    expect(m).toEqual({
      ok: true,
      csv: `constellation.ltanHours,name,${KPI_NAMES.join(',')}\n${row('6,a', '0.5', '1234.5')}\n${row('6,b', '0.5', '1234.5')}\n${row('13,a', '0.25', '')}\n${row('13,b', '0.25', '')}\n`,
    });
    results.delete(r13.id);
    results.set(r6.id, { id: r6.id, status: 'failed', message: 'boom', inputError: false });
    const bad = mergeRuns(list, results);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.missing.map((r) => r.index)).toEqual([2, 3]);
      expect(bad.failed.map((f) => [f.run.index, f.message])).toEqual([[0, 'boom'], [1, 'boom']]);
    }
  });
});
