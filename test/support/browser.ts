// Shared browser harness for the browser tests (test/browser/*.test.ts), the
// benchmark (bench/browser.ts) and the soak script (scripts/soak.ts): headless
// Debian Chromium driven by playwright-core, serving the app either from a
// Vite dev server or from a production build (vite build + vite preview).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, createServer, preview } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots and other files a run leaves for inspection. */
export const ARTIFACT_DIR = 'test-artifacts';
export const VIEWPORT = { width: 1400, height: 900 } as const;

export interface ChromiumOptions {
  /**
   * Composite with SwiftShader in the GPU process instead of software
   * compositing (--disable-gpu), which reads WebGL frames back on the page's
   * main thread. The benchmark uses this; tests keep the plain setup.
   */
  gpuCompositing?: boolean;
}

/** Command-line flags of the headless Chromium every harness user launches: software GL (SwiftShader), no network chatter. */
export function chromiumArgs(options: ChromiumOptions = {}): string[] {
  return [
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
  ];
}

export function launchChromium(options: ChromiumOptions = {}): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: chromiumArgs(options) });
}

export interface HarnessOptions extends ChromiumOptions {
  /** `dev`: the Vite dev server (default); `build`: a production build in a temporary folder, served by vite preview. */
  app?: 'dev' | 'build';
}

export interface Harness {
  browser: Browser;
  /** http://127.0.0.1:<port>/ */
  baseUrl: string;
  /** The production build's folder (app: 'build' only; removed by close()). */
  outDir?: string;
  close(): Promise<void>;
}

interface Served {
  baseUrl: string;
  outDir?: string;
  close(): Promise<void>;
}

function urlOf(address: ReturnType<import('node:net').Server['address']> | undefined, what: string): string {
  if (!address || typeof address === 'string') throw new Error(`${what} has no TCP address`);
  return `http://127.0.0.1:${address.port}/`;
}

async function serveDev(): Promise<Served> {
  const server = await createServer({
    configFile: 'vite.config.ts',
    // No HMR or file watching: edits elsewhere in the tree must not reload a page under test.
    server: { port: 0, host: '127.0.0.1', strictPort: false, hmr: false, watch: null },
    logLevel: 'error',
  });
  await server.listen();
  return { baseUrl: urlOf(server.httpServer?.address(), 'vite dev server'), close: () => server.close() };
}

async function serveBuild(): Promise<Served> {
  const outDir = mkdtempSync(join(tmpdir(), 'ocs-build-'));
  try {
    await build({ configFile: 'vite.config.ts', logLevel: 'error', build: { outDir, emptyOutDir: true } });
    const server = await preview({ configFile: 'vite.config.ts', logLevel: 'error', build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false } });
    return {
      baseUrl: urlOf(server.httpServer.address(), 'vite preview server'),
      outDir,
      async close() {
        await server.close();
        rmSync(outDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    rmSync(outDir, { recursive: true, force: true });
    throw e;
  }
}

/** Serves the app on loopback and launches Chromium. close() stops both (and removes a build). */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const served = options.app === 'build' ? await serveBuild() : await serveDev();
  let browser: Browser;
  try {
    browser = await launchChromium(options);
  } catch (e) {
    await served.close();
    throw e;
  }
  mkdirSync(ARTIFACT_DIR, { recursive: true });
  return {
    browser,
    baseUrl: served.baseUrl,
    outDir: served.outDir,
    async close() {
      await browser.close();
      await served.close();
    },
  };
}

/** Records the page's console errors and uncaught page errors into `errors`. */
export function recordErrors(page: Page, errors: string[]): void {
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
}

/** Opens a page at `path` (relative to the app's URL) and records its console and page errors into `errors`. */
export async function openPage(h: Harness, path = '', errors: string[] = [], viewport: { width: number; height: number } = VIEWPORT): Promise<Page> {
  const page = await h.browser.newPage({ viewport });
  recordErrors(page, errors);
  await page.goto(h.baseUrl + path);
  return page;
}
