// The colour scale of inter-satellite link rates shared by the 3D view's
// lines (vertex colours) and the legend: where a rate sits on the scale, the
// ramp's colours, and the line buffers the view writes them into.
import { describe, expect, it } from 'vitest';
import { ISL_RATE_LUT, ISL_RATE_RAMP, ISL_RATE_STEPS, islRateGradientCss, islRateIndex, islRatePosition } from '../../src/view/palette';
import { LinkLines } from '../../src/view/LinkLines';

describe('ISL rate scale', () => {
  it('is logarithmic from the rate at the longest link to the terminal cap', () => {
    // Defaults: 25.6 Gbps at 5,000 km (10 · (8,000 / 5,000)²) … 100 Gbps.
    // The geometric mean √(25.6 · 100) = 50.596 Gbps sits half way; it is the
    // rate at d = 8,000 · √(10 / 50.596) = 3,557 km, √(5,000 · 2,530) (half way in log distance).
    expect(islRatePosition(25.6, 25.6, 100)).toBe(0);
    expect(islRatePosition(100, 25.6, 100)).toBe(1);
    expect(islRatePosition(50.596, 25.6, 100)).toBeCloseTo(0.5, 4);
    // 10 Gbps at 8,000 km on a 6.4 … 100 Gbps scale (10,000 km range): ln(10/6.4) / ln(100/6.4) = 0.4463 / 2.7489 = 0.1624.
    expect(islRatePosition(10, 6.4, 100)).toBeCloseTo(0.1624, 4);
    // Outside the scale: clamped.
    expect(islRatePosition(5, 25.6, 100)).toBe(0);
    expect(islRatePosition(160, 25.6, 100)).toBe(1);
    // Every link at the cap (the 81-node cluster: 10 km range, 1,600 Gbps): the cap's colour.
    expect(islRatePosition(1600, 1600, 1600)).toBe(1);
    expect(islRateIndex(1600, 1600, 1600)).toBe(ISL_RATE_STEPS - 1);
    expect(islRateIndex(25.6, 25.6, 100)).toBe(0);
  });

  it('runs from plasma(0.3) to plasma(1.0), its luminance rising throughout', () => {
    expect(ISL_RATE_RAMP[0]).toBe('#910ea3');
    expect(ISL_RATE_RAMP.at(-1)).toBe('#f0f921');
    // sRGB → linear, hand-computed: 0x91 = 145 → ((145/255 + 0.055) / 1.055)^2.4 = 0.2831;
    // 0xf0 = 240 → 0.8714, 0xf9 = 249 → 0.9473, 0x21 = 33 → 0.01521.
    expect(ISL_RATE_LUT[0]).toBeCloseTo(0.2831, 3);
    const last = 3 * (ISL_RATE_STEPS - 1);
    expect(ISL_RATE_LUT[last]).toBeCloseTo(0.8714, 3);
    expect(ISL_RATE_LUT[last + 1]).toBeCloseTo(0.9473, 3);
    expect(ISL_RATE_LUT[last + 2]).toBeCloseTo(0.01521, 4);
    // Relative luminance Y = 0.2126 R + 0.7152 G + 0.0722 B (ITU-R BT.709) rises from slow to fast.
    let prev = -1;
    for (let k = 0; k < ISL_RATE_STEPS; k++) {
      const y = 0.2126 * ISL_RATE_LUT[3 * k] + 0.7152 * ISL_RATE_LUT[3 * k + 1] + 0.0722 * ISL_RATE_LUT[3 * k + 2];
      expect(y).toBeGreaterThan(prev);
      prev = y;
    }
    expect(islRateGradientCss()).toBe(
      'linear-gradient(90deg, #910ea3 0.0%, #b12a90 14.3%, #cc4778 28.6%, #e16462 42.9%, #f2844b 57.1%, #fca636 71.4%, #fcce25 85.7%, #f0f921 100.0%)',
    );
  });

  it('colours each drawn segment at both ends, in preallocated buffers', () => {
    const l = new LinkLines(8, 0xffffff, 0.75, true);
    const colours = l.lines.geometry.getAttribute('color').array;
    l.setSegmentColour(2, ISL_RATE_LUT, ISL_RATE_STEPS - 1);
    const out = [0, 0, 0];
    expect(l.segmentColour(2, out)).toBe(true);
    expect(out[1]).toBeCloseTo(0.9473, 3);
    expect(Array.from(colours.slice(12, 18)).map((x) => Number(x.toFixed(3)))).toEqual([0.871, 0.947, 0.015, 0.871, 0.947, 0.015]);
    l.commit(3);
    expect(l.drawn).toBe(3);
    // The same arrays after a commit: nothing is reallocated per frame.
    expect(l.lines.geometry.getAttribute('color').array).toBe(colours);
    // A single-colour line set has no colour buffer.
    const plain = new LinkLines(4, 0x7fe8ff, 0.85);
    expect(plain.lines.geometry.getAttribute('color')).toBeUndefined();
    expect(plain.segmentColour(0, out)).toBe(false);
    l.dispose();
    plain.dispose();
  });
});
