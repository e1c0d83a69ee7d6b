/**
 * The node's hardware (power, thermal, compute, storage) and its thermal
 * environment, as scenario fields with cited defaults. Sources:
 * docs/reference/PHYSICS.md, docs/reference/power-sources.md (array, battery).
 */
import { z } from 'zod';
import { finite, fraction, nonNegative, positive } from './schema-numbers';
import { RADIATOR_ORIENTATIONS } from '../node/thermal';

/**
 * Default node: a Starlink V2-mini-class bus (116 m² of 22 % cells ≈ 27.5 kW at
 * the bus after packing, conversion and cell temperature, node/solar-array.ts;
 * the class is ≈27–28 kW from ≈116–120 m², docs/reference/ECONOMICS.md "Mass") carrying
 * ≈100 TPU v6e-class accelerators (918 TFLOP/s bf16 each, ≈200 W each with
 * overheads) — the space AI cluster study in docs/reference/PHYSICS.md.
 */
export const nodeSchema = z.strictObject({
  /** Array area (m²): Starlink V2 mini ≈116–120 m² for ≈27–28 kW (FCC-filing summaries, docs/reference/ECONOMICS.md "Mass"). */
  solarArrayAreaM2: positive().max(1e8).default(116),
  /** At the rating temperature `solarCellReferenceTemperatureC` (AM0). docs/reference/PHYSICS.md "Reference designs". */
  solarCellEfficiency: positive().max(1).default(0.22),
  /** Cell area / array area. docs/reference/PHYSICS.md "Reference designs" (90 % fill). */
  solarArrayPackingFactor: positive().max(1).default(0.9),
  /** Array regulator + harness to the bus. power-sources.md "Solar array". */
  solarArrayConversionEfficiency: positive().max(1).default(0.97),
  /** Relative change of cell power per K (−0.0035 = −0.35 %/K, silicon class). power-sources.md "Solar array". */
  solarCellTempCoefficientPerK: finite().min(-0.05).max(0.01).default(-0.0035),
  /** Cell temperature in sunlight (LEO sun-tracking array ≈ 45–65 °C). power-sources.md "Solar array". */
  solarCellOperatingTemperatureC: finite().min(-150).max(200).default(55),
  /** Temperature at which `solarCellEfficiency` is rated (space-cell AM0 convention 28 °C). power-sources.md. */
  solarCellReferenceTemperatureC: finite().min(-150).max(200).default(28),
  arrayPointing: z.enum(['sun-tracking', 'body-fixed']).default('sun-tracking'),
  /** 0 means no battery. */
  batteryCapacityKWh: nonNegative().max(1e7).default(20),
  batteryMinStateOfCharge: fraction().default(0.2),
  batteryInitialStateOfCharge: fraction().default(0.9),
  batteryRoundTripEfficiency: positive().max(1).default(0.9),
  /** Charge power limit at the terminals, in C (1 C = capacity per hour). power-sources.md "Battery limits". */
  batteryMaxChargeCRate: positive().max(100).default(0.5),
  /** Discharge power limit at the terminals, in C. power-sources.md "Battery limits". */
  batteryMaxDischargeCRate: positive().max(100).default(1),
  /** Cycle life N(DoD) = N₁₀₀ · DoD^(−k) to end of life: N₁₀₀ (cycles at 100 % DoD). power-sources.md "Battery wear". */
  batteryCycleLifeAtFullDepth: positive().max(1e9).default(1000),
  /** Exponent k of the cycle-life curve. power-sources.md "Battery wear". */
  batteryCycleLifeExponent: finite().min(0).max(10).default(2.66),
  /** Capacity lost at end of cycle life (fraction). power-sources.md "Battery wear". */
  batteryEndOfLifeCapacityFade: positive().max(1).default(0.2),
  busPowerW: nonNegative().max(1e10).default(2000),
  computePowerW: positive().max(1e10).default(20_000),
  computeTflops: positive().max(1e12).default(91_800),
  radiatorAreaM2: positive().max(1e8).default(60),
  radiatorEmissivity: positive().max(1).default(0.9),
  radiatorAbsorptivity: fraction().default(0.1),
  /**
   * Radiator attitude, which sets its Earth and Sun view factors per sample
   * (node/thermal.ts). Default edge-on: nadir-pointing bus with yaw steering,
   * radiators along the array's rotation axis (GPS nominal attitude,
   * Bar-Sever 1996). thermal-sources.md "Radiator attitude".
   */
  radiatorOrientation: z.enum(RADIATOR_ORIENTATIONS, { error: `expected one of ${RADIATOR_ORIENTATIONS.map((o) => `"${o}"`).join(', ')}` }).default('edge-on'),
  /** Optional: fixed sun view factor (mean incidence cosine over the emitting area while sunlit), replacing the attitude's. */
  radiatorSunViewFactor: fraction().optional(),
  /** Optional: fixed Earth view factor, replacing the attitude's and altitude's. */
  radiatorEarthViewFactor: fraction().optional(),
  /** Radiator node (panels, structure, bus, battery), J/K; at least 1 J/K. */
  heatCapacityJPerK: finite().min(1, { error: 'must be at least 1 J/K' }).max(1e15).default(2e6),
  /** Both thermal nodes at the start (°C). */
  initialTemperatureC: finite().min(-150).max(200).default(20),
  /** Radiator node limit (bus electronics, battery: Li-ion cells charge at 0–45 °C). thermal-sources.md "Limits". */
  maxTemperatureC: finite().min(-150).max(300).default(45),
  /** Accelerator junction limit (°C): 95 °C, within the 85–105 °C accelerators throttle at. thermal-sources.md "Limits". */
  acceleratorMaxJunctionC: finite().min(-150).max(300).default(95),
  /** Accelerator node heat capacity (J/K): ≈100 accelerators × ≈2 kg of aluminium × 897 J/(kg K). thermal-sources.md "Two-node model". */
  acceleratorHeatCapacityJPerK: finite().min(1, { error: 'must be at least 1 J/K' }).max(1e15).default(2e5),
  /** Optional junction-to-radiator conductance (W/K); default computePowerW / 30 K (full compute 30 K above the radiator). thermal-sources.md "Two-node model". */
  acceleratorConductanceWPerK: positive().max(1e12).optional(),
  storageGB: positive().max(1e12).default(2000),
  outputGBPerHourAtFullCompute: nonNegative().max(1e9).default(50),
  /** Optional: the node's launch mass (kg), replacing the component mass model (cost/node-mass.ts). */
  massKg: positive().max(1e9).optional(),
});

export const environmentSchema = z.strictObject({
  earthIrWPerM2: finite().min(0).max(500).default(237),
  albedo: fraction().default(0.3),
  /** Solar activity for the atmosphere density (drag, decay): low, mid or high (environment/atmosphere.ts). */
  solarActivity: z.enum(['low', 'mid', 'high'], { error: 'expected one of "low", "mid", "high"' }).default('mid'),
  /** Aluminium shielding in front of the accelerators (mm): 10, as in Google's 2025 study (arXiv:2511.19468; docs/reference/ECONOMICS.md "Lifetime"). */
  shieldingMmAl: positive().max(1000).default(10),
});
