/**
 * The Earth: one sphere, one draw, lit from the true Sun direction. NASA
 * imagery, equirectangular (u = longitude −180° … 180°, v = latitude −90° …
 * 90°, which three.js SphereGeometry's UVs are): Blue Marble on the day
 * side, the night-lights image on the dark side, blended across a soft
 * terminator (smoothstep of cos z, z the solar zenith angle, over
 * −0.10 … 0.12, i.e. z ≈ 83° … 96°: the civil/nautical twilight band), ocean
 * glint (Blinn–Phong, exponent 160) where the water mask is white, a blue
 * haze over the day side (thicker toward the limb) and an atmosphere rim.
 * Images: NASA Visible Earth (public domain), as shipped by the
 * `three-globe` npm package (example/img); see src/ui/main.ts.
 * `group` is the Earth-fixed frame: rotated about +y by GMST, so children
 * (ground stations, ground track) placed in ECF scene coordinates turn with
 * the Earth. Lighting is computed in world space: `sunDir` is the Sun's
 * direction in the scene's world (render) frame, set by SceneView.
 */
import * as THREE from 'three';

/** The Earth's images: day (Blue Marble), night lights, water mask (white = water). */
export interface EarthImagery {
  day: THREE.Texture;
  night: THREE.Texture;
  water: THREE.Texture;
}

export const EARTH_VERT = /* glsl */ `
#include <common>
#include <logdepthbuf_pars_vertex>
varying vec2 vUv;
varying vec3 vNormalW;
varying vec3 vPosW;
void main() {
  vUv = uv;
  vNormalW = normalize(mat3(modelMatrix) * normal);
  vec4 w = modelMatrix * vec4(position, 1.0);
  vPosW = w.xyz;
  gl_Position = projectionMatrix * viewMatrix * w;
  #include <logdepthbuf_vertex>
}`;

const EARTH_FRAG = /* glsl */ `
#include <logdepthbuf_pars_fragment>
uniform sampler2D dayMap;
uniform sampler2D nightMap;
uniform sampler2D waterMap;
uniform vec3 sunDir;
varying vec2 vUv;
varying vec3 vNormalW;
varying vec3 vPosW;
void main() {
  #include <logdepthbuf_fragment>
  vec3 n = normalize(vNormalW);
  float c = dot(n, sunDir);
  vec3 day = texture2D(dayMap, vUv).rgb;
  vec3 lights = texture2D(nightMap, vUv).rgb;
  float water = texture2D(waterMap, vUv).r;
  // Soft terminator: full day at solar zenith z < 83°, full night beyond z ≈ 96°.
  float dayMix = smoothstep(-0.10, 0.12, c);
  vec3 lit = day * (0.06 + 1.12 * max(c, 0.0));
  // Night: the lights image, its faint blue ground darkened and its city lights brightened.
  float glow = smoothstep(0.015, 0.2, max(lights.r, lights.g));
  vec3 night = lights * (0.3 + 6.0 * glow);
  vec3 color = mix(night, lit, dayMix);
  vec3 v = normalize(cameraPosition - vPosW);
  // Blue haze of the lit atmosphere (Rayleigh scattering), thicker toward the limb.
  color += vec3(0.012, 0.03, 0.075) * dayMix * (0.35 + 0.65 * pow(1.0 - max(dot(n, v), 0.0), 2.0));
  // Twilight: a warm band along the terminator.
  float tw = exp(-pow(c / 0.07, 2.0));
  color += vec3(0.10, 0.035, 0.0) * tw * 0.15;
  // Ocean glint where the mask says water.
  vec3 h = normalize(v + sunDir);
  color += vec3(0.50, 0.46, 0.38) * pow(max(dot(n, h), 0.0), 160.0) * water * dayMix;
  gl_FragColor = vec4(color, 1.0);
  #include <colorspace_fragment>
}`;

// Drawn on the back faces of a slightly larger sphere: behind the Earth's disc
// they fail the depth test, so only the halo around the limb costs fragments.
// Plain (not logarithmic) depth: its values are ≈ 1, behind everything but
// the sky, and without a gl_FragDepth write fragments behind the Earth are
// rejected before shading.
const ATMO_FRAG = /* glsl */ `
uniform vec3 sunDir;
varying vec3 vNormalW;
varying vec3 vPosW;
void main() {
  vec3 n = normalize(vNormalW);
  vec3 v = normalize(cameraPosition - vPosW);
  // On the back faces, dot(n, v) runs from 0 at the silhouette to −1 at the centre.
  float edge = 1.0 + dot(n, v);
  float a = pow(clamp(edge, 0.0, 1.0), 6.0);
  float sunSide = smoothstep(-0.35, 0.45, dot(n, sunDir));
  vec3 color = vec3(0.30, 0.58, 1.0) * a * (0.10 + 1.1 * sunSide);
  gl_FragColor = vec4(color, 1.0);
  #include <colorspace_fragment>
}`;

export class EarthView {
  /** Earth-fixed frame (rotated by GMST). */
  readonly group = new THREE.Group();
  private readonly geometry = new THREE.SphereGeometry(1, 128, 64);
  private readonly atmoGeometry = new THREE.SphereGeometry(1.035, 96, 48);
  private readonly material: THREE.ShaderMaterial;
  private readonly atmoMaterial: THREE.ShaderMaterial;
  readonly mesh: THREE.Mesh;
  readonly atmosphere: THREE.Mesh;
  /** Sun direction, inertial scene frame. */
  readonly sunInertial = new THREE.Vector3(1, 0, 0);
  /** Sun direction, world (render) frame: the uniform. */
  private readonly sunDir = new THREE.Vector3(1, 0, 0);

  constructor(imagery: EarthImagery) {
    this.material = new THREE.ShaderMaterial({
      uniforms: { dayMap: { value: imagery.day }, nightMap: { value: imagery.night }, waterMap: { value: imagery.water }, sunDir: { value: this.sunDir } },
      vertexShader: EARTH_VERT,
      fragmentShader: EARTH_FRAG,
    });
    this.atmoMaterial = new THREE.ShaderMaterial({
      uniforms: { sunDir: { value: this.sunDir } },
      vertexShader: EARTH_VERT,
      fragmentShader: ATMO_FRAG,
      blending: THREE.AdditiveBlending,
      transparent: true,
      depthWrite: false,
      side: THREE.BackSide,
    });
    this.mesh = new THREE.Mesh(this.geometry, this.material);
    this.atmosphere = new THREE.Mesh(this.atmoGeometry, this.atmoMaterial);
    this.mesh.renderOrder = 0;
    this.group.add(this.mesh);
    this.group.add(this.atmosphere);
  }

  /** Sun direction in the scene (inertial) frame, unit vector. */
  setSunDirection(x: number, y: number, z: number): void {
    this.sunInertial.set(x, y, z).normalize();
    this.sunDir.copy(this.sunInertial);
  }

  /** The frame's rotation (inertial → world), applied to the Sun direction the shaders light with. */
  setFrameRotation(q: THREE.Quaternion): void {
    this.sunDir.copy(this.sunInertial).applyQuaternion(q);
  }

  /** Earth rotation angle: Greenwich mean sidereal time (rad). */
  setGmst(rad: number): void {
    this.group.rotation.y = rad;
  }

  dispose(): void {
    this.geometry.dispose();
    this.atmoGeometry.dispose();
    this.material.dispose();
    this.atmoMaterial.dispose();
  }
}
