import { expect } from '@open-wc/testing';
import { applyHomography } from '../vision/homography.ts';
import { bilinear } from '../vision/template-match.ts';
import { compareScanWithRendering, compareScanWithRenderingElsewhere, COMPARE_DPI, confirmByRealignment, globalExcess } from './compare.ts';
import { compareFront, DEFAULT_DIFFERENCE, differenceMap, differenceMapReference, mergeOverlapping } from './difference.ts';
import { fitHomography, invert3 } from './fit.ts';
import { squareExtremum, squareExtremumReference } from './image-ops.ts';
import { registerToRendering } from './register.ts';
import { noise, overlaps } from './testing/images.ts';
import { captureFront, changedBox, CORPUS_REQUESTS, issueDemo, renderFront, tamper } from './testing/tamper.ts';

describe('front comparison', function () {
  this.timeout(300_000);

  it('every certificate of the tamper corpus is issuable from the demo registry, and each of its tampers applies', async () => {
    for (const { residentId, request, tampers } of CORPUS_REQUESTS) {
      const cert = await issueDemo(residentId, request);
      for (const kind of tampers) expect(tamper(cert, kind, 1), `${residentId} ${kind}`).to.not.deep.equal(cert);
    }
  });

  it('min/max envelope: the separable filter equals the 2-D reference', () => {
    const image = noise(37, 23, 5);
    for (const radius of [1, 2, 3]) for (const max of [false, true]) expect(squareExtremum(image, radius, max).data).to.deep.equal(squareExtremumReference(image, radius, max).data);
  });

  it('difference map: the fast path equals the reference', () => {
    const a = noise(41, 29, 1);
    const b = noise(41, 29, 2);
    for (const radius of [1, 2]) expect(differenceMap(a, b, radius)).to.deep.equal(differenceMapReference(a, b, radius));
  });

  it('overlapping regions merge into their bounding box, through chains, strongest first; apart ones stay apart', () => {
    const r = (x: number, y: number, w: number, h: number, mass: number) => ({ x, y, w, h, area: 1, mass });
    const merged = mergeOverlapping([r(0, 0, 10, 10, 5), r(50, 50, 5, 5, 100), r(20, 0, 10, 10, 7), r(8, 2, 14, 4, 1)]);
    expect(merged).to.deep.equal([r(50, 50, 5, 5, 100), { x: 0, y: 0, w: 30, h: 10, area: 3, mass: 13 }]);
  });

  it('least-squares homography recovers a known homography from noisy points', () => {
    const h = Float64Array.of(0.9, 0.1, 30, -0.05, 1.1, 12, 1e-5, -2e-5, 1);
    const src = Array.from({ length: 30 }, (_, i) => ({ x: (i * 137) % 1000, y: (i * 71) % 1400 }));
    const dst = src.map((p, i) => {
      const q = applyHomography(h, p.x, p.y);
      return { x: q.x + ((i % 3) - 1) * 0.1, y: q.y + ((i % 5) - 2) * 0.05 };
    });
    const fitted = fitHomography(src, dst)!;
    for (const p of [{ x: 0, y: 0 }, { x: 1000, y: 1400 }, { x: 500, y: 700 }]) {
      const a = applyHomography(h, p.x, p.y);
      const b = applyHomography(fitted, p.x, p.y);
      expect(Math.hypot(a.x - b.x, a.y - b.y)).to.be.lessThan(0.5);
    }
  });

  it('registers a rendering warped by a known homography (rotated 180°) to within half a pixel', async () => {
    const cert = await issueDemo('r-takahashi-ichiro', { kind: 'juminhyo', scope: 'household', householder: true, honseki: false, myNumber: false });
    const rendering = await renderFront(cert, COMPARE_DPI);
    // Scan pixel → rendering pixel: 180° turn, 1.6× scale, slight perspective.
    const toScan = Float64Array.of(-1.6, 0.05, 2000, -0.04, -1.6, 2850, 0, 1e-6, 1);
    const back = invert3(toScan)!;
    const width = 2000;
    const height = 2850;
    const data = new Uint8Array(width * height);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const p = applyHomography(back, x + 0.5, y + 0.5);
        data[y * width + x] = p.x < 0 || p.y < 0 || p.x > rendering.width || p.y > rendering.height ? 255 : bilinear(rendering, p.x, p.y);
      }
    const registration = registerToRendering(rendering, { width, height, data })!;
    expect(registration).to.not.equal(null);
    for (const p of [{ x: 100, y: 200 }, { x: 1100, y: 1600 }, { x: 620, y: 877 }]) {
      const a = applyHomography(toScan, p.x, p.y);
      const b = applyHomography(registration.homography, p.x, p.y);
      expect(Math.hypot(a.x - b.x, a.y - b.y), `${p.x},${p.y}`).to.be.lessThan(0.8);
    }
  });

  it('re-alignment drops a region that a 2-px local residual made, and keeps a changed character', async () => {
    const cert = await issueDemo('r-takahashi-ichiro', { kind: 'juminhyo', scope: 'household', householder: true, honseki: false, myNumber: false });
    const rendering = await renderFront(cert, COMPARE_DPI);
    // The lower third shifted right by 2 px, as a photo's uncorrected lens residual leaves it.
    const shifted = { ...rendering, data: rendering.data.slice() };
    const from = Math.round(rendering.height * 0.6);
    for (let y = from; y < rendering.height; y++)
      for (let x = rendering.width - 1; x >= 2; x--) shifted.data[y * rendering.width + x] = rendering.data[y * rendering.width + x - 2];
    const residual = compareFront(rendering, [shifted]);
    expect(residual.regions.length, 'the residual makes regions before re-alignment').to.be.greaterThan(0);
    expect(confirmByRealignment(rendering, shifted, residual).regions).to.deep.equal([]);
    const forged = await renderFront(tamper(cert, 'name', 2), COMPARE_DPI);
    const changed = compareFront(rendering, [forged]);
    const truth = changedBox(rendering, forged)!;
    expect(confirmByRealignment(rendering, forged, changed).regions.some((r) => overlaps(r, truth))).to.equal(true);
  });

  it('a genuine front scanned at 300 dpi shows no region; one changed name character shows a region on it', async () => {
    const cert = await issueDemo('r-takahashi-ichiro', { kind: 'juminhyo', scope: 'household', householder: true, honseki: false, myNumber: false });
    const rendering = await renderFront(cert, COMPARE_DPI);
    const genuine = compareScanWithRendering(rendering, await captureFront(cert, 'scan300', 2));
    expect(genuine.registered && genuine.capture).to.equal('scan');
    expect(genuine.registered && genuine.difference?.regions).to.deep.equal([]);
    const forged = tamper(cert, 'name', 2);
    const truth = changedBox(rendering, await renderFront(forged, COMPARE_DPI))!;
    const result = compareScanWithRendering(rendering, await captureFront(forged, 'scan300', 2));
    expect(result.registered).to.equal(true);
    if (!result.registered) return;
    expect(result.difference?.regions.length).to.be.greaterThan(0);
    expect(result.difference?.regions.some((r) => overlaps(r, truth))).to.equal(true);

    // The global half of the map on "another thread" (structured-cloned both ways): the same map, regions and cells.
    const scan = await captureFront(forged, 'scan300', 2);
    let asked = 0;
    const shared = await compareScanWithRenderingElsewhere(rendering, scan, [], DEFAULT_DIFFERENCE, {}, async (job, localDone) => {
      asked++;
      await localDone;
      return structuredClone(globalExcess(structuredClone(job)));
    });
    const alone = compareScanWithRendering(rendering, scan);
    expect(asked).to.equal(1);
    expect(shared.registered && alone.registered).to.equal(true);
    if (!shared.registered || !alone.registered) return;
    expect(shared.difference?.map).to.deep.equal(alone.difference?.map);
    expect(shared.difference?.regions).to.deep.equal(alone.difference?.regions);
    // No answer from there: computed here, the same again.
    const fallback = await compareScanWithRenderingElsewhere(rendering, scan, [], DEFAULT_DIFFERENCE, {}, async () => undefined);
    expect(fallback.registered && fallback.difference?.regions).to.deep.equal(alone.difference?.regions);
  });
});
