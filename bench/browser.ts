/**
 * Browser benchmark in headless Chromium (called by bench/run.ts; direct run:
 * `npx tsx bench/browser.ts`).
 *
 * 1. `n1000.*`, `n10000.*` (GPU-composited mode): main-thread time per
 *    frame at 1,000× warp with 1,000 and 10,000 satellites (the app's `?n=`
 *    generated Walker design) and the longest main-thread task while a
 *    re-analysis runs (an altitude edit: a full run); then a node edit
 *    (battery capacity), which replays phase B on the cached geometry:
 *    its wall and worker seconds and the ratio full / node edit.
 * 2. `n30000.*` (both modes): 30,000 satellites at 10,000× warp: frame times
 *    while a year-long 1,000-satellite analysis runs in the background (a
 *    second design of the session, from a share link), the longest
 *    main-thread task over that window, and the GPU process's CPU time per
 *    frame (what bounds the frame rate without a GPU).
 * 3. `year.*` (GPU-composited mode only): the year-long 1,000-satellite,
 *    60-s analysis (5 ground stations, events) as the active design, the
 *    view paused (a user waiting for the run; the live view at 10,000× while
 *    a year-long analysis runs is case 2): wall seconds (page navigation →
 *    status "done", and the worker's own figure), peak memory, and the
 *    main-thread long tasks while it runs and while its result is shown.
 *
 * "Frame time" is the time spent in requestAnimationFrame callbacks (the
 * app's whole per-frame work: clock, positions, status colours, link lines,
 * three.js render submission, DOM updates), measured by wrapping
 * requestAnimationFrame in an init script — nothing bench-specific lives in
 * the app. Long tasks come from a PerformanceObserver('longtask').
 *
 * Memory: the peak resident set (VmHWM from /proc/<pid>/status) of the
 * page's renderer process — page, analysis, geometry and live workers all
 * live in it — found through the CDP `SystemInfo.getProcessInfo` process list
 * (the renderer with the largest peak among those started for the page).
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { GROUND_NETWORK, PRESETS } from '../src/engine/input/presets';
import { normaliseScenario, type Scenario } from '../src/engine/input/scenario';
import { encodeShare } from '../src/ui/share';
import { ARTIFACT_DIR, startHarness, VIEWPORT } from '../test/support/browser';
import { kpiValue, playFromStart, simTime, text, waitDone } from '../test/support/app-page';

const SIZES = [1000, 10_000] as const;
const MEASURE_MS = 6000;
/** Window over which n30000 long tasks are collected (the background year-long run keeps going). */
const BACKGROUND_WINDOW_MS = 12_000;

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

type BenchWindow = Window & { __benchFrames: number[]; __benchLongTasks: Array<{ start: number; duration: number }> };

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i];
}

const clearFrames = (page: Page) => page.evaluate(() => void ((window as unknown as BenchWindow).__benchFrames.length = 0));
const takeFrames = async (page: Page) => (await page.evaluate(() => (window as unknown as BenchWindow).__benchFrames.slice())).sort((a, b) => a - b);
const pageNow = (page: Page) => page.evaluate(() => performance.now());
const longTasksSince = (page: Page, from: number) =>
  page.evaluate((f) => (window as unknown as BenchWindow).__benchLongTasks.filter((t) => t.start >= f), from);
/** The worker's own wall time of the active run ("… steps in 12.3 s" in the header). */
const runInfoSeconds = async (page: Page) => Number((await page.getAttribute('#run-info', 'data-elapsed-ms')) ?? Number.NaN) / 1000;

async function measure(page: Page, n: number): Promise<Record<string, number>> {
  const t0 = Date.now();
  await page.goto(`?bench=1&n=${n}&warp=1000`);
  await waitDone(page, 300_000);
  const analysisS = (Date.now() - t0) / 1000;
  const count = Number(await text(page, '[data-testid="satellite-count"]'));
  if (count !== n) throw new Error(`expected ${n} satellites, the app shows ${count}`);
  // Frames while playing at 1,000× (positions, colours, render every frame).
  await playFromStart(page);
  await clearFrames(page);
  const simStart = await simTime(page);
  await page.waitForTimeout(MEASURE_MS);
  const frames = await takeFrames(page);
  const simEnd = await simTime(page);
  // Long tasks while a re-analysis runs (edit the altitude in the panel).
  const since = await pageNow(page);
  const rerunStart = Date.now();
  await page.fill('[name="constellation.altitudeKm"]', '560');
  await page.waitForFunction(() => document.querySelector('[data-testid="analysis-status"]')?.textContent === 'running');
  await waitDone(page, 300_000);
  const rerunS = (Date.now() - rerunStart) / 1000;
  const rerunWorkerS = await runInfoSeconds(page);
  const tasks = await longTasksSince(page, since);
  const maxTask = tasks.reduce((m, t) => Math.max(m, t.duration), 0);
  // A node edit (battery capacity): the orbits are those of the run just made, so the
  // analysis worker replays phase B on its geometry cache (src/engine/run/geometry-cache.ts).
  const battery = '[name="node.batteryCapacityKWh"]';
  const nodeEditStart = Date.now();
  await page.fill(battery, String(Number(await page.inputValue(battery)) + 1));
  await page.waitForFunction(() => document.querySelector('[data-testid="analysis-status"]')?.textContent === 'running');
  await waitDone(page, 300_000);
  const nodeEditS = (Date.now() - nodeEditStart) / 1000;
  const nodeEditWorkerS = await runInfoSeconds(page);
  const reused = (await page.getAttribute('#run-info', 'data-geometry-reused')) === '1';
  return {
    [`n${n}.reanalysisWorkerS`]: rerunWorkerS,
    [`n${n}.nodeEditWallS`]: nodeEditS,
    [`n${n}.nodeEditWorkerS`]: nodeEditWorkerS,
    [`n${n}.nodeEditGeometryReused`]: reused ? 1 : 0,
    [`n${n}.fullOverNodeEditRatio`]: rerunWorkerS / nodeEditWorkerS,
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

/** The year-long target: 1,000 satellites (40 planes × 25), 5 ground stations, 1 year at 60 s. */
export function yearScenario(): Scenario {
  return normaliseScenario({
    name: 'Year-long 1,000-node shell',
    startUtc: '2026-01-01T00:00:00Z',
    durationHours: 8760,
    stepSeconds: 60,
    constellation: { type: 'walker', pattern: 'delta', altitudeKm: 550, inclinationDeg: 53, planes: 40, satellitesPerPlane: 25, phasing: 1, firstRaanDeg: 0 },
    groundStations: GROUND_NETWORK,
  });
}

/** 30,000 satellites (150 planes × 200, as `?n=30000`), one day at 60 s, the starter preset's node. */
export function largeScenario(): Scenario {
  const base = PRESETS[0].scenario;
  return normaliseScenario({
    ...base,
    name: 'Generated Walker 150 × 200',
    constellation: { type: 'walker', pattern: 'delta', altitudeKm: 550, inclinationDeg: 53, planes: 150, satellitesPerPlane: 200, phasing: 1, firstRaanDeg: 0 },
  });
}

async function shareHash(designs: Scenario[], active: number): Promise<string> {
  const r = await encodeShare(designs, active, active);
  if (!r.ok) throw new Error(r.message);
  return `#designs=${r.value}`;
}

/** CPU seconds used so far by Chromium's processes, by process type (CDP SystemInfo.getProcessInfo). */
async function processCpu(browser: Browser): Promise<Record<string, number>> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const r = (await cdp.send('SystemInfo.getProcessInfo' as never)) as unknown as { processInfo: Array<ProcessInfo & { cpuTime: number }> };
    const out: Record<string, number> = {};
    for (const p of r.processInfo) out[p.type] = (out[p.type] ?? 0) + p.cpuTime;
    return out;
  } finally {
    await cdp.detach();
  }
}

/** 30,000 satellites at 10,000× while the session's other design (a year-long analysis) runs. */
async function measureLarge(browser: Browser, page: Page, shot: string): Promise<Record<string, number>> {
  const t0 = Date.now();
  await page.goto(`?warp=10000${await shareHash([largeScenario(), yearScenario()], 0)}`);
  await waitDone(page, 600_000);
  const analysisS = (Date.now() - t0) / 1000;
  const count = Number(await text(page, '[data-testid="satellite-count"]'));
  if (count !== 30_000) throw new Error(`expected 30000 satellites, the app shows ${count}`);
  const yearRunning = () =>
    page.evaluate(() => [...document.querySelectorAll('[data-testid="design-list"] [data-design]')].some((r) => r.getAttribute('data-state') !== 'done'));
  const since = await pageNow(page);
  await playFromStart(page);
  await clearFrames(page);
  const cpu0 = await processCpu(browser);
  const simStart = await simTime(page);
  await page.waitForTimeout(MEASURE_MS);
  const frames = await takeFrames(page);
  const simEnd = await simTime(page);
  const cpu1 = await processCpu(browser);
  await page.waitForTimeout(Math.max(0, BACKGROUND_WINDOW_MS - MEASURE_MS));
  const backgroundRunning = await yearRunning();
  const tasks = await longTasksSince(page, since);
  await page.screenshot({ path: `${ARTIFACT_DIR}/${shot}` });
  return {
    'n30000.frameMedianMs': quantile(frames, 0.5),
    'n30000.frameP95Ms': quantile(frames, 0.95),
    'n30000.framesPerSecond': frames.length / (MEASURE_MS / 1000),
    'n30000.simSecondsPerWallSecond': (simEnd - simStart) / MEASURE_MS,
    // Where the frame rate goes without a GPU: CPU ms per displayed frame of the GPU process (SwiftShader rendering and compositing).
    'n30000.gpuProcessCpuMsPerFrame': ((cpu1.GPU - cpu0.GPU) * 1000) / Math.max(1, frames.length),
    'n30000.yearAnalysisRunningAfterWindow': backgroundRunning ? 1 : 0,
    'n30000.longTasksWhileYearAnalysisRuns': tasks.length,
    'n30000.maxLongTaskWhileYearAnalysisRunsMs': tasks.reduce((m, t) => Math.max(m, t.duration), 0),
    'n30000.analysisWallS': analysisS,
    'n30000.analysisWorkerS': await runInfoSeconds(page),
  };
}

interface ProcessInfo {
  type: string;
  id: number;
}

async function rendererPids(browser: Browser): Promise<number[]> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const r = (await cdp.send('SystemInfo.getProcessInfo' as never)) as unknown as { processInfo: ProcessInfo[] };
    return r.processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
  } finally {
    await cdp.detach();
  }
}

function peakRssMiB(pid: number): number {
  try {
    const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

/** The year-long 1,000-satellite, 60-s analysis as the active design, view paused. */
async function measureYear(browser: Browser, context: BrowserContext): Promise<Record<string, number>> {
  const before = new Set(await rendererPids(browser));
  const page = await context.newPage();
  try {
    const hash = await shareHash([yearScenario()], 0);
    const t0 = Date.now();
    await page.goto(`?play=0${hash}`);
    // Page set up (scenario in the live view): long tasks count from here.
    await page.waitForFunction(() => document.querySelector('[data-testid="satellite-count"]')?.textContent === '1000', null, { timeout: 60_000 });
    await page.waitForTimeout(1000);
    const since = await pageNow(page);
    await waitDone(page, 900_000);
    const wallS = (Date.now() - t0) / 1000;
    // The result is shown (charts, KPIs, status colours) in the tasks after "done".
    await page.waitForTimeout(3000);
    const tasks = await longTasksSince(page, since);
    const pids = (await rendererPids(browser)).filter((p) => !before.has(p));
    await page.screenshot({ path: `${ARTIFACT_DIR}/bench-year.png` });
    const kpi = Number(await kpiValue(page, 'satelliteCount'));
    if (kpi !== 1000) throw new Error(`year-long run shows satelliteCount ${kpi}`);
    return {
      'year.analysisWallS': wallS,
      'year.analysisWorkerS': await runInfoSeconds(page),
      'year.peakRendererRssMiB': Math.max(...pids.map(peakRssMiB)),
      'year.longTasks': tasks.length,
      'year.maxLongTaskMs': tasks.reduce((m, t) => Math.max(m, t.duration), 0),
    };
  } finally {
    await page.close();
  }
}

export type BenchPart = 'sizes' | 'large' | 'year';
export type BenchMode = 'gpuComposited' | 'softwareComposited';

export interface BrowserBenchOptions {
  /** Default: all (`sizes` in the GPU-composited mode only); `year` runs in the GPU-composited mode only. */
  parts?: readonly BenchPart[];
  modes?: readonly BenchMode[];
}

/**
 * Runs both compositing modes of headless Chromium without a GPU (the
 * 1,000/10,000 cases and the year-long run in the first only; ≈6 min, of
 * which the year-long analysis takes ≈4):
 * - `gpuComposited.*`: SwiftShader renders and composites in the GPU process,
 *   as a real GPU would, so the page's main thread only records commands;
 * - `softwareComposited.*`: the tests' setup (--disable-gpu), where every
 *   WebGL frame is read back on the page's main thread, so each rendered
 *   frame is a main-thread task as long as SwiftShader takes to draw it.
 */
export async function runBrowserBench(options: BrowserBenchOptions = {}): Promise<Record<string, number>> {
  // `npm run bench -- --no-year` / `--quick` skip the year-long runs here as in the CLI part.
  const skipYear = process.argv.includes('--no-year') || process.argv.includes('--quick');
  const parts = new Set<BenchPart>(options.parts ?? (skipYear ? ['sizes', 'large'] : ['sizes', 'large', 'year']));
  const modes = options.modes ?? ['gpuComposited', 'softwareComposited'];
  const out: Record<string, number> = {};
  for (const mode of modes) {
    const gpu = mode === 'gpuComposited';
    // The year-long run and the 1,000/10,000 cases once (GPU-composited); 30,000 satellites in both modes.
    const r = await runMode(gpu, new Set([...parts].filter((p) => p === 'large' || gpu || (p === 'sizes' && options.parts !== undefined))));
    for (const [k, v] of Object.entries(r)) out[`${mode}.${k}`] = v;
  }
  return out;
}

async function runMode(gpuCompositing: boolean, parts: Set<BenchPart>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  if (parts.size === 0) return out;
  const h = await startHarness({ gpuCompositing });
  const newContext = async () => {
    const c = await h.browser.newContext({ viewport: VIEWPORT, baseURL: h.baseUrl });
    await c.addInitScript(INIT_SCRIPT);
    return c;
  };
  try {
    if (parts.has('year')) {
      // First, in a fresh context, so the renderer's peak memory is this run's.
      const context = await newContext();
      Object.assign(out, await measureYear(h.browser, context));
      await context.close();
    }
    const context = await newContext();
    if (parts.has('sizes')) {
      for (const n of SIZES) {
        const page = await context.newPage();
        try {
          Object.assign(out, await measure(page, n));
        } finally {
          await page.close();
        }
      }
      out.maxLongTaskDuringAnalysisMs = Math.max(...SIZES.map((n) => out[`n${n}.maxLongTaskDuringAnalysisMs`]));
    }
    if (parts.has('large')) {
      const page = await context.newPage();
      try {
        Object.assign(out, await measureLarge(h.browser, page, `bench-30000-${gpuCompositing ? 'gpu' : 'software'}-composited.png`));
      } finally {
        await page.close();
      }
    }
    await context.close();
  } finally {
    await h.close();
  }
  return out;
}

// Direct run: npx tsx bench/browser.ts [--parts=sizes,large,year] [--modes=gpuComposited,softwareComposited] [--no-year]
if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]?.split(',');
  runBrowserBench({ parts: arg('parts') as BenchPart[] | undefined, modes: arg('modes') as BenchMode[] | undefined }).then(
    (r) => {
      for (const [k, v] of Object.entries(r)) console.log(`${k.padEnd(56)} ${v.toFixed(2)}`);
    },
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
