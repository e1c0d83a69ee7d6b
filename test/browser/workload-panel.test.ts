// Issue 17, workload input: on the starter shell the Design tab's Workloads
// group adds a batch workload with the defaults, the scheduler switch
// re-analyses the design, the workload KPI cards (jobs completed, deadline
// miss fraction) show numbers, a bad value names its field, and Remove takes
// the workload out again. Screenshot of the panel at 1280 × 720 in test-artifacts/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACT_DIR, openPage, startHarness, type Harness } from '../support/browser';
import { kpiValue, text, waitDone } from '../support/app-page';

let h: Harness;
let page: Page;
const errors: string[] = [];
const hash = () => text(page, '[data-testid="input-hash"]');

/** Waits until the input hash differs from `before` (a new scenario is analysed) and the analysis is done. */
async function reanalysed(before: string): Promise<string> {
  await page.waitForFunction((b) => {
    const t = document.querySelector('[data-testid="input-hash"]')?.textContent?.trim();
    return t !== undefined && t !== b && t !== '········';
  }, before);
  await waitDone(page);
  return hash();
}

beforeAll(async () => {
  h = await startHarness();
  page = await openPage(h, '', errors, { width: 1280, height: 720 });
  await waitDone(page);
}, 180_000);

afterAll(async () => {
  await page?.close();
  await h?.close();
});

describe('workload panel', () => {
  it('adds a batch workload, re-analyses on a scheduler switch and shows the batch KPIs', async () => {
    // The starter shell has no workload: the batch KPIs are not computed.
    expect(await kpiValue(page, 'jobsCompleted')).toBeNull();
    await page.click('details[data-group="workloads"] > summary');
    await page.waitForSelector('[data-testid="workload-panel"]');
    expect(await page.inputValue('[data-testid="workload-scheduler"]')).toBe('look-ahead');

    let before = await hash();
    await page.click('[data-testid="add-batch"]');
    // The entry carries the engine's defaults: 24 jobs, due 4 h after arrival.
    expect(await page.inputValue('[name="workloads.batch[0].jobs"]')).toBe('24');
    expect(await page.inputValue('[name="workloads.batch[0].deadlineHours"]')).toBe('4');
    const tip = (await page.getAttribute('[data-info-for="workloads.batch[0].deadlineHours"]', 'title')) ?? '';
    expect(tip).toContain('Unit: h');
    expect(tip).toContain('Default: 4 h');
    expect(tip).toMatch(/Source: /);
    before = await reanalysed(before);
    const lookAhead = { jobs: await kpiValue(page, 'jobsCompleted'), miss: await kpiValue(page, 'deadlineMissFraction') };

    await page.selectOption('[data-testid="workload-scheduler"]', 'naive');
    await reanalysed(before);
    const naive = { jobs: await kpiValue(page, 'jobsCompleted'), miss: await kpiValue(page, 'deadlineMissFraction') };
    for (const r of [lookAhead, naive]) {
      // At most the 24 jobs that arrive; a share of them missed.
      expect(Number.isInteger(r.jobs)).toBe(true);
      expect(r.jobs!).toBeGreaterThanOrEqual(0);
      expect(r.jobs!).toBeLessThanOrEqual(24);
      expect(r.miss!).toBeGreaterThanOrEqual(0);
      expect(r.miss!).toBeLessThanOrEqual(1);
    }
    expect(await text(page, '[data-kpi="jobsCompleted"]')).toMatch(/^\d+$/);
    expect(await text(page, '[data-kpi="deadlineMissFraction"]')).toMatch(/\d/);
    expect(await page.textContent('.workload-scheduler-help')).toMatch(/^Naive/);
    await page.locator('[data-testid="workload-panel"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACT_DIR}/workload-panel-1280x720.png` });
  });

  it('names the field of a bad value (latency budget −1)', async () => {
    await page.click('[data-testid="add-inference"]');
    const input = '[name="workloads.inference[0].latencyBudgetMs"]';
    const box = page.locator('.field-error[data-error-for="workloads.inference[0].latencyBudgetMs"]');
    await page.fill(input, '-1');
    await box.waitFor({ state: 'visible' });
    expect(await box.textContent()).toBe('Latency budget must be greater than 0 ms');
    expect(await page.getAttribute(input, 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('details[data-group="workloads"]', 'class')).toMatch(/\bhas-error\b/);
    await page.locator(input).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACT_DIR}/workload-panel-invalid-1280x720.png` });
    await page.fill(input, '100');
    await box.waitFor({ state: 'hidden' });
  });

  it('removes workloads', async () => {
    const before = await hash();
    await page.click('[data-testid="remove-inference-0"]');
    await page.click('[data-testid="remove-batch-0"]');
    expect(await page.locator('[data-workload]').count()).toBe(0);
    await reanalysed(before);
    expect(await kpiValue(page, 'jobsCompleted')).toBeNull();
    expect(errors).toEqual([]);
  });
});
