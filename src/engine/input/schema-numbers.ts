/**
 * Number and text field builders shared by the scenario's schemas (zod):
 * finite numbers with messages that name what was wrong, in JSON terms.
 */
import { z } from 'zod';

/** Longest key or value echoed back in an error message (characters). */
export const MAX_ECHO_CHARS = 40;

/**
 * Smallest non-zero magnitude accepted. Below it (down to subnormals such as
 * 5e-324) products in the models lose all precision: a 5e-324 kWh battery
 * reports states of charge of 0 or twice the initial one, and satellite.js
 * SDP4 propagates a subnormal inclination to NaN.
 */
export const MIN_NONZERO_MAGNITUDE = 1e-100;

export const finite = () =>
  z
    .number({
      error: (iss) =>
        iss.code !== 'invalid_type' ? undefined : iss.input === undefined ? 'required' : `expected a finite number, got ${describe(iss.input)}`,
    })
    .refine((x) => x === 0 || Math.abs(x) >= MIN_NONZERO_MAGNITUDE, { error: `non-zero values must be at least ${MIN_NONZERO_MAGNITUDE} in magnitude` });
export const int = () => finite().int({ error: 'expected an integer' });
export const fraction = () => finite().min(0).max(1);
export const positive = () => finite().gt(0, { error: 'must be greater than 0' });
export const nonNegative = () => finite().min(0, { error: 'must be 0 or greater' });

export function describe(v: unknown): string {
  if (typeof v === 'string') return `string "${v.length > MAX_ECHO_CHARS ? `${v.slice(0, MAX_ECHO_CHARS)}…` : v}"`;
  if (typeof v === 'number') {
    // JSON text such as 1e400 decodes to ±Infinity; say so in JSON terms.
    if (Number.isNaN(v)) return 'a value that is not a number';
    if (!Number.isFinite(v)) return `a number too large to represent (${v > 0 ? '' : '-'}1e309 or beyond)`;
    return String(v);
  }
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

export const requiredOr = (message?: string) => (iss: { input?: unknown; code?: string }) =>
  iss.input === undefined ? 'required' : message;
