import { expect } from '@open-wc/testing';
import type { GreyImage } from '../vision/grey.ts';
import { applyHomography, type Point } from '../vision/homography.ts';
import { bilinear } from '../vision/template-match.ts';
import { compareScanWithRendering, COMPARE_DPI } from './compare.ts';
import { fieldAt } from './field.ts';
import { registerToRendering } from './register.ts';
import { captureFront, CORPUS_REQUESTS, frontRuns, issueDemo, renderFront } from './testing/tamper.ts';

/**
 * A synthetic photo of the rendering: scaled by `scale`, shifted by `margin`, then put through a
 * barrel distortion r → r·(1 + k·r²/R²) about the image centre (R the half diagonal), as the
 * print–scan simulator's camera does; `toScan` is the exact rendering → photo map.
 */
function barrelPhoto(rendering: GreyImage, scale: number, margin: number, k: number): { photo: GreyImage; toScan: (x: number, y: number) => Point } {
  const width = Math.round(rendering.width * scale + 2 * margin);
  const height = Math.round(rendering.height * scale + 2 * margin);
  const cx = width / 2;
  const cy = height / 2;
  const r2 = cx * cx + cy * cy;
  const data = new Uint8Array(width * height);
  for (let v = 0; v < height; v++)
    for (let u = 0; u < width; u++) {
      // Undistort by fixed-point iteration, then back to the rendering.
      const dx = u + 0.5 - cx;
      const dy = v + 0.5 - cy;
      let ux = dx;
      let uy = dy;
      for (let i = 0; i < 5; i++) {
        const f = 1 + (k * (ux * ux + uy * uy)) / r2;
        ux = dx / f;
        uy = dy / f;
      }
      const x = (ux + cx - margin) / scale;
      const y = (uy + cy - margin) / scale;
      const inside = x >= 0 && y >= 0 && x <= rendering.width && y <= rendering.height;
      data[v * width + u] = inside ? bilinear(rendering, x, y) : 255;
    }
  const toScan = (x: number, y: number) => {
    const px = x * scale + margin - cx;
    const py = y * scale + margin - cy;
    const f = 1 + (k * (px * px + py * py)) / r2;
    return { x: cx + px * f, y: cy + py * f };
  };
  return { photo: { width, height, data }, toScan };
}

describe('registration of photos', function () {
  // A capture through the simulator and a whole registration: slow on a loaded machine, never a timing assertion.
  this.timeout(120_000);

  it('follows a barrel distortion that leaves several pixels after the best homography (the field searched around a smooth surface)', async () => {
    const cert = await issueDemo('r-takahashi-ichiro', { kind: 'juminhyo', scope: 'household', householder: true, honseki: false, myNumber: false });
    const rendering = await renderFront(cert, COMPARE_DPI);
    const { photo, toScan } = barrelPhoto(rendering, 1.6, 30, -0.05);
    const registration = registerToRendering(rendering, photo)!;
    expect(registration).to.not.equal(null);
    let worstH = 0;
    let worstField = 0;
    // Rendering points with ink around them (the field is measured on text), over the whole page.
    for (let y = 100; y < rendering.height - 100; y += 80)
      for (let x = 100; x < rendering.width - 100; x += 80) {
        let ink = 0;
        for (let j = -16; j < 16; j++) for (let i = -16; i < 16; i++) if (rendering.data[(y + j) * rendering.width + x + i] < 128) ink++;
        if (ink < 40) continue;
        const truth = toScan(x, y);
        const h = applyHomography(registration.homography, x, y);
        const d = fieldAt(registration.field, x, y);
        const both = applyHomography(registration.homography, x + d.x, y + d.y);
        worstH = Math.max(worstH, Math.hypot(h.x - truth.x, h.y - truth.y));
        worstField = Math.max(worstField, Math.hypot(both.x - truth.x, both.y - truth.y));
      }
    // In rendering pixels (1.6 photo pixels each): the cells' own search (±3) takes up the rest.
    expect(worstH / 1.6, 'the homography alone').to.be.above(3);
    expect(worstField / 1.6, 'homography and field').to.be.below(1.5);
  });

  it('places a photo tilted by 24° whose ink moments put the page ~190 rendering pixels off (the first guess moved by a whole-page search)', async () => {
    // The simulator's photo seed 8 (166 dpi, tilt 23.9°, barrel −0.047, JPEG 0.44): the moments'
    // centre lands beyond the coarsest level's patch search, and the registration failed before.
    const { residentId, request } = CORPUS_REQUESTS[1];
    const cert = await issueDemo(residentId, request);
    const rendering = await renderFront(cert, COMPARE_DPI);
    const comparison = compareScanWithRendering(rendering, await captureFront(cert, 'photo', 8, { dotScreen: true }), await frontRuns(cert));
    expect(comparison.registered).to.equal(true);
    if (!comparison.registered) return;
    expect(comparison.capture).to.equal('photo');
    expect(comparison.cells!.compared).to.be.above(0.9);
  });
});
