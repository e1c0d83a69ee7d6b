// Page helpers for the app's DOM hooks (data-testid, data-kpi, …), shared by
// the browser tests, the benchmark and the soak. They wait for observable
// conditions; timeouts are safety nets only, never what decides a result.
import type { Page } from 'playwright-core';
import { STATE_COLOURS } from '../../src/view/palette';
import { decodePng, findPixels, hexRgb, type Image } from './png';

/** Trimmed text content of the first match. */
export async function text(page: Page, selector: string): Promise<string> {
  return ((await page.textContent(selector)) ?? '').trim();
}

/**
 * The raw value of KPI `name`: the data-value of its [data-kpi] element (the
 * text shown is formatted: "130.9 EFLOPS", "37.2 %"); null when not computed.
 */
export async function kpiValue(page: Page, name: string): Promise<number | null> {
  const v = await page.getAttribute(`[data-kpi="${name}"]`, 'data-value');
  return v === null || v === '' ? null : Number(v);
}

/** Every KPI card's raw value (data-value; '' when not computed) by KPI name. */
export async function kpiValues(page: Page): Promise<Record<string, string>> {
  return page.$$eval('[data-kpi]', (els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-kpi')!, e.getAttribute('data-value') ?? ''])));
}

/** Waits until the active design's analysis reads "done". */
export async function waitDone(page: Page, timeout = 120_000): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="analysis-status"]')?.textContent === 'done', null, { timeout, polling: 250 });
}

/** The clock's sim time (ms since the Unix epoch). */
export async function simTime(page: Page): Promise<number> {
  return Date.parse(await text(page, '[data-testid="sim-time"]'));
}

/** Waits until the clock shows a sim time after `t` (ms); returns it. */
export async function waitSimTimeAfter(page: Page, t: number, timeout = 60_000): Promise<number> {
  await page.waitForFunction((x) => Date.parse(document.querySelector('[data-testid="sim-time"]')?.textContent ?? '') > x, t, { timeout });
  return simTime(page);
}

export async function isPlaying(page: Page): Promise<boolean> {
  return (await page.getAttribute('[data-testid="play"]', 'aria-pressed')) === 'true';
}

/** Presses play/pause as needed and waits until the button shows the state. */
export async function setPlaying(page: Page, on: boolean): Promise<void> {
  if ((await isPlaying(page)) !== on) await page.click('[data-testid="play"]');
  await page.waitForFunction((v) => document.querySelector('[data-testid="play"]')?.getAttribute('aria-pressed') === String(v), on);
}

/** From the start of the horizon, playing, once the clock has moved. */
export async function playFromStart(page: Page): Promise<void> {
  await page.click('[data-testid="jump-start"]');
  const t0 = await simTime(page);
  await setPlaying(page, true);
  await waitSimTimeAfter(page, t0);
}

/**
 * Resolves after `n` animation frames of the page: the view has drawn what
 * the last change asked for (the app renders in requestAnimationFrame).
 */
export async function animationFrames(page: Page, n = 3): Promise<void> {
  await page.evaluate(
    (count) =>
      new Promise<void>((resolve) => {
        let left = count;
        const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
        requestAnimationFrame(tick);
      }),
    n,
  );
}

/**
 * Reads `read()` until `ok(value)` holds and returns that value; after
 * `timeoutMs` (a safety net) throws with the last value read.
 */
export async function pollUntil<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 30_000, intervalMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`${what}: condition not met within ${timeoutMs} ms; last value ${JSON.stringify(v)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Share of pixels brighter than `threshold` (sum of R, G, B): the lit Earth against the black sky. */
export function litFraction(img: Image, threshold = 90): number {
  let lit = 0;
  for (let i = 0; i < img.data.length; i += 4) if (img.data[i] + img.data[i + 1] + img.data[i + 2] > threshold) lit++;
  return lit / (img.width * img.height);
}

/** A screenshot of an element, decoded. */
export async function screenshotImage(page: Page, selector: string): Promise<Image> {
  return decodePng(await page.locator(selector).screenshot());
}

/** Colours of analysed satellites in the view (not found on the Earth or in space). */
export const SATELLITE_COLOURS = [STATE_COLOURS.full, STATE_COLOURS.power, STATE_COLOURS.thermal, STATE_COLOURS.storage].map(hexRgb);

/**
 * Pixels (canvas coordinates) of satellites in their status colours in the
 * 3D view's canvas, outside the overlays drawn over it (within `margin` px).
 */
export async function satellitePixels(page: Page, tolerance = 24, margin = 4, canvasSelector = '#view canvas'): Promise<Array<[number, number]>> {
  const canvas = page.locator(canvasSelector).first();
  const img = decodePng(await canvas.screenshot());
  const box = (await canvas.boundingBox())!;
  const overlays = await page.evaluate(() =>
    [...document.querySelectorAll('#view .overlay')].map((e) => {
      const r = e.getBoundingClientRect();
      return [r.left, r.top, r.right, r.bottom];
    }),
  );
  const under = (x: number, y: number) => overlays.some(([l, t, r, b]) => x + box.x >= l - margin && x + box.x <= r + margin && y + box.y >= t - margin && y + box.y <= b + margin);
  return findPixels(img, SATELLITE_COLOURS, tolerance, under);
}
