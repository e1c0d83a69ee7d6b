/**
 * The geometry worker as one pre-bundled ES module, so worker threads start
 * in tens of milliseconds instead of registering tsx and transpiling the
 * engine module by module in every worker (≈0.3 s each, measured by
 * `npm run bench`).
 *
 * The bundle is built with esbuild on first use and cached under
 * node_modules/.cache/ocs/, keyed by the path, size and modification time of
 * every source file it is built from (src/engine, src/cli) and of
 * package-lock.json (packages are bundled in). satellite.js is bundled so
 * that its `**` operators can be rewritten to Math.pow, which the worker
 * replaces with a deterministic one (src/engine/core/det-math/): the
 * whole bundle is lowered (our own code has only squares, `x ** 2`, which
 * Math.pow computes as x * x either way). If bundling fails for any reason
 * the caller falls back to the tsx bootstrap (same code and the same
 * rewrite through a module hook, slower start).
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { callTimePow, LOWER_EXPONENT_OPERATOR } from '../engine/core/det-math/exponent-rewrite';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const entry = join(here, 'geometry-worker.ts');

function sourceStamp(): string {
  const h = createHash('sha256');
  for (const dir of [join(root, 'src', 'engine'), here]) {
    for (const name of (readdirSync(dir, { recursive: true }) as string[]).sort()) {
      if (!name.endsWith('.ts')) continue;
      const s = statSync(join(dir, name));
      h.update(`${dir}/${name}:${s.size}:${s.mtimeMs}\n`);
    }
  }
  const lock = statSync(join(root, 'package-lock.json'));
  h.update(`package-lock.json:${lock.size}:${lock.mtimeMs}\n`);
  return h.digest('hex').slice(0, 16);
}

let cached: URL | null | undefined;

/** URL of the bundled worker module, or null when it cannot be built (use the tsx bootstrap). */
export function geometryWorkerBundle(): URL | null {
  if (cached !== undefined) return cached;
  try {
    const dir = join(root, 'node_modules', '.cache', 'ocs');
    const file = join(dir, `geometry-worker-${sourceStamp()}.mjs`);
    if (!existsSync(file)) {
      mkdirSync(dir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      // Loaded lazily: esbuild is a dev tool, not needed when the bundle exists.
      const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
      const out = esbuild.buildSync({
        entryPoints: [entry],
        bundle: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        supported: LOWER_EXPONENT_OPERATOR,
        outfile: tmp,
        write: false,
        logLevel: 'silent',
      });
      writeFileSync(tmp, callTimePow(out.outputFiles[0].text, 'geometry worker bundle'));
      renameSync(tmp, file); // atomic: concurrent CLI runs never see a partial bundle
    }
    cached = new URL(`file://${file}`);
  } catch {
    cached = null;
  }
  return cached;
}
