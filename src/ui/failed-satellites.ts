/**
 * Satellites of the active design's run that stopped propagating (decayed —
 * re-entered — or an SGP4 error), and the element-set records that did not
 * load, listed by name with the reason and the time. A button in the header
 * beside the run info ("⚠ N failed · M skipped") opens the list; a name selects
 * that satellite in the view.
 *
 * When a satellite stopped comes from the run's status codes (the STATUS_FAILED
 * bit stays set once a satellite stops, so the first row with it is found by
 * bisection: log₂(rows) reads per satellite). Why it stopped comes from the
 * run's per-satellite status (SAT_DECAYED / SAT_ERROR) or its alerts when the
 * result carries them, else a generic reason.
 *
 * Hooks: data-testid="failed-satellites" (the button, data-failed, data-skipped),
 * "failed-list" (the dialog), rows data-satellite="<index>" with data-reason
 * (decayed | error | stopped), "skipped-records" (one <li> per record).
 */
import { SAT_DECAYED, SAT_ERROR, STATUS_FAILED } from '../engine/run/status';
import type { ElementError } from '../engine/input/elements';
import type { RunAlert } from '../engine/output/alerts';
import type { AnalysisResult } from '../../workers/protocol';
import { el } from './dom';
import { skippedRecords } from './import-dialog';
import './session.css';

/** Fields of a result this list reads; per-satellite states and alerts when the run returns them. */
export type FailedSource = Pick<AnalysisResult, 'satelliteCount' | 'satelliteNames' | 'statusCodes' | 'statusEvery' | 'startMs' | 'stepMs' | 'steps' | 'elementErrors' | 'scenario'> & {
  /** Per satellite: SAT_OK, SAT_DECAYED or SAT_ERROR (engine SatelliteInfo.status). */
  satelliteStatus?: ArrayLike<number>;
  /** Per satellite: when it stopped (ms, NaN: never). */
  failedAtMs?: ArrayLike<number>;
  alerts?: readonly RunAlert[];
};

export type FailReason = 'decayed' | 'error' | 'stopped';

export interface FailedSatellite {
  index: number;
  name: string;
  reason: FailReason;
  /** When it stopped (ms since the Unix epoch; the start of the status row it first shows in), or NaN when unknown. */
  atMs: number;
}

/** Listed in full up to this many (the rest counted). */
export const MAX_LISTED = 500;

const REASON_TEXT: Record<FailReason, string> = {
  decayed: 'decayed: re-entered (SGP4 reports the orbit decayed)',
  error: 'SGP4 could not propagate the element set (mean elements out of range)',
  stopped: 'stopped propagating (decay or an SGP4 error)',
};

/** Sets of satellite indices named by the alerts, by reason. */
function alertReasons(alerts: readonly RunAlert[] | undefined): Map<number, FailReason> {
  const out = new Map<number, FailReason>();
  for (const a of alerts ?? []) {
    const reason: FailReason | undefined = /decay/.test(a.code) ? 'decayed' : /fail/.test(a.code) ? 'error' : undefined;
    if (reason) for (const i of a.satellites) out.set(i, reason);
  }
  return out;
}

/** The satellites that stopped during (or before the start of) the run, in index order. */
export function failedSatellites(r: FailedSource): FailedSatellite[] {
  const N = r.satelliteCount;
  const out: FailedSatellite[] = [];
  const byAlert = alertReasons(r.alerts);
  const rows = N > 0 ? Math.floor(r.statusCodes.length / N) : 0;
  const rowMs = r.stepMs * Math.max(1, r.statusEvery);
  const codes = r.statusCodes;
  for (let i = 0; i < N; i++) {
    const st = r.satelliteStatus?.[i];
    let failed = st === SAT_DECAYED || st === SAT_ERROR;
    let atMs = r.failedAtMs ? Number(r.failedAtMs[i]) : Number.NaN;
    if (rows > 0 && !(st !== undefined && !failed)) {
      // The last row says whether it stopped; the first row with the bit, when.
      if (codes[(rows - 1) * N + i] & STATUS_FAILED) {
        failed = true;
        if (!Number.isFinite(atMs)) {
          let lo = 0;
          let hi = rows - 1;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (codes[mid * N + i] & STATUS_FAILED) hi = mid;
            else lo = mid + 1;
          }
          atMs = r.startMs + lo * rowMs;
        }
      }
    }
    if (!failed && byAlert.has(i)) failed = true;
    if (!failed) continue;
    const reason: FailReason = st === SAT_DECAYED ? 'decayed' : st === SAT_ERROR ? 'error' : (byAlert.get(i) ?? 'stopped');
    out.push({ index: i, name: r.satelliteNames[i] ?? `#${i + 1}`, reason, atMs });
  }
  return out;
}

const utc = (ms: number) => (Number.isFinite(ms) ? `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—');

export interface FailedListCallbacks {
  /** Select satellite `index` of the active design. */
  onSelect(index: number): void;
}

export class FailedList {
  readonly button: HTMLButtonElement;
  readonly dialog: HTMLDialogElement;
  private readonly summary: HTMLElement;
  private readonly table: HTMLTableElement;
  private readonly more: HTMLElement;
  private readonly skippedHead: HTMLElement;
  private readonly skipped: HTMLUListElement;
  private source: FailedSource | undefined;
  private failed: FailedSatellite[] = [];

  constructor(anchor: HTMLElement, private readonly cb: FailedListCallbacks) {
    this.button = el('button', 'btn tiny failed-button');
    this.button.type = 'button';
    this.button.dataset.testid = 'failed-satellites';
    this.button.hidden = true;
    this.button.addEventListener('click', () => this.open());
    anchor.append(this.button);

    this.dialog = el('dialog', 'failed-dialog');
    this.dialog.dataset.testid = 'failed-list';
    this.dialog.setAttribute('aria-labelledby', 'failed-title');
    const head = el('div', 'failed-head');
    const title = el('h2', undefined, 'Satellites that stopped');
    title.id = 'failed-title';
    const close = el('button', 'btn tiny', '✕');
    close.type = 'button';
    close.setAttribute('aria-label', 'Close');
    close.addEventListener('click', () => this.dialog.close());
    head.append(title, close);
    this.summary = el('p', 'ws-help');
    this.table = el('table', 'failed-table');
    this.more = el('div', 'import-more');
    this.skippedHead = el('h3', 'failed-sub', 'Element-set records not loaded');
    this.skipped = el('ul', 'import-errors');
    this.skipped.dataset.testid = 'skipped-records';
    this.dialog.append(head, this.summary, this.table, this.more, this.skippedHead, this.skipped);
    document.body.append(this.dialog);
  }

  /** The active design's result (undefined: none yet): updates the button; the open list follows. */
  set(r: FailedSource | undefined): void {
    this.source = r;
    this.failed = r ? failedSatellites(r) : [];
    const c = r?.scenario.constellation;
    const nSkipped = r ? skippedRecords(r.elementErrors, r.satelliteCount, c?.type === 'tle' ? c.text : undefined) : 0;
    const parts: string[] = [];
    if (this.failed.length) parts.push(`${this.failed.length.toLocaleString('en-US')} failed`);
    if (nSkipped) parts.push(`${nSkipped.toLocaleString('en-US')} skipped`);
    this.button.hidden = parts.length === 0;
    this.button.textContent = `⚠ ${parts.join(' · ')}`;
    this.button.title = `${this.failed.length.toLocaleString('en-US')} satellite${this.failed.length === 1 ? '' : 's'} stopped (decayed or SGP4 error), ${nSkipped.toLocaleString('en-US')} element-set record${nSkipped === 1 ? '' : 's'} not loaded: click for the names and reasons`;
    this.button.dataset.failed = String(this.failed.length);
    this.button.dataset.skipped = String(nSkipped);
    if (this.dialog.open) this.render();
  }

  open(): void {
    this.render();
    if (!this.dialog.open) this.dialog.showModal();
  }

  private render(): void {
    const r = this.source;
    const f = this.failed;
    const N = r?.satelliteCount ?? 0;
    const decayed = f.filter((x) => x.reason === 'decayed').length;
    const errors = f.filter((x) => x.reason === 'error').length;
    const detail = [decayed ? `${decayed.toLocaleString('en-US')} decayed` : '', errors ? `${errors.toLocaleString('en-US')} with SGP4 errors` : ''].filter(Boolean).join(', ');
    this.summary.textContent =
      f.length === 0
        ? 'Every satellite propagated over the whole run.'
        : `${f.length.toLocaleString('en-US')} of ${N.toLocaleString('en-US')} satellites stopped${detail ? ` (${detail})` : ''}. They count as failed from that time: no power, compute or contact. Old element sets are the usual cause: start nearer their epochs or load fresher sets.`;
    const head = el('tr');
    for (const t of ['#', 'Name', 'Stopped at', 'Reason']) head.append(el('th', undefined, t));
    const rows = f.slice(0, MAX_LISTED).map((x) => {
      const tr = el('tr');
      tr.dataset.satellite = String(x.index);
      tr.dataset.reason = x.reason;
      const name = el('button', 'link-button', x.name);
      name.type = 'button';
      name.title = 'Select this satellite in the view';
      name.addEventListener('click', () => {
        this.dialog.close();
        this.cb.onSelect(x.index);
      });
      const nameCell = el('td');
      nameCell.append(name);
      tr.append(el('td', 'num', String(x.index + 1)), nameCell, el('td', undefined, r && x.atMs <= r.startMs ? `${utc(x.atMs)} (start)` : utc(x.atMs)), el('td', undefined, REASON_TEXT[x.reason]));
      return tr;
    });
    const thead = el('thead');
    thead.append(head);
    const tbody = el('tbody');
    tbody.append(...rows);
    this.table.replaceChildren(thead, tbody);
    this.table.hidden = f.length === 0;
    this.more.textContent = f.length > MAX_LISTED ? `… and ${(f.length - MAX_LISTED).toLocaleString('en-US')} more` : '';
    const errs: readonly ElementError[] = r?.elementErrors ?? [];
    this.skippedHead.hidden = errs.length === 0;
    this.skipped.replaceChildren(
      ...errs.slice(0, MAX_LISTED).map((e) => {
        const li = el('li', undefined, e.message);
        if (e.line !== undefined) li.dataset.line = String(e.line);
        if (e.index !== undefined) li.dataset.index = String(e.index);
        return li;
      }),
    );
    this.skipped.hidden = errs.length === 0;
  }
}
