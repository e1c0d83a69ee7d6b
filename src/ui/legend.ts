/** On-screen legend of satellite state colours and layer toggles. */
import type { LayerVisibility } from '../view/SceneView';
import { LEGEND, STATE_COLOURS } from '../view/palette';

export class Legend {
  readonly root: HTMLElement;
  readonly visibility: LayerVisibility = { orbit: true, contacts: true, isl: true, stations: true, sun: true };

  constructor(parent: HTMLElement, onVisibility: (v: LayerVisibility) => void) {
    this.root = document.createElement('div');
    this.root.className = 'legend overlay';
    this.root.dataset.testid = 'legend';
    const h = document.createElement('div');
    h.className = 'overlay-title';
    h.textContent = 'Satellite state';
    this.root.append(h);
    for (const item of LEGEND) {
      const row = document.createElement('div');
      row.className = 'legend-row';
      const sw = document.createElement('span');
      sw.className = item.ring ? 'swatch ring' : 'swatch';
      if (item.ring) sw.style.borderColor = STATE_COLOURS[item.key];
      else sw.style.background = STATE_COLOURS[item.key];
      const t = document.createElement('span');
      t.textContent = item.label;
      row.append(sw, t);
      this.root.append(row);
    }
    const lines = document.createElement('div');
    lines.className = 'legend-lines';
    const line = (cls: string, text: string) => {
      const row = document.createElement('div');
      row.className = 'legend-row';
      const sw = document.createElement('span');
      sw.className = `swatch line ${cls}`;
      const t = document.createElement('span');
      t.textContent = text;
      row.append(sw, t);
      return row;
    };
    lines.append(line('contact', 'Station in view'), line('isl', 'ISL (≤4 nearest)'), line('station', 'Ground station'), line('sun', 'Sun direction'));
    this.root.append(lines);

    const toggles = document.createElement('div');
    toggles.className = 'layer-toggles';
    const names: Array<[keyof LayerVisibility, string]> = [
      ['orbit', 'Orbit'],
      ['contacts', 'Links'],
      ['isl', 'ISL'],
      ['stations', 'Stations'],
      ['sun', 'Sun'],
    ];
    for (const [key, label] of names) {
      const l = document.createElement('label');
      const c = document.createElement('input');
      c.type = 'checkbox';
      c.checked = this.visibility[key];
      c.name = `layer-${key}`;
      c.addEventListener('change', () => {
        this.visibility[key] = c.checked;
        onVisibility(this.visibility);
      });
      l.append(c, document.createTextNode(` ${label}`));
      toggles.append(l);
    }
    this.root.append(toggles);
    parent.append(this.root);
  }
}
