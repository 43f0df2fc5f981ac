/**
 * Where everything goes on the back of a sheet (mm from the top-left corner of A4, portrait),
 * pure data with no jsPDF, so the verifier's test fixtures (src/verify/testing/back-side.ts), the
 * e2e checks and the PDF writer (back-page.ts) share one layout:
 *
 *   ┌ title ─────────────────────────────── serial · sheet ┐
 *   │ ┌ panel: スクランブル画像 ─────┐   ┌ QR ┐             │
 *   │ │                              │   └────┘ caption, URL │
 *   │ │   carrier (≤ 104 mm)         │   潜像 emblem  IR emblem│
 *   │ └──────────────────────────────┘                       │
 *   │ for the person receiving this paper (how to check it)  │
 *   └ 『複写』 pantograph over all of it, outside the keep-outs ┘
 *
 * The carrier panel takes about a third of the page, left of centre, and the QR sits beside it, so
 * a phone photo of the whole back catches both at a useful resolution.
 */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export const PAGE_MM = { width: 210, height: 297 } as const;

/** Printable area of the patterns: most office printers cannot print within ~4 mm of the edge. */
export const PATTERN_AREA: Box = { x: 5, y: 5, width: 200, height: 287 };

export const BACK_LAYOUT = {
  title: { x: 12, y: 12, width: 186, height: 8 },
  /** The titled panel around the carrier. */
  panel: { x: 12, y: 24, width: 114, height: 124 },
  /** The carrier (its quiet zone included) is centred in this box. */
  carrier: { x: 17, y: 35, width: 104, height: 104 },
  /** The QR symbol with its 4-module quiet zone (ISO/IEC 18004 §6.3.8). */
  qr: { x: 140, y: 30, width: 50, height: 50 },
  qrCaption: { x: 134, y: 82, width: 64, height: 24 },
  /** The visible-light latent image (万線 with the hidden 証). */
  latent: { x: 136, y: 112, width: 28, height: 28 },
  /** The IR emblem: K-only 証 in a C+M+Y surround. */
  ir: { x: 168, y: 112, width: 28, height: 28 },
  emblemCaptionY: 144,
  guidance: { x: 12, y: 158, width: 186, height: 110 },
  footer: { x: 12, y: 284, width: 186, height: 6 },
} as const;

/** White margin kept around the carrier panel, the QR and the emblems: no pantograph dots there. */
export const KEEP_OUT_MARGIN_MM = 2;

/** The boxes the pantograph stays out of, grown by KEEP_OUT_MARGIN_MM. */
export function backKeepOuts(): Box[] {
  const grow = (b: Box): Box => ({ x: b.x - KEEP_OUT_MARGIN_MM, y: b.y - KEEP_OUT_MARGIN_MM, width: b.width + 2 * KEEP_OUT_MARGIN_MM, height: b.height + 2 * KEEP_OUT_MARGIN_MM });
  return [BACK_LAYOUT.panel, BACK_LAYOUT.qr, BACK_LAYOUT.latent, BACK_LAYOUT.ir].map(grow);
}

/** Where a carrier of `sideMm` (quiet zone included) is printed: centred in the carrier box. */
export function carrierPlacement(sideMm: number): Box {
  const box = BACK_LAYOUT.carrier;
  if (sideMm > box.width || sideMm > box.height) throw new RangeError(`carrier ${sideMm.toFixed(1)} mm does not fit the ${box.width} mm box`);
  return { x: box.x + (box.width - sideMm) / 2, y: box.y + (box.height - sideMm) / 2, width: sideMm, height: sideMm };
}

/** The largest carrier the back holds (mm, quiet zone included). */
export const MAX_PRINTED_CARRIER_MM = BACK_LAYOUT.carrier.width;
