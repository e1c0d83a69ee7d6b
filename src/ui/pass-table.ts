/**
 * The run's events as a table: contacts (satellite, station, AOS, LOS,
 * duration, maximum elevation) or eclipses (satellite, entry, exit,
 * duration), for the selected satellite or all, sortable by any column.
 * Rows are virtualised (only those in view are in the DOM; fixed row
 * height), so a year of events (10⁵–10⁶ rows) scrolls as fast as a day's.
 * Clicking a row seeks to its start (and selects its satellite). "Export
 * CSV" writes the rows as filtered and sorted with the engine's event-CSV
 * writer (the CLI's columns: UTC with milliseconds, durations in seconds).
 *
 * Hooks: data-testid="pass-table" (data-kind, data-filter, data-rows: the
 * filtered count), "pass-kind-contacts" / "pass-kind-eclipses", "pass-filter",
 * "pass-export", "pass-viewport"; rows [data-row] with data-index (row in the
 * result's event table), data-sat, data-station, data-start-ms, data-end-ms,
 * data-max-elevation-deg: the raw values, to compare with the result's events.
 */
import { emptyEvents, type EventTables } from '../engine/events/event-log';
import { writeContactsCsv, writeEclipsesCsv } from '../engine/output/event-csv';
import type { AnalysisResult } from '../../workers/protocol';
import { el } from './dom';
import { download, fileStem } from './files';
import { formatDuration } from './format';
import { utcText } from './time-axis';

export interface PassTableCallbacks {
  onSeek(timeMs: number): void;
  onSelect(i: number): void;
}

export type PassKind = 'contacts' | 'eclipses';
type Column = 'sat' | 'station' | 'start' | 'end' | 'duration' | 'elevation';

const ROW_HEIGHT = 22;
const OVERSCAN = 8;

const COLUMNS: Record<PassKind, ReadonlyArray<[Column, string, string]>> = {
  contacts: [
    ['sat', 'Satellite', ''],
    ['station', 'Station', ''],
    ['start', 'AOS (UTC)', 'Acquisition of signal: the satellite rises above the station’s elevation mask'],
    ['end', 'LOS (UTC)', 'Loss of signal: it sets below the mask'],
    ['duration', 'Duration', ''],
    ['elevation', 'Max el. (°)', 'Highest elevation above the station’s horizon during the pass'],
  ],
  eclipses: [
    ['sat', 'Satellite', ''],
    ['start', 'Entry (UTC)', 'Shadow fraction reaches 0.5 (the engine’s eclipse event)'],
    ['end', 'Exit (UTC)', ''],
    ['duration', 'Duration', ''],
  ],
};

export class PassTable {
  private readonly kindButtons = new Map<PassKind, HTMLButtonElement>();
  private readonly filter: HTMLSelectElement;
  private readonly selectedOption: HTMLOptionElement;
  private readonly count: HTMLElement;
  private readonly head: HTMLElement;
  private readonly viewport: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly rowsBox: HTMLElement;
  private readonly empty: HTMLElement;
  private result: AnalysisResult | undefined;
  private kind: PassKind = 'contacts';
  private selected = -1;
  private selectedName = '';
  private sortBy: Column = 'start';
  private sortDir: 1 | -1 = 1;
  /** Event indices shown, in order. */
  private order: Int32Array = new Int32Array(0);
  private first = -1;
  private last = -1;
  private scrollPending = false;
  private cursorMs = Number.NaN;
  private readonly observer: ResizeObserver;

  constructor(
    readonly root: HTMLElement,
    private readonly cb: PassTableCallbacks,
  ) {
    root.classList.add('pass-table');
    root.dataset.testid = 'pass-table';
    const bar = el('div', 'pt-bar');
    const kinds = el('div', 'pt-kinds');
    kinds.setAttribute('role', 'group');
    kinds.setAttribute('aria-label', 'Events');
    for (const k of ['contacts', 'eclipses'] as const) {
      const b = el('button', 'pt-kind', k === 'contacts' ? 'Contacts' : 'Eclipses');
      b.type = 'button';
      b.dataset.testid = `pass-kind-${k}`;
      b.addEventListener('click', () => this.setKind(k));
      kinds.append(b);
      this.kindButtons.set(k, b);
    }
    this.filter = el('select', 'pt-filter');
    this.filter.name = 'pass-filter';
    this.filter.dataset.testid = 'pass-filter';
    this.filter.setAttribute('aria-label', 'Satellites shown');
    this.selectedOption = el('option', undefined, 'Selected satellite');
    this.selectedOption.value = 'selected';
    const all = el('option', undefined, 'All satellites');
    all.value = 'all';
    this.filter.append(this.selectedOption, all);
    this.filter.addEventListener('change', () => this.rebuild());
    this.count = el('span', 'pt-count');
    const exp = el('button', 'btn tiny pt-export', 'Export CSV');
    exp.type = 'button';
    exp.dataset.testid = 'pass-export';
    exp.title = 'The rows as shown (filter and order) as CSV: UTC times, durations in seconds';
    exp.addEventListener('click', () => this.exportCsv());
    bar.append(kinds, this.filter, this.count, exp);

    this.head = el('div', 'pt-row pt-head');
    this.head.setAttribute('role', 'row');
    this.viewport = el('div', 'pt-viewport');
    this.viewport.dataset.testid = 'pass-viewport';
    this.viewport.setAttribute('role', 'rowgroup');
    this.spacer = el('div', 'pt-spacer');
    this.rowsBox = el('div', 'pt-rows');
    this.empty = el('div', 'pt-empty');
    this.empty.hidden = true;
    this.spacer.append(this.rowsBox);
    this.viewport.append(this.spacer, this.empty);
    const table = el('div', 'pt-table');
    table.setAttribute('role', 'table');
    table.append(this.head, this.viewport);
    root.append(bar, table);
    this.viewport.addEventListener('scroll', () => {
      if (this.scrollPending) return;
      this.scrollPending = true;
      requestAnimationFrame(() => {
        this.scrollPending = false;
        this.renderRows();
      });
    });
    this.rowsBox.addEventListener('click', (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>('[data-row]');
      if (!row) return;
      const sat = Number(row.dataset.sat);
      if (sat !== this.selected) cb.onSelect(sat);
      cb.onSeek(Number(row.dataset.startMs));
    });
    this.observer = new ResizeObserver(() => this.renderRows(true));
    this.observer.observe(this.viewport);
    this.setKind('contacts');
  }

  setResult(r: AnalysisResult): void {
    this.result = r;
    this.rebuild();
  }

  setSelected(i: number, name: string): void {
    if (i === this.selected && name === this.selectedName) return;
    this.selected = i;
    this.selectedName = name;
    this.selectedOption.textContent = i >= 0 ? `Selected: ${name || `#${i + 1}`}` : 'Selected satellite (none: all)';
    this.rebuild();
  }

  setStale(stale: boolean): void {
    this.root.classList.toggle('stale', stale);
  }

  /** Marks the rows in progress at `timeMs` (visible rows only). */
  setCursor(timeMs: number): void {
    if (timeMs === this.cursorMs) return;
    this.cursorMs = timeMs;
    for (const row of this.rowsBox.children as HTMLCollectionOf<HTMLElement>) {
      const now = Number(row.dataset.startMs) <= timeMs && timeMs < Number(row.dataset.endMs);
      if (row.classList.contains('now') !== now) row.classList.toggle('now', now);
    }
  }

  private setKind(k: PassKind): void {
    this.kind = k;
    for (const [kk, b] of this.kindButtons) b.setAttribute('aria-pressed', String(kk === k));
    if (!COLUMNS[k].some(([c]) => c === this.sortBy)) this.sortBy = 'start';
    this.renderHead();
    this.rebuild();
  }

  private renderHead(): void {
    const cells = COLUMNS[this.kind].map(([c, label, title]) => {
      const b = el('button', `pt-cell pt-h-${c}`, label);
      b.type = 'button';
      b.dataset.sort = c;
      b.setAttribute('role', 'columnheader');
      b.setAttribute('aria-sort', c === this.sortBy ? (this.sortDir > 0 ? 'ascending' : 'descending') : 'none');
      b.title = `${title ? `${title}. ` : ''}Sort by ${label}`;
      b.addEventListener('click', () => {
        if (this.sortBy === c) this.sortDir = this.sortDir > 0 ? -1 : 1;
        else {
          this.sortBy = c;
          this.sortDir = 1;
        }
        this.renderHead();
        this.rebuild();
      });
      return b;
    });
    this.head.replaceChildren(...cells);
    this.root.dataset.kind = this.kind;
  }

  /** Filters and sorts the event indices, then shows the rows in view. */
  private rebuild(): void {
    const r = this.result;
    const mode = this.filter.value === 'all' || this.selected < 0 ? 'all' : 'selected';
    this.root.dataset.filter = mode;
    this.root.dataset.satellite = String(mode === 'selected' ? this.selected : -1);
    if (!r) {
      this.order = new Int32Array(0);
      this.showCount(0, 'Waiting for the analysis…');
      this.renderRows(true);
      return;
    }
    const ev = r.events;
    const sats = this.kind === 'contacts' ? ev.contactSat : ev.eclipseSat;
    const n = sats.length;
    let order: Int32Array;
    if (mode === 'selected') {
      let m = 0;
      for (let e = 0; e < n; e++) if (sats[e] === this.selected) m++;
      order = new Int32Array(m);
      m = 0;
      for (let e = 0; e < n; e++) if (sats[e] === this.selected) order[m++] = e;
    } else {
      order = new Int32Array(n);
      for (let e = 0; e < n; e++) order[e] = e;
    }
    const key = this.sortKey(r);
    const dir = this.sortDir;
    // Events come ordered by (start, satellite, station): that order, ascending, needs no sort.
    if (!(this.sortBy === 'start' && dir > 0)) {
      if (this.sortBy === 'sat' || this.sortBy === 'station') {
        const names = this.sortBy === 'sat' ? r.satelliteNames : r.stationNames;
        const col = this.sortBy === 'sat' ? sats : ev.contactStation;
        order.sort((a, b) => dir * (names[col[a]] ?? '').localeCompare(names[col[b]] ?? '') || a - b);
      } else order.sort((a, b) => dir * (key(a) - key(b)) || a - b);
    }
    this.order = order;
    const what = this.kind === 'contacts' ? 'contact' : 'eclipse';
    const none = r.eventsOmitted
      ? 'Events were not recorded for this run (large run).'
      : mode === 'selected'
        ? `No ${what}s of ${this.selectedName || 'this satellite'} in the run.`
        : this.kind === 'contacts' && r.stationNames.length === 0
          ? 'No ground stations in this design.'
          : `No ${what}s in the run.`;
    this.showCount(order.length, none);
    this.viewport.scrollTop = 0;
    this.renderRows(true);
  }

  private sortKey(r: AnalysisResult): (e: number) => number {
    const ev = r.events;
    const c = this.kind === 'contacts';
    const start = c ? ev.contactStartMs : ev.eclipseStartMs;
    const end = c ? ev.contactEndMs : ev.eclipseEndMs;
    switch (this.sortBy) {
      case 'end':
        return (e) => end[e];
      case 'duration':
        return (e) => end[e] - start[e];
      case 'elevation':
        return (e) => ev.contactMaxElevationDeg[e];
      default:
        return (e) => start[e];
    }
  }

  private showCount(n: number, emptyText: string): void {
    this.root.dataset.rows = String(n);
    const what = this.kind === 'contacts' ? 'contact' : 'eclipse';
    this.count.textContent = `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`;
    this.empty.textContent = emptyText;
    this.empty.hidden = n > 0;
    this.spacer.style.height = `${n * ROW_HEIGHT}px`;
  }

  /** Puts the rows in view (plus a few) in the DOM. */
  private renderRows(force = false): void {
    const r = this.result;
    const n = this.order.length;
    const h = this.viewport.clientHeight;
    const first = Math.max(0, Math.floor(this.viewport.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(n, Math.ceil((this.viewport.scrollTop + Math.max(h, ROW_HEIGHT * 10)) / ROW_HEIGHT) + OVERSCAN);
    if (!force && first === this.first && last === this.last) return;
    this.first = first;
    this.last = last;
    if (!r || n === 0) {
      this.rowsBox.replaceChildren();
      return;
    }
    const ev = r.events;
    const c = this.kind === 'contacts';
    const out: HTMLElement[] = [];
    for (let k = first; k < last; k++) {
      const e = this.order[k];
      const row = el('div', 'pt-row');
      row.setAttribute('role', 'row');
      row.style.transform = `translateY(${k * ROW_HEIGHT}px)`;
      const sat = c ? ev.contactSat[e] : ev.eclipseSat[e];
      const s = c ? ev.contactStartMs[e] : ev.eclipseStartMs[e];
      const t = c ? ev.contactEndMs[e] : ev.eclipseEndMs[e];
      row.dataset.row = String(k);
      row.dataset.index = String(e);
      row.dataset.sat = String(sat);
      row.dataset.startMs = String(s);
      row.dataset.endMs = String(t);
      const cells: Array<[Column, string]> = [['sat', r.satelliteNames[sat] ?? `#${sat + 1}`]];
      if (c) {
        const st = ev.contactStation[e];
        row.dataset.station = String(st);
        row.dataset.maxElevationDeg = String(ev.contactMaxElevationDeg[e]);
        cells.push(['station', r.stationNames[st] ?? `#${st + 1}`]);
      }
      cells.push(['start', utcText(s)], ['end', utcText(t)], ['duration', formatDuration(t - s)]);
      if (c) cells.push(['elevation', ev.contactMaxElevationDeg[e].toFixed(1)]);
      for (const [col, text] of cells) {
        const cell = el('span', `pt-cell pt-c-${col}`, text);
        cell.setAttribute('role', 'cell');
        row.append(cell);
      }
      if (sat === this.selected) row.classList.add('sel');
      if (s <= this.cursorMs && this.cursorMs < t) row.classList.add('now');
      out.push(row);
    }
    this.rowsBox.replaceChildren(...out);
  }

  /**
   * The rows as filtered and sorted, as CSV: the engine's event writers
   * (engine/output/event-csv.ts, the CLI's --contacts-csv / --eclipses-csv
   * format) over the rows shown, so all rows in the default order are the
   * CLI's file byte for byte.
   */
  csvBlob(): Blob {
    const r = this.result;
    const parts: Uint8Array<ArrayBuffer>[] = [];
    if (!r) return new Blob([], { type: 'text/csv' });
    const ev = r.events;
    const o = this.order;
    const n = o.length;
    const empty = emptyEvents();
    const pick = <T extends Int32Array | Float64Array>(col: T, out: T): T => {
      for (let k = 0; k < n; k++) out[k] = col[o[k]];
      return out;
    };
    let events: EventTables;
    if (this.kind === 'contacts') {
      events = {
        ...empty,
        contactSat: pick(ev.contactSat, new Int32Array(n)),
        contactStation: pick(ev.contactStation, new Int32Array(n)),
        contactStartMs: pick(ev.contactStartMs, new Float64Array(n)),
        contactEndMs: pick(ev.contactEndMs, new Float64Array(n)),
        contactMaxElevationDeg: pick(ev.contactMaxElevationDeg, new Float64Array(n)),
      };
    } else {
      events = { ...empty, eclipseSat: pick(ev.eclipseSat, new Int32Array(n)), eclipseStartMs: pick(ev.eclipseStartMs, new Float64Array(n)), eclipseEndMs: pick(ev.eclipseEndMs, new Float64Array(n)) };
    }
    const input = { events, satelliteIds: r.satelliteIds, satelliteNames: r.satelliteNames, stationNames: r.stationNames };
    (this.kind === 'contacts' ? writeContactsCsv : writeEclipsesCsv)(input, (b) => parts.push(b));
    return new Blob(parts, { type: 'text/csv' });
  }

  private exportCsv(): void {
    const r = this.result;
    if (!r) return;
    const who = this.root.dataset.filter === 'selected' ? `-${fileStem(this.selectedName, 'satellite')}` : '';
    download(this.csvBlob(), `${fileStem(r.scenario.name)}${who}-${this.kind}.csv`, 'text/csv');
  }

  dispose(): void {
    this.observer.disconnect();
  }
}
