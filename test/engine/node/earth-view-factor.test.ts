/**
 * Plate-to-Earth view factors against the definition of the view factor,
 * integrated numerically (Nusselt's unit-sphere method: F = (1/π) ∫ cos θ dΩ
 * over the directions that hit the sphere, θ from the plate normal), and
 * against PHYSICS.md's nadir values. R = 6378.135 km.
 */
import { describe, expect, it } from 'vitest';
import { horizontalPlateViewFactor, horizontalPlateViewFactorFast, nadirPlateViewFactor } from '../../../src/engine/node/earth-view-factor';

const R = 6378.135;

/**
 * (1/π) ∫∫ max(0, n̂ · d̂) sin ψ dψ dχ over the cone of directions d̂ within
 * φ = asin(R/r) of nadir (ψ from nadir, χ azimuth), for a plate whose normal
 * makes angle γ with nadir. Midpoint rule on an m × m grid.
 */
function integratedViewFactor(rKm: number, gammaRad: number, m = 1500): number {
  const phi = Math.asin(R / rKm);
  const dPsi = phi / m;
  const dChi = (2 * Math.PI) / m;
  // Nadir = z; normal n̂ = (sin γ, 0, cos γ); direction d̂ = (sin ψ cos χ, sin ψ sin χ, cos ψ).
  const nx = Math.sin(gammaRad);
  const nz = Math.cos(gammaRad);
  let sum = 0;
  for (let a = 0; a < m; a++) {
    const psi = (a + 0.5) * dPsi;
    const sp = Math.sin(psi);
    const cp = Math.cos(psi);
    for (let b = 0; b < m; b++) {
      const chi = (b + 0.5) * dChi;
      const c = nx * sp * Math.cos(chi) + nz * cp;
      if (c > 0) sum += c * sp;
    }
  }
  return (sum * dPsi * dChi) / Math.PI;
}

describe('nadir-facing plate: F = (R/r)²', () => {
  it('matches PHYSICS.md: 0.8855 at 400 km, 0.8236 at 650 km', () => {
    expect(nadirPlateViewFactor(R + 400)).toBeCloseTo(0.8855, 4);
    expect(nadirPlateViewFactor(R + 650)).toBeCloseTo(0.8236, 4);
  });
  it('GEO (35,786 km): (6378.135 / 42164.135)² = 0.151269² = 0.022882', () => {
    expect(nadirPlateViewFactor(R + 35786)).toBeCloseTo(0.022882, 6);
  });
  it('agrees with the integrated definition', () => {
    for (const h of [300, 550, 2000, 20200, 35786]) expect(nadirPlateViewFactor(R + h)).toBeCloseTo(integratedViewFactor(R + h, 0), 5);
  });
});

describe('plate with a horizontal normal (edge-on to the Earth): F = (φ − sin φ cos φ)/π', () => {
  it('550 km by hand: sin φ = 6378.135/6928.135 = 0.920614, φ = 1.169649 rad, cos φ = 0.390475 → F = 0.257886', () => {
    // sin φ cos φ = 0.920614 · 0.390475 = 0.359477; φ − sin φ cos φ = 1.169649 − 0.359477 = 0.810172; / π = 0.257886
    expect(horizontalPlateViewFactor(R + 550)).toBeCloseTo(0.257886, 5);
  });
  it('GEO by hand: sin φ = 6378.135/42164.135 = 0.151269, φ = 0.151852 rad, cos φ = 0.988493 → F = 0.000740', () => {
    // sin φ cos φ = 0.151269 · 0.988493 = 0.149528; φ − sin φ cos φ = 0.151852 − 0.149528 = 0.002324; / π = 0.000740
    expect(horizontalPlateViewFactor(R + 35786)).toBeCloseTo(0.00074, 5);
  });
  it('agrees with the integrated definition from LEO to beyond GEO', () => {
    for (const h of [300, 550, 1200, 8000, 20200, 35786, 100000]) {
      const integrated = integratedViewFactor(R + h, Math.PI / 2);
      expect(Math.abs(horizontalPlateViewFactor(R + h) - integrated)).toBeLessThan(2e-6 + 1e-4 * integrated);
    }
  });
  it('is ½ at the surface and falls monotonically with altitude', () => {
    expect(horizontalPlateViewFactor(R)).toBeCloseTo(0.5, 12);
    let last = 1;
    for (let h = 100; h < 50000; h *= 1.5) {
      const f = horizontalPlateViewFactor(R + h);
      expect(f).toBeLessThan(last);
      last = f;
    }
  });
});

describe('tabulated horizontal-plate view factor (the per-sample path)', () => {
  it('agrees with the formula within 1e-9 from the surface to far beyond GEO', () => {
    let worst = 0;
    for (let h = 0; h < 400000; h += h < 2000 ? 0.37 : 13.1) worst = Math.max(worst, Math.abs(horizontalPlateViewFactorFast(R + h) - horizontalPlateViewFactor(R + h)));
    expect(worst).toBeLessThan(1e-9);
    expect(horizontalPlateViewFactorFast(R - 10)).toBeCloseTo(0.5, 12); // below the surface: clipped
  });
});
