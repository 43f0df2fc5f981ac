import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { bytesEqual, fromHex, toHex } from '../../bytes/bytes.ts';
import { ApduClient } from '../apdu/channel.ts';
import { isoCommand } from '../apdu/commands.ts';
import { encodeCommand } from '../apdu/apdu.ts';
import { CardError } from '../errors.ts';
import { describeError } from '../../ui/shared/error-messages.ts';
import { JPKI_AID } from '../mynumber/constants.ts';
import { sha256DigestInfo } from '../mynumber/jpki.ts';
import { DEMO_RESIDENTS, createVirtualDemoCard } from '../virtual/demo-cards.ts';
import { MemoryCardStateStore } from '../virtual/state.ts';
import { VirtualTypeBPicc, type PiccOptions } from '../virtual/picc.ts';
import { VirtualRfField } from '../virtual/rf-field.ts';
import { activateTypeB, TclHost, type RfLink } from './host.ts';
import { blockKind, frameSizeFromCode, fwtMilliseconds } from './blocks.ts';

const hex = (bytes: Uint8Array) => toHex(bytes, ' ').toUpperCase();

function fieldLink(field: VirtualRfField): RfLink {
  return {
    async exchange(frame) {
      const outcome = await field.exchange(frame);
      if (outcome.kind === 'timeout') throw new CardError('card.rf-timeout', { detail: 'no answer' });
      if (outcome.kind === 'crc-error') throw new CardError('card.rf-error', { detail: 'CRC_B error' });
      return outcome.frame;
    },
  };
}

async function setup(piccOptions: PiccOptions = {}, fsdi = 8, tclOptions: { maxRetries?: number } = {}) {
  const card = await createVirtualDemoCard(DEMO_RESIDENTS[0], new MemoryCardStateStore());
  const picc = new VirtualTypeBPicc(card, piccOptions);
  const field = new VirtualRfField(picc);
  field.setField(true);
  const link = fieldLink(field);
  const activation = await activateTypeB(link, fsdi);
  const host = new TclHost(link, { fsc: activation.fsc, fwtMs: activation.fwtMs, ...tclOptions });
  return { card, picc, field, host, activation, client: new ApduClient(host) };
}

/** The frames after activation as `> reader` / `< card` lines. */
const frames = (field: VirtualRfField, from = 2) => field.log.slice(from).flatMap(([out, back]) => [`> ${hex(out)}`, `< ${back ? hex(back) : '(none)'}`]);

async function signApdu(): Promise<Uint8Array> {
  return encodeCommand(isoCommand.computeSignature(await sha256DigestInfo(new TextEncoder().encode('x'))));
}

async function verifyAndSelectKey(client: ApduClient) {
  await client.expectOk(isoCommand.selectDf(JPKI_AID), 'select');
  await client.expectOk(isoCommand.selectEf(0x18), 'select');
  await client.expectOk(isoCommand.verify(new TextEncoder().encode('1234')), 'verify');
  await client.expectOk(isoCommand.selectEf(0x17), 'select');
}

describe('card/isodep: T=CL host against the virtual PICC', function () {
  this.timeout(30_000);

  it('wakes a card halted by S(DESELECT) with WUPB (05 00 18) when REQB gets no answer', async () => {
    const { field, host } = await setup();
    await host.deselect(); // the card is HALTED and ignores REQB (ISO 14443-3 §7.7)
    const before = field.log.length;
    const again = await activateTypeB(fieldLink(field));
    expect(again.fsc).to.equal(256);
    const sent = field.log.slice(before).map(([out, back]) => `${hex(out)} → ${back ? hex(back).slice(0, 2) : 'none'}`);
    expect(sent.slice(0, 2)).to.deep.equal(['05 00 10 → none', '05 00 18 → 50']);
  });

  it('activates Type B (REQB/ATTRIB) and toggles block numbers (transcript)', async () => {
    const { field, client, activation } = await setup();
    expect(hex(field.log[0][0])).to.equal('05 00 10'); // nfcpy rcs380.py:475 sense_ttb
    expect(hex(field.log[0][1]!).slice(0, 2)).to.equal('50');
    expect(hex(field.log[1][0]).startsWith('1D')).to.equal(true);
    expect(hex(field.log[1][0]).endsWith('00 08 01 00')).to.equal(true);
    expect(activation.fsc).to.equal(256);
    expect(activation.fwtMs).to.equal(fwtMilliseconds(8));
    await client.expectOk(isoCommand.selectDf(JPKI_AID), 'select');
    await client.expectOk(isoCommand.selectEf(0x0a), 'select');
    expect(frames(field)).to.deep.equal([
      '> 02 00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01',
      '< 02 90 00',
      '> 03 00 A4 02 0C 02 00 0A',
      '< 03 90 00',
    ]);
  });

  it('answers S(WTX) and chains in both directions with small FSC/FSD', async () => {
    const { field, client, host } = await setup({ fsci: 0 }, 0); // 16-byte frames both ways
    await verifyAndSelectKey(client);
    const start = field.log.length;
    const signature = await client.expectOk({ ...isoCommand.computeSignature(await sha256DigestInfo(new TextEncoder().encode('x'))) }, 'sign');
    expect(signature.length).to.equal(256);
    const lines = frames(field, start);
    // 57-byte APDU in 13-byte INF pieces: 5 I-blocks, the first four chained (b5) and each R(ACK)ed.
    expect(lines[0]).to.match(/^> 1[23] 80 2A 00 80 33 /);
    expect(lines[1]).to.match(/^< A[23]$/);
    expect(lines[2]).to.match(/^> 1[23] /);
    expect(lines[8]).to.match(/^> 0[23] /); // the last piece: no chaining bit
    expect(lines[9]).to.equal('< F2 0A'); // the card asks for time to sign
    expect(lines[10]).to.equal('> F2 0A'); // echoed
    expect(lines[11]).to.match(/^< 1[23] /); // first response block, chained
    expect(lines[12]).to.match(/^> A[23]$/);
    expect(lines[lines.length - 1].endsWith('90 00')).to.equal(true);
    expect(host.stats.wtx).to.equal(1);
  });

  it('recovers from damaged answers with R(NAK) and from lost I-blocks by retransmission (rules 4, 6, 11, 12)', async () => {
    const { field, client, host } = await setup();
    await client.expectOk(isoCommand.selectDf(JPKI_AID), 'select');
    const start = field.log.length;
    field.faults.garbleAnswers = 1;
    await client.expectOk(isoCommand.selectEf(0x0a), 'select');
    expect(frames(field, start)).to.deep.equal([
      '> 03 00 A4 02 0C 02 00 0A',
      '< 03 90 00', // damaged on the way: the reader reports a CRC error
      '> B3', // R(NAK) with the current block number
      '< 03 90 00', // rule 11: the card resends its last block
    ]);
    const second = field.log.length;
    field.faults.loseFrames = 1;
    await client.expectOk(isoCommand.selectEf(0x18), 'select');
    expect(frames(field, second)).to.deep.equal([
      '> 02 00 A4 02 0C 02 00 18',
      '< (none)',
      '> B2',
      '< A3', // rule 12: not the card's number → R(ACK)
      '> 02 00 A4 02 0C 02 00 18', // rule 6: resend the I-block
      '< 02 90 00',
    ]);
    expect(host.stats.retransmissions).to.equal(1);
  });

  it('keeps the response when answers get lost during card chaining (rule 5)', async () => {
    const { field, client } = await setup({ fsci: 8 }, 2); // FSD 32: the certificate arrives in many blocks
    await client.expectOk(isoCommand.selectDf(JPKI_AID), 'select');
    await client.expectOk(isoCommand.selectEf(0x0a), 'select');
    const clean = await client.expectOk(isoCommand.readBinary(0, 256), 'read');
    field.faults.loseAnswers = 1;
    const start = field.log.length;
    // Lose an answer in the middle of the chain.
    const again = await client.expectOk(isoCommand.readBinary(0, 256), 'read');
    expect(hex(again)).to.equal(hex(clean));
    expect(frames(field, start).some((line) => line === '> A2' || line === '> A3')).to.equal(true);
  });

  it('returns the same answers under any finite schedule of damaged and lost frames (property)', async () => {
    const { field, client } = await setup({}, 3, { maxRetries: 100 });
    await client.expectOk(isoCommand.selectDf(JPKI_AID), 'select');
    await client.expectOk(isoCommand.selectEf(0x0a), 'select');
    const expected = await client.expectOk(isoCommand.readBinary(0, 200), 'read');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('garble', 'loseFrame', 'loseAnswer', 'none'), { maxLength: 12 }), async (schedule) => {
        // Apply one fault per exchanged frame, in order.
        const original = field.exchange.bind(field);
        let step = 0;
        field.exchange = async (frame: Uint8Array) => {
          const fault = schedule[step++];
          if (fault === 'garble') field.faults.garbleAnswers = 1;
          if (fault === 'loseFrame') field.faults.loseFrames = 1;
          if (fault === 'loseAnswer') field.faults.loseAnswers = 1;
          return original(frame);
        };
        try {
          const got = await client.expectOk(isoCommand.readBinary(0, 200), 'read');
          return bytesEqual(got, expected);
        } finally {
          field.exchange = original;
          field.faults.garbleAnswers = field.faults.loseFrames = field.faults.loseAnswers = 0;
        }
      }),
      { numRuns: 60 },
    );
  });

  it('gives up with card.removed when the card leaves mid-exchange', async () => {
    const { field, client } = await setup();
    await client.expectOk(isoCommand.selectDf(JPKI_AID), 'select');
    field.faults.removeCardAfterFrames = 0;
    const error = await client.send(isoCommand.selectEf(0x0a)).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(CardError).and.have.property('code', 'card.removed');
    expect(describeError(error, 'en')).to.contain('Keep it on the reader');
    expect(field.log.slice(-3).map(([out]) => hex(out))).to.deep.equal(['03 00 A4 02 0C 02 00 0A', 'B3', 'B3']);
  });

  it('survives a WTX storm, and stops an endless one with a typed error', async () => {
    const { field, client, host } = await setup();
    await verifyAndSelectKey(client);
    field.wtxStorm(40);
    const signature = await client.expectOk(isoCommand.computeSignature(await sha256DigestInfo(new Uint8Array(1))), 'sign');
    expect(signature.length).to.equal(256);
    expect(host.stats.wtx).to.equal(41);
    field.wtxStorm(10_000);
    const error = await host.transmit(await signApdu()).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(CardError).and.have.property('code', 'card.unresponsive');
  });

  it('treats a frame longer than FSD as invalid and asks again (rule 4)', async () => {
    const sent: string[] = [];
    let first = true;
    const link: RfLink = {
      async exchange(frame) {
        sent.push(hex(frame));
        if (first) {
          first = false;
          return new Uint8Array(40).fill(0x02); // an "I-block" of 40 bytes against FSD 32
        }
        return fromHex('02 90 00');
      },
    };
    const host = new TclHost(link, { fsc: 32, fwtMs: 5, fsd: 32 });
    expect(hex(await host.transmit(fromHex('00 A4 00 00')))).to.equal('90 00');
    expect(sent).to.deep.equal(['02 00 A4 00 00', 'B2']);
  });

  it('carries any APDU and answer across every FSC/FSD combination (property)', async () => {
    // An echo card: the answer is the command reversed, padded to the requested length, + 9000.
    const echo = {
      atr: new Uint8Array(0),
      reset() {},
      async processApdu(apdu: Uint8Array) {
        const out = new Uint8Array(apdu.length * 2 + 2);
        out.set([...apdu].reverse());
        out.set(apdu, apdu.length);
        out.set([0x90, 0x00], out.length - 2);
        return out;
      },
    };
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 }), fc.uint8Array({ minLength: 4, maxLength: 261 }), fc.integer({ min: 0, max: 3 }), async (fsci, fsdi, apdu, wtx) => {
        const picc = new VirtualTypeBPicc(echo, { fsci, wtxFor: () => wtx });
        const field = new VirtualRfField(picc);
        field.setField(true);
        const link = fieldLink(field);
        const activation = await activateTypeB(link, fsdi);
        const host = new TclHost(link, { fsc: activation.fsc, fwtMs: activation.fwtMs, fsd: frameSizeFromCode(fsdi) });
        const expected = await echo.processApdu(apdu);
        expect(hex(await host.transmit(apdu))).to.equal(hex(expected));
        expect(hex(await host.transmit(apdu.subarray(0, 4)))).to.equal(hex(await echo.processApdu(apdu.subarray(0, 4))));
        // No frame on the air exceeded either side's limit.
        for (const [out, back] of field.log.slice(2)) {
          expect(out.length).to.be.at.most(activation.fsc - 2);
          if (back) expect(back.length).to.be.at.most(frameSizeFromCode(fsdi) - 2);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('classifies blocks', () => {
    expect(blockKind(fromHex('02 90 00'))).to.equal('I');
    expect(blockKind(fromHex('13'))).to.equal('I');
    expect(blockKind(fromHex('A3'))).to.equal('R-ACK');
    expect(blockKind(fromHex('B2'))).to.equal('R-NAK');
    expect(blockKind(fromHex('F2 01'))).to.equal('S-WTX');
    expect(blockKind(fromHex('C2'))).to.equal('S-DESELECT');
    expect(blockKind(fromHex('0A 00'))).to.equal('invalid'); // CID bit: kofu never negotiates CID
  });
});
