/**
 * Ground-station visibility and downlink.
 * Station position: geodetic (WGS84, as satellite.js `geodeticToEcf`) → ECF (km).
 * Satellite ECF from TEME by rotation through GMST θ (as satellite.js `eciToEcf`):
 *   x_f = x cos θ + y sin θ,  y_f = −x sin θ + y cos θ,  z_f = z;
 * stations into TEME by the inverse rotation (stationsToTeme, once per sample):
 *   x = x_f cos θ − y_f sin θ,  y = x_f sin θ + y_f cos θ,  z = z_f.
 * Elevation: sin el = (ρ · û) / |ρ|, ρ = r_sat − r_station, û the geodetic
 * up (ellipsoid normal) — equal to satellite.js `ecfToLookAngles` elevation.
 * Contact switching function g = sin el − sin mask: positive while in contact;
 * a monotonic map of el − mask, so it has the same roots, without an asin.
 */
import { geodeticToEcf } from 'satellite.js';
import { DEG } from '../core/constants';
import type { GroundStation } from '../input/scenario';
import { budgetConstantDb } from './link-budget';

/** Station geometry and link parameters as structure-of-arrays (km, unit vectors, rad, GB/s, s). */
export interface StationArrays {
  count: number;
  names: string[];
  /** ECF position, 3 per station (km). */
  posEcfKm: Float64Array;
  /** Geodetic up unit vector in ECF, 3 per station. */
  upEcf: Float64Array;
  maskRad: Float64Array;
  sinMask: Float64Array;
  /** 1: rate from the link budget (link-budget.ts); 0: fixed rate `rateGBps`. */
  budget: Uint8Array;
  /** Fixed rate (GB/s); 0 for budget stations. */
  rateGBps: Float64Array;
  /** Budget: distance-free Es/N0 constant (dB, link-budget.ts budgetConstantDb). */
  budgetC0Db: Float64Array;
  /** Budget: zenith atmospheric loss (dB). */
  atmZenithDb: Float64Array;
  /** Budget: symbol rate (symbol/s). */
  symbolRate: Float64Array;
  antennas: Int32Array;
  /** Time a new session carries nothing (s). */
  acquisitionS: Float64Array;
  /** Hysteresis of the antenna allocation (downlink.ts). */
  handoverAdvantage: Float64Array;
}

export function stationArrays(stations: readonly GroundStation[]): StationArrays {
  const n = stations.length;
  const s: StationArrays = {
    count: n,
    names: stations.map((g) => g.name),
    posEcfKm: new Float64Array(3 * n),
    upEcf: new Float64Array(3 * n),
    maskRad: new Float64Array(n),
    sinMask: new Float64Array(n),
    budget: new Uint8Array(n),
    rateGBps: new Float64Array(n),
    budgetC0Db: new Float64Array(n),
    atmZenithDb: new Float64Array(n),
    symbolRate: new Float64Array(n),
    antennas: new Int32Array(n),
    acquisitionS: new Float64Array(n),
    handoverAdvantage: new Float64Array(n),
  };
  stations.forEach((g, i) => {
    const lat = g.latitudeDeg * DEG;
    const lon = g.longitudeDeg * DEG;
    const p = geodeticToEcf({ latitude: lat, longitude: lon, height: g.altitudeM / 1000 });
    s.posEcfKm[3 * i] = p.x;
    s.posEcfKm[3 * i + 1] = p.y;
    s.posEcfKm[3 * i + 2] = p.z;
    s.upEcf[3 * i] = Math.cos(lat) * Math.cos(lon);
    s.upEcf[3 * i + 1] = Math.cos(lat) * Math.sin(lon);
    s.upEcf[3 * i + 2] = Math.sin(lat);
    s.maskRad[i] = g.minElevationDeg * DEG;
    s.sinMask[i] = Math.sin(s.maskRad[i]);
    s.antennas[i] = g.antennas;
    s.acquisitionS[i] = g.acquisitionS;
    s.handoverAdvantage[i] = g.handoverAdvantage;
    if (g.linkModel === 'budget') {
      s.budget[i] = 1;
      s.budgetC0Db[i] = budgetConstantDb(g);
      s.atmZenithDb[i] = g.atmosphericLossZenithDb;
      s.symbolRate[i] = g.symbolRateMsps * 1e6;
    } else s.rateGBps[i] = g.downlinkGbps / 8;
  });
  return s;
}

/**
 * Station positions (km) and geodetic up vectors in TEME at GMST `gmstRad`,
 * 3 per station, into `posTemeKm` and `upTeme` (allocated by the caller).
 */
export function stationsToTeme(s: StationArrays, gmstRad: number, posTemeKm: Float64Array, upTeme: Float64Array): void {
  const c = Math.cos(gmstRad);
  const sn = Math.sin(gmstRad);
  for (let k = 0; k < 3 * s.count; k += 3) {
    const px = s.posEcfKm[k];
    const py = s.posEcfKm[k + 1];
    posTemeKm[k] = px * c - py * sn;
    posTemeKm[k + 1] = px * sn + py * c;
    posTemeKm[k + 2] = s.posEcfKm[k + 2];
    const ux = s.upEcf[k];
    const uy = s.upEcf[k + 1];
    upTeme[k] = ux * c - uy * sn;
    upTeme[k + 1] = ux * sn + uy * c;
    upTeme[k + 2] = s.upEcf[k + 2];
  }
}

/** Sine of the elevation of a satellite at ECF (km) above station `k`'s horizon. */
export function sinElevation(s: StationArrays, k: number, xf: number, yf: number, zf: number): number {
  const dx = xf - s.posEcfKm[3 * k];
  const dy = yf - s.posEcfKm[3 * k + 1];
  const dz = zf - s.posEcfKm[3 * k + 2];
  const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
  return (dx * s.upEcf[3 * k] + dy * s.upEcf[3 * k + 1] + dz * s.upEcf[3 * k + 2]) / d;
}

/** Elevation (rad) of a satellite at ECF (km) above station `k`'s horizon. */
export function elevationRad(s: StationArrays, k: number, xf: number, yf: number, zf: number): number {
  const sinEl = sinElevation(s, k, xf, yf, zf);
  return Math.asin(sinEl > 1 ? 1 : sinEl < -1 ? -1 : sinEl);
}

/**
 * Line of sight between two satellites (TEME, km) not blocked by the Earth
 * sphere of radius `blockRadiusKm`: the segment's closest point to the
 * Earth's centre stays outside it.
 */
export function lineOfSight(ax: number, ay: number, az: number, bx: number, by: number, bz: number, blockRadiusKm: number): boolean {
  const dx = bx - ax;
  const dy = by - ay;
  const dz = bz - az;
  const dd = dx * dx + dy * dy + dz * dz;
  let t = dd > 0 ? -(ax * dx + ay * dy + az * dz) / dd : 0;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const cx = ax + t * dx;
  const cy = ay + t * dy;
  const cz = az + t * dz;
  return cx * cx + cy * cy + cz * cz > blockRadiusKm * blockRadiusKm;
}
