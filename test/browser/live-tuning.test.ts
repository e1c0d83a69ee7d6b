// Issue 15, live tuning: dragging a node slider on the default design (80
// satellites) re-analyses while it moves. The KPIs follow the drag
// (intermediate results shown), the runs replay cached geometry, the runs
// started stay bounded (no queue), and the final KPIs equal those of typing
// the final value into the number box. Counts only, no timing assertions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, startHarness, type Harness } from '../support/browser';
import { animationFrames, kpiValues, waitDone } from '../support/app-page';
import type { AnalysisCounters } from '../../src/ui/analysis-client';
import type { LiveTuningDiagnostics } from '../../src/ui/live-tuning';
import type { AppDiagnostics } from '../../src/ui/url-params';

let h: Harness;
let page: Page;
const errors: string[] = [];
const PATH = 'node.solarArrayAreaM2';
const SLIDER = `[data-testid="slider-${PATH}"]`;
const BOX = `[name="${PATH}"]`;
/** A KPI the array area moves (the default design is power-limited a third of the time). */
const KPI = 'meanUsableComputePflops';

type Win = Window & {
  ocsLiveTuning: LiveTuningDiagnostics;
  ocsDiagnostics: AppDiagnostics;
  __lt?: { kpiChanges: string[]; intermediateShown: number };
};

const counters = (): Promise<AnalysisCounters> => page.evaluate(() => (window as unknown as Win).ocsLiveTuning.counters());
const cacheHits = async (): Promise<number> => (await page.evaluate(() => (window as unknown as Win).ocsDiagnostics.analysisWorkers()))[0]?.geometryCacheHits ?? 0;

beforeAll(async () => {
  h = await startHarness();
  page = await openPage(h, '?diagnostics=1', errors, { width: 1280, height: 720 });
  await waitDone(page);
}, 180_000);

afterAll(async () => {
  await page?.close();
  await h?.close();
});

describe('live tuning', () => {
  it('gives node fields a slider synced with the number box, and none to orbit fields', async () => {
    expect(await page.locator(SLIDER).count()).toBe(1);
    expect(await page.locator('[data-testid="slider-node.batteryCapacityKWh"]').count()).toBe(1);
    expect(await page.locator('[data-testid="slider-constellation.altitudeKm"]').count()).toBe(0);
    expect(await page.locator('[data-testid="slider-durationHours"]').count()).toBe(0);
    expect(await page.inputValue(SLIDER)).toBe(await page.inputValue(BOX));
  });

  it('re-analyses while the slider is dragged: intermediate results shown, runs bounded, final KPIs as typed', async () => {
    const slider = page.locator(SLIDER);
    await slider.scrollIntoViewIfNeeded();
    const box = (await slider.boundingBox())!;
    const [min, max, value] = await slider.evaluate((s: HTMLInputElement) => [Number(s.min), Number(s.max), Number(s.value)]);
    // The thumb (10 px wide, live-tuning.css) sits at min…max over the track less a thumb width.
    const xOf = (v: number) => box.x + 5 + ((v - min) / (max - min)) * (box.width - 10);
    const y = box.y + box.height / 2;
    // Watch the KPI and the intermediate mark as the page shows them.
    await page.evaluate((kpi) => {
      const w = window as unknown as Win;
      w.__lt = { kpiChanges: [], intermediateShown: 0 };
      const card = document.querySelector(`[data-kpi="${kpi}"]`)!;
      new MutationObserver(() => w.__lt!.kpiChanges.push(card.getAttribute('data-value') ?? '')).observe(card, { attributes: true, attributeFilter: ['data-value'] });
      const info = document.getElementById('run-info')!;
      new MutationObserver(() => {
        if (info.dataset.intermediate === '1') w.__lt!.intermediateShown++;
      }).observe(info, { attributes: true, attributeFilter: ['data-intermediate'] });
    }, KPI);
    const before = await counters();
    const hitsBefore = await cacheHits();

    // Drag at ~20 Hz, 3 px a step, to and fro across 60 % of the track, for 2 s and on until two
    // intermediate results were shown (a safety net of 40 s on a busy machine).
    const x0 = xOf(value);
    const span = Math.min(box.x + box.width - 6 - x0, (box.width - 10) * 0.6);
    await page.mouse.move(x0, y);
    await page.mouse.down();
    const t0 = Date.now();
    let k = 0;
    for (;;) {
      k++;
      const phase = (3 * k) % (2 * span);
      await page.mouse.move(x0 + (phase <= span ? phase : 2 * span - phase), y);
      await page.waitForTimeout(50);
      if (Date.now() - t0 < 2000) continue;
      const seen = await page.evaluate(() => (window as unknown as Win).__lt!.intermediateShown);
      if (seen >= 2 || Date.now() - t0 > 40_000) break;
    }
    // End away from the start value (the to-and-fro could pass it last).
    await page.mouse.move(x0 + span / 2 + 1, y);
    await page.waitForTimeout(50);
    const dragMs = Date.now() - t0;
    const during = await page.evaluate(() => ({ ...(window as unknown as Win).__lt! }));
    await page.mouse.up();
    await waitDone(page);
    await animationFrames(page);
    const after = await counters();

    // More than one result shown while dragging, each a new KPI value.
    expect(during.intermediateShown, JSON.stringify(during)).toBeGreaterThan(1);
    expect(new Set(during.kpiChanges).size, JSON.stringify(during)).toBeGreaterThan(1);
    expect(after.intermediate - before.intermediate).toBeGreaterThan(1);
    // Node-only edits replayed the cached geometry.
    expect(await page.getAttribute('#run-info', 'data-geometry-reused')).toBe('1');
    expect(await cacheHits()).toBeGreaterThan(hitsBefore);
    expect(await page.getAttribute('#run-info', 'data-intermediate')).toBe('0');
    // No queue: far fewer runs than input events, at most one per finished run (+ the first and the last).
    const started = after.started - before.started;
    const newRuns = after.runMs.slice(before.runMs.length);
    const shortest = Math.min(...newRuns);
    console.log(`live tuning: ${k} moves in ${dragMs} ms; ${started} runs started (${after.cancelled - before.cancelled} cancelled, ${after.replaced - before.replaced} pending requests replaced); ${after.intermediate - before.intermediate} intermediate results; run wall times ${newRuns.map((x) => Math.round(x)).join(', ')} ms`);
    expect(started).toBeGreaterThan(1);
    expect(started).toBeLessThan(k);
    expect(started).toBeLessThanOrEqual(Math.floor(dragMs / shortest) + 2);

    // The final value: box and slider agree; its KPIs equal those of typing it.
    const final = await page.inputValue(BOX);
    expect(Number(final)).not.toBe(value);
    expect(await page.inputValue(SLIDER)).toBe(final);
    const live = await kpiValues(page);
    await page.fill(BOX, String(value));
    await waitDone(page);
    expect((await kpiValues(page))[KPI]).not.toBe(live[KPI]);
    expect(await page.inputValue(SLIDER)).toBe(String(value));
    await page.fill(BOX, final);
    await waitDone(page);
    await animationFrames(page);
    expect(await kpiValues(page)).toEqual(live);
    expect(errors).toEqual([]);
  });
});
