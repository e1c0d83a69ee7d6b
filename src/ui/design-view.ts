/**
 * One 3D view of a design: its own scene and live worker, the satellites
 * drawn between the worker's instants, coloured by the design's analysis
 * status codes, and a name label. The main view and the side-by-side view of
 * the comparison are both one: each follows the page's clock as elapsed time
 * from its own design's start (so two designs with different epochs stay in
 * step). The selected satellite (main view) gets its orbit track.
 */
import type * as THREE from 'three';
import type { Scenario } from '../engine/input/scenario';
import { runGrid } from '../engine/orbit/run-grid';
import { statusRow, type AnalysisResult, type LiveScenarioInfo, type SelectedState } from '../../workers/protocol';
import { SceneView } from '../view/SceneView';
import { el } from './dom';
import { LiveClient, type ClockModel, type LiveRemote } from './live-client';
import { Signal } from './signal';

type StatusSource = Pick<AnalysisResult, 'statusCodes' | 'statusEvery' | 'startMs' | 'stepMs' | 'steps' | 'satelliteCount'>;

/** A new track is requested when the shown time is this far from the last one's (ms). */
const TRACK_REFRESH_MS = 10 * 60_000;
const TRACK_SAMPLES = 240;

/** Point size (px) by satellite count: smaller dots for large constellations, so a shell does not become a solid sphere. */
export function pointSizeFor(count: number): number {
  return count <= 400 ? 7 : count <= 2000 ? 5 : count <= 5000 ? 4 : 3;
}

/** The name label over a view (hook: .view-label; the name is the last span). */
export function viewLabel(parent: HTMLElement): { root: HTMLElement; set(name: string, colour: string): void } {
  const root = el('div', 'view-label overlay');
  const sw = el('span', 'swatch');
  const t = el('span');
  root.append(sw, t);
  parent.append(root);
  return {
    root,
    set(name: string, colour: string) {
      t.textContent = name;
      sw.style.background = colour;
    },
  };
}

export interface DesignViewOptions {
  /** Place the camera from the first instant's Sun direction (the main view; the side view follows it). */
  placeCamera?: boolean;
}

export class DesignView {
  readonly view: SceneView;
  readonly label: ReturnType<typeof viewLabel>;
  /** The live worker built the shown design's satellites. */
  readonly liveInfo = new Signal<{ info: LiveScenarioInfo; scenario: Scenario; key: unknown }>();
  readonly errors = new Signal<string>();
  private readonly live: LiveClient;
  /** Live worker sequence of the last design sent, and of the one shown. */
  private liveSeq = 0;
  private shownSeq = -1;
  /** Key of the design sent to the live worker, and of the one shown. */
  private key: unknown = undefined;
  private shownKey: unknown = undefined;
  private startMs = 0;
  private endMs = 0;
  private status: StatusSource | undefined;
  private statusKey: unknown = undefined;
  private statusStep = -2;
  private needFrame = true;
  private needRender = true;
  private cameraPlaced = false;
  private selectedIndex = -1;
  private trackTimeMs = Number.NaN;
  private trackBusy = false;
  /** Sim time of the instants drawn last (NaN before the first). */
  frameTimeMs = Number.NaN;
  /** The selected satellite's state in the instant nearest the drawn time. */
  selectedState: SelectedState | null = null;
  private readonly clock: ClockModel = { timeMs: 0, wallMs: 0, warp: 1, playing: false, startMs: 0, endMs: 0, epoch: 0 };

  constructor(
    readonly container: HTMLElement,
    dayMap: THREE.Texture,
    live: LiveRemote,
    private readonly options: DesignViewOptions = {},
  ) {
    this.view = new SceneView(container, dayMap);
    this.view.controls.addEventListener('change', () => {
      this.needRender = true;
    });
    this.live = new LiveClient(live);
    this.live.onError = (e) => this.errors.emit(e instanceof Error ? e.message : String(e));
    this.label = viewLabel(container);
  }

  /** The design shown (`key` names it: the same key again is no reload). The live worker gets it in a task of its own. */
  setDesign(scenario: Scenario, key: unknown): void {
    if (key === this.key) return;
    this.key = key;
    const g = runGrid(scenario);
    this.startMs = g.startMs;
    this.endMs = g.endMs;
    // Copying multi-MB element sets to the worker costs a few ms each: not in the caller's task.
    setTimeout(() => {
      if (key === this.key) this.sendDesign(scenario, key);
    }, 0);
  }

  private sendDesign(scenario: Scenario, key: unknown): void {
    const seq = ++this.liveSeq;
    void this.live.setScenario(scenario, seq).then(
      (info) => {
        if (!info || info.seq !== this.liveSeq) return;
        this.shownSeq = info.seq;
        this.shownKey = key;
        this.view.satellites.resize(info.count);
        this.view.satellites.setPointSize(pointSizeFor(info.count));
        this.view.stations.set(info.stationPos, info.stationNames);
        this.statusStep = -2;
        this.trackTimeMs = Number.NaN;
        this.needFrame = true;
        this.liveInfo.emit({ info, scenario, key });
      },
      (e: unknown) => this.errors.emit(e instanceof Error ? e.message : String(e)),
    );
  }

  /** Key of the design whose satellites are shown. */
  get shownDesign(): unknown {
    return this.shownKey;
  }

  /** Analysis of design `key` (status colours; shown while that design is), or undefined. */
  setResult(r: StatusSource | undefined, key: unknown): void {
    if (r === this.status && key === this.statusKey) return;
    this.status = r;
    this.statusKey = key;
    this.statusStep = -2;
    this.needFrame = true;
    this.needRender = true;
  }

  /** Selects satellite `i` (-1: none): highlighted, its state reported and its orbit track drawn. */
  select(i: number): void {
    this.selectedIndex = i;
    this.view.satellites.setSelected(i);
    this.selectedState = null;
    this.trackTimeMs = Number.NaN;
    if (i < 0) this.view.setTrack(null);
    this.needFrame = true;
    this.needRender = true;
  }

  /** Draws a new orbit track at the next instant (e.g. the track was switched on). */
  refreshTrack(): void {
    this.trackTimeMs = Number.NaN;
    this.needRender = true;
  }

  requestRender(): void {
    this.needRender = true;
  }

  /** Per frame: follow the page's clock `main` (as elapsed time from its start) and render when needed. */
  tick(main: ClockModel): void {
    const t = Math.min(this.endMs, Math.max(this.startMs, this.startMs + (main.timeMs - main.startMs)));
    const m = this.clock;
    m.timeMs = t;
    m.wallMs = main.wallMs;
    m.warp = main.warp;
    m.playing = main.playing && t < this.endMs;
    m.startMs = this.startMs;
    m.endMs = this.endMs;
    m.epoch = main.epoch;
    const arrived = this.live.update(m, this.selectedIndex);
    if (arrived || this.needFrame || t !== this.frameTimeMs) this.show(t, arrived);
    if (this.view.controls.update() || this.view.takeResized()) this.needRender = true;
    if (this.needRender) {
      this.needRender = false;
      this.view.render();
    }
  }

  private show(t: number, arrived: boolean): void {
    if (this.live.currentSeq !== this.shownSeq) return;
    const v = this.live.view(t);
    if (!v || v.b.pos.length !== 3 * this.view.satellites.count) return;
    this.needFrame = false;
    this.frameTimeMs = t;
    this.view.showLive(v, t);
    const near = v.u < 0.5 ? v.a : v.b;
    this.selectedState = near.selected;
    this.updateStatus(t);
    if (this.options.placeCamera && !this.cameraPlaced) {
      this.cameraPlaced = true;
      this.view.placeCamera(near.sunDir, -0.95, 0.42, 4.4);
    }
    if (arrived && this.selectedIndex >= 0 && !this.trackBusy && !(Math.abs(t - this.trackTimeMs) < TRACK_REFRESH_MS)) this.requestTrack(t);
    this.needRender = true;
  }

  private requestTrack(t: number): void {
    this.trackBusy = true;
    const sel = this.selectedIndex;
    const seq = this.shownSeq;
    this.trackTimeMs = t;
    this.live.track(sel, t, TRACK_SAMPLES).then(
      (pts) => {
        this.trackBusy = false;
        if (sel === this.selectedIndex && seq === this.shownSeq) {
          this.view.setTrack(pts);
          this.needRender = true;
        }
      },
      () => {
        this.trackBusy = false;
      },
    );
  }

  /** Status colours of the drawn time, from the result of the shown design. */
  private updateStatus(timeMs: number): void {
    const r = this.status;
    const N = this.view.satellites.count;
    const row = r && this.statusKey === this.shownKey && r.satelliteCount === N ? statusRow(r, timeMs) : -1;
    if (!r || row < 0) {
      if (this.statusStep !== -1) {
        this.statusStep = -1;
        this.view.satellites.setStatus(null);
      }
      return;
    }
    if (row === this.statusStep) return;
    this.statusStep = row;
    this.view.satellites.setStatus(r.statusCodes.subarray(row * N, (row + 1) * N));
  }

  /** Re-applies the status colours now (a result arrived). */
  refreshStatus(): void {
    if (Number.isFinite(this.frameTimeMs)) this.updateStatus(this.frameTimeMs);
    this.needRender = true;
  }

  dispose(): void {
    this.view.dispose();
  }
}
