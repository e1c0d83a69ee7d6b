// Bootstraps the TypeScript geometry worker under tsx (worker threads do not inherit loader hooks).
import { register } from 'tsx/esm/api';

register();
await import('./geometry-worker.ts');
