import { expect } from '@open-wc/testing';
import { KofuError } from '../bytes/errors.ts';
import { generateRootKeyPair, generateSignerKeyPair } from './keys.ts';
import { createSignerRequest, decodeSignerCertificate, issueSignerCertificate, openSignerRequest, verifySignerCertificate } from './signer-certificate.ts';
import { importPublicKey, exportCompressedPublicKey } from './ec.ts';
import { TEST_MUNICIPALITY, TEST_NOW, YEAR } from './testing/setup.ts';

describe('signer certificate', () => {
  it('a tablet request (proof of possession) → root-issued certificate → verifies under the root', async () => {
    const root = await generateRootKeyPair();
    const tablet = await generateSignerKeyPair();
    const request = await openSignerRequest(await createSignerRequest(tablet, 'T07', TEST_MUNICIPALITY, TEST_NOW));
    expect(request.deviceId).to.equal('T07');
    const bytes = await issueSignerCertificate({ ...request, notBefore: TEST_NOW, notAfter: TEST_NOW + YEAR }, root.privateKey);
    expect(bytes.length).to.be.at.most(140);
    const certificate = await decodeSignerCertificate(bytes);
    expect(certificate.kid).to.deep.equal(request.kid);
    expect(certificate.publicKey).to.deep.equal(await exportCompressedPublicKey(tablet.publicKey));
    expect(await verifySignerCertificate(certificate, root.publicKey)).to.equal(true);
    expect(await verifySignerCertificate(certificate, await importPublicKey(await exportCompressedPublicKey((await generateRootKeyPair()).publicKey)))).to.equal(false);
  });

  it('refuses a request whose key was swapped (no proof of possession)', async () => {
    const tablet = await generateSignerKeyPair();
    const other = await generateSignerKeyPair();
    const request = await createSignerRequest(tablet, 'T07', TEST_MUNICIPALITY, TEST_NOW);
    const otherKey = await exportCompressedPublicKey(other.publicKey);
    const ownKey = await exportCompressedPublicKey(tablet.publicKey);
    const at = request.findIndex((_, i) => ownKey.every((b, j) => request[i + j] === b));
    const swapped = request.slice();
    swapped.set(otherKey, at);
    try {
      await openSignerRequest(swapped);
      expect.fail('accepted');
    } catch (error) {
      expect((error as KofuError).code).to.equal('signer.bad-request-signature');
    }
  });

  it('refuses bad requests to issue', async () => {
    const root = await generateRootKeyPair();
    const tablet = await generateSignerKeyPair();
    for (const [request, code] of [
      [{ deviceId: '', municipality: TEST_MUNICIPALITY, notBefore: 0, notAfter: 1 }, 'signer.bad-device-id'],
      [{ deviceId: 'x'.repeat(33), municipality: TEST_MUNICIPALITY, notBefore: 0, notAfter: 1 }, 'signer.bad-device-id'],
      [{ deviceId: 'T', municipality: TEST_MUNICIPALITY, notBefore: 2, notAfter: 1 }, 'signer.bad-validity'],
      [{ deviceId: 'T', municipality: 1_000_000, notBefore: 0, notAfter: 1 }, 'signer.bad-municipality'],
    ] as const) {
      try {
        await issueSignerCertificate({ ...request, publicKey: tablet.publicKey }, root.privateKey);
        expect.fail('issued');
      } catch (error) {
        expect((error as KofuError).code).to.equal(code);
      }
    }
  });
});
