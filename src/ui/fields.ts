/**
 * Every scenario field the parameter panel edits, grouped as the user thinks
 * of them. `path` is the scenario field path (also the input's name attribute).
 */
import { DRAG_ATTITUDES } from '../engine/input/economics-schema';

export type FieldKind = 'number' | 'int' | 'select' | 'text' | 'checkbox' | 'textarea' | 'json';

export interface FieldSpec {
  path: string;
  label: string;
  kind: FieldKind;
  unit?: string;
  options?: readonly string[];
  step?: number;
  hint?: string;
  /** May be left empty: the field is then removed from the scenario and the engine's default applies (shown as the placeholder). */
  optional?: { default: string };
  /** Where the default comes from (the schema's doc comment), shown as the field's tooltip. */
  source?: string;
  /** Quick picks beside the input (value and what it is). */
  picks?: ReadonlyArray<{ value: number; label: string }>;
}

export interface FieldGroup {
  id: string;
  title: string;
  subgroups: Array<{ title?: string; fields: FieldSpec[] }>;
}

export const CONSTELLATION_TYPES = ['walker', 'sso', 'cluster', 'tle', 'omm'] as const;
export type ConstellationType = (typeof CONSTELLATION_TYPES)[number];

export const CONSTELLATION_FIELDS: Record<ConstellationType, FieldSpec[]> = {
  walker: [
    { path: 'constellation.pattern', label: 'Pattern', kind: 'select', options: ['delta', 'star'], hint: 'delta: planes over 360°; star: over 180°' },
    { path: 'constellation.altitudeKm', label: 'Altitude', kind: 'number', unit: 'km', step: 10 },
    { path: 'constellation.inclinationDeg', label: 'Inclination', kind: 'number', unit: '°', step: 0.5 },
    { path: 'constellation.planes', label: 'Planes', kind: 'int', step: 1 },
    { path: 'constellation.satellitesPerPlane', label: 'Satellites per plane', kind: 'int', step: 1 },
    { path: 'constellation.phasing', label: 'Phasing F', kind: 'int', step: 1, hint: '0 … planes − 1' },
    { path: 'constellation.firstRaanDeg', label: 'First RAAN', kind: 'number', unit: '°', step: 5 },
  ],
  sso: [
    { path: 'constellation.altitudeKm', label: 'Altitude', kind: 'number', unit: 'km', step: 10 },
    { path: 'constellation.ltanHours', label: 'LTAN', kind: 'number', unit: 'h', step: 0.25 },
    { path: 'constellation.planes', label: 'Planes', kind: 'int', step: 1 },
    { path: 'constellation.satellitesPerPlane', label: 'Satellites per plane', kind: 'int', step: 1 },
    { path: 'constellation.ltanSpacingHours', label: 'LTAN spacing', kind: 'number', unit: 'h', step: 0.25 },
    { path: 'constellation.ltanConvention', label: 'LTAN in', kind: 'select', options: ['mean', 'true'], hint: 'mean: mean local solar time (mission convention); true: the true Sun' },
  ],
  cluster: [
    { path: 'constellation.altitudeKm', label: 'Altitude', kind: 'number', unit: 'km', step: 10 },
    { path: 'constellation.ltanHours', label: 'LTAN', kind: 'number', unit: 'h', step: 0.25 },
    { path: 'constellation.satellites', label: 'Satellites', kind: 'int', step: 1 },
    { path: 'constellation.radiusM', label: 'Formation radius', kind: 'number', unit: 'm', step: 100 },
    { path: 'constellation.ltanConvention', label: 'LTAN in', kind: 'select', options: ['mean', 'true'], hint: 'mean: mean local solar time (mission convention); true: the true Sun' },
  ],
  tle: [{ path: 'constellation.text', label: 'Two/three-line element sets', kind: 'textarea' }],
  omm: [{ path: 'constellation.records', label: 'OMM records (JSON array)', kind: 'json' }],
};

export const NODE_FIELDS: FieldGroup = {
  id: 'node',
  title: 'Node hardware',
  subgroups: [
    {
      title: 'Power',
      fields: [
        { path: 'node.solarArrayAreaM2', label: 'Solar array area', kind: 'number', unit: 'm²', step: 5 },
        { path: 'node.solarCellEfficiency', label: 'Cell efficiency', kind: 'number', step: 0.01, hint: 'at the rating temperature' },
        { path: 'node.solarArrayPackingFactor', label: 'Packing factor', kind: 'number', step: 0.01, hint: 'cell area / array area' },
        { path: 'node.solarArrayConversionEfficiency', label: 'Array conversion efficiency', kind: 'number', step: 0.01, hint: 'regulator and harness to the bus' },
        { path: 'node.solarCellTempCoefficientPerK', label: 'Cell temperature coefficient', kind: 'number', unit: '/K', step: 0.0005 },
        { path: 'node.solarCellOperatingTemperatureC', label: 'Cell temperature in sunlight', kind: 'number', unit: '°C', step: 5 },
        { path: 'node.solarCellReferenceTemperatureC', label: 'Cell rating temperature', kind: 'number', unit: '°C', step: 1 },
        { path: 'node.arrayPointing', label: 'Array pointing', kind: 'select', options: ['sun-tracking', 'body-fixed'] },
        { path: 'node.batteryCapacityKWh', label: 'Battery capacity', kind: 'number', unit: 'kWh', step: 1 },
        { path: 'node.batteryMinStateOfCharge', label: 'Battery min SoC', kind: 'number', step: 0.05 },
        { path: 'node.batteryInitialStateOfCharge', label: 'Battery initial SoC', kind: 'number', step: 0.05 },
        { path: 'node.batteryRoundTripEfficiency', label: 'Round-trip efficiency', kind: 'number', step: 0.01 },
        { path: 'node.batteryMaxChargeCRate', label: 'Max charge rate', kind: 'number', unit: 'C', step: 0.1 },
        { path: 'node.batteryMaxDischargeCRate', label: 'Max discharge rate', kind: 'number', unit: 'C', step: 0.1 },
        { path: 'node.batteryCycleLifeAtFullDepth', label: 'Cycle life at 100 % DoD', kind: 'number', unit: 'cycles', step: 100, hint: 'N(DoD) = N₁₀₀ · DoD^(−k)' },
        { path: 'node.batteryCycleLifeExponent', label: 'Cycle-life exponent k', kind: 'number', step: 0.1 },
        { path: 'node.batteryEndOfLifeCapacityFade', label: 'End-of-life capacity fade', kind: 'number', step: 0.05 },
        { path: 'node.busPowerW', label: 'Bus power', kind: 'number', unit: 'W', step: 100 },
      ],
    },
    {
      title: 'Compute & storage',
      fields: [
        { path: 'node.computePowerW', label: 'Compute power', kind: 'number', unit: 'W', step: 500 },
        { path: 'node.computeTflops', label: 'Compute', kind: 'number', unit: 'TFLOPS', step: 1000 },
        { path: 'node.storageGB', label: 'Storage', kind: 'number', unit: 'GB', step: 100 },
        { path: 'node.outputGBPerHourAtFullCompute', label: 'Output at full compute', kind: 'number', unit: 'GB/h', step: 5 },
      ],
    },
    {
      title: 'Thermal',
      fields: [
        { path: 'node.radiatorAreaM2', label: 'Radiator area', kind: 'number', unit: 'm²', step: 5 },
        { path: 'node.radiatorEmissivity', label: 'Radiator emissivity', kind: 'number', step: 0.01 },
        { path: 'node.radiatorAbsorptivity', label: 'Radiator absorptivity', kind: 'number', step: 0.01 },
        { path: 'node.radiatorOrientation', label: 'Radiator attitude', kind: 'select', options: ['edge-on', 'orbit-normal', 'nadir', 'zenith'], hint: 'sets the Earth and Sun view factors per sample' },
        { path: 'node.radiatorSunViewFactor', label: 'Sun view factor (override)', kind: 'number', step: 0.05, optional: { default: 'from attitude' } },
        { path: 'node.radiatorEarthViewFactor', label: 'Earth view factor (override)', kind: 'number', step: 0.05, optional: { default: 'from attitude and altitude' } },
        { path: 'node.heatCapacityJPerK', label: 'Radiator node heat capacity', kind: 'number', unit: 'J/K', step: 1e5 },
        { path: 'node.initialTemperatureC', label: 'Initial temperature', kind: 'number', unit: '°C', step: 1 },
        { path: 'node.maxTemperatureC', label: 'Max radiator temperature', kind: 'number', unit: '°C', step: 1, hint: 'bus, battery' },
        { path: 'node.acceleratorMaxJunctionC', label: 'Max junction temperature', kind: 'number', unit: '°C', step: 1 },
        { path: 'node.acceleratorHeatCapacityJPerK', label: 'Accelerator heat capacity', kind: 'number', unit: 'J/K', step: 1e4 },
        { path: 'node.acceleratorConductanceWPerK', label: 'Junction–radiator conductance', kind: 'number', unit: 'W/K', step: 50, optional: { default: 'compute power / 30 K' } },
      ],
    },
  ],
};

/** Station fields of both link models. */
export const STATION_COMMON_FIELDS: FieldSpec[] = [
  { path: 'name', label: 'Name', kind: 'text' },
  { path: 'latitudeDeg', label: 'Latitude', kind: 'number', unit: '°', step: 0.5 },
  { path: 'longitudeDeg', label: 'Longitude', kind: 'number', unit: '°', step: 0.5 },
  { path: 'altitudeM', label: 'Altitude', kind: 'number', unit: 'm', step: 10 },
  { path: 'minElevationDeg', label: 'Min elevation', kind: 'number', unit: '°', step: 1 },
  { path: 'antennas', label: 'Antennas', kind: 'int', step: 1 },
  { path: 'acquisitionS', label: 'Acquisition', kind: 'number', unit: 's', step: 1, hint: 'a new session carries nothing this long' },
  { path: 'handoverAdvantage', label: 'Handover advantage', kind: 'number', step: 0.5, hint: 'hysteresis: switch only for (1 + this) × rate × acquisition more data' },
];

/** The station's link model: one fixed rate, or a link budget along the pass. */
export const STATION_MODEL_FIELD: FieldSpec = { path: 'linkModel', label: 'Link model', kind: 'select', options: ['fixed', 'budget'] };

export const STATION_FIXED_FIELDS: FieldSpec[] = [{ path: 'downlinkGbps', label: 'Downlink', kind: 'number', unit: 'Gbps', step: 1 }];

/** Budget fields (defaults and sources: docs/reference/link-sources.md). */
export const STATION_BUDGET_FIELDS: FieldSpec[] = [
  { path: 'frequencyGHz', label: 'Frequency', kind: 'number', unit: 'GHz', step: 1, optional: { default: '26' } },
  { path: 'symbolRateMsps', label: 'Symbol rate', kind: 'number', unit: 'Msym/s', step: 100, optional: { default: '1200' } },
  { path: 'transmitPowerW', label: 'Transmit power', kind: 'number', unit: 'W', step: 1, optional: { default: '10' } },
  { path: 'transmitAntennaGainDbi', label: 'Transmit gain', kind: 'number', unit: 'dBi', step: 1, optional: { default: '20' } },
  { path: 'gOverTDbPerK', label: 'Station G/T', kind: 'number', unit: 'dB/K', step: 1, optional: { default: '39.8' } },
  { path: 'atmosphericLossZenithDb', label: 'Atmosphere (zenith)', kind: 'number', unit: 'dB', step: 0.1, optional: { default: '0.6' } },
  { path: 'rainMarginDb', label: 'Rain margin', kind: 'number', unit: 'dB', step: 0.5, optional: { default: '3' } },
  { path: 'implementationMarginDb', label: 'Implementation margin', kind: 'number', unit: 'dB', step: 0.5, optional: { default: '1' } },
];

/** Every station field (either model). */
export const STATION_FIELDS: FieldSpec[] = [...STATION_COMMON_FIELDS, STATION_MODEL_FIELD, ...STATION_FIXED_FIELDS, ...STATION_BUDGET_FIELDS];

/** The link model a station draft has: as the engine reads it (a rate and no model means fixed). */
export function stationModel(station: Record<string, unknown> | undefined): 'fixed' | 'budget' {
  const m = station?.linkModel;
  if (m === 'fixed' || m === 'budget') return m;
  return station?.downlinkGbps !== undefined ? 'fixed' : 'budget';
}

export const ISL_FIELDS: FieldSpec[] = [
  { path: 'interSatelliteLinks.enabled', label: 'Inter-satellite links', kind: 'checkbox' },
  { path: 'interSatelliteLinks.maxRangeKm', label: 'ISL max range', kind: 'number', unit: 'km', step: 100 },
  { path: 'interSatelliteLinks.rateGbps', label: 'ISL terminal rate (cap)', kind: 'number', unit: 'Gbps', step: 10 },
  { path: 'interSatelliteLinks.referenceRateGbps', label: 'ISL rate at reference range', kind: 'number', unit: 'Gbps', step: 1, hint: 'rate ∝ 1/d², capped at the terminal rate' },
  { path: 'interSatelliteLinks.referenceRangeKm', label: 'ISL reference range', kind: 'number', unit: 'km', step: 500 },
  { path: 'interSatelliteLinks.terminals', label: 'ISL terminals per satellite', kind: 'int', step: 1 },
  { path: 'interSatelliteLinks.grazingAltitudeKm', label: 'ISL grazing altitude', kind: 'number', unit: 'km', step: 10, hint: 'lowest height of a line of sight above the Earth' },
];

export const SIMULATION_FIELDS: FieldSpec[] = [
  { path: 'name', label: 'Scenario name', kind: 'text' },
  { path: 'startUtc', label: 'Start (UTC)', kind: 'text', hint: 'ISO 8601, e.g. 2026-06-21T00:00:00Z' },
  { path: 'durationHours', label: 'Duration', kind: 'number', unit: 'h', step: 1 },
  { path: 'stepSeconds', label: 'Step', kind: 'number', unit: 's', step: 10 },
  { path: 'environment.earthIrWPerM2', label: 'Earth IR flux', kind: 'number', unit: 'W/m²', step: 1 },
  { path: 'environment.albedo', label: 'Albedo', kind: 'number', step: 0.01 },
  { path: 'spacing.trackClosestApproach', label: 'Track closest approach', kind: 'checkbox' },
  { path: 'spacing.warnBelowKm', label: 'Warn below separation', kind: 'number', unit: 'km', step: 0.5 },
  { path: 'spacing.formationWarnBelowM', label: 'Warn below (formation)', kind: 'number', unit: 'm', step: 10 },
];

/**
 * Launch price quick picks ($/kg to LEO; docs/reference/ECONOMICS.md "Launch price"): Falcon 9 reusable
 * (the figure Google's 2025 study and SpaceNews use), Falcon Heavy, and Starship-class targets
 * (≲200 by the mid-2030s on Google's learning curve; <100 speculative).
 */
export const LAUNCH_PRICE_PICKS: ReadonlyArray<{ value: number; label: string }> = [
  { value: 3600, label: '3,600 — Falcon 9 (reusable)' },
  { value: 1500, label: '1,500 — Falcon Heavy' },
  { value: 1000, label: '1,000 — target' },
  { value: 200, label: '200 — Starship-class target (mid-2030s)' },
  { value: 100, label: '100 — speculative target' },
];

/**
 * Mass, lifetime and cost (issue 13): the `mass`, `lifetime` and `economics`
 * sections, the node's mass override and the environment's solar activity and
 * shielding. Each `source` is the schema's doc comment
 * (src/engine/input/economics-schema.ts, node-schema.ts).
 */
export const ECONOMICS_FIELDS: FieldGroup = {
  id: 'economics',
  title: 'Mass, lifetime and cost',
  subgroups: [
    {
      title: 'Mass',
      fields: [
        { path: 'node.massKg', label: 'Node mass (override)', kind: 'number', unit: 'kg', step: 50, optional: { default: 'model' }, source: "Optional: the node's launch mass (kg), replacing the component mass model (cost/node-mass.ts)." },
        { path: 'mass.arraySpecificPowerWPerKg', label: 'Array specific power', kind: 'number', unit: 'W/kg', step: 10, hint: 'beginning of life, 1 AU', source: 'Array specific power at the array level, W(BOL, 1 AU)/kg: 150 (NASA NTRS 20150006022, Mikulas et al.; ECONOMICS.md "Mass").' },
        { path: 'mass.radiatorArealMassKgPerM2', label: 'Radiator areal mass', kind: 'number', unit: 'kg/m²', step: 0.5, source: 'Radiator areal mass (kg per m² of radiating area): ≈7 conventional (NASA SBIR 1991, Thermacore; ECONOMICS.md "Mass").' },
        { path: 'mass.batterySpecificEnergyWhPerKg', label: 'Battery specific energy', kind: 'number', unit: 'Wh/kg', step: 5, source: 'Battery pack specific energy (Wh/kg): 125, the middle of 100–150 for space Li-ion packs (ESA Bulletin 90; ECONOMICS.md "Mass").' },
        { path: 'mass.computeMassKgPerKW', label: 'Compute mass per kW', kind: 'number', unit: 'kg/kW', step: 0.5, source: 'Compute mass per kW of compute power: 12.8 kg/kW (DGX H100: 130.45 kg for 10.2 kW; ECONOMICS.md "Mass").' },
        { path: 'mass.busFixedMassKg', label: 'Fixed bus mass', kind: 'number', unit: 'kg', step: 10, hint: 'avionics, attitude control, communications', source: 'Fixed bus mass (avionics, attitude control, communications; kg): 100, an assumption (cost-sources.md "Bus").' },
        { path: 'mass.structureMassFraction', label: 'Structure share of dry mass', kind: 'number', step: 0.01, source: 'Structure and the rest of the bus as a share of dry mass: 0.25 (SMAD-class share; cost-sources.md "Bus").' },
      ],
    },
    {
      title: 'Drag and propulsion',
      fields: [
        { path: 'mass.stationKeeping', label: 'Hold the orbit (station keeping)', kind: 'checkbox', source: "Hold the orbit against drag (ΔV and propellant counted); off: SGP4 decays the generated designs with the node's B*." },
        { path: 'mass.thrusterIspS', label: 'Thruster specific impulse', kind: 'number', unit: 's', step: 100, source: 'Electric thruster specific impulse (s): 2,500 (SpaceX argon Hall thruster of Starlink V2 mini, 2023; cost-sources.md "Propulsion").' },
        { path: 'mass.dragCoefficient', label: 'Drag coefficient', kind: 'number', step: 0.1, source: 'Drag coefficient: 2.2 (flat-plate/compact-body convention; environment-sources.md "Drag").' },
        { path: 'mass.arrayDragAttitude', label: 'Arrays in the flow', kind: 'select', options: DRAG_ATTITUDES, source: 'How the arrays meet the flow: face-on 1, edge-on 0, sun-tracking (rotating once an orbit) 2/π of their area. Radiators are taken edge-on to the flow.' },
        { path: 'mass.busFrontalAreaM2', label: 'Bus frontal area', kind: 'number', unit: 'm²', step: 0.5, source: 'Bus cross-section facing the flow (m²): 4, a V2-mini-class chassis (≈ 2.7 m wide); an estimate (cost-sources.md "Drag area").' },
        { path: 'mass.formationAreaToMassSpread', label: 'Formation A/m spread', kind: 'number', step: 0.01, source: 'Difference in area-to-mass between formation members (fraction): 0.05, an estimate (cost-sources.md "Formation"); their differential drag is the ΔV to hold a cluster.' },
        { path: 'mass.dragAreaM2', label: 'Drag area (override)', kind: 'number', unit: 'm²', step: 1, optional: { default: 'from attitude' }, source: 'Optional: the drag area (m²), replacing the attitude model.' },
        { path: 'environment.solarActivity', label: 'Solar activity', kind: 'select', options: ['low', 'mid', 'high'], hint: 'atmosphere density for drag and decay', source: 'Solar activity for the atmosphere density (drag, decay): low, mid or high (environment/atmosphere.ts).' },
      ],
    },
    {
      title: 'Lifetime and radiation',
      fields: [
        { path: 'lifetime.enabled', label: 'Compute lifetime and cost', kind: 'checkbox', source: 'Compute the lifetime, mass and cost section (sampled days over each year of the life).' },
        { path: 'lifetime.sampleDays', label: 'Sampled days per year', kind: 'int', step: 1, source: 'One-day runs sampled across the year (run/lifetime-run.ts): 24 matches a full-year run within 1 % (test/engine/run/lifetime-run.test.ts).' },
        { path: 'lifetime.acceleratorFailureRatePerYear', label: 'Accelerator failures', kind: 'number', unit: '/year', step: 0.01, hint: 'fraction of those alive', source: 'Accelerator failures per year (fraction of those alive): 0.09, terrestrial GPU fleets as cited by the McCalip model (ECONOMICS.md "Lifetime").' },
        { path: 'lifetime.acceleratorDoseLimitKrad', label: 'Accelerator dose limit', kind: 'number', unit: 'krad', hint: 'total dose in silicon', step: 1, source: 'Total dose (krad(Si)) at which the accelerators are taken as failed: 15, no hard failures of TPU v6e to 15 krad (Google 2025, arXiv:2511.19468).' },
        { path: 'environment.shieldingMmAl', label: 'Aluminium shielding', kind: 'number', unit: 'mm', step: 1, source: "Aluminium shielding in front of the accelerators (mm): 10, as in Google's 2025 study (arXiv:2511.19468; ECONOMICS.md \"Lifetime\")." },
        { path: 'lifetime.arrayDegradationPerYear', label: 'Array degradation', kind: 'number', unit: '/year', step: 0.0025, source: 'Array power lost per year (fraction): 0.0075, the middle of 0.5–1 %/year for Si/III-V cells in LEO (ECONOMICS.md "Lifetime").' },
        { path: 'lifetime.upsetsPerRadPerNode', label: 'Compute-stopping upsets', kind: 'number', unit: '/rad', step: 0.5, source: 'Upsets that stop a node\'s compute, per rad of dose: 2 (≈100 chips each ≈1 per 50 rad; an estimate, cost-sources.md "Upsets").' },
        { path: 'lifetime.upsetRecoveryS', label: 'Recovery per upset', kind: 'number', unit: 's', step: 60, hint: 'restart from the last checkpoint', source: 'Compute lost per upset (s): 600, a restart from the last checkpoint (an estimate, cost-sources.md "Upsets").' },
      ],
    },
    {
      title: 'Cost',
      fields: [
        { path: 'economics.launchUsdPerKg', label: 'Launch price', kind: 'number', unit: '$/kg', step: 100, picks: LAUNCH_PRICE_PICKS, source: 'Launch price to LEO ($/kg): 3,600, reusable Falcon 9 as used by Google\'s 2025 study and SpaceNews (ECONOMICS.md "Launch price").' },
        { path: 'economics.lifetimeYears', label: 'Life (payback period)', kind: 'int', unit: 'years', step: 1, source: 'Years over which the design is paid back: 5, broadband LEO design life (operator statements; ECONOMICS.md "Lifetime").' },
        { path: 'economics.discountRate', label: 'Discount rate (real)', kind: 'number', unit: '/year', step: 0.01, source: 'Discount rate (real, per year): 0.07 (US OMB Circular A-94 base case, 1992).' },
        { path: 'economics.computeUsdPerKW', label: 'Accelerator hardware', kind: 'number', unit: '$/kW', step: 1000, hint: 'per kW of compute power', source: 'Accelerator hardware ($ per kW of compute power): 35,000 (DGX H100 ≈ $350k for 10.2 kW; cost-sources.md "Hardware").' },
        { path: 'economics.busUsdPerKg', label: 'Satellite hardware', kind: 'number', unit: '$/kg', step: 100, hint: 'without the accelerators', source: 'Satellite hardware without the accelerators ($ per kg): 1,000 (Starlink V2 mini ≈ $0.8M for ≈ 800 kg, analyst estimates; cost-sources.md "Hardware").' },
        { path: 'economics.operationsUsdPerSatelliteYear', label: 'Operations per satellite', kind: 'number', unit: '$/yr', step: 10_000, source: 'Operations ($ per satellite-year): 50,000, an estimate (cost-sources.md "Operations").' },
        { path: 'economics.groundStationUsdPerMinute', label: 'Ground station time', kind: 'number', unit: '$/min', step: 1, hint: 'per contact minute', source: 'Ground station time ($ per contact minute): 10, AWS Ground Station wideband reserved-minute price (cost-sources.md "Ground stations").' },
        { path: 'economics.utilisation', label: 'Utilisation', kind: 'number', step: 0.05, hint: 'share of usable compute doing paid work, space and ground', source: 'Share of usable compute doing paid work, space and ground alike: 0.6 (ECONOMICS.md "Levelised cost" worked example).' },
      ],
    },
    {
      title: 'Ground data centre (reference)',
      fields: [
        { path: 'economics.terrestrial.buildUsdPerMW', label: 'Build cost', kind: 'number', unit: '$/MW', step: 500_000, hint: 'per MW of critical (IT) load', source: 'Build cost per MW of critical (IT) load: $11.7M, the US average of $9.3–15.0M (Cushman & Wakefield 2025; ECONOMICS.md "Terrestrial").' },
        { path: 'economics.terrestrial.electricityUsdPerKWh', label: 'Electricity', kind: 'number', unit: '$/kWh', step: 0.01, source: 'Electricity ($/kWh): 0.08, inside the $0.06–0.25 US data-centre range (Google 2025 study; ECONOMICS.md "Terrestrial").' },
        { path: 'economics.terrestrial.pue', label: 'PUE', kind: 'number', step: 0.05, hint: 'power usage effectiveness', source: 'Power usage effectiveness: 1.56, the 2024 industry average (Uptime Institute survey; ECONOMICS.md "Terrestrial").' },
      ],
    },
  ],
};

/** Element sets from Vallado's SGP4 verification data / June 2006 (epoch near 2006-06-20). */
export const EXAMPLE_TLE =
  'ISS (ZARYA)\n1 25544U 98067A   06164.43693594  .00014277  00000-0  10780-3 0  6795\n2 25544  51.6455 280.1294 0004346 245.9311 226.9658 15.72751720375095\n' +
  'CBERS 2\n1 28057U 03049A   06177.78615833  .00000060  00000-0  35940-4 0  1836\n2 28057  98.4283 247.6961 0000884  88.1964 271.9322 14.35478080140550\n';

export const EXAMPLE_OMM = [
  {
    OBJECT_NAME: 'ISS (ZARYA)',
    OBJECT_ID: '1998-067A',
    EPOCH: '2006-06-13T10:29:11.265216',
    MEAN_MOTION: 15.7275172,
    ECCENTRICITY: 0.0004346,
    INCLINATION: 51.6455,
    RA_OF_ASC_NODE: 280.1294,
    ARG_OF_PERICENTER: 245.9311,
    MEAN_ANOMALY: 226.9658,
    EPHEMERIS_TYPE: 0,
    CLASSIFICATION_TYPE: 'U',
    NORAD_CAT_ID: 25544,
    ELEMENT_SET_NO: 679,
    REV_AT_EPOCH: 37509,
    BSTAR: 0.0001078,
    MEAN_MOTION_DOT: 0.00014277,
    MEAN_MOTION_DDOT: 0,
  },
];

/** A fresh constellation of `type`, carrying the altitude over when it fits. */
export function constellationTemplate(type: ConstellationType, altitudeKm: number | undefined): Record<string, unknown> {
  const alt = typeof altitudeKm === 'number' && Number.isFinite(altitudeKm) ? altitudeKm : 550;
  const leo = Math.min(alt, 5500);
  switch (type) {
    case 'walker':
      return { type, pattern: 'delta', altitudeKm: alt, inclinationDeg: 53, planes: 8, satellitesPerPlane: 10, phasing: 1, firstRaanDeg: 0 };
    case 'sso':
      return { type, altitudeKm: leo, ltanHours: 10.5, planes: 2, satellitesPerPlane: 12, ltanSpacingHours: 1, ltanConvention: 'mean' };
    case 'cluster':
      return { type, altitudeKm: leo, ltanHours: 18, satellites: 81, radiusM: 1000, ltanConvention: 'mean' };
    case 'tle':
      return { type, text: EXAMPLE_TLE };
    case 'omm':
      return { type, records: EXAMPLE_OMM };
  }
}
