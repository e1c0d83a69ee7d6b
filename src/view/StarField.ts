/** Background stars: a fixed, seeded Points cloud on a large sphere. */
import * as THREE from 'three';

/** Mulberry32: small deterministic PRNG, [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VERT = /* glsl */ `
attribute float size;
attribute vec3 color;
varying vec3 vColor;
void main() {
  vColor = color;
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
  gl_PointSize = size;
}`;
const FRAG = /* glsl */ `
varying vec3 vColor;
void main() {
  vec2 p = gl_PointCoord * 2.0 - 1.0;
  float a = 1.0 - smoothstep(0.2, 1.0, dot(p, p));
  if (a <= 0.01) discard;
  gl_FragColor = vec4(vColor * a, 1.0);
  #include <colorspace_fragment>
}`;

export class StarField {
  readonly points: THREE.Points;
  private readonly geometry = new THREE.BufferGeometry();
  private readonly material: THREE.ShaderMaterial;

  constructor(count = 4000, radius = 900, seed = 20260621) {
    const rnd = mulberry32(seed);
    const pos = new Float32Array(3 * count);
    const col = new Float32Array(3 * count);
    const size = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      const z = 2 * rnd() - 1;
      const phi = 2 * Math.PI * rnd();
      const r = Math.sqrt(1 - z * z);
      pos[3 * i] = radius * r * Math.cos(phi);
      pos[3 * i + 1] = radius * z;
      pos[3 * i + 2] = radius * r * Math.sin(phi);
      const m = rnd() ** 6; // few bright, many faint
      const b = 0.25 + 0.75 * m;
      const tint = rnd();
      col[3 * i] = b * (tint < 0.2 ? 0.8 : tint > 0.85 ? 1.0 : 0.92);
      col[3 * i + 1] = b * 0.93;
      col[3 * i + 2] = b * (tint < 0.2 ? 1.0 : tint > 0.85 ? 0.78 : 0.95);
      size[i] = 1.2 + 2.2 * m;
    }
    this.geometry.setAttribute('position', new THREE.BufferAttribute(pos, 3));
    this.geometry.setAttribute('color', new THREE.BufferAttribute(col, 3));
    this.geometry.setAttribute('size', new THREE.BufferAttribute(size, 1));
    this.material = new THREE.ShaderMaterial({ vertexShader: VERT, fragmentShader: FRAG, depthWrite: false });
    this.points = new THREE.Points(this.geometry, this.material);
    this.points.frustumCulled = false;
    this.points.renderOrder = -1;
  }

  dispose(): void {
    this.geometry.dispose();
    this.material.dispose();
  }
}
