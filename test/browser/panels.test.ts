// Issue 14, analysis panels: messages as toasts inside the window, the Export
// menu open in full, run alerts, and the lower panel's 2D map, per-satellite
// timeline and pass table checked against the run's events as the CLI writer
// puts them in result.json (Export → Result JSON: a separate run in a worker,
// written by engine/output/result-json.ts, not by the panels' code).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { ARTIFACT_DIR, openPage, startHarness, type Harness } from '../support/browser';
import { setPlaying, text as textOn, waitDone as waitDoneOn } from '../support/app-page';
import { decodePng, findPixels, hexRgb } from '../support/png';
import { STATE_COLOURS } from '../../src/view/palette';
import { formatTle } from '../fixtures/tle-gen';

let h: Harness;
let page: Page;
const errors: string[] = [];
const VIEW = { width: 1280, height: 720 };
/** The satellite the panels are checked on (index 4 of the default Walker design). */
const SAT_NAME = 'W01-05';
const SAT_INDEX = 4;

const text = (sel: string) => textOn(page, sel);
const waitDone = (timeout = 120_000) => waitDoneOn(page, timeout);

interface ResultDoc {
  satellites: Array<{ id: string; name: string }>;
  events: {
    eclipses: Array<{ satelliteId: string; startUtc: string; endUtc: string }>;
    contacts: Array<{ satelliteId: string; station: string; startUtc: string; endUtc: string; maxElevationDeg: number }>;
  };
}
let resultDoc: ResultDoc | undefined;

async function download(p: Page, click: () => Promise<unknown>): Promise<Download> {
  const [d] = await Promise.all([p.waitForEvent('download', { timeout: 120_000 }), click()]);
  return d;
}

/**
 * Whether the element is fully on screen and not clipped or covered: its box
 * lies in the window and the topmost element at its centre and at four points
 * 2 px inside its corners is the element or inside it (an ancestor's
 * overflow clip or another panel on top would show there instead).
 */
async function onScreen(selector: string): Promise<string> {
  return page.evaluate((sel) => {
    const e = [...document.querySelectorAll<HTMLElement>(sel)].find((x) => x.getClientRects().length > 0);
    if (!e) return `${sel}: not rendered`;
    const r = e.getBoundingClientRect();
    if (r.width < 4 || r.height < 4) return `${sel}: empty box`;
    if (r.left < 0 || r.top < 0 || r.right > innerWidth || r.bottom > innerHeight) return `${sel}: outside the window (${Math.round(r.left)}, ${Math.round(r.top)}, ${Math.round(r.right)}, ${Math.round(r.bottom)})`;
    const pts: Array<[number, number]> = [
      [r.left + r.width / 2, r.top + r.height / 2],
      [r.left + 2, r.top + 2],
      [r.right - 2, r.top + 2],
      [r.left + 2, r.bottom - 2],
      [r.right - 2, r.bottom - 2],
    ];
    for (const [x, y] of pts) {
      const hit = document.elementFromPoint(x, y);
      if (!hit || !(e === hit || e.contains(hit))) return `${sel}: at (${Math.round(x)}, ${Math.round(y)}) the top element is ${hit ? `${hit.tagName}.${hit.className}` : 'none'}`;
    }
    return 'ok';
  }, selector);
}

/** The result document of the active design as the CLI writes it (downloaded once). */
async function result(): Promise<ResultDoc> {
  if (resultDoc) return resultDoc;
  await page.click('[data-testid="export-menu"]');
  const d = await download(page, () => page.click('[data-testid="export-result-json"]'));
  resultDoc = JSON.parse(readFileSync((await d.path())!, 'utf8')) as ResultDoc;
  return resultDoc;
}

/** All rows of the pass table (it is virtualised: scrolled through), in order. */
async function passRows(): Promise<Array<Record<string, string>>> {
  const rows = new Map<number, Record<string, string>>();
  const total = Number(await page.getAttribute('[data-testid="pass-table"]', 'data-rows'));
  for (let top = 0; ; top += 200) {
    const batch = await page.evaluate((y) => {
      const v = document.querySelector<HTMLElement>('[data-testid="pass-viewport"]')!;
      v.scrollTop = y;
      v.dispatchEvent(new Event('scroll'));
      return new Promise<Array<Record<string, string>>>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve([...v.querySelectorAll<HTMLElement>('[data-row]')].map((r) => ({ ...r.dataset }) as Record<string, string>)))),
      );
    }, top);
    for (const r of batch) rows.set(Number(r.row), r);
    if (rows.size >= total || top > total * 22 + 400) break;
  }
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
}

beforeAll(async () => {
  h = await startHarness();
  page = await openPage(h, '', errors, VIEW);
  await waitDone();
}, 180_000);

afterAll(async () => {
  await page?.close();
  await h?.close();
});

describe('analysis panels (1280 × 720)', () => {
  it('shows a file error as a toast inside the window, dismissible, and routes export notices there too', async () => {
    await page.setInputFiles('[data-testid="open-file"]', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"name": "x",\n  "durationHours": 24,\n') });
    await page.waitForSelector('[data-testid="load-error"]:not([hidden])');
    expect(await text('[data-testid="load-error"]')).toMatch(/^broken\.json: .*invalid JSON at line \d+, column \d+/);
    expect(await onScreen('[data-testid="load-error"]')).toBe('ok');
    // The message is in the fixed toast layer, not in the left panel's scroll box.
    expect(await page.evaluate(() => !!document.querySelector('[data-testid="toasts"] [data-testid="load-error"]'))).toBe(true);
    expect(await page.evaluate(() => !!document.querySelector('aside.left [data-testid="load-error"]'))).toBe(false);
    await page.click('[data-adopted="load-error"] [data-testid="toast-dismiss"]');
    await page.waitForSelector('[data-adopted="load-error"]', { state: 'hidden' });
    // An export that cannot run ("no sweep yet") reports through a toast of its own.
    await page.click('[data-testid="export-menu"]');
    await page.click('[data-testid="export-sweep-csv"]');
    const toast = page.locator('[data-testid="toast"][data-kind="error"]', { hasText: 'No sweep results yet' });
    await toast.waitFor();
    expect(await onScreen('[data-testid="toast"][data-kind="error"]')).toBe('ok');
    await toast.locator('[data-testid="toast-dismiss"]').click();
    await toast.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });

  it('opens the Export menu in full: every item on screen, none clipped by the left panel', async () => {
    await page.click('[data-testid="export-menu"]');
    const items = await page.$$eval('.menu[open] .menu-item', (b) => b.map((x) => x.getAttribute('data-testid')!));
    expect(items.length).toBeGreaterThanOrEqual(6);
    for (const id of items) expect(await onScreen(`[data-testid="${id}"]`), id).toBe('ok');
    await page.screenshot({ path: `${ARTIFACT_DIR}/panels-export-menu-1280x720.png` });
    await page.click('[data-testid="export-menu"]');
  });

  it('lists the selected satellite’s contacts in the pass table exactly as the result’s events', async () => {
    await page.fill('[name="find-satellite"]', SAT_NAME);
    await page.press('[name="find-satellite"]', 'Enter');
    await page.waitForFunction((n) => document.querySelector('[data-testid="inspector-name"]')?.textContent === n, SAT_NAME);
    await page.click('[data-testid="lower-tab-passes"]');
    await page.waitForSelector(`[data-testid="pass-table"][data-filter="selected"][data-satellite="${SAT_INDEX}"][data-kind="contacts"]`);
    const doc = await result();
    const id = doc.satellites[SAT_INDEX].id;
    expect(doc.satellites[SAT_INDEX].name).toBe(SAT_NAME);
    const expected = doc.events.contacts.filter((c) => c.satelliteId === id);
    expect(expected.length).toBeGreaterThan(3); // a day of a 550 km orbit over four stations
    const rows = await passRows();
    expect(rows.length).toBe(expected.length);
    const stations = await page.$$eval('[data-testid="pass-viewport"] [data-row]', (r) => Object.fromEntries(r.map((x) => [x.dataset.station!, x.querySelector('.pt-c-station')!.textContent!])));
    rows.forEach((r, k) => {
      const c = expected[k];
      expect(Number(r.sat), `row ${k}`).toBe(SAT_INDEX);
      // result.json writes times to the millisecond; the table carries the engine's raw ms.
      expect(Math.abs(Number(r.startMs) - Date.parse(c.startUtc)), `AOS ${k}`).toBeLessThanOrEqual(0.5);
      expect(Math.abs(Number(r.endMs) - Date.parse(c.endUtc)), `LOS ${k}`).toBeLessThanOrEqual(0.5);
      expect(Number(Number(r.maxElevationDeg).toPrecision(6)), `elevation ${k}`).toBeCloseTo(c.maxElevationDeg, 4);
      if (stations[r.station] !== undefined) expect(stations[r.station]).toBe(c.station);
    });
    // Eclipses of the same satellite.
    await page.click('[data-testid="pass-kind-eclipses"]');
    await page.waitForSelector('[data-testid="pass-table"][data-kind="eclipses"]');
    const ecl = doc.events.eclipses.filter((e) => e.satelliteId === id);
    const erows = await passRows();
    expect(erows.map((r) => [Math.round(Number(r.startMs)), Math.round(Number(r.endMs))])).toEqual(ecl.map((e) => [Date.parse(e.startUtc), Date.parse(e.endUtc)]));
    // Sorting by duration, longest first, puts the longest eclipse on top.
    await page.click('[data-testid="pass-table"] [data-sort="duration"]');
    await page.click('[data-testid="pass-table"] [data-sort="duration"]');
    const first = await page.$eval('[data-testid="pass-viewport"] [data-row="0"]', (r) => Number((r as HTMLElement).dataset.endMs) - Number((r as HTMLElement).dataset.startMs));
    expect(first).toBeCloseTo(Math.max(...ecl.map((e) => Date.parse(e.endUtc) - Date.parse(e.startUtc))), -1);
    await page.click('[data-testid="pass-kind-contacts"]');
    expect(errors).toEqual([]);
  });

  it('draws the selected satellite’s eclipses and contacts on its timeline as the result’s events', async () => {
    await page.click('[data-testid="lower-tab-timeline"]');
    await page.waitForSelector(`[data-testid="satellite-timeline"][data-satellite="${SAT_INDEX}"]`);
    const doc = await result();
    const id = doc.satellites[SAT_INDEX].id;
    const seg = (lane: string) =>
      page.$$eval(`[data-testid="satellite-timeline"] ${lane} .tl-seg`, (s) => s.map((x) => [Math.round(Number((x as HTMLElement).dataset.startMs)), Math.round(Number((x as HTMLElement).dataset.endMs))]));
    const ecl = doc.events.eclipses.filter((e) => e.satelliteId === id).map((e) => [Date.parse(e.startUtc), Date.parse(e.endUtc)]);
    expect(ecl.length).toBeGreaterThan(10);
    expect(await seg('[data-lane="eclipse"]')).toEqual(ecl);
    // One contact lane per station the satellite passes over, each with that station's contacts.
    const labels = await page.$$eval('[data-testid="satellite-timeline"] [data-lane="contact"] .tl-label', (l) => l.map((x) => x.textContent!.replace(/^Contact · /, '')));
    const contacts = doc.events.contacts.filter((c) => c.satelliteId === id);
    expect(new Set(labels)).toEqual(new Set(contacts.map((c) => c.station)));
    for (const st of labels) {
      const k = await page.$eval(`[data-testid="satellite-timeline"] [data-lane="contact"]:has(.tl-label[title="Contact · ${st}"])`, (x) => (x as HTMLElement).dataset.station!);
      expect(await seg(`[data-lane="contact"][data-station="${k}"]`), st).toEqual(contacts.filter((c) => c.station === st).map((c) => [Date.parse(c.startUtc), Date.parse(c.endUtc)]));
    }
    // Clicking the middle of the lanes seeks the clock to the middle of the run.
    const track = (await page.locator('[data-testid="satellite-timeline"] [data-lane="eclipse"] .tl-track').boundingBox())!;
    await setPlaying(page, false);
    await page.mouse.click(track.x + track.width / 2, track.y + track.height / 2);
    await page.waitForFunction(() => document.querySelector('[data-testid="sim-time"]')?.textContent?.includes('T12:'));
    expect(errors).toEqual([]);
  });

  it('draws the satellites on the 2D map in the state colours, the selected one where the inspector puts it', async () => {
    await setPlaying(page, false);
    await page.click('[data-testid="lower-tab-map"]');
    await page.waitForSelector('[data-testid="map-2d"][data-drawn="80"][data-selected-lat-lon]');
    // The Earth image under them (loaded when the map is first shown).
    await page.waitForSelector('[data-testid="map-2d"][data-image="loaded"]', { state: 'attached' });
    await page.waitForSelector('[data-testid="map-2d"][data-drawn="80"]');
    const img = decodePng(await page.locator('[data-testid="map-2d"] canvas').screenshot());
    const colours = [STATE_COLOURS.full, STATE_COLOURS.power, STATE_COLOURS.thermal, STATE_COLOURS.storage, STATE_COLOURS.eclipse].map(hexRgb);
    const hits = findPixels(img, colours, 6);
    // 80 satellites drawn as 5 × 5 px squares: most of their pixels, not the Earth image's.
    expect(hits.length).toBeGreaterThan(80 * 10);
    const clusters = new Set(hits.map(([x, y]) => `${Math.floor(x / 6)},${Math.floor(y / 6)}`));
    expect(clusters.size).toBeGreaterThan(40);
    // The selected satellite's sub-point: the map's (GMST rotation of the live TEME position) against
    // the inspector's (satellite.js eciToGeodetic in the live worker), at the same paused time.
    const [lat, lon] = (await page.getAttribute('[data-testid="map-2d"]', 'data-selected-lat-lon'))!.split(',').map(Number);
    const shown = await text('[data-testid="inspector"] [data-field="latlon"]');
    const m = /(-?\d+(?:\.\d+)?)°,\s*(-?\d+(?:\.\d+)?)°/.exec(shown.replace(/−/g, '-'));
    expect(m, shown).not.toBeNull();
    expect(Math.abs(lat - Number(m![1]))).toBeLessThan(0.05);
    expect(Math.abs((((lon - Number(m![2]) + 540) % 360) - 180))).toBeLessThan(0.05);
    await page.screenshot({ path: `${ARTIFACT_DIR}/panels-map-1280x720.png` });
    expect(errors).toEqual([]);
  });

  it('charts the selected satellite beside the constellation, with UTC legends and several y ticks', async () => {
    await page.click('[data-testid="lower-tab-charts"]');
    await page.waitForFunction((n) => [...document.querySelectorAll('[data-chart="thermal"] .u-legend .u-series')].some((s) => s.textContent?.includes(n)), SAT_NAME);
    for (const c of ['compute', 'power', 'thermal']) {
      const labels = await page.$$eval(`[data-chart="${c}"] .u-legend .u-series .u-label`, (l) => l.map((x) => x.textContent));
      expect(labels[0], c).toBe('UTC');
      expect(labels.some((l) => l?.startsWith(SAT_NAME)), c).toBe(true);
      const h = await page.$eval(`[data-chart="${c}"] canvas`, (x) => x.getBoundingClientRect().height);
      expect(h, c).toBeGreaterThanOrEqual(150);
    }
    // Y axis of a temperature swing −82…60 °C (the 5 GW preset's): range from the data with 5 % room,
    // snapped to round steps for the plot's height (plot = height − 40 px, one interval per 28 px). By hand:
    // 127 px → 3 intervals, span 142 · 1.1 = 156.2, 156.2 / 3 = 52 → step 100 → [−100, 100], ticks −100, 0, 100;
    // 240 px → 7 intervals, 156.2 / 7 = 22.3 → step 25 → [−100, 75] (−89.1 and 67.1 rounded out), ticks by 25.
    // Never a lone "0".
    const axes = await page.evaluate(
      `import('/src/ui/charts.ts').then((m) => [127, 240].map((height) => { const u = { height, bbox: { height: 0 } }; const [lo, hi] = m.yRange()(u, -82, 60, 'y'); return { lo, hi, ticks: m.ySplits()(u, 1, lo, hi, 0, 0) }; }))`,
    );
    expect(axes).toEqual([
      { lo: -100, hi: 100, ticks: [-100, 0, 100] },
      { lo: -100, hi: 75, ticks: [-100, -75, -50, -25, 0, 25, 50, 75] },
    ]);
    // Legend time on hover: UTC ISO, 24-hour.
    const box = (await page.locator('[data-chart="power"] .u-over').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
    await page.waitForFunction(() => document.querySelector('[data-chart="power"] .u-legend .u-series:first-child .u-value')?.textContent !== '—');
    expect(await text('[data-chart="power"] .u-legend .u-series:first-child .u-value')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/);
    await page.mouse.move(1, 1);
    expect(errors).toEqual([]);
  });

  it('lists the run’s alerts (a design without a battery cannot carry its bus load in eclipse), marks them stale, and extends the run', async () => {
    await page.click('[data-testid="lower-tab-charts"]');
    await page.fill('[name="node.batteryCapacityKWh"]', '0');
    await page.fill('[name="durationHours"]', '2');
    await page.press('[name="durationHours"]', 'Tab');
    // Stale at once (the inputs changed), then the new run's alerts.
    await page.waitForSelector('[data-testid="alerts"][data-stale="true"]', { state: 'attached' });
    await page.waitForFunction(() => document.querySelector('[data-testid="alerts"]')?.getAttribute('data-stale') === 'false' && !!document.querySelector('[data-testid="alerts"] [data-alert="unmet-bus-load"]'), null, { timeout: 120_000 });
    expect(await page.getAttribute('[data-alert="unmet-bus-load"]', 'data-severity')).toBe('error');
    expect(await page.getAttribute('[data-testid="alerts"]', 'data-severity')).toBe('error');
    expect(await onScreen('[data-testid="alerts-toggle"]')).toBe('ok');
    await page.click('[data-testid="alerts-toggle"]');
    expect(await onScreen('[data-alert="unmet-bus-load"]')).toBe('ok');
    // Two hours is under three orbits: the steady state is not checked, with the fix on offer.
    const action = page.locator('[data-alert="not-steady-state"] [data-testid="alert-action"][data-action="extend-run"]');
    await page.screenshot({ path: `${ARTIFACT_DIR}/panels-alerts-1280x720.png` });
    await action.click();
    expect(await page.inputValue('[name="durationHours"]')).toBe('4');
    await page.waitForFunction(() => document.querySelector('[data-testid="alerts"]')?.getAttribute('data-stale') === 'false', null, { timeout: 120_000 });
    await waitDone();
    // The new run (4 h) is still under three orbits of ≈95 min.
    await page.waitForFunction(() => /^Run of 4 h/.test(document.querySelector('[data-alert="not-steady-state"] .alert-title')?.textContent ?? ''), null, { timeout: 60_000 });
    expect(errors).toEqual([]);
  });

  it('says “too large to share as a link” in a toast inside the window', async () => {
    // 5,000 element sets with random names and elements: ≈20 bytes of entropy each, beyond a 64 KB link.
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const lines: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const name = `R-${Math.floor(rnd() * 1e12).toString(36)}`;
      lines.push(...formatTle({ catalog: 20_000 + i, name, epochMs: Date.UTC(2026, 5, 20, 12), inclinationDeg: 30 + 60 * rnd(), raanDeg: 360 * rnd(), eccentricity: 0.002 * rnd(), argPerigeeDeg: 360 * rnd(), meanAnomalyDeg: 360 * rnd(), meanMotionRevPerDay: 14.5 + rnd() }));
    }
    await page.setInputFiles('[data-testid="open-file"]', { name: 'random-5000.tle', mimeType: 'text/plain', buffer: Buffer.from(`${lines.join('\n')}\n`) });
    await page.waitForFunction(() => /^Loaded/.test(document.querySelector('[data-testid="import-summary"]')?.textContent ?? ''), null, { timeout: 60_000 });
    await page.click('.import-dialog button[aria-label="Close"]');
    await page.waitForSelector('[data-design="random-5000"].active');
    await page.click('[data-testid="share"]');
    await page.waitForFunction(() => /too large for a link/.test(document.querySelector('.share-box .share-note')?.textContent ?? ''));
    expect(await onScreen('.share-box .share-note')).toBe('ok');
    expect(await page.evaluate(() => !!document.querySelector('[data-testid="toasts"] .share-box'))).toBe(true);
    await page.screenshot({ path: `${ARTIFACT_DIR}/panels-share-too-large-1280x720.png` });
    expect(errors).toEqual([]);
  });
});
