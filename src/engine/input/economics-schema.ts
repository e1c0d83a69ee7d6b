/**
 * Mass, lifetime and cost inputs (issue 13), each default with its source.
 * Sources: docs/reference/ECONOMICS.md (the rows named below),
 * docs/reference/cost-sources.md (how each default was chosen),
 * docs/reference/environment-sources.md (atmosphere, radiation).
 * Models: cost/node-mass.ts, cost/levelised-cost.ts, run/lifetime-run.ts.
 */
import { z } from 'zod';
import { finite, fraction, nonNegative, positive } from './schema-numbers';

/** Projected area of a sun-tracking array as seen by the flow: face-on 1, edge-on 0, rotating once an orbit 2/π. */
export const DRAG_ATTITUDES = ['sun-tracking', 'face-on', 'edge-on'] as const;

/** Component mass model of a node (cost/node-mass.ts). `node.massKg` replaces its total. */
export const massSchema = z.strictObject({
  /** Array specific power at the array level, W(BOL, 1 AU)/kg: 150 (NASA NTRS 20150006022, Mikulas et al.; docs/reference/ECONOMICS.md "Mass"). */
  arraySpecificPowerWPerKg: positive().max(1e5).default(150),
  /** Radiator areal mass (kg per m² of radiating area): ≈7 conventional (NASA SBIR 1991, Thermacore; docs/reference/ECONOMICS.md "Mass"). */
  radiatorArealMassKgPerM2: positive().max(1000).default(7),
  /** Battery pack specific energy (Wh/kg): 125, the middle of 100–150 for space Li-ion packs (ESA Bulletin 90; docs/reference/ECONOMICS.md "Mass"). */
  batterySpecificEnergyWhPerKg: positive().max(1e4).default(125),
  /** Compute mass per kW of compute power: 12.8 kg/kW (DGX H100: 130.45 kg for 10.2 kW; docs/reference/ECONOMICS.md "Mass"). */
  computeMassKgPerKW: positive().max(1e4).default(12.8),
  /** Fixed bus mass (avionics, attitude control, communications; kg): 100, an assumption (cost-sources.md "Bus"). */
  busFixedMassKg: nonNegative().max(1e9).default(100),
  /** Structure and the rest of the bus as a share of dry mass: 0.25 (SMAD-class share; cost-sources.md "Bus"). */
  structureMassFraction: finite().min(0).max(0.9).default(0.25),
  /** Electric thruster specific impulse (s): 2,500 (SpaceX argon Hall thruster of Starlink V2 mini, 2023; cost-sources.md "Propulsion"). */
  thrusterIspS: positive().max(1e5).default(2500),
  /** Drag coefficient: 2.2 (flat-plate/compact-body convention; environment-sources.md "Drag"). */
  dragCoefficient: positive().max(10).default(2.2),
  /** How the arrays meet the flow (DRAG_ATTITUDES). Radiators are taken edge-on to the flow. */
  arrayDragAttitude: z.enum(DRAG_ATTITUDES, { error: `expected one of ${DRAG_ATTITUDES.map((a) => `"${a}"`).join(', ')}` }).default('sun-tracking'),
  /** Bus cross-section facing the flow (m²): 4, a V2-mini-class chassis (≈ 2.7 m wide); an estimate (cost-sources.md "Drag area"). */
  busFrontalAreaM2: nonNegative().max(1e8).default(4),
  /** Area-to-mass difference between formation members (fraction): 0.05, an estimate (cost-sources.md "Formation"). Clusters hold their formation against the differential drag. */
  formationAreaToMassSpread: finite().min(0).max(10).default(0.05),
  /** Optional: the drag area (m²), replacing the attitude model. */
  dragAreaM2: nonNegative().max(1e8).optional(),
  /** Hold the orbit against drag (ΔV and propellant counted); false: SGP4 decays the generated designs with the node's B*. */
  stationKeeping: z.boolean().default(true),
});

/** Lifetime model (run/lifetime-run.ts). */
export const lifetimeSchema = z.strictObject({
  /** Compute the lifetime, mass and cost section (sampled days over each year of the life). */
  enabled: z.boolean().default(true),
  /** One-day runs sampled across the year (run/lifetime-run.ts): 24 matches a full-year run within 1 % (test/engine/run/lifetime-run.test.ts). */
  sampleDays: finite().int({ error: 'expected an integer' }).min(1).max(366).default(24),
  /** Accelerator failures per year (fraction of those alive): 0.09, terrestrial GPU fleets as cited by the McCalip model (docs/reference/ECONOMICS.md "Lifetime"). */
  acceleratorFailureRatePerYear: fraction().default(0.09),
  /** Total dose (krad(Si)) at which the accelerators are taken as failed: 15, no hard failures of TPU v6e to 15 krad (Google 2025, arXiv:2511.19468). */
  acceleratorDoseLimitKrad: positive().max(1e6).default(15),
  /** Array power lost per year (fraction): 0.0075, the middle of 0.5–1 %/year for Si/III-V cells in LEO (docs/reference/ECONOMICS.md "Lifetime"). */
  arrayDegradationPerYear: fraction().default(0.0075),
  /** Upsets that stop a node's compute, per rad of dose: 2 (≈100 chips each ≈1 per 50 rad; an estimate, cost-sources.md "Upsets"). */
  upsetsPerRadPerNode: nonNegative().max(1e9).default(2),
  /** Compute lost per upset (s): 600, a restart from the last checkpoint (an estimate, cost-sources.md "Upsets"). */
  upsetRecoveryS: nonNegative().max(1e9).default(600),
});

/** The terrestrial reference: the same accelerators in a ground data centre. */
export const terrestrialSchema = z.strictObject({
  /** Build cost per MW of critical (IT) load: $11.7M, the US average of $9.3–15.0M (Cushman & Wakefield 2025; docs/reference/ECONOMICS.md "Terrestrial"). */
  buildUsdPerMW: nonNegative().max(1e12).default(11.7e6),
  /** Electricity ($/kWh): 0.08, inside the $0.06–0.25 US data-centre range (Google 2025 study; docs/reference/ECONOMICS.md "Terrestrial"). */
  electricityUsdPerKWh: nonNegative().max(100).default(0.08),
  /** Power usage effectiveness: 1.56, the 2024 industry average (Uptime Institute survey; docs/reference/ECONOMICS.md "Terrestrial"). */
  pue: finite().min(1).max(10).default(1.56),
});

/** Prices and the money model (cost/levelised-cost.ts). */
export const economicsSchema = z.strictObject({
  /** Launch price to LEO ($/kg): 3,600, reusable Falcon 9 as used by Google's 2025 study and SpaceNews (docs/reference/ECONOMICS.md "Launch price"). */
  launchUsdPerKg: nonNegative().max(1e7).default(3600),
  /** Years over which the design is paid back: 5, broadband LEO design life (operator statements; docs/reference/ECONOMICS.md "Lifetime"). */
  lifetimeYears: finite().int({ error: 'expected an integer' }).min(1).max(50).default(5),
  /** Discount rate (real, per year): 0.07 (US OMB Circular A-94 base case, 1992). */
  discountRate: finite().min(0).max(1).default(0.07),
  /** Accelerator hardware ($ per kW of compute power): 35,000 (DGX H100 ≈ $350k for 10.2 kW; cost-sources.md "Hardware"). */
  computeUsdPerKW: nonNegative().max(1e9).default(35_000),
  /** Satellite hardware without the accelerators ($ per kg): 1,000 (Starlink V2 mini ≈ $0.8M for ≈ 800 kg, analyst estimates; cost-sources.md "Hardware"). */
  busUsdPerKg: nonNegative().max(1e9).default(1000),
  /** Operations ($ per satellite-year): 50,000, an estimate (cost-sources.md "Operations"). */
  operationsUsdPerSatelliteYear: nonNegative().max(1e12).default(50_000),
  /** Ground station time ($ per contact minute): 10, AWS Ground Station wideband reserved-minute price (cost-sources.md "Ground stations"). */
  groundStationUsdPerMinute: nonNegative().max(1e6).default(10),
  /** Share of usable compute doing paid work, space and ground alike: 0.6 (docs/reference/ECONOMICS.md "Levelised cost" worked example). */
  utilisation: positive().max(1).default(0.6),
  terrestrial: terrestrialSchema.default(() => terrestrialSchema.parse({})),
});
