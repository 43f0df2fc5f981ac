import { expect } from '@open-wc/testing';
import { applyHomography } from '../vision/homography.ts';
import { bilinear } from '../vision/template-match.ts';
import { COMPARE_DPI } from './compare.ts';
import { BLOCK_EXTRAPOLATED, BLOCK_INTERPOLATED, BLOCK_MEASURED, blockConfidenceAt, confidenceMask, confidenceOf, DEFAULT_CONFIDENCE, isConfidentAt } from './field.ts';
import { registerToRendering } from './register.ts';
import { issueDemo, renderFront } from './testing/tamper.ts';

/** A score grid from a picture: '#' measured with NCC 0.9, 'o' measured with 0.55, '.' not measured. */
const scores = (rows: string[]) => Float32Array.from(rows.join(''), (ch) => (ch === '#' ? 0.9 : ch === 'o' ? 0.55 : NaN));

describe('displacement field confidence', () => {
  it('tells measured blocks from blocks filled between them and blocks filled beyond them, with their reach', () => {
    const grid = ['#..#.', '.....', '#....', '.....'];
    const c = confidenceOf(scores(grid), 5, 4, 10);
    const kinds = Array.from({ length: 4 }, (_, r) => Array.from(c.kind.subarray(r * 5, r * 5 + 5)).join(''));
    // Row 0: between its two measured blocks interpolated, right of them extrapolated; column 0: row 1 lies between measured rows 0 and 2.
    expect(kinds).to.deep.equal([
      `${BLOCK_MEASURED}${BLOCK_INTERPOLATED}${BLOCK_INTERPOLATED}${BLOCK_MEASURED}${BLOCK_EXTRAPOLATED}`,
      `${BLOCK_INTERPOLATED}${BLOCK_EXTRAPOLATED}${BLOCK_EXTRAPOLATED}${BLOCK_EXTRAPOLATED}${BLOCK_EXTRAPOLATED}`,
      `${BLOCK_MEASURED}${BLOCK_EXTRAPOLATED}${BLOCK_EXTRAPOLATED}${BLOCK_EXTRAPOLATED}${BLOCK_EXTRAPOLATED}`,
      `${BLOCK_EXTRAPOLATED}${BLOCK_EXTRAPOLATED}${BLOCK_EXTRAPOLATED}${BLOCK_EXTRAPOLATED}${BLOCK_EXTRAPOLATED}`,
    ]);
    expect(Array.from(c.reach.subarray(15, 20))).to.deep.equal([1, 2, 3, 3, 4]);
    expect(c.score[0]).to.be.closeTo(0.9, 1e-6);
    expect(Number.isNaN(c.score[1])).to.equal(true);
  });

  it('with no measured block every block is extrapolated and out of reach', () => {
    const c = confidenceOf(scores(['...', '...']), 3, 2, 8);
    expect(Array.from(c.kind)).to.deep.equal(Array(6).fill(BLOCK_EXTRAPOLATED));
    expect(Array.from(c.reach)).to.deep.equal(Array(6).fill(255));
    expect(isConfidentAt(c, 1, 1)).to.equal(false);
  });

  it('trusts measured blocks above the score floor, interpolated blocks, and extrapolated ones one block out; the mask follows the blocks', () => {
    const c = confidenceOf(scores(['#o..', '....']), 4, 2, 10);
    expect(blockConfidenceAt(c, 15, 5)).to.deep.include({ kind: BLOCK_MEASURED, reach: 0 });
    expect(isConfidentAt(c, 5, 5)).to.equal(true);
    expect(isConfidentAt(c, 15, 5, { ...DEFAULT_CONFIDENCE, minScore: 0.6 })).to.equal(false);
    expect(isConfidentAt(c, 25, 5)).to.equal(true); // one block beyond
    expect(isConfidentAt(c, 35, 5)).to.equal(false); // two blocks beyond
    expect(isConfidentAt(c, 35, 15)).to.equal(false);
    expect(isConfidentAt(undefined, 35, 15)).to.equal(true);
    const mask = confidenceMask(c, 38, 17);
    expect([mask[5 * 38 + 5], mask[5 * 38 + 25], mask[5 * 38 + 31], mask[16 * 38 + 37], mask[16 * 38 + 1]]).to.deep.equal([1, 1, 0, 0, 1]);
  });

  it('registration: blocks the scan does not show are extrapolated and not trusted; the printed area is measured', async () => {
    const cert = await issueDemo('r-takahashi-ichiro', { kind: 'juminhyo', scope: 'household', householder: true, honseki: false, myNumber: false });
    const rendering = await renderFront(cert, COMPARE_DPI);
    // A 2× flatbed scan whose lowest eighth is blank (the sheet folded back there).
    const toScan = Float64Array.of(2, 0, 10, 0, 2, 14, 0, 0, 1);
    const width = rendering.width * 2 + 20;
    const height = rendering.height * 2 + 28;
    const cut = rendering.height * 0.875;
    const data = new Uint8Array(width * height);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const rx = (x + 0.5 - 10) / 2;
        const ry = (y + 0.5 - 14) / 2;
        data[y * width + x] = rx < 0 || ry < 0 || rx > rendering.width || ry > cut ? 255 : bilinear(rendering, rx, ry);
      }
    const registration = registerToRendering(rendering, { width, height, data })!;
    expect(registration).to.not.equal(null);
    expect(applyHomography(registration.homography, 600, 300).x).to.be.closeTo(applyHomography(toScan, 600, 300).x, 1);
    const confidence = registration.confidence!;
    const { columns, rows } = confidence;
    const count = (from: number, to: number, kind: number) => Array.from(confidence.kind.subarray(from * columns, to * columns)).filter((k) => k === kind).length;
    const cutRow = Math.ceil(cut / confidence.cell) + 1;
    expect(count(0, Math.floor(cut / confidence.cell), BLOCK_MEASURED), 'measured above the cut').to.be.greaterThan(columns);
    expect(count(cutRow, rows, BLOCK_MEASURED), 'measured below the cut').to.equal(0);
    expect(isConfidentAt(confidence, rendering.width / 2, rendering.height - 10)).to.equal(false);
  });
});
