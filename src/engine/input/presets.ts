/**
 * Named preset scenarios with the sources of their numbers
 * (docs/reference/PHYSICS.md, "Reference designs for presets";
 * docs/reference/ECONOMICS.md, "Mass"). Each `source` is the note the app
 * shows and cites the repository's files, so a user can look them up.
 */
import type { ScenarioInput } from './scenario';

/**
 * Ground network used by presets: five well-known polar/mid/low-latitude sites
 * (approximate public coordinates), 10° mask, 10 Gbps optical/Ka-band class
 * links, one antenna each.
 */
export const GROUND_NETWORK: NonNullable<ScenarioInput['groundStations']> = [
  { name: 'Svalbard', latitudeDeg: 78.23, longitudeDeg: 15.41, altitudeM: 500, minElevationDeg: 10, downlinkGbps: 10 },
  { name: 'Fairbanks', latitudeDeg: 64.86, longitudeDeg: -147.85, altitudeM: 150, minElevationDeg: 10, downlinkGbps: 10 },
  { name: 'Wallops', latitudeDeg: 37.94, longitudeDeg: -75.46, altitudeM: 10, minElevationDeg: 10, downlinkGbps: 10 },
  { name: 'Hartebeesthoek', latitudeDeg: -25.89, longitudeDeg: 27.69, altitudeM: 1500, minElevationDeg: 10, downlinkGbps: 10 },
  { name: 'Troll', latitudeDeg: -72.01, longitudeDeg: 2.53, altitudeM: 1300, minElevationDeg: 10, downlinkGbps: 10 },
];

const EQUATORIAL_NETWORK: NonNullable<ScenarioInput['groundStations']> = [
  { name: 'Kourou', latitudeDeg: 5.25, longitudeDeg: -52.8, altitudeM: 10, minElevationDeg: 10, downlinkGbps: 10 },
  { name: 'Malindi', latitudeDeg: -2.99, longitudeDeg: 40.19, altitudeM: 10, minElevationDeg: 10, downlinkGbps: 10 },
  { name: 'Singapore', latitudeDeg: 1.35, longitudeDeg: 103.82, altitudeM: 10, minElevationDeg: 10, downlinkGbps: 10 },
];

export interface Preset {
  name: string;
  title: string;
  /** Where the numbers come from. */
  source: string;
  scenario: ScenarioInput;
}

export const PRESETS: readonly Preset[] = [
  {
    name: 'starter-shell',
    title: 'Starter compute shell: 80 nodes, 550 km / 53° Walker delta',
    source:
      'Altitude and inclination of the broadband shell in docs/reference/PHYSICS.md ("Reference designs for presets": 550 km, 53°), thinned to 8 × 10 for interactive use; node = a Starlink V2-mini-class bus (116 m² of 22 % cells ≈ 27.5 kW after packing, conversion and cell temperature; docs/reference/ECONOMICS.md "Mass": ≈27–28 kW from ≈116–120 m²) with ≈100 TPU v6e-class chips (918 TFLOP/s, ≈200 W each, estimate).',
    scenario: {
      name: 'Starter compute shell',
      startUtc: '2026-06-21T00:00:00Z',
      durationHours: 24,
      stepSeconds: 60,
      constellation: { type: 'walker', pattern: 'delta', altitudeKm: 550, inclinationDeg: 53, planes: 8, satellitesPerPlane: 10, phasing: 1, firstRaanDeg: 0 },
      groundStations: GROUND_NETWORK,
    },
  },
  {
    name: 'ai-cluster-81',
    title: '81-node dawn-dusk AI cluster, 650 km, ≈1 km formation',
    source:
      'Space AI cluster study (2025) in docs/reference/PHYSICS.md ("Reference designs for presets"): dawn-dusk SSO ≈650 km, 81 satellites within ≈1 km radius, 100–200 m neighbours, optical ISLs ≈1.6 Tbps per link, Starlink V2-mini-class bus (116 m² of 22 % cells ≈ 27.5 kW), TPU v6e 918 TFLOP/s per chip (≈200 W, estimate). Starts at the June solstice, the worst day of its eclipse season (LTAN 18:00 at 650 km: eclipses from about 7 May to 5 August, up to ≈19.6 min an orbit; the rest of the year none; docs/reference/PHYSICS.md "Sun-synchronous orbits"): the run shows the season, not the typical day — its alerts say so. All 81 nodes share the stations\' antennas and their storage fills within days.',
    scenario: {
      name: '81-node dawn-dusk cluster',
      startUtc: '2026-06-21T00:00:00Z',
      durationHours: 24,
      stepSeconds: 30,
      constellation: { type: 'cluster', altitudeKm: 650, ltanHours: 18, satellites: 81, radiusM: 1000 },
      groundStations: GROUND_NETWORK,
      interSatelliteLinks: { enabled: true, maxRangeKm: 10, rateGbps: 1600 },
    },
  },
  {
    name: 'broadband-shell-550-53',
    title: 'Broadband-style shell used for compute: 550 km / 53°, 72 × 22',
    source:
      'Broadband shell for comparison in docs/reference/PHYSICS.md ("Reference designs for presets"): 550 km, 53°, 72 planes × 22 satellites; node as the starter shell. The five stations cannot take the output of 1,584 nodes: the storage backlog grows from the start and storage fills after two to three days (run 96 h to see it).',
    scenario: {
      name: 'Broadband shell 550 km / 53°',
      startUtc: '2026-06-21T00:00:00Z',
      durationHours: 24,
      stepSeconds: 60,
      constellation: { type: 'walker', pattern: 'delta', altitudeKm: 550, inclinationDeg: 53, planes: 72, satellitesPerPlane: 22, phasing: 1, firstRaanDeg: 0 },
      groundStations: GROUND_NETWORK,
    },
  },
  {
    name: 'polar-walker-star',
    title: 'Polar Walker star: 6 planes × 11 at 780 km, 86.4°',
    source:
      'Polar star geometry of the Iridium class (6 × 11, 780 km, 86.4°, planes over 180°; public constellation parameters); node as the starter shell.',
    scenario: {
      name: 'Polar Walker star',
      startUtc: '2026-06-21T00:00:00Z',
      durationHours: 24,
      stepSeconds: 60,
      constellation: { type: 'walker', pattern: 'star', altitudeKm: 780, inclinationDeg: 86.4, planes: 6, satellitesPerPlane: 11, phasing: 0, firstRaanDeg: 0 },
      groundStations: GROUND_NETWORK,
    },
  },
  {
    name: 'single-large-node',
    title: 'Single 5 GW-class node in a dawn-dusk orbit (no batteries), on the worst day of its eclipse season',
    source:
      'Large single-node concept in docs/reference/PHYSICS.md ("Reference designs for presets"): ≈4 km × 4 km array, 90 % fill (1.44e7 m²), 22 % cells ≈ 4.3 GW at 1361 W/m², radiators under half the array area, no batteries, >95 % capacity factor at dawn-dusk over the year. Compute at 918 TFLOP/s per ≈200 W (TPU v6e estimate). Starts at the June solstice, the worst day of its eclipse season (LTAN 18:00 at 650 km: eclipses from about 7 May to 5 August, up to ≈19.6 min an orbit, ≈4 % of the year in shadow; docs/reference/PHYSICS.md "Sun-synchronous orbits"): with no battery, compute stops and the bus load goes unmet in every eclipse and the radiator swings ≈140 K an orbit — the run\'s alerts say so. Start it outside the season (e.g. 2026-09-22) for the eclipse-free days that make the capacity factor.',
    scenario: {
      name: 'Single large node',
      startUtc: '2026-06-21T00:00:00Z',
      durationHours: 24,
      stepSeconds: 60,
      constellation: { type: 'sso', altitudeKm: 650, ltanHours: 18, planes: 1, satellitesPerPlane: 1 },
      node: {
        solarArrayAreaM2: 1.44e7,
        // The area is already the cells' (90 % fill of the 4 km × 4 km array).
        solarArrayPackingFactor: 1,
        solarCellEfficiency: 0.22,
        arrayPointing: 'sun-tracking',
        batteryCapacityKWh: 0,
        batteryMinStateOfCharge: 0,
        batteryInitialStateOfCharge: 0,
        busPowerW: 5e7,
        computePowerW: 3.9e9,
        computeTflops: 1.79e10,
        radiatorAreaM2: 7.0e6,
        radiatorEmissivity: 0.9,
        radiatorAbsorptivity: 0.1,
        heatCapacityJPerK: 5e9,
        initialTemperatureC: 20,
        maxTemperatureC: 60,
        storageGB: 1e6,
        outputGBPerHourAtFullCompute: 1e4,
      },
      groundStations: GROUND_NETWORK.map((g) => ({ ...g, downlinkGbps: 100 })),
    },
  },
  {
    name: 'equatorial-ring',
    title: 'Equatorial ring: 24 nodes at 1,000 km, 0°',
    source: 'Illustrative equatorial ring (one plane, 0° inclination) with equatorial ground stations; node as the starter shell.',
    scenario: {
      name: 'Equatorial ring',
      startUtc: '2026-06-21T00:00:00Z',
      durationHours: 24,
      stepSeconds: 60,
      constellation: { type: 'walker', pattern: 'delta', altitudeKm: 1000, inclinationDeg: 0, planes: 1, satellitesPerPlane: 24, phasing: 0, firstRaanDeg: 0 },
      groundStations: EQUATORIAL_NETWORK,
    },
  },
  {
    name: 'ai-cluster-81-training',
    title: '81-node cluster training a 70 B model over 20 Tbps links (workloads)',
    source:
      'The 81-node dawn-dusk cluster of the space AI cluster study (docs/reference/PHYSICS.md, "Reference designs for presets") training one 70 B-parameter model together (workload defaults, docs/reference/workload-sources.md). Links at 20 Tbps, the "tens of Tbps" the study targets; at the 1.6 Tbps it demonstrated the all-reduce takes 1.4 s against 2.3 s of compute per step and training efficiency falls to ≈0.6. Starts at the March equinox, outside the orbit\'s eclipse season (7 May – 5 August).',
    scenario: {
      name: '81-node cluster training',
      startUtc: '2026-03-20T00:00:00Z',
      durationHours: 24,
      stepSeconds: 30,
      constellation: { type: 'cluster', altitudeKm: 650, ltanHours: 18, satellites: 81, radiusM: 1000 },
      groundStations: GROUND_NETWORK,
      interSatelliteLinks: { enabled: true, maxRangeKm: 10, rateGbps: 20_000 },
      workloads: { training: [{ name: '70B model' }] },
    },
  },
  {
    name: 'broadband-shell-workloads',
    title: 'Broadband shell with workloads: training, inference to three cities, batch jobs',
    source:
      'The 550 km / 53° 72 × 22 shell of docs/reference/PHYSICS.md with Starlink-class laser links (100 Gbps, four terminals: docs/reference/link-sources.md) running the same 70 B training job as the cluster preset on 81 of its satellites, inference for New York, London and Tokyo, and a batch job an hour (workload defaults, docs/reference/workload-sources.md). Its 81 trainers are spread over four planes: some are always in eclipse (their batteries carry the bus, not the accelerators), so the group almost never trains together, and its all-reduce over 100 Gbps links takes ≈ 46 s.',
    scenario: {
      name: 'Broadband shell with workloads',
      startUtc: '2026-06-21T00:00:00Z',
      durationHours: 24,
      stepSeconds: 60,
      constellation: { type: 'walker', pattern: 'delta', altitudeKm: 550, inclinationDeg: 53, planes: 72, satellitesPerPlane: 22, phasing: 1, firstRaanDeg: 0 },
      groundStations: GROUND_NETWORK,
      interSatelliteLinks: { enabled: true },
      workloads: { training: [{ name: '70B model', replicas: 1 }], inference: [{ name: 'chat' }], batch: [{ name: 'hourly jobs' }] },
    },
  },
];

export const DEFAULT_PRESET = 'starter-shell';

export function findPreset(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}
