/**
 * Line segments drawn between pairs of points each frame (station-to-satellite
 * contacts, inter-satellite links), in one colour or one colour per segment
 * (vertex colours, linear RGB: the ISLs coloured by rate). Preallocated
 * buffers; the hot path writes into them and does not allocate.
 */
import * as THREE from 'three';

export class LinkLines {
  readonly lines: THREE.LineSegments;
  private readonly geometry = new THREE.BufferGeometry();
  private readonly material: THREE.LineBasicMaterial;
  private readonly attr: THREE.BufferAttribute;
  /** Per-vertex colours (perSegmentColour only). */
  private readonly colourAttr: THREE.BufferAttribute | undefined;
  readonly capacity: number;

  /** `color` is the lines' colour, or (perSegmentColour) a tint multiplying each segment's colour. */
  constructor(capacity: number, color: number, opacity: number, perSegmentColour = false) {
    this.capacity = capacity;
    this.attr = new THREE.BufferAttribute(new Float32Array(6 * capacity), 3);
    this.attr.setUsage(THREE.DynamicDrawUsage);
    this.geometry.setAttribute('position', this.attr);
    if (perSegmentColour) {
      this.colourAttr = new THREE.BufferAttribute(new Float32Array(6 * capacity), 3);
      this.colourAttr.setUsage(THREE.DynamicDrawUsage);
      this.geometry.setAttribute('color', this.colourAttr);
    }
    this.geometry.setDrawRange(0, 0);
    this.material = new THREE.LineBasicMaterial({ color, vertexColors: perSegmentColour, transparent: true, opacity, depthWrite: false });
    this.lines = new THREE.LineSegments(this.geometry, this.material);
    this.lines.frustumCulled = false;
  }

  /** The vertex array to fill: 6 floats per segment. Call commit(count) after. */
  get buffer(): Float32Array {
    return this.attr.array as Float32Array;
  }

  /** Colours segment `q` (both ends) with entry `k` of `lut` (linear RGB, 3 floats per entry); perSegmentColour only. */
  setSegmentColour(q: number, lut: Float32Array, k: number): void {
    const a = this.colourAttr;
    if (!a || q < 0 || q >= this.capacity) return;
    const c = a.array as Float32Array;
    const r = lut[3 * k];
    const g = lut[3 * k + 1];
    const b = lut[3 * k + 2];
    c[6 * q] = c[6 * q + 3] = r;
    c[6 * q + 1] = c[6 * q + 4] = g;
    c[6 * q + 2] = c[6 * q + 5] = b;
  }

  /** Segment q's colour (linear RGB) into out[0 … 2]; false without per-segment colours. */
  segmentColour(q: number, out: Float32Array | number[]): boolean {
    const a = this.colourAttr;
    if (!a || q < 0 || q >= this.capacity) return false;
    const c = a.array as Float32Array;
    out[0] = c[6 * q];
    out[1] = c[6 * q + 1];
    out[2] = c[6 * q + 2];
    return true;
  }

  /** Segments drawn now. */
  get drawn(): number {
    return this.geometry.drawRange.count / 2;
  }

  commit(segments: number): void {
    const n = Math.min(segments, this.capacity);
    this.geometry.setDrawRange(0, 2 * n);
    if (n > 0) {
      this.attr.clearUpdateRanges();
      this.attr.addUpdateRange(0, 6 * n);
      this.attr.needsUpdate = true;
      const ca = this.colourAttr;
      if (ca) {
        ca.clearUpdateRanges();
        ca.addUpdateRange(0, 6 * n);
        ca.needsUpdate = true;
      }
    }
  }

  dispose(): void {
    this.geometry.dispose();
    this.material.dispose();
  }
}
