/**
 * One 3D view of a design: its own scene and live worker, the satellites
 * drawn between the worker's instants, coloured by the design's analysis
 * status codes, and a name label. The main view and the side-by-side view of
 * the comparison are both one: each follows the page's clock as elapsed time
 * from its own design's start (so two designs with different epochs stay in
 * step). The selected satellite (main view) gets its orbit track, ground
 * track (± one orbit) and coverage footprint; the camera can fly to it and
 * follow it (view/CameraRig.ts). Hovering a satellite or a station names it.
 */
import type { Scenario } from '../engine/input/scenario';
import { runGrid } from '../engine/orbit/run-grid';
import { statusRow, type AnalysisResult, type LiveScenarioInfo, type SelectedState } from '../../workers/protocol';
import type { EarthImagery } from '../view/EarthView';
import { satelliteStateLabel } from '../view/palette';
import { SceneView, type CameraState, type FollowFrame } from '../view/SceneView';
import { el } from './dom';
import './view.css';
import { LiveClient, type ClockModel, type LiveRemote, type LiveView } from './live-client';
import { Signal } from './signal';

type StatusSource = Pick<AnalysisResult, 'statusCodes' | 'statusEvery' | 'startMs' | 'stepMs' | 'steps' | 'satelliteCount'>;

/** A new track is requested when the shown time is this far from the last one's (ms). */
const TRACK_REFRESH_MS = 10 * 60_000;
const TRACK_SAMPLES = 240;
/** Ground track: ± one orbit (2 periods) in this many samples (≈16 s apart in LEO). */
const GROUND_TRACK_SAMPLES = 720;
const GROUND_TRACK_PERIODS = 2;
/** Hover picking at most this often (ms): a pick walks every satellite. */
const HOVER_INTERVAL_MS = 40;

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
  /** The camera started or stopped following, or changed its frame (also from a share link's camera). */
  readonly followChanged = new Signal<{ following: boolean; frame: FollowFrame }>();
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
  private groundBusy = false;
  private groundKey = -1;
  /** A camera state to apply once the design's satellites are shown (share links). */
  private pendingCamera: CameraState | undefined;
  private names: readonly string[] = [];
  private stationNames: readonly string[] = [];
  private readonly hoverLabel: HTMLElement;
  private hoverAt: { x: number; y: number } | undefined;
  private hoverTimer = 0;
  private lastHoverMs = 0;
  /** Sim time of the instants drawn last (NaN before the first). */
  frameTimeMs = Number.NaN;
  /** Called when something changed outside a frame (data arrived): the page's frame loop must run. */
  onWake: (() => void) | undefined;
  /** Time of the instant nearest the drawn time. */
  private shownInstantMs = Number.NaN;
  /** Since when (wall ms) the view waits for data (0: not waiting). */
  private waitStart = 0;
  /** The selected satellite's state in the instant nearest the drawn time. */
  selectedState: SelectedState | null = null;
  private readonly clock: ClockModel = { timeMs: 0, wallMs: 0, warp: 1, playing: false, startMs: 0, endMs: 0, epoch: 0 };

  constructor(
    readonly container: HTMLElement,
    imagery: EarthImagery,
    live: LiveRemote,
    private readonly options: DesignViewOptions = {},
  ) {
    this.view = new SceneView(container, imagery);
    this.view.controls.addEventListener('change', () => {
      this.needRender = true;
    });
    this.live = new LiveClient(live);
    this.live.onError = (e) => this.errors.emit(e instanceof Error ? e.message : String(e));
    this.label = viewLabel(container);
    this.hoverLabel = el('div', 'hover-label');
    this.hoverLabel.dataset.testid = 'hover-label';
    this.hoverLabel.hidden = true;
    container.append(this.hoverLabel);
    const canvas = this.view.renderer.domElement;
    canvas.addEventListener('pointermove', (e) => {
      if (e.buttons) return this.hideHover();
      this.hoverAt = { x: e.clientX, y: e.clientY };
      this.scheduleHover();
    });
    canvas.addEventListener('pointerleave', () => this.hideHover());
    canvas.addEventListener('pointerdown', () => this.hideHover());
    canvas.addEventListener('wheel', () => this.hideHover(), { passive: true });
  }

  // ---- hover labels ----

  private scheduleHover(): void {
    if (this.hoverTimer) return;
    const wait = Math.max(0, HOVER_INTERVAL_MS - (performance.now() - this.lastHoverMs));
    this.hoverTimer = window.setTimeout(() => {
      this.hoverTimer = 0;
      this.lastHoverMs = performance.now();
      this.updateHover();
    }, wait);
  }

  private hideHover(): void {
    this.hoverAt = undefined;
    this.hoverLabel.hidden = true;
    delete this.hoverLabel.dataset.kind;
  }

  /** Names what is under the pointer: a satellite (name and state) or a ground station. */
  private updateHover(): void {
    const at = this.hoverAt;
    if (!at) return;
    const h = this.view.hoverTarget(at.x, at.y);
    const box = this.hoverLabel;
    if (!h) {
      box.hidden = true;
      delete box.dataset.kind;
      return;
    }
    let title: string;
    let detail: string;
    if (h.kind === 'satellite') {
      const sats = this.view.satellites;
      title = this.names[h.index] ?? `#${h.index + 1}`;
      detail = satelliteStateLabel(sats.statusAt(h.index), sats.flagsAt(h.index));
    } else {
      title = this.stationNames[h.index] ?? `station ${h.index + 1}`;
      detail = 'ground station';
    }
    box.replaceChildren(el('strong', '', title), el('span', '', detail));
    box.dataset.kind = h.kind;
    box.dataset.index = String(h.index);
    const r = this.container.getBoundingClientRect();
    box.hidden = false;
    // Beside the cursor, kept inside the view.
    const x = Math.min(at.x - r.left + 14, r.width - box.offsetWidth - 4);
    const y = Math.min(at.y - r.top + 14, r.height - box.offsetHeight - 4);
    box.style.transform = `translate(${Math.max(4, x)}px, ${Math.max(4, y)}px)`;
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
        this.names = info.names;
        this.stationNames = info.stationNames;
        // Footprint for the lowest station elevation mask (10° when there are no stations).
        const masks = scenario.groundStations.map((g) => g.minElevationDeg).filter((x) => Number.isFinite(x));
        this.view.setFootprintElevation(masks.length ? Math.min(...masks) : 10);
        if (this.view.rig.follow >= info.count) {
          this.view.follow(-1);
          this.emitFollow();
        }
        this.groundKey = -1;
        this.statusStep = -2;
        this.trackTimeMs = Number.NaN;
        this.needFrame = true;
        this.liveInfo.emit({ info, scenario, key });
        this.onWake?.();
      },
      (e: unknown) => this.errors.emit(e instanceof Error ? e.message : String(e)),
    );
  }

  /** Key of the design whose satellites are shown. */
  get shownDesign(): unknown {
    return this.shownKey;
  }

  /** The live instants around the drawn time (read-only, e.g. for the 2D map; valid until the next tick), or null before the first. */
  get drawnInstants(): LiveView | null {
    return Number.isFinite(this.frameTimeMs) && this.live.currentSeq === this.shownSeq ? this.live.view(this.frameTimeMs) : null;
  }

  /** Analysis of design `key` (status colours; shown while that design is), or undefined. */
  setResult(r: StatusSource | undefined, key: unknown): void {
    if (r === this.status && key === this.statusKey) return;
    this.status = r;
    this.statusKey = key;
    this.statusStep = -2;
    this.needFrame = true;
    this.needRender = true;
    this.onWake?.();
  }

  /** Selects satellite `i` (-1: none): highlighted, its state reported and its orbit track drawn; a followed satellite hands the camera over. */
  select(i: number): void {
    this.selectedIndex = i;
    this.view.setSelected(i);
    this.selectedState = null;
    this.trackTimeMs = Number.NaN;
    this.groundKey = -1;
    this.view.setGroundTrack(null);
    if (i < 0) this.view.setTrack(null);
    if (this.view.rig.follow >= 0) {
      this.view.follow(i);
      this.emitFollow();
    }
    this.needFrame = true;
    this.needRender = true;
  }

  /** Flies the camera to the selected satellite and follows it (on), or back to orbiting the Earth (off). */
  setFollow(on: boolean): void {
    this.view.follow(on ? this.selectedIndex : -1);
    this.needRender = true;
    this.onWake?.();
    this.emitFollow();
  }

  private emitFollow(): void {
    this.followChanged.emit({ following: this.following, frame: this.followFrame });
  }

  /** Whether the camera follows a satellite. */
  get following(): boolean {
    return this.view.rig.follow >= 0;
  }

  /** The followed satellite's view frame: inertial axes, or its LVLH (Hill) frame for formations. */
  setFollowFrame(frame: FollowFrame): void {
    this.view.setFrame(frame);
    this.needRender = true;
    this.onWake?.();
    this.emitFollow();
  }

  get followFrame(): FollowFrame {
    return this.view.rig.frame;
  }

  /** The camera, for share links: JSON-safe (see view/CameraRig.ts CameraState). */
  cameraState(): CameraState {
    return this.view.cameraState();
  }

  /** Puts the camera where a share link had it (applied once the design's satellites are shown when they are not yet). */
  setCameraState(s: CameraState): void {
    if (!s || typeof s !== 'object') return;
    this.cameraPlaced = true;
    if (this.shownSeq < 0 || this.live.currentSeq !== this.shownSeq || !Number.isFinite(this.frameTimeMs)) {
      this.pendingCamera = s;
      return;
    }
    this.pendingCamera = undefined;
    this.view.setCameraState(s);
    this.needRender = true;
    this.onWake?.();
    this.emitFollow();
  }

  /** Draws a new orbit and ground track at the next instant (e.g. a track was switched on). */
  refreshTrack(): void {
    this.trackTimeMs = Number.NaN;
    this.groundKey = -1;
    this.needRender = true;
  }

  requestRender(): void {
    this.needRender = true;
    this.onWake?.();
  }

  /**
   * Per frame: follow the page's clock `main` (as elapsed time from its
   * start) and render when needed. True while more frames are needed
   * (playing, waiting for instants, the camera moving).
   */
  tick(main: ClockModel): boolean {
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
    let moving = false;
    if (this.view.prepare(performance.now())) {
      this.needRender = true;
      moving = true;
    }
    if (this.view.takeResized()) this.needRender = true;
    const rendered = this.needRender;
    if (this.needRender) {
      this.needRender = false;
      this.view.render();
    }
    // Waiting for the live worker (a design being built, an instant for a new time or selection,
    // a track): frames go on (at most 10 s) so what arrives is taken in.
    const waiting =
      this.live.currentSeq !== this.shownSeq ||
      this.needFrame ||
      (!m.playing && this.shownInstantMs !== t) ||
      (this.selectedIndex >= 0 && this.selectedState?.index !== this.selectedIndex) ||
      this.trackBusy ||
      this.groundBusy;
    const now = performance.now();
    if (!waiting) this.waitStart = 0;
    else if (!this.waitStart) this.waitStart = now;
    return m.playing || moving || rendered || this.view.rig.flying || (waiting && now - this.waitStart < 10_000);
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
    this.shownInstantMs = near.timeMs;
    this.updateStatus(t);
    if (this.options.placeCamera && !this.cameraPlaced) {
      this.cameraPlaced = true;
      this.view.placeCamera(near.sunDir, -0.95, 0.42, 4.4);
    }
    if (this.pendingCamera) this.setCameraState(this.pendingCamera);
    if (arrived && this.selectedIndex >= 0 && !this.trackBusy && !(Math.abs(t - this.trackTimeMs) < TRACK_REFRESH_MS)) this.requestTrack(t);
    if (this.selectedIndex >= 0 && this.view.groundTrackEnabled && !this.groundBusy) this.maybeRequestGroundTrack(t);
    this.needRender = true;
  }

  /** Asks for ± one orbit of sub-satellite points when the shown ones do not cover the time with a quarter orbit to spare. */
  private maybeRequestGroundTrack(t: number): void {
    const sel = this.selectedIndex;
    const g = this.view.groundTrack;
    if (this.groundKey === sel && g.covers(t, this.groundPeriodMs / 4)) return;
    // None came last time (worker without ground tracks, satellite not propagating): ask again only later.
    if (this.groundKey === sel && Math.abs(t - this.groundAskedMs) < TRACK_REFRESH_MS && !g.covers(this.groundAskedMs, 0)) return;
    this.groundAskedMs = t;
    this.groundBusy = true;
    const seq = this.shownSeq;
    this.live.groundTrack(sel, t, GROUND_TRACK_SAMPLES, GROUND_TRACK_PERIODS).then(
      (d) => {
        this.groundBusy = false;
        if (sel !== this.selectedIndex || seq !== this.shownSeq) return;
        this.groundKey = sel;
        if (d) this.groundPeriodMs = d.periodMs;
        this.view.setGroundTrack(d);
        this.view.groundTrack.setTime(this.frameTimeMs);
        this.needRender = true;
        this.onWake?.();
      },
      () => {
        this.groundBusy = false;
      },
    );
  }

  private groundPeriodMs = 90 * 60_000;
  private groundAskedMs = Number.NaN;

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
          this.onWake?.();
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
    this.onWake?.();
  }

  dispose(): void {
    this.view.dispose();
  }
}

/** ?diagnostics=1 hooks of the main 3D view (window.ocsDiagnostics.view): camera, follow and projections, for tests. */
export interface ViewDiagnostics {
  camera(): CameraState;
  setCamera(s: CameraState): void;
  /** Followed satellite (−1 none), whether the camera is still flying, camera-to-target distance (km). */
  follow(): { index: number; flying: boolean; distanceKm: number; frame: FollowFrame };
  /** Client-space position of satellite `i` as drawn (null off screen). */
  screenOf(i: number): { x: number; y: number } | null;
  /** Client-space position of ground station `k` (null on the far side or off screen). */
  stationScreenOf(k: number): { x: number; y: number } | null;
  /** Sun direction, inertial scene frame (the view frame when orbiting the Earth). */
  sunDirection(): [number, number, number];
  /** The selected satellite's ground track as drawn (null: none). */
  groundTrack(): { startMs: number; stepMs: number; latDeg: number[]; lonDeg: number[] } | null;
}

export function viewDiagnostics(dv: DesignView): ViewDiagnostics {
  const v = dv.view;
  return {
    camera: () => dv.cameraState(),
    setCamera: (s) => dv.setCameraState(s),
    follow: () => ({ index: v.rig.follow, flying: v.rig.flying, distanceKm: v.rig.distanceKm(), frame: v.rig.frame }),
    screenOf: (i) => v.screenPosition(i),
    stationScreenOf: (k) => v.stationScreenPosition(k),
    sunDirection: () => [v.earth.sunInertial.x, v.earth.sunInertial.y, v.earth.sunInertial.z],
    groundTrack: () => {
      const d = v.groundTrack.samples;
      return d ? { startMs: d.startMs, stepMs: d.stepMs, latDeg: Array.from(d.latDeg), lonDeg: Array.from(d.lonDeg) } : null;
    },
  };
}
