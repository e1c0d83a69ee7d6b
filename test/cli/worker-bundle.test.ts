import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { geometryWorkerBundle } from '../../src/cli/worker-bundle';

describe('pre-bundled geometry worker', () => {
  it('is built once into the cache and answers requests like the tsx-booted worker', async () => {
    const url = geometryWorkerBundle();
    expect(url).not.toBeNull();
    const file = fileURLToPath(url!);
    expect(existsSync(file)).toBe(true);
    expect(geometryWorkerBundle()?.href).toBe(url!.href); // cached for the process
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('GeometryHost');
    expect(text).not.toMatch(/from ["']\.\.?\//); // engine sources are inlined; only packages stay imports
    // satellite.js is bundled in with its ** lowered to a call-time Math.pow, which the worker makes deterministic.
    expect(text).not.toMatch(/from ["']satellite\.js["']/);
    expect(text).toContain('var __pow = (a, b) => Math.pow(a, b);');
    expect(text).toMatch(/\binstallDeterministicMath\(\);/);
    const worker = new Worker(url!);
    try {
      // A request before 'init' is answered with an error reply (the host is alive and speaks the protocol).
      const reply = await new Promise<{ type: string; message?: string }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage({ type: 'finish' });
      });
      expect(reply.type).toBe('error');
      expect(reply.message).toMatch(/init/i);
    } finally {
      await worker.terminate();
    }
  });
});
