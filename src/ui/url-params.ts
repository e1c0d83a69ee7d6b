/**
 * URL parameters:
 *   ?preset=<name>      start from a named preset
 *   ?n=<count>          generated Walker design with about `count` satellites
 *                       (planes × satellites per plane = count, near square)
 *   ?warp=<1…100000>    initial time warp
 *   ?play=1             start playing (the app starts paused otherwise)
 *   ?bench=1            benchmark mode: play at once (unless ?play=0), hide nothing
 *   ?diagnostics=1      window.ocsDiagnostics (AppDiagnostics): worker
 *                       resource figures for leak checks (tests, dev tools)
 * A URL that names a design (?preset, ?n, or a share link's #designs=…)
 * opens that instead of the autosaved session (autosave.ts).
 */
import { MAX_SATELLITES } from '../engine/input/scenario';
import type { AnalysisWorkerStats } from '../../workers/protocol';

/** What ?diagnostics=1 puts on window.ocsDiagnostics. */
export interface AppDiagnostics {
  /** Each analysis worker's resources (null for one that has stopped). */
  analysisWorkers(): Promise<Array<AnalysisWorkerStats | null>>;
}

export interface AppParams {
  preset?: string;
  n?: number;
  warp?: number;
  play: boolean;
  bench: boolean;
  diagnostics: boolean;
}

export function parseAppParams(search: string): AppParams {
  const q = new URLSearchParams(search);
  const num = (k: string): number | undefined => {
    const v = q.get(k);
    if (v === null || v.trim() === '') return undefined;
    const x = Number(v);
    return Number.isFinite(x) ? x : undefined;
  };
  const n = num('n');
  return {
    preset: q.get('preset') ?? undefined,
    n: n !== undefined && n >= 1 ? Math.min(MAX_SATELLITES, Math.round(n)) : undefined,
    warp: num('warp'),
    play: q.get('play') === '1' || (q.get('bench') === '1' && q.get('play') !== '0'),
    bench: q.get('bench') === '1',
    diagnostics: q.get('diagnostics') === '1',
  };
}

/** The URL names the first design (?preset or ?n): it takes precedence over the autosaved session. */
export function urlNamesDesign(p: AppParams): boolean {
  return p.preset !== undefined || p.n !== undefined;
}

/**
 * Splits `n` satellites into planes × per-plane with planes ≤ per-plane and
 * as close to square as `n`'s divisors allow (n = 1000 → 25 × 40).
 */
export function walkerSplit(n: number): { planes: number; satellitesPerPlane: number } {
  const count = Math.max(1, Math.round(n));
  let planes = 1;
  for (let p = Math.floor(Math.sqrt(count)); p >= 1; p--) {
    if (count % p === 0) {
      planes = p;
      break;
    }
  }
  return { planes, satellitesPerPlane: count / planes };
}
