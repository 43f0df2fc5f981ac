/**
 * Scan or photo of a front ↔ its restored rendering: register, resample, compare. The rendering
 * is drawn at COMPARE_DPI, not at the 100 dpi of the restored image on screen: at 100 dpi a
 * 9.5 pt glyph is 13 px and one changed stroke is a pixel or two, inside the blur tolerance; at
 * 150 dpi it is 20 px, which a 300 dpi scan and a 150–250 dpi photo both still resolve.
 */
import type { GreyImage } from '../vision/grey.ts';
import { compareFront, DEFAULT_DIFFERENCE, type Difference, type DifferenceOptions } from './difference.ts';
import { registerToRendering, warpToRendering, ZERO_FIELD, type Registration } from './register.ts';

export const COMPARE_DPI = 150;

export type FrontComparison =
  | {
      readonly registered: true;
      readonly registration: Registration;
      readonly difference: Difference;
      /** The scan resampled onto the rendering's grid (homography and local field): what was compared. */
      readonly aligned: GreyImage;
    }
  /** No consistent placement of the rendering in the scan: not this sheet, or not readable. */
  | { readonly registered: false };

export function compareScanWithRendering(rendering: GreyImage, scan: GreyImage, options: DifferenceOptions = DEFAULT_DIFFERENCE): FrontComparison {
  const registration = registerToRendering(rendering, scan);
  if (!registration) return { registered: false };
  const global = warpToRendering(scan, { ...registration, field: ZERO_FIELD }, rendering.width, rendering.height);
  const local = warpToRendering(scan, registration, rendering.width, rendering.height);
  return { registered: true, registration, difference: compareFront(rendering, [global, local], options), aligned: local };
}
