/**
 * The geometry worker as one pre-bundled ES module, so worker threads start
 * in tens of milliseconds instead of registering tsx and transpiling the
 * engine module by module in every worker (≈0.3 s each, measured by
 * `npm run bench`).
 *
 * The bundle is built with esbuild on first use and cached under
 * node_modules/.cache/ocs/ (bundle-cache.mjs: the cache, shared with the
 * CLI's own bundle, keyed by the path, size and modification time of every
 * source file it is built from and of package-lock.json). satellite.js is
 * bundled so that its `**` operators can be rewritten to Math.pow, which the
 * worker replaces with a deterministic one (src/engine/core/det-math/): the
 * whole bundle is lowered (our own code has only squares, `x ** 2`, which
 * Math.pow computes as x * x either way). If bundling fails for any reason
 * the caller falls back to the tsx bootstrap (same code and the same
 * rewrite through a module hook, slower start).
 *
 * Paths come from bundle-cache.mjs, which stays at its own location when this
 * module is itself bundled into the CLI (import.meta.url here would be the
 * cache directory's).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { callTimePow, LOWER_EXPONENT_OPERATOR } from '../engine/core/det-math/exponent-rewrite';
import { buildWorkerBundle, SOURCE_ROOT } from './bundle-cache.mjs';

let cached: URL | null | undefined;

/** URL of the bundled worker module, or null when it cannot be built (use the tsx bootstrap). */
export function geometryWorkerBundle(): URL | null {
  if (cached !== undefined) return cached;
  try {
    cached = pathToFileURL(buildWorkerBundle({ callTimePow, LOWER_EXPONENT_OPERATOR }));
  } catch {
    cached = null;
  }
  return cached;
}

/** The worker thread's entry: the bundle, or the tsx bootstrap when the bundle cannot be built. */
export function geometryWorkerEntry(): URL {
  return geometryWorkerBundle() ?? pathToFileURL(join(SOURCE_ROOT, 'src', 'cli', 'geometry-worker-boot.mjs'));
}
