/**
 * The designs of a session: each a full scenario draft with a unique name
 * (its scenario name), a colour for charts and the 3D view labels, the last
 * valid normalised scenario and its input hash. One design is active (shown
 * in the parameter panel and the 3D view), one is the comparison baseline,
 * and one may be shown beside the active one in the 3D view. Pure data: the
 * DOM list and the controller observe it.
 */
import type { Scenario } from '../engine/input/scenario';
import { cloneJson } from './draft';

/** One colour per design (distinct on the dark theme; cycled past eight). */
export const DESIGN_COLOURS = ['#4cc2ff', '#ff9e3d', '#3ddc84', '#f25f9a', '#b78cff', '#f2d04a', '#5ee0d0', '#ff6b6b'] as const;

export const MAX_NAME_CHARS = 200;

export interface Design {
  readonly id: number;
  /** Unique in the set; equals the draft's `name`. */
  name: string;
  colour: string;
  /** The editable scenario (may be invalid while the user types). */
  draft: Record<string, unknown>;
  /** Preset the draft came from ('custom' once edited or loaded from a file). */
  preset: string;
  /** Last valid normalised scenario of the draft (undefined until validated). */
  scenario?: Scenario;
  /** Input hash of `scenario` (undefined while it is being computed). */
  hash?: string;
}

export type NameCheck = { ok: true; name: string } | { ok: false; message: string };

export class DesignSet {
  private list: Design[] = [];
  private nextId = 1;
  activeId = -1;
  baselineId = -1;
  /** Design shown beside the active one in the 3D view (-1: single view). */
  sideId = -1;

  get designs(): readonly Design[] {
    return this.list;
  }

  get size(): number {
    return this.list.length;
  }

  byId(id: number): Design | undefined {
    return this.list.find((d) => d.id === id);
  }

  byName(name: string): Design | undefined {
    return this.list.find((d) => d.name === name);
  }

  get active(): Design | undefined {
    return this.byId(this.activeId);
  }

  get baseline(): Design | undefined {
    return this.byId(this.baselineId) ?? this.list[0];
  }

  indexOf(id: number): number {
    return this.list.findIndex((d) => d.id === id);
  }

  /** `base`, or `base (2)`, `base (3)`… — the first name no other design (except `exceptId`) has. */
  uniqueName(base: string, exceptId = -1): string {
    const clean = base.trim().slice(0, MAX_NAME_CHARS) || 'Design';
    const taken = (n: string) => this.list.some((d) => d.name === n && d.id !== exceptId);
    if (!taken(clean)) return clean;
    const stem = clean.replace(/ \(\d+\)$/, '');
    for (let k = 2; ; k++) {
      const suffix = ` (${k})`;
      const n = stem.slice(0, MAX_NAME_CHARS - suffix.length) + suffix;
      if (!taken(n)) return n;
    }
  }

  /** Whether `name` can be given to design `id` (non-empty, short enough, not another design's). */
  checkName(name: string, id: number): NameCheck {
    const n = name.trim();
    if (!n) return { ok: false, message: 'a design needs a name' };
    if (n.length > MAX_NAME_CHARS) return { ok: false, message: `names are at most ${MAX_NAME_CHARS} characters` };
    if (this.list.some((d) => d.name === n && d.id !== id)) return { ok: false, message: `another design is already named “${n}”` };
    return { ok: true, name: n };
  }

  private freeColour(): string {
    const used = new Set(this.list.map((d) => d.colour));
    return DESIGN_COLOURS.find((c) => !used.has(c)) ?? DESIGN_COLOURS[this.list.length % DESIGN_COLOURS.length];
  }

  /** Adds a design from a draft (copied unless `owned`: the caller hands it over); its name is made unique. */
  add(draft: Record<string, unknown>, preset: string, afterId?: number, owned = false): Design {
    const d: Design = {
      id: this.nextId++,
      name: '',
      colour: this.freeColour(),
      draft: owned ? draft : cloneJson(draft),
      preset,
    };
    d.name = this.uniqueName(typeof draft.name === 'string' ? draft.name : 'Design');
    d.draft.name = d.name;
    const at = afterId === undefined ? -1 : this.indexOf(afterId);
    if (at >= 0) this.list.splice(at + 1, 0, d);
    else this.list.push(d);
    if (this.activeId < 0) this.activeId = d.id;
    if (this.baselineId < 0) this.baselineId = d.id;
    return d;
  }

  /** Copy of design `id` (same inputs, so the same hash), named “<name> (copy)”, placed after it. */
  duplicate(id: number): Design | undefined {
    const src = this.byId(id);
    if (!src) return undefined;
    const d = this.add({ ...src.draft, name: `${src.name.replace(/ \(copy( \d+)?\)$/, '')} (copy)` }, src.preset, id);
    if (src.scenario) d.scenario = { ...src.scenario, name: d.name };
    d.hash = src.hash;
    return d;
  }

  rename(id: number, name: string): NameCheck {
    const d = this.byId(id);
    if (!d) return { ok: false, message: 'no such design' };
    const c = this.checkName(name, id);
    if (!c.ok) return c;
    d.name = c.name;
    d.draft.name = c.name;
    if (d.scenario) d.scenario = { ...d.scenario, name: c.name };
    return c;
  }

  /** Removes design `id` unless it is the last; the active/baseline/side roles move on. */
  remove(id: number): boolean {
    const i = this.indexOf(id);
    if (i < 0 || this.list.length <= 1) return false;
    this.list.splice(i, 1);
    const next = this.list[Math.min(i, this.list.length - 1)];
    if (this.activeId === id) this.activeId = next.id;
    if (this.baselineId === id) this.baselineId = this.list[0].id;
    if (this.sideId === id || this.sideId === this.activeId) this.sideId = -1;
    return true;
  }

  /** Puts a removed design back at position `index` (same id, colour, draft, scenario and hash; undo of remove). */
  restore(d: Design, index: number): void {
    if (this.byId(d.id)) return;
    this.list.splice(Math.max(0, Math.min(this.list.length, index)), 0, d);
    if (d.id >= this.nextId) this.nextId = d.id + 1;
    d.name = this.uniqueName(d.name, d.id);
    d.draft.name = d.name;
    if (d.scenario && d.scenario.name !== d.name) d.scenario = { ...d.scenario, name: d.name };
  }

  /** Removes every design (a new session follows with add()); roles reset. */
  clear(): Design[] {
    const old = this.list;
    this.list = [];
    this.activeId = -1;
    this.baselineId = -1;
    this.sideId = -1;
    return old;
  }

  /** Moves design `id` to position `to`. */
  move(id: number, to: number): void {
    const i = this.indexOf(id);
    if (i < 0) return;
    const [d] = this.list.splice(i, 1);
    this.list.splice(Math.max(0, Math.min(this.list.length, to)), 0, d);
  }
}
