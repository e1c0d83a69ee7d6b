/**
 * Satellite inspector: name, position (altitude, latitude/longitude),
 * illumination, power in/out, state of charge, temperature, compute fraction
 * and limiting factor, stored data and next ground contact, at the sim time.
 * Live geometry comes from the live worker; per-step state from the
 * analysis' detail for that satellite. Names are set with textContent.
 * Camera buttons fly to and follow the satellite (data-testid="follow") and
 * switch the followed view to its LVLH frame ("follow-frame"); the header's
 * button collapses the panel ("inspector-toggle"). While a large run's
 * per-satellite detail is re-computed, "inspector-progress" tells how far.
 */
import { LIMIT_NAMES } from '../engine/node/compute';
import type { AnalysisResult, SatelliteDetailColumns, SelectedState } from '../../workers/protocol';
import { formatDuration } from './format';
import { el } from './dom';

type Row = 'altitude' | 'latlon' | 'speed' | 'illumination' | 'powerIn' | 'powerOut' | 'soc' | 'temperature' | 'compute' | 'limit' | 'stored' | 'contact';

const ROWS: Array<[Row, string]> = [
  ['altitude', 'Altitude'],
  ['latlon', 'Lat / lon'],
  ['speed', 'Speed'],
  ['illumination', 'Illumination'],
  ['powerIn', 'Solar power in'],
  ['powerOut', 'Load power out'],
  ['soc', 'State of charge'],
  ['temperature', 'Temperature'],
  ['compute', 'Compute fraction'],
  ['limit', 'Limiting factor'],
  ['stored', 'Stored data'],
  ['contact', 'Next contact'],
];

const LIMIT_LABEL: Record<(typeof LIMIT_NAMES)[number], string> = { none: 'none (full rate)', power: 'power', thermal: 'thermal', storage: 'storage' };

export interface InspectorCallbacks {
  onFind(query: string): void;
  onClose(): void;
  /** Follow the selected satellite with the camera (on) or go back to orbiting the Earth. */
  onFollow?(on: boolean): void;
  /** Followed view in the satellite's LVLH frame (on) or inertial axes. */
  onLvlh?(on: boolean): void;
}

export class Inspector {
  readonly root: HTMLElement;
  private readonly title: HTMLElement;
  private readonly subtitle: HTMLElement;
  private readonly values = new Map<Row, HTMLElement>();
  private readonly body: HTMLElement;
  private readonly find: HTMLInputElement;
  private readonly list: HTMLDataListElement;
  private readonly camera: HTMLElement;
  private readonly followBtn: HTMLButtonElement;
  private readonly frameBtn: HTMLButtonElement;
  private readonly collapseBtn: HTMLButtonElement;
  private readonly progress: HTMLElement;
  private detailNote: string | null = null;
  private index = -1;
  private detail: SatelliteDetailColumns | null = null;
  private result: AnalysisResult | undefined;
  /** Contacts of the selected satellite, by start time (indices into result.events). */
  private contacts: number[] = [];

  constructor(parent: HTMLElement, cb: InspectorCallbacks) {
    this.root = document.createElement('div');
    this.root.className = 'inspector overlay';
    this.root.dataset.testid = 'inspector';
    const head = document.createElement('div');
    head.className = 'inspector-head';
    this.title = document.createElement('div');
    this.title.className = 'inspector-title';
    this.title.dataset.testid = 'inspector-name';
    this.title.textContent = 'No satellite selected';
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'btn tiny';
    close.textContent = '✕';
    close.setAttribute('aria-label', 'Close inspector');
    close.addEventListener('click', () => cb.onClose());
    this.collapseBtn = el('button', 'btn tiny collapse-toggle');
    this.collapseBtn.type = 'button';
    this.collapseBtn.dataset.testid = 'inspector-toggle';
    this.collapseBtn.addEventListener('click', () => this.setCollapsed(!this.collapsed));
    const buttons = el('div', 'inspector-buttons');
    buttons.append(this.collapseBtn, close);
    head.append(this.title, buttons);
    this.camera = el('div', 'inspector-camera');
    this.followBtn = el('button', 'btn small toggle', 'Follow');
    this.followBtn.type = 'button';
    this.followBtn.dataset.testid = 'follow';
    this.followBtn.title = 'Fly the camera to this satellite and keep it at the centre; zoom down to 10 m (F)';
    this.followBtn.addEventListener('click', () => cb.onFollow?.(this.followBtn.getAttribute('aria-pressed') !== 'true'));
    this.frameBtn = el('button', 'btn small toggle', 'LVLH frame');
    this.frameBtn.type = 'button';
    this.frameBtn.dataset.testid = 'follow-frame';
    this.frameBtn.title = 'Turn the followed view with the satellite’s local frame (radial up, along track, orbit normal): a formation’s relative motion stays in view (V)';
    this.frameBtn.addEventListener('click', () => cb.onLvlh?.(this.frameBtn.getAttribute('aria-pressed') !== 'true'));
    this.camera.append(this.followBtn, this.frameBtn);
    this.camera.hidden = true;
    this.progress = el('div', 'inspector-progress');
    this.progress.dataset.testid = 'inspector-progress';
    this.progress.hidden = true;
    this.setFollowing(false, 'inertial');
    this.subtitle = document.createElement('div');
    this.subtitle.className = 'inspector-sub';
    this.subtitle.textContent = 'Click a satellite in the view, or find one by name.';
    this.find = document.createElement('input');
    this.find.type = 'search';
    this.find.name = 'find-satellite';
    this.find.placeholder = 'Find satellite by name…';
    this.find.setAttribute('list', 'satellite-names');
    this.find.autocomplete = 'off';
    this.list = document.createElement('datalist');
    this.list.id = 'satellite-names';
    this.find.addEventListener('change', () => cb.onFind(this.find.value));
    this.find.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') cb.onFind(this.find.value);
    });
    this.body = document.createElement('dl');
    this.body.className = 'inspector-body';
    for (const [key, label] of ROWS) {
      const dt = document.createElement('dt');
      dt.textContent = label;
      const dd = document.createElement('dd');
      dd.dataset.field = key;
      dd.textContent = '—';
      this.body.append(dt, dd);
      this.values.set(key, dd);
    }
    this.body.hidden = true;
    const content = el('div', 'inspector-content');
    content.append(this.subtitle, this.camera, this.find, this.list, this.progress, this.body);
    this.root.append(head, content);
    parent.append(this.root);
    this.setCollapsed(false);
  }

  get collapsed(): boolean {
    return this.root.dataset.collapsed === 'true';
  }

  /** Shows only the header (name and buttons), or everything. */
  setCollapsed(on: boolean): void {
    this.root.dataset.collapsed = String(on);
    this.collapseBtn.textContent = on ? '▾' : '▴';
    this.collapseBtn.setAttribute('aria-expanded', String(!on));
    const what = on ? 'Show the inspector' : 'Collapse the inspector';
    this.collapseBtn.title = `${what} (I)`;
    this.collapseBtn.setAttribute('aria-label', what);
  }

  /** Shows whether the camera follows the selected satellite, and in which frame. */
  setFollowing(on: boolean, frame: 'inertial' | 'lvlh'): void {
    this.followBtn.setAttribute('aria-pressed', String(on));
    this.followBtn.textContent = on ? 'Following' : 'Follow';
    this.frameBtn.setAttribute('aria-pressed', String(frame === 'lvlh'));
    this.frameBtn.disabled = !on;
    this.root.classList.toggle('following', on);
  }

  /**
   * Progress of the selected satellite's detail while it is computed
   * (`fraction` 0…1, or null when it is there or failed): a large run
   * re-runs the analysis recording that satellite.
   */
  setDetailProgress(fraction: number | null, phase = 'Re-running the analysis for this satellite'): void {
    if (fraction === null) {
      this.detailNote = null;
      this.progress.hidden = true;
      return;
    }
    const pct = Math.max(0, Math.min(100, Math.floor(fraction * 100)));
    this.detailNote = `loading… ${pct} %`;
    this.progress.hidden = false;
    this.progress.textContent = `${phase}: ${pct} %`;
    this.progress.style.setProperty('--p', String(pct / 100));
  }

  /** Names offered by the find box (only for moderate constellations). */
  setNames(names: readonly string[]): void {
    this.list.replaceChildren();
    if (names.length > 3000) return;
    for (const n of names) {
      const o = document.createElement('option');
      o.value = n;
      this.list.append(o);
    }
  }

  select(index: number, name: string, id: string, result: AnalysisResult | undefined): void {
    this.index = index;
    this.detail = null;
    this.setDetailProgress(null);
    this.root.classList.toggle('active', index >= 0);
    this.body.hidden = index < 0;
    this.camera.hidden = index < 0;
    if (index < 0) {
      this.title.textContent = 'No satellite selected';
      this.subtitle.textContent = 'Click a satellite in the view, or find one by name.';
      return;
    }
    this.title.textContent = name;
    this.subtitle.textContent = `${id} · #${index + 1}`;
    this.setResult(result);
  }

  setResult(result: AnalysisResult | undefined): void {
    this.result = result;
    this.contacts = [];
    if (!result || this.index < 0) return;
    const e = result.events;
    for (let k = 0; k < e.contactSat.length; k++) if (e.contactSat[k] === this.index) this.contacts.push(k);
    this.contacts.sort((a, b) => e.contactStartMs[a] - e.contactStartMs[b]);
  }

  setDetail(d: SatelliteDetailColumns | null): void {
    if (d && d.index === this.index) {
      this.detail = d;
      this.setDetailProgress(null);
    }
  }

  get selectedIndex(): number {
    return this.index;
  }

  /** Refreshes the values for sim time `timeMs`. */
  update(timeMs: number, live: SelectedState | null): void {
    if (this.index < 0) return;
    const set = (k: Row, text: string) => {
      const e = this.values.get(k)!;
      if (e.textContent !== text) e.textContent = text;
    };
    if (live && live.index === this.index) {
      set('altitude', `${live.altitudeKm.toFixed(1)} km`);
      set('latlon', `${live.latDeg.toFixed(2)}°, ${live.lonDeg.toFixed(2)}°`);
      set('speed', `${live.speedKmS.toFixed(3)} km/s`);
      set('illumination', `${(live.illumination * 100).toFixed(0)} %${live.illumination < 0.5 ? ' (eclipse)' : ''}`);
    }
    const r = this.result;
    const d = this.detail;
    if (r && d && d.stateOfCharge.length === r.steps) {
      const k = Math.min(r.steps - 1, Math.max(0, Math.floor((timeMs - r.startMs) / r.stepMs)));
      set('powerIn', `${(d.solarPowerW[k] / 1000).toFixed(2)} kW`);
      set('powerOut', `${(d.loadPowerW[k] / 1000).toFixed(2)} kW`);
      set('soc', `${(d.stateOfCharge[k] * 100).toFixed(1)} %`);
      set('temperature', `${d.temperatureC[k].toFixed(1)} °C`);
      set('compute', `${(d.computeFraction[k] * 100).toFixed(1)} %`);
      set('limit', LIMIT_LABEL[LIMIT_NAMES[d.limit[k]] ?? 'none']);
      set('stored', `${d.storedGB[k].toFixed(1)} GB`);
    } else {
      for (const k of ['powerIn', 'powerOut', 'soc', 'temperature', 'compute', 'limit', 'stored'] as const) set(k, r ? (this.detailNote ?? 'loading…') : 'awaiting analysis');
    }
    set('contact', this.contactText(timeMs));
  }

  private contactText(t: number): string {
    const r = this.result;
    if (!r || r.eventsOmitted) return 'awaiting analysis';
    const e = r.events;
    for (const k of this.contacts) {
      if (e.contactEndMs[k] <= t) continue;
      const station = r.stationNames[e.contactStation[k]] ?? '?';
      if (e.contactStartMs[k] <= t) return `now: ${station}, ${formatDuration(e.contactEndMs[k] - t)} left`;
      return `${station} in ${formatDuration(e.contactStartMs[k] - t)} (${new Date(e.contactStartMs[k]).toISOString().slice(11, 19)} UTC)`;
    }
    return 'none before the horizon ends';
  }
}
