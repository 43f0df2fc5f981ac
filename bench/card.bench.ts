/**
 * Card metrics (issue 3): APDUs per authentication, and the software time of a whole
 * authentication / basic-info read through the virtual readers (driver + T=CL + virtual card
 * + WebCrypto checks; no real RF or USB latency exists here, so this is kofu's own overhead).
 */
import { RecordingChannel, type CardChannel } from '../src/card/apdu/channel.ts';
import { CardSession, defaultAnchors } from '../src/card/session.ts';
import { DEMO_RESIDENTS, demoTrustAnchor } from '../src/card/virtual/demo-cards.ts';
import { createVirtualReader, type VirtualReaderKind } from '../src/card/virtual/kit.ts';
import { MemoryCardStateStore } from '../src/card/virtual/state.ts';
import { median } from './timing.ts';

const RUNS = 7;

export async function run(): Promise<Array<{ id: string; value: number; unit: string; [k: string]: unknown }>> {
  const resident = DEMO_RESIDENTS[0];
  const anchors = [...defaultAnchors(), await demoTrustAnchor()];
  const now = () => new Date('2026-11-25T00:00:00Z');
  const results: Array<{ id: string; value: number; unit: string; [k: string]: unknown }> = [];

  // APDU count of one authentication (token label, certificate, tries, VERIFY, SELECT key, sign).
  {
    const kit = await createVirtualReader('rcs380', resident, new MemoryCardStateStore());
    let recording: RecordingChannel | undefined;
    const session = await CardSession.open(kit.reader, { anchors, now, wrapChannel: (channel: CardChannel) => (recording = new RecordingChannel(channel)) });
    await session.authenticate({ pin: resident.authPin, challenge: crypto.getRandomValues(new Uint8Array(32)) });
    await session.close();
    results.push({ id: 'card.auth_apdus', value: recording!.entries.length, unit: 'APDUs', budget: 40 });
  }

  const kinds: VirtualReaderKind[] = ['rcs380', 'rcs300', 'ccid'];
  for (const kind of kinds) {
    const kit = await createVirtualReader(kind, resident, new MemoryCardStateStore());
    const auth: number[] = [];
    const basic: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const t0 = performance.now();
      const session = await CardSession.open(kit.reader, { anchors, now });
      await session.authenticate({ pin: resident.authPin, challenge: crypto.getRandomValues(new Uint8Array(32)) });
      const t1 = performance.now();
      await session.readBasicInfo(resident.kenhojoPin);
      const t2 = performance.now();
      await session.close();
      if (i === 0) continue; // warm-up: first run builds the demo certificates and JIT-compiles
      auth.push(t1 - t0);
      basic.push(t2 - t1);
    }
    results.push({ id: `card.auth_ms.virtual_${kind}`, value: Math.round(median(auth) * 10) / 10, unit: 'ms', runs: RUNS, statistic: 'median', ...(kind === 'rcs380' ? { budget: 1000 } : {}) });
    results.push({ id: `card.read_basic_info_ms.virtual_${kind}`, value: Math.round(median(basic) * 10) / 10, unit: 'ms', runs: RUNS, statistic: 'median' });
  }
  return results;
}
