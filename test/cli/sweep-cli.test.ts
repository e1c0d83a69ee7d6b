import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: { write: (s: string) => out.push(s) }, err: { write: (s: string) => err.push(s) } }, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'ocs-sweep-'));
const base = {
  startUtc: '2026-06-21T00:00:00Z',
  durationHours: 2,
  stepSeconds: 120,
  constellation: { type: 'sso', altitudeKm: 600, ltanHours: 10.5, satellitesPerPlane: 2 },
};

describe('npm run sim -- sweep', () => {
  it('writes one CSV row per combination', async () => {
    const file = join(dir, 'sweep.json');
    writeFileSync(file, JSON.stringify({ base, vary: [{ field: 'constellation.ltanHours', values: [6, 10.5, 13] }, { field: 'node.radiatorAreaM2', values: [20, 80] }] }));
    const c = capture();
    const code = await main(['sweep', file, '--out', join(dir, 'out.csv'), '--quiet'], c.io);
    expect(code).toBe(0);
    const lines = readFileSync(join(dir, 'out.csv'), 'utf8').trim().split('\n');
    expect(lines[0].startsWith('constellation.ltanHours,node.radiatorAreaM2,satelliteCount,')).toBe(true);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['6,20,2', '6,80,2', '10.5,20,2', '10.5,80,2', '13,20,2', '13,80,2']);
  });
  it('exits 2 naming the design and field for an invalid value', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ base, vary: [{ field: 'node.solarCellEfficiency', values: [0.3, 1.5] }] }));
    const c = capture();
    expect(await main(['sweep', file, '--out', join(dir, 'bad.csv')], c.io)).toBe(2);
    expect(c.err.join('')).toMatch(/node\.solarCellEfficiency=1\.5.*node\.solarCellEfficiency/);
  });
});

describe('--help', () => {
  it('prints the usage to stdout and exits 0', async () => {
    const c = capture();
    expect(await main(['--help'], c.io)).toBe(0);
    expect(c.out.join('')).toMatch(/npm run sim -- sweep <sweep\.json>/);
    expect(c.err.join('')).toBe('');
  });
});
