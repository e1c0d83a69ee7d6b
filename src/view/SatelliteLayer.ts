/**
 * All satellites as one THREE.Points draw call. Per-satellite data lives in
 * flat typed arrays with a fixed stride: positions (3 floats, Earth radii,
 * scene frame), live flags (eclipse / station in view, from the live worker)
 * and the analysis status byte of the current step. Position and flag arrays
 * are swapped with the worker's frame buffers (ping-pong, no copies); the
 * status array is filled from the analysis' statusCodes when the step changes.
 */
import * as THREE from 'three';
import { glslColour, STATE_COLOURS } from './palette';

const C = STATE_COLOURS;

const VERT = /* glsl */ `
attribute float flags;
attribute float status;
uniform float baseSize;
uniform float selected;
uniform float hasStatus;
varying vec3 vColor;
varying float vRing;
varying float vSelected;
void main() {
  float limit = mod(status, 4.0);
  bool eclipse = mod(flags, 2.0) > 0.5;
  bool contact = mod(floor(flags / 2.0), 2.0) > 0.5;
  bool failed = mod(floor(status / 16.0), 2.0) > 0.5;
  bool idle = mod(floor(status / 32.0), 2.0) > 0.5;
  vec3 c = ${glslColour(C.full)};
  if (hasStatus < 0.5) c = ${glslColour(C.pending)};
  else if (failed) c = ${glslColour(C.failed)};
  else if (limit > 2.5) c = ${glslColour(C.storage)};
  else if (limit > 1.5) c = ${glslColour(C.thermal)};
  else if (limit > 0.5) c = ${glslColour(C.power)};
  else if (idle) c = ${glslColour(C.idle)};
  else if (eclipse) c = ${glslColour(C.eclipse)};
  if (hasStatus < 0.5 && eclipse) c *= 0.45;
  vColor = c;
  vSelected = float(gl_VertexID) == selected ? 1.0 : 0.0;
  vRing = contact && !failed ? 1.0 : 0.0;
  vec4 mv = modelViewMatrix * vec4(position, 1.0);
  gl_Position = projectionMatrix * mv;
  float s = baseSize * (vRing > 0.5 ? 1.55 : 1.0);
  gl_PointSize = vSelected > 0.5 ? max(s * 2.2, 16.0) : s;
}`;

const FRAG = /* glsl */ `
varying vec3 vColor;
varying float vRing;
varying float vSelected;
void main() {
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

export class SatelliteLayer {
  readonly points: THREE.Points;
  readonly geometry = new THREE.BufferGeometry();
  private readonly material: THREE.ShaderMaterial;
  private posAttr!: THREE.BufferAttribute;
  private flagAttr!: THREE.BufferAttribute;
  private statusAttr!: THREE.BufferAttribute;
  count = 0;

  constructor() {
    this.material = new THREE.ShaderMaterial({
      uniforms: { baseSize: { value: 7 }, selected: { value: -1 }, hasStatus: { value: 0 } },
      vertexShader: VERT,
      fragmentShader: FRAG,
    });
    this.points = new THREE.Points(this.geometry, this.material);
    this.points.frustumCulled = false;
    this.resize(0);
  }

  /** Reallocates for `count` satellites (scenario change). */
  resize(count: number): void {
    this.count = count;
    this.posAttr = new THREE.BufferAttribute(new Float32Array(3 * count), 3);
    this.flagAttr = new THREE.BufferAttribute(new Uint8Array(count), 1);
    this.statusAttr = new THREE.BufferAttribute(new Uint8Array(count), 1);
    for (const a of [this.posAttr, this.flagAttr, this.statusAttr]) a.setUsage(THREE.DynamicDrawUsage);
    this.geometry.dispose();
    this.geometry.setAttribute('position', this.posAttr);
    this.geometry.setAttribute('flags', this.flagAttr);
    this.geometry.setAttribute('status', this.statusAttr);
    this.geometry.setDrawRange(0, count);
  }

  /** Positions (Earth radii, scene frame) of the last frame applied. */
  get positions(): Float32Array {
    return this.posAttr.array as Float32Array;
  }

  get flags(): Uint8Array {
    return this.flagAttr.array as Uint8Array;
  }

  /**
   * Swaps in a new frame's arrays and returns the previous ones, which the
   * caller hands back to the worker. Lengths must match `count`.
   */
  swapFrame(pos: Float32Array, flags: Uint8Array): { pos: Float32Array; flags: Uint8Array } {
    const prev = { pos: this.posAttr.array as Float32Array, flags: this.flagAttr.array as Uint8Array };
    this.posAttr.array = pos;
    this.posAttr.needsUpdate = true;
    this.flagAttr.array = flags;
    this.flagAttr.needsUpdate = true;
    return prev;
  }

  /** Copies one step's status bytes (length `count`), or clears them when null. */
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
