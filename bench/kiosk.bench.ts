/**
 * Kiosk timings in demo mode: a demo card on the virtual RC-S380 (the real driver code), the
 * registry in memory, the real pdf worker. `kiosk.auth_ms`: PIN submitted → certificate list
 * (VERIFY, challenge signature, registry lookup). `kiosk.issue_ms.juminhyo_1`: PIN submitted →
 * PDF bytes of a one-person 住民票の写し, through choice, options, preview, seal, QR and PDF.
 */
import { createVirtualReader, DEMO_RESIDENTS, demoTrustAnchor, MemoryCardStateStore } from '../src/card/index.ts';
import { KioskSession } from '../src/app/kiosk-session.ts';
import { workerPdfService } from '../src/app/kiosk.ts';
import { demoRegistry } from '../src/registry/demo.ts';
import { MemoryRegistry } from '../src/registry/registry.ts';
import { generateSignerKeyPair, issueDemoSignerCertificate } from '../src/seal/index.ts';
import { median, type Metric } from './timing.ts';

const RUNS = 3;
/** Wednesday noon JST, inside every service window. */
const NOON = new Date('2026-11-25T03:00:00Z');

export async function run(): Promise<Metric[]> {
  const tablet = await generateSignerKeyPair();
  const pdf = workerPdfService();
  const auth: number[] = [];
  const issue: number[] = [];
  let pdfBytes = 0;
  for (let i = 0; i < RUNS + 1; i++) {
    const kit = await createVirtualReader('rcs380', DEMO_RESIDENTS[0], new MemoryCardStateStore());
    let serial = 0;
    const session = new KioskSession({
      registry: new MemoryRegistry(demoRegistry),
      cardAnchors: async () => [await demoTrustAnchor()],
      signer: async (municipality) => ({ privateKey: tablet.privateKey, certificate: await issueDemoSignerCertificate(tablet.publicKey, 'DEMO-BENCH', Math.floor(NOON.getTime() / 1000), municipality) }),
      pdf,
      nextSerial: async () => ++serial,
      appendLog: async () => undefined,
      verifierUrl: 'https://kofu.example.jp/verify',
      demoMode: true,
      now: () => NOON,
      pollMs: 10,
    });
    session.begin();
    await session.useReader(kit.reader);
    const started = performance.now();
    await session.submitPin(DEMO_RESIDENTS[0].authPin);
    const authenticated = performance.now();
    await session.chooseKind('juminhyo');
    await session.toConfirm();
    await session.issue();
    const done = performance.now();
    const state = session.state;
    if (state.step !== 'print') throw new Error(`kiosk bench ended at ${state.step}`);
    pdfBytes = state.copies[0].pdf.length;
    await session.dispose();
    // The first run warms the worker and the font cache, as the first resident of the day does.
    if (i === 0) continue;
    auth.push(authenticated - started);
    issue.push(done - started);
  }
  return [
    { id: 'kiosk.auth_ms', value: +median(auth).toFixed(1), unit: 'ms', runs: RUNS, reader: 'virtual rcs380' },
    { id: 'kiosk.issue_ms.juminhyo_1', value: +median(issue).toFixed(1), unit: 'ms', runs: RUNS, note: 'PIN → PDF bytes, warm worker' },
    { id: 'kiosk.pdf_bytes.juminhyo_1', value: pdfBytes, unit: 'bytes' },
  ];
}
