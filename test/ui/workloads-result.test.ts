// The workload report as the page receives it (workers/workload-result.ts):
// plain data (the inference workloads' engine state left in the worker), the
// series' buffers listed for transfer.
import { describe, expect, it } from 'vitest';
import { workloadResult, workloadTransferables } from '../../workers/workload-result';
import type { WorkloadReport } from '../../src/engine/workload/workload-run';

function report(): WorkloadReport {
  const col = () => new Float64Array(3);
  return {
    scheduler: 'look-ahead',
    lookAheadHours: 2,
    series: { trainingPflops: col(), inferencePflops: col(), batchPflops: col(), trainingGroupsUp: col(), inferenceServedFraction: col(), inferenceLatencyMs: col(), bisectionGbps: col(), allReduceS: col() },
    training: [],
    inference: [{ name: 'chat', servedFraction: 1, p95LatencyMs: 5, meanLatencyMs: 4, deliveredPflopHours: 2, regions: [{ name: 'NYC', servedFraction: 1 }], run: { engine: 'state' } as unknown as WorkloadReport['inference'][number]['run'] }],
    batch: [],
    jobs: [],
  };
}

describe('workloadResult', () => {
  it('is null without workloads', () => {
    expect(workloadResult(null)).toBeNull();
    expect(workloadTransferables(null)).toEqual([]);
  });

  it('drops the engine object of each inference workload and survives structured cloning', () => {
    const w = workloadResult(report())!;
    expect(w.inference).toEqual([{ name: 'chat', servedFraction: 1, p95LatencyMs: 5, meanLatencyMs: 4, deliveredPflopHours: 2, regions: [{ name: 'NYC', servedFraction: 1 }] }]);
    expect('run' in w.inference[0]).toBe(false);
    expect(structuredClone(w).scheduler).toBe('look-ahead');
  });

  it('lists the 8 series buffers for transfer', () => {
    const w = workloadResult(report())!;
    const bufs = workloadTransferables(w);
    expect(bufs).toHaveLength(8);
    expect(new Set(bufs).size).toBe(8);
    expect(bufs).toContain(w.series.allReduceS.buffer);
  });
});
