/**
 * Satellite state colours, shared by the point shader and the on-screen
 * legend (hex sRGB). Status bits are the engine's STATUS_* layout.
 */
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
