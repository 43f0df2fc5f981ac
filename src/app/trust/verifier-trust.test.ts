import { expect } from '@open-wc/testing';
import { readSetting } from '../../store/settings.ts';
import { Setting } from './common.ts';
import { isUnknownPublisher } from './verifier-trust.ts';
import { MUNICIPALITY, ORIGIN, device, expectRefusal, failure, removeDevices } from './testing/devices.ts';
import { describeError } from '../../ui/shared/error-messages.ts';

describe('app/trust/verifier-trust', () => {
  afterEach(removeDevices);

  it('registers an unknown publisher only when staff type its key id; a wrong id changes nothing', async () => {
    const admin = await device({ demo: false });
    const tablet = await device({ demo: false });
    const root = await admin.authority.createRoot(MUNICIPALITY, '千代田区');
    const { bytes } = await admin.authority.publishTrustList();
    const unknown = await failure(tablet.store.importTrustList(bytes, 'x'));
    expect(isUnknownPublisher(unknown)).to.equal(true);
    expect(describeError(unknown, 'en')).to.match(/Nothing was changed/);
    expect((await tablet.store.findUntrustedPublisher(bytes))!.kid).to.equal(root.kid);
    await expectRefusal(tablet.store.trustPublisherAndImport(bytes, '0011223344556677', 'x'), 'trust.publisher-kid-mismatch');
    expect(await readSetting(tablet.db, Setting.trustAnchors, [])).to.deep.equal([]);
    expect((await tablet.store.currentTrust()).list).to.equal(undefined);
    await tablet.store.trustPublisherAndImport(bytes, root.kid.toUpperCase().replace(/(..)/g, '$1 '), 'x');
    expect((await tablet.store.currentTrust()).list!.version).to.equal(1);
    expect(await tablet.store.findUntrustedPublisher(new Uint8Array([1, 2, 3]))).to.equal(undefined);
  });

  it('downloads trust lists only from its own origin or the configured address', async () => {
    const admin = await device({ demo: false });
    await admin.authority.createRoot(MUNICIPALITY, '千代田区');
    const { bytes } = await admin.authority.publishTrustList();
    const next = (await admin.authority.publishTrustList()).bytes;
    const fetched: string[] = [];
    const fetchImpl = (async (url: string) => {
      fetched.push(url);
      return new Response((url.includes('v2') ? next : bytes) as Uint8Array<ArrayBuffer>);
    }) as unknown as typeof fetch;
    const tablet = await device({ demo: false, fetchImpl });
    await tablet.store.trustPublisherAndImport(bytes, (await admin.authority.rootInfo())!.kid, 'file');
    await expectRefusal(tablet.store.importTrustListFromUrl('https://evil.example/trust.kofu'), 'trust.url-not-allowed');
    expect(fetched).to.deep.equal([]);
    await expectRefusal(tablet.store.importTrustListFromUrl('/trust/v1.kofu'), 'trust.not-newer');
    expect((await tablet.store.importTrustListFromUrl('/trust/v2.kofu')).version).to.equal(2);
    await expectRefusal(tablet.store.setTrustListUrl('http://lists.example/t'), 'trust.insecure-url');
    await tablet.store.setTrustListUrl('https://lists.example/trust-v2');
    await expectRefusal(tablet.store.importTrustListFromUrl('https://lists.example/trust-v2'), 'trust.not-newer');
    expect(fetched).to.deep.equal([`${ORIGIN}/trust/v1.kofu`, `${ORIGIN}/trust/v2.kofu`, 'https://lists.example/trust-v2']);
  });
});
