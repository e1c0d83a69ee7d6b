/**
 * Entry point: finds the layout elements of index.html, spawns the two
 * engine workers, loads the Earth texture shipped in assets/ and starts the app.
 */
import * as THREE from 'three';
import { App, type AppDom } from './app';
import { spawnAnalysisWorker } from './analysis-client';
import { spawnLiveWorker } from './live-client';
import { parseAppParams } from './url-params';
import './styles.css';

function byId(id: string): HTMLElement {
  const e = document.getElementById(id);
  if (!e) throw new Error(`index.html lacks #${id}`);
  return e;
}

const dom: AppDom = {
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
};

const analysis = spawnAnalysisWorker();
const live = spawnLiveWorker();
const dayMap = new THREE.TextureLoader().load(`${import.meta.env.BASE_URL}earth-day.png`, () => app.requestRender());
dayMap.colorSpace = THREE.SRGBColorSpace;

const app = new App(dom, { analysis: analysis.api, live: live.api, dayMap }, parseAppParams(location.search));
dayMap.anisotropy = app.view.softwareGl ? 1 : Math.min(8, app.view.renderer.capabilities.getMaxAnisotropy());
analysis.worker.addEventListener('error', (e) => app.workerFailed('analysis', e.message || 'failed to start'));
live.worker.addEventListener('error', (e) => app.workerFailed('live', e.message || 'failed to start'));
app.start();
