/**
 * CCSDS Orbit Ephemeris Message (OEM), KVN form, of a scenario's satellites:
 * the file STK, GMAT, Orekit and other tools read (CLI `--oem`, the app's
 * Export menu). Keywords, their order and the value syntax follow CCSDS
 * 502.0-B-3 (Orbit Data Messages, Blue Book, April 2023) §5 and §7; written
 * as version 2.0 (CCSDS_OEM_VERS = 2.0, the 2009 issue, which B-3 §7.9.1
 * lists as supported before): for the keywords used here the two versions are
 * identical (B-3 annex J adds only MESSAGE_ID to the OEM), and more tools
 * read 2.0.
 *
 *   header:   CCSDS_OEM_VERS, COMMENT…, CREATION_DATE, ORIGINATOR
 *   per satellite (one metadata block + its ephemeris data lines):
 *     META_START, [COMMENT], OBJECT_NAME, OBJECT_ID, CENTER_NAME = EARTH,
 *     REF_FRAME = TEME, TIME_SYSTEM = UTC, START_TIME, STOP_TIME,
 *     [INTERPOLATION = HERMITE, INTERPOLATION_DEGREE], META_STOP
 *     "epoch x y z vx vy vz": km (6 decimals, 1 mm) and km/s (9 decimals, 1 µm/s)
 *
 * Frame: TEME of date, SGP4's own output frame (B-3 §4.2.4.9 names TEME for
 * SGP4 element sets, TEME of date preferred); no conversion to another frame
 * is made. Times: UTC, YYYY-MM-DDThh:mm:ss.sss (§7.5.10). States: SGP4 at
 * every epoch (ephemeris-states.ts). B-3 §5.1.3 has an OEM describe one
 * object; for several satellites this writes one metadata block per
 * satellite (a multi-segment OEM, which Orekit reads per OBJECT_ID) — export
 * one satellite for tools that take a single object.
 * Byte-deterministic: no wall clock (CREATION_DATE is the scenario start
 * unless given), fixed-point numbers (fixed-point.ts), so the CLI and the
 * browser write the same bytes.
 */
import type { SatelliteSpec } from '../input/constellation';
import type { Scenario } from '../input/scenario';
import { parseUtcMs } from '../core/time';
import { ChunkSink, UtcBytes, type ByteWrite } from './byte-writer';
import {
  asciiName,
  ccsdsTime,
  epochMs,
  objectIds,
  planEphemeris,
  propagateEphemeris,
  type EphemerisPlan,
  type EphemerisRequest,
} from './ephemeris-states';
import { putFixed } from './fixed-point';

/** CCSDS_OEM_VERS written (see the header). */
export const OEM_VERSION = '2.0';
/** ORIGINATOR unless given. */
export const OEM_ORIGINATOR = 'ORBITAL COMPUTE SIMULATOR';
/** Interpolation recommended to readers: Hermite on positions and velocities, degree 7 (as the example OEMs of B-3 annex G), lower for blocks of fewer than 8 lines. */
export const OEM_INTERPOLATION = 'HERMITE';
export const OEM_INTERPOLATION_DEGREE = 7;
/** Decimals of positions (km) and velocities (km/s) in data lines. */
export const OEM_POSITION_DECIMALS = 6;
export const OEM_VELOCITY_DECIMALS = 9;

/** B-3 §7.3.2: OEM lines are at most 254 characters. Names are cut to keep every line within. */
const MAX_NAME = 200;
const MAX_COMMENT = 240;
/** Satellites left out are listed in the header up to this many. */
const MAX_LISTED = 100;

/** Sizes for planEphemeris: a data line of an Earth orbit (|r| < 10⁶ km, |v| < 100 km/s), a metadata block, the header. */
const OEM_SIZE = { lineBytes: 23 + 3 * 15 + 3 * 14 + 1, segmentBytes: 600, headerBytes: 1024 + MAX_LISTED * (MAX_COMMENT + 1) };
/** Bound of one data line (reserve): epoch, six numbers of ≤ 28 bytes (putFixed's toFixed fallback), separators. */
const LINE_MAX = 24 + 6 * 30 + 2;

export interface OemOptions extends EphemerisRequest {
  /** CREATION_DATE (ms since the Unix epoch, UTC); default the scenario start, so the same input gives the same bytes. */
  creationDateMs?: number;
  /** ORIGINATOR; default OEM_ORIGINATOR. */
  originator?: string;
}

/** Checks and sizes an OEM request without propagating (throws EphemerisError; the CLI calls it before the run). */
export function planOem(scenario: Scenario, satellites: readonly SatelliteSpec[], options: OemOptions = {}): EphemerisPlan {
  return planEphemeris(scenario, satellites, options, OEM_SIZE);
}

/**
 * Writes the OEM of `satellites` (scenario order; buildSatellites(scenario))
 * through `write`, in chunks of at most `chunkBytes`. Throws EphemerisError
 * before writing anything when the request is bad or the file too large.
 */
export async function writeOem(
  scenario: Scenario,
  satellites: readonly SatelliteSpec[],
  write: ByteWrite,
  options: OemOptions = {},
  progress?: (fraction: number) => void,
  chunkBytes = 1 << 20,
): Promise<EphemerisPlan> {
  const plan = planOem(scenario, satellites, options);
  const ids = objectIds(scenario, satellites);
  const sink = new ChunkSink(write, chunkBytes);
  const line = (s: string) => sink.text(`${s}\n`);
  const comment = (s: string) => line(`COMMENT ${asciiName(s, MAX_COMMENT)}`);

  line(`CCSDS_OEM_VERS = ${OEM_VERSION}`);
  comment(`Orbital Compute Simulator: SGP4 ephemerides of the scenario "${asciiName(scenario.name, 120)}"`);
  comment(`SGP4 (satellite.js) evaluated at every epoch, every ${plan.stepMs / 1000} s from the scenario start to its end`);
  comment('Frame TEME of date (SGP4 output); positions km, velocities km/s; accuracy is that of SGP4 and the element sets');
  plan.skipped.slice(0, MAX_LISTED).forEach((x) => comment(`Left out, no state: ${satLabel(satellites, ids, x.index)}: ${x.message}`));
  if (plan.skipped.length > MAX_LISTED) comment(`... and ${plan.skipped.length - MAX_LISTED} more satellites left out`);
  line(`CREATION_DATE = ${ccsdsTime(options.creationDateMs ?? parseUtcMs(scenario.startUtc))}`);
  line(`ORIGINATOR = ${asciiName(options.originator ?? OEM_ORIGINATOR, MAX_NAME)}`);

  const utc = new UtcBytes();
  await propagateEphemeris(
    satellites,
    plan,
    (index, states, count, failure) => {
      line('');
      line('META_START');
      if (failure) comment(`${failure.message}: no states from that epoch on`);
      line(`OBJECT_NAME = ${asciiName(satellites[index].name, MAX_NAME)}`);
      line(`OBJECT_ID = ${asciiName(ids[index], MAX_NAME)}`);
      line('CENTER_NAME = EARTH');
      line('REF_FRAME = TEME');
      line('TIME_SYSTEM = UTC');
      line(`START_TIME = ${ccsdsTime(epochMs(plan, 0))}`);
      line(`STOP_TIME = ${ccsdsTime(epochMs(plan, count - 1))}`);
      if (count > 1) {
        line(`INTERPOLATION = ${OEM_INTERPOLATION}`);
        line(`INTERPOLATION_DEGREE = ${Math.min(OEM_INTERPOLATION_DEGREE, count - 1)}`);
      }
      line('META_STOP');
      for (let n = 0; n < count; n++) {
        const v = sink.reserve(LINE_MAX);
        let p = utc.put(v, sink.pos, epochMs(plan, n)) - 1; // drop the "Z"
        for (let d = 0; d < 6; d++) {
          v.setUint8(p++, 0x20);
          p = putFixed(v, p, states[6 * n + d], d < 3 ? OEM_POSITION_DECIMALS : OEM_VELOCITY_DECIMALS);
        }
        v.setUint8(p++, 0x0a);
        sink.pos = p;
      }
    },
    progress,
  );
  sink.flush();
  return plan;
}

/** "name (id)" of satellite i, ASCII, for comments. */
export function satLabel(satellites: readonly SatelliteSpec[], ids: readonly string[], i: number): string {
  return `${asciiName(satellites[i].name, 64)} (${asciiName(ids[i], 32)})`;
}
