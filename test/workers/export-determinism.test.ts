// The analysis worker's "result JSON (the CLI's format)" export is the CLI's
// result.json byte for byte when both run on the same JavaScript engine: the
// same scenario normalisation, simulation options that do not change results
// (chunking, yields) and the same writer, trailing newline included. (The
// browser test compares Chromium's bytes with the CLI's under Node.)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { installDeterministicMath } from '../../src/engine/core/det-math/install';
import { findPreset } from '../../src/engine/input/presets';
import { normaliseScenario } from '../../src/engine/input/scenario';
import { createAnalysisApi } from '../../workers/analysis-api';
import type { ExportFormat } from '../../workers/protocol';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// This process plays the analysis worker, an engine process (the CLI's main() installs the same on its own).
installDeterministicMath();
let tmp = '';
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ocs-export-det-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function cliBytes(argv: string[]): Promise<Buffer> {
  const out = join(tmp, `${argv.join('_').replace(/\W+/g, '-')}.json`);
  let err = '';
  const code = await main([...argv, '--out', out, '--quiet'], { out: { write: () => true }, err: { write: (s: string) => (err += s) } });
  expect(code, err).toBe(0);
  return readFileSync(out);
}

async function workerBytes(scenario: unknown): Promise<Buffer> {
  const o = await createAnalysisApi().exportRun(scenario, 'result-json');
  if (o.kind !== 'done') throw new Error(`export failed: ${JSON.stringify(o)}`);
  return Buffer.from(await o.blob.arrayBuffer());
}

describe('result JSON: analysis worker export = CLI output (same JS engine)', () => {
  it('the default preset', async () => {
    const cli = await cliBytes(['--preset', 'starter-shell']);
    const worker = await workerBytes(normaliseScenario(findPreset('starter-shell')!.scenario));
    expect(cli.at(-1)).toBe(0x0a);
    expect(worker.length).toBe(cli.length);
    expect(worker.equals(cli)).toBe(true);
  }, 60_000);

  it('the TLE example (decayed and eclipse/contact events)', async () => {
    const file = join(ROOT, 'assets/scenarios/iss-tle.json');
    const cli = await cliBytes([file]);
    const worker = await workerBytes(normaliseScenario(JSON.parse(readFileSync(file, 'utf8'))));
    expect(JSON.parse(cli.toString()).events.contacts.length).toBeGreaterThan(3);
    expect(worker.length).toBe(cli.length);
    expect(worker.equals(cli)).toBe(true);
  }, 60_000);
});

describe('ephemerides and event CSVs: analysis worker export = CLI output (same JS engine)', () => {
  const file = join(ROOT, 'assets/scenarios/iss-tle.json');
  const scenario = () => normaliseScenario(JSON.parse(readFileSync(file, 'utf8')));
  const out = (name: string) => join(tmp, `exports-${name}`);

  async function cli(argv: string[]): Promise<void> {
    let err = '';
    const code = await main([file, ...argv, '--out', out('result.json'), '--quiet'], { out: { write: () => true }, err: { write: (s: string) => (err += s) } });
    expect(code, err).toBe(0);
  }

  beforeAll(async () => {
    // One CLI run writes them all beside its result.json.
    await cli([
      ...['--oem', out('all.oem'), '--stk', out('two.e'), '--stk-satellite', '2'],
      ...['--passes-csv', out('passes.csv'), '--contacts-csv', out('contacts.csv'), '--eclipses-csv', out('eclipses.csv')],
    ]);
    await cli(['--oem', out('one.oem'), '--oem-satellites', '1', '--oem-step', '30']);
  }, 60_000);

  async function workerFile(format: ExportFormat): Promise<Buffer> {
    const o = await createAnalysisApi().exportRun(scenario(), format);
    if (o.kind !== 'done') throw new Error(`export failed: ${JSON.stringify(o)}`);
    return Buffer.from(await o.blob.arrayBuffer());
  }

  it('OEM of all satellites, OEM of one at another step, STK .e', async () => {
    const all = readFileSync(out('all.oem'));
    expect(all.toString('latin1')).toMatch(/^CCSDS_OEM_VERS = 2\.0\n/);
    expect((await workerFile({ kind: 'oem', satellites: 'all' })).equals(all)).toBe(true);
    expect((await workerFile({ kind: 'oem', satellites: [1], stepSeconds: 30 })).equals(readFileSync(out('one.oem')))).toBe(true);
    expect((await workerFile({ kind: 'stk-e', satellites: [2] })).equals(readFileSync(out('two.e')))).toBe(true);
  });

  it('passes, contacts and eclipses CSV', async () => {
    for (const kind of ['passes', 'contacts', 'eclipses'] as const) {
      const cli = readFileSync(out(`${kind}.csv`));
      expect(cli.toString().split('\n').length).toBeGreaterThan(3);
      expect((await workerFile(`${kind}-csv`)).equals(cli), kind).toBe(true);
    }
  }, 60_000);

  it('a request the scenario cannot serve comes back as an error with the reason', async () => {
    const o = await createAnalysisApi().exportRun(scenario(), { kind: 'oem', satellites: [7] });
    expect(o).toEqual({ kind: 'error', message: 'satellite index 7 is out of range: the scenario has satellites 0 to 2' });
  });
});
