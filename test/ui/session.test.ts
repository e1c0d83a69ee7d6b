// Issue 14 (session), the page-free parts: the autosave record and its
// validation on restore, the debounced writer (storage errors reported, not
// thrown; the exit journal), share-link view state, skipped-record counts
// and the list of satellites that stopped. Expected values are counted by
// hand in the comments.
import { describe, expect, it } from 'vitest';
import { normaliseScenario, type Scenario } from '../../src/engine/input/scenario';
import { parseTle } from '../../src/engine/input/elements';
import { STATUS_FAILED, STATUS_ECLIPSE } from '../../src/engine/run/status';
import { DesignSet } from '../../src/ui/designs';
import { Autosave, JOURNAL_KEY, restoreSession, SESSION_KEY, sessionOf, type AutosaveState, type SessionStore } from '../../src/ui/autosave';
import { checkView, decodeShare, encodeShare } from '../../src/ui/share';
import { skippedRecords } from '../../src/ui/import-dialog';
import { failedSatellites, type FailedSource } from '../../src/ui/failed-satellites';
import { formatTle } from '../fixtures/tle-gen';

const small = (over: Record<string, unknown> = {}): Scenario =>
  normaliseScenario({
    name: 'small',
    startUtc: '2026-06-21T00:00:00Z',
    durationHours: 2,
    stepSeconds: 120,
    constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 2, satellitesPerPlane: 3, phasing: 1 },
    ...over,
  });

const draft = (s: Scenario) => structuredClone(s) as unknown as Record<string, unknown>;

function memoryStore(): SessionStore & { data: Map<string, string>; puts: number; fail?: Error } {
  const data = new Map<string, string>();
  const s = {
    data,
    puts: 0,
    fail: undefined as Error | undefined,
    async get(k: string) {
      return data.get(k);
    },
    async put(k: string, v: string) {
      if (s.fail) throw s.fail;
      s.puts++;
      data.set(k, v);
    },
    async delete(k: string) {
      data.delete(k);
    },
  };
  return s;
}

function memoryJournal() {
  const m = new Map<string, string>();
  return { m, getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('autosave record', () => {
  it('holds every design with its name, colour and preset, the active one and the baseline; restores them in order', () => {
    const set = new DesignSet();
    const a = set.add(draft(small({ name: 'A' })), 'starter');
    const b = set.add(draft(small({ name: 'B', durationHours: 3 })), 'custom');
    const c = set.add(draft(small({ name: 'C' })), 'custom');
    set.activeId = b.id;
    set.baselineId = c.id;
    const rec = sessionOf(set, () => false, 1234);
    expect(rec).toMatchObject({ v: 1, savedAtMs: 1234, active: 1, baseline: 2 });
    expect(rec.designs.map((d) => [d.name, d.colour, d.preset])).toEqual([
      ['A', a.colour, 'starter'],
      ['B', b.colour, 'custom'],
      ['C', c.colour, 'custom'],
    ]);
    const r = restoreSession(JSON.parse(JSON.stringify(rec)));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.designs.map((d) => d.draft.name)).toEqual(['A', 'B', 'C']);
    expect(r.value.designs[1].scenario.durationHours).toBe(3);
    expect(r.value.active).toBe(1);
    expect(r.value.baseline).toBe(2);
    expect(r.value.dropped).toEqual([]);
  });

  it('drops designs that no longer validate (named in the notice), falls back to the last valid version, and re-indexes the active one', () => {
    const good = draft(small({ name: 'Good' }));
    const rec = {
      v: 1,
      savedAtMs: 1,
      designs: [
        { name: 'Broken', colour: '#ff0000', preset: 'custom', draft: { name: 'Broken', durationHours: -1 } },
        { name: 'Typing', colour: 'not a colour', preset: 'custom', draft: { ...good, name: 'Typing', stepSeconds: 'abc' }, lastValid: { ...small(), name: 'Typing' } },
        { name: 'Good', colour: '#3ddc84', preset: 'starter', draft: good },
        'not an object',
      ],
      // Saved index 2 ("Good") is restored index 1 once "Broken" is dropped.
      active: 2,
      baseline: 0,
    };
    const r = restoreSession(rec);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.designs.map((d) => d.draft.name)).toEqual(['Typing', 'Good']);
    expect(r.value.designs[0].revertedToLastValid).toBe(true);
    expect(r.value.designs[0].draft.stepSeconds).toBe(120);
    // A colour that is not #rrggbb is replaced; a valid one kept.
    expect(r.value.designs[0].colour).toMatch(/^#[0-9a-f]{6}$/i);
    expect(r.value.designs[1].colour).toBe('#3ddc84');
    expect(r.value.active).toBe(1);
    // The dropped baseline falls back to the first restored design.
    expect(r.value.baseline).toBe(0);
    expect(r.value.dropped).toHaveLength(2);
    expect(r.value.dropped[0]).toMatch(/^“Broken”: /);
    expect(r.value.dropped[1]).toMatch(/^design 4: not a design/);
  });

  it('refuses records of another version or with nothing valid, with a reason', () => {
    expect(restoreSession({ v: 2, designs: [] })).toMatchObject({ ok: false, message: expect.stringMatching(/unknown version 2/) });
    expect(restoreSession('x')).toMatchObject({ ok: false });
    expect(restoreSession({ v: 1, designs: [{ name: 'X', draft: { durationHours: -1 } }] })).toMatchObject({ ok: false, message: expect.stringMatching(/no saved design is valid/) });
  });
});

describe('autosave writer', () => {
  it('writes once per burst of changes, skips unchanged records, and reports a full store instead of throwing', async () => {
    const store = memoryStore();
    const states: AutosaveState['kind'][] = [];
    let n = 0;
    const set = new DesignSet();
    set.add(draft(small({ name: 'A' })), 'starter');
    const auto = new Autosave(store, () => ({ ...sessionOf(set, () => false), savedAtMs: ++n }), (s) => states.push(s.kind), 20, memoryJournal());
    for (let i = 0; i < 5; i++) auto.schedule();
    await tick(60);
    expect(store.puts).toBe(1);
    // Same designs, newer time stamp: not written again.
    auto.schedule();
    await tick(60);
    expect(store.puts).toBe(1);
    set.add(draft(small({ name: 'B' })), 'custom');
    store.fail = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    let last: AutosaveState | undefined;
    const auto2 = new Autosave(store, () => sessionOf(set, () => false), (s) => (last = s), 0, memoryJournal());
    auto2.schedule();
    await tick(30);
    expect(last).toMatchObject({ kind: 'error', message: expect.stringMatching(/storage for this site is full/) });
    expect(states).toEqual(['pending', 'saved']);
  });

  it('a change pending when the page goes away is journalled synchronously; loading takes the newer of journal and store', async () => {
    const store = memoryStore();
    const journal = memoryJournal();
    const set = new DesignSet();
    set.add(draft(small({ name: 'A' })), 'starter');
    let now = 1000;
    const auto = new Autosave(store, () => sessionOf(set, () => false, now), () => {}, 10_000, journal);
    auto.schedule();
    await auto.flush();
    expect(JSON.parse(store.data.get(SESSION_KEY)!).designs).toHaveLength(1);
    // A second design, then the page goes away before the (long) delay: the journal has it at once.
    set.add(draft(small({ name: 'B' })), 'custom');
    now = 2000;
    store.fail = new Error('page unloading');
    auto.schedule();
    auto.flushOnExit();
    expect(JSON.parse(journal.m.get(JOURNAL_KEY)!).designs).toHaveLength(2);
    await tick(0);
    // The next page: the journal (savedAtMs 2000) is newer than the store's record (1000).
    const next = new Autosave(store, () => sessionOf(set, () => false), () => {}, 10, journal);
    const loaded = (await next.load()).value as { designs: unknown[] };
    expect(loaded.designs).toHaveLength(2);
  });
});

describe('share link view', () => {
  it('carries tab, time, selection and camera; older links without a view still decode', async () => {
    const camera = { position: [0.1, 2, 3.5], target: [0, 0, 0], follow: 4, frame: 'lvlh' };
    const view = { tab: 'compare' as const, timeMs: Date.UTC(2026, 5, 21, 3, 7), selection: { index: 4, name: 'W01-05' }, camera };
    const enc = await encodeShare([small()], 0, 0, view);
    expect(enc.ok).toBe(true);
    if (!enc.ok) return;
    const dec = await decodeShare(enc.value);
    expect(dec.ok && dec.value.view).toEqual(view);
    const old = await encodeShare([small()], 0, 0);
    const decOld = old.ok ? await decodeShare(old.value) : undefined;
    expect(decOld?.ok && decOld.value.view).toEqual({});
  });

  it('leaves out the parts that do not check out', () => {
    expect(checkView({ tab: 'map', timeMs: Number.NaN, selection: { index: -1, name: 'x' }, camera: { position: ['<script>'.repeat(10)] } })).toEqual({});
    expect(checkView({ tab: 'sweep', timeMs: 1.6, camera: { a: { b: { c: { d: { e: 1 } } } } } })).toEqual({ tab: 'sweep', timeMs: 2 });
    expect(checkView(null)).toEqual({});
  });
});

describe('skipped element-set records', () => {
  const spec = { inclinationDeg: 53, raanDeg: 10, eccentricity: 0.001, argPerigeeDeg: 0, meanAnomalyDeg: 0, meanMotionRevPerDay: 15 };
  it('counts a TLE record with two bad checksums once, and stray lines each once', () => {
    const good = formatTle({ ...spec, catalog: 40_000, name: 'GOOD', epochMs: Date.UTC(2026, 5, 20) });
    const bad = formatTle({ ...spec, catalog: 40_001, name: 'BAD', epochMs: Date.UTC(2026, 5, 20) });
    bad[1] = `${bad[1].slice(0, 68)}${(Number(bad[1][68]) + 1) % 10}`;
    bad[2] = `${bad[2].slice(0, 68)}${(Number(bad[2][68]) + 1) % 10}`;
    // Records: GOOD (loads), BAD (two problems), a line 2 without its line 1, a trailing stray line → 3 skipped, 4 problems.
    const text = [...good, ...bad, bad[2], 'TRAILING NAME'].join('\r\n');
    const r = parseTle(text);
    expect(r.records).toHaveLength(1);
    expect(r.errors).toHaveLength(4);
    expect(skippedRecords(r.errors, r.records.length, text)).toBe(3);
    // Without the text each problem counts.
    expect(skippedRecords(r.errors)).toBe(4);
  });

  it('counts OMM records by index', () => {
    expect(skippedRecords([{ index: 3, message: 'a' }, { index: 3, message: 'b' }, { index: 7, message: 'c' }])).toBe(2);
    expect(skippedRecords([])).toBe(0);
  });
});

describe('satellites that stopped', () => {
  it('are found from the status codes with the time of the first row they stop in, and named with the reason the alerts give', () => {
    // 4 satellites × 5 rows, rows 2 steps of 60 s apart (120 s). Sat 1 stops in row 3, sat 3 from row 0.
    const N = 4;
    const codes = new Uint8Array(5 * N);
    for (let row = 0; row < 5; row++) {
      codes[row * N + 0] = STATUS_ECLIPSE;
      if (row >= 3) codes[row * N + 1] = STATUS_FAILED;
      codes[row * N + 3] = STATUS_FAILED;
    }
    const startMs = Date.UTC(2026, 0, 1);
    const src: FailedSource = {
      satelliteCount: N,
      satelliteNames: ['A', 'B', 'C', 'D'],
      statusCodes: codes,
      statusEvery: 2,
      startMs,
      stepMs: 60_000,
      steps: 10,
      elementErrors: [],
      scenario: small(),
      alerts: [{ code: 'satellites-decayed', severity: 'warning', title: '', detail: '', satellites: [3] }],
    };
    expect(failedSatellites(src)).toEqual([
      { index: 1, name: 'B', reason: 'stopped', atMs: startMs + 3 * 120_000 },
      { index: 3, name: 'D', reason: 'decayed', atMs: startMs },
    ]);
  });
});
