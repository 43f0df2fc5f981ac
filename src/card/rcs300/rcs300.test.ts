import { expect } from '@open-wc/testing';
import { toHex } from '../../bytes/bytes.ts';
import { CcidReader } from '../ccid/driver.ts';
import { CardSession, defaultAnchors } from '../session.ts';
import { CardError } from '../errors.ts';
import { DEMO_RESIDENTS, createVirtualDemoCard, demoTrustAnchor } from '../virtual/demo-cards.ts';
import { VirtualTypeBPicc } from '../virtual/picc.ts';
import { VirtualRcs300 } from '../virtual/rcs300-device.ts';
import { VirtualRfField } from '../virtual/rf-field.ts';
import { MemoryCardStateStore } from '../virtual/state.ts';
import { Rcs300Reader, parseTransparentAnswer } from './driver.ts';
import { transceiveCommand } from './protocol.ts';
import { fromHex } from '../../bytes/bytes.ts';

const hex = (bytes: Uint8Array) => toHex(bytes, ' ').toUpperCase();
const NOW = () => new Date('2026-11-25T00:00:00Z');

async function setup(resident = DEMO_RESIDENTS[0], withCard = true) {
  const card = await createVirtualDemoCard(resident, new MemoryCardStateStore());
  const field = new VirtualRfField(withCard ? new VirtualTypeBPicc(card) : null);
  const device = new VirtualRcs300(field);
  const reader = await Rcs300Reader.open(device);
  const options = { anchors: [...defaultAnchors(), await demoTrustAnchor()], now: NOW };
  return { card, field, device, reader, options };
}

describe('card/rcs300: RC-S300 interface #1 driver against the virtual RC-S300', function () {
  this.timeout(30_000);

  it('builds CommunicateThruEX with the mandatory timer object and parses answers', () => {
    expect(hex(transceiveCommand(fromHex('02 00 A4'), 100_000))).to.equal('FF 50 00 01 00 00 0E 5F 46 04 A0 86 01 00 95 82 00 03 02 00 A4 00 00 00');
    const answer = parseTransparentAnswer(fromHex('C0 03 00 90 00 97 03 02 90 00 90 00'));
    expect(answer.status).to.equal(0x9000);
    expect(hex(answer.response!)).to.equal('02 90 00');
  });

  it('opens a transparent session and switches to ISO 14443-4B (Escape transcript)', async () => {
    const { reader, field } = await setup();
    const connection = await reader.connect();
    await connection.transmit(fromHex('00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01'));
    const lines = reader.log.map((entry) => `${entry.direction === 'out' ? '>' : '<'} ${hex(entry.data)}`);
    expect(lines.slice(0, 10)).to.deep.equal([
      '> 6B 08 00 00 00 00 00 00 00 00 FF 50 00 00 02 82 00 00',
      '< 83 07 00 00 00 00 00 00 00 00 C0 03 00 90 00 90 00',
      '> 6B 08 00 00 00 00 01 00 00 00 FF 50 00 00 02 81 00 00',
      '< 83 07 00 00 00 00 01 00 00 00 C0 03 00 90 00 90 00',
      '> 6B 08 00 00 00 00 02 00 00 00 FF 50 00 00 02 83 00 00',
      '< 83 07 00 00 00 00 02 00 00 00 C0 03 00 90 00 90 00',
      '> 6B 08 00 00 00 00 03 00 00 00 FF 50 00 00 02 84 00 00',
      '< 83 07 00 00 00 00 03 00 00 00 C0 03 00 90 00 90 00',
      '> 6B 0A 00 00 00 00 04 00 00 00 FF 50 00 02 04 8F 02 01 04 00',
      // 5F 51: the PC/SC pseudo-ATR 3B 88 80 01 + ATQB AppData, ProtocolInfo 00 81 80 (FSCI 8, FWI 8), MBLI, TCK
      '< 83 17 00 00 00 00 04 00 00 00 C0 03 00 90 00 5F 51 0D 3B 88 80 01 00 00 00 00 00 81 80 00 08 90 00',
    ]);
    expect(reader.details()).to.deep.equal({ card: { fsc: 256, fwi: 8 } });
    expect(lines[10]).to.match(/^> 6B .. 00 00 00 00 05 00 00 00 FF 50 00 01 00 00 .. 5F 46 04 .. .. .. .. 95 82 00 10 02 00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01 00 00 00$/);
    expect(lines[11]).to.equal('< 83 13 00 00 00 00 05 00 00 00 C0 03 00 90 00 92 01 00 96 02 00 00 97 03 02 90 00 90 00');
    // The reader did the activation (its own WUPB); the host's first I-block follows it on the air.
    expect(hex(field.log[0][0])).to.equal('05 00 18');
    expect(hex(field.log[2][0]).startsWith('02 00 A4 04 0C')).to.equal(true);
  });

  it('authenticates and reads the basic items through the virtual RC-S300', async () => {
    const resident = DEMO_RESIDENTS[0];
    const { reader, options, device } = await setup(resident);
    const session = await CardSession.open(reader, options);
    const result = await session.authenticate({ pin: resident.authPin, challenge: new Uint8Array(32).fill(1) });
    expect(result.demo).to.equal(true);
    expect((await session.readBasicInfo(resident.kenhojoPin)).sex).to.equal('male');
    // Answers of a 256-byte frame span several 64-byte packets in one Escape message.
    expect(device.usbLog.some((entry) => entry.direction === 'in' && entry.data.length > 64)).to.equal(true);
    await session.close();
    await reader.close();
  });

  it('cannot use interface #0 (CCID) from a page, and handles no card, removal, RF errors and unplug', async () => {
    const blockedDevice = new VirtualRcs300(new VirtualRfField(null));
    expect(await CcidReader.open(blockedDevice).catch((e: unknown) => e)).to.be.instanceOf(CardError).and.have.property('code', 'card.usb-blocked');

    const empty = await setup(DEMO_RESIDENTS[0], false);
    expect(await empty.reader.connect().catch((e: unknown) => e)).to.be.instanceOf(CardError).and.have.property('code', 'card.absent');

    const flaky = await setup();
    const session = await CardSession.open(flaky.reader, flaky.options);
    flaky.field.faults.garbleAnswers = 2;
    flaky.field.wtxStorm(20);
    expect((await session.authenticate({ pin: '1234', challenge: new Uint8Array(4) })).signature.length).to.equal(256);
    flaky.field.faults.removeCardAfterFrames = 2;
    expect(await session.readBasicInfo('1234').catch((e: unknown) => e)).to.be.instanceOf(CardError).and.have.property('code', 'card.removed');

    const unplug = await setup();
    const unplugSession = await CardSession.open(unplug.reader, unplug.options);
    unplug.device.unplug();
    expect(await unplugSession.triesLeft().catch((e: unknown) => e)).to.be.instanceOf(CardError).and.have.property('code', 'card.reader-unplugged');
  });
});
