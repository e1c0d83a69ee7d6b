/**
 * Ground track of a satellite around a time: the sub-satellite point
 * (geodetic latitude, longitude in degrees) at `samples` + 1 times evenly
 * over `periods` SGP4 periods P = 2π / n (n the SGP4 mean motion, rad/min)
 * centred on the time. TEME → Earth-fixed by the GMST rotation θ about z
 * (satellite.js `gstime`, IAU-82, Vallado 2013 eq. 3-45; polar motion
 * neglected), geodetic latitude and longitude by satellite.js
 * `eciToGeodetic` (WGS-84 ellipsoid, Vallado 2013 algorithm 12). Times in
 * ms since the Unix epoch, angles in degrees, longitude wrapped to
 * [−180, 180). A sample that fails to propagate repeats the last good one.
 */
import { eciToGeodetic, gstime, type SatRec } from 'satellite.js';
import { MS_PER_MINUTE, RAD } from '../core/constants';
import { julianDateFromMs } from '../core/time';
import { propagateAt } from '../orbit/propagation';

export interface GroundTrackData {
  /** Time of sample 0 (ms) and spacing (ms): sample k is at startMs + k · stepMs. */
  startMs: number;
  stepMs: number;
  /** SGP4 period (ms). */
  periodMs: number;
  /** Geodetic latitude (deg) per sample. */
  latDeg: Float32Array;
  /** Longitude (deg, [−180, 180)) per sample. */
  lonDeg: Float32Array;
}

const pv = new Float64Array(6);
const eci = { x: 0, y: 0, z: 0 };

/** Longitude (deg) wrapped to [−180, 180). */
function wrapLonDeg(deg: number): number {
  return ((((deg + 180) % 360) + 360) % 360) - 180;
}

/** The ground track of `rec` (element epoch `epochMs`) over `periods` orbits centred on `timeMs`; null when no sample propagates or samples < 2. */
export function groundTrack(rec: SatRec, epochMs: number, timeMs: number, samples: number, periods = 2): GroundTrackData | null {
  if (!(samples >= 2) || !(periods > 0)) return null;
  const periodMs = ((2 * Math.PI) / rec.no) * MS_PER_MINUTE;
  const spanMs = periods * periodMs;
  const startMs = timeMs - spanMs / 2;
  const stepMs = spanMs / samples;
  const latDeg = new Float32Array(samples + 1);
  const lonDeg = new Float32Array(samples + 1);
  let last = -1;
  for (let k = 0; k <= samples; k++) {
    const t = startMs + k * stepMs;
    if (propagateAt(rec, epochMs, t, pv)) {
      eci.x = pv[0];
      eci.y = pv[1];
      eci.z = pv[2];
      const g = eciToGeodetic(eci as never, gstime(julianDateFromMs(t)) as never);
      latDeg[k] = g.latitude * RAD;
      lonDeg[k] = wrapLonDeg(g.longitude * RAD);
      last = k;
    } else if (last >= 0) {
      latDeg[k] = latDeg[last];
      lonDeg[k] = lonDeg[last];
    }
  }
  return last >= 0 ? { startMs, stepMs, periodMs, latDeg, lonDeg } : null;
}
