import { NULLABLE_KPIS } from '../../src/engine/output/result';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { PRESETS } from '../../src/engine/input/presets.ts';
import { normaliseScenario } from '../../src/engine/input/scenario.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = join(ROOT, 'test/fixtures/scenarios');
const fixture = (name: string): string => join(FIXTURES, name);

type Io = NonNullable<Parameters<typeof main>[1]>;
interface Run {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in-process with captured stdout/stderr. */
async function run(...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const io = {
    out: { write: (s: string) => ((out += s), true) },
    err: { write: (s: string) => ((err += s), true) },
  };
  const code = await main(argv, io as unknown as Io);
  return { code, out, err };
}

let tmp = '';
const tmpFile = (name: string): string => join(tmp, name);
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ocs-cli-test-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const KPIS = [
  'satelliteCount',
  'installedComputePflops',
  'meanUsableComputePflops',
  'minUsableComputePflops',
  'eclipseFraction',
  'powerLimitedFraction',
  'thermalLimitedFraction',
  'storageLimitedFraction',
  'minStateOfCharge',
  'maxTemperatureC',
  'contactMinutesPerSatellitePerDay',
  'dataDownlinkedGB',
  'energyGeneratedKWh',
  'energyConsumedKWh',
  'energyCurtailedKWh',
  'energyStoredDeltaKWh',
] as const;
const SERIES_FIELDS = ['timeUtc', 'usableComputePflops', 'sunlitFraction', 'meanStateOfCharge', 'maxTemperatureC', 'satellitesInContact', 'storedDataGB'];
const SATELLITE_FIELDS = ['id', 'name', 'status', 'inclinationDeg', 'raanDeg', 'eccentricity', 'meanMotionRevPerDay', 'epochUtc'];
const PRESET_NAMES = ['starter-shell', 'ai-cluster-81', 'broadband-shell-550-53', 'polar-walker-star', 'single-large-node', 'equatorial-ring', 'ai-cluster-81-training', 'broadband-shell-workloads'];

const ms = (iso: string): number => Date.parse(iso);
const readJson = (path: string): any => JSON.parse(readFileSync(path, 'utf8'));

describe('cli: --list-presets', () => {
  it('lists every preset name with its title, one per line', async () => {
    const r = await run('--list-presets');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toHaveLength(PRESETS.length);
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(PRESET_NAMES);
    for (const p of PRESETS) expect(r.out).toContain(p.title);
  });
});

describe('cli: --preset starter-shell', () => {
  let r: Run;
  let doc: any;
  let csv: string;
  const out = (): string => tmpFile('starter.json');
  const csvPath = (): string => tmpFile('starter.csv');

  beforeAll(async () => {
    r = await run('--preset', 'starter-shell', '--out', out(), '--csv', csvPath(), '--quiet');
    doc = readJson(out());
    csv = readFileSync(csvPath(), 'utf8');
  });

  it('exits 0 and prints the summary and KPI table to stdout', () => {
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Starter compute shell: 80 satellites, 1440 steps, /);
    expect(r.out).toMatch(/\n {2}satelliteCount +80\n/);
    expect(r.out).toMatch(/\n {2}installedComputePflops +7344\n/);
  });

  it('writes scenario (normalised), satellites, kpis, series and events', () => {
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(['scenario', 'satellites', 'kpis', 'series', 'events']));
    const preset = PRESETS.find((p) => p.name === 'starter-shell')!;
    expect(doc.scenario).toEqual(JSON.parse(JSON.stringify(normaliseScenario(preset.scenario))));
  });

  it('lists satellites in input order with their elements', () => {
    expect(doc.satellites).toHaveLength(80);
    expect(doc.satellites.map((s: { id: string }) => s.id)).toEqual(Array.from({ length: 80 }, (_, i) => `walker-${i + 1}`));
    expect(doc.satellites[0].name).toBe('W01-01');
    expect(doc.satellites[79].name).toBe('W08-10');
    for (const [i, s] of doc.satellites.entries()) {
      expect(Object.keys(s)).toEqual(expect.arrayContaining(SATELLITE_FIELDS));
      expect(s.status).toBe('ok');
      expect(s.inclinationDeg).toBeCloseTo(53, 6);
      expect(s.raanDeg).toBeCloseTo(Math.floor(i / 10) * 45, 6); // 8 planes over 360°
      expect(s.eccentricity).toBe(0);
      // 550 km circular: ≈15.05 rev/day (SGP4 reports its un-Kozai'd mean motion).
      expect(Math.abs(s.meanMotionRevPerDay - 15.05)).toBeLessThan(0.02);
      expect(s.epochUtc).toBe('2026-06-21T00:00:00.000Z');
    }
  });

  it('reports every KPI as a finite number with plausible values', () => {
    for (const k of KPIS) {
      expect(typeof doc.kpis[k], k).toBe('number');
      expect(Number.isFinite(doc.kpis[k]), k).toBe(true);
    }
    const k = doc.kpis;
    expect(k.satelliteCount).toBe(80);
    expect(k.installedComputePflops).toBe(7344); // 80 × 91,800 TFLOP/s
    expect(k.minUsableComputePflops).toBeLessThanOrEqual(k.meanUsableComputePflops);
    expect(k.meanUsableComputePflops).toBeLessThanOrEqual(k.installedComputePflops);
    expect(k.meanUsableComputePflops).toBeGreaterThan(0);
    // 550 km: at most ≈37 % of an orbit in shadow (β = 0).
    expect(k.eclipseFraction).toBeGreaterThan(0.1);
    expect(k.eclipseFraction).toBeLessThan(0.38);
    for (const f of ['powerLimitedFraction', 'thermalLimitedFraction', 'storageLimitedFraction']) {
      expect(k[f]).toBeGreaterThanOrEqual(0);
      expect(k[f]).toBeLessThanOrEqual(1);
    }
    expect(k.powerLimitedFraction + k.thermalLimitedFraction + k.storageLimitedFraction).toBeLessThanOrEqual(1 + 1e-9);
    // Compute stops at the 0.2 floor; the bus may draw on the reserve below it but never empties it here.
    expect(k.minStateOfCharge).toBeGreaterThan(0);
    expect(k.energyUnmetKWh).toBe(0);
    expect(k.minStateOfCharge).toBeLessThanOrEqual(0.9);
    expect(k.maxTemperatureC).toBeGreaterThanOrEqual(20); // initial temperature counts
    expect(k.dataDownlinkedGB).toBeGreaterThan(0);
    expect(k.energyGeneratedKWh).toBeGreaterThan(0);
  });

  it('balances energy: generated − curtailed − consumed = stored change', () => {
    const k = doc.kpis;
    const residual = k.energyGeneratedKWh - k.energyCurtailedKWh - k.energyConsumedKWh - k.energyStoredDeltaKWh;
    expect(Math.abs(residual)).toBeLessThan(1e-6 * k.energyGeneratedKWh);
  });

  it('has one series entry per step, on the step grid, with finite values', () => {
    expect(doc.series).toHaveLength((24 * 3600) / 60);
    const t0 = ms('2026-06-21T00:00:00Z');
    doc.series.forEach((e: Record<string, number | string>, n: number) => {
      expect(Object.keys(e)).toEqual(expect.arrayContaining(SERIES_FIELDS));
      expect(ms(e.timeUtc as string)).toBe(t0 + n * 60_000);
      for (const f of SERIES_FIELDS.slice(1)) expect(Number.isFinite(e[f]), `${f} at step ${n}`).toBe(true);
      expect(e.sunlitFraction).toBeGreaterThanOrEqual(0);
      expect(e.sunlitFraction).toBeLessThanOrEqual(1);
      expect(e.meanStateOfCharge).toBeGreaterThanOrEqual(0);
      expect(e.meanStateOfCharge).toBeLessThanOrEqual(1);
      expect(Number.isInteger(e.satellitesInContact)).toBe(true);
      expect(e.satellitesInContact).toBeLessThanOrEqual(80);
      expect(e.usableComputePflops).toBeLessThanOrEqual(7344 + 1e-6);
    });
    expect(doc.series[0]).toMatchObject({ timeUtc: '2026-06-21T00:00:00.000Z', meanStateOfCharge: 0.9, maxTemperatureC: 20 });
  });

  it('has no NaN, Infinity or null among KPIs (but the documented nullable ones) and series values', () => {
    expect(JSON.stringify(doc.kpis)).not.toMatch(/NaN|Infinity/);
    for (const [k, v] of Object.entries(doc.kpis)) if (v === null) expect(NULLABLE_KPIS.has(k), k).toBe(true);
    // The starter shell's satellites cost more than the ground even with free launch: no break-even price.
    expect(doc.kpis.breakEvenLaunchUsdPerKg).toBeNull();
    expect(doc.kpis.costPerPflopHourUsd).toBeGreaterThan(0);
    expect(JSON.stringify(doc.series)).not.toMatch(/NaN|Infinity|null/);
    expect(readFileSync(out(), 'utf8')).not.toMatch(/NaN|Infinity/);
  });

  it('lists eclipses as {satelliteId, startUtc, endUtc} inside the horizon, consistent with eclipseFraction', () => {
    const ids = new Set(doc.satellites.map((s: { id: string }) => s.id));
    const [start, end] = [ms('2026-06-21T00:00:00Z'), ms('2026-06-22T00:00:00Z')];
    expect(doc.events.eclipses.length).toBeGreaterThan(80);
    let totalMs = 0;
    for (const e of doc.events.eclipses) {
      expect(Object.keys(e).sort()).toEqual(['endUtc', 'satelliteId', 'startUtc']);
      expect(ids.has(e.satelliteId)).toBe(true);
      const [a, b] = [ms(e.startUtc), ms(e.endUtc)];
      expect(a).toBeGreaterThanOrEqual(start);
      expect(b).toBeLessThanOrEqual(end);
      expect(b).toBeGreaterThan(a);
      expect(b - a).toBeLessThan(37 * 60_000); // longest shadow at 550 km ≈ 35.5 min
      totalMs += b - a;
    }
    // Umbra+penumbra events vs the shadow-weighted KPI: within 2 %.
    expect(totalMs / (80 * 86_400_000)).toBeCloseTo(doc.kpis.eclipseFraction, 2);
  });

  it('lists contacts with station and peak elevation above the 10° mask, consistent with contact minutes', () => {
    const ids = new Set(doc.satellites.map((s: { id: string }) => s.id));
    const stations = new Set(['Svalbard', 'Fairbanks', 'Wallops', 'Hartebeesthoek', 'Troll']);
    expect(doc.events.contacts.length).toBeGreaterThan(0);
    let totalMs = 0;
    for (const c of doc.events.contacts) {
      expect(Object.keys(c).sort()).toEqual(['endUtc', 'maxElevationDeg', 'satelliteId', 'startUtc', 'station']);
      expect(ids.has(c.satelliteId)).toBe(true);
      expect(stations.has(c.station)).toBe(true);
      const [a, b] = [ms(c.startUtc), ms(c.endUtc)];
      expect(b).toBeGreaterThanOrEqual(a);
      expect(b - a).toBeLessThan(12 * 60_000); // a 550 km pass above 10° lasts < ≈9 min
      expect(c.maxElevationDeg).toBeGreaterThanOrEqual(10 - 1e-6);
      expect(c.maxElevationDeg).toBeLessThanOrEqual(90);
      totalMs += b - a;
    }
    const minutesPerSatPerDay = totalMs / 60_000 / 80;
    expect(minutesPerSatPerDay).toBeCloseTo(doc.kpis.contactMinutesPerSatellitePerDay, 2);
  });

  it('writes the series as CSV: the same header and one row per step', () => {
    const lines = csv.split('\n');
    expect(lines.at(-1)).toBe(''); // ends with a newline
    const rows = lines.slice(0, -1);
    expect(rows).toHaveLength(1 + 1440);
    const header = rows[0].split(',');
    expect(header).toEqual(Object.keys(doc.series[0]));
    expect(header).toEqual(expect.arrayContaining(SERIES_FIELDS));
    for (const n of [0, 1, 719, 1439]) {
      const cells = rows[n + 1].split(',');
      expect(cells).toHaveLength(header.length);
      expect(cells[0]).toBe(doc.series[n].timeUtc);
      header.forEach((h, j) => {
        if (h !== 'timeUtc') expect(Number(cells[j])).toBe(doc.series[n][h]);
      });
    }
    expect(csv).not.toMatch(/NaN|Infinity|null|undefined/);
  });

  it('writes a byte-identical result and CSV for the same input', async () => {
    const r2 = await run('--preset', 'starter-shell', '--out', tmpFile('starter-2.json'), '--csv', tmpFile('starter-2.csv'), '--quiet');
    expect(r2.code).toBe(0);
    expect(readFileSync(tmpFile('starter-2.json')).equals(readFileSync(out()))).toBe(true);
    expect(readFileSync(tmpFile('starter-2.csv')).equals(readFileSync(csvPath()))).toBe(true);
  });
});

describe('cli: scenario files', () => {
  it('runs a scenario file: 6 satellites, 60 steps of 120 s', async () => {
    const o = tmpFile('small.json');
    const r = await run(fixture('small-walker.json'), '--out', o, '--quiet');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const doc = readJson(o);
    expect(doc.scenario.name).toBe('CLI test: 2 x 3 Walker delta at 550 km / 53 deg, 2 h at 120 s');
    expect(doc.satellites.map((s: { id: string }) => s.id)).toEqual(['walker-1', 'walker-2', 'walker-3', 'walker-4', 'walker-5', 'walker-6']);
    expect(doc.series).toHaveLength((2 * 3600) / 120);
    expect(doc.series.at(-1).timeUtc).toBe('2026-06-21T01:58:00.000Z');
    expect(doc.kpis.satelliteCount).toBe(6);
  });

  it('ends with a short step when the step does not divide the horizon (0.5 h at 70 s → 26 steps)', async () => {
    const scenarioPath = tmpFile('uneven.json');
    const s = readJson(fixture('small-walker.json'));
    writeFileSync(scenarioPath, JSON.stringify({ ...s, durationHours: 0.5, stepSeconds: 70 }));
    const o = tmpFile('uneven-result.json');
    const c = tmpFile('uneven.csv');
    const r = await run(scenarioPath, '--out', o, '--csv', c, '--quiet');
    expect(r.code).toBe(0);
    const doc = readJson(o);
    expect(doc.series).toHaveLength(26);
    expect(doc.series.at(-1).timeUtc).toBe('2026-06-21T00:29:10.000Z');
    expect(readFileSync(c, 'utf8').trimEnd().split('\n')).toHaveLength(27);
  });

  it('runs the TLE example: satellites keep their names and element-set epochs', async () => {
    const o = tmpFile('iss.json');
    const r = await run(join(ROOT, 'assets/scenarios/iss-tle.json'), '--out', o, '--quiet');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const doc = readJson(o);
    expect(doc.satellites.map((s: { id: string; name: string }) => [s.id, s.name])).toEqual([
      ['25544#0', 'ISS (ZARYA)'],
      ['06251#1', 'DELTA 1 DEB'],
      ['28057#2', 'CBERS 2'],
    ]);
    expect(doc.satellites[0].epochUtc).toBe('2006-06-13T10:29:11.265Z');
    expect(doc.satellites[0].inclinationDeg).toBeCloseTo(51.6455, 6);
    expect(doc.satellites[2].inclinationDeg).toBeCloseTo(98.4283, 6);
    expect(doc.satellites[0].eccentricity).toBeCloseTo(0.0004346, 9);
    expect(Math.abs(doc.satellites[0].meanMotionRevPerDay - 15.7275172)).toBeLessThan(0.01);
    expect(doc.satellites.every((s: { status: string }) => s.status === 'ok')).toBe(true);
    expect(doc.elementErrors).toEqual([]);
  });

  it('skips a TLE set with a bad checksum, warns with its line number, and runs the other two', async () => {
    const o = tmpFile('tle-one-bad.json');
    const r = await run(fixture('tle-one-bad-checksum.json'), '--out', o, '--quiet');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^warning: .*line 6: .*checksum/m);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    const doc = readJson(o);
    expect(doc.satellites).toHaveLength(2);
    expect(doc.satellites.map((s: { name: string }) => s.name)).toEqual(['ISS (ZARYA)', 'CBERS 2']);
    expect(doc.kpis.satelliteCount).toBe(2);
    expect(doc.elementErrors).toHaveLength(1);
    expect(doc.elementErrors[0]).toMatchObject({ line: 6, field: 'checksum' });
  });

  it('exits 2 when no TLE set is valid, warning about each bad line', async () => {
    const o = tmpFile('tle-all-bad.json');
    const r = await run(fixture('tle-all-bad.json'), '--out', o, '--quiet');
    expect(r.code).toBe(2);
    for (const line of [3, 6, 9]) expect(r.err).toMatch(new RegExp(`^warning: .*line ${line}: .*checksum`, 'm'));
    expect(r.err).toMatch(/^error: no valid satellites/m);
    expect(existsSync(o)).toBe(false);
  });
});

describe('cli: bad input exits 2 and says why', () => {
  it('invalid scenario: names each bad field, writes nothing', async () => {
    const o = tmpFile('never.json');
    const r = await run(fixture('invalid-node.json'), '--out', o);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('invalid scenario');
    expect(r.err).toMatch(/node\.radiatorAreaM2: must be greater than 0/);
    expect(r.err).toMatch(/node\.foo: unknown field/);
    expect(existsSync(o)).toBe(false);
  });

  it('JSON syntax error: names line and column', async () => {
    const r = await run(fixture('invalid-json.json'), '--out', tmpFile('never.json'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/invalid JSON at line 5, column 3/);
  });

  it('unreadable path', async () => {
    const missing = tmpFile('does-not-exist.json');
    const r = await run(missing, '--out', tmpFile('never.json'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`cannot read ${missing}`);
  });

  it('a directory as the scenario path', async () => {
    const r = await run(tmp, '--out', tmpFile('never.json'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`cannot read ${tmp}`);
  });

  it('unknown preset: lists the available ones', async () => {
    const r = await run('--preset', 'no-such-preset', '--out', tmpFile('never.json'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown preset "no-such-preset"');
    for (const name of PRESET_NAMES) expect(r.err).toContain(name);
  });

  it('missing --out', async () => {
    const r = await run('--preset', 'starter-shell');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--out <result\.json> is required/);
  });

  it('--out without a value', async () => {
    const r = await run(fixture('small-walker.json'), '--out');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--out needs a value/);
  });

  it('unknown option', async () => {
    const r = await run(fixture('small-walker.json'), '--out', tmpFile('x.json'), '--frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown option --frobnicate/);
  });

  it('neither a scenario nor a preset', async () => {
    const r = await run('--out', tmpFile('x.json'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no scenario given/);
  });

  it('an output path that cannot be written exits 1 (not an input error)', async () => {
    const bad = join(tmp, 'no-such-dir', 'out.json');
    const r = await run(fixture('small-walker.json'), '--out', bad, '--quiet');
    expect(r.code).toBe(1);
    expect(r.err).toContain(bad);
  });
});

describe('cli: as a real process', () => {
  const cli = (...args: string[]) =>
    spawnSync('npx', ['tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });

  it('exits 0 and writes the same bytes as an in-process run', async () => {
    const o = tmpFile('proc.json');
    const p = cli(fixture('small-walker.json'), '--out', o, '--quiet');
    expect(p.stderr).toBe('');
    expect(p.status).toBe(0);
    expect(p.stdout).toMatch(/6 satellites, 60 steps/);
    const ref = tmpFile('proc-ref.json');
    expect((await run(fixture('small-walker.json'), '--out', ref, '--quiet')).code).toBe(0);
    expect(readFileSync(o).equals(readFileSync(ref))).toBe(true);
  });

  it('exits 2 for an invalid scenario, naming the field on stderr', () => {
    const p = cli(fixture('invalid-node.json'), '--out', tmpFile('proc-never.json'));
    expect(p.status).toBe(2);
    expect(p.stderr).toMatch(/node\.radiatorAreaM2: must be greater than 0/);
    expect(existsSync(tmpFile('proc-never.json'))).toBe(false);
  });
});

describe('cli: exports beside result.json (--oem, --stk, --eclipses-csv, --contacts-csv, --passes-csv)', () => {
  const TLE = join(ROOT, 'assets/scenarios/iss-tle.json');
  const lines = (path: string): string[] => readFileSync(path, 'utf8').trimEnd().split('\n');

  it('writes every file; result.json is the same bytes as without them', async () => {
    const f = (n: string) => tmpFile(`exp-${n}`);
    const r = await run(TLE, '--out', f('result.json'), '--quiet', '--oem', f('a.oem'), '--oem-step', '120', '--oem-satellites', '2,0', '--stk', f('b.e'), '--stk-satellite', '1', '--eclipses-csv', f('ecl.csv'), '--contacts-csv', f('con.csv'), '--passes-csv', f('pass.csv'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect((await run(TLE, '--out', f('plain.json'), '--quiet')).code).toBe(0);
    expect(readFileSync(f('result.json')).equals(readFileSync(f('plain.json')))).toBe(true);
    const doc = readJson(f('result.json'));

    const oem = lines(f('a.oem'));
    expect(oem[0]).toBe('CCSDS_OEM_VERS = 2.0');
    expect(oem.filter((l) => l.startsWith('OBJECT_ID = '))).toEqual(['OBJECT_ID = 1998-067A', 'OBJECT_ID = 2003-049A']);
    expect(oem.filter((l) => /^\d{4}-\d{2}-\d{2}T/.test(l))).toHaveLength(2 * 721); // 24 h at 120 s: 720 steps, 721 epochs each

    const stk = lines(f('b.e'));
    expect(stk[0]).toBe('stk.v.11.0');
    expect(stk).toContain('NumberOfEphemerisPoints 1441');
    expect(stk).toContain('CoordinateSystem TEMEOfDate');
    expect(stk.find((l) => l.startsWith('#'))).toMatch(/DELTA 1 DEB \(1962-025E\)/);
    expect(stk.at(-1)).toBe('END Ephemeris');

    // One CSV row per event of result.json (no name in these sets holds a comma, quote or line break).
    expect(lines(f('ecl.csv'))).toHaveLength(doc.events.eclipses.length + 1);
    expect(lines(f('con.csv'))).toHaveLength(doc.events.contacts.length + 1);
    expect(lines(f('pass.csv'))).toHaveLength(doc.events.contacts.length + 1);
    const c0 = doc.events.contacts[0];
    expect(lines(f('con.csv'))[1].split(',').slice(0, 5)).toEqual([c0.satelliteId, doc.satellites.find((s: { id: string }) => s.id === c0.satelliteId).name, c0.station, c0.startUtc, c0.endUtc]);
  });

  it('the help lists the export options', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    for (const flag of ['--oem <file.oem>', '--oem-step', '--oem-satellites', '--stk <file.e>', '--stk-satellite', '--eclipses-csv', '--contacts-csv', '--passes-csv']) expect(r.out).toContain(flag);
  });

  it('bad export options exit 2 before anything runs or is written', async () => {
    const o = tmpFile('exp-never.json');
    let r = await run(TLE, '--out', o, '--oem', tmpFile('never.oem'), '--oem-satellites', '0,5');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--oem: satellite index 5 is out of range: the scenario has satellites 0 to 2/);
    expect(existsSync(o)).toBe(false);
    r = await run(TLE, '--out', o, '--stk', tmpFile('never.e'), '--stk-satellite', '3');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--stk: satellite index 3 is out of range/);
    r = await run(TLE, '--out', o, '--oem', tmpFile('never.oem'), '--oem-step', '0');
    expect([r.code, r.err]).toEqual([2, expect.stringMatching(/--oem-step must be a number from 1 to 86400, got "0"/)]);
    r = await run(TLE, '--out', o, '--oem-satellites', '1');
    expect([r.code, r.err]).toEqual([2, expect.stringMatching(/need --oem <file>/)]);
    r = await run(TLE, '--out', o, '--oem', tmpFile('never.oem'), '--oem-satellites', '1,x');
    expect([r.code, r.err]).toEqual([2, expect.stringMatching(/--oem-satellites must be an integer/)]);
    // 80 satellites × 86,401 epochs (a day at 1 s) ≈ 0.8 GB: refused, with what to change.
    r = await run('--preset', 'starter-shell', '--out', o, '--oem', tmpFile('never.oem'), '--oem-step', '1');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--oem: the ephemeris would be about \d+ MB .* more than the 256 MB limit: choose fewer satellites or a longer step/);
    expect(existsSync(o)).toBe(false);
    expect(existsSync(tmpFile('never.oem'))).toBe(false);
  });
});
