/**
 * Element-set age: SGP4 mean elements lose accuracy with the time propagated
 * from their epoch (roughly 1–3 km per day for LEO), so a scenario that starts
 * long after (or before) its element epochs gives positions of little value.
 * The warning counts the sets whose epoch is more than `maxAgeDays` from the
 * scenario start (the engine's epochWarnings rule, aggregated for display).
 */
import { MS_PER_DAY } from '../engine/core/constants';
import { EPOCH_WARNING_DAYS } from '../engine/input/elements';

/** The CLI's threshold (engine EPOCH_WARNING_DAYS), so app and CLI warn about the same sets. */
export const DEFAULT_MAX_AGE_DAYS = EPOCH_WARNING_DAYS;

export interface EpochReport {
  count: number;
  /** Sets whose epoch is more than maxAgeDays before the start. */
  older: number;
  /** Sets whose epoch is more than maxAgeDays after the start. */
  newer: number;
  /** Largest start − epoch (days; negative when every epoch is after the start). */
  oldestAgeDays: number;
  newestEpochMs: number;
  oldestEpochMs: number;
}

export function epochReport(epochMs: ArrayLike<number>, startMs: number, maxAgeDays: number): EpochReport {
  let older = 0;
  let newer = 0;
  let oldest = Number.POSITIVE_INFINITY;
  let newest = Number.NEGATIVE_INFINITY;
  const limit = maxAgeDays * MS_PER_DAY;
  for (let i = 0; i < epochMs.length; i++) {
    const e = epochMs[i];
    if (!Number.isFinite(e)) continue;
    if (startMs - e > limit) older++;
    else if (e - startMs > limit) newer++;
    if (e < oldest) oldest = e;
    if (e > newest) newest = e;
  }
  return { count: epochMs.length, older, newer, oldestAgeDays: (startMs - oldest) / MS_PER_DAY, newestEpochMs: newest, oldestEpochMs: oldest };
}

const fmtDays = (d: number) => (d >= 100 ? d.toFixed(0) : d.toFixed(1));

/** The warning text, or null when every set is within `maxAgeDays` of the start. */
export function epochWarning(epochMs: ArrayLike<number>, startMs: number, maxAgeDays: number): string | null {
  const r = epochReport(epochMs, startMs, maxAgeDays);
  if (r.older === 0 && r.newer === 0) return null;
  const n = r.count.toLocaleString('en-US');
  const parts: string[] = [];
  if (r.older > 0) {
    parts.push(
      `${r.older.toLocaleString('en-US')} of ${n} element sets are more than ${maxAgeDays} days older than the scenario start (oldest ${fmtDays(r.oldestAgeDays)} days)`,
    );
  }
  if (r.newer > 0) parts.push(`${r.newer.toLocaleString('en-US')} of ${n} have epochs more than ${maxAgeDays} days after the start`);
  return `${parts.join('; ')}. SGP4 accuracy degrades with the time from the epoch: start nearer the epochs (newest ${new Date(r.newestEpochMs).toISOString().slice(0, 16)}Z) or load fresher sets.`;
}

/** A scenario start (ISO 8601 UTC, whole seconds as scenarios write them) for a time in ms. */
export function startUtcOf(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** A start time for imported sets: the newest epoch, rounded down to the minute ("start at the sets' epoch"). */
export function startForEpochs(epochMs: ArrayLike<number>): number | undefined {
  let newest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < epochMs.length; i++) if (epochMs[i] > newest) newest = epochMs[i];
  return Number.isFinite(newest) ? Math.floor(newest / 60_000) * 60_000 : undefined;
}
