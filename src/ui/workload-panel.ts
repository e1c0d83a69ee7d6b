/**
 * The Design tab's workload input (issue 17): the scenario's `workloads`
 * section (src/engine/input/workload-schema.ts) as a parameter-panel group.
 * The scheduler (naive / look-ahead) and its look-ahead window, then lists of
 * training, inference and batch workloads as cards with a Remove button, and
 * "+ training", "+ inference", "+ batch" buttons that add an entry with the
 * engine's defaults filled in. Inference regions are rows (name, latitude,
 * longitude, requests/s) with their own add/remove.
 *
 * Fields are built by the panel's own field builder (panel.ts), so they look
 * and behave as the other sections: input name = the field path, a tooltip
 * and ⓘ with the meaning, unit, allowed range and the default with its
 * source, an error box per path. A field left empty is removed from the
 * scenario and the engine's default applies (shown as the placeholder).
 * Defaults and their sources: workload-schema.ts and
 * docs/reference/workload-sources.md. workloadIssue words a validation issue
 * on a workload path naming the field by its label.
 */
import {
  BATCH_DEFAULTS,
  DEFAULT_LOOK_AHEAD_HOURS,
  DEFAULT_REGIONS,
  INFERENCE_DEFAULTS,
  TRAINING_DEFAULTS,
} from '../engine/input/workload-schema';
import { getPath, setPath } from './draft';
import { schemaFacts, type FieldSpec } from './fields';
import { rangeText } from './field-text';
import { formatNumber } from './format';
import { el } from './dom';
import './workload-panel.css';

const SRC = 'docs/reference/workload-sources.md';
/** An assumed default: no published figure (the reference section that says so). */
const assumed = (section: string): string => `an assumption without a published figure (${SRC} ${section})`;

/** What the workload group needs from the panel that holds it. */
export interface WorkloadHost {
  /** The draft being edited (mutated in place). */
  draft(): Record<string, unknown>;
  /** A field row (label with ⓘ, input named by the path, unit, error box). */
  field(f: FieldSpec, compact?: boolean): HTMLElement;
  /** A select row; onPick gets the option chosen; `shown` is the option shown. */
  selectField(f: FieldSpec, onPick: (v: string) => void, shown?: string): HTMLElement;
  /** An error box for issues at `path` (and below it, without a box of their own). */
  errorBox(path: string): HTMLElement;
  /** The draft's structure changed (a workload added or removed): rebuild the form and report the change. */
  structureChanged(): void;
  /** A value changed without a rebuild: report the change. */
  changed(): void;
}

type Kind = 'training' | 'inference' | 'batch';

/** Placeholder text of a default value. */
const def = (x: number): { default: string } => ({ default: formatNumber(x, 6) });

export const SCHEDULER_FIELD: FieldSpec = {
  path: 'workloads.scheduler',
  label: 'Scheduler',
  kind: 'select',
  options: ['naive', 'look-ahead'],
  help: 'How workloads are placed in time: naive runs each as soon as power, links and storage allow; look-ahead plans on the predicted eclipses, contacts and compute of the next hours.',
  source: `Default look-ahead (workload-schema.ts; energy-aware scheduling in orbit: ${SRC} §9).`,
};

/** One line under the scheduler select. */
export const SCHEDULER_HELP: Record<string, string> = {
  naive: 'Naive: runs work whenever power, links and storage allow, first come first served.',
  'look-ahead': 'Look-ahead: plans on predicted eclipses, contacts and compute over the window below.',
};

export const LOOK_AHEAD_FIELD: FieldSpec = {
  path: 'workloads.lookAheadHours',
  label: 'Look-ahead window',
  kind: 'number',
  unit: 'h',
  step: 0.5,
  optional: def(DEFAULT_LOOK_AHEAD_HOURS),
  help: 'How far ahead the look-ahead scheduler plans (eclipses and contacts are predictable to seconds over days).',
  source: `Default 3 h, about two low orbits, assumed (workload-schema.ts; ${SRC} §9).`,
};

/** Training fields, by their path inside one training workload. */
export const TRAINING_FIELDS: FieldSpec[] = [
  { path: 'name', label: 'Name', kind: 'text', help: 'Name of this workload, shown in the results.', source: 'Default “training” (workload-schema.ts).' },
  { path: 'parameters', label: 'Parameters', kind: 'number', unit: 'params', step: 1e9, optional: def(TRAINING_DEFAULTS.parameters), help: 'Parameters of the model being trained.', source: `Default 70 × 10⁹: Llama 2 70B (Touvron et al. 2023, Table 1; ${SRC} §2).` },
  { path: 'bytesPerParameter', label: 'Gradient bytes / parameter', kind: 'number', unit: 'B', step: 1, optional: def(TRAINING_DEFAULTS.bytesPerParameter), help: 'Bytes of gradient each parameter puts into the all-reduce of a step.', source: 'Default 2 B: gradients in bf16 (mixed-precision training, Micikevicius et al. 2018).' },
  { path: 'tokensPerStep', label: 'Tokens per step', kind: 'number', unit: 'tokens', step: 1e6, optional: def(TRAINING_DEFAULTS.tokensPerStep), help: 'Global batch of one optimiser step, summed over the replicas.', source: `Default 16 × 10⁶: Llama 3 405B’s final batch (Dubey et al. 2024, §3.4.1; ${SRC}).` },
  { path: 'flopsPerTokenPerParameter', label: 'FLOP per token per parameter', kind: 'number', step: 1, optional: def(TRAINING_DEFAULTS.flopsPerTokenPerParameter), help: 'Training compute per token per parameter: C ≈ 6 · N · D.', source: `Default 6 (Kaplan et al. 2020, §2.1; ${SRC} §1).` },
  { path: 'modelFlopsUtilisation', label: 'MFU', kind: 'number', step: 0.05, optional: def(TRAINING_DEFAULTS.modelFlopsUtilisation), help: 'Model FLOPs utilisation: share of the nodes’ peak compute that does useful model arithmetic.', source: `Default 0.4: 38–43 % for Llama 3 405B on 16k H100 (Dubey et al. 2024, Table 4); PaLM 46.2 % (Chowdhery et al. 2022; ${SRC} §3).` },
  { path: 'nodesPerReplica', label: 'Nodes per replica', kind: 'int', step: 1, optional: def(TRAINING_DEFAULTS.nodesPerReplica), help: 'Satellites that train one replica together (one all-reduce ring).', source: 'Default 81: the 81-member cluster of the space AI cluster study (docs/reference/PHYSICS.md “Reference designs”).' },
  { path: 'replicas', label: 'Replicas', kind: 'int', step: 1, optional: { default: '0 = as many as fit' }, help: 'Replica groups trained; 0 = as many as the satellites allow (satellites ÷ nodes per replica, rounded down).', source: 'Default 0, as many as fit (workload-schema.ts).' },
  { path: 'checkpointIntervalMinutes', label: 'Checkpoint interval', kind: 'number', unit: 'min', step: 5, optional: def(TRAINING_DEFAULTS.checkpointIntervalMinutes), help: 'Time between periodic checkpoints; an interruption loses the work since the last one.', source: `Default 30 min, ${assumed('§5')}.` },
  { path: 'checkpointSeconds', label: 'Checkpoint cost', kind: 'number', unit: 's', step: 5, optional: def(TRAINING_DEFAULTS.checkpointSeconds), help: 'Time a checkpoint stalls training.', source: `Default 30 s, ${assumed('§5')}.` },
  { path: 'restartSeconds', label: 'Restart cost', kind: 'number', unit: 's', step: 10, optional: def(TRAINING_DEFAULTS.restartSeconds), help: 'Time from the end of an interruption to training again (reload the checkpoint, re-form the ring).', source: `Default 120 s, ${assumed('§5')}.` },
  { path: 'perHopDelayMs', label: 'Per-hop delay', kind: 'number', unit: 'ms', step: 0.05, optional: def(TRAINING_DEFAULTS.perHopDelayMs), help: 'Delay added by each inter-satellite hop of the all-reduce (switching, serialisation).', source: `Default 0.1 ms, ${assumed('§6')}.` },
];

/** Inference fields, by their path inside one inference workload (regions: REGION_FIELDS). */
export const INFERENCE_FIELDS: FieldSpec[] = [
  { path: 'name', label: 'Name', kind: 'text', help: 'Name of this workload, shown in the results.', source: 'Default “inference” (workload-schema.ts).' },
  { path: 'pflopPerRequest', label: 'Compute per request', kind: 'number', unit: 'PFLOP', step: 0.01, optional: def(INFERENCE_DEFAULTS.pflopPerRequest), help: 'Compute one request needs (≈ 2 × parameters × tokens generated).', source: `Default 0.14 PFLOP: 2 · 70 × 10⁹ · 1,000 tokens (Kaplan et al. 2020, §2.1; ${SRC} §8).` },
  { path: 'requestBytes', label: 'Request size', kind: 'number', unit: 'B', step: 1000, optional: def(INFERENCE_DEFAULTS.requestBytes), help: 'Bytes of one request (the prompt).', source: 'Default 4,000 B: 1,000 tokens of 4 bytes, assumed (workload-schema.ts).' },
  { path: 'responseBytes', label: 'Response size', kind: 'number', unit: 'B', step: 1000, optional: def(INFERENCE_DEFAULTS.responseBytes), help: 'Bytes of one answer.', source: 'Default 4,000 B: 1,000 tokens of 4 bytes, assumed (workload-schema.ts).' },
  { path: 'latencyBudgetMs', label: 'Latency budget', kind: 'number', unit: 'ms', step: 10, optional: def(INFERENCE_DEFAULTS.latencyBudgetMs), help: 'A request is served only if its answer can arrive within this time (light time, hops and service time).', source: `Default 100 ms: the “instantaneous” response limit (Card, Robertson & Mackinlay 1991; Nielsen 1993; ${SRC} §8).` },
  { path: 'perHopDelayMs', label: 'Per-hop delay', kind: 'number', unit: 'ms', step: 0.05, optional: def(INFERENCE_DEFAULTS.perHopDelayMs), help: 'Delay added by each inter-satellite hop on the way (switching, queueing).', source: `Default 0.1 ms, ${assumed('§6')}.` },
  { path: 'serviceTimeMs', label: 'Service time', kind: 'number', unit: 'ms', step: 5, optional: def(INFERENCE_DEFAULTS.serviceTimeMs), help: 'Time from a request’s arrival to the start of its answer, on top of the light time (queueing, prefill); 0 = network latency only.', source: 'Default 0 ms, assumed (workload-schema.ts).' },
  { path: 'minElevationDeg', label: 'User min elevation', kind: 'number', unit: '°', step: 5, optional: def(INFERENCE_DEFAULTS.minElevationDeg), help: 'Users’ terminals see satellites above this elevation.', source: `Default 25°: Starlink user terminals (SpaceX FCC SAT-MOD-20181108-00083; ${SRC} §7).` },
];

/** Region fields, by their path inside one region (a row of the regions table). */
export const REGION_FIELDS: Array<FieldSpec & { short?: string }> = [
  { path: 'name', label: 'Region', kind: 'text', help: 'Name of the region the requests come from.', source: 'Required, your choice.' },
  { path: 'latitudeDeg', label: 'Latitude', short: 'Lat °', kind: 'number', unit: '°', step: 0.5, help: 'Latitude of the region’s centre, north positive.', source: 'Required. The default regions are New York, London and Tokyo (approximate public coordinates).' },
  { path: 'longitudeDeg', label: 'Longitude', short: 'Lon °', kind: 'number', unit: '°', step: 0.5, help: 'Longitude of the region’s centre, east positive.', source: 'Required. The default regions are New York, London and Tokyo (approximate public coordinates).' },
  { path: 'requestsPerSecond', label: 'Requests', short: 'Req/s', kind: 'number', unit: '/s', step: 100, help: 'Requests per second from this region.', source: 'Required. The default regions send 1,000 requests/s each, assumed (workload-schema.ts).' },
];

/** Batch fields, by their path inside one batch workload. */
export const BATCH_FIELDS: FieldSpec[] = [
  { path: 'name', label: 'Name', kind: 'text', help: 'Name of this workload, shown in the results.', source: 'Default “batch” (workload-schema.ts).' },
  { path: 'jobs', label: 'Jobs', kind: 'int', step: 1, optional: def(BATCH_DEFAULTS.jobs), help: 'Number of jobs, arriving at a fixed interval.', source: 'Default 24 (one an hour over a day), assumed (workload-schema.ts).' },
  { path: 'firstArrivalHours', label: 'First arrival', kind: 'number', unit: 'h', step: 0.5, optional: def(BATCH_DEFAULTS.firstArrivalHours), help: 'When the first job arrives, after the start of the run.', source: 'Default 0 h, assumed (workload-schema.ts).' },
  { path: 'intervalHours', label: 'Interval', kind: 'number', unit: 'h', step: 0.5, optional: def(BATCH_DEFAULTS.intervalHours), help: 'Time between job arrivals.', source: 'Default 1 h, assumed (workload-schema.ts).' },
  { path: 'dataUpGB', label: 'Data up', kind: 'number', unit: 'GB', step: 5, optional: def(BATCH_DEFAULTS.dataUpGB), help: 'Input each job needs uploaded from a ground station before it can run.', source: 'Default 20 GB, assumed (workload-schema.ts).' },
  { path: 'computePflopHours', label: 'Compute', kind: 'number', unit: 'PFLOP-h', step: 5, optional: def(BATCH_DEFAULTS.computePflopHours), help: 'Compute each job needs (20 PFLOP-h ≈ 13 min of a 91.8 PFLOP/s node).', source: 'Default 20 PFLOP-h, assumed (workload-schema.ts).' },
  { path: 'resultsDownGB', label: 'Results down', kind: 'number', unit: 'GB', step: 5, optional: def(BATCH_DEFAULTS.resultsDownGB), help: 'Results each job sends down to a ground station.', source: 'Default 10 GB, assumed (workload-schema.ts).' },
  { path: 'deadlineHours', label: 'Deadline', kind: 'number', unit: 'h', step: 0.5, optional: def(BATCH_DEFAULTS.deadlineHours), help: 'Results are due this long after the job arrives; later counts as a missed deadline.', source: `Default 4 h after arrival, assumed (workload-schema.ts; earliest-deadline-first: ${SRC} §10).` },
];

const FIELDS: Record<Kind, FieldSpec[]> = { training: TRAINING_FIELDS, inference: INFERENCE_FIELDS, batch: BATCH_FIELDS };
const TITLES: Record<Kind, string> = { training: 'Training', inference: 'Inference', batch: 'Batch' };
const HELP: Record<Kind, string> = {
  training: 'Data-parallel training of one model by groups of satellites, with a ring all-reduce over the inter-satellite links each step.',
  inference: 'Requests from ground regions, served within a latency budget over the user link and inter-satellite hops.',
  batch: 'Jobs that upload data, compute, and send results down before a deadline.',
};

/** A number as typed in a box: from a million up in engineering notation, engineering(70e9) → "70e9"; below as is. */
export function engineering(x: number): string {
  if (!Number.isFinite(x) || Math.abs(x) < 1e6) return String(x);
  const k = Math.floor(Math.log10(Math.abs(x)) / 3) * 3;
  return `${Number((x / 10 ** k).toPrecision(9))}e${k}`;
}

/** A new workload of `kind` with every default filled in (numbered names: “batch 2”). */
export function newWorkload(kind: Kind, index: number): Record<string, unknown> {
  const name = index === 0 ? kind : `${kind} ${index + 1}`;
  if (kind === 'training') return { name, ...TRAINING_DEFAULTS, replicas: 0 };
  if (kind === 'inference') return { name, regions: DEFAULT_REGIONS.map((r) => ({ ...r })), ...INFERENCE_DEFAULTS };
  return { name, ...BATCH_DEFAULTS };
}

const list = (draft: unknown, path: string): Array<Record<string, unknown>> => {
  const v = getPath(draft, path);
  return Array.isArray(v) ? (v as Array<Record<string, unknown>>) : [];
};

/** The field spec of a workload path ('workloads.batch[0].deadlineHours'), with its full path; undefined otherwise. */
export function workloadFieldForPath(path: string): FieldSpec | undefined {
  if (path === SCHEDULER_FIELD.path) return SCHEDULER_FIELD;
  if (path === LOOK_AHEAD_FIELD.path) return LOOK_AHEAD_FIELD;
  const region = /^workloads\.inference\[\d+\]\.regions\[\d+\]\.(\w+)$/.exec(path);
  if (region) {
    const f = REGION_FIELDS.find((x) => x.path === region[1]);
    return f && { ...f, path };
  }
  const m = /^workloads\.(training|inference|batch)\[\d+\]\.(\w+)$/.exec(path);
  if (!m) return undefined;
  const f = FIELDS[m[1] as Kind].find((x) => x.path === m[2]);
  return f && { ...f, path };
}

/**
 * A validation issue on a workload path as a sentence naming the field by
 * its label, or undefined for other paths (the panel's plainIssue words those).
 *   { path: 'workloads.inference[0].latencyBudgetMs', message: 'must be greater than 0' }
 *     → "Latency budget must be greater than 0 ms"
 */
export function workloadIssue(issue: { path: string; message: string }, draft?: unknown): string | undefined {
  if (!issue.path.startsWith('workloads')) return undefined;
  const f = workloadFieldForPath(issue.path);
  if (!f) {
    const m = /^workloads\.(training|inference|batch)\[(\d+)\](.*)$/.exec(issue.path);
    return m ? `${TITLES[m[1] as Kind]} #${Number(m[2]) + 1}${m[3] ? ` ${m[3].replace(/^\./, '')}` : ''}: ${issue.message}` : `Workloads: ${issue.message}`;
  }
  const m = issue.message;
  if (/^Too (small|big): expected number/.test(m) || /^must be (greater than 0|0 or greater)$/.test(m)) {
    const range = rangeText(schemaFacts(issue.path, draft), f.unit);
    if (range) return `${f.label} must be ${range}`;
  }
  let r: RegExpExecArray | null;
  if ((r = /^expected a finite number, got (.*)$/s.exec(m))) {
    const s = /^string "(.*)"$/s.exec(r[1]);
    return `${f.label} must be a number${f.unit ? ` (in ${f.unit})` : ''}, not ${s ? `“${s[1]}”` : r[1]}`;
  }
  if (/^expected an integer$/.test(m)) return `${f.label} must be a whole number`;
  if (/^required$/.test(m)) return `${f.label} is required`;
  if (/^Too small: expected string/.test(m)) return `${f.label} must not be empty`;
  return `${f.label}: ${m}`;
}

/** Builds the workload group's contents into `into` (the panel's group body). */
export function buildWorkloadPanel(into: HTMLElement, host: WorkloadHost): void {
  const draft = host.draft();
  const root = el('div', 'workload-panel');
  root.dataset.testid = 'workload-panel';
  root.append(el('p', 'group-help', 'What the usable compute is used for. Priority on a node: inference, then batch, then training. Hover a field for its default’s source.'));

  // ---- scheduler ----
  const scheduler = String(getPath(draft, SCHEDULER_FIELD.path) ?? 'look-ahead');
  const help = el('p', 'group-help workload-scheduler-help', SCHEDULER_HELP[scheduler] ?? '');
  const select = host.selectField(
    SCHEDULER_FIELD,
    (v) => {
      setPath(draft, SCHEDULER_FIELD.path, v);
      help.textContent = SCHEDULER_HELP[v] ?? '';
      host.changed();
    },
    scheduler,
  );
  select.querySelector('select')!.dataset.testid = 'workload-scheduler';
  root.append(select, help, host.field(LOOK_AHEAD_FIELD));

  // ---- the three lists, each with its add button under it ----
  for (const kind of ['training', 'inference', 'batch'] as const) {
    const path = `workloads.${kind}`;
    const items = list(draft, path);
    const section = el('div', 'workload-section');
    section.dataset.workloadKind = kind;
    const head = el('h4', 'subgroup', `${TITLES[kind]} (${items.length})`);
    head.title = HELP[kind];
    section.append(head);
    if (items.length === 0) section.append(el('p', 'workload-empty', `None. ${HELP[kind]}`));
    items.forEach((_, k) => section.append(card(host, kind, k)));
    const add = el('button', 'btn small workload-add', `+ ${kind}`);
    add.type = 'button';
    add.dataset.testid = `add-${kind}`;
    add.title = `Add ${kind === 'inference' ? 'an' : 'a'} ${kind} workload with the engine’s default values`;
    add.addEventListener('click', () => {
      const arr = list(draft, path).slice();
      arr.push(newWorkload(kind, arr.length));
      setPath(draft, path, arr);
      host.structureChanged();
    });
    section.append(add, host.errorBox(path));
    root.append(section);
  }
  root.append(host.errorBox('workloads'));
  into.append(root);
}

/** One workload's card: title, Remove, its fields (inference: and its regions). */
function card(host: WorkloadHost, kind: Kind, k: number): HTMLElement {
  const draft = host.draft();
  const base = `workloads.${kind}[${k}]`;
  const box = el('div', 'station workload');
  box.dataset.workload = `${kind}-${k}`;
  const head = el('div', 'station-head');
  const remove = el('button', 'btn tiny', 'Remove');
  remove.type = 'button';
  remove.title = `Remove this ${kind} workload`;
  remove.dataset.testid = `remove-${kind}-${k}`;
  remove.addEventListener('click', () => {
    const arr = list(draft, `workloads.${kind}`).slice();
    arr.splice(k, 1);
    setPath(draft, `workloads.${kind}`, arr);
    host.structureChanged();
  });
  head.append(el('span', 'station-title', `${TITLES[kind]} #${k + 1}`), remove);
  box.append(head);
  const grid = el('div', 'station-grid');
  for (const f of FIELDS[kind]) {
    const row = host.field({ ...f, path: `${base}.${f.path}` }, true);
    // Counts of millions and more in engineering notation (70e9, not 70000000000: the box is narrow).
    const input = row.querySelector<HTMLInputElement>('input[type="text"]');
    const v = getPath(draft, `${base}.${f.path}`);
    if (input && typeof v === 'number') input.value = engineering(v);
    grid.append(row);
  }
  box.append(grid);
  if (kind === 'inference') box.append(regions(host, base));
  box.append(host.errorBox(base));
  return box;
}

/** The regions of inference workload `base` as rows: name, latitude, longitude, requests/s, remove. */
function regions(host: WorkloadHost, base: string): HTMLElement {
  const draft = host.draft();
  const path = `${base}.regions`;
  const rows = list(draft, path);
  const wrap = el('div', 'workload-regions');
  if (getPath(draft, path) === undefined) {
    // Left out: the engine's default regions apply; "Edit regions" copies them into the draft.
    const note = el('p', 'workload-empty', `Regions: the defaults, ${DEFAULT_REGIONS.map((r) => r.name).join(', ')} at ${formatNumber(DEFAULT_REGIONS[0].requestsPerSecond)} requests/s each (assumed; workload-schema.ts).`);
    const edit = el('button', 'btn tiny', 'Edit regions');
    edit.type = 'button';
    edit.addEventListener('click', () => {
      setPath(draft, path, DEFAULT_REGIONS.map((r) => ({ ...r })));
      host.structureChanged();
    });
    wrap.append(note, edit, host.errorBox(path));
    return wrap;
  }
  const head = el('div', 'workload-region head');
  for (const f of REGION_FIELDS) {
    const h = el('span', undefined, f.short ?? f.label);
    h.title = `${f.help}\nSource: ${f.source}`;
    head.append(h);
  }
  head.append(el('span'));
  wrap.append(head);
  rows.forEach((_, r) => {
    const row = el('div', 'workload-region');
    row.dataset.region = String(r);
    const errors: HTMLElement[] = [];
    for (const f of REGION_FIELDS) {
      const p = `${path}[${r}].${f.path}`;
      const input = el('input');
      input.type = 'text';
      input.name = p;
      input.autocomplete = 'off';
      const v = getPath(draft, p);
      input.value = v === undefined ? '' : String(v);
      input.title = `${f.label}${f.unit ? ` (${f.unit})` : ''}: ${f.help}\nSource: ${f.source}`;
      input.setAttribute('aria-label', `${f.label}${f.unit ? ` (${f.unit})` : ''} of region ${r + 1}`);
      if (f.kind === 'number') input.inputMode = 'decimal';
      input.addEventListener('input', () => {
        const t = input.value.trim();
        const n = Number(t);
        setPath(draft, p, f.kind === 'number' ? (t !== '' && Number.isFinite(n) ? n : input.value) : input.value);
        host.changed();
      });
      row.append(input);
      errors.push(host.errorBox(p));
    }
    const remove = el('button', 'btn tiny', '×');
    remove.type = 'button';
    remove.title = 'Remove this region';
    remove.setAttribute('aria-label', `Remove region ${r + 1}`);
    remove.addEventListener('click', () => {
      const arr = list(draft, path).slice();
      arr.splice(r, 1);
      setPath(draft, path, arr);
      host.structureChanged();
    });
    row.append(remove, ...errors, host.errorBox(`${path}[${r}]`));
    wrap.append(row);
  });
  const add = el('button', 'btn tiny', '+ region');
  add.type = 'button';
  add.title = 'Add a region (edit its name, place and request rate)';
  add.addEventListener('click', () => {
    const arr = list(draft, path).slice();
    arr.push({ name: `Region ${arr.length + 1}`, latitudeDeg: 0, longitudeDeg: 0, requestsPerSecond: 1000 });
    setPath(draft, path, arr);
    host.structureChanged();
  });
  wrap.append(add, host.errorBox(path));
  return wrap;
}
