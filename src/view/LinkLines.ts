/**
 * Line segments drawn between pairs of points each frame (station-to-satellite
 * contacts, inter-satellite links). One preallocated buffer; the hot path
 * writes into it and does not allocate.
 */
import * as THREE from 'three';

export class LinkLines {
  readonly lines: THREE.LineSegments;
  private readonly geometry = new THREE.BufferGeometry();
  private readonly material: THREE.LineBasicMaterial;
  private readonly attr: THREE.BufferAttribute;
  readonly capacity: number;

  constructor(capacity: number, color: number, opacity: number) {
    this.capacity = capacity;
    this.attr = new THREE.BufferAttribute(new Float32Array(6 * capacity), 3);
    this.attr.setUsage(THREE.DynamicDrawUsage);
    this.geometry.setAttribute('position', this.attr);
    this.geometry.setDrawRange(0, 0);
    this.material = new THREE.LineBasicMaterial({ color, transparent: true, opacity, depthWrite: false });
    this.lines = new THREE.LineSegments(this.geometry, this.material);
    this.lines.frustumCulled = false;
  }

  /** The vertex array to fill: 6 floats per segment. Call commit(count) after. */
  get buffer(): Float32Array {
    return this.attr.array as Float32Array;
  }

  commit(segments: number): void {
    const n = Math.min(segments, this.capacity);
    this.geometry.setDrawRange(0, 2 * n);
    if (n > 0) {
      this.attr.clearUpdateRanges();
      this.attr.addUpdateRange(0, 6 * n);
      this.attr.needsUpdate = true;
    }
  }

  dispose(): void {
    this.geometry.dispose();
    this.material.dispose();
  }
}
