/**
 * Where designs come from: the engine's presets, two element-set examples,
 * and the URL parameters (?preset, ?n) for the first design.
 */
import { DEFAULT_PRESET, findPreset, PRESETS } from '../engine/input/presets';
import { parseScenario } from '../engine/input/scenario';
import { cloneJson } from './draft';
import { EXAMPLE_OMM, EXAMPLE_TLE } from './fields';
import type { PresetOption } from './panel';
import { walkerSplit, type AppParams } from './url-params';

const EXAMPLES: Record<string, { title: string; scenario: Record<string, unknown> }> = {
  'example-tle': {
    title: 'Example: imported TLEs (ISS, CBERS 2; June 2006)',
    scenario: {
      name: 'Imported TLE example',
      startUtc: '2006-06-20T00:00:00Z',
      durationHours: 24,
      stepSeconds: 60,
      constellation: { type: 'tle', text: EXAMPLE_TLE },
    },
  },
  'example-omm': {
    title: 'Example: imported OMM (ISS; June 2006)',
    scenario: {
      name: 'Imported OMM example',
      startUtc: '2006-06-20T00:00:00Z',
      durationHours: 24,
      stepSeconds: 60,
      constellation: { type: 'omm', records: EXAMPLE_OMM },
    },
  },
};

export function presetOptions(): PresetOption[] {
  return [
    ...PRESETS.map((p) => ({ value: p.name, label: p.title, source: `${p.source} (docs/reference/PHYSICS.md)` })),
    ...Object.entries(EXAMPLES).map(([value, e]) => ({
      value,
      label: e.title,
      source: 'Element sets from Vallado’s SGP4 verification data (June 2006); start set near their epochs.',
    })),
  ];
}

/** The normalised scenario (defaults filled) of a preset or example, as an editable draft. */
export function presetDraft(value: string): Record<string, unknown> | undefined {
  const raw = findPreset(value)?.scenario ?? EXAMPLES[value]?.scenario;
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
