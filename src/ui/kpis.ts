/**
 * KPI cards: one per engine KPI (KPI_NAMES), the value as a plain number in
 * an element carrying data-kpi="<name>", the unit beside it.
 */
import { KPI_NAMES } from '../engine/output/result';
import type { Kpis } from '../engine/run/simulation';
import { displayNumber, KPI_META, plainNumber, type KpiMeta } from './format';

const GROUP_TITLES: Record<KpiMeta['group'], string> = {
  compute: 'Compute',
  constellation: 'Constellation',
  power: 'Power & thermal',
  data: 'Data & contact',
  cost: 'Mass, lifetime & cost',
};

export class KpiPanel {
  private readonly values = new Map<keyof Kpis, { value: HTMLElement; hint: HTMLElement }>();

  constructor(readonly root: HTMLElement) {
    root.classList.add('kpis');
    const groups = new Map<string, HTMLElement>();
    for (const g of Object.keys(GROUP_TITLES) as Array<KpiMeta['group']>) {
      const sec = document.createElement('section');
      sec.className = 'kpi-group';
      const h = document.createElement('h3');
      h.textContent = GROUP_TITLES[g];
      const grid = document.createElement('div');
      grid.className = 'kpi-grid';
      sec.append(h, grid);
      root.append(sec);
      groups.set(g, grid);
    }
    for (const name of KPI_NAMES) {
      const meta = KPI_META[name];
      const card = document.createElement('div');
      card.className = 'kpi';
      card.title = name;
      const label = document.createElement('div');
      label.className = 'kpi-label';
      label.textContent = meta.label;
      const row = document.createElement('div');
      row.className = 'kpi-row';
      const value = document.createElement('span');
      value.className = 'kpi-value';
      value.dataset.kpi = name;
      value.textContent = '—';
      const unit = document.createElement('span');
      unit.className = 'kpi-unit';
      unit.textContent = meta.unit;
      const hint = document.createElement('span');
      hint.className = 'kpi-hint';
      row.append(value, unit, hint);
      card.append(label, row);
      groups.get(meta.group)!.append(card);
      this.values.set(name, { value, hint });
    }
  }

  set(k: Kpis): void {
    for (const name of KPI_NAMES) {
      const v = k[name];
      const e = this.values.get(name)!;
      if (v === null) {
        e.value.textContent = '—';
        e.value.title = 'not computed for this run';
        e.hint.textContent = '';
        continue;
      }
      e.value.textContent = plainNumber(v);
      e.value.title = displayNumber(v, 9);
      e.hint.textContent = KPI_META[name].fraction ? `${(v * 100).toFixed(1)} %` : '';
    }
    this.root.classList.remove('stale');
  }

  setStale(stale: boolean): void {
    this.root.classList.toggle('stale', stale);
  }
}
