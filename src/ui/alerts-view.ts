/**
 * The active design's run alerts (engine/output/alerts.ts: not at steady
 * state, unmet bus load, temperatures beyond limits, decayed or failed
 * satellites, storage saturated…) as a strip at the top of the centre
 * column: the most severe alert's title and the count, coloured by severity;
 * it expands into the full list, each alert with its detail, the satellites
 * concerned (buttons that select them) and the fix the app can apply
 * ('extend-run', 'start-at-epoch'). Marked stale while the inputs changed
 * and the new run has not finished. Hidden when the run has no alerts.
 *
 * Hooks: data-testid="alerts" (data-count, data-stale, data-severity),
 * "alerts-toggle" (aria-expanded), items [data-alert="<code>"] with
 * data-severity, satellites [data-sat], "alert-action" (data-action).
 */
import type { AlertAction, AlertSeverity, RunAlert } from '../engine/output/alerts';
import { MAX_DURATION_HOURS, type Scenario } from '../engine/input/scenario';
import { el } from './dom';
import { startForEpochs, startUtcOf } from './epochs';
import './alerts-view.css';

export interface AlertsCallbacks {
  onSelect(i: number): void;
  onAction(action: AlertAction, alert: RunAlert): void;
}

/** Satellites listed by name per alert; the rest are counted. */
const MAX_LISTED_SATELLITES = 12;

const RANK: Record<AlertSeverity, number> = { error: 0, warning: 1, info: 2 };
const ACTION_LABEL: Record<AlertAction, [string, string]> = {
  'extend-run': ['Extend the run ×2', 'Doubles the run duration of the active design and runs it again'],
  'start-at-epoch': ['Start at the sets’ epoch', 'Sets the start to the newest element-set epoch and runs again'],
};

/**
 * The field edit an alert's action makes to the active design: 'extend-run'
 * doubles durationHours (within the schema's maximum), 'start-at-epoch' sets
 * startUtc to the newest element-set epoch (to the minute, as the import
 * and the design list's "start at the sets' epoch" do; epochs.ts). Undefined when there is nothing to change.
 */
export function alertEdit(action: AlertAction, scenario: Scenario | undefined, epochMs: ArrayLike<number>): { path: string; value: string | number } | undefined {
  if (!scenario) return undefined;
  if (action === 'extend-run') {
    const h = Math.min(MAX_DURATION_HOURS, 2 * scenario.durationHours);
    return h > scenario.durationHours ? { path: 'durationHours', value: h } : undefined;
  }
  const t = startForEpochs(epochMs);
  if (t === undefined) return undefined;
  const iso = startUtcOf(t);
  return iso === scenario.startUtc ? undefined : { path: 'startUtc', value: iso };
}

export class AlertsView {
  readonly root: HTMLElement;
  private readonly toggle: HTMLButtonElement;
  private readonly badge: HTMLElement;
  private readonly headline: HTMLElement;
  private readonly staleNote: HTMLElement;
  private readonly list: HTMLUListElement;
  private alerts: RunAlert[] = [];
  private expanded = false;

  /** Inserts the strip as the first child of `parent`. */
  constructor(
    parent: HTMLElement,
    private readonly cb: AlertsCallbacks,
  ) {
    this.root = el('section', 'alerts');
    this.root.dataset.testid = 'alerts';
    this.root.setAttribute('aria-label', 'Run alerts');
    this.toggle = el('button', 'alerts-toggle');
    this.toggle.type = 'button';
    this.toggle.dataset.testid = 'alerts-toggle';
    this.toggle.setAttribute('aria-expanded', 'false');
    this.badge = el('span', 'alerts-badge');
    this.headline = el('span', 'alerts-headline');
    this.staleNote = el('span', 'alerts-stale', 'inputs changed: from the previous run');
    this.staleNote.hidden = true;
    const caret = el('span', 'alerts-caret', '▾');
    this.toggle.append(this.badge, this.headline, this.staleNote, caret);
    this.toggle.addEventListener('click', () => this.setExpanded(!this.expanded));
    this.list = el('ul', 'alerts-list');
    this.list.hidden = true;
    this.root.append(this.toggle, this.list);
    this.root.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.expanded) {
        this.setExpanded(false);
        this.toggle.focus();
      }
    });
    parent.prepend(this.root);
    this.set([], []);
  }

  /** The alerts of the active design's result; `names`: its satellite names. */
  set(alerts: readonly RunAlert[], names: readonly string[]): void {
    this.alerts = [...alerts].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
    const n = this.alerts.length;
    this.root.dataset.count = String(n);
    this.root.hidden = n === 0;
    const top = this.alerts[0];
    this.root.dataset.severity = top?.severity ?? '';
    const counts = (['error', 'warning', 'info'] as const).map((s) => [s, this.alerts.filter((a) => a.severity === s).length] as const).filter(([, c]) => c > 0);
    this.badge.textContent = counts.map(([s, c]) => `${c} ${s === 'error' ? (c === 1 ? 'error' : 'errors') : s === 'warning' ? (c === 1 ? 'warning' : 'warnings') : 'info'}`).join(' · ');
    this.headline.textContent = top ? (n > 1 ? `${top.title} (+${n - 1} more)` : top.title) : '';
    this.toggle.title = n ? 'Show the run’s alerts' : '';
    this.list.replaceChildren(...this.alerts.map((a) => this.item(a, names)));
    if (n === 0) this.setExpanded(false);
  }

  setStale(stale: boolean): void {
    this.root.dataset.stale = String(stale);
    this.staleNote.hidden = !stale;
    for (const b of this.list.querySelectorAll<HTMLButtonElement>('[data-testid="alert-action"]')) b.disabled = stale;
  }

  private setExpanded(v: boolean): void {
    this.expanded = v;
    this.list.hidden = !v;
    this.toggle.setAttribute('aria-expanded', String(v));
    this.root.classList.toggle('open', v);
  }

  private item(a: RunAlert, names: readonly string[]): HTMLLIElement {
    const li = el('li', `alert ${a.severity}`);
    li.dataset.alert = a.code;
    li.dataset.severity = a.severity;
    const head = el('div', 'alert-head');
    const sev = el('span', 'alert-severity', a.severity);
    const title = el('strong', 'alert-title', a.title);
    head.append(sev, title);
    li.append(head, el('p', 'alert-detail', a.detail));
    if (a.satellites.length) {
      const sats = el('div', 'alert-sats');
      sats.append(el('span', 'alert-sats-label', a.satellites.length === 1 ? 'Satellite:' : `${a.satellites.length.toLocaleString('en-US')} satellites:`));
      for (const i of a.satellites.slice(0, MAX_LISTED_SATELLITES)) {
        const b = el('button', 'alert-sat', names[i] ?? `#${i + 1}`);
        b.type = 'button';
        b.dataset.sat = String(i);
        b.title = 'Select this satellite';
        b.addEventListener('click', () => this.cb.onSelect(i));
        sats.append(b);
      }
      if (a.satellites.length > MAX_LISTED_SATELLITES) sats.append(el('span', 'alert-more', `+${(a.satellites.length - MAX_LISTED_SATELLITES).toLocaleString('en-US')} more`));
      li.append(sats);
    }
    if (a.action) {
      const [label, tip] = ACTION_LABEL[a.action];
      const act = el('button', 'btn small alert-action', label);
      act.type = 'button';
      act.dataset.testid = 'alert-action';
      act.dataset.action = a.action;
      act.title = tip;
      const action = a.action;
      act.addEventListener('click', () => this.cb.onAction(action, a));
      li.append(act);
    }
    return li;
  }
}
