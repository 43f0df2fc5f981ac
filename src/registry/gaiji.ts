/**
 * A municipality's own 外字, imported by staff (docs/registry.md, "Characters"), from either
 *   - a TrueType font (.ttf) of the 外字 system: every glyph its cmap maps at a Private Use code
 *     point (U+E000–F8FF, planes 15–16), or
 *   - an outlines file, JSON: { "format": "kofu-gaiji", "unitsPerEm": 1000, "glyphs": [
 *       { "codePoint": "U+E001", "advance": 1000, "contours": [[[x, y, onCurve], …], …] } ] }
 *     with y up from the baseline, TrueType quadratic contours (onCurve 1 or 0).
 * Every glyph is quantised to the carried form and checked: a code point the certificate font
 * already draws is refused (the font comes first, so the 外字 would never print), as is anything
 * malformed, empty or too large. The result is a list of registry glyphs; nothing is stored here.
 */
import { toBase64 } from '../bytes/bytes.ts';
import { KofuError, type ParamsOf } from '../bytes/errors.ts';
import { clusters } from '../render/clusters.ts';
import { parseFont, type FontMetrics } from '../render/font.ts';
import type { Contour } from '../render/glyf.ts';
import { quantiseOutline } from '../render/outline.ts';
import { decodeOutline, encodeOutline } from '../render/outline-codec.ts';
import type { RegistryErrorParams } from './errors.ts';
import type { RegistryGlyph } from './model.ts';

/** A 外字 set is at most the Private Use Area of the BMP; a file far larger than that is not one. */
export const MAX_GAIJI_GLYPHS = 6400;
export const MAX_GAIJI_FILE_BYTES = 16 * 1024 * 1024;

export class GaijiError extends KofuError<'registry.gaiji-invalid', ParamsOf<RegistryErrorParams, 'registry.gaiji-invalid'>> {
  override readonly name = 'GaijiError';
}
const refuse = (detail: string) => new GaijiError('registry.gaiji-invalid', { detail });

export const isPrivateUse = (cp: number): boolean => (cp >= 0xe000 && cp <= 0xf8ff) || (cp >= 0xf0000 && cp <= 0x10fffd);

/** The 外字 of a font file or an outlines JSON, checked against the certificate font `base`. */
export function parseGaiji(bytes: Uint8Array, base: FontMetrics): RegistryGlyph[] {
  if (bytes.length > MAX_GAIJI_FILE_BYTES) throw refuse(`file over ${MAX_GAIJI_FILE_BYTES / 1048576} MB`);
  const looksLikeJson = bytes.length > 0 && (bytes[0] === 0x7b || (bytes[0] === 0xef && bytes[3] === 0x7b));
  const raw = looksLikeJson ? fromOutlinesJson(bytes) : fromFont(bytes);
  if (!raw.length) throw refuse('no 外字 in the file (no glyph at a Private Use code point)');
  if (raw.length > MAX_GAIJI_GLYPHS) throw refuse(`${raw.length} glyphs; at most ${MAX_GAIJI_GLYPHS}`);
  const seen = new Set<string>();
  return raw.map(({ cluster, contours, advance, unitsPerEm }) => {
    const label = [...cluster].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase()}`).join(' ');
    if (clusters(cluster).length !== 1) throw refuse(`${label}: not one character`);
    const cp = cluster.codePointAt(0)!;
    if (base.has(cp)) throw refuse(`${label}: the certificate font already has this character`);
    if (seen.has(cluster)) throw refuse(`${label}: given twice`);
    seen.add(cluster);
    const outline = quantiseOutline(contours, advance, unitsPerEm);
    if (!outline.contours.length) throw refuse(`${label}: empty outline`);
    let encoded: Uint8Array;
    try {
      encoded = encodeOutline(outline);
      decodeOutline(encoded); // the decoder's bounds are the carried form's: check them here, not at issue time
    } catch (error) {
      throw refuse(`${label}: ${error instanceof Error ? error.message : 'bad outline'}`);
    }
    return { cluster, source: 'gaiji' as const, outline: toBase64(encoded) };
  });
}

interface RawGlyph {
  readonly cluster: string;
  readonly contours: Contour[];
  readonly advance: number;
  readonly unitsPerEm: number;
}

function fromFont(bytes: Uint8Array): RawGlyph[] {
  let font: FontMetrics;
  try {
    font = parseFont(bytes);
  } catch (error) {
    throw refuse(`not a TrueType font: ${error instanceof Error ? error.message : String(error)}`);
  }
  const out: RawGlyph[] = [];
  for (const cp of font.codePoints()) {
    if (!isPrivateUse(cp)) continue;
    if (out.length >= MAX_GAIJI_GLYPHS) throw refuse(`more than ${MAX_GAIJI_GLYPHS} 外字`);
    const glyph = font.glyphId(cp);
    const contours = font.contours(glyph);
    if (!contours) throw refuse(`U+${cp.toString(16).toUpperCase()}: malformed glyph`);
    out.push({ cluster: String.fromCodePoint(cp), contours, advance: font.glyphAdvance(glyph), unitsPerEm: font.unitsPerEm });
  }
  return out;
}

function fromOutlinesJson(bytes: Uint8Array): RawGlyph[] {
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw refuse(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const d = doc as { format?: unknown; unitsPerEm?: unknown; glyphs?: unknown };
  if (d?.format !== 'kofu-gaiji') throw refuse('format is not "kofu-gaiji"');
  const unitsPerEm = d.unitsPerEm;
  if (!Number.isInteger(unitsPerEm) || (unitsPerEm as number) < 16 || (unitsPerEm as number) > 16384) throw refuse('unitsPerEm must be an integer 16–16384');
  if (!Array.isArray(d.glyphs)) throw refuse('glyphs must be a list');
  if (d.glyphs.length > MAX_GAIJI_GLYPHS) throw refuse(`more than ${MAX_GAIJI_GLYPHS} 外字`);
  return d.glyphs.map((g: unknown, i: number) => {
    const glyph = g as { codePoint?: unknown; advance?: unknown; contours?: unknown };
    const where = `glyphs[${i}]`;
    const match = typeof glyph?.codePoint === 'string' ? /^U\+([0-9A-Fa-f]{4,6})$/.exec(glyph.codePoint) : null;
    if (!match) throw refuse(`${where}.codePoint must be like "U+E001"`);
    const cp = parseInt(match[1], 16);
    if (!isPrivateUse(cp)) throw refuse(`${where}: U+${match[1].toUpperCase()} is not a Private Use code point`);
    const advance = glyph.advance;
    if (typeof advance !== 'number' || !Number.isFinite(advance) || advance < 0 || advance > 4 * (unitsPerEm as number)) throw refuse(`${where}.advance out of range`);
    if (!Array.isArray(glyph.contours)) throw refuse(`${where}.contours must be a list`);
    const limit = 4 * (unitsPerEm as number);
    const contours: Contour[] = glyph.contours.map((contour: unknown, c: number) => {
      if (!Array.isArray(contour)) throw refuse(`${where}.contours[${c}] must be a list`);
      return contour.map((point: unknown) => {
        const [x, y, on] = Array.isArray(point) ? point : [];
        if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > limit || Math.abs(y) > limit || (on !== 0 && on !== 1)) {
          throw refuse(`${where}.contours[${c}]: each point is [x, y, 1 or 0] within the em`);
        }
        return { x, y, on: on === 1 };
      });
    });
    return { cluster: String.fromCodePoint(cp), contours, advance, unitsPerEm: unitsPerEm as number };
  });
}

/** The municipality's glyphs with `gaiji` replacing its previous 外字 (the pack's glyphs stay). */
export function withGaiji(held: readonly RegistryGlyph[] | undefined, gaiji: readonly RegistryGlyph[]): RegistryGlyph[] {
  return [...(held ?? []).filter((g) => g.source !== 'gaiji'), ...gaiji];
}
