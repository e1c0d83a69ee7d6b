/**
 * "Modelling assumptions": the model's shortcuts in plain words, as a
 * closed disclosure in the KPI column, with a link to the README's
 * "Models" section. Each item restates what the engine's file headers and
 * the README say (orbit/propagation.ts, orbit/sun.ts, node/*.ts,
 * network/*.ts, run/lifetime-run.ts); change them together.
 */
import { el } from './dom';

/** README section the list summarises (GitHub's heading anchor). */
export const MODELS_README_HREF = 'README.md#models-si-inside-each-file-states-its-equation-units-frame-sign-and-source';

export const ASSUMPTIONS: ReadonlyArray<readonly [string, string]> = [
  [
    'Orbits',
    'Every satellite is propagated with SGP4 (satellite.js) from mean elements, generated designs included: no high-precision force model and no manoeuvres. Orbits held by station keeping do not decay (the ΔV is costed, not flown); uncontrolled ones decay through SGP4’s drag term. Element sets far from their epoch lose accuracy.',
  ],
  [
    'Sun and shadow',
    'Sun position from satellite.js (≈ 0.01°); shadow of a spherical Earth with the penumbra, no atmosphere or oblateness; solar flux 1,361 W/m² scaled by the Sun’s distance.',
  ],
  [
    'Power',
    'Array output from a fixed cell efficiency, packing, conversion and one cell temperature in sunlight; arrays track the Sun perfectly (or are body-fixed). The battery is an energy store with √η losses each way and C-rate limits: no voltage, temperature or ageing within a run (ageing only in the lifetime analysis).',
  ],
  [
    'Thermal',
    'Two lumped nodes per satellite, radiator (bus and battery) and accelerator junction, joined by one conductance. Earth infrared (237 W/m²) and albedo (0.30) are orbit-average constants, albedo scaled by the Sun’s height at the sub-satellite point; view factors from the radiator’s attitude; no heat from the node’s own arrays.',
  ],
  [
    'Compute',
    'Throughput is the node’s rated TFLOPS times the fraction power, temperature and storage allow each step. TFLOPS and compute power are separate inputs (their ratio is the efficiency); no workload, scheduling or memory model.',
  ],
  [
    'Time steps',
    'Geometry, events and links are sampled at most 60 s apart; power, battery, thermal and storage step once per time step on the means of those samples. A run starts from the given charge and temperatures with empty storage, so short runs may not have reached a steady state.',
  ],
  [
    'Ground links',
    'Contact is elevation above a fixed mask (no terrain). The rate is fixed, or from a link budget: free-space loss, zenith atmosphere scaled by 1/sin(elevation), a fixed rain margin and ideal DVB-S2 thresholds less an implementation margin; no pointing loss, interference or weather history. One satellite per antenna, with an acquisition time per session.',
  ],
  [
    'Inter-satellite links',
    'Rate ∝ 1/distance², capped at the terminal rate, with a line of sight above 80 km; no pointing or acquisition time; data is relayed one hop to a satellite holding a station antenna.',
  ],
  [
    'Lifetime and cost',
    'One-day runs sampled over the year, years in between interpolated; mean atmosphere density for one solar activity level (CIRA-2012); radiation dose from a SPENVIS table at 550 km scaled with altitude (extrapolated above 825 km); failures at a constant rate; constant prices, discounted at one real rate.',
  ],
];

/** The disclosure element (closed): data-testid="assumptions". */
export function assumptionsDisclosure(): HTMLDetailsElement {
  const d = el('details', 'assumptions');
  d.dataset.testid = 'assumptions';
  d.append(el('summary', undefined, 'Modelling assumptions'));
  const list = el('dl', 'assumptions-list');
  for (const [topic, text] of ASSUMPTIONS) list.append(el('dt', undefined, topic), el('dd', undefined, text));
  const more = el('p', 'assumptions-more');
  const a = el('a', undefined, 'README, section “Models”');
  a.href = MODELS_README_HREF;
  a.target = '_blank';
  a.rel = 'noopener';
  more.append('Equations, units and sources of each model: ', a, '.');
  d.append(list, more);
  return d;
}
