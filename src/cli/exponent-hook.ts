/**
 * The Node side of the `**` rewrite (src/engine/core/det-math/exponent-rewrite.ts):
 * a module hook that rewrites satellite.js's modules as this thread loads
 * them, for the CLI process (main.ts) and the tsx-booted worker threads
 * (geometry-worker-boot.mjs).
 */
import { createRequire, register } from 'node:module';
import { rewriteExponentOperators, SATELLITE_JS_MODULE } from '../engine/core/det-math/exponent-rewrite';

interface LoadResult {
  format?: string | null;
  source?: string | ArrayBuffer | ArrayBufferView | null;
  shortCircuit?: boolean;
}

/** Node module hook (registered by registerExponentRewrite): rewrites satellite.js modules as they load. */
export async function load(url: string, context: object, nextLoad: (url: string, context: object) => Promise<LoadResult>): Promise<LoadResult> {
  const result = await nextLoad(url, context);
  if (!SATELLITE_JS_MODULE.test(url) || result.source == null) return result;
  const text = typeof result.source === 'string' ? result.source : new TextDecoder().decode(result.source);
  // Loaded lazily: esbuild is a dev tool, needed only while loading satellite.js.
  const { transformSync } = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  const out = rewriteExponentOperators(text, url, transformSync);
  return out ? { ...result, source: out.code } : result;
}

/**
 * Registers `load` for modules this thread imports from now on. Call it
 * before anything imports satellite.js (static imports load first, so from an
 * entry that imports the rest dynamically). Needs a TypeScript loader (tsx)
 * already registered, as this module is TypeScript.
 */
export function registerExponentRewrite(): void {
  register(import.meta.url);
}
