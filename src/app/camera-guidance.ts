/**
 * What the verifier's camera says over its preview, frame by frame, and when a frame is worth the
 * whole pipeline. Pure: a frame's pixels in, a hint out (`<kofu-camera-capture>` shows it; the
 * verify worker runs `scanCameraFrame`).
 *
 * The hint comes from the frame's light and focus (src/vision/frame-quality.ts) and from the
 * carrier's four corner finders (src/carrier/locate.ts at one binarisation window): their module
 * pitch says whether the phone is close enough for the decoder, and the shape of the quadrilateral
 * they make says whether the phone is held square to the paper.
 */
import { finderQuads, locateFinders, binarisationWindows, type FinderQuad } from '../carrier/locate.ts';
import { frameQuality, type FrameQuality } from '../vision/frame-quality.ts';
import { rgbaToGrey, type GreyImage } from '../vision/grey.ts';
import { verifyImage, type PipelineOptions } from '../verify/pipeline.ts';
import type { VerificationReport } from '../verify/report.ts';

/**
 * `dark` 明るい場所で · `blurry` 動かさないで · `closer` 近づけて · `tilted` まっすぐに ·
 * `searching` (no carrier in view yet: point at the back) · `ready` (worth decoding).
 */
export type CameraHint = 'dark' | 'blurry' | 'closer' | 'tilted' | 'searching' | 'ready';

export interface FrameGuidance {
  readonly hint: CameraHint;
  readonly quality: FrameQuality;
  /** The best finder quadrilateral's module pitch (pixels), if one was seen. */
  readonly modulePx?: number;
  /** Longest ÷ shortest of the quadrilateral's opposite sides (1 = held square), if one was seen. */
  readonly skew?: number;
}

/** Below this mean grey level the sensor's noise swamps the print (a dim room, a shadowed sheet). */
export const DARK_BRIGHTNESS = 55;
/** Below this focus measure the modules smear into each other (a shaking hand, a lens not yet focused). */
export const BLURRY_SHARPNESS = 0.12;
/**
 * The decoder blames the resolution below 1.6 pixels per module (src/carrier/decode.ts); a little
 * margin, so "closer" is asked for only where a decode would fail anyway.
 */
export const CLOSER_MODULE_PX = 1.8;
/** Opposite sides differing by more than this (a view some 30° off square): perspective the decoder copes with less and less; it is still tried. */
export const TILTED_SKEW = 1.2;

/** The hint for one grey frame. */
export function frameGuidance(grey: GreyImage): FrameGuidance {
  const quality = frameQuality(grey);
  if (quality.brightness < DARK_BRIGHTNESS) return { hint: 'dark', quality };
  const quad = finderQuads(locateFinders(grey, binarisationWindows(grey)[0]))[0];
  if (!quad) return { hint: quality.sharpness < BLURRY_SHARPNESS ? 'blurry' : 'searching', quality };
  const skew = quadSkew(quad);
  const found = { quality, modulePx: quad.module, skew };
  if (quad.module < CLOSER_MODULE_PX) return { hint: 'closer', ...found };
  if (quality.sharpness < BLURRY_SHARPNESS) return { hint: 'blurry', ...found };
  if (skew > TILTED_SKEW) return { hint: 'tilted', ...found };
  return { hint: 'ready', ...found };
}

/** Longest ÷ shortest of the two pairs of opposite sides (corners in cyclic order). */
export function quadSkew(quad: Pick<FinderQuad, 'corners'>): number {
  const c = quad.corners;
  const side = (i: number) => Math.hypot(c[(i + 1) % 4].x - c[i].x, c[(i + 1) % 4].y - c[i].y);
  const ratio = (a: number, b: number) => Math.max(a, b) / Math.max(1e-9, Math.min(a, b));
  return Math.max(ratio(side(0), side(2)), ratio(side(1), side(3)));
}

/** Hints a decode is tried on without being asked: the carrier is in view and large enough. */
const DECODE_HINTS: ReadonlySet<CameraHint> = new Set(['ready', 'tilted']);

export interface FrameScan {
  readonly guidance: FrameGuidance;
  /** The pipeline's report, when the frame went through it. */
  readonly report?: VerificationReport;
}

export interface FrameScanOptions extends PipelineOptions {
  /**
   * Run the pipeline whatever the hint: the camera does so every so often, because the hint can
   * be wrong (a glare over one finder) and a missed read costs more than one slow frame.
   */
  readonly decodeAnyway?: boolean;
}

/** One camera frame: the hint always, the whole pipeline when the hint is good or `decodeAnyway`. */
export async function scanCameraFrame(image: { data: Uint8ClampedArray | Uint8Array; width: number; height: number }, options: FrameScanOptions): Promise<FrameScan> {
  const grey = rgbaToGrey(image.data, image.width, image.height);
  const guidance = frameGuidance(grey);
  if (!options.decodeAnyway && !DECODE_HINTS.has(guidance.hint)) return { guidance };
  return { guidance, report: await verifyImage(image, options) };
}
