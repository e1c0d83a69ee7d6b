/**
 * The 3D view: renderer, camera and orbit controls, and the layers (stars,
 * Earth, satellites, orbit track, ground track and coverage footprint of the
 * selection, ground stations with contact lines, inter-satellite links, Sun
 * indicator). Inertial scene frame (TEME mapped to three.js Y-up, Earth
 * radii); the Earth group turns by GMST. It does no propagation: positions
 * come from the live worker's instants, drawn between two of them at the
 * clock's sim time (SatelliteLayer).
 *
 * Frames: everything inertial hangs under `root`, which draws inertial point
 * p at q (p − O) (CameraRig: floating origin O, view rotation q); the
 * satellites and link lines hang under `rel`, placed so that its children are
 * drawn at q · (their coordinates), and are written relative to O (the
 * satellite shader subtracts O itself), so a followed satellite's neighbours
 * stay exact at metre scale. Depth: a logarithmic depth buffer (the camera
 * goes from 10 m to 40 Earth radii from what it looks at); the atmosphere
 * keeps plain depth (it is drawn behind everything but the sky either way,
 * and so keeps early depth rejection behind the Earth's disc).
 */
import * as THREE from 'three';
import { SIDEREAL_DAY_S } from '../engine/core/constants';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import { CSS2DObject, CSS2DRenderer } from 'three/addons/renderers/CSS2DRenderer.js';
import { CameraRig, EARTH_MIN_DISTANCE, MAX_DISTANCE, lvlhRotation, type CameraState, type FollowFrame } from './CameraRig';
import { EarthView, type EarthImagery } from './EarthView';
import { Footprint } from './Footprint';
import { GroundTrack, type GroundTrackSamples } from './GroundTrack';
import { LinkLines } from './LinkLines';
import { ISL_RATE_LUT, islRateIndex } from './palette';
import { OrbitTrack } from './OrbitTrack';
import { SatelliteLayer, type Instant } from './SatelliteLayer';
import { StarField } from './StarField';
import { StationMarkers } from './StationMarkers';
import { SunIndicator } from './SunIndicator';

export type { CameraState, FollowFrame } from './CameraRig';

export interface FrameGeometry {
  /** Earth rotation (rad). */
  gmstRad: number;
  sunDir: readonly [number, number, number];
  /** (station, satellite) pairs then (satellite, satellite) pairs. */
  links: Int32Array;
  contactLinks: number;
  islLinks: number;
  /** Rate of each ISL (Gbps; entry q is pair contactLinks + q) and the scale they are coloured on (palette.ts). */
  islRateGbps: Float32Array;
  islRateLowGbps: number;
  islRateCapGbps: number;
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
  /** Ground track of the selected satellite (± one orbit). */
  groundTrack: boolean;
  /** Coverage footprint of the selected satellite (station elevation mask). */
  footprint: boolean;
}

/** What is under the pointer. */
export type HoverTarget = { kind: 'satellite'; index: number } | { kind: 'station'; index: number } | null;

const scratchV = new THREE.Vector3();
const scratchW = new THREE.Vector3();
const scratchM = new THREE.Matrix4();
const scratchQ = new THREE.Quaternion();
const scratchP = new Float64Array(3);
const scratchR = new Float64Array(3);
const scratchVel = new Float64Array(3);

/** Axes of the followed satellite's LVLH frame: along track, radial, cross track (orbit normal), with labels. */
class LvlhAxes {
  readonly group = new THREE.Group();
  private readonly geometry = new THREE.BufferGeometry();
  private readonly material = new THREE.LineBasicMaterial({ vertexColors: true, transparent: true, opacity: 0.9, depthWrite: false });
  private readonly labels: CSS2DObject[] = [];
  /** Local directions of the three axes (labels in the same order). */
  private static readonly DIRS = [new THREE.Vector3(1, 0, 0), new THREE.Vector3(0, 1, 0), new THREE.Vector3(0, 0, -1)];

  constructor() {
    // Local axes: +x along track, +y radial, −z orbit normal (CameraRig's view axes in the LVLH frame).
    const p = [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, -1];
    const c = [0.45, 0.95, 0.5, 0.45, 0.95, 0.5, 1, 0.45, 0.4, 1, 0.45, 0.4, 0.45, 0.7, 1, 0.45, 0.7, 1];
    this.geometry.setAttribute('position', new THREE.Float32BufferAttribute(p, 3));
    this.geometry.setAttribute('color', new THREE.Float32BufferAttribute(c, 3));
    const lines = new THREE.LineSegments(this.geometry, this.material);
    lines.frustumCulled = false;
    this.group.add(lines);
    const names: Array<[string, number, number, number]> = [
      ['along track', 1.08, 0, 0],
      ['radial', 0, 1.08, 0],
      ['orbit normal', 0, 0, -1.08],
    ];
    for (const [name, x, y, z] of names) {
      const el = document.createElement('div');
      el.className = 'axis-label';
      el.textContent = name;
      const o = new CSS2DObject(el);
      o.position.set(x, y, z);
      this.labels.push(o);
      this.group.add(o);
    }
    this.group.visible = false;
  }

  /**
   * Hides the label of an axis seen nearly end-on (within ≈ 25° of the line
   * of sight `view`, a unit vector in the view frame; `toView` the axes'
   * rotation into the view frame), which would sit on the satellite.
   */
  updateLabels(toView: THREE.Quaternion, view: THREE.Vector3): void {
    this.labels.forEach((l, k) => {
      const d = scratchAxis.copy(LvlhAxes.DIRS[k]).applyQuaternion(toView);
      l.visible = Math.abs(d.dot(view)) < 0.9;
    });
  }

  dispose(): void {
    this.geometry.dispose();
    this.material.dispose();
    for (const l of this.labels) l.element.remove();
  }
}

const scratchAxis = new THREE.Vector3();

export class SceneView {
  readonly renderer: THREE.WebGLRenderer;
  readonly labelRenderer: CSS2DRenderer;
  readonly scene = new THREE.Scene();
  readonly camera: THREE.PerspectiveCamera;
  readonly controls: OrbitControls;
  readonly rig: CameraRig;
  /** Inertial content, drawn in the view frame (q (p − O)). */
  readonly root = new THREE.Group();
  /** Content written relative to the view origin (satellites, link lines). */
  readonly rel = new THREE.Group();
  readonly earth: EarthView;
  readonly satellites = new SatelliteLayer();
  readonly track = new OrbitTrack();
  readonly groundTrack = new GroundTrack();
  readonly footprint = new Footprint();
  readonly stations = new StationMarkers();
  readonly contactLines = new LinkLines(4096, 0x7fe8ff, 0.85);
  readonly islLines = new LinkLines(20_000, 0xffffff, 0.75, true);
  readonly sun = new SunIndicator();
  private readonly stars = new StarField();
  private readonly axes = new LvlhAxes();
  private readonly resizeObserver: ResizeObserver;
  private width = 1;
  private height = 1;
  /** True when WebGL runs on a CPU rasteriser; quality settings are lowered. */
  readonly softwareGl: boolean;
  private pair: LivePair | null = null;
  private gmst = 0;
  private selected = -1;
  /** The live pair or the view frame changed: links and the footprint are written again before the next render. */
  private layoutDirty = true;
  private shownDistance = '';
  private shownFollow = '';

  constructor(
    readonly container: HTMLElement,
    imagery: EarthImagery,
  ) {
    // A software rasteriser (SwiftShader, llvmpipe) gets no MSAA and 1:1 pixels.
    this.softwareGl = isSoftwareGl();
    this.renderer = new THREE.WebGLRenderer({ antialias: !this.softwareGl, powerPreference: 'high-performance', logarithmicDepthBuffer: true });
    this.renderer.setPixelRatio(this.softwareGl ? 1 : Math.min(window.devicePixelRatio || 1, 2));
    this.renderer.setClearColor(0x02040a, 1);
    this.renderer.domElement.className = 'scene-canvas';
    container.appendChild(this.renderer.domElement);
    this.labelRenderer = new CSS2DRenderer();
    this.labelRenderer.domElement.className = 'scene-labels';
    container.appendChild(this.labelRenderer.domElement);

    // Near plane 0.64 m: the camera comes within 10 m of a followed satellite.
    this.camera = new THREE.PerspectiveCamera(40, 1, 1e-7, 2000);
    this.camera.position.set(2.2, 1.6, 3.4);
    this.controls = new OrbitControls(this.camera, this.renderer.domElement);
    this.controls.enableDamping = true;
    this.controls.dampingFactor = 0.08;
    this.controls.minDistance = EARTH_MIN_DISTANCE;
    this.controls.maxDistance = MAX_DISTANCE;
    this.controls.rotateSpeed = 0.6;
    this.controls.zoomSpeed = 0.8;
    this.rig = new CameraRig(this.camera, this.controls, this.satellites);

    this.earth = new EarthView(imagery);
    this.earth.group.add(this.stations.group, this.groundTrack.line);
    this.rel.add(this.satellites.points, this.contactLines.lines, this.islLines.lines, this.axes.group);
    this.root.add(this.stars.points, this.earth.group, this.track.line, this.footprint.line, this.sun.group, this.rel);
    this.scene.add(this.root);

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
  private visibility: LayerVisibility = { orbit: true, contacts: true, isl: true, stations: true, sun: true, groundTrack: true, footprint: true };

  setVisibility(v: LayerVisibility): void {
    this.visibility = { ...v };
    this.track.line.visible &&= v.orbit;
    this.contactLines.lines.visible = v.contacts;
    this.islLines.lines.visible = v.isl;
    this.stations.group.visible = v.stations;
    this.sun.group.visible = v.sun;
    this.groundTrack.line.visible &&= v.groundTrack;
    if (!v.footprint) this.footprint.hide();
    this.layoutDirty = true;
  }

  get trackEnabled(): boolean {
    return this.visibility.orbit;
  }

  get groundTrackEnabled(): boolean {
    return this.visibility.groundTrack;
  }

  setTrack(points: Float32Array | null): void {
    this.track.set(this.visibility.orbit ? points : null);
  }

  setGroundTrack(d: GroundTrackSamples | null): void {
    this.groundTrack.set(this.visibility.groundTrack ? d : null);
  }

  /** Highlights satellite `i` (−1: none); its footprint follows it. */
  setSelected(i: number): void {
    this.selected = i;
    this.satellites.setSelected(i);
    if (i < 0) {
      this.footprint.hide();
      this.groundTrack.set(null);
    }
    this.layoutDirty = true;
  }

  /** Elevation mask (deg) of the footprint: the lowest of the stations' masks. */
  setFootprintElevation(deg: number): void {
    this.footprint.elevationRad = (Math.max(0, Math.min(89, Number.isFinite(deg) ? deg : 10)) * Math.PI) / 180;
    this.layoutDirty = true;
  }

  /**
   * Shows the live worker's instants at sim time `timeMs`: satellites between
   * p.a and p.b (interpolated on the GPU), the Earth turned to the GMST of
   * that time, the Sun of the nearer instant. Links and the footprint follow
   * in prepare().
   */
  showLive(p: LivePair, timeMs: number): void {
    this.satellites.show(p);
    this.pair = p;
    const f = p.u < 0.5 ? p.a : p.b;
    this.gmst = f.gmstRad + EARTH_RAD_PER_MS * (Number.isFinite(f.timeMs) ? timeMs - f.timeMs : 0);
    this.earth.setGmst(this.gmst);
    this.earth.setSunDirection(f.sunDir[0], f.sunDir[1], f.sunDir[2]);
    this.sun.setDirection(f.sunDir[0], f.sunDir[1], f.sunDir[2]);
    this.groundTrack.setTime(timeMs);
    this.layoutDirty = true;
  }

  /**
   * Before a render (wall time `now`): moves the camera and the view frame,
   * and writes what depends on them. True when the picture changed.
   */
  prepare(now = performance.now()): boolean {
    const moved = this.rig.update(now);
    if (!moved && !this.layoutDirty) return false;
    this.layoutDirty = false;
    const rig = this.rig;
    const O = rig.origin;
    const q = rig.rotation;
    this.satellites.setOrigin(rig.follow, O);
    this.root.quaternion.copy(q);
    this.root.position.set(-O[0], -O[1], -O[2]).applyQuaternion(q);
    this.rel.position.set(O[0], O[1], O[2]);
    this.earth.setFrameRotation(q);
    this.writeLinks(O);
    // Footprint under the selected satellite.
    if (this.selected >= 0 && this.visibility.footprint) {
      this.satellites.positionAt(this.selected, scratchP);
      if (scratchP[0] !== 0 || scratchP[1] !== 0 || scratchP[2] !== 0) this.footprint.place(scratchP[0], scratchP[1], scratchP[2]);
      else this.footprint.hide();
    }
    // LVLH axes at the followed satellite, a quarter of the camera distance long.
    const ax = this.axes.group;
    ax.visible = rig.follow >= 0 && !rig.flying;
    if (ax.visible) {
      this.satellites.positionAt(rig.follow, scratchR);
      this.satellites.velocityAt(rig.follow, scratchVel);
      lvlhRotation(scratchR, scratchVel, scratchQ);
      ax.quaternion.copy(scratchQ).invert();
      ax.scale.setScalar(Math.max(1e-7, this.camera.position.distanceTo(this.controls.target) * 0.28));
      // Axes in the view frame: the root's rotation after the axes' own.
      const toView = scratchQ.copy(q).multiply(ax.quaternion);
      this.axes.updateLabels(toView, scratchV.copy(this.controls.target).sub(this.camera.position).normalize());
    }
    return true;
  }

  /** Contact and ISL line buffers, relative to the view origin O (double precision before the float32 store). */
  private writeLinks(O: Float64Array): void {
    const p = this.pair;
    if (!p) return;
    const f = p.u < 0.5 ? p.a : p.b;
    const sats = this.satellites;
    const st = this.stations.positions;
    const c = Math.cos(this.gmst);
    const s = Math.sin(this.gmst);
    // Station → satellite lines (station rotated into the inertial frame).
    const cb = this.contactLines.buffer;
    const nc = this.contactLines.lines.visible ? Math.min(f.contactLinks, this.contactLines.capacity) : 0;
    for (let q = 0; q < nc; q++) {
      const k = f.links[2 * q];
      const i = f.links[2 * q + 1];
      const x = st[3 * k];
      const y = st[3 * k + 1];
      const z = st[3 * k + 2];
      sats.positionAt(i, scratchP);
      cb[6 * q] = x * c + z * s - O[0];
      cb[6 * q + 1] = y - O[1];
      cb[6 * q + 2] = -x * s + z * c - O[2];
      cb[6 * q + 3] = scratchP[0] - O[0];
      cb[6 * q + 4] = scratchP[1] - O[1];
      cb[6 * q + 5] = scratchP[2] - O[2];
    }
    this.contactLines.commit(nc);
    const ib = this.islLines.buffer;
    const ni = this.islLines.lines.visible ? Math.min(f.islLinks, this.islLines.capacity) : 0;
    for (let q = 0; q < ni; q++) {
      sats.positionAt(f.links[2 * (f.contactLinks + q)], scratchP);
      sats.positionAt(f.links[2 * (f.contactLinks + q) + 1], scratchR);
      ib[6 * q] = scratchP[0] - O[0];
      ib[6 * q + 1] = scratchP[1] - O[1];
      ib[6 * q + 2] = scratchP[2] - O[2];
      ib[6 * q + 3] = scratchR[0] - O[0];
      ib[6 * q + 4] = scratchR[1] - O[1];
      ib[6 * q + 5] = scratchR[2] - O[2];
      this.islLines.setSegmentColour(q, ISL_RATE_LUT, islRateIndex(f.islRateGbps[q], f.islRateLowGbps, f.islRateCapGbps));
    }
    this.islLines.commit(ni);
  }

  /** Draws the scene (WebGL) and the labels (DOM). */
  render(): void {
    this.renderer.render(this.scene, this.camera);
    // Station labels on the near side: camera in the Earth-fixed frame.
    const cam = this.earth.group.worldToLocal(scratchW.copy(this.camera.position));
    this.stations.updateLabelVisibility(cam.x, cam.y, cam.z);
    // The Sun's label only when the Earth is not in front of it.
    const ci = this.rig.cameraInertial(scratchW);
    const lp = this.sun.labelPosition;
    this.sun.setLabelVisible(!occludedByEarth(ci.x, ci.y, ci.z, lp.x, lp.y, lp.z));
    this.labelRenderer.render(this.scene, this.camera);
    const d = this.rig.distanceKm();
    const text = String(Number(d.toPrecision(d < 10 ? 4 : 6)));
    if (text !== this.shownDistance) {
      this.shownDistance = text;
      this.container.dataset.cameraDistanceKm = text;
    }
    const follow = this.rig.follow >= 0 ? `${this.rig.follow}` : '';
    if (follow !== this.shownFollow) {
      this.shownFollow = follow;
      if (follow) this.container.dataset.follow = follow;
      else delete this.container.dataset.follow;
    }
  }

  // ---- camera ----

  /** Flies to satellite `i` and keeps it at the centre (−1: back to orbiting the Earth). */
  follow(i: number): void {
    this.rig.setFollow(i < this.satellites.count ? i : -1);
    this.layoutDirty = true;
  }

  setFrame(frame: FollowFrame): void {
    this.rig.setFrame(frame);
    this.layoutDirty = true;
  }

  cameraState(): CameraState {
    return this.rig.state();
  }

  setCameraState(s: CameraState): void {
    this.rig.setState(s);
    this.layoutDirty = true;
  }

  /** Moves the camera toward (factor < 1) or away from its target. */
  zoomBy(factor: number): void {
    const c = this.controls;
    const off = scratchV.copy(this.camera.position).sub(c.target);
    const d = Math.min(c.maxDistance, Math.max(c.minDistance, off.length() * factor));
    this.camera.position.copy(c.target).add(off.setLength(d));
    c.update();
    this.layoutDirty = true;
  }

  // ---- picking ----

  /** Client point → canvas pixel and the clip transform (view-projection). */
  private projector(): { left: number; top: number; w: number; h: number } {
    const rect = this.renderer.domElement.getBoundingClientRect();
    this.camera.updateMatrixWorld();
    scratchM.multiplyMatrices(this.camera.projectionMatrix, this.camera.matrixWorldInverse);
    return { left: rect.left, top: rect.top, w: rect.width, h: rect.height };
  }

  /**
   * Satellite nearest to a client-space point within `radiusPx`, not hidden
   * behind the Earth; -1 when none.
   */
  pick(clientX: number, clientY: number, radiusPx = 12): number {
    const pr = this.projector();
    const px = clientX - pr.left;
    const py = clientY - pr.top;
    const cam = this.rig.cameraInertial(scratchW);
    const cx = cam.x;
    const cy = cam.y;
    const cz = cam.z;
    let best = -1;
    let bestD2 = radiusPx * radiusPx;
    for (let i = 0; i < this.satellites.count; i++) {
      this.satellites.positionAt(i, scratchP);
      const x = scratchP[0];
      const y = scratchP[1];
      const z = scratchP[2];
      if (x === 0 && y === 0 && z === 0) continue;
      this.rig.toView(x, y, z, scratchV).applyMatrix4(scratchM);
      if (scratchV.z < -1 || scratchV.z > 1) continue;
      const sx = ((scratchV.x + 1) / 2) * pr.w;
      const sy = ((1 - scratchV.y) / 2) * pr.h;
      const d2 = (sx - px) ** 2 + (sy - py) ** 2;
      if (d2 >= bestD2) continue;
      if (occludedByEarth(cx, cy, cz, x, y, z)) continue;
      best = i;
      bestD2 = d2;
    }
    return best;
  }

  /** Ground station nearest to a client-space point within `radiusPx` on the near side of the Earth; -1 when none. */
  pickStation(clientX: number, clientY: number, radiusPx = 9): number {
    if (!this.stations.group.visible) return -1;
    const pr = this.projector();
    const px = clientX - pr.left;
    const py = clientY - pr.top;
    const cam = this.rig.cameraInertial(scratchW);
    const st = this.stations.positions;
    const c = Math.cos(this.gmst);
    const s = Math.sin(this.gmst);
    let best = -1;
    let bestD2 = radiusPx * radiusPx;
    for (let k = 0; k < st.length / 3; k++) {
      const x = st[3 * k] * c + st[3 * k + 2] * s;
      const y = st[3 * k + 1];
      const z = -st[3 * k] * s + st[3 * k + 2] * c;
      // Near side: the camera above the station's horizon plane.
      if (x * (cam.x - x) + y * (cam.y - y) + z * (cam.z - z) <= 0) continue;
      this.rig.toView(x, y, z, scratchV).applyMatrix4(scratchM);
      if (scratchV.z < -1 || scratchV.z > 1) continue;
      const d2 = (((scratchV.x + 1) / 2) * pr.w - px) ** 2 + (((1 - scratchV.y) / 2) * pr.h - py) ** 2;
      if (d2 < bestD2) {
        best = k;
        bestD2 = d2;
      }
    }
    return best;
  }

  /** What is under a client-space point: a satellite first, else a station. */
  hoverTarget(clientX: number, clientY: number): HoverTarget {
    const i = this.pick(clientX, clientY, 9);
    if (i >= 0) return { kind: 'satellite', index: i };
    const k = this.pickStation(clientX, clientY);
    return k >= 0 ? { kind: 'station', index: k } : null;
  }

  /** Screen position (client px) of satellite `i`, or null when off screen. */
  screenPosition(i: number): { x: number; y: number } | null {
    if (i < 0 || i >= this.satellites.count) return null;
    this.satellites.positionAt(i, scratchP);
    this.camera.updateMatrixWorld();
    this.rig.toView(scratchP[0], scratchP[1], scratchP[2], scratchV).project(this.camera);
    if (scratchV.z < -1 || scratchV.z > 1) return null;
    const rect = this.renderer.domElement.getBoundingClientRect();
    return { x: rect.left + ((scratchV.x + 1) / 2) * rect.width, y: rect.top + ((1 - scratchV.y) / 2) * rect.height };
  }

  /** Screen position (client px) of ground station `k`, or null on the far side of the Earth or off screen. */
  stationScreenPosition(k: number): { x: number; y: number } | null {
    const st = this.stations.positions;
    if (k < 0 || 3 * k + 2 >= st.length) return null;
    const c = Math.cos(this.gmst);
    const s = Math.sin(this.gmst);
    const x = st[3 * k] * c + st[3 * k + 2] * s;
    const y = st[3 * k + 1];
    const z = -st[3 * k] * s + st[3 * k + 2] * c;
    const cam = this.rig.cameraInertial(scratchW);
    if (x * (cam.x - x) + y * (cam.y - y) + z * (cam.z - z) <= 0) return null;
    this.camera.updateMatrixWorld();
    this.rig.toView(x, y, z, scratchV).project(this.camera);
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
    this.groundTrack.dispose();
    this.footprint.dispose();
    this.stations.dispose();
    this.contactLines.dispose();
    this.islLines.dispose();
    this.sun.dispose();
    this.stars.dispose();
    this.axes.dispose();
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
