// Shared helpers for engine tests: build and run small scenarios.
import { normaliseScenario, type ScenarioInput } from '../../src/engine/input/scenario';
import { simulateScenario, type SimulationOptions, type SimulationOutput } from '../../src/engine/run/simulation';

export async function run(input: ScenarioInput, options: SimulationOptions = {}): Promise<SimulationOutput> {
  return simulateScenario(normaliseScenario(input), options);
}

/** Intervals [startMs, endMs] of one satellite's eclipses that are not clipped by the horizon. */
export function innerEclipses(out: SimulationOutput, sat = 0): Array<[number, number]> {
  const e = out.events;
  const res: Array<[number, number]> = [];
  for (let k = 0; k < e.eclipseSat.length; k++) {
    if (e.eclipseSat[k] !== sat) continue;
    if (e.eclipseStartMs[k] <= out.startMs || e.eclipseEndMs[k] >= out.endMs) continue;
    res.push([e.eclipseStartMs[k], e.eclipseEndMs[k]]);
  }
  return res.sort((a, b) => a[0] - b[0]);
}

export const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
