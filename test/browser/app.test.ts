import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACT_DIR, openPage, startHarness, type Harness } from '../support/browser';
import { animationFrames, kpiValue, pollUntil, satellitePixels, screenshotImage, setPlaying as setPlayingOn, simTime as clock, text as textOn, waitDone as waitDoneOn, waitSimTimeAfter } from '../support/app-page';
import { KPI_NAMES, NULLABLE_KPIS } from '../../src/engine/output/result';

let h: Harness;
let page: Page;
const errors: string[] = [];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const text = (sel: string) => textOn(page, sel);
const simTime = () => clock(page);
/** A KPI's raw value (data-value), NaN when not computed. */
const kpi = async (name: string) => (await kpiValue(page, name)) ?? Number.NaN;
const waitDone = (timeout = 90_000) => waitDoneOn(page, timeout);
const setPlaying = (on: boolean) => setPlayingOn(page, on);

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
    // Each KPI card: the raw number in data-value (empty when not computed), a formatted text on screen.
    for (const name of KPI_NAMES) {
      const v = await page.getAttribute(`[data-kpi="${name}"]`, 'data-value');
      expect(v, name).toMatch(NULLABLE_KPIS.has(name) ? /^(-?\d+(\.\d+)?(e[+-]\d+)?)?$/ : /^-?\d+(\.\d+)?(e[+-]\d+)?$/);
      expect(await text(`[data-kpi="${name}"]`), name).toMatch(v ? /^[−+$\d]/ : /^—$/);
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
    // Earth: lit day-side pixels of land or ocean colours (not the black background, not white).
    const earthFraction = async () => {
      const img = await screenshotImage(page, '#view canvas');
      let earth = 0;
      for (let i = 0; i < img.data.length; i += 4) {
        const r = img.data[i];
        const g = img.data[i + 1];
        const b = img.data[i + 2];
        if (r + g + b > 90 && !(r > 200 && g > 200 && b > 200)) earth++;
      }
      return earth / (img.width * img.height);
    };
    expect(await pollUntil(earthFraction, (f) => f > 0.05, 'Earth drawn')).toBeGreaterThan(0.05);
    const sats = await pollUntil(() => satellitePixels(page, 28, 2), (p) => p.length > 40, 'satellites drawn');
    expect(sats.length).toBeGreaterThan(40);
    await page.screenshot({ path: `${ARTIFACT_DIR}/app.png` });
  });

  it('play advances the sim time and warp speeds it up', async () => {
    await setPlaying(false);
    await page.selectOption('[data-testid="warp"]', '100');
    const t0 = await simTime();
    await setPlaying(true);
    await waitSimTimeAfter(page, t0 + 10_000);
    // At 10,000× the clock covers 10 min of sim time in well under the 100 s 100× would need.
    await page.selectOption('[data-testid="warp"]', '10000');
    await waitSimTimeAfter(page, (await simTime()) + 600_000, 60_000);
    // Paused: the clock holds through the frames that follow.
    await setPlaying(false);
    const t2 = await simTime();
    await animationFrames(page, 10);
    expect(await simTime()).toBe(t2);
    await page.click('[data-testid="jump-start"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="sim-time"]')?.textContent === '2026-06-21T00:00:00.000Z');
  });

  it('picking a satellite in the view shows its inspector', async () => {
    await setPlaying(false);
    await animationFrames(page);
    const box = (await page.locator('#view canvas').boundingBox())!;
    const hits = await pollUntil(() => satellitePixels(page, 24, 4), (p) => p.length > 0, 'satellites drawn');
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
    expect(await err.textContent()).toBe('Altitude must be between 160 and 40,000 km');
    expect(await err.getAttribute('data-issue')).toContain('constellation.altitudeKm');
    expect(await page.getAttribute('[name="constellation.altitudeKm"]', 'aria-invalid')).toBe('true');
    // No run starts (a valid edit switches the status to running at once, see below).
    await animationFrames(page);
    expect(await text('[data-testid="analysis-status"]')).toBe('input invalid — showing last valid result');
    expect(await kpi('eclipseFraction')).toBe(before);
    // Valid: the analysis re-runs and the eclipse fraction drops at a higher altitude.
    await page.fill('[name="constellation.altitudeKm"]', '1500');
    expect(await err.isVisible()).toBe(false);
    expect(await text('[data-testid="analysis-status"]')).toBe('running');
    await waitDone();
    await page.waitForFunction((b) => Number(document.querySelector('[data-kpi="eclipseFraction"]')?.getAttribute('data-value')) !== b, before);
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
