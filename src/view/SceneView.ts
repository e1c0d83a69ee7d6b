/**
 * The 3D view: renderer, camera and orbit controls, and the layers (stars,
 * Earth, satellites, orbit track, ground stations with contact lines,
 * inter-satellite links, Sun indicator). Inertial scene frame (TEME mapped to
 * three.js Y-up, Earth radii); the Earth group turns by GMST. It does no
 * propagation: positions come from the live worker's instants, drawn
 * between two of them at the clock's sim time (SatelliteLayer).
 */
import * as THREE from 'three';
import { SIDEREAL_DAY_S } from '../engine/core/constants';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import { CSS2DRenderer } from 'three/addons/renderers/CSS2DRenderer.js';
import { EarthView } from './EarthView';
import { LinkLines } from './LinkLines';
import { OrbitTrack } from './OrbitTrack';
import { SatelliteLayer, type Instant } from './SatelliteLayer';
import { StarField } from './StarField';
import { StationMarkers } from './StationMarkers';
import { SunIndicator } from './SunIndicator';

export interface FrameGeometry {
  /** Earth rotation (rad). */
  gmstRad: number;
  sunDir: readonly [number, number, number];
  /** (station, satellite) pairs then (satellite, satellite) pairs. */
  links: Int32Array;
  contactLinks: number;
  islLinks: number;
}

/** One instant of the live worker: satellites plus the frame's Earth, Sun and links. */
export interface LiveInstant extends Instant, FrameGeometry {
  timeMs: number;
}

/** Two instants and where between them the clock is (see SatelliteLayer.show). */
export interface LivePair {
  a: LiveInstant;
  b: LiveInstant;
  u: number;
  dtS: number;
}

/** Earth rotation rate (rad per ms of sim time): GMST advances 2π per sidereal day. */
const EARTH_RAD_PER_MS = (2 * Math.PI) / (SIDEREAL_DAY_S * 1000);

export interface LayerVisibility {
  orbit: boolean;
  contacts: boolean;
  isl: boolean;
  stations: boolean;
  sun: boolean;
}

const scratchV = new THREE.Vector3();
const scratchM = new THREE.Matrix4();
const scratchP = new Float32Array(3);
const scratchQ = new Float32Array(3);

export class SceneView {
  readonly renderer: THREE.WebGLRenderer;
  readonly labelRenderer: CSS2DRenderer;
  readonly scene = new THREE.Scene();
  readonly camera: THREE.PerspectiveCamera;
  readonly controls: OrbitControls;
  readonly earth: EarthView;
  readonly satellites = new SatelliteLayer();
  readonly track = new OrbitTrack();
  readonly stations = new StationMarkers();
  readonly contactLines = new LinkLines(4096, 0x7fe8ff, 0.85);
  readonly islLines = new LinkLines(20_000, 0xc59bff, 0.5);
  readonly sun = new SunIndicator();
  private readonly stars = new StarField();
  private readonly resizeObserver: ResizeObserver;
  private width = 1;
  private height = 1;
  /** True when WebGL runs on a CPU rasteriser; quality settings are lowered. */
  readonly softwareGl: boolean;

  constructor(
    readonly container: HTMLElement,
    dayMap: THREE.Texture,
  ) {
    // A software rasteriser (SwiftShader, llvmpipe) gets no MSAA and 1:1 pixels.
    this.softwareGl = isSoftwareGl();
    this.renderer = new THREE.WebGLRenderer({ antialias: !this.softwareGl, powerPreference: 'high-performance' });
    this.renderer.setPixelRatio(this.softwareGl ? 1 : Math.min(window.devicePixelRatio || 1, 2));
    this.renderer.setClearColor(0x02040a, 1);
    this.renderer.domElement.className = 'scene-canvas';
    container.appendChild(this.renderer.domElement);
    this.labelRenderer = new CSS2DRenderer();
    this.labelRenderer.domElement.className = 'scene-labels';
    container.appendChild(this.labelRenderer.domElement);

    this.camera = new THREE.PerspectiveCamera(40, 1, 0.005, 2000);
    this.camera.position.set(2.2, 1.6, 3.4);
    this.controls = new OrbitControls(this.camera, this.renderer.domElement);
    this.controls.enableDamping = true;
    this.controls.dampingFactor = 0.08;
    this.controls.minDistance = 1.15;
    this.controls.maxDistance = 40;
    this.controls.rotateSpeed = 0.6;
    this.controls.zoomSpeed = 0.8;

    this.earth = new EarthView(dayMap);
    this.earth.group.add(this.stations.group);
    this.scene.add(this.stars.points, this.earth.group, this.satellites.points, this.track.line, this.contactLines.lines, this.islLines.lines, this.sun.group);

    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(container);
    this.resize();
  }

  /** Points the camera at the Earth from `distance` radii, `azimuthRad` from the Sun, `elevationRad` above the equator. */
  placeCamera(sunDir: readonly [number, number, number], azimuthRad: number, elevationRad: number, distance: number): void {
    const az = Math.atan2(-sunDir[2], sunDir[0]) + azimuthRad;
    this.camera.position.set(
      distance * Math.cos(elevationRad) * Math.cos(az),
      distance * Math.sin(elevationRad),
      -distance * Math.cos(elevationRad) * Math.sin(az),
    );
    this.controls.target.set(0, 0, 0);
    this.controls.update();
  }

  resize(): void {
    const w = Math.max(1, this.container.clientWidth);
    const h = Math.max(1, this.container.clientHeight);
    if (w === this.width && h === this.height) return;
    this.width = w;
    this.height = h;
    this.renderer.setSize(w, h, false);
    this.labelRenderer.setSize(w, h);
    this.camera.aspect = w / h;
    this.camera.updateProjectionMatrix();
    this.resized = true;
  }

  /** A resize clears the canvas: true once after each, so the owner redraws. */
  takeResized(): boolean {
    const r = this.resized;
    this.resized = false;
    return r;
  }

  private resized = false;

  setVisibility(v: LayerVisibility): void {
    this.track.line.visible &&= v.orbit;
    this.trackEnabled = v.orbit;
    this.contactLines.lines.visible = v.contacts;
    this.islLines.lines.visible = v.isl;
    this.stations.group.visible = v.stations;
    this.sun.group.visible = v.sun;
  }

  private trackEnabled = true;

  setTrack(points: Float32Array | null): void {
    this.track.set(this.trackEnabled ? points : null);
  }

  /**
   * Shows the live worker's instants at sim time `timeMs`: satellites between
   * p.a and p.b (interpolated on the GPU), the Earth turned to the GMST of
   * that time, the Sun and link lines of the nearer instant with their
   * satellite ends where the satellites are drawn.
   */
  showLive(p: LivePair, timeMs: number): void {
    this.satellites.show(p);
    const f = p.u < 0.5 ? p.a : p.b;
    const gmst = f.gmstRad + EARTH_RAD_PER_MS * (Number.isFinite(f.timeMs) ? timeMs - f.timeMs : 0);
    this.earth.setGmst(gmst);
    this.earth.setSunDirection(f.sunDir[0], f.sunDir[1], f.sunDir[2]);
    this.sun.setDirection(f.sunDir[0], f.sunDir[1], f.sunDir[2]);
    const sats = this.satellites;
    const st = this.stations.positions;
    const c = Math.cos(gmst);
    const s = Math.sin(gmst);
    // Station → satellite lines (station rotated into the inertial frame).
    const cb = this.contactLines.buffer;
    const nc = Math.min(f.contactLinks, this.contactLines.capacity);
    for (let q = 0; q < nc; q++) {
      const k = f.links[2 * q];
      const i = f.links[2 * q + 1];
      const x = st[3 * k];
      const y = st[3 * k + 1];
      const z = st[3 * k + 2];
      sats.positionAt(i, scratchP);
      cb[6 * q] = x * c + z * s;
      cb[6 * q + 1] = y;
      cb[6 * q + 2] = -x * s + z * c;
      cb[6 * q + 3] = scratchP[0];
      cb[6 * q + 4] = scratchP[1];
      cb[6 * q + 5] = scratchP[2];
    }
    this.contactLines.commit(nc);
    const ib = this.islLines.buffer;
    const ni = this.islLines.lines.visible ? Math.min(f.islLinks, this.islLines.capacity) : 0;
    for (let q = 0; q < ni; q++) {
      sats.positionAt(f.links[2 * (f.contactLinks + q)], scratchP);
      sats.positionAt(f.links[2 * (f.contactLinks + q) + 1], scratchQ);
      ib[6 * q] = scratchP[0];
      ib[6 * q + 1] = scratchP[1];
      ib[6 * q + 2] = scratchP[2];
      ib[6 * q + 3] = scratchQ[0];
      ib[6 * q + 4] = scratchQ[1];
      ib[6 * q + 5] = scratchQ[2];
    }
    this.islLines.commit(ni);
  }

  /** Draws the scene (WebGL) and the labels (DOM). */
  render(): void {
    this.renderer.render(this.scene, this.camera);
    // Camera in the Earth-fixed frame: rotate by −GMST about +y.
    const th = this.earth.group.rotation.y;
    const c = Math.cos(th);
    const s = Math.sin(th);
    const p = this.camera.position;
    this.stations.updateLabelVisibility(p.x * c - p.z * s, p.y, p.x * s + p.z * c);
    this.labelRenderer.render(this.scene, this.camera);
  }

  /**
   * Satellite nearest to a client-space point within `radiusPx`, not hidden
   * behind the Earth; -1 when none.
   */
  pick(clientX: number, clientY: number, radiusPx = 12): number {
    const rect = this.renderer.domElement.getBoundingClientRect();
    const px = clientX - rect.left;
    const py = clientY - rect.top;
    const w = rect.width;
    const h = rect.height;
    this.camera.updateMatrixWorld();
    scratchM.multiplyMatrices(this.camera.projectionMatrix, this.camera.matrixWorldInverse);
    const pos = this.satellites.positionsNow();
    const cam = this.camera.position;
    let best = -1;
    let bestD2 = radiusPx * radiusPx;
    for (let i = 0; i < this.satellites.count; i++) {
      const x = pos[3 * i];
      const y = pos[3 * i + 1];
      const z = pos[3 * i + 2];
      if (x === 0 && y === 0 && z === 0) continue;
      scratchV.set(x, y, z).applyMatrix4(scratchM);
      if (scratchV.z < -1 || scratchV.z > 1) continue;
      const sx = ((scratchV.x + 1) / 2) * w;
      const sy = ((1 - scratchV.y) / 2) * h;
      const d2 = (sx - px) ** 2 + (sy - py) ** 2;
      if (d2 >= bestD2) continue;
      if (occludedByEarth(cam.x, cam.y, cam.z, x, y, z)) continue;
      best = i;
      bestD2 = d2;
    }
    return best;
  }

  /** Screen position (client px) of satellite `i`, or null when off screen. */
  screenPosition(i: number): { x: number; y: number } | null {
    if (i < 0 || i >= this.satellites.count) return null;
    this.satellites.positionAt(i, scratchP);
    this.camera.updateMatrixWorld();
    scratchV.set(scratchP[0], scratchP[1], scratchP[2]).project(this.camera);
    if (scratchV.z < -1 || scratchV.z > 1) return null;
    const rect = this.renderer.domElement.getBoundingClientRect();
    return { x: rect.left + ((scratchV.x + 1) / 2) * rect.width, y: rect.top + ((1 - scratchV.y) / 2) * rect.height };
  }

  dispose(): void {
    this.resizeObserver.disconnect();
    this.controls.dispose();
    this.earth.dispose();
    this.satellites.dispose();
    this.track.dispose();
    this.stations.dispose();
    this.contactLines.dispose();
    this.islLines.dispose();
    this.sun.dispose();
    this.stars.dispose();
    this.renderer.dispose();
  }
}

/** Whether this browser's WebGL is a CPU rasteriser (probed once on a throwaway context). */
export function isSoftwareGl(): boolean {
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2');
  if (!gl) return true;
  // RENDERER may be masked ("WebKit WebGL"); the debug extension gives the real one where allowed.
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const name = `${String(gl.getParameter(gl.RENDERER))} ${debug ? String(gl.getParameter(debug.UNMASKED_RENDERER_WEBGL)) : ''}`;
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return /swiftshader|llvmpipe|softpipe|software/i.test(name);
}

/** Whether the segment camera → satellite passes through the unit-radius Earth. */
export function occludedByEarth(cx: number, cy: number, cz: number, sx: number, sy: number, sz: number): boolean {
  const dx = sx - cx;
  const dy = sy - cy;
  const dz = sz - cz;
  const dd = dx * dx + dy * dy + dz * dz;
  let t = -(cx * dx + cy * dy + cz * dz) / dd;
  if (t <= 0) return false;
  if (t >= 1) t = 1;
  const px = cx + t * dx;
  const py = cy + t * dy;
  const pz = cz + t * dz;
  return px * px + py * py + pz * pz < 0.998;
}
