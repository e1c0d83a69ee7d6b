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
