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
import { EARTH_RADIUS_KM, J_PER_KWH, KELVIN_OFFSET, MS_PER_DAY, RAD } from '../core/constants';
import { buildSatellites, type SatelliteSpec } from '../input/constellation';
import type { ElementError } from '../input/elements';
import {
  allocateChunk,
  mergeEvents,
  GeometryKernel,
  type ChunkFields,
  type EventTables,
  type GeometryResult,
} from './geometry-kernel';
import { knotSpacingS } from '../orbit/knots';
import { runGrid, type RunGrid } from '../orbit/run-grid';
import { wasmRuntime } from '../orbit/propagation';
import { batteryDischargeLimitW, batteryParams, stepBus, type BusStep } from '../node/power';
import {
  computeFraction,
  LIMIT_POWER,
  LIMIT_STORAGE,
  LIMIT_THERMAL,
  type ControllerOut,
} from '../node/compute';
import { lineOfSight, stationArrays } from '../network/stations';
import type { Scenario } from '../input/scenario';
import { maxInternalHeatFromW, radiatedFromConstantsW, radiatorConstants, radiatorParams, stepTemperatureFromK, type RadiatorConstants } from '../node/thermal';

export { mergeEvents, type EventTables } from './geometry-kernel';
import { SAT_ERROR, SAT_OK, SAT_STATUS_NAMES, STATUS_CONTACT, STATUS_DOWNLINK, STATUS_ECLIPSE, STATUS_FAILED, STATUS_IDLE } from './status';
import { MAX_GROUND_STATIONS } from '../input/scenario';

export interface SimulationOptions {
  /** Called with 0…1 now and then. */
  progress?: (fraction: number) => void;
  /** Checked between chunks; when set, the run stops with an AbortError. */
  signal?: { readonly aborted: boolean };
  /** Samples per propagation call. */
  chunkSteps?: number;
  /**
   * Largest spacing (s) between SGP4 knots; finer steps are cubic-Hermite
   * interpolated between knots (error ≤ KNOT_TOLERANCE_KM, tested). Default:
   * knotSpacingS of the run's satellites. 0 = SGP4 at every step.
   */
  maxKnotSpacingS?: number;
  /** Skip sampling event functions while provably far from an event (default true). */
  skipFarFromEvents?: boolean;
  /** Record a status byte per satellite per step (time-major). */
  recordStatus?: boolean;
  /**
   * Record status codes every this many steps only (row r holds step r · statusEvery),
   * to bound memory on long horizons; default 1.
   */
  statusEvery?: number;
  /** Satellites (indices) whose full per-step state is recorded. */
  detailSatellites?: readonly number[];
  /** Yield to the event loop at least this often (ms of work). */
  yieldEveryMs?: number;
  /**
   * Where phase A (per-satellite geometry) runs; default: this thread. A worker
   * pool (CLI: worker_threads, browser: Web Workers) plugs in here.
   */
  geometry?: GeometrySourceFactory;
}

/** Computes phase A chunks; may spread satellites over workers. */
export interface GeometrySource {
  /** True when chunk fields must be SharedArrayBuffer-backed. */
  readonly shared: boolean;
  compute(n0: number, steps: number, out: ChunkFields): Promise<void>;
  finish(): Promise<GeometryResult[]>;
  dispose(): void;
}

export interface GeometryContext {
  scenario: Scenario;
  satellites: readonly SatelliteSpec[];
  grid: RunGrid;
  chunkSteps: number;
  skipFarFromEvents: boolean;
}

export type GeometrySourceFactory = (ctx: GeometryContext) => Promise<GeometrySource>;

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
  /** status byte per (row, satellite): index row · N + sat, row = step / statusEvery; present when recordStatus. */
  statusCodes?: Uint8Array;
  /** Steps between status rows. */
  statusEvery: number;
  details: SatelliteDetail[];
}

export class AbortError extends Error {
  constructor() {
    super('simulation cancelled');
    this.name = 'AbortError';
  }
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

/** Phase A on this thread: one kernel over all satellites. */
export const localGeometry: GeometrySourceFactory = async (ctx) => {
  const runtime = await wasmRuntime();
  const kernel = new GeometryKernel(ctx.scenario, ctx.satellites.map((s) => s.satrec), 0, ctx.grid, runtime, ctx.chunkSteps, ctx.skipFarFromEvents);
  return {
    shared: false,
    compute(n0, steps, out) {
      kernel.run(n0, steps, out);
      return Promise.resolve();
    },
    finish: () => Promise.resolve([kernel.finish()]),
    dispose: () => kernel.dispose(),
  };
};

/** Samples per chunk: whole knot intervals, at most ≈4M satellite-samples. */
export function defaultChunkSteps(n: number, grid: RunGrid, requested?: number): number {
  const wanted = requested ?? Math.max(grid.knotEvery, Math.min(240, Math.floor(4_000_000 / Math.max(1, n))));
  return Math.max(1, Math.min(Math.ceil(wanted / grid.knotEvery) * grid.knotEvery, grid.K + 1));
}

/** Simulates `satellites` under `scenario`. */
export async function simulate(
  scenario: Scenario,
  satellites: readonly SatelliteSpec[],
  elementErrors: ElementError[],
  options: SimulationOptions = {},
): Promise<SimulationOutput> {
  if (scenario.groundStations.length > MAX_GROUND_STATIONS) throw new RangeError(`at most ${MAX_GROUND_STATIONS} ground stations`);
  const N = satellites.length;
  const grid = runGrid(scenario, options.maxKnotSpacingS ?? knotSpacingS(satellites.map((s) => s.satrec)));
  const { startMs, stepMs, endMs, K } = grid;
  const samples = K + 1; // + terminal sample at endMs (events only)
  const chunkSteps = defaultChunkSteps(N, grid, options.chunkSteps);
  const phaseB = new CoupledKernel(scenario, N, K, options);
  const source = await (options.geometry ?? localGeometry)({ scenario, satellites, grid, chunkSteps, skipFarFromEvents: options.skipFarFromEvents ?? true });
  const withPositions = scenario.interSatelliteLinks.enabled;
  const buffers = [allocateChunk(N, chunkSteps, withPositions, source.shared), allocateChunk(N, chunkSteps, withPositions, source.shared)];
  const yieldEvery = options.yieldEveryMs ?? 50;
  let lastYield = performance.now();
  let results: GeometryResult[];
  try {
    // Phase A of the next chunk runs (in workers, if any) while phase B consumes this one.
    let pending = source.compute(0, Math.min(chunkSteps, samples), buffers[0]);
    pending.catch(() => {});
    for (let n0 = 0, c = 0; n0 < samples; n0 += chunkSteps, c++) {
      if (options.signal?.aborted) throw new AbortError();
      const steps = Math.min(chunkSteps, samples - n0);
      await pending;
      const next = n0 + chunkSteps;
      if (next < samples) {
        pending = source.compute(next, Math.min(chunkSteps, samples - next), buffers[(c + 1) % 2]);
        // A worker may fail while this thread is busy with phase B; the error is
        // rethrown by the await above on the next turn, not reported as unhandled.
        pending.catch(() => {});
      }
      const buf = buffers[c % 2];
      for (let k = 0; k < steps; k++) {
        const n = n0 + k;
        if (n === K) continue; // terminal sample: events only
        const t = startMs + n * stepMs;
        phaseB.step(n, t, (Math.min(t + stepMs, endMs) - t) / 1000, buf, k);
      }
      const now = performance.now();
      if (now - lastYield > yieldEvery) {
        options.progress?.(Math.min(1, (n0 + steps) / samples));
        await yieldToEventLoop();
        lastYield = performance.now();
      }
    }
    results = await source.finish();
  } finally {
    source.dispose();
  }
  options.progress?.(1);

  // ---- merge phase A results (ranges of satellites) ----
  const status = new Uint8Array(N);
  const failedAtMs = new Float64Array(N).fill(Number.NaN);
  for (const r of results) {
    status.set(r.status, r.first);
    failedAtMs.set(r.failedAtMs, r.first);
  }
  const events = mergeEvents(results.map((r) => r.events));
  const kpis = phaseB.kpis(events, (endMs - startMs) / 1000, status);
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
    stationNames: scenario.groundStations.map((g) => g.name),
    elementErrors,
    kpis,
    series: phaseB.series,
    events,
    statusCodes: phaseB.statusCodes,
    statusEvery: phaseB.statusEvery,
    details: phaseB.details,
  };
}

/**
 * Phase B of a step, over all satellites (they are coupled through station
 * antennas and relays): station links → compute controller → power bus and
 * battery → thermal → storage; accumulates series and KPIs. State is SoA,
 * allocated once; step() does not allocate.
 */
class CoupledKernel {
  readonly series: SeriesColumns;
  readonly statusCodes?: Uint8Array;
  readonly statusEvery: number;
  readonly details: SatelliteDetail[];
  private readonly node: Scenario['node'];
  private readonly stations;
  private readonly bat;
  private readonly maxTempK: number;
  private readonly radC: RadiatorConstants;
  private readonly radiatedAtMaxW: number;
  private readonly outputGBPerS: number;
  private readonly islEnabled: boolean;
  private readonly islRangeKm2: number;
  private readonly islRateGBps: number;
  private readonly socJ: Float64Array;
  private readonly socStartJ: Float64Array;
  private readonly tempK: Float64Array;
  private readonly storedGB: Float64Array;
  private readonly wasActive: Uint8Array;
  private readonly demandGB: Float64Array;
  private readonly linkCapGB: Float64Array;
  private readonly served: Uint8Array;
  private readonly stepCode: Uint8Array;
  private readonly candidates: Int32Array;
  private readonly candidateCount: Int32Array;
  private readonly detailIndex: Int32Array;
  private readonly ctrl: ControllerOut = { fraction: 0, limit: 0 };
  private readonly bus: BusStep = { socJ: 0, deliveredJ: 0, curtailedJ: 0, lossJ: 0, unmetJ: 0 };
  // accumulators
  private activeTimeS = 0;
  private eclipseTimeS = 0;
  private powerLimitedS = 0;
  private thermalLimitedS = 0;
  private storageLimitedS = 0;
  private generatedJ = 0;
  private deliveredJ = 0;
  private curtailedJ = 0;
  private lossJ = 0;
  private unmetJ = 0;
  private downlinkedGB = 0;
  private producedGB = 0;
  private minSocFrac = Number.POSITIVE_INFINITY;
  private peakTempK = Number.NEGATIVE_INFINITY;
  private usableIntegral = 0;
  private minUsable = Number.POSITIVE_INFINITY;
  private activeAtStart = -1;

  constructor(
    scenario: Scenario,
    private readonly n: number,
    K: number,
    options: SimulationOptions,
  ) {
    const N = n;
    const node = scenario.node;
    this.node = node;
    this.stations = stationArrays(scenario.groundStations);
    this.bat = batteryParams(node.batteryCapacityKWh, node.batteryMinStateOfCharge, node.batteryRoundTripEfficiency);
    this.maxTempK = node.maxTemperatureC + KELVIN_OFFSET;
    this.radC = radiatorConstants(radiatorParams(scenario));
    this.radiatedAtMaxW = radiatedFromConstantsW(this.radC, this.maxTempK);
    this.outputGBPerS = node.outputGBPerHourAtFullCompute / 3600;
    const isl = scenario.interSatelliteLinks;
    this.islEnabled = isl.enabled;
    this.islRangeKm2 = isl.maxRangeKm * isl.maxRangeKm;
    this.islRateGBps = isl.rateGbps / 8;
    this.socJ = new Float64Array(N).fill(this.bat.capacityJ * node.batteryInitialStateOfCharge);
    this.socStartJ = Float64Array.from(this.socJ);
    this.tempK = new Float64Array(N).fill(node.initialTemperatureC + KELVIN_OFFSET);
    this.storedGB = new Float64Array(N);
    this.wasActive = new Uint8Array(N);
    this.demandGB = new Float64Array(N);
    this.linkCapGB = new Float64Array(N);
    this.served = new Uint8Array(N);
    this.stepCode = new Uint8Array(N);
    const S = Math.max(1, this.stations.count);
    this.candidates = new Int32Array(N * S);
    this.candidateCount = new Int32Array(S);
    this.series = {
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
    this.statusEvery = Math.max(1, Math.floor(options.statusEvery ?? 1));
    this.statusCodes = options.recordStatus ? new Uint8Array(Math.ceil(K / this.statusEvery) * N) : undefined;
    this.detailIndex = new Int32Array(N).fill(-1);
    this.details = (options.detailSatellites ?? [])
      .filter((i) => Number.isInteger(i) && i >= 0 && i < N)
      .map((index, d) => {
        this.detailIndex[index] = d;
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
  }

  /** Step n at time t (ms) of length dtS (s), reading phase A cells of chunk row k. */
  step(n: number, t: number, dtS: number, f: ChunkFields, k: number): void {
    const N = this.n;
    const row = k * N;
    const node = this.node;
    const st = this.stations;
    const S = st.count;
    const { storedGB, demandGB, linkCapGB, served, stepCode, candidates, candidateCount, socJ, tempK, wasActive } = this;
    const fActive = f.active;
    const fIllum = f.illum;
    const fSolar = f.solarW;
    const fAbsorbed = f.absorbedW;
    const fVisLo = f.visLo;
    const fVisHi = f.visHi;
    const outGB = this.outputGBPerS * dtS;
    if (this.activeAtStart < 0) {
      let a = 0;
      for (let i = 0; i < N; i++) a += fActive[row + i];
      this.activeAtStart = a;
    }

    // ---- visibility → candidates per station ----
    candidateCount.fill(0);
    let inContact = 0;
    for (let i = 0; i < N; i++) {
      const c = row + i;
      served[i] = 0;
      linkCapGB[i] = 0;
      if (!fActive[c]) {
        stepCode[i] = STATUS_FAILED;
        continue;
      }
      stepCode[i] = fIllum[c] <= 0.5 ? STATUS_ECLIPSE : 0;
      demandGB[i] = storedGB[i] + outGB;
      let lo = fVisLo[c];
      let hi = fVisHi[c];
      if (lo | hi) {
        inContact++;
        stepCode[i] |= STATUS_CONTACT;
        for (let s = 0; lo !== 0; s++, lo >>>= 1) if (lo & 1) candidates[s * N + candidateCount[s]++] = i;
        for (let s = 32; hi !== 0; s++, hi >>>= 1) if (hi & 1) candidates[s * N + candidateCount[s]++] = i;
      }
    }

    // ---- station links: each antenna serves the in-view satellite with the most data ----
    for (let s = 0; s < S; s++) {
      const capGB = st.rateGBps[s] * dtS;
      for (let a = 0; a < st.antennas[s]; a++) {
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
        const remaining = capGB - own;
        if (this.islEnabled && remaining > 0 && f.posEciKm) this.relay(best, remaining, dtS, f.posEciKm, row, f.active);
      }
    }

    // ---- controller, bus, thermal, storage ----
    const bat = this.bat;
    const radC = this.radC;
    const maxTempK = this.maxTempK;
    const radiatedAtMaxW = this.radiatedAtMaxW;
    const ctrl = this.ctrl;
    const bus = this.bus;
    const tflops = node.computeTflops;
    let usable = 0;
    let powerLost = 0;
    let thermalLost = 0;
    let storageLost = 0;
    let socSum = 0;
    let sunlitSum = 0;
    let stepMaxTemp = Number.NEGATIVE_INFINITY;
    let stored = 0;
    let active = 0;
    let eclipseS = 0;
    let generatedJ = 0;
    let deliveredJ = 0;
    let curtailedJ = 0;
    let lossJ = 0;
    let unmetJ = 0;
    let producedGB = 0;
    let downlinkedGB = 0;
    let powerN = 0;
    let thermalN = 0;
    let storageN = 0;
    for (let i = 0; i < N; i++) {
      const c = row + i;
      if (!fActive[c]) {
        wasActive[i] = 0;
        continue;
      }
      wasActive[i] = 1;
      active++;
      const illum = fIllum[c];
      const solarW = fSolar[c];
      const absorbedW = fAbsorbed[c];
      sunlitSum += illum;
      eclipseS += (1 - illum) * dtS;
      const soc = socJ[i];
      const T = tempK[i];
      const socFrac = bat.capacityJ > 0 ? soc / bat.capacityJ : 0;
      socSum += socFrac;
      if (socFrac < this.minSocFrac) this.minSocFrac = socFrac;
      if (T > stepMaxTemp) stepMaxTemp = T;
      stored += storedGB[i];
      const availW = solarW + batteryDischargeLimitW(soc, bat, dtS);
      // Radiated power at T, shared by the heat limit and the temperature step.
      const r0 = radiatedFromConstantsW(radC, T);
      const maxHeat = maxInternalHeatFromW(radC, T, r0, radiatedAtMaxW, absorbedW, maxTempK, dtS);
      computeFraction(availW, node.busPowerW, node.computePowerW, maxHeat, node.storageGB - storedGB[i] + linkCapGB[i], outGB, ctrl);
      const u = ctrl.fraction;
      const loadW = node.busPowerW + u * node.computePowerW;
      stepBus(soc, solarW, loadW, node.busPowerW, bat, dtS, bus);
      socJ[i] = bus.socJ;
      generatedJ += solarW * dtS;
      deliveredJ += bus.deliveredJ;
      curtailedJ += bus.curtailedJ;
      lossJ += bus.lossJ;
      unmetJ += bus.unmetJ;
      tempK[i] = stepTemperatureFromK(radC, T, r0, bus.deliveredJ / dtS + absorbedW, dtS);
      const produced = u * outGB;
      let sto = storedGB[i] + produced;
      const down = Math.min(sto, linkCapGB[i]);
      sto -= down;
      storedGB[i] = sto > node.storageGB ? node.storageGB : sto;
      producedGB += produced;
      downlinkedGB += down;
      usable += u * tflops;
      const lost = (1 - u) * tflops;
      if (ctrl.limit === LIMIT_POWER) {
        powerN++;
        powerLost += lost;
      } else if (ctrl.limit === LIMIT_THERMAL) {
        thermalN++;
        thermalLost += lost;
      } else if (ctrl.limit === LIMIT_STORAGE) {
        storageN++;
        storageLost += lost;
      }
      stepCode[i] |= ctrl.limit | (u <= 0 ? STATUS_IDLE : 0);
      const d = this.detailIndex[i];
      if (d >= 0) {
        const det = this.details[d];
        det.stateOfCharge[n] = socFrac;
        det.temperatureC[n] = T - KELVIN_OFFSET;
        det.computeFraction[n] = u;
        det.storedGB[n] = storedGB[i];
        det.solarPowerW[n] = solarW;
        det.loadPowerW[n] = bus.deliveredJ / dtS;
        det.illumination[n] = illum;
        det.limit[n] = ctrl.limit;
      }
    }
    if (stepMaxTemp > this.peakTempK) this.peakTempK = stepMaxTemp;
    this.activeTimeS += active * dtS;
    this.eclipseTimeS += eclipseS;
    this.generatedJ += generatedJ;
    this.deliveredJ += deliveredJ;
    this.curtailedJ += curtailedJ;
    this.lossJ += lossJ;
    this.unmetJ += unmetJ;
    this.producedGB += producedGB;
    this.downlinkedGB += downlinkedGB;
    this.powerLimitedS += powerN * dtS;
    this.thermalLimitedS += thermalN * dtS;
    this.storageLimitedS += storageN * dtS;
    const usablePflops = usable / 1000;
    const se = this.series;
    se.timeMs[n] = t;
    se.usableComputePflops[n] = usablePflops;
    se.powerLimitedPflops[n] = powerLost / 1000;
    se.thermalLimitedPflops[n] = thermalLost / 1000;
    se.storageLimitedPflops[n] = storageLost / 1000;
    se.sunlitFraction[n] = active ? sunlitSum / active : 0;
    se.meanStateOfCharge[n] = active ? socSum / active : 0;
    se.maxTemperatureC[n] = active ? stepMaxTemp - KELVIN_OFFSET : 0;
    se.satellitesInContact[n] = inContact;
    se.storedDataGB[n] = stored;
    se.activeSatellites[n] = active;
    this.usableIntegral += usablePflops * dtS;
    if (usablePflops < this.minUsable) this.minUsable = usablePflops;
    if (this.statusCodes && n % this.statusEvery === 0) this.statusCodes.set(stepCode, (n / this.statusEvery) * N);
  }

  /** Neighbours within range and line of sight of `relay` route data through its station link. */
  private relay(relay: number, remainingGB: number, dtS: number, pos: Float64Array, row: number, activeCells: Uint8Array): void {
    const N = this.n;
    const rc = 3 * (row + relay);
    const bx = pos[rc];
    const by = pos[rc + 1];
    const bz = pos[rc + 2];
    let remaining = remainingGB;
    for (let j = 0; j < N && remaining > 0; j++) {
      if (this.served[j] || !activeCells[row + j]) continue;
      const jc = 3 * (row + j);
      const dx = pos[jc] - bx;
      const dy = pos[jc + 1] - by;
      const dz = pos[jc + 2] - bz;
      if (dx * dx + dy * dy + dz * dz > this.islRangeKm2) continue;
      if (!lineOfSight(bx, by, bz, pos[jc], pos[jc + 1], pos[jc + 2], EARTH_RADIUS_KM)) continue;
      const give = Math.min(this.demandGB[j], this.islRateGBps * dtS, remaining);
      if (give <= 0) continue;
      this.served[j] = 1;
      this.linkCapGB[j] = give;
      remaining -= give;
    }
  }

  kpis(events: EventTables, horizonS: number, status: Uint8Array): Kpis {
    const N = this.n;
    const bat = this.bat;
    // Final state counts toward the extremes too.
    let storedDeltaJ = 0;
    let minSoc = this.minSocFrac;
    let peak = this.peakTempK;
    for (let i = 0; i < N; i++) {
      storedDeltaJ += this.socJ[i] - this.socStartJ[i];
      if (!this.wasActive[i]) continue;
      const f = bat.capacityJ > 0 ? this.socJ[i] / bat.capacityJ : 0;
      if (f < minSoc) minSoc = f;
      if (this.tempK[i] > peak) peak = this.tempK[i];
    }
    let contactMs = 0;
    for (let e = 0; e < events.contactStartMs.length; e++) contactMs += events.contactEndMs[e] - events.contactStartMs[e];
    const act = this.activeTimeS;
    return {
      satelliteCount: N,
      satellitesFailed: status.reduce((a, s) => a + (s === SAT_OK ? 0 : 1), 0),
      installedComputePflops: (Math.max(0, this.activeAtStart) * this.node.computeTflops) / 1000,
      meanUsableComputePflops: horizonS > 0 ? this.usableIntegral / horizonS : 0,
      minUsableComputePflops: Number.isFinite(this.minUsable) ? this.minUsable : 0,
      eclipseFraction: act > 0 ? this.eclipseTimeS / act : 0,
      powerLimitedFraction: act > 0 ? this.powerLimitedS / act : 0,
      thermalLimitedFraction: act > 0 ? this.thermalLimitedS / act : 0,
      storageLimitedFraction: act > 0 ? this.storageLimitedS / act : 0,
      minStateOfCharge: Number.isFinite(minSoc) ? minSoc : 0,
      maxTemperatureC: Number.isFinite(peak) ? peak - KELVIN_OFFSET : this.node.initialTemperatureC,
      contactMinutesPerSatellitePerDay: N > 0 && horizonS > 0 ? contactMs / 60_000 / N / (horizonS / 86400) : 0,
      dataDownlinkedGB: this.downlinkedGB,
      dataGeneratedGB: this.producedGB,
      energyGeneratedKWh: this.generatedJ / J_PER_KWH,
      energyConsumedKWh: (this.deliveredJ + this.lossJ) / J_PER_KWH,
      energyCurtailedKWh: this.curtailedJ / J_PER_KWH,
      energyStoredDeltaKWh: storedDeltaJ / J_PER_KWH,
      energyBatteryLossKWh: this.lossJ / J_PER_KWH,
      energyUnmetKWh: this.unmetJ / J_PER_KWH,
    };
  }
}

/** Days covered by a result (for per-day KPIs). */
export function horizonDays(out: SimulationOutput): number {
  return (out.endMs - out.startMs) / MS_PER_DAY;
}
