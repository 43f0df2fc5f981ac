import { expect } from '@open-wc/testing';
import type { KofuError } from '../../bytes/errors.ts';
import { DEMO_MUNICIPALITY_CODE, isNonExtractable, signSeal, verifySeal } from '../../seal/index.ts';
import { juminhyoClaims } from '../../seal/testing/fixtures.ts';
import { loadSignerKey } from '../../store/keys.ts';
import { DEMO_RENEW_BEFORE_SECONDS } from './tablet-signer.ts';
import { DAY, MUNICIPALITY, START, device, expectRefusal, provisionedPair, removeDevices } from './testing/devices.ts';
import { describeError, describeFailure } from '../../ui/shared/error-messages.ts';

describe('app/trust/tablet-signer', () => {
  afterEach(removeDevices);

  it('provisions a demo signer and the demo trust list on first use, and the two verify each other', async () => {
    const { store, signer: tablet, db } = await device();
    expect(await store.demoMode()).to.equal(true);
    const signer = await tablet.currentSigner();
    expect(signer.info.demo).to.equal(true);
    expect(signer.info.municipality).to.equal(DEMO_MUNICIPALITY_CODE);
    expect(signer.info.deviceId).to.match(/^DEMO-[0-9A-F]{6}$/);
    expect(await isNonExtractable(signer.privateKey)).to.equal(true);
    expect((await loadSignerKey(db, 'signer')), 'the real key slot stays empty').to.equal(undefined);

    const trust = await store.currentTrust();
    expect(trust.demoMode).to.equal(true);
    expect(trust.list).to.equal(undefined);
    expect(trust.demoList!.version).to.equal(1);
    expect(trust.anchors.some((a) => a.demo)).to.equal(true);

    const seal = await signSeal(juminhyoClaims(1, DEMO_MUNICIPALITY_CODE, START), signer);
    const verdict = await verifySeal(seal, trust.listFor(DEMO_MUNICIPALITY_CODE)!, { demoMode: true, supportedRenderVersions: [1], now: START });
    expect(verdict.ok, verdict.ok ? undefined : verdict.error.message).to.equal(true);
    expect(verdict.demo).to.equal(true);

    // The demo tablet also signs for 汐見町 (994219) under 汐見町's own root, with the same key.
    const shiomi = await tablet.currentSigner(994219);
    expect(shiomi.info.municipality).to.equal(994219);
    expect(shiomi.info.kid).to.equal(signer.info.kid);
    const shiomiSeal = await signSeal(juminhyoClaims(1, 994219, START), shiomi);
    const shiomiVerdict = await verifySeal(shiomiSeal, trust.listFor(994219)!, { demoMode: true, supportedRenderVersions: [1], now: START });
    expect(shiomiVerdict.ok, shiomiVerdict.ok ? undefined : shiomiVerdict.error.message).to.equal(true);
    try {
      await tablet.currentSigner(131016);
      expect.fail('signed for a real municipality');
    } catch (error) {
      expect((error as KofuError).code).to.equal('signer.wrong-municipality');
    }

    // A second call (and concurrent ones) reuse what is there.
    const [again, again2] = await Promise.all([tablet.currentSigner(), tablet.currentSigner()]);
    expect(again.info.kid).to.equal(signer.info.kid);
    expect(again2.certificate).to.deep.equal(signer.certificate);
  });

  it('renews the demo certificate before it ends and the demo list when stale, keeping the key', async () => {
    const { store, signer, clock } = await device();
    const first = await signer.currentSigner();
    clock.now = first.info.notAfter - DEMO_RENEW_BEFORE_SECONDS + 1;
    const renewed = await signer.currentSigner();
    expect(renewed.info.kid).to.equal(first.info.kid);
    expect(renewed.info.notAfter).to.be.greaterThan(first.info.notAfter);
    const trust = await store.currentTrust();
    expect(trust.demoList!.version, 'the 30-day demo list was stale and was remade').to.equal(2);
    expect(trust.demoList!.nextUpdate).to.be.greaterThan(clock.now);
  });

  it('turning demo mode off stops trusting the demo root and the demo signer; turning it on brings them back', async () => {
    const { store, signer } = await device();
    const demoSigner = await signer.currentSigner();
    await store.setDemoMode(false);
    const trust = await store.currentTrust();
    expect(trust.demoMode).to.equal(false);
    expect(trust.demoList).to.equal(undefined);
    expect(trust.lists).to.deep.equal([]);
    expect(trust.anchors.some((a) => a.demo)).to.equal(false);
    const error = await expectRefusal(signer.currentSigner(), 'signer.not-provisioned', { unchanged: false });
    expect(describeError(error, 'en')).to.match(/create a signing request/);
    await store.setDemoMode(true);
    expect((await signer.currentSigner()).info.kid).to.equal(demoSigner.info.kid);
  });

  it('runs the file-based provisioning round trip: root, trust list, request, certificate, seal', async () => {
    const { tablet, root } = await provisionedPair();
    const signer = await tablet.signer.currentSigner();
    expect(signer.info).to.include({ deviceId: 'T01', municipality: MUNICIPALITY, demo: false, expired: false, revoked: false });
    expect(await isNonExtractable(signer.privateKey)).to.equal(true);
    const trust = await tablet.store.currentTrust();
    expect(trust.list!.version).to.equal(1);
    expect(trust.list!.roots.map((r) => r.name)).to.deep.equal(['千代田区']);
    expect((await tablet.store.registeredAnchors()).map((a) => a.kid)).to.deep.equal([root.kid]);
    const seal = await signSeal(juminhyoClaims(1, MUNICIPALITY, START + 60), signer);
    const verdict = await verifySeal(seal, trust.listFor(MUNICIPALITY)!, { demoMode: false, supportedRenderVersions: [1], now: START + 60 });
    expect(verdict.ok, verdict.ok ? undefined : verdict.error.message).to.equal(true);
    expect(verdict.demo).to.equal(false);
  });

  it('reports a stale trust list and a signer certificate that ends soon', async () => {
    const { admin, tablet, root } = await provisionedPair();
    const { bytes } = await admin.authority.publishTrustList(1);
    await tablet.store.importTrustList(bytes, 'v2');
    admin.clock.now = START + 3 * DAY;
    const { list } = await tablet.store.trustListSummaries();
    expect(list).to.include({ version: 2, revokedCount: 0, demo: false, anchorKid: root.kid });
    expect(list!.status).to.include({ stale: true, daysOverdue: 2 });
    expect(describeFailure(list!.status.code, list!.status.params, 'en')).to.match(/2 day\(s\) past its next update/);
    expect((await tablet.signer.signerStatus()) as { expiresSoon: boolean }).to.include({ expiresSoon: false });
    admin.clock.now = START + 340 * DAY;
    expect((await tablet.signer.signerStatus()) as { expiresSoon: boolean }).to.include({ expiresSoon: true, expired: false });
    admin.clock.now = START + 366 * DAY;
    await expectRefusal(tablet.signer.currentSigner(), 'signer.certificate-expired', { unchanged: false });
  });

  it('refuses certificates for another key or from an unknown root, and requests for another municipality', async () => {
    const admin = await device({ demo: false });
    const tablet = await device({ demo: false });
    const other = await device({ demo: false });
    await expectRefusal(tablet.signer.installSignerCertificate(new Uint8Array([0x84])), 'signer.no-request');
    await admin.authority.createRoot(MUNICIPALITY, '千代田区');
    const request = await tablet.signer.createSignerRequest('T01', MUNICIPALITY);
    const otherRequest = await other.signer.createSignerRequest('T02', MUNICIPALITY);
    const { certificate: forOther } = await admin.authority.certifySigner(otherRequest);
    await expectRefusal(tablet.signer.installSignerCertificate(forOther), 'signer.certificate-mismatch');
    const { certificate } = await admin.authority.certifySigner(request);
    // The tablet has not imported the municipality's trust list yet.
    await expectRefusal(tablet.signer.installSignerCertificate(certificate), 'signer.certificate-untrusted');
    expect((await tablet.signer.signerStatus()).state).to.equal('requested');
    await expectRefusal(tablet.signer.installSignerCertificate(new Uint8Array([1, 2, 3])), 'cbor.malformed');

    const elsewhere = await device({ demo: false });
    const wrongTown = await elsewhere.signer.createSignerRequest('T09', 131041);
    await expectRefusal(admin.authority.certifySigner(wrongTown), 'root.other-municipality');
    await expectRefusal(admin.authority.certifySigner(request, 0), 'trust.bad-days');
    await expectRefusal(tablet.signer.createSignerRequest('', MUNICIPALITY), 'signer.invalid-device-id');
    await expectRefusal(tablet.signer.createSignerRequest('T01', 131017), 'trust.bad-municipality-code');
    expect((await admin.authority.issuedSigners()).map((s) => s.deviceId)).to.deep.equal(['T02', 'T01']);
  });
});
