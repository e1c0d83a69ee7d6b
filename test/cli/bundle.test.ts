/**
 * The CLI launcher (scripts/sim.mjs, `npm run sim`): it runs the pre-built
 * CLI bundle (src/cli/bundle-cache.mjs) and must write the same bytes, exit
 * codes and messages as the sources run through tsx (`tsx src/cli/main.ts`,
 * the reference here), rebuild when a source changes, and fall back to tsx
 * when the bundle cannot be built. Real processes; no timings are asserted.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetStamps, sourceStamp } from '../../src/cli/bundle-cache.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = join(ROOT, 'test/fixtures/scenarios');
const TIMEOUT = 180_000;

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ocs-bundle-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** `node scripts/sim.mjs …` in project `root`. */
const launcher = (root: string, ...args: string[]): SpawnSyncReturns<string> =>
  spawnSync(process.execPath, [join(root, 'scripts', 'sim.mjs'), ...args], { cwd: root, encoding: 'utf8', timeout: TIMEOUT });
/** The reference: the sources through tsx, as `tsx src/cli/main.ts …`. */
const tsxCli = (...args: string[]): SpawnSyncReturns<string> =>
  spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: TIMEOUT });
/** stdout without the run's wall time ("…, 60 steps, 0.4 s"). */
const untimed = (stdout: string): string => stdout.replace(/, [\d.]+ s\n/, ', — s\n');
const bundles = (root: string): string[] => {
  const dir = join(root, 'node_modules', '.cache', 'ocs');
  return existsSync(dir) ? readdirSync(dir).filter((f) => /^cli-[0-9a-f]{16}\.mjs$/.test(f)) : [];
};

describe('npm run sim (scripts/sim.mjs, the bundled CLI)', () => {
  it(
    'writes the bytes of the tsx path (result JSON and series CSV; TLE input, whose SGP4 powers need the ** rewrite)',
    () => {
      for (const input of [join(FIXTURES, 'small-walker.json'), join(ROOT, 'assets/scenarios/iss-tle.json')]) {
        const b = launcher(ROOT, input, '--out', join(tmp, 'b.json'), '--csv', join(tmp, 'b.csv'), '--quiet');
        const t = tsxCli(input, '--out', join(tmp, 't.json'), '--csv', join(tmp, 't.csv'), '--quiet');
        expect(b.stderr).toBe(t.stderr);
        expect([b.status, t.status]).toEqual([0, 0]);
        expect(untimed(b.stdout)).toBe(untimed(t.stdout));
        expect(readFileSync(join(tmp, 'b.json')).equals(readFileSync(join(tmp, 't.json')))).toBe(true);
        expect(readFileSync(join(tmp, 'b.csv')).equals(readFileSync(join(tmp, 't.csv')))).toBe(true);
      }
    },
    TIMEOUT,
  );

  it(
    'exits 2 for an invalid scenario, naming the field on stderr like the tsx path, and writes nothing',
    () => {
      const input = join(FIXTURES, 'invalid-node.json');
      const b = launcher(ROOT, input, '--out', join(tmp, 'never.json'));
      const t = tsxCli(input, '--out', join(tmp, 'never.json'));
      expect(b.status).toBe(2);
      expect(b.stderr).toMatch(/node\.radiatorAreaM2: must be greater than 0/);
      expect(b.stderr).toBe(t.stderr);
      expect(b.stdout).toBe(t.stdout);
      expect(existsSync(join(tmp, 'never.json'))).toBe(false);
      // A usage error is 2 as well; --list-presets prints the same table.
      expect(launcher(ROOT, '--no-such-flag').status).toBe(2);
      expect(launcher(ROOT, '--list-presets').stdout).toBe(tsxCli('--list-presets').stdout);
    },
    TIMEOUT,
  );
});

describe('the bundle cache in a copy of the project', () => {
  let copy: string;
  beforeAll(() => {
    // The sources the stamp covers and the launcher, copied; packages linked one by one so that the
    // copy's node_modules/.cache is its own (the real cache is not touched).
    copy = join(tmp, 'project');
    for (const dir of ['src/engine', 'src/cli', 'scripts']) cpSync(join(ROOT, dir), join(copy, dir), { recursive: true });
    for (const f of ['package.json', 'package-lock.json', 'tsconfig.json']) cpSync(join(ROOT, f), join(copy, f));
    mkdirSync(join(copy, 'node_modules'));
    for (const name of readdirSync(join(ROOT, 'node_modules'))) {
      if (name !== '.cache') symlinkSync(join(ROOT, 'node_modules', name), join(copy, 'node_modules', name));
    }
  });

  it(
    'builds once, reuses the bundle, and rebuilds under a new stamp when a source file is touched',
    () => {
      const reference = tsxCli('--list-presets').stdout;
      const first = launcher(copy, '--list-presets');
      expect(first.status).toBe(0);
      expect(first.stdout).toBe(reference);
      const stamp0 = sourceStamp(copy);
      expect(bundles(copy)).toEqual([`cli-${stamp0}.mjs`]);
      const built = statSync(join(copy, 'node_modules', '.cache', 'ocs', `cli-${stamp0}.mjs`)).mtimeMs;

      expect(launcher(copy, '--list-presets').stdout).toBe(reference);
      expect(bundles(copy)).toEqual([`cli-${stamp0}.mjs`]);
      expect(statSync(join(copy, 'node_modules', '.cache', 'ocs', `cli-${stamp0}.mjs`)).mtimeMs).toBe(built); // not rebuilt

      // Same contents, new modification time (an editor's save, a git checkout): a new stamp, a new bundle.
      const touched = join(copy, 'src', 'engine', 'core', 'constants.ts');
      const later = new Date(statSync(touched).mtimeMs + 60_000);
      utimesSync(touched, later, later);
      forgetStamps();
      const stamp1 = sourceStamp(copy);
      expect(stamp1).not.toBe(stamp0);
      const second = launcher(copy, '--list-presets');
      expect(second.status).toBe(0);
      expect(second.stdout).toBe(reference);
      expect(bundles(copy).sort()).toEqual([`cli-${stamp0}.mjs`, `cli-${stamp1}.mjs`].sort());
      // The copy's bundle imports the copy's bundle-cache.mjs (its paths are the copy's).
      const text = readFileSync(join(copy, 'node_modules', '.cache', 'ocs', `cli-${stamp1}.mjs`), 'utf8');
      expect(text).toContain(`from "${pathToFileURL(join(copy, 'src', 'cli', 'bundle-cache.mjs')).href}"`);
      expect(text).toContain('var __pow = (a, b) => Math.pow(a, b);'); // satellite.js's ** rewritten (main() checks it too)
    },
    TIMEOUT,
  );

  it(
    'spawns the bundled geometry workers (--threads 2; the worker bundle is built beside the CLI) and writes the single-thread bytes',
    () => {
      const input = join(FIXTURES, 'small-walker.json');
      const b = launcher(copy, input, '--out', join(tmp, 'w.json'), '--threads', '2', '--quiet');
      const t = tsxCli(input, '--out', join(tmp, 'w1.json'), '--threads', '1', '--quiet');
      expect(b.stderr).toBe('');
      expect([b.status, t.status]).toEqual([0, 0]);
      expect(existsSync(join(copy, 'node_modules', '.cache', 'ocs', `geometry-worker-${sourceStamp(copy)}.mjs`))).toBe(true);
      expect(readFileSync(join(tmp, 'w.json')).equals(readFileSync(join(tmp, 'w1.json')))).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'falls back to tsx, with a note on stderr, when the bundle cannot be written, and writes the same bytes',
    () => {
      rmSync(join(copy, 'node_modules', '.cache'), { recursive: true, force: true });
      writeFileSync(join(copy, 'node_modules', '.cache'), 'not a directory'); // mkdir of the cache fails
      try {
        const input = join(FIXTURES, 'small-walker.json');
        const b = launcher(copy, input, '--out', join(tmp, 'f.json'), '--quiet');
        const t = tsxCli(input, '--out', join(tmp, 'f-ref.json'), '--quiet');
        expect(b.status).toBe(0);
        expect(b.stderr).toMatch(/^note: CLI bundle unavailable \(.+\); running the sources through tsx\n$/);
        expect(readFileSync(join(tmp, 'f.json')).equals(readFileSync(join(tmp, 'f-ref.json')))).toBe(true);
        const bad = launcher(copy, join(FIXTURES, 'invalid-node.json'), '--out', join(tmp, 'never.json'));
        expect(bad.status).toBe(2);
        expect(bad.stderr).toMatch(/node\.radiatorAreaM2: must be greater than 0/);
      } finally {
        rmSync(join(copy, 'node_modules', '.cache'), { force: true });
      }
    },
    TIMEOUT,
  );
});
