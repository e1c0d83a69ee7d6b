/**
 * Ground track of the selected satellite: its sub-satellite points (geodetic
 * latitude φ, longitude λ from the live worker, engine/live/ground-track.ts)
 * drawn on the Earth sphere in the Earth-fixed scene frame (a child of the
 * Earth group): ECF direction (cos φ cos λ, cos φ sin λ, sin φ) → scene
 * (x, z, −y) (engine/live/scene-frame.ts), lifted 0.2 % above the surface.
 * Geodetic latitude on the sphere puts the line where the equirectangular
 * imagery has that latitude. The part behind the shown time is dimmer.
 */
import * as THREE from 'three';

const DEG = Math.PI / 180;
const LIFT = 1.002;
const FUTURE = new THREE.Color(0xffe38a);
const PAST = new THREE.Color(0x8a7a4a);

export interface GroundTrackSamples {
  startMs: number;
  stepMs: number;
  latDeg: Float32Array;
  lonDeg: Float32Array;
}

export class GroundTrack {
  readonly line: THREE.Line;
  private readonly geometry = new THREE.BufferGeometry();
  private readonly material = new THREE.LineBasicMaterial({ vertexColors: true, transparent: true, opacity: 0.9, depthWrite: false });
  private readonly pos: THREE.BufferAttribute;
  private readonly col: THREE.BufferAttribute;
  private data: GroundTrackSamples | null = null;
  private split = -1;

  constructor(capacity = 1441) {
    this.pos = new THREE.BufferAttribute(new Float32Array(3 * capacity), 3);
    this.col = new THREE.BufferAttribute(new Float32Array(3 * capacity), 3);
    this.geometry.setAttribute('position', this.pos);
    this.geometry.setAttribute('color', this.col);
    this.geometry.setDrawRange(0, 0);
    this.line = new THREE.Line(this.geometry, this.material);
    this.line.frustumCulled = false;
    this.line.visible = false;
    this.line.renderOrder = 1;
  }

  /** The samples to draw (null hides the track). */
  set(d: GroundTrackSamples | null): void {
    this.data = d;
    if (!d) {
      this.line.visible = false;
      return;
    }
    const n = Math.min(d.latDeg.length, this.pos.count);
    const p = this.pos.array as Float32Array;
    for (let k = 0; k < n; k++) {
      const phi = d.latDeg[k] * DEG;
      const lam = d.lonDeg[k] * DEG;
      const c = Math.cos(phi) * LIFT;
      p[3 * k] = c * Math.cos(lam);
      p[3 * k + 1] = Math.sin(phi) * LIFT;
      p[3 * k + 2] = -c * Math.sin(lam);
    }
    this.pos.needsUpdate = true;
    this.geometry.setDrawRange(0, n);
    this.split = -2;
    this.line.visible = true;
  }

  /** The samples shown (null: none). */
  get samples(): GroundTrackSamples | null {
    return this.line.visible ? this.data : null;
  }

  /** Dims the samples before `timeMs`. */
  setTime(timeMs: number): void {
    const d = this.data;
    if (!d) return;
    const n = Math.min(d.latDeg.length, this.col.count);
    const split = Math.max(0, Math.min(n, Math.ceil((timeMs - d.startMs) / d.stepMs)));
    if (split === this.split) return;
    this.split = split;
    const c = this.col.array as Float32Array;
    for (let k = 0; k < n; k++) {
      const col = k < split ? PAST : FUTURE;
      c[3 * k] = col.r;
      c[3 * k + 1] = col.g;
      c[3 * k + 2] = col.b;
    }
    this.col.needsUpdate = true;
  }

  /** Whether the samples cover `timeMs` with at least `marginMs` to spare on both sides. */
  covers(timeMs: number, marginMs: number): boolean {
    const d = this.data;
    if (!d) return false;
    return timeMs - d.startMs >= marginMs && d.startMs + d.stepMs * (d.latDeg.length - 1) - timeMs >= marginMs;
  }

  dispose(): void {
    this.geometry.dispose();
    this.material.dispose();
  }
}
