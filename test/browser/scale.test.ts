// Issue 5 in the browser: large runs on geometry sub-workers (same KPIs as
// the single-thread engine), long horizons with bounded status codes and
// decimated charts, and a 30,000-satellite live view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACT_DIR, openPage, startHarness, type Harness } from '../support/browser';
import { pollUntil, satellitePixels, setPlaying, simTime, waitDone, waitSimTimeAfter } from '../support/app-page';
import { KPI_NAMES } from '../../src/engine/output/result';
import { GROUND_NETWORK, PRESETS } from '../../src/engine/input/presets';
import { normaliseScenario, type Scenario } from '../../src/engine/input/scenario';
import { encodeShare } from '../../src/ui/share';
import { createAnalysisApi } from '../../workers/analysis-api';
import { POOL_MIN_SATELLITE_STEPS, STATUS_BUDGET_BYTES } from '../../workers/protocol';

let h: Harness;
const errors: string[] = [];
const pages: Page[] = [];

const walker = (name: string, planes: number, perPlane: number, durationHours: number): Scenario =>
  normaliseScenario({
    name,
    startUtc: '2026-03-20T00:00:00Z',
    durationHours,
    stepSeconds: 60,
    constellation: { type: 'walker', pattern: 'delta', altitudeKm: 550, inclinationDeg: 53, planes, satellitesPerPlane: perPlane, phasing: 1, firstRaanDeg: 0 },
    groundStations: GROUND_NETWORK,
  });

async function open(designs: Scenario[], query = '?play=0'): Promise<Page> {
  const r = await encodeShare(designs, 0, 0);
  if (!r.ok) throw new Error(r.message);
  const page = await openPage(h, `${query}#designs=${r.value}`, errors);
  pages.push(page);
  return page;
}

beforeAll(async () => {
  h = await startHarness();
}, 180_000);

afterAll(async () => {
  for (const p of pages) await p.close();
  await h?.close();
});

describe('large runs in the browser', () => {
  it('accuracy guard: a run on geometry sub-workers shows the single-thread engine’s KPIs', async () => {
    // 500 satellites × 7 days at 60 s: just over the pool threshold.
    const week = walker('Week of 500', 20, 25, 168);
    expect(500 * 10_080).toBeGreaterThanOrEqual(POOL_MIN_SATELLITE_STEPS);
    const reference = createAnalysisApi().run(week, 1, undefined, { keep: false, details: false, statusCodes: false });
    const page = await open([week]);
    await waitDone(page);
    const info = page.locator('#run-info');
    expect(Number(await info.getAttribute('data-geometry-workers'))).toBeGreaterThanOrEqual(1);
    expect(await info.textContent()).toMatch(/on \d+ threads$/);
    // Exact KPI values from the comparison table.
    await page.click('[data-mode="compare"]');
    await page.waitForSelector('[data-testid="compare-table"] [data-kpi-row="satelliteCount"] [data-design-cell="Week of 500"]');
    const shown = await page.$$eval('[data-testid="compare-table"] [data-kpi-row] [data-design-cell="Week of 500"]', (cells) =>
      Object.fromEntries(cells.map((c) => [c.closest('[data-kpi-row]')!.getAttribute('data-kpi-row')!, Number(c.getAttribute('data-value'))])),
    );
    const ref = await reference;
    if (ref.kind !== 'done') throw new Error(ref.kind);
    expect(ref.result.geometryWorkers).toBe(0);
    // Same engine in another JavaScript runtime (Chromium's V8, not Node's; its Math functions may
    // differ in the last bits, which moves refined event times by microseconds): equal to 1e-6
    // relative. In one runtime the pooled run is bit-identical (test/workers/analysis-api.test.ts).
    for (const k of KPI_NAMES) expect(Math.abs((shown[k] ?? 0) - (ref.result.kpis[k] ?? 0)), k).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(ref.result.kpis[k] ?? 0)));
    expect(errors).toEqual([]);
  }, 180_000);

  it('a long horizon records status every few steps, decimates its charts and still colours and scrubs the view', async () => {
    // 1,000 satellites × 24 days at 60 s = 34.6M satellite-steps: status codes would pass 32 MiB at every step.
    // (Timeouts here are safety nets for a loaded machine: the run takes ≈1–2 min alone.)
    const long = walker('24 days of 1,000', 40, 25, 24 * 24);
    const steps = 24 * 1440;
    expect(1000 * steps).toBeGreaterThan(STATUS_BUDGET_BYTES);
    const page = await open([long]);
    await waitDone(page, 400_000);
    const info = page.locator('#run-info');
    expect(await info.getAttribute('data-status-every')).toBe('2');
    expect(Number(await info.getAttribute('data-geometry-workers'))).toBeGreaterThanOrEqual(1);
    expect(await page.locator('[data-chart="compute"] [data-testid="chart-note"]').textContent()).toMatch(/min–max per \d+ min/);
    // Scrub to day 20: the clock follows, the view shows satellites in their status colours.
    const late = Date.parse('2026-04-09T06:00:00Z');
    await page.$eval(
      '[data-testid="scrub"]',
      (el, v) => {
        (el as HTMLInputElement).value = String(v);
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
      },
      late,
    );
    // (the scrub snaps to ≈1/20,000 of the horizon: 104 s here)
    await page.waitForFunction((t) => Math.abs(Date.parse(document.querySelector('[data-testid="sim-time"]')!.textContent!) - t) < 120_000, late);
    expect((await pollUntil(() => satellitePixels(page), (p) => p.length > 200, 'satellites drawn at day 20')).length).toBeGreaterThan(200);
    expect(await page.textContent('.sim-elapsed')).toMatch(/^T\+20d 0[56]:\d\d$/);
    await page.screenshot({ path: `${ARTIFACT_DIR}/long-horizon.png` });
    expect(errors).toEqual([]);
  }, 480_000);

  it('30,000 satellites: analysed on sub-workers, drawn from the live stream in status colours, moving at 10,000×', async () => {
    const big = normaliseScenario({
      ...PRESETS[0].scenario,
      name: 'Thirty thousand',
      constellation: { type: 'walker', pattern: 'delta', altitudeKm: 550, inclinationDeg: 53, planes: 150, satellitesPerPlane: 200, phasing: 1, firstRaanDeg: 0 },
    });
    const page = await open([big], '?play=0&warp=10000');
    await page.waitForFunction(() => document.querySelector('[data-testid="satellite-count"]')?.textContent === '30000', null, { timeout: 60_000 });
    await waitDone(page, 400_000);
    const info = page.locator('#run-info');
    expect(Number(await info.getAttribute('data-geometry-workers'))).toBeGreaterThanOrEqual(1);
    expect(await info.getAttribute('data-status-every')).toBe('2');
    const before = await pollUntil(() => satellitePixels(page), (p) => p.length > 2000, 'satellites drawn');
    expect(before.length).toBeGreaterThan(2000);
    // One satellite followed through the inspector: its sub-satellite point before playing. (Comparing pixel
    // sets is no test of motion here: 30,000 satellites on a uniform Walker pattern land on about half of the
    // same pixels after any shift, more or less by the phase the clock stops at.)
    await page.fill('[name="find-satellite"]', 'W01-01');
    await page.press('[name="find-satellite"]', 'Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="inspector-name"]')?.textContent === 'W01-01');
    await page.waitForFunction(() => /°,/.test(document.querySelector('[data-field="latlon"]')?.textContent ?? ''));
    const point = async () => (await page.textContent('[data-field="latlon"]'))!.split(',').map((x) => (parseFloat(x) * Math.PI) / 180);
    const [lat0, lon0] = await point();
    // Play until the clock has moved by more than 5,000 s (half a second at 10,000×; the timeout is a safety net only).
    const t0 = await simTime(page);
    await setPlaying(page, true);
    await waitSimTimeAfter(page, t0 + 5_000_000, 120_000);
    await setPlaying(page, false);
    const after = await pollUntil(() => satellitePixels(page), (p) => p.length > 2000, 'satellites drawn after playing');
    expect(after.length).toBeGreaterThan(2000);
    // The satellite moved: over ≥ 5,000 s (≥ 0.87 of its 95-min orbit, the Earth turning ≥ 21° under it) its
    // sub-satellite point moves more than 10° of arc whatever the phase the clock stops at.
    const [lat1, lon1] = await point();
    const arcDeg = (Math.acos(Math.min(1, Math.sin(lat0) * Math.sin(lat1) + Math.cos(lat0) * Math.cos(lat1) * Math.cos(lon1 - lon0))) * 180) / Math.PI;
    expect(arcDeg).toBeGreaterThan(10);
    await page.screenshot({ path: `${ARTIFACT_DIR}/satellites-30000.png` });
    expect(errors).toEqual([]);
  }, 480_000);
});
