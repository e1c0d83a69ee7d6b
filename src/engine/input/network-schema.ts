/**
 * The ground segment and inter-satellite links, as scenario fields with cited
 * defaults. Sources: docs/reference/PHYSICS.md.
 */
import { z } from 'zod';
import { finite, int, positive, requiredOr } from './schema-numbers';

export const groundStationSchema = z.strictObject({
  name: z.string({ error: requiredOr() }).min(1).max(100),
  latitudeDeg: finite().min(-90).max(90),
  longitudeDeg: finite().min(-180).max(360),
  altitudeM: finite().min(-500).max(9000).default(0),
  minElevationDeg: finite().min(-5).max(90).default(10),
  downlinkGbps: positive().max(1e5),
  /** Satellites a station can serve at once (one per antenna). */
  antennas: int().min(1).max(1000).default(1),
});

export const islSchema = z.strictObject({
  enabled: z.boolean().default(false),
  maxRangeKm: positive().max(100_000).default(5000),
  rateGbps: positive().max(1e6).default(100),
});
