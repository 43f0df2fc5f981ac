import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { KofuError } from '../../bytes/errors.ts';
import { DEMO_MUNICIPALITY_CODE, isNonExtractable, signSeal, verifySeal } from '../../seal/index.ts';
import { juminhyoClaims } from '../../seal/testing/fixtures.ts';
import { openDatabase, type KofuDatabase } from '../../store/database.ts';
import { loadRootKey, loadSignerKey } from '../../store/keys.ts';
import { readSetting } from '../../store/settings.ts';
import { appendIssuance } from '../../store/issuance-log.ts';
import { DEMO_RENEW_BEFORE_SECONDS, IssuanceLogTools, Setting, TrustService, isUnknownPublisher, isValidMunicipalityCode } from './verifier-trust.ts';

const MUNICIPALITY = 131016; // 千代田区, a real code with a valid check digit
const START = 1_795_564_800; // 2026-11-25
const DAY = 86_400;
const ORIGIN = 'https://kofu.test';

let counter = 0;
const opened: { db: KofuDatabase; name: string }[] = [];

async function device(options: { demo?: boolean; clock?: { now: number }; fetchImpl?: typeof fetch } = {}) {
  const name = `kofu-trust-test-${Date.now()}-${counter++}`;
  const db = await openDatabase({ name });
  opened.push({ db, name });
  const clock = options.clock ?? { now: START };
  const service = new TrustService({ database: async () => db, now: () => clock.now, origin: ORIGIN, fetchImpl: options.fetchImpl, backupIterations: 1000 });
  if (options.demo === false) await service.setDemoMode(false);
  return { db, service, clock };
}

async function failure(promise: Promise<unknown>): Promise<KofuError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(KofuError);
    return error as KofuError;
  }
  throw new Error('expected a refusal');
}

async function expectRefusal(promise: Promise<unknown>, code: string, options: { unchanged?: boolean } = { unchanged: true }): Promise<KofuError> {
  const error = await failure(promise);
  expect(error.code).to.equal(code);
  if (options.unchanged) {
    expect(error.messageIn('en')).to.match(/Nothing was changed\.$/);
    expect(error.messageIn('ja')).to.match(/(何も変更していません|更新しませんでした)。$/);
  }
  return error;
}

/** Admin device with a root and a first trust list; tablet out of demo mode with that list installed. */
async function provisionedPair() {
  const admin = await device({ demo: false });
  const tablet = await device({ demo: false, clock: admin.clock });
  const root = await admin.service.createRoot(MUNICIPALITY, '千代田区');
  const { bytes: listBytes } = await admin.service.publishTrustList(90);
  await tablet.service.trustPublisherAndImport(listBytes, root.kid, 'trust.kofu');
  const request = await tablet.service.createSignerRequest('T01', MUNICIPALITY);
  const { certificate } = await admin.service.certifySigner(request, 365);
  await tablet.service.installSignerCertificate(certificate);
  return { admin, tablet, root, listBytes };
}

describe('app/trust-service', () => {
  afterEach(async () => {
    for (const { db, name } of opened.splice(0)) {
      db.close();
      await deleteDB(name);
    }
  });

  it('checks municipality codes with their check digit', () => {
    for (const good of [131016, 131041, 999997, 11002]) expect(isValidMunicipalityCode(good), String(good)).to.equal(true);
    for (const bad of [131017, 131040, 0, 999, 1_000_000, 13101.6]) expect(isValidMunicipalityCode(bad), String(bad)).to.equal(false);
  });

  it('provisions a demo signer and the demo trust list on first use, and the two verify each other', async () => {
    const { service, db } = await device();
    expect(await service.demoMode()).to.equal(true);
    const signer = await service.currentSigner();
    expect(signer.info.demo).to.equal(true);
    expect(signer.info.municipality).to.equal(DEMO_MUNICIPALITY_CODE);
    expect(signer.info.deviceId).to.match(/^DEMO-[0-9A-F]{6}$/);
    expect(await isNonExtractable(signer.privateKey)).to.equal(true);
    expect((await loadSignerKey(db, 'signer')), 'the real key slot stays empty').to.equal(undefined);

    const trust = await service.currentTrust();
    expect(trust.demoMode).to.equal(true);
    expect(trust.list).to.equal(undefined);
    expect(trust.demoList!.version).to.equal(1);
    expect(trust.anchors.some((a) => a.demo)).to.equal(true);

    const seal = await signSeal(juminhyoClaims(1, DEMO_MUNICIPALITY_CODE, START), signer);
    const verdict = await verifySeal(seal, trust.listFor(DEMO_MUNICIPALITY_CODE)!, { demoMode: true, supportedRenderVersions: [1], now: START });
    expect(verdict.ok, verdict.reason.en).to.equal(true);
    expect(verdict.demo).to.equal(true);

    // The demo tablet also signs for 汐見町 (994219) under 汐見町's own root, with the same key.
    const shiomi = await service.currentSigner(994219);
    expect(shiomi.info.municipality).to.equal(994219);
    expect(shiomi.info.kid).to.equal(signer.info.kid);
    const shiomiSeal = await signSeal(juminhyoClaims(1, 994219, START), shiomi);
    const shiomiVerdict = await verifySeal(shiomiSeal, trust.listFor(994219)!, { demoMode: true, supportedRenderVersions: [1], now: START });
    expect(shiomiVerdict.ok, shiomiVerdict.reason.en).to.equal(true);
    try {
      await service.currentSigner(131016);
      expect.fail('signed for a real municipality');
    } catch (error) {
      expect((error as KofuError).code).to.equal('signer.wrong-municipality');
    }

    // A second call (and concurrent ones) reuse what is there.
    const [again, again2] = await Promise.all([service.currentSigner(), service.currentSigner()]);
    expect(again.info.kid).to.equal(signer.info.kid);
    expect(again2.certificate).to.deep.equal(signer.certificate);
  });

  it('renews the demo certificate before it ends and the demo list when stale, keeping the key', async () => {
    const { service, clock } = await device();
    const first = await service.currentSigner();
    clock.now = first.info.notAfter - DEMO_RENEW_BEFORE_SECONDS + 1;
    const renewed = await service.currentSigner();
    expect(renewed.info.kid).to.equal(first.info.kid);
    expect(renewed.info.notAfter).to.be.greaterThan(first.info.notAfter);
    const trust = await service.currentTrust();
    expect(trust.demoList!.version, 'the 30-day demo list was stale and was remade').to.equal(2);
    expect(trust.demoList!.nextUpdate).to.be.greaterThan(clock.now);
  });

  it('turning demo mode off stops trusting the demo root and the demo signer; turning it on brings them back', async () => {
    const { service } = await device();
    const demoSigner = await service.currentSigner();
    await service.setDemoMode(false);
    const trust = await service.currentTrust();
    expect(trust.demoMode).to.equal(false);
    expect(trust.demoList).to.equal(undefined);
    expect(trust.lists).to.deep.equal([]);
    expect(trust.anchors.some((a) => a.demo)).to.equal(false);
    const error = await expectRefusal(service.currentSigner(), 'signer.not-provisioned', { unchanged: false });
    expect(error.messageIn('en')).to.match(/create a signing request/);
    await service.setDemoMode(true);
    expect((await service.currentSigner()).info.kid).to.equal(demoSigner.info.kid);
  });

  it('runs the file-based provisioning round trip: root, trust list, request, certificate, seal', async () => {
    const { tablet, root } = await provisionedPair();
    const signer = await tablet.service.currentSigner();
    expect(signer.info).to.include({ deviceId: 'T01', municipality: MUNICIPALITY, demo: false, expired: false, revoked: false });
    expect(await isNonExtractable(signer.privateKey)).to.equal(true);
    const trust = await tablet.service.currentTrust();
    expect(trust.list!.version).to.equal(1);
    expect(trust.list!.roots.map((r) => r.name)).to.deep.equal(['千代田区']);
    expect((await tablet.service.registeredAnchors()).map((a) => a.kid)).to.deep.equal([root.kid]);
    const seal = await signSeal(juminhyoClaims(1, MUNICIPALITY, START + 60), signer);
    const verdict = await verifySeal(seal, trust.listFor(MUNICIPALITY)!, { demoMode: false, supportedRenderVersions: [1], now: START + 60 });
    expect(verdict.ok, verdict.reason.en).to.equal(true);
    expect(verdict.demo).to.equal(false);
  });

  it('reports a stale trust list and a signer certificate that ends soon', async () => {
    const { admin, tablet, root } = await provisionedPair();
    const { bytes } = await admin.service.publishTrustList(1);
    await tablet.service.importTrustList(bytes, 'v2');
    admin.clock.now = START + 3 * DAY;
    const { list } = await tablet.service.trustListSummaries();
    expect(list).to.include({ version: 2, revokedCount: 0, demo: false, anchorKid: root.kid });
    expect(list!.status).to.include({ stale: true, daysOverdue: 2 });
    expect(list!.status.message.en).to.match(/2 day\(s\) past its next update/);
    expect((await tablet.service.signerStatus()) as { expiresSoon: boolean }).to.include({ expiresSoon: false });
    admin.clock.now = START + 340 * DAY;
    expect((await tablet.service.signerStatus()) as { expiresSoon: boolean }).to.include({ expiresSoon: true, expired: false });
    admin.clock.now = START + 366 * DAY;
    await expectRefusal(tablet.service.currentSigner(), 'signer.certificate-expired', { unchanged: false });
  });

  it('registers an unknown publisher only when staff type its key id; a wrong id changes nothing', async () => {
    const admin = await device({ demo: false });
    const tablet = await device({ demo: false });
    const root = await admin.service.createRoot(MUNICIPALITY, '千代田区');
    const { bytes } = await admin.service.publishTrustList();
    const unknown = await failure(tablet.service.importTrustList(bytes, 'x'));
    expect(isUnknownPublisher(unknown)).to.equal(true);
    expect(unknown.messageIn('en')).to.match(/Nothing was changed/);
    expect((await tablet.service.findUntrustedPublisher(bytes))!.kid).to.equal(root.kid);
    await expectRefusal(tablet.service.trustPublisherAndImport(bytes, '0011223344556677', 'x'), 'trust.publisher-kid-mismatch');
    expect(await readSetting(tablet.db, Setting.trustAnchors, [])).to.deep.equal([]);
    expect((await tablet.service.currentTrust()).list).to.equal(undefined);
    await tablet.service.trustPublisherAndImport(bytes, root.kid.toUpperCase().replace(/(..)/g, '$1 '), 'x');
    expect((await tablet.service.currentTrust()).list!.version).to.equal(1);
    expect(await tablet.service.findUntrustedPublisher(new Uint8Array([1, 2, 3]))).to.equal(undefined);
  });

  it('refuses certificates for another key or from an unknown root, and requests for another municipality', async () => {
    const admin = await device({ demo: false });
    const tablet = await device({ demo: false });
    const other = await device({ demo: false });
    await expectRefusal(tablet.service.installSignerCertificate(new Uint8Array([0x84])), 'signer.no-request');
    await admin.service.createRoot(MUNICIPALITY, '千代田区');
    const request = await tablet.service.createSignerRequest('T01', MUNICIPALITY);
    const otherRequest = await other.service.createSignerRequest('T02', MUNICIPALITY);
    const { certificate: forOther } = await admin.service.certifySigner(otherRequest);
    await expectRefusal(tablet.service.installSignerCertificate(forOther), 'signer.certificate-mismatch');
    const { certificate } = await admin.service.certifySigner(request);
    // The tablet has not imported the municipality's trust list yet.
    await expectRefusal(tablet.service.installSignerCertificate(certificate), 'signer.certificate-untrusted');
    expect((await tablet.service.signerStatus()).state).to.equal('requested');
    await expectRefusal(tablet.service.installSignerCertificate(new Uint8Array([1, 2, 3])), 'cbor.malformed');

    const elsewhere = await device({ demo: false });
    const wrongTown = await elsewhere.service.createSignerRequest('T09', 131041);
    await expectRefusal(admin.service.certifySigner(wrongTown), 'root.other-municipality');
    await expectRefusal(admin.service.certifySigner(request, 0), 'trust.bad-days');
    await expectRefusal(tablet.service.createSignerRequest('', MUNICIPALITY), 'signer.bad-device-id');
    await expectRefusal(tablet.service.createSignerRequest('T01', 131017), 'trust.bad-municipality-code');
    expect((await admin.service.issuedSigners()).map((s) => s.deviceId)).to.deep.equal(['T02', 'T01']);
  });

  it('revokes a tablet by publishing the next list; the tablet then refuses to sign, old lists are refused, and it can be re-keyed', async () => {
    const { admin, tablet, listBytes } = await provisionedPair();
    const kid = (await tablet.service.currentSigner()).info.kid;
    await expectRefusal(admin.service.revokeSigner('not hex'), 'root.bad-kid');
    const { bytes, list } = await admin.service.revokeSigner(kid);
    expect(list.version).to.equal(2);
    expect(list.revoked).to.have.length(1);
    await expectRefusal(admin.service.revokeSigner(kid), 'root.already-revoked');
    await tablet.service.importTrustList(bytes, 'v2');
    const error = await expectRefusal(tablet.service.currentSigner(), 'signer.revoked', { unchanged: false });
    expect(error.messageIn('ja')).to.contain(kid);
    const rollback = await expectRefusal(tablet.service.importTrustList(listBytes, 'v1'), 'trust.not-newer');
    expect(rollback.messageIn('en')).to.match(/version 1/);
    expect((await tablet.service.currentTrust()).list!.version).to.equal(2);
    // Re-keying: the new key waits beside the old one until its certificate is installed.
    const renewal = await tablet.service.createSignerRequest('T01', MUNICIPALITY);
    const waiting = await tablet.service.signerStatus();
    expect(waiting.state).to.equal('certified');
    expect(waiting.pending!.kid).to.not.equal(kid);
    const { certificate } = await admin.service.certifySigner(renewal);
    await tablet.service.installSignerCertificate(certificate);
    const renewed = await tablet.service.signerStatus();
    expect(renewed).to.include({ state: 'certified', kid: waiting.pending!.kid, revoked: false });
    expect(renewed.pending).to.equal(undefined);
    expect((await tablet.service.currentSigner()).info.kid).to.equal(waiting.pending!.kid);
    await expectRefusal(tablet.service.installSignerCertificate(certificate), 'signer.no-request');
  });

  it('backs up the root with a confirmed passphrase and refuses a wrong passphrase without storing anything', async () => {
    const admin = await device({ demo: false });
    const spare = await device({ demo: false });
    await expectRefusal(admin.service.exportRootBackup('correct horse battery', 'correct horse battery'), 'root.missing');
    const root = await admin.service.createRoot(MUNICIPALITY, '千代田区');
    await expectRefusal(admin.service.createRoot(MUNICIPALITY, '千代田区'), 'root.exists');
    expect((await failure(admin.service.exportRootBackup('correct horse battery', 'correct horse batterx'))).code).to.equal('root.passphrase-mismatch');
    expect((await failure(admin.service.exportRootBackup('short', 'short'))).code).to.equal('key-backup.weak-passphrase');
    const file = await admin.service.exportRootBackup('correct horse battery', 'correct horse battery');
    const wrong = await expectRefusal(spare.service.restoreRoot(file, 'correct horse batterx'), 'key-backup.wrong-passphrase');
    expect(wrong.messageIn('en')).to.match(/^Wrong passphrase/);
    expect(await loadRootKey(spare.db)).to.equal(undefined);
    await expectRefusal(spare.service.restoreRoot(file.slice(0, 40), 'correct horse battery'), 'key-backup.not-a-backup');
    const restored = await spare.service.restoreRoot(file, 'correct horse battery');
    expect(restored).to.deep.equal(root);
    // The restored root can continue the municipality's list on the spare device.
    expect((await spare.service.publishTrustList()).list.roots[0].municipality).to.equal(MUNICIPALITY);
    // Removing the root needs a backup saved on that device and its key id typed.
    await expectRefusal(spare.service.deleteRoot(root.kid), 'root.not-backed-up');
    await expectRefusal(admin.service.deleteRoot('0000000000000000'), 'root.delete-kid-mismatch');
    await admin.service.deleteRoot(root.kid);
    expect(await admin.service.rootInfo()).to.equal(undefined);
    expect((await admin.service.registeredAnchors()).map((a) => a.kid), 'its lists are still trusted').to.deep.equal([root.kid]);
    expect(await admin.service.restoreRoot(file, 'correct horse battery')).to.deep.equal(root);
  });

  it('downloads trust lists only from its own origin or the configured address', async () => {
    const admin = await device({ demo: false });
    await admin.service.createRoot(MUNICIPALITY, '千代田区');
    const { bytes } = await admin.service.publishTrustList();
    const next = (await admin.service.publishTrustList()).bytes;
    const fetched: string[] = [];
    const fetchImpl = (async (url: string) => {
      fetched.push(url);
      return new Response((url.includes('v2') ? next : bytes) as Uint8Array<ArrayBuffer>);
    }) as unknown as typeof fetch;
    const tablet = await device({ demo: false, fetchImpl });
    await tablet.service.trustPublisherAndImport(bytes, (await admin.service.rootInfo())!.kid, 'file');
    await expectRefusal(tablet.service.importTrustListFromUrl('https://evil.example/trust.kofu'), 'trust.url-not-allowed');
    expect(fetched).to.deep.equal([]);
    await expectRefusal(tablet.service.importTrustListFromUrl('/trust/v1.kofu'), 'trust.not-newer');
    expect((await tablet.service.importTrustListFromUrl('/trust/v2.kofu')).version).to.equal(2);
    await expectRefusal(tablet.service.setTrustListUrl('http://lists.example/t'), 'trust.insecure-url');
    await tablet.service.setTrustListUrl('https://lists.example/trust-v2');
    await expectRefusal(tablet.service.importTrustListFromUrl('https://lists.example/trust-v2'), 'trust.not-newer');
    expect(fetched).to.deep.equal([`${ORIGIN}/trust/v1.kofu`, `${ORIGIN}/trust/v2.kofu`, 'https://lists.example/trust-v2']);
  });
});

describe('app/trust-service issuance log tools', () => {
  afterEach(async () => {
    for (const { db, name } of opened.splice(0)) {
      db.close();
      await deleteDB(name);
    }
  });

  async function appendSome(db: KofuDatabase, count: number) {
    for (let i = 0; i < count; i++) {
      await appendIssuance(db, { serial: 1 + i, certType: 1, issuedAt: START + i, signerKid: new Uint8Array(8), seal: new Uint8Array([i]) });
    }
  }

  it('signs a checkpoint over the newest entries before exporting, so the export has no unsigned tail', async () => {
    const { db, service } = await device();
    const tools = new IssuanceLogTools(service, async () => db, () => START);
    await appendSome(db, 3);
    expect((await tools.verify()).unsignedTail).to.equal(3);
    const exported = await tools.export();
    expect(exported).to.include({ entries: 3, signedHead: true });
    const report = await tools.verify(exported.json);
    expect(report).to.include({ ok: true, entries: 3, checkpoints: 1, signedThrough: 2, unsignedTail: 0 });
  });

  it('still exports without a usable signer, and says the newest entries are unsigned', async () => {
    const { db, service } = await device({ demo: false });
    const tools = new IssuanceLogTools(service, async () => db, () => START);
    await appendSome(db, 2);
    const exported = await tools.export();
    expect(exported).to.include({ entries: 2, signedHead: false });
    expect(await tools.verify(exported.json)).to.include({ ok: true, signedThrough: -1, unsignedTail: 2 });
    const edited = JSON.parse(exported.json) as { entries: { certType: number }[] };
    edited.entries[0].certType = 2;
    const report = await tools.verify(JSON.stringify(edited));
    expect(report.ok).to.equal(false);
    expect(report.problems.map((p) => p.kind)).to.include('modified');
  });
});
