/**
 * Size of a run as satellites × steps, estimated on the page from a scenario
 * (valid or not) without building the constellation: generated designs count
 * their planes × satellites; element sets count TLE line-1 records or OMM
 * records. Used to send large runs to geometry sub-workers, one at a time.
 */
import { stepCount } from '../engine/orbit/run-grid';
import { POOL_MIN_SATELLITE_STEPS } from '../../workers/protocol';

function num(x: unknown, fallback: number): number {
  return typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : fallback;
}

/** Satellites a scenario's constellation will have (0 when it cannot tell). */
export function estimateSatellites(input: unknown): number {
  const c = (input as { constellation?: Record<string, unknown> } | null)?.constellation;
  if (!c || typeof c !== 'object') return 0;
  switch (c.type) {
    case 'walker':
      return num(c.planes, 0) * num(c.satellitesPerPlane, 0);
    case 'sso':
      return num(c.planes, 1) * num(c.satellitesPerPlane, 0);
    case 'cluster':
      return num(c.satellites, 81);
    case 'tle': {
      if (typeof c.text !== 'string') return 0;
      let n = 0;
      for (let i = c.text.indexOf('\n1 '); i >= 0; i = c.text.indexOf('\n1 ', i + 3)) n++;
      return n + (c.text.startsWith('1 ') ? 1 : 0);
    }
    case 'omm':
      return Array.isArray(c.records) ? c.records.length : 0;
    default:
      return 0;
  }
}

/** Satellites × steps of a scenario (0 when it cannot tell); steps as the engine's run grid counts them. */
export function estimateSatelliteSteps(input: unknown): number {
  const s = input as { durationHours?: unknown; stepSeconds?: unknown } | null;
  if (!s || typeof s !== 'object') return 0;
  return estimateSatellites(input) * stepCount({ durationHours: num(s.durationHours, 24), stepSeconds: num(s.stepSeconds, 60) });
}

/** Whether a run of `input` is large enough for geometry sub-workers (and runs alone). */
export function isLargeRun(input: unknown): boolean {
  return estimateSatelliteSteps(input) >= POOL_MIN_SATELLITE_STEPS;
}
