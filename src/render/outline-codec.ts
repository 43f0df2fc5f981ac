/**
 * The byte form of a QuantisedOutline (docs/certificates.md, "What the seal carries"):
 *
 *   format (1 byte, OUTLINE_FORMAT) · advance · contour count · points per contour (varints)
 *   · on-curve flags, one bit per point, most significant bit first · for every point
 *   zigzag-varint dx, dy from the previous point (the first from the origin).
 *
 * Varints are unsigned LEB128; zigzag maps 0, −1, 1, −2 … to 0, 1, 2, 3 … Deltas on a 256-unit grid
 * mostly fit one byte, so a kanji costs about two bytes per point. The decoder refuses anything
 * malformed or out of bounds: the bytes may come from a scanned sheet or a staff member's file.
 */
import { KofuError } from '../bytes/errors.ts';
import type { RenderErrorParams } from './font.ts';
import { OUTLINE_GRID, type GridPoint, type QuantisedOutline } from './outline.ts';

export const OUTLINE_FORMAT = 1;
/** Bounds a decoder enforces (a real MJ glyph has under 60 contours and 1,500 points). */
export const MAX_OUTLINE_CONTOURS = 256;
export const MAX_OUTLINE_POINTS = 4096;
/** Coordinates stay within two em of the origin box. */
const COORD_MIN = -2 * OUTLINE_GRID;
const COORD_MAX = 3 * OUTLINE_GRID;

export class OutlineFormatError extends KofuError<'glyph.bad-outline', RenderErrorParams['glyph.bad-outline']> {
  override readonly name = 'OutlineFormatError';
}
const bad = (detail: string) => new OutlineFormatError('glyph.bad-outline', { detail });

export function encodeOutline(outline: QuantisedOutline): Uint8Array {
  const out: number[] = [OUTLINE_FORMAT];
  const varint = (v: number) => {
    if (!Number.isSafeInteger(v) || v < 0) throw bad('not a grid integer');
    while (v >= 0x80) {
      out.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(v);
  };
  const zigzag = (v: number) => varint(v >= 0 ? 2 * v : -2 * v - 1);
  varint(outline.advance);
  varint(outline.contours.length);
  for (const contour of outline.contours) varint(contour.length);
  const points = outline.contours.flat();
  for (let i = 0; i < points.length; i += 8) {
    let byte = 0;
    for (let b = 0; b < 8 && i + b < points.length; b++) if (points[i + b].on) byte |= 0x80 >> b;
    out.push(byte);
  }
  let x = 0;
  let y = 0;
  for (const p of points) {
    zigzag(p.x - x);
    zigzag(p.y - y);
    x = p.x;
    y = p.y;
  }
  return Uint8Array.from(out);
}

export function decodeOutline(bytes: Uint8Array): QuantisedOutline {
  let at = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 4; i++) {
      if (at >= bytes.length) throw bad('truncated');
      const byte = bytes[at++];
      value += (byte & 0x7f) * scale;
      if (!(byte & 0x80)) return value;
      scale *= 128;
    }
    throw bad('varint too long');
  };
  const zigzag = () => {
    const v = varint();
    return v % 2 ? -(v + 1) / 2 : v / 2;
  };
  if (bytes[at++] !== OUTLINE_FORMAT) throw bad('unknown format');
  const advance = varint();
  if (advance > 4 * OUTLINE_GRID) throw bad('advance out of range');
  const contourCount = varint();
  if (contourCount > MAX_OUTLINE_CONTOURS) throw bad('too many contours');
  const lengths: number[] = [];
  let total = 0;
  for (let c = 0; c < contourCount; c++) {
    const n = varint();
    total += n;
    if (n === 0 || total > MAX_OUTLINE_POINTS) throw bad('bad point count');
    lengths.push(n);
  }
  const flagsAt = at;
  at += Math.ceil(total / 8);
  if (at > bytes.length) throw bad('truncated');
  let x = 0;
  let y = 0;
  let index = 0;
  const contours: GridPoint[][] = lengths.map((n) => {
    const contour: GridPoint[] = [];
    for (let k = 0; k < n; k++, index++) {
      x += zigzag();
      y += zigzag();
      if (x < COORD_MIN || x > COORD_MAX || y < COORD_MIN || y > COORD_MAX) throw bad('point out of range');
      contour.push({ x, y, on: (bytes[flagsAt + (index >> 3)] & (0x80 >> (index & 7))) !== 0 });
    }
    return contour;
  });
  if (at !== bytes.length) throw bad('trailing bytes');
  return { advance, contours };
}
