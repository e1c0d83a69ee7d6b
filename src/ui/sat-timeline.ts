/**
 * One satellite's timeline over the run: lanes of intervals from the
 * analysis result — eclipses and contacts per station (the engine's event
 * tables, exact to the root finder's tolerance), the steps it held a station
 * antenna (downlink, status bit) and the steps it was power-, thermal- or
 * storage-limited (its per-step detail when loaded, else the status codes,
 * recorded every statusEvery steps) — with the clock's time as a cursor;
 * clicking seeks. Intervals are DOM elements positioned in % of the run
 * (no redraw on resize), each with data-start-ms / data-end-ms and a tooltip.
 *
 * Hooks: data-testid="satellite-timeline" (data-satellite, data-name),
 * lanes [data-lane="eclipse|contact|downlink|power|thermal|storage|failed"]
 * (contact lanes with data-station), intervals .tl-seg.
 */
import { LIMIT_POWER, LIMIT_STORAGE, LIMIT_THERMAL } from '../engine/node/compute';
import { STATUS_DOWNLINK, STATUS_FAILED, STATUS_LIMIT_MASK } from '../engine/run/status';
import type { SatelliteDetail } from '../engine/run/simulation';
import type { AnalysisResult } from '../../workers/protocol';
import { STATE_COLOURS } from '../view/palette';
import { el } from './dom';
import { formatDuration } from './format';
import { niceTimeStep, utcLabel, utcText } from './time-axis';

export interface TimelineCallbacks {
  onSeek(timeMs: number): void;
}

/** Intervals per lane drawn one by one; beyond, gaps shorter than 1/MAX of the run are merged. */
const MAX_SEGMENTS = 2000;
const DOWNLINK_COLOUR = '#3fa7ff';

interface Lane {
  id: string;
  label: string;
  colour: string;
  starts: number[];
  ends: number[];
  station?: number;
  note?: string;
}

export class SatelliteTimeline {
  private readonly head: HTMLElement;
  private readonly title: HTMLElement;
  private readonly hint: HTMLElement;
  private readonly body: HTMLElement;
  private readonly lanesBox: HTMLElement;
  private readonly axis: HTMLElement;
  private readonly cursor: HTMLElement;
  private result: AnalysisResult | undefined;
  private sat = -1;
  private name = '';
  private detail: SatelliteDetail | undefined;
  private renderedKey = '';
  private lastFrac = Number.NaN;
  private readonly observer: ResizeObserver;
  private lastWidth = 0;

  constructor(
    readonly root: HTMLElement,
    private readonly cb: TimelineCallbacks,
  ) {
    root.classList.add('timeline');
    root.dataset.testid = 'satellite-timeline';
    this.head = el('div', 'tl-head');
    this.title = el('span', 'tl-title', 'Timeline');
    this.hint = el('span', 'tl-hint');
    const legend = el('span', 'tl-legend');
    for (const [label, colour] of [
      ['Eclipse', STATE_COLOURS.eclipse],
      ['Contact', STATE_COLOURS.contact],
      ['Downlink', DOWNLINK_COLOUR],
      ['Power-limited', STATE_COLOURS.power],
      ['Thermal-limited', STATE_COLOURS.thermal],
      ['Storage-limited', STATE_COLOURS.storage],
    ] as const) {
      const k = el('span', 'tl-key');
      const sw = el('span', 'tl-swatch');
      sw.style.background = colour;
      k.append(sw, label);
      legend.append(k);
    }
    this.head.append(this.title, this.hint, legend);
    this.body = el('div', 'tl-body');
    this.lanesBox = el('div', 'tl-lanes');
    this.axis = el('div', 'tl-axis');
    this.cursor = el('div', 'tl-cursor');
    this.cursor.hidden = true;
    this.body.append(this.lanesBox, this.axis);
    root.append(this.head, this.body);
    this.body.addEventListener('click', (e) => {
      const r = this.result;
      const track = this.lanesBox.querySelector<HTMLElement>('.tl-track');
      if (!r || !track) return;
      const b = track.getBoundingClientRect();
      if (e.clientX < b.left || e.clientX > b.right) return;
      const f = (e.clientX - b.left) / b.width;
      cb.onSeek(r.startMs + f * (r.endMs - r.startMs));
    });
    this.observer = new ResizeObserver(() => {
      const w = this.lanesBox.clientWidth;
      if (w > 0 && Math.abs(w - this.lastWidth) > 40) this.renderAxis();
    });
    this.observer.observe(this.lanesBox);
  }

  setResult(r: AnalysisResult): void {
    this.result = r;
    this.render();
  }

  /** Satellite `i` (`selected`: chosen by the user, else the first one shown by default); `detail`: its per-step state when loaded. */
  setSatellite(i: number, name: string, selected: boolean, detail?: SatelliteDetail): void {
    this.sat = i;
    this.name = name;
    this.detail = detail;
    this.hint.textContent = i < 0 ? '' : selected ? '' : 'first satellite: select one in the view, the map or the table';
    this.render();
  }

  setStale(stale: boolean): void {
    this.root.classList.toggle('stale', stale);
  }

  /** Moves the time cursor (touches the DOM only when it moves by more than 0.05 % of the run). */
  setCursor(timeMs: number): void {
    const r = this.result;
    if (!r || this.sat < 0) return;
    const f = (timeMs - r.startMs) / (r.endMs - r.startMs);
    if (!(f >= 0 && f <= 1)) {
      this.cursor.hidden = true;
      this.lastFrac = Number.NaN;
      return;
    }
    if (Math.abs(f - this.lastFrac) < 0.0005) return;
    this.lastFrac = f;
    this.cursor.hidden = false;
    this.cursor.style.left = `calc(var(--tl-label) + ${f} * (100% - var(--tl-label)))`;
    this.cursor.dataset.timeMs = String(timeMs);
  }

  private render(): void {
    const r = this.result;
    const i = this.sat;
    const key = `${r?.seq ?? -1}:${i}:${this.detail ? 'd' : 's'}`;
    if (key === this.renderedKey) return;
    this.renderedKey = key;
    this.lastFrac = Number.NaN;
    this.root.dataset.satellite = String(i);
    this.root.dataset.name = this.name;
    this.title.textContent = i >= 0 ? `Timeline · ${this.name || `#${i + 1}`}` : 'Timeline';
    if (!r || i < 0 || i >= r.satelliteCount) {
      this.lanesBox.replaceChildren(el('div', 'tl-empty', r ? 'No satellites in this run.' : 'Waiting for the analysis…'), this.cursor);
      this.axis.replaceChildren();
      return;
    }
    const lanes = this.lanes(r, i);
    const span = r.endMs - r.startMs;
    const out: HTMLElement[] = [];
    for (const lane of lanes) {
      const row = el('div', 'tl-lane');
      row.dataset.lane = lane.id;
      if (lane.station !== undefined) row.dataset.station = String(lane.station);
      const label = el('div', 'tl-label', lane.label);
      label.title = lane.label;
      const track = el('div', 'tl-track');
      const { starts, ends, merged } = mergeForDisplay(lane.starts, lane.ends, span / MAX_SEGMENTS);
      row.dataset.count = String(lane.starts.length);
      if (merged) row.dataset.merged = 'true';
      for (let k = 0; k < starts.length; k++) {
        const s = starts[k];
        const e = ends[k];
        const seg = el('div', 'tl-seg');
        seg.style.left = `${(100 * (s - r.startMs)) / span}%`;
        seg.style.width = `${(100 * (e - s)) / span}%`;
        seg.style.background = lane.colour;
        seg.dataset.startMs = String(s);
        seg.dataset.endMs = String(e);
        seg.title = `${lane.label}: ${utcText(s)} → ${utcText(e)} (${formatDuration(e - s)})`;
        track.append(seg);
      }
      if (lane.note) track.append(el('span', 'tl-note', lane.note));
      row.append(label, track);
      out.push(row);
    }
    this.lanesBox.replaceChildren(...out, this.cursor);
    this.renderAxis();
  }

  private renderAxis(): void {
    const r = this.result;
    if (!r || this.sat < 0) return;
    const w = Math.max(200, this.lanesBox.clientWidth - 150);
    this.lastWidth = this.lanesBox.clientWidth;
    const span = r.endMs - r.startMs;
    const step = niceTimeStep(span, Math.max(2, Math.floor(w / 95)));
    const ticks: HTMLElement[] = [];
    for (let t = Math.ceil(r.startMs / step) * step; t <= r.endMs; t += step) {
      // No label cut at the right edge.
      if ((r.endMs - t) / span < 0.03) break;
      const tk = el('span', 'tl-tick', utcLabel(t, span));
      tk.style.left = `calc(var(--tl-label) + ${(t - r.startMs) / span} * (100% - var(--tl-label)))`;
      ticks.push(tk);
    }
    this.axis.replaceChildren(...ticks);
  }

  /** The lanes of satellite `i`. */
  private lanes(r: AnalysisResult, i: number): Lane[] {
    const ev = r.events;
    const lanes: Lane[] = [];
    const omitted = r.eventsOmitted ? 'events not recorded for this run' : undefined;
    const eclipse: Lane = { id: 'eclipse', label: 'Eclipse', colour: STATE_COLOURS.eclipse, starts: [], ends: [], note: omitted };
    for (let e = 0; e < ev.eclipseSat.length; e++) {
      if (ev.eclipseSat[e] !== i) continue;
      eclipse.starts.push(ev.eclipseStartMs[e]);
      eclipse.ends.push(ev.eclipseEndMs[e]);
    }
    lanes.push(eclipse);
    const byStation = new Map<number, Lane>();
    for (let e = 0; e < ev.contactSat.length; e++) {
      if (ev.contactSat[e] !== i) continue;
      const k = ev.contactStation[e];
      let lane = byStation.get(k);
      if (!lane) {
        lane = { id: 'contact', label: `Contact · ${r.stationNames[k] ?? `station ${k + 1}`}`, colour: STATE_COLOURS.contact, starts: [], ends: [], station: k };
        byStation.set(k, lane);
      }
      lane.starts.push(ev.contactStartMs[e]);
      lane.ends.push(ev.contactEndMs[e]);
    }
    if (byStation.size === 0) {
      lanes.push({ id: 'contact', label: 'Contact', colour: STATE_COLOURS.contact, starts: [], ends: [], note: omitted ?? (r.stationNames.length ? 'no station sees it during the run' : 'no ground stations in this design') });
    } else lanes.push(...[...byStation.values()].sort((a, b) => (a.station ?? 0) - (b.station ?? 0)));
    // Per-step lanes: limits from the detail (every step) when loaded, else from the status
    // rows (every statusEvery steps); downlink and failure are status bits only.
    const N = r.satelliteCount;
    const codes = r.statusCodes;
    const statusRows = N > 0 ? Math.floor(codes.length / N) : 0;
    const E = Math.max(1, r.statusEvery);
    const d = this.detail;
    const useDetail = !!d && d.limit.length === r.steps;
    const stepLane = (id: string, label: string, colour: string, count: number, every: number, on: (k: number) => boolean): Lane => {
      const lane: Lane = { id, label, colour, starts: [], ends: [] };
      let open = -1;
      for (let k = 0; k <= count; k++) {
        const v = k < count && on(k);
        if (v && open < 0) open = k;
        else if (!v && open >= 0) {
          lane.starts.push(r.startMs + open * every * r.stepMs);
          lane.ends.push(Math.min(r.endMs, r.startMs + k * every * r.stepMs));
          open = -1;
        }
      }
      return lane;
    };
    const status = (k: number) => codes[k * N + i];
    if (statusRows > 0 && r.stationNames.length > 0) lanes.push(stepLane('downlink', 'Downlink (antenna held)', DOWNLINK_COLOUR, statusRows, E, (k) => (status(k) & STATUS_DOWNLINK) !== 0));
    const limitRows = useDetail ? r.steps : statusRows;
    const limitEvery = useDetail ? 1 : E;
    const limitAt = useDetail ? (k: number) => d.limit[k] : (k: number) => status(k) & STATUS_LIMIT_MASK;
    if (limitRows > 0) {
      lanes.push(stepLane('power', 'Power-limited', STATE_COLOURS.power, limitRows, limitEvery, (k) => limitAt(k) === LIMIT_POWER));
      lanes.push(stepLane('thermal', 'Thermal-limited', STATE_COLOURS.thermal, limitRows, limitEvery, (k) => limitAt(k) === LIMIT_THERMAL));
      lanes.push(stepLane('storage', 'Storage-limited', STATE_COLOURS.storage, limitRows, limitEvery, (k) => limitAt(k) === LIMIT_STORAGE));
    }
    if (statusRows > 0) {
      const failed = stepLane('failed', 'Failed / decayed', STATE_COLOURS.idle, statusRows, E, (k) => (status(k) & STATUS_FAILED) !== 0);
      if (failed.starts.length) lanes.push(failed);
    }
    return lanes;
  }

  dispose(): void {
    this.observer.disconnect();
  }
}

/** Intervals as drawn: as they are up to MAX_SEGMENTS, else with gaps shorter than `minGapMs` closed. */
function mergeForDisplay(starts: number[], ends: number[], minGapMs: number): { starts: number[]; ends: number[]; merged: boolean } {
  if (starts.length <= MAX_SEGMENTS) return { starts, ends, merged: false };
  const s: number[] = [];
  const e: number[] = [];
  for (let k = 0; k < starts.length; k++) {
    if (s.length && starts[k] - e[e.length - 1] < minGapMs) e[e.length - 1] = Math.max(e[e.length - 1], ends[k]);
    else {
      s.push(starts[k]);
      e.push(ends[k]);
    }
  }
  return { starts: s, ends: e, merged: true };
}
