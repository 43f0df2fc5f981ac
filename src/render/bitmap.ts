/**
 * Rasterises a sheet's drawing operations with OffscreenCanvas (the edge of this domain that
 * needs a browser). Text is drawn one glyph at a time at the advance the layout computed, never
 * as a run, so the canvas' own shaping or kerning cannot move a glyph; anti-aliasing and glyph
 * rasterisation come from the same font bytes through a FontFace. With the same browser build the
 * pixels are identical on every run (tested by hash); other builds may differ by anti-aliasing,
 * which the verifier's comparison tolerates.
 */
import { clusters } from './clusters.ts';
import type { FontMetrics } from './font.ts';
import type { GlyphTable } from './glyph-sources.ts';
import { A4, MM_PER_PT, type DrawOp, type Rgb, type Sheet } from './layout.ts';
import { OUTLINE_GRID, outlineSegments, type QuantisedOutline } from './outline.ts';

const FAMILY = 'KofuCertificateMincho';
let faceLoading: Promise<void> | undefined;

/** Registers the certificate font with the current global's FontFaceSet (window or worker). */
export function ensureFontFace(fontBytes: Uint8Array): Promise<void> {
  faceLoading ??= (async () => {
    const face = new FontFace(FAMILY, fontBytes.slice().buffer);
    await face.load();
    // A window keeps its FontFaceSet on document, a worker on the global itself.
    const scope = globalThis as unknown as { document?: { fonts: FontFaceSet }; fonts?: FontFaceSet };
    (scope.document?.fonts ?? scope.fonts)!.add(face);
  })();
  faceLoading.catch(() => (faceLoading = undefined));
  return faceLoading;
}

export interface Raster {
  readonly width: number;
  readonly height: number;
  /** RGBA, row-major. */
  readonly pixels: Uint8ClampedArray;
}

const css = (c: Rgb) => `rgb(${c[0]},${c[1]},${c[2]})`;

export function pixelSize(dpi: number): { width: number; height: number } {
  return { width: Math.round((A4.width / 25.4) * dpi), height: Math.round((A4.height / 25.4) * dpi) };
}

/** Draws a sheet on a white canvas of A4 at `dpi`. The font face must be registered first. */
export function drawSheet(sheet: Sheet, dpi: number, font: FontMetrics): OffscreenCanvas {
  const { width, height } = pixelSize(dpi);
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { alpha: false })!;
  const k = dpi / 25.4;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'left';
  for (const op of sheet.ops) drawOp(ctx, op, k, font, sheet.glyphs);
  return canvas;
}

export function rasterizeSheet(sheet: Sheet, dpi: number, font: FontMetrics): Raster {
  const canvas = drawSheet(sheet, dpi, font);
  const ctx = canvas.getContext('2d')!;
  const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
  return { width: canvas.width, height: canvas.height, pixels: image.data };
}

function drawOp(ctx: OffscreenCanvasRenderingContext2D, op: DrawOp, k: number, font: FontMetrics, glyphs?: GlyphTable): void {
  switch (op.kind) {
    case 'text': {
      ctx.fillStyle = css(op.color);
      const em = op.size * MM_PER_PT;
      ctx.font = `${em * k}px ${FAMILY}`;
      // Per-glyph placement: advances come from the font's hmtx (or the outline's advance) through the layout metrics.
      let x = op.x;
      for (const cluster of clusters(op.text)) {
        const outline = glyphs?.get(cluster);
        if (outline) {
          ctx.fill(outlinePath(outline, x * k, op.y * k, (em * k) / OUTLINE_GRID));
          x += (outline.advance / OUTLINE_GRID) * em + op.charSpace;
        } else {
          ctx.fillText(cluster, x * k, op.y * k);
          x += (font.advance(cluster.codePointAt(0)!) / font.unitsPerEm) * em + op.charSpace;
        }
      }
      return;
    }
    case 'line':
      ctx.strokeStyle = css(op.color);
      ctx.lineWidth = op.width * k;
      ctx.beginPath();
      ctx.moveTo(op.x1 * k, op.y1 * k);
      ctx.lineTo(op.x2 * k, op.y2 * k);
      ctx.stroke();
      return;
    case 'rect':
      if (op.fill) {
        ctx.fillStyle = css(op.fill);
        ctx.fillRect(op.x * k, op.y * k, op.w * k, op.h * k);
      }
      if (op.stroke) {
        ctx.strokeStyle = css(op.stroke);
        ctx.lineWidth = op.lineWidth * k;
        ctx.strokeRect(op.x * k, op.y * k, op.w * k, op.h * k);
      }
      return;
    case 'circle':
      ctx.strokeStyle = css(op.stroke);
      ctx.lineWidth = op.lineWidth * k;
      ctx.beginPath();
      ctx.arc(op.cx * k, op.cy * k, op.r * k, 0, 2 * Math.PI);
      ctx.stroke();
      return;
    case 'bits': {
      ctx.fillStyle = css(op.color);
      const cw = op.w / op.columns;
      const ch = op.h / op.rows;
      const stride = Math.ceil(op.columns / 8);
      for (let r = 0; r < op.rows; r++) {
        for (let c = 0; c < op.columns; c++) {
          if (op.bits[r * stride + (c >> 3)] & (0x80 >> (c & 7))) ctx.fillRect((op.x + c * cw) * k, (op.y + r * ch) * k, cw * k, ch * k);
        }
      }
      return;
    }
  }
}

/** A carried outline as a canvas path at (x, baseline) in pixels, `scale` pixels per grid unit; y flips (fonts are y up). Non-zero fill, as TrueType. */
function outlinePath(outline: QuantisedOutline, x: number, baseline: number, scale: number): Path2D {
  const path = new Path2D();
  const px = (u: number) => x + u * scale;
  const py = (u: number) => baseline - u * scale;
  for (const s of outlineSegments(outline)) {
    if (s.op === 'M') path.moveTo(px(s.x), py(s.y));
    else if (s.op === 'L') path.lineTo(px(s.x), py(s.y));
    else if (s.op === 'Q') path.quadraticCurveTo(px(s.cx), py(s.cy), px(s.x), py(s.y));
    else path.closePath();
  }
  return path;
}

/**
 * The 公印 alone as an image (for the admin screen and the municipality profile): the same
 * drawing as on the certificate, on a transparent square of `sizeMm` at `dpi`.
 */
export function drawOfficialSealImage(ops: readonly DrawOp[], sizeMm: number, dpi: number, font: FontMetrics): OffscreenCanvas {
  const px = Math.round((sizeMm / 25.4) * dpi);
  const canvas = new OffscreenCanvas(px, px);
  const ctx = canvas.getContext('2d')!;
  const k = dpi / 25.4;
  for (const op of ops) drawOp(ctx, op, k, font);
  return canvas;
}
