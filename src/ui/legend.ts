/**
 * On-screen legend of satellite state colours and layer toggles, collapsible
 * from its header. Until the user opens or closes it, it is collapsed while
 * the view is shorter than LEGEND_COLLAPSED_BELOW_PX, so it does not cover
 * the view. Hooks: data-testid="legend", "legend-toggle"; data-collapsed.
 */
import type { LayerVisibility } from '../view/SceneView';
import { LEGEND, STATE_COLOURS } from '../view/palette';
import { el } from './dom';

/** Views shorter than this show the legend collapsed until the user opens it (px; the open legend is ≈ 230 px tall). */
export const LEGEND_COLLAPSED_BELOW_PX = 520;

export class Legend {
  readonly root: HTMLElement;
  readonly visibility: LayerVisibility = { orbit: true, contacts: true, isl: true, stations: true, sun: true, groundTrack: true, footprint: true };
  private readonly toggle: HTMLButtonElement;
  private readonly checks = new Map<keyof LayerVisibility, HTMLInputElement>();
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
    lines.append(
      line('contact', 'Station in view'),
      line('isl', 'ISL (≤4 nearest)'),
      line('station', 'Ground station'),
      line('sun', 'Sun direction'),
      line('ground', 'Ground track (± 1 orbit)'),
      line('footprint', 'Coverage footprint'),
    );
    body.append(lines);

    const toggles = el('div', 'layer-toggles');
    const names: Array<[keyof LayerVisibility, string, string]> = [
      ['orbit', 'Orbit', 'Orbit of the selected satellite (one period)'],
      ['groundTrack', 'Ground track', 'Sub-satellite points of the selected satellite, one orbit back and one ahead'],
      ['footprint', 'Footprint', 'Where a station sees the selected satellite above the lowest station elevation mask'],
      ['contacts', 'Links', 'Station-to-satellite lines while in view'],
      ['isl', 'ISL', 'Inter-satellite links (up to 4 nearest neighbours)'],
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
    this.onVisibility(this.visibility);
  }
}
