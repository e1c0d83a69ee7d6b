// Issue 16 (app part): a results CSV computed elsewhere (here: the CLI's
// sweep, run in-process on a tiny design) opens in the Sweep tab's heat map
// and Pareto view with the file's values; a bad CSV is refused naming the
// line and column without losing what is shown; the tab exports its sweep
// as the file `npm run sim -- sweep` runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACT_DIR, openPage, startHarness, type Harness } from '../support/browser';
import { animationFrames, waitDone } from '../support/app-page';
import { main } from '../../src/cli/main';
import { KPI_NAMES } from '../../src/engine/output/result';
import { planSweep } from '../../src/engine/output/sweep';

let h: Harness;
let page: Page;
const errors: string[] = [];
let tmp: string;
let csvPath: string;
let csvLines: string[];

/** Two satellites, two hours: the CLI sweeps its six designs in a few seconds. */
const BASE = {
  name: 'tiny',
  startUtc: '2026-06-21T00:00:00Z',
  durationHours: 2,
  stepSeconds: 120,
  constellation: { type: 'sso', altitudeKm: 600, ltanHours: 10.5, satellitesPerPlane: 2 },
};
const ALTITUDES = [550, 800];
const RADIATORS = [20, 60, 100];

async function download(p: Page, click: () => Promise<unknown>): Promise<{ path: string; name: string }> {
  const [dl] = (await Promise.all([p.waitForEvent('download', { timeout: 60_000 }), click()])) as [Download, unknown];
  const path = join(tmp, dl.suggestedFilename());
  await dl.saveAs(path);
  return { path, name: dl.suggestedFilename() };
}

const state = () => page.getAttribute('[data-testid="sweep-status"]', 'data-state');

/** Rows of the design table: point index and raw metric value (data-value). */
const tableValues = () =>
  page.$$eval('[data-testid="sweep-points"] tbody tr[data-point-index]', (rows) => rows.map((r) => [Number(r.getAttribute('data-point-index')), r.getAttribute('data-value')] as const));

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'ocs-sweep-csv-'));
  const sweep = join(tmp, 'tiny-sweep.json');
  writeFileSync(sweep, JSON.stringify({ base: BASE, vary: [{ field: 'constellation.altitudeKm', values: ALTITUDES }, { field: 'node.radiatorAreaM2', values: RADIATORS }] }));
  csvPath = join(tmp, 'cluster-results.csv');
  let err = '';
  const code = await main(['sweep', sweep, '--out', csvPath, '--quiet'], { out: { write: () => true }, err: { write: (s: string) => ((err += s), true) } });
  if (code !== 0) throw new Error(`CLI sweep failed (${code}): ${err}`);
  csvLines = readFileSync(csvPath, 'utf8').trimEnd().split('\n');
  h = await startHarness();
  page = await openPage(h, '?play=0', errors);
  await waitDone(page);
}, 240_000);

afterAll(async () => {
  await page?.close();
  await h?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('sweep results from a CSV', () => {
  it('the CLI’s CSV opens in the heat map, Pareto view and table with the file’s values', async () => {
    expect(csvLines).toHaveLength(1 + ALTITUDES.length * RADIATORS.length);
    await page.click('[data-testid="tab-sweep"]');
    await page.setInputFiles('[data-testid="sweep-open-csv-input"]', csvPath);
    await page.waitForFunction(() => document.querySelector('[data-testid="sweep-status"]')?.getAttribute('data-state') === 'file', null, { timeout: 30_000 });
    expect(await page.textContent('[data-testid="sweep-status"]')).toContain('cluster-results.csv: 6 designs');
    const src = page.locator('[data-testid="sweep-source"]');
    expect(await src.getAttribute('data-source')).toBe('file');
    expect(await src.getAttribute('data-file-name')).toBe('cluster-results.csv');
    expect(await src.getAttribute('data-rows')).toBe('6');
    expect(await src.isVisible()).toBe(true);
    const chart = '[data-testid="sweep-chart"]';
    expect(await page.getAttribute(chart, 'data-kind')).toBe('heatmap');
    expect(await page.getAttribute(chart, 'data-source')).toBe('file');
    expect(await page.getAttribute(chart, 'data-cells')).toBe('6');
    expect(await page.getAttribute('[data-testid="pareto-chart"]', 'data-points')).toBe('6');
    // The table's values are the CSV's, row for row (plan order = grid order), for two metrics.
    for (const kpi of ['eclipseFraction', 'maxTemperatureC'] as const) {
      await page.selectOption('[name="sweep-metric"]', kpi);
      const col = 2 + KPI_NAMES.indexOf(kpi);
      const want = csvLines.slice(1).map((l, i) => [i, Number(l.split(',')[col])] as const);
      const got = (await tableValues()).map(([i, v]) => [i, Number(v)] as const);
      expect(got).toEqual(want);
    }
    // The table's field columns are the file's values.
    const fieldCells = await page.$$eval('[data-testid="sweep-points"] tbody tr[data-point-index]', (rows) => rows.map((r) => [...r.querySelectorAll('td')].slice(0, 2).map((c) => c.textContent)));
    expect(fieldCells.map((c) => c.map(Number))).toEqual(csvLines.slice(1).map((l) => l.split(',').slice(0, 2).map(Number)));
    // Rows from a file have no scenario: nothing to open.
    expect(await page.locator('[data-testid="sweep-points"] button').count()).toBe(0);
    await animationFrames(page);
    await page.screenshot({ path: `${ARTIFACT_DIR}/sweep-csv.png` });
  });

  it('a bad CSV is refused naming line and column; what is shown stays', async () => {
    const bad = csvLines.map((l, i) => (i === 3 ? l.replace(/^([^,]*,[^,]*,[^,]*),[^,]*/, '$1,oops') : l)).join('\n');
    await page.setInputFiles('[data-testid="sweep-open-csv-input"]', { name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    const alert = page.locator('#sweep [role="alert"]');
    await alert.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await alert.textContent()).toBe('broken.csv: line 4, column 4: satellitesFailed: "oops" is not a number');
    expect(await state()).toBe('file');
    expect(await page.getAttribute('[data-testid="sweep-source"]', 'data-file-name')).toBe('cluster-results.csv');
    expect(await page.getAttribute('[data-testid="sweep-chart"]', 'data-cells')).toBe('6');
  });

  it('a CSV dropped on the Sweep tab opens the same way', async () => {
    const text = readFileSync(csvPath, 'utf8');
    await page.evaluate((t) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], 'dropped.csv', { type: 'text/csv' }));
      document.querySelector('#sweep')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, text);
    await page.waitForFunction(() => document.querySelector('[data-testid="sweep-source"]')?.getAttribute('data-file-name') === 'dropped.csv', null, { timeout: 10_000 });
    expect(await page.locator('#sweep [role="alert"]').isHidden()).toBe(true);
    expect(await page.getAttribute('[data-testid="sweep-chart"]', 'data-cells')).toBe('6');
  });

  it('exports the sweep set up in the tab as a file planSweep (the CLI) accepts', async () => {
    const active = (await page.inputValue('[name="sweep-base"]')) !== '';
    expect(active).toBe(true);
    await page.selectOption('[name="sweep-field-1"]', 'constellation.altitudeKm');
    await page.fill('[name="sweep-values-1"]', '550, 800');
    await page.selectOption('[name="sweep-field-2"]', 'node.radiatorAreaM2');
    await page.fill('[name="sweep-values-2"]', '20, 60, 100');
    // Not run here: the export is the form's sweep.
    const file = JSON.parse(readFileSync((await download(page, () => page.click('[data-testid="sweep-export-file"]'))).path, 'utf8'));
    expect(file.vary).toEqual([
      { field: 'constellation.altitudeKm', values: [550, 800] },
      { field: 'node.radiatorAreaM2', values: [20, 60, 100] },
    ]);
    const baseName = await page.$eval('[name="sweep-base"]', (s) => (s as HTMLSelectElement).selectedOptions[0].textContent);
    expect(file.base.name).toBe(baseName);
    const plan = planSweep(file);
    expect(plan.designs.map((d) => d.values)).toEqual(ALTITUDES.flatMap((a) => RADIATORS.map((r) => [a, r])));
    expect(plan.designs[5].scenario.node.radiatorAreaM2).toBe(100);
    expect(errors).toEqual([]);
  });
});
