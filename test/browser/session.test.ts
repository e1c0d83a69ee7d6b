// Issue 14 (session): work is not lost — the design set is autosaved in the
// browser and restored on reload, a removed design comes back with Undo, a
// share link restores the tab, the sim time and the selected satellite;
// satellites that stop are listed by name with the reason; results of an
// invalid input are marked stale; the sweep's base is the design the panel
// shows. Each openPage() is a new browser context: storage never leaks
// between pages (a reload keeps it, which is what these tests use).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { inflateRawSync } from 'node:zlib';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACT_DIR, openPage, startHarness, VIEWPORT, type Harness } from '../support/browser';
import { animationFrames, pollUntil, setPlaying, simTime, text, waitDone } from '../support/app-page';
import { formatTle } from '../fixtures/tle-gen';
import { tleChecksum } from '../../src/engine/input/elements';

let h: Harness;
let tmp: string;
const ORIGINAL = 'Starter compute shell';

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'ocs-session-'));
  h = await startHarness();
}, 180_000);

afterAll(async () => {
  await h?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Design rows in order: [name, state, active]. */
function rows(p: Page): Promise<Array<[string, string, boolean]>> {
  return p.$$eval('[data-testid="design-list"] [data-design]', (r) =>
    r.map((x): [string, string, boolean] => [x.getAttribute('data-design') ?? '', x.getAttribute('data-state') ?? '', x.classList.contains('active')]),
  );
}

async function allDone(p: Page, n: number): Promise<void> {
  await p.waitForFunction(
    (count) => {
      const r = [...document.querySelectorAll('[data-testid="design-list"] [data-design]')];
      return r.length === count && r.every((x) => x.getAttribute('data-state') === 'done');
    },
    n,
    { timeout: 150_000 },
  );
}

/** The autosaved record in the page's IndexedDB (the app's database and key), parsed; undefined when none. */
function savedRecord(p: Page): Promise<{ designs: Array<{ name: string; draft: Record<string, unknown> }>; active: number } | undefined> {
  return p.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const r = indexedDB.open('orbital-compute-simulator', 1);
        r.onupgradeneeded = () => r.result.createObjectStore('session');
        r.onerror = () => reject(r.error);
        r.onsuccess = () => {
          const g = r.result.transaction('session', 'readonly').objectStore('session').get('session.v1');
          g.onsuccess = () => {
            r.result.close();
            resolve(typeof g.result === 'string' ? JSON.parse(g.result) : undefined);
          };
          g.onerror = () => reject(g.error);
        };
      }),
  );
}

/** Toast messages on screen. */
const toasts = (p: Page) => p.$$eval('[data-testid="toast"]', (t) => t.map((x) => x.textContent ?? ''));

describe('session', () => {
  it('reload restores the design set (names, order, active design, edited values); a saved design no longer valid is dropped with a notice', async () => {
    const errors: string[] = [];
    const page = await openPage(h, '?play=0', errors);
    await waitDone(page);
    // A second design from a preset, renamed, with an edited field.
    await page.selectOption('[data-testid="add-design"]', 'polar-walker-star');
    await page.waitForSelector('[data-design="Polar Walker star"].active');
    await page.click('[data-design="Polar Walker star"] [data-action="rename"]');
    await page.fill('[name="design-rename"]', 'My polar shell');
    await page.press('[name="design-rename"]', 'Enter');
    await page.waitForSelector('[data-design="My polar shell"].active');
    await page.fill('[name="constellation.altitudeKm"]', '812');
    await allDone(page, 2);
    const before = await rows(page);
    expect(before.map((r) => [r[0], r[2]])).toEqual([
      [ORIGINAL, false],
      ['My polar shell', true],
    ]);
    const kpiBefore = await text(page, '[data-kpi="meanUsableComputePflops"]');
    // The record in IndexedDB has caught up with the last change (debounced write).
    await pollUntil(
      () => savedRecord(page),
      (s) => !!s && s.designs.length === 2 && (s.designs[1].draft.constellation as { altitudeKm?: number }).altitudeKm === 812,
      'autosave record',
    );
    expect(await page.getAttribute('[data-testid="autosave-status"]', 'data-state')).toBe('saved');

    await page.reload();
    await allDone(page, 2);
    expect((await rows(page)).map((r) => [r[0], r[2]])).toEqual([
      [ORIGINAL, false],
      ['My polar shell', true],
    ]);
    expect(await page.inputValue('[name="constellation.altitudeKm"]')).toBe('812');
    expect(await page.inputValue('[name="name"]')).toBe('My polar shell');
    expect(await text(page, '[data-testid="satellite-count"]')).toBe('66');
    await waitDone(page);
    // Same inputs, same outputs.
    expect(await text(page, '[data-kpi="meanUsableComputePflops"]')).toBe(kpiBefore);

    // An edit followed at once by a reload (inside the write delay) is kept: the page flushes on pagehide.
    await page.fill('[name="constellation.altitudeKm"]', '813');
    await page.reload();
    await page.waitForSelector('[data-design="My polar shell"].active');
    expect(await page.inputValue('[name="constellation.altitudeKm"]')).toBe('813');

    // A record written by an older schema: one design no longer validates, the other does.
    await page.evaluate(async () => {
      const good = { name: 'Kept design', startUtc: '2026-06-21T00:00:00Z', durationHours: 2, stepSeconds: 60, constellation: { type: 'walker', altitudeKm: 600, inclinationDeg: 53, planes: 2, satellitesPerPlane: 3 } };
      const bad = { name: 'Broken design', startUtc: 'yesterday', durationHours: -1, constellation: { type: 'warp-drive' } };
      const record = { v: 1, savedAtMs: Date.now(), designs: [{ name: 'Broken design', colour: '#ff0000', preset: 'custom', draft: bad }, { name: 'Kept design', colour: '#3ddc84', preset: 'custom', draft: good }], active: 0, baseline: 0 };
      await new Promise<void>((resolve, reject) => {
        const r = indexedDB.open('orbital-compute-simulator', 1);
        r.onerror = () => reject(r.error);
        r.onsuccess = () => {
          const t = r.result.transaction('session', 'readwrite');
          t.objectStore('session').put(JSON.stringify(record), 'session.v1');
          t.oncomplete = () => {
            r.result.close();
            resolve();
          };
        };
      });
      // No write of the page's own session may follow before the reload.
      window.dispatchEvent(new Event('pagehide'));
    });
    // The page's pagehide flush has nothing pending (no change since the last write), so the record stays.
    await page.reload();
    await page.waitForSelector('[data-design="Kept design"].active');
    expect((await rows(page)).map((r) => r[0])).toEqual(['Kept design']);
    const notes = await pollUntil(() => toasts(page), (t) => t.some((x) => /Broken design/.test(x)), 'dropped-design notice');
    expect(notes.find((x) => /Broken design/.test(x))).toMatch(/not restored \(no longer valid\): “Broken design”: /);
    // The row may be re-rendered as the restore settles (its swatch is briefly unstyled): read the colour once it is set.
    const swatch = await pollUntil(() => page.$eval('[data-design="Kept design"] .swatch', (e) => getComputedStyle(e).backgroundColor).catch(() => ''), (c) => c !== '', 'swatch colour');
    expect(swatch).toBe('rgb(61, 220, 132)');
    await page.screenshot({ path: `${ARTIFACT_DIR}/session-restored.png` });
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('undo after remove puts the design back at its place, active, with its result; New session is undoable too', async () => {
    const errors: string[] = [];
    const page = await openPage(h, '?play=0', errors);
    await waitDone(page);
    await page.click(`[data-design="${ORIGINAL}"] [data-action="duplicate"]`);
    await page.waitForSelector(`[data-design="${ORIGINAL} (copy)"].active`);
    await page.fill('[name="constellation.altitudeKm"]', '700');
    await allDone(page, 2);
    await page.click(`[data-design="${ORIGINAL}"] .design-name`);
    await waitDone(page);
    const hashOf = (n: string) => page.$eval(`[data-design="${n}"] [data-testid="input-hash"]`, (e) => e.textContent);
    const hash = await hashOf(ORIGINAL);
    const kpi = await text(page, '[data-kpi="meanUsableComputePflops"]');

    await page.click(`[data-design="${ORIGINAL}"] [data-action="remove"]`);
    await page.waitForFunction((n) => !document.querySelector(`[data-design="${n}"]`), ORIGINAL);
    const t = page.locator('[data-testid="toast"]', { hasText: `Removed “${ORIGINAL}”` });
    await t.waitFor();
    await page.screenshot({ path: `${ARTIFACT_DIR}/session-undo-remove.png` });
    await t.locator('[data-testid="toast-action"]').click();
    await page.waitForSelector(`[data-design="${ORIGINAL}"].active`);
    // At its place (first), with its result: done at once with the same hash and KPIs.
    expect((await rows(page)).map((r) => r[0])).toEqual([ORIGINAL, `${ORIGINAL} (copy)`]);
    await waitDone(page);
    expect(await hashOf(ORIGINAL)).toBe(hash);
    expect(await text(page, '[data-kpi="meanUsableComputePflops"]')).toBe(kpi);

    // New session: the default design alone; Undo brings both back.
    await page.click('[data-testid="new-session"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="design-list"] [data-design]').length === 1);
    const undo = page.locator('[data-testid="toast"]', { hasText: 'New session' }).locator('[data-testid="toast-action"]');
    await undo.click();
    await allDone(page, 2);
    expect((await rows(page)).map((r) => [r[0], r[2]])).toEqual([
      [ORIGINAL, true],
      [`${ORIGINAL} (copy)`, false],
    ]);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('a share link restores the tab, the sim time and the selected satellite in a new browser context', async () => {
    const errors: string[] = [];
    const page = await openPage(h, '?play=0', errors);
    await waitDone(page);
    await setPlaying(page, false);
    // A time in the middle of the horizon, and a satellite found by name.
    const min = Number(await page.getAttribute('[name="scrub"]', 'min'));
    const max = Number(await page.getAttribute('[name="scrub"]', 'max'));
    await page.fill('[name="scrub"]', String(Math.round(min + 0.37 * (max - min))));
    await page.fill('[name="find-satellite"]', 'W05-07');
    await page.press('[name="find-satellite"]', 'Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="inspector-name"]')?.textContent === 'W05-07');
    // A name that matches nothing says so.
    await page.fill('[name="find-satellite"]', 'NO SUCH SAT');
    await page.press('[name="find-satellite"]', 'Enter');
    const miss = await pollUntil(() => toasts(page), (t) => t.some((x) => /No satellite named “NO SUCH SAT”/.test(x)), 'search feedback');
    expect(miss.length).toBeGreaterThan(0);
    expect(await text(page, '[data-testid="inspector-name"]')).toBe('W05-07');
    await page.click('[data-testid="tab-compare"]');
    const t0 = await simTime(page);
    expect(t0).toBeGreaterThan(min);

    await page.click('[data-testid="share"]');
    await page.waitForFunction(() => (document.querySelector('[data-testid="share-url"]') as HTMLInputElement | null)?.value.includes('#designs='));
    const url = await page.inputValue('[data-testid="share-url"]');
    // The link's content, read independently of the app's decoder (deflate-raw, base64url JSON).
    const token = url.slice(url.indexOf('#designs=') + '#designs='.length);
    const link = JSON.parse(inflateRawSync(Buffer.from(token, 'base64url')).toString('utf8'));
    expect(link.view.tab).toBe('compare');
    expect(link.view.timeMs).toBe(t0);
    expect(link.view.selection.name).toBe('W05-07');

    const context = await h.browser.newContext({ viewport: VIEWPORT });
    const fresh = await context.newPage();
    const freshErrors: string[] = [];
    fresh.on('pageerror', (e) => freshErrors.push(e.message));
    fresh.on('console', (m) => m.type() === 'error' && freshErrors.push(m.text()));
    await fresh.goto(url);
    await waitDone(fresh);
    expect(await fresh.getAttribute('[data-testid="tab-compare"]', 'aria-selected')).toBe('true');
    await fresh.waitForFunction(() => document.querySelector('[data-testid="inspector-name"]')?.textContent === 'W05-07', null, { timeout: 30_000 });
    // Restored paused at the shared time (within one step: the starter scenario steps 60 s).
    expect(Math.abs((await simTime(fresh)) - t0)).toBeLessThanOrEqual(60_000);
    await animationFrames(fresh, 5);
    expect(Math.abs((await simTime(fresh)) - t0)).toBeLessThanOrEqual(60_000);
    if (link.view.camera !== undefined) {
      // The camera travels in the link when the view offers its state; the restored page shares it again identically.
      await fresh.click('[data-testid="share"]');
      await fresh.waitForFunction(() => (document.querySelector('[data-testid="share-url"]') as HTMLInputElement | null)?.value.includes('#designs='));
      const again = await fresh.inputValue('[data-testid="share-url"]');
      const view2 = JSON.parse(inflateRawSync(Buffer.from(again.slice(again.indexOf('#designs=') + 9), 'base64url')).toString('utf8')).view;
      expect(view2.camera).toEqual(link.view.camera);
    }
    await fresh.screenshot({ path: `${ARTIFACT_DIR}/session-share-restored.png` });
    expect(freshErrors).toEqual([]);
    await context.close();
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('satellites that stop are listed by name with the reason; import counts records, not problems; the start moves to the sets’ epoch', async () => {
    const errors: string[] = [];
    const page = await openPage(h, '?play=0', errors);
    await waitDone(page);
    const spec = { inclinationDeg: 53, raanDeg: 10, eccentricity: 0.001, argPerigeeDeg: 0, meanAnomalyDeg: 0 };
    const fresh = formatTle({ ...spec, catalog: 41_000, name: 'FRESH SAT', epochMs: Date.UTC(2026, 5, 20), meanMotionRevPerDay: 15.05 });
    // 16.2 rev/day (≈ 260 km) with B* 0.01 (10000-2 in the line's ±NNNNN±N form), epoch 2021: long re-entered by 2026.
    const old = formatTle({ ...spec, catalog: 41_001, name: 'OLD DECAYED SAT', epochMs: Date.UTC(2021, 0, 10), meanMotionRevPerDay: 16.2 });
    // B* is columns 54–61 of line 1.
    const l1 = `${old[1].slice(0, 53)} 10000-1${old[1].slice(61, 68)}`;
    old[1] = `${l1}${tleChecksum(l1)}`;
    // One record with two problems (both checksums wrong) is one skipped record.
    const bad = formatTle({ ...spec, catalog: 41_002, name: 'TWICE BROKEN', epochMs: Date.UTC(2026, 5, 20), meanMotionRevPerDay: 15.05 });
    bad[1] = `${bad[1].slice(0, 68)}${(Number(bad[1][68]) + 1) % 10}`;
    bad[2] = `${bad[2].slice(0, 68)}${(Number(bad[2][68]) + 1) % 10}`;
    const file = join(tmp, 'mixed-ages.tle');
    writeFileSync(file, `${[...fresh, ...old, ...bad].join('\n')}\n`);
    await page.click('[data-testid="import-open"]');
    await page.selectOption('[name="import-start"]', 'custom');
    await page.fill('[name="import-start-utc"]', '2026-06-20T00:00:00Z');
    await page.fill('[name="import-duration"]', '2');
    await page.setInputFiles('[data-testid="import-file"]', file);
    await page.waitForFunction(() => /^Loaded/.test(document.querySelector('[data-testid="import-summary"]')?.textContent ?? ''), null, { timeout: 30_000 });
    expect(await text(page, '[data-testid="import-summary"]')).toMatch(/^Loaded 2 of 3 element sets as design “mixed-ages”; 1 record skipped \(2 problems listed\)\./);
    expect(await page.locator('[data-testid="import-errors"] li').count()).toBe(2);
    // The old set is > 30 days from the start: the warning offers to start at the sets' epoch.
    await page.waitForSelector('.import-dialog [data-testid="import-start-at-epoch"]', { state: 'visible' });
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-design="mixed-ages"].active');
    await waitDone(page);

    const button = page.locator('[data-testid="failed-satellites"]');
    await button.waitFor();
    expect(await button.getAttribute('data-failed')).toBe('1');
    expect(await button.getAttribute('data-skipped')).toBe('1');
    expect(Number(await text(page, '[data-kpi="satellitesFailed"]'))).toBe(1);
    await button.click();
    const list = page.locator('[data-testid="failed-list"]');
    await list.waitFor();
    const row = list.locator('tr[data-satellite]');
    expect(await row.count()).toBe(1);
    expect(await row.locator('td').nth(1).textContent()).toBe('OLD DECAYED SAT');
    expect(await row.locator('td').nth(3).textContent()).toMatch(/decay/);
    expect(await list.locator('[data-testid="skipped-records"] li').count()).toBe(2);
    await page.screenshot({ path: `${ARTIFACT_DIR}/session-failed-list.png` });
    // A name selects the satellite.
    await row.locator('button').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="inspector-name"]')?.textContent === 'OLD DECAYED SAT');

    // The epoch warning's action moves the start to the newest epoch (the fresh set's, 2026-06-20T00:00Z).
    await page.fill('[name="startUtc"]', '2026-09-01T00:00:00Z');
    await page.waitForSelector('[data-testid="epoch-warning"]:not([hidden])');
    await page.click('[data-testid="epoch-warning"] [data-testid="start-at-epoch"]');
    await page.waitForFunction(() => (document.querySelector('[name="startUtc"]') as HTMLInputElement).value === '2026-06-20T00:00:00Z');
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('an invalid input marks the results on screen stale until it is fixed', async () => {
    const errors: string[] = [];
    const page = await openPage(h, '?play=0', errors);
    await waitDone(page);
    await page.fill('[name="constellation.altitudeKm"]', '-5');
    await page.waitForFunction(() => document.querySelector('[data-testid="analysis-status"]')?.getAttribute('data-state') === 'stale');
    expect(await text(page, '[data-testid="analysis-status"]')).toBe('input invalid — showing last valid result');
    expect(await page.$eval('#kpis', (e) => e.classList.contains('stale'))).toBe(true);
    expect(await page.$eval('#charts', (e) => e.classList.contains('stale'))).toBe(true);
    await page.screenshot({ path: `${ARTIFACT_DIR}/session-stale.png` });
    await page.fill('[name="constellation.altitudeKm"]', '560');
    await waitDone(page);
    expect(await page.$eval('#kpis', (e) => e.classList.contains('stale'))).toBe(false);
    expect(await page.$eval('#charts', (e) => e.classList.contains('stale'))).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('the Sweep tab’s base is the design the panel shows', async () => {
    const errors: string[] = [];
    const page = await openPage(h, '?play=0', errors);
    await waitDone(page);
    await page.selectOption('[data-testid="add-design"]', 'polar-walker-star');
    await page.waitForSelector('[data-design="Polar Walker star"].active');
    await page.click('[data-testid="tab-sweep"]');
    const base = () => page.$eval('[name="sweep-base"]', (s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent);
    expect(await base()).toBe('Polar Walker star');
    // Choosing another base shows it in the panel (it becomes the active design).
    await page.selectOption('[name="sweep-base"]', { label: ORIGINAL });
    await page.waitForSelector(`[data-design="${ORIGINAL}"].active`);
    await page.waitForFunction((n) => (document.querySelector('[name="name"]') as HTMLInputElement).value === n, ORIGINAL);
    // And activating a design in the list makes it the base.
    await page.click('[data-design="Polar Walker star"] .design-name');
    await page.waitForFunction(() => (document.querySelector('[name="sweep-base"]') as HTMLSelectElement).selectedOptions[0]?.textContent === 'Polar Walker star');
    await page.screenshot({ path: `${ARTIFACT_DIR}/session-sweep-base.png` });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
