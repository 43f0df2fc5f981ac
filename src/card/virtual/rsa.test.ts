import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { bigIntToBytes, bytesToBigInt, importRsaPrivateKey, modPow, pkcs1Type1Pad, rsaPrivate, signPkcs1Raw } from './rsa.ts';
import { RESIDENT1_AUTH_KEY } from './fixtures/keys.ts';
import { sha256DigestInfo } from '../mynumber/jpki.ts';

describe('card/virtual/rsa: the virtual card private-key operation', function () {
  this.timeout(60_000);

  it('CRT signing equals the slow reference m^d mod n, and e undoes it', async () => {
    const { key } = await importRsaPrivateKey(RESIDENT1_AUTH_KEY);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 255 }), async (bytes) => {
        const m = bytesToBigInt(bytes) % key.n;
        const fast = rsaPrivate(key, m);
        expect(fast).to.equal(modPow(m, key.d, key.n));
        expect(modPow(fast, key.e, key.n)).to.equal(m);
      }),
      { numRuns: 5 },
    );
  });

  it('pads as EMSA-PKCS1-v1_5 and is accepted by WebCrypto RSASSA-PKCS1-v1_5', async () => {
    const { key, publicKey } = await importRsaPrivateKey(RESIDENT1_AUTH_KEY);
    const em = pkcs1Type1Pad(new Uint8Array([1, 2, 3]), 16)!;
    expect([...em]).to.deep.equal([0, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 1, 2, 3]);
    expect(pkcs1Type1Pad(new Uint8Array(6), 16)).to.equal(null);
    const message = new TextEncoder().encode('reference');
    const signature = signPkcs1Raw(key, await sha256DigestInfo(message))!;
    expect(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', publicKey, signature as Uint8Array<ArrayBuffer>, message)).to.equal(true);
    expect(bytesToBigInt(bigIntToBytes(12345n, 4))).to.equal(12345n);
  });
});
