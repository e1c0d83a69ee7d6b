/**
 * Ground stations: markers in the Earth-fixed frame (children of the Earth
 * group, so they turn with it) and name labels as DOM elements (textContent).
 */
import * as THREE from 'three';
import { CSS2DObject } from 'three/addons/renderers/CSS2DRenderer.js';

const VERT = /* glsl */ `
#include <common>
#include <logdepthbuf_pars_vertex>
void main() {
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
  #include <logdepthbuf_vertex>
  gl_PointSize = 12.0;
}`;
const FRAG = /* glsl */ `
#include <logdepthbuf_pars_fragment>
void main() {
  #include <logdepthbuf_fragment>
  vec2 p = abs(gl_PointCoord * 2.0 - 1.0);
  if (p.x + p.y > 1.0) discard;
  vec3 c = p.x + p.y > 0.62 ? vec3(0.05, 0.03, 0.0) : vec3(1.0, 0.62, 0.12);
  gl_FragColor = vec4(c, 1.0);
  #include <colorspace_fragment>
}`;

/** Labels drawn at most for this many stations. */
const MAX_LABELS = 60;

export class StationMarkers {
  readonly group = new THREE.Group();
  private readonly geometry = new THREE.BufferGeometry();
  private readonly material = new THREE.ShaderMaterial({ vertexShader: VERT, fragmentShader: FRAG });
  private readonly points: THREE.Points;
  private labels: CSS2DObject[] = [];
  /** Earth-fixed positions (Earth radii), 3 per station. */
  positions: Float32Array = new Float32Array(0);

  constructor() {
    this.points = new THREE.Points(this.geometry, this.material);
    this.points.frustumCulled = false;
    this.group.add(this.points);
  }

  /**
   * `positions`: Earth-fixed station positions on the WGS84 ellipsoid (Earth
   * radii). Markers are drawn on the unit sphere the Earth is rendered as
   * (same direction, lifted a little so they are not z-fought).
   */
  set(positions: Float32Array<ArrayBufferLike>, names: readonly string[]): void {
    const n = positions.length / 3;
    this.positions = new Float32Array(positions.length);
    for (let k = 0; k < n; k++) {
      const r = Math.hypot(positions[3 * k], positions[3 * k + 1], positions[3 * k + 2]) || 1;
      for (let c = 0; c < 3; c++) this.positions[3 * k + c] = (positions[3 * k + c] / r) * 1.003;
    }
    positions = this.positions;
    const lifted = this.positions;
    this.geometry.setAttribute('position', new THREE.BufferAttribute(lifted, 3));
    this.geometry.setDrawRange(0, positions.length / 3);
    for (const l of this.labels) {
      this.group.remove(l);
      l.element.remove();
    }
    this.labels = [];
    names.slice(0, MAX_LABELS).forEach((name, k) => {
      const el = document.createElement('div');
      el.className = 'station-label';
      el.textContent = name;
      const obj = new CSS2DObject(el);
      obj.position.set(positions[3 * k] * 1.01, positions[3 * k + 1] * 1.01, positions[3 * k + 2] * 1.01);
      obj.center.set(-0.08, 0.5);
      this.labels.push(obj);
      this.group.add(obj);
    });
  }

  /**
   * Hides labels of stations on the far side of the Earth. `cx, cy, cz`: the
   * camera position in the Earth-fixed frame (Earth radii).
   */
  updateLabelVisibility(cx: number, cy: number, cz: number): void {
    const p = this.positions;
    for (let k = 0; k < this.labels.length; k++) {
      const x = p[3 * k];
      const y = p[3 * k + 1];
      const z = p[3 * k + 2];
      // Visible when the camera is above the station's horizon plane.
      this.labels[k].visible = x * (cx - x) + y * (cy - y) + z * (cz - z) > 0;
    }
  }

  dispose(): void {
    this.geometry.dispose();
    this.material.dispose();
    for (const l of this.labels) l.element.remove();
  }
}
