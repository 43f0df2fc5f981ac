import { expect } from '@open-wc/testing';
import { fromHex } from '../bytes/bytes.ts';
import { decodeCanonical, encodeCanonical, type CborValue } from './cbor.ts';
import { COSE_ALG_ES256, HEADER_SIGNER_CERTIFICATE, HeaderLabel, decodeSign1, sigStructure } from './cose.ts';
import { signEs256 } from './ec.ts';
import { demoTrustAnchor, demoTrustList, DEMO_MUNICIPALITY_CODE, issueDemoSignerCertificate } from './demo.ts';
import { generateRootKeyPair, generateSignerKeyPair } from './keys.ts';
import { CertificateType, MAX_SEAL_BYTES, decodeSeal, encodeSealPayload, signSeal, verifySeal, type SealClaims, type SealVerdict } from './seal.ts';
import { issueSignerCertificate } from './signer-certificate.ts';
import { checkLocatorMatchesSeal } from './match.ts';
import { SealError } from './errors.ts';
import { juminhyoClaims } from './testing/fixtures.ts';
import { TEST_MUNICIPALITY, TEST_NOW, YEAR, makeMunicipality, type TestMunicipality } from './testing/setup.ts';
import { openTrustList, signTrustList, withRevokedSigner } from './trust-list.ts';
import { describeError, describeFailure } from '../ui/shared/error-messages.ts';

const verifyOptions = { demoMode: false, supportedRenderVersions: [1], now: TEST_NOW };

function expectInvalid(verdict: SealVerdict, code: string): void {
  if (verdict.ok) expect.fail(`expected ${code}, got a valid verdict`);
  expect(verdict.code, verdict.error.message).to.equal(code);
  expect(verdict.error.code).to.equal(code);
  expect(describeFailure(verdict.code, verdict.error.params, 'ja', verdict.demo).length).to.be.greaterThan(0);
  expect(describeFailure(verdict.code, verdict.error.params, 'en', verdict.demo).length).to.be.greaterThan(0);
}

/** Builds a COSE_Sign1 with a correct signature over arbitrary (possibly non-kofu) parts. */
async function forgeWithValidSignature(m: TestMunicipality, protectedBytes: Uint8Array, unprotected: Map<number, Uint8Array>, payload: Uint8Array): Promise<Uint8Array> {
  const signature = await signEs256(m.signerKeys.privateKey, sigStructure(protectedBytes, payload));
  return encodeCanonical([protectedBytes, unprotected, payload, signature]);
}

describe('seal', () => {
  let m: TestMunicipality;
  let kid: Uint8Array;
  before(async () => {
    m = await makeMunicipality();
    kid = (await decodeSeal(await signSeal(juminhyoClaims(1, TEST_MUNICIPALITY, TEST_NOW - 60), { privateKey: m.signerKeys.privateKey, certificate: m.certificate }))).kid;
  });
  const signer = () => ({ privateKey: m.signerKeys.privateKey, certificate: m.certificate });
  const claims = (overrides: Partial<SealClaims> = {}): SealClaims => ({ ...juminhyoClaims(1, TEST_MUNICIPALITY, TEST_NOW - 60), ...overrides });

  it('signs and verifies a seal, returning the claims and a reason in ja and en', async () => {
    const seal = await signSeal(claims(), signer());
    const verdict = await verifySeal(seal, m.trustList, verifyOptions);
    if (!verdict.ok) expect.fail(verdict.error.message);
    expect(verdict.demo).to.equal(false);
    expect(verdict.warnings).to.deep.equal([]);
    expect(verdict.claims.serial).to.equal(1234567);
    expect(verdict.claims.certType).to.equal(CertificateType.juminhyo);
    expect(verdict.claims.content).to.deep.equal(claims().content);
    expect(verdict.signer.deviceId).to.equal('T01');
    expect(verdict.reason.ja).to.contain('千代田区');
    expect(verdict.reason.en).to.contain('signature valid');
  });

  it('is standard COSE_Sign1: protected header {1: -7, 4: kid}, signer certificate under label -65537', async () => {
    const seal = await signSeal(claims(), signer());
    const sign1 = decodeSign1(seal, 'seal');
    expect([...sign1.protectedHeader.keys()]).to.deep.equal([HeaderLabel.alg, HeaderLabel.kid]);
    expect(sign1.protectedHeader.get(HeaderLabel.alg)).to.equal(COSE_ALG_ES256);
    expect(sign1.protectedBytes[0]).to.equal(0xa2); // map(2)
    expect([...sign1.unprotectedHeader.keys()]).to.deep.equal([HEADER_SIGNER_CERTIFICATE]);
    expect(seal[0]).to.equal(0x84); // untagged array(4)
  });

  it('accepts a seal wrapped in the COSE_Sign1 tag (RFC 9052 §2, #6.18), and names any other tag', async () => {
    const seal = await signSeal(claims(), signer());
    const tagged = Uint8Array.from([0xd2, ...seal]); // 0xC0 | 18: tag 18 in its one-byte form
    const verdict = await verifySeal(tagged, m.trustList, verifyOptions);
    if (!verdict.ok) expect.fail(verdict.code);
    expect(verdict.claims.serial).to.equal(1234567);
    const mac0 = Uint8Array.from([0xd1, ...seal]); // tag 17: COSE_Mac0
    expectInvalid(await verifySeal(mac0, m.trustList, verifyOptions), 'cose.wrong-tag');
    const sign = Uint8Array.from([0xd8, 0x62, ...seal]); // tag 98: COSE_Sign
    let error: unknown;
    try {
      decodeSign1(sign, 'seal');
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(SealError);
    expect((error as SealError).params).to.deep.include({ tag: 98 });
  });

  it('meets the size budget: one-person 住民票 ≤ 700 bytes, six-person household ≤ 2,200 bytes', async () => {
    const one = await signSeal(juminhyoClaims(1, TEST_MUNICIPALITY, TEST_NOW), signer());
    const six = await signSeal(juminhyoClaims(6, TEST_MUNICIPALITY, TEST_NOW), signer());
    console.log(`seal sizes: 1 person ${one.length} B, 6 persons ${six.length} B, signer certificate ${m.certificate.length} B`);
    expect(one.length).to.be.at.most(700);
    expect(six.length).to.be.at.most(2200);
  });

  it('verifies the demo municipality only in demo mode, and every demo verdict says デモ', async () => {
    const demoKeys = await generateSignerKeyPair();
    const certificate = await issueDemoSignerCertificate(demoKeys.publicKey, 'DEMO-1', TEST_NOW);
    const list = await openTrustList(await demoTrustList(TEST_NOW), [await demoTrustAnchor()], { demoMode: true });
    const seal = await signSeal(juminhyoClaims(2, DEMO_MUNICIPALITY_CODE, TEST_NOW - 5), { privateKey: demoKeys.privateKey, certificate });
    const valid = await verifySeal(seal, list, { ...verifyOptions, demoMode: true });
    if (!valid.ok) expect.fail(valid.error.message);
    expect(valid.demo).to.equal(true);
    expect(valid.reason.ja).to.contain('デモ');
    expect(valid.warnings.map((w) => w.code)).to.include('demo');
    const refused = await verifySeal(seal, list, { ...verifyOptions, demoMode: false });
    expectInvalid(refused, 'seal.demo-outside-demo-mode');
    expect(refused.demo).to.equal(true);
    if (refused.ok) expect.fail('refused');
    expect(describeFailure(refused.code, refused.error.params, 'ja', refused.demo)).to.contain('デモ');
  });

  describe('refuses, with a typed reason', () => {
    it('a seal signed by a tablet the root never certified', async () => {
      const rogue = await generateRootKeyPair();
      const keys = await generateSignerKeyPair();
      const certificate = await issueSignerCertificate({ deviceId: 'X', municipality: TEST_MUNICIPALITY, notBefore: 0, notAfter: TEST_NOW + YEAR, publicKey: keys.publicKey }, rogue.privateKey);
      expectInvalid(await verifySeal(await signSeal(claims(), { privateKey: keys.privateKey, certificate }), m.trustList, verifyOptions), 'seal.signer-not-certified');
    });

    it('a seal whose certificate belongs to another key (kid mismatch)', async () => {
      const other = await generateSignerKeyPair();
      expectInvalid(await verifySeal(await signSeal(claims(), { privateKey: other.privateKey, certificate: m.certificate }), m.trustList, verifyOptions), 'seal.bad-signature');
      const payload = encodeSealPayload(claims());
      const protectedBytes = encodeCanonical(new Map<number, number | Uint8Array>([[1, -7], [4, new Uint8Array(8)]]));
      const forged = await forgeWithValidSignature(m, protectedBytes, new Map([[HEADER_SIGNER_CERTIFICATE, m.certificate]]), payload);
      expectInvalid(await verifySeal(forged, m.trustList, verifyOptions), 'seal.kid-mismatch');
    });

    it('a municipality not in the trust list, and an issuer that is not the certificate’s', async () => {
      const elsewhere = await makeMunicipality({ municipality: 271004 });
      expectInvalid(await verifySeal(await signSeal(claims(), signer()), elsewhere.trustList, verifyOptions), 'seal.unknown-issuer');
      try {
        await signSeal(claims({ issuer: 271004 }), signer());
        expect.fail('signed');
      } catch (error) {
        expect((error as { code: string }).code).to.equal('seal.issuer-mismatch');
      }
      const payload = encodeSealPayload(claims({ issuer: 271004 }));
      const protectedBytes = encodeCanonical(new Map<number, number | Uint8Array>([[1, -7], [4, kid]]));
      expectInvalid(await verifySeal(await forgeWithValidSignature(m, protectedBytes, new Map([[HEADER_SIGNER_CERTIFICATE, m.certificate]]), payload), m.trustList, verifyOptions), 'seal.issuer-mismatch');
    });

    it('a revoked signer (the root publishes a new trust list version)', async () => {
      const seal = await signSeal(claims(), signer());
      const revokedContent = withRevokedSigner(m.content, { kid, municipality: TEST_MUNICIPALITY }, TEST_NOW);
      const list = await openTrustList(await signTrustList(revokedContent, m.root), [m.anchor], { demoMode: false });
      expect(list.version).to.equal(2);
      const verdict = await verifySeal(seal, list, verifyOptions);
      expectInvalid(verdict, 'seal.signer-revoked');
      if (verdict.ok) expect.fail('revoked');
      expect(describeError(verdict.error, 'en')).to.contain('revoked');
    });

    it('an issue time outside the signer’s validity (refused at signing too), or in the future', async () => {
      try {
        await signSeal(claims({ issuedAt: TEST_NOW - 2 * YEAR }), signer());
        expect.fail('signed');
      } catch (error) {
        expect((error as { code: string }).code).to.equal('seal.signer-expired');
      }
      const payload = encodeSealPayload(claims({ issuedAt: TEST_NOW - 2 * YEAR }));
      const protectedBytes = encodeCanonical(new Map<number, number | Uint8Array>([[1, -7], [4, kid]]));
      expectInvalid(await verifySeal(await forgeWithValidSignature(m, protectedBytes, new Map([[HEADER_SIGNER_CERTIFICATE, m.certificate]]), payload), m.trustList, verifyOptions), 'seal.outside-validity');
      expectInvalid(await verifySeal(await signSeal(claims({ issuedAt: TEST_NOW + 3600 }), signer()), m.trustList, verifyOptions), 'seal.issued-in-future');
    });

    it('a render version this verifier does not support', async () => {
      expectInvalid(await verifySeal(await signSeal(claims({ renderVersion: 9 }), signer()), m.trustList, verifyOptions), 'seal.unsupported-render-version');
    });

    it('oversize input', async () => {
      expectInvalid(await verifySeal(new Uint8Array(MAX_SEAL_BYTES + 1), m.trustList, verifyOptions), 'seal.too-large');
    });

    it('trailing bytes, indefinite lengths, and non-canonical encodings even with a valid signature', async () => {
      const seal = await signSeal(claims(), signer());
      const trailing = new Uint8Array([...seal, 0x00]);
      expectInvalid(await verifySeal(trailing, m.trustList, verifyOptions), 'cbor.malformed');
      // The same array with an indefinite length header (0x9f … 0xff).
      const indefinite = new Uint8Array([0x9f, ...seal.subarray(1), 0xff]);
      expectInvalid(await verifySeal(indefinite, m.trustList, verifyOptions), 'cbor.malformed');
      // Payload map with a non-minimal integer (0x18 0x07 for 7), correctly signed.
      const payload = encodeSealPayload(claims());
      const protectedBytes = encodeCanonical(new Map<number, number | Uint8Array>([[1, -7], [4, kid]]));
      const renderKey = payload.indexOf(0x07, payload.length - 400); // key 7 (renderVersion) before its value 1
      const nonMinimal = new Uint8Array([...payload.subarray(0, renderKey), 0x18, 0x07, ...payload.subarray(renderKey + 1)]);
      expectInvalid(await verifySeal(await forgeWithValidSignature(m, protectedBytes, new Map([[HEADER_SIGNER_CERTIFICATE, m.certificate]]), nonMinimal), m.trustList, verifyOptions), 'cbor.malformed');
      // Protected header with keys out of order {4: kid, 1: -7}.
      const unsorted = new Uint8Array([0xa2, 0x04, 0x48, ...kid, 0x01, 0x26]);
      expectInvalid(await verifySeal(await forgeWithValidSignature(m, unsorted, new Map([[HEADER_SIGNER_CERTIFICATE, m.certificate]]), payload), m.trustList, verifyOptions), 'cbor.non-canonical');
    });

    it('duplicate map keys, unknown header fields, crit, and unknown claims, even with a valid signature', async () => {
      const payload = encodeSealPayload(claims());
      const cert = new Map([[HEADER_SIGNER_CERTIFICATE, m.certificate]]);
      const duplicate = new Uint8Array([0xa3, 0x01, 0x26, 0x01, 0x26, 0x04, 0x48, ...kid]);
      expectInvalid(await verifySeal(await forgeWithValidSignature(m, duplicate, cert, payload), m.trustList, verifyOptions), 'cbor.malformed');
      const extra = encodeCanonical(new Map<number, number | Uint8Array>([[1, -7], [4, kid], [99, 1]]));
      expectInvalid(await verifySeal(await forgeWithValidSignature(m, extra, cert, payload), m.trustList, verifyOptions), 'cbor.unknown-field');
      const crit = encodeCanonical(new Map<number, unknown>([[1, -7], [2, [99]], [4, kid]]) as never);
      expectInvalid(await verifySeal(await forgeWithValidSignature(m, crit, cert, payload), m.trustList, verifyOptions), 'cose.unknown-critical');
      const es384 = encodeCanonical(new Map<number, number | Uint8Array>([[1, -35], [4, kid]]));
      expectInvalid(await verifySeal(await forgeWithValidSignature(m, es384, cert, payload), m.trustList, verifyOptions), 'cose.unsupported-algorithm');
      const protectedBytes = encodeCanonical(new Map<number, number | Uint8Array>([[1, -7], [4, kid]]));
      const withClaim99 = encodeCanonical(new Map([...(decodeCanonical(payload, 'payload') as Map<number, CborValue>), [99, 1]]));
      expectInvalid(await verifySeal(await forgeWithValidSignature(m, protectedBytes, cert, withClaim99), m.trustList, verifyOptions), 'cbor.unknown-field');
      const unprotectedExtra = new Map([[HEADER_SIGNER_CERTIFICATE, m.certificate], [33, new Uint8Array(1)]]);
      expectInvalid(await verifySeal(await forgeWithValidSignature(m, protectedBytes, unprotectedExtra, payload), m.trustList, verifyOptions), 'cbor.unknown-field');
    });
  });

  it('rejects single-byte changes to a six-person seal (each position × 8 bit flips; all 255 values: mutation.test.ts)', async function () {
    this.timeout(120_000);
    const seal = await signSeal(juminhyoClaims(6, TEST_MUNICIPALITY, TEST_NOW - 60), signer());
    let checked = 0;
    const accepted: string[] = [];
    for (let position = 0; position < seal.length; position++) {
      for (const mask of [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80]) {
        const mutated = seal.slice();
        mutated[position] ^= mask;
        const verdict = await verifySeal(mutated, m.trustList, verifyOptions);
        if (verdict.ok) accepted.push(`${position}^${mask}`);
        checked++;
      }
    }
    expect(accepted).to.deep.equal([]);
    expect(checked).to.equal(seal.length * 8);
  });

  it('checks that a QR locator belongs to the verified seal', async () => {
    const verdict = await verifySeal(await signSeal(claims(), signer()), m.trustList, verifyOptions);
    if (!verdict.ok) expect.fail(verdict.error.message);
    const locator = { version: 1, issuer: TEST_MUNICIPALITY, kid, serial: 1234567, whiteningKey: new Uint8Array(32) };
    expect(() => checkLocatorMatchesSeal(locator, verdict)).to.not.throw();
    for (const other of [{ ...locator, serial: 1 }, { ...locator, issuer: 271004 }, { ...locator, kid: new Uint8Array(8) }]) {
      expect(() => checkLocatorMatchesSeal(other, verdict)).to.throw(SealError, 'seal.locator-mismatch');
    }
  });

  it('hex vector sanity: a COSE Sig_structure has the RFC 9052 §4.4 shape', () => {
    const structure = sigStructure(fromHex('a10126'), fromHex('01'));
    // array(4) "Signature1" h'a10126' h'' h'01'
    expect(Array.from(structure)).to.deep.equal(Array.from(fromHex('84 6a 5369676e617475726531 43 a10126 40 41 01')));
  });
});
