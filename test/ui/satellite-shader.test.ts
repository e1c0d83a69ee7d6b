// The satellite shader decodes the engine's status byte and live flags with
// the engine's constants: a JS mirror of its decoding, built from the
// #defines in the generated shader text, agrees with the engine's bit layout
// for every byte.
import { describe, expect, it } from 'vitest';
import { SATELLITE_VERTEX_SHADER } from '../../src/view/SatelliteLayer';
import { SHADER_CODES } from '../../src/view/status-glsl';
import { LIMIT_NONE, LIMIT_POWER, LIMIT_STORAGE, LIMIT_THERMAL } from '../../src/engine/node/compute';
import { LIVE_CONTACT, LIVE_ECLIPSE } from '../../src/engine/live/instant';
import { STATUS_CONTACT, STATUS_DOWNLINK, STATUS_ECLIPSE, STATUS_FAILED, STATUS_IDLE, STATUS_LIMIT_MASK } from '../../src/engine/run/status';

/** The shader's #defines as numbers. */
function defines(src: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of src.matchAll(/^#define (\w+) ([-\d.]+)$/gm)) out[m[1]] = Number(m[2]);
  return out;
}

/** JS mirror of the shader's hasBit / limitOf / isLimit and its colour choice (float arithmetic as in GLSL). */
function shaderState(d: Record<string, number>, status: number, flags: number): string {
  const mod = (x: number, y: number) => x - y * Math.floor(x / y);
  const hasBit = (v: number, bit: number) => mod(Math.floor(v / bit), 2) > 0.5;
  const limit = mod(status, d.STATUS_LIMIT_MASK + 1);
  const isLimit = (code: number) => Math.abs(limit - code) < 0.5;
  if (hasBit(status, d.STATUS_FAILED)) return 'failed';
  if (isLimit(d.LIMIT_STORAGE)) return 'storage';
  if (isLimit(d.LIMIT_THERMAL)) return 'thermal';
  if (isLimit(d.LIMIT_POWER)) return 'power';
  if (hasBit(status, d.STATUS_IDLE)) return 'idle';
  if (hasBit(flags, d.LIVE_ECLIPSE)) return 'eclipse';
  return 'full';
}

/** The engine's meaning of a status byte and flags, by bit operations. */
function engineState(status: number, flags: number): string {
  if (status & STATUS_FAILED) return 'failed';
  const limit = status & STATUS_LIMIT_MASK;
  if (limit === LIMIT_STORAGE) return 'storage';
  if (limit === LIMIT_THERMAL) return 'thermal';
  if (limit === LIMIT_POWER) return 'power';
  if (status & STATUS_IDLE) return 'idle';
  if (flags & LIVE_ECLIPSE) return 'eclipse';
  return 'full';
}

describe('satellite shader status decoding', () => {
  const d = defines(SATELLITE_VERTEX_SHADER);

  it('defines every code with the engine constant value', () => {
    expect(Object.keys(SHADER_CODES).length).toBeGreaterThan(0);
    for (const [k, v] of Object.entries(SHADER_CODES)) expect(d[k], k).toBe(v);
    expect(d).toMatchObject({ STATUS_LIMIT_MASK, STATUS_FAILED, STATUS_IDLE, LIMIT_POWER, LIMIT_THERMAL, LIMIT_STORAGE, LIVE_ECLIPSE, LIVE_CONTACT });
  });

  it('decodes every status byte and flag combination as the engine means it', () => {
    for (let status = 0; status < 256; status++) {
      for (let flags = 0; flags < 4; flags++) expect(shaderState(d, status, flags), `status ${status} flags ${flags}`).toBe(engineState(status, flags));
    }
    // Bits the colour does not depend on.
    expect(shaderState(d, STATUS_ECLIPSE | STATUS_CONTACT | STATUS_DOWNLINK, 0)).toBe('full');
    expect(shaderState(d, LIMIT_NONE, 0)).toBe('full');
  });

  it('decodes only through the defines (no numeric bit positions in the shader body)', () => {
    const body = SATELLITE_VERTEX_SHADER.slice(SATELLITE_VERTEX_SHADER.indexOf('void main()'));
    expect(body).toMatch(/limitOf\(status\)/);
    expect(body).toMatch(/hasBit\(status, STATUS_FAILED\)/);
    expect(body).toMatch(/hasBit\(status, STATUS_IDLE\)/);
    expect(body).toMatch(/hasBit\(flags, LIVE_ECLIPSE\)/);
    expect(body).toMatch(/hasBit\(flags, LIVE_CONTACT\)/);
    expect(body).not.toMatch(/mod\((status|flags), \d/);
    expect(body).not.toMatch(/(status|flags) \/ \d/);
  });
});
