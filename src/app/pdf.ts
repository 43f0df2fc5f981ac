/** The PDF worker (jsPDF, the certificate font, the renderer) behind one bridge for the whole app. */
import type { PdfWorkerApi } from '../../workers/pdf.worker.ts';
import { WorkerBridge } from './worker-bridge.ts';

let bridge: WorkerBridge<PdfWorkerApi> | undefined;

export function pdfBridge(): WorkerBridge<PdfWorkerApi> {
  bridge ??= new WorkerBridge<PdfWorkerApi>(() => new Worker(new URL('../../workers/pdf.worker.ts', import.meta.url), { type: 'module', name: 'kofu-pdf' }));
  return bridge;
}
