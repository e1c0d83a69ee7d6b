import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACT_DIR, openPage, startHarness, type Harness } from './harness';
import { decodePng, findPixels, hexRgb } from './png';
import { KPI_NAMES } from '../../src/engine/output/result';
import { STATE_COLOURS } from '../../src/view/palette';

let h: Harness;
let page: Page;
const errors: string[] = [];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const text = async (sel: string) => ((await page.textContent(sel)) ?? '').trim();
const simTime = async () => Date.parse(await text('[data-testid="sim-time"]'));
const kpi = async (name: string) => Number(await text(`[data-kpi="${name}"]`));

async function waitDone(timeout = 90_000): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="analysis-status"]')?.textContent === 'done', null, { timeout });
}

async function setPlaying(on: boolean): Promise<void> {
  const pressed = (await page.getAttribute('[data-testid="play"]', 'aria-pressed')) === 'true';
  if (pressed !== on) await page.click('[data-testid="play"]');
  await page.waitForFunction((v) => document.querySelector('[data-testid="play"]')?.getAttribute('aria-pressed') === String(v), on);
}

beforeAll(async () => {
  h = await startHarness();
  page = await openPage(h, '', errors);
}, 180_000);

afterAll(async () => {
  await page?.close();
  await h?.close();
});

describe('app', () => {
  it('comes up with the default scenario running and no console or page errors', async () => {
    await page.waitForSelector('[data-testid="analysis-status"]');
    await waitDone();
    expect(await text('[data-testid="satellite-count"]')).toBe('80');
    expect(await text('[data-testid="sim-time"]')).toMatch(ISO);
    for (const name of KPI_NAMES) {
      const t = await text(`[data-kpi="${name}"]`);
      expect(t, name).toMatch(/^-?\d+(\.\d+)?(e[+-]\d+)?$/);
    }
    expect(await kpi('satelliteCount')).toBe(80);
    expect(await kpi('eclipseFraction')).toBeGreaterThan(0.2);
    // Every scenario field has an input named by its path.
    for (const name of ['constellation.altitudeKm', 'constellation.planes', 'node.radiatorAreaM2', 'node.batteryCapacityKWh', 'groundStations[0].name', 'interSatelliteLinks.enabled', 'stepSeconds', 'startUtc']) {
      expect(await page.locator(`[name="${name}"]`).count(), name).toBe(1);
    }
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('draws the Earth and the satellites (canvas pixels) and saves a screenshot', async () => {
    await setPlaying(false);
    await page.waitForTimeout(300);
    const canvas = page.locator('#view canvas');
    const img = decodePng(await canvas.screenshot());
    const overlays = await page.evaluate(() =>
      [...document.querySelectorAll('#view .overlay')].map((e) => {
        const r = e.getBoundingClientRect();
        const v = document.querySelector('#view')!.getBoundingClientRect();
        return [r.left - v.left, r.top - v.top, r.right - v.left, r.bottom - v.top];
      }),
    );
    const underOverlay = (x: number, y: number) => overlays.some(([l, t, r, b]) => x >= l - 2 && x <= r + 2 && y >= t - 2 && y <= b + 2);
    // Earth: lit day-side pixels of land or ocean colours (not the black background).
    let earth = 0;
    for (let i = 0; i < img.data.length; i += 4) {
      const r = img.data[i];
      const g = img.data[i + 1];
      const b = img.data[i + 2];
      if (r + g + b > 90 && !(r > 200 && g > 200 && b > 200)) earth++;
    }
    expect(earth / (img.width * img.height)).toBeGreaterThan(0.05);
    const sats = findPixels(img, [STATE_COLOURS.full, STATE_COLOURS.power, STATE_COLOURS.thermal, STATE_COLOURS.storage].map(hexRgb), 28, underOverlay);
    expect(sats.length).toBeGreaterThan(40);
    await page.screenshot({ path: `${ARTIFACT_DIR}/app.png` });
  });

  it('play advances the sim time and warp speeds it up', async () => {
    await setPlaying(false);
    await page.selectOption('[data-testid="warp"]', '100');
    const t0 = await simTime();
    await setPlaying(true);
    await page.waitForFunction((t) => Date.parse(document.querySelector('[data-testid="sim-time"]')!.textContent!) > t + 10_000, t0, { timeout: 20_000 });
    await page.selectOption('[data-testid="warp"]', '10000');
    const t1 = await simTime();
    await page.waitForFunction((t) => Date.parse(document.querySelector('[data-testid="sim-time"]')!.textContent!) > t + 600_000, t1, { timeout: 20_000 });
    await setPlaying(false);
    const t2 = await simTime();
    await page.waitForTimeout(400);
    expect(await simTime()).toBe(t2);
    await page.click('[data-testid="jump-start"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="sim-time"]')?.textContent === '2026-06-21T00:00:00.000Z');
  });

  it('picking a satellite in the view shows its inspector', async () => {
    await setPlaying(false);
    await page.waitForTimeout(300);
    const canvas = page.locator('#view canvas');
    const box = (await canvas.boundingBox())!;
    const img = decodePng(await canvas.screenshot());
    const overlays = await page.evaluate(() =>
      [...document.querySelectorAll('#view .overlay')].map((e) => {
        const r = e.getBoundingClientRect();
        return [r.left, r.top, r.right, r.bottom];
      }),
    );
    const under = (x: number, y: number) => overlays.some(([l, t, r, b]) => x + box.x >= l - 4 && x + box.x <= r + 4 && y + box.y >= t - 4 && y + box.y <= b + 4);
    const hits = findPixels(img, [STATE_COLOURS.full, STATE_COLOURS.power, STATE_COLOURS.thermal, STATE_COLOURS.storage].map(hexRgb), 24, under);
    expect(hits.length).toBeGreaterThan(0);
    // The centre of the densest cluster of satellite pixels.
    let best = hits[0];
    let bestN = 0;
    for (const p of hits) {
      let n = 0;
      for (const q of hits) if (Math.abs(q[0] - p[0]) <= 2 && Math.abs(q[1] - p[1]) <= 2) n++;
      if (n > bestN) {
        bestN = n;
        best = p;
      }
    }
    await page.mouse.click(box.x + best[0], box.y + best[1]);
    await page.waitForFunction(() => document.querySelector('[data-testid="inspector"]')?.classList.contains('active'), null, { timeout: 10_000 });
    expect(await text('[data-testid="inspector-name"]')).toMatch(/^W\d\d-\d\d$/);
    await page.waitForFunction(() => /km$/.test(document.querySelector('[data-field="altitude"]')?.textContent ?? ''), null, { timeout: 10_000 });
    await page.waitForFunction(() => /%$/.test(document.querySelector('[data-field="soc"]')?.textContent ?? ''), null, { timeout: 10_000 });
    const alt = parseFloat(await text('[data-field="altitude"]'));
    expect(alt).toBeGreaterThan(500);
    expect(alt).toBeLessThan(600);
    for (const f of ['latlon', 'illumination', 'powerIn', 'powerOut', 'temperature', 'compute', 'limit', 'stored', 'contact']) {
      expect(await text(`[data-field="${f}"]`), f).not.toBe('—');
    }
    await page.screenshot({ path: `${ARTIFACT_DIR}/app-inspector.png` });
    // Finding by name selects too.
    await page.fill('[name="find-satellite"]', 'W03-04');
    await page.press('[name="find-satellite"]', 'Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="inspector-name"]')?.textContent === 'W03-04');
  });

  it('changing constellation.altitudeKm re-runs the analysis and changes eclipseFraction; invalid input shows an inline error', async () => {
    await waitDone();
    const before = await kpi('eclipseFraction');
    // Invalid: inline error naming the field, the current results stay.
    await page.fill('[name="constellation.altitudeKm"]', '-5');
    const err = page.locator('.field-error[data-error-for="constellation.altitudeKm"]');
    await err.waitFor({ state: 'visible' });
    expect(await err.textContent()).toContain('constellation.altitudeKm');
    expect(await page.getAttribute('[name="constellation.altitudeKm"]', 'aria-invalid')).toBe('true');
    await page.waitForTimeout(500);
    expect(await text('[data-testid="analysis-status"]')).toBe('done');
    expect(await kpi('eclipseFraction')).toBe(before);
    // Valid: the analysis re-runs and the eclipse fraction drops at a higher altitude.
    await page.fill('[name="constellation.altitudeKm"]', '1500');
    expect(await err.isVisible()).toBe(false);
    expect(await text('[data-testid="analysis-status"]')).toBe('running');
    await waitDone();
    await page.waitForFunction((b) => Number(document.querySelector('[data-kpi="eclipseFraction"]')?.textContent) !== b, before);
    const after = await kpi('eclipseFraction');
    expect(after).toBeLessThan(before);
    expect(await text('[data-testid="satellite-count"]')).toBe('80');
    // A bigger design changes the satellite count.
    await page.fill('[name="constellation.planes"]', '12');
    await waitDone();
    await page.waitForFunction(() => document.querySelector('[data-testid="satellite-count"]')?.textContent === '120');
    expect(await kpi('satelliteCount')).toBe(120);
    await page.screenshot({ path: `${ARTIFACT_DIR}/app-edited.png` });
    expect(errors).toEqual([]);
  });
});
