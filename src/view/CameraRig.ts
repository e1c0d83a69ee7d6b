/**
 * Where a 3D view looks from: the view frame and the camera in it.
 *
 * The view frame is the inertial scene frame moved to a floating origin O
 * and turned by a rotation q (inertial → view): a point p is drawn at
 * q (p − O). Orbiting the Earth: O = 0, q = 1, and OrbitControls turn the
 * camera about its target (the Earth's centre unless panned). Following
 * satellite f: O is f's drawn position (SatelliteLayer.hermite, double
 * precision) every frame, the controls' target is the view origin, so f
 * stays at the centre of the picture and the camera moves with it; zoom goes
 * down to FOLLOW_MIN_DISTANCE (10 m). Frame 'inertial' keeps q = 1; frame
 * 'lvlh' turns the view with f's local-vertical/local-horizontal (Hill)
 * frame: view +x along track Î = Ĉ × R̂, +y radial R̂ = r/|r|, −z the orbit
 * normal Ĉ = r × v/|r × v| (Vallado 2013 §3.3, the RSW frame), so a
 * formation's motion relative to f is what moves on screen.
 *
 * Fly-to / back: a wall-clock animation (FLY_MS) from the current O, q and
 * camera to the goal; O moves first, then the distance changes
 * logarithmically (4 Earth radii to 5 km is 7 decades), so the camera never
 * sweeps through the Earth.
 */
import * as THREE from 'three';
import type { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import { EARTH_RADIUS_KM } from '../engine/core/constants';
import type { SatelliteLayer } from './SatelliteLayer';

export type FollowFrame = 'inertial' | 'lvlh';

/** A view's camera, as share links and tests read and set it (Earth radii, view frame). */
export interface CameraState {
  /** Camera position in the view frame (the followed satellite, or the Earth's centre, is at the origin). */
  position: [number, number, number];
  /** What the camera turns about, view frame. */
  target: [number, number, number];
  /** Followed satellite (index), −1: orbiting the Earth. */
  follow: number;
  frame: FollowFrame;
}

/** Closest zoom on the Earth (Earth radii from its centre: ≈ 960 km up) and on a followed satellite (10 m). */
export const EARTH_MIN_DISTANCE = 1.15;
export const FOLLOW_MIN_DISTANCE = 0.01 / EARTH_RADIUS_KM;
export const MAX_DISTANCE = 40;
/** Camera distance after a fly-to (5 km): a 1 km formation fills the picture. */
export const FOLLOW_DISTANCE = 5 / EARTH_RADIUS_KM;
const FLY_MS = 1600;

const ease = (x: number) => (x <= 0 ? 0 : x >= 1 ? 1 : x < 0.5 ? 4 * x * x * x : 1 - (-2 * x + 2) ** 3 / 2);

const pos = new Float64Array(3);
const vel = new Float64Array(3);
const vA = new THREE.Vector3();
const vB = new THREE.Vector3();
const vC = new THREE.Vector3();
const mRot = new THREE.Matrix4();
const qGoal = new THREE.Quaternion();

interface Flight {
  t0: number;
  fromO: Float64Array;
  fromQ: THREE.Quaternion;
  fromCam: THREE.Vector3;
  /** Camera at the end (view frame); null: chosen on the first frame (the satellite's position is known then). */
  toCam: THREE.Vector3 | null;
}

export class CameraRig {
  follow = -1;
  frame: FollowFrame = 'inertial';
  /** View origin (inertial scene frame, Earth radii). */
  readonly origin = new Float64Array(3);
  /** Rotation inertial → view. */
  readonly rotation = new THREE.Quaternion();
  private flight: Flight | null = null;
  /** Something moved since the last call of takeChanged(). */
  private changed = true;

  constructor(
    private readonly camera: THREE.PerspectiveCamera,
    private readonly controls: OrbitControls,
    private readonly satellites: SatelliteLayer,
  ) {}

  get flying(): boolean {
    return this.flight !== null;
  }

  /** Flies to satellite `i` and follows it (−1: back to orbiting the Earth). */
  setFollow(i: number, now = performance.now()): void {
    if (i === this.follow) return;
    if (i < 0) {
      // Back out along the line from the Earth's centre through the camera.
      const w = this.cameraInertial(vA);
      const d = w.length();
      const toCam = d > 1e-9 ? w.multiplyScalar(Math.min(MAX_DISTANCE, Math.max(3.2, d)) / d) : new THREE.Vector3(0, 0, 4.4);
      this.startFlight(now, toCam.clone());
      this.follow = -1;
      this.controls.enablePan = true;
    } else {
      this.startFlight(now, null);
      this.follow = i;
      this.controls.enablePan = false;
    }
    this.controls.minDistance = FOLLOW_MIN_DISTANCE;
  }

  /** Inertial or local-vertical/local-horizontal view of the followed satellite (kept when nothing is followed). */
  setFrame(frame: FollowFrame, now = performance.now()): void {
    if (frame === this.frame) return;
    this.frame = frame;
    if (this.follow < 0) return;
    // Turn smoothly to: LVLH, behind the satellite, above it and a little to the side (the Earth below,
    // the formation ahead); inertial, the camera where it is now, in inertial axes.
    const d = this.camera.position.distanceTo(this.controls.target);
    const toCam = frame === 'lvlh' ? new THREE.Vector3(-1, 0.55, 0.35).setLength(d) : this.camera.position.clone().sub(this.controls.target).applyQuaternion(this.inverse());
    this.startFlight(now, toCam);
  }

  private startFlight(now: number, toCam: THREE.Vector3 | null): void {
    // Rebase: the controls' target becomes the view origin.
    const t = this.controls.target;
    if (t.lengthSq() > 0) {
      vB.copy(t).applyQuaternion(this.inverse());
      for (let c = 0; c < 3; c++) this.origin[c] += vB.getComponent(c);
      this.camera.position.sub(t);
      t.set(0, 0, 0);
    }
    this.flight = { t0: now, fromO: Float64Array.from(this.origin), fromQ: this.rotation.clone(), fromCam: this.camera.position.clone(), toCam };
    this.changed = true;
  }

  private inverseQ = new THREE.Quaternion();
  private inverse(): THREE.Quaternion {
    return this.inverseQ.copy(this.rotation).invert();
  }

  /** The camera's position in the inertial scene frame (Earth radii). */
  cameraInertial(out: THREE.Vector3): THREE.Vector3 {
    out.copy(this.camera.position).applyQuaternion(this.inverse());
    return out.set(out.x + this.origin[0], out.y + this.origin[1], out.z + this.origin[2]);
  }

  /** Inertial scene point (x, y, z) in the view frame. */
  toView(x: number, y: number, z: number, out: THREE.Vector3): THREE.Vector3 {
    return out.set(x - this.origin[0], y - this.origin[1], z - this.origin[2]).applyQuaternion(this.rotation);
  }

  /** The goal O and q this frame: the followed satellite (and its LVLH axes), or the Earth. False when the followed satellite has no position. */
  private goal(o: Float64Array, q: THREE.Quaternion): boolean {
    if (this.follow < 0) {
      o.fill(0);
      q.identity();
      return true;
    }
    this.satellites.positionAt(this.follow, o);
    if (o[0] === 0 && o[1] === 0 && o[2] === 0) return false;
    if (this.frame === 'lvlh') {
      this.satellites.velocityAt(this.follow, vel);
      lvlhRotation(o, vel, q);
    } else {
      q.identity();
    }
    return true;
  }

  /**
   * Per frame (wall time `now`): moves the view frame and the camera, and
   * runs the controls. True when the picture changed.
   */
  update(now = performance.now()): boolean {
    const ok = this.goal(pos, qGoal);
    if (!ok) {
      pos.set(this.origin);
      qGoal.copy(this.rotation);
    }
    const f = this.flight;
    let moved = false;
    if (f) {
      const p = Math.min(1, (now - f.t0) / FLY_MS);
      if (!f.toCam) f.toCam = this.followCamera(pos, qGoal);
      const sO = ease(p / 0.55);
      const sDir = ease(p / 0.6);
      const sQ = ease(p);
      const sZ = ease((p - 0.25) / 0.75);
      for (let c = 0; c < 3; c++) this.origin[c] = f.fromO[c] + (pos[c] - f.fromO[c]) * sO;
      this.rotation.slerpQuaternions(f.fromQ, qGoal, sQ);
      const d0 = Math.max(1e-12, f.fromCam.length());
      const d1 = Math.max(1e-12, f.toCam.length());
      vA.copy(f.fromCam).divideScalar(d0);
      vB.copy(f.toCam).divideScalar(d1);
      vC.copy(vA).lerp(vB, sDir);
      if (vC.lengthSq() < 1e-8) vC.copy(vB);
      vC.normalize().multiplyScalar(Math.exp(Math.log(d0) + (Math.log(d1) - Math.log(d0)) * sZ));
      this.camera.position.copy(vC);
      this.controls.target.set(0, 0, 0);
      this.camera.lookAt(this.controls.target);
      if (p >= 1) {
        this.flight = null;
        this.controls.minDistance = this.follow >= 0 ? FOLLOW_MIN_DISTANCE : EARTH_MIN_DISTANCE;
        this.controls.update();
      }
      moved = true;
    } else {
      for (let c = 0; c < 3; c++) {
        if (this.origin[c] !== pos[c]) moved = true;
        this.origin[c] = pos[c];
      }
      if (!this.rotation.equals(qGoal)) {
        this.rotation.copy(qGoal);
        moved = true;
      }
      if (this.controls.update()) moved = true;
    }
    if (moved) this.changed = true;
    return moved;
  }

  /** True once after anything moved. */
  takeChanged(): boolean {
    const c = this.changed;
    this.changed = false;
    return c;
  }

  /** Camera after a fly-to (view frame): behind and above the satellite, FOLLOW_DISTANCE away. */
  private followCamera(o: Float64Array, q: THREE.Quaternion): THREE.Vector3 {
    this.satellites.velocityAt(this.follow, vel);
    const r = vA.set(o[0], o[1], o[2]).normalize();
    const v = vB.set(vel[0], vel[1], vel[2]);
    if (v.lengthSq() === 0) v.set(0, 1, 0);
    v.normalize();
    return new THREE.Vector3().copy(r).multiplyScalar(0.55).addScaledVector(v, -1).normalize().multiplyScalar(FOLLOW_DISTANCE).applyQuaternion(q);
  }

  /** The camera as share links and tests see it. */
  state(): CameraState {
    const p = this.flight?.toCam && this.follow >= 0 ? this.flight.toCam : this.camera.position;
    const t = this.controls.target;
    return { position: [p.x, p.y, p.z], target: [t.x, t.y, t.z], follow: this.follow, frame: this.frame };
  }

  /** Puts the camera where `s` says, at once (no flight). */
  setState(s: CameraState): void {
    this.flight = null;
    this.frame = s.frame === 'lvlh' ? 'lvlh' : 'inertial';
    this.follow = Number.isInteger(s.follow) && s.follow >= 0 && s.follow < this.satellites.count ? s.follow : -1;
    this.controls.enablePan = this.follow < 0;
    this.controls.minDistance = this.follow >= 0 ? FOLLOW_MIN_DISTANCE : EARTH_MIN_DISTANCE;
    if (this.follow < 0) {
      this.origin.fill(0);
      this.rotation.identity();
    } else if (this.goal(pos, qGoal)) {
      this.origin.set(pos);
      this.rotation.copy(qGoal);
    }
    const finite = (a: unknown): a is [number, number, number] => Array.isArray(a) && a.length === 3 && a.every((x) => Number.isFinite(x));
    if (finite(s.target)) this.controls.target.fromArray(s.target);
    if (this.follow >= 0) this.controls.target.set(0, 0, 0);
    if (finite(s.position)) this.camera.position.fromArray(s.position);
    this.controls.update();
    this.changed = true;
  }

  /** Camera to target distance (km). */
  distanceKm(): number {
    return this.camera.position.distanceTo(this.controls.target) * EARTH_RADIUS_KM;
  }
}

/** Rotation taking inertial vectors to the LVLH view axes (x along track, y radial, z = −orbit normal) of a satellite at r with velocity v. */
export function lvlhRotation(r: ArrayLike<number>, v: ArrayLike<number>, out: THREE.Quaternion): THREE.Quaternion {
  const R = vA.set(r[0], r[1], r[2]).normalize();
  const C = vB.set(r[1] * v[2] - r[2] * v[1], r[2] * v[0] - r[0] * v[2], r[0] * v[1] - r[1] * v[0]);
  if (C.lengthSq() === 0) return out.identity();
  C.normalize();
  const I = vC.crossVectors(C, R);
  // Columns: the view axes in inertial coordinates (view → inertial); its inverse is inertial → view.
  mRot.makeBasis(I, R, C.negate());
  return out.setFromRotationMatrix(mRot).invert();
}
