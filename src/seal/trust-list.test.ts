import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { KofuError } from '../bytes/errors.ts';
import { openDatabase } from '../store/database.ts';
import { importTrustList, loadOpenedTrustList, loadTrustList, saveTrustList } from '../store/trust.ts';
import { TrustListError } from './errors.ts';
import { fetchTrustListBytes } from './trust-fetch.ts';
import { demoTrustAnchor, demoTrustList } from './demo.ts';
import { generateRootKeyPair } from './keys.ts';
import { signSeal, verifySeal } from './seal.ts';
import { juminhyoClaims } from './testing/fixtures.ts';
import { TEST_MUNICIPALITY, TEST_NOW, makeMunicipality, type TestMunicipality } from './testing/setup.ts';
import { checkTrustListUpdate, openTrustList, signTrustList, trustListStatus, withRevokedSigner } from './trust-list.ts';
import { describeFailure } from '../ui/shared/error-messages.ts';
import { refusal } from '../bytes/testing/refusal.ts';

const expectCode = (work: Promise<unknown> | (() => unknown), code: string) => refusal(work, code);

describe('trust list', () => {
  let m: TestMunicipality;
  before(async () => {
    m = await makeMunicipality();
  });

  it('round-trips through its signed file, with an optional 公印 image', async () => {
    const sealImage = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const content = { ...m.content, roots: [{ ...m.content.roots[0], sealImage }] };
    const list = await openTrustList(await signTrustList(content, m.root), [m.anchor], { demoMode: false });
    expect(list.version).to.equal(1);
    expect(list.demo).to.equal(false);
    expect(Array.from(list.roots[0].sealImage!)).to.deep.equal(Array.from(sealImage));
    expect(list.roots[0].name).to.equal('千代田区');
  });

  it('opens a list wrapped in the COSE_Sign1 tag 18 (RFC 9052 §2), as COSE libraries write by default', async () => {
    const tagged = Uint8Array.from([0xd2, ...(await signTrustList(m.content, m.root))]);
    const list = await openTrustList(tagged, [m.anchor], { demoMode: false });
    expect(list.version).to.equal(1);
    expect(list.roots[0].name).to.equal('千代田区');
  });

  it('refuses a list signed by a key that is not an anchor, or altered after signing', async () => {
    const bytes = await signTrustList(m.content, await generateRootKeyPair());
    await expectCode(openTrustList(bytes, [m.anchor], { demoMode: false }), 'trust.unknown-signer');
    const good = await signTrustList(m.content, m.root);
    const altered = good.slice();
    altered[altered.length - 70] ^= 0x01; // inside the payload
    try {
      await openTrustList(altered, [m.anchor], { demoMode: false });
      expect.fail('accepted');
    } catch (error) {
      expect(error).to.be.instanceOf(KofuError);
    }
  });

  it('accepts the demo list only in demo mode', async () => {
    const bytes = await demoTrustList(TEST_NOW);
    const anchors = [m.anchor, await demoTrustAnchor()];
    expect((await openTrustList(bytes, anchors, { demoMode: true })).demo).to.equal(true);
    await expectCode(openTrustList(bytes, anchors, { demoMode: false }), 'trust.demo-outside-demo-mode');
  });

  it('refuses a rollback to an older or equal version', async () => {
    const v2 = await openTrustList(await signTrustList(withRevokedSigner(m.content, { kid: new Uint8Array(8), municipality: TEST_MUNICIPALITY }, TEST_NOW), m.root), [m.anchor], { demoMode: false });
    expect(() => checkTrustListUpdate(m.trustList, v2)).to.not.throw();
    await expectCode(() => checkTrustListUpdate(v2, m.trustList), 'trust.not-newer');
    await expectCode(() => checkTrustListUpdate(v2, v2), 'trust.not-newer');
  });

  it('warns when stale, and the warning reaches seal verdicts', async () => {
    const later = m.content.nextUpdate + 3 * 86_400 + 5;
    const status = trustListStatus(m.trustList, later);
    expect(status.stale).to.equal(true);
    expect(status.daysOverdue).to.equal(3);
    expect(describeFailure(status.code, status.params, 'ja')).to.contain('3日');
    expect(trustListStatus(m.trustList, TEST_NOW).stale).to.equal(false);
    const seal = await signSeal(juminhyoClaims(1, TEST_MUNICIPALITY, TEST_NOW), { privateKey: m.signerKeys.privateKey, certificate: m.certificate });
    const verdict = await verifySeal(seal, m.trustList, { demoMode: false, supportedRenderVersions: [1], now: later });
    expect(verdict.ok).to.equal(true);
    if (verdict.ok) expect(verdict.warnings.map((w) => w.code)).to.deep.equal(['trust-list-stale']);
  });

  it('is cached in IndexedDB and re-opened (signature-checked) from there', async () => {
    const name = `kofu-trust-test-${Date.now()}`;
    const db = await openDatabase({ name });
    try {
      await saveTrustList(db, { bytes: m.trustList.bytes, version: 1, importedAt: TEST_NOW, source: 'chiyoda.kofu-trust' });
      const stored = await loadTrustList(db);
      const reopened = await openTrustList(stored!.bytes, [m.anchor], { demoMode: false });
      expect(reopened.version).to.equal(1);
    } finally {
      db.close();
      await deleteDB(name);
    }
  });

  it('imports updates: newer versions replace the cache, older ones are refused and change nothing', async () => {
    const name = `kofu-trust-import-${Date.now()}`;
    const db = await openDatabase({ name });
    try {
      const v1 = await signTrustList(m.content, m.root);
      const v2 = await signTrustList(withRevokedSigner(m.content, { kid: new Uint8Array(8).fill(1), municipality: TEST_MUNICIPALITY }, TEST_NOW), m.root);
      expect((await importTrustList(db, v1, [m.anchor], { demoMode: false, source: 'file', now: TEST_NOW })).version).to.equal(1);
      expect((await importTrustList(db, v2, [m.anchor], { demoMode: false, source: 'file', now: TEST_NOW })).version).to.equal(2);
      await expectCode(importTrustList(db, v1, [m.anchor], { demoMode: false, source: 'file' }), 'trust.not-newer');
      expect((await loadOpenedTrustList(db, [m.anchor], { demoMode: false }))?.revoked.length).to.equal(1);
    } finally {
      db.close();
      await deleteDB(name);
    }
  });

  it('downloads from a URL with typed errors for network failures, HTTP errors and oversize bodies', async () => {
    const bytes = m.trustList.bytes;
    const ok = (async () => new Response(bytes as Uint8Array<ArrayBuffer>, { status: 200 })) as typeof fetch;
    expect(Array.from(await fetchTrustListBytes('https://kofu.example.jp/trust.cbor', { fetchImpl: ok }))).to.deep.equal(Array.from(bytes));
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    await expectCode(fetchTrustListBytes('https://x/', { fetchImpl: offline }), 'trust.fetch-failed');
    await expectCode(fetchTrustListBytes('https://x/', { fetchImpl: (async () => new Response('no', { status: 404 })) as typeof fetch }), 'trust.fetch-status');
    const huge = (async () => new Response('x', { headers: { 'content-length': String(64 * 1024 * 1024) } })) as typeof fetch;
    try {
      await fetchTrustListBytes('https://x/', { fetchImpl: huge });
      expect.fail('accepted');
    } catch (error) {
      expect(error).to.be.instanceOf(TrustListError);
    }
  });
});
