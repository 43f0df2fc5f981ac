/**
 * The verifier's paper checks (issue #10), for the latent-image view: the pixels of the page the
 * verdict was about are read again (the first run transferred them away) and go to the
 * paper-check worker, which finds the latent emblem, reveals its mark and estimates originality
 * (src/vision/paper-check.ts). That takes seconds on a 300 dpi back, so the stages are reported
 * as they run, and Cancel terminates the worker (the next check starts a fresh one).
 * The decoder film comes from the pdf worker, which loads the certificate font.
 */
import { proxy, transfer } from 'comlink';
import type { PaperCheckWorkerApi } from '../../workers/paper-check.worker.ts';
import { throwIfAborted } from '../bytes/errors.ts';
import type { PaperCheck, PaperCheckProgress, PaperCheckStage } from '../vision/paper-check.ts';
import type { DownloadFile } from './download-file.ts';
import { pdfBridge } from './pdf.ts';
import { openVerifierInput, type VerifierInput } from './verifier-input.ts';
import { WorkerBridge } from './worker-bridge.ts';

export type { PaperCheck, PaperCheckStage };
export type { CopyEvidence, Originality, OriginalityReason } from '../vision/copy-evidence.ts';
export type { LatentFinding } from '../vision/paper-check.ts';
/** What a cancelled check rejects with. */
export { AbortedError } from '../bytes/errors.ts';

/** Gives the pixels of a verified page again, on demand; `signal` stops a slow read (a PDF page). */
export type PaperSource = (signal?: AbortSignal) => Promise<ImageData>;

/** What the person waits for: the page read again, then the worker's stages. */
export type PaperStep = 'read' | PaperCheckStage;

export interface PaperProgress {
  readonly step: PaperStep;
  /** Of the whole check, 0..1; never decreases. */
  readonly fraction: number;
}

export interface PaperCheckOptions {
  /** Aborting it terminates the worker; the check rejects with AbortedError. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: PaperProgress) => void;
}

/**
 * Share of the whole check given to reading the page again: decoding a 300 dpi PNG takes a few
 * hundred ms against the worker's seconds (bench/paper.bench.ts). A PDF page is drawn again by
 * pdf.js and may take longer; the bar then waits at the start, with the step named.
 */
const READ_SHARE = 0.1;

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
  return async (signal) => (await openVerifierInput(input, signal)).page(page);
}

let bridge: WorkerBridge<PaperCheckWorkerApi> | undefined;

/** The paper-check worker's bridge (one check at a time; idle, the worker shuts down). */
export function paperCheckBridge(): WorkerBridge<PaperCheckWorkerApi> {
  bridge ??= new WorkerBridge<PaperCheckWorkerApi>(
    () => new Worker(new URL('../../workers/paper-check.worker.ts', import.meta.url), { type: 'module', name: 'kofu-paper-check' }),
  );
  return bridge;
}

/** Runs the paper checks on `image` in the paper-check worker (its pixels are transferred). */
export function checkPaperPixels(image: ImageData, dpi: number | undefined, options: PaperCheckOptions = {}): Promise<PaperCheck> {
  const onProgress = options.onProgress;
  return paperCheckBridge().call(
    (api) =>
      api.checkPaper(
        transfer(image.data, [image.data.buffer]),
        image.width,
        image.height,
        dpi,
        onProgress ? proxy(({ stage, fraction }: PaperCheckProgress) => onProgress({ step: stage, fraction: READ_SHARE + (1 - READ_SHARE) * fraction })) : undefined,
      ),
    { signal: options.signal },
  );
}

/** Reads the page from `source` again and checks it: the whole wait the verifier's button starts. */
export async function runPaperCheck(source: PaperSource, dpi: number | undefined, options: PaperCheckOptions = {}): Promise<PaperCheck> {
  throwIfAborted(options.signal);
  options.onProgress?.({ step: 'read', fraction: 0 });
  const image = await source(options.signal);
  throwIfAborted(options.signal);
  return checkPaperPixels(image, dpi, options);
}

/** The decoder film PDF (src/pdf/decoder-film.ts), to print on a transparency. */
export async function decoderFilm(): Promise<DownloadFile> {
  const data = await pdfBridge().call((api) => api.decoderFilmPdf());
  return { name: 'kofu-decoder-film.pdf', data, type: 'application/pdf' };
}
