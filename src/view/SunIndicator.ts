/** Sun direction: an arrow from the Earth's limb and a glowing disc far along it. */
import * as THREE from 'three';
import { CSS2DObject } from 'three/addons/renderers/CSS2DRenderer.js';

function glowTexture(): THREE.Texture {
  const size = 128;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const g = canvas.getContext('2d')!;
  const grad = g.createRadialGradient(size / 2, size / 2, 0, size / 2, size / 2, size / 2);
  grad.addColorStop(0, 'rgba(255,255,240,1)');
  grad.addColorStop(0.18, 'rgba(255,240,190,0.95)');
  grad.addColorStop(0.4, 'rgba(255,200,90,0.35)');
  grad.addColorStop(1, 'rgba(255,160,40,0)');
  g.fillStyle = grad;
  g.fillRect(0, 0, size, size);
  const t = new THREE.CanvasTexture(canvas);
  t.colorSpace = THREE.SRGBColorSpace;
  return t;
}

export class SunIndicator {
  readonly group = new THREE.Group();
  private readonly arrow: THREE.ArrowHelper;
  private readonly sprite: THREE.Sprite;
  private readonly texture = glowTexture();
  private readonly label: CSS2DObject;
  private readonly dir = new THREE.Vector3(1, 0, 0);

  constructor(private readonly distance = 60) {
    this.arrow = new THREE.ArrowHelper(this.dir, new THREE.Vector3(1.02, 0, 0), 0.55, 0xffd25a, 0.12, 0.06);
    this.sprite = new THREE.Sprite(new THREE.SpriteMaterial({ map: this.texture, depthWrite: false, blending: THREE.AdditiveBlending }));
    this.sprite.scale.setScalar(9);
    const el = document.createElement('div');
    el.className = 'sun-label';
    el.textContent = 'Sun';
    this.label = new CSS2DObject(el);
    this.label.center.set(-0.2, 0.5);
    this.group.add(this.arrow, this.sprite, this.label);
  }

  /** Unit Sun direction in the scene (inertial) frame. */
  setDirection(x: number, y: number, z: number): void {
    this.dir.set(x, y, z).normalize();
    this.arrow.setDirection(this.dir);
    this.arrow.position.copy(this.dir).multiplyScalar(1.03);
    this.sprite.position.copy(this.dir).multiplyScalar(this.distance);
    this.label.position.copy(this.dir).multiplyScalar(1.62);
  }

  /** The label's position (inertial scene frame, Earth radii). */
  get labelPosition(): THREE.Vector3 {
    return this.label.position;
  }

  /** Shows or hides the label (hidden while the Earth is in front of it). */
  setLabelVisible(on: boolean): void {
    this.label.visible = on;
  }

  dispose(): void {
    this.texture.dispose();
    this.sprite.material.dispose();
    this.arrow.dispose();
    this.label.element.remove();
  }
}
