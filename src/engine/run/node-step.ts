/**
 * The node part of phase B: every satellite's models over one step, in order
 *   heat limit → power controller (bus first, reserve recharge, then compute)
 *   → power bus and battery → storage → thermal → battery wear,
 * coupled through the compute fraction u:
 *   load = P_bus + u · P_compute (W),
 *   heat: P_j = u · P_compute at the accelerator junction; Q_r = P_bus + battery
 *   losses + conversion losses (1/η_conv − 1 per W drawn from the array) +
 *   absorbed heat at the radiator node (W; node/thermal-nodes.ts), the heat
 *   limit from the two nodes' limits with the last step's losses,
 *   produced = u · output rate · dt (GB).
 * Reads phase A (activity, illumination, array output, absorbed heat) and the
 * link step (link capacity and flags); updates the state (battery energy J,
 * radiator and junction temperatures K, stored data GB); writes what the step did per satellite
 * (NodeStepColumns, for status and detail recording) and summed over the
 * satellites (StepSums, for series and KPIs: kpis.ts). Sums run in satellite
 * index order. Arrays of N satellites, allocated once. Equations and
 * sources: node/compute.ts, node/battery.ts, node/battery-wear.ts,
 * node/thermal.ts, node/thermal-nodes.ts, node/storage.ts.
 */
import { KELVIN_OFFSET } from '../core/constants';
import type { Scenario } from '../input/scenario';
import { batteryParams, BUS_BUS_W, BUS_DT_S, BUS_GENERATED_W, BUS_IO_SLOTS, BUS_LOAD_W, BUS_OUT_CURTAILED_J, BUS_OUT_DELIVERED_J, BUS_OUT_LOSS_J, BUS_OUT_SOC_J, BUS_OUT_UNMET_J, BUS_SOC_J, stepBusIo, type BatteryParams } from '../node/battery';
import { BatteryWear, type WearSummary } from '../node/battery-wear';
import { BusReserve, computeFraction, computePowerBudgetW, LIMIT_POWER, LIMIT_STORAGE, LIMIT_THERMAL, type ControllerOut } from '../node/compute';
import { downlinkedGB as downlinkGB, storageRoomGB, storedAfterGB } from '../node/storage';
import { Radiator, radiatorParams } from '../node/thermal';
import { ThermalNodes, thermalNodeParams } from '../node/thermal-nodes';
import { LINK_STATUS_BITS, type LinkState } from '../network/link-state';
import type { StepSums } from './kpis';
import { STATUS_ECLIPSE, STATUS_FAILED, STATUS_IDLE } from './status';

/**
 * What the last step did, per satellite.
 *
 * Performance: the node loop writes one byte per satellite (`status`) and
 * the two Float64 columns only for the satellites being recorded (`watch`).
 * Writing `active`, `limit`, `computeFraction` and `deliveredJ` for every
 * satellite cost ≈5 % of phase B (1,000 satellites × 12 h at 10 s, pinned:
 * 0.206 s vs 0.197 s without the writes), mostly through register pressure
 * in the loop (each column keeps a base and a length live).
 */
export interface NodeStepColumns {
  /**
   * The satellite's status byte of the last step (run/status.ts):
   * STATUS_FAILED if it was not active, else STATUS_ECLIPSE if illumination
   * ≤ 0.5 | its binding limit (STATUS_LIMIT_MASK: node/compute.ts LIMIT_*)
   * | STATUS_IDLE if u = 0 | its link's contact and downlink bits (LinkState
   * flags, kept at the status byte's positions: LINK_STATUS_BITS). The
   * status recorder copies it as it is.
   */
  readonly status: Uint8Array;
  /** Compute fraction; written for watched satellites only (where active). */
  readonly computeFraction: Float64Array;
  /** Energy delivered to the load over the step (J); watched satellites only (where active). */
  readonly deliveredJ: Float64Array;
}

export class NodeStep {
  readonly battery: BatteryParams;
  /** Rainflow cycle counting and fade; null without a battery. */
  readonly wear: BatteryWear | null;
  /** Energy kept from compute for the bus through an eclipse (node/compute.ts). */
  private readonly reserve: BusReserve;
  readonly radiator: Radiator;
  /** Accelerator junction and radiator nodes (node/thermal-nodes.ts). */
  readonly thermal: ThermalNodes;
  /** Battery energy (J), per satellite. */
  readonly socJ: Float64Array;
  /** Battery energy at the run's start (J). */
  readonly socStartJ: Float64Array;
  /** Radiator node temperature (K). */
  readonly tempK: Float64Array;
  /** Accelerator junction temperature (K). */
  readonly junctionK: Float64Array;
  /** Battery and power-conversion losses of the last step (W): heat the next step's limit expects. */
  private readonly lossHeatW: Float64Array;
  /** Data on board (GB). */
  readonly storedGB: Float64Array;
  readonly out: NodeStepColumns;
  /** Conversion loss per W of array power drawn: 1/η_conv − 1. */
  private readonly conversionLoss: number;
  private readonly busPowerW: number;
  private readonly computePowerW: number;
  private readonly computeTflops: number;
  private readonly storageGB: number;
  /** Usable compute per satellite of the last step (Tflop/s; 0 when not active), written when set (workloads: workload/workload-run.ts). */
  usableOut: Float64Array | null = null;
  /** Watched satellites (sorted, unique), then the sentinel −1: see NodeStepColumns. */
  private watched = Int32Array.of(-1);
  private readonly ctrl: ControllerOut = { fraction: 0, limit: 0 };
  /** The power bus's slots (node/battery.ts stepBusIo: too big to inline, and a call V8 does not inline boxes each float argument). */
  private readonly busIo = new Float64Array(BUS_IO_SLOTS);
  /** The heat limit's constants: junction and radiator node limits (K), εσA(T_max⁴ − Ts⁴) (W). */
  private readonly maxJunctionK: number;
  private readonly maxTempK: number;
  private readonly radiatedAtMaxW: number;
  /**
   * Per-satellite columns between the passes of a step: the radiator node's heat
   * other than compute at the step's start (for the heat limit) and over the step,
   * the heat limit, compute heat (W).
   */
  private readonly limitHeatW: Float64Array;
  private readonly maxComputeHeatW: Float64Array;
  private readonly computeHeatW: Float64Array;
  private readonly radiatorHeatW: Float64Array;

  constructor(scenario: Scenario, private readonly n: number) {
    const node = scenario.node;
    this.battery = batteryParams(
      node.batteryCapacityKWh,
      node.batteryMinStateOfCharge,
      node.batteryRoundTripEfficiency,
      node.batteryMaxChargeCRate,
      node.batteryMaxDischargeCRate,
    );
    this.wear =
      this.battery.capacityJ > 0
        ? new BatteryWear(n, { cycleLifeAtFullDepth: node.batteryCycleLifeAtFullDepth, exponent: node.batteryCycleLifeExponent, endOfLifeFade: node.batteryEndOfLifeCapacityFade })
        : null;
    this.radiator = new Radiator(radiatorParams(scenario));
    this.maxTempK = node.maxTemperatureC + KELVIN_OFFSET;
    this.radiatedAtMaxW = this.radiator.radiatedW(this.maxTempK);
    this.thermal = new ThermalNodes(this.radiator, thermalNodeParams(scenario));
    this.maxJunctionK = node.acceleratorMaxJunctionC + KELVIN_OFFSET;
    this.conversionLoss = 1 / node.solarArrayConversionEfficiency - 1;
    this.busPowerW = node.busPowerW;
    this.computePowerW = node.computePowerW;
    this.computeTflops = node.computeTflops;
    this.storageGB = node.storageGB;
    this.socJ = new Float64Array(n).fill(this.battery.capacityJ * node.batteryInitialStateOfCharge);
    this.socStartJ = Float64Array.from(this.socJ);
    if (this.wear) for (let i = 0; i < n; i++) this.wear.start(i, node.batteryInitialStateOfCharge);
    this.reserve = new BusReserve(n, node.busPowerW, this.battery);
    this.tempK = new Float64Array(n).fill(node.initialTemperatureC + KELVIN_OFFSET);
    this.junctionK = new Float64Array(n).fill(node.initialTemperatureC + KELVIN_OFFSET);
    this.lossHeatW = new Float64Array(n);
    this.storedGB = new Float64Array(n);
    this.limitHeatW = new Float64Array(n);
    this.maxComputeHeatW = new Float64Array(n);
    this.computeHeatW = new Float64Array(n);
    this.radiatorHeatW = new Float64Array(n);
    this.out = {
      status: new Uint8Array(n),
      computeFraction: new Float64Array(n),
      deliveredJ: new Float64Array(n),
    };
  }

  /** Satellites whose computeFraction and deliveredJ the steps write (detail recording). */
  watch(satellites: readonly number[]): void {
    const sorted = [...new Set(satellites)].filter((i) => i >= 0 && i < this.n).sort((a, b) => a - b);
    this.watched = Int32Array.from([...sorted, -1]);
  }

  /** Whether satellite `i` was active in the last step. */
  wasActive(i: number): boolean {
    return !(this.out.status[i] & STATUS_FAILED);
  }

  /** Battery wear KPIs of the run so far (ends the cycle histories: call once, at the end). */
  wearSummary(): WearSummary {
    return this.wear ? this.wear.summary() : { cyclesPerDay: 0, meanDepthOfDischarge: 0, capacityFadePerYear: 0 };
  }

  /** State of charge (fraction) of battery energy `socJ`; 0 without a battery. */
  stateOfCharge(socJ: number): number {
    return this.battery.capacityJ > 0 ? socJ / this.battery.capacityJ : 0;
  }

  /**
   * Steps every active satellite over `dtS` (s), reading phase A cells of
   * chunk row `row` and the link state (capacity GB, flags); `outputGB`:
   * data produced at full compute over the step. Writes the columns and `sums`.
   * Three passes over the satellites: the heat limits, the controller and bus
   * (with the sums), then the thermal step and battery wear. Separate methods,
   * so that V8 does not inline the passes into the controller loop, whose
   * inlining budget they would exhaust: a per-satellite call it does not
   * inline boxes each float argument (garbage, measured with the sampling
   * heap profiler).
   */
  step(row: number, active: Uint8Array, illum: Float64Array, solarW: Float64Array, absorbedW: Float64Array, links: LinkState, outputGB: number, dtS: number, sums: StepSums): void {
    this.limits(row, active, absorbedW, dtS);
    this.control(row, active, illum, solarW, absorbedW, links, outputGB, dtS, sums);
    this.advance(row, active, dtS);
  }

  /**
   * The heat limit of every active satellite: bus load + the largest compute
   * heat that keeps the junction and the radiator node within their limits at
   * the step's end, the radiator node also taking the bus load, the last
   * step's losses and the absorbed heat (node/thermal-nodes.ts).
   */
  private limits(row: number, active: Uint8Array, absorbedW: Float64Array, dtS: number): void {
    const { limitHeatW, lossHeatW, busPowerW } = this;
    for (let i = 0; i < this.n; i++) limitHeatW[i] = busPowerW + lossHeatW[i] + absorbedW[row + i];
    this.thermal.maxComputeHeatAll(this.n, active, row, this.junctionK, this.tempK, limitHeatW, dtS, this.maxJunctionK, this.maxTempK, this.radiatedAtMaxW, this.computePowerW, this.maxComputeHeatW);
  }

  /** Temperatures at the step's end, battery wear from the step's end charge. */
  private advance(row: number, active: Uint8Array, dtS: number): void {
    this.thermal.stepAll(this.n, active, row, this.junctionK, this.tempK, this.computeHeatW, this.radiatorHeatW, dtS);
    this.wear?.addAll(this.n, active, row, this.socJ, this.battery.capacityJ, dtS);
  }

  /** The controller and the bus of every active satellite, the storage, status and sums (step()). */
  private control(row: number, active: Uint8Array, illum: Float64Array, solarW: Float64Array, absorbedW: Float64Array, links: LinkState, outputGB: number, dtS: number, sums: StepSums): void {
    const { capacityGB: linkCapGB, flags: linkFlags } = links;
    const { battery, reserve, socJ, tempK, junctionK, lossHeatW, storedGB, ctrl, busIo, conversionLoss, busPowerW, computePowerW, storageGB } = this;
    const { maxComputeHeatW, computeHeatW, radiatorHeatW } = this;
    const { status, computeFraction: fraction, deliveredJ } = this.out;
    const N = this.n;
    const watched = this.watched;
    const usableOut = this.usableOut;
    let w = 0;
    let nextWatched = watched[0];
    const capacityJ = battery.capacityJ;
    const tflops = this.computeTflops;
    let nActive = 0;
    let sunlit = 0;
    let eclipseS = 0;
    let socSum = 0;
    let minSoc = Number.POSITIVE_INFINITY;
    let maxT = Number.NEGATIVE_INFINITY;
    let minT = Number.POSITIVE_INFINITY;
    let maxTj = Number.NEGATIVE_INFINITY;
    let stored = 0;
    let generatedJ = 0;
    let delivered = 0;
    let curtailedJ = 0;
    let lossJ = 0;
    let unmetJ = 0;
    let producedGB = 0;
    let downlinkedGB = 0;
    let usable = 0;
    let powerLost = 0;
    let thermalLost = 0;
    let storageLost = 0;
    let powerN = 0;
    let thermalN = 0;
    let storageN = 0;
    for (let i = 0; i < N; i++) {
      const c = row + i;
      if (!active[c]) {
        status[i] = STATUS_FAILED;
        if (usableOut) usableOut[i] = 0;
        if (i === nextWatched) nextWatched = watched[++w];
        continue;
      }
      nActive++;
      // ---- read: phase A cells, state at the step's start ----
      const il = illum[c];
      const sW = solarW[c];
      const aW = absorbedW[c];
      const soc = socJ[i];
      const T = tempK[i];
      const Tj = junctionK[i];
      const sto = storedGB[i];
      const socFrac = capacityJ > 0 ? soc / capacityJ : 0;

      // ---- evaluate: controller → bus and battery → heat (the thermal step and battery wear follow as passes) → storage ----
      const maxHeat = busPowerW + maxComputeHeatW[i];
      const budgetW = computePowerBudgetW(sW, busPowerW, soc, reserve.reserveJ(i, il, dtS), battery, dtS);
      computeFraction(budgetW, busPowerW, computePowerW, maxHeat, storageRoomGB(sto, storageGB, linkCapGB[i]), outputGB, ctrl);
      const u = ctrl.fraction;
      busIo[BUS_SOC_J] = soc;
      busIo[BUS_GENERATED_W] = sW;
      busIo[BUS_LOAD_W] = busPowerW + u * computePowerW;
      busIo[BUS_BUS_W] = busPowerW;
      busIo[BUS_DT_S] = dtS;
      stepBusIo(busIo, battery);
      const socEndJ = busIo[BUS_OUT_SOC_J];
      const busDeliveredJ = busIo[BUS_OUT_DELIVERED_J];
      const busCurtailedJ = busIo[BUS_OUT_CURTAILED_J];
      const busLossJ = busIo[BUS_OUT_LOSS_J];
      // Heat: compute at the junction; the bus load, battery losses and conversion losses
      // (1/η_conv − 1 per W drawn from the array) at the radiator node, with the absorbed heat.
      const deliveredW = busDeliveredJ / dtS;
      const computeW = u * computePowerW < deliveredW ? u * computePowerW : deliveredW;
      const lossW = busLossJ / dtS + (sW - busCurtailedJ / dtS) * conversionLoss;
      lossHeatW[i] = lossW;
      computeHeatW[i] = computeW;
      radiatorHeatW[i] = deliveredW - computeW + lossW + aW;
      const produced = u * outputGB;
      const held = sto + produced;
      const down = downlinkGB(held, linkCapGB[i]);

      // ---- write: state, columns ----
      socJ[i] = socEndJ;
      storedGB[i] = storedAfterGB(held, down, storageGB);
      status[i] = (il <= 0.5 ? STATUS_ECLIPSE : 0) | ctrl.limit | (u <= 0 ? STATUS_IDLE : 0) | (linkFlags[i] & LINK_STATUS_BITS);
      if (i === nextWatched) {
        fraction[i] = u;
        deliveredJ[i] = busDeliveredJ;
        nextWatched = watched[++w];
      }

      // ---- sums over the satellites ----
      sunlit += il;
      eclipseS += (1 - il) * dtS;
      socSum += socFrac;
      if (socFrac < minSoc) minSoc = socFrac;
      if (T > maxT) maxT = T;
      if (T < minT) minT = T;
      if (Tj > maxTj) maxTj = Tj;
      stored += sto;
      generatedJ += sW * dtS;
      delivered += busDeliveredJ;
      curtailedJ += busCurtailedJ;
      lossJ += busLossJ;
      unmetJ += busIo[BUS_OUT_UNMET_J];
      producedGB += produced;
      downlinkedGB += down;
      usable += u * tflops;
      if (usableOut) usableOut[i] = u * tflops;
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
    }
    sums.active = nActive;
    sums.sunlit = sunlit;
    sums.eclipseS = eclipseS;
    sums.stateOfCharge = socSum;
    sums.minStateOfCharge = minSoc;
    sums.maxTemperatureK = maxT;
    sums.minTemperatureK = minT;
    sums.maxJunctionTemperatureK = maxTj;
    sums.storedGB = stored;
    sums.generatedJ = generatedJ;
    sums.deliveredJ = delivered;
    sums.curtailedJ = curtailedJ;
    sums.lossJ = lossJ;
    sums.unmetJ = unmetJ;
    sums.producedGB = producedGB;
    sums.downlinkedGB = downlinkedGB;
    sums.usableTflops = usable;
    sums.powerLostTflops = powerLost;
    sums.thermalLostTflops = thermalLost;
    sums.storageLostTflops = storageLost;
    sums.powerLimited = powerN;
    sums.thermalLimited = thermalN;
    sums.storageLimited = storageN;
  }
}
