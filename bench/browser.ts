/**
 * Browser benchmark: main-thread time per frame in headless Chromium at
 * 1,000× warp with 1,000 and 10,000 satellites (the app's `?n=` generated
 * Walker design), and the longest main-thread task while an analysis runs.
 *
 * "Frame time" is the time spent in requestAnimationFrame callbacks (the
 * app's whole per-frame work: clock, buffer swap, status colours, link
 * lines, three.js render submission, DOM updates), measured by wrapping
 * requestAnimationFrame in an init script — nothing bench-specific lives in
 * the app. Long tasks come from a PerformanceObserver('longtask') while a
 * re-analysis triggered through the parameter panel runs.
 *
 *   import { runBrowserBench } from './browser';  // called by bench/run.ts
 */
import type { Page } from 'playwright-core';
import { startHarness } from '../test/browser/harness';

const SIZES = [1000, 10_000] as const;
const MEASURE_MS = 6000;

const INIT_SCRIPT = `
(() => {
  const orig = window.requestAnimationFrame.bind(window);
  const frames = [];
  window.__benchFrames = frames;
  window.requestAnimationFrame = (cb) => orig((t) => {
    const s = performance.now();
    try { cb(t); } finally { frames.push(performance.now() - s); }
  });
  const tasks = [];
  window.__benchLongTasks = tasks;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
})();
`;

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i];
}

async function waitDone(page: Page, timeout: number): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="analysis-status"]')?.textContent === 'done', null, { timeout });
}

async function measure(page: Page, n: number): Promise<Record<string, number>> {
  const t0 = Date.now();
  await page.goto(`?bench=1&n=${n}&warp=1000`);
  await waitDone(page, 300_000);
  const analysisS = (Date.now() - t0) / 1000;
  const count = Number(await page.textContent('[data-testid="satellite-count"]'));
  if (count !== n) throw new Error(`expected ${n} satellites, the app shows ${count}`);
  // Frames while playing at 1,000× (positions, colours, render every frame).
  await page.evaluate(() => {
    (window as unknown as { __benchFrames: number[] }).__benchFrames.length = 0;
  });
  const simStart = Date.parse((await page.textContent('[data-testid="sim-time"]')) ?? '');
  await page.waitForTimeout(MEASURE_MS);
  const frames = await page.evaluate(() => (window as unknown as { __benchFrames: number[] }).__benchFrames.slice());
  const simEnd = Date.parse((await page.textContent('[data-testid="sim-time"]')) ?? '');
  frames.sort((a, b) => a - b);
  // Long tasks while a re-analysis runs (edit the altitude in the panel).
  const since = await page.evaluate(() => performance.now());
  const rerunStart = Date.now();
  await page.fill('[name="constellation.altitudeKm"]', '560');
  await page.waitForFunction(() => document.querySelector('[data-testid="analysis-status"]')?.textContent === 'running');
  await waitDone(page, 300_000);
  const rerunS = (Date.now() - rerunStart) / 1000;
  const tasks = await page.evaluate(
    (from) => (window as unknown as { __benchLongTasks: Array<{ start: number; duration: number }> }).__benchLongTasks.filter((t) => t.start >= from),
    since,
  );
  const maxTask = tasks.reduce((m, t) => Math.max(m, t.duration), 0);
  return {
    [`n${n}.frameMedianMs`]: quantile(frames, 0.5),
    [`n${n}.frameP95Ms`]: quantile(frames, 0.95),
    [`n${n}.framesPerSecond`]: frames.length / (MEASURE_MS / 1000),
    [`n${n}.simSecondsPerWallSecond`]: (simEnd - simStart) / MEASURE_MS,
    [`n${n}.longTasksDuringAnalysis`]: tasks.length,
    [`n${n}.maxLongTaskDuringAnalysisMs`]: maxTask,
    [`n${n}.initialAnalysisWallS`]: analysisS,
    [`n${n}.reanalysisWallS`]: rerunS,
  };
}

/**
 * Runs both compositing modes of headless Chromium without a GPU:
 * - `gpuComposited.*`: SwiftShader renders and composites in the GPU process,
 *   as a real GPU would, so the page's main thread only records commands;
 * - `softwareComposited.*`: the tests' setup (--disable-gpu), where every
 *   WebGL frame is read back on the page's main thread, so each rendered
 *   frame is a main-thread task as long as SwiftShader takes to draw it.
 */
export async function runBrowserBench(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [mode, gpuCompositing] of [
    ['gpuComposited', true],
    ['softwareComposited', false],
  ] as const) {
    const r = await runMode(gpuCompositing);
    for (const [k, v] of Object.entries(r)) out[`${mode}.${k}`] = v;
  }
  return out;
}

async function runMode(gpuCompositing: boolean): Promise<Record<string, number>> {
  const h = await startHarness({ gpuCompositing });
  const out: Record<string, number> = {};
  try {
    const context = await h.browser.newContext({ viewport: { width: 1400, height: 900 }, baseURL: h.baseUrl });
    await context.addInitScript(INIT_SCRIPT);
    for (const n of SIZES) {
      const page = await context.newPage();
      try {
        Object.assign(out, await measure(page, n));
      } finally {
        await page.close();
      }
    }
    out.maxLongTaskDuringAnalysisMs = Math.max(...SIZES.map((n) => out[`n${n}.maxLongTaskDuringAnalysisMs`]));
    await context.close();
  } finally {
    await h.close();
  }
  return out;
}

// Direct run: npx tsx bench/browser.ts
if (import.meta.url === `file://${process.argv[1]}`) {
  runBrowserBench().then(
    (r) => {
      for (const [k, v] of Object.entries(r)) console.log(`${k.padEnd(44)} ${v.toFixed(2)}`);
    },
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
