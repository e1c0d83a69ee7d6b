/**
 * The ground segment and inter-satellite links, as scenario fields with cited
 * defaults. Sources: docs/reference/link-sources.md (and docs/reference/PHYSICS.md).
 *
 * A station's downlink is either `fixed` (one rate, `downlinkGbps`, for users
 * who have a number) or `budget` (rate from a link budget along the pass:
 * network/link-budget.ts). Default: `budget`, the physical model, unless the
 * station gives `downlinkGbps` and no `linkModel`: a station written with one
 * rate keeps meaning that rate. Budget fields describe the satellite's
 * transmitter towards that station and the station's receiver; they are
 * refused on a `fixed` station (they would be ignored).
 */
import { z } from 'zod';
import { finite, int, nonNegative, positive, requiredOr } from './schema-numbers';

/** Budget fields and their defaults (sources in docs/reference/link-sources.md). */
export const GROUND_BUDGET_DEFAULTS = {
  /** Ka-band EESS downlink allocation 25.5–27 GHz (ITU Radio Regulations Art. 5; IOAG LEO 26 GHz study, 2016). */
  frequencyGHz: 26,
  /** Fills the 1.5 GHz allocation at DVB-S2 roll-off 0.25: Rs(1 + α) = 1200 · 1.25 = 1500 MHz (ETSI EN 302 307-1 §5.6). */
  symbolRateMsps: 1200,
  /** Assumed design point (no single published value): a 10 W Ka-band SSPA/TWTA output. EIRP with the gain below: 30 dBW. */
  transmitPowerW: 10,
  /** Assumed design point: medium-gain antenna, net of feed losses; G = η(πD/λ)² = 100 for a 4.7 cm aperture at η 0.6, 26 GHz. */
  transmitAntennaGainDbi: 20,
  /** Derived: 7.3 m-class dish, aperture efficiency 0.6, at 26 GHz: G = 0.6 · (π · 7.3 / 0.01153)² = 63.75 dBi, over a 250 K system temperature (23.98 dB·K). */
  gOverTDbPerK: 39.8,
  /** Zenith gases ≈ 0.3 dB (ITU-R P.676, approximate, 7.5 g/m³ water vapour) + clouds 0.3 dB (ITU-R P.840: K_l = 0.59 (dB/km)/(g/m³) at 26 GHz, 0 °C, × 0.5 kg/m² liquid water); scaled by 1/sin(elevation). */
  atmosphericLossZenithDb: 0.6,
  /** Rain exceeded 1 % of an average year at 26 GHz, mid-latitude (ITU-R P.618-13 §2.2.1.1 with P.838-3 coefficients, R₀.₀₁ = 30 mm/h, h_R = 3.36 km, 48° N, circular polarisation): 1.9 dB at zenith, 2.5 dB at 30°, 3.2 dB at 20°, 5.0 dB at 10°. */
  rainMarginDb: 3,
  /** Assumed: modem implementation loss against the ideal (AWGN, perfect synchronisation) EN 302 307-1 Table 13 thresholds. */
  implementationMarginDb: 1,
} as const;

/** Session fields (both link models). */
export const SESSION_DEFAULTS = {
  /** Time a new session carries nothing (s): signal acquisition at a predicted position, ≈ 10 s (Cobham SAILOR 900 Ka manual, Table 6-3, initial search). */
  acquisitionS: 10,
  /** Hysteresis (a policy, not physics): an antenna leaves the satellite it holds only once that one can no longer fill it, and only for one holding more data by more than (1 + this) × rate × acquisitionS (what a switch costs); network/downlink.ts. */
  handoverAdvantage: 1,
} as const;

const BUDGET_KEYS = Object.keys(GROUND_BUDGET_DEFAULTS) as Array<keyof typeof GROUND_BUDGET_DEFAULTS>;

/** Fields every station has after parsing. */
interface StationBase {
  name: string;
  latitudeDeg: number;
  longitudeDeg: number;
  altitudeM: number;
  minElevationDeg: number;
  antennas: number;
  acquisitionS: number;
  handoverAdvantage: number;
}
/** A parsed station with a fixed rate. */
export interface FixedStation extends StationBase {
  linkModel: 'fixed';
  downlinkGbps: number;
}
/** A parsed station whose rate comes from a link budget (fields of GROUND_BUDGET_DEFAULTS). */
export type BudgetStation = StationBase & { linkModel: 'budget' } & { -readonly [K in keyof typeof GROUND_BUDGET_DEFAULTS]: number };

export const groundStationSchema = z
  .strictObject({
    name: z.string({ error: requiredOr() }).min(1).max(100),
    latitudeDeg: finite().min(-90).max(90),
    longitudeDeg: finite().min(-180).max(360),
    altitudeM: finite().min(-500).max(9000).default(0),
    minElevationDeg: finite().min(-5).max(90).default(10),
    /** 'fixed': downlinkGbps; 'budget': link budget. Default 'budget', or 'fixed' when downlinkGbps is given. */
    linkModel: z.enum(['fixed', 'budget'], { error: 'expected "fixed" or "budget"' }).optional(),
    downlinkGbps: positive().max(1e5).optional(),
    /** Satellites a station can serve at once (one per antenna). */
    antennas: int().min(1).max(1000).default(1),
    frequencyGHz: finite().min(1).max(300).optional(),
    symbolRateMsps: positive().max(1e5).optional(),
    transmitPowerW: positive().max(1e5).optional(),
    transmitAntennaGainDbi: finite().min(-20).max(80).optional(),
    gOverTDbPerK: finite().min(-50).max(80).optional(),
    atmosphericLossZenithDb: nonNegative().max(100).optional(),
    rainMarginDb: nonNegative().max(100).optional(),
    implementationMarginDb: nonNegative().max(100).optional(),
    acquisitionS: nonNegative().max(3600).default(SESSION_DEFAULTS.acquisitionS),
    handoverAdvantage: nonNegative().max(1000).default(SESSION_DEFAULTS.handoverAdvantage),
  })
  .superRefine((g, ctx) => {
    const model = g.linkModel ?? (g.downlinkGbps !== undefined ? 'fixed' : 'budget');
    if (model === 'fixed') {
      if (g.downlinkGbps === undefined) ctx.addIssue({ code: 'custom', path: ['downlinkGbps'], message: 'required when linkModel is "fixed"' });
      for (const k of BUDGET_KEYS) {
        if (g[k] !== undefined) ctx.addIssue({ code: 'custom', path: [k], message: 'applies to linkModel "budget" only; remove it or set linkModel to "budget"' });
      }
    } else if (g.downlinkGbps !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['downlinkGbps'], message: 'applies to linkModel "fixed" only; remove it or set linkModel to "fixed"' });
    }
  })
  .transform((g): FixedStation | BudgetStation => {
    const { linkModel, downlinkGbps, frequencyGHz, symbolRateMsps, transmitPowerW, transmitAntennaGainDbi, gOverTDbPerK, atmosphericLossZenithDb, rainMarginDb, implementationMarginDb, ...base } = g;
    if ((linkModel ?? (downlinkGbps !== undefined ? 'fixed' : 'budget')) === 'fixed') return { ...base, linkModel: 'fixed', downlinkGbps: downlinkGbps ?? 0 };
    const d = GROUND_BUDGET_DEFAULTS;
    return {
      ...base,
      linkModel: 'budget',
      frequencyGHz: frequencyGHz ?? d.frequencyGHz,
      symbolRateMsps: symbolRateMsps ?? d.symbolRateMsps,
      transmitPowerW: transmitPowerW ?? d.transmitPowerW,
      transmitAntennaGainDbi: transmitAntennaGainDbi ?? d.transmitAntennaGainDbi,
      gOverTDbPerK: gOverTDbPerK ?? d.gOverTDbPerK,
      atmosphericLossZenithDb: atmosphericLossZenithDb ?? d.atmosphericLossZenithDb,
      rainMarginDb: rainMarginDb ?? d.rainMarginDb,
      implementationMarginDb: implementationMarginDb ?? d.implementationMarginDb,
    };
  });

/** Lowest height of an inter-satellite line of sight above the Earth (km): 80 km, "to avoid weather conditions" (Hypatia, Kassing et al., IMC 2020). */
export const DEFAULT_ISL_GRAZING_ALTITUDE_KM = 80;

/**
 * Optical inter-satellite links (sources in docs/reference/link-sources.md):
 * rate(d) = min(rateGbps, referenceRateGbps · (referenceRangeKm / d)²), links
 * up to maxRangeKm, at most `terminals` at once per satellite, line of sight
 * above grazingAltitudeKm.
 */
export const islSchema = z.strictObject({
  enabled: z.boolean().default(false),
  /** Longest link (km): SCOT80 links 5,000–8,000 km (DLR); Starlink links beyond 5,400 km (SpaceX, SPIE Photonics West 2024). */
  maxRangeKm: positive().max(100_000).default(5000),
  /** Terminal data rate, the cap (Gbps): 100 Gbps per Starlink laser link (SPIE Photonics West 2024); SCOT80 2.5–100 Gbps (DLR). */
  rateGbps: positive().max(1e6).default(100),
  /** Published operating point: Tesat SCOT80, 10 Gbps up to 8,000 km (Tesat / MDA, Satellite Today, 2024-05-28). */
  referenceRateGbps: positive().max(1e6).default(10),
  referenceRangeKm: positive().max(100_000).default(8000),
  /** Optical terminals per satellite: three to five per SDA Transport Layer satellite (SDA director, SpaceNews 2021-04-21). */
  terminals: int().min(1).max(64).default(4),
  /** Lowest height of the line of sight above the Earth (km): DEFAULT_ISL_GRAZING_ALTITUDE_KM. */
  grazingAltitudeKm: nonNegative().max(1000).default(DEFAULT_ISL_GRAZING_ALTITUDE_KM),
});
