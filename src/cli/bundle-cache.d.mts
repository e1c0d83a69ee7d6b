/** Types of bundle-cache.mjs (plain JavaScript, used by the launcher scripts/sim.mjs and by worker-bundle.ts). */
export declare const SOURCE_ROOT: string;
export declare function sourceStamp(root?: string): string;
export declare function forgetStamps(): void;
export declare function cacheDir(root?: string): string;
export declare function bundlePath(name: string, root?: string): string;
export declare function buildWorkerBundle(
  rewrite: { LOWER_EXPONENT_OPERATOR: Record<string, boolean>; callTimePow(code: string, what: string): string },
  root?: string,
): string;
export declare function buildCliBundle(root?: string): Promise<string>;
