import { expect } from '@open-wc/testing';
import { cellsFromRuns } from './cell-layout.ts';
import { checkCells, type CellCheck, type CellVerdict } from './cells.ts';
import { COMPARE_DPI, compareScanWithRendering, FINE_DPI } from './compare.ts';
import { DEFAULT_FINE, fineFromImage, mosaicOf, refineCells, type FineRendering } from './fine-cells.ts';
import { ZERO_FIELD, type Registration } from './register.ts';
import { noise, overlaps } from './testing/images.ts';
import { captureFront, changedBox, CORPUS_REQUESTS, frontRuns, issueDemo, renderFront, tamper } from './testing/tamper.ts';

/** A registration that maps the rendering's pixel grid onto a scan `scale` times finer, with no local field. */
const scaled = (scale: number): Registration => ({ homography: Float64Array.of(scale, 0, 0, 0, scale, 0, 0, 0, 1), field: ZERO_FIELD, matches: 0, scale });

const verdictAt = (x: number, y: number, dx: number, dy: number): CellVerdict => ({ cell: { x, y, w: 16, h: 18 }, ncc: 1, dx, dy, bounded: true, contrast: 1, statistic: 0, residual: new Float64Array(0) });

describe('compare/fine-cells: the cells’ second look at 300 dpi', function () {
  this.timeout(300_000);

  it('resamples each window of a 300 dpi scan pixel for pixel onto the fine rendering’s grid, the cell’s stage-1 offset included', () => {
    const fine = noise(400, 300, 5);
    const options = DEFAULT_FINE.cells;
    // The scan is the fine rendering itself: at offset 0 the windows are the rendering's.
    const plain = mosaicOf([verdictAt(40, 30, 0, 0), verdictAt(120, 90, 0, 0)], { scan: fine, registration: scaled(2), rendering: fineFromImage(fine), dpi: COMPARE_DPI }, options);
    expect(Array.from(plain.scan.data)).to.deep.equal(Array.from(plain.rendering.data));
    // A scan shifted by 3 fine pixels right and 2 down, with the stage-1 offset saying so (1.5, 1 comparison pixels).
    const shifted = { width: 400, height: 300, data: new Uint8Array(400 * 300).fill(255) };
    for (let y = 2; y < 300; y++) for (let x = 3; x < 400; x++) shifted.data[y * 400 + x] = fine.data[(y - 2) * 400 + x - 3];
    const moved = mosaicOf([verdictAt(40, 30, 1.5, 1)], { scan: shifted, registration: scaled(2), rendering: fineFromImage(fine), dpi: COMPARE_DPI }, options);
    expect(Array.from(moved.scan.data)).to.deep.equal(Array.from(moved.rendering.data));
    expect(moved.cells[0]).to.deep.equal({ x: 20, y: 20, w: 32, h: 36 });
  });

  it('does not read the fine rendering on a capture below the resolution, without candidates, or with too few cells to calibrate on', () => {
    let reads = 0;
    const counting: FineRendering = (x, y, w, h) => {
      reads++;
      return { width: w, height: h, data: new Uint8Array(w * h).fill(255) };
    };
    const verdicts = Array.from({ length: 40 }, (_, i) => ({ ...verdictAt(10 + 20 * (i % 10), 10 + 25 * Math.floor(i / 10), 0, 0), statistic: i === 7 ? 60 : 20 + (i % 3) }));
    const check: CellCheck = { capture: { sigma: 1, gamma: 0, tone: new Float64Array(256) }, gain: 1, spread: { median: 21, scale: 1.5 }, limit: 40, verdicts, placed: verdicts.map(() => true), compared: 1, regions: [], strength: 0 };
    const input = { scan: noise(500, 300, 1), rendering: counting, dpi: COMPARE_DPI };
    // A 200 dpi photo: nothing gained at 300 dpi.
    expect(refineCells(check, { ...input, registration: scaled(200 / COMPARE_DPI) }).fine.ran).to.equal(false);
    // A 300 dpi scan whose cells are all ordinary (cell 7 is over the limit: already flagged, not a candidate).
    expect(refineCells(check, { ...input, registration: scaled(2) }).fine.ran).to.equal(false);
    // A candidate (cell 3, 5 MAD) on a page of 10 cells: too few ordinary cells to calibrate 300 dpi on.
    const few = { ...check, verdicts: verdicts.slice(0, 10).map((v, i) => (i === 3 ? { ...v, statistic: 28.5 } : v)), placed: verdicts.slice(0, 10).map(() => true) };
    expect(refineCells(few, { ...input, registration: scaled(2) }).fine.ran).to.equal(false);
    expect(reads).to.equal(0);
  });

  it('flags a birth day moved by one (12 → 13, 2 and 3 share their top half) that 150 dpi alone does not; the genuine scan stays clean', async () => {
    // The tax certificate on tuning seed 8 (docs/compare.md, "Limits"): its date cell reaches 7.4 MAD at 150 dpi, under the 7.5 limit.
    const { residentId, request } = CORPUS_REQUESTS[3];
    const cert = await issueDemo(residentId, request);
    const rendering = await renderFront(cert, COMPARE_DPI);
    const fine = fineFromImage(await renderFront(cert, FINE_DPI));
    const runs = await frontRuns(cert);
    const forged = tamper(cert, 'date', 8);
    const truth = changedBox(rendering, await renderFront(forged, COMPARE_DPI))!;
    const scan = await captureFront(forged, 'scan300', 108, { dotScreen: true });
    const coarse = compareScanWithRendering(rendering, scan, runs);
    const refined = compareScanWithRendering(rendering, scan, runs, undefined, { fine });
    expect(coarse.registered && refined.registered).to.equal(true);
    if (!coarse.registered || !refined.registered) return;
    expect(coarse.cells!.regions.some((r) => overlaps(r, truth)), '150 dpi alone').to.equal(false);
    expect(refined.cells!.fine!.ran).to.equal(true);
    expect(refined.cells!.regions.some((r) => overlaps(r, truth)), JSON.stringify({ truth, fine: refined.cells!.fine })).to.equal(true);
    expect(refined.cells!.strength).to.be.greaterThan(1);

    const genuine = compareScanWithRendering(rendering, await captureFront(cert, 'scan300', 8, { dotScreen: true }), runs, undefined, { fine });
    expect(genuine.registered).to.equal(true);
    if (!genuine.registered) return;
    expect(genuine.cells!.regions).to.deep.equal([]);
    // The same cells as the first stage judged them: the second look only adds flags.
    const cells = cellsFromRuns(runs, rendering, COMPARE_DPI);
    expect(checkCells(rendering, genuine.aligned, cells).verdicts.map((v) => v.statistic)).to.deep.equal(genuine.cells!.verdicts.map((v) => v.statistic));
  });
});
