// Issue 6 (hardening) in the app, driven through its UI in headless Chromium:
// results byte-identical to the CLI's; inline messages for bad panel fields,
// bad scenario files (a sample of the corpus in test/hardening/) and bad
// element sets; analysis workers that are terminated or throw mid-run; WASM
// propagators disposed after runs, cancels and removals. One page throughout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPage, startHarness, type Harness } from '../support/browser';
import { kpiValue, kpiValues, pollUntil, text as textOn, waitDone as waitDoneOn } from '../support/app-page';
import { WorkerSessions } from '../support/cdp-workers';
import { main } from '../../src/cli/main';
import { KPI_NAMES, NULLABLE_KPIS } from '../../src/engine/output/result';
import type { Case } from '../hardening/corpus-types';
import type { AppDiagnostics } from '../../src/ui/url-params';
import type { AnalysisWorkerStats } from '../../workers/protocol';

let h: Harness;
let page: Page;
let workers: WorkerSessions;
let tmp: string;
const errors: string[] = [];

const ORIGINAL = 'Starter compute shell';
const HERE = fileURLToPath(new URL('.', import.meta.url));
const CORPUS = join(HERE, '../hardening');
const manifest = JSON.parse(readFileSync(join(CORPUS, 'corpus.json'), 'utf8')) as { cases: Case[] };
const corpusCase = (id: string): Case => {
  const c = manifest.cases.find((x) => x.id === id);
  if (!c?.file) throw new Error(`corpus case ${id} is missing or generated`);
  return c;
};
const corpusFile = (c: Case): Buffer => readFileSync(join(CORPUS, 'corpus', c.file!));

const text = (sel: string) => textOn(page, sel);
const css = (s: string) => s.replace(/["\\]/g, '\\$&');

const waitDone = (timeout = 90_000) => waitDoneOn(page, timeout);

/** The KPI cards' raw values (data-value: the shown text is formatted) by KPI name; '' when not computed. */
async function kpiTexts(): Promise<Record<string, string>> {
  return kpiValues(page);
}

/**
 * Every KPI card holds a finite number; no NaN or Infinity anywhere in the KPI
 * cards, the inspector or the comparison table (`compare`: shown first, so
 * the table holds the current results; it is drawn only while visible).
 */
async function expectFiniteResults(compare = false): Promise<void> {
  const k = await kpiTexts();
  expect(Object.keys(k).sort()).toEqual([...KPI_NAMES].sort());
  for (const [name, t] of Object.entries(k)) expect((Number.isFinite(Number(t)) && t !== '') || (NULLABLE_KPIS.has(name) && t === ''), `${name}: ${t}`).toBe(true);
  if (compare) {
    await page.click('[data-testid="tab-compare"]');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="compare-table"] [data-kpi-row] [data-value]').length >= n, KPI_NAMES.length - NULLABLE_KPIS.size);
    const values = await page.$$eval('[data-testid="compare-table"] [data-value]', (els) => els.map((e) => Number(e.getAttribute('data-value'))));
    for (const v of values) expect(Number.isFinite(v)).toBe(true);
  }
  const texts = await page.$$eval('#kpis, [data-testid="inspector"], [data-testid="compare-table"]', (els) => els.map((e) => e.textContent ?? ''));
  expect(texts).toHaveLength(3);
  for (const t of texts) expect(t).not.toMatch(/NaN|Infinity/);
  if (compare) await page.click('[data-testid="tab-design"]');
}

/** Shows a satellite in the inspector (its fields then hold numbers to check). */
async function inspect(name: string): Promise<void> {
  await page.fill('[name="find-satellite"]', name);
  await page.press('[name="find-satellite"]', 'Enter');
  await page.waitForFunction((n) => document.querySelector('[data-testid="inspector"]')?.classList.contains('active') && document.querySelector('[data-testid="inspector-name"]')?.textContent === n, name);
  await page.waitForFunction(() => /%$/.test(document.querySelector('[data-field="soc"]')?.textContent ?? ''), null, { timeout: 30_000 });
}

/** [name, state, hash] of every design row, and the active one's name. */
async function session(): Promise<{ rows: string[][]; active: string | null }> {
  const rows = await page.$$eval('[data-testid="design-list"] [data-design]', (els) =>
    els.map((r) => [r.getAttribute('data-design') ?? '', r.querySelector('[data-testid="input-hash"]')?.textContent ?? '']),
  );
  return { rows, active: await page.getAttribute('[data-design].active', 'data-design') };
}

async function download(click: () => Promise<unknown>): Promise<Buffer> {
  const [dl] = (await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), click()])) as [Download, unknown];
  const path = join(tmp, `${Date.now()}-${dl.suggestedFilename()}`);
  await dl.saveAs(path);
  return readFileSync(path);
}

async function exportResultJson(): Promise<Buffer> {
  await page.click('[data-testid="export-menu"]');
  return download(() => page.click('[data-testid="export-result-json"]'));
}

/** Runs the CLI in-process; returns its result.json bytes. */
async function cliResult(argv: string[]): Promise<Buffer> {
  const out = join(tmp, `cli-${Date.now()}.json`);
  let err = '';
  const code = await main([...argv, '--out', out, '--quiet'], { out: { write: () => true }, err: { write: (s: string) => (err += s) } });
  expect(code, err).toBe(0);
  return readFileSync(out);
}

/** Where two byte strings first differ, with context, for a readable failure. */
function firstDifference(a: Buffer, b: Buffer): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return 'identical';
  return `lengths ${a.length} / ${b.length}; first difference at byte ${i}: …${a.subarray(Math.max(0, i - 60), i + 60).toString()}… vs …${b.subarray(Math.max(0, i - 60), i + 60).toString()}…`;
}

async function analysisStats(): Promise<Array<AnalysisWorkerStats | null>> {
  return page.evaluate(() => (window as unknown as { ocsDiagnostics: AppDiagnostics }).ocsDiagnostics.analysisWorkers());
}

/** Waits until no analysis worker has a run in progress; returns their stats then. */
async function analysisIdle(): Promise<AnalysisWorkerStats[]> {
  return (await pollUntil(analysisStats, (s) => s.every((x) => x && x.activeSeq === -1), 'analysis workers idle', 60_000)) as AnalysisWorkerStats[];
}

/**
 * Horizon of the runs a test catches in progress: a year of the default
 * scenario runs for several seconds, well past the first progress report
 * (progress reaches the page at most once a second).
 */
const LONG_RUN_HOURS = '8760';

/** The fraction the header's progress bar shows (transform scaleX). */
async function waitProgress(min: number): Promise<void> {
  await page.waitForFunction(
    (m) => {
      const t = (document.getElementById('progress') as HTMLElement | null)?.style.transform ?? '';
      const f = Number(/scaleX\(([^)]+)\)/.exec(t)?.[1] ?? 0);
      return document.querySelector('[data-testid="analysis-status"]')?.textContent === 'running' && f > m;
    },
    min,
    { timeout: 60_000 },
  );
}

/** Visible progress bars in their running state (the import dialog's bar is always "active" inside its hidden box). */
async function runningBars(): Promise<number> {
  return page.evaluate(() => [...document.querySelectorAll('.progress.active')].filter((e) => e.getClientRects().length > 0).length);
}

/** Nothing on the page reads as running: no visible running progress bar, no running status or design row. */
async function expectNothingRunning(): Promise<void> {
  // Bars are redrawn on the next frame: wait for them to go (the timeout is a safety net).
  expect(await pollUntil(runningBars, (n) => n === 0, 'running progress bars', 10_000)).toBe(0);
  const states = await page.$$eval('[data-state="running"], .design-state.running', (els) => els.map((e) => e.outerHTML.slice(0, 160)));
  expect(states).toEqual([]);
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'ocs-hardening-browser-'));
  h = await startHarness();
  page = await openPage(h, '?play=0&diagnostics=1', errors);
  workers = await WorkerSessions.attach(page);
  await waitDone();
}, 180_000);

afterAll(async () => {
  await workers?.detach();
  await page?.close();
  await h?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('determinism: result.json from the browser worker and from the CLI', () => {
  const TLE_FILE = join(HERE, '../../assets/scenarios/iss-tle.json');
  const exported: { starter?: Buffer; tle?: Buffer } = {};

  it('the browser worker writes the same bytes on every export (the default scenario; the TLE example with events)', async () => {
    expect((await session()).active).toBe(ORIGINAL);
    exported.starter = await exportResultJson();
    expect(firstDifference(await exportResultJson(), exported.starter)).toBe('identical');
    const name = JSON.parse(readFileSync(TLE_FILE, 'utf8')).name as string;
    await page.setInputFiles('[data-testid="open-file"]', TLE_FILE);
    try {
      await page.waitForSelector(`[data-design="${css(name)}"].active`);
      await waitDone();
      exported.tle = await exportResultJson();
      expect(firstDifference(await exportResultJson(), exported.tle)).toBe('identical');
      const doc = JSON.parse(exported.tle.toString());
      expect(doc.events.eclipses.length).toBeGreaterThan(10);
      expect(doc.events.contacts.length).toBeGreaterThan(3);
    } finally {
      await page.click(`[data-design="${css(name)}"] [data-action="remove"]`);
      await page.waitForSelector(`[data-design="${ORIGINAL}"].active`);
      await waitDone();
    }
  });

  // Host-independent math: this Chromium's V8 and this Node's V8 give different last bits for
  // Math.sin, cos, tan, asin, acos, atan, atan2, exp, log, pow, cbrt and `**` on some inputs,
  // which event root finding and the compute controller carry into the 9-digit output. The
  // engine processes on both sides (the CLI, the analysis worker and its geometry workers)
  // install the same pure-JavaScript functions (src/engine/det-math.ts) and load satellite.js
  // with its `**` rewritten to Math.pow (src/cli/exponent-rewrite.ts). Strict bytes, no normalisation.
  it('the default scenario: byte-identical to the CLI’s', async () => {
    const cli = await cliResult(['--preset', 'starter-shell']);
    expect(JSON.parse(cli.toString()).kpis.satelliteCount).toBe(80);
    expect(firstDifference(exported.starter!, cli)).toBe('identical');
  });

  it('the TLE example: byte-identical to the CLI’s', async () => {
    const cli = await cliResult([TLE_FILE]);
    expect(firstDifference(exported.tle!, cli)).toBe('identical');
  });

  it('a design with training, inference and batch workloads: byte-identical to the CLI’s', async () => {
    const file = join(tmp, 'workloads.json');
    const scenario = {
      name: 'Workloads determinism',
      startUtc: '2026-06-21T00:00:00Z',
      durationHours: 6,
      stepSeconds: 60,
      constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 4, satellitesPerPlane: 8, phasing: 1 },
      groundStations: [{ name: 'Svalbard', latitudeDeg: 78.23, longitudeDeg: 15.41, downlinkGbps: 10 }],
      interSatelliteLinks: { enabled: true },
      lifetime: { enabled: false },
      workloads: { training: [{ nodesPerReplica: 8 }], inference: [{}], batch: [{ jobs: 6 }] },
    };
    writeFileSync(file, JSON.stringify(scenario));
    await page.setInputFiles('[data-testid="open-file"]', file);
    try {
      await page.waitForSelector(`[data-design="${css(scenario.name)}"].active`);
      await waitDone();
      const browser = await exportResultJson();
      const doc = JSON.parse(browser.toString());
      expect(doc.workloads.series.length).toBe(360);
      expect(doc.kpis.inferenceServedFraction).toBeGreaterThan(0);
      expect(firstDifference(browser, await cliResult([file]))).toBe('identical');
    } finally {
      await page.click(`[data-design="${css(scenario.name)}"] [data-action="remove"]`);
      await page.waitForSelector(`[data-design="${ORIGINAL}"].active`);
      await waitDone();
    }
  });
});

describe('bad input in the parameter panel', () => {
  const cases: Array<{ path: string; bad: string; message: RegExp }> = [
    { path: 'constellation.altitudeKm', bad: '-5', message: /^constellation\.altitudeKm: Too small: expected number to be >=160/ },
    { path: 'constellation.altitudeKm', bad: 'abc', message: /^constellation\.altitudeKm: expected a finite number, got string "abc"/ },
    { path: 'constellation.inclinationDeg', bad: '200', message: /^constellation\.inclinationDeg: Too big: expected number to be <=180/ },
    { path: 'stepSeconds', bad: '0', message: /^stepSeconds: Too small: expected number to be >=1/ },
    { path: 'durationHours', bad: 'Infinity', message: /^durationHours: expected a finite number, got string "Infinity"/ },
    { path: 'node.batteryCapacityKWh', bad: '1e400', message: /^node\.batteryCapacityKWh: expected a finite number, got string "1e400"/ },
    { path: 'node.solarCellEfficiency', bad: '1.5', message: /^node\.solarCellEfficiency: Too big: expected number to be <=1/ },
    { path: 'groundStations[0].latitudeDeg', bad: '91', message: /^groundStations\[0\]\.latitudeDeg: Too big: expected number to be <=90/ },
    { path: 'startUtc', bad: '2026-13-01T00:00:00Z', message: /^startUtc: expected an ISO 8601 UTC time/ },
  ];

  it('each bad field gets a message naming it, the results stay, and fixing it runs again', async () => {
    await waitDone();
    await inspect('W01-01');
    const hash = await text('header [data-testid="input-hash"]');
    expect(hash).toMatch(/^[0-9a-f]{8}$/);
    const before = await kpiTexts();
    for (const c of cases) {
      const input = `[name="${css(c.path)}"]`;
      const original = await page.inputValue(input);
      await page.fill(input, c.bad);
      const box = page.locator(`.field-error[data-error-for="${css(c.path)}"]`);
      await box.waitFor({ state: 'visible' });
      expect(await box.getAttribute('data-issue'), c.path).toMatch(c.message);
      expect(await page.getAttribute(input, 'aria-invalid'), c.path).toBe('true');
      // No run was started; the last results stay as they were.
      expect(await text('header [data-testid="input-hash"]')).toBe('invalid');
      expect(await text('[data-testid="analysis-status"]')).toBe('input invalid — showing last valid result');
      expect(await page.getAttribute('[data-testid="analysis-status"]', 'data-state')).toBe('stale');
      expect(await kpiTexts(), c.path).toEqual(before);
      await expectFiniteResults(true);
      expect(await page.getAttribute('[data-testid="inspector"]', 'class')).toMatch(/\bactive\b/);
      // Fixed (back to its value): the error goes and the analysis runs again, to the same results.
      await page.fill(input, original);
      expect(await box.isVisible()).toBe(false);
      expect(await page.getAttribute(input, 'aria-invalid')).toBeNull();
      expect(await text('[data-testid="analysis-status"]')).toBe('running');
      await waitDone();
      expect(await text('header [data-testid="input-hash"]')).toBe(hash);
      expect(await kpiTexts(), c.path).toEqual(before);
    }
    // A valid change runs and changes the results.
    await page.fill('[name="constellation.altitudeKm"]', '1200');
    expect(await text('[data-testid="analysis-status"]')).toBe('running');
    await waitDone();
    await page.waitForFunction((b) => document.querySelector('[data-kpi="eclipseFraction"]')?.getAttribute('data-value') !== b, before.eclipseFraction);
    expect(Number((await kpiTexts()).eclipseFraction)).toBeLessThan(Number(before.eclipseFraction));
    await page.fill('[name="constellation.altitudeKm"]', '550');
    await waitDone();
    await page.waitForFunction((b) => document.querySelector('[data-kpi="eclipseFraction"]')?.getAttribute('data-value') === b, before.eclipseFraction);
    expect(await kpiTexts()).toEqual(before);
    expect(errors).toEqual([]);
  });
});

describe('bad scenario files (a sample of the hardening corpus) opened in the app', () => {
  // Syntax errors, unknown fields, wrong types, out-of-range values, whole-document problems.
  const SAMPLE = [
    'scenario-trailing-comma', 'scenario-comment', 'scenario-single-quotes', 'scenario-nan-literal', 'scenario-truncated',
    'scenario-crlf-syntax-error', 'scenario-empty-file', 'scenario-whitespace-file', 'scenario-unknown-root', 'scenario-misspelled-duration',
    'scenario-unknown-node', 'scenario-unknown-station', 'scenario-walker-field-on-sso', 'scenario-proto-key', 'scenario-duration-string',
    'scenario-step-boolean', 'scenario-node-array', 'scenario-stations-object', 'scenario-isl-enabled-string', 'scenario-root-null',
    'scenario-array-area-negative', 'scenario-cell-efficiency-1-5', 'scenario-altitude-inside-earth', 'scenario-number-1e400', 'scenario-walker-1e7',
    'scenario-step-longer-than-horizon', 'scenario-horizon-zero', 'scenario-empty-object', 'scenario-nested-65', 'scenario-initial-below-min',
  ].map(corpusCase);
  const DROPPED = new Set(['scenario-trailing-comma', 'scenario-unknown-node', 'scenario-number-1e400']);

  it('the sample is of rejected scenario files', () => {
    for (const c of SAMPLE) expect([c.kind, c.expect.exitCode, c.expect.failsAt], c.id).toEqual(['scenario', 2, undefined]);
  });

  it('Open… and drag-and-drop show a message with the line and column, or the field path, as the CLI does; the session stays as it was', async () => {
    const before = await session();
    const kpis = await kpiTexts();
    for (const c of SAMPLE) {
      const bytes = corpusFile(c);
      if (DROPPED.has(c.id)) {
        const dt = await page.evaluateHandle(({ t, name }) => {
          const d = new DataTransfer();
          d.items.add(new File([t], name, { type: 'application/json' }));
          return d;
        }, { t: bytes.toString('utf8'), name: c.file! });
        await page.dispatchEvent('body', 'drop', { dataTransfer: dt });
      } else {
        await page.setInputFiles('[data-testid="open-file"]', { name: c.file!, mimeType: 'application/json', buffer: bytes });
      }
      await page.waitForFunction((f) => document.querySelector('[data-testid="load-error"]:not([hidden])')?.textContent?.startsWith(`${f}: `), c.file!);
      const message = await text('[data-testid="load-error"]');
      for (const m of c.expect.messageIncludes) expect(message, c.id).toContain(m);
      for (const p of c.expect.issuePaths ?? []) if (p) expect(message, c.id).toContain(`${p}: `);
      if (c.expect.messageIncludes.some((m) => m.startsWith('invalid JSON'))) expect(message, c.id).toMatch(/invalid JSON at line \d+, column \d+/);
      expect(await session(), c.id).toEqual(before);
    }
    expect(await kpiTexts()).toEqual(kpis);
    await expectFiniteResults(true);
    expect(errors).toEqual([]);
  });

  it('Replace from file… shows the problem in the panel and keeps the design', async () => {
    const before = await session();
    const syntax = corpusCase('scenario-crlf-syntax-error');
    await page.setInputFiles('[data-testid="replace-file"]', { name: syntax.file!, mimeType: 'application/json', buffer: corpusFile(syntax) });
    await page.waitForSelector('[data-testid="form-error"]:not([hidden])');
    expect(await text('[data-testid="form-error"]')).toContain(`${syntax.file}: ${syntax.expect.messageIncludes[0]}`);
    const range = corpusCase('scenario-cell-efficiency-1-5');
    await page.setInputFiles('[data-testid="replace-file"]', { name: range.file!, mimeType: 'application/json', buffer: corpusFile(range) });
    const box = page.locator('.field-error[data-error-for="node.solarCellEfficiency"]');
    await box.waitFor({ state: 'visible' });
    expect(await box.getAttribute('data-issue')).toBe(`node.solarCellEfficiency: ${range.file}: ${range.expect.messageIncludes[0].replace(/^node\.solarCellEfficiency: /, '')}`);
    expect(await page.inputValue('[name="node.solarCellEfficiency"]')).toBe('0.22');
    expect(await session()).toEqual(before);
    expect(await text('[data-testid="analysis-status"]')).toBe('done');
    // The next edit validates the design as it is: the messages go.
    await page.fill('[name="node.solarCellEfficiency"]', '0.22');
    await waitDone();
    expect(await box.isVisible()).toBe(false);
    expect(await page.isVisible('[data-testid="form-error"]')).toBe(false);
  });
});

describe('analysis worker faults', () => {
  const primaryWorker = () => workers.waitFor('analysis-1');
  const evaluateIn = async (expression: string) => {
    const w = await primaryWorker();
    await workers.send(w.sessionId, 'Runtime.evaluate', { expression });
    return w;
  };

  /** Starts a run long enough to be interrupted (30 days of the 80-satellite shell) and waits until it is under way. */
  async function startLongRun(): Promise<void> {
    await page.fill('[name="durationHours"]', LONG_RUN_HOURS);
    await waitProgress(0.01);
  }

  /** Edits the design back to a day: the run must succeed and show KPIs. */
  async function runAgain(expected: Record<string, string>): Promise<void> {
    await page.fill('[name="durationHours"]', '24');
    expect(await text('[data-testid="analysis-status"]')).toBe('running');
    await waitDone();
    await page.waitForFunction((v) => document.querySelector('[data-kpi="eclipseFraction"]')?.getAttribute('data-value') === v, expected.eclipseFraction);
    expect(await kpiTexts()).toEqual(expected);
    await expectFiniteResults();
  }

  it('a worker terminated mid-run: the app reports it, nothing stays running, and a new run succeeds on a new worker', async () => {
    await waitDone();
    const kpis = await kpiTexts();
    await startLongRun();
    const old = await evaluateIn('setTimeout(() => self.close(), 0)');
    await page.waitForFunction(() => document.querySelector('[data-testid="analysis-status"]')?.getAttribute('data-state') === 'error', null, { timeout: 30_000 });
    expect(await text('[data-testid="analysis-status"]')).toBe('error: analysis worker 1 stopped: the worker ended (terminated or crashed)');
    await expectNothingRunning();
    await expectFiniteResults();
    await runAgain(kpis);
    const now = await primaryWorker();
    expect(now.sessionId).not.toBe(old.sessionId);
  });

  it('a worker that throws mid-run: an uncaught error or an exception in the run is reported; the next run succeeds', async () => {
    const kpis = await kpiTexts();
    // An uncaught error in the worker: it is replaced.
    await startLongRun();
    const old = await evaluateIn(`setTimeout(() => { throw new Error('injected fault'); }, 0)`);
    await page.waitForFunction(() => document.querySelector('[data-testid="analysis-status"]')?.getAttribute('data-state') === 'error', null, { timeout: 30_000 });
    expect(await text('[data-testid="analysis-status"]')).toBe('error: analysis worker 1 stopped: uncaught error: Error: injected fault');
    await expectNothingRunning();
    await runAgain(kpis);
    expect((await primaryWorker()).sessionId).not.toBe(old.sessionId);
    // An exception inside the run (the engine's next clock reading throws): the run fails, the worker stays.
    await startLongRun();
    const same = await evaluateIn(`(() => {
      const now = performance.now.bind(performance);
      let armed = true;
      performance.now = () => { if (armed) { armed = false; throw new Error('injected engine fault'); } return now(); };
    })()`);
    await page.waitForFunction(() => document.querySelector('[data-testid="analysis-status"]')?.getAttribute('data-state') === 'error', null, { timeout: 30_000 });
    expect(await text('[data-testid="analysis-status"]')).toBe('error: injected engine fault');
    await expectNothingRunning();
    await runAgain(kpis);
    expect((await primaryWorker()).sessionId).toBe(same.sessionId);
    // The only console errors are the injected fault's.
    expect(errors.filter((e) => !/injected fault/.test(e))).toEqual([]);
    errors.length = 0;
  });
});

describe('WASM propagators are disposed', () => {
  it('analysis workers hold one during a run and none after runs, a cancelled run and a design removal; the live view holds one', async () => {
    await waitDone();
    expect((await analysisIdle()).map((s) => s.livePropagators)).toEqual((await analysisStats()).map(() => 0));
    // Several runs.
    for (const v of ['560', '570', '550']) {
      await page.fill('[name="constellation.altitudeKm"]', v);
      await waitDone();
    }
    // During a run the primary worker holds exactly one.
    await page.fill('[name="durationHours"]', LONG_RUN_HOURS);
    await waitProgress(0.01);
    // During a run the primary worker holds at most one: none when the pool balance gives all of
    // phase A to its geometry sub-workers (engine run/geometry-pool.ts; nested workers are not
    // visible to this test's CDP sessions), one when it computes a share itself.
    const during = await analysisStats();
    expect(during[0]!.livePropagators).toBeLessThanOrEqual(1);
    expect(during[0]!.activeSeq).toBeGreaterThan(0);
    // Cancelled by the next edit.
    await page.fill('[name="durationHours"]', '24');
    await waitDone();
    // A design removed while it runs.
    await page.selectOption('[data-testid="add-design"]', 'polar-walker-star');
    await page.waitForSelector('[data-design="Polar Walker star"].active');
    await page.fill('[name="durationHours"]', LONG_RUN_HOURS);
    await waitProgress(0.01);
    await page.click('[data-design="Polar Walker star"] [data-action="remove"]');
    await page.waitForSelector(`[data-design="${ORIGINAL}"].active`);
    await waitDone();
    const after = await analysisIdle();
    expect(after.length).toBeGreaterThanOrEqual(1);
    for (const s of after) expect(s).toMatchObject({ livePropagators: 0, activeSeq: -1 });
    // The live view's worker keeps one undisposed propagator, for the design it shows (a disposed
    // one may stay reachable from its suspended stream loop for a moment; its WASM memory is freed).
    const live = await workers.waitFor('live');
    const held = await workers.countObjects(live.sessionId, ['ChunkPropagator', 'SamplePropagator']);
    expect(held.ChunkPropagator.undisposed).toBe(1);
    expect(held.SamplePropagator).toEqual({ objects: 0, undisposed: 0 });
    // The analysis workers' heaps agree with their stats: no undisposed propagator.
    const analysisWorkers = workers.list().filter((x) => /^analysis-\d+$/.test(x.name));
    expect(analysisWorkers.length).toBe(after.length);
    for (const w of analysisWorkers) {
      const c = await workers.countObjects(w.sessionId, ['SamplePropagator', 'ChunkPropagator']);
      expect([c.SamplePropagator.undisposed, c.ChunkPropagator.undisposed], w.name).toEqual([0, 0]);
    }
    expect(errors).toEqual([]);
  });
});

describe('bad element sets imported (a sample of the hardening corpus)', () => {
  const TLE = [
    'tle-line1-short', 'tle-line2-long', 'tle-line-with-nul', 'tle-bad-checksum-line2', 'tle-checksum-not-digit', 'tle-eccentricity-letters',
    'tle-mean-motion-negative', 'tle-inclination-181', 'tle-epoch-day-367', 'tle-catalog-mismatch', 'tle-orphan-line2', 'tle-crlf-bad-line',
    'tle-cr-only-bad-line', 'tle-blank-lines', 'tle-unicode-name-bad-set', 'tle-bad-checksum-all',
  ].map(corpusCase);
  const OMM = [
    'omm-missing-mean-motion', 'omm-mean-motion-word', 'omm-mean-motion-boolean', 'omm-mean-motion-number-1e400', 'omm-eccentricity-one',
    'omm-inclination-200', 'omm-epoch-word', 'omm-record-null', 'omm-lowercase-keys', 'omm-several-errors-one-record', 'omm-all-bad',
  ].map(corpusCase);
  /** The CLI's own words around the element errors (scenario field, epoch warnings) are not the import's. */
  const elementMessages = (c: Case) => c.expect.messageIncludes.filter((m) => !/^warning:|constellation\.|no valid satellites|days (before|after) the scenario start/.test(m));

  async function importFile(c: Case): Promise<{ summary: string; items: Array<{ line: string | null; index: string | null; text: string }> }> {
    await page.evaluate(() => {
      document.querySelector('[data-testid="import-summary"]')!.textContent = '';
    });
    await page.setInputFiles('[data-testid="import-file"]', { name: c.file!, mimeType: 'text/plain', buffer: corpusFile(c) });
    await page.waitForFunction(() => (document.querySelector('[data-testid="import-summary"]')?.textContent ?? '') !== '', null, { timeout: 30_000 });
    await page.waitForSelector('[data-testid="import-progress"]', { state: 'hidden' });
    const items = await page.$$eval('[data-testid="import-errors"] li', (lis) => lis.map((li) => ({ line: li.getAttribute('data-line'), index: li.getAttribute('data-index'), text: li.textContent ?? '' })));
    return { summary: await text('[data-testid="import-summary"]'), items };
  }

  /** The good sets load as the new active design. */
  async function expectLoaded(c: Case, summary: string): Promise<void> {
    const good = c.expect.goodRecords!;
    if (good === 0) {
      expect(summary, c.id).toMatch(/^Loaded 0 of \d+ element sets; \d+ records? skipped\. No element set loaded; nothing was added\.$/);
      return;
    }
    const m = /^Loaded (\d+) of \d+ element sets as design “([^”]+)”/.exec(summary);
    expect(m, `${c.id}: ${summary}`).not.toBeNull();
    expect(Number(m![1]), c.id).toBe(good);
    await page.waitForSelector(`[data-design="${css(m![2])}"].active`);
    await page.waitForFunction((n) => document.querySelector('[data-testid="satellite-count"]')?.textContent === String(n), good);
    await waitDone();
    expect(await kpiValue(page, 'satelliteCount'), c.id).toBe(good);
    await expectFiniteResults();
  }

  beforeAll(async () => {
    await page.click('[data-testid="tab-design"]');
    await page.click('[data-testid="import-open"]');
    // Short designs: the analysis after each import stays quick.
    await page.fill('[name="import-duration"]', '0.25');
    await page.fill('[name="import-step"]', '300');
  });

  it('TLE files: the report lists exactly the bad lines, with the CLI’s messages; the good sets load', async () => {
    for (const c of TLE) {
      const { summary, items } = await importFile(c);
      const lines = [...new Set(items.map((i) => Number(i.line)))].sort((a, b) => a - b);
      expect(lines, `${c.id}: ${summary}`).toEqual([...new Set(c.expect.badLines)].sort((a, b) => a - b));
      for (const i of items) expect(i.text, c.id).toMatch(new RegExp(`^line ${i.line}: `));
      const all = items.map((i) => i.text).join('\n');
      for (const m of elementMessages(c)) expect(all, c.id).toContain(m);
      await expectLoaded(c, summary);
    }
  });

  it('OMM files: the report lists exactly the bad records, with the CLI’s messages; the good records load; broken JSON names its line and column', async () => {
    for (const c of OMM) {
      const { summary, items } = await importFile(c);
      const records = [...new Set(items.map((i) => Number(i.index)))].sort((a, b) => a - b);
      expect(records, `${c.id}: ${summary}`).toEqual([...new Set(c.expect.badRecords)].sort((a, b) => a - b));
      for (const i of items) expect(i.text, c.id).toMatch(new RegExp(`^record ${i.index}[ :]`));
      const all = items.map((i) => i.text).join('\n');
      for (const m of elementMessages(c)) expect(all, c.id).toContain(m);
      await expectLoaded(c, summary);
    }
    const broken = corpusCase('omm-truncated-json');
    const { summary, items } = await importFile(broken);
    expect(summary).toMatch(/^invalid OMM JSON at line \d+, column \d+: /);
    expect(items).toEqual([]);
  });

  afterAll(async () => {
    // Back to the original design; the imported ones go.
    await page.keyboard.press('Escape');
    await page.click(`[data-design="${ORIGINAL}"] .design-name`);
    await waitDone();
    for (const name of (await session()).rows.map((r) => r[0]).filter((n) => n !== ORIGINAL)) {
      await page.click(`[data-design="${css(name)}"] [data-action="remove"]`);
      await page.waitForSelector(`[data-design="${css(name)}"]`, { state: 'detached' });
    }
    expect((await session()).rows.map((r) => r[0])).toEqual([ORIGINAL]);
    expect(errors).toEqual([]);
  });
});
