import { expect } from '@open-wc/testing';
import { applyHomography, type Point } from '../vision/homography.ts';
import { chooseRegistration, fitAffine, largestDisagreement, robustAffine, similarityFrom2, trustsLayout, type FlatbedRegistration } from './flatbed.ts';

/** A flatbed's map: 2 scan px per rendering px (300 dpi over 150), rotated by 3°, shifted. */
const angle = (3 * Math.PI) / 180;
const truth = Float64Array.of(2 * Math.cos(angle), -2 * Math.sin(angle), 40, 2 * Math.sin(angle), 2 * Math.cos(angle), 25, 0, 0, 1);
const at = (h: Float64Array, p: Point) => applyHomography(h, p.x, p.y);

/** A 9 × 12 grid of patch centres over an A4 page at 150 dpi. */
const grid: Point[] = [];
for (let r = 0; r < 12; r++) for (let c = 0; c < 9; c++) grid.push({ x: 70 + c * 135, y: 70 + r * 145 });

describe('compare/flatbed: the robust affine fit', () => {
  it('a similarity from two point pairs maps both exactly', () => {
    const p = [{ x: 10, y: 20 }, { x: 300, y: -40 }];
    const h = similarityFrom2(p[0], p[1], at(truth, p[0]), at(truth, p[1]))!;
    for (let i = 0; i < 9; i++) expect(h[i]).to.be.closeTo(truth[i], 1e-9);
    expect(similarityFrom2(p[0], p[0], p[0], p[0])).to.equal(null);
  });

  it('fits an affine map (a scale 0.4 % apart along the carriage) by least squares, and refuses collinear points', () => {
    const affine = Float64Array.of(2, 0.01, 5, -0.02, 2.008, 7, 0, 0, 1);
    const fitted = fitAffine(grid, grid.map((p) => at(affine, p)))!;
    for (let i = 0; i < 9; i++) expect(fitted[i]).to.be.closeTo(affine[i], 1e-9);
    const line = [0, 1, 2, 3].map((i) => ({ x: i, y: 2 * i }));
    expect(fitAffine(line, line)).to.equal(null);
  });

  it('a block of matches moved up by a row (a member removed) does not move the fit: the rest agrees within a pixel', () => {
    // Rows 4–8 of the grid show content that was 60 rendering px lower on the signed layout.
    const moved = (p: Point) => p.y > 600 && p.y < 1300;
    const dst = grid.map((p) => at(truth, moved(p) ? { x: p.x, y: p.y - 60 } : p));
    const noisy = dst.map((q, i) => ({ x: q.x + 0.3 * Math.sin(i), y: q.y + 0.3 * Math.cos(i) }));
    const fit = robustAffine(grid, noisy, 2, 200)!;
    expect(fit.agrees).to.deep.equal(grid.map((p) => !moved(p)));
    expect(largestDisagreement(fit.model, truth, 1240, 1754)).to.be.below(0.5);
    // A least-squares fit over every match is pulled by the moved block.
    expect(largestDisagreement(fitAffine(grid, noisy)!, truth, 1240, 1754)).to.be.above(20);
  });

  it('between two equally large agreeing sets, the one spread over more of the page wins (the header and footer, not the moved rows)', () => {
    // Four rows in the middle moved by 80 px; two rows at the top and two at the foot in place.
    const row = (p: Point) => Math.round((p.y - 70) / 145);
    const band = (p: Point) => row(p) >= 3 && row(p) <= 6;
    const src = grid.filter((p) => band(p) || row(p) <= 1 || row(p) >= 10);
    expect(src.filter(band).length).to.equal(src.length / 2);
    const dst = src.map((p) => at(truth, band(p) ? { x: p.x, y: p.y + 80 } : p));
    const fit = robustAffine(src, dst, 2, 200)!;
    expect(fit.agrees).to.deep.equal(src.map((p) => !band(p)));
  });
});

describe('compare/flatbed: which registration is kept', () => {
  const flat = (over: Partial<FlatbedRegistration> = {}): FlatbedRegistration => ({ affine: truth, matches: 100, agreeing: 90, score: 80, support: 0.66, scale: 2, ...over });
  /** A homography that bent the page: perspective down the page, its foot about a tenth off the affine map. */
  const bent = Float64Array.of(truth[0], truth[1], truth[2], truth[3], truth[4], truth[5], 0, 0.00006, 1);

  it('keeps the homography where it agrees with the flatbed fit (a genuine scan), the flatbed fit where the homography bent the page', () => {
    const nearly = Float64Array.of(...truth.slice(0, 8), 1);
    nearly[2] += 0.5;
    expect(chooseRegistration(nearly, flat(), 1240, 1754).choice).to.equal('homography');
    const bentChoice = chooseRegistration(bent, flat(), 1240, 1754);
    expect(bentChoice.choice).to.equal('flatbed');
    expect(bentChoice.bend).to.be.above(6);
  });

  it('never takes a photo-resolution or poorly supported fit, and trusts the layout only on a flatbed fit that is used', () => {
    expect(chooseRegistration(bent, flat({ scale: 1.3 }), 1240, 1754).choice).to.equal('homography');
    expect(chooseRegistration(bent, flat({ support: 0.3 }), 1240, 1754).choice).to.equal('homography');
    expect(chooseRegistration(bent, flat({ agreeing: 15, matches: 20 }), 1240, 1754).choice).to.equal('homography');
    expect(chooseRegistration(bent, null, 1240, 1754).choice).to.equal('homography');
    expect(trustsLayout({ ...flat(), chosen: true, bend: 40 })).to.equal(true);
    expect(trustsLayout({ ...flat(), chosen: false, bend: 1 })).to.equal(true);
    expect(trustsLayout({ ...flat(), chosen: false, bend: 40 })).to.equal(false);
    expect(trustsLayout({ ...flat({ scale: 1.3 }), chosen: false, bend: 1 })).to.equal(false);
    expect(trustsLayout(undefined)).to.equal(false);
  });
});
