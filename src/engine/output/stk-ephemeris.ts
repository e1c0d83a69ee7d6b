/**
 * STK ephemeris file (.e, "EphemerisTimePosVel") of one satellite: what STK's
 * StkExternal propagator (and ODTK, FreeFlyer) load. Keywords as the STK
 * help's "Ephemeris File Format (*.e)" page describes them and as STK 11
 * writes them:
 *
 *   stk.v.11.0
 *   BEGIN Ephemeris
 *   NumberOfEphemerisPoints <n>
 *   ScenarioEpoch <d Mon yyyy hh:mm:ss.ssssss>   (UTC Gregorian)
 *   InterpolationMethod Lagrange, InterpolationSamplesM1 <7 or fewer>
 *   CentralBody Earth
 *   CoordinateSystem TEMEOfDate                   (SGP4's own frame)
 *   EphemerisTimePosVel
 *   <t> <x> <y> <z> <vx> <vy> <vz>                 s since ScenarioEpoch (3 decimals),
 *                                                  m (3 decimals), m/s (6 decimals)
 *   END Ephemeris
 *
 * Distances in metres: STK's default DistanceUnit when the keyword is absent.
 * One satellite per file: a .e file describes one vehicle, so concatenating
 * several is not a valid file; the CLI and the app write the chosen (app:
 * selected) satellite. States: SGP4 at every epoch (ephemeris-states.ts),
 * ending at the last valid one when SGP4 fails (e.g. decay).
 * Byte-deterministic (no wall clock, fixed-point numbers).
 */
import type { SatelliteSpec } from '../input/constellation';
import type { Scenario } from '../input/scenario';
import { ChunkSink, type ByteWrite } from './byte-writer';
import { asciiName, epochMs, objectIds, planEphemeris, propagateEphemeris, type EphemerisPlan } from './ephemeris-states';
import { putFixed } from './fixed-point';

export const STK_VERSION = 'stk.v.11.0';
/** Lagrange over 8 points (InterpolationSamplesM1 = 7): what STK itself writes for its ephemerides. */
export const STK_INTERPOLATION_SAMPLES_M1 = 7;

/** Sizes for planEphemeris (a line of an Earth orbit in metres; the header). */
const STK_SIZE = { lineBytes: 13 + 3 * 14 + 3 * 14 + 1, segmentBytes: 0, headerBytes: 1024 };
const LINE_MAX = 6 * 30 + 30 + 2;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** STK's Gregorian UTC date, e.g. "20 Jun 2006 00:00:00.000000" (milliseconds, then three zeros). */
export function stkDate(timeMs: number): string {
  const d = new Date(Math.round(timeMs));
  const two = (x: number) => String(x).padStart(2, '0');
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}000`;
}

export interface StkOptions {
  /** Output step (s), default 60. */
  stepSeconds?: number;
}

/** Checks and sizes a request for satellite `index` (throws EphemerisError). */
export function planStk(scenario: Scenario, satellites: readonly SatelliteSpec[], index: number, options: StkOptions = {}): EphemerisPlan {
  return planEphemeris(scenario, satellites, { stepSeconds: options.stepSeconds, satellites: [index] }, STK_SIZE);
}

/** Writes the .e file of satellite `index` through `write`. Throws EphemerisError before writing anything for a bad request. */
export async function writeStkEphemeris(
  scenario: Scenario,
  satellites: readonly SatelliteSpec[],
  index: number,
  write: ByteWrite,
  options: StkOptions = {},
  progress?: (fraction: number) => void,
  chunkBytes = 1 << 20,
): Promise<EphemerisPlan> {
  const plan = planStk(scenario, satellites, index, options);
  const id = objectIds(scenario, satellites)[index];
  const sink = new ChunkSink(write, chunkBytes);
  const line = (s: string) => sink.text(`${s}\n`);
  await propagateEphemeris(
    satellites,
    plan,
    (i, states, count, failure) => {
      line(STK_VERSION);
      line(`# Orbital Compute Simulator: SGP4 ephemeris of ${asciiName(satellites[i].name, 64)} (${asciiName(id, 32)}), scenario "${asciiName(scenario.name, 120)}"`);
      line(`# SGP4 (satellite.js) at every epoch, every ${plan.stepMs / 1000} s; TEME of date, metres and metres per second`);
      if (failure) line(`# ${failure.message}: the ephemeris ends at the last valid state`);
      line('BEGIN Ephemeris');
      line(`NumberOfEphemerisPoints ${count}`);
      line(`ScenarioEpoch ${stkDate(plan.startMs)}`);
      if (count > 1) {
        line('InterpolationMethod Lagrange');
        line(`InterpolationSamplesM1 ${Math.min(STK_INTERPOLATION_SAMPLES_M1, count - 1)}`);
      }
      line('CentralBody Earth');
      line('CoordinateSystem TEMEOfDate');
      line('EphemerisTimePosVel');
      for (let n = 0; n < count; n++) {
        const v = sink.reserve(LINE_MAX);
        let p = putFixed(v, sink.pos, (epochMs(plan, n) - plan.startMs) / 1000, 3);
        for (let d = 0; d < 6; d++) {
          v.setUint8(p++, 0x20);
          p = putFixed(v, p, states[6 * n + d] * 1000, d < 3 ? 3 : 6);
        }
        v.setUint8(p++, 0x0a);
        sink.pos = p;
      }
      line('END Ephemeris');
    },
    progress,
  );
  sink.flush();
  return plan;
}
