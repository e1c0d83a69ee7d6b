/**
 * A sweep run as a queue job and its checks (deploy/README.md, "Job queue").
 *
 *   job data    = {id, index, scenario}: the run id (engine
 *                 output/run-list.ts), its 0-based design index and the
 *                 normalised scenario; nothing else (no paths, no host)
 *   job result  = the run's result as stored (runResultJson, one line)
 *
 * A worker treats job data as untrusted input: the scenario is parsed with
 * the engine's parser (parseScenario, as any input file) and the id must
 * equal runId(parsed scenario), so a tampered or corrupted job, or one from
 * another program version (whose normalisation differs), is rejected with a
 * message naming the field, never simulated under a wrong id.
 */
import { formatIssue, parseScenario } from '../engine/input/scenario';
import { isRunId, runId, type SweepRun } from '../engine/output/run-list';
import { jobIdFor } from './queue-connection';

export interface RunJobData {
  id: string;
  index: number;
  scenario: unknown;
}

/** Largest job payload accepted (bytes of JSON): far above any valid normalised scenario, bounded against a flooded queue. */
export const MAX_JOB_BYTES = 8 * 1024 * 1024;

export function jobDataOf(run: SweepRun): RunJobData {
  return { id: run.id, index: run.index, scenario: run.scenario };
}

/** Validates a job (id and data as read from the queue); the message names the field at fault. */
export async function validateJob(jobId: string | undefined, data: unknown): Promise<{ ok: true; run: SweepRun } | { ok: false; message: string }> {
  const d = data as Record<string, unknown> | null;
  if (!d || typeof d !== 'object' || Array.isArray(d)) return { ok: false, message: 'job data: expected an object {id, index, scenario}' };
  if (typeof d.id !== 'string' || !isRunId(d.id)) return { ok: false, message: 'job data.id: expected a run id (16 lowercase hex digits)' };
  if (typeof d.index !== 'number' || !Number.isInteger(d.index) || d.index < 0) return { ok: false, message: 'job data.index: expected a design index (integer ≥ 0)' };
  if (jobId !== jobIdFor(d.id)) return { ok: false, message: `job id ${String(jobId)}: expected ${jobIdFor(d.id)} for data.id ${d.id}` };
  if (d.scenario === undefined) return { ok: false, message: 'job data.scenario: missing' };
  if (JSON.stringify(d.scenario).length > MAX_JOB_BYTES) return { ok: false, message: `job data.scenario: larger than ${MAX_JOB_BYTES} bytes` };
  const parsed = parseScenario(d.scenario);
  if (!parsed.ok) return { ok: false, message: `job data.scenario: invalid scenario: ${parsed.issues.map((i) => formatIssue({ ...i, path: i.path ? `scenario.${i.path}` : 'scenario' })).join('; ')}` };
  const id = await runId(parsed.scenario);
  if (id !== d.id) {
    return { ok: false, message: `job data.id ${d.id} is not the run id of its scenario (${id}): a modified job, or producer and worker of different program versions` };
  }
  return { ok: true, run: { index: d.index, id, values: [], scenario: parsed.scenario } };
}
