/**
 * PNG exports: the 3D view(s) and the charts on screen, composed onto one 2D
 * canvas with titles, legends and a caption (design names, input hashes, sim
 * time). WebGL canvases must be drawn right after a render in the same task
 * (the drawing buffer is not preserved), which the caller arranges.
 */

export interface ChartImage {
  title: string;
  canvas: HTMLCanvasElement;
  /** [name, colour] legend entries drawn under the title. */
  legend: Array<[string, string]>;
}

export interface ViewImage {
  canvas: HTMLCanvasElement;
  label: string;
  colour: string;
}

const BG = '#070a10';
const PANEL = '#0e131c';
const TEXT = '#d9dfe9';
const MUTED = '#8c97a9';
const FONT = 'system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif';

export function canvasToPng(c: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => c.toBlob((b) => (b ? resolve(b) : reject(new Error('could not encode PNG'))), 'image/png'));
}

function caption(ctx: CanvasRenderingContext2D, text: string, w: number, y: number): void {
  ctx.fillStyle = MUTED;
  ctx.font = `12px ${FONT}`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.fillText(text, 10, y, w - 20);
}

/** Side-by-side 3D views with a label per view and a caption line; call right after rendering. */
export function composeViews(views: readonly ViewImage[], captionText: string): HTMLCanvasElement {
  const gap = views.length > 1 ? 2 : 0;
  const w = views.reduce((s, v) => s + v.canvas.width, 0) + gap * (views.length - 1);
  const h = Math.max(...views.map((v) => v.canvas.height)) + 28;
  const out = document.createElement('canvas');
  out.width = Math.max(1, w);
  out.height = Math.max(1, h);
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = BG;
  ctx.fillRect(0, 0, w, h);
  let x = 0;
  for (const v of views) {
    ctx.drawImage(v.canvas, x, 0);
    if (v.label) {
      ctx.font = `600 13px ${FONT}`;
      const tw = ctx.measureText(v.label).width;
      ctx.fillStyle = 'rgba(10,14,22,0.8)';
      ctx.fillRect(x + 10, 10, tw + 34, 24);
      ctx.fillStyle = v.colour;
      ctx.beginPath();
      ctx.arc(x + 22, 22, 5, 0, 2 * Math.PI);
      ctx.fill();
      ctx.fillStyle = TEXT;
      ctx.textBaseline = 'middle';
      ctx.fillText(v.label, x + 34, 22);
    }
    x += v.canvas.width + gap;
  }
  caption(ctx, captionText, w, h - 14);
  return out;
}

/** Charts in a grid of `columns`, each with its title and legend; a caption line at the bottom. */
export function composeCharts(charts: readonly ChartImage[], captionText: string, columns = 2): HTMLCanvasElement {
  const cols = Math.max(1, Math.min(columns, charts.length));
  const rows = Math.ceil(charts.length / cols);
  const cw = Math.max(200, ...charts.map((c) => c.canvas.width));
  const ch = Math.max(100, ...charts.map((c) => c.canvas.height));
  const head = 44;
  const cellW = cw + 16;
  const cellH = ch + head + 10;
  const out = document.createElement('canvas');
  out.width = cols * cellW + 8;
  out.height = rows * cellH + 36;
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = BG;
  ctx.fillRect(0, 0, out.width, out.height);
  charts.forEach((c, i) => {
    const x = 8 + (i % cols) * cellW;
    const y = 8 + Math.floor(i / cols) * cellH;
    ctx.fillStyle = PANEL;
    ctx.fillRect(x, y, cellW - 8, cellH - 8);
    ctx.fillStyle = TEXT;
    ctx.font = `600 13px ${FONT}`;
    ctx.textBaseline = 'top';
    ctx.textAlign = 'left';
    ctx.fillText(c.title, x + 8, y + 6, cellW - 24);
    let lx = x + 8;
    ctx.font = `11px ${FONT}`;
    for (const [name, colour] of c.legend) {
      const tw = ctx.measureText(name).width;
      if (lx + tw + 20 > x + cellW - 16) break;
      ctx.fillStyle = colour;
      ctx.fillRect(lx, y + 27, 10, 3);
      ctx.fillStyle = MUTED;
      ctx.fillText(name, lx + 14, y + 23);
      lx += tw + 28;
    }
    ctx.drawImage(c.canvas, x + 4, y + head);
  });
  caption(ctx, captionText, out.width, out.height - 16);
  return out;
}
