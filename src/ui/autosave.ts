/**
 * Autosave of the design session in the browser: every design (its draft,
 * name, colour and preset), the active one and the comparison baseline, as
 * one JSON record in IndexedDB under a versioned key (`session.v1`), written
 * a short while after a change (debounced) and at once when the page is
 * hidden. IndexedDB writes are asynchronous and a page being unloaded may
 * lose one, so a change still pending when the page goes away (reload within
 * the delay) is also written synchronously to localStorage (a journal,
 * `ocs.session.v1.journal`); loading takes whichever of the two is newer and
 * the next IndexedDB write clears the journal. A reload restores it; a URL that names designs (share
 * link, ?preset, ?n) takes precedence, and the autosaved session it
 * displaces is kept under `session.v1.previous` so it can be brought back.
 *
 * Restoring never trusts the stored text: each design is validated with the
 * engine's parseScenario (the schema may have changed since it was saved); a
 * design whose draft no longer validates falls back to its last valid
 * scenario, and one with neither is dropped and named in a notice. Storage
 * errors (quota exceeded, IndexedDB unavailable) are reported, never thrown.
 */
import { formatIssue, parseScenario, type Scenario } from '../engine/input/scenario';
import { DESIGN_COLOURS, type DesignSet } from './designs';

export const AUTOSAVE_VERSION = 1;
/** Key of the autosaved session; a new record version gets a new key, so old pages never read records they do not know. */
export const SESSION_KEY = `session.v${AUTOSAVE_VERSION}`;
/** The autosaved session a URL's designs displaced (one level of "previous"). */
export const PREVIOUS_KEY = `${SESSION_KEY}.previous`;
/** localStorage key of the journal written when the page goes away with a change pending. */
export const JOURNAL_KEY = `ocs.${SESSION_KEY}.journal`;
/** Wait after a change before writing (ms): typing in a field writes once, not per keystroke. */
export const AUTOSAVE_DELAY_MS = 400;
/** Designs restored at most (a share link holds 32; files may add more). */
export const MAX_SAVED_DESIGNS = 200;

export interface SavedDesign {
  name: string;
  colour: string;
  preset: string;
  /** The editable draft as the user left it (may be invalid). */
  draft: Record<string, unknown>;
  /** Last valid normalised scenario, kept only when the draft is invalid. */
  lastValid?: Scenario;
}

export interface SavedSession {
  v: typeof AUTOSAVE_VERSION;
  savedAtMs: number;
  designs: SavedDesign[];
  /** Index of the active design. */
  active: number;
  /** Index of the comparison baseline. */
  baseline: number;
}

/** One design to add back, validated. */
export interface RestoredDesign {
  draft: Record<string, unknown>;
  preset: string;
  colour: string;
  /** The validated scenario of `draft`. */
  scenario: Scenario;
  /** The saved draft was invalid; its last valid version was restored instead. */
  revertedToLastValid: boolean;
}

export interface RestoredSession {
  designs: RestoredDesign[];
  active: number;
  baseline: number;
  savedAtMs: number;
  /** What could not be restored, one line each (for a notice). */
  dropped: string[];
}

/** The session record of `set`; `isInvalid(id)` says whether a design's draft is currently invalid. */
export function sessionOf(set: DesignSet, isInvalid: (id: number) => boolean, nowMs = Date.now()): SavedSession {
  const designs = set.designs.map((d): SavedDesign => {
    const s: SavedDesign = { name: d.name, colour: d.colour, preset: d.preset, draft: d.draft };
    if (isInvalid(d.id) && d.scenario) s.lastValid = d.scenario;
    return s;
  });
  const idx = (id: number) => Math.max(0, set.indexOf(id));
  return { v: AUTOSAVE_VERSION, savedAtMs: nowMs, designs, active: idx(set.activeId), baseline: idx(set.baseline?.id ?? -1) };
}

const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
const COLOUR_RE = /^#[0-9a-f]{6}$/i;

/**
 * Validates a stored record (parsed JSON of unknown shape). Returns the
 * designs that still validate, or a reason when nothing can be restored.
 */
export function restoreSession(raw: unknown): { ok: true; value: RestoredSession } | { ok: false; message: string } {
  if (!isObject(raw)) return { ok: false, message: 'the saved session is not an object' };
  if (raw.v !== AUTOSAVE_VERSION) return { ok: false, message: `the saved session has an unknown version ${JSON.stringify(raw.v)}` };
  if (!Array.isArray(raw.designs) || raw.designs.length === 0) return { ok: false, message: 'the saved session holds no designs' };
  const dropped: string[] = [];
  const kept: RestoredDesign[] = [];
  /** Saved index → restored index (−1: dropped). */
  const map: number[] = [];
  raw.designs.slice(0, MAX_SAVED_DESIGNS).forEach((x: unknown, i: number) => {
    map.push(-1);
    const label = isObject(x) && typeof x.name === 'string' && x.name.trim() ? `“${x.name.trim().slice(0, 80)}”` : `design ${i + 1}`;
    if (!isObject(x) || !isObject(x.draft)) {
      dropped.push(`${label}: not a design`);
      return;
    }
    const colour = typeof x.colour === 'string' && COLOUR_RE.test(x.colour) ? x.colour : DESIGN_COLOURS[i % DESIGN_COLOURS.length];
    const preset = typeof x.preset === 'string' ? x.preset : 'custom';
    const r = parseScenario(x.draft);
    if (r.ok) {
      map[i] = kept.length;
      kept.push({ draft: x.draft, preset, colour, scenario: r.scenario, revertedToLastValid: false });
      return;
    }
    const last = x.lastValid === undefined ? undefined : parseScenario(x.lastValid);
    if (last?.ok) {
      map[i] = kept.length;
      kept.push({ draft: structuredClone(last.scenario) as unknown as Record<string, unknown>, preset: 'custom', colour, scenario: last.scenario, revertedToLastValid: true });
      return;
    }
    dropped.push(`${label}: ${r.issues.slice(0, 2).map(formatIssue).join('; ')}`);
  });
  if (raw.designs.length > MAX_SAVED_DESIGNS) dropped.push(`${raw.designs.length - MAX_SAVED_DESIGNS} designs beyond the first ${MAX_SAVED_DESIGNS}`);
  if (kept.length === 0) return { ok: false, message: `no saved design is valid any more (${dropped.slice(0, 3).join('; ')})` };
  const pick = (x: unknown) => {
    const k = Number.isInteger(x) && (x as number) >= 0 && (x as number) < map.length ? map[x as number] : -1;
    return k >= 0 ? k : 0;
  };
  const savedAtMs = typeof raw.savedAtMs === 'number' && Number.isFinite(raw.savedAtMs) ? raw.savedAtMs : Number.NaN;
  return { ok: true, value: { designs: kept, active: pick(raw.active), baseline: pick(raw.baseline), savedAtMs, dropped } };
}

// ---- storage ----

/** Where records go: strings under keys (IndexedDB in the page; a Map in tests). */
export interface SessionStore {
  get(key: string): Promise<string | undefined>;
  put(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

const DB_NAME = 'orbital-compute-simulator';
const DB_STORE = 'session';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

/** The page's IndexedDB (database "orbital-compute-simulator", object store "session"). */
export function indexedDbStore(factory: IDBFactory | undefined = globalThis.indexedDB): SessionStore {
  let db: Promise<IDBDatabase> | undefined;
  const open = (): Promise<IDBDatabase> => {
    if (!factory) return Promise.reject(new Error('this browser offers no IndexedDB (private window?)'));
    db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const r = factory.open(DB_NAME, 1);
      r.onupgradeneeded = () => {
        if (!r.result.objectStoreNames.contains(DB_STORE)) r.result.createObjectStore(DB_STORE);
      };
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('IndexedDB could not be opened'));
      r.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
    }).catch((e: unknown) => {
      db = undefined;
      throw e;
    });
    return db;
  };
  const tx = async (mode: IDBTransactionMode) => (await open()).transaction(DB_STORE, mode);
  return {
    async get(key) {
      const v = await request((await tx('readonly')).objectStore(DB_STORE).get(key));
      return typeof v === 'string' ? v : undefined;
    },
    async put(key, value) {
      const t = await tx('readwrite');
      t.objectStore(DB_STORE).put(value, key);
      await new Promise<void>((resolve, reject) => {
        t.oncomplete = () => resolve();
        t.onabort = () => reject(t.error ?? new Error('the write was aborted'));
        t.onerror = () => reject(t.error ?? new Error('the write failed'));
      });
    },
    async delete(key) {
      await request((await tx('readwrite')).objectStore(DB_STORE).delete(key));
    },
  };
}

/** The page's localStorage, or undefined where it is missing or blocked (it throws on access then). */
function safeLocalStorage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/** A storage error in words (quota errors say what to do). */
export function storageErrorText(e: unknown): string {
  const name = e instanceof Error || (typeof DOMException !== 'undefined' && e instanceof DOMException) ? (e as Error).name : '';
  const msg = e instanceof Error ? e.message : String(e);
  if (name === 'QuotaExceededError' || /quota/i.test(msg)) return 'the browser’s storage for this site is full';
  return msg || 'storage failed';
}

export type AutosaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saved'; atMs: number; bytes: number }
  | { kind: 'error'; message: string };

/**
 * Writes the session a short while after each change (and at once on
 * flush()). `read` builds the record; an unchanged record is not written
 * again. `onState` hears every state change (errors included: nothing throws).
 */
export class Autosave {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private last = '';
  private writing: Promise<void> = Promise.resolve();
  private enabled = true;

  constructor(
    private readonly store: SessionStore,
    private readonly read: () => SavedSession,
    private readonly onState: (s: AutosaveState) => void,
    private readonly delayMs = AUTOSAVE_DELAY_MS,
    /** Synchronous storage for the journal (the page's localStorage; undefined: none). */
    private readonly journal: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined = safeLocalStorage(),
  ) {}

  /** Stops writing (e.g. storage unavailable, or a test page). */
  disable(): void {
    this.enabled = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** A change happened: write after the delay (one write for a burst of changes). */
  schedule(): void {
    if (!this.enabled || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.write();
    }, this.delayMs);
  }

  /** Writes now if a write is pending (page hidden). */
  flush(): Promise<void> {
    if (this.timer === undefined) return this.writing;
    clearTimeout(this.timer);
    this.timer = undefined;
    return this.write();
  }

  /**
   * The page is going away (pagehide): a change IndexedDB does not hold yet
   * goes to the journal synchronously, then to IndexedDB as far as the page lives. A journal too
   * large for localStorage is skipped (the IndexedDB write may still land).
   */
  flushOnExit(): void {
    if (!this.enabled) return;
    try {
      const text = JSON.stringify(this.read());
      // Unless IndexedDB already holds exactly this (a write may be pending or in flight).
      if (text.replace(/"savedAtMs":\d+,/, '') !== this.last) this.journal?.setItem(JOURNAL_KEY, text);
    } catch {
      // Quota or no storage: only the asynchronous write remains.
    }
    void this.flush();
  }

  /** The newer of the IndexedDB record and the journal (text), for the current session. */
  private async currentText(): Promise<string | undefined> {
    const db = await this.store.get(SESSION_KEY);
    let j: string | null = null;
    try {
      j = this.journal?.getItem(JOURNAL_KEY) ?? null;
    } catch {
      j = null;
    }
    if (j === null) return db;
    if (db === undefined) return j;
    const at = (t: string) => Number(/"savedAtMs":(\d+)/.exec(t)?.[1] ?? Number.NaN);
    return at(j) > at(db) ? j : db;
  }

  /** The record saved under `key`, parsed (undefined: none; a parse failure is reported as a message). */
  async load(key = SESSION_KEY): Promise<{ value?: unknown; message?: string }> {
    let text: string | undefined;
    try {
      text = key === SESSION_KEY ? await this.currentText() : await this.store.get(key);
    } catch (e) {
      return { message: `the autosaved session could not be read (${storageErrorText(e)})` };
    }
    if (text === undefined) return {};
    try {
      return { value: JSON.parse(text) };
    } catch {
      return { message: 'the autosaved session is damaged (not JSON)' };
    }
  }

  /** Keeps the autosaved session as the previous one (a URL's designs replace it); returns whether there was one. */
  async keepAsPrevious(): Promise<boolean> {
    try {
      const text = await this.currentText();
      if (text === undefined) return false;
      await this.store.put(PREVIOUS_KEY, text);
      this.clearJournal();
      return true;
    } catch (e) {
      this.onState({ kind: 'error', message: `the autosaved session could not be kept (${storageErrorText(e)})` });
      return false;
    }
  }

  private clearJournal(): void {
    try {
      this.journal?.removeItem(JOURNAL_KEY);
    } catch {
      // nothing to clear
    }
  }

  private write(): Promise<void> {
    this.writing = this.writing.then(async () => {
      let text: string;
      try {
        text = JSON.stringify(this.read());
      } catch (e) {
        this.onState({ kind: 'error', message: `the session could not be serialised (${e instanceof Error ? e.message : String(e)})` });
        return;
      }
      // The record minus its time stamp decides whether anything changed.
      const body = text.replace(/"savedAtMs":\d+,/, '');
      if (body === this.last) return;
      this.onState({ kind: 'pending' });
      try {
        await this.store.put(SESSION_KEY, text);
        this.clearJournal();
        this.last = body;
        this.onState({ kind: 'saved', atMs: Date.now(), bytes: text.length });
      } catch (e) {
        this.onState({ kind: 'error', message: `${storageErrorText(e)}: the last changes are not autosaved (${(text.length / 1e6).toFixed(1)} MB). Save the designs as a file (Export → All designs).` });
      }
    });
    return this.writing;
  }
}
