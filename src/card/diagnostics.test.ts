import { expect } from '@open-wc/testing';
import { checkReader } from './diagnostics.ts';
import { browserCapabilities, classifyUsbDevice, listPermittedReaders, openUsbReader } from './transport/detect.ts';
import { watchNonNdefTaps } from './transport/webnfc.ts';
import { CardError } from './errors.ts';
import { createVirtualReader } from './virtual/kit.ts';
import { DEMO_RESIDENTS } from './virtual/demo-cards.ts';
import { MemoryCardStateStore } from './virtual/state.ts';
import { VirtualRcs380 } from './virtual/rcs380-device.ts';
import { VirtualRcs300 } from './virtual/rcs300-device.ts';
import { VirtualCcidReader } from './virtual/ccid-device.ts';
import { VirtualRfField } from './virtual/rf-field.ts';
import { Rcs380Reader } from './rcs380/driver.ts';
import { Rcs300Reader } from './rcs300/driver.ts';
import { CcidReader } from './ccid/driver.ts';
import { describeError } from '../ui/shared/error-messages.ts';

describe('card: reader detection, staff reader check, Web NFC hint', function () {
  this.timeout(30_000);

  it('picks the driver by USB ids and interface class', async () => {
    expect(await openUsbReader(new VirtualRcs380(new VirtualRfField(null)))).to.be.instanceOf(Rcs380Reader);
    expect(await openUsbReader(new VirtualRcs300(new VirtualRfField(null)))).to.be.instanceOf(Rcs300Reader);
    expect(await openUsbReader(new VirtualCcidReader(null))).to.be.instanceOf(CcidReader);
    expect(classifyUsbDevice({ vendorId: 0x1234, productId: 1, configuration: null })).to.equal('unknown');
    const other = new VirtualRcs380(new VirtualRfField(null));
    Object.defineProperty(other, 'vendorId', { value: 0x1234 });
    expect(await openUsbReader(other).catch((e: unknown) => e)).to.be.instanceOf(CardError).and.have.property('code', 'card.reader-unsupported');
  });

  it('lists permitted USB devices without prompting (none in a fresh browser)', async () => {
    expect(await listPermittedReaders()).to.deep.equal([]);
  });

  it('reports what the browser allows', () => {
    const caps = browserCapabilities();
    expect(caps.webUsb).to.equal('usb' in navigator);
    expect(caps.smartCardApi).to.equal(false);
    expect(caps.isolatedContext).to.equal(false);
  });

  it('checks a reader for staff: card kind and tries, no VERIFY sent', async () => {
    const kit = await createVirtualReader('rcs380', DEMO_RESIDENTS[0], new MemoryCardStateStore());
    const check = await checkReader(kit.reader);
    expect(check.cardDetected).to.equal(true);
    expect(check.reader?.path).to.contain('port100');
    expect(check.token).to.deep.equal({ label: 'JPKIAPICCTOKEN2', kind: 'my-number-card' });
    expect(check.tries).to.deep.equal({ triesLeft: 3, maxTries: 3, locked: false });
    expect(check.problems).to.deep.equal([]);
    // The reader's firmware (GetFirmwareVersion) and the card's FSC/FWI from its ATQB.
    expect(check.reader?.firmware).to.equal('1.11');
    expect(check.link).to.deep.equal({ fsc: 256, fwi: 8, fwtMs: 77.3, assumed: false });
    kit.field!.removeCard();
    const empty = await checkReader(kit.reader);
    expect(empty.cardDetected).to.equal(false);
    expect(describeError(empty.problems[0], 'ja')).to.contain('カード');
  });

  it('reports the card parameters the RC-S300 path took from the SwitchProtocol answer', async () => {
    const kit = await createVirtualReader('rcs300', DEMO_RESIDENTS[0], new MemoryCardStateStore());
    const check = await checkReader(kit.reader);
    expect(check.reader?.firmware).to.equal(undefined);
    expect(check.link).to.deep.equal({ fsc: 256, fwi: 8, fwtMs: 77.3, assumed: false });
    (kit.device as VirtualRcs300).switchAnswer = 'none';
    expect((await checkReader(kit.reader)).link).to.deep.equal({ fsc: 64, fwi: 14, fwtMs: 4949, assumed: true });
  });

  it('turns a non-NDEF tap into a hint, and says false without Web NFC', async () => {
    const controller = new AbortController();
    class FakeNdefReader extends EventTarget {
      static last: FakeNdefReader | undefined;
      constructor() {
        super();
        FakeNdefReader.last = this;
      }
      async scan() {}
    }
    const scope = { NDEFReader: FakeNdefReader } as unknown as typeof globalThis;
    let taps = 0;
    const started = await watchNonNdefTaps(() => taps++, controller.signal, scope);
    expect(started).to.equal(true);
    FakeNdefReader.last!.dispatchEvent(new Event('readingerror'));
    expect(taps).to.equal(1);
    expect(await watchNonNdefTaps(() => taps++, controller.signal, {} as typeof globalThis)).to.equal(false);
    controller.abort();
  });
});
