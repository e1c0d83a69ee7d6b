/**
 * The live-view worker's one exposed object (DOM-free, unit-tested in Node):
 * an adapter over the engine's instant model (src/engine/live/). It builds
 * the scenario's satellites and stations, and either fills buffers the page
 * hands over and gets back (frame) or streams instants ahead of the page's
 * clock into a ring of shared slots (stream; see live-stream.ts).
 */
import { buildSatellites, type SatelliteSpec } from '../src/engine/input/constellation';
import type { Scenario } from '../src/engine/input/scenario';
import { stationArrays } from '../src/engine/network/stations';
import { satrecEpochMs } from '../src/engine/orbit/propagation';
import { allocateInstantBuffers, emptyInstantInfo, InstantModel, MAX_LINK_PAIRS } from '../src/engine/live/instant';
import { orbitTrack } from '../src/engine/live/orbit-track';
import { groundTrack, type GroundTrackData } from '../src/engine/live/ground-track';
import { stationScenePositions } from '../src/engine/live/scene-frame';
import { islRateScale } from '../src/engine/network/isl-topology';
import type { LiveApi, LiveBuffers, LiveFrame, LiveScenarioInfo, LiveShared } from './protocol';
import { streamInstants } from './live-stream';

interface LiveState {
  seq: number;
  sats: SatelliteSpec[];
  /** Element epoch of each satrec (ms), for the JS SGP4 of the orbit track. */
  epochs: Float64Array;
  model: InstantModel;
}

export const allocateLiveBuffers: (satellites: number) => LiveBuffers = allocateInstantBuffers;

export function liveTransferables(b: LiveBuffers): ArrayBuffer[] {
  return [b.pos.buffer as ArrayBuffer, b.vel.buffer as ArrayBuffer, b.flags.buffer as ArrayBuffer, b.links.buffer as ArrayBuffer, b.islRateGbps.buffer as ArrayBuffer];
}

export interface LiveApiImpl extends LiveApi {
  dispose(): void;
}

/** `buffers` when sized for `count` satellites, else new ones of the right sizes (buffers of another scenario). */
function sized(buffers: LiveBuffers, count: number): LiveBuffers {
  const { pos, vel, flags, links, islRateGbps } = buffers;
  return {
    pos: pos.length === 3 * count ? pos : new Float32Array(3 * count),
    vel: vel && vel.length === 3 * count ? vel : new Float32Array(3 * count),
    flags: flags.length === count ? flags : new Uint8Array(count),
    links: links.length === 2 * MAX_LINK_PAIRS ? links : new Int32Array(2 * MAX_LINK_PAIRS),
    islRateGbps: islRateGbps && islRateGbps.length === MAX_LINK_PAIRS ? islRateGbps : new Float32Array(MAX_LINK_PAIRS),
  };
}

export function createLiveApi(): LiveApiImpl {
  let st: LiveState | undefined;
  /** The running stream, stopped by setting `stopped`. */
  let streaming: { stopped: boolean } | undefined;

  function stopStream(): void {
    if (streaming) streaming.stopped = true;
    streaming = undefined;
  }

  return {
    async setScenario(scenario: Scenario, seq: number): Promise<LiveScenarioInfo> {
      stopStream();
      const build = buildSatellites(scenario);
      const stations = stationArrays(scenario.groundStations);
      const model = await InstantModel.create(
        build.satellites.map((s) => s.satrec),
        stations,
        scenario.interSatelliteLinks,
      );
      st?.model.dispose();
      st = { seq, sats: build.satellites, epochs: Float64Array.from(build.satellites, (s) => satrecEpochMs(s.satrec)), model };
      return {
        seq,
        count: build.satellites.length,
        names: build.satellites.map((s) => s.name),
        stationCount: stations.count,
        stationPos: stationScenePositions(stations),
        stationNames: stations.names,
        elementErrors: build.errors,
        epochMs: Float64Array.from(build.satellites, (x) => x.epochMs),
        islRates: scenario.interSatelliteLinks.enabled ? islRateScale(scenario.interSatelliteLinks) : null,
      };
    },

    async frame(timeMs: number, selected: number, buffers: LiveBuffers): Promise<LiveFrame> {
      const s = st;
      const out = sized(buffers, s ? s.model.count : 0);
      const info = s ? s.model.computeInto(timeMs, selected, out) : emptyInstantInfo();
      return { seq: s ? s.seq : -1, timeMs, ...out, ...info };
    },

    async stream(shared: LiveShared, seq: number): Promise<boolean> {
      const s = st;
      stopStream();
      if (!s || s.seq !== seq || shared.count !== s.model.count) return false;
      const job = { stopped: false };
      streaming = job;
      void streamInstants(shared, (t, sel, slot) => s.model.computeInto(t, sel, slot), () => !job.stopped && streaming === job && st === s);
      return true;
    },

    async track(index: number, timeMs: number, samples: number): Promise<Float32Array | null> {
      const s = st;
      if (!s || index < 0 || index >= s.sats.length) return null;
      return orbitTrack(s.sats[index].satrec, s.epochs[index], timeMs, samples);
    },

    async groundTrack(index: number, timeMs: number, samples: number, periods: number): Promise<GroundTrackData | null> {
      const s = st;
      if (!s || index < 0 || index >= s.sats.length) return null;
      return groundTrack(s.sats[index].satrec, s.epochs[index], timeMs, samples, periods);
    },

    dispose(): void {
      stopStream();
      st?.model.dispose();
      st = undefined;
    },
  };
}
