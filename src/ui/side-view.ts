/**
 * The second 3D view of a side-by-side comparison: its own scene and live
 * worker, driven by the app's clock as elapsed time from each design's start
 * (so two designs with different epochs stay in step), status colours from
 * that design's analysis. No picking or inspector: the active design owns
 * those.
 */
import type * as THREE from 'three';
import type { Scenario } from '../engine/input/scenario';
import { parseUtcMs } from '../engine/core/time';
import { statusRow, type AnalysisResult } from '../../workers/protocol';
import { SceneView } from '../view/SceneView';
import { LiveClient, type ClockModel, type LiveRemote } from './live-client';

type StatusSource = Pick<AnalysisResult, 'statusCodes' | 'statusEvery' | 'startMs' | 'stepMs' | 'steps' | 'satelliteCount'>;

export function viewLabel(parent: HTMLElement): { root: HTMLElement; set(name: string, colour: string): void } {
  const root = document.createElement('div');
  root.className = 'view-label overlay';
  const sw = document.createElement('span');
  sw.className = 'swatch';
  const t = document.createElement('span');
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

export class SideView {
  readonly view: SceneView;
  private readonly live: LiveClient;
  private readonly label: ReturnType<typeof viewLabel>;
  private seq = 0;
  private viewSeq = -1;
  private startMs = 0;
  private endMs = 0;
  private status: StatusSource | undefined;
  private statusStep = -2;
  private needFrame = true;
  private needRender = true;
  private lastTime = Number.NaN;
  private scenarioKey = '';
  onError: (message: string) => void = () => {};

  constructor(
    readonly container: HTMLElement,
    dayMap: THREE.Texture,
    live: LiveRemote,
  ) {
    this.view = new SceneView(container, dayMap);
    this.view.controls.addEventListener('change', () => {
      this.needRender = true;
    });
    this.live = new LiveClient(live);
    this.live.onError = (e) => this.onError(e instanceof Error ? e.message : String(e));
    this.label = viewLabel(container);
  }

  /** Shows `scenario` (same object again: no reload). */
  setDesign(scenario: Scenario, name: string, colour: string, key: string): void {
    this.label.set(name, colour);
    if (key === this.scenarioKey) return;
    this.scenarioKey = key;
    const seq = ++this.seq;
    this.startMs = parseUtcMs(scenario.startUtc);
    this.endMs = this.startMs + Math.round(scenario.durationHours * 3_600_000);
    this.status = undefined;
    this.statusStep = -2;
    void this.live.setScenario(scenario, seq).then(
      (info) => {
        if (!info || info.seq !== this.seq) return;
        this.viewSeq = info.seq;
        this.view.satellites.resize(info.count);
        this.view.satellites.setPointSize(info.count <= 400 ? 7 : info.count <= 2000 ? 5 : info.count <= 5000 ? 4 : 3);
        this.view.stations.set(info.stationPos, info.stationNames);
        this.statusStep = -2;
        this.needFrame = true;
      },
      (e: unknown) => this.onError(e instanceof Error ? e.message : String(e)),
    );
  }

  /** Analysis of the shown design (status colours), or undefined while it runs. */
  setResult(r: StatusSource | undefined): void {
    if (r === this.status) return;
    this.status = r;
    this.statusStep = -2;
    this.needFrame = true;
    this.needRender = true;
  }

  /** Per frame: follow the clock (elapsed ms from the active design's start; `main` is the main view's live clock). */
  tick(elapsedMs: number, main: ClockModel): void {
    const t = Math.min(this.endMs, Math.max(this.startMs, this.startMs + elapsedMs));
    const m = this.clock;
    m.timeMs = t;
    m.wallMs = main.wallMs;
    m.warp = main.warp;
    m.playing = main.playing && t < this.endMs;
    m.startMs = this.startMs;
    m.endMs = this.endMs;
    m.epoch = main.epoch;
    const arrived = this.live.update(m, -1);
    if (arrived || t !== this.lastTime || this.needFrame) this.show(t);
    if (this.view.controls.update() || this.view.takeResized()) this.needRender = true;
    if (this.needRender) {
      this.needRender = false;
      this.view.render();
    }
  }

  requestRender(): void {
    this.needRender = true;
  }

  private readonly clock: ClockModel = { timeMs: 0, wallMs: 0, warp: 1, playing: false, startMs: 0, endMs: 0, epoch: 0 };

  private show(t: number): void {
    if (this.live.currentSeq !== this.viewSeq) return;
    const v = this.live.view(t);
    if (!v || v.b.pos.length !== 3 * this.view.satellites.count) return;
    this.needFrame = false;
    this.lastTime = t;
    this.view.showLive(v, t);
    this.updateStatus(t);
    this.needRender = true;
  }

  private updateStatus(timeMs: number): void {
    const r = this.status;
    const N = this.view.satellites.count;
    const row = r && r.satelliteCount === N ? statusRow(r, timeMs) : -1;
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
}
