/** UTC time text and round time-axis steps for the timeline and the pass table (the charts’ axis rules, charts.ts timeAxis). */
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from '../engine/core/constants';

const STEPS = [1, 2, 5, 10, 15, 30].map((m) => m * MS_PER_MINUTE).concat([1, 2, 3, 6, 12].map((h) => h * MS_PER_HOUR), [1, 2, 5, 10, 15, 30, 60, 90, 180].map((d) => d * MS_PER_DAY));

/** The smallest round step giving at most `count` intervals over `spanMs`. */
export function niceTimeStep(spanMs: number, count: number): number {
  const raw = spanMs / Math.max(1, count);
  return STEPS.find((s) => s >= raw) ?? Math.ceil(raw / (365 * MS_PER_DAY)) * 365 * MS_PER_DAY;
}

/** Axis label: HH:mm within a day and a half, MM-DD HH:mm up to five days, MM-DD beyond (UTC). */
export function utcLabel(t: number, spanMs: number): string {
  const iso = new Date(t).toISOString();
  if (spanMs > 5 * MS_PER_DAY) return iso.slice(5, 10);
  return spanMs > 36 * MS_PER_HOUR ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
}

/** "2026-06-21 00:20:31Z" (seconds; UTC). */
export function utcText(t: number): string {
  if (!Number.isFinite(t)) return '—';
  const iso = new Date(t).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}Z`;
}
