/**
 * Comparison workspace: a table of every KPI per design, with the difference
 * to a chosen baseline design and the best value of each row marked, and
 * charts overlaying the designs' time series (one colour per design, legend),
 * against elapsed time from each design's start.
 *
 * Hooks: data-testid="compare-table"; rows data-kpi-row="<kpiName>"; cells
 * data-design-cell="<design name>" with data-value (the KPI) and, off the
 * baseline, data-delta (value − baseline); data-best="true" on the best cells.
 * Design names are set with textContent only.
 */
import { MS_PER_HOUR } from '../engine/core/constants';
import uPlot from 'uplot';
import type { Kpis, SeriesColumns } from '../engine/run/simulation';
import type { AnalysisResult } from '../../workers/protocol';
import type { RowState } from './design-list';
import { formatCompact, formatKpi, formatKpiDelta, formatNumber, KPI_META } from './format';
import { kpiTooltip } from './kpi-info';
import { overlaySeries } from './overlay-data';
import { moveCursors } from './charts';
import { el } from './dom';

export interface CompareEntry {
  id: number;
  name: string;
  colour: string;
  hash?: string;
  state: RowState;
  result?: Pick<AnalysisResult, 'kpis' | 'series' | 'startMs' | 'stepMs'>;
}

export interface CompareCallbacks {
  onBaseline(id: number): void;
  /** Design to show beside the active one in the 3D view; -1 for the active design only. */
  onSide(id: number): void;
  /** Elapsed time (ms from the start) clicked on a chart. */
  onSeekElapsed(elapsedMs: number): void;
}

/** The table's group of every KPI (a Record, so a new KPI without a group does not compile). */
const GROUP_OF: Record<keyof Kpis, string> = {
  installedComputePflops: 'Compute',
  meanUsableComputePflops: 'Compute',
  minUsableComputePflops: 'Compute',
  powerLimitedFraction: 'Compute',
  thermalLimitedFraction: 'Compute',
  storageLimitedFraction: 'Compute',
  satelliteCount: 'Constellation',
  satellitesFailed: 'Constellation',
  eclipseFraction: 'Constellation',
  eclipseFractionOrbitMean: 'Constellation',
  minSeparationKm: 'Constellation',
  minStateOfCharge: 'Power & thermal',
  maxTemperatureC: 'Power & thermal',
  maxJunctionTemperatureC: 'Power & thermal',
  energyGeneratedKWh: 'Power & thermal',
  energyConsumedKWh: 'Power & thermal',
  energyCurtailedKWh: 'Power & thermal',
  energyStoredDeltaKWh: 'Power & thermal',
  energyBatteryLossKWh: 'Power & thermal',
  energyUnmetKWh: 'Power & thermal',
  batteryCyclesPerDay: 'Battery wear',
  batteryMeanDepthOfDischarge: 'Battery wear',
  batteryCapacityFadePerYear: 'Battery wear',
  contactMinutesPerSatellitePerDay: 'Data & contact',
  contactMinutesSummedPerSatellitePerDay: 'Data & contact',
  contactMinutesServedPerSatellitePerDay: 'Data & contact',
  downlinkSessions: 'Data & contact',
  dataDownlinkedGB: 'Data & contact',
  dataGeneratedGB: 'Data & contact',
  nodeMassKg: 'Mass & orbit',
  constellationMassKg: 'Mass & orbit',
  stationKeepingDeltaVMPerSPerYear: 'Mass & orbit',
  naturalDecayYears: 'Mass & orbit',
  radiationDoseRadPerYear: 'Mass & orbit',
  annualEclipseFraction: 'Lifetime & cost',
  deliveredPflopHoursLifetime: 'Lifetime & cost',
  launchCostUsd: 'Lifetime & cost',
  capitalCostUsd: 'Lifetime & cost',
  launchUsdPerKWYear: 'Lifetime & cost',
  costPerPflopHourUsd: 'Lifetime & cost',
  terrestrialCostPerPflopHourUsd: 'Lifetime & cost',
  spaceToGroundCostRatio: 'Lifetime & cost',
  breakEvenLaunchUsdPerKg: 'Lifetime & cost',
  deliveredPflopHours: 'Workloads',
  deliveredPflopHoursTraining: 'Workloads',
  deliveredPflopHoursInference: 'Workloads',
  deliveredPflopHoursBatch: 'Workloads',
  trainingEfficiency: 'Workloads',
  jobsCompleted: 'Workloads',
  deadlineMissFraction: 'Workloads',
  inferenceServedFraction: 'Workloads',
  inferenceP95LatencyMs: 'Workloads',
};

/** Groups in first-appearance order, each with its KPIs in GROUP_OF's order. */
const GROUPS: Array<[string, ReadonlyArray<keyof Kpis>]> = (() => {
  const m = new Map<string, Array<keyof Kpis>>();
  for (const [k, g] of Object.entries(GROUP_OF) as Array<[keyof Kpis, string]>) {
    if (!m.has(g)) m.set(g, []);
    m.get(g)!.push(k);
  }
  return [...m.entries()];
})();

/** A KPI as shown in a cell: the same text as its KPI card (format.ts formatKpi). */
export function kpiText(name: keyof Kpis, v: number): string {
  return formatKpi(name, v).text;
}

/** The difference to the baseline as shown: shares in percentage points, others in the KPI's unit (scaled) and relative. */
export function deltaText(name: keyof Kpis, v: number, base: number): string {
  return formatKpiDelta(name, v, base);
}

/** Indices of the best values (ties included) for a KPI with a direction; empty when fewer than two values. */
export function bestOf(values: ReadonlyArray<number | undefined>, better: 'max' | 'min' | undefined): Set<number> {
  const out = new Set<number>();
  const finite = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  if (!better || finite.length < 2) return out;
  const best = better === 'max' ? Math.max(...finite) : Math.min(...finite);
  if (finite.every((v) => v === best)) return out;
  values.forEach((v, i) => {
    if (v === best) out.add(i);
  });
  return out;
}

interface OverlayDef {
  id: string;
  title: string;
  column: keyof SeriesColumns;
  digits: number;
  range?: [number, number];
}

const OVERLAYS: OverlayDef[] = [
  { id: 'usable', title: 'Usable compute (PFLOPS)', column: 'usableComputePflops', digits: 4 },
  { id: 'soc', title: 'Mean state of charge', column: 'meanStateOfCharge', digits: 3, range: [0, 1] },
  { id: 'temp', title: 'Max temperature (°C)', column: 'maxTemperatureC', digits: 4 },
  { id: 'stored', title: 'Stored data (GB)', column: 'storedDataGB', digits: 4 },
];

const AXIS = { stroke: '#9aa4b2', grid: { stroke: 'rgba(255,255,255,0.06)', width: 1 }, ticks: { stroke: 'rgba(255,255,255,0.12)', width: 1 }, font: '11px system-ui, sans-serif' };

/** Elapsed-hours axis labels: "6 h", or days past 72 h. */
function hoursLabel(h: number, span: number): string {
  if (span > 72) return `${Number((h / 24).toPrecision(3))} d`;
  return `${Number(h.toPrecision(4))} h`;
}

interface MountedChart {
  def: OverlayDef;
  plot: uPlot;
  holder: HTMLElement;
  cursor: HTMLElement;
  lastPx: number;
}

export class ComparePanel {
  readonly root: HTMLElement;
  private readonly table: HTMLTableElement;
  private readonly baselineSelect: HTMLSelectElement;
  private readonly sideSelect: HTMLSelectElement;
  private readonly chartsBox: HTMLElement;
  private readonly chartLegend: HTMLElement;
  private charts: MountedChart[] = [];
  private chartKey = '';
  private entries: CompareEntry[] = [];
  private visible = false;
  private dirty = true;
  private cursorHours = Number.NaN;
  private readonly observer: ResizeObserver;
  private resizePending = false;

  constructor(root: HTMLElement, private readonly cb: CompareCallbacks) {
    this.root = root;
    root.classList.add('workspace', 'compare');
    const head = el('div', 'ws-head');
    head.append(el('h2', 'ws-title', 'Compare designs'));
    const bl = el('label', 'ws-field', 'Baseline');
    this.baselineSelect = el('select');
    this.baselineSelect.name = 'baseline';
    this.baselineSelect.dataset.testid = 'baseline';
    this.baselineSelect.addEventListener('change', () => cb.onBaseline(Number(this.baselineSelect.value)));
    bl.append(this.baselineSelect);
    const sv = el('label', 'ws-field', '3D view');
    this.sideSelect = el('select');
    this.sideSelect.name = 'side-view';
    this.sideSelect.dataset.testid = 'side-view';
    this.sideSelect.addEventListener('change', () => cb.onSide(Number(this.sideSelect.value)));
    sv.append(this.sideSelect);
    const note = el('span', 'ws-note', 'Δ vs baseline · ★ best · charts: time from each design’s start');
    head.append(bl, sv, note);

    const body = el('div', 'compare-body');
    const wrap = el('div', 'compare-table-wrap');
    this.table = el('table', 'compare-table');
    this.table.dataset.testid = 'compare-table';
    wrap.append(this.table);
    const chartsCol = el('div', 'overlay-col');
    this.chartLegend = el('div', 'overlay-legend');
    this.chartsBox = el('div', 'overlay-charts');
    chartsCol.append(this.chartLegend, this.chartsBox);
    body.append(wrap, chartsCol);
    root.append(head, body);

    this.observer = new ResizeObserver(() => {
      if (this.resizePending || !this.visible) return;
      this.resizePending = true;
      requestAnimationFrame(() => {
        this.resizePending = false;
        for (const c of this.charts) {
          const { w, h } = this.plotSize(c.holder);
          c.plot.setSize({ width: w, height: h });
          c.lastPx = Number.NaN;
        }
        this.setCursorHours(this.cursorHours);
      });
    });
    this.observer.observe(this.chartsBox);
  }

  setVisible(v: boolean): void {
    this.visible = v;
    if (v && this.pendingTable) {
      const p = this.pendingTable;
      this.pendingTable = undefined;
      this.fillSelects(this.entries, p.baselineId, p.sideId, p.activeId);
      this.renderTable(this.entries, p.baselineId);
    }
    if (v && this.dirty) this.redrawCharts();
  }

  private pendingTable: { baselineId: number; sideId: number; activeId: number } | undefined;

  /** New designs, states or results (drawn now when shown, else when the tab opens). */
  update(entries: CompareEntry[], baselineId: number, sideId: number, activeId: number): void {
    this.entries = entries;
    this.dirty = true;
    if (!this.visible) {
      this.pendingTable = { baselineId, sideId, activeId };
      return;
    }
    this.fillSelects(entries, baselineId, sideId, activeId);
    this.renderTable(entries, baselineId);
    this.redrawCharts();
  }

  private fillSelects(entries: CompareEntry[], baselineId: number, sideId: number, activeId: number): void {
    const opts = (s: HTMLSelectElement, items: Array<[number, string]>, value: number) => {
      s.replaceChildren(
        ...items.map(([id, label]) => {
          const o = el('option', undefined, label);
          o.value = String(id);
          return o;
        }),
      );
      s.value = String(value);
    };
    opts(this.baselineSelect, entries.map((e) => [e.id, e.name]), baselineId);
    opts(
      this.sideSelect,
      [[-1, 'Active design only'], ...entries.filter((e) => e.id !== activeId).map((e): [number, string] => [e.id, `Beside it: ${e.name}`])],
      entries.some((e) => e.id === sideId && e.id !== activeId) ? sideId : -1,
    );
    this.sideSelect.disabled = entries.length < 2;
  }

  private renderTable(entries: CompareEntry[], baselineId: number): void {
    const base = entries.find((e) => e.id === baselineId) ?? entries[0];
    const thead = el('thead');
    const hr = el('tr');
    hr.append(el('th', 'kpi-col', 'KPI'));
    for (const e of entries) {
      const th = el('th', 'design-col');
      th.dataset.designCol = e.name;
      const top = el('div', 'col-name');
      const sw = el('span', 'swatch');
      sw.style.background = e.colour;
      top.append(sw, el('span', 'col-label', e.name));
      const sub = el('div', 'col-sub');
      sub.append(el('code', 'hash', e.hash ?? '········'));
      if (e === base && entries.length > 1) sub.append(el('span', 'tag', 'baseline'));
      else if (entries.length > 1) {
        const b = el('button', 'btn tiny set-baseline', 'set baseline');
        b.type = 'button';
        b.title = `Compare the others against ${e.name}`;
        b.addEventListener('click', () => this.cb.onBaseline(e.id));
        sub.append(b);
      }
      if (e.state !== 'done') sub.append(el('span', `design-state ${e.state}`, e.state === 'running' ? 'running…' : e.state === 'pending' ? 'queued' : e.state));
      th.append(top, sub);
      hr.append(th);
    }
    thead.append(hr);
    const tbody = el('tbody');
    for (const [group, names] of GROUPS) {
      const gr = el('tr', 'group-row');
      const gth = el('th', undefined, group);
      gth.colSpan = entries.length + 1;
      gr.append(gth);
      tbody.append(gr);
      for (const name of names) {
        const meta = KPI_META[name];
        const tr = el('tr');
        tr.dataset.kpiRow = name;
        const th = el('th', 'kpi-name');
        th.append(el('span', undefined, meta.label));
        th.title = kpiTooltip(name);
        tr.append(th);
        const values = entries.map((e) => e.result?.kpis[name] ?? undefined);
        const best = bestOf(values, meta.better);
        const bv = base?.result?.kpis[name] ?? undefined;
        entries.forEach((e, i) => {
          const td = el('td', 'kpi-cell');
          td.dataset.designCell = e.name;
          const v = values[i];
          if (v === undefined && e.result) {
            td.append(el('div', 'v', '—'));
            td.title = 'not computed for this design';
          } else if (v === undefined) {
            td.append(el('div', 'v pending', e.state === 'invalid' ? 'invalid' : e.state === 'error' ? 'error' : '…'));
          } else {
            td.dataset.value = String(v);
            const vd = el('div', 'v');
            if (best.has(i)) {
              td.dataset.best = 'true';
              td.classList.add('best');
              const star = el('span', 'best-mark', '★');
              star.setAttribute('aria-label', 'best');
              star.title = 'Best of the designs';
              vd.append(star);
            }
            vd.append(document.createTextNode(kpiText(name, v)));
            td.append(vd);
            if (e !== base && bv !== undefined) {
              const d = v - bv;
              td.dataset.delta = String(d);
              const dd = el('div', 'd', deltaText(name, v, bv));
              if (d !== 0 && meta.better) dd.classList.add((d > 0) === (meta.better === 'max') ? 'better' : 'worse');
              td.append(dd);
            }
          }
          tr.append(td);
        });
        tbody.append(tr);
      }
    }
    this.table.replaceChildren(thead, tbody);
  }

  private plotSize(holder: HTMLElement): { w: number; h: number } {
    return { w: Math.max(160, holder.clientWidth), h: Math.max(70, holder.clientHeight) };
  }

  private redrawCharts(): void {
    this.dirty = false;
    const entries = this.entries;
    const key = entries.map((e) => `${e.id}:${e.colour}:${e.name}`).join('|');
    if (key !== this.chartKey) {
      this.chartKey = key;
      this.buildCharts(entries);
    }
    for (const c of this.charts) {
      const inputs = entries.map((e) =>
        e.result
          ? { startMs: e.result.startMs, stepMs: e.result.stepMs, timeMs: e.result.series.timeMs, values: e.result.series[c.def.column] }
          : { startMs: 0, stepMs: 1, timeMs: [], values: [] },
      );
      const o = overlaySeries(inputs);
      c.plot.setData([o.hours, ...o.ys] as uPlot.AlignedData);
      c.lastPx = Number.NaN;
    }
    this.setCursorHours(this.cursorHours);
  }

  private buildCharts(entries: CompareEntry[]): void {
    for (const c of this.charts) c.plot.destroy();
    this.charts = [];
    this.chartsBox.replaceChildren();
    this.chartLegend.replaceChildren(
      ...entries.map((e) => {
        const item = el('span', 'overlay-legend-item');
        const sw = el('span', 'swatch line');
        sw.style.background = e.colour;
        item.append(sw, el('span', undefined, e.name));
        return item;
      }),
    );
    for (const def of OVERLAYS) {
      const box = el('div', 'chart');
      box.dataset.chart = `overlay-${def.id}`;
      const holder = el('div', 'chart-plot');
      box.append(el('div', 'chart-title', def.title), holder);
      this.chartsBox.append(box);
      const { w, h } = this.plotSize(holder);
      const fmt = (_u: uPlot, v: number | null) => (v === null || v === undefined ? '—' : formatNumber(v, def.digits));
      const plot = new uPlot(
        {
          width: w,
          height: h,
          cursor: { drag: { x: false, y: false }, points: { size: 5 } },
          legend: { show: false },
          padding: [8, 8, 0, 0],
          scales: { x: { time: false }, y: def.range ? { range: def.range } : { range: (_u, min, max) => (min === max ? [min - 1, max + 1] : [Math.min(0, min), max + (max - min) * 0.05]) } },
          axes: [
            { ...AXIS, values: (u: uPlot, splits: number[]) => splits.map((x) => hoursLabel(x, (u.scales.x.max ?? 0) - (u.scales.x.min ?? 0))) },
            { ...AXIS, size: 44, values: (_u: uPlot, splits: number[]) => splits.map((v) => formatCompact(v)) },
          ],
          series: [
            { label: 'T+', value: (_u: uPlot, v: number | null) => (v === null ? '—' : `${v.toFixed(2)} h`) },
            ...entries.map((e) => ({ label: e.name, stroke: e.colour, width: 1.5, spanGaps: true, value: fmt })),
          ],
        },
        [[], ...entries.map(() => [])] as unknown as uPlot.AlignedData,
        holder,
      );
      const cursor = el('div', 'chart-cursor');
      plot.over.append(cursor);
      plot.over.addEventListener('click', () => {
        const left = plot.cursor.left;
        if (left === undefined || left < 0) return;
        this.cb.onSeekElapsed(plot.posToVal(left, 'x') * MS_PER_HOUR);
      });
      this.charts.push({ def, plot, holder, cursor, lastPx: Number.NaN });
    }
  }

  /** Sim-time cursor, as hours from the active design's start. */
  setCursorHours(hours: number): void {
    this.cursorHours = hours;
    if (!this.visible || !Number.isFinite(hours)) return;
    moveCursors(this.charts, hours);
  }

  /** The chart canvases with titles and legend entries, for a PNG. */
  snapshot(): Array<{ title: string; canvas: HTMLCanvasElement; legend: Array<[string, string]> }> {
    return this.charts.map((c) => ({ title: c.def.title, canvas: c.plot.ctx.canvas, legend: this.entries.map((e): [string, string] => [e.name, e.colour]) }));
  }

  dispose(): void {
    this.observer.disconnect();
    for (const c of this.charts) c.plot.destroy();
  }
}
