/**
 * Coverage footprint of the selected satellite: the circle on the Earth
 * (sphere of radius R⊕) within which a ground station sees it at or above
 * elevation ε. Earth central angle from the sub-satellite point to the edge
 * (Wertz & Larson, Space Mission Analysis and Design, 3rd ed., §5.2):
 *   λ = arccos(R⊕ / (R⊕ + h) · cos ε) − ε,
 * with h the satellite's height above the sphere (|r| − 1 in Earth radii).
 * Drawn in the inertial scene frame around the direction of the satellite's
 * drawn position, lifted 0.2 % above the surface, as a line loop.
 */
import * as THREE from 'three';

const LIFT = 1.002;

/** Earth central angle (rad) of the footprint edge for a satellite at `rEarthRadii` from the centre, elevation mask `elevationRad`; 0 inside the Earth. */
export function footprintHalfAngle(rEarthRadii: number, elevationRad: number): number {
  if (!(rEarthRadii > 1)) return 0;
  return Math.acos(Math.min(1, Math.cos(elevationRad) / rEarthRadii)) - elevationRad;
}

export class Footprint {
  readonly line: THREE.LineLoop;
  private readonly geometry = new THREE.BufferGeometry();
  private readonly material = new THREE.LineBasicMaterial({ color: 0x7fe8ff, transparent: true, opacity: 0.8, depthWrite: false });
  private readonly attr: THREE.BufferAttribute;
  private readonly e1 = new THREE.Vector3();
  private readonly e2 = new THREE.Vector3();
  private readonly c = new THREE.Vector3();
  /** Elevation mask (rad). */
  elevationRad = (10 * Math.PI) / 180;

  constructor(private readonly segments = 128) {
    this.attr = new THREE.BufferAttribute(new Float32Array(3 * segments), 3);
    this.attr.setUsage(THREE.DynamicDrawUsage);
    this.geometry.setAttribute('position', this.attr);
    this.line = new THREE.LineLoop(this.geometry, this.material);
    this.line.frustumCulled = false;
    this.line.visible = false;
    this.line.renderOrder = 1;
  }

  /** Centres the circle under a satellite at (x, y, z) (Earth radii, inertial scene frame); hides it when not above the Earth. */
  place(x: number, y: number, z: number): void {
    const r = Math.hypot(x, y, z);
    const lam = footprintHalfAngle(r, this.elevationRad);
    if (!(lam > 0)) {
      this.line.visible = false;
      return;
    }
    const c = this.c.set(x / r, y / r, z / r);
    // Any unit vector not parallel to c, then an orthonormal pair around it.
    this.e1.set(Math.abs(c.y) < 0.9 ? 0 : 1, Math.abs(c.y) < 0.9 ? 1 : 0, 0).cross(c).normalize();
    this.e2.crossVectors(c, this.e1);
    const a = this.attr.array as Float32Array;
    const cl = Math.cos(lam) * LIFT;
    const sl = Math.sin(lam) * LIFT;
    for (let k = 0; k < this.segments; k++) {
      const t = (2 * Math.PI * k) / this.segments;
      const ct = Math.cos(t) * sl;
      const st = Math.sin(t) * sl;
      a[3 * k] = c.x * cl + this.e1.x * ct + this.e2.x * st;
      a[3 * k + 1] = c.y * cl + this.e1.y * ct + this.e2.y * st;
      a[3 * k + 2] = c.z * cl + this.e1.z * ct + this.e2.z * st;
    }
    this.attr.needsUpdate = true;
    this.line.visible = true;
  }

  hide(): void {
    this.line.visible = false;
  }

  dispose(): void {
    this.geometry.dispose();
    this.material.dispose();
  }
}
