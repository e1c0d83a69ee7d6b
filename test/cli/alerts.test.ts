/**
 * The CLI prints a run's alerts to stderr (one line each: severity, title,
 * code) and writes them into result.json; --quiet leaves them in the file only.
 * The 5 GW preset starts in its eclipse season: its bus load goes unmet.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

const tmp = mkdtempSync(join(tmpdir(), 'ocs-cli-alerts-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: { write: (s: string) => ((out += s), true) }, err: { write: (s: string) => ((err += s), true) } });
  return { code, out, err };
}

describe('cli: run alerts', () => {
  it('prints the alerts to stderr and writes them to result.json', async () => {
    const file = join(tmp, '5gw.json');
    const r = await run('--preset', 'single-large-node', '--out', file, '--threads', '1');
    expect(r.code).toBe(0);
    const lines = r.err.split('\n').filter((l) => l.startsWith('alert '));
    expect(lines[0]).toMatch(/^alert \(error\): Bus load unmet: \d+ MWh\/day \[unmet-bus-load\]$/);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(doc.alerts.map((a: { code: string }) => a.code)).toEqual(lines.map((l) => /\[([a-z-]+)\]$/.exec(l)?.[1]));
    expect(Object.keys(doc.alerts[0])).toEqual(['code', 'severity', 'title', 'detail', 'satellites', 'action']);
  }, 120_000);

  it('--quiet keeps them out of stderr', async () => {
    const r = await run('--preset', 'single-large-node', '--out', join(tmp, 'quiet.json'), '--threads', '1', '--quiet');
    expect(r.code).toBe(0);
    expect(r.err).not.toMatch(/^alert /m);
  }, 120_000);
});
