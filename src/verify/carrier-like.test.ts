import { expect } from '@open-wc/testing';
import { seededRandom } from '../bytes/seeded-random.ts';
import { CORPUS_REQUESTS, issueDemo as issueCertificate, renderFront } from '../compare/testing/tamper.ts';
import type { GreyImage } from '../vision/grey.ts';
import { looksLikeCarrier } from './carrier-like.ts';
import { backPage, issueDemo } from './testing/back-side.ts';

/** The page inside a dark surround of `margin` pixels (a flatbed's open or black lid, a desk). */
function inDarkSurround(page: GreyImage, margin: number, surround = 35): GreyImage {
  const width = page.width + 2 * margin;
  const height = page.height + 2 * margin;
  const data = new Uint8Array(width * height).fill(surround);
  for (let y = 0; y < page.height; y++) data.set(page.data.subarray(y * page.width, (y + 1) * page.width), (y + margin) * width + margin);
  return { width, height, data };
}

/** A phone photo's uneven light: falling to `corner` of the centre's at the corners, with seeded sensor noise of ±`noise` levels. */
function underFalloff(page: GreyImage, corner: number, noise: number, seed: number): GreyImage {
  const random = seededRandom(seed);
  const cx = page.width / 2;
  const cy = page.height / 2;
  const far = Math.hypot(cx, cy);
  const data = new Uint8Array(page.data.length);
  for (let y = 0; y < page.height; y++)
    for (let x = 0; x < page.width; x++) {
      const r = Math.hypot(x - cx, y - cy) / far;
      const light = 1 - (1 - corner) * r * r;
      const i = y * page.width + x;
      data[i] = Math.max(0, Math.min(255, Math.round(page.data[i] * light + (random() * 2 - 1) * noise)));
    }
  return { width: page.width, height: page.height, data };
}

describe('verify/carrier-like: a back whose QR did not read, told from a front', function () {
  this.timeout(60_000);
  let back: GreyImage;
  let front: GreyImage;
  before(async () => {
    back = backPage(await issueDemo(70));
    const { residentId, request } = CORPUS_REQUESTS[0];
    front = await renderFront(await issueCertificate(residentId, request), 300);
  });

  it('a back is carrier-like, clean, in a dark surround and under a photo’s light falloff', () => {
    expect(looksLikeCarrier(back)).to.equal(true);
    expect(looksLikeCarrier(inDarkSurround(back, 60))).to.equal(true);
    expect(looksLikeCarrier(underFalloff(back, 0.5, 8, 1))).to.equal(true);
  });

  it('a front is not, clean, in a dark surround (the lid, measured to fool a fixed grey level) or under a photo’s light falloff', () => {
    expect(looksLikeCarrier(front)).to.equal(false);
    expect(looksLikeCarrier(inDarkSurround(front, 30))).to.equal(false);
    expect(looksLikeCarrier(inDarkSurround(front, 60))).to.equal(false);
    expect(looksLikeCarrier(underFalloff(front, 0.5, 8, 2))).to.equal(false);
  });

  it('blank paper and an empty image are not', () => {
    expect(looksLikeCarrier({ width: 2480, height: 3508, data: new Uint8Array(2480 * 3508).fill(250) })).to.equal(false);
    expect(looksLikeCarrier({ width: 10, height: 10, data: new Uint8Array(100) })).to.equal(false);
  });
});
