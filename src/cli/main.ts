/**
 * Headless CLI entry.
 *   npm run sim -- <scenario.json> --out <result.json> [--csv <series.csv>]
 *   npm run sim -- --preset <name> --out <result.json> [--csv <series.csv>]
 *   npm run sim -- --list-presets
 *   npm run sim -- sweep <sweep.json> --out <results.csv> [--resume] | --shard i/N --out <part-i>
 *   npm run sim -- sweep-merge <part>... --out <results.csv>
 *   exports beside result.json: --oem <file> [--oem-step s] [--oem-satellites i,j],
 *   --stk <file> [--stk-satellite i] [--stk-step s], --eclipses-csv, --contacts-csv,
 *   --passes-csv <file> (cli.ts USAGE; docs/reference/export-formats.md)
 * Exit codes: 0 success; 2 invalid input (the message names the field or
 * line); 1 anything else. Progress goes to stderr, the KPI table to stdout.
 *
 * `npm run sim` does not come here: it runs scripts/sim.mjs, which runs
 * cli.ts from a pre-built bundle (bundle-cache.mjs; same bytes, faster start).
 *
 * Run as a program (`tsx src/cli/main.ts`), it first registers the Node
 * module hook that rewrites satellite.js's `**` (exponent-hook.ts), then
 * loads the CLI itself (cli.ts), whose main() installs deterministic Math:
 * results are byte-identical to the browser worker's. The CLI is imported
 * dynamically because static imports would load satellite.js before the hook
 * exists. Imported as a module (tests), the importer's loader must rewrite
 * satellite.js itself (vite.config.ts does for vitest); main() checks it.
 */
import { registerExponentRewrite } from './exponent-hook';

const invokedDirectly = Boolean(process.argv[1] && /cli[\\/]main\.ts$/.test(process.argv[1]));
if (invokedDirectly) registerExponentRewrite();

const cli = await import('./cli');

export type { CliIo } from './cli';
export const { main, parseArgs, UsageError, InputError } = cli;

if (invokedDirectly) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
