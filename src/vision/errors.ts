/**
 * The codes of the vision domain: input files (scans, photos, PDFs) and pixel buffers. Their
 * words are in src/ui/shared/error-messages-carrier.ts.
 */
export const VISION_ERROR_CODES = [
  'vision.bad-image-shape',
  'vision.empty-file',
  'vision.file-too-large',
  'vision.not-an-image',
  'vision.pdf-no-back',
  'vision.pdf-unreadable',
  'vision.too-many-pixels',
  'vision.pdf-too-complex',
  'vision.pdf-too-slow',
  'vision.tiff-corrupt',
  'vision.tiff-unsupported',
] as const;
export type VisionErrorCode = (typeof VISION_ERROR_CODES)[number];

export interface VisionErrorParams {
  'vision.bad-image-shape': { readonly width: number; readonly height: number; readonly length: number };
  /** The file's size in MB with one decimal, as printed; `max` the limit in whole MB. */
  'vision.file-too-large': { readonly megabytes: string; readonly max: number };
  /** The image's size in whole megapixels, as printed. */
  'vision.too-many-pixels': { readonly megapixels: string };
  /** The drawing-operator cap of a PDF back page (MAX_PDF_OPERATORS). */
  'vision.pdf-too-complex': { readonly max: number };
  /** The deadline for drawing a PDF back page, in whole seconds. */
  'vision.pdf-too-slow': { readonly seconds: number };
  /** What is damaged in the TIFF, in each UI language (a structural detail, src/vision/tiff-input.ts). */
  'vision.tiff-corrupt': { readonly detail: { readonly ja: string; readonly en: string } };
  /** The TIFF compression's name (e.g. Zstandard). */
  'vision.tiff-unsupported': { readonly compression: string };
}
