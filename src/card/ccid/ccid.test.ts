import { expect } from '@open-wc/testing';
import { fromHex, toHex } from '../../bytes/bytes.ts';
import { encodeCommand } from '../apdu/apdu.ts';
import { isoCommand } from '../apdu/commands.ts';
import { CardSession, defaultAnchors } from '../session.ts';
import { CardError } from '../errors.ts';
import { describeError, describeErrorForStaff } from '../../ui/shared/error-messages.ts';
import { VirtualCcidReader, typeBPseudoAtr, type VirtualCcidOptions } from '../virtual/ccid-device.ts';
import { DEMO_RESIDENTS, createVirtualDemoCard, demoTrustAnchor } from '../virtual/demo-cards.ts';
import { MemoryCardStateStore } from '../virtual/state.ts';
import { CcidReader } from './driver.ts';
import { CcidError, ccidErrorName, findCcidDescriptor, parseCcidDescriptor } from './messages.ts';
import { JPKI_AID } from '../mynumber/constants.ts';

const hex = (bytes: Uint8Array) => toHex(bytes, ' ').toUpperCase();
const NOW = () => new Date('2026-11-25T00:00:00Z');

async function setup(options: VirtualCcidOptions = {}, resident = DEMO_RESIDENTS[0]) {
  const card = await createVirtualDemoCard(resident, new MemoryCardStateStore());
  const device = new VirtualCcidReader(card, options);
  const reader = await CcidReader.open(device);
  const sessionOptions = { anchors: [...defaultAnchors(), await demoTrustAnchor()], now: NOW };
  return { card, device, reader, sessionOptions };
}

describe('card/ccid: CCID host against the virtual CCID reader', function () {
  this.timeout(30_000);

  it('reads the class descriptor from the configuration descriptor', async () => {
    const { reader } = await setup();
    expect(reader.descriptor.level).to.equal('extended-apdu');
    expect(reader.descriptor.maxMessageLength).to.equal(522);
    // RC-S300 IF0 as dumped in LudovicRousseau/CCID readers/SONY_FeliCa_RC-S300_S.txt: dwFeatures 0x0004007E.
    const sony = new Uint8Array(54);
    sony.set([0x36, 0x21, 0x10, 0x01], 0);
    sony.set([0x7e, 0x00, 0x04, 0x00], 40);
    sony.set([0x0a, 0x02, 0x00, 0x00], 44);
    expect(parseCcidDescriptor(sony)).to.include({ level: 'extended-apdu', maxMessageLength: 522, features: 0x0004007e });
    expect(findCcidDescriptor(fromHex('09 04 01 00 00 0B 00 00 00'), 0)).to.equal(null);
  });

  it('powers on and exchanges short XfrBlocks (CCID transcript, cf. yubikit-android UsbSmartCardConnectionTest)', async () => {
    const { reader } = await setup({ level: 'short-apdu' });
    const connection = await reader.connect();
    await connection.transmit(encodeCommand(isoCommand.selectDf(JPKI_AID)));
    const lines = reader.log.map((entry) => `${entry.direction === 'out' ? '>' : '<'} ${hex(entry.data)}`);
    const atr = hex(typeBPseudoAtr(new Uint8Array(4), fromHex('00 81 80')));
    expect(lines).to.deep.equal([
      '> 62 00 00 00 00 00 00 00 00 00',
      `< 80 0D 00 00 00 00 00 00 00 00 ${atr}`,
      '> 6F 0F 00 00 00 00 01 00 00 00 00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01',
      '< 80 02 00 00 00 00 01 00 00 00 90 00',
    ]);
    expect(atr.startsWith('3B 88 80 01')).to.equal(true);
  });

  it('loops over time extensions (bStatus 0x80) while the card signs, and survives a storm', async () => {
    const { reader, device, sessionOptions } = await setup({ timeExtensionsForSign: 3 });
    const session = await CardSession.open(reader, sessionOptions);
    await session.authenticate({ pin: '1234', challenge: new Uint8Array(8) });
    expect(reader.timeExtensions).to.equal(3);
    const extension = reader.log.find((entry) => entry.direction === 'in' && entry.data[7] === 0x80);
    expect(hex(extension!.data.subarray(0, 10))).to.match(/^80 00 00 00 00 00 .. 80 01 00$/);
    device.timeExtensionStorm(150);
    await session.authenticate({ pin: '1234', challenge: new Uint8Array(8) });
    device.timeExtensionStorm(10_000);
    expect(await session.triesLeft().catch((e: unknown) => e)).to.be.instanceOf(CardError).and.have.property('code', 'card.unresponsive');
  });

  it('chains commands and answers at extended level (wLevelParameter 1/3/2, bChainParameter, 0x10)', async () => {
    const { reader, sessionOptions } = await setup({ maxMessageLength: 42, inTransferSize: 16 });
    const session = await CardSession.open(reader, sessionOptions);
    const result = await session.authenticate({ pin: '1234', challenge: new Uint8Array(8) });
    expect(result.signature.length).to.equal(256);
    const out = reader.log.filter((entry) => entry.direction === 'out' && entry.data[0] === 0x6f);
    const levels = out.map((entry) => entry.data[8] | (entry.data[9] << 8));
    expect(levels).to.include.members([0x01, 0x02, 0x10]);
    const sign = out.findIndex((entry) => hex(entry.data.subarray(10, 12)) === '80 2A');
    expect(out.slice(sign, sign + 2).map((entry) => entry.data[8])).to.deep.equal([0x01, 0x02]); // 57 bytes in 32-byte parts
    // A 90-byte command goes as begin, continue, end.
    const before = reader.log.length;
    const long = encodeCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, data: new Uint8Array(84), le: 1 });
    expect((await reader.transmit(long)).length).to.equal(2); // the card refuses it; the chaining is what counts
    const chained = reader.log.slice(before).filter((entry) => entry.direction === 'out').map((entry) => entry.data[8]);
    expect(chained).to.deep.equal([0x01, 0x03, 0x02]);
  });

  it('sends a zero-length packet after a message that fills whole packets', async () => {
    const { reader, device } = await setup();
    const connection = await reader.connect();
    const apdu = encodeCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, data: new Uint8Array(48), le: 1 }); // 54 bytes → 64-byte message
    await connection.transmit(apdu);
    const outs = device.usbLog.filter((entry) => entry.direction === 'out');
    expect(outs[outs.length - 2].data.length).to.equal(64);
    expect(outs[outs.length - 1].data.length).to.equal(0);
  });

  it('reports slot changes from the interrupt endpoint and removal mid-exchange', async () => {
    const { reader, device, card } = await setup();
    const connection = await reader.connect();
    const change = reader.nextSlotChange();
    device.removeCard();
    expect(await change).to.deep.equal({ present: false, changed: true });
    expect(await connection.transmit(encodeCommand(isoCommand.selectDf(JPKI_AID))).catch((e: unknown) => e)).to.be.instanceOf(CardError).and.have.property('code', 'card.removed');
    expect(await reader.connect().catch((e: unknown) => e)).to.be.instanceOf(CardError).and.have.property('code', 'card.absent');
    const inserted = reader.nextSlotChange();
    device.insertCard(card);
    expect(await inserted).to.deep.equal({ present: true, changed: true });
    expect(await reader.cardPresent()).to.equal(true);
    const again = await reader.connect();
    device.faults.removeCardAfterApdus = 1;
    await again.transmit(encodeCommand(isoCommand.selectDf(JPKI_AID)));
    expect(await again.transmit(encodeCommand(isoCommand.selectEf(0x0a))).catch((e: unknown) => e)).to.be.instanceOf(CardError).and.have.property('code', 'card.removed');
  });

  it('turns the browser refusal of class 0x0B into a plain-words error, and an unplug into card.reader-unplugged', async () => {
    const card = await createVirtualDemoCard(DEMO_RESIDENTS[0], new MemoryCardStateStore());
    const blocked = await CcidReader.open(new VirtualCcidReader(card, { browserBlocksSmartCardClass: true })).catch((e: unknown) => e);
    expect(blocked).to.be.instanceOf(CardError).and.have.property('code', 'card.usb-blocked');
    expect(describeError(blocked, 'ja')).to.contain('RC-S380');
    expect(describeErrorForStaff(blocked, 'en')).to.contain('Isolated Web App');
    const { reader, device } = await setup();
    const connection = await reader.connect();
    device.unplug();
    expect(await connection.transmit(encodeCommand(isoCommand.selectDf(JPKI_AID))).catch((e: unknown) => e)).to.be.instanceOf(CardError).and.have.property('code', 'card.reader-unplugged');
  });

  it('authenticates and reads the basic items through the virtual CCID reader', async () => {
    const resident = DEMO_RESIDENTS[2];
    const { reader, sessionOptions } = await setup({}, resident);
    const session = await CardSession.open(reader, sessionOptions);
    const result = await session.authenticate({ pin: resident.authPin, challenge: new Uint8Array(32) });
    expect(result.serialNumber).to.equal(resident.authCertSerial);
    expect((await session.readBasicInfo(resident.kenhojoPin)).birthDate).to.equal(resident.birthDate);
    await session.close();
    await reader.close();
  });
});

describe('card/ccid: slot error register (CCID Rev 1.1 §6.2.6, Table 6.2-2)', () => {
  it('names bError values as the specification does: CMD_ABORTED is FF, EF is PIN_CANCELLED', () => {
    expect(CcidError.CMD_ABORTED).to.equal(0xff);
    expect(CcidError.PIN_CANCELLED).to.equal(0xef);
    expect(CcidError.PIN_TIMEOUT).to.equal(0xf0);
    expect(CcidError.ICC_MUTE).to.equal(0xfe);
    expect(CcidError.XFR_OVERRUN).to.equal(0xfc);
    expect(CcidError.CMD_SLOT_BUSY).to.equal(0xe0);
    expect(ccidErrorName(0xff)).to.equal('CMD_ABORTED');
    expect(ccidErrorName(0x05)).to.equal('bad parameter at offset 5');
    expect(new Set(Object.values(CcidError)).size).to.equal(Object.keys(CcidError).length);
  });
});
