/**
 * Time-series charts (uPlot) fed the engine's typed columns directly:
 * usable compute stacked with what limits it, sunlit fraction and mean state
 * of charge, max temperature, satellites in contact and stored data; with a
 * satellite selected, its own state of charge, temperature and compute
 * fraction (its per-step detail) beside the constellation's. Each chart has
 * a cursor line at the sim time (a positioned overlay element, so following
 * the clock does not redraw the chart); clicking a chart seeks. Y axes span
 * the data with a little room and round ticks sized to the plot's height
 * (never a lone "0"); times are UTC on the axes and in the legends.
 * Long horizons are drawn as min/max envelopes of a few thousand points
 * (workers/chart-columns.ts; the analysis worker sends them with the
 * result); the titles say what a point spans.
 */
import { MS_PER_HOUR, MS_PER_DAY } from '../engine/core/constants';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { SatelliteDetail, SeriesColumns } from '../engine/run/simulation';
import { STATE_COLOURS } from '../view/palette';
import { DECIMATE_ABOVE, displayColumns, MAX_CHART_POINTS, MIN_CHART_POINTS, spanText, type ChartColumns, type StackColumns } from '../../workers/chart-columns';
import { niceStep } from './plots';

export interface ChartCallbacks {
  onSeek(timeMs: number): void;
}

/** The selected satellite's per-step columns as drawn (same points as the series). */
export interface SelectedColumns {
  name: string;
  stateOfCharge: ArrayLike<number>;
  temperatureC: ArrayLike<number>;
  computeFraction: ArrayLike<number>;
}

interface ChartDef {
  id: string;
  title: string;
  make(el: HTMLElement, w: number, h: number, raw: () => SeriesColumns | undefined, sel: SelectedColumns | undefined): uPlot;
  data(s: SeriesColumns, stack: StackColumns, sel: SelectedColumns | undefined): uPlot.AlignedData;
}

/** Axis style of every uPlot chart (also the lifetime chart, economics-view.ts). */
export const AXIS = { stroke: '#9aa4b2', grid: { stroke: 'rgba(255,255,255,0.06)', width: 1 }, ticks: { stroke: 'rgba(255,255,255,0.12)', width: 1 }, font: '11px system-ui, sans-serif' };

/** Colour of the selected satellite's series (dashed, beside the constellation's). */
const SELECTED_STROKE = '#f2f5fa';
const SELECTED_DASH = [5, 3];

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
const percent = (_u: uPlot, v: number | null) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : `${(100 * v).toFixed(0)} %`);

/** "2026-06-21 00:20:00Z": legend and cursor time, UTC. */
export function utcLegend(_u: uPlot, v: number | null): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const iso = new Date(v).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}Z`;
}

/** Tick intervals a y axis of this plot has room for (one per ≈28 px, 2…8). */
function tickCount(u: uPlot): number {
  const h = u.bbox && u.bbox.height > 0 ? u.bbox.height / uPlot.pxRatio : u.height - 40;
  return Math.max(2, Math.min(8, Math.floor(h / 28)));
}

/**
 * A y range from the data with a little room, snapped to round ticks
 * (`zero`: include 0; `integer`: steps of at least 1). A flat series gets a
 * span around its value; no data gives [0, 1].
 */
export function yRange(opts: { zero?: boolean; integer?: boolean } = {}): uPlot.Range.Function {
  return (u, dmin, dmax) => {
    let lo = Number.isFinite(dmin) ? dmin : 0;
    let hi = Number.isFinite(dmax) ? dmax : 1;
    if (opts.zero) {
      lo = Math.min(0, lo);
      hi = Math.max(0, hi);
    }
    if (hi - lo <= 1e-9 * Math.max(1, Math.abs(lo), Math.abs(hi))) {
      const d = Math.abs(hi) > 0 ? Math.abs(hi) * 0.1 : 1;
      if (!(opts.zero && lo === 0)) lo -= d;
      hi += d;
    } else {
      const pad = (hi - lo) * 0.05;
      if (!(opts.zero && lo === 0)) lo -= pad;
      if (!(opts.zero && hi === 0)) hi += pad;
    }
    let step = niceStep((hi - lo) / tickCount(u));
    if (opts.integer) step = Math.max(1, Math.round(step));
    return [Math.floor(lo / step) * step, Math.ceil(hi / step) * step];
  };
}

/** Round tick values over the scale's range, as many as the plot has room for. */
export function ySplits(integer = false): uPlot.Axis.Splits {
  return (u, _axis, min, max) => {
    if (!Number.isFinite(min) || !Number.isFinite(max) || max <= min) return [min];
    let step = niceStep((max - min) / tickCount(u));
    if (integer) step = Math.max(1, Math.round(step));
    const out: number[] = [];
    for (let v = Math.ceil(min / step - 1e-9) * step; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
    return out;
  };
}

/** Options every chart shares (size, UTC time in ms, cursor, live legend); also the Workloads tab's. */
export function baseOpts(w: number, h: number): Omit<uPlot.Options, 'series'> {
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

/** The time series of a chart: UTC in the legend. */
const TIME_SERIES: uPlot.Series = { label: 'UTC', value: utcLegend };

/** A selected satellite's series: dashed, light, labelled with its name. */
function selectedSeries(sel: SelectedColumns, what: string, extra: Partial<uPlot.Series> = {}): uPlot.Series {
  const name = sel.name.length > 18 ? `${sel.name.slice(0, 17)}…` : sel.name;
  return { label: `${name} ${what}`, stroke: SELECTED_STROKE, width: 1.25, dash: SELECTED_DASH, points: { show: false }, ...extra };
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
    make(el, w, h, series, sel) {
      const raw = (key: keyof SeriesColumns) => (_u: uPlot, _v: number | null, _si: number, i: number | null) => {
        const s = series();
        return i === null || !s || i >= s[key].length ? '—' : Number(s[key][i].toPrecision(4)).toLocaleString('en-US');
      };
      const axes: uPlot.Axis[] = [timeAxis(), { ...AXIS, size: 48, values: compactAxis, splits: ySplits() }];
      const list: uPlot.Series[] = [
        TIME_SERIES,
        { label: 'Usable', stroke: STATE_COLOURS.full, fill: alpha(STATE_COLOURS.full, 0.35), width: 1.5, value: raw('usableComputePflops') },
        { label: 'Power-limited', stroke: STATE_COLOURS.power, width: 1, value: raw('powerLimitedPflops') },
        { label: 'Thermal-limited', stroke: STATE_COLOURS.thermal, width: 1, value: raw('thermalLimitedPflops') },
        { label: 'Storage-limited', stroke: STATE_COLOURS.storage, width: 1, value: raw('storageLimitedPflops') },
      ];
      if (sel) {
        list.push(selectedSeries(sel, 'compute', { scale: 'frac', value: percent }));
        axes.push({ ...AXIS, scale: 'frac', side: 1, size: 40, grid: { show: false }, splits: [0, 0.25, 0.5, 0.75, 1], values: (_u, v) => v.map((x) => `${Math.round(100 * x)}%`) });
      }
      return new uPlot(
        {
          ...baseOpts(w, h),
          scales: { x: { time: true }, y: { range: yRange({ zero: true }) }, frac: { range: [0, 1] } },
          axes,
          series: list,
          bands: [
            { series: [2, 1], fill: alpha(STATE_COLOURS.power, 0.4) },
            { series: [3, 2], fill: alpha(STATE_COLOURS.thermal, 0.4) },
            { series: [4, 3], fill: alpha(STATE_COLOURS.storage, 0.4) },
          ],
        },
        list.map(() => []) as unknown as uPlot.AlignedData,
        el,
      );
    },
    data: (s, st, sel) => (sel ? [s.timeMs, st.usable, st.plusPower, st.plusThermal, st.plusStorage, sel.computeFraction] : [s.timeMs, st.usable, st.plusPower, st.plusThermal, st.plusStorage]) as uPlot.AlignedData,
  },
  {
    id: 'power',
    title: 'Sunlit fraction and mean state of charge',
    make(el, w, h, _series, sel) {
      const list: uPlot.Series[] = [TIME_SERIES, { label: 'Sunlit', stroke: '#ffd25a', width: 1.5, value: fmt(3) }, { label: 'Mean SoC', stroke: '#5ab0ff', width: 1.5, value: fmt(3) }];
      if (sel) list.push(selectedSeries(sel, 'SoC', { value: fmt(3) }));
      return new uPlot(
        {
          ...baseOpts(w, h),
          scales: { x: { time: true }, y: { range: [0, 1] } },
          axes: [timeAxis(), { ...AXIS, size: 40, splits: ySplits() }],
          series: list,
        },
        list.map(() => []) as unknown as uPlot.AlignedData,
        el,
      );
    },
    data: (s, _st, sel) => (sel ? [s.timeMs, s.sunlitFraction, s.meanStateOfCharge, sel.stateOfCharge] : [s.timeMs, s.sunlitFraction, s.meanStateOfCharge]) as uPlot.AlignedData,
  },
  {
    id: 'thermal',
    title: 'Max temperature (°C)',
    make(el, w, h, _series, sel) {
      const list: uPlot.Series[] = [TIME_SERIES, { label: 'Max °C', stroke: STATE_COLOURS.thermal, width: 1.5, value: fmt(4) }];
      if (sel) list.push(selectedSeries(sel, '°C', { value: fmt(4) }));
      return new uPlot(
        {
          ...baseOpts(w, h),
          scales: { x: { time: true }, y: { range: yRange() } },
          axes: [timeAxis(), { ...AXIS, size: 44, splits: ySplits() }],
          series: list,
        },
        list.map(() => []) as unknown as uPlot.AlignedData,
        el,
      );
    },
    data: (s, _st, sel) => (sel ? [s.timeMs, s.maxTemperatureC, sel.temperatureC] : [s.timeMs, s.maxTemperatureC]) as uPlot.AlignedData,
  },
  {
    id: 'data',
    title: 'Satellites in contact and stored data',
    make(el, w, h) {
      return new uPlot(
        {
          ...baseOpts(w, h),
          scales: { x: { time: true }, n: { range: yRange({ zero: true, integer: true }) }, gb: { range: yRange({ zero: true }) } },
          axes: [
            timeAxis(),
            { ...AXIS, scale: 'n', size: 40, values: compactAxis, splits: ySplits(true) },
            { ...AXIS, scale: 'gb', side: 1, size: 48, grid: { show: false }, values: compactAxis, splits: ySplits() },
          ],
          series: [
            TIME_SERIES,
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

/**
 * Column `col` (one value per step) as the charts draw it: as it is (bucket
 * 1) or the min/max envelope of `bucket` steps, two points per bucket as in
 * workers/chart-columns.ts displayColumns.
 */
export function envelopeColumn(col: ArrayLike<number>, bucket: number): ArrayLike<number> {
  if (bucket <= 1) return col;
  const n = col.length;
  const buckets = Math.ceil(n / bucket);
  const out = new Float64Array(2 * buckets);
  for (let b = 0; b < buckets; b++) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = b * bucket, i1 = Math.min(n, i + bucket); i < i1; i++) {
      const y = col[i];
      if (y < lo) lo = y;
      if (y > hi) hi = y;
    }
    out[2 * b] = lo === Number.POSITIVE_INFINITY ? Number.NaN : lo;
    out[2 * b + 1] = hi === Number.NEGATIVE_INFINITY ? Number.NaN : hi;
  }
  return out;
}

interface Mounted {
  def: ChartDef;
  plot: uPlot;
  box: HTMLElement;
  cursor: HTMLElement;
  note: HTMLElement;
  lastPx: number;
}

/** Plot heights below this are not drawn smaller (the pane scrolls instead). */
export const MIN_PLOT_HEIGHT = 150;

export class ChartPanel {
  private readonly charts: Mounted[] = [];
  private readonly observer: ResizeObserver;
  private data: ChartColumns | undefined;
  private steps = 0;
  private selected: { name: string; detail: SatelliteDetail } | undefined;
  private selectedCols: SelectedColumns | undefined;
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
      const m: Mounted = { def, plot: undefined as unknown as uPlot, box: holder, cursor: document.createElement('div'), note, lastPx: Number.NaN };
      this.mount(m);
      this.charts.push(m);
    }
    this.observer = new ResizeObserver(() => {
      if (this.resizePending) return;
      this.resizePending = true;
      requestAnimationFrame(() => {
        this.resizePending = false;
        // Hidden (another tab): keep the last size, so a PNG of the charts stays drawn.
        if (this.root.clientWidth === 0) return;
        for (const c of this.charts) {
          const { w, h } = this.plotSize(c);
          if (w !== c.plot.width || h !== c.plot.height) c.plot.setSize({ width: w, height: h });
          c.lastPx = Number.NaN;
        }
        this.setCursor(this.cursorMs);
      });
    });
    this.observer.observe(root);
  }

  /** (Re)creates chart `m`'s plot, with the selected satellite's series when one is selected. */
  private mount(m: Mounted): void {
    const { w, h } = this.plotSize(m);
    m.plot?.destroy();
    const plot = m.def.make(m.box, w, h, () => this.data?.series, this.selectedCols);
    const cursor = document.createElement('div');
    cursor.className = 'chart-cursor';
    plot.over.append(cursor);
    plot.over.addEventListener('click', () => {
      const left = plot.cursor.left;
      if (left === undefined || left < 0) return;
      this.cb.onSeek(plot.posToVal(left, 'x'));
    });
    m.plot = plot;
    m.cursor = cursor;
    m.lastPx = Number.NaN;
    // The legend's height depends on how it wraps (known once uPlot has laid out, after this task): size the plot to what is left.
    requestAnimationFrame(() => {
      if (m.plot !== plot || this.root.clientWidth === 0) return;
      const fit = this.plotSize(m);
      if (fit.h !== plot.height || fit.w !== plot.width) plot.setSize({ width: fit.w, height: fit.h });
      m.lastPx = Number.NaN;
      this.setCursor(this.cursorMs);
    });
    if (this.data) plot.setData(m.def.data(this.data.series, this.data.stack, this.selectedCols));
  }

  private plotSize(m: Pick<Mounted, 'box' | 'plot'>): { w: number; h: number } {
    const legend = m.plot?.root.querySelector<HTMLElement>('.u-legend')?.offsetHeight ?? 26;
    return { w: Math.max(160, m.box.clientWidth), h: Math.max(MIN_PLOT_HEIGHT - 40, m.box.clientHeight - legend - 2) };
  }

  /** New analysis result: one setData per chart (long horizons as min/max envelopes, `chart` when already computed). */
  setSeries(s: SeriesColumns, stepMs = Number.NaN, chart?: ChartColumns): void {
    const widest = Math.max(...this.charts.map((c) => c.plot.width));
    const d =
      chart ?? (s.timeMs.length <= DECIMATE_ABOVE ? displayColumns(s, DECIMATE_ABOVE) : displayColumns(s, Math.max(MIN_CHART_POINTS, Math.min(MAX_CHART_POINTS, 4 * widest))));
    this.data = d;
    this.steps = s.timeMs.length;
    const note = d.bucket > 1 ? ` · min–max per ${Number.isFinite(stepMs) ? spanText(d.bucket * stepMs) : `${d.bucket} steps`}` : '';
    const hadSelected = !!this.selectedCols;
    this.selectedCols = this.columnsOfSelected();
    for (const c of this.charts) {
      c.note.textContent = note;
      if (hadSelected !== !!this.selectedCols) this.mount(c);
      else c.plot.setData(c.def.data(d.series, d.stack, this.selectedCols));
      c.lastPx = Number.NaN;
    }
    this.setCursor(this.cursorMs);
  }

  /**
   * The selected satellite's per-step detail (`name`: its label), drawn
   * beside the constellation's series; null: none. Ignored while it does not
   * match the shown series' steps (a result of other inputs).
   */
  setSelected(sel: { name: string; detail: SatelliteDetail } | null): void {
    const before = this.selectedCols;
    this.selected = sel ?? undefined;
    this.selectedCols = this.columnsOfSelected();
    if (!before && !this.selectedCols) return;
    for (const c of this.charts) {
      // Another series list (added, removed or renamed): a new plot; else new data only.
      if (!before || !this.selectedCols || before.name !== this.selectedCols.name) this.mount(c);
      else if (this.data) c.plot.setData(c.def.data(this.data.series, this.data.stack, this.selectedCols));
      c.lastPx = Number.NaN;
    }
    this.setCursor(this.cursorMs);
  }

  /** Hook: the name of the satellite whose series are drawn ('' when none). */
  get selectedName(): string {
    return this.selectedCols?.name ?? '';
  }

  private columnsOfSelected(): SelectedColumns | undefined {
    const sel = this.selected;
    const d = this.data;
    if (!sel || !d || sel.detail.stateOfCharge.length !== this.steps) return undefined;
    return {
      name: sel.name,
      stateOfCharge: envelopeColumn(sel.detail.stateOfCharge, d.bucket),
      temperatureC: envelopeColumn(sel.detail.temperatureC, d.bucket),
      computeFraction: envelopeColumn(sel.detail.computeFraction, d.bucket),
    };
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
