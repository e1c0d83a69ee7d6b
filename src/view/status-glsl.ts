/**
 * The engine's per-satellite codes as GLSL, for the satellite point shader:
 * `#define`s built from the engine's constants (run/status.ts STATUS_* bits
 * of the analysis status byte, node/compute.ts LIMIT_* codes, live/instant.ts
 * LIVE_* flag bits of a live instant) and two decoding functions. WebGL 1
 * attributes are floats without bit operations, so a bit b (a power of two)
 * of an integer-valued v is mod(floor(v / b), 2), and the low-bit limit
 * field is mod(v, mask + 1).
 */
import { LIMIT_POWER, LIMIT_STORAGE, LIMIT_THERMAL } from '../engine/node/compute';
import { LIVE_CONTACT, LIVE_ECLIPSE } from '../engine/live/instant';
import { STATUS_FAILED, STATUS_IDLE, STATUS_LIMIT_MASK } from '../engine/run/status';

/** The values the shader decodes with, by GLSL name. */
export const SHADER_CODES = {
  STATUS_LIMIT_MASK,
  STATUS_FAILED,
  STATUS_IDLE,
  LIMIT_POWER,
  LIMIT_THERMAL,
  LIMIT_STORAGE,
  LIVE_ECLIPSE,
  LIVE_CONTACT,
} as const;

const isPowerOfTwo = (v: number) => v > 0 && (v & (v - 1)) === 0;
// The decoding below needs single bits and a limit field in the low bits.
for (const b of [STATUS_FAILED, STATUS_IDLE, LIVE_ECLIPSE, LIVE_CONTACT]) if (!isPowerOfTwo(b)) throw new Error(`status bit ${b} is not a single bit`);
if (!isPowerOfTwo(STATUS_LIMIT_MASK + 1)) throw new Error(`STATUS_LIMIT_MASK ${STATUS_LIMIT_MASK} is not a low-bit field`);

/** `#define NAME value.0` per code. */
export function glslDefines(codes: Readonly<Record<string, number>>): string {
  return Object.entries(codes)
    .map(([k, v]) => `#define ${k} ${Number.isInteger(v) ? v.toFixed(1) : String(v)}`)
    .join('\n');
}

/** GLSL: the defines, hasBit(v, bit), limitOf(status) and isLimit(limit, code). */
export const STATUS_GLSL = /* glsl */ `
${glslDefines(SHADER_CODES)}
bool hasBit(float v, float bit) { return mod(floor(v / bit), 2.0) > 0.5; }
float limitOf(float status) { return mod(status, STATUS_LIMIT_MASK + 1.0); }
bool isLimit(float limit, float code) { return abs(limit - code) < 0.5; }
`;
