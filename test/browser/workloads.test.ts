// Issue 17, workload results: the 81-node cluster training preset (one
// 70 B training group over 20 Tbps links) opened by ?preset=. Its Workloads
// tab draws the delivered-vs-usable chart, the network strip and a job
// timeline with one training-group row; the workload KPI cards show
// training efficiency as a number above 0.9 (the preset's description: the
// all-reduce takes ≈0.13 s against ≈2.3 s of compute per step, so
// 2.3 / (2.3 + 0.13) ≈ 0.95 before checkpoints) and "—" for the types the
// design lacks. A design without workloads shows the empty state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, startHarness, type Harness } from '../support/browser';
import { kpiValue, text, waitDone } from '../support/app-page';

let h: Harness;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  page = await openPage(h, '?preset=ai-cluster-81-training', errors, { width: 1280, height: 800 });
  await waitDone(page, 240_000);
}, 300_000);

afterAll(async () => {
  await page?.close();
  await h?.close();
});

describe('workloads tab', () => {
  it('shows the workload KPIs: training efficiency above 0.9, the absent types not applicable', async () => {
    const eta = await kpiValue(page, 'trainingEfficiency');
    expect(eta).not.toBeNull();
    expect(eta!).toBeGreaterThan(0.9);
    expect(eta!).toBeLessThanOrEqual(1);
    expect(await kpiValue(page, 'deliveredPflopHoursTraining')).toBeGreaterThan(0);
    for (const name of ['jobsCompleted', 'deadlineMissFraction', 'inferenceServedFraction', 'inferenceP95LatencyMs', 'deliveredPflopHoursBatch']) {
      expect(await kpiValue(page, name), name).toBeNull();
      expect(await text(page, `[data-kpi="${name}"]`), name).toBe('—');
    }
  });

  it('draws the delivered-vs-usable chart, the network strip, the summary and one training-group row', async () => {
    await page.click('[data-testid="lower-tab-workloads"]');
    expect(await page.getAttribute('[data-testid="lower-tab-workloads"]', 'aria-selected')).toBe('true');
    expect(await page.isVisible('[data-testid="workloads-empty"]')).toBe(false);
    // uPlot draws into a canvas sized to its box
    const chart = await page.locator('[data-testid="workloads-chart"] canvas').first().boundingBox();
    expect(chart!.width).toBeGreaterThan(150);
    expect(chart!.height).toBeGreaterThan(40);
    expect(await page.locator('[data-testid="workloads-network"] canvas').count()).toBeGreaterThan(0);
    // legend entries: training and usable, no inference or batch (the design has neither)
    const legend = await page.locator('[data-testid="workloads-chart"] .u-legend .u-label').allTextContents();
    expect(legend).toEqual(expect.arrayContaining(['Training', 'Usable']));
    expect(legend).not.toContain('Inference');
    // one training group, no batch jobs; the group trains (a training span covers most of the run)
    expect(await page.locator('[data-gantt-row="group"]').count()).toBe(1);
    expect(await page.locator('[data-gantt-row="job"]').count()).toBe(0);
    const widths = await page.$$eval('[data-gantt-row="group"] [data-bar="training"]', (bars) => bars.reduce((s, b) => s + b.getBoundingClientRect().width, 0));
    const track = await page.$eval('[data-gantt-row="group"] .wl-track', (t) => t.getBoundingClientRect().width);
    expect(widths / track).toBeGreaterThan(0.9);
    // the summary row's efficiency is the KPI's
    const rowEta = Number(await page.getAttribute('[data-workload-row="training"] [data-value]', 'data-value'));
    expect(rowEta).toBeCloseTo((await kpiValue(page, 'trainingEfficiency'))!, 6);
    expect(errors).toEqual([]);
  });

  it('shows the empty state for a design without workloads', async () => {
    const p2 = await openPage(h, '?preset=starter-shell', errors, { width: 1280, height: 800 });
    try {
      await waitDone(p2, 240_000);
      await p2.click('[data-testid="lower-tab-workloads"]');
      expect(await p2.isVisible('[data-testid="workloads-empty"]')).toBe(true);
      expect(await p2.textContent('[data-testid="workloads-empty"]')).toContain('Design tab');
      expect(await kpiValue(p2, 'trainingEfficiency')).toBeNull();
    } finally {
      await p2.close();
    }
  }, 300_000);
});
