/**
 * The simulation loop: SGP4 positions in chunks, then per step and per
 * satellite: illumination → solar power → ground visibility and downlink
 * allocation → compute controller → power bus and battery → thermal →
 * storage. Per-satellite state is structure-of-arrays typed arrays allocated
 * once; the hot loop does not allocate. Time is integer ms since the epoch.
 *
 * Step model: each step [tₙ, tₙ + Δt) uses the geometry sampled at tₙ; the
 * horizon is sampled once more at its end for events only.
 */
import { gstime, type SatRec } from 'satellite.js';
import { EARTH_RADIUS_KM, J_PER_KWH, MU_EARTH_KM3_PER_S2, KELVIN_OFFSET, MS_PER_DAY, RAD } from './constants';
import { buildSatellites, type SatelliteSpec } from './constellation';
import type { ElementError } from './elements';
import { IntervalDetector, maximise } from './events';
import { propagateAt, SamplePropagator, satrecEpochMs, wasmRuntime } from './orbit';
import { batteryDischargeLimitW, batteryParams, bodyFixedPointing, solarPowerW, stepBus, type BusStep } from './power';
import {
  computeFraction,
  LIMIT_NONE,
  LIMIT_POWER,
  LIMIT_STORAGE,
  LIMIT_THERMAL,
  type ControllerOut,
} from './compute';
import { lineOfSight, sinElevation, stationArrays } from './downlink';
import type { Scenario } from './scenario';
import { eclipseSwitch, shadowFromSwitch, solarFluxWPerM2, sunPositionAu } from './sun';
import { absorbedHeatW, maxInternalHeatW, stepTemperatureK, type RadiatorParams } from './thermal';
import { julianDateFromMs, parseUtcMs } from './time';

/** Satellite status codes. */
export const SAT_OK = 0;
export const SAT_DECAYED = 1;
export const SAT_ERROR = 2;
export const SAT_STATUS_NAMES = ['ok', 'decayed', 'error'] as const;

/** Bits of the per-satellite, per-step status code (see SimulationOutput.statusCodes). */
export const STATUS_LIMIT_MASK = 0b11; // 0 full, 1 power, 2 thermal, 3 storage
export const STATUS_ECLIPSE = 1 << 2; // shadow fraction ≥ 0.5
export const STATUS_CONTACT = 1 << 3; // some station sees it above its mask
export const STATUS_FAILED = 1 << 4; // not propagating
export const STATUS_IDLE = 1 << 5; // compute fraction 0
export const STATUS_DOWNLINK = 1 << 6; // holding a station link this step

export interface SimulationOptions {
  /** Called with 0…1 now and then. */
  progress?: (fraction: number) => void;
  /** Checked between chunks; when set, the run stops with an AbortError. */
  signal?: { readonly aborted: boolean };
  /** Samples per propagation call. */
  chunkSteps?: number;
  /**
   * Largest spacing (s) between SGP4 knots; finer steps are cubic-Hermite
   * interpolated between knots (error ≪ 1 km, tested). 0 = SGP4 at every step.
   */
  maxKnotSpacingS?: number;
  /** Record a status byte per satellite per step (time-major). */
  recordStatus?: boolean;
  /** Satellites (indices) whose full per-step state is recorded. */
  detailSatellites?: readonly number[];
  /** Yield to the event loop at least this often (ms of work). */
  yieldEveryMs?: number;
}

/** Constellation time series, one entry per step (columnar). */
export interface SeriesColumns {
  timeMs: Float64Array;
  usableComputePflops: Float64Array;
  powerLimitedPflops: Float64Array;
  thermalLimitedPflops: Float64Array;
  storageLimitedPflops: Float64Array;
  sunlitFraction: Float64Array;
  meanStateOfCharge: Float64Array;
  maxTemperatureC: Float64Array;
  satellitesInContact: Float64Array;
  storedDataGB: Float64Array;
  activeSatellites: Float64Array;
}

export interface SatelliteDetail {
  index: number;
  stateOfCharge: Float32Array;
  temperatureC: Float32Array;
  computeFraction: Float32Array;
  storedGB: Float32Array;
  solarPowerW: Float32Array;
  loadPowerW: Float32Array;
  illumination: Float32Array;
  limit: Uint8Array;
}

export interface EventTables {
  eclipseSat: number[];
  eclipseStartMs: number[];
  eclipseEndMs: number[];
  contactSat: number[];
  contactStation: number[];
  contactStartMs: number[];
  contactEndMs: number[];
  contactMaxElevationDeg: number[];
}

export interface Kpis {
  satelliteCount: number;
  satellitesFailed: number;
  installedComputePflops: number;
  meanUsableComputePflops: number;
  minUsableComputePflops: number;
  eclipseFraction: number;
  powerLimitedFraction: number;
  thermalLimitedFraction: number;
  storageLimitedFraction: number;
  minStateOfCharge: number;
  maxTemperatureC: number;
  contactMinutesPerSatellitePerDay: number;
  dataDownlinkedGB: number;
  dataGeneratedGB: number;
  energyGeneratedKWh: number;
  energyConsumedKWh: number;
  energyCurtailedKWh: number;
  energyStoredDeltaKWh: number;
  energyBatteryLossKWh: number;
  energyUnmetKWh: number;
}

export interface SatelliteInfo {
  id: string;
  name: string;
  status: (typeof SAT_STATUS_NAMES)[number];
  failedAtMs: number | null;
  inclinationDeg: number;
  raanDeg: number;
  eccentricity: number;
  meanMotionRevPerDay: number;
  epochMs: number;
}

export interface SimulationOutput {
  scenario: Scenario;
  startMs: number;
  endMs: number;
  stepMs: number;
  satellites: SatelliteInfo[];
  stationNames: string[];
  elementErrors: ElementError[];
  kpis: Kpis;
  series: SeriesColumns;
  events: EventTables;
  /** status byte per (step, satellite): index step · N + sat; present when recordStatus. */
  statusCodes?: Uint8Array;
  details: SatelliteDetail[];
}

export class AbortError extends Error {
  constructor() {
    super('simulation cancelled');
    this.name = 'AbortError';
  }
}

/**
 * Classifies an SGP4 failure: error 6 is a decay; errors 1 (eccentricity out of
 * range) and 3 (perturbed eccentricity) under drag from a low orbit (last
 * altitude < 500 km) are the usual signature of re-entry too; anything else is an error.
 */
export function failureStatus(sgp4Error: number, bstar: number, lastAltitudeKm: number): number {
  if (sgp4Error === 6) return SAT_DECAYED;
  if ((sgp4Error === 1 || sgp4Error === 3) && bstar > 0 && lastAltitudeKm < 500) return SAT_DECAYED;
  return SAT_ERROR;
}

/** Mean altitude (km) from the SGP4 mean motion (rad/min): a = (μ / n²)^{1/3}. */
function meanAltitudeKm(rec: SatRec): number {
  const n = rec.no / 60;
  return Math.cbrt(MU_EARTH_KM3_PER_S2 / (n * n)) - EARTH_RADIUS_KM;
}

/** Runs a validated scenario: builds the satellites, then simulates them. */
export async function simulateScenario(scenario: Scenario, options: SimulationOptions = {}): Promise<SimulationOutput> {
  const build = buildSatellites(scenario);
  return simulate(scenario, build.satellites, build.errors, options);
}

/** Lets queued messages (cancel, progress) through: setImmediate in Node, a MessageChannel in workers. */
const yieldToEventLoop: () => Promise<void> =
  typeof setImmediate === 'function'
    ? () => new Promise((resolve) => setImmediate(resolve))
    : (() => {
        const ch = new MessageChannel();
        const waiting: Array<() => void> = [];
        ch.port1.onmessage = () => waiting.shift()?.();
        return () =>
          new Promise<void>((resolve) => {
            waiting.push(resolve);
            ch.port2.postMessage(0);
          });
      })();

/** Simulates `satellites` under `scenario`. */
export async function simulate(
  scenario: Scenario,
  satellites: readonly SatelliteSpec[],
  elementErrors: ElementError[],
  options: SimulationOptions = {},
): Promise<SimulationOutput> {
  const N = satellites.length;
  const startMs = parseUtcMs(scenario.startUtc);
  const stepMs = Math.round(scenario.stepSeconds * 1000);
  const endMs = startMs + Math.round(scenario.durationHours * 3_600_000);
  const K = Math.ceil((endMs - startMs) / stepMs); // steps
  const samples = K + 1; // + terminal sample at endMs (events only)
  const node = scenario.node;
  const stations = stationArrays(scenario.groundStations);
  const S = stations.count;
  const isl = scenario.interSatelliteLinks;
  const bat = batteryParams(node.batteryCapacityKWh, node.batteryMinStateOfCharge, node.batteryRoundTripEfficiency);
  const rad: RadiatorParams = {
    areaM2: node.radiatorAreaM2,
    emissivity: node.radiatorEmissivity,
    absorptivity: node.radiatorAbsorptivity,
    sunViewFactor: node.radiatorSunViewFactor,
    earthViewFactor: node.radiatorEarthViewFactor,
    heatCapacityJPerK: node.heatCapacityJPerK,
    earthIrWPerM2: scenario.environment.earthIrWPerM2,
    albedo: scenario.environment.albedo,
  };
  const maxTempK = node.maxTemperatureC + KELVIN_OFFSET;
  const bodyFixed = node.arrayPointing === 'body-fixed';
  const outputGBPerS = node.outputGBPerHourAtFullCompute / 3600;
  const tflops = node.computeTflops;
  const islRangeKm2 = isl.maxRangeKm * isl.maxRangeKm;
  const islRateGBps = isl.rateGbps / 8;

  // ---- per-satellite state (SoA, allocated once) ----
  const satrecs: SatRec[] = satellites.map((s) => s.satrec);
  const epochs = new Float64Array(N);
  const status = new Uint8Array(N);
  const failedAtMs = new Float64Array(N).fill(Number.NaN);
  const socJ = new Float64Array(N).fill(bat.capacityJ * node.batteryInitialStateOfCharge);
  const socStartJ = new Float64Array(N);
  const tempK = new Float64Array(N).fill(node.initialTemperatureC + KELVIN_OFFSET);
  const storedGB = new Float64Array(N);
  const bodySide = new Float64Array(N).fill(1);
  // per-step scratch
  const solarW = new Float64Array(N);
  const illumination = new Float64Array(N);
  const absorbedW = new Float64Array(N);
  const demandGB = new Float64Array(N);
  const linkCapGB = new Float64Array(N);
  const served = new Uint8Array(N);
  const stepCode = new Uint8Array(N);
  // Satellites above each station's mask this step: candidates[s·N + c], count in candidateCount[s].
  const candidates = new Int32Array(N * Math.max(1, S));
  const candidateCount = new Int32Array(Math.max(1, S));
  const posNow = new Float64Array(3 * N);
  for (let i = 0; i < N; i++) {
    // Same epoch as the WASM propagator (from jdsatepoch), so refinement matches bulk samples.
    epochs[i] = satrecEpochMs(satrecs[i]);
    if (satrecs[i].error !== 0) {
      status[i] = SAT_ERROR;
      failedAtMs[i] = startMs;
    }
  }
  socStartJ.set(socJ);

  // ---- outputs ----
  const series: SeriesColumns = {
    timeMs: new Float64Array(K),
    usableComputePflops: new Float64Array(K),
    powerLimitedPflops: new Float64Array(K),
    thermalLimitedPflops: new Float64Array(K),
    storageLimitedPflops: new Float64Array(K),
    sunlitFraction: new Float64Array(K),
    meanStateOfCharge: new Float64Array(K),
    maxTemperatureC: new Float64Array(K),
    satellitesInContact: new Float64Array(K),
    storedDataGB: new Float64Array(K),
    activeSatellites: new Float64Array(K),
  };
  const statusCodes = options.recordStatus ? new Uint8Array(K * N) : undefined;
  const detailIndex = new Int32Array(N).fill(-1);
  const details: SatelliteDetail[] = (options.detailSatellites ?? [])
    .filter((i) => Number.isInteger(i) && i >= 0 && i < N)
    .map((index, d) => {
      detailIndex[index] = d;
      return {
        index,
        stateOfCharge: new Float32Array(K),
        temperatureC: new Float32Array(K),
        computeFraction: new Float32Array(K),
        storedGB: new Float32Array(K),
        solarPowerW: new Float32Array(K),
        loadPowerW: new Float32Array(K),
        illumination: new Float32Array(K),
        limit: new Uint8Array(K),
      };
    });

  const events: EventTables = {
    eclipseSat: [],
    eclipseStartMs: [],
    eclipseEndMs: [],
    contactSat: [],
    contactStation: [],
    contactStartMs: [],
    contactEndMs: [],
    contactMaxElevationDeg: [],
  };

  // ---- event detectors (switching functions; refinement uses JS SGP4) ----
  const pv = new Float64Array(6);
  const sunScratch = new Float64Array(3);
  const eclipseG = (i: number, t: number): number => {
    if (!propagateAt(satrecs[i], epochs[i], t, pv)) return Number.NaN;
    sunPositionAu(t, sunScratch);
    return -eclipseSwitch(pv[0], pv[1], pv[2], sunScratch[0], sunScratch[1], sunScratch[2]);
  };
  const contactG = (pair: number, t: number): number => {
    const i = (pair / S) | 0;
    const k = pair - i * S;
    if (!propagateAt(satrecs[i], epochs[i], t, pv)) return Number.NaN;
    const th = gstime(julianDateFromMs(t));
    const c = Math.cos(th);
    const s = Math.sin(th);
    return sinElevation(stations, k, pv[0] * c + pv[1] * s, -pv[0] * s + pv[1] * c, pv[2]) - stations.sinMask[k];
  };
  const peakScratch = new Float64Array(1);
  const eclipses = new IntervalDetector(N, eclipseG, (i, a, b) => {
    events.eclipseSat.push(i);
    events.eclipseStartMs.push(a);
    events.eclipseEndMs.push(b);
  }, 0.05);
  const contacts = new IntervalDetector(N * S, contactG, (pair, a, b) => {
    const i = (pair / S) | 0;
    const k = pair - i * S;
    // Peak elevation: golden-section search over the contact (a pass is unimodal).
    let maxEl = contactG(pair, a);
    if (b - a > 1000) {
      maximise(contactG, pair, a, b, peakScratch, 500);
      maxEl = Math.max(maxEl, peakScratch[0], contactG(pair, b));
    }
    const sinPeak = Number.isFinite(maxEl) ? Math.min(1, maxEl + stations.sinMask[k]) : stations.sinMask[k];
    events.contactSat.push(i);
    events.contactStation.push(k);
    events.contactStartMs.push(a);
    events.contactEndMs.push(b);
    events.contactMaxElevationDeg.push(Math.asin(sinPeak) * RAD);
  }, 0.1);

  // ---- accumulators ----
  let activeTimeS = 0;
  let eclipseTimeS = 0;
  let powerLimitedS = 0;
  let thermalLimitedS = 0;
  let storageLimitedS = 0;
  let generatedJ = 0;
  let deliveredJ = 0;
  let curtailedJ = 0;
  let lossJ = 0;
  let unmetJ = 0;
  let downlinkedGB = 0;
  let producedGB = 0;
  let minSocFrac = Number.POSITIVE_INFINITY;
  let peakTempK = Number.NEGATIVE_INFINITY;
  let usableIntegral = 0;
  let minUsable = Number.POSITIVE_INFINITY;
  const activeAtStart = status.reduce((n, s) => n + (s === SAT_OK ? 1 : 0), 0);

  const ctrl: ControllerOut = { fraction: 0, limit: 0 };
  const bus: BusStep = { socJ: 0, deliveredJ: 0, curtailedJ: 0, lossJ: 0, unmetJ: 0 };
  const knotSpacingS = options.maxKnotSpacingS ?? 60;
  const knotEvery = knotSpacingS > 0 ? Math.max(1, Math.floor((knotSpacingS * 1000) / stepMs)) : 1;
  // Chunks hold whole knot intervals and at most ≈4M satellite-samples.
  const wanted = options.chunkSteps ?? Math.max(knotEvery, Math.min(240, Math.floor(4_000_000 / Math.max(1, N))));
  const chunkSteps = Math.max(1, Math.min(Math.ceil(wanted / knotEvery) * knotEvery, samples));
  const runtime = await wasmRuntime();
  const propagator = new SamplePropagator(runtime, satrecs, { startMs, stepMs, endMs, knotEvery }, chunkSteps);
  const yieldEvery = options.yieldEveryMs ?? 50;
  let lastYield = performance.now();

  try {
    for (let n0 = 0; n0 < samples; n0 += chunkSteps) {
      if (options.signal?.aborted) throw new AbortError();
      const steps = Math.min(chunkSteps, samples - n0);
      const chunk = propagator.run(n0, steps);
      const posEci = chunk.posEciKm;
      const velEci = chunk.velEciKmS;
      const errs = chunk.error;

      for (let k = 0; k < steps; k++) {
        const n = n0 + k;
        const t = Math.min(startMs + n * stepMs, endMs);
        const terminal = n === K;
        const dtS = terminal ? 0 : (Math.min(t + stepMs, endMs) - t) / 1000;
        eclipses.beginSample(t);
        contacts.beginSample(t);
        const sx = chunk.sunAu[3 * k];
        const sy = chunk.sunAu[3 * k + 1];
        const sz = chunk.sunAu[3 * k + 2];
        const sunDistAu = Math.sqrt(sx * sx + sy * sy + sz * sz);
        const flux = solarFluxWPerM2(sunDistAu);
        const th = chunk.gmstRad[k];
        const cth = Math.cos(th);
        const sth = Math.sin(th);

        // ---- pass 1: geometry, power in, visibility, demand ----
        candidateCount.fill(0);
        let sunlitSum = 0;
        let inContact = 0;
        for (let i = 0; i < N; i++) {
          stepCode[i] = 0;
          served[i] = 0;
          linkCapGB[i] = 0;
          if (status[i] !== SAT_OK) {
            stepCode[i] = STATUS_FAILED;
            continue;
          }
          const b = i * steps + k;
          const err = errs[b];
          const x = posEci[3 * b];
          const y = posEci[3 * b + 1];
          const z = posEci[3 * b + 2];
          if (err !== 0 || !(x === x && y === y && z === z)) {
            status[i] = failureStatus(err, satrecs[i].bstar, n > 0 ? Math.hypot(posNow[3 * i], posNow[3 * i + 1], posNow[3 * i + 2]) - EARTH_RADIUS_KM : meanAltitudeKm(satrecs[i]));
            failedAtMs[i] = t;
            stepCode[i] = STATUS_FAILED;
            eclipses.sample(i, Number.NaN);
            for (let s = 0; s < S; s++) contacts.sample(i * S + s, Number.NaN);
            continue;
          }
          posNow[3 * i] = x;
          posNow[3 * i + 1] = y;
          posNow[3 * i + 2] = z;
          const gEcl = eclipseSwitch(x, y, z, sx, sy, sz);
          eclipses.sample(i, -gEcl);
          const xf = x * cth + y * sth;
          const yf = -x * sth + y * cth;
          let seen = 0;
          for (let s = 0; s < S; s++) {
            const g = sinElevation(stations, s, xf, yf, z) - stations.sinMask[s];
            contacts.sample(i * S + s, g);
            if (g >= 0 && !terminal) {
              candidates[s * N + candidateCount[s]++] = i;
              seen = 1;
            }
          }
          if (terminal) continue;
          if (seen) {
            inContact++;
            stepCode[i] |= STATUS_CONTACT;
          }
          const shadow = shadowFromSwitch(gEcl, x, y, z, sx, sy, sz);
          illumination[i] = 1 - shadow;
          const illum = 1 - shadow;
          if (shadow >= 0.5) stepCode[i] |= STATUS_ECLIPSE;
          sunlitSum += illum;
          eclipseTimeS += shadow * dtS;
          let pointing = 1;
          if (bodyFixed) {
            const vx = velEci[3 * b];
            const vy = velEci[3 * b + 1];
            const vz = velEci[3 * b + 2];
            if (n === 0) {
              // Fly the array on the orbit-normal side that faces the Sun at the start.
              const hs = (y * vz - z * vy) * sx + (z * vx - x * vz) * sy + (x * vy - y * vx) * sz;
              bodySide[i] = hs >= 0 ? 1 : -1;
            }
            pointing = bodyFixedPointing(x, y, z, vx, vy, vz, sx, sy, sz, bodySide[i]);
          }
          solarW[i] = solarPowerW(node.solarArrayAreaM2, node.solarCellEfficiency, flux, illum, pointing);
          // Dayside factor: cosine of the Sun's zenith angle below the satellite.
          const r = Math.sqrt(x * x + y * y + z * z);
          const dayside = (x * sx + y * sy + z * sz) / (r * sunDistAu);
          absorbedW[i] = absorbedHeatW(rad, flux, illum, dayside);
          demandGB[i] = storedGB[i] + outputGBPerS * dtS;
        }
        if (terminal) continue;

        // ---- station links: each antenna serves the in-view satellite with the most data ----
        for (let s = 0; s < S; s++) {
          const capGB = stations.rateGBps[s] * dtS;
          for (let a = 0; a < stations.antennas[s]; a++) {
            let best = -1;
            let bestDemand = -1;
            for (let c = 0; c < candidateCount[s]; c++) {
              const i = candidates[s * N + c];
              if (!served[i] && demandGB[i] > bestDemand) {
                best = i;
                bestDemand = demandGB[i];
              }
            }
            if (best < 0) break;
            served[best] = 1;
            stepCode[best] |= STATUS_DOWNLINK;
            const own = Math.min(demandGB[best], capGB);
            linkCapGB[best] = own;
            let remaining = capGB - own;
            if (isl.enabled && remaining > 0) {
              // Relay: neighbours within range and line of sight route through `best`.
              const bx = posNow[3 * best];
              const by = posNow[3 * best + 1];
              const bz = posNow[3 * best + 2];
              for (let j = 0; j < N && remaining > 0; j++) {
                if (served[j] || status[j] !== SAT_OK) continue;
                const dx = posNow[3 * j] - bx;
                const dy = posNow[3 * j + 1] - by;
                const dz = posNow[3 * j + 2] - bz;
                if (dx * dx + dy * dy + dz * dz > islRangeKm2) continue;
                if (!lineOfSight(bx, by, bz, posNow[3 * j], posNow[3 * j + 1], posNow[3 * j + 2], EARTH_RADIUS_KM)) continue;
                const give = Math.min(demandGB[j], islRateGBps * dtS, remaining);
                if (give <= 0) continue;
                served[j] = 1;
                linkCapGB[j] = give;
                remaining -= give;
              }
            }
          }
        }

        // ---- pass 2: controller, bus, thermal, storage ----
        let usable = 0;
        let powerLost = 0;
        let thermalLost = 0;
        let storageLost = 0;
        let socSum = 0;
        let stepMaxTemp = Number.NEGATIVE_INFINITY;
        let stored = 0;
        let active = 0;
        for (let i = 0; i < N; i++) {
          if (status[i] !== SAT_OK) continue;
          active++;
          const soc = socJ[i];
          const T = tempK[i];
          const socFrac = bat.capacityJ > 0 ? soc / bat.capacityJ : 0;
          socSum += socFrac;
          if (socFrac < minSocFrac) minSocFrac = socFrac;
          if (T > stepMaxTemp) stepMaxTemp = T;
          stored += storedGB[i];
          const availW = solarW[i] + batteryDischargeLimitW(soc, bat, dtS);
          const maxHeat = maxInternalHeatW(rad, T, absorbedW[i], maxTempK, dtS);
          const outGB = outputGBPerS * dtS;
          computeFraction(availW, node.busPowerW, node.computePowerW, maxHeat, node.storageGB - storedGB[i] + linkCapGB[i], outGB, ctrl);
          const u = ctrl.fraction;
          const loadW = node.busPowerW + u * node.computePowerW;
          stepBus(soc, solarW[i], loadW, bat, dtS, bus);
          socJ[i] = bus.socJ;
          generatedJ += solarW[i] * dtS;
          deliveredJ += bus.deliveredJ;
          curtailedJ += bus.curtailedJ;
          lossJ += bus.lossJ;
          unmetJ += bus.unmetJ;
          tempK[i] = stepTemperatureK(rad, T, bus.deliveredJ / dtS + absorbedW[i], dtS);
          const produced = u * outGB;
          let st = storedGB[i] + produced;
          const down = Math.min(st, linkCapGB[i]);
          st -= down;
          storedGB[i] = st > node.storageGB ? node.storageGB : st;
          producedGB += produced;
          downlinkedGB += down;
          usable += u * tflops;
          const lost = (1 - u) * tflops;
          activeTimeS += dtS;
          switch (ctrl.limit) {
            case LIMIT_POWER:
              powerLimitedS += dtS;
              powerLost += lost;
              break;
            case LIMIT_THERMAL:
              thermalLimitedS += dtS;
              thermalLost += lost;
              break;
            case LIMIT_STORAGE:
              storageLimitedS += dtS;
              storageLost += lost;
              break;
            default:
              break;
          }
          stepCode[i] |= ctrl.limit | (u <= 0 ? STATUS_IDLE : 0);
          const d = detailIndex[i];
          if (d >= 0) {
            const det = details[d];
            det.stateOfCharge[n] = socFrac;
            det.temperatureC[n] = T - KELVIN_OFFSET;
            det.computeFraction[n] = u;
            det.storedGB[n] = storedGB[i];
            det.solarPowerW[n] = solarW[i];
            det.loadPowerW[n] = bus.deliveredJ / dtS;
            det.illumination[n] = illumination[i];
            det.limit[n] = ctrl.limit;
          }
        }
        if (stepMaxTemp > peakTempK) peakTempK = stepMaxTemp;
        const usablePflops = usable / 1000;
        series.timeMs[n] = t;
        series.usableComputePflops[n] = usablePflops;
        series.powerLimitedPflops[n] = powerLost / 1000;
        series.thermalLimitedPflops[n] = thermalLost / 1000;
        series.storageLimitedPflops[n] = storageLost / 1000;
        series.sunlitFraction[n] = active ? sunlitSum / active : 0;
        series.meanStateOfCharge[n] = active ? socSum / active : 0;
        series.maxTemperatureC[n] = active ? stepMaxTemp - KELVIN_OFFSET : 0;
        series.satellitesInContact[n] = inContact;
        series.storedDataGB[n] = stored;
        series.activeSatellites[n] = active;
        usableIntegral += usablePflops * dtS;
        if (usablePflops < minUsable) minUsable = usablePflops;
        if (statusCodes) statusCodes.set(stepCode, n * N);
      }

      const now = performance.now();
      if (now - lastYield > yieldEvery) {
        options.progress?.(Math.min(1, (n0 + steps) / samples));
        await yieldToEventLoop();
        lastYield = performance.now();
      }
    }
  } finally {
    propagator.dispose();
  }
  eclipses.finish(endMs);
  contacts.finish(endMs);
  options.progress?.(1);

  // Final state counts toward the extremes too.
  let storedDeltaJ = 0;
  for (let i = 0; i < N; i++) {
    storedDeltaJ += socJ[i] - socStartJ[i];
    if (status[i] !== SAT_OK) continue;
    const f = bat.capacityJ > 0 ? socJ[i] / bat.capacityJ : 0;
    if (f < minSocFrac) minSocFrac = f;
    if (tempK[i] > peakTempK) peakTempK = tempK[i];
  }

  const horizonS = (endMs - startMs) / 1000;
  let contactMs = 0;
  for (let e = 0; e < events.contactStartMs.length; e++) contactMs += events.contactEndMs[e] - events.contactStartMs[e];
  const kpis: Kpis = {
    satelliteCount: N,
    satellitesFailed: status.reduce((n, s) => n + (s === SAT_OK ? 0 : 1), 0),
    installedComputePflops: (activeAtStart * tflops) / 1000,
    meanUsableComputePflops: horizonS > 0 ? usableIntegral / horizonS : 0,
    minUsableComputePflops: Number.isFinite(minUsable) ? minUsable : 0,
    eclipseFraction: activeTimeS > 0 ? eclipseTimeS / activeTimeS : 0,
    powerLimitedFraction: activeTimeS > 0 ? powerLimitedS / activeTimeS : 0,
    thermalLimitedFraction: activeTimeS > 0 ? thermalLimitedS / activeTimeS : 0,
    storageLimitedFraction: activeTimeS > 0 ? storageLimitedS / activeTimeS : 0,
    minStateOfCharge: Number.isFinite(minSocFrac) ? minSocFrac : 0,
    maxTemperatureC: Number.isFinite(peakTempK) ? peakTempK - KELVIN_OFFSET : node.initialTemperatureC,
    contactMinutesPerSatellitePerDay: N > 0 && horizonS > 0 ? contactMs / 60_000 / N / (horizonS / 86400) : 0,
    dataDownlinkedGB: downlinkedGB,
    dataGeneratedGB: producedGB,
    energyGeneratedKWh: generatedJ / J_PER_KWH,
    energyConsumedKWh: (deliveredJ + lossJ) / J_PER_KWH,
    energyCurtailedKWh: curtailedJ / J_PER_KWH,
    energyStoredDeltaKWh: storedDeltaJ / J_PER_KWH,
    energyBatteryLossKWh: lossJ / J_PER_KWH,
    energyUnmetKWh: unmetJ / J_PER_KWH,
  };

  const satInfo: SatelliteInfo[] = satellites.map((s, i) => ({
    id: s.id,
    name: s.name,
    status: SAT_STATUS_NAMES[status[i]],
    failedAtMs: Number.isNaN(failedAtMs[i]) ? null : failedAtMs[i],
    inclinationDeg: s.satrec.inclo * RAD,
    raanDeg: s.satrec.nodeo * RAD,
    eccentricity: s.satrec.ecco,
    meanMotionRevPerDay: (s.satrec.no * 1440) / (2 * Math.PI),
    epochMs: s.epochMs,
  }));

  return {
    scenario,
    startMs,
    endMs,
    stepMs,
    satellites: satInfo,
    stationNames: stations.names,
    elementErrors,
    kpis,
    series,
    events,
    statusCodes,
    details,
  };
}

/** Days covered by a result (for per-day KPIs). */
export function horizonDays(out: SimulationOutput): number {
  return (out.endMs - out.startMs) / MS_PER_DAY;
}

