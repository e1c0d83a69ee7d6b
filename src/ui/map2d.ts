/**
 * 2D map (equirectangular: x ∝ longitude −180…180°, y ∝ latitude 90…−90°)
 * of the active design at the drawn sim time: the Earth image, the night
 * side shaded from the Sun direction with the terminator line, stations,
 * the selected satellite's ground track and every satellite at its
 * sub-satellite point in the 3D view's state colours (view/palette.ts, the
 * same decoding of the analysis status byte and the live eclipse flag as the
 * point shader).
 *
 * Frames: live positions are TEME in the scene frame (engine/live/scene-frame.ts:
 * scene (x, y, z) = TEME (x, z, −y) / R⊕). Earth-fixed coordinates rotate TEME
 * by GMST θ about z: x_f = x cos θ + y sin θ, y_f = −x sin θ + y cos θ
 * (the TEME → pseudo-Earth-fixed rotation of Vallado, Fundamentals of
 * Astrodynamics and Applications, 2013, polar motion neglected, as
 * engine/live/ground-track.ts), θ from the instant's GMST advancing 2π per
 * sidereal day between instants. Longitude atan2(y_f, x_f). Latitude: geocentric φc =
 * atan2(z, ρ), ρ = √(x_f² + y_f²), turned geodetic as for a point on the
 * WGS-84 ellipsoid, φs = atan2(z, (1 − e²) ρ) with e² = 6.69437999014e-3
 * (NIMA TR8350.2, 3rd ed., table 3.3), the difference scaled by R⊕ / r for a
 * point at radius r (the exact geodetic latitude differs by < 0.01° in LEO,
 * far under a pixel; the ground track and the inspector use the exact one).
 *
 * The ground track is the live worker's (engine/live/ground-track.ts:
 * geodetic sub-satellite points by SGP4 over two orbits centred on the drawn
 * time), requested again when the time moves a quarter orbit away.
 *
 * Night: the Sun's elevation at a point is asin(n̂ · ŝ) with n̂ the local
 * vertical (spherical Earth); shaded where it is below 0, fading over
 * ±6° (the depth of civil twilight). The terminator is where n̂ · ŝ = 0:
 * tan φ = −cos(λ − λs) / tan δs for sub-solar point (δs, λs).
 *
 * Redrawn only when the drawn time, the data or the size change (the
 * panel calls draw() at most a few times a second for large runs).
 * Hooks: data-testid="map-2d"; data-drawn (satellites drawn), data-time-ms,
 * data-selected, data-selected-lat-lon (degrees, as drawn), data-image="loaded".
 */
import { SIDEREAL_DAY_S } from '../engine/core/constants';
import type { GroundTrackData } from '../engine/live/ground-track';
import { LIMIT_POWER, LIMIT_STORAGE, LIMIT_THERMAL } from '../engine/node/compute';
import { LIVE_ECLIPSE } from '../engine/live/instant';
import { STATUS_FAILED, STATUS_IDLE, STATUS_LIMIT_MASK } from '../engine/run/status';
import { statusRow, type AnalysisResult } from '../../workers/protocol';
import { STATE_COLOURS } from '../view/palette';
import type { LiveView } from './live-client';
import { el } from './dom';
// NASA Blue Marble (public domain), equirectangular with longitude −180° at the left edge: the 3D view's day texture (main.ts).
import earthImageUrl from 'earth-imagery/earth-blue-marble.jpg?url';

export interface MapCallbacks {
  onSelect(i: number): void;
  /** Sub-satellite points of satellite `index` over `periods` orbits around `timeMs` (the live worker's), or null. */
  groundTrack(index: number, timeMs: number, samples: number, periods: number): Promise<GroundTrackData | null>;
}

/** Earth rotation (rad per ms of sim time): 2π per sidereal day. */
const EARTH_RAD_PER_MS = (2 * Math.PI) / (SIDEREAL_DAY_S * 1000);
/** Ground track: samples over TRACK_PERIODS orbits centred on the drawn time. */
const TRACK_SAMPLES = 360;
const TRACK_PERIODS = 2;
const DEG = 180 / Math.PI;
/** Night shading: resolution of the shade image (upscaled with smoothing). */
const SHADE_W = 256;
const SHADE_H = 128;
const TWILIGHT_SIN = Math.sin(6 / DEG);
const NIGHT_ALPHA = 0.78;
const STATION_COLOUR = '#ffcf61';
/** Source resolution kept of the Earth image (the 4096 × 2048 file decoded once, then dropped). */
const SOURCE_W = 2048;

/** Colour classes in drawing order (the selected satellite is drawn last, on top). */
const CLASSES = [STATE_COLOURS.pending, STATE_COLOURS.failed, STATE_COLOURS.idle, STATE_COLOURS.eclipse, STATE_COLOURS.full, STATE_COLOURS.power, STATE_COLOURS.thermal, STATE_COLOURS.storage] as const;
const C_PENDING = 0;
const C_FAILED = 1;
const C_IDLE = 2;
const C_ECLIPSE = 3;
const C_FULL = 4;
const C_POWER = 5;
const C_THERMAL = 6;
const C_STORAGE = 7;

/** Colour class of a satellite from its analysis status byte (undefined: none yet) and live flags, as the point shader decides. */
export function stateClass(status: number | undefined, flags: number): number {
  if (status === undefined) return flags & LIVE_ECLIPSE ? C_ECLIPSE : C_PENDING;
  if (status & STATUS_FAILED) return C_FAILED;
  const limit = status & STATUS_LIMIT_MASK;
  if (limit === LIMIT_STORAGE) return C_STORAGE;
  if (limit === LIMIT_THERMAL) return C_THERMAL;
  if (limit === LIMIT_POWER) return C_POWER;
  if (status & STATUS_IDLE) return C_IDLE;
  if (flags & LIVE_ECLIPSE) return C_ECLIPSE;
  return C_FULL;
}

/** WGS-84 first eccentricity squared (NIMA TR8350.2, table 3.3). */
const E2 = 6.69437999014e-3;

/** Sub-point (lat, lon in degrees; latitude geodetic to < 0.01° in LEO, see the header) of scene-frame vector (Earth radii) at GMST θ. */
function subPoint(sx: number, sy: number, sz: number, cos: number, sin: number, out: { lat: number; lon: number }): void {
  const x = sx;
  const y = -sz;
  const z = sy;
  const xf = x * cos + y * sin;
  const yf = -x * sin + y * cos;
  const rho = Math.hypot(xf, yf);
  const r = Math.hypot(rho, z);
  const gc = Math.atan2(z, rho);
  const gs = Math.atan2(z, (1 - E2) * rho);
  out.lon = Math.atan2(yf, xf) * DEG;
  out.lat = (gc + (r > 0 ? (gs - gc) / Math.max(1, r) : 0)) * DEG;
}

export class GroundMap {
  readonly canvas: HTMLCanvasElement;
  private readonly tip: HTMLElement;
  private readonly empty: HTMLElement;
  /** The Earth image at SOURCE_W × SOURCE_W / 2 (undefined until loaded). */
  private source: HTMLCanvasElement | undefined;
  private imageRequested = false;
  private bg: HTMLCanvasElement | undefined;
  private bgKey = '';
  private readonly shade = document.createElement('canvas');
  private shadeKey = '';
  private result: AnalysisResult | undefined;
  private names: string[] = [];
  private stationPos: Float32Array = new Float32Array(0);
  private stationNames: string[] = [];
  private selected = -1;
  /** Screen positions of the satellites drawn last (x, y; NaN when not drawn). */
  private screen: Float32Array = new Float32Array(0);
  /** Ground track of the selected satellite (sub-satellite points over two orbits). */
  private track: { index: number; data: GroundTrackData; centreMs: number } | undefined;
  private trackBusy = false;
  private readonly observer: ResizeObserver;
  private box = { x: 0, y: 0, w: 0, h: 0 };
  private readonly paths = CLASSES.map(() => new Path2D());
  /** Something besides the time changed: draw at the next tick. */
  dirty = true;
  private lastView: LiveView | null = null;
  private lastTime = Number.NaN;

  constructor(
    readonly root: HTMLElement,
    private readonly cb: MapCallbacks,
  ) {
    root.classList.add('map2d');
    root.dataset.testid = 'map-2d';
    this.canvas = el('canvas', 'map2d-canvas');
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', 'Map of the satellites’ sub-satellite points, ground track, stations and day/night');
    this.tip = el('div', 'map2d-tip');
    this.tip.hidden = true;
    this.empty = el('div', 'map2d-empty', 'Waiting for satellite positions…');
    root.append(this.canvas, this.tip, this.empty);
    this.canvas.addEventListener('pointermove', (e) => this.hover(e));
    this.canvas.addEventListener('pointerleave', () => (this.tip.hidden = true));
    this.canvas.addEventListener('click', (e) => {
      const i = this.pick(e);
      if (i >= 0 || this.selected >= 0) cb.onSelect(i);
    });
    this.observer = new ResizeObserver(() => {
      this.invalidate();
      this.redrawNow();
    });
    this.observer.observe(root);
  }

  /** Loads the Earth image (once, when the map is first drawn: a 4096 × 2048 JPEG the page need not decode otherwise). */
  private loadImage(): void {
    if (this.imageRequested) return;
    this.imageRequested = true;
    const image = new Image();
    image.decoding = 'async';
    image.onload = () => {
      const c = document.createElement('canvas');
      c.width = SOURCE_W;
      c.height = SOURCE_W / 2;
      const g = c.getContext('2d');
      if (!g) return;
      g.imageSmoothingQuality = 'high';
      g.drawImage(image, 0, 0, c.width, c.height);
      this.source = c;
      this.root.dataset.image = 'loaded';
      this.bgKey = '';
      this.invalidate();
      this.redrawNow();
    };
    image.src = earthImageUrl;
  }

  /** Draw again at the next tick (data, size or tab changed). */
  invalidate(): void {
    this.dirty = true;
  }

  private redrawNow(): void {
    if (this.root.clientWidth > 0 && this.lastView) this.draw(this.lastView, this.lastTime);
  }

  setNames(names: string[]): void {
    this.names = names;
    this.track = undefined;
    this.invalidate();
  }

  setStations(posScene: Float32Array, names: string[]): void {
    this.stationPos = posScene;
    this.stationNames = names;
    this.invalidate();
  }

  setResult(r: AnalysisResult): void {
    this.result = r;
    this.invalidate();
  }

  select(i: number): void {
    if (i !== this.selected) this.track = undefined;
    delete this.root.dataset.selectedLatLon;
    this.selected = i;
    this.root.dataset.selected = String(i);
    this.invalidate();
  }

  /** Screen position (CSS px, relative to the canvas) of satellite `i` as drawn last, for tests and tours. */
  satellitePosition(i: number): { x: number; y: number } | undefined {
    const x = this.screen[2 * i];
    const y = this.screen[2 * i + 1];
    return Number.isFinite(x) && Number.isFinite(y) ? { x, y } : undefined;
  }

  /** Draws the instants `v` at sim time `timeMs` (null: nothing to draw yet). */
  draw(v: LiveView | null, timeMs: number): void {
    this.lastView = v;
    this.lastTime = timeMs;
    const w = this.root.clientWidth;
    const h = this.root.clientHeight;
    if (w === 0 || h === 0) return;
    this.loadImage();
    const N = v ? v.b.flags.length : 0;
    if (!v || N === 0 || v.a.pos.length !== v.b.pos.length || (this.names.length > 0 && N !== this.names.length)) {
      this.empty.hidden = false;
      return;
    }
    this.empty.hidden = true;
    this.dirty = false;
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    if (this.canvas.width !== Math.round(w * dpr) || this.canvas.height !== Math.round(h * dpr)) {
      this.canvas.width = Math.round(w * dpr);
      this.canvas.height = Math.round(h * dpr);
      this.canvas.style.width = `${w}px`;
      this.canvas.style.height = `${h}px`;
    }
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#02040a';
    ctx.fillRect(0, 0, w, h);
    // The map: 2:1, as large as fits, centred.
    const mw = Math.min(w, 2 * h);
    const mh = mw / 2;
    const box = (this.box = { x: Math.round((w - mw) / 2), y: Math.round((h - mh) / 2), w: mw, h: mh });
    const X = (lon: number) => box.x + ((lon + 180) / 360) * box.w;
    const Y = (lat: number) => box.y + ((90 - lat) / 180) * box.h;

    // Time and Earth rotation at the drawn time (from the nearer instant).
    const f = v.u < 0.5 ? v.a : v.b;
    const gmst = f.gmstRad + EARTH_RAD_PER_MS * (Number.isFinite(f.timeMs) ? timeMs - f.timeMs : 0);
    const cos = Math.cos(gmst);
    const sin = Math.sin(gmst);
    const sp = { lat: 0, lon: 0 };
    subPoint(f.sunDir[0], f.sunDir[1], f.sunDir[2], cos, sin, sp);
    const sun = { lat: sp.lat, lon: sp.lon };

    this.drawBackground(ctx, box);
    this.drawNight(ctx, box, sun);
    this.drawGrid(ctx, box, X, Y);
    this.drawTerminator(ctx, box, sun, X, Y);
    // Sub-solar point.
    ctx.fillStyle = '#ffd25a';
    ctx.beginPath();
    ctx.arc(X(sun.lon), Y(sun.lat), 4.5, 0, 2 * Math.PI);
    ctx.fill();
    this.drawStations(ctx, X, Y);
    this.drawTrack(ctx, box, X, Y, timeMs);
    this.drawSatellites(ctx, v, timeMs, cos, sin, X, Y);
    this.root.dataset.drawn = String(N);
    this.root.dataset.timeMs = String(timeMs);
    this.maybeRequestTrack(v, timeMs);
  }

  private drawBackground(ctx: CanvasRenderingContext2D, box: { x: number; y: number; w: number; h: number }): void {
    const src = this.source;
    if (!src) {
      ctx.fillStyle = '#0b1a2e';
      ctx.fillRect(box.x, box.y, box.w, box.h);
      return;
    }
    // The image scaled once per map size (drawing the full image every frame costs more).
    const key = `${Math.round(box.w)}x${Math.round(box.h)}`;
    if (key !== this.bgKey || !this.bg) {
      const dpr = Math.min(2, window.devicePixelRatio || 1);
      const c = this.bg ?? document.createElement('canvas');
      c.width = Math.max(1, Math.round(box.w * dpr));
      c.height = Math.max(1, Math.round(box.h * dpr));
      const g = c.getContext('2d');
      if (g) {
        g.imageSmoothingQuality = 'high';
        g.drawImage(src, 0, 0, c.width, c.height);
      }
      this.bg = c;
      this.bgKey = key;
    }
    ctx.drawImage(this.bg, box.x, box.y, box.w, box.h);
  }

  /** Night shade for sub-solar point `sun`: a small alpha image (cached per 0.25° of Sun motion), smoothed up to the map. */
  private drawNight(ctx: CanvasRenderingContext2D, box: { x: number; y: number; w: number; h: number }, sun: { lat: number; lon: number }): void {
    const key = `${Math.round(sun.lat * 4)},${Math.round(sun.lon * 4)}`;
    if (key !== this.shadeKey) {
      this.shadeKey = key;
      const c = this.shade;
      c.width = SHADE_W;
      c.height = SHADE_H;
      const g = c.getContext('2d');
      if (g) {
        const img = g.createImageData(SHADE_W, SHADE_H);
        const d = img.data;
        const sl = sun.lat / DEG;
        const sx = Math.cos(sl) * Math.cos(sun.lon / DEG);
        const sy = Math.cos(sl) * Math.sin(sun.lon / DEG);
        const sz = Math.sin(sl);
        for (let j = 0; j < SHADE_H; j++) {
          const lat = (90 - ((j + 0.5) / SHADE_H) * 180) / DEG;
          const cl = Math.cos(lat);
          const zl = Math.sin(lat) * sz;
          for (let i = 0; i < SHADE_W; i++) {
            const lon = (((i + 0.5) / SHADE_W) * 360 - 180) / DEG;
            const s = cl * Math.cos(lon) * sx + cl * Math.sin(lon) * sy + zl; // sin(Sun elevation)
            const t = Math.min(1, Math.max(0, (TWILIGHT_SIN - s) / (2 * TWILIGHT_SIN)));
            const o = 4 * (j * SHADE_W + i);
            d[o] = 2;
            d[o + 1] = 5;
            d[o + 2] = 16;
            d[o + 3] = Math.round(255 * NIGHT_ALPHA * t);
          }
        }
        g.putImageData(img, 0, 0);
      }
    }
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.shade, box.x, box.y, box.w, box.h);
  }

  private drawGrid(ctx: CanvasRenderingContext2D, box: { x: number; y: number; w: number; h: number }, X: (l: number) => number, Y: (l: number) => number): void {
    ctx.strokeStyle = 'rgba(255,255,255,0.10)';
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let lon = -150; lon <= 150; lon += 30) {
      const x = Math.round(X(lon)) + 0.5;
      ctx.moveTo(x, box.y);
      ctx.lineTo(x, box.y + box.h);
    }
    for (let lat = -60; lat <= 60; lat += 30) {
      const y = Math.round(Y(lat)) + 0.5;
      ctx.moveTo(box.x, y);
      ctx.lineTo(box.x + box.w, y);
    }
    ctx.stroke();
    ctx.strokeStyle = 'rgba(255,255,255,0.25)';
    ctx.strokeRect(box.x + 0.5, box.y + 0.5, box.w - 1, box.h - 1);
  }

  private drawTerminator(ctx: CanvasRenderingContext2D, box: { x: number; y: number; w: number; h: number }, sun: { lat: number; lon: number }, X: (l: number) => number, Y: (l: number) => number): void {
    // Near an equinox (δs → 0) the terminator approaches the two meridians 90° from the Sun: keep tan δs off zero.
    let td = Math.tan(sun.lat / DEG);
    if (Math.abs(td) < 1e-4) td = td < 0 ? -1e-4 : 1e-4;
    ctx.strokeStyle = 'rgba(255, 210, 90, 0.55)';
    ctx.lineWidth = 1.25;
    ctx.beginPath();
    const steps = Math.max(90, Math.round(box.w / 4));
    for (let k = 0; k <= steps; k++) {
      const lon = -180 + (360 * k) / steps;
      const lat = Math.atan(-Math.cos((lon - sun.lon) / DEG) / td) * DEG;
      if (k === 0) ctx.moveTo(X(lon), Y(lat));
      else ctx.lineTo(X(lon), Y(lat));
    }
    ctx.stroke();
  }

  private drawStations(ctx: CanvasRenderingContext2D, X: (l: number) => number, Y: (l: number) => number): void {
    const p = this.stationPos;
    const n = Math.floor(p.length / 3);
    const s = { lat: 0, lon: 0 };
    ctx.fillStyle = STATION_COLOUR;
    ctx.strokeStyle = '#1a1000';
    ctx.lineWidth = 1;
    ctx.font = '10px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    for (let k = 0; k < n; k++) {
      // Earth-fixed scene vectors: θ = 0.
      subPoint(p[3 * k], p[3 * k + 1], p[3 * k + 2], 1, 0, s);
      const x = X(s.lon);
      const y = Y(s.lat);
      ctx.beginPath();
      ctx.moveTo(x, y - 5);
      ctx.lineTo(x + 4, y);
      ctx.lineTo(x, y + 5);
      ctx.lineTo(x - 4, y);
      ctx.closePath();
      ctx.fill();
      ctx.stroke();
      if (n <= 24 && this.stationNames[k]) {
        ctx.fillStyle = 'rgba(255, 224, 160, 0.9)';
        ctx.fillText(this.stationNames[k], x + 6, y);
        ctx.fillStyle = STATION_COLOUR;
      }
    }
  }

  private drawTrack(ctx: CanvasRenderingContext2D, box: { x: number; w: number }, X: (l: number) => number, Y: (l: number) => number, timeMs: number): void {
    const t = this.track;
    if (!t || t.index !== this.selected) return;
    const { latDeg, lonDeg, startMs, stepMs } = t.data;
    const n = latDeg.length;
    // Past part dimmer, future part brighter; a jump over the antimeridian starts a new piece.
    const piece = (from: number, to: number, colour: string) => {
      ctx.strokeStyle = colour;
      ctx.beginPath();
      let prevX = Number.NaN;
      for (let k = from; k <= to; k++) {
        const x = X(lonDeg[k]);
        const y = Y(latDeg[k]);
        if (k === from || Math.abs(x - prevX) > box.w / 2) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
        prevX = x;
      }
      ctx.stroke();
    };
    const now = Math.max(0, Math.min(n - 1, Math.round((timeMs - startMs) / stepMs)));
    ctx.lineWidth = 1.5;
    if (now > 0) piece(0, now, 'rgba(255,255,255,0.4)');
    if (now < n - 1) piece(now, n - 1, 'rgba(255,255,255,0.9)');
  }

  private drawSatellites(ctx: CanvasRenderingContext2D, v: LiveView, timeMs: number, cos0: number, sin0: number, X: (l: number) => number, Y: (l: number) => number): void {
    const { a, b, u, dtS } = v;
    const N = b.flags.length;
    if (this.screen.length !== 2 * N) this.screen = new Float32Array(2 * N);
    // Status colours of the drawn time, from the result of the same satellites.
    const r = this.result;
    const row = r && r.satelliteCount === N ? statusRow(r, timeMs) : -1;
    const codes = r && row >= 0 ? r.statusCodes : undefined;
    const base = row * N;
    const size = N <= 400 ? 5 : N <= 2000 ? 4 : N <= 10000 ? 3 : 2;
    const half = size / 2;
    const paths = this.paths;
    for (let c = 0; c < paths.length; c++) paths[c] = new Path2D();
    // Cubic Hermite between the two instants, as the point shader does.
    const u2 = u * u;
    const u3 = u2 * u;
    const h00 = 2 * u3 - 3 * u2 + 1;
    const h10 = (u3 - 2 * u2 + u) * dtS;
    const h01 = -2 * u3 + 3 * u2;
    const h11 = (u3 - u2) * dtS;
    const interp = a !== b && dtS > 0;
    const s = { lat: 0, lon: 0 };
    const near = u < 0.5 ? a : b;
    for (let i = 0; i < N; i++) {
      const o = 3 * i;
      let x = b.pos[o];
      let y = b.pos[o + 1];
      let z = b.pos[o + 2];
      if (x === 0 && y === 0 && z === 0) {
        this.screen[2 * i] = Number.NaN;
        this.screen[2 * i + 1] = Number.NaN;
        continue;
      }
      if (interp && !(a.pos[o] === 0 && a.pos[o + 1] === 0 && a.pos[o + 2] === 0)) {
        x = h00 * a.pos[o] + h10 * a.vel[o] + h01 * x + h11 * b.vel[o];
        y = h00 * a.pos[o + 1] + h10 * a.vel[o + 1] + h01 * y + h11 * b.vel[o + 1];
        z = h00 * a.pos[o + 2] + h10 * a.vel[o + 2] + h01 * z + h11 * b.vel[o + 2];
      }
      subPoint(x, y, z, cos0, sin0, s);
      if (i === this.selected) this.root.dataset.selectedLatLon = `${s.lat.toFixed(3)},${s.lon.toFixed(3)}`;
      const px = X(s.lon);
      const py = Y(s.lat);
      this.screen[2 * i] = px;
      this.screen[2 * i + 1] = py;
      const c = stateClass(codes ? codes[base + i] : undefined, near.flags[i]);
      paths[c].rect(px - half, py - half, size, size);
    }
    for (let c = 0; c < paths.length; c++) {
      ctx.fillStyle = CLASSES[c];
      ctx.fill(paths[c]);
    }
    const sel = this.selected;
    if (sel >= 0 && sel < N && Number.isFinite(this.screen[2 * sel])) {
      const px = this.screen[2 * sel];
      const py = this.screen[2 * sel + 1];
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(px, py, 7, 0, 2 * Math.PI);
      ctx.stroke();
      const name = this.names[sel] ?? '';
      if (name) {
        ctx.font = '600 11px system-ui, sans-serif';
        ctx.textBaseline = 'middle';
        const tw = ctx.measureText(name).width;
        const lx = px + 10 + tw > this.box.x + this.box.w ? px - 10 - tw : px + 10;
        ctx.fillStyle = 'rgba(7,10,16,0.75)';
        ctx.fillRect(lx - 3, py - 8, tw + 6, 16);
        ctx.fillStyle = '#ffffff';
        ctx.fillText(name, lx, py);
      }
    }
  }

  /** Asks the live worker for the selected satellite's ground track when it has none near the drawn time. */
  private maybeRequestTrack(v: LiveView, timeMs: number): void {
    const sel = this.selected;
    if (sel < 0 || sel >= v.b.flags.length || this.trackBusy) return;
    const t = this.track;
    if (t && t.index === sel && Math.abs(timeMs - t.centreMs) < t.data.periodMs / 4) return;
    this.trackBusy = true;
    this.cb.groundTrack(sel, timeMs, TRACK_SAMPLES, TRACK_PERIODS).then(
      (data) => {
        this.trackBusy = false;
        if (sel !== this.selected || !data) return;
        this.track = { index: sel, data, centreMs: timeMs };
        this.invalidate();
      },
      () => {
        this.trackBusy = false;
      },
    );
  }

  private pick(e: MouseEvent): number {
    const rect = this.canvas.getBoundingClientRect();
    const qx = e.clientX - rect.left;
    const qy = e.clientY - rect.top;
    let best = -1;
    let bd = 10 * 10;
    const s = this.screen;
    for (let i = 0; i < s.length / 2; i++) {
      const d = (s[2 * i] - qx) ** 2 + (s[2 * i + 1] - qy) ** 2;
      if (d < bd) {
        bd = d;
        best = i;
      }
    }
    return best;
  }

  private hover(e: PointerEvent): void {
    const i = this.pick(e);
    this.canvas.style.cursor = i >= 0 ? 'pointer' : '';
    if (i < 0) {
      this.tip.hidden = true;
      return;
    }
    this.tip.textContent = this.names[i] ?? `#${i + 1}`;
    this.tip.hidden = false;
    this.tip.style.left = `${this.screen[2 * i] + 10}px`;
    this.tip.style.top = `${this.screen[2 * i + 1] - 22}px`;
  }

  dispose(): void {
    this.observer.disconnect();
  }
}
