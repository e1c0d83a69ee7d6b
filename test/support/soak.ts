// Memory soak of the live view, shared by test/browser/soak.test.ts (a short
// soak) and scripts/soak.ts (the hour against the built app): the design
// plays at 10,000× warp; after a warm-up the page's JS heap is measured after
// a full garbage collection (CDP HeapProfiler.collectGarbage, then
// Performance.getMetrics JSHeapUsedSize), again at intervals and at the end.
// The workers' heaps are measured the same way through their DevTools
// targets (cdp-workers.ts).
//
// The design: the 80-node starter shell over SOAK_HOURS (≈437 days), so at
// 10,000× the clock keeps moving for 63 minutes of wall time without reaching
// the end of the horizon; a 30-minute step keeps its analysis short (the live
// view does not depend on the step). Should the clock stop at the end anyway
// (a longer soak), the soak starts it again from the start as a user would
// (Jump to start, Play) and counts the restarts.
import type { Page } from 'playwright-core';
import { findPreset } from '../../src/engine/input/presets';
import { normaliseScenario, type Scenario } from '../../src/engine/input/scenario';
import { encodeShare } from '../../src/ui/share';
import { WorkerSessions } from './cdp-workers';
import { isPlaying, setPlaying, simTime as clock } from './app-page';

export const SOAK_WARP = 10_000;
/** 10,500 h of sim time: 63 min of wall time at 10,000×. */
export const SOAK_HOURS = 10_500;

export function soakScenario(): Scenario {
  const base = findPreset('starter-shell')!.scenario as Record<string, unknown>;
  return normaliseScenario({ ...base, name: 'Soak: starter shell over 437 days', durationHours: SOAK_HOURS, stepSeconds: 1800 });
}

/** The app's URL (relative to its base URL) that opens the soak design, paused, at 10,000×. */
export async function soakPath(): Promise<string> {
  const share = await encodeShare([soakScenario()], 0, 0);
  if (!share.ok) throw new Error(share.message);
  return `?play=0&warp=${SOAK_WARP}#designs=${share.value}`;
}

export interface HeapSample {
  /** Wall time since the warm-up ended (ms); negative for samples before. */
  atMs: number;
  /** The app's sim time (ms since the Unix epoch). */
  simTimeMs: number;
  /** Page JS heap in use after a full GC (bytes). */
  pageHeap: number;
  /** Each worker's JS heap in use after a full GC (bytes), by worker name. */
  workers: Record<string, number>;
}

export interface SoakOptions {
  page: Page;
  warmupMs: number;
  /** Wall time measured after the warm-up. */
  durationMs: number;
  /** Heap samples between warm-up and end (besides those two). */
  sampleEveryMs?: number;
  /** Also measure the workers' heaps (analysis, live, import). */
  workers?: boolean;
  log?: (line: string) => void;
}

export interface SoakReport {
  warmup: HeapSample;
  end: HeapSample;
  samples: HeapSample[];
  /** (end − warm-up) / warm-up of the page heap, in %. */
  growthPct: number;
  /** The same per worker present at both ends. */
  workerGrowthPct: Record<string, number>;
  /** Sim time the clock advanced during the measured period (ms). */
  simAdvancedMs: number;
  /** Times the clock was started again from the start after stopping at the end. */
  restarts: number;
}

const MIB = 1024 * 1024;
export const mib = (bytes: number): string => `${(bytes / MIB).toFixed(2)} MiB`;
const pct = (a: number, b: number): number => ((b - a) / a) * 100;

/** Plays the page's design at SOAK_WARP and measures heap growth after a warm-up. */
export async function soak(o: SoakOptions): Promise<SoakReport> {
  const { page } = o;
  const log = o.log ?? (() => {});
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const ws = o.workers ? await WorkerSessions.attach(page) : undefined;
  let restarts = 0;
  let simAdvancedMs = 0;
  let lastSim = Number.NaN;

  const simTime = () => clock(page);
  const play = () => setPlaying(page, true);
  /** Keeps the clock moving; adds up the sim time it advanced. */
  const keepMoving = async (count: boolean) => {
    const t = await simTime();
    if (count && Number.isFinite(lastSim) && t > lastSim) simAdvancedMs += t - lastSim;
    lastSim = t;
    if (!(await isPlaying(page))) {
      // Stopped at the end of the horizon: from the start again, as a user would.
      await page.click('[data-testid="jump-start"]');
      await play();
      restarts++;
      lastSim = await simTime();
      log(`clock restarted from the start (${restarts})`);
    }
  };
  const pageHeap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const m = await cdp.send('Performance.getMetrics');
    const used = m.metrics.find((x) => x.name === 'JSHeapUsedSize')?.value;
    if (!used) throw new Error('no JSHeapUsedSize metric');
    return used;
  };
  const sample = async (atMs: number): Promise<HeapSample> => {
    const workers: Record<string, number> = {};
    for (const w of ws?.list() ?? []) {
      try {
        workers[w.name] = await ws!.heapUsedAfterGc(w.sessionId);
      } catch {
        // a worker that ended meanwhile
      }
    }
    const s = { atMs, simTimeMs: await simTime(), pageHeap: await pageHeap(), workers };
    log(`${(atMs / 60_000).toFixed(1).padStart(6)} min  sim ${new Date(s.simTimeMs).toISOString()}  page heap ${mib(s.pageHeap)}  ${Object.entries(workers).map(([n, b]) => `${n} ${mib(b)}`).join('  ')}`);
    return s;
  };
  const wait = async (ms: number, count: boolean) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      await page.waitForTimeout(Math.min(5000, Math.max(0, end - Date.now())));
      await keepMoving(count);
    }
  };

  try {
    await page.selectOption('[data-testid="warp"]', String(SOAK_WARP));
    await play();
    log(`playing at ${SOAK_WARP}×; warming up for ${(o.warmupMs / 1000).toFixed(0)} s`);
    await wait(o.warmupMs, false);
    const t0 = Date.now();
    const warmup = await sample(0);
    lastSim = await simTime();
    const samples: HeapSample[] = [warmup];
    const every = o.sampleEveryMs ?? o.durationMs;
    while (Date.now() - t0 < o.durationMs) {
      await wait(Math.min(every, o.durationMs - (Date.now() - t0)), true);
      if (Date.now() - t0 < o.durationMs - 1000) samples.push(await sample(Date.now() - t0));
    }
    await keepMoving(true);
    const end = await sample(Date.now() - t0);
    samples.push(end);
    const workerGrowthPct: Record<string, number> = {};
    for (const [n, b] of Object.entries(end.workers)) if (warmup.workers[n]) workerGrowthPct[n] = pct(warmup.workers[n], b);
    return { warmup, end, samples, growthPct: pct(warmup.pageHeap, end.pageHeap), workerGrowthPct, simAdvancedMs, restarts };
  } finally {
    await ws?.detach();
    await cdp.detach().catch(() => {});
  }
}

/** The report as lines of text (the script prints them; the test saves them as an artifact). */
export function soakSummary(r: SoakReport): string[] {
  const lines = [
    `page JS heap after warm-up: ${mib(r.warmup.pageHeap)} (${r.warmup.pageHeap} bytes)`,
    `page JS heap at the end:    ${mib(r.end.pageHeap)} (${r.end.pageHeap} bytes)`,
    `growth: ${r.growthPct.toFixed(2)} %`,
    `sim time advanced: ${(r.simAdvancedMs / 3_600_000).toFixed(1)} h; restarts from the start: ${r.restarts}`,
  ];
  for (const [n, g] of Object.entries(r.workerGrowthPct)) lines.push(`worker ${n}: ${mib(r.warmup.workers[n])} → ${mib(r.end.workers[n])} (${g.toFixed(2)} %)`);
  return lines;
}
