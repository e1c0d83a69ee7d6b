/**
 * Satellite state colours, shared by the point shader and the on-screen
 * legend (hex sRGB), and the colour ramp of inter-satellite link rates.
 * Status bits are the engine's STATUS_* layout.
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

/** '#rrggbb' → linear-RGB components 0 … 1 (the sRGB transfer function, IEC 61966-2-1). */
export function linearRgb(hex: string): [number, number, number] {
  const v = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return [v[0], v[1], v[2]];
}

/** '#rrggbb' → GLSL vec3 literal in linear space (three.js renders in linear, outputs sRGB). */
export function glslColour(hex: string): string {
  return `vec3(${linearRgb(hex).map((x) => x.toFixed(4)).join(', ')})`;
}

/**
 * Colour ramp of inter-satellite link rates, slow → fast: matplotlib's
 * perceptually uniform 'plasma' map (van der Walt & Smith, 2015, CC0; the
 * 256-entry table as d3-scale-chromatic ships it) sampled at t = 0.3, 0.4 …
 * 1.0, entries 77, 102, 128, 153, 179, 204, 230, 255. Its darkest third is
 * left out: it would vanish against the black sky.
 */
export const ISL_RATE_RAMP: readonly string[] = ['#910ea3', '#b12a90', '#cc4778', '#e16462', '#f2844b', '#fca636', '#fcce25', '#f0f921'];

/** Entries of the ramp's lookup table. */
export const ISL_RATE_STEPS = 64;

/** The ramp as ISL_RATE_STEPS linear-RGB triples (interpolated between the stops in linear RGB), for vertex colours. */
export const ISL_RATE_LUT: Float32Array = (() => {
  const stops = ISL_RATE_RAMP.map(linearRgb);
  const out = new Float32Array(3 * ISL_RATE_STEPS);
  for (let k = 0; k < ISL_RATE_STEPS; k++) {
    const x = (k / (ISL_RATE_STEPS - 1)) * (stops.length - 1);
    const s = Math.min(stops.length - 2, Math.floor(x));
    const f = x - s;
    for (let c = 0; c < 3; c++) out[3 * k + c] = stops[s][c] + f * (stops[s + 1][c] - stops[s][c]);
  }
  return out;
})();

/**
 * Position 0 … 1 of rate `rateGbps` on the legend's scale, logarithmic from
 * `lowGbps` (the rate at the longest link) to `capGbps` (the terminal rate):
 * rate ∝ 1/d², so equal steps are equal ratios of distance. 1 when the scale
 * is empty (every link at the cap).
 */
export function islRatePosition(rateGbps: number, lowGbps: number, capGbps: number): number {
  if (!(capGbps > lowGbps) || !(lowGbps > 0)) return 1;
  const t = Math.log(rateGbps / lowGbps) / Math.log(capGbps / lowGbps);
  return t > 0 ? (t < 1 ? t : 1) : 0;
}

/** LUT entry (0 … ISL_RATE_STEPS − 1) of rate `rateGbps` on the scale lowGbps … capGbps. */
export function islRateIndex(rateGbps: number, lowGbps: number, capGbps: number): number {
  return Math.round(islRatePosition(rateGbps, lowGbps, capGbps) * (ISL_RATE_STEPS - 1));
}

/** The ramp as a CSS gradient, slow (left) → fast (right). */
export function islRateGradientCss(): string {
  return `linear-gradient(90deg, ${ISL_RATE_RAMP.map((c, k) => `${c} ${((100 * k) / (ISL_RATE_RAMP.length - 1)).toFixed(1)}%`).join(', ')})`;
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
