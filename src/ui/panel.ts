/**
 * Parameter panel: every scenario field, grouped (orbit design, node
 * hardware, ground segment, simulation, mass/lifetime/cost), with preset selection, scenario
 * import/export and inline validation errors. Inputs carry name="<field
 * path>". User text is only ever set with textContent / value. Node-only
 * number fields also get a slider (live-tuning.ts): dragging it reports each
 * value through onLive, its release through onChange.
 */
import type { Scenario, ScenarioIssue } from '../engine/input/scenario';
import { cloneJson, getPath, numberFromText, setPath } from './draft';
import {
  COMPUTE_EFFICIENCY_FIELD,
  computeEfficiency,
  CONSTELLATION_FIELDS,
  CONSTELLATION_TYPES,
  constellationTemplate,
  ECONOMICS_FIELDS,
  ISL_FIELDS,
  NODE_FIELDS,
  SIMULATION_FIELDS,
  STATION_BUDGET_FIELDS,
  STATION_COMMON_FIELDS,
  STATION_FIXED_FIELDS,
  STATION_MODEL_FIELD,
  schemaFacts,
  stationModel,
  type ConstellationType,
  type FieldSpec,
} from './fields';
import { fieldTooltip, plainIssue } from './field-text';
import { buildWorkloadPanel, workloadIssue } from './workload-panel';
import { formatWithUnit } from './format';
import { el } from './dom';
import { createSlider, sliderRange, syncSlider, type SliderRange } from './live-tuning';
import './panel-fields.css';

export interface PresetOption {
  value: string;
  label: string;
  /** Where the preset's numbers come from. */
  source?: string;
}

/** Material Design "lock" / "lock open" outlines (24 × 24). */
const LOCK_PATHS = {
  locked: 'M18 8h-1V6A5 5 0 0 0 7 6v2H6a2 2 0 0 0-2 2v10a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V10a2 2 0 0 0-2-2zM9 6a3 3 0 0 1 6 0v2H9zm9 14H6V10h12z',
  open: 'M18 8h-1V6A5 5 0 0 0 7.1 5h2.1A3 3 0 0 1 15 6v2H6a2 2 0 0 0-2 2v10a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V10a2 2 0 0 0-2-2zm0 12H6V10h12z',
} as const;

function lockIcon(locked: boolean): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '13');
  svg.setAttribute('height', '13');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', locked ? LOCK_PATHS.locked : LOCK_PATHS.open);
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}

/** A number for an input box: up to 6 significant digits, no grouping (it is edited as text). */
const inputNumber = (x: number): string => (Number.isFinite(x) ? String(Number(x.toPrecision(6))) : '');

/** Element-set texts longer than this (characters), or OMM arrays longer than LARGE_RECORDS, are summarised instead of shown in a text box. */
export const LARGE_TEXT_CHARS = 200_000;
export const LARGE_RECORDS = 1000;

export interface PanelCallbacks {
  /** The draft changed (debounce and validate there). */
  onChange(draft: Record<string, unknown>): void;
  /** A slider is being dragged: the draft with its newest value (analyse at once there); onChange when absent. */
  onLive?(draft: Record<string, unknown>): void;
  /** A preset was chosen. */
  onPreset(value: string): void;
  /** A scenario file was chosen for import. */
  onImport(text: string, fileName: string): void;
  /** The normalised scenario of the draft, when valid (saved instead of the raw draft). */
  currentScenario?(): Scenario | undefined;
}

export class ParameterPanel {
  readonly root: HTMLElement;
  private readonly body: HTMLElement;
  private readonly presetSelect: HTMLSelectElement;
  private readonly presetSource: HTMLElement;
  private readonly presets: readonly PresetOption[];
  /** The preset the draft was last loaded from (its source stays shown once edited). */
  private basePreset = '';
  private readonly formError: HTMLElement;
  private draft: Record<string, unknown> = {};
  /** Problems found before validation (e.g. OMM text that is not JSON). */
  private readonly localIssues = new Map<string, string>();
  private readonly typeCache = new Map<string, Record<string, unknown>>();
  private openGroups = new Set(['orbit', 'node', 'ground', 'simulation']);
  /** Compute efficiency (TFLOPS/kW) held when the compute power changes (locked), or following it (unlocked). */
  private efficiencyLocked = true;
  private efficiency = Number.NaN;
  private efficiencyInput: HTMLInputElement | undefined;
  private efficiencyNote: HTMLElement | undefined;

  constructor(
    root: HTMLElement,
    presets: readonly PresetOption[],
    private readonly cb: PanelCallbacks,
  ) {
    this.root = root;
    this.presets = presets;
    root.classList.add('panel');
    const head = el('div', 'panel-head');
    const label = el('label', 'preset-label', 'Preset');
    this.presetSelect = el('select', 'preset-select');
    this.presetSelect.name = 'preset';
    this.presetSelect.dataset.testid = 'preset';
    label.htmlFor = 'preset-select';
    this.presetSelect.id = 'preset-select';
    for (const p of presets) {
      const o = el('option', undefined, p.label);
      o.value = p.value;
      this.presetSelect.append(o);
    }
    const custom = el('option', undefined, 'Custom (edited)');
    custom.value = 'custom';
    custom.disabled = true;
    this.presetSelect.append(custom);
    this.presetSelect.addEventListener('change', () => cb.onPreset(this.presetSelect.value));

    this.presetSource = el('p', 'preset-source');
    this.presetSource.dataset.testid = 'preset-source';
    const io = el('div', 'panel-io');
    const importBtn = el('button', 'btn small', 'Replace from file…');
    importBtn.type = 'button';
    importBtn.title = 'Replace this design with a scenario JSON file';
    const file = el('input');
    file.type = 'file';
    file.accept = '.json,application/json';
    file.hidden = true;
    file.name = 'replace-file';
    file.dataset.testid = 'replace-file';
    importBtn.addEventListener('click', () => file.click());
    file.addEventListener('change', async () => {
      const f = file.files?.[0];
      if (!f) return;
      cb.onImport(await f.text(), f.name);
      file.value = '';
    });
    const exportBtn = el('button', 'btn small', 'Save JSON');
    exportBtn.type = 'button';
    exportBtn.title = 'Download this design as a scenario file (normalised: defaults filled)';
    exportBtn.dataset.testid = 'save-design';
    exportBtn.addEventListener('click', () => this.exportDraft());
    io.append(importBtn, exportBtn, file);
    head.append(label, this.presetSelect, this.presetSource, io);
    this.formError = el('div', 'form-error');
    this.formError.dataset.testid = 'form-error';
    this.formError.setAttribute('role', 'alert');
    this.body = el('div', 'panel-body');
    root.append(head, this.formError, this.body);
  }

  /** Replaces the draft (preset, import) and rebuilds the form; `owned`: edit `draft` itself instead of a copy. */
  load(draft: Record<string, unknown>, presetValue: string, owned = false): void {
    this.draft = owned ? draft : cloneJson(draft);
    if (presetValue === 'custom') this.basePreset = '';
    this.localIssues.clear();
    this.typeCache.clear();
    this.setPresetValue(presetValue);
    this.build();
    this.showIssues([]);
  }

  setPresetValue(value: string): void {
    this.presetSelect.value = value;
    if (value !== 'custom') this.basePreset = value;
    else if (!this.presets.some((p) => p.value === this.basePreset)) this.basePreset = '';
    const p = this.presets.find((x) => x.value === this.basePreset);
    const edited = value === 'custom';
    this.presetSource.textContent = p?.source ? `${edited ? `Edited from “${p.label}”. ` : ''}Source: ${p.source}` : edited ? 'Custom design (edited or loaded from a file).' : '';
    this.presetSource.hidden = this.presetSource.textContent === '';
  }

  /** Sets one field of the draft and its input without a change event (e.g. a rename from the design list). */
  setFieldValue(path: string, value: string | number | boolean): void {
    setPath(this.draft, path, value);
    const input = this.root.querySelector<HTMLInputElement>(`[name="${CSS.escape(path)}"]`);
    if (input) {
      if (input.type === 'checkbox') input.checked = value === true;
      else input.value = String(value);
    }
    this.syncSliderFor(path, String(value));
  }

  /** Moves the slider of `path` (if it has one) to the number in `text`. */
  private syncSliderFor(path: string, text: string): void {
    const s = this.root.querySelector<HTMLInputElement>(`[data-slider-for="${CSS.escape(path)}"]`);
    if (s) syncSlider(s, text);
  }

  get value(): Record<string, unknown> {
    return this.draft;
  }

  pendingLocalIssues(): ScenarioIssue[] {
    return [...this.localIssues].map(([path, message]) => ({ path, message }));
  }

  /**
   * Shows validation issues inline (next to the field named by the path) or
   * at the top, in plain language naming the field (field-text.ts
   * plainIssue). The engine's wording, "<path>: <message>", stays in the
   * box's data-issue attribute (a hook for tests and for reporting a problem).
   */
  showIssues(issues: readonly ScenarioIssue[]): void {
    for (const e of this.root.querySelectorAll<HTMLElement>('.field-error')) {
      e.textContent = '';
      e.hidden = true;
      delete e.dataset.issue;
    }
    for (const i of this.root.querySelectorAll<HTMLElement>('[aria-invalid="true"]')) i.removeAttribute('aria-invalid');
    const general: string[] = [];
    for (const iss of [...this.pendingLocalIssues(), ...issues]) {
      let path = iss.path;
      let box: HTMLElement | null = null;
      while (path) {
        box = this.root.querySelector<HTMLElement>(`.field-error[data-error-for="${CSS.escape(path)}"]`);
        if (box) break;
        const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        path = cut > 0 ? path.slice(0, cut) : '';
      }
      if (box) {
        box.hidden = false;
        const plain = workloadIssue(iss, this.draft) ?? plainIssue(iss, this.draft);
        const raw = `${iss.path}: ${iss.message}`;
        box.textContent = box.textContent ? `${box.textContent}; ${plain}` : plain;
        box.dataset.issue = box.dataset.issue ? `${box.dataset.issue}; ${iss.message}` : raw;
        const input = this.root.querySelector<HTMLElement>(`[name="${CSS.escape(box.dataset.errorFor ?? '')}"]`);
        input?.setAttribute('aria-invalid', 'true');
      } else {
        general.push(workloadIssue(iss, this.draft) ?? plainIssue(iss, this.draft));
      }
    }
    this.formError.textContent = general.join('\n');
    this.formError.hidden = general.length === 0;
    // A closed group says that it holds an error.
    for (const g of this.root.querySelectorAll<HTMLElement>('details.group')) {
      g.classList.toggle('has-error', [...g.querySelectorAll<HTMLElement>('.field-error')].some((e) => !e.hidden));
    }
  }

  private changed(): void {
    this.setPresetValue('custom');
    this.cb.onChange(this.draft);
  }

  private build(): void {
    this.body.replaceChildren();
    const type = (getPath(this.draft, 'constellation.type') as ConstellationType) ?? 'walker';

    // ---- orbit design ----
    const orbit = this.group('orbit', 'Orbit design');
    const typeField = this.selectField(
      { path: 'constellation.type', label: 'Design', kind: 'select', options: CONSTELLATION_TYPES },
      (v) => this.switchType(v as ConstellationType),
    );
    orbit.append(typeField);
    const typeHelp: Record<ConstellationType, string> = {
      walker: 'Walker constellation T/P/F',
      sso: 'Sun-synchronous planes by local time of ascending node',
      cluster: 'Formation-flying cluster in a sun-synchronous orbit',
      tle: 'Imported element sets (TLE); set the start near their epoch',
      omm: 'Imported element sets (OMM JSON); set the start near their epoch',
    };
    orbit.append(el('p', 'group-help', typeHelp[type]));
    for (const f of CONSTELLATION_FIELDS[type]) orbit.append(this.field(f));
    orbit.append(this.errorBox('constellation'));

    // ---- node ----
    const node = this.group('node', NODE_FIELDS.title);
    this.efficiency = computeEfficiency(getPath(this.draft, 'node.computeTflops'), getPath(this.draft, 'node.computePowerW'));
    for (const sg of NODE_FIELDS.subgroups) {
      if (sg.title) node.append(el('h4', 'subgroup', sg.title));
      for (const f of sg.fields) {
        node.append(this.field(f));
        if (f.path === 'node.computeTflops') node.append(this.efficiencyRow());
      }
    }
    node.append(this.errorBox('node'));

    // ---- ground segment ----
    const ground = this.group('ground', 'Ground segment');
    const stations = (getPath(this.draft, 'groundStations') as Array<Record<string, unknown>> | undefined) ?? [];
    const list = el('div', 'stations');
    stations.forEach((_, k) => list.append(this.stationCard(k)));
    ground.append(el('h4', 'subgroup', `Ground stations (${stations.length})`), list, this.errorBox('groundStations'));
    const add = el('button', 'btn small', '+ Add station');
    add.type = 'button';
    add.addEventListener('click', () => {
      const arr = ((getPath(this.draft, 'groundStations') as unknown[]) ?? []).slice();
      arr.push({ name: `Station ${arr.length + 1}`, latitudeDeg: 0, longitudeDeg: 0, altitudeM: 0, minElevationDeg: 10, downlinkGbps: 10, antennas: 1 });
      setPath(this.draft, 'groundStations', arr);
      this.build();
      this.changed();
    });
    ground.append(add);
    ground.append(el('h4', 'subgroup', 'Inter-satellite links'));
    for (const f of ISL_FIELDS) ground.append(this.field(f));
    ground.append(this.errorBox('interSatelliteLinks'));

    // ---- simulation ----
    const sim = this.group('simulation', 'Simulation');
    for (const f of SIMULATION_FIELDS) sim.append(this.field(f));
    sim.append(this.errorBox('environment'));

    // ---- workloads (workload-panel.ts): open when the design has some ----
    const w = this.draft.workloads as { training?: unknown[]; inference?: unknown[]; batch?: unknown[] } | undefined;
    if (w && (w.training?.length || w.inference?.length || w.batch?.length)) this.openGroups.add('workloads');
    buildWorkloadPanel(this.group('workloads', 'Workloads'), {
      draft: () => this.draft,
      field: (f, compact) => this.field(f, compact),
      selectField: (f, onPick, shown) => this.selectField(f, onPick, shown),
      errorBox: (path) => this.errorBox(path),
      structureChanged: () => {
        this.build();
        this.changed();
      },
      changed: () => this.changed(),
    });

    // ---- mass, lifetime and cost (collapsed until opened) ----
    const econ = this.group(ECONOMICS_FIELDS.id, ECONOMICS_FIELDS.title);
    econ.append(el('p', 'group-help', 'Launch mass, drag and dose, usable compute over the life, and the cost per PFLOP-hour against a ground data centre. Hover a field for its default’s source.'));
    for (const sg of ECONOMICS_FIELDS.subgroups) {
      if (sg.title) econ.append(el('h4', 'subgroup', sg.title));
      for (const f of sg.fields) econ.append(this.field(f));
    }
    econ.append(this.errorBox('mass'), this.errorBox('lifetime'), this.errorBox('economics'));
  }

  private group(id: string, title: string): HTMLElement {
    const d = el('details', 'group');
    d.dataset.group = id;
    d.open = this.openGroups.has(id);
    d.addEventListener('toggle', () => {
      if (d.open) this.openGroups.add(id);
      else this.openGroups.delete(id);
    });
    const s = el('summary', undefined, title);
    const inner = el('div', 'group-body');
    d.append(s, inner);
    this.body.append(d);
    return inner;
  }

  private errorBox(path: string): HTMLElement {
    const e = el('div', 'field-error');
    e.dataset.errorFor = path;
    e.hidden = true;
    return e;
  }

  private switchType(type: ConstellationType): void {
    const cur = getPath(this.draft, 'constellation') as Record<string, unknown> | undefined;
    if (cur && typeof cur.type === 'string') this.typeCache.set(cur.type, cur);
    const next = this.typeCache.get(type) ?? constellationTemplate(type, cur?.altitudeKm as number | undefined);
    setPath(this.draft, 'constellation', cloneJson(next));
    this.localIssues.delete('constellation.records');
    this.build();
    this.changed();
  }

  private stationCard(k: number): HTMLElement {
    const card = el('div', 'station');
    const head = el('div', 'station-head');
    const title = el('span', 'station-title', `#${k + 1}`);
    const remove = el('button', 'btn tiny', 'Remove');
    remove.type = 'button';
    remove.title = 'Remove this station';
    remove.addEventListener('click', () => {
      const arr = ((getPath(this.draft, 'groundStations') as unknown[]) ?? []).slice();
      arr.splice(k, 1);
      setPath(this.draft, 'groundStations', arr);
      this.build();
      this.changed();
    });
    head.append(title, remove);
    card.append(head);
    const grid = el('div', 'station-grid');
    const at = (f: FieldSpec): FieldSpec => ({ ...f, path: `groundStations[${k}].${f.path}` });
    for (const f of STATION_COMMON_FIELDS) grid.append(this.field(at(f), true));
    const station = getPath(this.draft, `groundStations[${k}]`) as Record<string, unknown> | undefined;
    const model = stationModel(station);
    grid.append(
      this.selectField({ ...at(STATION_MODEL_FIELD) }, (v) => this.switchLinkModel(k, v === 'fixed' ? 'fixed' : 'budget'), model),
    );
    for (const f of model === 'fixed' ? STATION_FIXED_FIELDS : STATION_BUDGET_FIELDS) grid.append(this.field(at(f), true));
    card.append(grid, this.errorBox(`groundStations[${k}]`));
    return card;
  }

  /** Switches station k's link model, dropping the other model's fields (the engine refuses them). */
  private switchLinkModel(k: number, model: 'fixed' | 'budget'): void {
    const station = { ...((getPath(this.draft, `groundStations[${k}]`) as Record<string, unknown> | undefined) ?? {}) };
    station.linkModel = model;
    if (model === 'fixed') {
      for (const f of STATION_BUDGET_FIELDS) delete station[f.path];
      if (station.downlinkGbps === undefined) station.downlinkGbps = 10;
    } else delete station.downlinkGbps;
    setPath(this.draft, `groundStations[${k}]`, station);
    this.build();
    this.changed();
  }

  /** The field's tooltip, with its bounds and default read from the schema for this draft. */
  private tooltip(f: FieldSpec): string {
    return fieldTooltip(f, schemaFacts(f.path, this.draft));
  }

  /** The label and its ⓘ marker (hover or focus shows the tooltip): data-info-for="<path>". */
  private fieldName(f: FieldSpec, id: string, tip: string): { name: HTMLElement; label: HTMLLabelElement } {
    const name = el('span', 'field-name');
    const label = el('label', 'field-label', f.label);
    label.htmlFor = id;
    const info = el('span', 'field-info', 'i');
    info.dataset.infoFor = f.path;
    info.tabIndex = 0;
    info.setAttribute('role', 'img');
    info.setAttribute('aria-label', `About ${f.label}: ${tip}`);
    if (tip) label.title = info.title = tip;
    name.append(label, info);
    return { name, label };
  }

  private selectField(f: FieldSpec, onPick: (v: string) => void, shown?: string): HTMLElement {
    const row = el('div', 'field');
    const id = `f-${f.path.replace(/[^\w]/g, '_')}`;
    const tip = this.tooltip(f);
    const { name } = this.fieldName(f, id, tip);
    const s = el('select');
    s.id = id;
    s.name = f.path;
    for (const o of f.options ?? []) {
      const opt = el('option', undefined, o);
      opt.value = o;
      s.append(opt);
    }
    s.value = shown ?? String(getPath(this.draft, f.path) ?? '');
    s.addEventListener('change', () => onPick(s.value));
    if (tip) s.title = tip;
    row.append(name, s, this.errorBox(f.path));
    return row;
  }

  private field(f: FieldSpec, compact = false): HTMLElement {
    if (f.kind === 'select') {
      return this.selectField(f, (v) => {
        setPath(this.draft, f.path, v);
        this.changed();
      });
    }
    const row = el('div', compact ? 'field compact' : 'field');
    const id = `f-${f.path.replace(/[^\w]/g, '_')}`;
    const tip = this.tooltip(f);
    const { name } = this.fieldName(f, id, tip);
    const value = getPath(this.draft, f.path);
    let input: HTMLInputElement | HTMLTextAreaElement;
    const large =
      (f.kind === 'textarea' && typeof value === 'string' && value.length > LARGE_TEXT_CHARS) ||
      (f.kind === 'json' && Array.isArray(value) && value.length > LARGE_RECORDS);
    if (large) return this.largeField(f, value, name);
    if (f.kind === 'textarea' || f.kind === 'json') {
      const ta = el('textarea');
      ta.rows = 8;
      ta.spellcheck = false;
      ta.value = f.kind === 'json' ? JSON.stringify(value ?? [], null, 1) : String(value ?? '');
      input = ta;
      row.classList.add('wide');
    } else {
      const inp = el('input');
      if (f.kind === 'checkbox') {
        inp.type = 'checkbox';
        inp.checked = value === true;
      } else if (f.kind === 'number' || f.kind === 'int') {
        inp.type = 'text';
        inp.inputMode = f.kind === 'int' ? 'numeric' : 'decimal';
        inp.value = value === undefined ? '' : String(value);
        inp.autocomplete = 'off';
        if (f.optional) inp.placeholder = `default ${f.optional.default}`;
      } else {
        inp.type = 'text';
        inp.value = value === undefined ? '' : String(value);
        inp.autocomplete = 'off';
      }
      input = inp;
    }
    input.id = id;
    input.name = f.path;
    if (tip) input.title = tip;
    input.addEventListener(f.kind === 'checkbox' ? 'change' : 'input', () => {
      if (f.kind === 'checkbox') setPath(this.draft, f.path, (input as HTMLInputElement).checked);
      else if ((f.kind === 'number' || f.kind === 'int') && f.optional && input.value.trim() === '') setPath(this.draft, f.path, undefined);
      else if (f.kind === 'number' || f.kind === 'int') setPath(this.draft, f.path, numberFromText(input.value));
      else if (f.kind === 'json') {
        try {
          setPath(this.draft, f.path, JSON.parse(input.value));
          this.localIssues.delete(f.path);
        } catch (e) {
          this.localIssues.set(f.path, `invalid JSON: ${(e as Error).message}`);
        }
      } else setPath(this.draft, f.path, input.value);
      this.afterEdit(f.path);
      this.changed();
    });
    if ((f.kind === 'number' || f.kind === 'int') && f.step) {
      // Arrow keys nudge by the step.
      const step = f.step;
      input.addEventListener('keydown', (ev) => {
        const k = (ev as KeyboardEvent).key;
        if (k !== 'ArrowUp' && k !== 'ArrowDown') return;
        const v = Number((input as HTMLInputElement).value);
        if (!Number.isFinite(v)) return;
        ev.preventDefault();
        const next = v + (k === 'ArrowUp' ? step : -step);
        input.value = String(Number(next.toPrecision(12)));
        input.dispatchEvent(new Event('input'));
      });
    }
    const control = el('div', 'field-control');
    control.append(input);
    if (f.unit) control.append(el('span', 'unit', f.unit));
    if (f.picks && input instanceof HTMLInputElement) control.append(this.picks(f, input));
    if (f.kind === 'checkbox') {
      row.classList.add('check');
      row.append(control, name, this.errorBox(f.path));
    } else {
      row.append(name, control);
      const range = input instanceof HTMLInputElement ? sliderRange(f, value, this.draft) : undefined;
      if (range && input instanceof HTMLInputElement) row.append(this.slider(f, range, input));
      row.append(this.errorBox(f.path));
    }
    return row;
  }

  /** The live-tuning slider of number field `f` (live-tuning.ts). */
  private slider(f: FieldSpec, range: SliderRange, input: HTMLInputElement): HTMLInputElement {
    return createSlider(f, range, input, {
      onInput: (v) => {
        setPath(this.draft, f.path, v);
        this.afterEdit(f.path);
        this.setPresetValue('custom');
        (this.cb.onLive ?? this.cb.onChange)(this.draft);
      },
      // The release: an ordinary edit of the final value.
      onChange: () => this.changed(),
    });
  }

  /**
   * After a field was set from its input: the compute efficiency follows
   * (compute power with the lock on scales the compute; compute or, unlocked,
   * power changes the efficiency shown).
   */
  private afterEdit(path: string): void {
    if (path !== 'node.computePowerW' && path !== 'node.computeTflops') return;
    const power = getPath(this.draft, 'node.computePowerW');
    if (path === 'node.computePowerW' && this.efficiencyLocked && Number.isFinite(this.efficiency) && typeof power === 'number' && power > 0) {
      this.setCompute(this.efficiency * (power / 1000));
    } else {
      const e = computeEfficiency(getPath(this.draft, 'node.computeTflops'), power);
      if (Number.isFinite(e)) this.efficiency = e;
    }
    this.showEfficiency();
  }

  /** Sets the compute (TFLOPS) in the draft and its input (10 significant digits: no float dust). */
  private setCompute(tflops: number): void {
    const v = Number(tflops.toPrecision(10));
    setPath(this.draft, 'node.computeTflops', v);
    const input = this.root.querySelector<HTMLInputElement>('[name="node.computeTflops"]');
    if (input) input.value = String(v);
    this.syncSliderFor('node.computeTflops', String(v));
  }

  /** The efficiency input and the note under it, from the draft. */
  private showEfficiency(): void {
    const tflops = getPath(this.draft, 'node.computeTflops');
    const power = getPath(this.draft, 'node.computePowerW');
    const e = computeEfficiency(tflops, power);
    if (this.efficiencyInput && document.activeElement !== this.efficiencyInput) this.efficiencyInput.value = inputNumber(e);
    if (this.efficiencyNote) {
      this.efficiencyNote.textContent = Number.isFinite(e)
        ? `= ${formatWithUnit(tflops as number, 'TFLOPS')} ÷ ${formatWithUnit(power as number, 'W')}${this.efficiencyLocked ? ' · locked' : ''}`
        : 'needs a compute and a compute power greater than 0';
    }
  }

  /** Compute efficiency (TFLOPS per kW): editable, with a lock (COMPUTE_EFFICIENCY_FIELD). */
  private efficiencyRow(): HTMLElement {
    const f = COMPUTE_EFFICIENCY_FIELD;
    const row = el('div', 'field efficiency');
    row.dataset.testid = 'compute-efficiency-row';
    const id = 'f-compute-efficiency';
    const { name } = this.fieldName(f, id, this.tooltip(f));
    const input = el('input');
    input.type = 'text';
    input.inputMode = 'decimal';
    input.autocomplete = 'off';
    input.id = id;
    input.dataset.testid = 'compute-efficiency';
    input.title = this.tooltip(f);
    const box = this.errorBox(f.path);
    input.addEventListener('input', () => {
      const v = Number(input.value.trim());
      const power = getPath(this.draft, 'node.computePowerW');
      if (input.value.trim() === '' || !Number.isFinite(v) || v <= 0) {
        box.textContent = `${f.label} must be a number greater than 0 (TFLOPS per kW)`;
        box.hidden = false;
        input.setAttribute('aria-invalid', 'true');
        return;
      }
      box.hidden = true;
      input.removeAttribute('aria-invalid');
      this.efficiency = v;
      if (typeof power === 'number' && power > 0) this.setCompute(v * (power / 1000));
      this.showEfficiency();
      this.changed();
    });
    input.addEventListener('blur', () => this.showEfficiency());
    const lock = el('button', 'btn tiny lock');
    lock.type = 'button';
    lock.dataset.testid = 'efficiency-lock';
    const paintLock = () => {
      lock.setAttribute('aria-pressed', String(this.efficiencyLocked));
      lock.replaceChildren(lockIcon(this.efficiencyLocked));
      lock.title = this.efficiencyLocked
        ? 'Locked: changing the compute power scales the compute (TFLOPS) so the efficiency stays. Click to unlock.'
        : 'Unlocked: changing the compute power leaves the compute (TFLOPS) as it is, so the efficiency changes. Click to lock.';
      lock.setAttribute('aria-label', this.efficiencyLocked ? 'Efficiency locked' : 'Efficiency unlocked');
    };
    lock.addEventListener('click', () => {
      this.efficiencyLocked = !this.efficiencyLocked;
      paintLock();
      this.showEfficiency();
    });
    paintLock();
    name.append(lock);
    const control = el('div', 'field-control');
    control.append(input, el('span', 'unit', f.unit ?? ''));
    const note = el('div', 'field-note');
    note.dataset.testid = 'compute-efficiency-note';
    this.efficiencyInput = input;
    this.efficiencyNote = note;
    row.append(name, control, note, box);
    this.showEfficiency();
    return row;
  }

  /** A small menu of typical values for `input`: picking one sets the field (then the menu shows its title again). */
  private picks(f: FieldSpec, input: HTMLInputElement): HTMLSelectElement {
    const s = el('select', 'picks');
    s.dataset.picksFor = f.path;
    s.title = `Typical values of ${f.label.toLowerCase()}${f.unit ? ` (${f.unit})` : ''}`;
    s.setAttribute('aria-label', s.title);
    const head = el('option', undefined, 'Pick…');
    head.value = '';
    s.append(head);
    for (const p of f.picks ?? []) {
      const o = el('option', undefined, p.label);
      o.value = String(p.value);
      s.append(o);
    }
    s.addEventListener('change', () => {
      if (s.value === '') return;
      input.value = s.value;
      s.value = '';
      input.dispatchEvent(new Event('input'));
    });
    return s;
  }

  /** A summary in place of a text box too large to edit comfortably (tens of thousands of element sets). */
  private largeField(f: FieldSpec, value: unknown, label: HTMLElement): HTMLElement {
    const row = el('div', 'field wide');
    const box = el('div', 'large-value');
    let lines = 1;
    if (typeof value === 'string') for (let i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) lines++;
    const summary =
      typeof value === 'string'
        ? `${lines.toLocaleString('en-US')} lines (${(value.length / 1024 / 1024).toFixed(1)} MB) of element sets`
        : `${(value as unknown[]).length.toLocaleString('en-US')} OMM records`;
    box.append(el('span', undefined, `${summary}. Too large to edit here: edit the file and import it again (Import TLE/OMM…).`));
    row.append(label, box, this.errorBox(f.path));
    return row;
  }

  private exportDraft(): void {
    const data = this.cb.currentScenario?.() ?? this.draft;
    const blob = new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = el('a');
    a.href = url;
    const name = String(getPath(this.draft, 'name') ?? 'scenario').replace(/[^\w.-]+/g, '-').slice(0, 60) || 'scenario';
    a.download = `${name}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}
