/**
 * The active design: the one the parameter panel edits and the main view
 * shows. It validates the draft (the scenario schema, plus a name no other
 * design has), keeps the design's draft, name and last valid scenario in the
 * design set, runs the analysis of each valid scenario under a new sequence
 * number, and reports every change through its signals. It knows nothing of
 * the panels that show it or of the session that holds the other designs.
 *
 * Live edits (editLive: a node slider being dragged, live-tuning.ts) run at
 * once, one at a time (AnalysisClient.scheduleLive); results of earlier
 * slider values that finish while newer ones wait are shown as intermediate,
 * never one older than a result already shown. Live runs are previews (the
 * run window only: the lifetime, mass and cost analysis is skipped and its
 * KPIs carried from the last full run); the edit that ends the drag (the
 * slider's release) runs the final value in full.
 */
import { parseScenario, type Scenario, type ScenarioIssue } from '../engine/input/scenario';
import type { AnalysisResult, SatelliteDetailColumns } from '../../workers/protocol';
import { AnalysisClient, type AnalysisCounters, type AnalysisRemote, type AnalysisStatus } from './analysis-client';
import type { Design, DesignSet } from './designs';
import { liveTuningAllowed } from './live-tuning';
import { Signal } from './signal';

/** Element-set designs whose text or records take several MB to copy to a worker. */
export function isLargeScenario(s: Scenario): boolean {
  const c = s.constellation;
  return (c.type === 'tle' && c.text.length > 500_000) || (c.type === 'omm' && c.records.length > 3000);
}

export interface ActiveScenario {
  scenario: Scenario;
  /** Sequence number of its analysis (results carry it). */
  seq: number;
}

export interface ActiveResult {
  result: AnalysisResult;
  /** False when the result is an earlier run's of the same inputs (from the session's cache). */
  fresh: boolean;
  /** A live run's result for a slider value already left (a newer one is being analysed). */
  intermediate?: boolean;
}

export class ActiveDesign {
  /** Another design became active: its draft (edited in place from now on) and preset. */
  readonly loaded = new Signal<{ draft: Record<string, unknown>; preset: string }>();
  /** The draft was checked: its problems (empty when valid). */
  readonly checked = new Signal<readonly ScenarioIssue[]>();
  /** A valid scenario is now being analysed. */
  readonly scenarioChanged = new Signal<ActiveScenario>();
  /** The draft is invalid; the last valid scenario, its run and its view stay. */
  readonly invalid = new Signal<Record<string, unknown>>();
  readonly statusChanged = new Signal<AnalysisStatus>();
  readonly resultChanged = new Signal<ActiveResult>();
  readonly renamed = new Signal<string>();

  private readonly analysis: AnalysisClient;
  private seqValue = -1;
  private scenarioValue: Scenario | undefined;
  private resultValue: AnalysisResult | undefined;
  /** Seq of the newest result shown (an older one never replaces it). */
  private shownSeq = -1;

  constructor(
    private readonly designs: DesignSet,
    analysis: AnalysisRemote,
    private readonly nextSeq: () => number,
  ) {
    this.analysis = new AnalysisClient(analysis, {
      onStatus: (s) => this.statusChanged.emit(s),
      onResult: (r, intermediate) => this.present(r, true, intermediate === true),
    });
  }

  /** What the analysis client did (diagnostics: runs started, cancelled, results shown…). */
  get analysisCounters(): AnalysisCounters {
    return this.analysis.counters;
  }

  get seq(): number {
    return this.seqValue;
  }

  /** The last valid scenario (undefined before the first). */
  get scenario(): Scenario | undefined {
    return this.scenarioValue;
  }

  get result(): AnalysisResult | undefined {
    return this.resultValue;
  }

  /** Makes design `d` (already the design set's active one) active: shows its draft and analyses it at once; returns its problems. */
  load(d: Design): readonly ScenarioIssue[] {
    this.loaded.emit({ draft: d.draft, preset: d.preset });
    return this.edit(d.draft, true);
  }

  /** A problem with `name` as the active design's name (another design has it…), or undefined. */
  nameProblem(name: unknown): string | undefined {
    if (typeof name !== 'string') return undefined; // the schema reports it
    const c = this.designs.checkName(name, this.designs.activeId);
    return c.ok ? undefined : c.message;
  }

  /**
   * The draft changed (`immediate`: analyse now, else after the analysis
   * debounce). `localIssues`: problems the form found before validation
   * (text that is not a number…); the draft counts as invalid with them.
   * Returns the draft's problems (empty when it is valid).
   */
  edit(draft: Record<string, unknown>, immediate: boolean, localIssues: readonly ScenarioIssue[] = []): readonly ScenarioIssue[] {
    return this.apply(draft, immediate ? 'immediate' : 'debounced', localIssues);
  }

  /**
   * The draft changed while a slider is dragged: analysed at once, one run
   * at a time, the newest value waiting (AnalysisClient.scheduleLive).
   * Designs too large for that (live-tuning.ts liveTuningAllowed) take the
   * ordinary debounced edit.
   */
  editLive(draft: Record<string, unknown>, localIssues: readonly ScenarioIssue[] = []): readonly ScenarioIssue[] {
    return this.apply(draft, 'live', localIssues);
  }

  private apply(draft: Record<string, unknown>, mode: 'immediate' | 'debounced' | 'live', localIssues: readonly ScenarioIssue[]): readonly ScenarioIssue[] {
    const d = this.designs.active;
    if (d) d.draft = draft;
    const r = parseScenario(draft);
    const issues: ScenarioIssue[] = r.ok ? [] : r.issues.slice();
    const nameIssue = this.nameProblem(draft.name);
    if (nameIssue) issues.push({ path: 'name', message: nameIssue });
    this.checked.emit(issues);
    if (!r.ok || localIssues.length > 0 || nameIssue) {
      this.invalid.emit(draft);
      return issues.length > 0 ? issues : localIssues;
    }
    const scenario = r.scenario;
    const live = mode === 'live' && liveTuningAllowed(scenario);
    const seq = this.nextSeq();
    this.seqValue = seq;
    this.scenarioValue = scenario;
    if (d) {
      d.name = scenario.name;
      d.scenario = scenario;
      d.hash = undefined;
    }
    if (live) this.analysis.scheduleLive(scenario, seq);
    else if (mode === 'immediate' && isLargeScenario(scenario)) {
      // Multi-MB element sets: the copy to the worker pool gets a task of its own.
      setTimeout(() => {
        if (seq === this.seqValue) this.analysis.schedule(scenario, seq, true);
      }, 0);
    } else this.analysis.schedule(scenario, seq, mode === 'immediate');
    this.scenarioChanged.emit({ scenario, seq });
    return issues;
  }

  /** The design was renamed (the name changes no output: no new run). */
  rename(name: string): void {
    if (this.scenarioValue) this.scenarioValue = { ...this.scenarioValue, name };
    this.renamed.emit(name);
  }

  /** Shows a result computed earlier for the same inputs as the current scenario `seq`. */
  presentResult(r: AnalysisResult, seq: number): void {
    if (seq === this.seqValue) this.present({ ...r, seq }, false);
  }

  /** Per-step detail of satellite `index` of run `seq`; `progress` (0…1) while a large run is re-run for it. */
  detail(seq: number, index: number, progress?: (fraction: number) => void): Promise<SatelliteDetailColumns | null> {
    return this.analysis.detail(seq, index, progress);
  }

  dispose(): void {
    this.analysis.dispose();
  }

  private present(r: AnalysisResult, fresh: boolean, intermediate = false): void {
    if (intermediate ? r.seq <= this.shownSeq || r.seq >= this.seqValue : r.seq !== this.seqValue) return;
    this.shownSeq = r.seq;
    this.resultValue = r;
    this.resultChanged.emit({ result: r, fresh, intermediate });
  }
}
