/**
 * One kiosk issuing run for the benches, as a resident does it in demo mode: a demo card on the
 * virtual RC-S380 (the real driver code), the real pdf worker, PIN submitted → certificate list
 * (VERIFY, challenge signature, registry lookup) → a one-person 住民票の写し through choice,
 * options, preview, seal, QR and PDF bytes. The registry is the caller's: in memory, or the
 * IndexedDB one the kiosk uses.
 */
import { createVirtualReader, DEMO_RESIDENTS, demoTrustAnchor, MemoryCardStateStore } from '../src/card/index.ts';
import type { PdfService } from '../src/app/kiosk-session.ts';
import { KioskSession } from '../src/app/kiosk-session.ts';
import { workerPdfService } from '../src/app/kiosk.ts';
import type { Registry } from '../src/registry/registry.ts';
import { generateSignerKeyPair, issueDemoSignerCertificate } from '../src/seal/index.ts';

/** Wednesday noon JST, inside every service window. */
const NOON = new Date('2026-11-25T03:00:00Z');

export interface IssueTimes {
  /** PIN submitted → certificate list, per run (ms). */
  readonly auth: number[];
  /** PIN submitted → PDF bytes, per run (ms). */
  readonly issue: number[];
  /** Of `issue`, the time spent waiting for the pdf worker (sheets, preview, PDF), per run (ms). */
  readonly worker: number[];
  /** The worker's time by call, per run (ms): layout for the sheet count, the preview bitmap, the PDF. */
  readonly workerCalls: Record<'sheets' | 'preview' | 'pdf', number[]>;
  readonly pdfBytes: number;
}

type WorkerSpent = { ms: number } & Record<'sheets' | 'preview' | 'pdf', number>;

/** A PdfService that adds up how long its calls take, in all and by call: the worker's share of an issue. */
function timedPdfService(inner: PdfService, spent: WorkerSpent): PdfService {
  const timed =
    <A extends unknown[], R>(name: 'sheets' | 'preview' | 'pdf', call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const started = performance.now();
      try {
        return await call(...args);
      } finally {
        spent.ms += performance.now() - started;
        spent[name] += performance.now() - started;
      }
    };
  return { sheets: timed('sheets', inner.sheets), pdf: timed('pdf', inner.pdf), preview: timed('preview', inner.preview) };
}

/**
 * `runs` issues after one warm-up (which loads the worker and the font cache, as the first
 * resident of the day does), each with a fresh session and card.
 */
export async function timeIssues(registry: () => Registry, runs: number): Promise<IssueTimes> {
  const tablet = await generateSignerKeyPair();
  const pdf = workerPdfService();
  const times: IssueTimes & { pdfBytes: number } = { auth: [], issue: [], worker: [], workerCalls: { sheets: [], preview: [], pdf: [] }, pdfBytes: 0 };
  for (let i = 0; i < runs + 1; i++) {
    const kit = await createVirtualReader('rcs380', DEMO_RESIDENTS[0], new MemoryCardStateStore());
    const spent: WorkerSpent = { ms: 0, sheets: 0, preview: 0, pdf: 0 };
    let serial = 0;
    const session = new KioskSession({
      registry: registry(),
      cardAnchors: async () => [await demoTrustAnchor()],
      signer: async (municipality) => ({ privateKey: tablet.privateKey, certificate: await issueDemoSignerCertificate(tablet.publicKey, 'DEMO-BENCH', Math.floor(NOON.getTime() / 1000), municipality) }),
      pdf: timedPdfService(pdf, spent),
      nextSerial: async () => ++serial,
      appendLog: async () => undefined,
      voidSheet: async () => undefined,
      verifierUrl: 'https://kofu.example.jp/verify',
      demoMode: true,
      now: () => NOON,
      pollMs: 10,
    });
    session.begin();
    session.acceptTerms();
    await session.useReader(kit.reader);
    const started = performance.now();
    await session.submitPin(DEMO_RESIDENTS[0].authPin);
    const authenticated = performance.now();
    await session.chooseKind('juminhyo');
    await session.toConfirm();
    await session.issue();
    const done = performance.now();
    session.cardTaken();
    const state = session.state;
    if (state.step !== 'print') throw new Error(`kiosk bench ended at ${state.step}`);
    times.pdfBytes = state.copies[0].pdf.length;
    await session.dispose();
    if (i === 0) continue;
    times.auth.push(authenticated - started);
    times.issue.push(done - started);
    times.worker.push(spent.ms);
    for (const call of ['sheets', 'preview', 'pdf'] as const) times.workerCalls[call].push(spent[call]);
  }
  return times;
}
