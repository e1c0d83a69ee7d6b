/**
 * Element-set import: paste TLE (2- or 3-line) or OMM JSON, or pick / drop a
 * file. Parsing runs in the import worker with a progress bar; the report
 * lists every bad record with its line number (TLE) or record index (OMM)
 * and the reason, and the good sets load as a new design. Satellite names
 * and messages are set with textContent only.
 *
 * Hooks: data-testid="import-text", "import-file", "import-run",
 * "import-progress", "import-summary", "import-errors" (one <li data-line> or
 * <li data-index> per problem, message first naming the line / record; the
 * summary counts records, a record with two problems once),
 * "import-start-at-epoch" (in the epoch warning); inputs named import-name, import-start,
 * import-start-utc, import-duration, import-step, import-max-age.
 */
import type { ElementError } from '../engine/input/elements';
import { DEFAULT_MAX_AGE_DAYS } from './epochs';
import { el } from './dom';
import './session.css';

export type StartMode = 'newest' | 'active' | 'custom';

export interface ImportSettings {
  name: string;
  startMode: StartMode;
  /** Used when startMode is 'custom'. */
  startUtc: string;
  durationHours: number;
  stepSeconds: number;
  maxAgeDays: number;
}

export interface ImportDialogCallbacks {
  /** Parse `text` (from a file when fileName is set) and add the good sets as a design. */
  onImport(text: string, fileName: string | undefined, settings: ImportSettings): void;
  /** The age threshold of the epoch warning changed. */
  onMaxAge(days: number): void;
  /** Start the imported (active) design at its element sets' epoch. */
  onStartAtEpoch(): void;
}

export interface ImportReport {
  loaded: number;
  /** Records read: loaded + skipped (skippedRecords()). */
  total: number;
  /** Problems found, one or more per skipped record. */
  errors: readonly ElementError[];
  designName?: string;
  note?: string;
  /** Element sets far from the scenario start. */
  warning?: string | null;
}

/** Bad records listed in full up to this many; the rest are counted. */
export const MAX_LISTED_ERRORS = 500;

/** TLE data line kind of a trimmed line (the parser's rule, engine/input/tle.ts): 1, 2 or 0. */
function tleLineKind(t: string): 0 | 1 | 2 {
  if (t.length >= 2 && t.charCodeAt(1) === 32) {
    const c = t.charCodeAt(0);
    if (c === 49) return 1;
    if (c === 50) return 2;
  }
  return 0;
}

/**
 * Element-set records that did not load, each counted once however many
 * problems it has. OMM: distinct record indices. TLE (with the text): every
 * line 1 starts a record, so skipped = line-1 lines − loaded sets + lines that
 * belong to no set (a line 2 without its line 1, a stray or name line
 * without a set: the parser's 'line1' and 'line' problems). Without either:
 * one record per problem.
 */
export function skippedRecords(errors: readonly ElementError[], loaded?: number, tleText?: string): number {
  if (errors.length === 0) return 0;
  if (errors.every((e) => e.index !== undefined)) return new Set(errors.map((e) => e.index)).size;
  if (tleText !== undefined && loaded !== undefined) {
    let line1 = 0;
    let start = 0;
    for (;;) {
      const end = tleText.indexOf('\n', start);
      const t = tleText.slice(start, end < 0 ? tleText.length : end);
      // \r\n and lone \r line ends (a lone \r splits lines too); trim() also drops a BOM.
      for (const part of t.includes('\r') ? t.split('\r') : [t]) if (tleLineKind(part.trim()) === 1) line1++;
      if (end < 0) break;
      start = end + 1;
    }
    const orphans = errors.filter((e) => e.field === 'line' || e.field === 'line1').length;
    const n = line1 - loaded + orphans;
    if (n > 0 && n <= errors.length) return n;
  }
  return errors.length;
}

function labelled(text: string, control: HTMLElement, unit?: string): HTMLElement {
  const l = el('label', 'import-opt');
  l.append(el('span', 'import-opt-label', text), control);
  if (unit) l.append(el('span', 'unit', unit));
  return l;
}

export class ImportDialog {
  readonly dialog: HTMLDialogElement;
  private readonly text: HTMLTextAreaElement;
  private readonly file: HTMLInputElement;
  private readonly fileLabel: HTMLElement;
  private readonly name: HTMLInputElement;
  private readonly startMode: HTMLSelectElement;
  private readonly startUtc: HTMLInputElement;
  private readonly duration: HTMLInputElement;
  private readonly step: HTMLInputElement;
  private readonly maxAge: HTMLInputElement;
  private readonly runBtn: HTMLButtonElement;
  private readonly progress: HTMLElement;
  private readonly progressBar: HTMLElement;
  private readonly progressText: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly warning: HTMLElement;
  private readonly warningText: HTMLElement;
  private readonly errors: HTMLUListElement;
  private readonly more: HTMLElement;
  private busy = false;

  constructor(parent: HTMLElement, private readonly cb: ImportDialogCallbacks) {
    this.dialog = el('dialog', 'import-dialog');
    this.dialog.setAttribute('aria-labelledby', 'import-title');
    const head = el('div', 'import-head');
    const title = el('h2', undefined, 'Import element sets');
    title.id = 'import-title';
    const close = el('button', 'btn tiny', '✕');
    close.type = 'button';
    close.setAttribute('aria-label', 'Close');
    close.addEventListener('click', () => this.close());
    head.append(title, close);
    const help = el('p', 'ws-help', 'Paste two- or three-line TLE sets or OMM JSON (CelesTrak / Space-Track “GP” format), or choose or drop a file. Bad records are listed with their line and reason; the rest load as a new design with the active design’s hardware and ground segment.');

    this.text = el('textarea', 'import-text');
    this.text.name = 'import-text';
    this.text.dataset.testid = 'import-text';
    this.text.rows = 7;
    this.text.spellcheck = false;
    this.text.placeholder = 'ISS (ZARYA)\n1 25544U 98067A   …\n2 25544  51.6455 …';
    const fileRow = el('div', 'import-file-row');
    const pick = el('button', 'btn small', 'Choose file…');
    pick.type = 'button';
    this.file = el('input');
    this.file.type = 'file';
    this.file.hidden = true;
    this.file.name = 'import-file';
    this.file.dataset.testid = 'import-file';
    this.file.accept = '.tle,.txt,.3le,.2le,.json,text/plain,application/json';
    pick.addEventListener('click', () => this.file.click());
    this.file.addEventListener('change', () => {
      const f = this.file.files?.[0];
      this.file.value = '';
      if (f) void this.importFile(f);
    });
    this.fileLabel = el('span', 'import-file-name', 'or paste above');
    fileRow.append(pick, this.fileLabel, this.file);

    const opts = el('div', 'import-opts');
    this.name = el('input');
    this.name.type = 'text';
    this.name.name = 'import-name';
    this.name.placeholder = 'from the file name';
    this.startMode = el('select');
    this.startMode.name = 'import-start';
    for (const [v, t] of [
      ['newest', 'at the newest element epoch'],
      ['active', 'as the active design'],
      ['custom', 'at a given time (UTC)'],
    ]) {
      const o = el('option', undefined, t);
      o.value = v;
      this.startMode.append(o);
    }
    this.startUtc = el('input');
    this.startUtc.type = 'text';
    this.startUtc.name = 'import-start-utc';
    this.startUtc.placeholder = '2026-06-21T00:00:00Z';
    this.startUtc.hidden = true;
    this.startMode.addEventListener('change', () => (this.startUtc.hidden = this.startMode.value !== 'custom'));
    this.duration = el('input');
    this.duration.type = 'text';
    this.duration.name = 'import-duration';
    this.duration.value = '24';
    this.step = el('input');
    this.step.type = 'text';
    this.step.name = 'import-step';
    this.step.value = '60';
    this.maxAge = el('input');
    this.maxAge.type = 'text';
    this.maxAge.name = 'import-max-age';
    this.maxAge.value = String(DEFAULT_MAX_AGE_DAYS);
    this.maxAge.title = 'Warn when element sets are this much older (or newer) than the scenario start';
    this.maxAge.addEventListener('change', () => {
      const d = Number(this.maxAge.value);
      if (Number.isFinite(d) && d > 0) cb.onMaxAge(d);
    });
    const startBox = el('span', 'import-start-box');
    startBox.append(this.startMode, this.startUtc);
    opts.append(
      labelled('Design name', this.name),
      labelled('Start', startBox),
      labelled('Duration', this.duration, 'h'),
      labelled('Step', this.step, 's'),
      labelled('Warn when epochs are more than', this.maxAge, 'days from the start'),
    );

    const actions = el('div', 'import-actions');
    this.runBtn = el('button', 'btn primary', 'Import pasted text');
    this.runBtn.type = 'button';
    this.runBtn.dataset.testid = 'import-run';
    this.runBtn.addEventListener('click', () => {
      if (!this.busy) cb.onImport(this.text.value, undefined, this.settings());
    });
    this.progress = el('div', 'import-progress');
    this.progress.dataset.testid = 'import-progress';
    this.progress.hidden = true;
    const bar = el('div', 'progress wide active');
    this.progressBar = el('div', 'progress-bar');
    bar.append(this.progressBar);
    this.progressText = el('span', 'import-progress-text');
    this.progress.append(bar, this.progressText);
    actions.append(this.runBtn, this.progress);

    this.summary = el('div', 'import-summary');
    this.summary.dataset.testid = 'import-summary';
    this.summary.setAttribute('role', 'status');
    this.warning = el('div', 'notice warn');
    this.warning.hidden = true;
    this.warningText = el('span');
    const toEpoch = el('button', 'btn tiny epoch-action', 'Start at the sets’ epoch');
    toEpoch.type = 'button';
    toEpoch.dataset.testid = 'import-start-at-epoch';
    toEpoch.title = 'Move the imported design’s start to its newest element epoch';
    toEpoch.addEventListener('click', () => cb.onStartAtEpoch());
    this.warning.append(this.warningText, ' ', toEpoch);
    this.errors = el('ul', 'import-errors');
    this.errors.dataset.testid = 'import-errors';
    this.errors.setAttribute('aria-label', 'Records that did not load');
    this.errors.hidden = true;
    this.more = el('div', 'import-more');
    this.dialog.append(head, help, this.text, fileRow, opts, actions, this.summary, this.warning, this.errors, this.more);
    parent.append(this.dialog);
  }

  settings(): ImportSettings {
    const num = (i: HTMLInputElement, d: number) => {
      const v = Number(i.value);
      return Number.isFinite(v) && v > 0 ? v : d;
    };
    return {
      name: this.name.value.trim(),
      startMode: this.startMode.value as StartMode,
      startUtc: this.startUtc.value.trim(),
      durationHours: num(this.duration, 24),
      stepSeconds: num(this.step, 60),
      maxAgeDays: num(this.maxAge, DEFAULT_MAX_AGE_DAYS),
    };
  }

  get maxAgeDays(): number {
    return this.settings().maxAgeDays;
  }

  open(): void {
    if (!this.dialog.open) this.dialog.showModal();
  }

  close(): void {
    this.dialog.close();
  }

  /** Reads and imports a file (file picker or a drop on the page). */
  async importFile(f: File): Promise<void> {
    this.open();
    this.fileLabel.textContent = `${f.name} (${(f.size / 1024).toFixed(f.size < 10_240 ? 1 : 0)} KB)`;
    const text = await f.text();
    if (!this.busy) this.cb.onImport(text, f.name, this.settings());
  }

  /** Parsing progress (0…1), or null when done. */
  setBusy(fraction: number | null, text = ''): void {
    if (fraction === 0 && !this.busy) {
      // A new import: the last report no longer applies.
      this.summary.textContent = '';
      this.warning.hidden = true;
      this.errors.replaceChildren();
      this.errors.hidden = true;
      this.more.textContent = '';
    }
    this.busy = fraction !== null;
    this.runBtn.disabled = this.busy;
    this.progress.hidden = !this.busy;
    if (fraction !== null) {
      this.progressBar.style.transform = `scaleX(${fraction})`;
      this.progressText.textContent = text || `parsing… ${Math.round(fraction * 100)} %`;
    }
  }

  showReport(r: ImportReport): void {
    const skipped = Math.max(0, r.total - r.loaded);
    const problems = r.errors.length > skipped ? ` (${r.errors.length.toLocaleString('en-US')} problems listed)` : '';
    this.summary.textContent =
      r.total === 0
        ? r.note ?? 'Nothing imported.'
        : `Loaded ${r.loaded.toLocaleString('en-US')} of ${r.total.toLocaleString('en-US')} element sets${r.designName ? ` as design “${r.designName}”` : ''}; ${skipped.toLocaleString('en-US')} record${skipped === 1 ? '' : 's'} skipped${problems}.${r.note ? ` ${r.note}` : ''}`;
    this.summary.classList.toggle('bad', r.loaded === 0);
    this.showEpochWarning(r.warning ?? null);
    const items: HTMLElement[] = [];
    for (const e of r.errors.slice(0, MAX_LISTED_ERRORS)) {
      const li = el('li', undefined, e.message);
      if (e.line !== undefined) li.dataset.line = String(e.line);
      if (e.index !== undefined) li.dataset.index = String(e.index);
      if (e.field) li.dataset.field = e.field;
      items.push(li);
    }
    this.errors.replaceChildren(...items);
    this.errors.hidden = items.length === 0;
    this.more.textContent = r.errors.length > MAX_LISTED_ERRORS ? `… and ${(r.errors.length - MAX_LISTED_ERRORS).toLocaleString('en-US')} more` : '';
  }

  /** The element-set age warning of the imported design (null: none), with its "start at the sets' epoch" button. */
  showEpochWarning(message: string | null): void {
    this.warningText.textContent = message ?? '';
    this.warning.hidden = !message;
  }

  showError(message: string): void {
    this.warning.hidden = true;
    this.summary.textContent = message;
    this.summary.classList.add('bad');
    this.errors.replaceChildren();
    this.errors.hidden = true;
    this.more.textContent = '';
  }
}
