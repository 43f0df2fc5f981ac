import { expect } from '@open-wc/testing';
import { toHex } from '../../bytes/bytes.ts';
import { CcidReader } from '../ccid/driver.ts';
import { CardSession } from '../session.ts';
import { CardError } from '../errors.ts';
import { DEMO_RESIDENTS, createVirtualDemoCard } from '../virtual/demo-cards.ts';
import { VirtualTypeBPicc, type PiccOptions } from '../virtual/picc.ts';
import { VirtualRcs300 } from '../virtual/rcs300-device.ts';
import { VirtualRfField } from '../virtual/rf-field.ts';
import { MemoryCardStateStore } from '../virtual/state.ts';
import { cardParameters, frameDamage, Rcs300Reader, parseTransparentAnswer, RCS300_FALLBACK_FWI, RF_OFF_PAUSE_MS, RF_ON_PAUSE_MS } from './driver.ts';
import { transceiveCommand } from './protocol.ts';
import { contactlessRig } from '../testing/contactless-rig.ts';
import { fromHex } from '../../bytes/bytes.ts';

const hex = (bytes: Uint8Array) => toHex(bytes, ' ').toUpperCase();
const setup = (resident = DEMO_RESIDENTS[0], withCard = true, picc: PiccOptions = {}) =>
  contactlessRig((field) => new VirtualRcs300(field), (device) => Rcs300Reader.open(device), { resident, withCard, picc });

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

describe('card/rcs300: what a PC/SC Part 3 reader sends (issue #14)', function () {
  this.timeout(30_000);
  const SELECT_JPKI = fromHex('00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01');

  it('reads every response object: a damaged frame flagged in 96 under C0 … 90 00 is retried, not passed on', async () => {
    // wsrf2009/contactless-driver pcsc.c:398-420: 92 01 <bits> 96 02 <errors> 00 97 <frame>; CRC = 01.
    const damaged = parseTransparentAnswer(fromHex('C0 03 00 90 00 92 01 00 96 02 01 00 97 03 02 90 00 90 00'));
    expect(damaged.status).to.equal(0x9000);
    expect(frameDamage(damaged)).to.equal('crc');
    expect(frameDamage(parseTransparentAnswer(fromHex('C0 03 00 90 00 92 01 00 96 02 0A 00 97 01 02 90 00')))).to.equal('collision, framing');
    expect(frameDamage(parseTransparentAnswer(fromHex('C0 03 00 90 00 92 01 03 96 02 00 00 97 01 02 90 00')))).to.equal('3 valid bits in the last byte');
    expect(frameDamage(parseTransparentAnswer(fromHex('C0 03 00 90 00 92 01 00 96 02 00 00 97 03 02 90 00 90 00')))).to.equal(null);

    const { reader, device, field } = await setup();
    const connection = await reader.connect();
    device.damagedFrames = 1;
    expect([...(await connection.transmit(SELECT_JPKI))]).to.deep.equal([0x90, 0x00]);
    // The I-block went twice: the damaged answer was answered with R(NAK) (ISO 14443-4 rule 4), and the card resent.
    expect(field.log.map(([out]) => hex(out).slice(0, 2))).to.include('B2');
    await connection.disconnect();
  });

  it('takes FSC and FWI from the SwitchProtocol answer (5F 51 pseudo-ATR or 8F 03), not from a guess', async () => {
    // pcsc.c:150-170: 3B 88 80 01 AppData(4) ProtocolInfo(3) MBLI TCK; 8F 03 = ATQB[9..11] (pcsc.c:976-980).
    const atr = parseTransparentAnswer(fromHex('C0 03 00 90 00 5F 51 0D 3B 88 80 01 00 00 00 00 00 21 B0 00 19 90 00'));
    expect(cardParameters(atr.protocolInfo)).to.deep.equal({ fsc: 32, fwi: 11, fromCard: true });
    const layer3 = parseTransparentAnswer(fromHex('C0 03 00 90 00 8F 03 00 81 E0 90 00'));
    expect(cardParameters(layer3.protocolInfo)).to.deep.equal({ fsc: 256, fwi: 14, fromCard: true });
    expect(cardParameters(null)).to.deep.equal({ fsc: 64, fwi: RCS300_FALLBACK_FWI, fromCard: false });

    // A card with FSC 32 ignores longer frames; one with FWI 11 signs in 450 ms without S(WTX).
    const slow = await setup(DEMO_RESIDENTS[0], true, { fsci: 2, fwi: 11, wtxFor: () => 0, processingMs: (apdu) => (apdu[1] === 0x2a ? 450 : 2) });
    const session = await CardSession.open(slow.reader, slow.options);
    expect((await session.authenticate({ pin: '1234', challenge: new Uint8Array(32) })).signature.length).to.equal(256);
    expect(slow.reader.details()).to.deep.equal({ card: { fsc: 32, fwi: 11 } });
    expect(slow.field.log.every(([out]) => out.length + 2 <= 32)).to.equal(true);
    await session.close();
  });

  it('falls back to FSC 64 and the largest FWI when the reader reports no card parameters', async () => {
    const { reader, device } = await setup(DEMO_RESIDENTS[0], true, { wtxFor: () => 0 });
    device.switchAnswer = 'none';
    const connection = await reader.connect();
    expect(reader.details()).to.deep.equal({ card: { fsc: 64, fwi: 14, assumed: true } });
    expect([...(await connection.transmit(SELECT_JPKI))]).to.deep.equal([0x90, 0x00]);
    await connection.disconnect();
  });

  it('pauses after RF off and RF on before the card is addressed', async () => {
    const { reader, field } = await setup();
    await (await reader.connect()).disconnect(); // so that the field was on, and goes off in the next set-up
    const connection = await reader.connect();
    const events = field.timeline;
    const lastOff = events.map((e) => e.event).lastIndexOf('off');
    const on = events.findIndex((e, i) => i > lastOff && e.event === 'on');
    const firstFrame = events.findIndex((e, i) => i > on && e.event === 'frame');
    expect(events[on].at - events[lastOff].at).to.be.at.least(RF_OFF_PAUSE_MS);
    expect(events[firstFrame].at - events[on].at).to.be.at.least(RF_ON_PAUSE_MS);
    await connection.disconnect();
  });

  it('honours the CommunicateThruEX timer: an answer later than the timer is "no answer" (C0 … 64 01)', async () => {
    const card = await createVirtualDemoCard(DEMO_RESIDENTS[0], new MemoryCardStateStore());
    const device = new VirtualRcs300(new VirtualRfField(new VirtualTypeBPicc(card, { processingMs: () => 20 })));
    await device.open();
    await device.selectConfiguration(1);
    await device.claimInterface(1);
    let seq = 0;
    const escape = async (apdu: Uint8Array) => {
      await device.transferOut(2, new Uint8Array([0x6b, apdu.length, 0, 0, 0, 0, seq++, 0, 0, 0, ...apdu]));
      const answer = await device.transferIn(2, 1024);
      return hex(new Uint8Array(answer.data!.buffer).subarray(10));
    };
    for (const step of ['FF 50 00 00 02 81 00 00', 'FF 50 00 00 02 84 00 00', 'FF 50 00 02 04 8F 02 01 04 00']) await escape(fromHex(step));
    // SELECT takes the card 20 ms: a 10 ms timer (10 000 µs = 10 27 00 00) sees nothing …
    expect(await escape(transceiveCommand(fromHex('02 00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01'), 10_000))).to.equal('C0 03 02 64 01 90 00');
    // … and the still-busy card does not hear the R(NAK); its late I-block lands in the next 30 ms window.
    expect(await escape(transceiveCommand(fromHex('B2'), 30_000))).to.equal('C0 03 00 90 00 92 01 00 96 02 00 00 97 03 02 90 00 90 00');
  });
});
