/**
 * Training workloads (issue 17, must show): the 81-node cluster trains a 70 B
 * model with efficiency > 0.9, the 550 km / 53° shell < 0.1 with the same
 * model; the all-reduce times against hand calculations; the group's time
 * accounting against a hand-worked timeline.
 */
import { describe, expect, it } from 'vitest';
import { normaliseScenario } from '../../../src/engine/input/scenario';
import { findPreset } from '../../../src/engine/input/presets';
import { simulateScenario } from '../../../src/engine/run/simulation';
import { ringAllReduceS } from '../../../src/engine/workload/all-reduce';
import { TrainingGroup } from '../../../src/engine/workload/training';
import { trainingSchema } from '../../../src/engine/input/workload-schema';

const C_KM_PER_S = 299_792.458;

async function run(preset: string, patch: Record<string, unknown> = {}) {
  const p = findPreset(preset);
  if (!p) throw new Error(preset);
  const scenario = normaliseScenario({ ...p.scenario, lifetime: { enabled: false }, ...patch });
  return simulateScenario(scenario);
}

describe('ring all-reduce time', () => {
  it('is 2(p−1)α + 2(p−1)/p · S/B (hand values)', () => {
    // p = 4, S = 1 GB, B = 1 GB/s, α = 1 ms: 6 rounds of latency (6 ms) and 2·3/4 = 1.5 s of transfer
    expect(ringAllReduceS(4, 1e9, 1e9, 0.001)).toBeCloseTo(1.506, 12);
    // one member: nothing to exchange
    expect(ringAllReduceS(1, 1e9, 1e9, 0.001)).toBe(0);
    // two members: 2 rounds, each half the data
    expect(ringAllReduceS(2, 8e9, 4e9, 0)).toBeCloseTo(2, 12);
  });
});

describe('the 70 B model on the cluster and on the broadband shell (defaults)', () => {
  it('the 81-node cluster over 20 Tbps links trains with efficiency > 0.9; its all-reduce matches the hand value', async () => {
    const out = await run('ai-cluster-81-training');
    const t = out.workloads?.training[0];
    expect(t?.replicas).toBe(1);
    expect(out.kpis.trainingEfficiency).toBeGreaterThan(0.9);
    // Hand: S = 70e9 · 2 B = 140 GB; every ring hop < 2 km, far inside the 179 km over which 20 Tbps holds
    // (10 Gbps · (8000 km / d)² ≥ 20,000 Gbps), so B = 20,000 / 8 = 2,500 GB/s; α = d/c + 0.1 ms ∈ [0.1 ms, 0.1 ms + 2 km / c].
    const transfer = ((2 * 80) / 81) * (140e9 / 2.5e12); // 0.11062 s
    const lo = transfer + 2 * 80 * 0.1e-3; // 0.12662 s
    const hi = transfer + 2 * 80 * (0.1e-3 + 2 / C_KM_PER_S); // 0.12769 s
    expect(t?.allReduceMinS).toBeGreaterThanOrEqual(lo - 1e-9);
    expect(t?.allReduceMaxS).toBeLessThanOrEqual(hi + 1e-9);
    // Hand: compute per optimiser step 6 · 70e9 · 16e6 / (81 · 91.8e15 · 0.4) = 2.2598 s: the comm share bounds efficiency
    const computeS = (6 * 70e9 * 16e6) / (81 * 91.8e15 * 0.4);
    expect(computeS).toBeCloseTo(2.2598, 3);
    expect(out.kpis.trainingEfficiency).toBeLessThan(computeS / (computeS + lo));
  });

  it('at the demonstrated 1.6 Tbps the same cluster is communication-bound (≈ 0.6)', async () => {
    const out = await run('ai-cluster-81-training', { interSatelliteLinks: { enabled: true, maxRangeKm: 10, rateGbps: 1600 } });
    // Hand: B = 200 GB/s → transfer 2·80/81 · 140/200 = 1.3827 s; compute 2.2598 s → at most 2.2598 / 3.6425 = 0.620
    const bound = 2.2598 / (2.2598 + ((2 * 80) / 81) * 0.7);
    expect(out.kpis.trainingEfficiency).toBeLessThan(bound);
    expect(out.kpis.trainingEfficiency).toBeGreaterThan(bound - 0.05);
  });

  it('the 550 km / 53° shell with the same model trains with efficiency < 0.1; its all-reduce is at least the 100 Gbps hand value', async () => {
    const out = await run('broadband-shell-workloads', { workloads: { training: [{ name: '70B model', replicas: 1 }] } });
    const t = out.workloads?.training[0];
    expect(t?.nodesPerReplica).toBe(81);
    expect(out.kpis.trainingEfficiency).toBeLessThan(0.1);
    // Hand: no link beats the 100 Gbps terminal: B ≤ 12.5 GB/s → transfer ≥ 2·80/81 · 140e9 / 12.5e9 = 22.12 s
    const floor = ((2 * 80) / 81) * (140e9 / 12.5e9);
    expect(floor).toBeCloseTo(22.12, 2);
    expect(t?.allReduceMinS).toBeGreaterThanOrEqual(floor);
  }, 120_000);
});

describe('training group timeline (hand-worked)', () => {
  const w = trainingSchema.parse({ nodesPerReplica: 1, checkpointIntervalMinutes: 30, checkpointSeconds: 30, restartSeconds: 120 });

  it('one hour at a constant pace: 30 s of checkpoint at 30 min, the rest computes', () => {
    const g = new TrainingGroup(w, 1);
    for (let k = 0; k < 60; k++) g.step(60, 1000, 0, 1000, Number.POSITIVE_INFINITY);
    g.finish();
    // 1800 s train, 30 s checkpoint, 1770 s train; all committed at the end
    expect(g.totals.computeS).toBeCloseTo(3570, 9);
    expect(g.totals.checkpointS).toBeCloseTo(30, 9);
    expect(g.totals.deliveredTflopS / g.totals.availableTflopS).toBeCloseTo(3570 / 3600, 12);
  });

  it('an interruption at 600 s: naive loses 600 s of work, look-ahead checkpoints at 570 s and loses none', () => {
    const stops = (k: number) => k >= 10 && k < 15; // steps of 60 s: down over [600 s, 900 s)
    const naive = new TrainingGroup(w, 1);
    const ahead = new TrainingGroup(w, 1);
    for (let k = 0; k < 30; k++) {
      const pace = stops(k) ? 0 : 1000;
      naive.step(60, pace, 0, pace, Number.POSITIVE_INFINITY);
      const next = [...Array(30).keys()].find((s) => s > k && stops(s));
      ahead.step(60, pace, 0, pace, next === undefined ? Number.POSITIVE_INFINITY : (next - k) * 60);
    }
    naive.finish();
    ahead.finish();
    // naive: 600 s trained and lost; restart 120 s; then 900 s → 1800 s: 780 s trained
    expect(naive.totals.lostS).toBeCloseTo(600, 9);
    expect(naive.totals.restartS).toBeCloseTo(120, 9);
    expect(naive.totals.deliveredTflopS).toBeCloseTo(780 * 1000, 6);
    // look-ahead: 570 s trained, 30 s checkpoint ending at 600 s; restart 120 s; 780 s trained
    expect(ahead.totals.lostS).toBe(0);
    expect(ahead.totals.checkpointS).toBeCloseTo(30, 9);
    expect(ahead.totals.deliveredTflopS).toBeCloseTo((570 + 780) * 1000, 6);
  });
});
