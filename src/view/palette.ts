/**
 * Satellite state colours, shared by the point shader and the on-screen
 * legend (hex sRGB). Status bits are the engine's STATUS_* layout.
 */
import { LIMIT_POWER, LIMIT_STORAGE, LIMIT_THERMAL } from '../engine/node/compute';
import { LIVE_CONTACT, LIVE_ECLIPSE } from '../engine/live/instant';
import { STATUS_FAILED, STATUS_IDLE, STATUS_LIMIT_MASK } from '../engine/run/status';
export const STATE_COLOURS = {
  full: '#35e07a',
  eclipse: '#5b7bb8',
  power: '#ffb020',
  thermal: '#ff4d4d',
  storage: '#b36bff',
  idle: '#8a8f98',
  failed: '#3a3d44',
  pending: '#d8dde6',
  contact: '#7fe8ff',
  selected: '#ffffff',
} as const;

export type StateName = keyof typeof STATE_COLOURS;

export const LEGEND: ReadonlyArray<{ key: StateName; label: string; ring?: boolean }> = [
  { key: 'full', label: 'Full compute' },
  { key: 'eclipse', label: 'In eclipse (on battery)' },
  { key: 'power', label: 'Power-limited' },
  { key: 'thermal', label: 'Thermal-limited' },
  { key: 'storage', label: 'Storage-limited' },
  { key: 'idle', label: 'Idle' },
  { key: 'failed', label: 'Failed / decayed' },
  { key: 'pending', label: 'Awaiting analysis' },
  { key: 'contact', label: 'In ground contact', ring: true },
];

/** '#rrggbb' → GLSL vec3 literal in linear space (three.js renders in linear, outputs sRGB). */
export function glslColour(hex: string): string {
  const v = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return `vec3(${v.map((x) => x.toFixed(4)).join(', ')})`;
}

/**
 * The state a satellite is drawn in (the point shader's choice, same order:
 * failed, storage, thermal, power, idle, eclipse, full) from its analysis
 * status byte (−1: no analysis shown) and live flags, as the legend words it,
 * plus sunlit / eclipse and ground contact.
 */
export function satelliteStateLabel(status: number, flags: number): string {
  const eclipse = (flags & LIVE_ECLIPSE) !== 0;
  let key: StateName;
  if (status < 0) key = 'pending';
  else if (status & STATUS_FAILED) key = 'failed';
  else {
    const limit = status & STATUS_LIMIT_MASK;
    if (limit === LIMIT_STORAGE) key = 'storage';
    else if (limit === LIMIT_THERMAL) key = 'thermal';
    else if (limit === LIMIT_POWER) key = 'power';
    else if (status & STATUS_IDLE) key = 'idle';
    else key = eclipse ? 'eclipse' : 'full';
  }
  const parts = [LEGEND.find((x) => x.key === key)?.label ?? key];
  if (key !== 'eclipse') parts.push(eclipse ? 'in eclipse' : 'sunlit');
  if (flags & LIVE_CONTACT) parts.push('in ground contact');
  return parts.join(' · ');
}
