/**
 * Live tuning (issue 15): a slider beside each number box of the fields that
 * change only the node model (array, battery, radiator, compute, storage,
 * mass, lifetime and cost figures), synced both ways with its box. Dragging
 * re-analyses continuously (ActiveDesign.editLive → AnalysisClient
 * scheduleLive): the worker replays cached geometry for such edits, so a run
 * takes about a second for the default 80 satellites. Releasing the slider is
 * an ordinary edit of its final value.
 *
 * Which fields: number fields under node., mass., lifetime. and economics.,
 * and the accelerators' shielding — none moves a satellite while the orbit is
 * held (mass.stationKeeping, the default; without it the node's mass and drag
 * area set its B* and such a run recomputes the orbits). Not: optional fields
 * (empty means "from the model", which a slider cannot show) and the sampled
 * days of the lifetime analysis (they set how many runs it makes).
 *
 * Range: the schema's bounds (fields.ts schemaFacts) where they are within
 * ten times the field's scale (its default, or its value), else 0 … 4 × the
 * scale (… 0 for a negative default); an exclusive bound starts one step in.
 * Step: the field's own step when it gives 50–500 positions, else a 1-2-5
 * step giving about 200; the steps run through the field's value (so the
 * slider shows it exactly), or else through 0.
 *
 * Size: designs above LIVE_MAX_SATELLITES satellites or LIVE_MAX_SATELLITE_STEPS
 * satellites × steps fall back to the ordinary debounced edit while dragging
 * (a replay of 1,000 satellites × 1 day at 60 s with the lifetime analysis
 * takes ≈ 3–4 s on a 2-core machine; measured with workers/analysis-api.ts).
 */
import type { Scenario } from '../engine/input/scenario';
import { stepCount } from '../engine/orbit/run-grid';
import { el } from './dom';
import { schemaFacts, type FieldSpec } from './fields';
import { estimateSatellites } from './run-size';
import type { AnalysisCounters } from './analysis-client';
import './live-tuning.css';

/** Designs up to this many satellites re-analyse while a slider is dragged (issue 15's figure). */
export const LIVE_MAX_SATELLITES = 1000;
/** …and up to this many satellites × steps (1,000 satellites × 1 day at 60 s = 1.44 M, with a margin). */
export const LIVE_MAX_SATELLITE_STEPS = 1_500_000;

/** Whether dragging a slider of `scenario` re-analyses continuously (else: debounced edits). */
export function liveTuningAllowed(scenario: Scenario): boolean {
  const n = estimateSatellites(scenario);
  return n > 0 && n <= LIVE_MAX_SATELLITES && n * stepCount(scenario) <= LIVE_MAX_SATELLITE_STEPS;
}

const SLIDABLE_PREFIXES = ['node.', 'mass.', 'lifetime.', 'economics.'];
const SLIDABLE_EXTRA = new Set(['environment.shieldingMmAl']);
const NOT_SLIDABLE = new Set(['lifetime.sampleDays']);

/** Whether field `f` gets a slider (see the header). */
export function isSlidable(f: FieldSpec): boolean {
  if (f.kind !== 'number' && f.kind !== 'int') return false;
  if (f.optional || NOT_SLIDABLE.has(f.path)) return false;
  return SLIDABLE_EXTRA.has(f.path) || SLIDABLE_PREFIXES.some((p) => f.path.startsWith(p));
}

export interface SliderRange {
  min: number;
  max: number;
  step: number;
}

/** `x` without binary dust (12 significant digits). */
export const clean = (x: number): number => Number(x.toPrecision(12));

/** 1, 2 or 5 × 10ⁿ nearest above `x` (> 0). */
export function niceStep(x: number): number {
  const e = Math.pow(10, Math.floor(Math.log10(x)));
  const m = x / e;
  return clean((m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * e);
}

/** The slider range of field `f` for the draft's value `value` (undefined: no slider). */
export function sliderRange(f: FieldSpec, value: unknown, draft?: unknown): SliderRange | undefined {
  if (!isSlidable(f)) return undefined;
  const facts = schemaFacts(f.path, draft);
  const def = typeof facts.defaultValue === 'number' ? facts.defaultValue : undefined;
  const cur = typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  const scale = Math.max(Math.abs(def ?? 0), Math.abs(cur ?? 0)) || 1;
  const negative = (def ?? cur ?? 0) < 0;
  const near = (b: number | undefined): b is number => b !== undefined && Number.isFinite(b) && Math.abs(b) <= 10 * scale;
  let lo = near(facts.min) ? facts.min : negative ? -4 * scale : Math.max(0, facts.min ?? 0);
  let hi = near(facts.max) ? facts.max : negative ? Math.min(0, facts.max ?? 0) : 4 * scale;
  // The current value stays reachable (on the sides the schema does not bound).
  if (cur !== undefined && !near(facts.min)) lo = Math.min(lo, cur);
  if (cur !== undefined && !near(facts.max)) hi = Math.max(hi, cur);
  if (!(hi > lo)) return undefined;
  const span = hi - lo;
  let step = f.step && f.step > 0 && span / f.step >= 50 && span / f.step <= 500 ? f.step : niceStep(span / 200);
  if (f.kind === 'int') step = Math.max(1, Math.round(step));
  if (cur !== undefined && cur >= lo && cur <= hi) {
    // The steps run through the current value, so the slider can show it exactly (116 m² in steps of 5: 1 … 461).
    const strictLo = facts.min !== undefined && lo === facts.min && !facts.minInclusive;
    const strictHi = facts.max !== undefined && hi === facts.max && !facts.maxInclusive;
    const below = strictLo ? Math.ceil((cur - lo) / step - 1e-9) - 1 : Math.floor((cur - lo) / step + 1e-9);
    const above = strictHi ? Math.ceil((hi - cur) / step - 1e-9) - 1 : Math.floor((hi - cur) / step + 1e-9);
    lo = clean(cur - Math.max(0, below) * step);
    hi = clean(cur + Math.max(0, above) * step);
  } else {
    // Exclusive bounds: one step inside; the ends on whole steps.
    if (facts.min !== undefined && lo === facts.min && !facts.minInclusive) lo += step;
    lo = clean(Math.ceil(lo / step - 1e-9) * step);
    hi = clean(Math.floor(hi / step + 1e-9) * step);
    if (facts.max !== undefined && hi === facts.max && !facts.maxInclusive) hi = clean(hi - step);
  }
  return hi > lo ? { min: lo, max: hi, step } : undefined;
}

export interface SliderHandlers {
  /** The slider moved (an `input` event): its value. */
  onInput(value: number): void;
  /** The slider was released (a `change` event). */
  onChange(): void;
}

/**
 * A range input for field `f` (data-testid="slider-<path>"), beside its
 * number box `box`: typing in the box moves the slider; moving the slider
 * writes the box (without the box's own input event) and calls `h`.
 */
export function createSlider(f: FieldSpec, range: SliderRange, box: HTMLInputElement, h: SliderHandlers): HTMLInputElement {
  const s = el('input', 'live-slider');
  s.type = 'range';
  s.min = String(range.min);
  s.max = String(range.max);
  s.step = String(range.step);
  s.dataset.testid = `slider-${f.path}`;
  s.dataset.sliderFor = f.path;
  s.tabIndex = 0;
  s.setAttribute('aria-label', `${f.label}${f.unit ? ` (${f.unit})` : ''}: drag to re-analyse as it moves`);
  s.title = `${range.min} … ${range.max}${f.unit ? ` ${f.unit}` : ''}: drag to re-analyse as it moves`;
  syncSlider(s, box.value);
  s.addEventListener('input', () => {
    const v = clean(Number(s.value));
    box.value = String(v);
    box.removeAttribute('aria-invalid');
    h.onInput(v);
  });
  s.addEventListener('change', () => h.onChange());
  box.addEventListener('input', () => syncSlider(s, box.value));
  return s;
}

/** Moves slider `s` to the number in `text` (left where it is when `text` is not a number). */
export function syncSlider(s: HTMLInputElement, text: string): void {
  const v = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(v)) return;
  s.value = String(v);
  s.classList.toggle('out-of-range', v < Number(s.min) || v > Number(s.max));
}

/** Marks the run-info line while an intermediate result (of a value the slider has left) is shown. */
export function markIntermediate(runInfo: HTMLElement, intermediate: boolean): void {
  runInfo.dataset.intermediate = intermediate ? '1' : '0';
  runInfo.classList.toggle('intermediate', intermediate);
}

/** What ?diagnostics=1 puts on window.ocsLiveTuning (browser tests, developer tools). */
export interface LiveTuningDiagnostics {
  /** The active design's analysis counters (a copy). */
  counters(): AnalysisCounters;
}

export function exposeLiveTuningDiagnostics(counters: () => AnalysisCounters): void {
  const d: LiveTuningDiagnostics = { counters: () => ({ ...counters(), runMs: counters().runMs.slice() }) };
  (window as unknown as { ocsLiveTuning?: LiveTuningDiagnostics }).ocsLiveTuning = d;
}
