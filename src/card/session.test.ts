import { expect } from '@open-wc/testing';
import { toHex } from '../bytes/bytes.ts';
import { RecordingChannel, type CardChannel } from './apdu/channel.ts';
import { CardError } from './errors.ts';
import { describeError } from '../ui/shared/error-messages.ts';
import { CardSession, defaultAnchors } from './session.ts';
import { DirectReader } from './testing/direct.ts';
import { DEMO_RESIDENTS, createVirtualDemoCard, demoTrustAnchor, getDemoCard } from './virtual/demo-cards.ts';
import { MemoryCardStateStore } from './virtual/state.ts';
import { TokenLabel } from './mynumber/constants.ts';

const hex = (bytes: Uint8Array) => toHex(bytes, ' ').toUpperCase();
const NOW = () => new Date('2026-11-25T00:00:00Z');

async function setup(resident = DEMO_RESIDENTS[0], label?: string) {
  const store = new MemoryCardStateStore();
  const card = await createVirtualDemoCard(resident, store, label);
  let recording: RecordingChannel | undefined;
  const anchors = [...defaultAnchors(), await demoTrustAnchor()];
  const session = await CardSession.open(new DirectReader(card), {
    anchors,
    now: NOW,
    wrapChannel: (channel: CardChannel) => (recording = new RecordingChannel(channel)),
  });
  return { store, card, session, transcript: () => recording!.entries.map((e) => `${hex(e.command)} → ${hex(e.response.subarray(e.response.length - 2))}`) };
}

describe('card/session: CardSession over the virtual card', function () {
  this.timeout(30_000);

  it('checkAuthCertificate: validates 000A without any PIN; refuses it without the demo anchor', async () => {
    const { session, store, transcript } = await setup();
    const checked = await session.checkAuthCertificate();
    expect(checked.demo).to.equal(true);
    expect(checked.notAfter.toISOString()).to.equal('2030-04-12T14:59:59.000Z');
    expect(transcript().some((line) => line.startsWith('00 20'))).to.equal(false);
    expect(await store.load(DEMO_RESIDENTS[0].cardId)).to.equal(undefined);
    const strict = await CardSession.open(new DirectReader(await createVirtualDemoCard(DEMO_RESIDENTS[0], new MemoryCardStateStore())), { anchors: defaultAnchors(), now: NOW });
    try {
      await strict.checkAuthCertificate();
      expect.fail('accepted');
    } catch (error) {
      expect(error).to.be.instanceOf(CardError);
      expect((error as CardError).code).to.match(/^card\.cert-/);
    }
  });

  it('authenticates: token, certificate sized by its header, chain, tries, VERIFY, sign, signature check', async () => {
    const { session, transcript } = await setup();
    const challenge = crypto.getRandomValues(new Uint8Array(32));
    const result = await session.authenticate({ pin: '1234', challenge });
    expect(result.demo).to.equal(true);
    expect(result.serialNumber).to.equal('4b4f4655000001');
    expect(result.signature.length).to.equal(256);
    const demo = await getDemoCard(DEMO_RESIDENTS[0]);
    expect(hex(result.certificateDer)).to.equal(hex(new Uint8Array(demo.authCert.rawData)));
    const certLength = result.certificateDer.length;
    const reads = Math.ceil(certLength / 256);
    const lines = transcript();
    expect(lines.slice(0, 5)).to.deep.equal([
      '00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01 → 90 00',
      '00 A4 02 0C 02 00 06 → 90 00',
      '00 B0 00 00 20 → 90 00',
      '00 A4 02 0C 02 00 0A → 90 00',
      '00 B0 00 00 00 → 90 00',
    ]);
    expect(lines.slice(4 + reads)).to.deep.equal([
      '00 A4 02 0C 02 00 18 → 90 00',
      '00 20 00 80 → 63 C3',
      '00 20 00 80 04 31 32 33 34 → 90 00',
      '00 A4 02 0C 02 00 17 → 90 00',
      lines[lines.length - 1],
    ]);
    expect(lines[lines.length - 1]).to.match(/^80 2A 00 80 33 30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20 .* 00 → 90 00$/);
    expect(lines.length).to.be.at.most(40);
  });

  it('reads the CA certificate 000B without a PIN', async () => {
    const { session } = await setup();
    const demo = await getDemoCard(DEMO_RESIDENTS[0]);
    expect(hex(await session.readAuthCaCertificate())).to.equal(hex(new Uint8Array(demo.ca.authCa.rawData)));
  });

  it('reports tries left without spending one', async () => {
    const { session, card } = await setup();
    expect(await session.triesLeft()).to.deep.equal({ triesLeft: 3, maxTries: 3, locked: false });
    expect(card.triesLeft('jpki', 0x18)).to.equal(3);
  });

  it('wrong PIN: typed error with tries left; at 1 try it refuses without confirmation; locked never VERIFYs', async () => {
    const { session, card, transcript } = await setup();
    const challenge = new Uint8Array(32);
    const fail = (pin: string, confirmLastTry?: boolean) => session.authenticate({ pin, challenge, confirmLastTry }).then(() => null, (error: unknown) => error);
    const first = await fail('9999');
    expect(first).to.be.instanceOf(CardError).and.have.property('code', 'card.pin-incorrect');
    expect((first as CardError<'card.pin-incorrect'>).params.triesLeft).to.equal(2);
    expect(await fail('9999')).to.be.instanceOf(CardError).and.have.property('code', 'card.pin-incorrect');
    expect(await fail('9999')).to.be.instanceOf(CardError).and.have.property('code', 'card.pin-last-try');
    expect(card.triesLeft('jpki', 0x18)).to.equal(1);
    const locking = await fail('9999', true);
    expect((locking as CardError).code).to.equal('card.pin-locked-now');
    const before = transcript().length;
    expect(await fail('1234', true)).to.be.instanceOf(CardError).and.have.property('code', 'card.pin-locked');
    expect(transcript().slice(before).filter((line) => line.startsWith('00 20 00 80 04'))).to.deep.equal([]);
    expect((await session.triesLeft()).locked).to.equal(true);
  });

  it('rejects a PIN that is not 4 digits before touching the card', async () => {
    const { session, card } = await setup();
    const error = await session.authenticate({ pin: '12a4', challenge: new Uint8Array(8) }).catch((e: unknown) => e);
    expect((error as { code: string }).code).to.equal('card.pin-format');
    expect(card.triesLeft('jpki', 0x18)).to.equal(3);
  });

  it('refuses an untrusted certificate before spending a PIN try', async () => {
    const store = new MemoryCardStateStore();
    const card = await createVirtualDemoCard(DEMO_RESIDENTS[1], store);
    const session = await CardSession.open(new DirectReader(card), { anchors: defaultAnchors(), now: NOW });
    const error = await session.authenticate({ pin: '0000', challenge: new Uint8Array(8) }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(CardError);
    expect((error as CardError).code).to.equal('card.cert-untrusted');
    expect(card.triesLeft('jpki', 0x18)).to.equal(3);
  });

  it('refuses an expired certificate with a message to renew it', async () => {
    const store = new MemoryCardStateStore();
    const card = await createVirtualDemoCard(DEMO_RESIDENTS[0], store);
    const session = await CardSession.open(new DirectReader(card), { anchors: [await demoTrustAnchor()], now: () => new Date('2031-01-01T00:00:00Z') });
    const error = await session.authenticate({ pin: '1234', challenge: new Uint8Array(8) }).catch((e: unknown) => e);
    expect((error as CardError).code).to.equal('card.cert-expired');
    expect(describeError(error, 'ja')).to.contain('有効期限');
  });

  it('refuses a Juki card (token label JPKIAPICCTOKEN)', async () => {
    const { session } = await setup(DEMO_RESIDENTS[0], TokenLabel.JUKI_CARD);
    const error = await session.authenticate({ pin: '1234', challenge: new Uint8Array(8) }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(CardError).and.have.property('code', 'card.not-my-number-card');
  });

  it('reads the four basic items and the My Number through the kenhojo AP', async () => {
    const resident = DEMO_RESIDENTS[1];
    const { session } = await setup(resident);
    const info = await session.readBasicInfo(resident.kenhojoPin);
    expect(info).to.deep.equal({ name: resident.name, address: resident.address, birthDate: resident.birthDate, sexCode: '2', sex: 'female' });
    expect(await session.readMyNumber(resident.kenhojoPin)).to.equal(resident.myNumber);
  });

  it('stops when the signal is aborted', async () => {
    const { session } = await setup();
    const controller = new AbortController();
    controller.abort();
    const error = await session.authenticate({ pin: '1234', challenge: new Uint8Array(8), signal: controller.signal }).catch((e: unknown) => e);
    expect((error as { code: string }).code).to.equal('aborted');
  });
});
