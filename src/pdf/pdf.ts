/**
 * The A4 PDF: for every sheet, a front page with the certificate as vector text in an embedded,
 * subset copy of the certificate font over the 『複写』 pantograph and the 地紋, and a back page for
 * duplex printing (flip on the long edge) that carries the `BackSide` content (back-page.ts).
 * jsPDF needs no DOM, so this runs in a worker.
 */
import { jsPDF } from 'jspdf';
import { clusters } from '../render/clusters.ts';
import { parseFont, type FontMetrics } from '../render/font.ts';
import { MM_PER_PT, type DrawOp, type Rgb, type Sheet, type TextOp } from '../render/layout.ts';
import { OUTLINE_GRID, type QuantisedOutline } from '../render/outline.ts';
import { PATTERN_AREA, type Box } from './back-layout.ts';
import { drawBackPage, type BackSide } from './back-page.ts';
import { buildOutlineFont, outlineToUnicode, type OutlineFont } from './outline-font.ts';
import { drawGround, drawPantograph } from './pattern-ops.ts';
import type { PrintPatterns } from './print-patterns.ts';
import type { PantographPatch } from './calibration.ts';

export type { BackSide } from './back-page.ts';
export { BACK_LAYOUT } from './back-layout.ts';

export interface PdfOptions {
  readonly fontBytes: Uint8Array;
  /** The certificate font's metrics (parsed from `fontBytes` when absent and a sheet draws outlines). */
  readonly metrics?: FontMetrics;
  readonly title: string;
  /** Fixes the PDF's CreationDate and /ID so the same input gives the same bytes. */
  readonly createdAt?: Date;
  /** The pantograph and 地紋 (print-patterns.ts); without them the sheets are plain (tests, previews). */
  readonly print?: PrintPatterns;
}

const FONT_FILE = 'certificate.ttf';
const GLYPH_FONT_FILE = 'glyphs.ttf';

/**
 * jsPDF writes a ToUnicode entry of four hex digits per glyph, which cannot name a code point
 * outside the BMP or a variation sequence. For the outline font (src/pdf/outline-font.ts) this
 * handler swaps in the full CMap. Handlers pushed last run first (jsPDF subscribes API.events in
 * reverse), so it wraps `putStream` before jsPDF's Identity-H handler writes the font.
 */
jsPDF.API.events.push([
  'putFont',
  (args: { font: { kofuToUnicode?: string }; putStream: (options: { data: string }) => void }) => {
    const replacement = args.font.kofuToUnicode;
    if (!replacement) return;
    const putStream = args.putStream;
    args.putStream = (options) => putStream(options.data.startsWith('/CIDInit') ? { ...options, data: replacement } : options);
  },
]);

/** What drawing text needs beyond jsPDF: the outline font and the metrics to place runs. */
interface TextFonts {
  readonly baseName: string;
  readonly glyphs?: { readonly font: OutlineFont; readonly name: string; readonly outlines: ReadonlyMap<string, QuantisedOutline>; readonly metrics: FontMetrics };
}

/** Builds the PDF: one front page per sheet, each followed by its back page. */
export function buildPdf(sheets: readonly Sheet[], backs: readonly BackSide[], options: PdfOptions): Uint8Array {
  const { doc, fonts } = newDocument(sheets, options);
  sheets.forEach((sheet, i) => {
    if (i > 0) doc.addPage('a4', 'portrait');
    drawFrontPatterns(doc, options.print);
    drawOps(doc, sheet.ops, fonts);
    doc.addPage('a4', 'portrait');
    const back = backs[i] ?? backs[backs.length - 1] ?? {};
    drawBackPage(doc, back, options.print, (ops) => drawOps(doc, ops, fonts), (box, label) => placeholder(doc, box, label));
  });
  return new Uint8Array(doc.output('arraybuffer'));
}

/** Single-sided pages (the calibration sheet); `patches[i]` are pantograph patches under page i's ops. */
export function buildSimplePdf(sheets: readonly Sheet[], options: PdfOptions, patches: readonly (readonly PantographPatch[])[] = []): Uint8Array {
  const { doc, fonts } = newDocument(sheets, options);
  sheets.forEach((sheet, i) => {
    if (i > 0) doc.addPage('a4', 'portrait');
    for (const patch of patches[i] ?? []) drawPantograph(doc, patch.plan, patch.box, [], patch.key);
    drawOps(doc, sheet.ops, fonts);
  });
  return new Uint8Array(doc.output('arraybuffer'));
}

/**
 * Under the front's text: the 『複写』 pantograph (so a copy of the front shows it too), then the
 * 地紋 over it (the pantograph's white outline would otherwise cut the ground's lines).
 */
function drawFrontPatterns(doc: jsPDF, print: PrintPatterns | undefined): void {
  if (!print) return;
  drawPantograph(doc, print.pantograph, PATTERN_AREA, [], print.key);
  drawGround(doc, print.ground, PATTERN_AREA, print.key);
}

function newDocument(sheets: readonly Sheet[], options: PdfOptions): { doc: jsPDF; fonts: TextFonts } {
  const doc = new jsPDF({ unit: 'mm', format: 'a4', orientation: 'portrait', compress: true, putOnlyUsedFonts: true });
  if (options.createdAt) {
    doc.setCreationDate(options.createdAt);
    doc.setFileId(fileIdOf(sheets, options.title));
  }
  doc.setProperties({ title: options.title, creator: 'kofu' });
  doc.addFileToVFS(FONT_FILE, binaryString(options.fontBytes));
  // PDF 32000-1 §9.6.4: a subset font's name starts with a six-letter tag and '+'. jsPDF embeds
  // only the glyphs used, so the name says so (pdffonts then reports "sub yes").
  const baseName = `${subsetTag(sheets)}+BIZUDMincho-Regular`;
  doc.addFont(FONT_FILE, baseName, 'normal', undefined, 'Identity-H');
  const outlines = new Map<string, QuantisedOutline>();
  for (const sheet of sheets) for (const [cluster, outline] of sheet.glyphs ?? []) outlines.set(cluster, outline);
  let glyphs: TextFonts['glyphs'];
  if (outlines.size) {
    // The outline font holds exactly the glyphs used, so it is a subset by construction (§9.6.4 tag).
    const name = `${subsetTag(sheets, 'glyphs')}+KofuCarriedGlyphs`;
    const font = buildOutlineFont([...outlines].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), 'KofuCarriedGlyphs');
    doc.addFileToVFS(GLYPH_FONT_FILE, binaryString(font.ttf));
    doc.addFont(GLYPH_FONT_FILE, name, 'normal', undefined, 'Identity-H');
    doc.setFont(name, 'normal');
    (doc.getFont() as unknown as { kofuToUnicode: string }).kofuToUnicode = outlineToUnicode(font);
    glyphs = { font, name, outlines, metrics: options.metrics ?? parseFont(options.fontBytes) };
  }
  doc.setFont(baseName, 'normal');
  return { doc, fonts: { baseName, glyphs } };
}

function binaryString(bytes: Uint8Array): string {
  let out = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) out += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return out;
}

/** Six capital letters from a hash of the characters used: different subsets get different tags. */
function subsetTag(sheets: readonly Sheet[], salt = ''): string {
  const chars = new Set<string>([salt]);
  for (const sheet of sheets) for (const op of sheet.ops) if (op.kind === 'text') for (const ch of op.text) chars.add(ch);
  let h = 0x811c9dc5; // FNV-1a, 32 bit: enough to tell subsets apart inside one file
  for (const ch of [...chars].sort()) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let tag = '';
  for (let i = 0; i < 6; i++) {
    tag += String.fromCharCode(65 + (h % 26));
    h = Math.floor(h / 26) + i * 7919;
  }
  return tag;
}

function fileIdOf(sheets: readonly Sheet[], title: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const text = title + JSON.stringify(sheets.map((s) => s.ops.length));
  for (let i = 0; i < text.length; i++) {
    h1 = Math.imul(h1 ^ text.charCodeAt(i), 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ text.charCodeAt(i), 0x5bd1e995) >>> 0;
  }
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  return (hex(h1) + hex(h2) + hex((h1 ^ 0xa5a5a5a5) >>> 0) + hex((h2 ^ 0x5a5a5a5a) >>> 0)).toUpperCase();
}

const setDraw = (doc: jsPDF, c: Rgb) => doc.setDrawColor(c[0], c[1], c[2]);
const setFill = (doc: jsPDF, c: Rgb) => doc.setFillColor(c[0], c[1], c[2]);

export function drawOps(doc: jsPDF, ops: readonly DrawOp[], fonts?: TextFonts): void {
  for (const op of ops) {
    switch (op.kind) {
      case 'text':
        doc.setFontSize(op.size);
        doc.setTextColor(op.color[0], op.color[1], op.color[2]);
        if (fonts?.glyphs && clusters(op.text).some((c) => fonts.glyphs!.outlines.has(c))) drawMixedText(doc, op, fonts.baseName, fonts.glyphs);
        else doc.text(op.text, op.x, op.y, { baseline: 'alphabetic', charSpace: op.charSpace });
        break;
      case 'line':
        setDraw(doc, op.color);
        doc.setLineWidth(op.width);
        doc.line(op.x1, op.y1, op.x2, op.y2);
        break;
      case 'rect':
        if (op.fill) {
          setFill(doc, op.fill);
          doc.rect(op.x, op.y, op.w, op.h, 'F');
        }
        if (op.stroke) {
          setDraw(doc, op.stroke);
          doc.setLineWidth(op.lineWidth);
          doc.rect(op.x, op.y, op.w, op.h, 'S');
        }
        break;
      case 'circle':
        setDraw(doc, op.stroke);
        doc.setLineWidth(op.lineWidth);
        doc.circle(op.cx, op.cy, op.r, 'S');
        break;
      case 'bits': {
        // Runs of ink per row as filled rectangles: exact, and far smaller than one rect per bit.
        setFill(doc, op.color);
        const cw = op.w / op.columns;
        const ch = op.h / op.rows;
        const stride = Math.ceil(op.columns / 8);
        for (let r = 0; r < op.rows; r++) {
          let c = 0;
          while (c < op.columns) {
            const on = (col: number) => (op.bits[r * stride + (col >> 3)] & (0x80 >> (col & 7))) !== 0;
            if (!on(c)) {
              c++;
              continue;
            }
            const start = c;
            while (c < op.columns && on(c)) c++;
            doc.rect(op.x + start * cw, op.y + r * ch, (c - start) * cw, ch, 'F');
          }
        }
        break;
      }
    }
  }
}

/**
 * A text operation whose clusters come from two fonts: runs of the certificate font and runs of
 * the outline font, each placed at the advance the layout used (hmtx or the outline's advance).
 */
function drawMixedText(doc: jsPDF, op: TextOp, baseName: string, glyphs: NonNullable<TextFonts['glyphs']>): void {
  const em = op.size * MM_PER_PT;
  let x = op.x;
  let run = '';
  let runIsOutline = false;
  let runX = x;
  const flush = () => {
    if (!run) return;
    doc.setFont(runIsOutline ? glyphs.name : baseName, 'normal');
    doc.text(run, runX, op.y, { baseline: 'alphabetic', charSpace: op.charSpace });
    run = '';
  };
  for (const cluster of clusters(op.text)) {
    const outline = glyphs.outlines.get(cluster);
    if (run && runIsOutline !== (outline !== undefined)) flush();
    if (!run) {
      runX = x;
      runIsOutline = outline !== undefined;
    }
    run += outline ? glyphs.font.codeOf.get(cluster)! : cluster;
    x += (outline ? outline.advance / OUTLINE_GRID : glyphs.metrics.advance(cluster.codePointAt(0)!) / glyphs.metrics.unitsPerEm) * em + op.charSpace;
  }
  flush();
  doc.setFont(baseName, 'normal');
}

function placeholder(doc: jsPDF, box: Box, label: string): void {
  setDraw(doc, [160, 160, 160]);
  doc.setLineWidth(0.3);
  doc.setLineDashPattern([2, 2], 0);
  doc.rect(box.x, box.y, box.width, box.height, 'S');
  doc.setLineDashPattern([], 0);
  doc.setFontSize(10);
  doc.setTextColor(160, 160, 160);
  doc.text(label, box.x + box.width / 2, box.y + box.height / 2, { align: 'center', baseline: 'middle' });
}

