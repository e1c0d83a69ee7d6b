/**
 * The design page: the parameter panel, the sim clock and time bar, the 3D
 * view of the active design (and, when comparing, the view of another one
 * beside it), the charts, KPIs and the inspector. It edits and shows the
 * active design (active-design.ts): edits go down to it, its changes come
 * back through its signals. The session (workbench.ts) drives the page; the
 * page never calls the session. The main thread never propagates: positions
 * come from the live workers and results from the analysis workers.
 */
import type * as THREE from 'three';
import { parseScenario, parseScenarioJson } from '../engine/input/scenario';
import { MS_PER_HOUR } from '../engine/core/constants';
import { runGrid } from '../engine/orbit/run-grid';
import type { AnalysisResult } from '../../workers/protocol';
import type { SceneView } from '../view/SceneView';
import type { ActiveDesign } from './active-design';
import type { AnalysisStatus } from './analysis-client';
import { ChartPanel } from './charts';
import { SimClock, WARP_STEPS } from './clock';
import { presetDraft, presetOptions } from './design-presets';
import { DesignView } from './design-view';
import { cloneJson } from './draft';
import { Inspector } from './inspector';
import { EconomicsView } from './economics-view';
import { KpiPanel } from './kpis';
import { Legend } from './legend';
import type { ClockModel, LiveRemote } from './live-client';
import { ParameterPanel } from './panel';
import type { ChartImage, ViewImage } from './snapshot';
import { Timebar } from './timebar';
import type { AppParams } from './url-params';

export interface AppDom {
  panel: HTMLElement;
  view: HTMLElement;
  /** Container of the side-by-side view (compare mode). */
  sideView: HTMLElement;
  timebar: HTMLElement;
  charts: HTMLElement;
  kpis: HTMLElement;
  status: HTMLElement;
  progress: HTMLElement;
  satelliteCount: HTMLElement;
  scenarioName: HTMLElement;
  runInfo: HTMLElement;
}

export interface AppDeps {
  active: ActiveDesign;
  live: LiveRemote;
  /** Spawns the second live worker on first use of the side-by-side view. */
  spawnSideLive: () => LiveRemote;
  dayMap: THREE.Texture;
}

export type AppMode = 'design' | 'compare' | 'sweep';

/** A design shown beside the active one. */
export interface SideDesign {
  scenario: Parameters<DesignView['setDesign']>[0];
  /** Names the design's inputs (same key: no reload). */
  key: string;
  name: string;
  colour: string;
  result: AnalysisResult | undefined;
}

const INSPECTOR_INTERVAL_MS = 200;

export class App {
  readonly clock = new SimClock();
  /** The active design's view. */
  readonly main: DesignView;
  private side: DesignView | undefined;
  private sideShown = false;
  private readonly active: ActiveDesign;
  private readonly panel: ParameterPanel;
  private readonly charts: ChartPanel;
  private readonly kpis: KpiPanel;
  private readonly economics: EconomicsView;
  private readonly inspector: Inspector;
  private readonly timebar: Timebar;
  private names: string[] = [];
  private ids: string[] = [];
  private selected = -1;
  private lastNow = 0;
  private lastInspectorMs = 0;
  private pointer: { x: number; y: number; id: number } | undefined;
  private syncingCamera = false;
  private mode: AppMode = 'design';
  private mainColour = '#4cc2ff';
  private sideColour = '#ff9e3d';
  /** The clock as handed to the live workers each frame (one object, updated in place). */
  private readonly liveClock: ClockModel = { timeMs: 0, wallMs: 0, warp: 1, playing: false, startMs: 0, endMs: 0, epoch: 0 };

  constructor(
    private readonly dom: AppDom,
    private readonly deps: AppDeps,
    private readonly params: AppParams,
  ) {
    const active = deps.active;
    this.active = active;
    this.main = new DesignView(dom.view, deps.dayMap, deps.live, { placeCamera: true });
    this.main.label.root.hidden = true;
    this.main.errors.on((m) => console.warn('live worker:', m));
    this.main.liveInfo.on(({ info }) => {
      this.names = info.names;
      this.ids = info.names.map((_, i) => String(i + 1));
      this.dom.satelliteCount.textContent = String(info.count);
      this.inspector.setNames(info.names);
      this.select(this.selected >= info.count ? -1 : this.selected);
    });
    this.view.controls.addEventListener('change', () => this.syncCamera(this.main, this.side));
    new Legend(dom.view, (v) => {
      this.view.setVisibility(v);
      if (v.orbit) this.main.refreshTrack();
      this.main.requestRender();
    });
    this.inspector = new Inspector(dom.view, {
      onFind: (q) => this.findSatellite(q),
      onClose: () => this.select(-1),
    });
    this.timebar = new Timebar(dom.timebar, {
      onPlayToggle: () => this.togglePlay(),
      onJumpStart: () => this.clock.jumpToStart(),
      onWarp: (w) => {
        this.clock.warp = w;
      },
      onSeek: (t) => this.clock.seek(t),
    });
    this.charts = new ChartPanel(dom.charts, { onSeek: (t) => this.clock.seek(t) });
    this.kpis = new KpiPanel(dom.kpis);
    this.economics = new EconomicsView(dom.kpis);
    this.panel = new ParameterPanel(dom.panel, presetOptions(), {
      onChange: (d) => active.edit(d, false, this.panel.pendingLocalIssues()),
      onPreset: (v) => {
        const d = presetDraft(v);
        if (!d) return;
        this.panel.load(d, v);
        active.edit(this.panel.value, true, this.panel.pendingLocalIssues());
      },
      onImport: (text, fileName) => {
        const r = parseScenarioJson(text);
        if (!r.ok) {
          this.panel.showIssues(r.issues.map((i) => ({ path: i.path, message: `${fileName}: ${i.message}` })));
          return;
        }
        // Keep the design's name (another design may have the file's).
        const draft = cloneJson(r.scenario) as unknown as Record<string, unknown>;
        if (active.nameProblem(draft.name)) draft.name = this.panel.value.name;
        this.panel.load(draft, 'custom');
        active.edit(this.panel.value, true, this.panel.pendingLocalIssues());
      },
      currentScenario: () => {
        const r = parseScenario(this.panel.value);
        return r.ok ? r.scenario : undefined;
      },
    });

    active.loaded.on(({ draft, preset }) => this.panel.load(draft, preset, true));
    active.checked.on((issues) => this.panel.showIssues(issues));
    active.scenarioChanged.on(({ scenario, seq }) => {
      this.dom.scenarioName.textContent = scenario.name;
      const g = runGrid(scenario);
      this.clock.setHorizon(g.startMs, g.endMs);
      this.timebar.setHorizon(g.startMs, g.endMs, g.stepMs);
      this.kpis.setStale(true);
      this.main.setDesign(scenario, seq);
    });
    active.statusChanged.on((s) => this.showStatus(s));
    active.resultChanged.on(({ result }) => this.showResult(result));
    active.renamed.on((name) => {
      this.panel.setFieldValue('name', name);
      this.dom.scenarioName.textContent = name;
    });

    const canvas = this.view.renderer.domElement;
    canvas.addEventListener('pointerdown', (e) => {
      this.pointer = { x: e.clientX, y: e.clientY, id: e.pointerId };
    });
    canvas.addEventListener('pointerup', (e) => {
      const p = this.pointer;
      this.pointer = undefined;
      if (!p || p.id !== e.pointerId || Math.hypot(e.clientX - p.x, e.clientY - p.y) > 5) return;
      const i = this.view.pick(e.clientX, e.clientY);
      if (i >= 0 || this.selected >= 0) this.select(i);
    });
    window.addEventListener('keydown', (e) => this.onKey(e));
  }

  /** The main 3D view. */
  get view(): SceneView {
    return this.main.view;
  }

  /** Applies the URL's clock parameters (?warp, ?play). */
  start(now = performance.now()): void {
    if (this.params.warp !== undefined) this.clock.warp = this.params.warp;
    this.timebar.setWarp(this.clock.warp);
    if (this.params.play) this.clock.playing = true;
    this.lastNow = now;
  }

  /** Redraws the views on the next frame (e.g. after a texture loaded). */
  requestRender(): void {
    this.main.requestRender();
    this.side?.requestRender();
  }

  /** Sim time as hours from the start of the horizon. */
  get elapsedHours(): number {
    return (this.clock.timeMs - this.clock.startMs) / MS_PER_HOUR;
  }

  /** Shows `d` beside the main view (compare mode), or only the main view (null); `mainLabel` names the active design. */
  showSide(d: SideDesign | null, mainLabel?: { name: string; colour: string }): void {
    this.sideShown = !!d;
    this.main.label.root.hidden = !d;
    if (!d) {
      this.main.requestRender();
      return;
    }
    if (mainLabel) this.main.label.set(mainLabel.name, mainLabel.colour);
    if (!this.side) {
      const side = new DesignView(this.dom.sideView, this.deps.dayMap, this.deps.spawnSideLive());
      side.errors.on((m) => console.warn('side view:', m));
      side.view.controls.addEventListener('change', () => {
        if (this.sideShown) this.syncCamera(side, this.main);
      });
      this.side = side;
    }
    this.side.label.set(d.name, d.colour);
    this.side.setDesign(d.scenario, d.key);
    this.side.setResult(d.result, d.key);
    this.syncCamera(this.main, this.side);
    this.side.requestRender();
    this.main.requestRender();
  }

  setMode(mode: AppMode): void {
    this.mode = mode;
    this.requestRender();
  }

  setViewColours(main: string, side: string): void {
    this.mainColour = main;
    this.sideColour = side;
  }

  /** Renders and captures the 3D view(s) for a PNG (same task, so the WebGL buffers are intact). */
  captureViews(): ViewImage[] {
    this.view.render();
    const side = this.sideShown ? this.side : undefined;
    const out: ViewImage[] = [{ canvas: this.view.renderer.domElement, label: side ? (this.active.scenario?.name ?? '') : '', colour: this.mainColour }];
    if (side) {
      side.view.render();
      out.push({ canvas: side.view.renderer.domElement, label: side.container.querySelector('.view-label span:last-child')?.textContent ?? '', colour: this.sideColour });
    }
    return out;
  }

  chartImages(): ChartImage[] {
    return this.charts.snapshot();
  }

  /** Shows a worker failure in the analysis status. */
  workerFailed(which: string, message: string): void {
    this.showStatus({ state: 'error', message: `${which} worker: ${message}` });
  }

  /** Seeks the clock to `elapsedMs` from the start. */
  seekElapsed(elapsedMs: number): void {
    this.clock.seek(this.clock.startMs + elapsedMs);
  }

  /** One display frame at `now` (performance.now() scale): advances the clock, draws the views and panels. */
  tick(now: number): void {
    // Wall time drives the clock (slow frames still advance sim time at the warp);
    // gaps over 1 s (hidden tab, paused rendering) do not jump the clock.
    const dt = Math.min(1000, Math.max(0, now - this.lastNow));
    this.lastNow = now;
    this.clock.tick(dt);
    const t = this.clock.timeMs;
    const m = this.liveClock;
    m.timeMs = t;
    m.wallMs = performance.timeOrigin + now;
    m.warp = this.clock.warp;
    m.playing = this.clock.playing;
    m.startMs = this.clock.startMs;
    m.endMs = this.clock.endMs;
    m.epoch = this.clock.epoch;
    if (this.mode !== 'sweep') {
      this.main.tick(m);
      if (this.sideShown) this.side?.tick(m);
    }
    this.timebar.update(this.clock);
    if (this.mode === 'design') this.charts.setCursor(t);
    if (this.selected >= 0 && now - this.lastInspectorMs > INSPECTOR_INTERVAL_MS) {
      this.lastInspectorMs = now;
      const ft = this.main.frameTimeMs;
      this.inspector.update(Number.isFinite(ft) ? ft : t, this.main.selectedState);
    }
  }

  stop(): void {
    this.active.dispose();
    this.charts.dispose();
    this.economics.dispose();
    this.main.dispose();
    this.side?.dispose();
  }

  // ---- the active design's result ----

  private showResult(r: AnalysisResult): void {
    this.ids = r.satelliteIds;
    this.kpis.set(r.kpis);
    this.economics.set(r.economics, r.scenario);
    this.charts.setSeries(r.series, r.stepMs, r.chart);
    this.main.setResult(r, r.seq);
    const threads = r.geometryWorkers > 0 ? ` on ${r.geometryWorkers + 1} threads` : '';
    this.dom.runInfo.textContent = `${r.satelliteCount.toLocaleString('en-US')} satellites × ${r.steps.toLocaleString('en-US')} steps in ${(r.elapsedMs / 1000).toFixed(1)} s${threads}`;
    // Hooks: geometry sub-workers the run used; steps between recorded status rows (view colours).
    this.dom.runInfo.dataset.geometryWorkers = String(r.geometryWorkers);
    this.dom.runInfo.dataset.statusEvery = String(r.statusEvery);
    this.dom.runInfo.title = r.statusEvery > 1 ? `Satellite colours in the view are recorded every ${r.statusEvery} steps (long horizon: bounded memory).` : '';
    if (r.elementErrors.length) this.dom.runInfo.textContent += ` · ${r.elementErrors.length} element-set record(s) skipped`;
    if (this.selected >= 0 && this.selected < r.satelliteCount) this.select(this.selected);
    else this.inspector.setResult(r);
  }

  private showStatus(s: AnalysisStatus): void {
    const el = this.dom.status;
    const text = s.state === 'error' ? `error: ${s.message}` : s.state;
    if (el.textContent !== text) el.textContent = text;
    el.dataset.state = s.state;
    const p = s.state === 'running' ? s.progress : s.state === 'done' ? 1 : 0;
    this.dom.progress.style.transform = `scaleX(${p})`;
    this.dom.progress.parentElement?.classList.toggle('active', s.state === 'running');
  }

  // ---- selection ----

  /** The active design's result when it belongs to the satellites shown. */
  private shownResult(): AnalysisResult | undefined {
    const r = this.active.result;
    return r && r.seq === this.main.shownDesign ? r : undefined;
  }

  private select(i: number): void {
    this.selected = i;
    this.main.select(i);
    const r = this.shownResult();
    this.inspector.select(i, this.names[i] ?? '', r ? (this.ids[i] ?? '') : '', r);
    if (i >= 0 && r) {
      this.active.detail(r.seq, i).then(
        (d) => {
          if (d && d.index === this.selected && this.active.result?.seq === d.seq) this.inspector.setDetail(d);
        },
        (e: unknown) => console.warn('detail:', e),
      );
    }
  }

  private findSatellite(q: string): void {
    const s = q.trim().toLowerCase();
    if (!s) return;
    let i = this.names.findIndex((n) => n.toLowerCase() === s);
    if (i < 0) i = this.names.findIndex((n) => n.toLowerCase().startsWith(s));
    if (i < 0 && /^#?\d+$/.test(s)) i = Number(s.replace('#', '')) - 1;
    if (i >= 0 && i < this.names.length) this.select(i);
  }

  // ---- views and time ----

  private syncCamera(from: DesignView, to: DesignView | undefined): void {
    if (!to || this.syncingCamera) return;
    this.syncingCamera = true;
    to.view.camera.position.copy(from.view.camera.position);
    to.view.camera.up.copy(from.view.camera.up);
    to.view.controls.target.copy(from.view.controls.target);
    to.view.controls.update();
    to.requestRender();
    this.syncingCamera = false;
  }

  private togglePlay(): void {
    if (this.clock.playing) this.clock.pause();
    else this.clock.play();
    this.lastNow = performance.now();
  }

  private onKey(e: KeyboardEvent): void {
    const t = e.target as HTMLElement | null;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
    if (e.key === ' ') {
      e.preventDefault();
      this.togglePlay();
    } else if (e.key === 'Home') {
      this.clock.jumpToStart();
    } else if (e.key === ']' || e.key === '[') {
      const steps = WARP_STEPS;
      const k = steps.findIndex((w) => w >= this.clock.warp);
      const next = steps[Math.max(0, Math.min(steps.length - 1, (k < 0 ? steps.length - 1 : k) + (e.key === ']' ? 1 : -1)))];
      this.clock.warp = next;
      this.timebar.setWarp(next);
    }
  }
}
