import { expect } from '@open-wc/testing';
import { cleanScan } from '../carrier/testing/clean-scan.ts';
import type { GreyImage } from '../vision/grey.ts';
import { applyHomography, homographyFrom4, type Point } from '../vision/homography.ts';
import { frameGuidance, quadSkew, TILTED_SKEW } from './camera-guidance.ts';

const FRAME = { width: 1280, height: 720 };
const TABLE = 120;

/**
 * A 1280×720 camera frame of a clean carrier scan: its corners mapped to `corners` (frame pixels,
 * clockwise from top-left) by a homography, bilinear, a mid-grey table around it.
 */
function frameOf(corners: readonly Point[]): GreyImage & { data: Uint8Array } {
  const scan = cleanScan();
  const { width: sw, height: sh, data: src } = scan.grey;
  const h = homographyFrom4(corners, [
    { x: 0, y: 0 },
    { x: sw, y: 0 },
    { x: sw, y: sh },
    { x: 0, y: sh },
  ])!;
  const data = new Uint8Array(FRAME.width * FRAME.height);
  for (let y = 0; y < FRAME.height; y++)
    for (let x = 0; x < FRAME.width; x++) {
      const p = applyHomography(h, x + 0.5, y + 0.5);
      const fx = p.x - 0.5;
      const fy = p.y - 0.5;
      const x0 = Math.floor(fx);
      const y0 = Math.floor(fy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= sw || y0 + 1 >= sh) {
        data[y * FRAME.width + x] = TABLE;
        continue;
      }
      const ax = fx - x0;
      const ay = fy - y0;
      const at = (xx: number, yy: number) => src[yy * sw + xx];
      data[y * FRAME.width + x] = Math.round((at(x0, y0) * (1 - ax) + at(x0 + 1, y0) * ax) * (1 - ay) + (at(x0, y0 + 1) * (1 - ax) + at(x0 + 1, y0 + 1) * ax) * ay);
    }
  return { ...FRAME, data };
}

/** A square of `side` pixels in the middle of the frame. */
function square(side: number): Point[] {
  const left = (FRAME.width - side) / 2;
  const top = (FRAME.height - side) / 2;
  return [
    { x: left, y: top },
    { x: left + side, y: top },
    { x: left + side, y: top + side },
    { x: left, y: top + side },
  ];
}

/** A box blur of radius `r`, rows then columns (a shaken hand, roughly). */
function blurred(image: GreyImage & { data: Uint8Array }, r: number): GreyImage & { data: Uint8Array } {
  const { width, height } = image;
  const pass = (src: Uint8Array, horizontal: boolean) => {
    const out = new Uint8Array(src.length);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        let sum = 0;
        let n = 0;
        for (let k = -r; k <= r; k++) {
          const xx = horizontal ? x + k : x;
          const yy = horizontal ? y : y + k;
          if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
          sum += src[yy * width + xx];
          n++;
        }
        out[y * width + x] = Math.round(sum / n);
      }
    return out;
  };
  return { width, height, data: pass(pass(image.data, true), false) };
}

const scaled = (image: GreyImage & { data: Uint8Array }, factor: number) => ({ ...image, data: image.data.map((v) => Math.round(v * factor)) });

describe('app/camera-guidance', function () {
  this.timeout(20_000);
  const side = cleanScan().grey.width;

  it('calls a sharp, bright, square and large enough carrier ready, with its module pitch', () => {
    const guidance = frameGuidance(frameOf(square(side * 0.8)));
    expect(guidance.hint).to.equal('ready');
    expect(guidance.modulePx).to.be.closeTo(4, 0.5);
    expect(guidance.skew).to.be.below(1.1);
  });

  it('asks for light when the frame is dark', () => {
    const guidance = frameGuidance(scaled(frameOf(square(side * 0.8)), 0.15));
    expect(guidance.hint).to.equal('dark');
  });

  it('asks to hold still when the frame is blurred', () => {
    const sharp = frameOf(square(side * 0.8));
    const guidance = frameGuidance(blurred(sharp, 4));
    expect(guidance.hint).to.equal('blurry');
  });

  it('asks to come closer when the modules are too small for the decoder', () => {
    const far = frameGuidance(frameOf(square(side * 0.34)));
    expect(far.hint).to.equal('closer');
  });

  it('asks to hold the phone square when the carrier is seen in strong perspective', () => {
    const s = side * 0.8;
    const left = (FRAME.width - s) / 2;
    const top = (FRAME.height - s) / 2;
    const guidance = frameGuidance(
      frameOf([
        { x: left + s * 0.15, y: top },
        { x: left + s * 0.85, y: top },
        { x: left + s, y: top + s },
        { x: left, y: top + s },
      ]),
    );
    expect(guidance.hint).to.equal('tilted');
    expect(guidance.skew).to.be.above(TILTED_SKEW);
  });

  it('says nothing is in view when the frame holds no carrier', () => {
    const table = { ...FRAME, data: new Uint8Array(FRAME.width * FRAME.height).map((_, i) => 110 + ((i * 7919) % 41)) };
    expect(frameGuidance(table).hint).to.equal('searching');
  });

  it('measures skew as the larger ratio of opposite sides', () => {
    expect(quadSkew({ corners: square(100).map((p) => ({ ...p, module: 1, hits: 2 })) })).to.be.closeTo(1, 1e-9);
    const trapezoid = [{ x: 25, y: 0 }, { x: 75, y: 0 }, { x: 100, y: 100 }, { x: 0, y: 100 }].map((p) => ({ ...p, module: 1, hits: 2 }));
    expect(quadSkew({ corners: trapezoid })).to.be.closeTo(2, 1e-9);
  });
});
