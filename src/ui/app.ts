/**
 * The design page: the parameter panel, the sim clock and time bar, the 3D
 * view of the active design (and, when comparing, the view of another one
 * beside it), the charts, KPIs and the inspector. It edits and shows the
 * active design (active-design.ts): edits go down to it, its changes come
 * back through its signals. The session (workbench.ts) drives the page; the
 * page never calls the session. The main thread never propagates: positions
 * come from the live workers and results from the analysis workers.
 */
import type { EarthImagery } from '../view/EarthView';
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
import { exposeLiveTuningDiagnostics, markIntermediate } from './live-tuning';
import type { ClockModel, LiveRemote } from './live-client';
import { ParameterPanel } from './panel';
import type { ChartImage, ViewImage } from './snapshot';
import { Shortcuts } from './shortcuts';
import { Timebar } from './timebar';
import { AlertsView, alertEdit } from './alerts-view';
import { LowerPanel } from './lower-tabs';
import { toast } from './toasts';
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
  imagery: EarthImagery;
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
  private readonly legend: Legend;
  private readonly timebar: Timebar;
  /** Map, timeline and pass table under the view (with the charts), and the run's alerts. */
  private readonly lower: LowerPanel;
  private readonly alerts: AlertsView;
  private epochMs: ArrayLike<number> = [];
  private names: string[] = [];
  private ids: string[] = [];
  private selected = -1;
  /** The draft is invalid: the results shown are of its last valid version (marked stale). */
  private inputInvalid = false;
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
    this.main = new DesignView(dom.view, deps.imagery, deps.live, { placeCamera: true });
    this.main.label.root.hidden = true;
    this.main.errors.on((m) => console.warn('live worker:', m));
    this.main.onWake = () => this.onWake?.();
    this.main.followChanged.on(({ following, frame }) => this.inspector?.setFollowing(following, frame));
    this.main.liveInfo.on(({ info }) => {
      this.names = info.names;
      this.ids = info.names.map((_, i) => String(i + 1));
      this.dom.satelliteCount.textContent = String(info.count);
      this.inspector.setNames(info.names);
      this.lower.setLiveInfo(info);
      this.legend.setIslRates(info.islRates);
      this.epochMs = info.epochMs;
      this.select(this.selected >= info.count ? -1 : this.selected);
    });
    this.view.controls.addEventListener('change', () => this.syncCamera(this.main, this.side));
    this.legend = new Legend(dom.view, (v) => {
      this.view.setVisibility(v);
      if (v.orbit || v.groundTrack) this.main.refreshTrack();
      this.main.requestRender();
    });
    this.inspector = new Inspector(dom.view, {
      onFind: (q) => this.findSatellite(q),
      onClose: () => this.select(-1),
      onFollow: (on) => this.setFollow(on),
      onLvlh: (on) => this.setFollowFrame(on ? 'lvlh' : 'inertial'),
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
    this.lower = new LowerPanel(dom.charts, {
      onSelect: (i) => this.select(i),
      onSeek: (t) => this.clock.seek(t),
      groundTrack: (i, t, n, p) => deps.live.groundTrack?.(i, t, n, p) ?? Promise.resolve(null),
      liveView: () => this.main.drawnInstants,
    });
    this.alerts = new AlertsView(dom.view.closest<HTMLElement>('.center') ?? dom.view.parentElement!, {
      onSelect: (i) => this.select(i),
      onAction: (a) => {
        const e = alertEdit(a, active.scenario, this.epochMs);
        if (!e) return;
        this.panel.setFieldValue(e.path, e.value);
        active.edit(this.panel.value, true, this.panel.pendingLocalIssues());
      },
    });
    this.kpis = new KpiPanel(dom.kpis);
    this.economics = new EconomicsView(dom.kpis);
    this.panel = new ParameterPanel(dom.panel, presetOptions(), {
      onChange: (d) => active.edit(d, false, this.panel.pendingLocalIssues()),
      onLive: (d) => active.editLive(d, this.panel.pendingLocalIssues()),
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
      this.setInputInvalid(false);
      this.kpis.setStale(true);
      this.lower.setStale(true);
      this.alerts.setStale(true);
      this.main.setDesign(scenario, seq);
    });
    active.invalid.on(() => this.setInputInvalid(true));
    active.statusChanged.on((s) => this.showStatus(s));
    active.resultChanged.on(({ result, intermediate }) => {
      this.showResult(result);
      markIntermediate(this.dom.runInfo, intermediate === true);
    });
    if (params.diagnostics) exposeLiveTuningDiagnostics(() => active.analysisCounters);
    // Whatever the active design announces is drawn in the next frames.
    for (const sig of [active.statusChanged, active.resultChanged, active.scenarioChanged, active.loaded, active.checked]) sig.on(() => this.onWake?.());
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
    new Shortcuts(this.timebar.root, {
      togglePlay: () => this.togglePlay(),
      jumpStart: () => this.clock.jumpToStart(),
      warpStep: (dir) => this.warpStep(dir),
      toggleFollow: () => this.setFollow(!this.main.following),
      toggleFrame: () => this.setFollowFrame(this.main.followFrame === 'lvlh' ? 'inertial' : 'lvlh'),
      escape: () => (this.main.following ? this.setFollow(false) : this.select(-1)),
      toggleLegend: () => this.legend.setCollapsed(!this.legend.collapsed),
      toggleInspector: () => this.inspector.setCollapsed(!this.inspector.collapsed),
      toggleGroundTrack: () => this.legend.setLayer('groundTrack', !this.legend.visibility.groundTrack),
      toggleFootprint: () => this.legend.setLayer('footprint', !this.legend.visibility.footprint),
      zoom: (f) => {
        this.view.zoomBy(f);
        this.main.requestRender();
      },
    });
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
    this.onWake?.();
  }

  /** Set by the session: starts the page's frame loop again after it stopped (paused and still). */
  onWake: (() => void) | undefined;

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
      const side = new DesignView(this.dom.sideView, this.deps.imagery, this.deps.spawnSideLive());
      side.errors.on((m) => console.warn('side view:', m));
      side.onWake = () => this.onWake?.();
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
    this.lower.setVisible(mode === 'design');
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

  /**
   * One display frame at `now` (performance.now() scale): advances the
   * clock, draws the views and panels. True while more frames are needed
   * (playing, the camera moving, a view waiting for data): paused and still,
   * the page's frame loop stops until something changes (wake()).
   */
  tick(now: number): boolean {
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
    let busy = this.clock.playing;
    if (this.mode !== 'sweep') {
      if (this.main.tick(m)) busy = true;
      if (this.sideShown && this.side?.tick(m)) busy = true;
    }
    this.timebar.update(this.clock);
    if (this.mode === 'design') this.charts.setCursor(t);
    if (this.mode === 'design') this.lower.tick(t, now);
    if (this.selected >= 0 && now - this.lastInspectorMs > INSPECTOR_INTERVAL_MS) {
      this.lastInspectorMs = now;
      const ft = this.main.frameTimeMs;
      this.inspector.update(Number.isFinite(ft) ? ft : t, this.main.selectedState);
    }
    return busy;
  }

  stop(): void {
    this.active.dispose();
    this.charts.dispose();
    this.lower.dispose();
    this.economics.dispose();
    this.main.dispose();
    this.side?.dispose();
  }

  // ---- the active design's result ----

  private showResult(r: AnalysisResult): void {
    this.ids = r.satelliteIds;
    this.kpis.set(r.kpis);
    this.kpis.markPreview(r.previewKpis);
    if (this.inputInvalid) this.kpis.setStale(true, 'invalid');
    this.economics.set(r.economics, r.scenario);
    this.charts.setSeries(r.series, r.stepMs, r.chart);
    this.lower.setResult(r);
    this.alerts.set(r.alerts ?? [], r.satelliteNames);
    this.alerts.setStale(this.inputInvalid);
    this.main.setResult(r, r.seq);
    const threads = r.geometryReused ? ' (orbits reused: node model only)' : r.geometryWorkers > 0 ? ` on ${r.geometryWorkers + 1} threads` : '';
    this.dom.runInfo.textContent = `${r.satelliteCount.toLocaleString('en-US')} satellites × ${r.steps.toLocaleString('en-US')} steps in ${(r.elapsedMs / 1000).toFixed(1)} s${threads}`;
    this.dom.runInfo.dataset.geometryReused = r.geometryReused ? '1' : '0';
    this.dom.runInfo.dataset.elapsedMs = String(Math.round(r.elapsedMs));
    // Hooks: geometry sub-workers the run used; steps between recorded status rows (view colours).
    this.dom.runInfo.dataset.geometryWorkers = String(r.geometryWorkers);
    this.dom.runInfo.dataset.statusEvery = String(r.statusEvery);
    this.dom.runInfo.title = r.statusEvery > 1 ? `Satellite colours in the view are recorded every ${r.statusEvery} steps (long horizon: bounded memory).` : '';
    // Skipped element-set records are counted (records, not problems) and listed by the session's "failed" button.
    if (this.selected >= 0 && this.selected < r.satelliteCount) this.select(this.selected);
    else this.inspector.setResult(r);
  }

  /** Marks the results on screen as of the last valid input (status text, stale KPIs and charts) or clears the mark. */
  private setInputInvalid(on: boolean): void {
    if (on) this.kpis.setStale(true, 'invalid');
    if (on) this.alerts.setStale(true);
    if (on) this.lower.setStale(true);
    if (on === this.inputInvalid) return;
    this.inputInvalid = on;
    this.dom.charts.classList.toggle('stale', on);
    if (this.lastStatus) this.showStatus(this.lastStatus);
  }

  private lastStatus: AnalysisStatus | undefined;

  private showStatus(s: AnalysisStatus): void {
    this.lastStatus = s;
    const el = this.dom.status;
    const stale = this.inputInvalid && s.state !== 'error';
    const text = s.state === 'error' ? `error: ${s.message}` : stale ? 'input invalid — showing last valid result' : s.state;
    if (el.textContent !== text) el.textContent = text;
    el.dataset.state = stale ? 'stale' : s.state;
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

  /** Selects satellite `i` of the active design (-1: none), as a click in the view does. */
  selectSatellite(i: number): void {
    this.select(i);
  }

  /** Index of the selected satellite (-1: none). */
  get selectedIndex(): number {
    return this.selected;
  }

  /** Names of the shown design's satellites (empty until its live worker reported them). */
  get satelliteNames(): readonly string[] {
    return this.names;
  }

  private select(i: number): void {
    this.selected = i;
    this.main.select(i);
    const r = this.shownResult();
    this.inspector.select(i, this.names[i] ?? '', r ? (this.ids[i] ?? '') : '', r);
    this.lower.select(i);
    if (i < 0 || !r) this.charts.setSelected(null);
    this.inspector.setFollowing(this.main.following, this.main.followFrame);
    if (i >= 0 && r) {
      const progress = (f: number) => {
        if (this.selected === i && this.active.result?.seq === r.seq) this.inspector.setDetailProgress(f);
      };
      this.active.detail(r.seq, i, progress).then(
        (d) => {
          // The inspector refreshes in frames: run them (paused, the frame loop may be idle).
          this.onWake?.();
          if (this.selected === i) this.inspector.setDetailProgress(null);
          if (d && d.index === this.selected && this.active.result?.seq === d.seq) {
            this.inspector.setDetail(d);
            this.lower.setDetail(d);
            this.charts.setSelected({ name: this.names[i] ?? `#${i + 1}`, detail: d });
          }
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
    else {
      const what = q.trim().length > 60 ? `${q.trim().slice(0, 60)}…` : q.trim();
      toast(this.names.length ? `No satellite named “${what}” (nor a name starting so, nor a number 1–${this.names.length}).` : 'The satellites are still loading: try again in a moment.', { kind: 'warning', key: 'find-satellite', timeoutMs: 6000 });
    }
  }

  // ---- views and time ----

  private syncCamera(from: DesignView, to: DesignView | undefined): void {
    // A followed satellite is one design's: the other view keeps its own camera.
    if (!to || this.syncingCamera || from.following || to.following) return;
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

  /** One warp step up (+1) or down (−1). */
  private warpStep(dir: 1 | -1): void {
    const steps = WARP_STEPS;
    const k = steps.findIndex((w) => w >= this.clock.warp);
    const next = steps[Math.max(0, Math.min(steps.length - 1, (k < 0 ? steps.length - 1 : k) + dir))];
    this.clock.warp = next;
    this.timebar.setWarp(next);
  }

  /** Flies the camera to the selected satellite and follows it, or back to orbiting the Earth. */
  setFollow(on: boolean): void {
    if (on && this.selected < 0) {
      toast('Select a satellite first (click one in the view, or find it by name), then Follow.', { kind: 'info', key: 'follow', timeoutMs: 5000 });
      return;
    }
    this.main.setFollow(on);
    this.inspector.setFollowing(this.main.following, this.main.followFrame);
  }

  /** The followed view's frame: inertial axes or the satellite's LVLH frame. */
  setFollowFrame(frame: 'inertial' | 'lvlh'): void {
    this.main.setFollowFrame(frame);
    this.inspector.setFollowing(this.main.following, this.main.followFrame);
  }
}
