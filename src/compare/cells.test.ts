import { expect } from '@open-wc/testing';
import { correlationSurface, correlationSurfaceReference, modelWindow, modelWindowReference, toneCurve } from './capture-model.ts';
import { cellsFromRuns, type Cell } from './cell-layout.ts';
import fc from 'fast-check';
import { checkCells, topMean, topMeanReference } from './cells.ts';
import { compareScanWithRendering, COMPARE_DPI } from './compare.ts';
import { noise, overlaps } from './testing/images.ts';
import { captureFront, changedBox, frontRuns, issueDemo, renderFront, tamper } from './testing/tamper.ts';

const household = { kind: 'juminhyo', scope: 'household', householder: true, honseki: false, myNumber: false } as const;

describe('compare/cells: the per-character-cell check', function () {
  this.timeout(300_000);

  it('the model window (tone, blur, sub-pixel shift) equals the 2-D reference, inside and across the image edge', () => {
    const image = noise(40, 30, 3);
    for (const capture of [{ sigma: 0.8, gamma: 0, tone: toneCurve(0) }, { sigma: 1.5, gamma: 0.6, tone: toneCurve(0.6) }])
      for (const [x, y, fx, fy] of [[10, 8, 0, 0], [-3, 20, 0.4, -0.3], [30, -2, -0.5, 0.5]]) {
        const fast = modelWindow(image, x, y, 14, 11, capture, fx, fy);
        const slow = modelWindowReference(image, x, y, 14, 11, capture, fx, fy);
        for (let i = 0; i < fast.length; i++) expect(fast[i]).to.be.closeTo(slow[i], 1e-9);
      }
  });

  it('the correlation surface equals the textbook NCC at every offset, clamped at the edges', () => {
    const image = noise(50, 40, 7);
    const model = Float64Array.from(noise(12, 9, 11).data);
    for (const [x, y] of [[20, 15], [1, 2], [40, 33]]) {
      const fast = correlationSurface(model, image, x, y, 12, 9, 3);
      const slow = correlationSurfaceReference(model, image, x, y, 12, 9, 3);
      for (let i = 0; i < fast.length; i++) expect(fast[i]).to.be.closeTo(slow[i], 1e-9);
    }
  });

  it('the tone curve is the identity at γ = 0 and darkens partial coverage, never paper or solid ink, for γ > 0', () => {
    expect(Array.from(toneCurve(0)).every((v, i) => Math.abs(v - i) < 1e-9)).to.equal(true);
    const curve = toneCurve(0.5);
    expect(curve[255]).to.equal(255);
    expect(curve[0]).to.equal(0);
    expect(curve[128]).to.be.below(128);
  });

  it('the statistic is the mean of the largest magnitudes, whatever their sign', () => {
    expect(topMean(Float64Array.of(1, -9, 3, 7, -2), 2)).to.equal(8);
    expect(topMean(Float64Array.of(-4), 5)).to.equal(4);
  });

  it('topMean equals its slow reference bit for bit (any values, any count)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -300, max: 300 }), { maxLength: 80 }), fc.integer({ min: 0, max: 100 }), (values, count) => {
        expect(topMean(Float64Array.from(values), count)).to.equal(topMeanReference(Float64Array.from(values), count));
      }),
      { numRuns: 300 },
    );
  });

  it('a changed glyph on a line of two is judged: its one neighbour vouches for the placement, not the glyph itself', async () => {
    // Found by the independent print–scan pipeline (docs/compare.md): a changed character of a
    // two-character surname correlated 0.52–0.58 and outvoted its only witness (0.88–0.91), so the
    // cell was never judged under 270 dpi, where the cells are the only check.
    const cert = await issueDemo('r-takahashi-ichiro', household);
    const rendering = await renderFront(cert, COMPARE_DPI);
    const cells = cellsFromRuns(await frontRuns(cert), rendering, COMPARE_DPI);
    const centre = (c: Cell) => ({ x: c.x + c.w / 2, y: c.y + c.h / 2 });
    const lineMates = (i: number) => cells.filter((c, j) => j !== i && Math.abs(centre(c).y - centre(cells[i]).y) <= 8 && Math.abs(centre(c).x - centre(cells[i]).x) <= 60);
    const pair = cells.findIndex((c, i) => c.w >= 12 && lineMates(i).length === 1);
    expect(pair, 'a cell with exactly one neighbour on its line').to.be.at.least(0);
    const target = cells[pair];
    // The glyph turned upside down in its place: other strokes, the same ink (the aligned scan is otherwise the rendering).
    const aligned = { ...rendering, data: Uint8Array.from(rendering.data) };
    for (let y = 0; y < target.h; y++)
      for (let x = 0; x < target.w; x++) aligned.data[(target.y + y) * rendering.width + target.x + x] = rendering.data[(target.y + target.h - 1 - y) * rendering.width + target.x + target.w - 1 - x];
    const check = checkCells(rendering, aligned, cells);
    expect(check.placed[pair], 'the changed cell is placed').to.equal(true);
    expect(check.regions.some((r) => overlaps(r, target)), 'and flagged').to.equal(true);
  });

  it('cuts the printed runs into glyph cells on their own ink, each inside its run’s em band', async () => {
    const cert = await issueDemo('r-takahashi-ichiro', household);
    const rendering = await renderFront(cert, COMPARE_DPI);
    const runs = await frontRuns(cert);
    const cells = cellsFromRuns(runs, rendering, COMPARE_DPI);
    const glyphs = runs.reduce((n, r) => n + [...r.text.replace(/[\s\u3000]/gu, '')].length, 0);
    // About one cell a glyph: a kanji's apart-standing radical adds one, touching digits share one.
    expect(cells.length).to.be.within(0.7 * glyphs, 1.6 * glyphs);
    for (const cell of cells) {
      let ink = 0;
      for (let y = cell.y; y < cell.y + cell.h; y++) for (let x = cell.x; x < cell.x + cell.w; x++) if (rendering.data[y * rendering.width + x] < 180) ink++;
      expect(ink, JSON.stringify(cell)).to.be.greaterThan(0);
      expect(Math.max(cell.w, cell.h)).to.be.at.most(42);
    }
  });

  it('a genuine front scanned at 300 dpi flags no cell; a birth date moved by one day flags the digit’s cell', async () => {
    const cert = await issueDemo('r-takahashi-ichiro', household);
    const rendering = await renderFront(cert, COMPARE_DPI);
    const cells = cellsFromRuns(await frontRuns(cert), rendering, COMPARE_DPI);
    const genuine = compareScanWithRendering(rendering, await captureFront(cert, 'scan300', 7, { dotScreen: true }));
    expect(genuine.registered).to.equal(true);
    if (!genuine.registered) return;
    const clean = checkCells(rendering, genuine.aligned, cells);
    expect(clean.regions).to.deep.equal([]);
    expect(clean.compared).to.equal(1);
    const forged = tamper(cert, 'date', 7);
    const truth = changedBox(rendering, await renderFront(forged, COMPARE_DPI))!;
    const scanned = compareScanWithRendering(rendering, await captureFront(forged, 'scan300', 107, { dotScreen: true }));
    expect(scanned.registered).to.equal(true);
    if (!scanned.registered) return;
    const found = checkCells(rendering, scanned.aligned, cells);
    expect(found.regions.some((r) => overlaps(r, truth)), JSON.stringify({ truth, regions: found.regions })).to.equal(true);
  });

  it('a zone that cannot be aligned is not placed, a removed line of text is', () => {
    // A page of 24 × 16 identical glyph-like cells; the scan shifts the right half by 9 px (beyond the search) and blanks one row on the left.
    const width = 600;
    const height = 400;
    const rendering = { width, height, data: new Uint8Array(width * height).fill(255) };
    const cells: Cell[] = [];
    for (let row = 0; row < 16; row++)
      for (let col = 0; col < 24; col++) {
        const x0 = 10 + col * 24;
        const y0 = 10 + row * 24;
        for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++) if (x === 3 || y === 5 || x + y === 20 || (x * y) % 7 === 1) rendering.data[(y0 + y) * width + x0 + x] = 20;
        cells.push({ x: x0 - 1, y: y0 - 1, w: 18, h: 18 });
      }
    const scan = { width, height, data: new Uint8Array(width * height).fill(250) };
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const source = x >= 300 ? x - 9 : x;
        const blankRow = x < 300 && y >= 10 + 4 * 24 && y < 10 + 5 * 24;
        scan.data[y * width + x] = blankRow ? 250 : Math.round(20 + (rendering.data[y * width + source] - 20) * 0.9);
      }
    const check = checkCells(rendering, scan, cells);
    const placed = (x: number) => cells.map((c, i) => ({ c, p: check.placed[i] })).filter(({ c }) => (x < 300 ? c.x + c.w < 280 : c.x > 330));
    expect(placed(600).filter(({ p }) => p).length, 'right half placed').to.equal(0);
    expect(placed(0).filter(({ p }) => !p).map(({ c }) => `${c.x},${c.y}`), "left half placed").to.deep.equal([]);
    expect(check.regions.length, 'the blank row is flagged').to.be.greaterThan(0);
  });
});
