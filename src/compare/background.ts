/**
 * The printed security background under the front's text — the 『複写』 pantograph's dots and the
 * tinted 地紋 lines (src/pdf/pdf.ts drawFrontPatterns, src/patterns/) — taken out of a scan before
 * it is registered. The restored rendering has no background: in a scan the background is a
 * texture a few tens of grey levels below the paper over the whole page, which pulls the ink
 * moments of the first guess towards the page's middle, and lets the patch and block searches
 * lock on to the pantograph's letters where a block holds little text.
 *
 * Text is toner-black and the background light (6–11 % dot coverage, a pale tint), so on the ink
 * ratio grey / paper level the page is two classes: ink, darker than INK_RATIO of the paper, and
 * paper with the background over it. Every tone at or above the lighter class's dark end (its
 * BACKGROUND_QUANTILE) becomes paper; darker tones are stretched onto the full range. Ink keeps
 * its shape; what is left of the background is its darkest dots, at a fraction of their contrast.
 * (Otsu's threshold was tried for the split: on a page with little text it splits the background
 * from the paper instead, and the clip then lands on the paper.)
 */
import type { GreyImage } from '../vision/grey.ts';
import { paperLevel } from './image-ops.ts';

/** Radius of the paper-level estimate, scan pixels (as the difference map's normalisation). */
const PAPER_RADIUS = 12;
/** Share of the background class's pixels left darker than the clip. */
const BACKGROUND_QUANTILE = 0.1;
/** Darker than this share of the local paper level is ink (toner, even a thin stroke's blurred core); never turned to paper. */
const INK_RATIO = 0.6;
/** The clip never reaches the paper itself (a page with no background keeps its anti-aliased edges). */
const MAX_CLIP = 0.97;
/** Bins of the ink-ratio histogram. */
const BINS = 256;

/** The scan with its light background tones turned to paper (see the module comment), and the clip level (ink ratio, 0–1). */
export function suppressBackground(scan: GreyImage): { image: GreyImage; clip: number } {
  const n = scan.data.length;
  const paper = paperLevel(scan, PAPER_RADIUS);
  const ratio = new Float32Array(n);
  const hist = new Float64Array(BINS);
  for (let i = 0; i < n; i++) {
    const r = Math.min(1, scan.data[i] / Math.max(1, paper[i]));
    ratio[i] = r;
    hist[Math.min(BINS - 1, Math.floor(r * BINS))]++;
  }
  const inkBins = Math.ceil(INK_RATIO * BINS);
  let lighter = 0;
  for (let b = inkBins; b < BINS; b++) lighter += hist[b];
  let clipBin = BINS - 1;
  let seen = 0;
  for (let b = inkBins; b < BINS; b++) {
    seen += hist[b];
    if (seen >= BACKGROUND_QUANTILE * lighter) {
      clipBin = b;
      break;
    }
  }
  const clip = Math.min(MAX_CLIP, Math.max(INK_RATIO, clipBin / BINS));
  const data = new Uint8Array(n);
  for (let i = 0; i < n; i++) data[i] = Math.round(255 * Math.min(1, ratio[i] / clip));
  return { image: { width: scan.width, height: scan.height, data }, clip };
}
