/**
 * Share links: the design set (normalised scenarios, the active and the
 * baseline design) and where the sharer was looking (tab, sim time, selected
 * satellite, camera: optional, older links have none) as JSON, compressed
 * with the browser's
 * CompressionStream('deflate-raw') and base64url-encoded into the URL hash:
 *   https://host/#designs=<token>
 * Decoding checks the token's size and alphabet, caps the inflated size, and
 * validates every design with the engine's parseScenario before anything uses
 * it; problems come back as one message for an inline notice. A view part
 * that does not check out is left out (the designs still load).
 */
import { formatIssue, parseScenario, type Scenario } from '../engine/input/scenario';

export const SHARE_KEY = 'designs';
/** Largest token accepted or produced (characters of base64url). */
export const MAX_SHARE_CHARS = 64 * 1024;
/** Largest inflated JSON accepted (guards against deflate bombs). */
export const MAX_SHARE_JSON_BYTES = 8 * 1024 * 1024;
export const MAX_SHARE_DESIGNS = 32;
const VERSION = 1;

export const SHARE_TABS = ['design', 'compare', 'sweep'] as const;
export type ShareTab = (typeof SHARE_TABS)[number];

/** Largest camera state accepted (characters of JSON). */
const MAX_CAMERA_JSON = 2000;

/** Where the sharer was looking; every part optional. */
export interface ShareView {
  tab?: ShareTab;
  /** Sim time, ms since the Unix epoch (UTC). */
  timeMs?: number;
  /** Selected satellite of the active design: index and name (restoring prefers the name when they disagree). */
  selection?: { index: number; name: string };
  /** The main 3D view's camera (DesignView.cameraState()): plain JSON numbers and short strings, opaque here. */
  camera?: unknown;
}

export interface SharedSet {
  designs: Scenario[];
  /** Index of the design shown and edited. */
  active: number;
  /** Index of the comparison baseline. */
  baseline: number;
  view: ShareView;
}

export type ShareOutcome<T> = { ok: true; value: T } | { ok: false; message: string };

export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(s: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) return undefined;
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function deflate(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Inflates, stopping once more than `maxBytes` come out. */
async function inflate(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array | 'too-large'> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      return 'too-large';
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** The share token of a design set, or why it cannot be shared as a link. */
export async function encodeShare(designs: readonly Scenario[], active: number, baseline: number, view: ShareView = {}): Promise<ShareOutcome<string>> {
  if (designs.length === 0) return { ok: false, message: 'no valid design to share' };
  if (designs.length > MAX_SHARE_DESIGNS) return { ok: false, message: `a link holds at most ${MAX_SHARE_DESIGNS} designs` };
  const checked = checkView(view);
  const json = JSON.stringify({ v: VERSION, designs, active, baseline, ...(Object.keys(checked).length ? { view: checked } : {}) });
  const token = toBase64Url(await deflate(json));
  if (token.length > MAX_SHARE_CHARS) {
    return {
      ok: false,
      message: `the design set is too large for a link (${Math.ceil(token.length / 1024)} KB compressed, limit ${MAX_SHARE_CHARS / 1024} KB); save it as a file instead`,
    };
  }
  return { ok: true, value: token };
}

/** Decodes and validates a share token. */
export async function decodeShare(token: string): Promise<ShareOutcome<SharedSet>> {
  if (token.length > MAX_SHARE_CHARS) return { ok: false, message: `the link is too long (${Math.ceil(token.length / 1024)} KB, limit ${MAX_SHARE_CHARS / 1024} KB)` };
  const bytes = fromBase64Url(token);
  if (!bytes || bytes.length === 0) return { ok: false, message: 'the link is damaged (not base64url)' };
  let raw: Uint8Array | 'too-large';
  try {
    raw = await inflate(bytes, MAX_SHARE_JSON_BYTES);
  } catch {
    return { ok: false, message: 'the link is damaged (not deflate data)' };
  }
  if (raw === 'too-large') return { ok: false, message: `the link expands beyond ${MAX_SHARE_JSON_BYTES / 1024 / 1024} MB` };
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    return { ok: false, message: 'the link is damaged (not JSON)' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, message: 'the link holds no design set' };
  const o = value as Record<string, unknown>;
  if (o.v !== VERSION) return { ok: false, message: `unsupported link version ${JSON.stringify(o.v)}` };
  if (!Array.isArray(o.designs) || o.designs.length === 0) return { ok: false, message: 'the link holds no designs' };
  if (o.designs.length > MAX_SHARE_DESIGNS) return { ok: false, message: `the link holds more than ${MAX_SHARE_DESIGNS} designs` };
  const designs: Scenario[] = [];
  for (let i = 0; i < o.designs.length; i++) {
    const r = parseScenario(o.designs[i]);
    if (!r.ok) return { ok: false, message: `design ${i + 1} in the link is invalid: ${r.issues.slice(0, 3).map(formatIssue).join('; ')}` };
    designs.push(r.scenario);
  }
  const index = (x: unknown) => (Number.isInteger(x) && (x as number) >= 0 && (x as number) < designs.length ? (x as number) : 0);
  return { ok: true, value: { designs, active: index(o.active), baseline: index(o.baseline), view: checkView(o.view) } };
}

/** A JSON value of finite numbers and short strings in objects and arrays (depth ≤ 4), e.g. a camera's vectors and frame name. */
function plainNumbers(x: unknown, depth = 0): boolean {
  if (typeof x === 'number') return Number.isFinite(x);
  if (typeof x === 'string') return x.length <= 32;
  if (depth >= 4 || x === null || typeof x !== 'object') return false;
  return Object.values(x as Record<string, unknown>).every((v) => plainNumbers(v, depth + 1));
}

/** The parts of a view that check out (unknown keys and bad values left out). */
export function checkView(x: unknown): ShareView {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return {};
  const o = x as Record<string, unknown>;
  const v: ShareView = {};
  if (typeof o.tab === 'string' && (SHARE_TABS as readonly string[]).includes(o.tab)) v.tab = o.tab as ShareTab;
  if (typeof o.timeMs === 'number' && Number.isFinite(o.timeMs) && Math.abs(o.timeMs) < 8.64e15) v.timeMs = Math.round(o.timeMs);
  const s = o.selection as Record<string, unknown> | undefined;
  if (s && typeof s === 'object' && Number.isInteger(s.index) && (s.index as number) >= 0 && typeof s.name === 'string' && s.name.length <= 200) {
    v.selection = { index: s.index as number, name: s.name };
  }
  if (o.camera !== undefined && plainNumbers(o.camera) && JSON.stringify(o.camera).length <= MAX_CAMERA_JSON) v.camera = o.camera;
  return v;
}

/** The token in a location hash such as `#designs=…`, if any. */
export function tokenFromHash(hash: string): string | undefined {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of h.split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq) === SHARE_KEY) return part.slice(eq + 1);
  }
  return undefined;
}

/** A share URL: `base` (page URL without hash) plus the token in the hash. */
export function shareUrl(base: string, token: string): string {
  return `${base.replace(/#.*$/, '')}#${SHARE_KEY}=${token}`;
}
