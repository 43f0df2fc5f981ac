/**
 * The verifier's paper checks (issue #10), for the latent-image view: the pixels of the page the
 * verdict was about go to the verify worker again (the first run transferred them away), which
 * finds the latent emblem, reveals its mark and estimates originality (src/vision/paper-check.ts).
 * The decoder film comes from the pdf worker, which loads the certificate font.
 */
import { transfer } from 'comlink';
import type { PaperCheck } from '../vision/paper-check.ts';
import type { DownloadFile } from './download-file.ts';
import { pdfBridge } from './pdf.ts';
import { verifyBridge } from './verifier.ts';
import { openVerifierInput, type VerifierInput } from './verifier-input.ts';
import type { CallOptions } from './worker-bridge.ts';

export type { PaperCheck };
export type { CopyEvidence, Originality, OriginalityReason } from '../vision/copy-evidence.ts';
export type { LatentFinding } from '../vision/paper-check.ts';

/** Gives the pixels of a verified page again, on demand. */
export type PaperSource = () => Promise<ImageData>;

/**
 * A source for page `page` of `input`. Call it before the input goes to the worker: a camera
 * frame is copied now (its pixels are transferred away by the verification); a file is read again
 * when asked, so a large scan is not held twice while nobody looks at the paper.
 */
export function paperSource(input: VerifierInput, page = 0): PaperSource {
  if (input.kind === 'frame') {
    const { width, height } = input.frame;
    const copy = new Uint8ClampedArray(input.frame.data);
    return async () => new ImageData(new Uint8ClampedArray(copy), width, height);
  }
  return async () => (await openVerifierInput(input)).page(page);
}

/** Runs the paper checks on `image` in the verify worker (its pixels are transferred). */
export function checkPaperPixels(image: ImageData, dpi: number | undefined, options: CallOptions = {}): Promise<PaperCheck> {
  return verifyBridge().call((api) => api.checkPaper(transfer(image.data, [image.data.buffer]), image.width, image.height, dpi), options);
}

/** The decoder film PDF (src/pdf/decoder-film.ts), to print on a transparency. */
export async function decoderFilm(): Promise<DownloadFile> {
  const data = await pdfBridge().call((api) => api.decoderFilmPdf());
  return { name: 'kofu-decoder-film.pdf', data, type: 'application/pdf' };
}
