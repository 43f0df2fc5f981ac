/**
 * What lies around the page in a capture — a flatbed's dark lid or a desk under a phone photo —
 * turned to paper before anything else looks at the scan. The registration's first guess is the
 * ink's moments (register.ts): a dark band along two or four edges outweighs the text (a 2 mm lid
 * strip along an A4 page is as much "ink" as the whole front's text) and pulls the centroid and
 * the spread off the page, and the patch searches then start from a wrong similarity. Measured on
 * the independent print–scan pipeline (scripts/independent-scan.mjs): every 300 dpi scan with a
 * dark lid was "not compared" before this step.
 *
 * The surround is what is much darker than the paper (`SURROUND_RATIO`) and connected to the image's
 * border, found on 4 × 4 blocks (their mean: sensor noise and JPEG do not stop the flood) and then
 * to the pixel along its rim. Text never touches the border (A4 margins are ≥ 10 mm), so the
 * flood stops at the paper's edge. The paper level is a high quantile of the whole image.
 */
import type { GreyImage } from '../vision/grey.ts';

/**
 * Darker than this share of the paper level, and reached from the border: not the page. A black
 * or grey lid (#202020–#303030 against paper ≈ 245: 0.13–0.2) is; a phone photo's page corner
 * dimmed by the light is not (0.6 let the flood into such a corner on the simulator's photos and
 * erase glyphs there: a genuine photo was called "differs" and five tampered ones "not compared";
 * at 0.35 all 142 tuning captures give the verdicts they gave without this step). A mid-grey desk
 * (≈ 0.55) stays, as before this step.
 */
export const SURROUND_RATIO = 0.35;
/** The paper level: this quantile of the image's grey levels (paper is most of a page). */
const PAPER_QUANTILE = 0.9;
const BLOCK = 4;

/** The paper's grey level: PAPER_QUANTILE of every other pixel's grey level. */
export function paperQuantile(image: GreyImage): number {
  const hist = new Float64Array(256);
  let n = 0;
  for (let i = 0; i < image.data.length; i += 2) {
    hist[image.data[i]]++;
    n++;
  }
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += hist[v];
    if (seen >= PAPER_QUANTILE * n) return v;
  }
  return 255;
}

/** Images that have been through paperSurround (see adoptSurroundRemoved): returned as they are. */
const cleaned = new WeakMap<GreyImage, GreyImage['data']>();

/**
 * Marks `image` as already through paperSurround — a page cleaned on another thread arrives as a
 * new object (structured clone) — so that the comparison does not look for a surround again.
 */
export function adoptSurroundRemoved(image: GreyImage): void {
  cleaned.set(image, image.data);
}

/** The image with its dark surround (if any) set to the paper level; the same object when there is none. */
export function paperSurround(image: GreyImage): GreyImage {
  if (cleaned.get(image) === image.data) return image;
  const result = withoutSurround(image);
  cleaned.set(result, result.data);
  return result;
}

function withoutSurround(image: GreyImage): GreyImage {
  const { width, height } = image;
  const paper = paperQuantile(image);
  const cut = SURROUND_RATIO * paper;
  const bw = Math.ceil(width / BLOCK);
  const bh = Math.ceil(height / BLOCK);
  // Whether each block is dark, found when the flood first reaches it (-1: not yet): a page with
  // nothing dark on its border costs its border blocks only.
  const dark = new Int8Array(bw * bh).fill(-1);
  const isDark = (b: number) => {
    if (dark[b] < 0) {
      const bx = b % bw;
      const by = (b - bx) / bw;
      let sum = 0;
      let n = 0;
      for (let y = by * BLOCK; y < Math.min(height, (by + 1) * BLOCK); y++)
        for (let x = bx * BLOCK; x < Math.min(width, (bx + 1) * BLOCK); x++) {
          sum += image.data[y * width + x];
          n++;
        }
      dark[b] = sum < cut * n ? 1 : 0;
    }
    return dark[b] === 1;
  };
  // Flood from the border blocks over dark blocks (4-connected).
  const surround = new Uint8Array(bw * bh);
  const stack: number[] = [];
  const push = (b: number) => {
    if (!surround[b] && isDark(b)) {
      surround[b] = 1;
      stack.push(b);
    }
  };
  for (let bx = 0; bx < bw; bx++) {
    push(bx);
    push((bh - 1) * bw + bx);
  }
  for (let by = 0; by < bh; by++) {
    push(by * bw);
    push(by * bw + bw - 1);
  }
  if (!stack.length) return image;
  while (stack.length) {
    const b = stack.pop()!;
    const bx = b % bw;
    const by = (b - bx) / bw;
    if (bx > 0) push(b - 1);
    if (bx < bw - 1) push(b + 1);
    if (by > 0) push(b - bw);
    if (by < bh - 1) push(b + bw);
  }
  const data = Uint8Array.from(image.data);
  const level = Math.round(paper);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const bx = (x / BLOCK) | 0;
      const by = (y / BLOCK) | 0;
      const b = by * bw + bx;
      if (surround[b]) data[y * width + x] = level;
      // The rim: a dark pixel in a block beside the surround (the blocks straddling the page's edge).
      else if (data[y * width + x] < cut && ((bx > 0 && surround[b - 1]) || (bx < bw - 1 && surround[b + 1]) || (by > 0 && surround[b - bw]) || (by < bh - 1 && surround[b + bw]))) data[y * width + x] = level;
    }
  return { width, height, data };
}

/** Slow reference for paperSurround: every block's darkness found first, then the flood (as before the lazy blocks). */
export function paperSurroundReference(image: GreyImage): GreyImage {
  const { width, height } = image;
  const paper = paperQuantile(image);
  const cut = SURROUND_RATIO * paper;
  const bw = Math.ceil(width / BLOCK);
  const bh = Math.ceil(height / BLOCK);
  const dark = new Uint8Array(bw * bh);
  for (let by = 0; by < bh; by++)
    for (let bx = 0; bx < bw; bx++) {
      let sum = 0;
      let n = 0;
      for (let y = by * BLOCK; y < Math.min(height, (by + 1) * BLOCK); y++)
        for (let x = bx * BLOCK; x < Math.min(width, (bx + 1) * BLOCK); x++) {
          sum += image.data[y * width + x];
          n++;
        }
      dark[by * bw + bx] = sum < cut * n ? 1 : 0;
    }
  // Flood from the border blocks over dark blocks (4-connected).
  const surround = new Uint8Array(bw * bh);
  const stack: number[] = [];
  const push = (b: number) => {
    if (dark[b] && !surround[b]) {
      surround[b] = 1;
      stack.push(b);
    }
  };
  for (let bx = 0; bx < bw; bx++) {
    push(bx);
    push((bh - 1) * bw + bx);
  }
  for (let by = 0; by < bh; by++) {
    push(by * bw);
    push(by * bw + bw - 1);
  }
  if (!stack.length) return image;
  while (stack.length) {
    const b = stack.pop()!;
    const bx = b % bw;
    const by = (b - bx) / bw;
    if (bx > 0) push(b - 1);
    if (bx < bw - 1) push(b + 1);
    if (by > 0) push(b - bw);
    if (by < bh - 1) push(b + bw);
  }
  const data = Uint8Array.from(image.data);
  const level = Math.round(paper);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const bx = (x / BLOCK) | 0;
      const by = (y / BLOCK) | 0;
      const b = by * bw + bx;
      if (surround[b]) data[y * width + x] = level;
      // The rim: a dark pixel in a block beside the surround (the blocks straddling the page's edge).
      else if (data[y * width + x] < cut && ((bx > 0 && surround[b - 1]) || (bx < bw - 1 && surround[b + 1]) || (by > 0 && surround[b - bw]) || (by < bh - 1 && surround[b + bw]))) data[y * width + x] = level;
    }
  return { width, height, data };
}
