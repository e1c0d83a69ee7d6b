/**
 * The scenario being edited: a plain JSON object addressed by field paths
 * such as `constellation.altitudeKm` or `groundStations[2].name` (the same
 * paths the engine's validation issues name).
 */

export type PathKey = string | number;

/** `a.b[2].c` → ['a', 'b', 2, 'c']. */
export function parsePath(path: string): PathKey[] {
  const out: PathKey[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path))) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const k of parsePath(path)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PathKey, unknown>)[k];
  }
  return cur;
}

/** Sets `value` at `path`, creating objects/arrays on the way. */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = parsePath(path);
  let cur: Record<PathKey, unknown> = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i];
    let next = cur[k];
    if (next === null || typeof next !== 'object') {
      next = typeof keys[i + 1] === 'number' ? [] : {};
      cur[k] = next;
    }
    cur = next as Record<PathKey, unknown>;
  }
  cur[keys[keys.length - 1]] = value;
}

/**
 * Deep copy of JSON data. structuredClone copies long strings (element-set
 * texts of several MB) without the escaping a JSON round trip costs; the
 * JSON round trip stays as the fallback.
 */
export function cloneJson<T>(v: T): T {
  return typeof structuredClone === 'function' ? structuredClone(v) : (JSON.parse(JSON.stringify(v)) as T);
}

/**
 * Converts an input's text to the value put in the draft: numbers when the
 * text is a finite number; otherwise the text itself, so validation reports
 * "expected a finite number, got string …" for that field.
 */
export function numberFromText(text: string): number | string {
  const t = text.trim();
  if (t === '') return t;
  const v = Number(t);
  return Number.isFinite(v) ? v : text;
}
