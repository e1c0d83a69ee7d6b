/**
 * Orbital element sets: what the rest of the engine imports. Parsing lives in
 * tle.ts (two-line element sets) and omm.ts (OMM JSON), shared types and
 * conventions in element-set.ts; this file adds the epoch-age warning.
 */
import { MS_PER_DAY } from '../core/constants';
import type { ElementRecord } from './element-set';

export { describeSgp4Error, MAX_NAME_CHARS, type ElementError, type ElementRecord, type ParseResult } from './element-set';
export { parseTle, tleChecksum, TLE_LINE_LENGTH, type ParseTleOptions } from './tle';
export { parseOmm } from './omm';

/**
 * Element sets whose epoch lies more than this many days from the scenario
 * start (before or after) draw a warning. SGP4 mean elements are fitted
 * around their epoch; in LEO the along-track error grows by kilometres per
 * day, and sets weeks old often decay under their own drag term.
 */
export const EPOCH_WARNING_DAYS = 30;

/** A loaded element set that deserves a note; `message` names its line or record. */
export interface ElementWarning {
  line?: number;
  index?: number;
  field: 'epoch';
  message: string;
}

/**
 * Warnings for records whose epoch is more than `maxDays` days from `startMs`
 * (ms since the Unix epoch, UTC). The records still load and run.
 */
export function epochWarnings(records: readonly ElementRecord[], startMs: number, maxDays = EPOCH_WARNING_DAYS): ElementWarning[] {
  const out: ElementWarning[] = [];
  for (const r of records) {
    const days = (r.epochMs - startMs) / MS_PER_DAY;
    if (!(Math.abs(days) > maxDays)) continue;
    const where = r.line !== undefined ? `line ${r.line}` : `record ${r.index ?? 0}`;
    const epoch = new Date(Math.round(r.epochMs)).toISOString();
    const side = days < 0 ? 'before' : 'after';
    out.push({
      ...(r.line !== undefined ? { line: r.line } : { index: r.index ?? 0 }),
      field: 'epoch',
      message: `${where}: element set ${r.noradId} (${r.name}) has epoch ${epoch}, ${Math.abs(days).toFixed(1)} days ${side} the scenario start (more than ${maxDays}); SGP4 accuracy degrades away from the epoch`,
    });
  }
  return out;
}

