/**
 * Time controls: jump to start, play/pause, time warp (1×…100,000×), a scrub
 * bar over the analysis horizon and the UTC sim time, always visible.
 */
import { MS_PER_HOUR, MS_PER_DAY } from '../engine/core/constants';
import { snapWarp, WARP_STEPS, type SimClock } from './clock';

/** A small SVG icon from one path (24 × 24 box). */
function icon(d: string): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '14');
  svg.setAttribute('height', '14');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', d);
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}

export interface TimebarCallbacks {
  onPlayToggle(): void;
  onJumpStart(): void;
  onWarp(w: number): void;
  onSeek(timeMs: number): void;
}

export class Timebar {
  readonly root: HTMLElement;
  private readonly playBtn: HTMLButtonElement;
  private readonly warpSelect: HTMLSelectElement;
  private readonly scrub: HTMLInputElement;
  private readonly timeText: HTMLElement;
  private readonly elapsedText: HTMLElement;
  private lastTime = Number.NaN;
  private lastPlaying: boolean | undefined;
  private scrubbing = false;

  constructor(parent: HTMLElement, cb: TimebarCallbacks) {
    this.root = document.createElement('div');
    this.root.className = 'timebar';
    const start = document.createElement('button');
    start.type = 'button';
    start.className = 'btn icon';
    start.dataset.testid = 'jump-start';
    start.title = 'Jump to start (Home)';
    start.setAttribute('aria-label', 'Jump to start');
    start.append(icon('M5 4h2v16H5zM19 4v16L8 12z'));
    start.addEventListener('click', () => cb.onJumpStart());
    this.playBtn = document.createElement('button');
    this.playBtn.type = 'button';
    this.playBtn.className = 'btn icon play';
    this.playBtn.dataset.testid = 'play';
    this.playBtn.title = 'Play / pause (Space)';
    this.playBtn.addEventListener('click', () => cb.onPlayToggle());

    const warpLabel = document.createElement('label');
    warpLabel.className = 'warp-label';
    warpLabel.textContent = 'Warp';
    this.warpSelect = document.createElement('select');
    this.warpSelect.dataset.testid = 'warp';
    this.warpSelect.name = 'warp';
    this.warpSelect.id = 'warp';
    this.warpSelect.title = 'Time warp ([ and ])';
    warpLabel.htmlFor = 'warp';
    for (const w of WARP_STEPS) {
      const o = document.createElement('option');
      o.value = String(w);
      o.textContent = `${w.toLocaleString('en-US')}×`;
      this.warpSelect.append(o);
    }
    this.warpSelect.addEventListener('change', () => cb.onWarp(Number(this.warpSelect.value)));

    this.scrub = document.createElement('input');
    this.scrub.type = 'range';
    this.scrub.className = 'scrub';
    this.scrub.dataset.testid = 'scrub';
    this.scrub.name = 'scrub';
    this.scrub.setAttribute('aria-label', 'Sim time over the analysis horizon');
    this.scrub.addEventListener('input', () => {
      this.scrubbing = true;
      cb.onSeek(Number(this.scrub.value));
    });
    this.scrub.addEventListener('change', () => {
      this.scrubbing = false;
    });

    const timeBox = document.createElement('div');
    timeBox.className = 'sim-time-box';
    this.timeText = document.createElement('time');
    this.timeText.className = 'sim-time';
    this.timeText.dataset.testid = 'sim-time';
    this.elapsedText = document.createElement('span');
    this.elapsedText.className = 'sim-elapsed';
    timeBox.append(this.timeText, this.elapsedText);

    this.root.append(start, this.playBtn, warpLabel, this.warpSelect, this.scrub, timeBox);
    parent.append(this.root);
  }

  setHorizon(startMs: number, endMs: number, stepMs: number): void {
    this.scrub.min = String(startMs);
    this.scrub.max = String(endMs);
    // At most ≈20,000 positions over the horizon: arrow keys move a useful amount on a year (≈26 min) and seconds on a day.
    this.scrub.step = String(Math.max(1000, Math.round(stepMs / 60), Math.round((endMs - startMs) / 20_000 / 1000) * 1000));
    this.lastTime = Number.NaN;
  }

  setWarp(w: number): void {
    this.warpSelect.value = String(snapWarp(w));
  }

  /** Called every frame; touches the DOM only when something visible changed. */
  update(clock: SimClock): void {
    if (clock.playing !== this.lastPlaying) {
      this.lastPlaying = clock.playing;
      this.playBtn.replaceChildren(icon(clock.playing ? 'M6 4h4v16H6zM14 4h4v16h-4z' : 'M7 4v16l13-8z'));
      this.playBtn.setAttribute('aria-pressed', String(clock.playing));
      this.playBtn.setAttribute('aria-label', clock.playing ? 'Pause' : 'Play');
    }
    const t = clock.timeMs;
    if (t === this.lastTime) return;
    const iso = new Date(t).toISOString();
    this.timeText.textContent = iso;
    this.timeText.setAttribute('datetime', iso);
    if (Math.floor(t / 60_000) !== Math.floor(this.lastTime / 60_000) || Number.isNaN(this.lastTime)) {
      const el = Math.max(0, t - clock.startMs);
      const d = Math.floor(el / MS_PER_DAY);
      const h = Math.floor((el % MS_PER_DAY) / MS_PER_HOUR);
      const m = Math.floor((el % MS_PER_HOUR) / 60_000);
      this.elapsedText.textContent = `T+${d > 0 ? `${d}d ` : ''}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
    }
    this.lastTime = t;
    if (!this.scrubbing) this.scrub.value = String(t);
  }
}
