// The Workloads tab's pure data (src/ui/workloads-model.ts): job timeline
// rows, summary rows, chart buckets and stacking. Expected values are worked
// out by hand in the comments from the small inputs below.
import { describe, expect, it } from 'vitest';
import { bucketFor, bucketMean, bucketTimes, ganttRows, jobBars, stackedDelivered, summaryRows, usedShare } from '../../src/ui/workloads-model';
import type { WorkloadResult } from '../../workers/workload-result';
import type { BatchJobRow, TrainingReport } from '../../src/engine/workload/workload-run';

const H = 3_600_000;

function job(over: Partial<BatchJobRow>): BatchJobRow {
  return { workload: 'jobs', satellite: 0, arrivalMs: 0, deadlineMs: 4 * H, upStartMs: null, computeStartMs: null, downStartMs: null, doneMs: null, outcome: 'open', ...over };
}

function training(name: string, spans: number[][][]): TrainingReport {
  return {
    name,
    nodesPerReplica: 3,
    replicas: spans.length,
    groups: spans.map((_, g) => [3 * g, 3 * g + 1, 3 * g + 2]),
    efficiency: 0.5,
    deliveredPflopHours: 12,
    totals: { computeS: 0, communicationS: 0, checkpointS: 0, restartS: 0, lostS: 0, interruptions: 2, optimiserSteps: 0, deliveredTflopS: 0, availableTflopS: 0 },
    allReduceMeanS: 1.5,
    allReduceMinS: 1,
    allReduceMaxS: 2,
    spans,
  };
}

function result(over: Partial<WorkloadResult>): WorkloadResult {
  const z = () => new Float64Array(0);
  return {
    scheduler: 'naive',
    lookAheadHours: 2,
    series: { trainingPflops: z(), inferencePflops: z(), batchPflops: z(), trainingGroupsUp: z(), inferenceServedFraction: z(), inferenceLatencyMs: z(), bisectionGbps: z(), allReduceS: z() },
    training: [],
    inference: [],
    batch: [],
    jobs: [],
    ...over,
  };
}

describe('jobBars', () => {
  it('gives each stage from its start to the next stage’s start, the last to done', () => {
    // up 0…1 h, compute 1…3 h, down 3…3.5 h
    const bars = jobBars(job({ upStartMs: 0, computeStartMs: H, downStartMs: 3 * H, doneMs: 3.5 * H, outcome: 'done' }), 24 * H);
    expect(bars).toEqual([
      { startMs: 0, endMs: H, kind: 'up' },
      { startMs: H, endMs: 3 * H, kind: 'compute' },
      { startMs: 3 * H, endMs: 3.5 * H, kind: 'down' },
    ]);
  });

  it('runs a stage still going at the end of the run to the run’s end; a job never started has no bars', () => {
    // compute started at 2 h, never finished; the run ends at 6 h
    expect(jobBars(job({ upStartMs: H, computeStartMs: 2 * H, outcome: 'missed' }), 6 * H)).toEqual([
      { startMs: H, endMs: 2 * H, kind: 'up' },
      { startMs: 2 * H, endMs: 6 * H, kind: 'compute' },
    ]);
    expect(jobBars(job({}), 6 * H)).toEqual([]);
  });
});

describe('ganttRows', () => {
  const w = result({
    training: [training('llm', [[[0, H, 1], [H, 2 * H, 0]], [[0, 2 * H, 1]]])],
    // arrivals out of order: rows follow arrival, numbered per workload
    jobs: [job({ workload: 'a', arrivalMs: 2 * H, deadlineMs: 5 * H }), job({ workload: 'a', arrivalMs: H }), job({ workload: 'b', arrivalMs: 1.5 * H, outcome: 'missed' })],
  });

  it('has one row per training group, then one per batch job in arrival order', () => {
    const { rows, hidden } = ganttRows(w, 6 * H);
    expect(hidden).toBe(0);
    expect(rows.map((r) => r.label)).toEqual(['llm · group 1', 'llm · group 2', 'a #1', 'b #1', 'a #2']);
    expect(rows[0].bars).toEqual([
      { startMs: 0, endMs: H, kind: 'training' },
      { startMs: H, endMs: 2 * H, kind: 'stopped' },
    ]);
    expect(rows[3].outcome).toBe('missed');
    expect(rows[4].deadlineMs).toBe(5 * H);
  });

  it('counts the rows left out beyond the cap', () => {
    // 2 groups + 3 jobs = 5 rows, 2 drawn
    const { rows, hidden } = ganttRows(w, 6 * H, 2);
    expect(rows).toHaveLength(2);
    expect(hidden).toBe(3);
  });

  it('labels a single group with the workload name only', () => {
    expect(ganttRows(result({ training: [training('solo', [[[0, H, 1]]])] }), H).rows[0].label).toBe('solo');
  });
});

describe('summaryRows', () => {
  it('has one row per workload with the figures of its type', () => {
    const rows = summaryRows(
      result({
        training: [training('llm', [[[0, H, 1]]])],
        inference: [{ name: 'chat', servedFraction: 0.75, p95LatencyMs: 12, meanLatencyMs: 8, deliveredPflopHours: 3, regions: [{ name: 'NYC', servedFraction: 0.5 }] }],
        batch: [{ name: 'jobs', completed: 4, missed: 1, open: 2, deliveredPflopHours: 7 }],
      }),
    );
    expect(rows.map((r) => [r.type, r.name, r.efficiency, r.deliveredPflopHours, r.servedFraction, r.p95LatencyMs, r.jobsDone, r.jobsMissed])).toEqual([
      ['training', 'llm', 0.5, 12, null, null, null, null],
      ['inference', 'chat', null, 3, 0.75, 12, null, null],
      ['batch', 'jobs', null, 7, null, null, 4, 1],
    ]);
    expect(rows[0].note).toBe('1 × 3 nodes, all-reduce 1.50 s mean, 2 interruptions');
    expect(rows[1].note).toBe('NYC 50 %');
    expect(rows[2].note).toBe('2 still open at the end');
  });
});

describe('chart columns', () => {
  it('buckets long runs to at most maxPoints points', () => {
    expect(bucketFor(4000, 4000)).toBe(1);
    // 10,000 steps / 4,000 points = 2.5 → buckets of 3 (3,334 points)
    expect(bucketFor(10_000, 4000)).toBe(3);
  });

  it('averages buckets, skipping NaN; a bucket of NaN only is a gap', () => {
    // (1 + 2 + 3) / 3 = 2; NaN ×3 → null; the last bucket holds 5 alone
    expect(bucketMean([1, 2, 3, Number.NaN, Number.NaN, Number.NaN, 5], 3)).toEqual([2, null, 5]);
    expect(bucketTimes([10, 20, 30, 40, 50, 60, 70], 3)).toEqual([10, 40, 70]);
  });

  it('stacks inference, + batch, + training (gaps as 0)', () => {
    // step 0: 1 | 1 + 2 = 3 | 3 + 3 = 6; step 1: 0 | 0 + 2 = 2 | 2 + 3 = 5
    expect(stackedDelivered([1, null], [2, 2], [3, 3])).toEqual({ inference: [1, 0], batch: [3, 2], training: [6, 5] });
  });

  it('gives the share of the usable compute the workloads used', () => {
    // used (2 + 1 + 0) + (0 + 1 + 1) = 5 of usable 10 + 10 = 20 → 0.25
    expect(usedShare([10, 10], { trainingPflops: [2, 0], inferencePflops: [1, 1], batchPflops: [0, 1] })).toBe(0.25);
    expect(usedShare([0, 0], { trainingPflops: [0, 0], inferencePflops: [0, 0], batchPflops: [0, 0] })).toBeNaN();
  });
});
