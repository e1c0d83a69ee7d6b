import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'vitest/config';
import { transformSync } from 'esbuild';
import type { Plugin } from 'vite';
import { rewriteExponentOperators, SATELLITE_JS_MODULE } from './src/engine/core/det-math/exponent-rewrite.ts';

/**
 * Content-Security-Policy of the built app: scripts and workers only from our
 * origin, no inline scripts and no eval (WebAssembly compilation is allowed
 * explicitly for SGP4), no plug-ins, images from us or generated locally.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Puts the policy in the built index.html too, for static hosting without our headers. */
function cspMeta(): Plugin {
  return {
    name: 'csp-meta',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  };
}

/**
 * satellite.js's `**` → calls of the current Math.pow, which the engine's
 * workers replace with a deterministic one (why and how in
 * src/engine/core/det-math/). Applies to the dev server, the build,
 * worker bundles (worker.plugins) and vitest (which inlines satellite.js).
 */
function satelliteJsExponentRewrite(): Plugin {
  return {
    name: 'satellite-js-exponent-rewrite',
    enforce: 'pre',
    transform(code, id) {
      return SATELLITE_JS_MODULE.test(id) ? rewriteExponentOperators(code, id, transformSync) : null;
    },
  };
}

/**
 * The minifier must not write `Math.pow(a, b)` as `a ** +b` (it does for
 * targets that have `**`): the operator bypasses the deterministic Math.pow
 * the engine workers install. Syntax from ES2015 only in what it adds.
 */
const KEEP_MATH_POW = { compress: { target: 'es2015' } };

/** Deterministic Math for the engine workers: CommonJS packages, pre-bundled up front so the dev server never re-optimises (and reloads) when a worker first imports them. */
const DETERMINISTIC_MATH_PACKAGES = ['sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'exp', 'ln', 'pow', 'cbrt'].map((f) => `@stdlib/math-base-special-${f}`);

/** Tests load satellite.js through Vite, so the CLI they run in-process gets the same rewrite as the CLI process and the workers. */
const testServer = { deps: { inline: [/[\\/]node_modules[\\/]satellite\.js[\\/]/] } };

// Cross-origin isolation lets workers share SharedArrayBuffers with the page.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * NASA Visible Earth imagery (public domain) shipped in the `three-globe`
 * package's example/img, outside its exports map: imported by the page as
 * `earth-imagery/<file>?url`, so the build copies the files into its assets.
 */
const EARTH_IMAGERY_DIR = join(dirname(createRequire(import.meta.url).resolve('three-globe')), '..', 'example', 'img');

export default defineConfig({
  resolve: { alias: [{ find: /^earth-imagery\//, replacement: `${EARTH_IMAGERY_DIR}/` }] },
  server: { host: '127.0.0.1', headers: isolationHeaders },
  preview: { host: '127.0.0.1', headers: { ...isolationHeaders, 'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'` } },
  plugins: [cspMeta(), satelliteJsExponentRewrite()],
  publicDir: 'assets',
  worker: { format: 'es', plugins: () => [satelliteJsExponentRewrite()], rolldownOptions: { output: { minify: KEEP_MATH_POW } } },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000, rolldownOptions: { output: { minify: KEEP_MATH_POW } } },
  optimizeDeps: { exclude: ['satellite.js'], include: DETERMINISTIC_MATH_PACKAGES },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/engine/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/hardening/**/*.test.ts', 'test/workers/**/*.test.ts', 'test/ui/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          server: testServer,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          server: testServer,
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
