/**
 * All satellites as one THREE.Points draw call. Per-satellite data lives in
 * flat typed arrays with a fixed stride: two instants from the live worker
 * (positions in Earth radii and velocities in Earth radii per second, scene
 * frame; eclipse / station-in-view flags), and the analysis status byte of
 * the current step. The vertex shader places each satellite at the sim time
 * between the two instants by cubic Hermite interpolation of their states
 * (uniforms u and dtS), so the satellites move smoothly at any warp while
 * the worker updates at its own pace; the CPU never touches positions per
 * frame. Instant arrays are used as they are (SharedArrayBuffer views or the
 * worker's transferred buffers): two attribute sets alternate, and each
 * instant is uploaded once. The status array is filled from the analysis'
 * statusCodes when the status row changes; the shader decodes it, and the
 * flags, with the engine's constants (status-glsl.ts).
 *
 * Floating origin (camera follow at metre scale): the points are drawn
 * relative to an origin O, the followed satellite's interpolated position.
 * The Hermite weights sum to one (h00 + h01 = 1), so
 * P_i − O = h00 (a_i − a_f) + h10 Δt (va_i − va_f) + h01 (b_i − b_f) + h11 Δt (vb_i − vb_f)
 * with f the followed satellite: the shader subtracts the followed
 * satellite's own float32 states (uniforms originA/B, originVelA/B; exact
 * for nearby satellites, Sterbenz), so a neighbour 10 m away is placed to
 * float32 precision of 10 m rather than of the 7,000 km radius.
 */
import * as THREE from 'three';
import { glslColour, STATE_COLOURS } from './palette';
import { STATUS_GLSL } from './status-glsl';

/** One instant of every satellite (the live worker's output), as the layer needs it. */
export interface Instant {
  pos: Float32Array;
  vel: Float32Array;
  flags: Uint8Array;
  /** Changes whenever the arrays get new contents. */
  version: number;
}

/** Two instants and where between them to draw (u = 1, dtS = 0: b as it is). */
export interface InstantPair {
  a: Instant;
  b: Instant;
  u: number;
  dtS: number;
}

/**
 * Cubic Hermite between states (pa, va) and (pb, vb) over dtS seconds at
 * fraction u, component c of satellite i — the vertex shader's formula, for
 * picking and link lines. A satellite at the origin (not propagating) in
 * either instant stays at b's position.
 */
export function hermite(p: InstantPair, i: number, out: Float32Array | Float64Array | number[]): void {
  const pa = p.a.pos;
  const pb = p.b.pos;
  const j = 3 * i;
  if (p.u >= 1 || p.dtS <= 0 || (pa[j] === 0 && pa[j + 1] === 0 && pa[j + 2] === 0) || (pb[j] === 0 && pb[j + 1] === 0 && pb[j + 2] === 0)) {
    out[0] = pb[j];
    out[1] = pb[j + 1];
    out[2] = pb[j + 2];
    return;
  }
  const u = p.u;
  const u2 = u * u;
  const u3 = u2 * u;
  const h00 = 2 * u3 - 3 * u2 + 1;
  const h10 = (u3 - 2 * u2 + u) * p.dtS;
  const h01 = -2 * u3 + 3 * u2;
  const h11 = (u3 - u2) * p.dtS;
  const va = p.a.vel;
  const vb = p.b.vel;
  for (let c = 0; c < 3; c++) out[c] = h00 * pa[j + c] + h10 * va[j + c] + h01 * pb[j + c] + h11 * vb[j + c];
}

const C = STATE_COLOURS;

/** Vertex shader: Hermite-interpolated position, colour from the status byte and flags (status-glsl.ts). */
export const SATELLITE_VERTEX_SHADER = /* glsl */ `
${STATUS_GLSL}
#include <common>
#include <logdepthbuf_pars_vertex>
attribute vec3 posA;
attribute vec3 velA;
attribute vec3 velB;
attribute float flags;
attribute float status;
uniform float baseSize;
uniform float selected;
uniform float hasStatus;
uniform float u;
uniform float dtS;
uniform vec3 originA;
uniform vec3 originB;
uniform vec3 originVelA;
uniform vec3 originVelB;
varying vec3 vColor;
varying float vRing;
varying float vSelected;
/** Position relative to the origin (see the file header). */
vec3 interpolated() {
  if (u >= 1.0 || dtS <= 0.0 || dot(posA, posA) == 0.0 || dot(position, position) == 0.0) return position - originB;
  float u2 = u * u;
  float u3 = u2 * u;
  return (2.0 * u3 - 3.0 * u2 + 1.0) * (posA - originA) + (u3 - 2.0 * u2 + u) * dtS * (velA - originVelA) + (-2.0 * u3 + 3.0 * u2) * (position - originB) + (u3 - u2) * dtS * (velB - originVelB);
}
void main() {
  float limit = limitOf(status);
  bool eclipse = hasBit(flags, LIVE_ECLIPSE);
  bool contact = hasBit(flags, LIVE_CONTACT);
  bool failed = hasBit(status, STATUS_FAILED);
  bool idle = hasBit(status, STATUS_IDLE);
  vec3 c = ${glslColour(C.full)};
  if (hasStatus < 0.5) c = ${glslColour(C.pending)};
  else if (failed) c = ${glslColour(C.failed)};
  else if (isLimit(limit, LIMIT_STORAGE)) c = ${glslColour(C.storage)};
  else if (isLimit(limit, LIMIT_THERMAL)) c = ${glslColour(C.thermal)};
  else if (isLimit(limit, LIMIT_POWER)) c = ${glslColour(C.power)};
  else if (idle) c = ${glslColour(C.idle)};
  else if (eclipse) c = ${glslColour(C.eclipse)};
  if (hasStatus < 0.5 && eclipse) c *= 0.45;
  vColor = c;
  vSelected = float(gl_VertexID) == selected ? 1.0 : 0.0;
  vRing = contact && !failed ? 1.0 : 0.0;
  vec4 mv = modelViewMatrix * vec4(interpolated(), 1.0);
  gl_Position = projectionMatrix * mv;
  #include <logdepthbuf_vertex>
  float s = baseSize * (vRing > 0.5 ? 1.55 : 1.0);
  gl_PointSize = vSelected > 0.5 ? max(s * 2.2, 16.0) : s;
}`;

const FRAG = /* glsl */ `
#include <logdepthbuf_pars_fragment>
varying vec3 vColor;
varying float vRing;
varying float vSelected;
void main() {
  #include <logdepthbuf_fragment>
  vec2 p = gl_PointCoord * 2.0 - 1.0;
  float r = length(p);
  if (r > 1.0) discard;
  vec3 c;
  if (vSelected > 0.5) {
    if (r > 0.78) c = ${glslColour(C.selected)};
    else if (r > 0.56) discard;
    else c = vColor;
  } else if (vRing > 0.5) {
    if (r > 0.74) c = ${glslColour(C.contact)};
    else if (r > 0.6) c = vec3(0.0);
    else c = vColor;
  } else {
    c = r > 0.8 ? vColor * 0.35 : vColor;
  }
  gl_FragColor = vec4(c, 1.0);
  #include <colorspace_fragment>
}`;

/** GPU attributes of one instant (the layer has two, alternating between the roles a and b). */
interface AttrSet {
  pos: THREE.BufferAttribute;
  vel: THREE.BufferAttribute;
  flags: THREE.BufferAttribute;
  /** What they hold. */
  instant: Instant | null;
  version: number;
}

export class SatelliteLayer {
  readonly points: THREE.Points;
  readonly geometry = new THREE.BufferGeometry();
  private readonly material: THREE.ShaderMaterial;
  private sets: [AttrSet, AttrSet] = [this.makeSet(0), this.makeSet(0)];
  private statusAttr!: THREE.BufferAttribute;
  private pair: InstantPair | null = null;
  count = 0;

  constructor() {
    this.material = new THREE.ShaderMaterial({
      uniforms: {
        baseSize: { value: 7 },
        selected: { value: -1 },
        hasStatus: { value: 0 },
        u: { value: 1 },
        dtS: { value: 0 },
        originA: { value: new THREE.Vector3() },
        originB: { value: new THREE.Vector3() },
        originVelA: { value: new THREE.Vector3() },
        originVelB: { value: new THREE.Vector3() },
      },
      vertexShader: SATELLITE_VERTEX_SHADER,
      fragmentShader: FRAG,
    });
    this.points = new THREE.Points(this.geometry, this.material);
    this.points.frustumCulled = false;
    this.resize(0);
  }

  private makeSet(count: number): AttrSet {
    const set: AttrSet = {
      pos: new THREE.BufferAttribute(new Float32Array(3 * count), 3),
      vel: new THREE.BufferAttribute(new Float32Array(3 * count), 3),
      flags: new THREE.BufferAttribute(new Uint8Array(count), 1),
      instant: null,
      version: -1,
    };
    for (const a of [set.pos, set.vel, set.flags]) a.setUsage(THREE.DynamicDrawUsage);
    return set;
  }

  /** Reallocates for `count` satellites (scenario change). */
  resize(count: number): void {
    this.count = count;
    this.geometry.dispose();
    this.sets = [this.makeSet(count), this.makeSet(count)];
    this.statusAttr = new THREE.BufferAttribute(new Uint8Array(count), 1);
    this.statusAttr.setUsage(THREE.DynamicDrawUsage);
    this.pair = null;
    // Both sets stay on the geometry under names of their own, so geometry.dispose() frees them whichever is bound.
    this.sets.forEach((set, k) => {
      this.geometry.setAttribute(`set${k}Pos`, set.pos);
      this.geometry.setAttribute(`set${k}Vel`, set.vel);
      this.geometry.setAttribute(`set${k}Flags`, set.flags);
    });
    this.bind(this.sets[0], this.sets[0], 0);
    this.geometry.setAttribute('status', this.statusAttr);
    this.geometry.setDrawRange(0, count);
    this.material.uniforms.u.value = 1;
    this.material.uniforms.dtS.value = 0;
  }

  private bind(a: AttrSet, b: AttrSet, u: number): void {
    const g = this.geometry;
    if (g.attributes.position !== b.pos) g.setAttribute('position', b.pos);
    if (g.attributes.velB !== b.vel) g.setAttribute('velB', b.vel);
    if (g.attributes.posA !== a.pos) g.setAttribute('posA', a.pos);
    if (g.attributes.velA !== a.vel) g.setAttribute('velA', a.vel);
    const flags = u < 0.5 ? a.flags : b.flags;
    if (g.attributes.flags !== flags) g.setAttribute('flags', flags);
  }

  /** Points `set` at `instant`'s arrays and flags an upload when they are new to it. */
  private load(set: AttrSet, instant: Instant): void {
    if (set.instant === instant && set.version === instant.version && set.pos.array === instant.pos) return;
    set.instant = instant;
    set.version = instant.version;
    set.pos.array = instant.pos;
    set.vel.array = instant.vel;
    set.flags.array = instant.flags;
    set.pos.needsUpdate = true;
    set.vel.needsUpdate = true;
    set.flags.needsUpdate = true;
  }

  private holds(set: AttrSet, instant: Instant): boolean {
    return set.instant === instant && set.version === instant.version && set.pos.array === instant.pos;
  }

  /**
   * Draws the satellites between instants p.a and p.b at fraction p.u. Each
   * instant is uploaded once; moving on to the next pair re-uses the set that
   * already holds the instant both pairs share. Arrays must be `count` long.
   */
  show(p: InstantPair): void {
    if (p.b.pos.length !== 3 * this.count || p.a.pos.length !== 3 * this.count) return;
    const [s0, s1] = this.sets;
    let sb = this.holds(s1, p.b) ? s1 : s0;
    let sa = sb;
    if (p.a !== p.b) {
      sa = sb === s0 ? s1 : s0;
      if (!this.holds(sb, p.b) && this.holds(sa, p.b)) [sa, sb] = [sb, sa];
      if (this.holds(sb, p.a) && !this.holds(sa, p.a)) [sa, sb] = [sb, sa];
      this.load(sa, p.a);
    }
    this.load(sb, p.b);
    this.bind(sa, sb, p.u);
    const un = this.material.uniforms;
    un.u.value = p.a === p.b ? 1 : p.u;
    un.dtS.value = p.a === p.b ? 0 : p.dtS;
    this.pair = p;
  }

  /** Position (Earth radii, scene frame) of satellite `i` as drawn; (0, 0, 0) when none. */
  positionAt(i: number, out: Float32Array | Float64Array | number[]): void {
    if (!this.pair || i < 0 || i >= this.count) {
      out[0] = out[1] = out[2] = 0;
      return;
    }
    hermite(this.pair, i, out);
  }

  /** Flags of satellite `i` in the nearer instant. */
  flagsAt(i: number): number {
    const p = this.pair;
    if (!p || i < 0 || i >= this.count) return 0;
    return (p.u < 0.5 ? p.a : p.b).flags[i];
  }

  /** Velocity (Earth radii per second, scene frame) of satellite `i`, linear between the instants. */
  velocityAt(i: number, out: Float32Array | Float64Array | number[]): void {
    const p = this.pair;
    if (!p || i < 0 || i >= this.count) {
      out[0] = out[1] = out[2] = 0;
      return;
    }
    const u = p.a === p.b ? 1 : Math.min(1, Math.max(0, p.u));
    for (let c = 0; c < 3; c++) out[c] = (1 - u) * p.a.vel[3 * i + c] + u * p.b.vel[3 * i + c];
  }

  /**
   * Draws relative to satellite `f`'s position `origin` (its hermite() in
   * double precision), or to `origin` itself when f < 0 (e.g. (0, 0, 0):
   * absolute positions). See the file header.
   */
  setOrigin(f: number, origin: Float64Array | readonly number[]): void {
    const un = this.material.uniforms;
    const oA = un.originA.value as THREE.Vector3;
    const oB = un.originB.value as THREE.Vector3;
    const vA = un.originVelA.value as THREE.Vector3;
    const vB = un.originVelB.value as THREE.Vector3;
    const p = this.pair;
    const j = 3 * f;
    const zero = (a: Float32Array) => a[j] === 0 && a[j + 1] === 0 && a[j + 2] === 0;
    if (p && f >= 0 && f < this.count && !zero(p.a.pos) && !zero(p.b.pos)) {
      oA.fromArray(p.a.pos, j);
      oB.fromArray(p.b.pos, j);
      vA.fromArray(p.a.vel, j);
      vB.fromArray(p.b.vel, j);
    } else {
      oA.set(origin[0], origin[1], origin[2]);
      oB.copy(oA);
      vA.set(0, 0, 0);
      vB.set(0, 0, 0);
    }
  }

  /** The analysis status byte of satellite `i` in the shown row, or -1 when none is shown. */
  statusAt(i: number): number {
    if (this.material.uniforms.hasStatus.value < 0.5 || i < 0 || i >= this.count) return -1;
    return (this.statusAttr.array as Uint8Array)[i];
  }

  /** Copies one status row's bytes (length `count`), or clears them when null. */
  setStatus(codes: Uint8Array | null): void {
    const u = this.material.uniforms.hasStatus;
    if (codes && codes.length === this.count) {
      (this.statusAttr.array as Uint8Array).set(codes);
      this.statusAttr.needsUpdate = true;
      u.value = 1;
    } else {
      u.value = 0;
    }
  }

  setSelected(index: number): void {
    this.material.uniforms.selected.value = index;
  }

  setPointSize(px: number): void {
    this.material.uniforms.baseSize.value = px;
  }

  dispose(): void {
    this.geometry.dispose();
    this.material.dispose();
  }
}
