/**
 * Memory soak against the built app (issue 6: one hour of sim at 10,000×
 * warp, heap growth under 10 % after warm-up):
 *
 *   npx tsx scripts/soak.ts --minutes 60 [--warmup-minutes 2] [--sample-minutes 5]
 *
 * Builds the app (vite build into a temporary folder), serves it with vite
 * preview, opens the soak design (test/browser/soak.ts: the 80-node starter
 * shell over 437 days, so the clock never reaches the end in an hour at
 * 10,000×) in headless Chromium, plays it, and prints the page's JS heap after
 * the warm-up and at the end (each after a full GC), the growth in %, and the
 * same for each worker. Exits 1 when the page heap grew by 10 % or more.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH } from '../test/browser/harness';
import { soak, soakPath, soakSummary } from '../test/browser/soak';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v) || v <= 0) {
    console.error(`--${name} needs a positive number of minutes`);
    process.exit(2);
  }
  return v;
}

const minutes = option('minutes', 60);
const warmupMinutes = option('warmup-minutes', Math.min(2, minutes / 4));
const sampleMinutes = option('sample-minutes', Math.max(0.5, Math.min(5, minutes / 6)));
const MIN = 60_000;

const outDir = mkdtempSync(join(tmpdir(), 'ocs-soak-'));
let code = 1;
try {
  console.log(`building the app into ${outDir} …`);
  await build({ configFile: 'vite.config.ts', logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const server = await preview({ configFile: 'vite.config.ts', logLevel: 'error', build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false } });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no TCP address');
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // As the browser tests run it (test/browser/harness.ts): software GL.
    args: ['--no-sandbox', '--disable-gpu', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`http://127.0.0.1:${address.port}/${await soakPath()}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="analysis-status"]')?.textContent === 'done', null, { timeout: 600_000 });
    console.log(`soak: ${warmupMinutes} min warm-up, then ${minutes} min at 10,000× (heap after a full GC every ${sampleMinutes} min)`);
    const r = await soak({ page, warmupMs: warmupMinutes * MIN, durationMs: minutes * MIN, sampleEveryMs: sampleMinutes * MIN, workers: true, log: (l) => console.log(l) });
    console.log('');
    for (const l of soakSummary(r)) console.log(l);
    if (errors.length) console.log(`page errors: ${errors.join(' | ')}`);
    code = r.growthPct < 10 && errors.length === 0 ? 0 : 1;
    console.log(code === 0 ? 'soak passed: page heap growth under 10 %' : 'soak FAILED');
  } finally {
    await browser.close();
    await server.close();
  }
} catch (e) {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  code = 1;
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
process.exit(code);
