/** Orbit track of the selected satellite: one period in the inertial scene frame. */
import * as THREE from 'three';

export class OrbitTrack {
  readonly line: THREE.Line;
  private readonly geometry = new THREE.BufferGeometry();
  private readonly material = new THREE.LineBasicMaterial({ color: 0xbfe9ff, transparent: true, opacity: 0.75, depthWrite: false });
  private attr: THREE.BufferAttribute;

  constructor(capacity = 361) {
    this.attr = new THREE.BufferAttribute(new Float32Array(3 * capacity), 3);
    this.attr.setUsage(THREE.DynamicDrawUsage);
    this.geometry.setAttribute('position', this.attr);
    this.geometry.setDrawRange(0, 0);
    this.line = new THREE.Line(this.geometry, this.material);
    this.line.frustumCulled = false;
    this.line.visible = false;
  }

  /** Points, 3 floats each (Earth radii, scene frame); null hides the track. */
  set(points: Float32Array | null): void {
    if (!points) {
      this.line.visible = false;
      return;
    }
    const n = Math.min(points.length / 3, this.attr.count);
    (this.attr.array as Float32Array).set(points.subarray(0, 3 * n));
    this.attr.needsUpdate = true;
    this.geometry.setDrawRange(0, n);
    this.line.visible = true;
  }

  dispose(): void {
    this.geometry.dispose();
    this.material.dispose();
  }
}
