// Issue 14, exports other tools read, from the app in headless Chromium: the
// Export menu's OEM (all / selected satellite), STK .e and pass, eclipse and
// contact CSVs are the CLI's bytes for the same scenario, and the exported
// OEM is read back by an independent CCSDS 502.0-B-3 reader
// (test/support/oem-reader.ts) with states that satellite.js re-propagates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { propagate, twoline2satrec } from 'satellite.js';
import { openPage, startHarness, type Harness } from '../support/browser';
import { waitDone } from '../support/app-page';
import { readOem } from '../support/oem-reader';
import { main } from '../../src/cli/main';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const TLE_FILE = join(HERE, '../../assets/scenarios/iss-tle.json');
const scenario = JSON.parse(readFileSync(TLE_FILE, 'utf8')) as { name: string; constellation: { text: string } };

let h: Harness;
let page: Page;
let tmp: string;
const errors: string[] = [];

async function download(click: () => Promise<unknown>): Promise<Buffer> {
  const [dl] = (await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), click()])) as [Download, unknown];
  const path = join(tmp, `${Date.now()}-${dl.suggestedFilename()}`);
  await dl.saveAs(path);
  return readFileSync(path);
}

async function exported(kind: string): Promise<Buffer> {
  await page.click('[data-testid="export-menu"]');
  return download(() => page.click(`[data-testid="export-${kind}"]`));
}

/** The CLI's files for the TLE example: flags with "@name" for an output path; returns the files by name. */
async function cli(flags: string[]): Promise<Record<string, Buffer>> {
  const names: string[] = [];
  const argv = flags.map((f) => (f.startsWith('@') ? (names.push(f.slice(1)), join(tmp, `cli-${f.slice(1)}`)) : f));
  let err = '';
  const code = await main([TLE_FILE, ...argv, '--out', join(tmp, 'cli-result.json'), '--quiet'], { out: { write: () => true }, err: { write: (s: string) => (err += s) } });
  expect(code, err).toBe(0);
  return Object.fromEntries(names.map((n) => [n, readFileSync(join(tmp, `cli-${n}`))]));
}

/** Where two byte strings first differ, for a readable failure. */
function firstDifference(a: Buffer, b: Buffer): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return 'identical';
  return `lengths ${a.length} / ${b.length}; first difference at byte ${i}: …${a.subarray(Math.max(0, i - 60), i + 60).toString()}… vs …${b.subarray(Math.max(0, i - 60), i + 60).toString()}…`;
}

let files: Record<string, Buffer> = {};

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'ocs-exports-browser-'));
  h = await startHarness();
  page = await openPage(h, '?play=0', errors);
  await waitDone(page, 300_000);
  await page.setInputFiles('[data-testid="open-file"]', TLE_FILE);
  await page.waitForSelector(`[data-design="${scenario.name.replace(/["\\]/g, '\\$&')}"].active`);
  await waitDone(page, 300_000);
  // The CLI's files, once: DELTA 1 DEB is satellite 1 (0-based, input order).
  files = await cli(['--oem', '@all.oem', '--stk', '@sel.e', '--stk-satellite', '1', '--passes-csv', '@passes.csv', '--eclipses-csv', '@eclipses.csv', '--contacts-csv', '@contacts.csv']);
  Object.assign(files, await cli(['--oem', '@sel.oem', '--oem-satellites', '1']));
}, 900_000);

afterAll(async () => {
  await page?.close();
  await h?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('Export menu: ephemerides and event tables as the CLI writes them', () => {
  it('OEM (all satellites): the CLI’s bytes, read back by the independent reader, states re-propagated by satellite.js', async () => {
    const oem = await exported('oem-all');
    expect(firstDifference(oem, files['all.oem'])).toBe('identical');
    const o = readOem(oem.toString('latin1'));
    expect(o.header.CCSDS_OEM_VERS).toBe('2.0');
    expect(o.segments.map((s) => s.meta.OBJECT_ID)).toEqual(['1998-067A', '1962-025E', '2003-049A']);
    const lines = scenario.constellation.text.split('\n');
    for (const [i, s] of o.segments.entries()) {
      expect([s.meta.REF_FRAME, s.meta.CENTER_NAME, s.meta.TIME_SYSTEM]).toEqual(['TEME', 'EARTH', 'UTC']);
      const rec = twoline2satrec(lines[3 * i + 1], lines[3 * i + 2]);
      for (let n = 0; n < s.times.length; n += 97) {
        const pv = propagate(rec, new Date(s.times[n]));
        if (!pv) throw new Error('propagate failed');
        const d = Math.hypot(s.states[6 * n] - pv.position.x, s.states[6 * n + 1] - pv.position.y, s.states[6 * n + 2] - pv.position.z);
        expect(d, `${s.meta.OBJECT_NAME} line ${n}`).toBeLessThan(0.001); // < 1 m
      }
    }
  });

  it('selected satellite: asks for a selection first; then OEM and STK .e of that satellite are the CLI’s bytes', async () => {
    await page.click('[data-testid="export-menu"]');
    await page.click('[data-testid="export-oem-selected"]');
    await page.waitForFunction(() => document.body.innerText.includes('Select a satellite first'), null, { timeout: 10_000 });
    await page.fill('[name="find-satellite"]', 'DELTA 1 DEB');
    await page.press('[name="find-satellite"]', 'Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="inspector-name"]')?.textContent === 'DELTA 1 DEB');
    const oem = await exported('oem-selected');
    expect(firstDifference(oem, files['sel.oem'])).toBe('identical');
    expect(readOem(oem.toString('latin1')).segments.map((s) => s.meta.OBJECT_NAME)).toEqual(['DELTA 1 DEB']);
    expect(firstDifference(await exported('stk-selected'), files['sel.e'])).toBe('identical');
  });

  it('passes, eclipses and contacts CSV: the CLI’s bytes', async () => {
    for (const kind of ['passes', 'eclipses', 'contacts']) {
      const csv = await exported(`${kind}-csv`);
      expect(csv.toString().split('\n').length, kind).toBeGreaterThan(3);
      expect(firstDifference(csv, files[`${kind}.csv`]), kind).toBe('identical');
    }
    expect(errors).toEqual([]);
  });
});
