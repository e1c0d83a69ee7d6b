/**
 * The design list at the top of the left column: one row per design (colour,
 * name, input hash, run state, headline KPI) with duplicate / rename / remove,
 * a picker to add a design from a preset, and the session's file actions
 * (open, save set, share link, element-set import, exports). Names and
 * messages are user text: set with textContent only.
 *
 * Hooks: data-testid="design-list" (the <ul>), rows data-design="<name>",
 * per row data-testid="input-hash"; data-testid="share-url", "load-error",
 * "epoch-warning" (with "start-at-epoch"), "pool-status", "add-design",
 * "open-file", "save-set", "share", "import-open", "export-*",
 * "new-session", "autosave-status" (data-state = pending | saved | error).
 */
import type { Design, DesignSet, NameCheck } from './designs';
import { icon, ICONS } from './icons';
import type { PresetOption } from './panel';
import { el } from './dom';

export type RowState = 'pending' | 'running' | 'done' | 'error' | 'invalid';

export interface DesignRowInfo {
  state: RowState;
  progress: number;
  message?: string;
  /** Short headline result, e.g. "6,675 PFLOPS usable". */
  headline?: string;
}

export type ExportKind =
  | 'series-csv'
  | 'result-json'
  | 'view-png'
  | 'charts-png'
  | 'sweep-csv'
  | 'sweep-file'
  | 'design-set'
  | 'oem-all'
  | 'oem-selected'
  | 'stk-selected'
  | 'passes-csv'
  | 'eclipses-csv'
  | 'contacts-csv';

export interface DesignListCallbacks {
  onActivate(id: number): void;
  onDuplicate(id: number): void;
  onRename(id: number, name: string): NameCheck;
  onRemove(id: number): void;
  onAdd(preset: string): void;
  onOpenFiles(files: File[]): void;
  onShare(): void;
  onImport(): void;
  onExport(kind: ExportKind): void;
  onCancelRuns(): void;
  /** Replace the session with the default design (undoable). */
  onNewSession(): void;
  /** Start the active design at its element sets' epoch (epoch warning). */
  onStartAtEpoch(): void;
}

function button(text: string, cls: string, title: string): HTMLButtonElement {
  const b = el('button', cls, text);
  b.type = 'button';
  b.title = title;
  return b;
}

const STATE_TEXT: Record<RowState, string> = { pending: 'queued', running: 'running', done: 'done', error: 'error', invalid: 'invalid input' };

const EXPORTS: Array<[ExportKind, string]> = [
  ['series-csv', 'Time series of the active design (CSV)'],
  ['result-json', 'Result of the active design (JSON)'],
  ['oem-all', 'OEM ephemeris (all satellites)'],
  ['oem-selected', 'OEM ephemeris (selected satellite)'],
  ['stk-selected', 'STK .e (selected)'],
  ['passes-csv', 'Passes CSV'],
  ['eclipses-csv', 'Eclipses CSV'],
  ['contacts-csv', 'Contacts CSV'],
  ['design-set', 'All designs (design set JSON)'],
  ['view-png', '3D view (PNG)'],
  ['charts-png', 'Charts on screen (PNG)'],
  ['sweep-csv', 'Sweep results (CSV, as the CLI)'],
  ['sweep-file', 'Sweep file for the CLI (JSON)'],
];

export class DesignList {
  readonly root: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly poolText: HTMLElement;
  private readonly poolBar: HTMLElement;
  private readonly poolCancel: HTMLButtonElement;
  private readonly addSelect: HTMLSelectElement;
  private readonly shareBox: HTMLElement;
  private readonly shareInput: HTMLInputElement;
  private readonly shareNote: HTMLElement;
  private readonly loadError: HTMLElement;
  private readonly epochWarning: HTMLElement;
  private readonly epochText: HTMLElement;
  private readonly autosave: HTMLElement;
  private readonly exportMenu: HTMLDetailsElement;
  private editingId = -1;
  private lastSet: DesignSet | undefined;
  private lastInfo: ReadonlyMap<number, DesignRowInfo> = new Map();

  constructor(root: HTMLElement, presets: readonly PresetOption[], private readonly cb: DesignListCallbacks) {
    this.root = root;
    root.classList.add('designs');
    const head = el('div', 'designs-head');
    const title = el('h2', 'designs-title', 'Designs');
    this.poolText = el('span', 'pool-status');
    this.poolText.dataset.testid = 'pool-status';
    const bar = el('div', 'progress mini');
    bar.setAttribute('aria-hidden', 'true');
    this.poolBar = el('div', 'progress-bar');
    bar.append(this.poolBar);
    this.poolCancel = button('Cancel', 'btn tiny', 'Cancel queued and running analyses of the other designs');
    this.poolCancel.dataset.testid = 'pool-cancel';
    this.poolCancel.hidden = true;
    this.poolCancel.addEventListener('click', () => cb.onCancelRuns());
    this.autosave = el('span', 'autosave-status');
    this.autosave.dataset.testid = 'autosave-status';
    this.autosave.hidden = true;
    head.append(title, this.autosave, this.poolText, bar, this.poolCancel);

    this.list = el('ul', 'design-list');
    this.list.dataset.testid = 'design-list';
    this.list.setAttribute('aria-label', 'Designs in this session');

    this.addSelect = el('select', 'add-design');
    this.addSelect.dataset.testid = 'add-design';
    this.addSelect.name = 'add-design';
    this.addSelect.setAttribute('aria-label', 'Add a design from a preset');
    const ph = el('option', undefined, '+ Add a design from a preset…');
    ph.value = '';
    this.addSelect.append(ph);
    for (const p of presets) {
      const o = el('option', undefined, p.label);
      o.value = p.value;
      this.addSelect.append(o);
    }
    this.addSelect.addEventListener('change', () => {
      const v = this.addSelect.value;
      this.addSelect.value = '';
      if (v) cb.onAdd(v);
    });

    const tools = el('div', 'designs-tools');
    const open = button('Open…', 'btn small', 'Add designs from scenario, design-set or sweep files (or drop files on the page)');
    const file = el('input');
    file.type = 'file';
    file.accept = '.json,application/json,.tle,.txt,.3le,.2le';
    file.multiple = true;
    file.hidden = true;
    file.dataset.testid = 'open-file';
    file.name = 'open-file';
    open.addEventListener('click', () => file.click());
    file.addEventListener('change', () => {
      const files = [...(file.files ?? [])];
      file.value = '';
      if (files.length) cb.onOpenFiles(files);
    });
    const share = button('Share', 'btn small', 'A link that restores these designs exactly');
    share.dataset.testid = 'share';
    share.addEventListener('click', () => cb.onShare());
    const imp = button('Import TLE/OMM', 'btn small', 'Import real element sets (TLE or OMM JSON) by paste or file');
    imp.dataset.testid = 'import-open';
    imp.addEventListener('click', () => cb.onImport());
    this.exportMenu = el('details', 'menu');
    const sum = el('summary', 'btn small', 'Export');
    sum.dataset.testid = 'export-menu';
    const items = el('div', 'menu-items');
    for (const [kind, label] of EXPORTS) {
      const b = button(label, 'menu-item', label);
      b.dataset.testid = `export-${kind}`;
      b.addEventListener('click', () => {
        this.exportMenu.open = false;
        cb.onExport(kind);
      });
      items.append(b);
    }
    this.exportMenu.append(sum, items);
    const fresh = button('New session', 'btn small', 'Replace every design with the default one (undo offered); the session is autosaved in this browser');
    fresh.dataset.testid = 'new-session';
    fresh.addEventListener('click', () => cb.onNewSession());
    tools.append(open, share, imp, this.exportMenu, fresh, file);

    this.shareBox = el('div', 'share-box');
    this.shareBox.hidden = true;
    this.shareInput = el('input');
    this.shareInput.type = 'text';
    this.shareInput.readOnly = true;
    this.shareInput.dataset.testid = 'share-url';
    this.shareInput.name = 'share-url';
    this.shareInput.setAttribute('aria-label', 'Share link');
    this.shareInput.addEventListener('focus', () => this.shareInput.select());
    const copy = button('Copy', 'btn tiny', 'Copy the link');
    copy.addEventListener('click', () => {
      this.shareInput.select();
      void navigator.clipboard?.writeText(this.shareInput.value).then(
        () => (this.shareNote.textContent = 'Copied.'),
        () => (this.shareNote.textContent = 'Select the link and copy it.'),
      );
    });
    const close = button('✕', 'btn tiny', 'Close');
    close.setAttribute('aria-label', 'Close the share link');
    close.addEventListener('click', () => (this.shareBox.hidden = true));
    const row = el('div', 'share-row');
    row.append(this.shareInput, copy, close);
    this.shareNote = el('div', 'share-note');
    this.shareBox.append(row, this.shareNote);

    this.loadError = el('div', 'notice error');
    this.loadError.dataset.testid = 'load-error';
    this.loadError.setAttribute('role', 'alert');
    this.loadError.hidden = true;
    this.epochWarning = el('div', 'notice warn');
    this.epochWarning.dataset.testid = 'epoch-warning';
    this.epochWarning.setAttribute('role', 'status');
    this.epochWarning.hidden = true;
    this.epochText = el('span', 'epoch-text');
    const toEpoch = button('Start at the sets’ epoch', 'btn tiny epoch-action', 'Move the active design’s start to its newest element epoch (SGP4 is most accurate near the epoch)');
    toEpoch.dataset.testid = 'start-at-epoch';
    toEpoch.addEventListener('click', () => cb.onStartAtEpoch());
    this.epochWarning.append(this.epochText, ' ', toEpoch);

    root.append(head, this.list, this.addSelect, tools, this.shareBox, this.loadError, this.epochWarning);
  }

  /** Redraws the rows (skipped for a row being renamed). */
  render(set: DesignSet, info: ReadonlyMap<number, DesignRowInfo>): void {
    this.lastSet = set;
    this.lastInfo = info;
    if (this.editingId >= 0) return;
    const rows: HTMLElement[] = [];
    for (const d of set.designs) rows.push(this.row(d, set, info.get(d.id)));
    this.list.replaceChildren(...rows);
  }

  private row(d: Design, set: DesignSet, info: DesignRowInfo | undefined): HTMLElement {
    const li = el('li', 'design-row');
    li.dataset.design = d.name;
    li.dataset.designId = String(d.id);
    li.dataset.state = info?.state ?? 'pending';
    const active = d.id === set.activeId;
    li.classList.toggle('active', active);
    if (active) li.setAttribute('aria-current', 'true');
    const sw = el('span', 'swatch');
    sw.style.background = d.colour;
    const name = button(d.name, 'design-name', active ? 'Active design (shown in the panel and the 3D view)' : 'Show and edit this design');
    name.addEventListener('click', () => this.cb.onActivate(d.id));
    name.addEventListener('dblclick', () => this.startRename(li, d));
    const actions = el('span', 'design-actions');
    const dup = button('', 'btn icon-tiny', 'Duplicate');
    dup.append(icon(ICONS.duplicate, 12));
    dup.dataset.action = 'duplicate';
    dup.setAttribute('aria-label', `Duplicate ${d.name}`);
    dup.addEventListener('click', () => this.cb.onDuplicate(d.id));
    const ren = button('', 'btn icon-tiny', 'Rename');
    ren.append(icon(ICONS.rename, 12));
    ren.dataset.action = 'rename';
    ren.setAttribute('aria-label', `Rename ${d.name}`);
    ren.addEventListener('click', () => this.startRename(li, d));
    const rem = button('', 'btn icon-tiny', set.size > 1 ? 'Remove' : 'The last design cannot be removed');
    rem.append(icon(ICONS.remove, 11));
    rem.dataset.action = 'remove';
    rem.setAttribute('aria-label', `Remove ${d.name}`);
    rem.disabled = set.size <= 1;
    rem.addEventListener('click', () => this.cb.onRemove(d.id));
    actions.append(dup, ren, rem);
    const top = el('div', 'design-top');
    top.append(sw, name, actions);

    const meta = el('div', 'design-meta');
    const hash = el('code', 'hash', d.hash ?? '········');
    hash.dataset.testid = 'input-hash';
    hash.title = 'Input hash: SHA-256 of the normalised scenario (name excluded). The same inputs give the same outputs.';
    const st = info?.state ?? 'pending';
    const state = el('span', `design-state ${st}`, st === 'done' && info?.headline ? info.headline : st === 'running' ? `running ${Math.round((info?.progress ?? 0) * 100)} %` : STATE_TEXT[st]);
    if (info?.message) state.title = info.message;
    meta.append(hash, state);
    if (d.id === set.baseline?.id && set.size > 1) meta.append(el('span', 'tag', 'baseline'));
    if (d.id === set.sideId) meta.append(el('span', 'tag', 'beside'));
    li.append(top, meta);
    return li;
  }

  private startRename(li: HTMLElement, d: Design): void {
    if (this.editingId >= 0) return;
    this.editingId = d.id;
    const nameBtn = li.querySelector<HTMLElement>('.design-name')!;
    const input = el('input', 'design-rename');
    input.type = 'text';
    input.value = d.name;
    input.name = 'design-rename';
    input.setAttribute('aria-label', 'Design name');
    input.maxLength = 200;
    const err = el('div', 'rename-error');
    err.setAttribute('role', 'alert');
    nameBtn.replaceWith(input);
    li.append(err);
    input.focus();
    input.select();
    let done = false;
    const finish = (commit: boolean) => {
      if (done) return;
      if (commit && input.value.trim() !== d.name) {
        const r = this.cb.onRename(d.id, input.value);
        if (!r.ok) {
          err.textContent = r.message;
          input.setAttribute('aria-invalid', 'true');
          input.focus();
          return;
        }
      }
      done = true;
      this.editingId = -1;
      if (this.lastSet) this.render(this.lastSet, this.lastInfo);
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') finish(true);
      else if (e.key === 'Escape') finish(false);
    });
    input.addEventListener('blur', () => {
      // Leave a bad name with an error in place; otherwise commit on blur.
      setTimeout(() => {
        if (!done && document.activeElement !== input) {
          if (input.getAttribute('aria-invalid') === 'true') finish(false);
          else finish(true);
        }
      }, 0);
    });
  }

  setPool(text: string, progress: number, active: boolean): void {
    if (this.poolText.textContent !== text) this.poolText.textContent = text;
    this.poolBar.style.transform = `scaleX(${active ? progress : 0})`;
    this.poolBar.parentElement!.classList.toggle('active', active);
    this.poolCancel.hidden = !active;
  }

  showShare(url: string | null, note: string, isError = false): void {
    this.shareBox.hidden = false;
    this.shareBox.classList.toggle('error', isError);
    this.shareInput.value = url ?? '';
    this.shareInput.hidden = url === null;
    this.shareNote.textContent = note;
    this.shareNote.setAttribute('role', isError ? 'alert' : 'status');
    if (url) this.shareInput.select();
  }

  showLoadError(message: string | null): void {
    this.loadError.textContent = message ?? '';
    this.loadError.hidden = !message;
  }

  showEpochWarning(message: string | null): void {
    this.epochText.textContent = message ?? '';
    this.epochWarning.hidden = !message;
  }

  /** The autosave indicator beside the title (null hides it); errors also carry the message as its title. */
  setAutosave(state: 'pending' | 'saved' | 'error' | null, text = '', detail = ''): void {
    this.autosave.hidden = state === null;
    if (state === null) return;
    this.autosave.dataset.state = state;
    this.autosave.textContent = text;
    this.autosave.title = detail;
  }
}
