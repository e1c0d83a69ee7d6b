// Issue 15, live tuning: AnalysisClient's live mode (one run in flight, the
// newest value pending, intermediate results in order, cancel rules),
// ActiveDesign's live edits, and the sliders' ranges (live-tuning.ts). The
// worker is a fake whose runs the test resolves by hand.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnalysisClient, type AnalysisRemote, type AnalysisStatus } from '../../src/ui/analysis-client';
import { ActiveDesign } from '../../src/ui/active-design';
import { DesignSet } from '../../src/ui/designs';
import { fieldForPath } from '../../src/ui/fields';
import { isSlidable, liveTuningAllowed, niceStep, sliderRange } from '../../src/ui/live-tuning';
import { presetDraft } from '../../src/ui/design-presets';
import { DEFAULT_PRESET } from '../../src/engine/input/presets';
import { normaliseScenario } from '../../src/engine/input/scenario';
import type { AnalysisOutcome, AnalysisResult, ProgressCallback, RunOptions } from '../../workers/protocol';

afterEach(() => {
  vi.useRealTimers();
});

function fakeAnalysis() {
  const runs: Array<{ seq: number; input: unknown; progress?: ProgressCallback; preview: boolean; resolve: (o: AnalysisOutcome) => void }> = [];
  const cancelled: number[] = [];
  const api: AnalysisRemote = {
    run: ((input: unknown, seq: number, progress?: ProgressCallback, options?: RunOptions) =>
      new Promise<AnalysisOutcome>((resolve) => runs.push({ seq, input, progress, preview: options?.preview === true, resolve }))) as unknown as AnalysisRemote['run'],
    cancel: (async (seq: number) => {
      cancelled.push(seq);
    }) as unknown as AnalysisRemote['cancel'],
    detail: (async () => null) as unknown as AnalysisRemote['detail'],
  };
  return { api, runs, cancelled };
}

const result = (seq: number) => ({ seq }) as unknown as AnalysisResult;
const done = (seq: number): AnalysisOutcome => ({ kind: 'done', seq, result: result(seq) });
/** Lets the client's promise callbacks run. */
const settle = () => new Promise((r) => setTimeout(r, 0));

/** A client on a fake worker, with a clock the test moves (ms). */
function liveClient() {
  const f = fakeAnalysis();
  const statuses: AnalysisStatus[] = [];
  const shown: Array<{ seq: number; intermediate: boolean }> = [];
  const clock = { t: 0 };
  const c = new AnalysisClient(
    f.api,
    { onStatus: (s) => statuses.push(s), onResult: (r, intermediate) => shown.push({ seq: r.seq, intermediate: intermediate === true }) },
    300,
    (fn) => fn,
    { now: () => clock.t },
  );
  return { f, c, statuses, shown, clock };
}

describe('AnalysisClient live mode', () => {
  it('starts at once when idle, keeps only the newest request pending, shows the in-flight result as intermediate and ends on the last value', async () => {
    const { f, c, statuses, shown, clock } = liveClient();
    c.scheduleLive({ v: 1 }, 1);
    // No debounce: the run is on its way before any timer.
    expect(f.runs.map((r) => r.seq)).toEqual([1]);
    expect(statuses.at(-1)).toEqual({ state: 'running', progress: 0 });
    // Three more values while run 1 is in flight (within 1 s): one pending, replaced twice, none cancelled.
    clock.t = 100;
    c.scheduleLive({ v: 2 }, 2);
    c.scheduleLive({ v: 3 }, 3);
    c.scheduleLive({ v: 4 }, 4);
    expect(f.runs.map((r) => r.seq)).toEqual([1]);
    expect(f.cancelled).toEqual([]);
    expect(c.counters.replaced).toBe(2);
    // Run 1 ends: its result is shown, marked intermediate; the status stays running; the newest value (4) starts, never 2 or 3.
    clock.t = 600;
    f.runs[0].resolve(done(1));
    await settle();
    expect(shown).toEqual([{ seq: 1, intermediate: true }]);
    expect(statuses.at(-1)?.state).toBe('running');
    expect(f.runs.map((r) => r.seq)).toEqual([1, 4]);
    expect(f.runs[1].input).toEqual({ v: 4 });
    // The last value's result is the final one: done.
    clock.t = 1100;
    f.runs[1].resolve(done(4));
    await settle();
    expect(shown).toEqual([
      { seq: 1, intermediate: true },
      { seq: 4, intermediate: false },
    ]);
    expect(statuses.at(-1)).toEqual({ state: 'done' });
    expect(c.counters).toMatchObject({ started: 2, liveStarted: 2, cancelled: 0, replaced: 2, shown: 2, intermediate: 1 });
  });

  it('over a long drag runs at most one request per finished run (no queue) and shows results in increasing order', async () => {
    const { f, c, shown, clock } = liveClient();
    // 40 values 50 ms apart (2 s at 20 Hz); every run takes 400 ms of the test's clock.
    const startedAt: number[] = [];
    const ended = new Set<number>();
    /** Ends the run in flight once it has had its 400 ms; notes when new runs start. */
    const tick = async () => {
      while (startedAt.length < f.runs.length) startedAt.push(clock.t);
      const k = f.runs.length - 1;
      if (k >= 0 && !ended.has(k) && clock.t >= startedAt[k] + 400) {
        ended.add(k);
        f.runs[k].resolve(done(f.runs[k].seq));
        await settle();
        while (startedAt.length < f.runs.length) startedAt.push(clock.t);
      }
    };
    let seq = 0;
    for (let k = 0; k < 40; k++) {
      clock.t = 50 * k;
      await tick();
      c.scheduleLive({ v: k }, ++seq);
    }
    // The drag has ended: time runs on until the last value's result is in.
    while (shown.at(-1)?.seq !== seq) {
      clock.t += 50;
      await tick();
    }
    // 2 s of dragging with 400 ms runs: at most 2000 / 400 + 2 = 7 runs, not 40.
    expect(f.runs.length).toBeLessThanOrEqual(7);
    expect(f.runs.length).toBeGreaterThan(2);
    const seqs = shown.map((s) => s.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(shown.filter((s) => s.intermediate).length).toBeGreaterThan(1);
    expect(shown.at(-1)).toEqual({ seq: 40, intermediate: false });
    expect(f.runs.at(-1)!.input).toEqual({ v: 39 });
    expect(f.cancelled).toEqual([]);
  });

  it('cancels the in-flight run only once it has run longer than a replay should (max(1 s, 1.5 × the last run))', async () => {
    vi.useFakeTimers();
    const { f, c, shown, clock } = liveClient();
    // Before any run completed the limit is 1 s.
    expect(c.cancelAfterMs()).toBe(1000);
    c.scheduleLive({ v: 1 }, 1);
    clock.t = 200;
    c.scheduleLive({ v: 2 }, 2);
    // 200 ms in: kept.
    await vi.advanceTimersByTimeAsync(799);
    expect(f.cancelled).toEqual([]);
    // 1 s in with a newer value waiting: run 1 is no fast replay; cancelled, 2 starts at once.
    clock.t = 1000;
    await vi.advanceTimersByTimeAsync(1);
    expect(f.cancelled).toEqual([1]);
    expect(f.runs.map((r) => r.seq)).toEqual([1, 2]);
    // The cancelled run's late "cancelled" answer changes nothing; run 2 takes 2 s: the limit becomes 1.5 × 2 s = 3 s.
    f.runs[0].resolve({ kind: 'cancelled', seq: 1 });
    clock.t = 3000;
    f.runs[1].resolve(done(2));
    await vi.advanceTimersByTimeAsync(0);
    expect(shown).toEqual([{ seq: 2, intermediate: false }]);
    expect(c.cancelAfterMs()).toBe(3000);
    // A run that ends within the limit is never cancelled.
    c.scheduleLive({ v: 3 }, 3);
    clock.t = 5000;
    c.scheduleLive({ v: 4 }, 4);
    await vi.advanceTimersByTimeAsync(900);
    clock.t = 5900;
    f.runs[2].resolve(done(3));
    await vi.advanceTimersByTimeAsync(0);
    expect(f.cancelled).toEqual([1]);
    expect(shown.at(-1)).toEqual({ seq: 3, intermediate: true });
    expect(f.runs.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    // A run slower than 6 s is cancelled whatever the last run took.
    const slow = liveClient();
    slow.c.scheduleLive({}, 1);
    slow.clock.t = 20_000;
    slow.f.runs[0].resolve(done(1));
    await vi.advanceTimersByTimeAsync(0);
    expect(slow.c.cancelAfterMs()).toBe(6000);
  });

  it('a request already older than the in-flight run is never run, and no result older than one shown is shown', async () => {
    const { f, c, shown } = liveClient();
    c.scheduleLive({ v: 1 }, 1);
    c.scheduleLive({ v: 2 }, 2);
    // An ordinary edit (typed value, another design) supersedes the pending live value: it runs at once, cancelling 1.
    c.schedule({ v: 3 }, 3, true);
    expect(f.cancelled).toEqual([1]);
    expect(f.runs.map((r) => r.seq)).toEqual([1, 3]);
    // Run 1 still answered "done" (the cancel came too late): older than the edit, not shown; 2 never starts.
    f.runs[0].resolve(done(1));
    await settle();
    expect(shown).toEqual([]);
    expect(f.runs.map((r) => r.seq)).toEqual([1, 3]);
    f.runs[1].resolve(done(3));
    await settle();
    expect(shown).toEqual([{ seq: 3, intermediate: false }]);
    // Live again: 4 runs; 5 waits; 4 is cancelled (slow) and 5 started; 5 ends first, then 4's late "done" is dropped.
    c.scheduleLive({ v: 4 }, 4);
    c.scheduleLive({ v: 5 }, 5);
    (c as unknown as { startPending(cancel: boolean): void }).startPending(true);
    expect(f.runs.map((r) => r.seq)).toEqual([1, 3, 4, 5]);
    f.runs[3].resolve(done(5));
    await settle();
    f.runs[2].resolve(done(4));
    await settle();
    expect(shown.map((s) => s.seq)).toEqual([3, 5]);
  });

  it('keeps the ordinary edit path as it was: debounced, and a stale result dropped', async () => {
    vi.useFakeTimers();
    const { f, c, shown, statuses } = liveClient();
    c.schedule({}, 1);
    c.schedule({}, 2);
    await vi.advanceTimersByTimeAsync(300);
    expect(f.runs.map((r) => r.seq)).toEqual([2]);
    c.schedule({}, 3, true);
    f.runs[0].resolve(done(2));
    await vi.advanceTimersByTimeAsync(0);
    expect(shown).toEqual([]);
    f.runs[1].resolve(done(3));
    await vi.advanceTimersByTimeAsync(0);
    expect(shown).toEqual([{ seq: 3, intermediate: false }]);
    expect(statuses.at(-1)).toEqual({ state: 'done' });
  });
});

describe('ActiveDesign live edits', () => {
  function setup(draft: Record<string, unknown>) {
    const f = fakeAnalysis();
    const designs = new DesignSet();
    designs.add(draft, 'custom');
    let seq = 0;
    const a = new ActiveDesign(designs, f.api, () => ++seq);
    const shown: Array<{ seq: number; intermediate: boolean }> = [];
    a.resultChanged.on(({ result, intermediate }) => shown.push({ seq: result.seq, intermediate: intermediate === true }));
    return { f, a, shown, designs };
  }
  const base = () => presetDraft(DEFAULT_PRESET)!;
  const withArea = (d: Record<string, unknown>, area: number) => ({ ...d, node: { ...(d.node as object), solarArrayAreaM2: area } });

  it('drags: previews of left values shown as intermediate; the release runs the final value in full', async () => {
    const { f, a, shown, designs } = setup(base());
    a.load(designs.active!);
    f.runs[0].resolve(done(1));
    await settle();
    expect(shown).toEqual([{ seq: 1, intermediate: false }]);
    let d = base();
    for (const area of [120, 125, 130]) a.editLive((d = withArea(d, area)));
    // 2 runs, 3 and 4 wait as one pending (4).
    expect(f.runs.map((r) => r.seq)).toEqual([1, 2]);
    f.runs[1].resolve(done(2));
    await settle();
    expect(shown.at(-1)).toEqual({ seq: 2, intermediate: true });
    expect(f.runs.map((r) => r.seq)).toEqual([1, 2, 4]);
    expect((f.runs[2].input as { node: { solarArrayAreaM2: number } }).node.solarArrayAreaM2).toBe(130);
    // Live values run as previews (the window only); typed edits in full.
    expect(f.runs.map((r) => r.preview)).toEqual([false, true, true]);
    // The release (an ordinary edit of the same value) runs it in full (debounced), replacing the preview.
    a.edit(d, false);
    await new Promise((r) => setTimeout(r, 350));
    expect(f.runs.map((r) => r.seq)).toEqual([1, 2, 4, 5]);
    expect(f.runs[3].preview).toBe(false);
    expect((f.runs[3].input as { node: { solarArrayAreaM2: number } }).node.solarArrayAreaM2).toBe(130);
    f.runs[2].resolve(done(4));
    f.runs[3].resolve(done(5));
    await settle();
    expect(shown.at(-1)).toEqual({ seq: 5, intermediate: false });
    expect(a.result?.seq).toBe(5);
  });

  it('falls back to the debounced edit for designs above 1,000 satellites', async () => {
    vi.useFakeTimers();
    const big = base();
    // 29 planes × 35 = 1,015 satellites.
    big.constellation = { ...(big.constellation as object), type: 'walker', planes: 29, satellitesPerPlane: 35, phasing: 1 };
    const { f, a } = setup(big);
    a.editLive(withArea(big, 120));
    expect(f.runs).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(300);
    expect(f.runs).toHaveLength(1);
  });
});

describe('live tuning limits and slider ranges', () => {
  const scenario = (planes: number, perPlane: number, durationHours = 24) =>
    normaliseScenario({ startUtc: '2026-06-21T00:00:00Z', durationHours, constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes, satellitesPerPlane: perPlane } });

  it('allows designs up to 1,000 satellites × 1 day at 60 s', () => {
    // 8 × 10 = 80 satellites × 1,440 steps (24 h / 60 s) = 115,200.
    expect(liveTuningAllowed(scenario(8, 10))).toBe(true);
    // 25 × 40 = 1,000 × 1,440 = 1,440,000 ≤ 1,500,000.
    expect(liveTuningAllowed(scenario(25, 40))).toBe(true);
    // 1,001 satellites (7 × 143).
    expect(liveTuningAllowed(scenario(7, 143))).toBe(false);
    // 80 satellites × 30 days: 80 × 43,200 = 3,456,000 satellite-steps.
    expect(liveTuningAllowed(scenario(8, 10, 720))).toBe(false);
  });

  it('gives sliders to node-only number fields, not to fields that move satellites or set the run', () => {
    const d = presetDraft(DEFAULT_PRESET)!;
    const f = (p: string) => fieldForPath(p, d)!;
    for (const p of ['node.solarArrayAreaM2', 'node.batteryCapacityKWh', 'node.radiatorAreaM2', 'node.computePowerW', 'node.storageGB', 'mass.computeMassKgPerKW', 'economics.launchUsdPerKg', 'lifetime.acceleratorDoseLimitKrad', 'environment.shieldingMmAl']) {
      expect(isSlidable(f(p)), p).toBe(true);
    }
    for (const p of ['constellation.altitudeKm', 'constellation.planes', 'durationHours', 'stepSeconds', 'groundStations[0].latitudeDeg', 'lifetime.sampleDays', 'node.massKg', 'node.arrayPointing', 'environment.albedo']) {
      expect(isSlidable(f(p)), p).toBe(false);
    }
  });

  it('ranges: schema bounds when near the default, else 0 … 4 × the default; exclusive bounds one step in', () => {
    const d = presetDraft(DEFAULT_PRESET)!;
    const r = (p: string) => sliderRange(fieldForPath(p, d)!, undefined, d);
    // Array area: > 0 (exclusive), schema max 1e8 m² is a sanity cap: 0 … 4 × 116 = 464 m², step 5 (92 positions) → 5 … 460.
    expect(r('node.solarArrayAreaM2')).toEqual({ min: 5, max: 460, step: 5 });
    // Cell efficiency: (0, 1], step 0.01 → 0.01 … 1.
    expect(r('node.solarCellEfficiency')).toEqual({ min: 0.01, max: 1, step: 0.01 });
    // Battery min SoC: [0, 1], step 0.05 gives 20 positions (< 50): 1-2-5 step of 1/200 = 0.005.
    expect(r('node.batteryMinStateOfCharge')).toEqual({ min: 0, max: 1, step: 0.005 });
    // Temperature coefficient: default −0.0035 /K; schema min −0.05 is beyond 10 × 0.0035: −4 × 0.0035 = −0.014; max 0.01 kept;
    // span 0.024 / 0.0005 = 48 positions (< 50) → step 1-2-5 above 0.024 / 200 = 0.00012 → 0.0002.
    expect(r('node.solarCellTempCoefficientPerK')).toEqual({ min: -0.014, max: 0.01, step: 0.0002 });
    // Life (int): [1, 50] years, 49 positions → step 1.
    expect(r('economics.lifetimeYears')).toEqual({ min: 1, max: 50, step: 1 });
    // PUE: [1, 10], step 0.05 → 180 positions.
    expect(r('economics.terrestrial.pue')).toEqual({ min: 1, max: 10, step: 0.05 });
    // With the field's value the steps run through it: 116 m² in steps of 5 → 116 − 23 × 5 = 1 (> 0) … 116 + 69 × 5 = 461 (≤ 464).
    expect(sliderRange(fieldForPath('node.solarArrayAreaM2', d)!, 116, d)).toEqual({ min: 1, max: 461, step: 5 });
    // Battery min SoC 0.2 in steps of 0.005 over [0, 1]: 0 … 1 (0.2 is on the grid).
    expect(sliderRange(fieldForPath('node.batteryMinStateOfCharge', d)!, 0.2, d)).toEqual({ min: 0, max: 1, step: 0.005 });
    // A value far above the default widens the scale: 1,000 m² → 0 … 4 × 1,000 m²; step 5 would give 800 positions (> 500):
    // 1-2-5 step above 4,000 / 200 = 20 → 20, through 1,000: 1,000 − 49 × 20 = 20 (> 0) … 4,000.
    expect(sliderRange(fieldForPath('node.solarArrayAreaM2', d)!, 1000, d)).toEqual({ min: 20, max: 4000, step: 20 });
    // 117 m² (off the 5-step grid from 0; the scale is now 117): 117 − 23 × 5 = 2 … 117 + 70 × 5 = 467 (≤ 4 × 117 = 468).
    expect(sliderRange(fieldForPath('node.solarArrayAreaM2', d)!, 117, d)).toEqual({ min: 2, max: 467, step: 5 });
    expect(niceStep(0.00012)).toBe(0.0002);
    expect(niceStep(3)).toBe(5);
    expect(niceStep(1)).toBe(1);
  });
});
