/**
 * KPI cards: one per engine KPI (KPI_NAMES). The element carrying
 * data-kpi="<name>" shows the value formatted (format.ts formatKpi: SI
 * scaling, separators, shares as percentages) and holds the raw number in
 * data-value ('' when the KPI was not computed); the unit beside it follows
 * the scaling. Each card's tooltip gives the KPI's definition, unit, formula
 * and model (kpi-info.ts). setStale dims the cards and shows a "stale" badge
 * while the results do not belong to the current input. A "Modelling
 * assumptions" disclosure sits at the top of the column.
 */
import './kpis.css';
import { KPI_NAMES } from '../engine/output/result';
import type { Kpis } from '../engine/run/simulation';
import { formatKpi, formatQuantity, KPI_META, type KpiMeta } from './format';
import { kpiTooltip } from './kpi-info';
import { assumptionsDisclosure } from './assumptions';
import { el } from './dom';

const GROUP_TITLES: Record<KpiMeta['group'], string> = {
  compute: 'Compute',
  constellation: 'Constellation',
  power: 'Power & thermal',
  data: 'Data & contact',
  cost: 'Mass, lifetime & cost',
  workloads: 'Workloads',
};

export class KpiPanel {
  private readonly values = new Map<keyof Kpis, { card: HTMLElement; value: HTMLElement; unit: HTMLElement }>();
  private readonly badge: HTMLElement;

  constructor(readonly root: HTMLElement) {
    root.classList.add('kpis');
    this.badge = el('div', 'kpi-stale-badge');
    this.badge.dataset.testid = 'kpi-stale';
    this.badge.setAttribute('role', 'status');
    this.badge.hidden = true;
    this.badge.append(el('span', 'kpi-stale-tag', 'stale'), el('span', 'kpi-stale-why', ''));
    root.append(this.badge, assumptionsDisclosure());
    const groups = new Map<string, HTMLElement>();
    for (const g of Object.keys(GROUP_TITLES) as Array<KpiMeta['group']>) {
      const sec = el('section', 'kpi-group');
      const grid = el('div', 'kpi-grid');
      sec.append(el('h3', undefined, GROUP_TITLES[g]), grid);
      root.append(sec);
      groups.set(g, grid);
    }
    for (const name of KPI_NAMES) {
      const meta = KPI_META[name];
      const card = el('div', 'kpi');
      card.dataset.kpiCard = name;
      card.title = kpiTooltip(name);
      const row = el('div', 'kpi-row');
      const value = el('span', 'kpi-value', '—');
      value.dataset.kpi = name;
      value.dataset.value = '';
      const unit = el('span', 'kpi-unit', formatKpi(name, null).unit);
      row.append(value, unit);
      card.append(el('div', 'kpi-label', meta.label), row);
      groups.get(meta.group)!.append(card);
      this.values.set(name, { card, value, unit });
    }
  }

  set(k: Kpis): void {
    for (const name of KPI_NAMES) {
      const v = k[name];
      const e = this.values.get(name)!;
      const q = formatKpi(name, v);
      e.value.textContent = q.value;
      e.unit.textContent = q.unit;
      e.value.dataset.value = v === null ? '' : String(v);
      const exact = v === null ? 'Not computed for this run.' : `Value: ${formatQuantity(v, KPI_META[name].fraction ? '%' : KPI_META[name].unit, { sig: 9 }).text}`;
      e.card.title = `${kpiTooltip(name)}\n${exact}`;
    }
    this.setStale(false);
  }

  /**
   * A preview result (a node slider being dragged): the cards of `names`
   * hold the last full run's values (the lifetime, mass and cost analysis
   * runs when the slider is released): dimmed, data-preview="1", said in the
   * tooltip. Call right after set().
   */
  markPreview(names: readonly string[] | undefined): void {
    const marked = new Set(names ?? []);
    for (const [name, e] of this.values) {
      // Called right after set(), which rewrote the tooltips.
      if (marked.has(name)) {
        e.card.dataset.preview = '1';
        e.card.title = `${e.card.title}\nFrom the last full run: updated when the slider is released.`;
      } else delete e.card.dataset.preview;
    }
  }

  /**
   * Marks the cards as not belonging to the current input: dimmed, with a
   * "stale" badge (data-testid="kpi-stale") saying why — 'run': the input
   * changed and its run has not reported yet; 'invalid': the input is
   * invalid and these are the last valid input's results.
   */
  setStale(stale: boolean, reason: 'run' | 'invalid' = 'run'): void {
    this.root.classList.toggle('stale', stale);
    this.root.dataset.stale = stale ? reason : '';
    this.badge.hidden = !stale;
    (this.badge.lastElementChild as HTMLElement).textContent =
      reason === 'invalid' ? 'the input is invalid: these are the last valid input’s results' : 'these results are of an earlier input';
  }
}
