/**
 * An image's width and height read from its file header, before any decoding: a PNG of 30000 ×
 * 30000 pixels is a few kilobytes on disk, and the browser's decoder fails on it ("cannot be
 * read") or allocates gigabytes. Knowing the size first lets the reader refuse it by its size.
 */
export interface ImageSize {
  readonly width: number;
  readonly height: number;
}

/** PNG (ISO/IEC 15948 §5.2, §11.2.2): 8-byte signature, then the IHDR chunk: length, "IHDR", width, height (big-endian). */
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_IHDR_TYPE_OFFSET = 12;
const PNG_WIDTH_OFFSET = 16;
const PNG_HEIGHT_OFFSET = 20;
const IHDR = [0x49, 0x48, 0x44, 0x52];

/** JPEG (ITU-T T.81 §B.1.1.3, B.2.2): markers FF xx; a frame header SOFn carries P, Y (height), X (width). */
const JPEG_SOI = 0xd8;
const JPEG_MARKER = 0xff;
/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
const isStartOfFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
/** Markers without a length field: TEM, RST0–7, SOI, EOI (T.81 Table B.1). */
const isStandalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9);
const JPEG_SOS = 0xda;

const uint16 = (b: Uint8Array, at: number) => (b[at] << 8) | b[at + 1];
const uint32 = (b: Uint8Array, at: number) => ((b[at] << 24) >>> 0) + (b[at + 1] << 16) + (b[at + 2] << 8) + b[at + 3];

function pngSize(b: Uint8Array): ImageSize | undefined {
  if (b.length < PNG_HEIGHT_OFFSET + 4 || !PNG_SIGNATURE.every((x, i) => b[i] === x)) return undefined;
  if (!IHDR.every((x, i) => b[PNG_IHDR_TYPE_OFFSET + i] === x)) return undefined;
  return { width: uint32(b, PNG_WIDTH_OFFSET), height: uint32(b, PNG_HEIGHT_OFFSET) };
}

function jpegSize(b: Uint8Array): ImageSize | undefined {
  if (b[0] !== JPEG_MARKER || b[1] !== JPEG_SOI) return undefined;
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== JPEG_MARKER) return undefined;
    const marker = b[at + 1];
    if (marker === JPEG_MARKER) {
      at++; // fill byte (T.81 §B.1.1.2)
      continue;
    }
    if (isStandalone(marker)) {
      at += 2;
      continue;
    }
    if (isStartOfFrame(marker)) {
      // Length (2), sample precision P (1), Y = number of lines (2), X = samples per line (2).
      if (at + 9 > b.length) return undefined;
      return { width: uint16(b, at + 7), height: uint16(b, at + 5) };
    }
    if (marker === JPEG_SOS) return undefined;
    at += 2 + uint16(b, at + 2);
  }
  return undefined;
}

/** The size a PNG or JPEG header declares, or undefined for other formats or a header not in `head`. */
export function imageSizeFromHeader(head: Uint8Array): ImageSize | undefined {
  return pngSize(head) ?? jpegSize(head);
}
