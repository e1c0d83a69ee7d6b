/**
 * Fixed-point numbers as bytes for the ephemeris and event files (oem.ts,
 * stk-ephemeris.ts, event-csv.ts): x written with exactly d digits after the
 * point,
 *   n = round(|x| · 10^d)  (one IEEE multiplication, then Math.round),
 *   text = [-] ⌊n / 10^d⌋ "." (n mod 10^d, zero-padded to d digits),
 * no exponent, no sign when n = 0. Only exact integer operations follow the
 * one multiplication, so every JavaScript engine writes the same bytes (the
 * CLI under Node and the browser's worker under Chromium). The last digit may
 * differ from the correctly rounded decimal at near-ties (|x|·10^d is rounded
 * once before Math.round); it is never off by more than one unit there.
 * CCSDS 502.0-B-3 §7.5.6 allows at most 16 digits in a fixed-point value:
 * callers keep |x| · 10^d below 10^15 (positions below 10^9 km at d = 6).
 */
import { putInt } from './byte-writer';

/** 10^k for k = 0…15, exact doubles. */
const POW10 = Array.from({ length: 16 }, (_, k) => Number(`1e${k}`));

/** Largest n = round(|x|·10^d) written by the digit path (beyond: the string fallback). */
const MAX_EXACT = Number.MAX_SAFE_INTEGER; // 2^53 − 1

const noNonFinite = (x: number): string => String(x);

/**
 * Writes x with `decimals` (0…15) digits after the point at byte p of a
 * reserved row (byte-writer.ts conventions) and returns the end. Non-finite
 * values and |x|·10^d ≥ 2^53 fall back to Number.prototype.toFixed (exactly
 * specified by ECMAScript, so still the same bytes everywhere).
 */
export function putFixed(v: DataView, p: number, x: number, decimals: number): number {
  const scale = POW10[decimals];
  const n = Math.round(Math.abs(x) * scale);
  if (!(n <= MAX_EXACT)) {
    const s = Number.isFinite(x) ? x.toFixed(decimals) : String(x);
    for (let i = 0; i < s.length; i++) v.setUint8(p + i, s.charCodeAt(i));
    return p + s.length;
  }
  if (x < 0 && n > 0) v.setUint8(p++, 0x2d); // -
  const whole = Math.floor(n / scale);
  p = putInt(v, p, whole, noNonFinite);
  if (decimals === 0) return p;
  v.setUint8(p++, 0x2e); // .
  let frac = n - whole * scale; // exact: whole · scale ≤ n < 2^53
  for (let q = p + decimals - 1; q >= p; q--) {
    const r = frac % 10;
    v.setUint8(q, 0x30 + r);
    frac = (frac - r) / 10;
  }
  return p + decimals;
}

/** Bytes putFixed writes at most for |x| < 10^digitsBefore: sign, digits, point, decimals. */
export function fixedWidth(digitsBefore: number, decimals: number): number {
  return 1 + digitsBefore + 1 + decimals;
}
