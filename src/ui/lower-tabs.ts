/**
 * The panel under the 3D view and time bar: tabs Charts | 2D map | Timeline
 * | Passes | Workloads over the active design's result, a drag handle (and a size
 * toggle) for its height. The charts pane is the existing #charts element
 * (ChartPanel, owned by the page); the other three panes are built here and
 * fed through this one object: the result, the selected satellite and its
 * detail, the live view's element sets and stations, and the clock.
 *
 * Hooks: data-testid="lower-panel", "lower-tab-<id>" (aria-selected),
 * "lower-resize", "lower-size".
 */
import type { GroundTrackData } from '../engine/live/ground-track';
import type { AnalysisResult, LiveScenarioInfo, SatelliteDetailColumns } from '../../workers/protocol';
import type { LiveView } from './live-client';
import { el } from './dom';
import { GroundMap } from './map2d';
import { PassTable } from './pass-table';
import { SatelliteTimeline } from './sat-timeline';
import { WorkloadsView } from './workloads-view';
import { Signal } from './signal';
import './lower-tabs.css';

export type LowerTab = 'charts' | 'map' | 'timeline' | 'passes' | 'workloads';

const TABS: ReadonlyArray<[LowerTab, string, string]> = [
  ['charts', 'Charts', 'Constellation time series (and the selected satellite’s)'],
  ['map', '2D map', 'Sub-satellite points, ground track, stations and day/night on a world map'],
  ['timeline', 'Timeline', 'Eclipses, station contacts and limits of one satellite over the run'],
  ['passes', 'Passes', 'Contact and eclipse events as a table (sortable, CSV export)'],
  ['workloads', 'Workloads', 'Training, inference and batch: delivered vs usable compute, job timeline, network, summary'],
];

export interface LowerCallbacks {
  /** Select satellite `i` (-1: none). */
  onSelect(i: number): void;
  onSeek(timeMs: number): void;
  /** Sub-satellite points of satellite `index` over `periods` orbits around `timeMs` (the live worker's ground track), or null. */
  groundTrack(index: number, timeMs: number, samples: number, periods: number): Promise<GroundTrackData | null>;
  /** The instants the main 3D view drew last (positions for the map), or null. */
  liveView(): LiveView | null;
}

/** Height limits of the panel (px). */
const MIN_HEIGHT = 120;
const MAX_SHARE = 0.8;

export class LowerPanel {
  readonly root: HTMLElement;
  readonly panes: Record<LowerTab, HTMLElement>;
  readonly tabChanged = new Signal<LowerTab>();
  readonly map: GroundMap;
  readonly timeline: SatelliteTimeline;
  readonly passes: PassTable;
  readonly workloads: WorkloadsView;
  private readonly buttons = new Map<LowerTab, HTMLButtonElement>();
  private current: LowerTab = 'charts';
  private result: AnalysisResult | undefined;
  private names: string[] = [];
  private selected = -1;
  private detail: SatelliteDetailColumns | undefined;
  private visible = true;
  private lastMapDraw = Number.NEGATIVE_INFINITY;
  private lastMapTime = Number.NaN;
  private readonly sizeBtn: HTMLButtonElement;

  /** Wraps `charts` (moved into the panel as its first pane). */
  constructor(
    charts: HTMLElement,
    private readonly cb: LowerCallbacks,
  ) {
    this.root = el('section', 'lower');
    this.root.dataset.testid = 'lower-panel';
    this.root.setAttribute('aria-label', 'Analysis panels');
    charts.replaceWith(this.root);

    const handle = el('div', 'lower-resize');
    handle.dataset.testid = 'lower-resize';
    handle.setAttribute('role', 'separator');
    handle.setAttribute('aria-orientation', 'horizontal');
    handle.setAttribute('aria-label', 'Resize the analysis panels (drag, or arrow keys)');
    handle.tabIndex = 0;
    handle.title = 'Drag to resize (double-click: default height)';
    this.dragResize(handle);

    const bar = el('div', 'lower-bar');
    const tabs = el('div', 'lower-tabs');
    tabs.setAttribute('role', 'tablist');
    tabs.setAttribute('aria-label', 'Analysis panels');
    for (const [id, label, title] of TABS) {
      const b = el('button', 'lower-tab', label);
      b.type = 'button';
      b.title = title;
      b.setAttribute('role', 'tab');
      b.dataset.testid = `lower-tab-${id}`;
      b.dataset.tab = id;
      b.addEventListener('click', () => this.setTab(id));
      tabs.append(b);
      this.buttons.set(id, b);
    }
    this.sizeBtn = el('button', 'btn tiny lower-size', '⤢');
    this.sizeBtn.type = 'button';
    this.sizeBtn.dataset.testid = 'lower-size';
    this.sizeBtn.title = 'Taller / default height';
    this.sizeBtn.setAttribute('aria-label', 'Toggle a taller analysis panel');
    this.sizeBtn.addEventListener('click', () => this.toggleTall());
    bar.append(tabs, this.sizeBtn);

    const pane = (id: LowerTab, body?: HTMLElement) => {
      const p = body ?? el('div');
      p.classList.add('lower-pane');
      p.dataset.pane = id;
      p.setAttribute('role', 'tabpanel');
      return p;
    };
    this.panes = { charts: pane('charts', charts), map: pane('map'), timeline: pane('timeline'), passes: pane('passes'), workloads: pane('workloads') };
    this.root.append(handle, bar, this.panes.charts, this.panes.map, this.panes.timeline, this.panes.passes, this.panes.workloads);
    this.map = new GroundMap(this.panes.map, { onSelect: (i) => cb.onSelect(i), groundTrack: cb.groundTrack });
    this.timeline = new SatelliteTimeline(this.panes.timeline, { onSeek: (t) => cb.onSeek(t) });
    this.passes = new PassTable(this.panes.passes, { onSeek: (t) => cb.onSeek(t), onSelect: (i) => cb.onSelect(i) });
    this.workloads = new WorkloadsView(this.panes.workloads, { onSeek: (t) => cb.onSeek(t) });
    this.setTab('charts');
  }

  get tab(): LowerTab {
    return this.current;
  }

  setTab(id: LowerTab): void {
    this.current = id;
    for (const [t, b] of this.buttons) {
      b.setAttribute('aria-selected', String(t === id));
      b.tabIndex = t === id ? 0 : -1;
    }
    for (const [t, p] of Object.entries(this.panes) as Array<[LowerTab, HTMLElement]>) p.hidden = t !== id;
    this.root.dataset.tab = id;
    if (id === 'map') this.map.invalidate();
    this.workloads.setVisible(this.visible && id === 'workloads');
    this.tabChanged.emit(id);
  }

  /** The panel is shown (design and compare modes); hidden panels draw nothing. */
  setVisible(v: boolean): void {
    this.visible = v;
    if (v) this.map.invalidate();
    this.workloads.setVisible(v && this.current === 'workloads');
  }

  /** The live worker built the main view's satellites: names, stations, element epochs. */
  setLiveInfo(info: LiveScenarioInfo): void {
    this.names = info.names;
    this.map.setStations(info.stationPos, info.stationNames);
    this.map.setNames(info.names);
  }

  /** The inputs changed: the result shown is stale until the next one. */
  setStale(stale: boolean): void {
    this.root.classList.toggle('stale', stale);
    this.timeline.setStale(stale);
    this.passes.setStale(stale);
  }

  setResult(r: AnalysisResult): void {
    this.result = r;
    this.setStale(false);
    this.map.setResult(r);
    this.passes.setResult(r);
    this.timeline.setResult(r);
    this.workloads.setResult(r);
    this.applySelection();
  }

  /** Satellite `i` selected (-1: none): the timeline and the pass filter follow it. */
  select(i: number): void {
    if (i !== this.selected) this.detail = undefined;
    this.selected = i;
    this.map.select(i);
    this.applySelection();
  }

  /** Per-step detail of the selected satellite arrived (limits at full resolution on the timeline). */
  setDetail(d: SatelliteDetailColumns): void {
    if (d.index !== this.selected) return;
    this.detail = d;
    this.applySelection();
  }

  private applySelection(): void {
    const r = this.result;
    const n = r?.satelliteCount ?? 0;
    const sat = this.selected >= 0 && this.selected < n ? this.selected : n > 0 ? 0 : -1;
    const name = r?.satelliteNames[sat] ?? this.names[sat] ?? '';
    const detail = this.detail && r && this.detail.seq === r.seq && this.detail.index === sat ? this.detail : undefined;
    this.timeline.setSatellite(sat, name, this.selected >= 0, detail);
    this.passes.setSelected(this.selected >= 0 && this.selected < n ? this.selected : -1, this.selected >= 0 ? name : '');
  }

  /**
   * Per display frame: moves the timeline's cursor and redraws the map when
   * the drawn time or its data changed (throttled for large constellations);
   * nothing when the panel or the map tab is hidden.
   */
  tick(timeMs: number, now: number): void {
    if (!this.visible) return;
    if (this.current === 'timeline') this.timeline.setCursor(timeMs);
    if (this.current === 'passes') this.passes.setCursor(timeMs);
    if (this.current === 'workloads') this.workloads.setCursor(timeMs);
    if (this.current !== 'map') return;
    const v = this.cb.liveView();
    const count = v ? v.b.flags.length : 0;
    const interval = count > 5000 ? 250 : count > 1000 ? 100 : 40;
    const changed = timeMs !== this.lastMapTime || this.map.dirty;
    if (!changed || now - this.lastMapDraw < interval) return;
    this.lastMapDraw = now;
    this.lastMapTime = timeMs;
    this.map.draw(v, timeMs);
  }

  private toggleTall(): void {
    const parent = this.root.parentElement;
    const tall = !this.root.classList.contains('tall');
    this.root.classList.toggle('tall', tall);
    this.root.style.height = tall && parent ? `${Math.round(parent.clientHeight * 0.62)}px` : '';
    this.sizeBtn.setAttribute('aria-pressed', String(tall));
  }

  private setHeight(px: number): void {
    const parent = this.root.parentElement;
    const max = parent ? parent.clientHeight * MAX_SHARE : 900;
    this.root.style.height = `${Math.round(Math.max(MIN_HEIGHT, Math.min(max, px)))}px`;
    this.root.classList.remove('tall');
    this.sizeBtn.setAttribute('aria-pressed', 'false');
  }

  private dragResize(handle: HTMLElement): void {
    let start: { y: number; h: number; id: number } | undefined;
    handle.addEventListener('pointerdown', (e) => {
      start = { y: e.clientY, h: this.root.getBoundingClientRect().height, id: e.pointerId };
      handle.setPointerCapture(e.pointerId);
      handle.classList.add('dragging');
      e.preventDefault();
    });
    handle.addEventListener('pointermove', (e) => {
      if (start && e.pointerId === start.id) this.setHeight(start.h + (start.y - e.clientY));
    });
    const end = (e: PointerEvent) => {
      if (!start || e.pointerId !== start.id) return;
      start = undefined;
      handle.classList.remove('dragging');
    };
    handle.addEventListener('pointerup', end);
    handle.addEventListener('pointercancel', end);
    handle.addEventListener('dblclick', () => {
      this.root.style.height = '';
      this.root.classList.remove('tall');
    });
    handle.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
      e.preventDefault();
      this.setHeight(this.root.getBoundingClientRect().height + (e.key === 'ArrowUp' ? 24 : -24));
    });
  }

  dispose(): void {
    this.map.dispose();
    this.passes.dispose();
    this.workloads.dispose();
  }
}
