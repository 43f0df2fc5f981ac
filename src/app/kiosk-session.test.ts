import { expect } from '@open-wc/testing';
import { fromHex, toHex } from '../bytes/bytes.ts';
import { createVirtualReader, DEMO_RESIDENTS, demoTrustAnchor as demoCardAnchor, MemoryCardStateStore, type DemoResident } from '../card/index.ts';
import type { VirtualReaderKit } from '../card/virtual/kit.ts';
import { TokenLabel } from '../card/mynumber/constants.ts';
import { Rcs380Reader } from '../card/rcs380/driver.ts';
import { createVirtualDemoCard } from '../card/virtual/demo-cards.ts';
import { VirtualTypeBPicc } from '../card/virtual/picc.ts';
import { VirtualRcs380 } from '../card/virtual/rcs380-device.ts';
import { VirtualRfField } from '../card/virtual/rf-field.ts';
import { fromSealContent } from '../documents/codec.ts';
import { demoRegistry } from '../registry/demo.ts';
import { MemoryRegistry } from '../registry/registry.ts';
import { PaymentPlace, type IssuanceRecord, type NotPrintedSheet } from '../seal/audit-log.ts';
import { IssuanceLogError } from '../seal/errors.ts';
import { decodeSeal, demoTrustList, generateSignerKeyPair, issueDemoSignerCertificate, openTrustList, trustAnchors, verifySeal, type SealSigner } from '../seal/index.ts';
import { sha256 } from '../bytes/bytes.ts';
import { KioskSession, type KioskBack, type KioskDeps, type KioskState, type PrintState } from './kiosk-session.ts';
import { decodeCarrier, renderCarrierGrey } from '../carrier/index.ts';
import { describeFailure } from '../ui/shared/error-messages.ts';
import type { KioskNotice } from './kiosk-messages.ts';

/** A kiosk notice in words, as the kiosk UI shows it. */
const words = (notice: KioskNotice | undefined, language: 'ja' | 'en') => (notice ? describeFailure(notice.code, notice.params, language) : '');

/** Wednesday 2026-11-25 12:00 JST: inside every service window. */
const NOON = new Date('2026-11-25T03:00:00Z');

interface Rig {
  session: KioskSession;
  kit: VirtualReaderKit;
  log: IssuanceRecord[];
  voids: NotPrintedSheet[];
  signedFor: number[];
  store: MemoryCardStateStore;
  backs: KioskBack[];
}

/** Deterministic "random" bytes: challenges and whitening keys are all 0x5a. */
const RANDOM_FILL = 0x5a;

async function rig(
  options: { resident?: DemoResident; now?: Date; demoMode?: boolean; store?: MemoryCardStateStore; inactivityMs?: number; anchors?: 'none'; voidFails?: boolean } = {},
): Promise<Rig> {
  const now = options.now ?? NOON;
  const store = options.store ?? new MemoryCardStateStore();
  const kit = await createVirtualReader('rcs380', options.resident ?? DEMO_RESIDENTS[0], store);
  const tablet = await generateSignerKeyPair();
  const log: IssuanceRecord[] = [];
  const voids: NotPrintedSheet[] = [];
  const signedFor: number[] = [];
  const backs: KioskBack[] = [];
  const serials = new Map<number, number>();
  const deps: KioskDeps = {
    registry: new MemoryRegistry(demoRegistry),
    cardAnchors: async () => (options.anchors === 'none' ? [] : [await demoCardAnchor()]),
    signer: async (municipality): Promise<SealSigner> => {
      signedFor.push(municipality);
      return { privateKey: tablet.privateKey, certificate: await issueDemoSignerCertificate(tablet.publicKey, 'DEMO-TEST', Math.floor(now.getTime() / 1000), municipality) };
    },
    pdf: {
      sheets: async () => 1,
      pdf: async (_cert, back, onProgress) => {
        onProgress?.(1);
        expect(back.qr.size).to.be.greaterThan(20);
        backs.push(back);
        return new TextEncoder().encode('%PDF-1.3 test');
      },
      preview: async () => ({ width: 1, height: 1, pixels: new Uint8ClampedArray(4) }),
    },
    nextSerial: async (m) => {
      const next = (serials.get(m) ?? 0) + 1;
      serials.set(m, next);
      return next;
    },
    appendLog: async (record) => void log.push(record),
    voidSheet: async (sheet) => {
      if (options.voidFails) throw new IssuanceLogError('log.write-failed', {});
      voids.push(sheet);
    },
    verifierUrl: 'https://kofu.example.jp/verify',
    demoMode: options.demoMode ?? true,
    now: () => now,
    random: (length) => new Uint8Array(length).fill(RANDOM_FILL),
    pollMs: 10,
    inactivityMs: options.inactivityMs ?? 600_000,
  };
  return { session: new KioskSession(deps), kit, log, voids, signedFor, store, backs };
}

/** はじめる, 同意する, and the card on the reader; `demo`: the resident takes it off by a tap afterwards. */
async function toPin(r: Rig, { demo = false } = {}): Promise<void> {
  r.session.begin();
  r.session.acceptTerms();
  await r.session.useReader(r.kit.reader, undefined, demo ? () => r.kit.field!.removeCard() : undefined);
}

/** From the PIN to the card's return: 住民票の写し with the defaults, `copies` copies, issued. */
async function toCardReturn(r: Rig, copies = 1): Promise<void> {
  await r.session.submitPin(DEMO_RESIDENTS[0].authPin);
  await r.session.chooseKind('juminhyo');
  const options = r.session.state;
  if (options.step !== 'options') throw new Error(options.step);
  await r.session.setOptions(options.request, copies);
  await r.session.toConfirm();
  await r.session.issue();
  expect(r.session.state.step).to.equal('card-return');
}

/** On to the print step, the card taken. */
async function toPrint(r: Rig, copies = 1): Promise<PrintState> {
  await toCardReturn(r, copies);
  r.session.cardTaken();
  return printState(r.session.state);
}

function printState(state: KioskState): PrintState {
  if (state.step !== 'print') throw new Error(`expected the print step, got ${state.step}${state.step === 'error' ? ` (${state.code})` : ''}`);
  return state;
}

/** Resolves when the session shows a state that `accept` takes. */
function until(r: Rig, accept: (state: KioskState) => boolean): Promise<KioskState> {
  if (accept(r.session.state)) return Promise.resolve(r.session.state);
  return new Promise((resolve) => {
    const off = r.session.subscribe((state) => {
      if (accept(state)) {
        off();
        resolve(state);
      }
    });
  });
}

/** The error step the right PIN ends in when `mishap` happens on the PIN screen first. */
async function errorAfterPin(r: Rig, mishap: () => void = () => {}) {
  await toPin(r);
  mishap();
  await r.session.submitPin(DEMO_RESIDENTS[0].authPin);
  const state = r.session.state;
  if (state.step !== 'error') throw new Error(state.step);
  return state;
}

/** VERIFY commands that carry a PIN (`00 20 00 80 04 …`), as the virtual card receives them. */
function recordPinVerifies(kit: VirtualReaderKit): Uint8Array[] {
  const sent: Uint8Array[] = [];
  const card = kit.card;
  const process = card.processApdu.bind(card);
  card.processApdu = async (command) => {
    if (command[1] === 0x20 && command.length > 4) sent.push(command.slice());
    return process(command);
  };
  return sent;
}

function pinState(state: KioskState) {
  if (state.step !== 'pin') throw new Error(`expected the PIN step, got ${state.step}${state.step === 'error' ? ` (${state.code})` : ''}`);
  return state;
}

describe('kiosk session', function () {
  this.timeout(60_000);

  it('happy path through the virtual RC-S380: card → PIN → 住民票の写し → issue; the seal verifies under 藤見市', async () => {
    const r = await rig();
    await toPin(r);
    expect(pinState(r.session.state).triesLeft).to.equal(3);
    await r.session.submitPin(DEMO_RESIDENTS[0].authPin);
    const choose = r.session.state;
    if (choose.step !== 'choose') throw new Error(choose.step);
    expect(choose.residentName).to.equal('髙橋　一郎');
    expect(choose.demo).to.equal(true);
    expect(choose.choices.map((c) => c.kind)).to.deep.equal(['juminhyo', 'kisai', 'inkan', 'tax', 'koseki', 'fuhyo']);
    expect(choose.choices.find((c) => c.kind === 'juminhyo')!.refusals).to.deep.equal([]);

    await r.session.chooseKind('juminhyo');
    const options = r.session.state;
    if (options.step !== 'options' || options.request.kind !== 'juminhyo') throw new Error(options.step);
    await r.session.setOptions({ ...options.request, householder: true }, 2);
    const two = r.session.state;
    if (two.step !== 'options') throw new Error(two.step);
    expect(two.copies).to.equal(2);
    expect(two.fee).to.equal(400);
    await r.session.setOptions({ ...options.request, householder: true }, 1);
    await r.session.toConfirm();
    const confirm = r.session.state;
    if (confirm.step !== 'confirm') throw new Error(confirm.step);
    expect(confirm.fee).to.equal(200);
    expect(confirm.preview?.width).to.equal(1);

    await r.session.issue();
    expect(r.session.state).to.deep.equal({ step: 'card-return', demo: true });
    r.session.cardTaken();
    const print = printState(r.session.state);
    expect(print.copies.length).to.equal(1);
    expect(print.fee).to.equal(200);
    expect(r.log[0].payment, 'the fee and the till are logged').to.deep.equal({ fee: 200, payment: PaymentPlace.storeTill });
    // 発行番号: this tablet's key id (first 3 bytes, hex), then the serial.
    const { kid } = await decodeSeal(r.log[0].seal);
    expect(print.copies[0].serial).to.equal(`${toHex(kid.subarray(0, 3)).toUpperCase()}-000001`);
    expect(print.copies[0].fileName).to.equal(`kofu-juminhyo-992011-${print.copies[0].serial}.pdf`);
    expect(r.signedFor).to.deep.equal([992011]);
    expect(r.log.length).to.equal(1);

    const list = await openTrustList(await demoTrustList(Math.floor(NOON.getTime() / 1000)), await trustAnchors({ demoMode: true }), { demoMode: true });
    const verdict = await verifySeal(r.log[0].seal, list, { demoMode: true, supportedRenderVersions: [1], now: Math.floor(NOON.getTime() / 1000) });
    expect(verdict.ok, verdict.ok ? undefined : verdict.error.message).to.equal(true);
    // The back's carrier holds exactly the logged seal, whitened with the locator's key.
    const back = r.backs[0];
    const scanned = await decodeCarrier(renderCarrierGrey(back.carrier, 300), new Uint8Array(32).fill(RANDOM_FILL));
    expect(toHex(scanned.payload)).to.equal(toHex(r.log[0].seal));
    const decoded = await decodeSeal(r.log[0].seal);
    const cert = fromSealContent(decoded.claims.content);
    expect(cert.kind).to.equal('juminhyo');
    if (cert.kind === 'juminhyo') expect(cert.householder).to.equal('髙橋　一郎');

    await r.session.finish();
    expect(r.session.state).to.deep.equal({ step: 'end', fee: 200 });
    await r.session.cancel();
    expect(r.session.state.step).to.equal('start');
  });

  it('戸籍 of a 汐見町 本籍 is signed under 汐見町 (994219)', async () => {
    const r = await rig();
    await toPin(r);
    await r.session.submitPin(DEMO_RESIDENTS[0].authPin);
    await r.session.chooseKind('koseki');
    await r.session.toConfirm();
    await r.session.issue();
    r.session.cardTaken();
    const print = printState(r.session.state);
    expect(r.signedFor).to.deep.equal([994219]);
    expect(print.copies[0].fileName).to.contain('994219');
    expect(print.fee).to.equal(450);
  });

  it('wrong PIN: the tries left go down and the message says so', async () => {
    const r = await rig();
    await toPin(r);
    await r.session.submitPin('9999');
    const state = pinState(r.session.state);
    expect(state.triesLeft).to.equal(2);
    // The card layer's own words for SW 63C2, in both languages: wrong PIN, two tries left.
    expect(state.message).to.deep.equal({ code: 'card.pin-incorrect', params: { triesLeft: 2, sw: '63C2' } });
    expect(words(state.message, 'ja')).to.contain('暗証番号が違います').and.to.contain('あと2回');
    expect(words(state.message, 'en')).to.match(/^Wrong PIN\. 2 more wrong tries lock the card\./);
    expect(state.busy).to.equal(false);
  });

  it('a PIN that is not four digits is refused without touching the card', async () => {
    const r = await rig();
    await toPin(r);
    const frames = r.kit.field!.log.length;
    await r.session.submitPin('12');
    expect(pinState(r.session.state).triesLeft).to.equal(3);
    expect(r.kit.field!.log.length).to.equal(frames);
  });

  it('last try: an explicit confirmation is needed; declining sends nothing; confirming with the right PIN goes on', async () => {
    const r = await rig();
    await toPin(r);
    await r.session.submitPin('9999');
    await r.session.submitPin('9999');
    expect(pinState(r.session.state).triesLeft).to.equal(1);
    const verifies = recordPinVerifies(r.kit);
    await r.session.submitPin('9999');
    expect(pinState(r.session.state).confirmLastTry).to.equal(true);
    // The kiosk asks the card for the tries left (VERIFY without data), but sends no PIN.
    expect(verifies.length, 'no VERIFY before the confirmation').to.equal(0);
    r.session.declineLastTry();
    expect(pinState(r.session.state).confirmLastTry).to.equal(false);
    const frames = r.kit.field!.log.length;
    await r.session.confirmLastTry();
    expect(r.kit.field!.log.length, 'declined: nothing sent').to.equal(frames);
    await r.session.submitPin(DEMO_RESIDENTS[0].authPin);
    await r.session.confirmLastTry();
    expect(r.session.state.step).to.equal('choose');
  });

  it('tries spent elsewhere meanwhile (another tab): the card is asked before VERIFY, and one try left asks for the confirmation', async () => {
    const store = new MemoryCardStateStore();
    const r = await rig({ store });
    await toPin(r);
    expect(pinState(r.session.state).triesLeft).to.equal(3);
    // Another tab's card object over the same store spends two tries while this screen shows 3.
    const elsewhere = await createVirtualDemoCard(DEMO_RESIDENTS[0], store);
    for (const apdu of ['00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01', '00 A4 02 0C 02 00 18', '00 20 00 80 04 39 39 39 39', '00 20 00 80 04 39 39 39 39']) await elsewhere.processApdu(fromHex(apdu));
    const verifies = recordPinVerifies(r.kit);
    await r.session.submitPin('9999');
    const state = pinState(r.session.state);
    expect(state.triesLeft, 'the card’s answer, not the stale 3').to.equal(1);
    expect(state.confirmLastTry).to.equal(true);
    expect(verifies.length, 'the last try is not sent without the confirmation').to.equal(0);
    expect((await store.load(DEMO_RESIDENTS[0].cardId))?.['jpki/0018']).to.equal(1);
    await r.session.confirmLastTry();
    expect(verifies.length).to.equal(1);
    expect(r.session.state.step).to.equal('locked');
  });

  it('locked card: a wrong last try locks it; placed again it is explained and VERIFY is never sent', async () => {
    const store = new MemoryCardStateStore();
    const r = await rig({ store });
    await toPin(r);
    await r.session.submitPin('9999');
    await r.session.submitPin('9999');
    await r.session.submitPin('9999');
    await r.session.confirmLastTry();
    const locked = r.session.state;
    if (locked.step !== 'locked') throw new Error(locked.step);
    expect(words(locked.message, 'ja')).to.contain('窓口');
    await r.session.cancel();

    const again = await rig({ store });
    await toPin(again);
    expect(again.session.state.step).to.equal('locked');
    const frames = again.kit.field!.log.length;
    await again.session.submitPin(DEMO_RESIDENTS[0].authPin);
    await again.session.confirmLastTry();
    expect(again.session.state.step).to.equal('locked');
    expect(again.kit.field!.log.length).to.equal(frames);
  });

  it('card removed before the PIN is checked: a clear message, and a way back to the start', async () => {
    const r = await rig();
    const state = await errorAfterPin(r, () => r.kit.field!.removeCard());
    expect(state.code).to.equal('card.removed');
    expect(words(state.message, 'ja')).to.contain('カード');
    await r.session.cancel();
    expect(r.session.state.step).to.equal('start');
  });

  it('unknown resident: a card not linked to the registry (demo linking off) is refused', async () => {
    const state = await errorAfterPin(await rig({ demoMode: false }));
    expect(state.code).to.equal('kiosk.unknown-resident');
  });

  it('ineligible: a household with someone moving out cannot get 世帯全員; 本人のみ still works', async () => {
    const r = await rig({ resident: DEMO_RESIDENTS.find((d) => d.registryResidentId === 'r-teshigawara-saemon')! });
    await toPin(r);
    await r.session.submitPin('0000');
    await r.session.chooseKind('juminhyo');
    const options = r.session.state;
    if (options.step !== 'options' || options.request.kind !== 'juminhyo') throw new Error(options.step);
    await r.session.setOptions({ ...options.request, scope: 'household' }, 1);
    await r.session.toConfirm();
    const refused = r.session.state;
    if (refused.step !== 'options') throw new Error(refused.step);
    expect(words(refused.problem, 'ja')).to.contain('転出予定');
    await r.session.setOptions({ ...options.request, scope: 'self' }, 1);
    await r.session.toConfirm();
    expect(r.session.state.step).to.equal('confirm');
  });

  it('a foreign resident has no 戸籍: those choices are disabled with the reason', async () => {
    const r = await rig({ resident: DEMO_RESIDENTS.find((d) => d.registryResidentId === 'r-newman-emily')! });
    await toPin(r);
    await r.session.submitPin('1357');
    const state = r.session.state;
    if (state.step !== 'choose') throw new Error(state.step);
    expect(state.choices.find((c) => c.kind === 'koseki')!.refusals.map((x) => x.code)).to.deep.equal(['no-koseki']);
    await r.session.chooseKind('koseki');
    expect(r.session.state.step).to.equal('error');
  });

  it('service hours with an injected clock: 2:00 JST nothing; Saturday noon everything but 汐見町 戸籍', async () => {
    const night = await rig({ now: new Date('2026-11-24T17:00:00Z') });
    await toPin(night);
    await night.session.submitPin(DEMO_RESIDENTS[0].authPin);
    const closed = night.session.state;
    if (closed.step !== 'choose') throw new Error(closed.step);
    expect(closed.choices.every((c) => c.refusals.some((x) => x.code === 'outside-hours'))).to.equal(true);

    const saturday = await rig({ now: new Date('2026-11-28T03:00:00Z') });
    await toPin(saturday);
    await saturday.session.submitPin(DEMO_RESIDENTS[0].authPin);
    const state = saturday.session.state;
    if (state.step !== 'choose') throw new Error(state.step);
    expect(state.choices.find((c) => c.kind === 'juminhyo')!.refusals).to.deep.equal([]);
    expect(state.choices.find((c) => c.kind === 'koseki')!.refusals.map((x) => x.code)).to.deep.equal(['outside-koseki-hours']);
  });

  it('inactivity returns to the start and closes the card', async () => {
    const r = await rig({ inactivityMs: 30 });
    await toPin(r);
    await new Promise<void>((resolve) => {
      const off = r.session.subscribe((s) => {
        if (s.step === 'start') {
          off();
          resolve();
        }
      });
    });
    expect(r.session.state.step).to.equal('start');
    await r.session.dispose();
  });

  it('a Juki card (not a My Number card) is named as such, with a way back', async () => {
    const r = await rig();
    const juki = await createVirtualDemoCard(DEMO_RESIDENTS[0], new MemoryCardStateStore(), TokenLabel.JUKI_CARD);
    const reader = await Rcs380Reader.open(new VirtualRcs380(new VirtualRfField(new VirtualTypeBPicc(juki))));
    r.session.begin();
    r.session.acceptTerms();
    await r.session.useReader(reader);
    const state = r.session.state;
    if (state.step !== 'error') throw new Error(state.step);
    expect(state.code).to.match(/^card\./);
    expect(words(state.message, 'ja').length).to.be.greaterThan(5);
    await r.session.cancel();
    expect(r.session.state.step).to.equal('start');
  });

  it('reader unplugged while the PIN is entered: the staff are called, the session can restart', async () => {
    const r = await rig();
    const state = await errorAfterPin(r, () => r.kit.device!.unplug());
    expect(state.code).to.equal('card.reader-unplugged');
    await r.session.cancel();
    expect(r.session.state.step).to.equal('start');
  });

  it('cancel while waiting for a card stops the polling and returns to the start', async () => {
    const r = await rig();
    r.kit.field!.removeCard();
    r.session.begin();
    r.session.acceptTerms();
    const waiting = r.session.useReader(r.kit.reader);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(r.session.state.step).to.equal('card');
    await r.session.cancel();
    await waiting;
    expect(r.session.state.step).to.equal('start');
  });

  it('certificate checked before the PIN: an expired card and an untrusted (demo outside demo mode) card are refused without a PIN', async () => {
    const expired = await rig({ now: new Date('2031-01-06T03:00:00Z') });
    await toPin(expired);
    const a = expired.session.state;
    if (a.step !== 'error') throw new Error(a.step);
    expect(a.code).to.equal('card.cert-expired');

    const untrusted = await rig({ anchors: 'none' });
    await toPin(untrusted);
    const b = untrusted.session.state;
    if (b.step !== 'error') throw new Error(b.step);
    expect(b.code).to.match(/^card\.cert-/);
    // No PIN try was spent.
    expect(await untrusted.store.load(DEMO_RESIDENTS[0].cardId)).to.equal(undefined);
  });

  describe('the real kiosk\'s flow (issue #13)', () => {
    it('terms of use come first: no card is read before 同意する; やめる returns to the start', async () => {
      const r = await rig();
      r.session.begin();
      expect(r.session.state.step).to.equal('terms');
      await r.session.useReader(r.kit.reader);
      expect(r.session.state.step, 'the reader is refused before consent').to.equal('terms');
      await r.session.cancel();
      expect(r.session.state.step).to.equal('start');
      r.session.begin();
      r.session.acceptTerms();
      expect(r.session.state.step).to.equal('reader');
    });

    it('one progress bar across the stages sign → carrier → PDF and every copy, never going back', async () => {
      const r = await rig();
      await toPin(r);
      const seen: { stage: string; copy: number; progress: number }[] = [];
      r.session.subscribe((state) => state.step === 'issuing' && seen.push({ stage: state.stage, copy: state.copy, progress: state.progress }));
      await toPrint(r, 2);
      const stages = seen.filter((s, i) => i === 0 || s.stage !== seen[i - 1].stage || s.copy !== seen[i - 1].copy).map((s) => `${s.copy}:${s.stage}`);
      expect(stages).to.deep.equal(['1:sign', '1:carrier', '1:pdf', '2:sign', '2:carrier', '2:pdf']);
      const progress = seen.map((s) => s.progress);
      expect(progress.every((p, i) => i === 0 || p >= progress[i - 1]), progress.join(' ')).to.equal(true);
      expect(progress[0]).to.equal(0);
      expect(progress.at(-1)).to.equal(1);
      expect(seen.find((s) => s.copy === 2)!.progress, 'the second copy starts half way').to.equal(0.5);
    });

    it('the card goes back before printing: closed at once; a real reader moves on by itself when the card is taken', async () => {
      const r = await rig();
      await toPin(r);
      await toCardReturn(r);
      r.kit.field!.removeCard();
      expect(printState(await until(r, (s) => s.step === 'print')).cardStillIn).to.equal(false);
    });

    it('「カードを取りました」 with the card still on the reader: the print step says so until it is taken', async () => {
      const r = await rig();
      await toPin(r);
      expect((await toPrint(r)).cardStillIn).to.equal(true);
      r.kit.field!.removeCard();
      await until(r, (s) => s.step === 'print' && !s.cardStillIn);
    });

    it('a demo card is taken off its virtual reader by the tap', async () => {
      const r = await rig();
      await toPin(r, { demo: true });
      expect((await toPrint(r)).cardStillIn).to.equal(false);
      let present = true;
      try {
        await (await r.kit.reader.connect()).disconnect();
      } catch {
        present = false;
      }
      expect(present, 'no card on the virtual reader').to.equal(false);
    });

    it('「出てこない」: the sheet is voided in the log by its seal, its PDF dropped; issued again under a new serial', async () => {
      const r = await rig();
      await toPin(r, { demo: true });
      const print = await toPrint(r, 2);
      const [first, second] = print.copies;
      expect(print.fee).to.equal(400);
      r.session.sheetPrinted(first.serial);
      expect(printState(r.session.state).printed).to.deep.equal([first.serial]);
      await r.session.sheetNotPrinted(first.serial);
      expect(r.voids, 'a sheet said to have printed is not voided').to.deep.equal([]);

      await r.session.sheetNotPrinted(second.serial);
      const voided = r.session.state;
      if (voided.step !== 'not-printed') throw new Error(voided.step);
      expect([voided.serial, voided.remaining]).to.deep.equal([second.serial, 1]);
      expect(r.voids.length).to.equal(1);
      expect(r.voids[0].serial).to.equal(2);
      expect(toHex(r.voids[0].sealHash)).to.equal(toHex(await sha256(r.log[1].seal)));
      expect(toHex(r.voids[0].signerKid)).to.equal(toHex(second.logged.signerKid));

      await r.session.issueAgain();
      const again = printState(r.session.state);
      expect(again.copies.map((c) => c.serial)).to.deep.equal([first.serial, again.copies[1].serial]);
      expect(again.copies[1].logged.serial, 'a new serial').to.equal(3);
      expect(again.printed, 'what was printed stays printed').to.deep.equal([first.serial]);
      expect(again.fee).to.equal(400);
      expect(r.log.map((e) => e.serial)).to.deep.equal([1, 2, 3]);
      await r.session.finish();
      expect(r.session.state).to.deep.equal({ step: 'end', fee: 400 });
    });

    it('a void the log cannot take is not claimed: the error is shown and nothing says the sheet is void', async () => {
      const r = await rig({ voidFails: true });
      await toPin(r, { demo: true });
      const print = await toPrint(r);
      await r.session.sheetNotPrinted(print.copies[0].serial);
      const state = r.session.state;
      if (state.step !== 'error') throw new Error(state.step);
      expect(state.code).to.equal('log.write-failed');
      expect(words(state.message, 'ja').length).to.be.greaterThan(5);
    });

    it('after a void the resident may stop: only the sheets that count are paid', async () => {
      const r = await rig();
      await toPin(r, { demo: true });
      const print = await toPrint(r);
      await r.session.sheetNotPrinted(print.copies[0].serial);
      expect(r.session.state.step).to.equal('not-printed');
      await r.session.finish();
      expect(r.session.state).to.deep.equal({ step: 'end', fee: 0 });
    });
  });
});
