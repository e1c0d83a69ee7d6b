// Geometry of the 3D view's overlays, against hand calculations: the
// coverage footprint's Earth central angle and the LVLH view rotation.
import { describe, expect, it } from 'vitest';
import * as THREE from 'three';
import { footprintHalfAngle } from '../../src/view/Footprint';
import { lvlhRotation } from '../../src/view/CameraRig';

const DEG = Math.PI / 180;

describe('coverage footprint', () => {
  it('matches λ = arccos(R/(R+h) cos ε) − ε by hand', () => {
    // h = 550 km, R = 6378.135 km: R/(R+h) = 6378.135 / 6928.135 = 0.920614.
    // ε = 0: λ = arccos(0.920614) = 23.00° (the horizon); ε = 10°: arccos(0.920614 · 0.984808) − 10° = arccos(0.906628) − 10° = 24.96° − 10° = 14.96°
    // (≈ 1,665 km on the ground, the usual figure for a 550 km shell at 10°).
    const r = 6928.135 / 6378.135;
    expect(footprintHalfAngle(r, 0) / DEG).toBeCloseTo(23.0, 1);
    expect(footprintHalfAngle(r, 10 * DEG) / DEG).toBeCloseTo(14.96, 1);
    // Geostationary, ε = 5°: R/(R+h) = 6378.135 / 42164.17 = 0.151269; arccos(0.151269 · 0.996195) − 5° = 81.33° − 5° = 76.33°.
    expect(footprintHalfAngle(42164.17 / 6378.135, 5 * DEG) / DEG).toBeCloseTo(76.33, 1);
    expect(footprintHalfAngle(0.99, 0)).toBe(0);
  });
});

describe('LVLH view rotation', () => {
  it('puts radial up (+y), along track right (+x) and the orbit normal into the screen (−z)', () => {
    // Scene frame, satellite on +x moving along −z: orbit normal r × v = (1.1, 0, 0) × (0, 0, −1) = (0, 1.1, 0) → +y;
    // along track Ĉ × R̂ = (0, 1, 0) × (1, 0, 0) = (0, 0, −1), the velocity direction.
    const q = lvlhRotation([1.1, 0, 0], [0, 0, -1e-3], new THREE.Quaternion());
    const radial = new THREE.Vector3(1, 0, 0).applyQuaternion(q);
    const along = new THREE.Vector3(0, 0, -1).applyQuaternion(q);
    const normal = new THREE.Vector3(0, 1, 0).applyQuaternion(q);
    for (const [v, x, y, z] of [
      [radial, 0, 1, 0],
      [along, 1, 0, 0],
      [normal, 0, 0, -1],
    ] as const) {
      expect(v.x).toBeCloseTo(x, 12);
      expect(v.y).toBeCloseTo(y, 12);
      expect(v.z).toBeCloseTo(z, 12);
    }
  });
});
