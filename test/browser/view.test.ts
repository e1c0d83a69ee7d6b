// Issue 14, the 3D view: the app starts paused and draws no frames while
// nothing changes; the Earth is the NASA imagery (ocean blue on the day side,
// city lights on the night side); hovering names satellites and stations;
// Follow keeps the selected satellite at the centre of the canvas (white
// selection ring found in the screenshot) while the clock plays, down to
// below 1 km, in inertial and LVLH frames; the ground track agrees with the
// inspector's sub-satellite point; legend and inspector collapse and leave
// most of the view free at 1280×720, 1920×1080 and 1024×700 (screenshots in
// test-artifacts/); the shortcut help opens with '?'.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACT_DIR, openPage, startHarness, type Harness } from '../support/browser';
import { isPlaying, pollUntil, screenshotImage, setPlaying, simTime, text, waitDone } from '../support/app-page';
import type { Image } from '../support/png';
import type { ViewDiagnostics } from '../../src/ui/design-view';
import type { CameraState } from '../../src/view/CameraRig';

let h: Harness;
let page: Page;
const errors: string[] = [];

type DiagWindow = Window & { ocsDiagnostics: { view: ViewDiagnostics }; __rafCount?: number };

const follow = () => page.evaluate(() => (window as unknown as DiagWindow).ocsDiagnostics.view.follow());
const setCamera = (s: CameraState) => page.evaluate((c) => (window as unknown as DiagWindow).ocsDiagnostics.view.setCamera(c), s);
const canvasBox = async () => (await page.locator('#view canvas').boundingBox())!;
/** Keys go to the page, not to a field that has the focus. */
const blur = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

/** Pixels of the canvas image inside a circle (canvas px) that pass `test`, and how many were looked at. */
function countIn(img: Image, cx: number, cy: number, r: number, test: (R: number, G: number, B: number) => boolean): { hits: number; total: number } {
  let hits = 0;
  let total = 0;
  for (let y = Math.max(0, Math.floor(cy - r)); y < Math.min(img.height, cy + r); y++) {
    for (let x = Math.max(0, Math.floor(cx - r)); x < Math.min(img.width, cx + r); x++) {
      if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) continue;
      const i = 4 * (y * img.width + x);
      total++;
      if (test(img.data[i], img.data[i + 1], img.data[i + 2])) hits++;
    }
  }
  return { hits, total };
}

/**
 * Centroid (canvas px) of the selection ring: near-white pixels (the ring is
 * #ffffff, 16 px across; the Earth and links are not that white, and a star
 * this close to the centre is unlikely) within `r` of the canvas centre;
 * null when there are fewer than 12.
 */
function ringCentroid(img: Image, r = 12): { x: number; y: number; n: number } | null {
  const cx = img.width / 2;
  const cy = img.height / 2;
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let y = Math.floor(cy - r); y < cy + r; y++) {
    for (let x = Math.floor(cx - r); x < cx + r; x++) {
      const i = 4 * (y * img.width + x);
      if (img.data[i] > 245 && img.data[i + 1] > 245 && img.data[i + 2] > 245) {
        sx += x;
        sy += y;
        n++;
      }
    }
  }
  return n >= 12 ? { x: sx / n, y: sy / n, n } : null;
}

beforeAll(async () => {
  mkdirSync(ARTIFACT_DIR, { recursive: true });
  h = await startHarness();
  page = await openPage(h, '?diagnostics=1', errors);
  await waitDone(page);
}, 180_000);

afterAll(async () => {
  await page?.close();
  await h?.close();
});

describe('3D view', () => {
  it('starts paused, and paused and untouched it requests no frames', async () => {
    expect(await isPlaying(page)).toBe(false);
    const t0 = await simTime(page);
    expect(t0).toBe(Date.parse('2026-06-21T00:00:00Z'));
    // Let the frames that the result and the live worker asked for run out.
    await page.waitForTimeout(2500);
    await page.evaluate(() => {
      const w = window as unknown as DiagWindow;
      w.__rafCount = 0;
      const orig = window.requestAnimationFrame.bind(window);
      window.requestAnimationFrame = (cb) => {
        w.__rafCount!++;
        return orig(cb);
      };
    });
    await page.waitForTimeout(2000);
    // A display-rate loop would have asked ≈ 120 times in 2 s.
    expect(await page.evaluate(() => (window as unknown as DiagWindow).__rafCount)).toBeLessThan(6);
    expect(await simTime(page)).toBe(t0);
    // Input wakes the loop: a wheel turn over the view zooms in (the camera distance shrinks).
    const box = await canvasBox();
    const before = Number(await page.getAttribute('#view', 'data-camera-distance-km'));
    await page.mouse.move(box.x + box.width * 0.3, box.y + 30);
    await page.mouse.wheel(0, -200);
    await pollUntil(async () => Number(await page.getAttribute('#view', 'data-camera-distance-km')), (d) => d < before * 0.99, 'zoom after wheel', 10_000);
  });

  it('draws the NASA imagery: ocean blue on the day side, city lights on the night side', async () => {
    const sun = await page.evaluate(() => (window as unknown as DiagWindow).ocsDiagnostics.view.sunDirection());
    const box = await canvasBox();
    // The Earth's disc at ≥ 2.2 Earth radii (angular radius asin(1/2.2) = 27°, in a 40° field of view ≈ 1.4 × half the height):
    // a circle of 0.4 × half the height around the centre is all Earth.
    const inner = 0.4 * (box.height / 2);
    const look = async (position: [number, number, number]) => {
      await setCamera({ position, target: [0, 0, 0], follow: -1, frame: 'inertial' });
      // Two renders of the new camera.
      await page.waitForTimeout(600);
      return screenshotImage(page, '#view canvas');
    };
    // Day: from the Sun's direction (the sub-solar point at the centre: the Pacific at 00:00 UTC).
    const day = await look([3.2 * sun[0], 3.2 * sun[1], 3.2 * sun[2]]);
    const ocean = countIn(day, day.width / 2, day.height / 2, inner, (r, g, b) => b > 40 && b > r + 20 && b > g + 10);
    const land = countIn(day, day.width / 2, day.height / 2, inner, (r, g, b) => r + g > 150 && r >= b && g >= b - 10);
    // Night: over Europe at 01:00 local time, i.e. 73° north of the anti-solar point (latitude −23.4° at the June solstice → 49.6°).
    const n = sun[1];
    const north = [-n * sun[0], 1 - n * sun[1], -n * sun[2]];
    const nl = Math.hypot(north[0], north[1], north[2]);
    const a = (73 * Math.PI) / 180;
    const europe = [0, 1, 2].map((k) => 2.2 * (-Math.cos(a) * sun[k] + (Math.sin(a) * north[k]) / nl)) as [number, number, number];
    const night = await look(europe);
    // City lights: bright, neutral-to-warm pixels (the satellites' colours are saturated: green #35e07a, orange #ffb020 fail b > 90 or r > 150);
    // the ground between them is dark. The old painted texture had no lights at all.
    const lights = countIn(night, night.width / 2, night.height / 2, inner, (r, g, b) => r > 150 && g > 120 && b > 90 && r >= b);
    const dark = countIn(night, night.width / 2, night.height / 2, inner, (r, g, b) => r + g + b < 120);
    await page.screenshot({ path: `${ARTIFACT_DIR}/view-night-side.png` });
    expect(ocean.hits / ocean.total, 'day side: ocean-blue share').toBeGreaterThan(0.4);
    expect(land.hits / land.total, 'day side: land share').toBeGreaterThan(0.02);
    expect(lights.hits, 'night side: city-light pixels').toBeGreaterThan(150);
    expect(dark.hits / dark.total, 'night side: mostly dark').toBeGreaterThan(0.7);
    // Back to the default view.
    await setCamera({ position: [2.2, 1.6, 3.4], target: [0, 0, 0], follow: -1, frame: 'inertial' });
  });

  it('hovering a satellite shows its name and state; hovering a station its name', async () => {
    await page.waitForTimeout(500);
    const box = await canvasBox();
    const overlays = await page.evaluate(() => [...document.querySelectorAll('#view .overlay')].map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    const free = (p: { x: number; y: number }) =>
      p.x > box.x + 20 && p.x < box.x + box.width - 20 && p.y > box.y + 20 && p.y < box.y + box.height - 20 && !overlays.some((r) => p.x > r.left - 20 && p.x < r.right + 20 && p.y > r.top - 20 && p.y < r.bottom + 20);
    let hovered = false;
    for (let i = 0; i < 80 && !hovered; i++) {
      const p = await page.evaluate((k) => (window as unknown as DiagWindow).ocsDiagnostics.view.screenOf(k), i);
      if (!p || !free(p)) continue;
      await page.mouse.move(p.x, p.y);
      try {
        await page.waitForFunction(() => document.querySelector('[data-testid="hover-label"]')?.getAttribute('data-kind') === 'satellite', null, { timeout: 2000 });
      } catch {
        continue; // behind the Earth or another satellite
      }
      hovered = true;
      const label = await text(page, '[data-testid="hover-label"]');
      expect(label).toMatch(/^W\d\d-\d\d/);
      expect(label).toMatch(/Full compute|In eclipse|Power-limited|Thermal-limited|Storage-limited|Idle|Failed|Awaiting analysis/);
    }
    expect(hovered).toBe(true);
    let station = false;
    for (let k = 0; k < 5 && !station; k++) {
      const p = await page.evaluate((j) => (window as unknown as DiagWindow).ocsDiagnostics.view.stationScreenOf(j), k);
      if (!p || !free(p)) continue;
      await page.mouse.move(p.x, p.y);
      try {
        await page.waitForFunction(() => document.querySelector('[data-testid="hover-label"]')?.getAttribute('data-kind') === 'station', null, { timeout: 2000 });
      } catch {
        continue;
      }
      station = true;
      expect(await text(page, '[data-testid="hover-label"]')).toMatch(/^(Svalbard|Fairbanks|Wallops|Hartebeesthoek|Troll|Kourou|Malindi|Singapore).*ground station$/);
    }
    expect(station).toBe(true);
    await page.mouse.move(box.x + 5, box.y + box.height - 5);
    await page.waitForFunction(() => document.querySelector('[data-testid="hover-label"]')?.hasAttribute('hidden'));
  });

  it('the ground track passes through the inspector’s sub-satellite point', async () => {
    await page.fill('[name="find-satellite"]', 'W03-04');
    await page.press('[name="find-satellite"]', 'Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="inspector-name"]')?.textContent === 'W03-04');
    await page.waitForFunction(() => /°,/.test(document.querySelector('[data-field="latlon"]')?.textContent ?? ''));
    const g = await pollUntil(() => page.evaluate(() => (window as unknown as DiagWindow).ocsDiagnostics.view.groundTrack()), (x) => x !== null, 'ground track');
    const t = await simTime(page);
    const [lat, lon] = (await text(page, '[data-field="latlon"]')).split(',').map((s) => parseFloat(s));
    // Linear between the two samples around the sim time (≈16 s apart).
    const f = (t - g!.startMs) / g!.stepMs;
    const k = Math.floor(f);
    const u = f - k;
    let dLon = g!.lonDeg[k + 1] - g!.lonDeg[k];
    if (dLon > 180) dLon -= 360;
    if (dLon < -180) dLon += 360;
    const tLat = g!.latDeg[k] + u * (g!.latDeg[k + 1] - g!.latDeg[k]);
    let tLon = g!.lonDeg[k] + u * dLon;
    if (tLon >= 180) tLon -= 360;
    expect(Math.abs(tLat - lat)).toBeLessThan(0.2);
    expect(Math.abs(((tLon - lon + 540) % 360) - 180)).toBeLessThan(0.2);
    // ± one orbit around the time.
    expect(g!.startMs).toBeLessThan(t - 80 * 60_000);
    expect(g!.startMs + g!.stepMs * (g!.latDeg.length - 1)).toBeGreaterThan(t + 80 * 60_000);
  });

  it('Follow keeps the selected satellite at the centre while playing, down to below 1 km, inertial and LVLH; Esc goes back', async () => {
    await page.click('[data-testid="follow"]');
    expect(await page.getAttribute('[data-testid="follow"]', 'aria-pressed')).toBe('true');
    await pollUntil(follow, (f) => f.index >= 0 && !f.flying, 'fly-to ends');
    await blur();
    // Zoom in: × 0.5 per '+', from 5 km.
    for (let i = 0; i < 3; i++) await page.keyboard.press('+');
    await pollUntil(async () => Number(await page.getAttribute('#view', 'data-camera-distance-km')), (d) => d < 1, 'camera within 1 km');
    expect((await follow()).distanceKm).toBeLessThan(1);
    const centred = async (what: string) => {
      const img = await screenshotImage(page, '#view canvas');
      const c = ringCentroid(img);
      expect(c, `${what}: selection ring near the centre`).not.toBeNull();
      expect(Math.abs(c!.x - img.width / 2), `${what}: x`).toBeLessThan(3);
      expect(Math.abs(c!.y - img.height / 2), `${what}: y`).toBeLessThan(3);
      const box = await canvasBox();
      const p = await page.evaluate(() => (window as unknown as DiagWindow).ocsDiagnostics.view.screenOf(23));
      expect(Math.hypot(p!.x - (box.x + box.width / 2), p!.y - (box.y + box.height / 2)), `${what}: projected`).toBeLessThan(2);
    };
    expect(await text(page, '[data-testid="inspector-name"]')).toBe('W03-04');
    await page.selectOption('[data-testid="warp"]', '100');
    await setPlaying(page, true);
    const times: number[] = [];
    for (let k = 0; k < 4; k++) {
      await page.waitForTimeout(400);
      times.push(await simTime(page));
      await centred(`playing, sample ${k}`);
    }
    expect(times[3]).toBeGreaterThan(times[0]);
    await page.screenshot({ path: `${ARTIFACT_DIR}/view-follow.png` });
    // LVLH frame: the view turns with the satellite; still centred.
    await page.click('[data-testid="follow-frame"]');
    expect(await page.getAttribute('[data-testid="follow-frame"]', 'aria-pressed')).toBe('true');
    await pollUntil(follow, (f) => f.frame === 'lvlh' && !f.flying, 'turn to LVLH');
    await centred('LVLH');
    await setPlaying(page, false);
    await page.screenshot({ path: `${ARTIFACT_DIR}/view-follow-lvlh.png` });
    // Esc: back to orbiting the Earth, from ≥ 3.2 Earth radii (> 10,000 km from its centre).
    await blur();
    await page.keyboard.press('Escape');
    await pollUntil(follow, (f) => f.index === -1 && !f.flying && f.distanceKm > 10_000, 'back to the Earth');
    expect(await page.getAttribute('[data-testid="follow"]', 'aria-pressed')).toBe('false');
  });

  it('legend and inspector collapse and leave most of the view free at 1280×720, 1920×1080 and 1024×700', async () => {
    for (const [w, hgt] of [
      [1280, 720],
      [1920, 1080],
      [1024, 700],
    ] as const) {
      await page.setViewportSize({ width: w, height: hgt });
      await page.waitForTimeout(800);
      const rects = await page.evaluate(() => {
        const r = (s: string) => document.querySelector(s)?.getBoundingClientRect().toJSON() as DOMRect;
        return { view: r('#view'), legend: r('[data-testid="legend"]'), inspector: r('[data-testid="inspector"]') };
      });
      const area = (r: DOMRect) => r.width * r.height;
      const overlap = (a: DOMRect, b: DOMRect) => Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
      const collapsed = await page.getAttribute('[data-testid="legend"]', 'data-collapsed');
      // Short views start with the legend collapsed.
      expect(collapsed, `${w}×${hgt}: legend collapsed`).toBe(rects.view.height < 520 ? 'true' : 'false');
      expect(overlap(rects.legend, rects.inspector), `${w}×${hgt}: legend and inspector overlap`).toBe(0);
      expect((area(rects.legend) + area(rects.inspector)) / area(rects.view), `${w}×${hgt}: share of the view covered`).toBeLessThan(0.5);
      await page.screenshot({ path: `${ARTIFACT_DIR}/view-${w}x${hgt}.png` });
    }
    // The header buttons collapse and expand both.
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.click('[data-testid="legend-toggle"]');
    expect(await page.getAttribute('[data-testid="legend"]', 'data-collapsed')).toBe('false');
    await page.click('[data-testid="legend-toggle"]');
    expect(await page.getAttribute('[data-testid="legend"]', 'data-collapsed')).toBe('true');
    const tall = (await page.locator('[data-testid="inspector"]').boundingBox())!.height;
    await page.click('[data-testid="inspector-toggle"]');
    expect(await page.getAttribute('[data-testid="inspector"]', 'data-collapsed')).toBe('true');
    expect((await page.locator('[data-testid="inspector"]').boundingBox())!.height).toBeLessThan(Math.min(60, tall));
    await page.click('[data-testid="inspector-toggle"]');
  });

  it('? opens the keyboard shortcut help; Esc closes it', async () => {
    await blur();
    await page.keyboard.press('?');
    await page.waitForSelector('[data-testid="shortcuts-help"]:not([hidden])');
    const help = await text(page, '[data-testid="shortcuts-help"]');
    for (const s of ['Play / pause', 'Follow the selected satellite', 'LVLH', 'Collapse / expand the legend']) expect(help).toContain(s);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="shortcuts-help"]', { state: 'hidden' });
    expect(errors).toEqual([]);
  });
});
