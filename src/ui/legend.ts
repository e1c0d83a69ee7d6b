/**
 * On-screen legend of satellite state colours and layer toggles, collapsible
 * from its header. Until the user opens or closes it, it is collapsed while
 * the view is shorter than LEGEND_COLLAPSED_BELOW_PX, so it does not cover
 * the view. While inter-satellite links are drawn it shows their rate scale
 * (Gbps, log scale, palette.ts ISL_RATE_RAMP) from the scenario's link model.
 * Hooks: data-testid="legend", "legend-toggle", "legend-isl-rate"
 * (data-low-gbps, data-cap-gbps); data-collapsed.
 */
import type { LayerVisibility } from '../view/SceneView';
import { ISL_RATE_RAMP, LEGEND, STATE_COLOURS, islRateGradientCss } from '../view/palette';
import type { IslRateScale } from '../../workers/protocol';
import { formatNumber } from './format';
import { el } from './dom';
import './legend.css';

/** Views shorter than this show the legend collapsed until the user opens it (px; the open legend is ≈ 230 px tall). */
export const LEGEND_COLLAPSED_BELOW_PX = 520;

export class Legend {
  readonly root: HTMLElement;
  readonly visibility: LayerVisibility = { orbit: true, contacts: true, isl: true, stations: true, sun: true, groundTrack: true, footprint: true };
  private readonly toggle: HTMLButtonElement;
  private readonly checks = new Map<keyof LayerVisibility, HTMLInputElement>();
  /** The ISL row of the line legend, the rate scale row and its parts. */
  private readonly islRow: HTMLElement;
  private readonly rateRow: HTMLElement;
  private readonly rateLow: HTMLElement;
  private readonly rateBar: HTMLElement;
  private readonly rateHigh: HTMLElement;
  private islRates: IslRateScale | null = null;
  /** The user chose open or closed: the view's height no longer decides. */
  private chosen = false;

  constructor(
    parent: HTMLElement,
    private readonly onVisibility: (v: LayerVisibility) => void,
  ) {
    this.root = el('div', 'legend overlay');
    this.root.dataset.testid = 'legend';
    const head = el('div', 'overlay-head');
    const title = el('div', 'overlay-title', 'Satellite state');
    this.toggle = el('button', 'btn tiny collapse-toggle');
    this.toggle.type = 'button';
    this.toggle.dataset.testid = 'legend-toggle';
    this.toggle.addEventListener('click', () => this.setCollapsed(!this.collapsed));
    head.append(title, this.toggle);
    const body = el('div', 'legend-body');
    body.id = 'legend-body';
    this.toggle.setAttribute('aria-controls', body.id);
    for (const item of LEGEND) {
      const row = el('div', 'legend-row');
      const sw = el('span', item.ring ? 'swatch ring' : 'swatch');
      if (item.ring) sw.style.borderColor = STATE_COLOURS[item.key];
      else sw.style.background = STATE_COLOURS[item.key];
      row.append(sw, el('span', '', item.label));
      body.append(row);
    }
    const lines = el('div', 'legend-lines');
    const line = (cls: string, text: string) => {
      const row = el('div', 'legend-row');
      row.append(el('span', `swatch line ${cls}`), el('span', '', text));
      return row;
    };
    this.islRow = line('isl', 'Inter-satellite link');
    (this.islRow.firstElementChild as HTMLElement).style.background = islRateGradientCss();
    this.rateRow = el('div', 'legend-rate');
    this.rateRow.dataset.testid = 'legend-isl-rate';
    this.rateRow.hidden = true;
    this.rateLow = el('span', 'legend-rate-end');
    this.rateBar = el('span', 'legend-rate-bar');
    this.rateBar.style.background = islRateGradientCss();
    this.rateHigh = el('span', 'legend-rate-end');
    this.rateRow.append(el('span', 'legend-rate-title', 'ISL rate'), this.rateLow, this.rateBar, this.rateHigh);
    lines.append(
      line('contact', 'Station in view'),
      this.islRow,
      line('station', 'Ground station'),
      line('sun', 'Sun direction'),
      line('ground', 'Ground track (± 1 orbit)'),
      line('footprint', 'Coverage footprint'),
      this.rateRow,
    );
    body.append(lines);

    const toggles = el('div', 'layer-toggles');
    const names: Array<[keyof LayerVisibility, string, string]> = [
      ['orbit', 'Orbit', 'Orbit of the selected satellite (one period)'],
      ['groundTrack', 'Ground track', 'Sub-satellite points of the selected satellite, one orbit back and one ahead'],
      ['footprint', 'Footprint', 'Where a station sees the selected satellite above the lowest station elevation mask'],
      ['contacts', 'Links', 'Station-to-satellite lines while in view'],
      ['isl', 'ISL', 'Inter-satellite links, coloured by data rate (up to the scenario’s terminals per satellite, nearest first)'],
      ['stations', 'Stations', 'Ground stations'],
      ['sun', 'Sun', 'Sun direction'],
    ];
    for (const [key, label, tip] of names) {
      const l = el('label');
      l.title = tip;
      const c = el('input');
      c.type = 'checkbox';
      c.checked = this.visibility[key];
      c.name = `layer-${key}`;
      c.addEventListener('change', () => {
        this.visibility[key] = c.checked;
        this.showRates();
        this.onVisibility(this.visibility);
      });
      this.checks.set(key, c);
      l.append(c, document.createTextNode(` ${label}`));
      toggles.append(l);
    }
    body.append(toggles);
    this.root.append(head, body);
    parent.append(this.root);
    const auto = () => {
      if (!this.chosen) this.setCollapsed(parent.clientHeight < LEGEND_COLLAPSED_BELOW_PX, false);
    };
    auto();
    new ResizeObserver(auto).observe(parent);
    this.showRates();
  }

  get collapsed(): boolean {
    return this.root.dataset.collapsed === 'true';
  }

  /** Opens or closes the legend (`byUser`: the view's height no longer decides). */
  setCollapsed(on: boolean, byUser = true): void {
    if (byUser) this.chosen = true;
    this.root.dataset.collapsed = String(on);
    this.toggle.textContent = on ? '▴' : '▾';
    this.toggle.setAttribute('aria-expanded', String(!on));
    const what = on ? 'Show the legend and layer toggles' : 'Hide the legend';
    this.toggle.title = `${what} (L)`;
    this.toggle.setAttribute('aria-label', what);
  }

  /** Switches layer `key` (as its checkbox does). */
  setLayer(key: keyof LayerVisibility, on: boolean): void {
    const c = this.checks.get(key);
    if (!c || c.checked === on) return;
    c.checked = on;
    this.visibility[key] = on;
    this.showRates();
    this.onVisibility(this.visibility);
  }

  /**
   * The drawn links' rate scale (the live worker's LiveScenarioInfo.islRates;
   * null: the scenario has no inter-satellite links, the rows are hidden).
   */
  setIslRates(scale: IslRateScale | null): void {
    this.islRates = scale;
    if (scale) {
      const k = scale.terminals;
      this.islRow.lastElementChild!.textContent = `ISL (≤ ${k} per satellite)`;
      this.islRow.title = `Up to ${k} link${k === 1 ? '' : 's'} per satellite (its optical terminals), to the nearest satellites within ${formatNumber(scale.maxRangeKm, 4)} km in line of sight, shortest first`;
      const flat = !(scale.capGbps > scale.lowGbps);
      this.rateRow.dataset.lowGbps = String(scale.lowGbps);
      this.rateRow.dataset.capGbps = String(scale.capGbps);
      this.rateRow.classList.toggle('flat', flat);
      if (flat) {
        // Every link in range is shorter than the cap's range: one colour.
        this.rateLow.textContent = '';
        this.rateBar.style.background = ISL_RATE_RAMP[ISL_RATE_RAMP.length - 1];
        this.rateHigh.textContent = `${formatNumber(scale.capGbps, 3)} Gbps (cap)`;
        this.rateRow.title = `Every link within the ${formatNumber(scale.maxRangeKm, 4)} km range runs at the terminal rate, ${formatNumber(scale.capGbps, 4)} Gbps (the cap holds up to ${formatNumber(scale.capRangeKm, 3)} km)`;
      } else {
        this.rateLow.textContent = formatNumber(scale.lowGbps, 3);
        this.rateBar.style.background = islRateGradientCss();
        this.rateHigh.textContent = `${formatNumber(scale.capGbps, 3)} Gbps`;
        this.rateRow.title =
          `Link rate min(cap, R_ref·(d_ref/d)²), log scale: ${formatNumber(scale.lowGbps, 3)} Gbps at the ${formatNumber(scale.maxRangeKm, 4)} km range ` +
          `… ${formatNumber(scale.capGbps, 4)} Gbps (the terminal cap) up to ${formatNumber(scale.capRangeKm, 4)} km`;
      }
    }
    this.showRates();
  }

  /** The ISL rows show while links are drawn: the scenario has them and the layer is on. */
  private showRates(): void {
    this.islRow.hidden = this.islRates === null;
    this.rateRow.hidden = this.islRates === null || !this.visibility.isl;
  }
}
