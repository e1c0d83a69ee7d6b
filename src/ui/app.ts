/**
 * The application controller: wires the parameter panel, the two engine
 * workers, the sim clock, the 3D view, the charts, KPIs and the inspector.
 * The main thread never propagates: positions come from the live worker and
 * analysis results from the analysis worker, both tagged with the sequence
 * number of the scenario they belong to.
 */
import type * as THREE from 'three';
import { findPreset, PRESETS, DEFAULT_PRESET } from '../engine/input/presets';
import { parseScenario, parseScenarioJson, type Scenario, type ScenarioIssue } from '../engine/input/scenario';
import { parseUtcMs } from '../engine/core/time';
import { statusRow, type AnalysisResult, type LiveScenarioInfo, type SelectedState } from '../../workers/protocol';
import { SceneView } from '../view/SceneView';
import { AnalysisClient, type AnalysisRemote, type AnalysisStatus } from './analysis-client';
import { ChartPanel } from './charts';
import { SimClock, WARP_STEPS } from './clock';
import { cloneJson } from './draft';
import { EXAMPLE_OMM, EXAMPLE_TLE } from './fields';
import { Inspector } from './inspector';
import { KpiPanel } from './kpis';
import { Legend } from './legend';
import { LiveClient, type ClockModel, type LiveRemote } from './live-client';
import { ParameterPanel, type PresetOption } from './panel';
import type { SideView } from './side-view';
import { viewLabel } from './side-view';
import type { ChartImage, ViewImage } from './snapshot';
import { Timebar } from './timebar';
import { walkerSplit, type AppParams } from './url-params';

export interface AppDom {
  panel: HTMLElement;
  view: HTMLElement;
  timebar: HTMLElement;
  charts: HTMLElement;
  kpis: HTMLElement;
  status: HTMLElement;
  progress: HTMLElement;
  satelliteCount: HTMLElement;
  scenarioName: HTMLElement;
  runInfo: HTMLElement;
}

/** What the design session hears from the app about the active design. */
export interface AppHooks {
  /** A valid scenario for the active design is now being analysed as `seq`. */
  onActiveScenario(scenario: Scenario, seq: number, draft: Record<string, unknown>): void;
  /** The active design's draft is invalid (the last run and view stay). */
  onActiveInvalid(draft: Record<string, unknown>): void;
  onActiveStatus(status: AnalysisStatus): void;
  onActiveResult(result: AnalysisResult): void;
  onLiveInfo(info: LiveScenarioInfo, scenario: Scenario): void;
  /** A problem with the draft's name (e.g. another design has it), or undefined. */
  checkName(name: unknown): string | undefined;
}

export interface AppDeps {
  analysis: AnalysisRemote;
  live: LiveRemote;
  dayMap: THREE.Texture;
  /** Sequence numbers unique across the page (runs of every design share the worker pool). */
  nextSeq?: () => number;
  hooks?: Partial<AppHooks>;
}

export type AppMode = 'design' | 'compare' | 'sweep';

const EXAMPLES: Record<string, { title: string; scenario: Record<string, unknown> }> = {
  'example-tle': {
    title: 'Example: imported TLEs (ISS, CBERS 2; June 2006)',
    scenario: {
      name: 'Imported TLE example',
      startUtc: '2006-06-20T00:00:00Z',
      durationHours: 24,
      stepSeconds: 60,
      constellation: { type: 'tle', text: EXAMPLE_TLE },
    },
  },
  'example-omm': {
    title: 'Example: imported OMM (ISS; June 2006)',
    scenario: {
      name: 'Imported OMM example',
      startUtc: '2006-06-20T00:00:00Z',
      durationHours: 24,
      stepSeconds: 60,
      constellation: { type: 'omm', records: EXAMPLE_OMM },
    },
  },
};

/** Element-set designs whose text or records take several MB to copy to a worker. */
export function isLargeScenario(s: Scenario): boolean {
  const c = s.constellation;
  return (c.type === 'tle' && c.text.length > 500_000) || (c.type === 'omm' && c.records.length > 3000);
}

export function presetOptions(): PresetOption[] {
  return [
    ...PRESETS.map((p) => ({ value: p.name, label: p.title, source: `${p.source} (shared/reference/PHYSICS.md)` })),
    ...Object.entries(EXAMPLES).map(([value, e]) => ({
      value,
      label: e.title,
      source: 'Element sets from Vallado’s SGP4 verification data (June 2006); start set near their epochs.',
    })),
  ];
}

/** The normalised scenario (defaults filled) of a preset or example, as an editable draft. */
export function presetDraft(value: string): Record<string, unknown> | undefined {
  const raw = findPreset(value)?.scenario ?? EXAMPLES[value]?.scenario;
  if (!raw) return undefined;
  const r = parseScenario(raw);
  return r.ok ? (cloneJson(r.scenario) as unknown as Record<string, unknown>) : (cloneJson(raw) as Record<string, unknown>);
}

/** The draft the app opens with, from URL parameters (?preset, ?n). */
export function initialDraft(params: AppParams): { draft: Record<string, unknown>; preset: string } {
  const preset = params.preset && presetDraft(params.preset) ? params.preset : DEFAULT_PRESET;
  const draft = presetDraft(preset)!;
  if (params.n !== undefined) {
    const { planes, satellitesPerPlane } = walkerSplit(params.n);
    const c = draft.constellation as Record<string, unknown>;
    draft.constellation = {
      type: 'walker',
      pattern: 'delta',
      altitudeKm: typeof c.altitudeKm === 'number' ? c.altitudeKm : 550,
      inclinationDeg: c.type === 'walker' && typeof c.inclinationDeg === 'number' ? c.inclinationDeg : 53,
      planes,
      satellitesPerPlane,
      phasing: planes > 1 ? 1 : 0,
      firstRaanDeg: 0,
    };
    draft.name = `Generated Walker ${planes} × ${satellitesPerPlane}`;
    return { draft, preset: 'custom' };
  }
  return { draft, preset };
}

export class App {
  readonly clock = new SimClock();
  readonly view: SceneView;
  private readonly panel: ParameterPanel;
  private readonly analysis: AnalysisClient;
  private readonly live: LiveClient;
  private readonly charts: ChartPanel;
  private readonly kpis: KpiPanel;
  private readonly inspector: Inspector;
  private readonly timebar: Timebar;
  private readonly legend: Legend;

  private scenarioSeq = 0;
  private scenario: Scenario | undefined;
  /** Seq whose satellites the view currently shows. */
  private viewSeq = -1;
  private names: string[] = [];
  private ids: string[] = [];
  private result: AnalysisResult | undefined;
  private selected = -1;
  private lastSelectedState: SelectedState | null = null;
  private frameTimeMs = Number.NaN;
  private statusStep = -2;
  private needFrame = true;
  private needRender = true;
  private cameraPlaced = false;
  private lastNow = 0;
  private lastInspectorMs = 0;
  private trackTimeMs = Number.NaN;
  private trackBusy = false;
  private pointer: { x: number; y: number; id: number } | undefined;
  private rafId = 0;
  private readonly hooks: Partial<AppHooks>;
  private readonly nextSeq: () => number;
  private side: SideView | null = null;
  private syncingCamera = false;
  private mode: AppMode = 'design';
  private readonly mainLabel: ReturnType<typeof viewLabel>;
  /** Called every frame with the sim time as hours from the start (compare charts' cursor). */
  onFrameTime: (elapsedHours: number) => void = () => {};

  constructor(
    private readonly dom: AppDom,
    deps: AppDeps,
    private readonly params: AppParams,
  ) {
    this.hooks = deps.hooks ?? {};
    let seq = 0;
    this.nextSeq = deps.nextSeq ?? (() => ++seq);
    this.view = new SceneView(dom.view, deps.dayMap);
    this.mainLabel = viewLabel(dom.view);
    this.mainLabel.root.hidden = true;
    this.view.controls.addEventListener('change', () => {
      this.needRender = true;
      this.syncCamera(this.view, this.side?.view);
    });
    this.legend = new Legend(dom.view, (v) => {
      this.view.setVisibility(v);
      if (v.orbit) this.trackTimeMs = Number.NaN;
      this.needRender = true;
    });
    this.inspector = new Inspector(dom.view, {
      onFind: (q) => this.findSatellite(q),
      onClose: () => this.select(-1),
    });
    this.timebar = new Timebar(dom.timebar, {
      onPlayToggle: () => this.togglePlay(),
      onJumpStart: () => {
        this.clock.jumpToStart();
        this.needFrame = true;
      },
      onWarp: (w) => {
        this.clock.warp = w;
      },
      onSeek: (t) => {
        this.clock.seek(t);
        this.needFrame = true;
      },
    });
    this.charts = new ChartPanel(dom.charts, {
      onSeek: (t) => {
        this.clock.seek(t);
        this.needFrame = true;
      },
    });
    this.kpis = new KpiPanel(dom.kpis);
    this.panel = new ParameterPanel(dom.panel, presetOptions(), {
      onChange: (d) => this.applyDraft(d, false),
      onPreset: (v) => {
        const d = presetDraft(v);
        if (!d) return;
        this.panel.load(d, v);
        this.applyDraft(this.panel.value, true);
      },
      onImport: (text, fileName) => {
        const r = parseScenarioJson(text);
        if (!r.ok) {
          this.panel.showIssues(r.issues.map((i) => ({ path: i.path, message: `${fileName}: ${i.message}` })));
          return;
        }
        // Keep the design's name (another design may have the file's).
        const draft = cloneJson(r.scenario) as unknown as Record<string, unknown>;
        if (this.hooks.checkName?.(draft.name)) draft.name = this.panel.value.name;
        this.panel.load(draft, 'custom');
        this.applyDraft(this.panel.value, true);
      },
      currentScenario: () => {
        const r = parseScenario(this.panel.value);
        return r.ok ? r.scenario : undefined;
      },
    });
    this.analysis = new AnalysisClient(deps.analysis, {
      onStatus: (s) => {
        this.showStatus(s);
        this.hooks.onActiveStatus?.(s);
      },
      onResult: (r) => this.onResult(r),
    });
    this.live = new LiveClient(deps.live);
    this.live.onError = (e) => console.warn('live worker:', e);

    this.view.renderer.domElement.addEventListener('pointerdown', (e) => {
      this.pointer = { x: e.clientX, y: e.clientY, id: e.pointerId };
    });
    this.view.renderer.domElement.addEventListener('pointerup', (e) => {
      const p = this.pointer;
      this.pointer = undefined;
      if (!p || p.id !== e.pointerId || Math.hypot(e.clientX - p.x, e.clientY - p.y) > 5) return;
      const i = this.view.pick(e.clientX, e.clientY);
      if (i >= 0 || this.selected >= 0) this.select(i);
    });
    window.addEventListener('keydown', (e) => this.onKey(e));
  }

  /** Loads the initial scenario (a design's, or from the URL parameters) and starts the frame loop. */
  start(initial?: { draft: Record<string, unknown>; preset: string }): void {
    const { draft, preset } = initial ?? initialDraft(this.params);
    this.panel.load(draft, preset);
    if (this.params.warp !== undefined) this.clock.warp = this.params.warp;
    this.timebar.setWarp(this.clock.warp);
    if (this.params.play) this.clock.playing = true;
    this.applyDraft(this.panel.value, true);
    this.lastNow = performance.now();
    this.rafId = requestAnimationFrame(this.frame);
  }

  /** Redraws the view on the next frame (e.g. after a texture loaded). */
  requestRender(): void {
    this.needRender = true;
    this.side?.requestRender();
  }

  /** Shows another design: its draft goes to the panel (edited in place when `owned`) and is analysed at once. */
  loadDesign(draft: Record<string, unknown>, preset: string, owned = false): void {
    this.panel.load(draft, preset, owned);
    this.applyDraft(this.panel.value, true);
  }

  /** The draft object the panel edits (the active design's). */
  get draft(): Record<string, unknown> {
    return this.panel.value;
  }

  /** Renames the active design without re-running it (the name does not change any output). */
  renameActive(name: string): void {
    this.panel.setFieldValue('name', name);
    if (this.scenario) this.scenario = { ...this.scenario, name };
    this.dom.scenarioName.textContent = name;
  }

  /** Shows a result computed earlier for the same inputs as the current scenario `seq`. */
  presentResult(r: AnalysisResult, seq: number): void {
    if (seq !== this.scenarioSeq) return;
    this.onResult({ ...r, seq }, false);
  }

  get currentSeq(): number {
    return this.scenarioSeq;
  }

  get currentScenario(): Scenario | undefined {
    return this.scenario;
  }

  get currentResult(): AnalysisResult | undefined {
    return this.result;
  }

  /** The view beside the main one (compare mode), or null. */
  setSide(side: SideView | null, label?: { name: string; colour: string }): void {
    this.side = side;
    this.mainLabel.root.hidden = !side;
    if (side && label) this.mainLabel.set(label.name, label.colour);
    if (side) {
      this.syncCamera(this.view, side.view);
      side.requestRender();
    }
    this.needRender = true;
  }

  setMode(mode: AppMode): void {
    this.mode = mode;
    this.needRender = true;
    this.side?.requestRender();
  }

  /** Renders and captures the 3D view(s) for a PNG (same task, so the WebGL buffers are intact). */
  captureViews(): ViewImage[] {
    this.view.render();
    const out: ViewImage[] = [{ canvas: this.view.renderer.domElement, label: this.side ? (this.scenario?.name ?? '') : '', colour: this.mainColour }];
    if (this.side) {
      this.side.view.render();
      out.push({ canvas: this.side.view.renderer.domElement, label: this.side.container.querySelector('.view-label span:last-child')?.textContent ?? '', colour: this.sideColour });
    }
    return out;
  }

  private mainColour = '#4cc2ff';
  private sideColour = '#ff9e3d';

  setViewColours(main: string, side: string): void {
    this.mainColour = main;
    this.sideColour = side;
  }

  chartImages(): ChartImage[] {
    return this.charts.snapshot();
  }

  private syncCamera(from: SceneView, to: SceneView | undefined): void {
    if (!to || this.syncingCamera) return;
    this.syncingCamera = true;
    to.camera.position.copy(from.camera.position);
    to.camera.up.copy(from.camera.up);
    to.controls.target.copy(from.controls.target);
    to.controls.update();
    this.syncingCamera = false;
  }

  /** Keeps the side view's camera in step when the user turns it. */
  linkSideCamera(side: SideView): void {
    side.view.controls.addEventListener('change', () => {
      if (this.side !== side) return;
      this.syncCamera(side.view, this.view);
      this.needRender = true;
    });
  }

  /** Shows a worker failure in the analysis status. */
  workerFailed(which: string, message: string): void {
    this.showStatus({ state: 'error', message: `${which} worker: ${message}` });
  }

  /** Seeks the clock to `elapsedMs` from the start. */
  seekElapsed(elapsedMs: number): void {
    this.clock.seek(this.clock.startMs + elapsedMs);
    this.needFrame = true;
  }

  stop(): void {
    cancelAnimationFrame(this.rafId);
    this.analysis.dispose();
    this.charts.dispose();
    this.view.dispose();
  }

  // ---- scenario ----

  private applyDraft(draft: Record<string, unknown>, immediate: boolean): void {
    const local = this.panel.pendingLocalIssues();
    const r = parseScenario(draft);
    const issues: ScenarioIssue[] = r.ok ? [] : r.issues.slice();
    const nameIssue = this.hooks.checkName?.(draft.name);
    if (nameIssue) issues.push({ path: 'name', message: nameIssue });
    this.panel.showIssues(issues);
    if (!r.ok || local.length > 0 || nameIssue) {
      this.hooks.onActiveInvalid?.(draft);
      return; // keep the current run and view
    }
    const scenario = r.scenario;
    const seq = this.nextSeq();
    this.scenarioSeq = seq;
    this.scenario = scenario;
    this.dom.scenarioName.textContent = scenario.name;
    const startMs = parseUtcMs(scenario.startUtc);
    const endMs = startMs + Math.round(scenario.durationHours * 3_600_000);
    this.clock.setHorizon(startMs, endMs);
    this.timebar.setHorizon(startMs, endMs, scenario.stepSeconds * 1000);
    this.kpis.setStale(true);
    if (immediate && isLargeScenario(scenario)) {
      // Multi-MB element sets: the copy to the worker pool gets a task of its own.
      setTimeout(() => {
        if (seq === this.scenarioSeq) this.analysis.schedule(scenario, seq, true);
      }, 0);
    } else this.analysis.schedule(scenario, seq, immediate);
    this.hooks.onActiveScenario?.(scenario, seq, draft);
    // The live worker gets the scenario in a task of its own (copying multi-MB element sets costs a few ms each).
    setTimeout(() => {
      if (seq === this.scenarioSeq) this.setLiveScenario(scenario, seq);
    }, 0);
  }

  private setLiveScenario(scenario: Scenario, seq: number): void {
    void this.live.setScenario(scenario, seq).then(
      (info) => {
        if (!info || info.seq !== this.scenarioSeq) return;
        this.hooks.onLiveInfo?.(info, scenario);
        this.viewSeq = info.seq;
        this.names = info.names;
        this.ids = info.names.map((_, i) => String(i + 1));
        this.view.satellites.resize(info.count);
        // Smaller dots for large constellations, so the shell does not become a solid sphere.
        this.view.satellites.setPointSize(info.count <= 400 ? 7 : info.count <= 2000 ? 5 : info.count <= 5000 ? 4 : 3);
        this.view.stations.set(info.stationPos, info.stationNames);
        this.dom.satelliteCount.textContent = String(info.count);
        this.inspector.setNames(info.names);
        if (this.selected >= info.count) this.select(-1);
        else if (this.selected >= 0) this.select(this.selected);
        this.statusStep = -2;
        this.trackTimeMs = Number.NaN;
        this.needFrame = true;
      },
      (e: unknown) => this.showStatus({ state: 'error', message: `live view: ${e instanceof Error ? e.message : String(e)}` }),
    );
  }

  private onResult(r: AnalysisResult, fresh = true): void {
    if (r.seq !== this.scenarioSeq) return;
    if (fresh) this.hooks.onActiveResult?.(r);
    this.result = r;
    this.ids = r.satelliteIds;
    this.kpis.set(r.kpis);
    this.charts.setSeries(r.series, r.stepMs, r.chart);
    this.statusStep = -2;
    const threads = r.geometryWorkers > 0 ? ` on ${r.geometryWorkers + 1} threads` : '';
    this.dom.runInfo.textContent = `${r.satelliteCount.toLocaleString('en-US')} satellites × ${r.steps.toLocaleString('en-US')} steps in ${(r.elapsedMs / 1000).toFixed(1)} s${threads}`;
    // Hooks: geometry sub-workers the run used; steps between recorded status rows (view colours).
    this.dom.runInfo.dataset.geometryWorkers = String(r.geometryWorkers);
    this.dom.runInfo.dataset.statusEvery = String(r.statusEvery);
    this.dom.runInfo.title = r.statusEvery > 1 ? `Satellite colours in the view are recorded every ${r.statusEvery} steps (long horizon: bounded memory).` : '';
    if (r.elementErrors.length) this.dom.runInfo.textContent += ` · ${r.elementErrors.length} element-set record(s) skipped`;
    if (this.selected >= 0 && this.selected < r.satelliteCount) this.select(this.selected);
    else this.inspector.setResult(r);
    if (Number.isFinite(this.frameTimeMs)) this.updateStatusColours(this.frameTimeMs);
    this.needRender = true;
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

  private select(i: number): void {
    this.selected = i;
    this.view.satellites.setSelected(i);
    this.inspector.select(i, this.names[i] ?? '', this.result?.seq === this.viewSeq ? (this.ids[i] ?? '') : '', this.result?.seq === this.viewSeq ? this.result : undefined);
    this.lastSelectedState = null;
    this.trackTimeMs = Number.NaN;
    if (i < 0) this.view.setTrack(null);
    else this.requestDetail(i);
    this.needFrame = true;
    this.needRender = true;
  }

  private requestDetail(i: number): void {
    const r = this.result;
    if (!r || r.seq !== this.viewSeq) return;
    this.analysis.detail(r.seq, i).then(
      (d) => {
        if (d && d.index === this.selected && this.result?.seq === d.seq) this.inspector.setDetail(d);
      },
      (e: unknown) => console.warn('detail:', e),
    );
  }

  private findSatellite(q: string): void {
    const s = q.trim().toLowerCase();
    if (!s) return;
    let i = this.names.findIndex((n) => n.toLowerCase() === s);
    if (i < 0) i = this.names.findIndex((n) => n.toLowerCase().startsWith(s));
    if (i < 0 && /^#?\d+$/.test(s)) i = Number(s.replace('#', '')) - 1;
    if (i >= 0 && i < this.names.length) this.select(i);
  }

  // ---- time ----

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
      this.needFrame = true;
    } else if (e.key === ']' || e.key === '[') {
      const steps = WARP_STEPS;
      const k = steps.findIndex((w) => w >= this.clock.warp);
      const next = steps[Math.max(0, Math.min(steps.length - 1, (k < 0 ? steps.length - 1 : k) + (e.key === ']' ? 1 : -1)))];
      this.clock.warp = next;
      this.timebar.setWarp(next);
    }
  }

  // ---- frame loop ----

  private readonly frame = (now: number): void => {
    this.rafId = requestAnimationFrame(this.frame);
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
    const arrived = this.live.update(m, this.selected);
    if (arrived || this.needFrame || t !== this.frameTimeMs) this.showLive(t, arrived);

    if (this.mode !== 'sweep') {
      if (this.view.controls.update() || this.view.takeResized()) this.needRender = true;
      if (this.needRender) {
        this.needRender = false;
        this.view.render();
      }
      this.side?.tick(t - this.clock.startMs, m);
    }
    this.timebar.update(this.clock);
    if (this.mode === 'design') this.charts.setCursor(t);
    else if (this.mode === 'compare') this.onFrameTime((t - this.clock.startMs) / 3_600_000);
    if (this.selected >= 0 && now - this.lastInspectorMs > 200) {
      this.lastInspectorMs = now;
      this.inspector.update(Number.isFinite(this.frameTimeMs) ? this.frameTimeMs : t, this.lastSelectedState);
    }
  };

  /** The clock as handed to the live worker each frame (one object, updated in place). */
  private readonly liveClock: ClockModel = { timeMs: 0, wallMs: 0, warp: 1, playing: false, startMs: 0, endMs: 0, epoch: 0 };

  /** Draws the live instants at sim time `t`. */
  private showLive(t: number, arrived: boolean): void {
    if (this.live.currentSeq !== this.viewSeq) return;
    const v = this.live.view(t);
    if (!v || v.b.pos.length !== 3 * this.view.satellites.count) return;
    this.needFrame = false;
    this.view.showLive(v, t);
    this.frameTimeMs = t;
    const near = v.u < 0.5 ? v.a : v.b;
    this.lastSelectedState = near.selected;
    this.updateStatusColours(t);
    if (!this.cameraPlaced) {
      this.cameraPlaced = true;
      this.view.placeCamera(near.sunDir, -0.95, 0.42, 4.4);
    }
    if (arrived && this.selected >= 0 && !this.trackBusy && !(Math.abs(t - this.trackTimeMs) < 10 * 60_000)) {
      this.trackBusy = true;
      const sel = this.selected;
      const seq = this.viewSeq;
      this.trackTimeMs = t;
      this.live.track(sel, t, 240).then(
        (pts) => {
          this.trackBusy = false;
          if (sel === this.selected && seq === this.viewSeq) {
            this.view.setTrack(pts);
            this.needRender = true;
          }
        },
        () => {
          this.trackBusy = false;
        },
      );
    }
    this.needRender = true;
  }

  private updateStatusColours(timeMs: number): void {
    const r = this.result;
    const row = r && r.seq === this.viewSeq && r.satelliteCount === this.view.satellites.count ? statusRow(r, timeMs) : -1;
    if (row < 0) {
      if (this.statusStep !== -1) {
        this.statusStep = -1;
        this.view.satellites.setStatus(null);
      }
      return;
    }
    if (row === this.statusStep) return;
    this.statusStep = row;
    const N = r!.satelliteCount;
    this.view.satellites.setStatus(r!.statusCodes.subarray(row * N, (row + 1) * N));
  }
}
