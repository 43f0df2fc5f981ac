/**
 * Scan or photo, from the registration's homography: where the rendering's corners land in the
 * person's image gives the capture's resolution and how far it is from a flat, square-on view.
 * A flatbed keeps opposite page edges equal at its own resolution; a phone photo is tilted, and
 * below flatbed resolution.
 */
import { applyHomography, type Homography, type Point } from '../vision/homography.ts';

/** The comparison's resolution (compare.ts): the rendering is drawn at this many dots per inch. */
export const COMPARE_DPI = 150;
/**
 * A capture at flatbed resolution and geometry (a scan): both the difference map and the cells
 * judge it. Below it, or in perspective (a photo), only the cells do: the map cannot tell a
 * photo's lens residual from a changed stroke (docs/compare.md, "Measured"), each cell aligns on
 * its own and is judged against the page's own cells.
 */
export const MIN_SCAN_DPI = 270;
/** Opposite page edges may differ in length by this share at most (a flatbed keeps them equal; a tilted photo does not). */
export const MAX_PERSPECTIVE = 0.03;

export type CaptureKind = 'scan' | 'photo';

/** The page's corners in the person's image: its resolution (dpi) and how far from a flat, square-on view it is. */
export function captureGeometry(toPixels: (x: number, y: number) => Point, width: number, height: number): { dpi: number; perspective: number } {
  const [a, b, c, d] = [toPixels(0, 0), toPixels(width, 0), toPixels(width, height), toPixels(0, height)];
  const len = (p: Point, q: Point) => Math.hypot(q.x - p.x, q.y - p.y);
  const [top, right, bottom, left] = [len(a, b), len(b, c), len(d, c), len(a, d)];
  // Image pixels per rendering pixel: the mean of the horizontal and the vertical edge ratios.
  const scale = ((top + bottom) / width + (left + right) / height) / 4;
  const perspective = Math.max(Math.abs(top - bottom) / Math.max(top, bottom), Math.abs(left - right) / Math.max(left, right));
  return { dpi: scale * COMPARE_DPI, perspective };
}

/** A scan when the homography puts a `width` × `height` rendering at flatbed resolution and geometry, else a photo. */
export function captureKind(homography: Homography, width: number, height: number): CaptureKind {
  const { dpi, perspective } = captureGeometry((x, y) => applyHomography(homography, x, y), width, height);
  return dpi >= MIN_SCAN_DPI && perspective <= MAX_PERSPECTIVE ? 'scan' : 'photo';
}
