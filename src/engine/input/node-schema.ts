/**
 * The node's hardware (power, thermal, compute, storage) and its thermal
 * environment, as scenario fields with cited defaults. Sources:
 * docs/reference/PHYSICS.md.
 */
import { z } from 'zod';
import { finite, fraction, nonNegative, positive } from './schema-numbers';

/**
 * Default node: a Starlink-class bus (≈105 m² of 22 % cells ≈ 28 kW) carrying
 * ≈100 TPU v6e-class accelerators (918 TFLOP/s bf16 each, ≈200 W each with
 * overheads) — the space AI cluster study in docs/reference/PHYSICS.md.
 */
export const nodeSchema = z.strictObject({
  solarArrayAreaM2: positive().max(1e8).default(105),
  solarCellEfficiency: positive().max(1).default(0.22),
  arrayPointing: z.enum(['sun-tracking', 'body-fixed']).default('sun-tracking'),
  /** 0 means no battery. */
  batteryCapacityKWh: nonNegative().max(1e7).default(20),
  batteryMinStateOfCharge: fraction().default(0.2),
  batteryInitialStateOfCharge: fraction().default(0.9),
  batteryRoundTripEfficiency: positive().max(1).default(0.9),
  busPowerW: nonNegative().max(1e10).default(2000),
  computePowerW: positive().max(1e10).default(20_000),
  computeTflops: positive().max(1e12).default(91_800),
  radiatorAreaM2: positive().max(1e8).default(60),
  radiatorEmissivity: positive().max(1).default(0.9),
  radiatorAbsorptivity: fraction().default(0.1),
  radiatorSunViewFactor: fraction().default(0.1),
  radiatorEarthViewFactor: fraction().default(0.25),
  /** At least 1 J/K: smaller values make the lumped thermal model overflow. */
  heatCapacityJPerK: finite().min(1, { error: 'must be at least 1 J/K' }).max(1e15).default(2e6),
  initialTemperatureC: finite().min(-150).max(200).default(20),
  maxTemperatureC: finite().min(-150).max(300).default(45),
  storageGB: positive().max(1e12).default(2000),
  outputGBPerHourAtFullCompute: nonNegative().max(1e9).default(50),
});

export const environmentSchema = z.strictObject({
  earthIrWPerM2: finite().min(0).max(500).default(237),
  albedo: fraction().default(0.3),
});
