/**
 * Files in and out of the page: downloads (an <a download> on an object URL),
 * file names from design names, and what a loaded or dropped file is: a
 * scenario, a design set, a sweep file, OMM JSON or TLE text. JSON is decoded
 * here only for objects; arrays (OMM element sets, possibly tens of MB) go to
 * the import worker undecoded.
 */
import { parseScenario, formatIssue, type Scenario, type ScenarioIssue } from '../engine/input/scenario';
import { MAX_TEXT_CHARS, parseJsonText } from '../engine/input/json-text';

/** Starts a download of `data` as `fileName`. */
export function download(data: Blob | string, fileName: string, type = 'application/octet-stream'): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file-name stem from user text (letters, digits, dot, dash, underscore). */
export function fileStem(name: string, fallback = 'scenario'): string {
  return name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || fallback;
}

/** A design set file: `{ "designs": [scenario, …], "active"?: i, "baseline"?: i }`. */
export interface DesignSetFile {
  designs: unknown[];
  active?: number;
  baseline?: number;
}

export type LoadedFile =
  | { kind: 'scenarios'; scenarios: Scenario[]; active?: number; baseline?: number }
  | { kind: 'sweep'; value: { base: unknown; vary: unknown } }
  | { kind: 'elements'; text: string; format: 'tle' | 'omm' }
  | { kind: 'invalid'; message: string };

function issuesText(issues: readonly ScenarioIssue[], max = 4): string {
  const shown = issues.slice(0, max).map(formatIssue).join('; ');
  return issues.length > max ? `${shown}; … (${issues.length - max} more)` : shown;
}

/**
 * What a file's text holds. `fileName` labels messages; a `.json` name that
 * does not hold an object or array is decoded as JSON all the same (so an
 * empty file or a bare `null` gets the CLI's message, not a TLE report).
 */
export function classifyFile(text: string, fileName: string): LoadedFile {
  if (text.length > MAX_TEXT_CHARS) return { kind: 'invalid', message: `${fileName}: larger than ${MAX_TEXT_CHARS / 1024 / 1024} MB` };
  const first = /\S/.exec(text.length > 4096 ? text.slice(0, 4096) : text)?.[0];
  if (first === '[') return { kind: 'elements', text, format: 'omm' };
  if (first !== '{' && !/\.json$/i.test(fileName)) {
    if (first === undefined) return { kind: 'invalid', message: `${fileName}: the file is empty` };
    return { kind: 'elements', text, format: 'tle' };
  }
  // The CLI's decoder: syntax errors name the line and column, a byte order mark is ignored.
  const json = parseJsonText(text);
  if (!json.ok) return { kind: 'invalid', message: `${fileName}: ${issuesText(json.issues)}` };
  const value = json.value;
  if (value === null || typeof value !== 'object') {
    const r = parseScenario(value);
    return { kind: 'invalid', message: `${fileName}: ${r.ok ? 'expected a scenario object' : issuesText(r.issues)}` };
  }
  const o = value as Record<string, unknown>;
  if ('base' in o && 'vary' in o) return { kind: 'sweep', value: { base: o.base, vary: o.vary } };
  if (Array.isArray(o.designs)) {
    const scenarios: Scenario[] = [];
    for (let i = 0; i < o.designs.length; i++) {
      const r = parseScenario(o.designs[i]);
      if (!r.ok) return { kind: 'invalid', message: `${fileName}: design ${i + 1}: ${issuesText(r.issues)}` };
      scenarios.push(r.scenario);
    }
    if (scenarios.length === 0) return { kind: 'invalid', message: `${fileName}: the design set is empty` };
    const idx = (x: unknown) => (Number.isInteger(x) && (x as number) >= 0 && (x as number) < scenarios.length ? (x as number) : undefined);
    return { kind: 'scenarios', scenarios, active: idx(o.active), baseline: idx(o.baseline) };
  }
  if ('NORAD_CAT_ID' in o || 'MEAN_MOTION' in o) return { kind: 'elements', text, format: 'omm' };
  const r = parseScenario(value);
  if (!r.ok) return { kind: 'invalid', message: `${fileName}: ${issuesText(r.issues)}` };
  return { kind: 'scenarios', scenarios: [r.scenario] };
}

/** Pretty JSON with a trailing newline (what Save writes). */
export function prettyJson(v: unknown): string {
  return `${JSON.stringify(v, null, 2)}\n`;
}
