/**
 * JSON text as the engine takes it: size and nesting limits, a leading byte
 * order mark ignored, syntax errors located by line and column (JSON.parse
 * gives a position or nothing, and its wording differs between engines, so
 * the location is recomputed here by a small scanner).
 */

/** A problem with an input: its JSON path (`node.radiatorAreaM2`, `groundStations[0].name`; '' for the root) and message. */
export interface InputIssue {
  path: string;
  message: string;
}

/** Largest scenario file / TLE text accepted (characters). */
export const MAX_TEXT_CHARS = 32 * 1024 * 1024;
export const MAX_JSON_DEPTH = 64;

export type JsonOutcome = { ok: true; value: unknown } | { ok: false; issues: InputIssue[] };

/**
 * Decodes JSON text of at most MAX_TEXT_CHARS characters; a leading byte order
 * mark (as Windows editors write) is ignored; syntax errors name the line and column.
 */
export function parseJsonText(text: string): JsonOutcome {
  if (text.length > MAX_TEXT_CHARS) return { ok: false, issues: [{ path: '', message: `file larger than ${MAX_TEXT_CHARS} characters` }] };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    return { ok: false, issues: [{ path: '', message: describeJsonSyntaxError(body, e) }] };
  }
}

/** "invalid <what> at line L, column C: <reason>" for a JSON.parse failure on `text`. */
export function describeJsonSyntaxError(text: string, e: unknown, what = 'JSON'): string {
  const msg = (e instanceof Error ? e.message : String(e)).replace(/ in JSON at position \d+.*$/, '').replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '');
  const pos = jsonErrorOffset(text);
  let line = 1;
  let col = 1;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      col = 1;
    } else col++;
  }
  return `invalid ${what} at line ${line}, column ${col}: ${msg}`;
}

/**
 * Offset of the first JSON syntax error in `text` (text.length for a premature
 * end). A small iterative scanner, used only after JSON.parse has failed, so
 * the message can name the line and column on every engine.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  // Stack of containers: '{' or '['; `expect` is what the grammar wants next.
  const stack: string[] = [];
  type Want = 'value' | 'key' | 'colon' | 'commaOrEnd' | 'done';
  let want: Want = 'value';
  const afterValue = (): Want => (stack.length ? 'commaOrEnd' : 'done');
  const scanString = (): boolean => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return true;
      }
      if (c < 32) return false;
      if (c === 92) {
        const d = text[i + 1];
        if (d === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if (d !== undefined && '"\\/bfnrt'.includes(d)) i += 2;
        else {
          i++;
          return false;
        }
      } else i++;
    }
    return false;
  };
  for (;;) {
    ws();
    if (i >= n) return want === 'done' ? n : n;
    const ch = text[i];
    switch (want) {
      case 'done':
        return i;
      case 'key':
        if (ch === '}' && text[lastNonWs(text, i - 1)] === '{') {
          stack.pop();
          i++;
          want = afterValue();
          break;
        }
        if (ch !== '"' || !scanString()) return i;
        want = 'colon';
        break;
      case 'colon':
        if (ch !== ':') return i;
        i++;
        want = 'value';
        break;
      case 'commaOrEnd':
        if (ch === ',') {
          i++;
          want = stack[stack.length - 1] === '{' ? 'key' : 'value';
        } else if ((ch === '}' && stack[stack.length - 1] === '{') || (ch === ']' && stack[stack.length - 1] === '[')) {
          stack.pop();
          i++;
          want = afterValue();
        } else return i;
        break;
      case 'value': {
        if (ch === '{') {
          stack.push('{');
          i++;
          want = 'key';
        } else if (ch === '[') {
          stack.push('[');
          i++;
          ws();
          if (text[i] === ']') {
            stack.pop();
            i++;
            want = afterValue();
          }
        } else if (ch === '"') {
          if (!scanString()) return Math.min(i, n);
          want = afterValue();
        } else {
          const m = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
          if (!m) {
            // A truncated literal such as `nul` fails at the end of input.
            const lit = /^[a-z]+/.exec(text.slice(i, i + 8))?.[0] ?? '';
            if (lit && i + lit.length >= n && ['true', 'false', 'null'].some((w) => w.startsWith(lit))) return n;
            return i;
          }
          i += m[0].length;
          want = afterValue();
        }
        break;
      }
    }
  }
}

function lastNonWs(text: string, from: number): number {
  let j = from;
  while (j >= 0 && ' \t\n\r'.includes(text[j])) j--;
  return j;
}

/** Depth of nested arrays/objects, stopping early once `limit` is reached (no recursion). */
export function jsonDepth(v: unknown, limit: number): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[v, 1]];
  while (stack.length) {
    const [x, d] = stack.pop()!;
    if (x === null || typeof x !== 'object') continue;
    if (d > max) max = d;
    if (max >= limit) return max;
    const children = Array.isArray(x) ? x : Object.values(x as object);
    for (const c of children) if (c !== null && typeof c === 'object') stack.push([c, d + 1]);
  }
  return max;
}
