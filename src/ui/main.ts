/**
 * Entry point: finds the layout elements of index.html, spawns the engine
 * workers (a pool of analysis workers sized to the cores, the live-view
 * worker, the element-set import worker), loads the Earth imagery and
 * starts the design session.
 *
 * Earth imagery: NASA Visible Earth, public domain — Blue Marble (day),
 * Earth at Night (city lights), and a water mask — as shipped in the
 * `three-globe` npm package's example/img (vite.config.ts aliases it as
 * `earth-imagery/`; the build copies the files into its assets, served from
 * our origin under the CSP's img-src 'self').
 */
import * as THREE from 'three';
import * as Comlink from 'comlink';
import type { ImportApi } from '../../workers/import-api';
import { spawnAnalysisWorker } from './analysis-client';
import { spawnLiveWorker } from './live-client';
import { AnalysisPool, poolSize, type PoolRemote } from './pool';
import { isLargeRun } from './run-size';
import { parseAppParams, type AppDiagnostics } from './url-params';
import { Workbench, type WorkbenchDom } from './workbench';
import { viewDiagnostics, type ViewDiagnostics } from './design-view';
import type { EarthImagery } from '../view/EarthView';
import earthDayUrl from 'earth-imagery/earth-blue-marble.jpg?url';
import earthNightUrl from 'earth-imagery/earth-night.jpg?url';
import earthWaterUrl from 'earth-imagery/earth-water.png?url';
import './styles.css';

function byId(id: string): HTMLElement {
  const e = document.getElementById(id);
  if (!e) throw new Error(`index.html lacks #${id}`);
  return e;
}

const dom: WorkbenchDom = {
  root: byId('app'),
  panel: byId('panel'),
  view: byId('view'),
  timebar: byId('timebar'),
  charts: byId('charts'),
  kpis: byId('kpis'),
  status: byId('analysis-status'),
  progress: byId('progress'),
  satelliteCount: byId('satellite-count'),
  scenarioName: byId('scenario-name'),
  runInfo: byId('run-info'),
  designs: byId('designs'),
  compare: byId('compare'),
  sweep: byId('sweep'),
  sideView: byId('view-side'),
  tabs: byId('mode-tabs'),
  hash: byId('input-hash'),
};

const params = parseAppParams(location.search);
// A large run spawns geometry sub-workers for the cores its analysis worker leaves (it runs phase B itself).
const geometryWorkers = Math.max(1, (navigator.hardwareConcurrency || 2) - 1);
// The pool starts the analysis workers, and starts a new one in place of one that stopped
// (uncaught error, terminated, crashed): the run it had ends with an error the app shows.
const pool = new AnalysisPool(
  {
    count: poolSize(navigator.hardwareConcurrency),
    spawn: (i) => {
      const w = spawnAnalysisWorker(`analysis-${i + 1}`);
      return { remote: w.api as unknown as PoolRemote, stopped: w.stopped, terminate: () => w.worker.terminate() };
    },
  },
  (fn) => Comlink.proxy(fn),
  { large: isLargeRun, geometryWorkers },
);
pool.onWorkerStopped = (i, reason) => console.warn(`analysis worker ${i + 1} stopped (${reason}); a new one starts with the next run`);
const live = spawnLiveWorker();
const importWorker = new Worker(new URL('../../workers/import.worker.ts', import.meta.url), { type: 'module', name: 'import' });
const loader = new THREE.TextureLoader();
const texture = (url: string, colour: boolean): THREE.Texture => {
  const t = loader.load(url, () => wb.app.requestRender());
  // Colour images are sRGB (decoded to linear when sampled); the water mask is data.
  t.colorSpace = colour ? THREE.SRGBColorSpace : THREE.NoColorSpace;
  return t;
};
const imagery: EarthImagery = { day: texture(earthDayUrl, true), night: texture(earthNightUrl, true), water: texture(earthWaterUrl, false) };

const importer = Comlink.wrap<ImportApi>(importWorker);
const wb = new Workbench(
  dom,
  {
    pool,
    live: live.api,
    spawnSideLive: () => {
      const side = spawnLiveWorker();
      side.worker.addEventListener('error', (e) => wb.app.workerFailed('side live', e.message || 'failed to start'));
      return side.api;
    },
    importer,
    hash: (scenario) => importer.inputHash(scenario),
    imagery,
  },
  params,
);
for (const t of Object.values(imagery)) t.anisotropy = wb.app.view.softwareGl ? 1 : Math.min(8, wb.app.view.renderer.capabilities.getMaxAnisotropy());
live.worker.addEventListener('error', (e) => wb.app.workerFailed('live', e.message || 'failed to start'));
importWorker.addEventListener('error', (e) => console.warn('import worker:', e.message));
void wb.start(location.hash);
if (params.diagnostics) {
  // ?diagnostics=1: numbers for leak checks (browser tests, developer tools), e.g. WASM propagators held by each analysis worker.
  // view: the main 3D view's camera, follow state and projections (design-view.ts ViewDiagnostics).
  const diagnostics: AppDiagnostics & { view: ViewDiagnostics } = { analysisWorkers: () => pool.workerStats(), view: viewDiagnostics(wb.app.main) };
  (window as unknown as { ocsDiagnostics?: AppDiagnostics }).ocsDiagnostics = diagnostics;
}
