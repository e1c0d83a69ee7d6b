/**
 * The chunked byte encoder behind the result files (result-json.ts,
 * series-csv.ts): rows are written straight into byte chunks through a
 * DataView, whose 16- and 32-bit stores move several bytes at once (which is
 * what makes it fast: ≈500 MB/s), and numbers and UTC times are laid out
 * digit by digit with the bytes String(), roundSig() and formatUtc() give
 * (byte-identical to JSON.stringify of the reference rows, tested). Knows
 * nothing of the document: rows are laid out by series-rows.ts and
 * result-json.ts.
 */
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from '../core/constants';
import { formatUtc } from '../core/time';
import { roundSig } from './result';

/**
 * Receives the streamed output. Each chunk is a view of a fresh buffer that
 * the writer never touches again, so callers may keep it (e.g. as a Blob part).
 */
export type ByteWrite = (bytes: Uint8Array<ArrayBuffer>) => void;

// ---------------------------------------------------------------------------
// Chunks

const encoder = new TextEncoder();

/** Room every row reserves beyond its bound, for the overshoot of putBytes. */
const OVERSHOOT = 4;

/**
 * Fills chunks of at most `chunkBytes` and hands each to `write` exactly once.
 * A row is written as `v = reserve(bound); p = pos; p = put…(v, p, …); pos = p`,
 * with `bound` an upper bound of the row's length.
 */
export class ChunkSink {
  buf: Uint8Array<ArrayBuffer>;
  view: DataView;
  pos = 0;
  private readonly size: number;

  constructor(
    private readonly write: ByteWrite,
    chunkBytes: number,
  ) {
    this.size = Math.max(1, Math.floor(chunkBytes));
    this.buf = new Uint8Array(this.size);
    this.view = new DataView(this.buf.buffer);
  }

  /**
   * A view of the current chunk with room for `n` more bytes at `pos`: hands
   * the chunk over first when they might not fit, and gives a row longer than
   * a chunk an oversized chunk of its own.
   */
  reserve(n: number): DataView {
    n += OVERSHOOT;
    if (this.pos + n > this.buf.length || this.buf.length > this.size) {
      this.flush();
      if (n > this.buf.length) this.start(n);
    }
    return this.view;
  }

  /** Appends bytes of any length, filling chunks. */
  bytes(src: Uint8Array): void {
    for (let i = 0; i < src.length; ) {
      if (this.pos >= this.size || this.buf.length > this.size) this.flush();
      const n = Math.min(src.length - i, this.size - this.pos);
      this.buf.set(src.subarray(i, i + n), this.pos);
      this.pos += n;
      i += n;
    }
  }

  /** Appends the UTF-8 of a string. */
  text(s: string): void {
    this.bytes(encoder.encode(s));
  }

  /** Hands over the bytes written so far, if any, and starts a fresh chunk of the normal size. */
  flush(): void {
    if (this.pos > 0) this.write(this.buf.subarray(0, this.pos));
    if (this.pos > 0 || this.buf.length !== this.size) this.start(this.size);
  }

  private start(capacity: number): void {
    this.buf = new Uint8Array(capacity);
    this.view = new DataView(this.buf.buffer);
    this.pos = 0;
  }
}

/** A byte string as the values of little-endian 32-bit words (zero-padded), for putBytes. */
export interface Words {
  words: Uint32Array;
  length: number;
}

/** Bytes as Words (on any platform: the word values are read little-endian). */
function toWords(bytes: Uint8Array): Words {
  const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
  padded.set(bytes);
  const view = new DataView(padded.buffer);
  return { words: Uint32Array.from({ length: padded.length / 4 }, (_, i) => view.getUint32(4 * i, true)), length: bytes.length };
}

/** The UTF-8 of a string, as Words. */
export const words = (s: string): Words => toWords(encoder.encode(s));

/** Longest value a row field can take: String(number) ≤ 25 bytes, formatUtc ≤ 27. */
export const FIELD_MAX = 32;

// ---------------------------------------------------------------------------
// Fields. Each put* writes at byte p of a reserved row and returns the end.

/** Writes `s` a word at a time; may also write up to 3 bytes after it (reserved; overwritten or dropped). */
export function putBytes(v: DataView, p: number, s: Words): number {
  const w = s.words;
  for (let i = 0; i < w.length; i++) v.setUint32(p + 4 * i, w[i], true);
  return p + s.length;
}

/** Writes an ASCII string (number and timestamp fallbacks). */
function putAscii(v: DataView, p: number, s: string): number {
  for (let i = 0; i < s.length; i++) v.setUint8(p + i, s.charCodeAt(i));
  return p + s.length;
}

/** 10^k for k = 0…22, all exact doubles. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
/** The doubles nearest to 10^-k (not exact). */
const POW10_NEG = Array.from({ length: 23 }, (_, k) => Number(`1e-${k}`));

/** ASCII of 00, 01, …, 99 as little-endian 16-bit words. */
const DIGIT_PAIRS = Uint16Array.from({ length: 100 }, (_, i) => (0x30 + Math.floor(i / 10)) | ((0x30 + (i % 10)) << 8));

/** Writes the k decimal digits of the integer 0 ≤ n < min(10^k, 2^31), leading zeros included (int32 arithmetic). */
function putDigits(v: DataView, p: number, n: number, k: number): number {
  n |= 0;
  let q = p + k;
  while (q - p >= 2) {
    const d = (n / 100) | 0;
    q -= 2;
    v.setUint16(q, DIGIT_PAIRS[n - d * 100], true);
    n = d;
  }
  if (q > p) v.setUint8(p, 0x30 + n);
  return p + k;
}

/** Writes String(x) for a safe integer x ≥ 0 (or −0). */
function putUint(v: DataView, p: number, x: number): number {
  let k = 1;
  while (k < 16 && x >= POW10[k]) k++;
  if (x < 0x7fffffff) return putDigits(v, p, x, k);
  for (let q = p + k - 1; q >= p; q--) {
    const r = x % 10;
    v.setUint8(q, 0x30 + r);
    x = (x - r) / 10; // exact: x − r is a multiple of 10
  }
  return p + k;
}

/** Writes a value as String(x) when finite, else as nonFinite(x); safe integers take a digit loop. */
export function putInt(v: DataView, p: number, x: number, nonFinite: (x: number) => string): number {
  if (!Number.isSafeInteger(x)) return putAscii(v, p, Number.isFinite(x) ? String(x) : nonFinite(x));
  if (x < 0) {
    v.setUint8(p++, 0x2d);
    x = -x;
  }
  return putUint(v, p, x);
}

/**
 * Writes String(roundSig(x, digits)) for digits ≤ 9. Fast path: the digits
 * n and exponent e of x.toPrecision(digits) found with one exact scaling by a
 * power of ten, then String(Number(that)) laid out directly. That is exact:
 * the scaled value is off by less than 2^-23 (one rounding, below 2^30), so
 * rounding it to an integer agrees with toPrecision unless it lies within
 * 1e-6 of a half (ties and near-ties fall back), and a decimal of ≤ 15
 * significant digits is the shortest round trip of the double nearest to it,
 * so String(Number(s)) has the digits of n without trailing zeros, in fixed
 * notation for 1e-6 ≤ |x| < 1e21 (exponents −6…20). Everything else falls
 * back to the string path.
 */
export function putSig(v: DataView, p: number, x: number, digits: number): number {
  if (x === 0 || !Number.isFinite(x)) {
    v.setUint8(p, 0x30); // roundSig: 0, −0 and non-finite values are 0
    return p + 1;
  }
  const a = Math.abs(x);
  const lo = POW10[digits - 1];
  const hi = POW10[digits];
  let e = decimalExponent(a);
  let m = scaleByPow10(a, digits - 1 - e);
  if (m < lo) m = scaleByPow10(a, digits - 1 - --e);
  else if (m >= hi) m = scaleByPow10(a, digits - 1 - ++e);
  const whole = Math.floor(m);
  const frac = m - whole; // exact
  if (e < -6 || e > 20 || !(m >= lo && m < hi) || Math.abs(frac - 0.5) < 1e-6) return putAscii(v, p, String(roundSig(x, digits)));
  let n = (frac > 0.5 ? whole + 1 : whole) | 0; // < 10^9 < 2^31
  if (n === hi) {
    n = lo;
    if (++e > 20) return putAscii(v, p, String(roundSig(x, digits)));
  }
  if (x < 0) v.setUint8(p++, 0x2d);
  return putFixed(v, p, n, digits, e);
}

/** floor(log10(a)) for 1e-7 ≤ a < 1e22, possibly off by one; out-of-range values give −8 or 22. */
function decimalExponent(a: number): number {
  let e = 0;
  if (a >= 1) while (e < 22 && a >= POW10[e + 1]) e++;
  else while (e > -8 && a < POW10_NEG[-e]) e--; // 10^-k is not exact, hence "off by one"
  return e;
}

/** a · 10^k, rounded once (10^|k| is exact for |k| ≤ 22); NaN for other k. */
function scaleByPow10(a: number, k: number): number {
  if (k > 22 || k < -22) return Number.NaN;
  return k >= 0 ? a * POW10[k] : a / POW10[-k];
}

/**
 * Writes n · 10^(e − digits + 1) (10^(digits−1) ≤ n < 10^digits, −6 ≤ e ≤ 20)
 * as Number.prototype.toString writes it: fixed notation, no trailing zeros
 * after the point, no point when there is no fraction.
 */
function putFixed(v: DataView, p: number, n: number, digits: number, e: number): number {
  let k = digits;
  for (let d = (n / 10) | 0; d * 10 === n; d = (n / 10) | 0) {
    n = d;
    k--;
  }
  const point = e + 1; // digits before the decimal point
  if (point <= 0) {
    v.setUint16(p, 0x2e30, true); // "0."
    p += 2;
    for (let i = point; i < 0; i++) v.setUint8(p++, 0x30);
    return putDigits(v, p, n, k);
  }
  if (point >= k) {
    p = putDigits(v, p, n, k);
    for (let i = k; i < point; i++) v.setUint8(p++, 0x30);
    return p;
  }
  const unit = POW10[k - point];
  const whole = (n / unit) | 0;
  p = putDigits(v, p, whole, point);
  v.setUint8(p++, 0x2e); // .
  return putDigits(v, p, n - whole * unit, k - point);
}

/** 0000-01-01T00:00:00.000Z and 10000-01-01T00:00:00.000Z: formatUtc writes four-digit years in between. */
const FOUR_DIGIT_YEARS_MS = [-62_167_219_200_000, 253_402_300_800_000] as const;

/**
 * formatUtc as bytes, for long streams of times: the `YYYY-MM-DDT` part is
 * cached per UTC day (computed from the day number, proleptic Gregorian as
 * Date), the clock part written from integers. Years outside 0000–9999 and
 * invalid times go through formatUtc (which throws for the latter).
 */
export class UtcBytes {
  /** Start of the cached day (ms) and its `YYYY-MM-DDT` (11 bytes in 3 little-endian words). */
  private dayMs = Number.NaN;
  private readonly date = new Uint32Array(3);
  private readonly scratch = new DataView(new ArrayBuffer(12));

  put(v: DataView, p: number, timeMs: number): number {
    const t = Math.round(timeMs);
    let r = t - this.dayMs;
    if (!(r >= 0 && r < MS_PER_DAY)) {
      if (!(t >= FOUR_DIGIT_YEARS_MS[0] && t < FOUR_DIGIT_YEARS_MS[1])) return putAscii(v, p, formatUtc(t));
      this.setDay(Math.floor(t / MS_PER_DAY));
      r = t - this.dayMs;
    }
    const date = this.date;
    v.setUint32(p, date[0], true);
    v.setUint32(p + 4, date[1], true);
    v.setUint32(p + 8, date[2], true); // its 12th byte is overwritten next
    r |= 0; // 0 ≤ r < 86 400 000
    const h = (r / MS_PER_HOUR) | 0;
    r -= h * MS_PER_HOUR;
    const m = (r / MS_PER_MINUTE) | 0;
    r -= m * MS_PER_MINUTE;
    const s = (r / 1000) | 0;
    r -= s * 1000;
    const ms100 = (r / 100) | 0;
    v.setUint16(p + 11, DIGIT_PAIRS[h], true);
    v.setUint8(p + 13, 0x3a); // :
    v.setUint16(p + 14, DIGIT_PAIRS[m], true);
    v.setUint8(p + 16, 0x3a);
    v.setUint16(p + 17, DIGIT_PAIRS[s], true);
    v.setUint16(p + 19, 0x302e + ms100 * 0x100, true); // "." and the hundreds of ms
    v.setUint16(p + 21, DIGIT_PAIRS[r - ms100 * 100], true);
    v.setUint8(p + 23, 0x5a); // Z
    return p + 24;
  }

  /** Caches the civil date of a day number (days since 1970-01-01), after H. Hinnant's civil_from_days. */
  private setDay(day: number): void {
    const z = day + 719_468;
    const era = Math.floor(z / 146_097);
    const doe = z - era * 146_097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const month = mp < 10 ? mp + 3 : mp - 9;
    const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    const v = this.scratch;
    putDigits(v, 0, year, 4);
    v.setUint8(4, 0x2d); // -
    putDigits(v, 5, month, 2);
    v.setUint8(7, 0x2d);
    putDigits(v, 8, d, 2);
    v.setUint8(10, 0x54); // T
    for (let i = 0; i < 3; i++) this.date[i] = v.getUint32(4 * i, true);
    this.dayMs = day * MS_PER_DAY;
  }
}

