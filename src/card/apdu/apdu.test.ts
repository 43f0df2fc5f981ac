import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { fromHex, toHex } from '../../bytes/bytes.ts';
import { encodeCommand, parseCommand, parseResponse } from './apdu.ts';
import { isoCommand } from './commands.ts';
import { ApduClient, RecordingChannel, type CardChannel } from './channel.ts';
import { statusError } from './status.ts';
import { CardError } from '../errors.ts';
import { describeError, describeErrorForStaff } from '../../ui/shared/error-messages.ts';
import { JPKI_AID } from '../mynumber/constants.ts';

const hex = (bytes: Uint8Array) => toHex(bytes, ' ').toUpperCase();

describe('card/apdu', () => {
  it('encodes the documented JPKI commands byte for byte', () => {
    expect(hex(encodeCommand(isoCommand.selectDf(JPKI_AID)))).to.equal('00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01');
    expect(hex(encodeCommand(isoCommand.selectEf(0x000a)))).to.equal('00 A4 02 0C 02 00 0A');
    expect(hex(encodeCommand(isoCommand.readBinary(0x0300, 0x17)))).to.equal('00 B0 03 00 17');
    expect(hex(encodeCommand(isoCommand.readBinary(0, 256)))).to.equal('00 B0 00 00 00');
    expect(hex(encodeCommand(isoCommand.verifyStatus()))).to.equal('00 20 00 80');
    expect(hex(encodeCommand(isoCommand.verify(new TextEncoder().encode('1234'))))).to.equal('00 20 00 80 04 31 32 33 34');
    const digestInfo = new Uint8Array(51);
    const sign = encodeCommand(isoCommand.computeSignature(digestInfo));
    expect(hex(sign.subarray(0, 5))).to.equal('80 2A 00 80 33');
    expect(sign.length).to.equal(57);
    expect(sign[56]).to.equal(0x00);
  });

  it('round-trips every short and extended case', () => {
    const command = fc.record({
      cla: fc.integer({ min: 0, max: 255 }),
      ins: fc.integer({ min: 0, max: 255 }),
      p1: fc.integer({ min: 0, max: 255 }),
      p2: fc.integer({ min: 0, max: 255 }),
      data: fc.option(fc.uint8Array({ minLength: 1, maxLength: 600 }), { nil: undefined }),
      le: fc.option(fc.integer({ min: 1, max: 65536 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(command, (c) => {
        const parsed = parseCommand(encodeCommand(c));
        expect([parsed.cla, parsed.ins, parsed.p1, parsed.p2]).to.deep.equal([c.cla, c.ins, c.p1, c.p2]);
        expect(parsed.le).to.equal(c.le);
        expect(parsed.data ? [...parsed.data] : undefined).to.deep.equal(c.data ? [...c.data] : undefined);
        expect(parsed.extended).to.equal((c.data?.length ?? 0) > 255 || (c.le ?? 0) > 256);
      }),
    );
  });

  it('writes extended Lc/Le when the data or Ne exceed the short limits (ISO 7816-4 §5.1)', () => {
    expect(hex(encodeCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 65536 }))).to.equal('00 B0 00 00 00 00 00');
    expect(hex(encodeCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 1000 }))).to.equal('00 B0 00 00 00 03 E8');
  });

  it('splits data and status word', () => {
    const response = parseResponse(fromHex('30 82 03 13 90 00'));
    expect(response.sw).to.equal(0x9000);
    expect(hex(response.data)).to.equal('30 82 03 13');
  });

  it('maps status words to typed errors with resident and staff messages', () => {
    const wrong = statusError(0x63c2, 'VERIFY');
    expect(wrong).to.be.instanceOf(CardError).and.have.property('code', 'card.pin-incorrect');
    expect((wrong as CardError<'card.pin-incorrect'>).params.triesLeft).to.equal(2);
    expect(describeError(wrong, 'ja')).to.contain('あと2回');
    expect(statusError(0x63c0, 'VERIFY').code).to.equal('card.pin-locked-now');
    expect(statusError(0x6984, 'VERIFY')).to.be.instanceOf(CardError).and.have.property('code', 'card.pin-locked');
    const other = statusError(0x6a82, 'SELECT');
    expect(other.code).to.equal('card.file-not-found');
    expect(describeErrorForStaff(other, 'en')).to.contain('6A82');
    expect(statusError(0x6f00, 'X')).to.be.instanceOf(CardError);
  });

  it('follows 61xx with GET RESPONSE and 6Cxx with a resend (transcript)', async () => {
    const script = new Map<string, string>([
      ['00 B0 00 00 00', '6C 03'],
      ['00 B0 00 00 03', '01 02 61 02'],
      ['00 C0 00 00 02', '03 04 90 00'],
    ]);
    const channel: CardChannel = { transmit: async (command) => fromHex(script.get(hex(command)) ?? '6D 00') };
    const recording = new RecordingChannel(channel);
    const data = await new ApduClient(recording).expectOk(isoCommand.readBinary(0, 256), 'READ');
    expect(hex(data)).to.equal('01 02 03 04');
    expect(recording.entries.map((entry) => hex(entry.command))).to.deep.equal(['00 B0 00 00 00', '00 B0 00 00 03', '00 C0 00 00 02']);
  });
});
