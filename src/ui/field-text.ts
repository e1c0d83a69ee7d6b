/**
 * The parameter panel's words: a field's tooltip (meaning, unit, allowed
 * range, default and its source) and validation messages in plain language.
 * The engine's validation (zod, src/engine/input/*) names each problem by its
 * JSON path in developer terms ("constellation.altitudeKm: Too small:
 * expected number to be >=160"); plainIssue turns that into a sentence that
 * names the field by its label and gives the allowed range with its unit
 * ("Altitude must be between 160 and 40,000 km"). Messages it does not
 * recognise keep their wording after the label, with any field paths in them
 * replaced by labels.
 */
import { fieldForPath, schemaFacts, type FieldSpec, type SchemaFacts } from './fields';
import { formatNumber } from './format';

/** Units written straight after the number (no space). */
const TIGHT_UNITS = new Set(['°', '%']);
const withUnit = (x: number, unit: string | undefined): string => (unit ? (TIGHT_UNITS.has(unit) ? `${formatNumber(x, 6)}${unit}` : `${formatNumber(x, 6)} ${unit}`) : formatNumber(x, 6));

/**
 * A bound the schema sets only to keep numbers sane (1e8 m², 1e12 GB…), not
 * a physical limit: a power of ten of 100,000 or more. Not worth telling.
 */
function sanityCap(x: number | undefined): boolean {
  if (x === undefined) return true;
  const l = Math.log10(Math.abs(x));
  return Math.abs(x) >= 1e5 && Math.abs(l - Math.round(l)) < 1e-9;
}

/** "between 160 and 40,000 km", "at least 1 s", "greater than 0 and at most 1", or '' without bounds. */
export function rangeText(facts: SchemaFacts, unit?: string): string {
  const hasMin = facts.min !== undefined;
  const hasMax = facts.max !== undefined && !sanityCap(facts.max);
  if (hasMin && hasMax) {
    if (facts.minInclusive && facts.maxInclusive) {
      // "between 160 and 40,000 km", but "between 0° and 180°".
      const lo = unit && TIGHT_UNITS.has(unit) ? withUnit(facts.min!, unit) : withUnit(facts.min!, undefined);
      return `between ${lo} and ${withUnit(facts.max!, unit)}`;
    }
    const lo = facts.minInclusive ? `at least ${withUnit(facts.min!, unit)}` : `greater than ${withUnit(facts.min!, unit)}`;
    const hi = facts.maxInclusive ? `at most ${withUnit(facts.max!, unit)}` : `less than ${withUnit(facts.max!, unit)}`;
    return `${lo} and ${hi}`;
  }
  if (hasMin) return facts.minInclusive ? `at least ${withUnit(facts.min!, unit)}` : `greater than ${withUnit(facts.min!, unit)}`;
  if (hasMax) return facts.maxInclusive ? `at most ${withUnit(facts.max!, unit)}` : `less than ${withUnit(facts.max!, unit)}`;
  return '';
}

/** A field's default as text ("20,000 W", "edge-on", "on"), or undefined. */
function defaultText(f: FieldSpec, facts: SchemaFacts): string | undefined {
  const v = facts.defaultValue;
  if (typeof v === 'number') return withUnit(v, f.unit);
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (typeof v === 'string') return v;
  return f.optional ? f.optional.default : undefined;
}

/**
 * The tooltip of a field, one item per line: what it means, its unit, the
 * allowed range, the default and the default's source.
 */
export function fieldTooltip(f: FieldSpec, facts: SchemaFacts = schemaFacts(f.path)): string {
  const lines: string[] = [];
  if (f.help) lines.push(f.help);
  if (f.hint) lines.push(`(${f.hint})`);
  if (f.kind === 'number' || f.kind === 'int') {
    const share = facts.min === 0 && facts.max === 1 && !f.unit;
    lines.push(`Unit: ${f.unit ?? (share ? 'none — a share from 0 to 1 (0.25 = 25 %)' : 'none')}${f.kind === 'int' ? ', whole numbers' : ''}.`);
    const range = rangeText(facts, f.unit);
    if (range && !share) lines.push(`Allowed: ${range}.`);
  } else if (f.kind === 'select' && f.options) lines.push(`Options: ${f.options.join(', ')}.`);
  const def = defaultText(f, facts);
  if (def !== undefined) lines.push(`Default: ${def}.`);
  if (f.source) lines.push(`Source: ${f.source}`);
  return lines.join('\n');
}

/** Scenario paths inside a message ("must not be below node.batteryMinStateOfCharge") → the fields' labels. */
function labelPaths(message: string, draft: unknown): string {
  return message.replace(/\b(?:node|constellation|mass|lifetime|economics|environment|spacing|interSatelliteLinks)\.[A-Za-z]+(?:\.[A-Za-z]+)*/g, (p) => {
    const f = fieldForPath(p, draft);
    return f ? `“${f.label}”` : p;
  });
}

const quoteList = (s: string): string =>
  s
    .split(/["']?\s*(?:\||,|\bor\b)\s*["']?/)
    .map((x) => x.replace(/^["']|["']$/g, '').trim())
    .filter((x) => x !== '')
    .join(', ');

/** What was given, from the engine's "got …" (string "abc" → “abc”). */
function gotText(got: string): string {
  const s = /^string "(.*)"$/s.exec(got);
  if (s) return `“${s[1]}”`;
  if (got.startsWith('a number too large')) return 'a number too large to use';
  return got;
}

/**
 * One validation issue as a sentence naming the field by its label.
 *   plainIssue({ path: 'constellation.altitudeKm', message: 'Too small: expected number to be >=160' }, draft)
 *     → "Altitude must be between 160 and 40,000 km"
 * A prefix the app puts before the engine's message ("file.json: …") is kept.
 */
export function plainIssue(issue: { path: string; message: string }, draft?: unknown): string {
  const f = issue.path ? fieldForPath(issue.path, draft) : undefined;
  if (!f) return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
  const label = f.label;
  const unit = f.unit;
  const facts = schemaFacts(issue.path, draft);
  const sentence = (m: string): string | undefined => {
    let r: RegExpExecArray | null;
    if ((r = /^Too small: expected number to be (>=|>)\s*(\S+)$/.exec(m)) || (r = /^Too big: expected number to be (<=|<)\s*(\S+)$/.exec(m))) {
      const range = rangeText(facts, unit);
      if (range) return `${label} must be ${range}`;
      const b = Number(r[2]);
      const word = r[1] === '>=' ? 'at least' : r[1] === '>' ? 'greater than' : r[1] === '<=' ? 'at most' : 'less than';
      return `${label} must be ${word} ${Number.isFinite(b) ? withUnit(b, unit) : r[2]}`;
    }
    if (/^must be greater than 0$/.test(m) || /^must be 0 or greater$/.test(m)) {
      const range = rangeText(facts, unit);
      return `${label} must be ${range || (m.endsWith('0 or greater') ? 'at least 0' : 'greater than 0')}`;
    }
    if ((r = /^expected a finite number, got (.*)$/s.exec(m))) return `${label} must be a number${unit ? ` (in ${unit})` : ''}, not ${gotText(r[1])}`;
    if (/^expected an integer$/.test(m)) return `${label} must be a whole number`;
    if (/^required$/.test(m)) return `${label} is required`;
    if ((r = /^(?:Invalid option: )?expected one of (.*)$/.exec(m)) || (r = /^expected ("[^"]+" or "[^"]+")$/.exec(m))) return `${label} must be one of: ${quoteList(r[1])}`;
    if (/^Too small: expected string to have >=1 characters?$/.test(m)) return `${label} must not be empty`;
    if ((r = /^Too big: expected string to have <=(\d+) characters?$/.exec(m))) return `${label} must be at most ${formatNumber(Number(r[1]))} characters`;
    if (/^unknown field$/.test(m)) return `“${issue.path}” is not a scenario field: remove it`;
    if (/^must /.test(m)) return `${label} ${labelPaths(m, draft)}`;
    return undefined;
  };
  const whole = sentence(issue.message);
  if (whole !== undefined) return whole;
  // A prefix before the engine's message ("file.json: Too big: …").
  for (let i = issue.message.indexOf(': '); i > 0; i = issue.message.indexOf(': ', i + 2)) {
    const rest = sentence(issue.message.slice(i + 2));
    if (rest !== undefined) return `${issue.message.slice(0, i)}: ${rest}`;
  }
  return `${label}: ${labelPaths(issue.message, draft)}`;
}
