// Bootstraps the TypeScript geometry worker under tsx (worker threads do not inherit loader hooks),
// with satellite.js's ** rewritten to Math.pow as in the CLI process (exponent-hook.ts).
import { register } from 'tsx/esm/api';

register();
const { registerExponentRewrite } = await import('./exponent-hook.ts');
registerExponentRewrite();
await import('./geometry-worker.ts');
