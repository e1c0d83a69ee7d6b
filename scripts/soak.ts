/**
 * Memory soak against the built app (issue 6: one hour of sim at 10,000×
 * warp, heap growth under 10 % after warm-up):
 *
 *   npx tsx scripts/soak.ts --minutes 60 [--warmup-minutes 2] [--sample-minutes 5]
 *
 * Builds the app into a temporary folder and serves it with vite preview
 * (the shared harness, test/support/browser.ts), opens the soak design
 * (test/support/soak.ts: the 80-node starter shell over 437 days, so the
 * clock never reaches the end in an hour at 10,000×) in headless Chromium, plays it, and prints the page's JS heap after
 * the warm-up and at the end (each after a full GC), the growth in %, and the
 * same for each worker. Exits 1 when the page heap grew by 10 % or more.
 */
import { openPage, startHarness } from '../test/support/browser';
import { waitDone } from '../test/support/app-page';
import { soak, soakPath, soakSummary } from '../test/support/soak';

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

let code = 1;
try {
  console.log('building the app …');
  const h = await startHarness({ app: 'build' });
  try {
    const errors: string[] = [];
    const page = await openPage(h, await soakPath(), errors);
    await waitDone(page, 600_000);
    console.log(`soak: ${warmupMinutes} min warm-up, then ${minutes} min at 10,000× (heap after a full GC every ${sampleMinutes} min)`);
    const r = await soak({ page, warmupMs: warmupMinutes * MIN, durationMs: minutes * MIN, sampleEveryMs: sampleMinutes * MIN, workers: true, log: (l) => console.log(l) });
    console.log('');
    for (const l of soakSummary(r)) console.log(l);
    if (errors.length) console.log(`page errors: ${errors.join(' | ')}`);
    code = r.growthPct < 10 && errors.length === 0 ? 0 : 1;
    console.log(code === 0 ? 'soak passed: page heap growth under 10 %' : 'soak FAILED');
  } finally {
    await h.close();
  }
} catch (e) {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  code = 1;
}
process.exit(code);
