/**
 * Canvas plots for sweep results: a scatter plot (optionally joined by a line
 * in x order, optionally with a highlighted Pareto front) and a heat map over
 * two swept fields with a colour bar. Both show a readout on hover and report
 * clicks on a point / cell. Labels are drawn as canvas text; the readout is a
 * DOM element filled with textContent.
 */

const FONT = '11px system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif';
const AXIS_COLOUR = '#9aa4b2';
const GRID = 'rgba(255,255,255,0.07)';
const BG = '#0e131c';

/** The smallest round step (1, 2, 2.5 or 5 × 10^k) at least `raw` (> 0). */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const mag = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw * (1 - 1e-12)) ?? 10 * mag;
}

/** About `count` round tick values covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) {
    const d = Math.abs(min) > 0 ? Math.abs(min) * 0.1 : 1;
    min -= d;
    max += d;
  }
  const step = niceStep((max - min) / Math.max(1, count));
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

export function tickLabel(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${Number((v / 1e9).toPrecision(3))}G`;
  if (a >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  if (a >= 1e4) return `${Number((v / 1e3).toPrecision(3))}k`;
  if (a !== 0 && a < 1e-3) return v.toExponential(1);
  return String(Number(v.toPrecision(4)));
}

/** Viridis-like colour for t in [0, 1]. */
export function heatColour(t: number): string {
  const stops = [
    [68, 1, 84],
    [59, 82, 139],
    [33, 145, 140],
    [94, 201, 98],
    [253, 231, 37],
  ];
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const c = stops[i].map((a, k) => Math.round(a + (stops[i + 1][k] - a) * f));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

abstract class CanvasPlot {
  readonly canvas: HTMLCanvasElement;
  protected readonly readout: HTMLElement;
  protected w = 0;
  protected h = 0;
  private readonly observer: ResizeObserver;
  private pending = false;

  constructor(readonly container: HTMLElement) {
    container.classList.add('canvas-plot');
    this.canvas = document.createElement('canvas');
    this.readout = document.createElement('div');
    this.readout.className = 'plot-readout';
    this.readout.hidden = true;
    container.append(this.canvas, this.readout);
    this.canvas.addEventListener('pointermove', (e) => this.hover(this.local(e)));
    this.canvas.addEventListener('pointerleave', () => {
      this.readout.hidden = true;
      this.canvas.style.cursor = '';
    });
    this.canvas.addEventListener('click', (e) => this.click(this.local(e)));
    this.observer = new ResizeObserver(() => this.schedule());
    this.observer.observe(container);
  }

  private local(e: MouseEvent): { x: number; y: number } {
    const r = this.canvas.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }

  protected schedule(): void {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.draw();
    });
  }

  /** Sizes the backing store to the container and returns a context in CSS pixels. */
  protected begin(): CanvasRenderingContext2D | null {
    const w = Math.max(120, this.container.clientWidth);
    const h = Math.max(100, this.container.clientHeight);
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    if (this.canvas.width !== Math.round(w * dpr) || this.canvas.height !== Math.round(h * dpr)) {
      this.canvas.width = Math.round(w * dpr);
      this.canvas.height = Math.round(h * dpr);
      this.canvas.style.width = `${w}px`;
      this.canvas.style.height = `${h}px`;
    }
    this.w = w;
    this.h = h;
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return null;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = BG;
    ctx.fillRect(0, 0, w, h);
    ctx.font = FONT;
    return ctx;
  }

  protected showReadout(lines: string[], x: number, y: number): void {
    this.readout.replaceChildren(
      ...lines.map((t, i) => {
        const d = document.createElement('div');
        if (i === 0) d.className = 'plot-readout-title';
        d.textContent = t;
        return d;
      }),
    );
    this.readout.hidden = false;
    const rw = this.readout.offsetWidth;
    const rh = this.readout.offsetHeight;
    this.readout.style.left = `${Math.min(this.w - rw - 4, x + 12)}px`;
    this.readout.style.top = `${Math.max(4, Math.min(this.h - rh - 4, y - rh - 8))}px`;
  }

  abstract draw(): void;
  protected abstract hover(p: { x: number; y: number }): void;
  protected abstract click(p: { x: number; y: number }): void;

  dispose(): void {
    this.observer.disconnect();
  }
}

export interface PlotPoint {
  x: number;
  y: number;
  /** Caller's id (e.g. sweep point index). */
  id: number;
}

export interface ScatterSpec {
  xLabel: string;
  yLabel: string;
  points: PlotPoint[];
  /** Join the points in x order (KPI against one swept field). */
  line?: boolean;
  /** Ids of points on a Pareto front (drawn brighter and joined); others dimmed. */
  front?: number[];
  colour: string;
  /** Readout lines for a point (first line is the title). */
  describe(p: PlotPoint): string[];
  onClick?(p: PlotPoint): void;
  /** Text shown when there is nothing to plot. */
  empty?: string;
  /** Axis tick text (default: tickLabel). */
  xFormat?(v: number): string;
  yFormat?(v: number): string;
}

const M = { l: 58, r: 14, t: 12, b: 40 };

export class ScatterPlot extends CanvasPlot {
  private spec: ScatterSpec | undefined;
  private screen: Array<{ p: PlotPoint; sx: number; sy: number }> = [];
  private hoverId = -1;

  set(spec: ScatterSpec): void {
    this.spec = spec;
    this.draw();
  }

  draw(): void {
    const ctx = this.begin();
    const s = this.spec;
    if (!ctx || !s) return;
    const pts = s.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
    const pw = this.w - M.l - M.r;
    const ph = this.h - M.t - M.b;
    let x0 = Math.min(...pts.map((p) => p.x));
    let x1 = Math.max(...pts.map((p) => p.x));
    let y0 = Math.min(...pts.map((p) => p.y));
    let y1 = Math.max(...pts.map((p) => p.y));
    if (!pts.length) {
      x0 = 0;
      x1 = 1;
      y0 = 0;
      y1 = 1;
    }
    const xt = niceTicks(x0, x1, Math.max(2, Math.floor(pw / 90)));
    const yt = niceTicks(y0, y1, Math.max(2, Math.floor(ph / 40)));
    const xa = Math.min(x0, xt[0] ?? x0);
    const xb = Math.max(x1, xt[xt.length - 1] ?? x1);
    const ya = Math.min(y0, yt[0] ?? y0);
    const yb = Math.max(y1, yt[yt.length - 1] ?? y1);
    const pad = (a: number, b: number) => (b > a ? (b - a) * 0.04 : 1);
    const [ax, bx] = [xa - pad(xa, xb), xb + pad(xa, xb)];
    const [ay, by] = [ya - pad(ya, yb), yb + pad(ya, yb)];
    const X = (v: number) => M.l + ((v - ax) / (bx - ax)) * pw;
    const Y = (v: number) => M.t + ph - ((v - ay) / (by - ay)) * ph;
    // Grid and axes.
    ctx.strokeStyle = GRID;
    ctx.lineWidth = 1;
    ctx.fillStyle = AXIS_COLOUR;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const v of xt) {
      const x = Math.round(X(v)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(x, M.t);
      ctx.lineTo(x, M.t + ph);
      ctx.stroke();
      ctx.fillText((s.xFormat ?? tickLabel)(v), x, M.t + ph + 5);
    }
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const v of yt) {
      const y = Math.round(Y(v)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(M.l, y);
      ctx.lineTo(M.l + pw, y);
      ctx.stroke();
      ctx.fillText((s.yFormat ?? tickLabel)(v), M.l - 6, y);
    }
    ctx.strokeStyle = 'rgba(255,255,255,0.25)';
    ctx.strokeRect(M.l + 0.5, M.t + 0.5, pw, ph);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillText(s.xLabel, M.l + pw / 2, this.h - 4);
    ctx.save();
    ctx.translate(12, M.t + ph / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = 'middle';
    ctx.fillText(s.yLabel, 0, 0);
    ctx.restore();
    if (!pts.length) {
      ctx.fillStyle = '#5d687a';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(s.empty ?? 'No results yet', M.l + pw / 2, M.t + ph / 2);
      this.screen = [];
      return;
    }
    const byX = [...pts].sort((a, b) => a.x - b.x);
    if (s.line) {
      ctx.strokeStyle = s.colour;
      ctx.lineWidth = 1.75;
      ctx.beginPath();
      byX.forEach((p, i) => (i ? ctx.lineTo(X(p.x), Y(p.y)) : ctx.moveTo(X(p.x), Y(p.y))));
      ctx.stroke();
    }
    const front = new Set(s.front ?? []);
    if (s.front && s.front.length > 1) {
      const fp = byX.filter((p) => front.has(p.id));
      ctx.strokeStyle = s.colour;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([5, 4]);
      ctx.beginPath();
      fp.forEach((p, i) => (i ? ctx.lineTo(X(p.x), Y(p.y)) : ctx.moveTo(X(p.x), Y(p.y))));
      ctx.stroke();
      ctx.setLineDash([]);
    }
    this.screen = [];
    for (const p of pts) {
      const sx = X(p.x);
      const sy = Y(p.y);
      this.screen.push({ p, sx, sy });
      const onFront = !s.front || front.has(p.id);
      ctx.beginPath();
      ctx.arc(sx, sy, p.id === this.hoverId ? 6 : onFront ? 4.5 : 3.5, 0, 2 * Math.PI);
      ctx.fillStyle = onFront ? s.colour : 'rgba(140,151,169,0.55)';
      ctx.fill();
      ctx.lineWidth = 1.25;
      ctx.strokeStyle = p.id === this.hoverId ? '#ffffff' : '#070a10';
      ctx.stroke();
    }
  }

  private nearest(q: { x: number; y: number }): { p: PlotPoint; sx: number; sy: number } | undefined {
    let best: { p: PlotPoint; sx: number; sy: number } | undefined;
    let bd = 14 * 14;
    for (const s of this.screen) {
      const d = (s.sx - q.x) ** 2 + (s.sy - q.y) ** 2;
      if (d < bd) {
        bd = d;
        best = s;
      }
    }
    return best;
  }

  protected hover(q: { x: number; y: number }): void {
    const n = this.nearest(q);
    const id = n ? n.p.id : -1;
    if (id !== this.hoverId) {
      this.hoverId = id;
      this.draw();
    }
    this.canvas.style.cursor = n && this.spec?.onClick ? 'pointer' : '';
    if (!n || !this.spec) {
      this.readout.hidden = true;
      return;
    }
    this.showReadout(this.spec.describe(n.p), n.sx, n.sy);
  }

  protected click(q: { x: number; y: number }): void {
    const n = this.nearest(q);
    if (n && this.spec?.onClick) this.spec.onClick(n.p);
  }

  /** Screen position (CSS px, relative to the canvas) of point `id`, for tests and tours. */
  pointPosition(id: number): { x: number; y: number } | undefined {
    const s = this.screen.find((t) => t.p.id === id);
    return s ? { x: s.sx, y: s.sy } : undefined;
  }
}

export interface HeatSpec {
  xLabel: string;
  yLabel: string;
  /** Cell and colour-bar text of a value (default: tickLabel). */
  format?(v: number): string;
  xs: readonly number[];
  ys: readonly number[];
  /** Value of cell (ix, iy) at ix · ys.length + iy; NaN when missing. */
  values: ArrayLike<number>;
  valueLabel: string;
  describe(ix: number, iy: number): string[];
  onClick?(ix: number, iy: number): void;
}

const HM = { l: 64, r: 84, t: 12, b: 40 };

export class HeatMap extends CanvasPlot {
  private spec: HeatSpec | undefined;
  private hoverCell = -1;

  set(spec: HeatSpec): void {
    this.spec = spec;
    this.draw();
  }

  private geometry() {
    const s = this.spec!;
    const pw = this.w - HM.l - HM.r;
    const ph = this.h - HM.t - HM.b;
    return { pw, ph, cw: pw / Math.max(1, s.xs.length), ch: ph / Math.max(1, s.ys.length) };
  }

  draw(): void {
    const ctx = this.begin();
    const s = this.spec;
    if (!ctx || !s) return;
    const { pw, ph, cw, ch } = this.geometry();
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < s.values.length; i++) {
      const v = s.values[i];
      if (Number.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    const t = (v: number) => (hi > lo ? (v - lo) / (hi - lo) : 0.5);
    const ny = s.ys.length;
    for (let ix = 0; ix < s.xs.length; ix++) {
      for (let iy = 0; iy < ny; iy++) {
        const v = s.values[ix * ny + iy];
        const x = HM.l + ix * cw;
        const y = HM.t + ph - (iy + 1) * ch;
        ctx.fillStyle = Number.isFinite(v) ? heatColour(t(v)) : '#161d29';
        ctx.fillRect(x + 0.5, y + 0.5, Math.max(1, cw - 1), Math.max(1, ch - 1));
        if (ix * ny + iy === this.hoverCell) {
          ctx.strokeStyle = '#ffffff';
          ctx.lineWidth = 2;
          ctx.strokeRect(x + 1.5, y + 1.5, cw - 3, ch - 3);
        }
        if (Number.isFinite(v) && cw > 44 && ch > 18) {
          ctx.fillStyle = t(v) > 0.6 ? '#111' : '#eef2f7';
          ctx.textAlign = 'center';
          ctx.textBaseline = 'middle';
          ctx.fillText((s.format ?? tickLabel)(v), x + cw / 2, y + ch / 2);
        }
      }
    }
    // Axes: one label per cell, thinned to fit.
    ctx.fillStyle = AXIS_COLOUR;
    const every = (n: number, space: number, need: number) => Math.max(1, Math.ceil(need / Math.max(1, space / Math.max(1, n))));
    const ex = every(s.xs.length, pw, 46);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    s.xs.forEach((v, i) => {
      if (i % ex === 0) ctx.fillText(tickLabel(v), HM.l + (i + 0.5) * cw, HM.t + ph + 5);
    });
    const ey = every(ny, ph, 16);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    s.ys.forEach((v, i) => {
      if (i % ey === 0) ctx.fillText(tickLabel(v), HM.l - 6, HM.t + ph - (i + 0.5) * ch);
    });
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillText(s.xLabel, HM.l + pw / 2, this.h - 4);
    ctx.save();
    ctx.translate(12, HM.t + ph / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = 'middle';
    ctx.fillText(s.yLabel, 0, 0);
    ctx.restore();
    // Colour bar.
    const bx = this.w - HM.r + 14;
    const bh = ph;
    for (let k = 0; k < bh; k++) {
      ctx.fillStyle = heatColour(1 - k / bh);
      ctx.fillRect(bx, HM.t + k, 12, 1);
    }
    ctx.strokeStyle = 'rgba(255,255,255,0.25)';
    ctx.strokeRect(bx + 0.5, HM.t + 0.5, 12, bh);
    ctx.fillStyle = AXIS_COLOUR;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    const fmt = s.format ?? tickLabel;
    if (Number.isFinite(hi)) ctx.fillText(fmt(hi), bx + 16, HM.t);
    ctx.textBaseline = 'bottom';
    if (Number.isFinite(lo)) ctx.fillText(fmt(lo), bx + 16, HM.t + bh);
  }

  private cellAt(q: { x: number; y: number }): { ix: number; iy: number } | undefined {
    const s = this.spec;
    if (!s) return undefined;
    const { ph, cw, ch } = this.geometry();
    const ix = Math.floor((q.x - HM.l) / cw);
    const iy = Math.floor((HM.t + ph - q.y) / ch);
    if (ix < 0 || iy < 0 || ix >= s.xs.length || iy >= s.ys.length) return undefined;
    return { ix, iy };
  }

  protected hover(q: { x: number; y: number }): void {
    const c = this.cellAt(q);
    const s = this.spec;
    const id = c && s ? c.ix * s.ys.length + c.iy : -1;
    if (id !== this.hoverCell) {
      this.hoverCell = id;
      this.draw();
    }
    this.canvas.style.cursor = c && s?.onClick ? 'pointer' : '';
    if (!c || !s) {
      this.readout.hidden = true;
      return;
    }
    this.showReadout(s.describe(c.ix, c.iy), q.x, q.y);
  }

  protected click(q: { x: number; y: number }): void {
    const c = this.cellAt(q);
    if (c && this.spec?.onClick) this.spec.onClick(c.ix, c.iy);
  }

  /** Centre of cell (ix, iy), CSS px relative to the canvas. */
  cellPosition(ix: number, iy: number): { x: number; y: number } {
    const { ph, cw, ch } = this.geometry();
    return { x: HM.l + (ix + 0.5) * cw, y: HM.t + ph - (iy + 0.5) * ch };
  }
}
