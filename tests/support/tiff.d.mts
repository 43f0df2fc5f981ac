// Types of tiff.mjs, for the unit tests written in TypeScript.
export interface TiffTestPage {
  readonly width: number;
  readonly height: number;
  /** 1 grey, 3 RGB, 4 RGBA; 8-bit samples, rows top to bottom. */
  readonly channels: 1 | 3 | 4 | number;
  readonly data: Uint8Array | Uint8ClampedArray;
  readonly dpi?: number;
  /** NewSubfileType: 1 marks a reduced-resolution copy (a thumbnail). */
  readonly subfileType?: number;
}
export function packBits(row: Uint8Array): number[];
export function encodeTiff(pages: readonly TiffTestPage[], options?: { compression?: 'none' | 'packbits' }): Uint8Array<ArrayBuffer>;
