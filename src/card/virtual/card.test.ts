import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { fromHex, toHex, sha256, concatBytes } from '../../bytes/bytes.ts';
import { SHA256_DIGEST_INFO_PREFIX } from '../mynumber/constants.ts';
import { DEMO_RESIDENTS, createVirtualDemoCard, getDemoCard, encodeBasicInfo, myNumberCheckDigit, eraDate } from './demo-cards.ts';
import { MemoryCardStateStore } from './state.ts';
import type { VirtualMyNumberCard } from './card.ts';

const hex = (bytes: Uint8Array) => toHex(bytes, ' ').toUpperCase();
const SELECT_JPKI = '00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01';
const SELECT_KENHOJO = '00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08';

/** One command APDU and the whole response expected to it (data and SW), both in hex. */
type Exchange = readonly [command: string, response: string];

const ok = (command: string): Exchange => [command, '90 00'];
/** SELECT EF by file id under the current DF (P1=02, P2=0C: no FCI), as the real card wants. */
const selectEf = (fid: string): Exchange => ok(`00 A4 02 0C 02 ${fid}`);
/** VERIFY without data: asks for the tries left (63Cx) of the current PIN EF. */
const pinTriesLeft = (status: string): Exchange => ['00 20 00 80', status];
const verifyPin = (pin: string, status: string): Exchange => [`00 20 00 80 04 ${hex(new TextEncoder().encode(pin))}`, status];
/** The JPKI AP selected and its user-authentication PIN EF (0018) current. */
const AT_AUTH_PIN: readonly Exchange[] = [ok(SELECT_JPKI), selectEf('00 18')];

/** Sends each command in turn and checks the card's response to it. */
async function transcript(card: VirtualMyNumberCard, exchanges: readonly Exchange[]): Promise<void> {
  for (const [command, expected] of exchanges) {
    expect(hex(await card.processApdu(fromHex(command))), command).to.equal(expected);
  }
}

/** Tests that are a transcript alone, on a fresh card. */
const TRANSCRIPTS: readonly { title: string; exchanges: (resident: (typeof DEMO_RESIDENTS)[number]) => readonly Exchange[] }[] = [
  {
    title: 'answers SELECT like the real card: P2=0C, no SELECT MF after reset, channel 0 only, no SM',
    exchanges: () => [
      ['00 A4 00 00', '6A 86'],
      ['01 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01', '68 81'],
      ['0C A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01', '68 82'],
      ['00 A4 04 00 0A D3 92 F0 00 26 01 00 00 00 01', '6A 86'],
      ['00 A4 04 00 06 A0 00 00 00 01 01', '6A 82'],
      ok(SELECT_JPKI),
      ok('00 A4 00 00'),
      ['00 A4 02 0C 02 3F 00', '6A 82'],
      ['00 CA DF 30 05', '6D 00'],
      ['00 B0 00 00 04', '69 86'],
    ],
  },
  {
    title: 'keeps the kenhojo data behind PIN 0011',
    exchanges: (resident) => [
      ok(SELECT_KENHOJO),
      selectEf('00 01'),
      ['00 B0 00 00 11', '69 82'],
      selectEf('00 11'),
      verifyPin('1234', '90 00'),
      selectEf('00 01'),
      ['00 B0 00 00 11', `FF 10 0C ${hex(new TextEncoder().encode(resident.myNumber))} FF FF 90 00`],
    ],
  },
];

describe('card/virtual: the software My Number card', function () {
  this.timeout(30_000);
  const resident = DEMO_RESIDENTS[0];

  for (const { title, exchanges } of TRANSCRIPTS) {
    it(title, async () => {
      await transcript(await createVirtualDemoCard(resident, new MemoryCardStateStore()), exchanges(resident));
    });
  }

  it('reads 000A without a PIN, sized by the DER header, 6B00 past the end of the EF', async () => {
    const card = await createVirtualDemoCard(resident, new MemoryCardStateStore());
    const demo = await getDemoCard(resident);
    const der = new Uint8Array(demo.authCert.rawData);
    const lengthHex = hex(der.subarray(0, 4));
    await transcript(card, [
      ok(SELECT_JPKI),
      selectEf('00 0A'),
      ['00 B0 00 00 04', `${lengthHex} 90 00`],
      ['00 B0 7F 00 01', '6B 00'],
      selectEf('00 01'),
      ['00 B0 00 00 04', '69 82'],
      // The EF is padded with FF past the certificate, as real EFs are.
      selectEf('00 0A'),
      [hex(new Uint8Array([0x00, 0xb0, der.length >> 8, der.length & 0xff, 0x02])), 'FF FF 90 00'],
    ]);
  });

  it('counts PIN tries (63Cx), resets on success, locks (63C0 then 6984), and persists the counter', async () => {
    const store = new MemoryCardStateStore();
    let card = await createVirtualDemoCard(resident, store);
    await transcript(card, [
      ok(SELECT_JPKI),
      // Signing before the PIN is verified is refused.
      selectEf('00 17'),
      ['80 2A 00 80 03 01 02 03 00', '69 82'],
      selectEf('00 18'),
      pinTriesLeft('63 C3'),
      verifyPin('9999', '63 C2'),
    ]);
    // Power cycle and page reload: a new card object over the same store keeps the counter.
    card = await createVirtualDemoCard(resident, store);
    await transcript(card, [...AT_AUTH_PIN, pinTriesLeft('63 C2'), verifyPin('1234', '90 00'), pinTriesLeft('90 00')]);
    card.reset();
    await transcript(card, [
      ...AT_AUTH_PIN,
      pinTriesLeft('63 C3'),
      verifyPin('0000', '63 C2'),
      verifyPin('0000', '63 C1'),
      verifyPin('0000', '63 C0'),
      verifyPin('1234', '69 84'),
      pinTriesLeft('63 C0'),
    ]);
    expect((await store.load(resident.cardId))?.['jpki/0018']).to.equal(0);
    // The kenhojo PIN is a separate counter.
    expect((await store.load(resident.cardId))?.['kenhojo/0011']).to.equal(3);
  });

  it('signs a SHA-256 DigestInfo verbatim after VERIFY; WebCrypto verifies it with the certificate key', async () => {
    const card = await createVirtualDemoCard(resident, new MemoryCardStateStore());
    const demo = await getDemoCard(resident);
    const message = new TextEncoder().encode('kofu challenge');
    const digestInfo = concatBytes(SHA256_DIGEST_INFO_PREFIX, await sha256(message));
    await transcript(card, [...AT_AUTH_PIN, verifyPin('1234', '90 00'), selectEf('00 17')]);
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
