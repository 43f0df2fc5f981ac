/**
 * The back of a sheet: the 『複写』 pantograph over the page (outside the keep-outs), the titled
 * carrier panel, the QR locator with its caption, the latent-image and IR emblems, the lines for
 * the person who receives the paper, and the serial and sheet number. Positions: back-layout.ts.
 * The carrier and QR are vector modules at their exact printed size.
 */
import type { jsPDF } from 'jspdf';
import { carrierRectangles, type CarrierSymbol } from '../carrier/encode.ts';
import { irEmblemPlan } from '../patterns/ir-emblem.ts';
import { latentPlan } from '../patterns/latent-line.ts';
import { cellRectangles } from '../patterns/raster.ts';
import type { LocatorQr } from '../seal/locator.ts';
import type { FontMetrics } from '../render/font.ts';
import { Painter, TextMeasure, type DrawOp, type Rgb } from '../render/layout.ts';
import { BACK_LAYOUT, backKeepOuts, carrierPlacement, PATTERN_AREA, type Box } from './back-layout.ts';
import { drawIrEmblem, drawLatentEmblem, drawModules, drawPantograph } from './pattern-ops.ts';
import type { PrintPatterns } from './print-patterns.ts';

/** What the back of a sheet carries; without a carrier or QR their places stay labelled placeholders. */
export interface BackSide {
  readonly carrier?: CarrierSymbol;
  readonly qr?: LocatorQr;
  /** Captions, guidance, serial: text and lines in the front's drawing operations (backTextOps). */
  readonly ops?: readonly DrawOp[];
}

/** ISO/IEC 18004 §6.3.8: four modules of quiet zone on every side. */
export const QR_QUIET_MODULES = 4;

/** The QR's dark modules as rectangles (mm, x y w h interleaved) in a `sideMm` square, quiet zone included. */
export function qrRectangles(qr: LocatorQr, sideMm: number): Float64Array {
  const m = sideMm / (qr.size + 2 * QR_QUIET_MODULES);
  return Float64Array.from(cellRectangles(qr.modules, qr.size, qr.size).flatMap(([c, r, w, h]) => [(c + QR_QUIET_MODULES) * m, (r + QR_QUIET_MODULES) * m, w * m, h * m]));
}

function carrierRects(symbol: CarrierSymbol): Float64Array {
  return Float64Array.from(carrierRectangles(symbol).flatMap((r) => [r.x, r.y, r.w, r.h]));
}

export function drawBackPage(doc: jsPDF, back: BackSide, print: PrintPatterns | undefined, drawOps: (ops: readonly DrawOp[]) => void, placeholder: (box: Box, label: string) => void): void {
  if (print) drawPantograph(doc, print.pantograph, PATTERN_AREA, backKeepOuts(), print.key);
  if (back.carrier) {
    const at = carrierPlacement(back.carrier.sideMm);
    drawModules(doc, carrierRects(back.carrier), at, at);
  } else placeholder(BACK_LAYOUT.carrier, 'スクランブル画像');
  if (back.qr) drawModules(doc, qrRectangles(back.qr, BACK_LAYOUT.qr.width), BACK_LAYOUT.qr, BACK_LAYOUT.qr);
  else placeholder(BACK_LAYOUT.qr, 'QR');
  drawLatentEmblem(doc, latentPlan({ widthMm: BACK_LAYOUT.latent.width, heightMm: BACK_LAYOUT.latent.height }), BACK_LAYOUT.latent);
  drawIrEmblem(doc, irEmblemPlan(BACK_LAYOUT.ir.width), BACK_LAYOUT.ir);
  if (back.ops) drawOps(back.ops);
}

export interface BackText {
  /** The serial as printed on the front (formatSerial). */
  readonly serial: string;
  /** 1-based. */
  readonly sheet: number;
  readonly sheets: number;
  /** The municipality's verifier URL, as the QR carries it (without the locator digits). */
  readonly verifierUrl: string;
}

const GREY: Rgb = [90, 90, 90];
const FRAME: Rgb = [120, 120, 120];

/** The back's captions, guidance for the receiver, serial and sheet number, and the panel frame. */
export function backTextOps(font: FontMetrics, info: BackText): DrawOp[] {
  const p = new Painter(new TextMeasure(font));
  const m = p.measure;
  const L = BACK_LAYOUT;
  p.text(L.title.x, L.title.y + m.ascent(11), '証明書の確かめ方（裏面）', 11);
  p.textIn(L.title.x, L.title.width, L.title.y + m.ascent(11), 'How to check this certificate', 8, 'right', { color: GREY });

  p.rect(L.panel.x, L.panel.y, L.panel.width, L.panel.height, { stroke: FRAME, lineWidth: 0.25 });
  p.textIn(L.panel.x, L.panel.width, L.panel.y + 3 + m.ascent(8), 'スクランブル画像（電子署名された証明書の内容）', 8, 'center');
  p.textIn(L.panel.x, L.panel.width, L.panel.y + 7 + m.ascent(6), 'Scrambled image: the certificate’s content, digitally signed', 6, 'center', { color: GREY });
  p.textIn(L.panel.x, L.panel.width, L.panel.y + L.panel.height - 5 + m.ascent(6), '裏面全体を撮影するか、300 dpiでスキャンしてください / Photograph the whole back or scan at 300 dpi', 5.5, 'center', { color: GREY });

  const c = L.qrCaption;
  p.textIn(c.x, c.width, c.y + m.ascent(8), '検証用QRコード / Verifier', 8, 'center');
  fitLine(p, c, c.y + 4.5, info.verifierUrl, 7);
  p.textIn(c.x, c.width, c.y + 9 + m.ascent(6), 'スマートフォンで読み取ると検証ページが開きます', 6, 'center', { color: GREY });
  p.textIn(c.x, c.width, c.y + 12.5 + m.ascent(5.5), 'Scan with a phone to open the verifier', 5.5, 'center', { color: GREY });

  p.textIn(L.latent.x - 2, L.latent.width + 4, L.emblemCaptionY + m.ascent(6), '潜像（証）/ latent image', 5.5, 'center', { color: GREY });
  p.textIn(L.ir.x - 2, L.ir.width + 4, L.emblemCaptionY + m.ascent(6), '赤外線で「証」/ IR: 証', 5.5, 'center', { color: GREY });

  const g = L.guidance;
  let y = g.y + m.ascent(9);
  p.text(g.x, y, 'この証明書を受け取った方へ', 9);
  p.text(g.x + 56, y, 'For the person who receives this certificate', 7, { color: GREY });
  y += 6;
  const steps: [string, string][] = [
    ['1. この面（裏面）全体をスマートフォンで撮影するか、300 dpiでスキャンしてください。', '1. Photograph this whole side with a phone, or scan it at 300 dpi.'],
    [`2. QRコードを読み取るか ${info.verifierUrl} を開き、撮影・スキャンした画像を読み込ませます（通信なしで動きます）。`, `2. Scan the QR code or open ${info.verifierUrl} and load the photo or scan (it works offline).`],
    ['3. 検証ページに表示される証明書の内容を、表面の記載と一字ずつ見比べてください。違いがあれば受け取らないでください。', '3. Compare the certificate the verifier shows with the front, line by line. If anything differs, do not accept it.'],
    ['4. コピーすると両面に『複写』の文字が浮かび上がります。原本で『複写』がはっきり読めるときは、交付した市区町村に確認してください。', '4. A photocopy shows 『複写』 (“copy”) on both sides. If it reads clearly on what you hold, ask the issuing municipality.'],
  ];
  for (const [ja, en] of steps) {
    for (const line of m.wrap(ja, g.width, 8)) {
      p.text(g.x, y, line, 8);
      y += 4.2;
    }
    for (const line of m.wrap(en, g.width, 6.5)) {
      p.text(g.x + 3, y, line, 6.5, { color: GREY });
      y += 3.4;
    }
    y += 1.6;
  }
  const f = L.footer;
  p.line(f.x, f.y - 1.5, f.x + f.width, f.y - 1.5, 0.15, FRAME);
  p.text(f.x, f.y + m.ascent(8), `交付番号 ${info.serial}`, 8);
  p.textIn(f.x, f.width, f.y + m.ascent(8), `${info.sheet} / ${info.sheets} 枚目（裏面） sheet ${info.sheet} of ${info.sheets}, back`, 8, 'right');
  return p.ops;
}

/** One line centred in `box` at baseline-top `top`, shrunk until it fits the width (a long URL). */
function fitLine(p: Painter, box: Box, top: number, text: string, size: number): void {
  let s = size;
  while (s > 4 && p.measure.width(text, s) > box.width) s -= 0.25;
  p.textIn(box.x, box.width, top + p.measure.ascent(s), text, s, 'center');
}
