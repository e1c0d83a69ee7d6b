// An independent reader for CCSDS Orbit Ephemeris Messages in KVN, written
// from the rules of CCSDS 502.0-B-3 (Orbit Data Messages, Blue Book, April
// 2023) and not from the writer (src/engine/output/oem.ts): header and
// metadata keywords, their fixed order and values (§5.2, tables 5-2 and 5-3,
// §7.4, §7.5), line rules (§7.3), ephemeris data lines (§5.2.4, §7.4.1.2,
// §7.5.5–7.5.7) and comment positions (§7.8.9). It throws at the first
// violation. Used by test/engine/output/oem.test.ts (which first checks it on
// the standard's own example, annex G) and the browser export test.

/** Table 5-2 (header) and 5-3 (metadata) keywords in their fixed order (§7.4.8), M = mandatory. */
const HEADER_KEYS: Array<[string, boolean]> = [
  ['CCSDS_OEM_VERS', true],
  ['CLASSIFICATION', false],
  ['CREATION_DATE', true],
  ['ORIGINATOR', true],
  ['MESSAGE_ID', false],
];
const META_KEYS: Array<[string, boolean]> = [
  ['OBJECT_NAME', true],
  ['OBJECT_ID', true],
  ['CENTER_NAME', true],
  ['REF_FRAME', true],
  ['REF_FRAME_EPOCH', false],
  ['TIME_SYSTEM', true],
  ['START_TIME', true],
  ['USEABLE_START_TIME', false],
  ['USEABLE_STOP_TIME', false],
  ['STOP_TIME', true],
  ['INTERPOLATION', false],
  ['INTERPOLATION_DEGREE', false],
];
const TIME_KEYS = new Set(['CREATION_DATE', 'REF_FRAME_EPOCH', 'START_TIME', 'USEABLE_START_TIME', 'USEABLE_STOP_TIME', 'STOP_TIME']);

/** §7.5.10: YYYY-MM-DDThh:mm:ss[.d→d][Z] or YYYY-DDDThh:mm:ss[.d→d][Z] → ms since the Unix epoch (fractional allowed). */
export function parseTime(s: string): number {
  let m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z?$/.exec(s);
  if (m) return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) + Number(`0${m[7] ?? ''}`) * 1000;
  m = /^(\d{4})-(\d{3})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z?$/.exec(s);
  if (m) return Date.UTC(+m[1], 0, +m[2], +m[3], +m[4], +m[5]) + Number(`0${m[6] ?? ''}`) * 1000;
  throw new Error(`not a CCSDS time: "${s}"`);
}

/** §7.5.4–7.5.7: integer, fixed point (≤ 16 digits, a digit on both sides of the point) or floating point (mantissa d.ddd ≤ 16 digits, E/e exponent). */
function parseNumber(s: string): number {
  const fixed = /^[+-]?\d+(\.\d+)?$/.test(s) && s.replace(/[^0-9]/g, '').length <= 16;
  const float = /^[+-]?\d\.\d+[Ee][+-]?\d+$/.test(s) && s.replace(/[Ee].*$/, '').replace(/[^0-9]/g, '').length <= 16;
  if (!fixed && !float) throw new Error(`not a CCSDS number: "${s}"`);
  return Number(s);
}

export interface OemSegment {
  meta: Record<string, string>;
  metaKeys: string[];
  comments: string[];
  dataComments: string[];
  times: number[];
  /** 6 per line: x y z km, vx vy vz km/s. */
  states: number[];
}
export interface Oem {
  header: Record<string, string>;
  headerKeys: string[];
  headerComments: string[];
  segments: OemSegment[];
}

/** Reads an OEM in KVN, throwing at the first violation of the rules above (no covariance sections). */
export function readOem(text: string): Oem {
  const lines = text.split(/\r\n|\n\r|\r|\n/); // §7.3.7
  const kvn = (line: string): [string, string] => {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line); // §7.4.3–7.4.7: uppercase keyword without blanks
    if (!m) throw new Error(`not "KEYWORD = value": "${line}"`);
    return [m[1], m[2]];
  };
  const out: Oem = { header: {}, headerKeys: [], headerComments: [], segments: [] };
  let state: 'start' | 'header' | 'meta' | 'data' = 'start';
  let seg: OemSegment | undefined;
  let order = -1;
  const check = (table: Array<[string, boolean]>, key: string, value: string): void => {
    const k = table.findIndex(([name]) => name === key);
    if (k < 0) throw new Error(`keyword ${key} is not allowed here (tables 5-2/5-3)`);
    if (k <= order) throw new Error(`keyword ${key} out of order (§7.4.8)`);
    order = k;
    if (value === '') throw new Error(`${key} has an empty value (§7.5.1)`);
    if (TIME_KEYS.has(key)) parseTime(value);
  };
  const closeMeta = (s: OemSegment): void => {
    for (const [key, mandatory] of META_KEYS) if (mandatory && !(key in s.meta)) throw new Error(`metadata without ${key}`);
    if ('INTERPOLATION' in s.meta && !/^[+-]?\d+$/.test(s.meta.INTERPOLATION_DEGREE ?? '')) throw new Error('INTERPOLATION without an integer INTERPOLATION_DEGREE');
  };
  const closeData = (s: OemSegment): void => {
    if (s.times.length === 0) throw new Error('a metadata block without ephemeris data');
    const t0 = parseTime(s.meta.START_TIME);
    const t1 = parseTime(s.meta.STOP_TIME);
    for (let i = 0; i < s.times.length; i++) {
      if (i > 0 && !(s.times[i] > s.times[i - 1])) throw new Error(`epochs not increasing at line ${i}`);
      if (s.times[i] < t0 || s.times[i] > t1) throw new Error(`epoch ${s.times[i]} outside START_TIME … STOP_TIME`);
    }
  };
  for (const [i, line] of lines.entries()) {
    if (line.length > 254) throw new Error(`line ${i + 1} longer than 254 characters (§7.3.2)`);
    if (/[^\x20-\x7e]/.test(line)) throw new Error(`line ${i + 1} holds a character other than printable ASCII (§7.3.4)`);
    const t = line.trim();
    if (t === '') continue; // §7.3.5
    const isComment = /^COMMENT( |$)/.test(t); // §7.8.5
    if (state === 'start') {
      const [k, v] = kvn(t); // §7.3.6: the version line comes first
      if (k !== 'CCSDS_OEM_VERS' || !/^\d+\.\d+$/.test(v)) throw new Error(`first line is not CCSDS_OEM_VERS = x.y: "${t}"`);
      out.header[k] = v;
      out.headerKeys.push(k);
      state = 'header';
      order = 0;
    } else if (state === 'header') {
      if (isComment) {
        if (out.headerKeys.length !== 1) throw new Error('header comment not right after CCSDS_OEM_VERS (table 5-2)');
        out.headerComments.push(t.slice(8));
      } else if (t === 'META_START') {
        for (const [key, mandatory] of HEADER_KEYS) if (mandatory && !(key in out.header)) throw new Error(`header without ${key}`);
        state = 'meta';
      } else {
        const [k, v] = kvn(t);
        check(HEADER_KEYS, k, v);
        out.header[k] = v;
        out.headerKeys.push(k);
      }
    } else if (state === 'meta') {
      if (!seg) {
        seg = { meta: {}, metaKeys: [], comments: [], dataComments: [], times: [], states: [] };
        order = -1;
      }
      if (isComment) {
        if (seg.metaKeys.length) throw new Error('metadata comment not right after META_START (§7.8.9)');
        seg.comments.push(t.slice(8));
      } else if (t === 'META_STOP') {
        closeMeta(seg);
        out.segments.push(seg);
        state = 'data';
      } else {
        const [k, v] = kvn(t);
        check(META_KEYS, k, v);
        seg.meta[k] = v;
        seg.metaKeys.push(k);
      }
    } else {
      const s = out.segments.at(-1)!;
      if (t === 'META_START') {
        closeData(s);
        seg = undefined;
        state = 'meta';
      } else if (isComment) {
        if (s.times.length) throw new Error('comment inside a block of ephemeris lines (§7.8.9)');
        s.dataComments.push(t.slice(8));
      } else {
        const f = t.split(/\s+/); // §5.2.4.3
        if (f.length !== 7 && f.length !== 10) throw new Error(`ephemeris line with ${f.length} fields (7 or 10, §5.2.4.1): "${t}"`);
        s.times.push(parseTime(f[0]));
        for (const x of f.slice(1, 7)) s.states.push(parseNumber(x));
      }
    }
  }
  if (state !== 'data') throw new Error('no ephemeris data');
  closeData(out.segments.at(-1)!);
  const systems = new Set(out.segments.map((s) => s.meta.TIME_SYSTEM));
  if (systems.size !== 1) throw new Error('TIME_SYSTEM changes within the OEM (§5.2.4.5)');
  return out;
}
