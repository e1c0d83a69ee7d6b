#!/usr/bin/env node
/**
 * Launcher of the headless CLI (`npm run sim -- …`; usage in src/cli/main.ts):
 * runs src/cli/cli.ts from its pre-built bundle (node_modules/.cache/ocs/
 * cli-<stamp>.mjs, src/cli/bundle-cache.mjs), building it first when the
 * sources changed since the last build (a fraction of a second, once), so a
 * run starts in about the time Node itself takes instead of paying tsx's
 * start-up and transpiling. Results are the bytes `tsx src/cli/main.ts`
 * writes (same code, same satellite.js rewrite); exit codes and output are
 * the CLI's (0 success, 2 invalid input, 1 anything else).
 *
 * If the bundle cannot be built or loaded (esbuild missing, a build error),
 * it says so on stderr and runs the sources through tsx instead, as
 * src/cli/main.ts does.
 */
import { pathToFileURL } from 'node:url';
import { buildCliBundle } from '../src/cli/bundle-cache.mjs';

async function loadCli() {
  try {
    return await import(pathToFileURL(await buildCliBundle()).href);
  } catch (e) {
    process.stderr.write(`note: CLI bundle unavailable (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); running the sources through tsx\n`);
    const { register } = await import('tsx/esm/api');
    register();
    // As src/cli/main.ts: the `**` rewrite of satellite.js is hooked in before anything loads satellite.js.
    const { registerExponentRewrite } = await import('../src/cli/exponent-hook.ts');
    registerExponentRewrite();
    return import('../src/cli/cli.ts');
  }
}

const { main } = await loadCli();
process.exitCode = await main(process.argv.slice(2));
