/**
 * The Workloads tab of the lower panel: what the workloads made of the
 * nodes' usable compute over the run.
 *  - delivered vs usable: the usable compute (line) with the compute
 *    delivered to inference, batch and training stacked under it (uPlot);
 *  - network: the first training group's all-reduce time and bisection
 *    bandwidth over time (uPlot, two axes);
 *  - summary table: one row per workload (efficiency, delivered PFLOP-h,
 *    served share, P95 latency, jobs done / missed);
 *  - job timeline: one row per training group (training / stopped spans)
 *    and one per batch job (up, compute, down stages, deadline tick,
 *    outcome), over the run's time axis; clicking it seeks.
 * An empty state when the design has no workloads.
 *
 * Hooks: data-testid="workloads-view", "workloads-empty", "workloads-chart",
 * "workloads-network", "workloads-summary" (rows data-workload-row="<type>"),
 * "workloads-gantt" (rows data-gantt-row="group|job", bars data-bar="<kind>",
 * data-outcome on job rows).
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './workloads-view.css';
import type { AnalysisResult } from '../../workers/protocol';
import type { WorkloadResult } from '../../workers/workload-result';
import { STATE_COLOURS } from '../view/palette';
import { AXIS, alpha, baseOpts, compactAxis, utcLegend, yRange, ySplits } from './charts';
import { el } from './dom';
import { formatPercent, formatQuantity } from './format';
import { niceTimeStep, utcLabel, utcText } from './time-axis';
import { bucketFor, bucketMean, bucketTimes, ganttRows, stackedDelivered, summaryRows, usedShare, type BarKind, type GanttRow } from './workloads-model';

/** Colours of the workload types and of the timeline's bars. */
export const WORKLOAD_COLOURS = {
  training: '#8f7cff',
  inference: '#3ec7c0',
  batch: '#ffb347',
  stopped: '#4a505c',
  up: '#5ab0ff',
  compute: '#ffb347',
  down: '#3ec78a',
} as const satisfies Record<BarKind | 'inference' | 'batch', string>;

const OUTCOME_COLOURS: Record<NonNullable<GanttRow['outcome']>, string> = { done: '#35e07a', late: '#ffb020', missed: '#ff4d4d', open: '#8a8f98' };
const OUTCOME_TEXT: Record<NonNullable<GanttRow['outcome']>, string> = { done: 'done on time', late: 'done late', missed: 'missed', open: 'still open' };
const BAR_TEXT: Record<BarKind, string> = { training: 'training', stopped: 'stopped', up: 'up', compute: 'compute', down: 'down' };

/** Chart points drawn at most (longer runs are averaged over buckets of steps). */
const MAX_POINTS = 4000;

export interface WorkloadsCallbacks {
  onSeek(timeMs: number): void;
}

type Source = Pick<AnalysisResult, 'startMs' | 'endMs' | 'series' | 'workloads'>;

const nullText = (v: number | null | undefined, f: (x: number) => string) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : f(v));

function timeAxis(): uPlot.Axis {
  const span = (u: uPlot) => (u.scales.x.max ?? 0) - (u.scales.x.min ?? 0);
  return { ...AXIS, values: (u: uPlot, splits: number[]) => splits.map((t) => utcLabel(t, span(u))) };
}

export class WorkloadsView {
  private readonly empty: HTMLElement;
  private readonly body: HTMLElement;
  private readonly chartBox: HTMLElement;
  private readonly netBox: HTMLElement;
  private readonly netNote: HTMLElement;
  private readonly usedNote: HTMLElement;
  private readonly summary: HTMLTableElement;
  private readonly gantt: HTMLElement;
  private readonly ganttRowsEl: HTMLElement;
  private readonly ganttAxis: HTMLElement;
  private readonly ganttNote: HTMLElement;
  private readonly ganttCursor: HTMLElement;
  private plots: uPlot[] = [];
  private source: Source | undefined;
  private drawn: Source | undefined;
  private visible = false;
  private readonly observer: ResizeObserver;
  private span: [number, number] = [0, 1];

  constructor(
    readonly root: HTMLElement,
    private readonly cb: WorkloadsCallbacks,
  ) {
    root.classList.add('wl');
    root.dataset.testid = 'workloads-view';
    this.empty = el('div', 'wl-empty', 'No workloads in this design: add workloads (training, inference, batch) in the Design tab.');
    this.empty.dataset.testid = 'workloads-empty';
    this.body = el('div', 'wl-body');

    const left = el('div', 'wl-left');
    this.chartBox = el('div', 'wl-plot');
    const chart = el('section', 'wl-card wl-chart');
    chart.dataset.testid = 'workloads-chart';
    this.usedNote = el('span', 'wl-used');
    this.usedNote.dataset.testid = 'workloads-used';
    const title = el('h4', 'wl-title', 'Delivered vs usable (PFLOPS)');
    title.append(this.usedNote);
    chart.append(title, this.chartBox);
    this.netBox = el('div', 'wl-plot');
    this.netNote = el('div', 'wl-note');
    const net = el('section', 'wl-card wl-net');
    net.dataset.testid = 'workloads-network';
    const netTitle = el('h4', 'wl-title', 'Ring: ');
    for (const [text, colour] of [['all-reduce s', WORKLOAD_COLOURS.training], ['bisection Gbps', WORKLOAD_COLOURS.up]] as const) {
      const key = el('span', 'wl-key');
      const sw = el('span', 'wl-swatch');
      sw.style.background = colour;
      key.append(sw, text, ' ');
      netTitle.append(key);
    }
    net.append(netTitle, this.netNote, this.netBox);
    left.append(chart, net);

    const right = el('div', 'wl-right');
    this.summary = el('table', 'wl-summary');
    this.summary.dataset.testid = 'workloads-summary';
    this.gantt = el('section', 'wl-card wl-gantt');
    this.gantt.dataset.testid = 'workloads-gantt';
    const legend = el('div', 'wl-legend');
    for (const k of ['training', 'stopped', 'up', 'compute', 'down'] as BarKind[]) {
      const key = el('span', 'wl-key');
      const sw = el('span', 'wl-swatch');
      sw.style.background = WORKLOAD_COLOURS[k];
      key.append(sw, BAR_TEXT[k]);
      legend.append(key);
    }
    const dl = el('span', 'wl-key');
    dl.append(el('span', 'wl-swatch wl-deadline-key'), 'deadline');
    legend.append(dl);
    const head = el('div', 'wl-gantt-head');
    head.append(el('h4', 'wl-title', 'Job timeline'), legend);
    this.ganttRowsEl = el('div', 'wl-rows');
    this.ganttCursor = el('div', 'wl-cursor');
    this.ganttCursor.hidden = true;
    this.ganttNote = el('div', 'wl-note');
    this.ganttAxis = el('div', 'wl-axis');
    const scroller = el('div', 'wl-gantt-body');
    const lanes = el('div', 'wl-lanes');
    lanes.append(this.ganttRowsEl, this.ganttCursor);
    scroller.append(lanes);
    scroller.addEventListener('click', (e) => this.seekFromGantt(e));
    this.gantt.append(head, scroller, this.ganttAxis, this.ganttNote);
    const table = el('div', 'wl-table');
    table.append(this.summary);
    right.append(table, this.gantt);

    this.body.append(left, right);
    root.append(this.empty, this.body);
    this.observer = new ResizeObserver(() => this.resize());
    this.observer.observe(this.chartBox);
    this.observer.observe(this.netBox);
    this.showEmpty(true);
  }

  /** The pane is shown (its tab selected) or hidden: charts are drawn only while shown. */
  setVisible(v: boolean): void {
    this.visible = v;
    if (v) this.render();
  }

  setResult(r: Source): void {
    this.source = r;
    if (this.visible) this.render();
  }

  /** Sim time: the timeline's cursor line. */
  setCursor(timeMs: number): void {
    const [t0, t1] = this.span;
    const f = (timeMs - t0) / (t1 - t0);
    const show = Number.isFinite(f) && f >= 0 && f <= 1 && this.drawn?.workloads != null;
    this.ganttCursor.hidden = !show;
    if (show) this.ganttCursor.style.left = `calc(var(--wl-label) + (100% - var(--wl-label)) * ${f})`;
  }

  private showEmpty(on: boolean): void {
    this.empty.hidden = !on;
    this.body.hidden = on;
    this.root.dataset.empty = on ? '1' : '0';
  }

  private render(): void {
    const r = this.source;
    if (r === this.drawn) return;
    this.drawn = r;
    for (const p of this.plots) p.destroy();
    this.plots = [];
    const w = r?.workloads ?? null;
    this.showEmpty(!r || !w);
    if (!r || !w) return;
    this.span = [r.startMs, r.endMs];
    this.renderSummary(w);
    this.renderGantt(w, r.startMs, r.endMs);
    this.renderCharts(r, w);
    this.resize();
  }

  private renderCharts(r: Source, w: WorkloadResult): void {
    const K = w.series.trainingPflops.length;
    const bucket = bucketFor(K, MAX_POINTS);
    const t = bucketTimes(r.series.timeMs, bucket);
    const usable = bucketMean(r.series.usableComputePflops, bucket);
    const inf = bucketMean(w.series.inferencePflops, bucket);
    const bat = bucketMean(w.series.batchPflops, bucket);
    const tr = bucketMean(w.series.trainingPflops, bucket);
    const st = stackedDelivered(inf, bat, tr);
    const used = usedShare(r.series.usableComputePflops, w.series);
    this.usedNote.textContent = Number.isFinite(used) ? ` · ${formatPercent(used)} used` : '';
    const raw = (col: Array<number | null>) => (_u: uPlot, _v: number | null, _si: number, i: number | null) =>
      i === null || i === undefined ? '—' : nullText(col[i], (x) => formatQuantity(x, 'PFLOPS', { sig: 3 }).text);
    const size = (box: HTMLElement) => [Math.max(200, box.clientWidth), Math.max(80, box.clientHeight - 24)] as const;
    const [cw, ch] = size(this.chartBox);
    // Only the types the design has, stacked in priority order; each band fills down to the one below (the first to zero).
    const layers = (
      [
        ['Inference', WORKLOAD_COLOURS.inference, st.inference, inf, w.inference.length > 0],
        ['Batch', WORKLOAD_COLOURS.batch, st.batch, bat, w.batch.length > 0],
        ['Training', WORKLOAD_COLOURS.training, st.training, tr, w.training.length > 0],
      ] as const
    ).filter((l) => l[4]);
    const series: uPlot.Series[] = [{ label: 'UTC', value: utcLegend }];
    const bands: uPlot.Band[] = [];
    layers.forEach(([label, colour, _top, own], k) => {
      series.push({ label, stroke: colour, width: 1, value: raw(own as Array<number | null>), ...(k === 0 ? { fill: alpha(colour, 0.55) } : {}) });
      if (k > 0) bands.push({ series: [k + 1, k], fill: alpha(colour, 0.55) });
    });
    series.push({ label: 'Usable', stroke: STATE_COLOURS.full, width: 1.5, value: raw(usable) });
    const chart = new uPlot(
      {
        ...baseOpts(cw, ch),
        scales: { x: { time: true }, y: { range: yRange({ zero: true }) } },
        axes: [timeAxis(), { ...AXIS, size: 48, values: compactAxis, splits: ySplits() }],
        series,
        bands,
      },
      [t, ...layers.map((l) => l[2]), usable] as unknown as uPlot.AlignedData,
      this.chartBox,
    );
    this.plots.push(chart);

    const hasRing = w.training.length > 0 && w.training[0].nodesPerReplica > 1;
    this.netNote.textContent = hasRing ? '' : w.training.length ? 'One-node replicas: no all-reduce over links.' : 'No training workload: no all-reduce ring.';
    this.netBox.hidden = !hasRing;
    if (!hasRing) return;
    const ar = bucketMean(w.series.allReduceS, bucket);
    const bis = bucketMean(w.series.bisectionGbps, bucket);
    const [nw, nh] = size(this.netBox);
    const net = new uPlot(
      {
        ...baseOpts(nw, nh),
        legend: { show: false },
        scales: { x: { time: true }, s: { range: yRange({ zero: true }) }, g: { range: yRange({ zero: true }) } },
        axes: [
          timeAxis(),
          { ...AXIS, scale: 's', size: 48, values: compactAxis, splits: ySplits(), label: 's', labelSize: 12 },
          { ...AXIS, scale: 'g', side: 1, size: 56, values: compactAxis, splits: ySplits(), grid: { show: false }, label: 'Gbps', labelSize: 12 },
        ],
        series: [
          { label: 'UTC', value: utcLegend },
          { label: 'All-reduce', scale: 's', stroke: WORKLOAD_COLOURS.training, width: 1.5, value: (_u, v) => nullText(v, (x) => `${x.toPrecision(3)} s`) },
          { label: 'Bisection', scale: 'g', stroke: WORKLOAD_COLOURS.up, width: 1.25, value: (_u, v) => nullText(v, (x) => formatQuantity(x, 'Gbps', { sig: 3 }).text) },
        ],
      },
      [t, ar, bis] as unknown as uPlot.AlignedData,
      this.netBox,
    );
    this.plots.push(net);
    this.resize();
  }

  private resize(): void {
    if (!this.plots.length) return;
    const boxes = [this.chartBox, this.netBox];
    this.plots.forEach((p, k) => {
      const box = boxes[k];
      // The legend under the plot takes what it wraps to; the plot gets the rest.
      const legend = p.root.querySelector<HTMLElement>('.u-legend')?.offsetHeight ?? 0;
      if (box.clientWidth > 0) p.setSize({ width: Math.max(200, box.clientWidth), height: Math.max(60, box.clientHeight - legend - 4) });
    });
  }

  private renderSummary(w: WorkloadResult): void {
    const t = this.summary;
    t.replaceChildren();
    // Columns of the types present only (the panel is narrow).
    const cols = [true, w.training.length > 0, true, w.inference.length > 0, w.inference.length > 0, w.batch.length > 0];
    const head = el('tr');
    const heads: Array<[string, string]> = [
      ['Workload', 'Workload (type); hover for details'],
      ['Eff.', 'Training efficiency: committed training compute ÷ the groups’ free compute'],
      ['Delivered', 'Compute the workload used over the run (PFLOP-hours)'],
      ['Served', 'Inference requests answered within the latency budget'],
      ['P95', '95th percentile round-trip latency of the served requests'],
      ['Jobs ✓/✗', 'Batch jobs done / late or missed'],
    ];
    heads.forEach(([h, tip], k) => {
      if (!cols[k]) return;
      const th = el('th', undefined, h);
      th.title = tip;
      head.append(th);
    });
    const thead = el('thead');
    thead.append(head);
    t.append(thead);
    const body = el('tbody');
    for (const row of summaryRows(w)) {
      const tr = el('tr');
      tr.dataset.workloadRow = row.type;
      const name = el('td', 'wl-name');
      const dot = el('span', 'wl-swatch');
      dot.style.background = WORKLOAD_COLOURS[row.type];
      name.append(dot, row.name);
      name.title = `${row.name} (${row.type})${row.note ? `: ${row.note}` : ''}`;
      const cells = [
        nullText(row.efficiency, (x) => formatPercent(x)),
        formatQuantity(row.deliveredPflopHours, 'PFLOP·h', { sig: 3 }).text,
        nullText(row.servedFraction, (x) => formatPercent(x)),
        nullText(row.p95LatencyMs, (x) => formatQuantity(x, 'ms', { sig: 3 }).text),
        row.jobsDone === null ? '—' : `${row.jobsDone} / ${row.jobsMissed ?? 0}`,
      ];
      tr.append(name);
      cells.forEach((c, k) => {
        if (!cols[k + 1]) return;
        const td = el('td', 'wl-num', c);
        if (k === 0 && row.efficiency !== null) td.dataset.value = String(row.efficiency);
        tr.append(td);
      });
      body.append(tr);
    }
    t.append(body);
  }

  private renderGantt(w: WorkloadResult, t0: number, t1: number): void {
    const { rows, hidden } = ganttRows(w, t1);
    const span = Math.max(1, t1 - t0);
    const pct = (t: number) => `${(((Math.min(t1, Math.max(t0, t)) - t0) / span) * 100).toFixed(3)}%`;
    const frag = document.createDocumentFragment();
    for (const row of rows) {
      const lane = el('div', 'wl-lane');
      lane.dataset.ganttRow = row.kind;
      const label = el('div', 'wl-label');
      if (row.outcome) {
        lane.dataset.outcome = row.outcome;
        const dot = el('span', 'wl-outcome');
        dot.style.background = OUTCOME_COLOURS[row.outcome];
        label.append(dot);
      }
      label.append(row.label);
      label.title = row.outcome ? `${row.label}: ${OUTCOME_TEXT[row.outcome]}` : row.label;
      const track = el('div', 'wl-track');
      for (const b of row.bars) {
        const bar = el('div', 'wl-bar');
        bar.dataset.bar = b.kind;
        bar.style.left = pct(b.startMs);
        bar.style.width = `calc(${pct(b.endMs)} - ${pct(b.startMs)})`;
        bar.style.background = WORKLOAD_COLOURS[b.kind];
        bar.title = `${BAR_TEXT[b.kind]}: ${utcText(b.startMs)} → ${utcText(b.endMs)}`;
        track.append(bar);
      }
      if (row.deadlineMs !== undefined && row.deadlineMs >= t0 && row.deadlineMs <= t1) {
        const tick = el('div', 'wl-deadline');
        tick.style.left = pct(row.deadlineMs);
        tick.title = `deadline ${utcText(row.deadlineMs)}`;
        track.append(tick);
      }
      lane.append(label, track);
      frag.append(lane);
    }
    this.ganttRowsEl.replaceChildren(frag);
    this.ganttNote.textContent = rows.length === 0 ? 'No training group formed and no batch job arrived.' : hidden > 0 ? `${hidden} more rows not shown.` : '';
    // time axis (the run's)
    this.ganttAxis.replaceChildren();
    const step = niceTimeStep(span, 6);
    // Ticks too near the right end would be cut off.
    for (let t = Math.ceil(t0 / step) * step; t <= t1 - 0.04 * span; t += step) {
      const tick = el('div', 'wl-tick', utcLabel(t, span));
      tick.style.left = `calc(var(--wl-label) + (100% - var(--wl-label)) * ${(t - t0) / span})`;
      this.ganttAxis.append(tick);
    }
  }

  private seekFromGantt(e: MouseEvent): void {
    const track = this.ganttRowsEl.querySelector<HTMLElement>('.wl-track');
    if (!track) return;
    const box = track.getBoundingClientRect();
    const f = (e.clientX - box.left) / box.width;
    if (f < 0 || f > 1) return;
    this.cb.onSeek(this.span[0] + f * (this.span[1] - this.span[0]));
  }

  dispose(): void {
    this.observer.disconnect();
    for (const p of this.plots) p.destroy();
    this.plots = [];
  }
}
