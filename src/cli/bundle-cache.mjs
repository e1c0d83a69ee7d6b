/**
 * The CLI's pre-built bundles (plain JavaScript, so that the launcher
 * scripts/sim.mjs can use it without a TypeScript loader): the cache
 * location, the source stamp that keys it, and the two builds.
 *
 * - cli-<stamp>.mjs: src/cli/cli.ts and everything it imports (engine,
 *   packages) as one ES module, so `npm run sim` starts without tsx
 *   (tsx start-up and per-module transpiling cost ≈0.9 s per run). Only
 *   satellite.js's `**` are rewritten (the same rewrite, module by module, as
 *   the Node hook that `tsx src/cli/main.ts` registers, exponent-hook.ts), so
 *   the bundle evaluates exactly what the tsx path evaluates and its results
 *   are the same bytes; main() still checks the rewrite (det-math/install.ts).
 * - geometry-worker-<stamp>.mjs: the worker-thread entry (worker-bundle.ts).
 *
 * The stamp is a hash of the path, size and modification time of every file
 * under src/engine and src/cli (this file included, so a change to the build
 * rebuilds) and of package-lock.json and tsconfig.json (packages and compiler
 * settings are built in): stat calls only, a few milliseconds. A file whose
 * contents change keeps its stamp only if its size and mtime both stay the
 * same (editors and git update the mtime).
 *
 * Bundles are written to a temporary name and renamed (atomic: concurrent
 * runs never import a partial bundle); bundles of the same kind older than a
 * day are removed when a new one is written.
 *
 * The CLI bundle imports this module from its real location (an absolute
 * file: URL, not bundled in), so that SOURCE_ROOT and the worker bundle's
 * paths point at the sources and not at the cache directory.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The project root (the directory holding package.json and src/). */
export const SOURCE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const STAMPED_DIRS = ['src/engine', 'src/cli'];
const STAMPED_FILES = ['package-lock.json', 'tsconfig.json'];
/** Cached bundles of one kind older than this are removed when a new one is written (ms). */
const STALE_MS = 24 * 3600 * 1000;

const stamps = new Map();

/** 16 hex digits keyed by the path, size and mtime of the bundled sources under `root` (memoised per process). */
export function sourceStamp(root = SOURCE_ROOT) {
  const known = stamps.get(root);
  if (known) return known;
  const h = createHash('sha256');
  for (const rel of STAMPED_DIRS) {
    const dir = join(root, rel);
    for (const name of readdirSync(dir, { recursive: true }).sort()) {
      const s = statSync(join(dir, name));
      if (s.isFile()) h.update(`${dir}/${name}:${s.size}:${s.mtimeMs}\n`);
    }
  }
  for (const rel of STAMPED_FILES) {
    const s = statSync(join(root, rel));
    h.update(`${join(root, rel)}:${s.size}:${s.mtimeMs}\n`);
  }
  const stamp = h.digest('hex').slice(0, 16);
  stamps.set(root, stamp);
  return stamp;
}

/** Forgets the memoised stamps (tests that change sources within one process). */
export function forgetStamps() {
  stamps.clear();
}

export function cacheDir(root = SOURCE_ROOT) {
  return join(root, 'node_modules', '.cache', 'ocs');
}

/** Path of the cached bundle `name` for the current sources (it may not exist yet). */
export function bundlePath(name, root = SOURCE_ROOT) {
  return join(cacheDir(root), `${name}-${sourceStamp(root)}.mjs`);
}

/** esbuild, resolved from `root` (a dev dependency, loaded only to build). */
function loadEsbuild(root) {
  return createRequire(join(root, 'package.json'))('esbuild');
}

/** Options shared by both bundles: one ES module for Node 20 with every package inlined. */
function baseOptions(entry) {
  return { entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', target: 'node20', write: false, logLevel: 'silent' };
}

/** Writes `text` to `file` through a temporary file and a rename, then removes stale bundles of the same kind. */
function saveBundle(file, name, text) {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
  const now = Date.now();
  for (const other of readdirSync(dir)) {
    if (!other.startsWith(`${name}-`) || join(dir, other) === file) continue;
    try {
      if (now - statSync(join(dir, other)).mtimeMs > STALE_MS) rmSync(join(dir, other), { force: true });
    } catch {
      // Removed by a concurrent run.
    }
  }
}

/**
 * The geometry worker bundle (built if missing; synchronous, as the pool
 * spawns workers synchronously). `rewrite` is exponent-rewrite.ts's
 * LOWER_EXPONENT_OPERATOR and callTimePow: the whole bundle's `**` are
 * lowered to a call-time Math.pow (the worker's own code has only squares,
 * which Math.pow computes as x * x either way).
 */
export function buildWorkerBundle(rewrite, root = SOURCE_ROOT) {
  const file = bundlePath('geometry-worker', root);
  if (existsSync(file)) return file;
  const out = loadEsbuild(root).buildSync({ ...baseOptions(join(root, 'src', 'cli', 'geometry-worker.ts')), supported: rewrite.LOWER_EXPONENT_OPERATOR });
  saveBundle(file, 'geometry-worker', rewrite.callTimePow(out.outputFiles[0].text, 'geometry worker bundle'));
  return file;
}

/** exponent-rewrite.ts (TypeScript) compiled and loaded, for a caller without a TypeScript loader. */
async function loadExponentRewrite(esbuild, root) {
  const out = esbuild.buildSync({ ...baseOptions(join(root, 'src', 'engine', 'core', 'det-math', 'exponent-rewrite.ts')), external: ['esbuild'] });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
}

/**
 * The CLI bundle (built if missing): src/cli/cli.ts with its imports, this
 * module left as an import of its real file, satellite.js's modules passed
 * through rewriteExponentOperators as they are read. Returns its path.
 */
export async function buildCliBundle(root = SOURCE_ROOT) {
  const file = bundlePath('cli', root);
  if (existsSync(file)) return file;
  const esbuild = loadEsbuild(root);
  const { rewriteExponentOperators, SATELLITE_JS_MODULE } = await loadExponentRewrite(esbuild, root);
  const self = pathToFileURL(join(root, 'src', 'cli', 'bundle-cache.mjs')).href;
  const plugin = {
    name: 'ocs-cli-bundle',
    setup(build) {
      build.onResolve({ filter: /[\\/]bundle-cache\.mjs$/ }, () => ({ path: self, external: true }));
      // zod's namespace export `locales` (about 40 translations of its messages, a quarter of the
      // bundle) cannot be tree-shaken and is not used (messages are English, from locales/en.js,
      // which zod imports directly): an empty namespace instead, ≈20 ms less to compile per run.
      build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
        /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'ocs-empty' } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'ocs-empty' }, () => ({ contents: 'export {};', loader: 'js' }));
      build.onLoad({ filter: /[\\/]satellite\.js[\\/]/ }, (args) => {
        if (!SATELLITE_JS_MODULE.test(args.path)) return undefined;
        const out = rewriteExponentOperators(readFileSync(args.path, 'utf8'), args.path, esbuild.transformSync);
        return out ? { contents: out.code, loader: 'js' } : undefined;
      });
    },
  };
  // The job queue's packages (src/cli/queue-*.ts import them dynamically, for the queue commands
  // only) stay outside: resolved from node_modules at run time, so other commands never load them
  // (≈2.4 MB), and bullmq's CommonJS build loads its optional driver with require(), which an ES bundle lacks.
  const out = await esbuild.build({ ...baseOptions(join(root, 'src', 'cli', 'cli.ts')), plugins: [plugin], external: ['bullmq', 'ioredis'] });
  saveBundle(file, 'cli', out.outputFiles[0].text);
  return file;
}
