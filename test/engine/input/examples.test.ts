/**
 * The element-set examples are one source (src/engine/input/examples.ts):
 * the CLI's files assets/scenarios/iss-tle.json and omm-example.json are the
 * examples named by their titles, both hold the same three satellites, and
 * both have the presets' ground stations (issue 14, item 10: the in-app
 * examples had none, so contact and downlink were 0; the in-app OMM example
 * held 1 satellite, the CLI's 3).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildSatellites } from '../../../src/engine/input/constellation.ts';
import { ELEMENT_SET_EXAMPLES, findExample } from '../../../src/engine/input/examples.ts';
import { GROUND_NETWORK } from '../../../src/engine/input/presets.ts';
import { normaliseScenario } from '../../../src/engine/input/scenario.ts';

const asset = (file: string): unknown => JSON.parse(readFileSync(fileURLToPath(new URL(`../../../assets/scenarios/${file}`, import.meta.url)), 'utf8'));

describe('element-set examples', () => {
  it.each([
    ['example-tle', 'iss-tle.json'],
    ['example-omm', 'omm-example.json'],
  ])('%s is assets/scenarios/%s (named by its title)', (name, file) => {
    const e = findExample(name)!;
    expect(normaliseScenario(asset(file))).toEqual(normaliseScenario({ ...e.scenario, name: e.title }));
  });

  it('both hold ISS (ZARYA), DELTA 1 DEB and CBERS 2 with the same elements', () => {
    const [tle, omm] = ELEMENT_SET_EXAMPLES.map((e) => buildSatellites(normaliseScenario(e.scenario)));
    expect(tle.errors).toEqual([]);
    expect(omm.errors).toEqual([]);
    expect(tle.satellites.map((s) => s.name)).toEqual(['ISS (ZARYA)', 'DELTA 1 DEB', 'CBERS 2']);
    expect(omm.satellites.map((s) => s.name)).toEqual(['ISS (ZARYA)', 'DELTA 1 DEB', 'CBERS 2']);
    for (let i = 0; i < 3; i++) {
      // Epochs agree to the TLE's resolution (1e-8 day ≈ 0.9 ms); mean motion as written (rev/day → rad/min).
      expect(Math.abs(omm.satellites[i].epochMs - tle.satellites[i].epochMs)).toBeLessThan(1);
      expect(omm.satellites[i].satrec.inclo).toBeCloseTo(tle.satellites[i].satrec.inclo, 12);
      expect(omm.satellites[i].satrec.ecco).toBeCloseTo(tle.satellites[i].satrec.ecco, 12);
    }
  });

  it("carry the presets' five ground stations", () => {
    for (const e of ELEMENT_SET_EXAMPLES) {
      const s = normaliseScenario(e.scenario);
      expect(s.groundStations.map((g) => g.name)).toEqual(GROUND_NETWORK.map((g) => g.name));
      expect(s.groundStations).toHaveLength(5);
    }
  });
});
