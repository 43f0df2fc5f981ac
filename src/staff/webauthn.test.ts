import { expect } from '@open-wc/testing';
import { fromHex } from '../bytes/bytes.ts';
import { cborItemEnd } from './cbor-item.ts';
import { TestAuthenticator, expectation, p1363ToDer } from './testing/authenticator.ts';
import { AuthenticatorFlag, CoseAlgorithm, derToP1363, fromBase64Url, parseAuthenticatorData, toBase64Url, verifyAssertion, verifyRegistration } from './webauthn.ts';

const challenge = () => crypto.getRandomValues(new Uint8Array(32));

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect((error as { code?: string }).code).to.equal('staff.passkey-refused');
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

async function registered(authenticator: TestAuthenticator) {
  const c = challenge();
  return verifyRegistration(await authenticator.register(c), expectation(c));
}

describe('staff/webauthn', () => {
  it('registers an ES256 passkey: keeps its id, COSE key, algorithm and counter', async () => {
    const authenticator = await TestAuthenticator.es256();
    const passkey = await registered(authenticator);
    expect(toBase64Url(passkey.id)).to.equal(toBase64Url(authenticator.credentialId));
    expect(passkey.algorithm).to.equal(CoseAlgorithm.ES256);
    expect(toBase64Url(passkey.publicKey)).to.equal(toBase64Url(await authenticator.coseKey()));
    expect(passkey.signCount).to.equal(0);
  });

  it('signs in with an ES256 and an RS256 passkey, and the counter grows', async () => {
    for (const authenticator of [await TestAuthenticator.es256(), await TestAuthenticator.rs256()]) {
      const passkey = await registered(authenticator);
      let stored = { ...passkey };
      for (let i = 1; i <= 2; i++) {
        const c = challenge();
        const { signCount } = await verifyAssertion(await authenticator.assert(c), stored, expectation(c));
        expect(signCount).to.equal(i);
        stored = { ...stored, signCount };
      }
    }
  });

  it('accepts a passkey that keeps no counter (always 0)', async () => {
    const authenticator = await TestAuthenticator.es256({ counting: false });
    const passkey = await registered(authenticator);
    const c = challenge();
    expect((await verifyAssertion(await authenticator.assert(c), passkey, expectation(c))).signCount).to.equal(0);
  });

  it('refuses a registration with the wrong type, challenge, origin or relying party, or without user verification', async () => {
    const authenticator = await TestAuthenticator.es256();
    const c = challenge();
    const cases = [
      [{ type: 'webauthn.get' }, 'wrong type'],
      [{ challenge: challenge() }, 'wrong challenge'],
      [{ origin: 'https://evil.example' }, 'wrong origin'],
      [{ rpId: 'evil.example' }, 'wrong relying party'],
      [{ flags: AuthenticatorFlag.userPresent | AuthenticatorFlag.attestedCredentialData }, 'user not verified'],
      [{ flags: AuthenticatorFlag.userVerified | AuthenticatorFlag.attestedCredentialData }, 'user not present'],
    ] as const;
    for (const [override, reason] of cases) {
      expect(await refusal(verifyRegistration(await authenticator.register(c, override), expectation(c)))).to.contain(reason);
    }
  });

  it('refuses an assertion with a bad signature, another credential, a stale counter, the wrong challenge or origin, or no UV', async () => {
    const authenticator = await TestAuthenticator.es256();
    const passkey = await registered(authenticator);
    const c = challenge();
    const good = await authenticator.assert(c);
    const forged = { ...good, signature: p1363ToDer(crypto.getRandomValues(new Uint8Array(64)).map((b, i) => (i === 0 || i === 32 ? b & 0x7f : b))) };
    expect(await refusal(verifyAssertion(forged, passkey, expectation(c)))).to.contain('bad signature');
    const tampered = { ...good, authenticatorData: good.authenticatorData.map((b, i) => (i === good.authenticatorData.length - 1 ? b ^ 1 : b)) };
    expect(await refusal(verifyAssertion(tampered, passkey, expectation(c)))).to.contain('bad signature');
    const other = await TestAuthenticator.es256();
    expect(await refusal(verifyAssertion(await other.assert(c), passkey, expectation(c)))).to.contain('unknown credential');
    expect(await refusal(verifyAssertion(good, { ...passkey, signCount: good.authenticatorData[36] }, expectation(c)))).to.contain('sign counter');
    expect(await refusal(verifyAssertion(await authenticator.assert(c), passkey, expectation(challenge())))).to.contain('wrong challenge');
    expect(await refusal(verifyAssertion(await authenticator.assert(c, { origin: 'http://127.0.0.1:4173' }), passkey, expectation(c)))).to.contain('wrong origin');
    expect(await refusal(verifyAssertion(await authenticator.assert(c, { type: 'webauthn.create' }), passkey, expectation(c)))).to.contain('wrong type');
    expect(await refusal(verifyAssertion(await authenticator.assert(c, { flags: AuthenticatorFlag.userPresent }), passkey, expectation(c)))).to.contain('user not verified');
    expect(await refusal(verifyAssertion(await authenticator.assert(c, { rpId: 'evil.example' }), passkey, expectation(c)))).to.contain('wrong relying party');
  });

  it('parses a recorded authenticator data without attested data (rpIdHash, flags, counter)', () => {
    // SHA-256("kofu.example") ‖ flags UP|UV ‖ counter 7
    const bytes = fromHex('7364056cd1b33a5782e44001a54a5a67e9946db17089dc4ead33c0fa02507d75' + '05' + '00000007');
    const data = parseAuthenticatorData(bytes);
    expect(data.flags).to.equal(0x05);
    expect(data.signCount).to.equal(7);
    expect(data.credential).to.equal(undefined);
    expect(() => parseAuthenticatorData(bytes.subarray(0, 36))).to.throw(/too short/);
    expect(() => parseAuthenticatorData(new Uint8Array([...bytes, 0]))).to.throw(/trailing/);
  });

  it('converts DER ECDSA signatures strictly', () => {
    const raw = new Uint8Array(64).fill(0x11);
    raw[0] = 0x80; // r needs a leading zero in DER
    raw[32] = 0x00; // s has a leading zero byte to drop
    raw[33] = 0x05;
    expect(Array.from(derToP1363(p1363ToDer(raw)))).to.deep.equal(Array.from(raw));
    const der = p1363ToDer(raw);
    expect(() => derToP1363(der.subarray(0, der.length - 1))).to.throw(/DER/);
    expect(() => derToP1363(new Uint8Array([0x30, 6, 2, 1, 0x80, 2, 1, 1]))).to.throw(/DER/); // negative r
    expect(() => derToP1363(new Uint8Array([0x30, 7, 2, 2, 0, 1, 2, 1, 1]))).to.throw(/DER/); // surplus zero
  });

  it('finds the end of a CBOR item (the COSE key inside authenticator data)', () => {
    expect(cborItemEnd(fromHex('a201020304ff'))).to.equal(5); // {1: 2, 3: 4} then one more byte
    expect(cborItemEnd(fromHex('5803010203'))).to.equal(5); // 3-byte string with a 1-byte length
    expect(() => cborItemEnd(fromHex('5f'))).to.throw(/indefinite/);
    expect(() => cborItemEnd(fromHex('430102'))).to.throw(/truncated/);
  });

  it('round-trips base64url without padding', () => {
    for (const length of [0, 1, 2, 3, 31, 32]) {
      const bytes = crypto.getRandomValues(new Uint8Array(length));
      const text = toBase64Url(bytes);
      expect(text).to.not.match(/[+/=]/);
      expect(Array.from(fromBase64Url(text))).to.deep.equal(Array.from(bytes));
    }
  });
});
