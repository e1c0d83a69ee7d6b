/**
 * Generates assets/earth-day.png, the Earth's day-side texture, offline from
 * Natural Earth land and country polygons (public domain) as shipped in the
 * `world-atlas` npm package (TopoJSON, 1:50m). Equirectangular projection:
 * x = 0 at longitude −180°, y = 0 at latitude +90°.
 *
 * Land colours follow a latitude biome model (tropical forest, subtropical
 * desert belt, temperate, boreal, polar ice) with smooth fractal noise;
 * oceans shade from deep blue to lighter coastal shelves; country borders are
 * faint lines. It is an illustration, not survey data.
 *
 *   npx tsx scripts/make-earth-texture.ts [width]
 *
 * Run once when the look should change; the PNG is committed under assets/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';

interface Topology {
  transform: { scale: [number, number]; translate: [number, number] };
  arcs: number[][][];
  objects: Record<string, { type: string; geometries: Array<{ type: string; arcs: unknown }> }>;
}

const require = createRequire(import.meta.url);
const W = Number(process.argv[2] ?? 4096);
const H = W / 2;
const SS = 2; // supersampling of the land mask

function loadTopology(name: string): Topology {
  return JSON.parse(readFileSync(require.resolve(`world-atlas/${name}`), 'utf8')) as Topology;
}

/** Decodes quantised, delta-encoded arcs into [lon, lat] degree arrays. */
function decodeArcs(t: Topology): Float64Array[] {
  const [sx, sy] = t.transform.scale;
  const [tx, ty] = t.transform.translate;
  return t.arcs.map((arc) => {
    const out = new Float64Array(arc.length * 2);
    let x = 0;
    let y = 0;
    arc.forEach((p, i) => {
      x += p[0];
      y += p[1];
      out[2 * i] = x * sx + tx;
      out[2 * i + 1] = y * sy + ty;
    });
    return out;
  });
}

/** Joins a ring's arcs (negative index ~i = arc i reversed) into lon/lat pairs. */
function ringCoords(arcs: Float64Array[], ring: number[]): number[] {
  const out: number[] = [];
  for (const idx of ring) {
    const a = arcs[idx < 0 ? ~idx : idx];
    const n = a.length / 2;
    for (let k = 0; k < n; k++) {
      const j = idx < 0 ? n - 1 - k : k;
      if (out.length && k === 0) continue; // shared end point
      out.push(a[2 * j], a[2 * j + 1]);
    }
  }
  return out;
}

/**
 * Unwraps a ring's longitudes across the antimeridian; a ring that winds
 * round a pole (Antarctica) is closed along the pole.
 */
function unwrapRing(c: number[]): number[] {
  const out = c.slice();
  for (let i = 2; i < out.length; i += 2) {
    while (out[i] - out[i - 2] > 180) out[i] -= 360;
    while (out[i] - out[i - 2] < -180) out[i] += 360;
  }
  const span = out[out.length - 2] - out[0];
  if (Math.abs(span) > 180) {
    let latSum = 0;
    for (let i = 1; i < out.length; i += 2) latSum += out[i];
    const pole = latSum < 0 ? -90 : 90;
    out.push(out[out.length - 2], pole, out[0], pole);
  }
  return out;
}

/** Even-odd scanline fill of polygons (pixel coordinates) into a 0/1 mask. */
function fillPolygons(rings: number[][], w: number, h: number): Uint8Array {
  const mask = new Uint8Array(w * h);
  const xs: number[][] = Array.from({ length: h }, () => []);
  for (const r of rings) {
    const n = r.length / 2;
    for (let i = 0; i < n; i++) {
      const x0 = r[2 * i];
      const y0 = r[2 * i + 1];
      const x1 = r[2 * ((i + 1) % n)];
      const y1 = r[2 * ((i + 1) % n) + 1];
      if (y0 === y1) continue;
      const ya = Math.min(y0, y1);
      const yb = Math.max(y0, y1);
      for (let y = Math.max(0, Math.ceil(ya - 0.5)); y < Math.min(h, Math.ceil(yb - 0.5)); y++) {
        const yc = y + 0.5;
        xs[y].push(x0 + ((yc - y0) / (y1 - y0)) * (x1 - x0));
      }
    }
  }
  for (let y = 0; y < h; y++) {
    const row = xs[y].sort((a, b) => a - b);
    for (let k = 0; k + 1 < row.length; k += 2) {
      const a = Math.max(0, Math.ceil(row[k] - 0.5));
      const b = Math.min(w, Math.ceil(row[k + 1] - 0.5));
      for (let x = a; x < b; x++) mask[y * w + x] ^= 1;
    }
  }
  return mask;
}

function landRings(t: Topology, w: number, h: number): number[][] {
  const arcs = decodeArcs(t);
  const rings: number[][] = [];
  for (const g of t.objects.land.geometries) {
    const polys = (g.type === 'Polygon' ? [g.arcs] : g.arcs) as number[][][];
    for (const poly of polys) {
      for (const ring of poly) {
        const ll = unwrapRing(ringCoords(arcs, ring));
        for (const offset of [-360, 0, 360]) {
          const px: number[] = [];
          let inside = false;
          for (let i = 0; i < ll.length; i += 2) {
            const x = ((ll[i] + offset + 180) / 360) * w;
            const y = ((90 - ll[i + 1]) / 180) * h;
            if (x > -w * 0.5 && x < w * 1.5) inside = true;
            px.push(x, y);
          }
          if (inside) rings.push(px);
        }
      }
    }
  }
  return rings;
}

/** Arcs used by two different countries: the land borders. */
function borderArcs(t: Topology): Float64Array[] {
  const arcs = decodeArcs(t);
  const owners = new Map<number, Set<number>>();
  t.objects.countries.geometries.forEach((g, gi) => {
    const polys = (g.type === 'Polygon' ? [g.arcs] : g.type === 'MultiPolygon' ? g.arcs : []) as number[][][];
    for (const poly of polys)
      for (const ring of poly)
        for (const idx of ring) {
          const a = idx < 0 ? ~idx : idx;
          let s = owners.get(a);
          if (!s) owners.set(a, (s = new Set()));
          s.add(gi);
        }
  });
  const out: Float64Array[] = [];
  for (const [a, s] of owners) if (s.size > 1) out.push(arcs[a]);
  return out;
}

// ---- smooth periodic value noise ----
function hash(ix: number, iy: number, seed: number): number {
  let h = (ix * 374761393 + iy * 668265263 + seed * 2147483647) | 0;
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

function valueNoise(u: number, v: number, period: number, seed: number): number {
  const x = u * period;
  const y = v * period;
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const fx = x - ix;
  const fy = y - iy;
  const sx = fx * fx * (3 - 2 * fx);
  const sy = fy * fy * (3 - 2 * fy);
  const px = (i: number) => ((i % period) + period) % period;
  const a = hash(px(ix), iy, seed);
  const b = hash(px(ix + 1), iy, seed);
  const c = hash(px(ix), iy + 1, seed);
  const d = hash(px(ix + 1), iy + 1, seed);
  return a + (b - a) * sx + (c - a) * sy + (a - b - c + d) * sx * sy;
}

function fbm(u: number, v: number, seed: number): number {
  let sum = 0;
  let amp = 0.5;
  let period = 12;
  for (let o = 0; o < 6; o++) {
    sum += amp * valueNoise(u, v, period, seed + o);
    amp *= 0.5;
    period *= 2;
  }
  return sum / 0.984375;
}

type Rgb = [number, number, number];
const mix = (a: Rgb, b: Rgb, t: number): Rgb => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
const smooth = (e0: number, e1: number, x: number) => {
  const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
};

const TROPIC: Rgb = [38, 78, 34];
const DESERT: Rgb = [178, 152, 104];
const STEPPE: Rgb = [122, 120, 72];
const TEMPERATE: Rgb = [64, 92, 46];
const BOREAL: Rgb = [44, 64, 44];
const TUNDRA: Rgb = [110, 112, 96];
const ICE: Rgb = [226, 232, 238];
const DEEP: Rgb = [8, 28, 66];
const SHELF: Rgb = [22, 70, 118];

function landColour(latDeg: number, n: number, n2: number): Rgb {
  const a = Math.abs(latDeg) + (n - 0.5) * 18;
  let c = mix(TROPIC, STEPPE, smooth(10, 17, a));
  c = mix(c, DESERT, smooth(16, 22, a) * (1 - smooth(30, 37, a)) * smooth(0.35, 0.6, n2 + 0.15));
  c = mix(c, TEMPERATE, smooth(33, 40, a));
  c = mix(c, BOREAL, smooth(50, 56, a));
  c = mix(c, TUNDRA, smooth(62, 67, a));
  c = mix(c, ICE, smooth(68, 72, a));
  if (latDeg < -60) c = ICE;
  const shade = 0.78 + 0.44 * n2;
  return [c[0] * shade, c[1] * shade, c[2] * shade];
}

/** Distance (pixels, capped) from each sea pixel to the nearest land pixel: two-pass chamfer. */
function coastDistance(land: Uint8Array, w: number, h: number, cap: number): Float32Array {
  const d = new Float32Array(w * h);
  for (let i = 0; i < d.length; i++) d[i] = land[i] ? 0 : cap;
  const D = Math.SQRT2;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      let v = d[i];
      const xl = (x - 1 + w) % w;
      v = Math.min(v, d[y * w + xl] + 1);
      if (y > 0) v = Math.min(v, d[(y - 1) * w + x] + 1, d[(y - 1) * w + xl] + D, d[(y - 1) * w + ((x + 1) % w)] + D);
      d[i] = v;
    }
  for (let y = h - 1; y >= 0; y--)
    for (let x = w - 1; x >= 0; x--) {
      const i = y * w + x;
      let v = d[i];
      const xr = (x + 1) % w;
      v = Math.min(v, d[y * w + xr] + 1);
      if (y < h - 1) v = Math.min(v, d[(y + 1) * w + x] + 1, d[(y + 1) * w + xr] + D, d[(y + 1) * w + ((x - 1 + w) % w)] + D);
      d[i] = v;
    }
  return d;
}

// ---- PNG (RGB, 8 bit, filter chosen per row) ----
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function encodePngRgb(rgb: Uint8Array, w: number, h: number): Buffer {
  const stride = w * 3;
  const raw = new Uint8Array((stride + 1) * h);
  const cand = new Uint8Array(stride);
  for (let y = 0; y < h; y++) {
    const row = rgb.subarray(y * stride, (y + 1) * stride);
    const up = y > 0 ? rgb.subarray((y - 1) * stride, y * stride) : new Uint8Array(stride);
    let best = 0;
    let bestScore = Infinity;
    let bestRow: Uint8Array = row.slice();
    for (let f = 0; f <= 4; f++) {
      let score = 0;
      for (let i = 0; i < stride; i++) {
        const a = i >= 3 ? row[i - 3] : 0;
        const b = up[i];
        const c = i >= 3 ? up[i - 3] : 0;
        let p: number;
        if (f === 0) p = 0;
        else if (f === 1) p = a;
        else if (f === 2) p = b;
        else if (f === 3) p = (a + b) >> 1;
        else {
          const pa = Math.abs(b - c);
          const pb = Math.abs(a - c);
          const pc = Math.abs(a + b - 2 * c);
          p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }
        const v = (row[i] - p) & 0xff;
        cand[i] = v;
        score += v < 128 ? v : 256 - v;
      }
      if (score < bestScore) {
        bestScore = score;
        best = f;
        bestRow = cand.slice();
      }
    }
    raw[y * (stride + 1)] = best;
    raw.set(bestRow, y * (stride + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

function main(): void {
  const land50 = loadTopology('land-50m.json');
  const countries = loadTopology('countries-50m.json');
  const mw = W * SS;
  const mh = H * SS;
  const maskHi = fillPolygons(landRings(land50, mw, mh), mw, mh);
  // Land coverage per output pixel (0…1) from the supersampled mask.
  const cover = new Float32Array(W * H);
  const land = new Uint8Array(W * H);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      let s = 0;
      for (let dy = 0; dy < SS; dy++) for (let dx = 0; dx < SS; dx++) s += maskHi[(y * SS + dy) * mw + x * SS + dx];
      cover[y * W + x] = s / (SS * SS);
      land[y * W + x] = s * 2 >= SS * SS ? 1 : 0;
    }
  const shelfPx = (W / 4096) * 14;
  const dist = coastDistance(land, W, H, shelfPx);
  const rgb = new Uint8Array(W * H * 3);
  for (let y = 0; y < H; y++) {
    const lat = 90 - ((y + 0.5) / H) * 180;
    const v = (y + 0.5) / H;
    for (let x = 0; x < W; x++) {
      const u = (x + 0.5) / W;
      const i = y * W + x;
      const n = fbm(u, v, 11);
      const n2 = fbm(u, v, 97);
      const sea = mix(SHELF, DEEP, smooth(0, 1, dist[i] / shelfPx) * 0.8 + 0.2 * n);
      const seaIce = lat > 80 ? smooth(80, 88, lat) * smooth(0.3, 0.7, n) * 0.75 : 0;
      const seaC = mix(sea, ICE, lat > 0 ? seaIce : 0);
      const c = mix(seaC, landColour(lat, n, n2), cover[i]);
      rgb[3 * i] = Math.max(0, Math.min(255, Math.round(c[0])));
      rgb[3 * i + 1] = Math.max(0, Math.min(255, Math.round(c[1])));
      rgb[3 * i + 2] = Math.max(0, Math.min(255, Math.round(c[2])));
    }
  }
  // Country borders: faint light lines.
  for (const arc of borderArcs(countries)) {
    for (let k = 0; k + 3 < arc.length; k += 2) {
      const x0 = ((arc[k] + 180) / 360) * W;
      const y0 = ((90 - arc[k + 1]) / 180) * H;
      const x1 = ((arc[k + 2] + 180) / 360) * W;
      const y1 = ((90 - arc[k + 3]) / 180) * H;
      if (Math.abs(x1 - x0) > W / 2) continue;
      const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) * 2));
      for (let s = 0; s <= steps; s++) {
        const t = s / steps;
        const px = Math.floor(x0 + (x1 - x0) * t);
        const py = Math.floor(y0 + (y1 - y0) * t);
        if (px < 0 || px >= W || py < 0 || py >= H) continue;
        const i = py * W + px;
        for (let ch = 0; ch < 3; ch++) rgb[3 * i + ch] = Math.min(255, Math.round(rgb[3 * i + ch] * 0.72 + 210 * 0.28));
      }
    }
  }
  const png = encodePngRgb(rgb, W, H);
  writeFileSync('assets/earth-day.png', png);
  console.log(`assets/earth-day.png ${W}×${H}, ${(png.length / 1e6).toFixed(2)} MB`);
}

main();
