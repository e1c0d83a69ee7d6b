/**
 * Time-series charts (uPlot) fed the engine's typed columns directly:
 * usable compute stacked with what limits it, sunlit fraction and mean state
 * of charge, max temperature, satellites in contact and stored data. Each
 * chart has a cursor line at the sim time (a positioned overlay element, so
 * following the clock does not redraw the chart); clicking a chart seeks.
 * Long horizons are drawn as min/max envelopes of a few thousand points
 * (workers/chart-columns.ts; the analysis worker sends them with the
 * result); the titles say what a point spans.
 */
import { MS_PER_HOUR, MS_PER_DAY } from '../engine/core/constants';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { SeriesColumns } from '../engine/run/simulation';
import { STATE_COLOURS } from '../view/palette';
import { DECIMATE_ABOVE, displayColumns, MAX_CHART_POINTS, MIN_CHART_POINTS, spanText, type ChartColumns, type StackColumns } from '../../workers/chart-columns';

export interface ChartCallbacks {
  onSeek(timeMs: number): void;
}

interface ChartDef {
  id: string;
  title: string;
  make(el: HTMLElement, w: number, h: number, raw: () => SeriesColumns | undefined): uPlot;
  data(s: SeriesColumns, stack: StackColumns): uPlot.AlignedData;
}

/** Axis style of every uPlot chart (also the lifetime chart, economics-view.ts). */
export const AXIS = { stroke: '#9aa4b2', grid: { stroke: 'rgba(255,255,255,0.06)', width: 1 }, ticks: { stroke: 'rgba(255,255,255,0.12)', width: 1 }, font: '11px system-ui, sans-serif' };

/** '#rrggbb' with opacity `a` as rgba(). */
export function alpha(hex: string, a: number): string {
  const r = parseInt(hex.slice(1, 3), 16);
  const g = parseInt(hex.slice(3, 5), 16);
  const b = parseInt(hex.slice(5, 7), 16);
  return `rgba(${r},${g},${b},${a})`;
}

/** Axis tick labels: 12,500 → 12.5k, 10,000,000 → 10M. */
function compact(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${Number((v / 1e9).toPrecision(3))}G`;
  if (a >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  if (a >= 1e4) return `${Number((v / 1e3).toPrecision(3))}k`;
  return String(Number(v.toPrecision(4)));
}
export const compactAxis = (_u: uPlot, splits: number[]) => splits.map(compact);

const fmt = (digits: number) => (_u: uPlot, v: number | null) => (v === null || v === undefined ? '—' : Number(v.toPrecision(digits)).toLocaleString('en-US'));

function baseOpts(w: number, h: number): Omit<uPlot.Options, 'series'> {
  return {
    width: w,
    height: h,
    ms: 1,
    tzDate: (ts: number) => uPlot.tzDate(new Date(ts), 'Etc/UTC'),
    cursor: { drag: { x: false, y: false }, points: { size: 5 } },
    legend: { show: true, live: true },
    padding: [8, 8, 0, 0],
  };
}

/**
 * Time axis labels in UTC: HH:mm within a day and a half, MM-DD HH:mm up to
 * five days, MM-DD beyond (a year), with room for the longer labels.
 */
function timeAxis(): uPlot.Axis {
  const span = (u: uPlot) => (u.scales.x.max ?? 0) - (u.scales.x.min ?? 0);
  return {
    ...AXIS,
    space: (u: uPlot) => (span(u) > 36 * MS_PER_HOUR && span(u) <= 5 * MS_PER_DAY ? 90 : 60),
    values: (u: uPlot, splits: number[]) => {
      const s = span(u);
      return splits.map((t) => {
        const iso = new Date(t).toISOString();
        if (s > 5 * MS_PER_DAY) return iso.slice(5, 10);
        return s > 36 * MS_PER_HOUR ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
      });
    },
  };
}

const CHARTS: ChartDef[] = [
  {
    id: 'compute',
    title: 'Compute (PFLOPS): usable and lost to each limit',
    make(el, w, h, series) {
      const raw = (key: keyof SeriesColumns) => (_u: uPlot, _v: number | null, _si: number, i: number | null) => {
        const s = series();
        return i === null || !s || i >= s[key].length ? '—' : Number(s[key][i].toPrecision(4)).toLocaleString('en-US');
      };
      return new uPlot(
        {
          ...baseOpts(w, h),
          scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.05 : 1] } },
          axes: [timeAxis(), { ...AXIS, size: 44, values: compactAxis }],
          series: [
            { label: 'UTC' },
            { label: 'Usable', stroke: STATE_COLOURS.full, fill: alpha(STATE_COLOURS.full, 0.35), width: 1.5, value: raw('usableComputePflops') },
            { label: 'Power-limited', stroke: STATE_COLOURS.power, width: 1, value: raw('powerLimitedPflops') },
            { label: 'Thermal-limited', stroke: STATE_COLOURS.thermal, width: 1, value: raw('thermalLimitedPflops') },
            { label: 'Storage-limited', stroke: STATE_COLOURS.storage, width: 1, value: raw('storageLimitedPflops') },
          ],
          bands: [
            { series: [2, 1], fill: alpha(STATE_COLOURS.power, 0.4) },
            { series: [3, 2], fill: alpha(STATE_COLOURS.thermal, 0.4) },
            { series: [4, 3], fill: alpha(STATE_COLOURS.storage, 0.4) },
          ],
        },
        [[], [], [], [], []],
        el,
      );
    },
    data: (s, st) => [s.timeMs, st.usable, st.plusPower, st.plusThermal, st.plusStorage],
  },
  {
    id: 'power',
    title: 'Sunlit fraction and mean state of charge',
    make(el, w, h) {
      return new uPlot(
        {
          ...baseOpts(w, h),
          scales: { x: { time: true }, y: { range: [0, 1] } },
          axes: [timeAxis(), { ...AXIS, size: 40 }],
          series: [
            { label: 'UTC' },
            { label: 'Sunlit', stroke: '#ffd25a', width: 1.5, value: fmt(3) },
            { label: 'Mean SoC', stroke: '#5ab0ff', width: 1.5, value: fmt(3) },
          ],
        },
        [[], [], []],
        el,
      );
    },
    data: (s) => [s.timeMs, s.sunlitFraction, s.meanStateOfCharge],
  },
  {
    id: 'thermal',
    title: 'Max temperature (°C)',
    make(el, w, h) {
      return new uPlot(
        {
          ...baseOpts(w, h),
          scales: { x: { time: true } },
          axes: [timeAxis(), { ...AXIS, size: 44 }],
          series: [{ label: 'UTC' }, { label: 'Max °C', stroke: STATE_COLOURS.thermal, width: 1.5, value: fmt(4) }],
        },
        [[], []],
        el,
      );
    },
    data: (s) => [s.timeMs, s.maxTemperatureC],
  },
  {
    id: 'data',
    title: 'Satellites in contact and stored data',
    make(el, w, h) {
      return new uPlot(
        {
          ...baseOpts(w, h),
          scales: { x: { time: true }, n: { range: (_u, _min, max) => [0, Math.max(1, max)] }, gb: { range: (_u, _min, max) => [0, max > 0 ? max * 1.05 : 1] } },
          axes: [timeAxis(), { ...AXIS, scale: 'n', size: 40, values: compactAxis }, { ...AXIS, scale: 'gb', side: 1, size: 44, grid: { show: false }, values: compactAxis }],
          series: [
            { label: 'UTC' },
            { label: 'In contact', scale: 'n', stroke: STATE_COLOURS.contact, width: 1.25, value: fmt(6), paths: uPlot.paths.stepped?.({ align: 1 }) },
            { label: 'Stored GB', scale: 'gb', stroke: STATE_COLOURS.storage, width: 1.5, value: fmt(4) },
          ],
        },
        [[], [], []],
        el,
      );
    },
    data: (s) => [s.timeMs, s.satellitesInContact, s.storedDataGB],
  },
];

interface Mounted {
  def: ChartDef;
  plot: uPlot;
  box: HTMLElement;
  cursor: HTMLElement;
  note: HTMLElement;
  lastPx: number;
}

export class ChartPanel {
  private readonly charts: Mounted[] = [];
  private readonly observer: ResizeObserver;
  private data: SeriesColumns | undefined;
  private cursorMs = Number.NaN;
  private resizePending = false;

  constructor(
    readonly root: HTMLElement,
    private readonly cb: ChartCallbacks,
  ) {
    root.classList.add('charts');
    for (const def of CHARTS) {
      const box = document.createElement('div');
      box.className = 'chart';
      box.dataset.chart = def.id;
      const title = document.createElement('div');
      title.className = 'chart-title';
      title.textContent = def.title;
      const note = document.createElement('span');
      note.className = 'chart-note';
      note.dataset.testid = 'chart-note';
      title.append(note);
      const holder = document.createElement('div');
      holder.className = 'chart-plot';
      box.append(title, holder);
      root.append(box);
      const { w, h } = this.plotSize(holder);
      const plot = def.make(holder, w, h, () => this.data);
      const cursor = document.createElement('div');
      cursor.className = 'chart-cursor';
      plot.over.append(cursor);
      plot.over.addEventListener('click', () => {
        const left = plot.cursor.left;
        if (left === undefined || left < 0) return;
        cb.onSeek(plot.posToVal(left, 'x'));
      });
      this.charts.push({ def, plot, box: holder, cursor, note, lastPx: Number.NaN });
    }
    this.observer = new ResizeObserver(() => {
      if (this.resizePending) return;
      this.resizePending = true;
      requestAnimationFrame(() => {
        this.resizePending = false;
        for (const c of this.charts) {
          const { w, h } = this.plotSize(c.box);
          c.plot.setSize({ width: w, height: h });
          c.lastPx = Number.NaN;
        }
        this.setCursor(this.cursorMs);
      });
    });
    this.observer.observe(root);
  }

  private plotSize(holder: HTMLElement): { w: number; h: number } {
    // Leave room for uPlot's legend below the plot.
    return { w: Math.max(160, holder.clientWidth), h: Math.max(80, holder.clientHeight - 26) };
  }

  /** New analysis result: one setData per chart (long horizons as min/max envelopes, `chart` when already computed). */
  setSeries(s: SeriesColumns, stepMs = Number.NaN, chart?: ChartColumns): void {
    const widest = Math.max(...this.charts.map((c) => c.plot.width));
    const d =
      chart ?? (s.timeMs.length <= DECIMATE_ABOVE ? displayColumns(s, DECIMATE_ABOVE) : displayColumns(s, Math.max(MIN_CHART_POINTS, Math.min(MAX_CHART_POINTS, 4 * widest))));
    this.data = d.series;
    const note = d.bucket > 1 ? ` · min–max per ${Number.isFinite(stepMs) ? spanText(d.bucket * stepMs) : `${d.bucket} steps`}` : '';
    for (const c of this.charts) {
      c.plot.setData(c.def.data(d.series, d.stack));
      c.note.textContent = note;
      c.lastPx = Number.NaN;
    }
    this.setCursor(this.cursorMs);
  }

  /** Moves the sim-time cursor; cheap enough to call every frame (touches the DOM only when a pixel changes). */
  setCursor(timeMs: number): void {
    this.cursorMs = timeMs;
    if (!this.data || !Number.isFinite(timeMs)) return;
    moveCursors(this.charts, timeMs);
  }

  /** Chart canvases with titles and legend entries (for a PNG of the charts). */
  snapshot(): Array<{ title: string; canvas: HTMLCanvasElement; legend: Array<[string, string]> }> {
    return this.charts.map((c) => ({
      title: c.def.title,
      canvas: c.plot.ctx.canvas,
      legend: c.plot.series.slice(1).map((s): [string, string] => [String(s.label ?? ''), typeof s.stroke === 'string' ? s.stroke : '#9aa4b2']),
    }));
  }

  dispose(): void {
    this.observer.disconnect();
    for (const c of this.charts) c.plot.destroy();
  }
}

/** A chart's sim-time cursor line and the pixel it was last drawn at. */
export interface CursorTarget {
  plot: uPlot;
  cursor: HTMLElement;
  lastPx: number;
}

/** Moves each chart's cursor line to x value `x`; touches the DOM only when a pixel changes. */
export function moveCursors(charts: readonly CursorTarget[], x: number): void {
  for (const c of charts) {
    const px = Math.round(c.plot.valToPos(x, 'x'));
    if (px === c.lastPx) continue;
    c.lastPx = px;
    c.cursor.style.transform = `translateX(${px}px)`;
    c.cursor.style.display = Number.isFinite(px) ? 'block' : 'none';
  }
}
