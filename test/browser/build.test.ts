// The production build (vite build + vite preview) runs the engine's SGP4 WASM
// inside both workers, with the cross-origin isolation headers, and no errors;
// its result export is the CLI's bytes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openPage, recordErrors, startHarness, VIEWPORT, type Harness } from '../support/browser';
import { kpiValue, pollUntil, text, waitDone } from '../support/app-page';
import { normaliseScenario } from '../../src/engine/input/scenario';
import { encodeShare } from '../../src/ui/share';
import { main } from '../../src/cli/main';

let h: Harness;
let outDir: string;

beforeAll(async () => {
  h = await startHarness({ app: 'build' });
  outDir = h.outDir!;
}, 180_000);

afterAll(async () => {
  await h?.close();
});

describe('production build', () => {
  it('ships the Earth imagery and workers, and analyses the default scenario under vite preview', async () => {
    // NASA imagery (day, night lights, water mask) from three-globe, copied into the build's assets.
    for (const img of [/^earth-blue-marble.*\.jpg$/, /^earth-night.*\.jpg$/, /^earth-water.*\.png$/]) expect(readdirSync(join(outDir, 'assets')).some((f) => img.test(f)), String(img)).toBe(true);
    expect(readdirSync(join(outDir, 'assets')).some((f) => /analysis\.worker.*\.js$/.test(f))).toBe(true);
    const errors: string[] = [];
    const page = await h.browser.newPage({ viewport: VIEWPORT });
    recordErrors(page, errors);
    const res = await page.goto(`${h.baseUrl}?play=0`); // (the response's headers are checked)
    expect(res?.headers()['cross-origin-embedder-policy']).toBe('require-corp');
    await waitDone(page, 90_000);
    expect(await text(page, '[data-testid="satellite-count"]')).toBe('80');
    expect(await kpiValue(page, 'satelliteCount')).toBe(80);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    // Served with a Content-Security-Policy that forbids inline scripts and eval; the app runs under it without violations.
    expect(res?.headers()['content-security-policy']).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(1);
    // Deterministic Math in the built engine workers (src/engine/det-math.ts): result.json is the CLI's, byte for byte.
    await page.click('[data-testid="export-menu"]');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), page.click('[data-testid="export-result-json"]')]);
    const exported = readFileSync((await download.path())!);
    const cliOut = join(outDir, 'cli-result.json');
    expect(await main(['--preset', 'starter-shell', '--out', cliOut, '--quiet'], { out: { write: () => true }, err: { write: () => true } })).toBe(0);
    expect(exported.equals(readFileSync(cliOut))).toBe(true);
    await page.close();
    expect(errors).toEqual([]);
  });

  it('leaves no power to the host in the engine workers: Math.pow stays a call (only squares, exact everywhere, use **)', () => {
    const workers = readdirSync(join(outDir, 'assets')).filter((f) => /^(analysis|geometry)\.worker.*\.js$/.test(f));
    expect(workers).toHaveLength(2);
    for (const f of workers) {
      const text = readFileSync(join(outDir, 'assets', f), 'utf8');
      const powers = text.match(/(?<![/*])\*\*(?![*/]).{0,4}/g) ?? []; // not the `/**` of the licence comments kept
      expect(powers.length, f).toBeGreaterThan(0);
      expect(powers.filter((p) => !/^\*\*2(?![\d.])/.test(p)), f).toEqual([]);
      expect(text, f).toMatch(/=>Math\.pow\(\w+,\w+\)/); // satellite.js's rewritten **
    }
  });

  it('blocks inline scripts and inline handlers, and allows no eval, in the built app', async () => {
    const page = await h.browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const res = await page.goto(`${h.baseUrl}?play=0`);
    const policy = res?.headers()['content-security-policy'] ?? '';
    const scriptSrc = /script-src ([^;]*)/.exec(policy)?.[1] ?? '';
    expect(scriptSrc.split(' ')).toEqual(["'self'", "'wasm-unsafe-eval'"]); // no 'unsafe-inline', no 'unsafe-eval', no wildcard
    await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = 1;';
      document.body.append(s);
      const img = document.createElement('img');
      img.setAttribute('onerror', 'window.__handler = 1;');
      // Our listener comes after the inline handler: when it runs, the handler had its turn.
      const failed = new Promise((r) => img.addEventListener('error', r, { once: true }));
      img.src = 'data:image/png;base64,AAAA';
      document.body.append(img);
      await failed;
    });
    const ran = await page.evaluate(() => {
      const w = window as unknown as { __injected?: number; __handler?: number };
      return { injected: w.__injected ?? null, handler: w.__handler ?? null };
    });
    expect(ran).toEqual({ injected: null, handler: null });
    // Both refusals are reported (console messages reach us asynchronously).
    expect(await pollUntil(async () => violations.length, (n) => n >= 2, 'CSP violation reports', 10_000)).toBeGreaterThanOrEqual(2);
    await page.close();
  });

  it('runs a large design on geometry sub-workers spawned by the analysis worker (nested workers bundled, allowed by the policy)', async () => {
    expect(readdirSync(join(outDir, 'assets')).some((f) => /geometry\.worker.*\.js$/.test(f))).toBe(true);
    // 500 satellites × 7 days at 60 s: over the pool threshold.
    const week = normaliseScenario({
      name: 'Week of 500',
      startUtc: '2026-03-20T00:00:00Z',
      durationHours: 168,
      stepSeconds: 60,
      constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 20, satellitesPerPlane: 25, phasing: 1 },
    });
    const share = await encodeShare([week], 0, 0);
    if (!share.ok) throw new Error(share.message);
    const errors: string[] = [];
    const page = await openPage(h, `?play=0#designs=${share.value}`, errors);
    await waitDone(page, 120_000);
    expect(Number(await page.getAttribute('#run-info', 'data-geometry-workers'))).toBeGreaterThanOrEqual(1);
    expect(await kpiValue(page, 'satelliteCount')).toBe(500);
    await page.close();
    expect(errors).toEqual([]);
  }, 150_000);
});
