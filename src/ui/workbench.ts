/**
 * The design session: several designs, each a full scenario, compared side by
 * side. It owns the design set and its list, the results of every design
 * (cached by input hash: the same inputs give the same outputs), the runs of
 * the non-active designs and of sweeps on the worker pool, the comparison
 * and sweep workspaces, element-set import, files, share links and exports.
 * Control flows down: the session makes a design active (active-design.ts)
 * and drives the design page (app.ts: panel, 3D views, clock, charts, KPIs)
 * frame by frame; it hears of the active design's changes through the
 * signals it subscribed to, and neither of them calls the session.
 */
import type { EarthImagery } from '../view/EarthView';
import * as Comlink from 'comlink';
import { MAX_SATELLITES, parseScenario, type Scenario, type ScenarioIssue } from '../engine/input/scenario';
import { parseUtcMs } from '../engine/core/time';
import type { AnalysisResult, LiveScenarioInfo, RunOptions } from '../../workers/protocol';
import type { ImportApi, ImportSummary } from '../../workers/import-api';
import { ActiveDesign } from './active-design';
import { App, type AppDom, type AppMode } from './app';
import type { AnalysisStatus } from './analysis-client';
import { ComparePanel, type CompareEntry } from './compare';
import { DesignList, type DesignRowInfo, type ExportKind } from './design-list';
import { DesignSet, type Design } from './designs';
import { initialDraft, presetDraft, presetOptions } from './design-presets';
import { cloneJson } from './draft';
import { DEFAULT_MAX_AGE_DAYS, epochWarning, startForEpochs, startUtcOf } from './epochs';
import { classifyFile, download, fileStem, prettyJson } from './files';
import { formatKpi } from './format';
import { inputHash } from '../engine/input/scenario-hash';
import { isLargeRun } from './run-size';
import { ImportDialog, skippedRecords, type ImportSettings } from './import-dialog';
import { Autosave, indexedDbStore, PREVIOUS_KEY, restoreSession, sessionOf, type AutosaveState, type RestoredSession } from './autosave';
import { FailedList } from './failed-satellites';
import type { CameraState } from '../view/SceneView';
import { adoptListMessages, toast } from './toasts';
import type { LiveRemote } from './live-client';
import type { AnalysisPool } from './pool';
import { decodeShare, encodeShare, shareUrl, tokenFromHash, type ShareView } from './share';
import { canvasToPng, composeCharts, composeViews } from './snapshot';
import { SweepPanel } from './sweep-panel';
import { SweepRunner, type SweepSpec, type SweepVary } from './sweep-model';
import { urlNamesDesign, type AppParams } from './url-params';

export interface WorkbenchDom extends AppDom {
  root: HTMLElement;
  designs: HTMLElement;
  compare: HTMLElement;
  sweep: HTMLElement;
  tabs: HTMLElement;
  hash: HTMLElement;
}

export interface WorkbenchDeps {
  pool: AnalysisPool;
  live: LiveRemote;
  /** Spawns the second live worker on first use of the side-by-side view. */
  spawnSideLive: () => LiveRemote;
  importer: Pick<Comlink.Remote<ImportApi>, 'parse'>;
  imagery: EarthImagery;
  /** Input hash of a normalised scenario; default: on this thread (the page passes the import worker's). */
  hash?: (scenario: Scenario) => Promise<string>;
}

const nextTask = () => new Promise<void>((r) => setTimeout(r, 0));

/** The frame loop runs this long after the last input or announced change (ms). */
const WAKE_LINGER_MS = 1000;

/** `p`, or `fallback` after `ms` (browser storage that never answers must not hold the page). */
function withTimeout<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  return Promise.race([p, new Promise<T>((r) => setTimeout(() => r(fallback), ms))]);
}


/** Results kept beyond those of current designs (by input hash), and their memory budget. */
const SPARE_RESULTS = 6;
const SPARE_BYTES = 64 * 1024 * 1024;

/** Rough size of a result's columns (status codes dominate for large runs). */
function resultBytes(r: AnalysisResult): number {
  let n = r.statusCodes.byteLength;
  for (const c of Object.values(r.series)) n += (c as Float64Array).byteLength;
  for (const c of Object.values(r.events)) n += (c as Float64Array).byteLength;
  return n;
}
/** Design-lane runs: status codes for the side view, no per-satellite detail; no events for large runs (≈240 MB a year for 1,000 satellites). */
const designRun = (scenario: Scenario | undefined): RunOptions => ({ statusCodes: true, details: false, events: !isLargeRun(scenario) });

type Mode = AppMode;

export class Workbench {
  readonly designs = new DesignSet();
  readonly active: ActiveDesign;
  readonly app: App;
  private readonly list: DesignList;
  private readonly compare: ComparePanel;
  private readonly sweep: SweepPanel;
  private readonly importer: ImportDialog;
  private readonly runner: SweepRunner;
  private sweepSpec: SweepSpec | undefined;
  private sweepBaseColour = '#4cc2ff';
  private readonly results = new Map<string, AnalysisResult>();
  private readonly failed = new Map<string, string>();
  private readonly inflight = new Map<string, { seq: number; progress: number; started: boolean }>();
  private readonly rowInfo = new Map<number, DesignRowInfo>();
  private activeStatus: AnalysisStatus = { state: 'running', progress: 0 };
  private activeSeq = -1;
  private seqCounter = 0;
  private mode: Mode = 'design';
  private maxAgeDays = DEFAULT_MAX_AGE_DAYS;
  private lastEpochs: { epochMs: Float64Array; startMs: number } | undefined;
  private refreshPending = false;
  private poolPending = false;
  private readonly hash: (scenario: Scenario) => Promise<string>;
  /** Input hash of the active design's runs by seq (results need not be hashed again). */
  private readonly hashBySeq = new Map<number, Promise<string | undefined>>();
  private readonly autosave: Autosave;
  private autosaveKind: AutosaveState['kind'] = 'idle';
  private readonly failedList: FailedList;
  /** A share link's selection, applied once the view has the design's satellites. */
  private pendingSelection: ShareView['selection'];

  constructor(
    private readonly dom: WorkbenchDom,
    private readonly deps: WorkbenchDeps,
    private readonly params: AppParams,
  ) {
    const nextSeq = () => ++this.seqCounter;
    this.hash = deps.hash ?? inputHash;
    this.active = new ActiveDesign(this.designs, deps.pool.primaryRemote(), nextSeq);
    this.app = new App(dom, { active: this.active, live: deps.live, spawnSideLive: deps.spawnSideLive, imagery: deps.imagery }, params);
    this.active.scenarioChanged.on(({ scenario, seq }) => this.onActiveScenario(scenario, seq));
    this.active.invalid.on(() => this.onActiveInvalid());
    this.active.statusChanged.on((st) => this.onActiveStatus(st));
    this.active.resultChanged.on(({ result, fresh }) => {
      if (fresh) this.onActiveResult(result);
      this.failedList.set(result);
    });
    this.active.checked.on(() => this.autosave.schedule());
    this.app.main.liveInfo.on(({ info, scenario, key }) => {
      if (key === this.active.seq) this.onLiveInfo(info, scenario);
    });
    this.list = new DesignList(dom.designs, presetOptions(), {
      onActivate: (id) => this.activate(id),
      onDuplicate: (id) => this.duplicate(id),
      onRename: (id, name) => this.rename(id, name),
      onRemove: (id) => this.remove(id, true),
      onAdd: (preset) => this.addPreset(preset),
      onOpenFiles: (files) => void this.openFiles(files),
      onShare: () => void this.share(),
      onImport: () => this.importer.open(),
      onExport: (kind) => void this.exportFile(kind),
      onCancelRuns: () => this.cancelDesignRuns(),
      onNewSession: () => this.newSession(),
      onStartAtEpoch: () => this.startAtElementEpochs(),
    });
    // The list's load error, element-set age warning and share box show as toasts (never clipped by the panel).
    adoptListMessages(dom.designs);
    this.compare = new ComparePanel(dom.compare, {
      onBaseline: (id) => {
        this.designs.baselineId = id;
        this.refresh();
      },
      onSide: (id) => {
        this.designs.sideId = id;
        this.updateSide();
        this.refresh();
      },
      onSeekElapsed: (ms) => this.app.seekElapsed(ms),
    });
    this.runner = new SweepRunner(deps.pool, nextSeq);
    this.sweep = new SweepPanel(dom.sweep, {
      onRun: (baseId, vary) => void this.runSweep(baseId, vary),
      onBase: (id) => this.activate(id),
      onCancel: () => this.runner.cancel(),
      onOpenPoint: (i) => this.openSweepPoint(i),
      onExportCsv: () => void this.exportFile('sweep-csv'),
      onExportFile: () => void this.exportFile('sweep-file'),
    });
    this.importer = new ImportDialog(document.body, {
      onImport: (text, fileName, settings) => void this.importElements(text, fileName, settings),
      onMaxAge: (days) => {
        this.maxAgeDays = days;
        this.showEpochWarning();
      },
      onStartAtEpoch: () => this.startAtElementEpochs(),
    });
    this.autosave = new Autosave(
      indexedDbStore(),
      () => sessionOf(this.designs, (id) => this.rowInfo.get(id)?.state === 'invalid'),
      (st) => this.showAutosave(st),
    );
    // Pending changes are written at once when the page is hidden or left.
    window.addEventListener('pagehide', () => this.autosave.flushOnExit());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') void this.autosave.flush();
    });
    this.failedList = new FailedList(dom.runInfo.parentElement ?? dom.root, {
      onSelect: (i) => {
        if (this.mode === 'sweep') this.setMode('design');
        this.app.selectSatellite(i);
      },
    });
    deps.pool.onChange = () => this.poolChanged();
    for (const tab of dom.tabs.querySelectorAll<HTMLButtonElement>('[data-mode]')) {
      tab.addEventListener('click', () => this.setMode(tab.dataset.mode as Mode));
    }
    this.setupDrop();
  }

  /**
   * Opens the session: a share link's designs (and its tab, time, selection
   * and camera), else the URL parameters' design (?preset, ?n), else the
   * autosaved session, else the default design. A URL's designs keep the
   * autosaved session they displace as the previous one (a toast offers it
   * back). Starts the page's frame loop.
   */
  async start(locationHash: string): Promise<void> {
    const token = tokenFromHash(locationHash);
    const fromUrl = token !== undefined || urlNamesDesign(this.params);
    let active = 0;
    let view: ShareView = {};
    if (token !== undefined) {
      const r = await decodeShare(token);
      if (r.ok) {
        for (const s of r.value.designs) this.designs.add(s as unknown as Record<string, unknown>, 'custom');
        active = r.value.active;
        this.designs.baselineId = this.designs.designs[r.value.baseline].id;
        view = r.value.view;
      } else {
        this.list.showLoadError(`Share link not loaded: ${r.message}. Showing the default design instead.`);
      }
    }
    if (fromUrl) {
      // Before the first write of this session: the autosaved one becomes the previous one.
      if (await withTimeout(this.autosave.keepAsPrevious(), 3000, false)) {
        toast('Opened the designs of the link. Your autosaved session was kept.', {
          kind: 'info',
          timeoutMs: 15_000,
          action: { label: 'Restore it', run: () => void this.restorePrevious() },
        });
      }
    } else {
      const saved = await withTimeout(this.autosave.load(), 3000, { message: 'reading the autosaved session took too long' });
      if (saved.message) toast(`Autosaved session not restored: ${saved.message}.`, { kind: 'warning' });
      else if (saved.value !== undefined) {
        const r = restoreSession(saved.value);
        if (r.ok) active = this.addRestored(r.value);
        else toast(`Autosaved session not restored: ${r.message}. Showing the default design.`, { kind: 'warning' });
      }
    }
    if (this.designs.size === 0) {
      const { draft, preset } = initialDraft(this.params);
      this.designs.add(draft, preset);
    }
    const a = this.designs.designs[active];
    this.designs.activeId = a.id;
    for (const d of this.designs.designs) if (d !== a && !d.scenario) void this.validate(d);
    this.app.start();
    this.active.load(a);
    this.applyView(view);
    this.refresh();
    this.setupWake();
    this.wake();
  }

  // ---- the session in the browser (autosave, new session, undo) ----

  /** Adds the designs of a restored session (validated); returns the index of its active design. Names what was dropped. */
  private addRestored(r: RestoredSession): number {
    for (const x of r.designs) {
      const d = this.designs.add(x.draft, x.preset, undefined, true);
      d.colour = x.colour;
      void this.hashValid(d, x.scenario);
    }
    this.designs.baselineId = this.designs.designs[r.baseline]?.id ?? -1;
    const reverted = r.designs.filter((x) => x.revertedToLastValid).length;
    const notes: string[] = [];
    if (reverted) notes.push(`${reverted} design${reverted === 1 ? ' was' : 's were'} invalid and went back to the last valid version`);
    if (r.dropped.length) notes.push(`not restored (no longer valid): ${r.dropped.slice(0, 4).join('; ')}${r.dropped.length > 4 ? ` and ${r.dropped.length - 4} more` : ''}`);
    if (notes.length) toast(`Autosaved session restored; ${notes.join('; ')}.`, { kind: 'warning', timeoutMs: 20_000 });
    return r.active;
  }

  /** Replaces every design with those of the autosaved session a URL displaced. */
  private async restorePrevious(): Promise<void> {
    const saved = await this.autosave.load(PREVIOUS_KEY);
    const r = saved.value === undefined ? undefined : restoreSession(saved.value);
    if (!r?.ok) {
      toast(`The previous session could not be restored: ${saved.message ?? (r && !r.ok ? r.message : 'none is saved')}.`, { kind: 'error' });
      return;
    }
    const undo = this.takeDesigns();
    const active = this.addRestored(r.value);
    this.afterReplace(this.designs.designs[active] ?? this.designs.designs[0]);
    toast(`Restored the previous session (${r.value.designs.length} design${r.value.designs.length === 1 ? '' : 's'}).`, {
      kind: 'success',
      timeoutMs: 10_000,
      action: { label: 'Undo', run: () => this.putBack(undo) },
    });
  }

  /** "New session": the default design alone; the designs it replaces can be brought back (Undo). */
  private newSession(): void {
    const undo = this.takeDesigns();
    const { draft, preset } = initialDraft({ ...this.params, preset: undefined, n: undefined });
    this.afterReplace(this.designs.add(draft, preset));
    toast(`New session: ${undo.designs.length} design${undo.designs.length === 1 ? '' : 's'} closed.`, {
      kind: 'info',
      timeoutMs: 15_000,
      action: { label: 'Undo', run: () => this.putBack(undo) },
    });
  }

  /** Empties the design set; returns what it held (for putBack). */
  private takeDesigns(): { designs: Design[]; activeId: number; baselineId: number; sideId: number; results: Map<string, AnalysisResult> } {
    const kept = { activeId: this.designs.activeId, baselineId: this.designs.baselineId, sideId: this.designs.sideId };
    const results = new Map<string, AnalysisResult>();
    for (const d of this.designs.designs) {
      const r = d.hash ? this.results.get(d.hash) : undefined;
      if (r) results.set(d.hash!, r);
    }
    return { designs: this.designs.clear(), results, ...kept };
  }

  /** Puts back designs taken by takeDesigns (undo of a new or restored session), with their results. */
  private putBack(undo: ReturnType<Workbench['takeDesigns']>): void {
    this.designs.clear();
    undo.designs.forEach((d, k) => this.designs.restore(d, k));
    for (const [h, r] of undo.results) if (!this.results.has(h)) this.results.set(h, r);
    this.designs.baselineId = undo.baselineId;
    this.designs.sideId = undo.sideId;
    this.afterReplace(this.designs.byId(undo.activeId) ?? this.designs.designs[0]);
  }

  /** After the design set was replaced: `a` becomes active, the others are validated, everything redrawn. */
  private afterReplace(a: Design): void {
    this.rowInfo.clear();
    this.designs.activeId = a.id;
    if (this.designs.sideId === a.id) this.designs.sideId = -1;
    for (const d of this.designs.designs) if (d !== a && !d.scenario) void this.validate(d);
    this.lastEpochs = undefined;
    this.showEpochWarning();
    this.active.load(a);
    this.trimResults();
    this.updateSide();
    this.refresh();
  }

  private showAutosave(st: AutosaveState): void {
    const was = this.autosaveKind;
    this.autosaveKind = st.kind;
    if (st.kind === 'pending') this.list.setAutosave('pending', 'saving…', 'Saving the designs in this browser');
    else if (st.kind === 'saved') {
      const at = new Date(st.atMs).toISOString().slice(11, 19);
      this.list.setAutosave('saved', 'autosaved', `Every design is saved in this browser (${at} UTC, ${(st.bytes / 1024).toFixed(0)} KB) and restored when the page is opened again. New session starts over.`);
    } else if (st.kind === 'error') {
      this.list.setAutosave('error', 'not autosaved', st.message);
      if (was !== 'error') toast(`Autosave: ${st.message}`, { kind: 'error', key: 'autosave-error' });
    }
  }

  /** A share link's tab, time and camera now (the view holds the camera until it shows the design); its selection once the view has the satellites. */
  private applyView(view: ShareView): void {
    if (view.tab && view.tab !== this.mode) this.setMode(view.tab);
    if (view.timeMs !== undefined) {
      this.app.clock.seek(view.timeMs);
      this.app.clock.pause();
    }
    this.pendingSelection = view.selection;
    // Checked as plain JSON by the link's decoder; the camera rig keeps only finite vectors and known values.
    if (view.camera !== undefined) this.app.main.setCameraState(view.camera as CameraState);
  }

  /** One display frame: the design page, then the comparison charts' cursor. */
  /**
   * One display frame. Frames run while the page is busy (App.tick: playing,
   * the camera moving, a view waiting for data) and for WAKE_LINGER_MS after
   * any input or announced change (wake()); paused and still, none run (idle
   * CPU ≈ 0), nor while the tab is hidden.
   */
  private readonly frame = (now: number): void => {
    this.framePending = false;
    const busy = this.app.tick(now);
    if (this.mode === 'compare') this.compare.setCursorHours(this.app.elapsedHours);
    if (busy || now < this.awakeUntil) this.scheduleFrame();
  };

  private framePending = false;
  private awakeUntil = 0;

  private scheduleFrame(): void {
    if (this.framePending || document.visibilityState === 'hidden') return;
    this.framePending = true;
    requestAnimationFrame(this.frame);
  }

  /** Runs the frame loop (again) for at least WAKE_LINGER_MS. */
  wake(): void {
    this.awakeUntil = performance.now() + WAKE_LINGER_MS;
    this.scheduleFrame();
  }

  /** Input of any kind, and the tab coming back, wake the frame loop. */
  private setupWake(): void {
    this.app.onWake = () => this.wake();
    for (const type of ['pointerdown', 'pointermove', 'pointerup', 'wheel', 'keydown', 'keyup', 'input', 'change', 'click', 'resize', 'focus']) {
      window.addEventListener(type, () => this.wake(), { capture: true, passive: true });
    }
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') this.wake();
    });
  }

  // ---- the active design (its signals) ----

  private onActiveScenario(scenario: Scenario, seq: number): void {
    const d = this.designs.active;
    if (!d) return;
    this.activeSeq = seq;
    this.lastEpochs = undefined;
    this.dom.hash.textContent = '········';
    // Hashed in a task of its own (the scenario is copied to the hashing worker).
    const hashed = nextTask().then(() => (d.scenario === scenario ? this.hash(scenario) : undefined));
    this.hashBySeq.set(seq, hashed);
    while (this.hashBySeq.size > 8) this.hashBySeq.delete(this.hashBySeq.keys().next().value as number);
    void hashed
      .then((h) => {
        if (h === undefined || d.scenario !== scenario) return;
        d.hash = h;
        if (d.id === this.designs.activeId) this.showActiveHash(h);
        const cached = this.results.get(h);
        if (cached && this.activeSeq === seq && d.id === this.designs.activeId) this.active.presentResult(cached, seq);
        this.refresh();
      });
    this.scheduleRefresh();
  }

  private onActiveInvalid(): void {
    const d = this.designs.active;
    if (!d) return;
    this.dom.hash.textContent = 'invalid';
    this.dom.hash.title = 'The active design has invalid inputs (see the panel); the view and results are of its last valid version.';
    this.rowInfo.set(d.id, { state: 'invalid', progress: 0, message: 'fix the fields marked in the panel' });
    this.scheduleRefresh();
  }

  private onActiveStatus(s: AnalysisStatus): void {
    const changed = s.state !== this.activeStatus.state;
    this.activeStatus = s;
    // Progress only repaints the rows; a state change refreshes everything.
    if (changed) this.scheduleRefresh();
    else this.poolChanged();
  }

  private onActiveResult(r: AnalysisResult): void {
    void (this.hashBySeq.get(r.seq) ?? Promise.resolve(undefined)).then(async (known) => {
      const h = known ?? (await this.hash(r.scenario));
      this.results.set(h, r);
      this.failed.delete(h);
      this.trimResults();
      this.refresh();
    });
  }

  private onLiveInfo(info: LiveScenarioInfo, scenario: Scenario): void {
    this.lastEpochs = { epochMs: info.epochMs, startMs: parseUtcMs(scenario.startUtc) };
    this.showEpochWarning();
    const sel = this.pendingSelection;
    if (sel) {
      // A share link's selection: by name when the index names another satellite (the set changed).
      this.pendingSelection = undefined;
      const names = this.app.satelliteNames;
      const i = names[sel.index] === sel.name ? sel.index : names.indexOf(sel.name);
      if (i >= 0) this.app.selectSatellite(i);
      else toast(`The shared selection “${sel.name}” is not in this design.`, { kind: 'warning' });
    }
  }

  /**
   * Starts the active design at its element sets' epoch (the newest, to the
   * minute): SGP4 elements are most accurate near their epoch. For the epoch
   * warning, the import report and the run alerts ('start-at-epoch').
   */
  startAtElementEpochs(): void {
    const d = this.designs.active;
    const epochs = this.lastEpochs?.epochMs;
    const at = epochs ? startForEpochs(epochs) : undefined;
    if (!d || at === undefined) {
      toast('No element-set epochs known for the active design yet.', { kind: 'warning' });
      return;
    }
    const before = typeof d.draft.startUtc === 'string' ? d.draft.startUtc : undefined;
    const startUtc = startUtcOf(at);
    if (before === startUtc) return;
    d.draft = { ...d.draft, startUtc };
    d.preset = 'custom';
    this.lastEpochs = undefined;
    this.showEpochWarning();
    this.importer.showEpochWarning(null);
    this.active.load(d);
    this.refresh();
    toast(`“${d.name}” now starts at ${startUtc.replace('T', ' ').replace('Z', ' UTC')}, its newest element epoch.`, {
      kind: 'success',
      action: before ? { label: 'Undo', run: () => this.setStart(d.id, before) } : undefined,
    });
  }

  private setStart(id: number, startUtc: string): void {
    const d = this.designs.byId(id);
    if (!d) return;
    d.draft = { ...d.draft, startUtc };
    if (id === this.designs.activeId) this.active.load(d);
    else void this.validate(d);
    this.refresh();
  }

  private showEpochWarning(): void {
    const e = this.lastEpochs;
    this.list.showEpochWarning(e ? epochWarning(e.epochMs, e.startMs, this.maxAgeDays) : null);
  }

  private showActiveHash(h: string): void {
    this.dom.hash.textContent = h;
    this.dom.hash.title = `Input hash of the active design: SHA-256 of its normalised scenario (name excluded), first 8 hex digits. The same inputs give the same outputs.`;
  }

  // ---- design list actions ----

  /** Makes design `id` active; returns its problems (empty when valid or already active). */
  private activate(id: number): readonly ScenarioIssue[] {
    const d = this.designs.byId(id);
    if (!d || id === this.designs.activeId) return [];
    this.designs.activeId = id;
    if (this.designs.sideId === id) this.designs.sideId = -1;
    this.lastEpochs = undefined;
    this.showEpochWarning();
    const issues = this.active.load(d);
    this.updateSide();
    this.list.render(this.designs, new Map(this.designs.designs.map((x) => [x.id, this.rowState(x)])));
    this.scheduleRefresh();
    return issues;
  }

  private duplicate(id: number): void {
    const src = this.designs.byId(id);
    if (!src) return;
    const d = this.designs.duplicate(id);
    if (d) this.activate(d.id);
  }

  private rename(id: number, name: string) {
    const r = this.designs.rename(id, name);
    if (r.ok) {
      if (id === this.designs.activeId) this.active.rename(r.name);
      this.updateSide();
      this.refresh();
    }
    return r;
  }

  /** Removes design `id`; `undoable`: a toast offers it back, at its place, with its roles and its result. */
  private remove(id: number, undoable = false): void {
    const d = this.designs.byId(id);
    if (!d) return;
    const index = this.designs.indexOf(id);
    const roles = { active: id === this.designs.activeId, baseline: id === this.designs.baselineId, side: id === this.designs.sideId };
    const result = d.hash ? this.results.get(d.hash) : undefined;
    const wasActive = roles.active;
    if (!this.designs.remove(id)) return;
    this.rowInfo.delete(id);
    this.trimResults();
    if (wasActive) this.active.load(this.designs.active!);
    this.updateSide();
    this.refresh();
    if (undoable) {
      toast(`Removed “${d.name}”.`, {
        kind: 'info',
        timeoutMs: 12_000,
        action: { label: 'Undo', run: () => this.undoRemove(d, index, roles, result) },
      });
    }
  }

  private undoRemove(d: Design, index: number, roles: { active: boolean; baseline: boolean; side: boolean }, result: AnalysisResult | undefined): void {
    if (this.designs.byId(d.id)) return;
    this.designs.restore(d, index);
    if (result && d.hash && !this.results.has(d.hash)) this.results.set(d.hash, result);
    if (roles.baseline) this.designs.baselineId = d.id;
    if (roles.side && !roles.active) this.designs.sideId = d.id;
    if (roles.active) this.activate(d.id);
    else {
      if (!d.scenario) void this.validate(d);
      this.updateSide();
      this.refresh();
    }
  }

  private addPreset(preset: string): void {
    const draft = presetDraft(preset);
    if (!draft) return;
    const d = this.designs.add(draft, preset);
    this.activate(d.id);
  }

  /** Adds scenarios as designs; the first (or `activeIndex`) becomes active. */
  private addScenarios(scenarios: readonly Scenario[], activeIndex = 0, baselineIndex?: number): Design[] {
    const added = scenarios.map((s) => this.designs.add(cloneJson(s) as unknown as Record<string, unknown>, 'custom', undefined, true));
    for (const d of added) void this.validate(d);
    if (baselineIndex !== undefined && added[baselineIndex]) this.designs.baselineId = added[baselineIndex].id;
    const a = added[activeIndex] ?? added[0];
    if (a) this.activate(a.id);
    return added;
  }

  /** Validates a non-active design's draft and hashes it; then its run is queued if needed. */
  private async validate(d: Design): Promise<void> {
    const r = parseScenario(d.draft);
    if (!r.ok) {
      d.scenario = undefined;
      d.hash = undefined;
      this.rowInfo.set(d.id, { state: 'invalid', progress: 0, message: r.issues.map((i) => `${i.path}: ${i.message}`).join('; ') });
      this.scheduleRefresh();
      return;
    }
    await this.hashValid(d, r.scenario);
  }

  /** Takes `scenario` as design `d`'s valid scenario and hashes it; then its run is queued if needed. */
  private async hashValid(d: Design, scenario: Scenario): Promise<void> {
    d.scenario = scenario;
    const h = await this.hash(scenario);
    if (d.scenario !== scenario) return;
    d.hash = h;
    this.refresh();
  }

  // ---- runs of the other designs ----

  /** Queues runs for designs without a result; cancels runs nobody needs any more. */
  private refreshRuns(): void {
    const needed = new Map<string, Design>();
    const activeHash = this.designs.active?.hash;
    for (const d of this.designs.designs) {
      if (d.id === this.designs.activeId || !d.hash || !d.scenario) continue;
      if (this.results.has(d.hash) || this.failed.has(d.hash) || d.hash === activeHash) continue;
      needed.set(d.hash, d);
    }
    for (const [h, job] of this.inflight) {
      if (!needed.has(h)) {
        this.inflight.delete(h);
        this.deps.pool.cancel(job.seq);
      }
    }
    for (const [h, d] of needed) {
      if (this.inflight.has(h)) continue;
      const seq = ++this.seqCounter;
      const job = { seq, progress: 0, started: false };
      this.inflight.set(h, job);
      void this.deps.pool
        .run(d.scenario, seq, 'design', designRun(d.scenario), (f) => {
          job.progress = f;
          job.started = true;
          this.poolChanged();
        })
        .then((o) => {
          if (this.inflight.get(h) === job) this.inflight.delete(h);
          if (o.kind === 'done') {
            this.results.set(h, o.result);
            this.trimResults();
          } else if (o.kind === 'invalid') this.failed.set(h, o.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
          else if (o.kind === 'error') this.failed.set(h, o.message);
          this.refresh();
        });
    }
  }

  private cancelDesignRuns(): void {
    for (const [h, job] of this.inflight) {
      this.failed.set(h, 'cancelled; show the design to run it again');
      this.deps.pool.cancel(job.seq);
    }
    this.inflight.clear();
    this.refresh();
  }

  /** Drops the oldest results no design uses beyond SPARE_RESULTS or SPARE_BYTES. */
  private trimResults(): void {
    const used = new Set(this.designs.designs.map((d) => d.hash).filter((h): h is string => !!h));
    const spare = [...this.results.keys()].filter((h) => !used.has(h));
    let bytes = spare.reduce((a, h) => a + resultBytes(this.results.get(h)!), 0);
    while (spare.length > SPARE_RESULTS || (spare.length > 0 && bytes > SPARE_BYTES)) {
      const h = spare.shift()!;
      bytes -= resultBytes(this.results.get(h)!);
      this.results.delete(h);
    }
  }

  // ---- views of the session ----

  private rowState(d: Design): DesignRowInfo {
    const isActive = d.id === this.designs.activeId;
    const prev = this.rowInfo.get(d.id);
    if (prev?.state === 'invalid' && !d.scenario) return prev;
    if (isActive && prev?.state === 'invalid' && this.activeStatus.state !== 'running') return prev;
    const r = d.hash ? this.results.get(d.hash) : undefined;
    if (r) return { state: 'done', progress: 1, headline: `${formatKpi('meanUsableComputePflops', r.kpis.meanUsableComputePflops).text} usable` };
    if (isActive) {
      const s = this.activeStatus;
      if (s.state === 'error') return { state: 'error', progress: 0, message: s.message };
      return { state: 'running', progress: s.state === 'running' ? s.progress : 0 };
    }
    if (d.hash && this.failed.has(d.hash)) return { state: 'error', progress: 0, message: this.failed.get(d.hash) };
    const job = d.hash ? this.inflight.get(d.hash) : undefined;
    if (job) return job.started ? { state: 'running', progress: job.progress } : { state: 'pending', progress: 0 };
    return { state: d.scenario ? 'pending' : 'invalid', progress: 0 };
  }

  /** A refresh in a task of its own (coalesced). */
  private scheduleRefresh(): void {
    if (this.refreshPending) return;
    this.refreshPending = true;
    setTimeout(() => {
      this.refreshPending = false;
      this.refresh();
    }, 0);
  }

  /** Redraws the list, the comparison and the sweep's design choice; queues missing runs. */
  private refresh(): void {
    this.autosave.schedule();
    this.refreshRuns();
    const info = new Map<number, DesignRowInfo>();
    for (const d of this.designs.designs) {
      const r = this.rowState(d);
      info.set(d.id, r);
      if (r.state !== 'invalid') this.rowInfo.delete(d.id);
      else this.rowInfo.set(d.id, r);
    }
    this.list.render(this.designs, info);
    const entries: CompareEntry[] = this.designs.designs.map((d) => ({
      id: d.id,
      name: d.name,
      colour: d.colour,
      hash: d.hash,
      state: info.get(d.id)!.state,
      result: d.hash ? this.results.get(d.hash) : undefined,
    }));
    this.compare.update(entries, this.designs.baseline?.id ?? -1, this.designs.sideId, this.designs.activeId);
    this.sweep.setBases(
      this.designs.designs.map((d) => ({ id: d.id, name: d.name, colour: d.colour, scenario: d.scenario })),
      this.designs.activeId,
    );
    const a = this.designs.active;
    if (a) this.app.setViewColours(a.colour, this.designs.byId(this.designs.sideId)?.colour ?? '#ff9e3d');
    this.updateSide();
    this.poolChanged();
  }

  private sideResult(): AnalysisResult | undefined {
    const d = this.designs.byId(this.designs.sideId);
    return d?.hash ? this.results.get(d.hash) : undefined;
  }

  private poolChanged(): void {
    if (this.poolPending) return;
    this.poolPending = true;
    requestAnimationFrame(() => {
      this.poolPending = false;
      const pool = this.deps.pool;
      const ds = pool.stats('design');
      const busy = ds.running + ds.queued;
      const text = busy > 0 ? `${ds.running} running · ${ds.queued} queued` : `${pool.size} worker${pool.size === 1 ? '' : 's'}`;
      this.list.setPool(text, ds.progress, busy > 0);
      const ss = pool.stats('sweep');
      this.sweep.setProgress(ss);
      if (this.runner.running && this.runner.points.length) {
        const done = this.runner.points.filter((p) => p.state === 'done').length;
        this.sweep.setState('running', `${done} of ${this.runner.points.length} designs done · ${ss.running} running on ${pool.size} worker${pool.size === 1 ? '' : 's'}`);
      }
      // Row progress of running designs.
      if (busy > 0 || this.activeStatus.state === 'running') this.list.render(this.designs, new Map(this.designs.designs.map((d) => [d.id, this.rowState(d)])));
    });
  }

  setMode(mode: Mode): void {
    this.mode = mode;
    const root = this.dom.root;
    root.classList.remove('mode-design', 'mode-compare', 'mode-sweep');
    root.classList.add(`mode-${mode}`);
    for (const tab of this.dom.tabs.querySelectorAll<HTMLElement>('[data-mode]')) tab.setAttribute('aria-selected', String(tab.dataset.mode === mode));
    this.compare.setVisible(mode === 'compare');
    this.sweep.setVisible(mode === 'sweep');
    this.app.setMode(mode);
    this.updateSide();
  }

  /** Shows the comparison's side design beside the active one (compare mode), or the active one alone. */
  private updateSide(): void {
    const d = this.designs.byId(this.designs.sideId);
    const a = this.designs.active;
    const on = this.mode === 'compare' && !!d && !!d.scenario && d.id !== this.designs.activeId;
    this.dom.sideView.hidden = !on;
    this.dom.root.classList.toggle('side-by-side', on);
    if (!on || !d || !d.scenario) {
      this.app.showSide(null);
      return;
    }
    this.app.showSide(
      { scenario: d.scenario, key: `${d.id}:${d.hash ?? ''}`, name: d.name, colour: d.colour, result: this.sideResult() },
      a ? { name: a.name, colour: a.colour } : undefined,
    );
  }

  // ---- files ----

  private async openFiles(files: File[]): Promise<void> {
    this.list.showLoadError(null);
    const problems: string[] = [];
    for (const f of files) {
      // A results CSV dropped on the Sweep tab opens in its views.
      if (this.mode === 'sweep' && /\.csv$/i.test(f.name)) {
        await this.sweep.openCsv(f);
        continue;
      }
      const text = await f.text();
      const c = classifyFile(text, f.name);
      if (c.kind === 'invalid') problems.push(c.message);
      else if (c.kind === 'scenarios') this.addScenarios(c.scenarios, c.active ?? 0, c.baseline);
      else if (c.kind === 'elements') {
        this.importer.open();
        await this.importElements(text, f.name, this.importer.settings());
      } else if (c.kind === 'sweep') this.loadSweepFile(c.value, f.name, problems);
    }
    if (problems.length) this.list.showLoadError(problems.join('\n'));
  }

  private loadSweepFile(value: { base: unknown; vary: unknown }, fileName: string, problems: string[]): void {
    const base = parseScenario(value.base);
    if (!base.ok) {
      problems.push(`${fileName}: base: ${base.issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join('; ')}`);
      return;
    }
    const vary = Array.isArray(value.vary) ? value.vary : [];
    const ok = vary.length >= 1 && vary.length <= 2 && vary.every((v) => v && typeof v.field === 'string' && Array.isArray(v.values) && v.values.every((x: unknown) => typeof x === 'number'));
    if (!ok) {
      problems.push(`${fileName}: vary must list one or two fields with numeric values (the app sweeps numbers)`);
      return;
    }
    const [d] = this.addScenarios([base.scenario]);
    this.setMode('sweep');
    this.refresh();
    this.sweep.loadSpec(d.id, vary as SweepVary[]);
  }

  private setupDrop(): void {
    const root = document.body;
    let depth = 0;
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    root.addEventListener('dragenter', (e) => {
      if (!hasFiles(e)) return;
      depth++;
      root.classList.add('dropping');
    });
    root.addEventListener('dragleave', () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) root.classList.remove('dropping');
    });
    root.addEventListener('dragover', (e) => {
      if (hasFiles(e)) e.preventDefault();
    });
    root.addEventListener('drop', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      root.classList.remove('dropping');
      const files = [...(e.dataTransfer?.files ?? [])];
      if (files.length) void this.openFiles(files);
    });
  }

  // ---- element-set import ----

  private async importElements(text: string, fileName: string | undefined, settings: ImportSettings): Promise<void> {
    this.maxAgeDays = settings.maxAgeDays;
    this.importer.setBusy(0);
    let summary: ImportSummary;
    try {
      const o = await this.deps.importer.parse(
        text,
        'auto',
        Comlink.proxy((f: number) => this.importer.setBusy(f)),
      );
      if (o.kind === 'error') {
        this.importer.setBusy(null);
        this.importer.showError(o.message);
        return;
      }
      summary = o.summary;
    } catch (e) {
      this.importer.setBusy(null);
      this.importer.showError(`import failed: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    this.importer.setBusy(null);
    // Records, not problems: a record with two problems is one skipped record.
    const total = summary.count + skippedRecords(summary.errors, summary.count, summary.format === 'tle' ? text : undefined);
    if (summary.count === 0) {
      this.importer.showReport({ loaded: 0, total, errors: summary.errors, note: 'No element set loaded; nothing was added.' });
      return;
    }
    const a = this.designs.active?.scenario;
    let startAt: number | undefined;
    if (settings.startMode === 'newest') startAt = startForEpochs(summary.epochMs);
    else if (settings.startMode === 'active' && a) startAt = parseUtcMs(a.startUtc);
    const startUtc = settings.startMode === 'custom' ? settings.startUtc : startUtcOf(startAt ?? Date.now());
    const name = settings.name || (fileName ? fileName.replace(/\.[^.]+$/, '') : `Imported ${summary.format.toUpperCase()}`);
    const draft: Record<string, unknown> = {
      name,
      startUtc,
      durationHours: settings.durationHours,
      stepSeconds: settings.stepSeconds,
      constellation: summary.format === 'tle' ? { type: 'tle', text } : { type: 'omm', records: summary.records },
    };
    if (a) {
      draft.node = a.node;
      draft.groundStations = a.groundStations;
      draft.interSatelliteLinks = a.interSatelliteLinks;
      draft.environment = a.environment;
    }
    if (summary.count > MAX_SATELLITES) {
      this.importer.showError(`${summary.count.toLocaleString('en-US')} element sets exceed the limit of ${MAX_SATELLITES.toLocaleString('en-US')} satellites per design.`);
      return;
    }
    // Validated as it will run, element sets included, when it becomes active (the one page-side parse of its text).
    const previous = this.designs.activeId;
    const d = this.designs.add(draft, 'custom', undefined, true);
    await nextTask();
    const issues = this.activate(d.id);
    if (!d.scenario) {
      this.remove(d.id);
      this.activate(previous);
      this.importer.showError(`The imported design is invalid: ${issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join('; ')}`);
      return;
    }
    const startMs = parseUtcMs(d.scenario.startUtc);
    this.lastEpochs = { epochMs: summary.epochMs, startMs };
    this.showEpochWarning();
    const warn = epochWarning(summary.epochMs, startMs, settings.maxAgeDays);
    this.importer.showReport({ loaded: summary.count, total, errors: summary.errors, designName: d.name, warning: warn });
  }

  // ---- share links ----

  private async share(): Promise<void> {
    const ds = this.designs.designs;
    const valid = ds.filter((d) => d.scenario);
    const skipped = ds.length - valid.length;
    const idx = (id: number) => Math.max(0, valid.findIndex((d) => d.id === id));
    const sel = this.app.selectedIndex;
    const view: ShareView = {
      tab: this.mode,
      timeMs: this.app.clock.timeMs,
      ...(sel >= 0 && this.app.satelliteNames[sel] !== undefined ? { selection: { index: sel, name: this.app.satelliteNames[sel] } } : {}),
      camera: this.app.main.cameraState(),
    };
    const r = await encodeShare(
      valid.map((d) => d.scenario!),
      idx(this.designs.activeId),
      idx(this.designs.baseline?.id ?? -1),
      view,
    );
    if (!r.ok) {
      this.list.showShare(null, `Cannot share as a link: ${r.message}`, true);
      return;
    }
    const url = shareUrl(location.href, r.value);
    history.replaceState(null, '', url);
    this.list.showShare(
      url,
      `Restores ${valid.length} design${valid.length === 1 ? '' : 's'} exactly, with the ${this.mode} tab, the sim time${view.selection ? ', the selected satellite' : ''}${view.camera !== undefined ? ' and the camera' : ''} (${(r.value.length / 1024).toFixed(1)} KB)${skipped ? `; ${skipped} invalid design${skipped === 1 ? '' : 's'} left out` : ''}.`,
    );
  }

  // ---- sweeps ----

  private async runSweep(baseId: number, vary: SweepVary[]): Promise<void> {
    const b = this.designs.byId(baseId);
    if (!b?.scenario) return;
    const spec: SweepSpec = { base: b.scenario, vary };
    this.sweepSpec = spec;
    this.sweepBaseColour = b.colour;
    this.sweep.setMessage(null);
    const n = vary.reduce((a, v) => a * v.values.length, 1);
    this.sweep.setState('planning', `Checking ${n} designs…`);
    await this.runner.start(spec, {
      onPlanned: (points) => {
        this.sweep.setPlan(vary, points, this.sweepBaseColour);
        this.sweep.setState('running', `0 of ${points.length} designs done`);
      },
      onPoint: () => this.sweep.pointsChanged(),
      onDone: (o) => {
        const pts = this.runner.points;
        const done = pts.filter((p) => p.state === 'done').length;
        const errs = pts.filter((p) => p.state === 'error');
        this.sweep.pointsChanged();
        if (o.kind === 'invalid') {
          this.sweep.setState('invalid', 'The sweep has invalid designs (nothing ran).');
          this.sweep.setMessage(o.message.replace(/^Error: /, '').split('\n').slice(0, 6).join('\n'));
        } else if (o.kind === 'cancelled') this.sweep.setState('cancelled', `Cancelled: ${done} of ${pts.length} designs done.`);
        else {
          this.sweep.setState('done', `Done: ${done} of ${pts.length} designs${errs.length ? `, ${errs.length} failed` : ''}.`);
          if (errs.length) this.sweep.setMessage(errs.slice(0, 4).map((p) => `${p.values.join(', ')}: ${p.message}`).join('\n'));
        }
      },
    });
  }

  private openSweepPoint(index: number): void {
    const p = this.runner.points[index];
    const spec = this.sweepSpec;
    if (!p || !spec) return;
    const label = spec.vary.map((v, k) => `${v.field.split('.').pop()!.replace(/\[\d+\]/, '')}=${p.values[k]}`).join(', ');
    const scenario = { ...p.scenario, name: `${spec.base.name} · ${label}` };
    this.addScenarios([scenario]);
    this.setMode('compare');
  }

  // ---- exports ----

  private notice(text: string): void {
    toast(text, { kind: 'error' });
  }

  private caption(): string {
    const a = this.designs.active;
    const side = this.designs.byId(this.designs.sideId);
    const names = [a, this.mode === 'compare' ? side : undefined].filter((d): d is Design => !!d).map((d) => `${d.name} #${d.hash ?? '?'}`);
    return `Orbital Compute Simulator · ${names.join(' | ')} · ${new Date(this.app.clock.timeMs).toISOString()}`;
  }

  private async exportFile(kind: ExportKind): Promise<void> {
    const a = this.designs.active;
    const stem = fileStem(a?.name ?? 'scenario');
    try {
      switch (kind) {
        case 'series-csv':
        case 'result-json': {
          const s = this.active.scenario;
          if (!s) return this.notice('The active design is invalid: nothing to export.');
          const o = await this.deps.pool.exportRun(s, kind);
          if (o.kind !== 'done') return this.notice(`Export failed: ${o.kind === 'invalid' ? o.issues.map((i) => i.message).join('; ') : o.message}`);
          download(o.blob, kind === 'series-csv' ? `${stem}-series.csv` : `${stem}-result.json`);
          return;
        }
        case 'passes-csv':
        case 'eclipses-csv':
        case 'contacts-csv':
        case 'oem-all':
        case 'oem-selected':
        case 'stk-selected': {
          // The CLI's --passes-csv … --oem / --stk bytes (docs/reference/export-formats.md).
          const s = this.active.scenario;
          if (!s) return this.notice('The active design is invalid: nothing to export.');
          const sel = this.app.selectedIndex;
          if (kind.endsWith('-selected') && sel < 0) return this.notice('Select a satellite first (click it in the 3D view or find it by name).');
          const format = kind === 'oem-all' ? { kind: 'oem' as const, satellites: 'all' as const } : kind === 'oem-selected' || kind === 'stk-selected' ? { kind: kind === 'oem-selected' ? ('oem' as const) : ('stk-e' as const), satellites: [sel] } : kind;
          const o = await this.deps.pool.exportRun(s, format);
          if (o.kind !== 'done') return this.notice(`Export failed: ${o.kind === 'invalid' ? o.issues.map((i) => i.message).join('; ') : o.message}`);
          const name = kind === 'oem-all' ? `${stem}.oem` : kind === 'oem-selected' ? `${stem}-sat${sel}.oem` : kind === 'stk-selected' ? `${stem}-sat${sel}.e` : `${stem}-${kind.replace(/-csv$/, '')}.csv`;
          download(o.blob, name);
          return;
        }
        case 'design-set': {
          const valid = this.designs.designs.filter((d) => d.scenario);
          const idx = (id: number) => Math.max(0, valid.findIndex((d) => d.id === id));
          download(prettyJson({ designs: valid.map((d) => d.scenario), active: idx(this.designs.activeId), baseline: idx(this.designs.baseline?.id ?? -1) }), 'designs.json', 'application/json');
          return;
        }
        case 'view-png': {
          if (this.mode === 'sweep') this.setMode('design');
          const png = await canvasToPng(composeViews(this.app.captureViews(), this.caption()));
          download(png, `${stem}-view.png`);
          return;
        }
        case 'charts-png': {
          const charts = this.mode === 'compare' ? this.compare.snapshot() : this.mode === 'sweep' ? this.sweep.snapshot() : this.app.chartImages();
          const png = await canvasToPng(composeCharts(charts, this.caption()));
          download(png, `${stem}-${this.mode === 'design' ? 'charts' : this.mode}.png`);
          return;
        }
        case 'sweep-csv':
          if (!this.runner.points.some((p) => p.state === 'done')) return this.notice('No sweep results yet: run a sweep first.');
          download(this.runner.csv(), 'sweep-results.csv', 'text/csv');
          return;
        case 'sweep-file': {
          // The sweep set up in the tab (not necessarily run here): for npm run sim -- sweep on a cluster.
          const sf = this.sweep.sweepFile();
          if (!sf.ok) return this.notice(`No sweep to export: ${sf.problem}.`);
          download(prettyJson(sf.file), 'sweep.json', 'application/json');
          return;
        }
      }
    } catch (e) {
      this.notice(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
