/**
 * Sweep workspace: choose a base design (the active one: the parameter panel
 * on the left shows and edits it, and choosing another base makes that one
 * active) and one or two scenario fields with
 * their values, run every combination on the worker pool (overall progress,
 * cancel), and read the result as a KPI-against-parameter chart (one field),
 * a heat map (two fields) and a Pareto view of two metrics. Clicking a point
 * or cell opens that design in the session. A results CSV computed elsewhere
 * (the CLI's sweep, shards joined by sweep-merge) opens in the same views
 * (button or dropped on the tab); the sweep set up in the form exports as
 * the CLI's sweep file for a cluster run.
 *
 * Hooks: data-testid="sweep-chart" (data-points = plotted points, data-kind =
 * line | heatmap), "pareto-chart" (data-points, data-front), "sweep-status"
 * (data-state = idle | planning | running | done | cancelled | invalid),
 * "sweep-run", "sweep-cancel", "sweep-progress", "sweep-points" (one row per
 * design, data-point-index, with an Open button); inputs named sweep-base,
 * sweep-field-1/2, sweep-from-1/2, sweep-to-1/2, sweep-count-1/2,
 * sweep-values-1/2, sweep-metric, pareto-x, pareto-y. Results from a file:
 * "sweep-open-csv" (button) and "sweep-open-csv-input" (its file input),
 * "sweep-source" (data-source = run | file, data-file-name, data-rows); the
 * chart's data-cells (heat-map cells with a value) and data-source; each
 * "sweep-points" row's data-value (the plotted metric's raw value).
 */
import type { Scenario } from '../engine/input/scenario';
import type { LaneStats } from './pool';
import { HeatMap, ScatterPlot, tickLabel } from './plots';
import { defaultRange, fileSweep, metrics, metricText, paretoFront, parseValueList, rangeValues, sweepFields, sweepFile, MAX_APP_SWEEP_DESIGNS, type Metric, type PlotPoint, type SweepField, type SweepPoint, type SweepVary } from './sweep-model';
import { parseSweepCsv } from '../engine/output/sweep-csv-parse';
import { getPath } from './draft';
import { el } from './dom';
import './sweep-csv.css';

export interface SweepBase {
  id: number;
  name: string;
  colour: string;
  scenario?: Scenario;
}

export interface SweepPanelCallbacks {
  onRun(baseId: number, vary: SweepVary[]): void;
  /** The user chose design `id` as the base: make it the active design (the panel shows it). */
  onBase(id: number): void;
  onCancel(): void;
  onOpenPoint(index: number): void;
  onExportCsv(): void;
  onExportFile(): void;
}

/** 'file': showing results read from a CSV. */
export type SweepState = 'idle' | 'planning' | 'running' | 'done' | 'cancelled' | 'invalid' | 'file';

/** Where the plotted results came from. */
export type SweepSource = { kind: 'run' } | { kind: 'file'; name: string; rows: number; missing: number };

function input(name: string, width = ''): HTMLInputElement {
  const i = el('input');
  i.type = 'text';
  i.name = name;
  i.autocomplete = 'off';
  i.spellcheck = false;
  if (width) i.style.width = width;
  return i;
}

interface FieldRow {
  select: HTMLSelectElement;
  from: HTMLInputElement;
  to: HTMLInputElement;
  count: HTMLInputElement;
  values: HTMLInputElement;
  box: HTMLElement;
}

const withUnit = (label: string, unit: string) => (unit ? `${label} (${unit})` : label);

/** Rows the design table lists (a results CSV may hold 10 000). */
const MAX_TABLE_ROWS = 1000;

export class SweepPanel {
  readonly root: HTMLElement;
  private readonly baseSelect: HTMLSelectElement;
  private readonly rows: FieldRow[] = [];
  private readonly countText: HTMLElement;
  private readonly runBtn: HTMLButtonElement;
  private readonly cancelBtn: HTMLButtonElement;
  private readonly progressBar: HTMLElement;
  private readonly status: HTMLElement;
  private readonly message: HTMLElement;
  private readonly pointsTable: HTMLTableElement;
  private readonly metricSelect: HTMLSelectElement;
  private readonly paretoX: HTMLSelectElement;
  private readonly paretoY: HTMLSelectElement;
  private readonly chartBox: HTMLElement;
  private readonly chartTitle: HTMLElement;
  private readonly paretoBox: HTMLElement;
  private readonly line: ScatterPlot;
  private readonly heat: HeatMap;
  private readonly pareto: ScatterPlot;
  private readonly heatHolder: HTMLElement;
  private readonly lineHolder: HTMLElement;
  private bases: SweepBase[] = [];
  private fields: SweepField[] = [];
  private planFields: SweepField[] = [];
  private vary: SweepVary[] = [];
  private points: readonly PlotPoint[] = [];
  private source: SweepSource = { kind: 'run' };
  private readonly openBtn: HTMLButtonElement;
  private readonly csvBtn: HTMLButtonElement;
  private readonly sourceNote: HTMLElement;
  private colour = '#4cc2ff';
  private visible = false;
  private redrawPending = false;
  /** The design whose fields the form shows (the base; -1: none yet). */
  private baseId = -1;
  state: SweepState = 'idle';

  constructor(root: HTMLElement, private readonly cb: SweepPanelCallbacks) {
    this.root = root;
    root.classList.add('workspace', 'sweep');
    const form = el('div', 'sweep-form');
    form.append(el('h2', 'ws-title', 'Sweep'));
    form.append(el('p', 'ws-help', 'Vary one or two fields of a design over a range; every combination runs on the worker pool. Same semantics and CSV as npm run sim -- sweep.'));
    const baseLabel = el('label', 'sweep-label', 'Base design');
    this.baseSelect = el('select');
    this.baseSelect.name = 'sweep-base';
    this.baseSelect.addEventListener('change', () => {
      // The form follows at once; the session then makes the base active (setBases confirms it).
      this.baseId = Number(this.baseSelect.value);
      this.refreshFields(true);
      cb.onBase(this.baseId);
    });
    const baseNote = el('p', 'ws-note', 'The active design: the panel on the left shows and edits it.');
    form.append(baseLabel, this.baseSelect, baseNote);
    for (let k = 0; k < 2; k++) {
      const box = el('fieldset', 'sweep-field');
      const legend = el('legend', undefined, k === 0 ? 'Field 1' : 'Field 2 (optional: heat map)');
      const select = el('select');
      select.name = `sweep-field-${k + 1}`;
      const from = input(`sweep-from-${k + 1}`);
      const to = input(`sweep-to-${k + 1}`);
      const count = input(`sweep-count-${k + 1}`);
      const values = input(`sweep-values-${k + 1}`);
      values.placeholder = 'values, comma separated';
      const range = el('div', 'sweep-range');
      const lab = (t: string, i: HTMLInputElement) => {
        const l = el('label', undefined, t);
        l.append(i);
        return l;
      };
      range.append(lab('from', from), lab('to', to), lab('values', count));
      const vl = el('label', 'sweep-values-label', 'Values');
      vl.append(values);
      box.append(legend, select, range, vl);
      form.append(box);
      const row: FieldRow = { select, from, to, count, values, box };
      this.rows.push(row);
      select.addEventListener('change', () => {
        this.fillRange(k, true);
        this.updateCount();
      });
      for (const i of [from, to, count]) {
        i.addEventListener('input', () => {
          this.regenValues(k);
          this.updateCount();
        });
      }
      values.addEventListener('input', () => {
        // Keep the range boxes describing the typed list.
        const v = parseValueList(values.value);
        if (v && v.length) {
          from.value = String(Math.min(...v));
          to.value = String(Math.max(...v));
          count.value = String(v.length);
        }
        this.updateCount();
      });
    }
    this.countText = el('div', 'sweep-count');
    const actions = el('div', 'sweep-actions');
    this.runBtn = el('button', 'btn primary', 'Run sweep');
    this.runBtn.type = 'button';
    this.runBtn.dataset.testid = 'sweep-run';
    this.runBtn.addEventListener('click', () => this.run());
    this.cancelBtn = el('button', 'btn', 'Cancel');
    this.cancelBtn.type = 'button';
    this.cancelBtn.dataset.testid = 'sweep-cancel';
    this.cancelBtn.disabled = true;
    this.cancelBtn.addEventListener('click', () => cb.onCancel());
    actions.append(this.runBtn, this.cancelBtn);
    const prog = el('div', 'progress wide');
    prog.dataset.testid = 'sweep-progress';
    this.progressBar = el('div', 'progress-bar');
    prog.append(this.progressBar);
    this.status = el('div', 'sweep-status', 'No sweep run yet.');
    this.status.dataset.testid = 'sweep-status';
    this.status.dataset.state = 'idle';
    this.status.setAttribute('role', 'status');
    this.message = el('div', 'notice error');
    this.message.setAttribute('role', 'alert');
    this.message.hidden = true;
    const exp = el('div', 'sweep-actions sweep-io');
    exp.append(el('span', 'ws-note', 'Export'));
    const csv = el('button', 'btn small', 'Results CSV');
    this.csvBtn = csv;
    csv.type = 'button';
    csv.dataset.testid = 'sweep-export-csv';
    csv.title = 'The CLI’s sweep CSV: varied fields, then every KPI, one row per design';
    csv.addEventListener('click', () => cb.onExportCsv());
    const file = el('button', 'btn small', 'Sweep file (CLI)');
    file.type = 'button';
    file.dataset.testid = 'sweep-export-file';
    file.title = 'The sweep set up above (base design and values) as a file for npm run sim -- sweep <file> --out <results.csv> (also sharded on a cluster: deploy/)';
    file.addEventListener('click', () => cb.onExportFile());
    exp.append(csv, file);
    // Results computed elsewhere: the CLI's CSV, opened into the same views.
    const imp = el('div', 'sweep-actions sweep-io');
    const picker = el('input');
    picker.type = 'file';
    picker.accept = '.csv,text/csv';
    picker.hidden = true;
    picker.dataset.testid = 'sweep-open-csv-input';
    picker.addEventListener('change', () => {
      const f = picker.files?.[0];
      picker.value = '';
      if (f) void this.openCsv(f);
    });
    this.openBtn = el('button', 'btn small', 'Open results CSV…');
    this.openBtn.type = 'button';
    this.openBtn.dataset.testid = 'sweep-open-csv';
    this.openBtn.title = 'Show a results CSV from npm run sim -- sweep (or sweep-merge of shards) in the chart, heat map and Pareto view; a .csv dropped on this tab opens the same way';
    this.openBtn.addEventListener('click', () => picker.click());
    imp.append(this.openBtn, picker);
    this.sourceNote = el('p', 'ws-note sweep-source');
    this.sourceNote.dataset.testid = 'sweep-source';
    this.sourceNote.dataset.source = 'run';
    this.sourceNote.hidden = true;
    this.pointsTable = el('table', 'sweep-points');
    this.pointsTable.dataset.testid = 'sweep-points';
    this.pointsTable.setAttribute('aria-label', 'Sweep designs');
    form.append(this.countText, actions, prog, this.status, this.message, exp, imp, this.sourceNote, this.pointsTable);

    const results = el('div', 'sweep-results');
    const h1 = el('div', 'sweep-results-head');
    this.chartTitle = el('h3', 'sweep-chart-title', 'KPI against the swept field');
    const ml = el('label', 'ws-field', 'Metric');
    this.metricSelect = el('select');
    this.metricSelect.name = 'sweep-metric';
    this.metricSelect.addEventListener('change', () => this.redraw());
    ml.append(this.metricSelect);
    h1.append(this.chartTitle, ml);
    this.chartBox = el('div', 'sweep-chart');
    this.chartBox.dataset.testid = 'sweep-chart';
    this.chartBox.dataset.points = '0';
    this.chartBox.dataset.kind = 'line';
    this.lineHolder = el('div', 'plot-holder');
    this.heatHolder = el('div', 'plot-holder');
    this.heatHolder.hidden = true;
    this.chartBox.append(this.lineHolder, this.heatHolder);
    this.line = new ScatterPlot(this.lineHolder);
    this.heat = new HeatMap(this.heatHolder);
    const h2 = el('div', 'sweep-results-head');
    h2.append(el('h3', 'sweep-chart-title', 'Pareto view'));
    const xl = el('label', 'ws-field', 'x');
    this.paretoX = el('select');
    this.paretoX.name = 'pareto-x';
    this.paretoX.addEventListener('change', () => this.redraw());
    xl.append(this.paretoX);
    const yl = el('label', 'ws-field', 'y');
    this.paretoY = el('select');
    this.paretoY.name = 'pareto-y';
    this.paretoY.addEventListener('change', () => this.redraw());
    yl.append(this.paretoY);
    h2.append(xl, yl, el('span', 'ws-note', 'Bright points: not dominated (better on one axis without being worse on the other). Click a point to open it as a design.'));
    this.paretoBox = el('div', 'pareto-chart');
    this.paretoBox.dataset.testid = 'pareto-chart';
    this.paretoBox.dataset.points = '0';
    this.pareto = new ScatterPlot(this.paretoBox);
    results.append(h1, this.chartBox, h2, this.paretoBox);
    root.append(form, results);
    this.fillMetricSelects([]);
  }

  setVisible(v: boolean): void {
    this.visible = v;
    if (v && this.pendingBases) {
      const p = this.pendingBases;
      this.pendingBases = undefined;
      this.setBases(p.bases, p.preferId);
    }
    if (v) this.redraw();
  }

  private pendingBases: { bases: SweepBase[]; preferId: number } | undefined;

  /** The session's designs; the base is `activeId` (the design the panel on the left shows). Applied when the tab is shown. */
  setBases(bases: SweepBase[], activeId: number): void {
    if (!this.visible) {
      this.pendingBases = { bases, preferId: activeId };
      return;
    }
    this.bases = bases;
    this.baseSelect.replaceChildren(
      ...bases.map((b) => {
        const o = el('option', undefined, b.scenario ? b.name : `${b.name} (invalid)`);
        o.value = String(b.id);
        // An invalid design cannot be chosen, but shows as the base while it is the active one.
        o.disabled = !b.scenario && b.id !== activeId;
        return o;
      }),
    );
    const keep = bases.some((b) => b.id === activeId) ? activeId : (bases.find((b) => b.scenario)?.id ?? -1);
    if (keep >= 0) this.baseSelect.value = String(keep);
    const changed = keep !== this.baseId;
    this.baseId = keep;
    this.refreshFields(changed);
  }

  private base(): SweepBase | undefined {
    return this.bases.find((b) => b.id === this.baseId);
  }

  private refreshFields(resetRanges: boolean): void {
    const b = this.base();
    const fields = b?.scenario ? sweepFields(b.scenario) : [];
    const same = fields.length === this.fields.length && fields.every((f, i) => f.path === this.fields[i].path);
    this.fields = fields;
    this.rows.forEach((r, k) => {
      const prev = r.select.value;
      if (!same) {
        const opts: HTMLOptionElement[] = [];
        if (k === 1) {
          const o = el('option', undefined, '— none —');
          o.value = '';
          opts.push(o);
        }
        for (const f of fields) {
          const o = el('option', undefined, withUnit(f.label, f.unit));
          o.value = f.path;
          opts.push(o);
        }
        r.select.replaceChildren(...opts);
      }
      const want = fields.some((f) => f.path === prev) ? prev : k === 0 ? (fields.find((f) => f.path === 'constellation.altitudeKm') ?? fields[0])?.path ?? '' : '';
      r.select.value = want;
      if (resetRanges || !same || r.values.value === '') this.fillRange(k, true);
    });
    this.updateCount();
  }

  private fieldOf(k: number): SweepField | undefined {
    return this.fields.find((f) => f.path === this.rows[k].select.value);
  }

  private fillRange(k: number, regen: boolean): void {
    const r = this.rows[k];
    const f = this.fieldOf(k);
    const b = this.base();
    const on = !!f && !!b?.scenario;
    for (const i of [r.from, r.to, r.count, r.values]) i.disabled = !on;
    r.box.classList.toggle('off', !on);
    if (!f || !b?.scenario) {
      for (const i of [r.from, r.to, r.count, r.values]) i.value = '';
      return;
    }
    const d = defaultRange(f, b.scenario);
    r.from.value = String(Number(d.from.toPrecision(6)));
    r.to.value = String(Number(d.to.toPrecision(6)));
    r.count.value = String(k === 1 ? Math.min(d.count, 5) : d.count);
    if (regen) this.regenValues(k);
  }

  private regenValues(k: number): void {
    const r = this.rows[k];
    const f = this.fieldOf(k);
    const v = rangeValues(Number(r.from.value), Number(r.to.value), Number(r.count.value), f?.int ?? false);
    r.values.value = v.map((x) => String(x)).join(', ');
  }

  private currentVary(): { vary: SweepVary[]; problem?: string } {
    const vary: SweepVary[] = [];
    const b = this.base();
    if (b && !b.scenario) return { vary, problem: `“${b.name}” has invalid inputs: fix the fields marked in the panel on the left` };
    for (let k = 0; k < 2; k++) {
      const f = this.fieldOf(k);
      if (!f) continue;
      const values = parseValueList(this.rows[k].values.value);
      if (!values) return { vary, problem: `${f.label}: enter numbers separated by commas` };
      vary.push({ field: f.path, values: f.int ? values.map(Math.round) : values });
    }
    if (vary.length === 2 && vary[0].field === vary[1].field) return { vary, problem: 'choose two different fields' };
    if (vary.length === 0) return { vary, problem: 'choose a field to vary' };
    return { vary };
  }

  private updateCount(): void {
    const { vary, problem } = this.currentVary();
    const n = vary.reduce((a, v) => a * v.values.length, 1);
    this.countText.textContent = problem ?? `${n.toLocaleString('en-US')} design${n === 1 ? '' : 's'}${n > MAX_APP_SWEEP_DESIGNS ? ` — more than ${MAX_APP_SWEEP_DESIGNS}; use the CLI` : ''}`;
    this.countText.classList.toggle('bad', !!problem || n > MAX_APP_SWEEP_DESIGNS);
    this.runBtn.disabled = !!problem || n > MAX_APP_SWEEP_DESIGNS || this.state === 'planning';
  }

  /**
   * The sweep set up in the form as the CLI's sweep file: base = the base
   * design's scenario (what a run here uses), vary = the fields and values
   * above (also beyond the app's design limit: the CLI allows more).
   */
  sweepFile(): { ok: true; file: ReturnType<typeof sweepFile>; baseName: string } | { ok: false; problem: string } {
    const b = this.base();
    if (!b) return { ok: false, problem: 'set one up in the Sweep tab first' };
    const { vary, problem } = this.currentVary();
    if (problem || !b.scenario) return { ok: false, problem: problem ?? `“${b.name}” has invalid inputs` };
    return { ok: true, file: sweepFile({ base: b.scenario, vary }), baseName: b.name };
  }

  /** Reads a results CSV and shows it (an error leaves what is shown as it is). */
  async openCsv(file: File): Promise<void> {
    if (this.state === 'planning' || this.state === 'running') {
      this.setMessage(`${file.name}: a sweep is running here; cancel it first.`);
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      this.setMessage(`${file.name}: could not be read (${e instanceof Error ? e.message : String(e)})`);
      return;
    }
    this.showCsv(file.name, text);
  }

  /** Parses `text` (a results CSV) and shows it in the views; false (message shown) when it is not one. */
  showCsv(name: string, text: string): boolean {
    const r = parseSweepCsv(text);
    if (!r.ok) {
      this.setMessage(`${name}: ${r.error}`);
      return false;
    }
    let plan: ReturnType<typeof fileSweep>;
    try {
      plan = fileSweep(r.fields, r.rows);
    } catch (e) {
      this.setMessage(`${name}: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
    this.setMessage(null);
    this.source = { kind: 'file', name, rows: r.rows.length, missing: plan.missing };
    this.applyPlan(plan.vary, plan.points, this.colour);
    const n = r.rows.length;
    this.setState('file', `Results from ${name}: ${n.toLocaleString('en-US')} design${n === 1 ? '' : 's'}${plan.missing ? ` (${plan.missing} combination${plan.missing === 1 ? '' : 's'} of the grid without a row)` : ''}.`);
    return true;
  }

  private run(): void {
    const b = this.base();
    const { vary, problem } = this.currentVary();
    if (!b || problem) return;
    this.cb.onRun(b.id, vary);
  }

  /** Fills the form from a sweep file (base design already added). */
  loadSpec(baseId: number, vary: SweepVary[]): void {
    this.baseSelect.value = String(baseId);
    this.baseId = baseId;
    this.refreshFields(false);
    vary.slice(0, 2).forEach((v, k) => {
      const r = this.rows[k];
      if (!this.fields.some((f) => f.path === v.field)) {
        const o = el('option', undefined, v.field);
        o.value = v.field;
        r.select.append(o);
        this.fields.push({ path: v.field, label: v.field, unit: '', int: false });
      }
      r.select.value = v.field;
      for (const i of [r.from, r.to, r.count, r.values]) i.disabled = false;
      r.from.value = String(Math.min(...v.values));
      r.to.value = String(Math.max(...v.values));
      r.count.value = String(v.values.length);
      r.values.value = v.values.join(', ');
    });
    if (vary.length < 2) {
      this.rows[1].select.value = '';
      this.fillRange(1, true);
    }
    this.updateCount();
  }

  setState(state: SweepState, text: string): void {
    this.state = state;
    this.openBtn.disabled = state === 'planning' || state === 'running';
    this.status.dataset.state = state;
    this.status.textContent = text;
    const busy = state === 'planning' || state === 'running';
    this.cancelBtn.disabled = !busy;
    this.progressBar.parentElement!.classList.toggle('active', busy);
    this.updateCount();
  }

  setProgress(stats: LaneStats): void {
    this.progressBar.style.transform = `scaleX(${stats.progress})`;
  }

  setMessage(text: string | null): void {
    this.message.textContent = text ?? '';
    this.message.hidden = !text;
  }

  /** A new plan: its fields and points (results arrive through pointsChanged). */
  setPlan(vary: SweepVary[], points: readonly SweepPoint[], colour: string): void {
    this.source = { kind: 'run' };
    this.applyPlan(vary, points, colour);
  }

  private applyPlan(vary: SweepVary[], points: readonly PlotPoint[], colour: string): void {
    this.vary = vary;
    this.points = points;
    this.colour = colour;
    this.planFields = vary.map((v) => this.fields.find((f) => f.path === v.field) ?? { path: v.field, label: v.field, unit: '', int: false });
    this.fillMetricSelects(this.planFields);
    // Total array area is the natural cost axis when the sweep changes it (and the designs are known); otherwise plot against the swept field.
    const areaVaries = this.source.kind === 'run' && vary.some((v) => /^(node\.solarArrayAreaM2|constellation\.(planes|satellitesPerPlane|satellites))$/.test(v.field));
    this.paretoX.value = areaVaries ? 'totalArrayAreaM2' : `field:${vary[0].field}`;
    const src = this.source;
    const file = src.kind === 'file';
    this.sourceNote.hidden = !file;
    this.sourceNote.dataset.source = src.kind;
    this.sourceNote.dataset.fileName = file ? src.name : '';
    this.sourceNote.dataset.rows = file ? String(src.rows) : '';
    this.sourceNote.textContent = file
      ? `Showing ${src.rows.toLocaleString('en-US')} row${src.rows === 1 ? '' : 's'} from ${src.name} (computed elsewhere; the file holds KPIs only, so its designs cannot be opened here and totals over the constellation are not shown). Run a sweep to replace them.`
      : '';
    this.csvBtn.disabled = file;
    this.chartBox.dataset.source = src.kind;
    this.redraw();
  }

  /** Points changed (state, KPIs): redraw once per frame. */
  pointsChanged(): void {
    if (this.redrawPending) return;
    this.redrawPending = true;
    requestAnimationFrame(() => {
      this.redrawPending = false;
      this.redraw();
    });
  }

  private metricList(): Metric[] {
    return metrics(this.planFields, this.source.kind === 'run');
  }

  /** Opens point `index` as a design (computed results only: a CSV row has no scenario). */
  private openPoint(index: number): void {
    if (this.source.kind === 'run' && this.points[index]?.kpis) this.cb.onOpenPoint(index);
  }

  private fillMetricSelects(fields: SweepField[]): void {
    const ms = metrics(fields, this.source.kind === 'run');
    const fill = (s: HTMLSelectElement, pick: string, filter: (m: Metric) => boolean = () => true) => {
      const prev = s.value;
      s.replaceChildren(
        ...ms.filter(filter).map((m) => {
          const o = el('option', undefined, withUnit(m.label, m.unit));
          o.value = m.key;
          return o;
        }),
      );
      s.value = ms.some((m) => m.key === prev) && prev ? prev : pick;
    };
    fill(this.metricSelect, 'meanUsableComputePflops', (m) => !m.key.startsWith('field:'));
    fill(this.paretoX, 'totalArrayAreaM2');
    fill(this.paretoY, 'meanUsableComputePflops');
  }

  private describe(p: PlotPoint): string[] {
    const head = this.planFields.map((f, k) => `${f.label} = ${tickLabel(p.values[k])}${f.unit ? ` ${f.unit}` : ''}`).join(' · ');
    if (!p.kpis) return [head, p.state === 'error' ? `error: ${p.message ?? ''}` : p.state === 'missing' ? 'not in the file' : p.state];
    const shown = [this.metricSelect.value, this.paretoX.value, this.paretoY.value, 'meanUsableComputePflops', 'eclipseFraction', 'maxTemperatureC'];
    const lines = [head];
    const seen = new Set<string>();
    for (const key of shown) {
      if (seen.has(key)) continue;
      seen.add(key);
      const m = this.metricList().find((x) => x.key === key);
      if (!m || key.startsWith('field:')) continue;
      lines.push(`${m.label}: ${metricText(m, m.of(p.kpis, p.scenario, p.values))}`);
    }
    if (this.source.kind === 'run') lines.push('Click to open as a design');
    return lines;
  }

  private redraw(): void {
    if (!this.visible) return;
    const ms = this.metricList();
    const metric = ms.find((m) => m.key === this.metricSelect.value) ?? ms[0];
    const done = this.points.filter((p) => p.state === 'done' && p.kpis);
    const two = this.vary.length === 2;
    this.lineHolder.hidden = two;
    this.heatHolder.hidden = !two;
    this.chartBox.dataset.kind = two ? 'heatmap' : 'line';
    const f0 = this.planFields[0];
    this.chartTitle.textContent = !f0 ? 'KPI against the swept field' : two ? `${metric.label} over ${f0.label} × ${this.planFields[1].label}` : `${metric.label} against ${f0.label}`;
    if (!two) {
      const pts = done.map((p) => ({ x: p.values[0], y: metric.of(p.kpis!, p.scenario, p.values), id: p.index }));
      this.line.set({
        xLabel: f0 ? withUnit(f0.label, f0.unit) : '',
        yLabel: withUnit(metric.label, metric.unit),
        points: pts,
        line: true,
        colour: this.colour,
        yFormat: metric.fraction ? (v) => `${Number((v * 100).toPrecision(3))} %` : undefined,
        describe: (pt) => this.describe(this.points[pt.id]),
        onClick: (pt) => this.openPoint(pt.id),
        empty: this.points.length ? 'Running…' : 'Run a sweep (or open a results CSV) to see results',
      });
      this.chartBox.dataset.points = String(pts.length);
      this.chartBox.dataset.cells = '0';
    } else {
      const xs = this.vary[0].values;
      const ys = this.vary[1].values;
      const values = new Float64Array(xs.length * ys.length).fill(Number.NaN);
      for (const p of done) values[p.index] = metric.of(p.kpis!, p.scenario, p.values);
      this.heat.set({
        xLabel: withUnit(f0.label, f0.unit),
        yLabel: withUnit(this.planFields[1].label, this.planFields[1].unit),
        xs,
        ys,
        values,
        valueLabel: metric.label,
        format: metric.fraction ? (v) => `${(v * 100).toFixed(1)} %` : undefined,
        describe: (ix, iy) => this.describe(this.points[ix * ys.length + iy]),
        onClick: (ix, iy) => this.openPoint(ix * ys.length + iy),
      });
      this.chartBox.dataset.points = String(done.length);
      let cells = 0;
      for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) cells++;
      this.chartBox.dataset.cells = String(cells);
    }
    const mx = ms.find((m) => m.key === this.paretoX.value) ?? ms[0];
    const my = ms.find((m) => m.key === this.paretoY.value) ?? ms[0];
    const xs = done.map((p) => mx.of(p.kpis!, p.scenario, p.values));
    const ys = done.map((p) => my.of(p.kpis!, p.scenario, p.values));
    const front = paretoFront(xs, ys, mx.better ?? 'min', my.better ?? 'max').map((i) => done[i].index);
    const dirText = (m: Metric, fallback: 'min' | 'max') => `${withUnit(m.label, m.unit)} — ${(m.better ?? fallback) === 'min' ? 'lower' : 'higher'} ${m.better ? 'is better' : 'preferred'}`;
    this.pareto.set({
      xLabel: dirText(mx, 'min'),
      yLabel: dirText(my, 'max'),
      points: done.map((p, i) => ({ x: xs[i], y: ys[i], id: p.index })),
      front,
      colour: this.colour,
      xFormat: mx.fraction ? (v) => `${Number((v * 100).toPrecision(3))} %` : undefined,
      yFormat: my.fraction ? (v) => `${Number((v * 100).toPrecision(3))} %` : undefined,
      describe: (pt) => this.describe(this.points[pt.id]),
      onClick: (pt) => this.openPoint(pt.id),
      empty: this.points.length ? 'Running…' : 'Run a sweep (or open a results CSV) to see results',
    });
    this.paretoBox.dataset.points = String(done.length);
    this.paretoBox.dataset.front = String(front.length);
    this.renderPoints(metric, new Set(front));
  }

  /** The designs of the sweep as rows (keyboard and screen-reader access to what the plots show). */
  private renderPoints(metric: Metric, front: Set<number>): void {
    if (this.points.length === 0) {
      this.pointsTable.replaceChildren();
      return;
    }
    const head = el('tr');
    for (const f of this.planFields) head.append(el('th', undefined, f.unit ? `${f.label} (${f.unit})` : f.label));
    head.append(el('th', undefined, metric.label), el('th'));
    // A file's grid may be large: the table lists the first rows (the plots show all).
    const shown = this.points.length > MAX_TABLE_ROWS ? this.points.slice(0, MAX_TABLE_ROWS) : this.points;
    const rows = shown.map((p) => {
      const tr = el('tr');
      tr.dataset.pointIndex = String(p.index);
      tr.dataset.state = p.state;
      if (front.has(p.index)) tr.classList.add('front');
      for (const v of p.values) tr.append(el('td', 'num', tickLabel(v)));
      const raw = p.kpis ? metric.of(p.kpis, p.scenario, p.values) : Number.NaN;
      if (Number.isFinite(raw)) tr.dataset.value = String(raw);
      const v = p.kpis ? metricText(metric, raw) : p.state === 'error' ? 'error' : p.state === 'missing' ? '—' : '…';
      tr.append(el('td', 'num', metric.unit && v.endsWith(` ${metric.unit}`) ? v.slice(0, -metric.unit.length - 1) : v));
      if (front.has(p.index)) tr.title = 'On the Pareto front of the Pareto view';
      if (p.state === 'missing') tr.title = 'No row for this combination in the file';
      const td = el('td');
      if (p.kpis && this.source.kind === 'run') {
        const b = el('button', 'btn tiny', 'Open');
        b.type = 'button';
        b.title = 'Add this design to the session and compare it';
        b.addEventListener('click', () => this.cb.onOpenPoint(p.index));
        td.append(b);
      }
      tr.append(td);
      return tr;
    });
    const thead = el('thead');
    thead.append(head);
    const tbody = el('tbody');
    tbody.append(...rows);
    if (shown.length < this.points.length) {
      const tr = el('tr', 'more');
      const td = el('td', 'ws-note', `… and ${(this.points.length - shown.length).toLocaleString('en-US')} more (the plots show every design)`);
      td.colSpan = this.planFields.length + 2;
      tr.append(td);
      tbody.append(tr);
    }
    this.pointsTable.replaceChildren(thead, tbody);
  }

  /** Base value of a field (for labels). */
  baseValue(path: string): unknown {
    const b = this.base();
    return b?.scenario ? getPath(b.scenario, path) : undefined;
  }

  snapshot(): Array<{ title: string; canvas: HTMLCanvasElement; legend: Array<[string, string]> }> {
    const main = this.vary.length === 2 ? this.heat.canvas : this.line.canvas;
    return [
      { title: this.chartTitle.textContent ?? '', canvas: main, legend: [] },
      { title: `Pareto view: ${this.paretoY.selectedOptions[0]?.textContent ?? ''} against ${this.paretoX.selectedOptions[0]?.textContent ?? ''}`, canvas: this.pareto.canvas, legend: [] },
    ];
  }
}
