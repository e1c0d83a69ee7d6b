// Issue 14, numbers and panel (items 6 and 11): formatted KPI values that read
// the same in the KPI cards and the comparison table, KPI tooltips with
// definitions (no internal field names), field tooltips with unit and source,
// plain-language validation, the stale badge, the compute-efficiency lock and
// the modelling assumptions. Screenshots of the KPI column and the panel at
// 1280 × 720 go to test-artifacts/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACT_DIR, openPage, startHarness, type Harness } from '../support/browser';
import { kpiValue, text as textOn, waitDone as waitDoneOn } from '../support/app-page';
import { KPI_NAMES } from '../../src/engine/output/result';

let h: Harness;
let page: Page;
const errors: string[] = [];
const text = (sel: string) => textOn(page, sel);
const waitDone = (timeout = 90_000) => waitDoneOn(page, timeout);

/** An internal camelCase name such as "meanUsableComputePflops" or "computeTflops" (not "kWh", "DoD"). */
const CAMEL = /\b[a-z]{2,}[A-Z][a-z]+/;

beforeAll(async () => {
  h = await startHarness();
  page = await openPage(h, '', errors, { width: 1280, height: 720 });
  await waitDone();
}, 180_000);

afterAll(async () => {
  await page?.close();
  await h?.close();
});

describe('numbers and KPI tooltips', () => {
  it('shows each KPI formatted with its raw value kept in data-value, and tooltips that define it in plain words', async () => {
    // The starter shell: 80 nodes × 91,800 TFLOPS = 7,344,000 TFLOPS = 7,344 PFLOPS = 7.344 EFLOPS installed.
    expect(await kpiValue(page, 'installedComputePflops')).toBe(7344);
    expect(await text('[data-kpi="installedComputePflops"]')).toBe('7.344');
    expect(await text('[data-kpi-card="installedComputePflops"] .kpi-unit')).toBe('EFLOPS');
    for (const name of KPI_NAMES) {
      const title = (await page.getAttribute(`[data-kpi-card="${name}"]`, 'title')) ?? '';
      expect(title, name).toContain('Unit:');
      expect(title.length, name).toBeGreaterThan(40);
      expect(title, name).not.toMatch(CAMEL);
      for (const other of KPI_NAMES) expect(title.includes(other), `${name} tooltip names ${other}`).toBe(false);
    }
    const eclipse = (await page.getAttribute('[data-kpi-card="eclipseFraction"]', 'title')) ?? '';
    expect(eclipse).toMatch(/shadow/);
    expect(eclipse).toMatch(/penumbra/);
  });

  it('writes a value the same way in the KPI card, the comparison table and the design list', async () => {
    const card = `${await text('[data-kpi="meanUsableComputePflops"]')} ${await text('[data-kpi-card="meanUsableComputePflops"] .kpi-unit')}`;
    expect(card).toMatch(/^\d{1,3}(\.\d+)? [PE]FLOPS$/);
    expect(await text('[data-testid="design-list"] [data-design].active')).toContain(`${card} usable`);
    await page.click('[data-testid="tab-compare"]');
    const cell = page.locator('[data-testid="compare-table"] [data-kpi-row="meanUsableComputePflops"] [data-design-cell] .v').first();
    await cell.waitFor();
    expect((await cell.textContent())?.replace('★', '').trim()).toBe(card);
    const th = (await page.getAttribute('[data-kpi-row="meanUsableComputePflops"] th', 'title')) ?? '';
    expect(th).not.toMatch(CAMEL);
    await page.click('[data-testid="tab-design"]');
  });
});

describe('parameter panel', () => {
  it('gives each field a tooltip and ⓘ with its meaning, unit and the source of its default', async () => {
    const tip = (await page.getAttribute('[data-info-for="node.solarArrayAreaM2"]', 'title')) ?? '';
    expect(tip).toContain('Unit: m²');
    expect(tip).toContain('Default: 116 m²');
    expect(tip).toMatch(/Source: .*ECONOMICS\.md/);
    expect(await page.getAttribute('[name="node.solarArrayAreaM2"]', 'title')).toBe(tip);
    const station = (await page.getAttribute('[data-info-for="groundStations[0].acquisitionS"]', 'title')) ?? '';
    expect(station).toContain('Unit: s');
    expect(station).toContain('Cobham SAILOR 900');
    // Every field of the open groups has one.
    const missing = await page.$$eval('#panel .field', (rows) => rows.filter((r) => !r.querySelector('.field-info[title]')).length);
    expect(missing).toBe(0);
  });

  it('says what is wrong with a bad value in plain words naming the field, and marks the results stale', async () => {
    const input = '[name="constellation.altitudeKm"]';
    const box = page.locator('.field-error[data-error-for="constellation.altitudeKm"]');
    await page.fill(input, '-5');
    await box.waitFor({ state: 'visible' });
    expect(await box.textContent()).toBe('Altitude must be between 160 and 40,000 km');
    // The engine's wording stays available as a hook.
    expect(await box.getAttribute('data-issue')).toBe('constellation.altitudeKm: Too small: expected number to be >=160');
    await page.waitForSelector('[data-testid="kpi-stale"]:not([hidden])');
    expect(await text('[data-testid="kpi-stale"]')).toMatch(/^stale.*invalid/);
    expect(await page.getAttribute('#kpis', 'class')).toMatch(/\bstale\b/);
    await page.fill(input, 'abc');
    await page.waitForFunction(() => document.querySelector('.field-error[data-error-for="constellation.altitudeKm"]')?.textContent === 'Altitude must be a number (in km), not “abc”');
    await page.screenshot({ path: `${ARTIFACT_DIR}/panel-invalid-1280x720.png` });
    await page.fill(input, '550');
    expect(await box.isVisible()).toBe(false);
    await waitDone();
    await page.waitForSelector('[data-testid="kpi-stale"]', { state: 'hidden' });
    expect(await page.getAttribute('#kpis', 'class')).not.toMatch(/\bstale\b/);
  });

  it('keeps TFLOPS per kW when the compute power changes with the lock on, and not with it off', async () => {
    const eff = '[data-testid="compute-efficiency"]';
    const tflops = '[name="node.computeTflops"]';
    // 91,800 TFLOPS / 20 kW = 4,590 TFLOPS/kW (918 TFLOP/s per ≈200 W TPU v6e-class chip).
    expect(await page.inputValue(eff)).toBe('4590');
    expect(await page.getAttribute('[data-testid="efficiency-lock"]', 'aria-pressed')).toBe('true');
    await page.fill('[name="node.computePowerW"]', '40000');
    // Locked: 4,590 × 40 kW = 183,600 TFLOPS.
    expect(await page.inputValue(tflops)).toBe('183600');
    expect(await page.inputValue(eff)).toBe('4590');
    await page.locator('[data-testid="compute-efficiency-row"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACT_DIR}/panel-efficiency-1280x720.png` });
    // Unlocked: the compute stays, so halving the power doubles the efficiency: 183,600 / 20 kW = 9,180.
    await page.click('[data-testid="efficiency-lock"]');
    expect(await page.getAttribute('[data-testid="efficiency-lock"]', 'aria-pressed')).toBe('false');
    await page.fill('[name="node.computePowerW"]', '20000');
    expect(await page.inputValue(tflops)).toBe('183600');
    expect(await page.inputValue(eff)).toBe('9180');
    // Editing the efficiency sets the compute at the current power: 4,590 × 20 kW = 91,800 TFLOPS.
    await page.fill(eff, '4590');
    expect(await page.inputValue(tflops)).toBe('91800');
    await page.click('[data-testid="efficiency-lock"]');
    // Back to the starter node: the installed compute is 80 × 91,800 TFLOPS again.
    await waitDone();
    await page.waitForFunction(() => document.querySelector('[data-kpi="installedComputePflops"]')?.getAttribute('data-value') === '7344');
  });

  it('lists the modelling assumptions with a link to the README', async () => {
    await page.click('[data-testid="assumptions"] summary');
    const t = await text('[data-testid="assumptions"]');
    expect(t).toContain('SGP4');
    expect(t).toMatch(/spherical Earth/);
    expect(t).toMatch(/penumbra/);
    expect(t).toMatch(/Two lumped nodes/);
    expect(await page.getAttribute('[data-testid="assumptions"] a', 'href')).toMatch(/README\.md#models/);
    await page.screenshot({ path: `${ARTIFACT_DIR}/kpis-assumptions-1280x720.png` });
    await page.click('[data-testid="assumptions"] summary');
    await page.screenshot({ path: `${ARTIFACT_DIR}/kpis-panel-1280x720.png` });
    expect(errors).toEqual([]);
  });
});
