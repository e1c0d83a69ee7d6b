/**
 * Result JSON and series CSV of every shipped scenario and every preset, as
 * SHA-256 of the bytes the CLI writes. The hashes were made on the code before
 * the engine was reorganised into concept folders and must not
 * change when code only moves: a refactor that alters one byte fails here.
 * A deliberate model change regenerates them with
 *   GOLDEN_UPDATE=1 npx vitest run test/cli/golden-bytes.test.ts
 * and says why in its commit.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { PRESETS } from '../../src/engine/input/presets.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scenarioDir = join(root, 'assets/scenarios');
const fixture = join(root, 'test/fixtures/golden/result-hashes.json');
const update = process.env.GOLDEN_UPDATE === '1';
const expected: Record<string, { json: string; csv: string }> = update ? {} : JSON.parse(readFileSync(fixture, 'utf8'));
const actual: Record<string, { json: string; csv: string }> = {};
const tmp = mkdtempSync(join(tmpdir(), 'ocs-golden-'));
const silent = { out: { write: () => true }, err: { write: () => true } };
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function run(key: string, input: string[]): Promise<void> {
  const json = join(tmp, `${key.replace(/[^a-z0-9-]/gi, '_')}.json`);
  const csv = json.replace(/\.json$/, '.csv');
  const code = await main([...input, '--out', json, '--csv', csv, '--threads', '1', '--quiet'], silent);
  expect(code).toBe(0);
  actual[key] = { json: sha256(json), csv: sha256(csv) };
  if (!update) expect(actual[key]).toEqual(expected[key]);
}

afterAll(() => {
  if (update) writeFileSync(fixture, `${JSON.stringify(actual, null, 2)}\n`);
  rmSync(tmp, { recursive: true, force: true });
});

describe('result bytes are unchanged by refactoring', () => {
  for (const file of readdirSync(scenarioDir).filter((f) => f.endsWith('.json')).sort()) {
    it(`scenario ${file}`, () => run(`scenario:${file}`, [join(scenarioDir, file)]));
  }
  for (const p of PRESETS) {
    it(`preset ${p.name}`, () => run(`preset:${p.name}`, ['--preset', p.name]));
  }
  it('covers every scenario and preset', () => {
    if (update) return;
    expect(Object.keys(expected).length).toBe(readdirSync(scenarioDir).filter((f) => f.endsWith('.json')).length + PRESETS.length);
  });
});
