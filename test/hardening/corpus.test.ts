/**
 * Malformed-input corpus (test/hardening/corpus.json + corpus/, written by
 * build-corpus.ts; huge inputs come from GENERATORS below): every case
 * goes through the library (parseScenarioJson / parseTle / parseOmm /
 * planSweep) and through the CLI in-process. Each must end with the expected
 * exit code and a message naming the field path or line, never crash, never
 * print NaN/Infinity, and keep the good records of a partly bad element file.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.ts';
import { EPOCH_WARNING_DAYS, epochWarnings, MAX_NAME_CHARS, parseOmm, parseTle } from '../../src/engine/input/elements.ts';
import { NULLABLE_KPIS, KPI_NAMES } from '../../src/engine/output/result.ts';
import { formatIssue, parseScenarioJson } from '../../src/engine/input/scenario.ts';
import { parseJsonText } from '../../src/engine/input/json-text.ts';
import { planSweep, SweepError } from '../../src/engine/output/sweep.ts';
import type { Case, Expect, Kind } from './corpus-types';

// ---------------------------------------------------------------------------
// manifest

interface Manifest {
  defaults: { startUtc: string; durationHours: number; stepSeconds: number };
  cases: Case[];
}

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = join(HERE, '../..');
const manifest = JSON.parse(readFileSync(join(HERE, 'corpus.json'), 'utf8')) as Manifest;
const CASES = manifest.cases;

// ---------------------------------------------------------------------------
// generators for inputs too large to commit

const MB10 = 10 * 1024 * 1024;
const issText = (JSON.parse(readFileSync(join(ROOT, 'assets/scenarios/iss-tle.json'), 'utf8')) as { constellation: { text: string } }).constellation.text;
const [ISS0, ISS1, ISS2, , , , CBE0, CBE1, CBE2] = issText.trim().split('\n');
const OMM = (JSON.parse(readFileSync(join(ROOT, 'assets/scenarios/omm-example.json'), 'utf8')) as { constellation: { records: Array<Record<string, unknown>> } }).constellation.records;
const SCENARIO = {
  name: 'hardening corpus',
  startUtc: '2026-06-21T00:00:00Z',
  durationHours: 0.5,
  stepSeconds: 300,
  constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 2, satellitesPerPlane: 2 },
  groundStations: [{ name: 'Svalbard', latitudeDeg: 78.23, longitudeDeg: 15.41, downlinkGbps: 10 }],
};
const nestObjects = (levels: number): string => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const nestArrays = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const scenarioJson = (changes: Record<string, unknown>): string => JSON.stringify({ ...SCENARIO, ...changes });
const tleSets = (n: number): string => {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(ISS1, ISS2);
  return parts.join('\n');
};

const GENERATORS: Record<string, () => string> = {
  'tle-10mb-junk-line': () => 'x'.repeat(MB10),
  'tle-10mb-name-line': () => `${'N'.repeat(MB10)}\n${ISS1}\n${ISS2}\n`,
  'tle-million-blank-lines': () => `${'\n'.repeat(1_000_000)}${ISS0}\n${ISS1}\n${ISS2.slice(0, 68)}${(Number(ISS2[68]) + 1) % 10}\n${CBE0}\n${CBE1}\n${CBE2}\n`,
  'omm-10mb-object-name': () => JSON.stringify([{ ...OMM[0], OBJECT_NAME: 'O'.repeat(MB10) }, OMM[1], OMM[2]]),
  'omm-10mb-field-string': () => JSON.stringify([OMM[0], { ...OMM[1], MEAN_MOTION: 'x'.repeat(MB10) }, OMM[2]]),
  'omm-nested-10000': () => `[${JSON.stringify(OMM[0])},${nestArrays(10_000)},${JSON.stringify(OMM[2])}]`,
  'scenario-10mb-name': () => scenarioJson({ name: 'x'.repeat(MB10) }),
  'scenario-10mb-station-name': () => scenarioJson({ groundStations: [{ ...SCENARIO.groundStations[0], name: 'x'.repeat(MB10) }] }),
  'scenario-10mb-start': () => scenarioJson({ startUtc: '2'.repeat(MB10) }),
  'scenario-10mb-key': () => scenarioJson({ ['k'.repeat(MB10)]: 1 }),
  'scenario-10mb-number-string': () => scenarioJson({ durationHours: '1'.repeat(MB10) }),
  'scenario-10mb-enum': () => scenarioJson({ node: { arrayPointing: 'p'.repeat(MB10) } }),
  'scenario-10mb-tle-junk': () => scenarioJson({ startUtc: manifest.defaults.startUtc, constellation: { type: 'tle', text: `${'x'.repeat(104)}\n`.repeat(100_000) } }),
  'scenario-40mb-file': () => `${' '.repeat(40 * 1024 * 1024)}${scenarioJson({})}`,
  'scenario-nested-10000-objects': () => scenarioJson({}).replace(/}$/, `,"node":${nestObjects(10_000)}}`),
  'scenario-nested-10000-arrays': () => nestArrays(10_000),
  'scenario-nested-10000-unclosed': () => '['.repeat(10_000),
  'scenario-tle-100001-sets': () => scenarioJson({ startUtc: manifest.defaults.startUtc, constellation: { type: 'tle', text: tleSets(100_001) } }),
  'scenario-omm-100001-records': () => scenarioJson({ constellation: { type: 'omm', records: Array.from({ length: 100_001 }, () => ({})) } }),
  'scenario-tle-satellite-steps': () => scenarioJson({ startUtc: manifest.defaults.startUtc, durationHours: 8760, stepSeconds: 60, constellation: { type: 'tle', text: tleSets(30_000) } }),
  'sweep-nested-10000-base': () => `{"base":${nestObjects(10_000)},"vary":[{"field":"node.busPowerW","values":[1]}]}`,
};

function caseText(c: Case): string {
  if (c.generate) {
    const g = GENERATORS[c.generate];
    if (!g) throw new Error(`no generator ${c.generate}`);
    return g();
  }
  return readFileSync(join(HERE, 'corpus', c.file!), 'utf8');
}

const startOf = (c: Case): string => c.startUtc ?? manifest.defaults.startUtc;

/** The scenario JSON the CLI reads for a case: element files are wrapped into a scenario. */
function cliInput(c: Case, text: string): string {
  const { durationHours, stepSeconds } = manifest.defaults;
  if (c.kind === 'tle') {
    return JSON.stringify({ name: `corpus ${c.id}`, startUtc: startOf(c), durationHours, stepSeconds, constellation: { type: 'tle', text } });
  }
  if (c.kind === 'omm') {
    // Spliced as text, so broken OMM JSON stays broken inside the scenario.
    const head = JSON.stringify({ name: `corpus ${c.id}`, startUtc: startOf(c), durationHours, stepSeconds }).slice(0, -1);
    return `${head},\n"constellation": {"type": "omm", "records":\n${text}\n}}\n`;
  }
  return text;
}

// ---------------------------------------------------------------------------
// helpers

/** Names a location: a `line N`, a `record N`, or a JSON path followed by ": ". */
const LOCATION = /\bline \d+|\brecord \d+|(?:^|[\s(])[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[\d+\])*(?:…)?: /;

/** Strips quoted input echoes ('…' and "…") so only our own words are checked for NaN/Infinity. */
const unquoted = (s: string): string => s.replace(/"[^"\\\n]*(?:\\.[^"\\\n]*)*"/g, '""').replace(/'[^'\n]*'/g, "''");
const NON_FINITE = /\bNaN\b|Infinity/;

const sortedUnique = (xs: Iterable<number>): number[] => [...new Set(xs)].sort((a, b) => a - b);

interface CliRun {
  code: number;
  out: string;
  err: string;
}
async function runCli(argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: { write: (s: string) => out.push(s) }, err: { write: (s: string) => err.push(s) } };
  const code = await main(argv, io);
  return { code, out: out.join(''), err: err.join('') };
}

let tmp = '';
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ocs-hardening-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------
// the manifest itself

describe('corpus manifest', () => {
  it('has at least 150 cases with unique ids, each a file or a generator', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(150);
    expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
    for (const c of CASES) {
      expect(Boolean(c.file) !== Boolean(c.generate), c.id).toBe(true);
      if (c.file) expect(existsSync(join(HERE, 'corpus', c.file)), c.file).toBe(true);
      if (c.generate) expect(GENERATORS[c.generate], c.generate).toBeDefined();
    }
    for (const g of Object.keys(GENERATORS)) expect(CASES.some((c) => c.generate === g), g).toBe(true);
  });

  it('covers every kind of bad input the issue lists', () => {
    const count = (k: Kind) => CASES.filter((c) => c.kind === k).length;
    expect(count('tle')).toBeGreaterThanOrEqual(40);
    expect(count('omm')).toBeGreaterThanOrEqual(30);
    expect(count('scenario')).toBeGreaterThanOrEqual(60);
    expect(count('sweep')).toBeGreaterThanOrEqual(10);
    const ids = CASES.map((c) => c.id).join(' ');
    for (const topic of ['line1-short', 'bad-checksum', 'letters', 'eccentricity', 'mean-motion-negative', 'epoch-31-days', 'decayed', 'mixed-2-and-3-line', 'crlf', 'blank-lines', 'unicode', 'missing-', 'unknown-', 'string', 'area-negative', 'capacity', 'efficiency', 'altitude-inside-earth', 'altitude-1e308', 'nan', 'infinity', '1e308', '1e7', 'step-longer-than-horizon', 'horizon-zero', '10mb', 'nested-10000']) {
      expect(ids, topic).toContain(topic);
    }
  });

  it('every rejected case expects a message naming its field path, line or record (or the whole document)', () => {
    for (const c of CASES) {
      const e = c.expect;
      if (e.exitCode === 0 && !(e.badLines?.length || e.badRecords?.length)) continue;
      const wholeDocument = e.document || e.issuePaths?.includes('') || e.messageIncludes.some((m) => m.startsWith('invalid JSON at line'));
      expect(wholeDocument || e.messageIncludes.some((m) => LOCATION.test(m)), `${c.id}: ${JSON.stringify(e.messageIncludes)}`).toBe(true);
    }
  });
});

// ---------------------------------------------------------------------------
// library path

describe.each(['tle', 'omm', 'scenario', 'sweep'] as const)('library: %s cases', (kind) => {
  it.each(CASES.filter((c) => c.kind === kind).map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const text = caseText(c);
    const e = c.expect;
    if (kind === 'tle') {
      const r = parseTle(text);
      expect(r.records.length, JSON.stringify(r.errors.map((x) => x.message))).toBe(e.goodRecords);
      expect(sortedUnique(r.errors.map((x) => x.line ?? -1))).toEqual(sortedUnique(e.badLines ?? []));
      for (const x of r.errors) {
        expect(x.message).toMatch(new RegExp(`^line ${x.line}: `));
        expect(x.message.length).toBeLessThan(300);
      }
      for (const rec of r.records) {
        expect(rec.satrec.error).toBe(0);
        expect(Number.isFinite(rec.epochMs)).toBe(true);
        expect(rec.name.length).toBeLessThanOrEqual(MAX_NAME_CHARS + 1);
      }
      if (e.names) expect(r.records.map((x) => x.name)).toEqual(e.names);
      expect(epochWarnings(r.records, Date.parse(startOf(c))).map((w) => w.line)).toEqual(e.epochWarnings ?? []);
      return;
    }
    if (kind === 'omm') {
      const j = parseJsonText(text);
      if (!j.ok) {
        // Broken OMM JSON: nothing to parse; the CLI names the line.
        expect(e.exitCode).toBe(2);
        expect(j.issues[0].message).toMatch(/^invalid JSON at line \d+, column \d+/);
        return;
      }
      const r = parseOmm(j.value);
      expect(r.records.length, JSON.stringify(r.errors.map((x) => x.message))).toBe(e.goodRecords);
      expect(sortedUnique(r.errors.map((x) => x.index ?? -1))).toEqual(sortedUnique(e.badRecords ?? []));
      for (const x of r.errors) {
        expect(x.message).toMatch(new RegExp(`^record ${x.index}\\b`));
        expect(x.message.length).toBeLessThan(400);
        expect(unquoted(x.message)).not.toMatch(NON_FINITE);
      }
      for (const rec of r.records) {
        expect(rec.satrec.error).toBe(0);
        expect(Number.isFinite(rec.epochMs)).toBe(true);
        expect(rec.name.length).toBeLessThanOrEqual(MAX_NAME_CHARS + 1);
      }
      if (e.names) expect(r.records.map((x) => x.name)).toEqual(e.names);
      expect(epochWarnings(r.records, Date.parse(startOf(c))).map((w) => w.index)).toEqual(e.epochWarnings ?? []);
      return;
    }
    if (kind === 'scenario') {
      const r = parseScenarioJson(text);
      if (e.issuePaths) {
        expect(r.ok, 'expected the scenario to be rejected').toBe(false);
        if (r.ok) return;
        const paths = r.issues.map((i) => i.path);
        for (const p of e.issuePaths) expect(paths, JSON.stringify(r.issues)).toContain(p);
        const messages = r.issues.map(formatIssue);
        for (const m of e.messageIncludes) expect(messages.join('\n')).toContain(m);
        for (const m of messages) {
          expect(unquoted(m)).not.toMatch(/\bNaN\b|Infinity|undefined/);
          expect(m.length).toBeLessThan(300);
        }
      } else {
        expect(r.ok, r.ok ? '' : JSON.stringify(r.issues)).toBe(true);
      }
      return;
    }
    // sweep
    const j = parseJsonText(text);
    if (!j.ok) {
      for (const m of e.messageIncludes) expect(j.issues.map(formatIssue).join('\n')).toContain(m);
      return;
    }
    let thrown: unknown;
    try {
      planSweep(j.value);
    } catch (err) {
      thrown = err;
    }
    const plannable = e.exitCode === 0 || e.failsAt === 'run';
    if (plannable) {
      expect(thrown).toBeUndefined();
      return;
    }
    expect(thrown).toBeInstanceOf(SweepError);
    const message = (thrown as Error).message;
    for (const m of e.messageIncludes) expect(message).toContain(m);
    expect(unquoted(message)).not.toMatch(NON_FINITE);
  });
});

// ---------------------------------------------------------------------------
// CLI path

interface ResultDoc {
  scenario: { startUtc: string; node: { computeTflops: number } };
  satellites: Array<{ name: string; status: string; failedAtUtc: string | null }>;
  kpis: Record<string, number>;
  series: Array<Record<string, number | string>>;
}

describe.each(['tle', 'omm', 'scenario', 'sweep'] as const)('cli: %s cases', (kind) => {
  it.each(CASES.filter((c) => c.kind === kind).map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const e = c.expect;
    const input = join(tmp, `${c.id}.json`);
    writeFileSync(input, cliInput(c, caseText(c)));
    const out = join(tmp, `${c.id}.result.${kind === 'sweep' ? 'csv' : 'json'}`);
    const csv = join(tmp, `${c.id}.series.csv`);
    const argv = kind === 'sweep' ? ['sweep', input, '--out', out, '--quiet'] : [input, '--out', out, '--csv', csv, '--quiet'];
    const r = await runCli(argv);
    const errShort = r.err.length > 4000 ? `${r.err.slice(0, 4000)}…` : r.err;

    expect(r.code, errShort).toBe(e.exitCode);
    for (const m of e.messageIncludes) expect(r.err, `stderr lacks ${JSON.stringify(m)}`).toContain(m);
    expect(r.out).not.toMatch(NON_FINITE);
    expect(unquoted(r.err)).not.toMatch(NON_FINITE);
    // A 10 MB value is never echoed back whole.
    expect(r.err.split('\n').every((l) => l.length < 1000)).toBe(true);
    for (const line of e.badLines ?? []) expect(r.err).toMatch(new RegExp(`^warning: skipped element set: line ${line}: `, 'm'));
    for (const index of e.badRecords ?? []) if (e.exitCode === 0) expect(r.err).toMatch(new RegExp(`^warning: skipped element set: record ${index}\\b`, 'm'));

    // Epoch warnings: exactly the expected lines / records.
    const warned = [...r.err.matchAll(/^warning: (?:line|record) (\d+): element set .* has epoch .* (?:before|after) the scenario start \(more than (\d+)\)/gm)];
    expect(sortedUnique(warned.map((m) => Number(m[1])))).toEqual(sortedUnique(e.epochWarnings ?? []));
    for (const m of warned) expect(Number(m[2])).toBe(EPOCH_WARNING_DAYS);

    if (e.exitCode === 2) {
      expect(r.err).toMatch(/^error: /m);
      expect(r.out).toBe('');
      expect(existsSync(out), 'no output file on invalid input').toBe(false);
      return;
    }
    // Input strings (e.g. an OMM field "NaN") are echoed in the normalised scenario; numbers never are NaN.
    const outText = readFileSync(out, 'utf8');
    expect(unquoted(outText)).not.toMatch(NON_FINITE);
    if (kind === 'sweep') return;
    expect(readFileSync(csv, 'utf8')).not.toMatch(NON_FINITE);
    const doc = JSON.parse(outText) as ResultDoc;
    const expectedCount = kind === 'scenario' ? e.satellites : e.goodRecords;
    expect(doc.satellites).toHaveLength(expectedCount!);
    if (e.names) expect(doc.satellites.map((s) => s.name)).toEqual(e.names);
    if (e.statuses) expect(doc.satellites.map((s) => s.status)).toEqual(e.statuses);

    // KPIs: finite; failed satellites counted and excluded.
    // (minSeparationKm is null, not a number, without two satellites propagating together.)
    for (const k of KPI_NAMES) expect(Number.isFinite(doc.kpis[k]) || (NULLABLE_KPIS.has(k) && doc.kpis[k] === null), k).toBe(true);
    const failed = doc.satellites.filter((s) => s.status !== 'ok');
    expect(doc.kpis.satellitesFailed).toBe(failed.length);
    const startIso = new Date(Date.parse(doc.scenario.startUtc)).toISOString();
    const activeAtStart = doc.satellites.filter((s) => s.failedAtUtc !== startIso).length;
    expect(doc.kpis.installedComputePflops).toBeCloseTo((activeAtStart * doc.scenario.node.computeTflops) / 1000, 6);
    expect(doc.kpis.meanUsableComputePflops).toBeLessThanOrEqual(doc.kpis.installedComputePflops * (1 + 1e-9));
    const k = doc.kpis;
    const residual = k.energyGeneratedKWh - k.energyConsumedKWh - k.energyCurtailedKWh - k.energyStoredDeltaKWh;
    expect(Math.abs(residual)).toBeLessThanOrEqual(1e-6 + 1e-6 * Math.max(k.energyGeneratedKWh, k.energyConsumedKWh));
    for (const row of doc.series) {
      for (const [name, v] of Object.entries(row)) if (name !== 'timeUtc') expect(Number.isFinite(v), name).toBe(true);
      expect(row.activeSatellites as number).toBeLessThanOrEqual(activeAtStart);
    }
  });
});
