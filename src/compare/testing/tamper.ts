/**
 * The tamper corpus: demo certificates with one field altered as a forger would alter the paper
 * (one character of a name or the address, a date moved by a day, one digit of a tax amount, a
 * household member removed), the altered front rendered, and genuine and altered fronts put
 * through the print–scan simulator (src/carrier/simulate/) as a flatbed scan at 300 dpi or a
 * phone photo. Browser-only (canvas rendering, JPEG), used by the tests and bench/compare.bench.ts.
 */
import { dayFromIso } from '../../documents/dates.ts';
import type { CertificateRequest } from '../../documents/options.ts';
import type { Certificate, JuminhyoCertificate, TaxCertificate } from '../../documents/types.ts';
import { flatbedConditions, photoConditions } from '../../carrier/simulate/conditions.ts';
import { simulate } from '../../carrier/simulate/simulate.ts';
import { demoRegistry } from '../../registry/demo.ts';
import { buildCertificate } from '../../registry/issue.ts';
import { MemoryRegistry } from '../../registry/registry.ts';
import { ensureFontFace, rasterizeSheet } from '../../render/bitmap.ts';
import { loadCertificateFont, type LoadedFont } from '../../render/font-asset.ts';
import { layoutCertificate } from '../../render/render.ts';
import { printedRuns } from '../../verify/restore.ts';
import type { PrintedRun } from '../../verify/front.ts';
import { seededRandom } from '../../bytes/seeded-random.ts';
import { certificatePdf } from '../../pdf/certificate-pdf.ts';
import { renderPdfPages } from '../../vision/pdf-input.ts';
import { rgbaToGrey, type GreyImage } from '../../vision/grey.ts';

export type Tamper = 'name' | 'date' | 'address' | 'amount' | 'member-removed';
export type Capture = 'scan300' | 'photo';

/** Resolution the simulated printer prints the front at (the simulator's raster). */
export const PRINT_RASTER_DPI = 300;

const context = { serial: 'R8-004711', issuedOn: dayFromIso('2026-11-25') };

/** Certificates the corpus draws from: the demo registry's residents and their certificate kinds. */
export const CORPUS_REQUESTS: readonly { residentId: string; request: CertificateRequest; tampers: readonly Tamper[] }[] = [
  { residentId: 'r-takahashi-ichiro', request: { kind: 'juminhyo', scope: 'household', householder: true, honseki: false, myNumber: false }, tampers: ['name', 'date', 'address', 'member-removed'] },
  { residentId: 'r-yoshida-makoto', request: { kind: 'juminhyo', scope: 'household', householder: true, honseki: true, myNumber: false }, tampers: ['name', 'date', 'address', 'member-removed'] },
  { residentId: 'r-teshigawara-saemon', request: { kind: 'juminhyo', scope: 'self', householder: true, honseki: true, myNumber: false }, tampers: ['name', 'date', 'address'] },
  { residentId: 'r-yoshida-makoto', request: { kind: 'tax', taxKind: 'shotoku-kazei', fiscalYear: 2025 }, tampers: ['amount', 'address', 'date'] },
  { residentId: 'r-takahashi-ichiro', request: { kind: 'tax', taxKind: 'shotoku', fiscalYear: 2025 }, tampers: ['amount', 'name'] },
  { residentId: 'r-teshigawara-saemon', request: { kind: 'inkan' }, tampers: ['name', 'date', 'address'] },
];

export function issueDemo(residentId: string, request: CertificateRequest): Promise<Certificate> {
  return buildCertificate(new MemoryRegistry(demoRegistry), residentId, request, context);
}

/** Same-width (full-width) replacements: a changed kanji must not move the rest of the line. */
const SUBSTITUTES = ['田', '本', '山', '川', '子'];

/** The string with its `index`-th changeable character (a kanji or kana, not a space) replaced. */
export function changeOneCharacter(text: string, index = 0): string {
  const chars = [...text];
  const changeable = chars.map((ch, i) => (/[\u3041-\u30ff\u4e00-\u9fff]/u.test(ch) ? i : -1)).filter((i) => i >= 0);
  if (!changeable.length) throw new Error(`nothing to change in ${text}`);
  const at = changeable[index % changeable.length];
  chars[at] = SUBSTITUTES.find((s) => s !== chars[at])!;
  return chars.join('');
}

/** The amount with its thousands digit changed (up by one, or down when it is a 9). */
export function changeOneDigit(amount: number): number {
  return Math.floor(amount / 1000) % 10 === 9 ? amount - 1000 : amount + 1000;
}

/** The certificate as the forger would have it; throws when the tamper does not apply to its kind. */
export function tamper(cert: Certificate, kind: Tamper, variant = 0): Certificate {
  const dayMoved = (day: number) => day + (variant % 2 === 0 ? 1 : -1);
  switch (cert.kind) {
    case 'juminhyo':
    case 'kisai': {
      const c: JuminhyoCertificate = cert;
      const who = variant % c.persons.length;
      const persons = c.persons.map((p, i) => (i !== who ? p : kind === 'name' ? { ...p, name: changeOneCharacter(p.name, variant) } : kind === 'date' ? { ...p, birth: dayMoved(p.birth) } : p));
      if (kind === 'address') return { ...c, address: changeOneCharacter(c.address, variant) };
      if (kind === 'member-removed') {
        if (c.persons.length < 2) throw new Error('one person only');
        return { ...c, persons: c.persons.filter((_, i) => i !== Math.max(1, who)) };
      }
      if (kind === 'name' || kind === 'date') return { ...c, persons };
      break;
    }
    case 'tax': {
      const c: TaxCertificate = cert;
      if (kind === 'name') return { ...c, name: changeOneCharacter(c.name, variant) };
      if (kind === 'address') return { ...c, address: changeOneCharacter(c.address, variant) };
      if (kind === 'date') return { ...c, birth: dayMoved(c.birth) };
      if (kind === 'amount') {
        const keys = ['totalIncome', 'salaryRevenue', 'taxableIncome', 'salaryIncome'] as const;
        const key = keys[variant % keys.length];
        return { ...c, figures: { ...c.figures, [key]: changeOneDigit(c.figures[key]) } };
      }
      break;
    }
    case 'inkan':
      if (kind === 'name') return { ...cert, name: changeOneCharacter(cert.name, variant) };
      if (kind === 'address') return { ...cert, address: changeOneCharacter(cert.address, variant) };
      if (kind === 'date') return { ...cert, birth: dayMoved(cert.birth) };
      break;
  }
  throw new Error(`${kind} does not apply to ${cert.kind}`);
}

let fontLoading: Promise<LoadedFont> | undefined;
async function font(): Promise<LoadedFont> {
  fontLoading ??= loadCertificateFont().then(async (f) => {
    await ensureFontFace(f.bytes);
    return f;
  });
  return fontLoading;
}

/** The first sheet's front in grey at `dpi`. */
export async function renderFront(cert: Certificate, dpi: number): Promise<GreyImage> {
  const f = await font();
  const { sheets } = layoutCertificate(cert, f.metrics);
  const raster = rasterizeSheet(sheets[0], dpi, f.metrics);
  return rgbaToGrey(raster.pixels, raster.width, raster.height);
}

/** The text runs the first sheet's front prints (as the verifier passes them to checkFront). */
export async function frontRuns(cert: Certificate): Promise<PrintedRun[]> {
  const f = await font();
  return printedRuns(layoutCertificate(cert, f.metrics).sheets[0]);
}

/**
 * A light security background composited under the print, as the paper of the 地紋 / 『複写』
 * pantograph carries it: a fine dot screen of 60 µm dots at about 4 % coverage over the page, and
 * in a band across the middle (where the hidden 『複写』 sits) 130 µm dots at about 7 %. Dots are
 * placed on a jittered grid (seeded) and drawn by their area coverage of each pixel (4 × 4
 * supersampling), multiplying into what is printed there.
 */
export function withDotScreen(page: GreyImage, dpi: number, seed: number): GreyImage {
  const data = Uint8Array.from(page.data);
  const pxPerMm = dpi / 25.4;
  const random = seededRandom(seed);
  const band = { top: page.height * 0.35, bottom: page.height * 0.65 };
  const screens = [
    { diameterMm: 0.06, periodMm: 0.266, inBand: false },
    { diameterMm: 0.13, periodMm: 0.435, inBand: true },
  ];
  for (const screen of screens) {
    const period = screen.periodMm * pxPerMm;
    const radius = (screen.diameterMm / 2) * pxPerMm;
    for (let cy = period / 2; cy < page.height; cy += period)
      for (let cx = period / 2; cx < page.width; cx += period) {
        const inBand = cy >= band.top && cy < band.bottom;
        if (inBand !== screen.inBand) continue;
        const x0 = cx + (random() - 0.5) * period * 0.3;
        const y0 = cy + (random() - 0.5) * period * 0.3;
        for (let y = Math.floor(y0 - radius); y <= Math.floor(y0 + radius); y++)
          for (let x = Math.floor(x0 - radius); x <= Math.floor(x0 + radius); x++) {
            if (x < 0 || y < 0 || x >= page.width || y >= page.height) continue;
            let covered = 0;
            for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (Math.hypot(x + (sx + 0.5) / 4 - x0, y + (sy + 0.5) / 4 - y0) <= radius) covered++;
            if (covered) data[y * page.width + x] = Math.round(data[y * page.width + x] * (1 - covered / 16));
          }
      }
  }
  return { width: page.width, height: page.height, data };
}

/**
 * The first sheet's front exactly as kofu's PDF prints it — the 『複写』 pantograph and the tinted
 * 地紋 under the text (src/pdf/pdf.ts drawFrontPatterns, seeded by the municipality code, the
 * default printer profile) — rasterised by PDF.js at `dpi`, in grey: what the printer is sent.
 */
export async function printedFront(cert: Certificate, dpi: number): Promise<GreyImage> {
  const f = await font();
  const { pdf } = certificatePdf(cert, { bytes: f.bytes, metrics: f.metrics }, [], { print: { seed: Number(cert.issuer.code) } });
  const [front] = await renderPdfPages(pdf, { dpi });
  return rgbaToGrey(front.image.data, front.image.width, front.image.height);
}

export interface CaptureOptions {
  /** Composite the light dot screen of withDotScreen under the canvas rendering. */
  readonly dotScreen?: boolean;
  /**
   * Print the PDF's own front instead (printedFront): the 『複写』 pantograph and the 地紋 kofu
   * prints under the text. Takes precedence over dotScreen.
   */
  readonly pdf?: boolean;
}

/** The front printed and captured: a flatbed scan at 300 dpi or a phone photo, as grey. */
export async function captureFront(cert: Certificate, capture: Capture, seed: number, options: CaptureOptions = {}): Promise<GreyImage> {
  const printed = options.pdf
    ? await printedFront(cert, PRINT_RASTER_DPI)
    : options.dotScreen
      ? withDotScreen(await renderFront(cert, PRINT_RASTER_DPI), PRINT_RASTER_DPI, seed)
      : await renderFront(cert, PRINT_RASTER_DPI);
  const conditions = capture === 'scan300' ? flatbedConditions(seed) : photoConditions(seed);
  const image = await simulate(printed, conditions, PRINT_RASTER_DPI);
  return rgbaToGrey(image.data, image.width, image.height);
}

/** Bounding boxes (rendering pixels) where two renderings differ at all: where a tamper is. */
export function changedBox(a: GreyImage, b: GreyImage): { x: number; y: number; w: number; h: number } | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < a.height; y++)
    for (let x = 0; x < a.width; x++) {
      const i = y * a.width + x;
      if (Math.abs(a.data[i] - b.data[i]) < 64) continue;
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
  return x1 < 0 ? null : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}
