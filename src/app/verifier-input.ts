/**
 * Verifier input: the one place that turns what a person gives the verifier — a scan or photo
 * file (PNG, JPEG, WebP, TIFF with one page or several), a kofu PDF, or a camera frame — into the
 * RGBA pixels the verify pipeline reads; files arrive by the file picker, drag and drop, paste,
 * the OS share sheet (src/app/shared-file.ts) or the installed app's file handler. The limits of src/vision/input.ts (file size, pixel count) are checked before anything
 * is decoded, and each refusal carries a message the person can act on. Also the camera itself:
 * opening it, grabbing a frame, and which failed frames are worth another try.
 *
 * Browser edges: createImageBitmap and OffscreenCanvas (through src/vision/), getUserMedia, the
 * frame a <video> shows.
 */
import { AbortedError } from '../bytes/errors.ts';
import type { VerificationReport } from '../verify/report.ts';
import { readImageFile } from '../vision/input.ts';
import type { PageTextItem } from '../vision/pdf-input.ts';
import { isTiffFile, openTiff } from '../vision/tiff-input.ts';
import { VERIFIER_FILE_TYPES } from './verifier-file-types.ts';

export { dpiIfA4 } from '../vision/input.ts';
export { isTiffFile, VERIFIER_FILE_TYPES };

export type VerifierInput =
  /** A file the person chose or dropped: an image, or a kofu PDF (its first sheet's back page). */
  | { readonly kind: 'file'; readonly file: File }
  /** A camera frame already grabbed (`videoFrame`). */
  | { readonly kind: 'frame'; readonly frame: ImageData };

/** A PDF by its MIME type or, when the browser gives none (some file managers), by its name. */
export function isPdfFile(file: Pick<File, 'type' | 'name'>): boolean {
  return file.type === 'application/pdf' || /\.pdf$/i.test(file.name);
}

/** `<input accept>`: every type and extension of VERIFIER_FILE_TYPES, and any other image. */
export const VERIFIER_ACCEPT = [...Object.entries(VERIFIER_FILE_TYPES).flat(2), 'image/*'].join(',');

/**
 * The pages of one input. A scan file, a PDF or a camera frame has one; a TIFF from a flatbed
 * scanner may have several (front and back). Each page is decoded when asked for, so a long TIFF
 * never holds more than one page's pixels at a time.
 */
export interface VerifierPages {
  readonly count: number;
  /** Page `index` (0-based) as RGBA pixels; the caller owns them (a TIFF page is decoded afresh on every call). */
  page(index: number): Promise<ImageData>;
  /** A PDF page's text layer (kofu's own PDF has one; a scan has none). */
  text?(index: number): readonly PageTextItem[] | undefined;
}

/** Opens `input` (reads a TIFF's directories, checks the limits); throws a KofuError saying what is wrong with it. */
export async function openVerifierInput(input: VerifierInput, signal?: AbortSignal): Promise<VerifierPages> {
  if (input.kind === 'file' && isTiffFile(input.file)) {
    // openTiff loads utif2 only when a TIFF is chosen.
    const tiff = await openTiff(input.file);
    if (signal?.aborted) throw new AbortedError();
    return { count: tiff.pages.length, page: async (index) => tiff.decodePage(index) };
  }
  if (input.kind === 'file' && isPdfFile(input.file)) {
    // Every page with its text layer: kofu's PDF is front, back per sheet; a duplex scanner's
    // PDF is page images. PDF.js loads only when a PDF is chosen, in a worker Cancel terminates.
    const { renderPdfPagesInWorker } = await import('./pdf-page.ts');
    const pdf = await renderPdfPagesInWorker(input.file, { signal });
    return {
      count: pdf.length,
      page: async (index) => {
        const page = pdf[index];
        if (!page) throw new RangeError(`no page ${index + 1}`);
        // Handed out once: the pixels go to the worker by transfer.
        return new ImageData(new Uint8ClampedArray(page.image.data), page.image.width, page.image.height);
      },
      text: (index) => pdf[index]?.text,
    };
  }
  const only = await loadVerifierInput(input, signal);
  return {
    count: 1,
    page: async (index) => {
      if (index !== 0) throw new RangeError(`no page ${index + 1}`);
      return only;
    },
  };
}

/** Which input (`part`) page `index` of the joined pages comes from, and its page number there. */
export function locatePage(counts: readonly number[], index: number): { part: number; index: number } {
  let rest = index;
  for (let part = 0; part < counts.length; part++) {
    if (rest < counts[part]) return { part, index: rest };
    rest -= counts[part];
  }
  throw new RangeError(`no page ${index + 1}`);
}

/**
 * The pages of several inputs as one: front and back as two files, or a front first and the back
 * added after ("add the back"). Pages are numbered across the inputs in the order given.
 */
export function joinPages(parts: readonly VerifierPages[]): VerifierPages {
  const counts = parts.map((p) => p.count);
  const locate = (index: number) => {
    const at = locatePage(counts, index);
    return { part: parts[at.part], index: at.index };
  };
  return {
    count: parts.reduce((n, p) => n + p.count, 0),
    page: async (index) => {
      const at = locate(index);
      return at.part.page(at.index);
    },
    text: (index) => {
      const at = locate(index);
      return at.part.text?.(at.index);
    },
  };
}

/** The pixels of the first page of `input`; throws a KofuError saying what is wrong with it. */
export async function loadVerifierInput(input: VerifierInput, signal?: AbortSignal): Promise<ImageData> {
  if (input.kind === 'frame') return input.frame;
  const { file } = input;
  if (isTiffFile(file)) {
    const image = (await openTiff(file)).decodePage(0);
    if (signal?.aborted) throw new AbortedError();
    return image;
  }
  if (isPdfFile(file)) {
    // PDF.js loads only when a PDF is chosen, in a worker that Cancel terminates.
    const { renderPdfBackPageInWorker } = await import('./pdf-page.ts');
    return renderPdfBackPageInWorker(file, { signal });
  }
  return readImageFile(file);
}

/** `/verify#<digits>`: the locator a phone's camera app read from the printed QR code, if the hash is one. */
export function locatorFromHash(hash: string): string | undefined {
  const fragment = hash.replace(/^#/, '');
  return /^[0-9]{20,}$/.test(fragment) ? fragment : undefined;
}

// ---- camera -------------------------------------------------------------------------------------

/** The rear camera, as sharp as it goes (up to 4K): the carrier's modules are small. */
export const CAMERA_CONSTRAINTS: MediaStreamConstraints = {
  audio: false,
  video: { facingMode: { ideal: 'environment' }, width: { ideal: 3840 }, height: { ideal: 2160 } },
};

/** Why the camera did not start: not allowed, no camera at all, or it failed (often: in use elsewhere). */
export type CameraProblem = 'denied' | 'none' | 'failed';

/** The problem a getUserMedia rejection means (Media Capture and Streams §10: the DOMException names). */
export function cameraProblem(error: unknown): CameraProblem {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'none';
  return 'failed';
}

export type CameraStart = { readonly ok: true; readonly stream: MediaStream } | { readonly ok: false; readonly problem: CameraProblem };

/** Starts the camera; a browser without getUserMedia counts as having no camera. */
export async function openCamera(devices: Pick<MediaDevices, 'getUserMedia'> | undefined = globalThis.navigator?.mediaDevices): Promise<CameraStart> {
  if (!devices?.getUserMedia) return { ok: false, problem: 'none' };
  try {
    return { ok: true, stream: await devices.getUserMedia(CAMERA_CONSTRAINTS) };
  } catch (error) {
    return { ok: false, problem: cameraProblem(error) };
  }
}

/** The frame `video` shows now, as RGBA pixels; undefined until the first frame has arrived. */
export function videoFrame(video: HTMLVideoElement): ImageData | undefined {
  if (!video.videoWidth) return undefined;
  const canvas = new OffscreenCanvas(video.videoWidth, video.videoHeight);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(video, 0, 0);
  return context.getImageData(0, 0, canvas.width, canvas.height);
}

/** Failures a better camera frame can cure: continuous scanning tries the next frame. */
const RETRY_CODES = /^(verify\.no-qr|verify\.not-a-locator|carrier\.(not-found|too-small|too-blurry|damaged))$/;

/** True when the next frame may read where this one did not (no QR yet, carrier not readable yet). */
export function anotherFrameMayHelp(report: Pick<VerificationReport, 'code'>): boolean {
  return RETRY_CODES.test(report.code);
}

// ---- preview ------------------------------------------------------------------------------------

/** The scan preview is drawn at most this wide. */
export const PREVIEW_WIDTH = 827;

/** The preview's size: `width` × `height` scaled down (never up) to at most `maxWidth` wide, at least 1 × 1. */
export function previewSize(width: number, height: number, maxWidth = PREVIEW_WIDTH): { width: number; height: number } {
  const scale = Math.min(1, maxWidth / width);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** A screen-sized copy of the scan, made before the pixels are transferred to the worker. */
export async function scanPreview(image: ImageData): Promise<ImageBitmap | undefined> {
  try {
    const size = previewSize(image.width, image.height);
    return await createImageBitmap(image, { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'medium' });
  } catch {
    return undefined;
  }
}
