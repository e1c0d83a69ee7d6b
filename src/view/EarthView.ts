/**
 * The Earth: a textured sphere lit from the true Sun direction (day side,
 * darkened night side, twilight band, ocean glint) and an atmosphere rim.
 * `group` is the Earth-fixed frame: rotated about +y by GMST, so children
 * (ground stations) placed in ECF scene coordinates turn with the Earth.
 */
import * as THREE from 'three';

const EARTH_VERT = /* glsl */ `
varying vec2 vUv;
varying vec3 vNormalW;
varying vec3 vPosW;
void main() {
  vUv = uv;
  vNormalW = normalize(mat3(modelMatrix) * normal);
  vec4 w = modelMatrix * vec4(position, 1.0);
  vPosW = w.xyz;
  gl_Position = projectionMatrix * viewMatrix * w;
}`;

const EARTH_FRAG = /* glsl */ `
uniform sampler2D dayMap;
uniform vec3 sunDir;
varying vec2 vUv;
varying vec3 vNormalW;
varying vec3 vPosW;
void main() {
  vec3 n = normalize(vNormalW);
  vec3 day = texture2D(dayMap, vUv).rgb;
  float c = dot(n, sunDir);
  float dayMix = smoothstep(-0.06, 0.10, c);
  vec3 lit = day * (0.18 + 1.05 * max(c, 0.0));
  vec3 night = day * 0.035 + vec3(0.002, 0.004, 0.012);
  vec3 color = mix(night, lit, dayMix);
  // Twilight: a warm band along the terminator.
  float tw = exp(-pow(c / 0.07, 2.0));
  color += vec3(0.10, 0.035, 0.0) * tw * 0.6;
  // Ocean glint (ocean pixels are blue-dominant in the texture).
  float ocean = smoothstep(0.02, 0.08, day.b - max(day.r, day.g));
  vec3 v = normalize(cameraPosition - vPosW);
  vec3 h = normalize(v + sunDir);
  color += vec3(0.55, 0.5, 0.42) * pow(max(dot(n, h), 0.0), 70.0) * ocean * dayMix;
  gl_FragColor = vec4(color, 1.0);
  #include <colorspace_fragment>
}`;

// Drawn on the back faces of a slightly larger sphere: behind the Earth's disc
// they fail the depth test, so only the halo around the limb costs fragments.
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
  private readonly sunDir = new THREE.Vector3(1, 0, 0);

  constructor(dayMap: THREE.Texture) {
    this.material = new THREE.ShaderMaterial({
      uniforms: { dayMap: { value: dayMap }, sunDir: { value: this.sunDir } },
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
    this.sunDir.set(x, y, z).normalize();
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
