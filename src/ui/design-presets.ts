/**
 * Where designs come from: the engine's presets, its two element-set
 * examples (engine/input/examples.ts, the CLI's example files too), and the
 * URL parameters (?preset, ?n) for the first design.
 */
import { ELEMENT_SET_EXAMPLES, findExample } from '../engine/input/examples';
import { DEFAULT_PRESET, findPreset, PRESETS } from '../engine/input/presets';
import { parseScenario } from '../engine/input/scenario';
import { cloneJson } from './draft';
import type { PresetOption } from './panel';
import { walkerSplit, type AppParams } from './url-params';

export function presetOptions(): PresetOption[] {
  return [
    ...PRESETS.map((p) => ({ value: p.name, label: p.title, source: p.source })),
    ...ELEMENT_SET_EXAMPLES.map((e) => ({ value: e.name, label: e.title, source: e.source })),
  ];
}

/** The normalised scenario (defaults filled) of a preset or example, as an editable draft. */
export function presetDraft(value: string): Record<string, unknown> | undefined {
  const raw = findPreset(value)?.scenario ?? findExample(value)?.scenario;
  if (!raw) return undefined;
  const r = parseScenario(raw);
  return r.ok ? (cloneJson(r.scenario) as unknown as Record<string, unknown>) : (cloneJson(raw) as Record<string, unknown>);
}

/** The draft the app opens with, from URL parameters (?preset, ?n). */
export function initialDraft(params: AppParams): { draft: Record<string, unknown>; preset: string } {
  const preset = params.preset && presetDraft(params.preset) ? params.preset : DEFAULT_PRESET;
  const draft = presetDraft(preset)!;
  if (params.n !== undefined) {
    const { planes, satellitesPerPlane } = walkerSplit(params.n);
    const c = draft.constellation as Record<string, unknown>;
    draft.constellation = {
      type: 'walker',
      pattern: 'delta',
      altitudeKm: typeof c.altitudeKm === 'number' ? c.altitudeKm : 550,
      inclinationDeg: c.type === 'walker' && typeof c.inclinationDeg === 'number' ? c.inclinationDeg : 53,
      planes,
      satellitesPerPlane,
      phasing: planes > 1 ? 1 : 0,
      firstRaanDeg: 0,
    };
    draft.name = `Generated Walker ${planes} × ${satellitesPerPlane}`;
    return { draft, preset: 'custom' };
  }
  return { draft, preset };
}
