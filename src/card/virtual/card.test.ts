import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { fromHex, toHex, sha256, concatBytes } from '../../bytes/bytes.ts';
import { SHA256_DIGEST_INFO_PREFIX } from '../mynumber/constants.ts';
import { DEMO_RESIDENTS, createVirtualDemoCard, getDemoCard, encodeBasicInfo, myNumberCheckDigit, eraDate } from './demo-cards.ts';
import { MemoryCardStateStore } from './state.ts';
import type { VirtualMyNumberCard } from './card.ts';

const hex = (bytes: Uint8Array) => toHex(bytes, ' ').toUpperCase();
const SELECT_JPKI = '00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01';

/** Sends each `> command` and checks the `< response` (SW, or a data prefix + SW with `…`). */
async function transcript(card: VirtualMyNumberCard, lines: string): Promise<void> {
  const steps = lines.trim().split('\n').map((line) => line.trim()).filter(Boolean);
  for (let i = 0; i < steps.length; i += 2) {
    const command = steps[i].replace(/^>\s*/, '');
    const expected = steps[i + 1].replace(/^<\s*/, '');
    const response = hex(await card.processApdu(fromHex(command)));
    if (expected.includes('…')) {
      const [prefix, suffix] = expected.split('…').map((s) => s.trim());
      expect(response.startsWith(prefix), `${command} → ${response}`).to.equal(true);
      expect(response.endsWith(suffix), `${command} → ${response}`).to.equal(true);
    } else {
      expect(response, command).to.equal(expected);
    }
  }
}

describe('card/virtual: the software My Number card', function () {
  this.timeout(30_000);
  const resident = DEMO_RESIDENTS[0];

  it('answers SELECT like the real card: P2=0C, no SELECT MF after reset, channel 0 only, no SM', async () => {
    const card = await createVirtualDemoCard(resident, new MemoryCardStateStore());
    await transcript(card, `
      > 00 A4 00 00
      < 6A 86
      > 01 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01
      < 68 81
      > 0C A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01
      < 68 82
      > 00 A4 04 00 0A D3 92 F0 00 26 01 00 00 00 01
      < 6A 86
      > 00 A4 04 00 06 A0 00 00 00 01 01
      < 6A 82
      > ${SELECT_JPKI}
      < 90 00
      > 00 A4 00 00
      < 90 00
      > 00 A4 02 0C 02 3F 00
      < 6A 82
      > 00 CA DF 30 05
      < 6D 00
      > 00 B0 00 00 04
      < 69 86
    `);
  });

  it('reads 000A without a PIN, sized by the DER header, 6B00 past the end of the EF', async () => {
    const card = await createVirtualDemoCard(resident, new MemoryCardStateStore());
    const demo = await getDemoCard(resident);
    const der = new Uint8Array(demo.authCert.rawData);
    const lengthHex = hex(der.subarray(0, 4));
    await transcript(card, `
      > ${SELECT_JPKI}
      < 90 00
      > 00 A4 02 0C 02 00 0A
      < 90 00
      > 00 B0 00 00 04
      < ${lengthHex} 90 00
      > 00 B0 7F 00 01
      < 6B 00
      > 00 A4 02 0C 02 00 01
      < 90 00
      > 00 B0 00 00 04
      < 69 82
    `);
    // The EF is padded with FF past the certificate, as real EFs are.
    const tail = await card.processApdu(fromHex('00 A4 02 0C 02 00 0A'));
    expect(hex(tail)).to.equal('90 00');
    const padded = await card.processApdu(new Uint8Array([0x00, 0xb0, der.length >> 8, der.length & 0xff, 0x02]));
    expect(hex(padded)).to.equal('FF FF 90 00');
  });

  it('counts PIN tries (63Cx), resets on success, locks (63C0 then 6984), and persists the counter', async () => {
    const store = new MemoryCardStateStore();
    let card = await createVirtualDemoCard(resident, store);
    await transcript(card, `
      > ${SELECT_JPKI}
      < 90 00
      > 00 A4 02 0C 02 00 17
      < 90 00
      > 80 2A 00 80 03 01 02 03 00
      < 69 82
      > 00 A4 02 0C 02 00 18
      < 90 00
      > 00 20 00 80
      < 63 C3
      > 00 20 00 80 04 39 39 39 39
      < 63 C2
    `);
    // Power cycle and page reload: a new card object over the same store keeps the counter.
    card = await createVirtualDemoCard(resident, store);
    await transcript(card, `
      > ${SELECT_JPKI}
      < 90 00
      > 00 A4 02 0C 02 00 18
      < 90 00
      > 00 20 00 80
      < 63 C2
      > 00 20 00 80 04 31 32 33 34
      < 90 00
      > 00 20 00 80
      < 90 00
    `);
    card.reset();
    await transcript(card, `
      > ${SELECT_JPKI}
      < 90 00
      > 00 A4 02 0C 02 00 18
      < 90 00
      > 00 20 00 80
      < 63 C3
      > 00 20 00 80 04 30 30 30 30
      < 63 C2
      > 00 20 00 80 04 30 30 30 30
      < 63 C1
      > 00 20 00 80 04 30 30 30 30
      < 63 C0
      > 00 20 00 80 04 31 32 33 34
      < 69 84
      > 00 20 00 80
      < 63 C0
    `);
    expect((await store.load(resident.cardId))?.['jpki/0018']).to.equal(0);
    // The kenhojo PIN is a separate counter.
    expect((await store.load(resident.cardId))?.['kenhojo/0011']).to.equal(3);
  });

  it('signs a SHA-256 DigestInfo verbatim after VERIFY; WebCrypto verifies it with the certificate key', async () => {
    const card = await createVirtualDemoCard(resident, new MemoryCardStateStore());
    const demo = await getDemoCard(resident);
    const message = new TextEncoder().encode('kofu challenge');
    const digestInfo = concatBytes(SHA256_DIGEST_INFO_PREFIX, await sha256(message));
    await transcript(card, `
      > ${SELECT_JPKI}
      < 90 00
      > 00 A4 02 0C 02 00 18
      < 90 00
      > 00 20 00 80 04 31 32 33 34
      < 90 00
      > 00 A4 02 0C 02 00 17
      < 90 00
    `);
    const response = await card.processApdu(concatBytes(fromHex('80 2A 00 80 33'), digestInfo, fromHex('00')));
    expect(response.length).to.equal(258);
    expect(hex(response.subarray(256))).to.equal('90 00');
    const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    const key = await demo.authCert.publicKey.export(algorithm, ['verify']);
    expect(await crypto.subtle.verify(algorithm, key, response.slice(0, 256) as Uint8Array<ArrayBuffer>, message)).to.equal(true);
    // Other signature modes are not offered; SFI addressing (P2 = 80|17) signs too.
    expect(hex(await card.processApdu(concatBytes(fromHex('80 2A 01 80 33'), digestInfo, fromHex('00'))))).to.equal('6A 86');
    const bySfi = await card.processApdu(concatBytes(fromHex('80 2A 00 97 33'), digestInfo, fromHex('00')));
    expect(hex(bySfi)).to.equal(hex(response));
  });

  it('keeps the kenhojo data behind PIN 0011', async () => {
    const card = await createVirtualDemoCard(resident, new MemoryCardStateStore());
    const myNumberHex = hex(new TextEncoder().encode(resident.myNumber));
    await transcript(card, `
      > 00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08
      < 90 00
      > 00 A4 02 0C 02 00 01
      < 90 00
      > 00 B0 00 00 11
      < 69 82
      > 00 A4 02 0C 02 00 11
      < 90 00
      > 00 20 00 80 04 31 32 33 34
      < 90 00
      > 00 A4 02 0C 02 00 01
      < 90 00
      > 00 B0 00 00 11
      < FF 10 0C ${myNumberHex} FF FF 90 00
    `);
  });

  it('lays out EF 0002 with offsets and long-form lengths', () => {
    const ef = encodeBasicInfo({ name: '見本\u3000花子', address: 'あ'.repeat(60), birthDate: '19920229', sex: '2' });
    expect(hex(ef.subarray(0, 3))).to.equal('FF 20 81');
    const offsets = [0, 1, 2, 3].map((i) => (ef[7 + 2 * i] << 8) | ef[8 + 2 * i]);
    expect(offsets.map((o) => hex(ef.subarray(o, o + 2)))).to.deep.equal(['DF 22', 'DF 23', 'DF 24', 'DF 25']);
  });

  it('answers any byte string with a status word and never throws (fuzz)', async () => {
    const card = await createVirtualDemoCard(resident, new MemoryCardStateStore());
    const command = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.tuple(fc.constantFrom(0x00, 0x80, 0x01, 0x0c), fc.constantFrom(0xa4, 0xb0, 0x20, 0x2a, 0xca), fc.uint8Array({ minLength: 2, maxLength: 2 }), fc.uint8Array({ maxLength: 20 })).map(([cla, ins, p, rest]) => new Uint8Array([cla, ins, ...p, ...rest])),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 8 }), async (commands) => {
        card.reset();
        await card.processApdu(fromHex(SELECT_JPKI));
        for (const bytes of commands) {
          const response = await card.processApdu(bytes);
          expect(response.length).to.be.at.least(2);
        }
      }),
      { numRuns: 200 },
    );
    // The fuzz may have guessed wrong PINs, never a right one beyond chance; counters stay in range.
    expect(card.triesLeft('jpki', 0x18)).to.be.within(0, 3);
  });

  it('gives demo residents valid My Numbers and era dates', () => {
    // 番号法施行規則 §5 worked check: the demo numbers validate against the same rule.
    for (const r of DEMO_RESIDENTS) expect(Number(r.myNumber[11])).to.equal(myNumberCheckDigit(r.myNumber.slice(0, 11)));
    expect(eraDate('19850412')).to.equal('600412');
    expect(eraDate('19920229')).to.equal('040229');
    expect(eraDate('20190501')).to.equal('010501');
  });
});
