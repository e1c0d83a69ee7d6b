/**
 * Lifetime and cost of the active design (issue 13), under the KPI cards.
 * From the engine's EconomicsReport (run/lifetime-run.ts), nothing recomputed
 * but two present values the report does not carry (below):
 *  - compute by year: installed against usable PFLOPS (years[].installedPflops,
 *    usablePflops), bars per year of the life (uPlot);
 *  - capacity left: array and battery capacity as a fraction of the start
 *    (years[].arrayCapacityFraction, batteryCapacityFraction);
 *  - node mass by component (mass.*, kg);
 *  - cost in present value ($): in orbit = launch + accelerators + satellite
 *    hardware + operations; ground = build + the same accelerators + energy;
 *    both stacked on one scale, then the two $/PFLOP-hour figures, their ratio
 *    and the break-even launch price ("none" when no price ≥ 0 reaches the ground's).
 * Present values of the yearly spending, as cost/levelised-cost.ts discounts
 * it (end of year y = 1…L, DF = (1 + r)^−y): operations are the same each
 * year, PV = O · Σ DF; the ground's energy falls with the accelerators alive,
 * E_y = E₁ (1 − λ)^(y−1) (E₁ = terrestrial.energyUsdPerYear, λ =
 * lifetime.acceleratorFailureRatePerYear). Used only when the report lacks
 * cost.operationsPvUsd / cost.terrestrial.energyPvUsd.
 * All text is set with textContent.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { presentValue } from '../engine/cost/levelised-cost';
import type { Scenario } from '../engine/input/scenario';
import type { CostBreakdown, EconomicsReport } from '../engine/run/lifetime-run';
import { STATE_COLOURS } from '../view/palette';
import { alpha, AXIS } from './charts';
import { el } from './dom';
import { formatCompact, formatNumber, formatPercent, formatQuantity, formatWithUnit } from './format';

/** One segment of a stacked bar. */
interface Part {
  key: string;
  label: string;
  value: number;
  colour: string;
  title?: string;
}

const COLOURS = {
  installed: '#8c97a9',
  usable: STATE_COLOURS.full,
  array: '#ffd25a',
  battery: '#5ab0ff',
  launch: '#ff9e3d',
  accelerators: '#4cc2ff',
  satellite: '#b48cff',
  operations: '#8c97a9',
  build: '#35e07a',
  energy: '#ffd25a',
  radiator: '#ff6b6b',
  bus: '#6f7d93',
  propellant: '#7fe8ff',
} as const;

/** A plain number as the whole app shows it (format.ts formatNumber): 12,345,678; 6.109. */
export function groupedNumber(v: number): string {
  return formatNumber(v);
}

/** Dollars as the whole app shows them (format.ts): $123,456; $433.5 M. */
export function usd(v: number): string {
  return formatQuantity(v, '$').text;
}

/** Present value of the yearly spending (header): the engine's when it reports it. */
export function spendingPresentValues(cost: CostBreakdown, scenario: Scenario | undefined): { operationsPvUsd: number; energyPvUsd: number } | null {
  const c = cost as CostBreakdown & { operationsPvUsd?: number; terrestrial: { energyPvUsd?: number } };
  if (typeof c.operationsPvUsd === 'number' && typeof c.terrestrial.energyPvUsd === 'number') return { operationsPvUsd: c.operationsPvUsd, energyPvUsd: c.terrestrial.energyPvUsd };
  if (!scenario) return null;
  const r = scenario.economics.discountRate;
  const L = scenario.economics.lifetimeYears;
  const lambda = scenario.lifetime.acceleratorFailureRatePerYear;
  const ops = new Float64Array(L).fill(cost.operationsUsdPerYear);
  const energy = Float64Array.from({ length: L }, (_, y) => cost.terrestrial.energyUsdPerYear * Math.pow(1 - lambda, y));
  return { operationsPvUsd: presentValue(r, ops), energyPvUsd: presentValue(r, energy) };
}

/** A small uPlot chart over the years of the life. */
function yearChart(holder: HTMLElement, series: uPlot.Series[], y: uPlot.Scale, yAxis: Partial<uPlot.Axis>): uPlot {
  const { w, h } = plotSize(holder);
  return new uPlot(
    {
      width: w,
      height: h,
      padding: [6, 6, 0, 0],
      cursor: { drag: { x: false, y: false }, points: { size: 5 } },
      legend: { show: true, live: true },
      scales: { x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] }, y },
      axes: [
        { ...AXIS, size: 24, space: 22, incrs: [1, 2, 5, 10, 20, 50], values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : '')) },
        { ...AXIS, size: 46, ticks: { ...AXIS.ticks, size: 4 }, ...yAxis },
      ],
      series: [{ label: 'Year', value: (_u, v) => (v === null || v === undefined ? '—' : String(v)) }, ...series],
    },
    [[], ...series.map(() => [])],
    holder,
  );
}

function plotSize(holder: HTMLElement): { w: number; h: number } {
  return { w: Math.max(160, Math.floor(holder.clientWidth)), h: 112 };
}

const legendValue = (unit: string) => (_u: uPlot, v: number | null) => (v === null || v === undefined ? '—' : formatWithUnit(v, unit));
const percentValue = (_u: uPlot, v: number | null) => (v === null || v === undefined ? '—' : formatPercent(v));

export class EconomicsView {
  readonly root: HTMLElement;
  private readonly note: HTMLElement;
  private readonly body: HTMLElement;
  private readonly context: HTMLElement;
  private readonly computeHolder: HTMLElement;
  private readonly capacityHolder: HTMLElement;
  private readonly compute: uPlot;
  private readonly capacity: uPlot;
  private readonly mass: HTMLElement;
  private readonly cost: HTMLElement;
  private readonly figures: HTMLElement;
  private readonly observer: ResizeObserver;
  private resizePending = false;

  constructor(parent: HTMLElement) {
    this.root = el('section', 'kpi-group econ');
    this.root.dataset.testid = 'economics';
    this.note = el('p', 'econ-note');
    this.note.dataset.testid = 'economics-note';
    this.body = el('div', 'econ-body');
    this.context = el('p', 'econ-context');

    this.computeHolder = el('div', 'econ-plot');
    this.computeHolder.dataset.chart = 'lifetime-compute';
    this.capacityHolder = el('div', 'econ-plot');
    this.capacityHolder.dataset.chart = 'lifetime-capacity';
    this.mass = el('div', 'econ-stack');
    this.mass.dataset.testid = 'economics-mass';
    this.cost = el('div', 'econ-stack');
    this.cost.dataset.testid = 'economics-cost';
    this.figures = el('dl', 'econ-figures');
    this.figures.dataset.testid = 'economics-figures';
    this.body.append(
      this.context,
      el('h4', 'econ-title', 'Compute by year (PFLOPS)'),
      this.computeHolder,
      el('h4', 'econ-title', 'Capacity left (of the start)'),
      this.capacityHolder,
      el('h4', 'econ-title', 'Node mass (kg)'),
      this.mass,
      el('h4', 'econ-title', 'Cost (present value)'),
      this.cost,
      this.figures,
    );
    this.root.append(el('h3', undefined, 'Lifetime and cost'), this.note, this.body);
    parent.append(this.root);

    this.compute = yearChart(
      this.computeHolder,
      [
        { label: 'Installed', stroke: COLOURS.installed, fill: alpha(COLOURS.installed, 0.3), width: 1, paths: uPlot.paths.bars?.({ size: [0.7, 40] }), points: { show: false }, value: legendValue('PFLOPS') },
        { label: 'Usable', stroke: COLOURS.usable, fill: alpha(COLOURS.usable, 0.75), width: 1, paths: uPlot.paths.bars?.({ size: [0.7, 40] }), points: { show: false }, value: legendValue('PFLOPS') },
      ],
      { range: (_u, _min, max) => [0, max > 0 ? max * 1.08 : 1] },
      { values: (_u, splits) => splits.map((v) => formatCompact(v)) },
    );
    this.capacity = yearChart(
      this.capacityHolder,
      [
        { label: 'Array', stroke: COLOURS.array, width: 1.5, points: { show: true, size: 4 }, value: percentValue },
        { label: 'Battery', stroke: COLOURS.battery, width: 1.5, points: { show: true, size: 4 }, value: percentValue },
      ],
      { range: [0, 1] },
      { values: (_u, splits) => splits.map((v) => `${Math.round(v * 100)}%`) },
    );
    this.observer = new ResizeObserver(() => {
      if (this.resizePending) return;
      this.resizePending = true;
      requestAnimationFrame(() => {
        this.resizePending = false;
        this.resize();
      });
    });
    this.observer.observe(this.root);
    this.set(undefined);
  }

  private resize(): void {
    if (this.body.hidden || this.computeHolder.clientWidth < 40) return;
    for (const [plot, holder] of [
      [this.compute, this.computeHolder],
      [this.capacity, this.capacityHolder],
    ] as const) {
      const { w, h } = plotSize(holder);
      if (plot.width !== w || plot.height !== h) plot.setSize({ width: w, height: h });
    }
  }

  /** The active design's report: undefined before a result, null when the run computed no lifetime. */
  set(e: EconomicsReport | null | undefined, scenario?: Scenario): void {
    this.root.dataset.state = e ? 'shown' : e === null ? 'off' : 'none';
    if (!e) {
      this.note.textContent =
        e === null ? 'Not computed for this run: tick “Compute lifetime and cost” under Mass, lifetime and cost.' : 'Shown when the analysis has finished.';
      this.note.hidden = false;
      this.body.hidden = true;
      return;
    }
    this.note.hidden = true;
    this.body.hidden = false;
    const E = scenario?.economics;
    this.context.textContent = E
      ? `${E.lifetimeYears} ${E.lifetimeYears === 1 ? 'year' : 'years'} at ${formatPercent(E.discountRate)} a year, ${formatPercent(E.utilisation)} utilisation, launch ${formatWithUnit(E.launchUsdPerKg, '$/kg')}.`
      : '';
    this.context.hidden = !E;

    const years = e.years.map((y) => y.year);
    this.compute.setData([years, e.years.map((y) => y.installedPflops), e.years.map((y) => y.usablePflops)]);
    this.capacity.setData([years, e.years.map((y) => y.arrayCapacityFraction), e.years.map((y) => y.batteryCapacityFraction)]);
    this.resize();

    const m = e.mass;
    const massParts: Part[] = m.overridden
      ? [{ key: 'total', label: 'Node (given mass)', value: m.totalKg, colour: COLOURS.installed, title: 'node.massKg replaces the component model' }]
      : [
          { key: 'array', label: 'Array', value: m.arrayKg, colour: COLOURS.array },
          { key: 'radiator', label: 'Radiator', value: m.radiatorKg, colour: COLOURS.radiator },
          { key: 'battery', label: 'Battery', value: m.batteryKg, colour: COLOURS.battery },
          { key: 'compute', label: 'Compute', value: m.computeKg, colour: COLOURS.accelerators },
          { key: 'bus', label: 'Bus and structure', value: m.busKg, colour: COLOURS.bus },
          { key: 'propellant', label: 'Propellant', value: m.propellantKg, colour: COLOURS.propellant },
        ];
    this.mass.replaceChildren(stack('Per node', massParts, m.totalKg, (v) => formatWithUnit(v, 'kg'), `${formatWithUnit(e.constellationMassKg, 'kg')} for the constellation`));

    const c = e.cost;
    const pv = spendingPresentValues(c, scenario);
    const space: Part[] = [
      { key: 'launch', label: 'Launch', value: c.launchUsd, colour: COLOURS.launch },
      { key: 'accelerators', label: 'Accelerators', value: c.computeHardwareUsd, colour: COLOURS.accelerators },
      { key: 'satellite', label: 'Satellite hardware', value: c.satelliteHardwareUsd, colour: COLOURS.satellite },
      ...(pv
        ? [{ key: 'operations', label: 'Operations', value: pv.operationsPvUsd, colour: COLOURS.operations, title: `${usd(c.operationsUsdPerYear)} a year (${usd(c.groundStationUsdPerYear)} of it ground-station time), discounted` }]
        : []),
    ];
    const ground: Part[] = [
      { key: 'build', label: 'Build', value: c.terrestrial.buildUsd, colour: COLOURS.build },
      { key: 'accelerators', label: 'Accelerators', value: c.terrestrial.hardwareUsd, colour: COLOURS.accelerators },
      ...(pv ? [{ key: 'energy', label: 'Energy', value: pv.energyPvUsd, colour: COLOURS.energy, title: `${usd(c.terrestrial.energyUsdPerYear)} in the first year, discounted` }] : []),
    ];
    const total = (p: Part[]) => p.reduce((a, x) => a + x.value, 0);
    const scale = Math.max(total(space), total(ground));
    const spaceBox = stack('In orbit', space, scale, usd);
    spaceBox.dataset.side = 'space';
    const groundBox = stack('Ground data centre', ground, scale, usd);
    groundBox.dataset.side = 'ground';
    this.cost.replaceChildren(spaceBox, groundBox);

    const perHour = (v: number | null) => (v === null ? 'none' : formatWithUnit(v, '$/PFLOP·h'));
    const launchNow = E ? ` (now ${formatWithUnit(E.launchUsdPerKg, '$/kg')})` : '';
    const rows: Array<[string, string, string, string?]> = [
      ['space', 'In orbit, per PFLOP-hour', perHour(c.costPerPflopHourUsd), c.costPerPflopHourUsd === null ? 'nothing delivered' : 'levelised: capital and discounted operations ÷ discounted PFLOP-hours of paid work'],
      ['ground', 'Ground, per PFLOP-hour', perHour(c.terrestrial.costPerPflopHourUsd), 'the same accelerators in a ground data centre'],
      ['ratio', 'In orbit ÷ ground', c.spaceToGroundCostRatio === null ? '—' : `${formatNumber(c.spaceToGroundCostRatio, 3)}×`],
      [
        'break-even',
        'Break-even launch price',
        c.breakEvenLaunchUsdPerKg === null ? 'none' : formatWithUnit(c.breakEvenLaunchUsdPerKg, '$/kg'),
        c.breakEvenLaunchUsdPerKg === null
          ? `No launch price ≥ 0 makes orbit as cheap as the ground${launchNow}: the satellites without launch already cost more.`
          : `Launch price at which orbit costs the same per PFLOP-hour as the ground${launchNow}.`,
      ],
    ];
    this.figures.replaceChildren(
      ...rows.flatMap(([key, label, value, title]) => {
        const dt = el('dt', undefined, label);
        const dd = el('dd', undefined, value);
        dd.dataset.figure = key;
        if (title) dt.title = dd.title = title;
        return [dt, dd];
      }),
    );
  }

  /** Chart canvases with titles and legend entries (as ChartPanel.snapshot). */
  snapshot(): Array<{ title: string; canvas: HTMLCanvasElement; legend: Array<[string, string]> }> {
    const of = (title: string, p: uPlot) => ({
      title,
      canvas: p.ctx.canvas,
      legend: p.series.slice(1).map((s): [string, string] => [String(s.label ?? ''), typeof s.stroke === 'string' ? s.stroke : '#9aa4b2']),
    });
    return [of('Compute by year (PFLOPS)', this.compute), of('Capacity left (of the start)', this.capacity)];
  }

  dispose(): void {
    this.observer.disconnect();
    this.compute.destroy();
    this.capacity.destroy();
    this.root.remove();
  }
}

/** A titled stacked bar (width ∝ total / scale) with one row per part below it. */
function stack(title: string, parts: Part[], scale: number, format: (v: number) => string, footnote?: string): HTMLElement {
  const box = el('div', 'econ-side');
  const total = parts.reduce((a, p) => a + p.value, 0);
  const head = el('div', 'econ-side-head');
  const t = el('span', 'econ-total', format(total));
  t.dataset.total = '';
  head.append(el('span', undefined, title), t);
  const bar = el('div', 'econ-bar');
  for (const p of parts) {
    const seg = el('i');
    seg.style.width = `${scale > 0 ? (Math.max(0, p.value) / scale) * 100 : 0}%`;
    seg.style.background = p.colour;
    seg.title = `${p.label}: ${format(p.value)}`;
    bar.append(seg);
  }
  const list = el('ul', 'econ-parts');
  for (const p of parts) {
    const li = el('li');
    li.dataset.part = p.key;
    const sw = el('i', 'econ-swatch');
    sw.style.background = p.colour;
    const share = total > 0 ? ` ${Math.round((p.value / total) * 100)} %` : '';
    li.append(sw, el('span', 'econ-label', p.label), el('span', 'econ-share', share), el('span', 'econ-val', format(p.value)));
    if (p.title) li.title = p.title;
    list.append(li);
  }
  box.append(head, bar, list);
  if (footnote) box.append(el('p', 'econ-foot', footnote));
  return box;
}
