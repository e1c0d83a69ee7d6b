/**
 * Every scenario field the parameter panel edits, grouped as the user thinks
 * of them. `path` is the scenario field path (also the input's name attribute).
 * Each field says what it means (`help`), its unit, and where its default
 * comes from (`source`: the citation of the engine's schema comment,
 * src/engine/input/*-schema.ts and scenario.ts, and of docs/reference/*.md);
 * the panel shows them as the field's tooltip and ⓘ. Bounds and default
 * values are read from the schema itself (schemaFacts), so they never drift.
 */
import { EXAMPLE_OMM_RECORDS, EXAMPLE_TLE_TEXT } from '../engine/input/examples';
import { DRAG_ATTITUDES } from '../engine/input/economics-schema';
import { scenarioSchema } from '../engine/input/scenario';
import { getPath, parsePath } from './draft';

export type FieldKind = 'number' | 'int' | 'select' | 'text' | 'checkbox' | 'textarea' | 'json';

export interface FieldSpec {
  path: string;
  label: string;
  kind: FieldKind;
  unit?: string;
  options?: readonly string[];
  step?: number;
  /** What the field means, in plain words (tooltip). */
  help?: string;
  /** A short note on the value (tooltip). */
  hint?: string;
  /** May be left empty: the field is then removed from the scenario and the engine's default applies (shown as the placeholder). */
  optional?: { default: string };
  /** Where the default comes from (the schema's doc comment and the reference docs), shown in the field's tooltip. */
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

const LTAN_CONVENTION: FieldSpec = {
  path: 'constellation.ltanConvention',
  label: 'LTAN in',
  kind: 'select',
  options: ['mean', 'true'],
  help: 'The solar time the LTAN is counted in. mean: mean local solar time, as missions state it; true: the true Sun (the two differ by the equation of time, −14 to +16 min).',
  source: 'Default mean (Vallado 2013 §3.5; ESA Sentinel-2 “10:30 MLST”; scenario schema).',
};
const SSO_ALTITUDE: FieldSpec = {
  path: 'constellation.altitudeKm',
  label: 'Altitude',
  kind: 'number',
  unit: 'km',
  step: 10,
  help: 'Height of the circular orbit above the Earth’s equatorial radius (6,378 km). The inclination follows from the J2 sun-synchronous condition.',
  source: 'Required, your design choice (160–5,500 km, where a sun-synchronous inclination exists). The reference cluster flies at ≈650 km (docs/reference/PHYSICS.md “Reference designs”).',
};

export const CONSTELLATION_FIELDS: Record<ConstellationType, FieldSpec[]> = {
  walker: [
    { path: 'constellation.pattern', label: 'Pattern', kind: 'select', options: ['delta', 'star'], help: 'How the orbit planes are spread in right ascension of the ascending node (RAAN): delta over 360°, star over 180°.', source: 'Default delta (Walker T/P/F notation; scenario schema).' },
    { path: 'constellation.altitudeKm', label: 'Altitude', kind: 'number', unit: 'km', step: 10, help: 'Height of the circular orbits above the Earth’s equatorial radius (6,378 km).', source: 'Required, your design choice (160–40,000 km). The starter shell’s 550 km is the broadband shell of docs/reference/PHYSICS.md “Reference designs”.' },
    { path: 'constellation.inclinationDeg', label: 'Inclination', kind: 'number', unit: '°', step: 0.5, help: 'Angle between the orbit planes and the equator: 0° equatorial, 90° polar, above 90° retrograde.', source: 'Required, your design choice. The starter shell’s 53° is the broadband shell of docs/reference/PHYSICS.md “Reference designs”.' },
    { path: 'constellation.planes', label: 'Planes', kind: 'int', step: 1, help: 'Number of orbit planes P, evenly spaced in RAAN.', source: 'Required, your design choice.' },
    { path: 'constellation.satellitesPerPlane', label: 'Satellites per plane', kind: 'int', step: 1, help: 'Satellites S evenly spaced in each plane; the total is T = P × S.', source: 'Required, your design choice.' },
    { path: 'constellation.phasing', label: 'Phasing F', kind: 'int', step: 1, hint: '0 … planes − 1', help: 'Walker phasing: the shift between satellites of adjacent planes, in units of 360°/T.', source: 'Default 1 (scenario schema).' },
    { path: 'constellation.firstRaanDeg', label: 'First RAAN', kind: 'number', unit: '°', step: 5, help: 'Right ascension of the ascending node of the first plane; the others follow at equal spacing.', source: 'Default 0° (scenario schema).' },
  ],
  sso: [
    SSO_ALTITUDE,
    { path: 'constellation.ltanHours', label: 'LTAN', kind: 'number', unit: 'h', step: 0.25, help: 'Local time of the ascending node: the local solar time when the satellites cross the equator northwards. 6 h or 18 h is a dawn–dusk orbit, with the least eclipse.', source: 'Required, your design choice (docs/reference/PHYSICS.md “Sun-synchronous orbits”: Ω = α☉ + (LTAN − 12 h) · 15°/h).' },
    { path: 'constellation.planes', label: 'Planes', kind: 'int', step: 1, help: 'Number of sun-synchronous planes, centred on the LTAN.', source: 'Default 1 (scenario schema).' },
    { path: 'constellation.satellitesPerPlane', label: 'Satellites per plane', kind: 'int', step: 1, help: 'Satellites evenly spaced in each plane; adjacent planes are offset by half a slot.', source: 'Required, your design choice.' },
    { path: 'constellation.ltanSpacingHours', label: 'LTAN spacing', kind: 'number', unit: 'h', step: 0.25, help: 'Local-time difference between adjacent planes.', source: 'Default 1 h (scenario schema).' },
    LTAN_CONVENTION,
  ],
  cluster: [
    SSO_ALTITUDE,
    { path: 'constellation.ltanHours', label: 'LTAN', kind: 'number', unit: 'h', step: 0.25, help: 'Local time of the ascending node of the formation’s sun-synchronous orbit (18 h: dawn–dusk).', source: 'Default 18 h: dawn–dusk, as the reference cluster study (docs/reference/PHYSICS.md “Reference designs”, “Sun-synchronous orbits”).' },
    { path: 'constellation.satellites', label: 'Satellites', kind: 'int', step: 1, help: 'Members of the formation, on concentric relative rings (8 r members on ring r).', source: 'Default 81, the reference cluster study (docs/reference/PHYSICS.md “Reference designs”: 81 satellites within ≈1 km).' },
    { path: 'constellation.radiusM', label: 'Formation radius', kind: 'number', unit: 'm', step: 100, help: 'Along-track half-size of the outermost ring of the formation.', source: 'Default 1,000 m, the reference cluster study (docs/reference/PHYSICS.md “Reference designs”: ≈1 km radius, neighbours 100–200 m apart).' },
    LTAN_CONVENTION,
  ],
  tle: [{ path: 'constellation.text', label: 'Two/three-line element sets', kind: 'textarea', help: 'Two- or three-line element sets (TLE), pasted or imported; set the start near their epoch. Bad records are listed and skipped.', source: 'Your data (e.g. a catalogue provider). The example is from Vallado’s SGP4 verification data (2006).' }],
  omm: [{ path: 'constellation.records', label: 'OMM records (JSON array)', kind: 'json', help: 'Orbit Mean-elements Messages as JSON records, as catalogue providers publish them; set the start near their epoch.', source: 'Your data (e.g. a catalogue provider). The example is the ISS set of Vallado’s SGP4 verification data (2006).' }],
};

/** Node defaults without a published figure: say so. */
const ASSUMED = 'an assumption without a cited source: sweep it';

export const NODE_FIELDS: FieldGroup = {
  id: 'node',
  title: 'Node hardware',
  subgroups: [
    {
      title: 'Power',
      fields: [
        { path: 'node.solarArrayAreaM2', label: 'Solar array area', kind: 'number', unit: 'm²', step: 5, help: 'Area of one node’s solar array (cells and the gaps between them).', source: 'Default 116 m²: Starlink V2 mini ≈116–120 m² for ≈27–28 kW (FCC-filing summaries; docs/reference/ECONOMICS.md “Mass”).' },
        { path: 'node.solarCellEfficiency', label: 'Cell efficiency', kind: 'number', step: 0.01, hint: 'at the rating temperature', help: 'Share of the sunlight on a cell that it turns into electricity, at the rating temperature.', source: 'Default 0.22 (22 % cells): docs/reference/PHYSICS.md “Reference designs”.' },
        { path: 'node.solarArrayPackingFactor', label: 'Packing factor', kind: 'number', step: 0.01, hint: 'cell area / array area', help: 'Share of the array area covered by cells.', source: 'Default 0.90 (90 % fill): docs/reference/PHYSICS.md “Reference designs”.' },
        { path: 'node.solarArrayConversionEfficiency', label: 'Array conversion efficiency', kind: 'number', step: 0.01, hint: 'regulator and harness to the bus', help: 'Share of the array’s power that reaches the bus after the regulator and harness.', source: 'Default 0.97, an estimate (docs/reference/power-sources.md “Solar array”; regulator trade: Schirone et al., Energies 14 (2021) 7932).' },
        { path: 'node.solarCellTempCoefficientPerK', label: 'Cell temperature coefficient', kind: 'number', unit: '/K', step: 0.0005, help: 'Relative change of cell power per kelvin away from the rating temperature (−0.0035 = −0.35 % per K).', source: 'Default −0.0035 /K, silicon class: −0.29 to −0.45 %/K (NREL SAM CEC module library; docs/reference/power-sources.md “Solar array”).' },
        { path: 'node.solarCellOperatingTemperatureC', label: 'Cell temperature in sunlight', kind: 'number', unit: '°C', step: 5, help: 'Temperature of the cells while in sunlight (one value for the whole run).', source: 'Default 55 °C: a LEO sun-tracking array ≈ 44–60 °C by radiative balance; reported 44–80 °C (docs/reference/power-sources.md “Solar array”).' },
        { path: 'node.solarCellReferenceTemperatureC', label: 'Cell rating temperature', kind: 'number', unit: '°C', step: 1, help: 'Temperature at which the cell efficiency is rated.', source: 'Default 28 °C, the space-cell AM0 rating convention (docs/reference/power-sources.md “Solar array”).' },
        { path: 'node.arrayPointing', label: 'Array pointing', kind: 'select', options: ['sun-tracking', 'body-fixed'], help: 'sun-tracking: the array always faces the Sun; body-fixed: its normal stays on the orbit normal, on the side facing the Sun at the start.', source: 'Default sun-tracking (scenario schema).' },
        { path: 'node.batteryCapacityKWh', label: 'Battery capacity', kind: 'number', unit: 'kWh', step: 1, help: 'Energy one node’s battery holds; 0 means no battery.', source: `Default 20 kWh, ${ASSUMED}.` },
        { path: 'node.batteryMinStateOfCharge', label: 'Battery min SoC', kind: 'number', step: 0.05, help: 'Reserve, as a share of capacity: compute never discharges below it (the bus may). Raised automatically when the bus needs more through an eclipse.', source: `Default 0.2, ${ASSUMED} (how the reserve works: docs/reference/power-sources.md “Power controller”).` },
        { path: 'node.batteryInitialStateOfCharge', label: 'Battery initial SoC', kind: 'number', step: 0.05, help: 'Battery charge at the start of the run, as a share of capacity.', source: `Default 0.9, ${ASSUMED}.` },
        { path: 'node.batteryRoundTripEfficiency', label: 'Round-trip efficiency', kind: 'number', step: 0.01, help: 'Share of the energy put into the battery that comes back out; the loss is split evenly between charge and discharge.', source: `Default 0.9, ${ASSUMED}.` },
        { path: 'node.batteryMaxChargeCRate', label: 'Max charge rate', kind: 'number', unit: 'C', step: 0.1, help: 'Fastest charge, in C (1 C fills the battery in an hour).', source: 'Default 0.5 C, an estimate: the usual continuous Li-ion charge rating; LEO life tests recharge at ≈0.3 C (docs/reference/power-sources.md “Battery limits”).' },
        { path: 'node.batteryMaxDischargeCRate', label: 'Max discharge rate', kind: 'number', unit: 'C', step: 0.1, help: 'Fastest discharge, in C (1 C empties the battery in an hour).', source: 'Default 1 C, an estimate: the usual continuous discharge rating; LEO eclipses need 0.43–0.51 C (docs/reference/power-sources.md “Battery limits”).' },
        { path: 'node.batteryCycleLifeAtFullDepth', label: 'Cycle life at 100 % DoD', kind: 'number', unit: 'cycles', step: 100, hint: 'N(DoD) = N₁₀₀ · DoD^(−k)', help: 'Cycles to end of life at full depth of discharge; shallower cycles last longer along the cycle-life curve.', source: 'Default 1,000 cycles, fitted to GS Yuasa’s LEO test (40,000 cycles at 25 % depth) and GEO test (≈1,800 at ≤80 %) (Imamura et al., JAXA Space Energy Symposium 2008; docs/reference/power-sources.md “Battery wear”).' },
        { path: 'node.batteryCycleLifeExponent', label: 'Cycle-life exponent k', kind: 'number', step: 0.1, help: 'Exponent of the cycle-life curve N(DoD) = N₁₀₀ · DoD^(−k).', source: 'Default 2.66 (= ln 40 / ln 4), the same fit (docs/reference/power-sources.md “Battery wear”).' },
        { path: 'node.batteryEndOfLifeCapacityFade', label: 'End-of-life capacity fade', kind: 'number', step: 0.05, help: 'Capacity lost when the cycle life is used up, as a share.', source: 'Default 0.2: end of life at 80 % of the initial capacity, the usual definition (docs/reference/power-sources.md “Battery wear”).' },
        { path: 'node.busPowerW', label: 'Bus power', kind: 'number', unit: 'W', step: 100, help: 'Constant draw of the platform (avionics, attitude control, communications), served before compute.', source: `Default 2,000 W, ${ASSUMED}.` },
      ],
    },
    {
      title: 'Compute & storage',
      fields: [
        { path: 'node.computePowerW', label: 'Compute power', kind: 'number', unit: 'W', step: 500, help: 'Electrical power the accelerators draw at full compute (all of it becomes heat). With the efficiency locked, changing it scales the compute.', source: 'Default 20,000 W: ≈100 TPU v6e-class accelerators at ≈200 W each with overheads, an estimate (docs/reference/PHYSICS.md “Reference designs”: chip power not published, ≈150–200 W).' },
        { path: 'node.computeTflops', label: 'Compute', kind: 'number', unit: 'TFLOPS', step: 1000, help: 'Throughput of one node at full compute, in 10¹² operations per second.', source: 'Default 91,800 TFLOPS: ≈100 TPU v6e chips at 918 TFLOP/s (bf16) each (docs/reference/PHYSICS.md “Reference designs”).' },
        { path: 'node.storageGB', label: 'Storage', kind: 'number', unit: 'GB', step: 100, help: 'On-board storage for compute output waiting for a downlink; when full, compute stops.', source: `Default 2,000 GB, ${ASSUMED}.` },
        { path: 'node.outputGBPerHourAtFullCompute', label: 'Output at full compute', kind: 'number', unit: 'GB/h', step: 5, help: 'Data the compute produces per hour at full compute, to be sent to the ground.', source: `Default 50 GB/h, ${ASSUMED}.` },
      ],
    },
    {
      title: 'Thermal',
      fields: [
        { path: 'node.radiatorAreaM2', label: 'Radiator area', kind: 'number', unit: 'm²', step: 5, help: 'Emitting area of the radiators that reject the node’s heat to space.', source: `Default 60 m², ${ASSUMED} (docs/reference/PHYSICS.md “Thermal”: a surface of emissivity 0.85 at 20 °C rejects ≈356 W/m² per face).` },
        { path: 'node.radiatorEmissivity', label: 'Radiator emissivity', kind: 'number', step: 0.01, help: 'How well the radiator surface emits (and absorbs) infrared, 0–1.', source: `Default 0.9, ${ASSUMED} (docs/reference/PHYSICS.md “Thermal”: white paint 0.85, optical solar reflector 0.80, a published space data-centre radiator 0.92).` },
        { path: 'node.radiatorAbsorptivity', label: 'Radiator absorptivity', kind: 'number', step: 0.01, help: 'Share of sunlight and albedo the radiator surface absorbs, 0–1.', source: `Default 0.1, ${ASSUMED} (docs/reference/PHYSICS.md “Thermal”: white paint 0.20, optical solar reflector 0.08, the published radiator 0.09).` },
        { path: 'node.radiatorOrientation', label: 'Radiator attitude', kind: 'select', options: ['edge-on', 'orbit-normal', 'nadir', 'zenith'], help: 'How the radiator faces the Earth and the Sun; sets its view factors at each sample.', source: 'Default edge-on: a nadir-pointing, yaw-steering bus with radiators along the array axis (GPS nominal attitude, Bar-Sever 1996; docs/reference/thermal-sources.md “Radiator attitude”).' },
        { path: 'node.radiatorSunViewFactor', label: 'Sun view factor (override)', kind: 'number', step: 0.05, optional: { default: 'from attitude' }, help: 'A fixed share of the radiator seeing the Sun while sunlit (mean incidence cosine), replacing the attitude’s.', source: 'Optional: empty uses the attitude’s value (docs/reference/thermal-sources.md “Radiator attitude”).' },
        { path: 'node.radiatorEarthViewFactor', label: 'Earth view factor (override)', kind: 'number', step: 0.05, optional: { default: 'from attitude and altitude' }, help: 'A fixed view factor from the radiator to the Earth, replacing the attitude’s and altitude’s.', source: 'Optional: empty uses the plate-to-sphere factor of the attitude and altitude (Howell’s catalogue; docs/reference/thermal-sources.md “Earth view factors”).' },
        { path: 'node.heatCapacityJPerK', label: 'Radiator node heat capacity', kind: 'number', unit: 'J/K', step: 1e5, help: 'Heat capacity of the radiator node (panels, structure, bus, battery): how slowly its temperature follows the loads.', source: `Default 2,000,000 J/K, ${ASSUMED} (docs/reference/thermal-sources.md “Two-node model”).` },
        { path: 'node.initialTemperatureC', label: 'Initial temperature', kind: 'number', unit: '°C', step: 1, help: 'Temperature of both thermal nodes at the start of the run.', source: 'Default 20 °C (scenario schema).' },
        { path: 'node.maxTemperatureC', label: 'Max radiator temperature', kind: 'number', unit: '°C', step: 1, hint: 'bus, battery', help: 'Limit of the radiator node, which carries the bus electronics and the battery; compute is throttled to stay below it.', source: 'Default 45 °C: Li-ion cells are specified to charge at 0–45 °C (cell datasheets; docs/reference/thermal-sources.md “Two-node model”).' },
        { path: 'node.acceleratorMaxJunctionC', label: 'Max junction temperature', kind: 'number', unit: '°C', step: 1, help: 'Limit of the accelerator junctions; compute is throttled to stay below it.', source: 'Default 95 °C, within the 85–105 °C data-centre accelerators throttle at (docs/reference/thermal-sources.md “Two-node model”).' },
        { path: 'node.acceleratorHeatCapacityJPerK', label: 'Accelerator heat capacity', kind: 'number', unit: 'J/K', step: 1e4, help: 'Heat capacity of the accelerators, cold plates and boards.', source: 'Default 200,000 J/K: ≈100 accelerators × ≈2 kg of aluminium × 897 J/(kg K), an estimate (docs/reference/thermal-sources.md “Two-node model”).' },
        { path: 'node.acceleratorConductanceWPerK', label: 'Junction–radiator conductance', kind: 'number', unit: 'W/K', step: 50, optional: { default: 'compute power / 30 K' }, help: 'Heat path from the junctions to the radiator: at full compute the junctions run compute power ÷ this above the radiator.', source: 'Optional: default compute power ÷ 30 K; liquid- or heat-pipe-cooled junctions sit 20–40 K above the loop (docs/reference/thermal-sources.md “Two-node model”).' },
      ],
    },
  ],
};

const LINK_SOURCES = 'docs/reference/link-sources.md';

/** Station fields of both link models. */
export const STATION_COMMON_FIELDS: FieldSpec[] = [
  { path: 'name', label: 'Name', kind: 'text', help: 'Station name, shown in the view and the tables.', source: 'Required, your choice.' },
  { path: 'latitudeDeg', label: 'Latitude', kind: 'number', unit: '°', step: 0.5, help: 'Geodetic latitude (WGS84), north positive.', source: 'Required: the station’s site.' },
  { path: 'longitudeDeg', label: 'Longitude', kind: 'number', unit: '°', step: 0.5, help: 'Longitude, east positive.', source: 'Required: the station’s site.' },
  { path: 'altitudeM', label: 'Altitude', kind: 'number', unit: 'm', step: 10, help: 'Height of the station above the WGS84 ellipsoid.', source: 'Default 0 m (scenario schema).' },
  { path: 'minElevationDeg', label: 'Min elevation', kind: 'number', unit: '°', step: 1, help: 'Elevation mask: a satellite is in contact while it is higher than this above the horizon.', source: 'Default 10° (scenario schema).' },
  { path: 'antennas', label: 'Antennas', kind: 'int', step: 1, help: 'Satellites the station can serve at once (one per antenna).', source: 'Default 1 (scenario schema).' },
  { path: 'acquisitionS', label: 'Acquisition', kind: 'number', unit: 's', step: 1, hint: 'a new session carries nothing this long', help: 'Time a new downlink session carries no data while the antenna acquires the satellite.', source: `Default 10 s: Cobham SAILOR 900 Ka installation manual, Table 6-3, initial search (${LINK_SOURCES} “Sessions”).` },
  { path: 'handoverAdvantage', label: 'Handover advantage', kind: 'number', step: 0.5, hint: 'hysteresis: switch only for (1 + this) × rate × acquisition more data', help: 'Hysteresis of the antenna: it leaves its satellite only for one holding more data by (1 + this) × rate × acquisition time.', source: `Default 1, a policy, not physics (${LINK_SOURCES} “Sessions”).` },
];

/** The station's link model: one fixed rate, or a link budget along the pass. */
export const STATION_MODEL_FIELD: FieldSpec = { path: 'linkModel', label: 'Link model', kind: 'select', options: ['fixed', 'budget'], help: 'fixed: one downlink rate whenever in contact; budget: the rate from a link budget at each point of the pass (range, elevation).', source: 'Default budget, or fixed when a downlink rate is given (scenario schema).' };

export const STATION_FIXED_FIELDS: FieldSpec[] = [{ path: 'downlinkGbps', label: 'Downlink', kind: 'number', unit: 'Gbps', step: 1, help: 'Downlink rate while an antenna holds the satellite.', source: 'Required with the fixed model: your station’s rate. The presets’ 10 and 100 Gbps are assumptions without a cited source.' }];

/** Budget fields (defaults and sources: docs/reference/link-sources.md, network-schema.ts). */
export const STATION_BUDGET_FIELDS: FieldSpec[] = [
  { path: 'frequencyGHz', label: 'Frequency', kind: 'number', unit: 'GHz', step: 1, optional: { default: '26' }, help: 'Downlink carrier frequency.', source: `Default 26 GHz: Ka-band Earth-exploration downlink allocation 25.5–27 GHz (ITU Radio Regulations Art. 5; IOAG LEO 26 GHz study, 2016; ${LINK_SOURCES}).` },
  { path: 'symbolRateMsps', label: 'Symbol rate', kind: 'number', unit: 'Msym/s', step: 100, optional: { default: '1200' }, help: 'Symbols per second of the downlink carrier.', source: `Default 1,200 Msym/s: fills the 1.5 GHz allocation at DVB-S2 roll-off 0.25 (ETSI EN 302 307-1 §5.6; ${LINK_SOURCES}).` },
  { path: 'transmitPowerW', label: 'Transmit power', kind: 'number', unit: 'W', step: 1, optional: { default: '10' }, help: 'RF output power of the satellite’s transmitter.', source: `Default 10 W, an assumed design point: a Ka-band SSPA/TWTA output (${LINK_SOURCES}).` },
  { path: 'transmitAntennaGainDbi', label: 'Transmit gain', kind: 'number', unit: 'dBi', step: 1, optional: { default: '20' }, help: 'Gain of the satellite’s downlink antenna, net of feed losses.', source: `Default 20 dBi, an assumed design point: a medium-gain antenna (4.7 cm aperture at 26 GHz; ${LINK_SOURCES}).` },
  { path: 'gOverTDbPerK', label: 'Station G/T', kind: 'number', unit: 'dB/K', step: 1, optional: { default: '39.8' }, help: 'Figure of merit of the station’s receiver: antenna gain over system noise temperature.', source: `Default 39.8 dB/K, derived: a 7.3 m-class dish at 60 % efficiency (63.75 dBi) over 250 K (${LINK_SOURCES}).` },
  { path: 'atmosphericLossZenithDb', label: 'Atmosphere (zenith)', kind: 'number', unit: 'dB', step: 0.1, optional: { default: '0.6' }, help: 'Gas and cloud loss looking straight up; scaled by 1/sin(elevation) along the pass.', source: `Default 0.6 dB: gases ≈0.3 dB (ITU-R P.676) + clouds 0.3 dB (ITU-R P.840) at 26 GHz (${LINK_SOURCES}).` },
  { path: 'rainMarginDb', label: 'Rain margin', kind: 'number', unit: 'dB', step: 0.5, optional: { default: '3' }, help: 'Fixed margin held against rain fade.', source: `Default 3 dB: rain exceeded 1 % of an average year at 26 GHz, mid-latitude (ITU-R P.618-13 with P.838-3; 1.9 dB at zenith, 5.0 dB at 10°; ${LINK_SOURCES}).` },
  { path: 'implementationMarginDb', label: 'Implementation margin', kind: 'number', unit: 'dB', step: 0.5, optional: { default: '1' }, help: 'Modem loss against the ideal DVB-S2 thresholds.', source: `Default 1 dB, assumed (ideal thresholds: ETSI EN 302 307-1 Table 13; ${LINK_SOURCES}).` },
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
  { path: 'interSatelliteLinks.enabled', label: 'Inter-satellite links', kind: 'checkbox', help: 'Relay data over optical links to a satellite that holds a station antenna (one hop).', source: 'Default off (scenario schema).' },
  { path: 'interSatelliteLinks.maxRangeKm', label: 'ISL max range', kind: 'number', unit: 'km', step: 100, help: 'Longest optical link.', source: `Default 5,000 km: Tesat SCOT80 links 5,000–8,000 km (DLR); Starlink links beyond 5,400 km (SPIE Photonics West 2024; ${LINK_SOURCES}).` },
  { path: 'interSatelliteLinks.rateGbps', label: 'ISL terminal rate (cap)', kind: 'number', unit: 'Gbps', step: 10, help: 'Highest rate of one optical terminal; short links run at it.', source: `Default 100 Gbps per Starlink laser link (SPIE Photonics West 2024); SCOT80 2.5–100 Gbps (DLR; ${LINK_SOURCES}).` },
  { path: 'interSatelliteLinks.referenceRateGbps', label: 'ISL rate at reference range', kind: 'number', unit: 'Gbps', step: 1, hint: 'rate ∝ 1/d², capped at the terminal rate', help: 'A published operating point of the terminal: this rate at the reference range; the rate falls as 1/distance² beyond it.', source: `Default 10 Gbps at 8,000 km: Tesat SCOT80 (Satellite Today, 2024-05-28; ${LINK_SOURCES}).` },
  { path: 'interSatelliteLinks.referenceRangeKm', label: 'ISL reference range', kind: 'number', unit: 'km', step: 500, help: 'Range of that operating point.', source: `Default 8,000 km: Tesat SCOT80 (Satellite Today, 2024-05-28; ${LINK_SOURCES}).` },
  { path: 'interSatelliteLinks.terminals', label: 'ISL terminals per satellite', kind: 'int', step: 1, help: 'Optical links a satellite can hold at once, relay included.', source: `Default 4: “three to five optical crosslinks per satellite” (SDA Transport Layer, SpaceNews 2021-04-21; ${LINK_SOURCES}).` },
  { path: 'interSatelliteLinks.grazingAltitudeKm', label: 'ISL grazing altitude', kind: 'number', unit: 'km', step: 10, hint: 'lowest height of a line of sight above the Earth', help: 'A link needs a line of sight that stays this high above the Earth (clear of weather).', source: `Default 80 km (Hypatia, Kassing et al., ACM IMC 2020; ${LINK_SOURCES}).` },
];

export const SIMULATION_FIELDS: FieldSpec[] = [
  { path: 'name', label: 'Scenario name', kind: 'text', help: 'Name of this design (unique among the open designs).', source: 'Default “Untitled scenario” (scenario schema).' },
  { path: 'startUtc', label: 'Start (UTC)', kind: 'text', hint: 'ISO 8601, e.g. 2026-06-21T00:00:00Z', help: 'Start of the run, in UTC. The date sets the season: eclipse seasons, β angle, sun-synchronous local times.', source: 'Required, your choice. The season matters: a dawn–dusk (LTAN 18 h) orbit has its worst eclipses at the June solstice and none for most of the year (docs/reference/PHYSICS.md “Sun-synchronous orbits”).' },
  { path: 'durationHours', label: 'Duration', kind: 'number', unit: 'h', step: 1, help: 'Length of the run. A day shows the orbits; batteries, storage and temperatures may need several days to settle.', source: 'Required, your choice (up to 5 years; scenario schema).' },
  { path: 'stepSeconds', label: 'Step', kind: 'number', unit: 's', step: 10, help: 'Time step of the power, battery, thermal and storage models; geometry, events and links are sampled at most 60 s apart whatever the step.', source: 'Default 60 s (scenario schema); 1–3,600 s.' },
  { path: 'environment.earthIrWPerM2', label: 'Earth IR flux', kind: 'number', unit: 'W/m²', step: 1, help: 'Infrared the Earth emits, orbit average; heats the radiators.', source: 'Default 237 W/m², the orbit-average Earth IR (docs/reference/PHYSICS.md “Constants”: design range ≈150–350).' },
  { path: 'environment.albedo', label: 'Albedo', kind: 'number', step: 0.01, help: 'Share of sunlight the Earth reflects, orbit average; heats the radiators on the day side.', source: 'Default 0.30, the orbit-average Earth albedo (docs/reference/PHYSICS.md “Constants”: design range ≈0.18–0.55).' },
  { path: 'spacing.trackClosestApproach', label: 'Track closest approach', kind: 'checkbox', help: 'Find the closest approach between any two satellites over the run (costs time on very large runs).', source: 'Default on (scenario schema).' },
  { path: 'spacing.warnBelowKm', label: 'Warn below separation', kind: 'number', unit: 'km', step: 0.5, help: 'Warn when two satellites come closer than this.', source: 'Default 1 km: the 18th Space Control Squadron’s emergency miss distance for near-Earth objects (Spaceflight Safety Handbook for Satellite Operators, v1.5, 2020).' },
  { path: 'spacing.formationWarnBelowM', label: 'Warn below (formation)', kind: 'number', unit: 'm', step: 10, help: 'Warn when two members of a formation come closer than this.', source: 'Default 50 m: half the closest neighbour distance of the reference cluster (docs/reference/PHYSICS.md “Reference designs”: neighbours 100–200 m).' },
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
        { path: 'mass.arraySpecificPowerWPerKg', label: 'Array specific power', kind: 'number', unit: 'W/kg', step: 10, hint: 'beginning of life, 1 AU', source: 'Array specific power at the array level, W(BOL, 1 AU)/kg: 150 (NASA NTRS 20150006022, Mikulas et al.; docs/reference/ECONOMICS.md "Mass").' },
        { path: 'mass.radiatorArealMassKgPerM2', label: 'Radiator areal mass', kind: 'number', unit: 'kg/m²', step: 0.5, source: 'Radiator areal mass (kg per m² of radiating area): ≈7 conventional (NASA SBIR 1991, Thermacore; docs/reference/ECONOMICS.md "Mass").' },
        { path: 'mass.batterySpecificEnergyWhPerKg', label: 'Battery specific energy', kind: 'number', unit: 'Wh/kg', step: 5, source: 'Battery pack specific energy (Wh/kg): 125, the middle of 100–150 for space Li-ion packs (ESA Bulletin 90; docs/reference/ECONOMICS.md "Mass").' },
        { path: 'mass.computeMassKgPerKW', label: 'Compute mass per kW', kind: 'number', unit: 'kg/kW', step: 0.5, source: 'Compute mass per kW of compute power: 12.8 kg/kW (DGX H100: 130.45 kg for 10.2 kW; docs/reference/ECONOMICS.md "Mass").' },
        { path: 'mass.busFixedMassKg', label: 'Fixed bus mass', kind: 'number', unit: 'kg', step: 10, hint: 'avionics, attitude control, communications', source: 'Fixed bus mass (avionics, attitude control, communications; kg): 100, an assumption (docs/reference/cost-sources.md "Bus").' },
        { path: 'mass.structureMassFraction', label: 'Structure share of dry mass', kind: 'number', step: 0.01, source: 'Structure and the rest of the bus as a share of dry mass: 0.25 (SMAD-class share; docs/reference/cost-sources.md "Bus").' },
      ],
    },
    {
      title: 'Drag and propulsion',
      fields: [
        { path: 'mass.stationKeeping', label: 'Hold the orbit (station keeping)', kind: 'checkbox', source: "Hold the orbit against drag (ΔV and propellant counted); off: SGP4 decays the generated designs with the node's B*." },
        { path: 'mass.thrusterIspS', label: 'Thruster specific impulse', kind: 'number', unit: 's', step: 100, source: 'Electric thruster specific impulse (s): 2,500 (SpaceX argon Hall thruster of Starlink V2 mini, 2023; docs/reference/cost-sources.md "Propulsion").' },
        { path: 'mass.dragCoefficient', label: 'Drag coefficient', kind: 'number', step: 0.1, source: 'Drag coefficient: 2.2 (flat-plate/compact-body convention; docs/reference/environment-sources.md "Drag").' },
        { path: 'mass.arrayDragAttitude', label: 'Arrays in the flow', kind: 'select', options: DRAG_ATTITUDES, source: 'How the arrays meet the flow: face-on 1, edge-on 0, sun-tracking (rotating once an orbit) 2/π of their area. Radiators are taken edge-on to the flow.' },
        { path: 'mass.busFrontalAreaM2', label: 'Bus frontal area', kind: 'number', unit: 'm²', step: 0.5, source: 'Bus cross-section facing the flow (m²): 4, a V2-mini-class chassis (≈ 2.7 m wide); an estimate (docs/reference/cost-sources.md "Drag area").' },
        { path: 'mass.formationAreaToMassSpread', label: 'Formation A/m spread', kind: 'number', step: 0.01, source: 'Difference in area-to-mass between formation members (fraction): 0.05, an estimate (docs/reference/cost-sources.md "Formation"); their differential drag is the ΔV to hold a cluster.' },
        { path: 'mass.dragAreaM2', label: 'Drag area (override)', kind: 'number', unit: 'm²', step: 1, optional: { default: 'from attitude' }, source: 'Optional: the drag area (m²), replacing the attitude model.' },
        { path: 'environment.solarActivity', label: 'Solar activity', kind: 'select', options: ['low', 'mid', 'high'], hint: 'atmosphere density for drag and decay', source: 'Solar activity for the atmosphere density (drag, decay): low, mid or high (environment/atmosphere.ts).' },
      ],
    },
    {
      title: 'Lifetime and radiation',
      fields: [
        { path: 'lifetime.enabled', label: 'Compute lifetime and cost', kind: 'checkbox', source: 'Compute the lifetime, mass and cost section (sampled days over each year of the life).' },
        { path: 'lifetime.sampleDays', label: 'Sampled days per year', kind: 'int', step: 1, source: 'One-day runs sampled across the year (run/lifetime-run.ts): 24 matches a full-year run within 1 % (test/engine/run/lifetime-run.test.ts).' },
        { path: 'lifetime.acceleratorFailureRatePerYear', label: 'Accelerator failures', kind: 'number', unit: '/year', step: 0.01, hint: 'fraction of those alive', source: 'Accelerator failures per year (fraction of those alive): 0.09, terrestrial GPU fleets as cited by the McCalip model (docs/reference/ECONOMICS.md "Lifetime").' },
        { path: 'lifetime.acceleratorDoseLimitKrad', label: 'Accelerator dose limit', kind: 'number', unit: 'krad', hint: 'total dose in silicon', step: 1, source: 'Total dose (krad(Si)) at which the accelerators are taken as failed: 15, no hard failures of TPU v6e to 15 krad (Google 2025, arXiv:2511.19468).' },
        { path: 'environment.shieldingMmAl', label: 'Aluminium shielding', kind: 'number', unit: 'mm', step: 1, source: "Aluminium shielding in front of the accelerators (mm): 10, as in Google's 2025 study (arXiv:2511.19468; docs/reference/ECONOMICS.md \"Lifetime\")." },
        { path: 'lifetime.arrayDegradationPerYear', label: 'Array degradation', kind: 'number', unit: '/year', step: 0.0025, source: 'Array power lost per year (fraction): 0.0075, the middle of 0.5–1 %/year for Si/III-V cells in LEO (docs/reference/ECONOMICS.md "Lifetime").' },
        { path: 'lifetime.upsetsPerRadPerNode', label: 'Compute-stopping upsets', kind: 'number', unit: '/rad', step: 0.5, source: 'Upsets that stop a node\'s compute, per rad of dose: 2 (≈100 chips each ≈1 per 50 rad; an estimate, docs/reference/cost-sources.md "Upsets").' },
        { path: 'lifetime.upsetRecoveryS', label: 'Recovery per upset', kind: 'number', unit: 's', step: 60, hint: 'restart from the last checkpoint', source: 'Compute lost per upset (s): 600, a restart from the last checkpoint (an estimate, docs/reference/cost-sources.md "Upsets").' },
      ],
    },
    {
      title: 'Cost',
      fields: [
        { path: 'economics.launchUsdPerKg', label: 'Launch price', kind: 'number', unit: '$/kg', step: 100, picks: LAUNCH_PRICE_PICKS, source: 'Launch price to LEO ($/kg): 3,600, reusable Falcon 9 as used by Google\'s 2025 study and SpaceNews (docs/reference/ECONOMICS.md "Launch price").' },
        { path: 'economics.lifetimeYears', label: 'Life (payback period)', kind: 'int', unit: 'years', step: 1, source: 'Years over which the design is paid back: 5, broadband LEO design life (operator statements; docs/reference/ECONOMICS.md "Lifetime").' },
        { path: 'economics.discountRate', label: 'Discount rate (real)', kind: 'number', unit: '/year', step: 0.01, source: 'Discount rate (real, per year): 0.07 (US OMB Circular A-94 base case, 1992).' },
        { path: 'economics.computeUsdPerKW', label: 'Accelerator hardware', kind: 'number', unit: '$/kW', step: 1000, hint: 'per kW of compute power', source: 'Accelerator hardware ($ per kW of compute power): 35,000 (DGX H100 ≈ $350k for 10.2 kW; docs/reference/cost-sources.md "Hardware").' },
        { path: 'economics.busUsdPerKg', label: 'Satellite hardware', kind: 'number', unit: '$/kg', step: 100, hint: 'without the accelerators', source: 'Satellite hardware without the accelerators ($ per kg): 1,000 (Starlink V2 mini ≈ $0.8M for ≈ 800 kg, analyst estimates; docs/reference/cost-sources.md "Hardware").' },
        { path: 'economics.operationsUsdPerSatelliteYear', label: 'Operations per satellite', kind: 'number', unit: '$/yr', step: 10_000, source: 'Operations ($ per satellite-year): 50,000, an estimate (docs/reference/cost-sources.md "Operations").' },
        { path: 'economics.groundStationUsdPerMinute', label: 'Ground station time', kind: 'number', unit: '$/min', step: 1, hint: 'per contact minute', source: 'Ground station time ($ per contact minute): 10, AWS Ground Station wideband reserved-minute price (docs/reference/cost-sources.md "Ground stations").' },
        { path: 'economics.utilisation', label: 'Utilisation', kind: 'number', step: 0.05, hint: 'share of usable compute doing paid work, space and ground', source: 'Share of usable compute doing paid work, space and ground alike: 0.6 (docs/reference/ECONOMICS.md "Levelised cost" worked example).' },
      ],
    },
    {
      title: 'Ground data centre (reference)',
      fields: [
        { path: 'economics.terrestrial.buildUsdPerMW', label: 'Build cost', kind: 'number', unit: '$/MW', step: 500_000, hint: 'per MW of critical (IT) load', source: 'Build cost per MW of critical (IT) load: $11.7M, the US average of $9.3–15.0M (Cushman & Wakefield 2025; docs/reference/ECONOMICS.md "Terrestrial").' },
        { path: 'economics.terrestrial.electricityUsdPerKWh', label: 'Electricity', kind: 'number', unit: '$/kWh', step: 0.01, source: 'Electricity ($/kWh): 0.08, inside the $0.06–0.25 US data-centre range (Google 2025 study; docs/reference/ECONOMICS.md "Terrestrial").' },
        { path: 'economics.terrestrial.pue', label: 'PUE', kind: 'number', step: 0.05, hint: 'power usage effectiveness', source: 'Power usage effectiveness: 1.56, the 2024 industry average (Uptime Institute survey; docs/reference/ECONOMICS.md "Terrestrial").' },
      ],
    },
  ],
};

/** The element-set examples (three real sets of June 2006): one source with the CLI's example files (src/engine/input/examples.ts). */
export const EXAMPLE_TLE = EXAMPLE_TLE_TEXT;
export const EXAMPLE_OMM = EXAMPLE_OMM_RECORDS.map((r) => ({ ...r }));

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

/**
 * Compute efficiency (TFLOPS per kW of compute power), derived from two
 * scenario fields: node.computeTflops ÷ (node.computePowerW / 1000). Not a
 * scenario field: the panel shows it beside them, editable, and can lock it
 * so a change of compute power scales the compute at constant efficiency.
 */
export const COMPUTE_EFFICIENCY_FIELD: FieldSpec = {
  path: 'derived.computeTflopsPerKW',
  label: 'Compute efficiency',
  kind: 'number',
  unit: 'TFLOPS/kW',
  step: 100,
  help: 'Compute per kW of compute power = compute (TFLOPS) ÷ compute power (kW). Editing it sets the compute at the current power. Locked: changing the compute power scales the compute so this stays; unlocked: the compute stays and this changes.',
  source: 'Default 4,590 TFLOPS/kW: TPU v6e class, 918 TFLOP/s (bf16) per ≈200 W chip with overheads, an estimate (docs/reference/PHYSICS.md “Reference designs”).',
};

/** TFLOPS per kW of `tflops` at `powerW`; NaN when either is not a positive number. */
export function computeEfficiency(tflops: unknown, powerW: unknown): number {
  return typeof tflops === 'number' && typeof powerW === 'number' && tflops > 0 && powerW > 0 ? tflops / (powerW / 1000) : Number.NaN;
}

// ---- what the engine's schema says about a field ----

/** Bounds and default of a scenario field, read from the engine's zod schema. */
export interface SchemaFacts {
  min?: number;
  /** min itself allowed (≥) or not (>). */
  minInclusive?: boolean;
  max?: number;
  maxInclusive?: boolean;
  /** The value the engine fills in when the field is left out. */
  defaultValue?: unknown;
}

/** The part of a zod 4 schema this reads (its public `_zod.def`). */
interface ZodLike {
  _zod: { def: { type: string; [k: string]: unknown } };
}
const isZod = (s: unknown): s is ZodLike => typeof s === 'object' && s !== null && '_zod' in s;

/** The union member the draft's object at `at` belongs to (by its `type`), else the first with key `next`. */
function unionOption(options: ZodLike[], draft: unknown, at: Array<string | number>, next: string | number | undefined): ZodLike | undefined {
  const obj = at.reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string | number, unknown>)[k] : undefined), draft);
  const type = obj !== null && typeof obj === 'object' ? (obj as Record<string, unknown>).type : undefined;
  const shapeOf = (o: ZodLike) => (o._zod.def.shape ?? {}) as Record<string, unknown>;
  const byType = options.find((o) => {
    const lit = shapeOf(o).type;
    return isZod(lit) && Array.isArray(lit._zod.def.values) && (lit._zod.def.values as unknown[]).includes(type);
  });
  return byType ?? options.find((o) => next !== undefined && next in shapeOf(o)) ?? options[0];
}

/**
 * Bounds and default of the scenario field at `path` (e.g.
 * 'constellation.altitudeKm', 'groundStations[0].latitudeDeg'), for the
 * draft's constellation type. {} when the path is not a number field.
 */
export function schemaFacts(path: string, draft?: unknown): SchemaFacts {
  const keys = parsePath(path);
  let s: unknown = scenarioSchema;
  const facts: SchemaFacts = {};
  for (let i = 0; i <= keys.length; i++) {
    // Unwrap defaults, optionals, pipes (transforms) and unions down to the node itself.
    for (let guard = 0; guard < 16 && isZod(s); guard++) {
      const d = s._zod.def;
      if (d.type === 'default' || d.type === 'prefault') {
        if (i === keys.length) facts.defaultValue = d.defaultValue;
        s = d.innerType;
      } else if (d.type === 'optional' || d.type === 'nullable' || d.type === 'readonly' || d.type === 'catch') s = d.innerType;
      else if (d.type === 'pipe') s = d.in;
      else if (d.type === 'union') s = unionOption(((d.options as unknown[]) ?? []).filter(isZod), draft, keys.slice(0, i), keys[i]);
      else break;
    }
    if (!isZod(s)) return {};
    if (i === keys.length) break;
    const d = s._zod.def;
    if (d.type === 'object') s = (d.shape as Record<string, unknown>)[keys[i] as string];
    else if (d.type === 'array') s = d.element;
    else return {};
  }
  if (!isZod(s) || s._zod.def.type !== 'number') return facts;
  for (const c of (s._zod.def.checks as unknown[]) ?? []) {
    if (!isZod(c)) continue;
    const cd = c._zod.def as { check?: string; value?: unknown; inclusive?: boolean };
    if (typeof cd.value !== 'number') continue;
    if (cd.check === 'greater_than' && (facts.min === undefined || cd.value >= facts.min)) {
      facts.min = cd.value;
      facts.minInclusive = cd.inclusive === true;
    } else if (cd.check === 'less_than' && (facts.max === undefined || cd.value <= facts.max)) {
      facts.max = cd.value;
      facts.maxInclusive = cd.inclusive === true;
    }
  }
  return facts;
}

/** Every field the panel shows, by its path relative to its section (stations: 'latitudeDeg'). */
const ALL_FIELDS: FieldSpec[] = [
  ...Object.values(CONSTELLATION_FIELDS).flat(),
  ...NODE_FIELDS.subgroups.flatMap((g) => g.fields),
  ...ISL_FIELDS,
  ...SIMULATION_FIELDS,
  ...ECONOMICS_FIELDS.subgroups.flatMap((g) => g.fields),
  COMPUTE_EFFICIENCY_FIELD,
];

/** The field spec of a scenario path (station fields by their path inside the station), or undefined. */
export function fieldForPath(path: string, draft?: unknown): FieldSpec | undefined {
  const station = /^groundStations\[(\d+)\]\.(.+)$/.exec(path);
  if (station) {
    const f = STATION_FIELDS.find((x) => x.path === station[2]);
    return f ? { ...f, path } : undefined;
  }
  if (path.startsWith('constellation.')) {
    const type = getPath(draft, 'constellation.type');
    const list = CONSTELLATION_TYPES.includes(type as ConstellationType) ? CONSTELLATION_FIELDS[type as ConstellationType] : [];
    const f = list.find((x) => x.path === path);
    if (f) return f;
  }
  return ALL_FIELDS.find((x) => x.path === path);
}
