import { normaliseScenario } from '../../../src/engine/input/scenario';
import { GROUND_NETWORK } from '../../../src/engine/input/presets';

/** The live tests' scenario: the 80-node 550 km / 53° Walker shell with the preset ground network. */
export const liveScenario = (over: Record<string, unknown> = {}) =>
  normaliseScenario({
    name: 'live',
    startUtc: '2026-06-21T00:00:00Z',
    durationHours: 24,
    stepSeconds: 60,
    constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 8, satellitesPerPlane: 10, phasing: 1 },
    groundStations: GROUND_NETWORK,
    ...over,
  });

/** A time 3 h 17 min into the scenario. */
export const T = Date.parse('2026-06-21T03:17:00Z');
