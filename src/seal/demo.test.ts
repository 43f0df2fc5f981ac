import { expect } from '@open-wc/testing';
import { KofuError } from '../bytes/errors.ts';
import { trustAnchors } from './anchors.ts';
import { DEMO_MUNICIPALITIES, DEMO_MUNICIPALITY_CODE, demoRootKeyPair, demoTrustList, issueDemoSignerCertificate } from './demo.ts';
import { exportCompressedPublicKey } from './ec.ts';
import { generateSignerKeyPair } from './keys.ts';
import { signSeal, verifySeal } from './seal.ts';
import { juminhyoClaims } from './testing/fixtures.ts';
import { TEST_NOW } from './testing/setup.ts';
import { openTrustList } from './trust-list.ts';

describe('demo municipality', () => {
  it('the committed demo root key pair is consistent', async () => {
    const root = await demoRootKeyPair();
    const data = new Uint8Array([1, 2, 3]);
    const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, root.privateKey, data);
    expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, root.publicKey, signature, data)).to.equal(true);
    expect((await exportCompressedPublicKey(root.publicKey)).length).to.equal(33);
  });

  it('anchors: the demo anchor exists only in demo mode, and a demo anchor cannot be smuggled in as extra', async () => {
    const demo = await trustAnchors({ demoMode: true });
    expect(demo.map((a) => a.demo)).to.deep.equal([true]);
    expect(await trustAnchors({ demoMode: false })).to.deep.equal([]);
    expect(await trustAnchors({ demoMode: false, extra: demo })).to.deep.equal([]);
  });

  it('end to end in demo mode: demo list, demo tablet, demo seal, verdict says デモ; outside demo mode the list itself is refused', async () => {
    const bytes = await demoTrustList(TEST_NOW);
    const list = await openTrustList(bytes, await trustAnchors({ demoMode: true }), { demoMode: true });
    const tablet = await generateSignerKeyPair();
    const certificate = await issueDemoSignerCertificate(tablet.publicKey, 'DEMO-T1', TEST_NOW);
    const seal = await signSeal(juminhyoClaims(1, DEMO_MUNICIPALITY_CODE, TEST_NOW), { privateKey: tablet.privateKey, certificate });
    const verdict = await verifySeal(seal, list, { demoMode: true, supportedRenderVersions: [1], now: TEST_NOW });
    expect(verdict.ok).to.equal(true);
    expect(verdict.demo).to.equal(true);
    if (!verdict.ok) expect.fail(verdict.error.message);
    expect(verdict.reason.ja.startsWith('【デモ】')).to.equal(true);
    expect(verdict.reason.en.startsWith('[DEMO]')).to.equal(true);
    try {
      await openTrustList(bytes, await trustAnchors({ demoMode: false }), { demoMode: false });
      expect.fail('opened');
    } catch (error) {
      expect((error as KofuError).code).to.equal('trust.unknown-signer');
    }
  });

  it('covers the demo registry municipalities: each has its own root in the list, and a seal verifies only under its own root', async () => {
    expect(DEMO_MUNICIPALITIES.map((m) => m.code)).to.deep.equal([992011, 994219]);
    const keys = await Promise.all(DEMO_MUNICIPALITIES.map(async (m) => exportCompressedPublicKey((await demoRootKeyPair(m.code)).publicKey)));
    expect(keys[0]).to.not.deep.equal(keys[1]);
    const list = await openTrustList(await demoTrustList(TEST_NOW), await trustAnchors({ demoMode: true }), { demoMode: true });
    expect(list.roots.map((r) => r.municipality)).to.deep.equal([992011, 994219]);
    const tablet = await generateSignerKeyPair();
    const shiomi = await issueDemoSignerCertificate(tablet.publicKey, 'DEMO-T1', TEST_NOW, 994219);
    const good = await signSeal(juminhyoClaims(1, 994219, TEST_NOW), { privateKey: tablet.privateKey, certificate: shiomi });
    expect((await verifySeal(good, list, { demoMode: true, supportedRenderVersions: [1], now: TEST_NOW })).ok).to.equal(true);
    // 藤見市's certificate cannot sign for 汐見町.
    const fujimi = await issueDemoSignerCertificate(tablet.publicKey, 'DEMO-T1', TEST_NOW, 992011);
    try {
      await signSeal(juminhyoClaims(1, 994219, TEST_NOW), { privateKey: tablet.privateKey, certificate: fujimi });
      expect.fail('signed');
    } catch (error) {
      expect((error as KofuError).code).to.equal('seal.issuer-mismatch');
    }
  });
});
