// Shared harness for browser tests: a Vite dev server on loopback and
// headless Debian Chromium driven by playwright-core.
import { createServer, type ViteDevServer } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACT_DIR = 'test-artifacts';

export interface Harness {
  server: ViteDevServer;
  browser: Browser;
  baseUrl: string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /**
   * Composite with SwiftShader in the GPU process instead of software
   * compositing (--disable-gpu), which reads WebGL frames back on the page's
   * main thread. The benchmark uses this; tests keep the plain setup.
   */
  gpuCompositing?: boolean;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const server = await createServer({
    configFile: 'vite.config.ts',
    // No HMR or file watching: edits elsewhere in the tree must not reload a page under test.
    server: { port: 0, host: '127.0.0.1', strictPort: false, hmr: false, watch: null },
    logLevel: 'error',
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('vite server has no TCP address');
  const baseUrl = `http://127.0.0.1:${address.port}/`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      ...(options.gpuCompositing ? [] : ['--disable-gpu']),
      '--use-gl=angle',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(ARTIFACT_DIR, { recursive: true });
  return {
    server,
    browser,
    baseUrl,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Opens a page and records console errors and page errors into `errors`. */
export async function openPage(h: Harness, path = '', errors: string[] = []): Promise<Page> {
  const page = await h.browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(h.baseUrl + path);
  return page;
}
