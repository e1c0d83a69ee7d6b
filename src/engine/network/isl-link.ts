/**
 * Optical inter-satellite link: rate from distance, capped at the terminal's
 * rate, and the geometry that allows a link.
 *   received power P_r = P_t·G_t·G_r·(λ / 4πd)²  ∝ 1/d²   (Friis, far field)
 *   at a fixed receiver sensitivity (energy per bit) the rate scales as P_r:
 *   rate(d) = min(R_max, R_ref · (d_ref / d)²)               (Gbps)
 * through a published operating point (R_ref at d_ref: Tesat SCOT80, 10 Gbps
 * at 8,000 km) and the terminal rate R_max (100 Gbps); so the full rate holds
 * up to d_ref·√(R_ref/R_max) = 2,530 km with the defaults (received power
 * at 100 m and at 10 km is 40 dB apart, both far above what the cap needs).
 * A link needs d ≤ maxRangeKm and a line of sight whose closest point to the
 * Earth's centre stays above R_E + grazing altitude (80 km, clear of weather).
 * Frame TEME, km. Sources: docs/reference/link-sources.md.
 */
import { EARTH_RADIUS_KM } from '../core/constants';
import type { Scenario } from '../input/scenario';
import { lineOfSight } from './stations';

export class IslLink {
  /** Squared longest link (km²). */
  readonly maxRangeKm2: number;
  /** Terminal rate cap (GB/s). */
  readonly capGBps: number;
  /** R_ref · d_ref² (GB/s · km²). */
  private readonly refGBpsKm2: number;
  /** Radius the line of sight must clear (km). */
  readonly blockRadiusKm: number;
  /** Simultaneous links per satellite. */
  readonly terminals: number;

  constructor(isl: Scenario['interSatelliteLinks']) {
    this.maxRangeKm2 = isl.maxRangeKm * isl.maxRangeKm;
    this.capGBps = isl.rateGbps / 8;
    this.refGBpsKm2 = (isl.referenceRateGbps / 8) * isl.referenceRangeKm * isl.referenceRangeKm;
    this.blockRadiusKm = EARTH_RADIUS_KM + isl.grazingAltitudeKm;
    this.terminals = isl.terminals;
  }

  /** Rate (GB/s) at squared distance `d2Km2` (km²), ignoring range and line of sight. */
  rateGBps(d2Km2: number): number {
    const r = this.refGBpsKm2 / d2Km2;
    return r < this.capGBps ? r : this.capGBps;
  }

  /** Rate (GB/s) of a link between two satellites at TEME positions (km), or 0 when out of range or below the grazing altitude. */
  linkRateGBps(ax: number, ay: number, az: number, bx: number, by: number, bz: number): number {
    const dx = bx - ax;
    const dy = by - ay;
    const dz = bz - az;
    const d2 = dx * dx + dy * dy + dz * dz;
    if (d2 > this.maxRangeKm2) return 0;
    if (!lineOfSight(ax, ay, az, bx, by, bz, this.blockRadiusKm)) return 0;
    return this.rateGBps(d2);
  }
}
