/**
 * Workloads: what the constellation's usable compute is used for, as
 * scenario fields with cited defaults (sources: docs/reference/workload-sources.md).
 *
 * - training: synchronous data-parallel training of one model by groups of
 *   `nodesPerReplica` satellites (workload/training.ts, workload/all-reduce.ts);
 * - inference: requests from ground regions served within a latency budget
 *   over the station-free user link and inter-satellite hops (workload/inference.ts);
 * - batch: jobs with data up, compute and results down before a deadline
 *   (workload/batch.ts).
 * A scheduler (naive or look-ahead: workload/scheduler.ts) decides when and
 * where they run. Priority on a node: inference, then batch, then training.
 */
import { z } from 'zod';
import { finite, fraction, int, nonNegative, positive, requiredOr } from './schema-numbers';

/**
 * Training defaults: a 70 B-parameter dense model (Llama 2 70B class, Touvron et al. 2023) trained with a
 * 16 M-token global batch (Llama 3 405B, Dubey et al. 2024, Table 4). With 81 nodes of 91.8
 * PFLOP/s at MFU 0.4 a step computes 6 · 70e9 · 16e6 / (81 · 91.8e15 · 0.4) = 2.26 s; its all-reduce moves
 * 2 · 80/81 · 140 GB, 1.38 s at 1.6 Tbps and 0.11 s at 20 Tbps (all-reduce.ts).
 */
export const TRAINING_DEFAULTS = {
  /** Llama 2 70B (Touvron et al. 2023, Table 1). */
  parameters: 70e9,
  /** Gradients exchanged in bf16: 2 bytes per parameter (mixed-precision training, Micikevicius et al. 2018). */
  bytesPerParameter: 2,
  /** Global batch per optimiser step: 16 M tokens (Dubey et al. 2024, Table 4; Llama 2 used 4 M: Touvron et al. 2023, Table 1). */
  tokensPerStep: 16e6,
  /** Training FLOPs per token per parameter: C ≈ 6·N·D (Kaplan et al. 2020, §2.1). */
  flopsPerTokenPerParameter: 6,
  /** Model FLOPs utilisation: 38–43 % for Llama 3 405B on 8k–16k H100 (Dubey et al. 2024, Table 4); PaLM 46.2 % (Chowdhery et al. 2022): workload-sources.md §3. */
  modelFlopsUtilisation: 0.4,
  /** Satellites training one replica together: the 81-member cluster of the space AI cluster study (docs/reference/PHYSICS.md). */
  nodesPerReplica: 81,
  /** Assumed: 30 min between periodic checkpoints (docs/reference/workload-sources.md §5). */
  checkpointIntervalMinutes: 30,
  /** Assumed: a checkpoint stalls training 30 s (docs/reference/workload-sources.md §5). */
  checkpointSeconds: 30,
  /** Assumed: 120 s from an interruption's end to training again (reload the checkpoint, re-form the ring). */
  restartSeconds: 120,
  /** Assumed per inter-satellite link (switching, serialisation): docs/reference/workload-sources.md §6. */
  perHopDelayMs: 0.1,
} as const;

/** Inference defaults: a 70 B model answering chat-sized requests. */
export const INFERENCE_DEFAULTS = {
  /** Inference FLOPs per token ≈ 2 × parameters (Kaplan et al. 2020, §2.1); 2 · 70e9 · 1,000 tokens = 1.4e14 FLOP. */
  pflopPerRequest: 0.14,
  /** Assumed: 1,000 tokens of text out, 4 bytes each. */
  responseBytes: 4000,
  /** Assumed: 1,000 tokens of prompt, 4 bytes each. */
  requestBytes: 4000,
  /** Interactive response-time limit 0.1 s (Nielsen 1993, Usability Engineering ch. 5): workload-sources.md §8. */
  latencyBudgetMs: 100,
  /** Assumed per inter-satellite hop (switching and queueing in the router): docs/reference/workload-sources.md §6. */
  perHopDelayMs: 0.1,
  /** Assumed: time from a request's arrival to the start of its answer, on top of the light time (queueing and prefill): 0 = network latency only. */
  serviceTimeMs: 0,
  /** Users' terminals see satellites above 25° (SpaceX Starlink FCC filing SAT-MOD-20181108-00083): workload-sources.md §7. */
  minElevationDeg: 25,
} as const;

/** Batch defaults: a daily stream of data-processing jobs. */
export const BATCH_DEFAULTS = {
  /** Assumed: one job an hour over the run. */
  jobs: 24,
  firstArrivalHours: 0,
  intervalHours: 1,
  /** Assumed: 20 GB of input per job. */
  dataUpGB: 20,
  /** Assumed: 20 PFLOP-hours per job (13 min of a 91.8 PFLOP/s node). */
  computePflopHours: 20,
  /** Assumed: 10 GB of results per job. */
  resultsDownGB: 10,
  /** Assumed: results due 4 h after arrival. */
  deadlineHours: 4,
} as const;

const name = () => z.string({ error: requiredOr() }).min(1).max(100);

export const trainingSchema = z.strictObject({
  name: name().default('training'),
  parameters: positive().max(1e16).default(TRAINING_DEFAULTS.parameters),
  bytesPerParameter: positive().max(64).default(TRAINING_DEFAULTS.bytesPerParameter),
  tokensPerStep: positive().max(1e12).default(TRAINING_DEFAULTS.tokensPerStep),
  flopsPerTokenPerParameter: positive().max(1000).default(TRAINING_DEFAULTS.flopsPerTokenPerParameter),
  modelFlopsUtilisation: fraction().gt(0, { error: 'must be greater than 0' }).default(TRAINING_DEFAULTS.modelFlopsUtilisation),
  nodesPerReplica: int().min(1).max(100_000).default(TRAINING_DEFAULTS.nodesPerReplica),
  /** Replicas (groups) trained; 0 = as many as the satellites allow (floor(N / nodesPerReplica)). */
  replicas: int().min(0).max(100_000).default(0),
  checkpointIntervalMinutes: positive().max(1e6).default(TRAINING_DEFAULTS.checkpointIntervalMinutes),
  checkpointSeconds: nonNegative().max(1e6).default(TRAINING_DEFAULTS.checkpointSeconds),
  restartSeconds: nonNegative().max(1e6).default(TRAINING_DEFAULTS.restartSeconds),
  perHopDelayMs: nonNegative().max(1e4).default(TRAINING_DEFAULTS.perHopDelayMs),
});

export const regionSchema = z.strictObject({
  name: name(),
  latitudeDeg: finite().min(-90).max(90),
  longitudeDeg: finite().min(-180).max(360),
  requestsPerSecond: nonNegative().max(1e9),
});

/** Default regions: three large metropolitan areas (approximate public coordinates), 1,000 requests/s each (assumed). */
export const DEFAULT_REGIONS: ReadonlyArray<z.input<typeof regionSchema>> = [
  { name: 'New York', latitudeDeg: 40.71, longitudeDeg: -74.01, requestsPerSecond: 1000 },
  { name: 'London', latitudeDeg: 51.51, longitudeDeg: -0.13, requestsPerSecond: 1000 },
  { name: 'Tokyo', latitudeDeg: 35.68, longitudeDeg: 139.69, requestsPerSecond: 1000 },
];

export const inferenceSchema = z.strictObject({
  name: name().default('inference'),
  regions: z.array(regionSchema).min(1, { error: 'at least one region' }).max(64).default(() => DEFAULT_REGIONS.map((r) => ({ ...r }))),
  pflopPerRequest: positive().max(1e6).default(INFERENCE_DEFAULTS.pflopPerRequest),
  requestBytes: nonNegative().max(1e12).default(INFERENCE_DEFAULTS.requestBytes),
  responseBytes: nonNegative().max(1e12).default(INFERENCE_DEFAULTS.responseBytes),
  latencyBudgetMs: positive().max(1e6).default(INFERENCE_DEFAULTS.latencyBudgetMs),
  perHopDelayMs: nonNegative().max(1e4).default(INFERENCE_DEFAULTS.perHopDelayMs),
  serviceTimeMs: nonNegative().max(1e6).default(INFERENCE_DEFAULTS.serviceTimeMs),
  minElevationDeg: finite().min(0).max(90).default(INFERENCE_DEFAULTS.minElevationDeg),
});

export const batchSchema = z.strictObject({
  name: name().default('batch'),
  jobs: int().min(1).max(100_000).default(BATCH_DEFAULTS.jobs),
  firstArrivalHours: nonNegative().max(1e6).default(BATCH_DEFAULTS.firstArrivalHours),
  intervalHours: nonNegative().max(1e6).default(BATCH_DEFAULTS.intervalHours),
  dataUpGB: nonNegative().max(1e9).default(BATCH_DEFAULTS.dataUpGB),
  computePflopHours: positive().max(1e12).default(BATCH_DEFAULTS.computePflopHours),
  resultsDownGB: nonNegative().max(1e9).default(BATCH_DEFAULTS.resultsDownGB),
  deadlineHours: positive().max(1e6).default(BATCH_DEFAULTS.deadlineHours),
});

/** Look-ahead window of the scheduler: assumed 3 h, about two low orbits (eclipses and contacts are predictable to seconds over days). */
export const DEFAULT_LOOK_AHEAD_HOURS = 3;

export const workloadsSchema = z.strictObject({
  /** naive: run whenever resources allow; look-ahead: plan on predicted eclipses, contacts and compute (workload/scheduler.ts). */
  scheduler: z.enum(['naive', 'look-ahead'], { error: 'expected "naive" or "look-ahead"' }).default('look-ahead'),
  lookAheadHours: positive().max(48).default(DEFAULT_LOOK_AHEAD_HOURS),
  training: z.array(trainingSchema).max(16).default([]),
  inference: z.array(inferenceSchema).max(16).default([]),
  batch: z.array(batchSchema).max(16).default([]),
});

export type Workloads = z.output<typeof workloadsSchema>;
export type TrainingWorkload = Workloads['training'][number];
export type InferenceWorkload = Workloads['inference'][number];
export type BatchWorkload = Workloads['batch'][number];

/** Whether the scenario has any workload. */
export function hasWorkloads(w: Workloads): boolean {
  return w.training.length + w.inference.length + w.batch.length > 0;
}
