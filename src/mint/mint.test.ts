import { expect } from '@open-wc/testing';
import { toHex } from '../bytes/bytes.ts';
import { decodeCarrier, encodeCarrier, CAMERA_PROFILE, renderCarrierGrey } from '../carrier/index.ts';
import { fromSealContent } from '../documents/codec.ts';
import { dayFromIso } from '../documents/dates.ts';
import { bindingProblems, CERT_TYPE_CODE, formatSerial } from '../documents/seal-binding.ts';
import { RENDER_VERSION, type Certificate } from '../documents/types.ts';
import { demoRegistry } from '../registry/demo.ts';
import { buildCertificate } from '../registry/issue.ts';
import { MemoryRegistry } from '../registry/registry.ts';
import { decodeLocator, locatorQr, WHITENING_KEY_BYTES } from '../seal/locator.ts';
import { verifySeal } from '../seal/seal.ts';
import { decodeSignerCertificate } from '../seal/signer-certificate.ts';
import { makeMunicipality, TEST_MUNICIPALITY, TEST_NOW, type TestMunicipality } from '../seal/testing/setup.ts';
import { encodePrintedCarrier, FALLBACK_CARRIER_PROFILE, mintBack, PRINTED_CARRIER_PROFILE, type MintRequest } from './mint.ts';
import { MAX_PRINTED_CARRIER_MM } from '../pdf/back-layout.ts';

const VERIFIER_URL = 'https://kofu.example.jp/verify';
const SERIAL = 1234;
const SHEETS = 1;

describe('mint: the back of a sheet', function () {
  this.timeout(30_000);
  let m: TestMunicipality;
  let cert: Certificate;

  before(async () => {
    m = await makeMunicipality();
    // TEST_NOW is 2026-11-25T00:00:00Z, 09:00 JST on the 25th.
    const built = await buildCertificate(new MemoryRegistry(demoRegistry), 'r-newman-emily', { kind: 'juminhyo', scope: 'self', householder: true, honseki: false, myNumber: false }, { serial: formatSerial(SERIAL), issuedOn: dayFromIso('2026-11-25') });
    cert = { ...built, issuer: { ...built.issuer, code: String(TEST_MUNICIPALITY) } } as Certificate;
  });

  /** A request with a recording random source that fills every key with 0x5a. */
  function request(overrides: Partial<MintRequest> = {}): MintRequest & { draws: number[] } {
    const draws: number[] = [];
    return {
      certificate: cert,
      signer: { privateKey: m.signerKeys.privateKey, certificate: m.certificate },
      serial: SERIAL,
      issuedAt: TEST_NOW,
      sheets: SHEETS,
      verifierUrl: VERIFIER_URL,
      random: (length) => (draws.push(length), new Uint8Array(length).fill(0x5a)),
      draws,
      ...overrides,
    };
  }

  it('signs the certificate’s claims and content into a seal the verifier accepts, and the two agree', async () => {
    const back = await mintBack(request());
    const verdict = await verifySeal(back.seal, m.trustList, { demoMode: false, supportedRenderVersions: [RENDER_VERSION], now: TEST_NOW });
    if (!verdict.ok) throw new Error(`${verdict.error.message}`);
    expect(verdict.claims.issuer).to.equal(TEST_MUNICIPALITY);
    expect(verdict.claims.serial).to.equal(SERIAL);
    expect(verdict.claims.issuedAt).to.equal(TEST_NOW);
    expect(verdict.claims.certType).to.equal(CERT_TYPE_CODE.juminhyo);
    expect(verdict.claims.sheets).to.equal(SHEETS);
    expect(fromSealContent(verdict.claims.content)).to.deep.equal(cert);
    expect(bindingProblems(verdict.claims, cert, SHEETS)).to.deep.equal([]);
    expect(back.claims).to.deep.equal(verdict.claims);
  });

  it('puts the issuer, the signer’s kid, the serial and a key from the random source in the locator, and its text in the QR', async () => {
    const req = request();
    const back = await mintBack(req);
    expect(req.draws, 'one draw: the whitening key').to.deep.equal([WHITENING_KEY_BYTES]);
    const { kid } = await decodeSignerCertificate(m.certificate);
    expect(back.locator.issuer).to.equal(TEST_MUNICIPALITY);
    expect(back.locator.serial).to.equal(SERIAL);
    expect(toHex(back.locator.kid)).to.equal(toHex(kid));
    expect(toHex(back.locator.whiteningKey)).to.equal('5a'.repeat(WHITENING_KEY_BYTES));
    expect(back.locatorText.startsWith(VERIFIER_URL)).to.equal(true);
    expect(decodeLocator(back.locatorText)).to.deep.equal(back.locator);
    expect(back.qr).to.deep.equal(locatorQr(back.locatorText));
  });

  it('prints the seal as the carrier whitened with the locator’s key, in the photo-friendly profile when it fits the back', async () => {
    const back = await mintBack(request());
    expect(PRINTED_CARRIER_PROFILE).to.equal(CAMERA_PROFILE);
    expect(back.carrier).to.deep.equal(encodeCarrier(back.seal, back.locator.whiteningKey, CAMERA_PROFILE));
    expect(back.carrier.sideMm).to.be.at.most(MAX_PRINTED_CARRIER_MM);
    const scanned = await decodeCarrier(renderCarrierGrey(back.carrier, 300), back.locator.whiteningKey);
    expect(toHex(scanned.payload)).to.equal(toHex(back.seal));
  });

  it('falls back to the scan profile for a seal too large for the box', () => {
    const big = new Uint8Array(1800).map((_, i) => i * 31);
    const key = new Uint8Array(WHITENING_KEY_BYTES).fill(7);
    expect(encodeCarrier(big, key, CAMERA_PROFILE).sideMm).to.be.greaterThan(MAX_PRINTED_CARRIER_MM);
    const printed = encodePrintedCarrier(big, key);
    expect(printed).to.deep.equal(encodeCarrier(big, key, FALLBACK_CARRIER_PROFILE));
    expect(printed.sideMm).to.be.at.most(MAX_PRINTED_CARRIER_MM);
  });

  it('draws a fresh key for every sheet when the source is random', async () => {
    const random = (length: number) => crypto.getRandomValues(new Uint8Array(length));
    const [a, b] = [await mintBack(request({ random })), await mintBack(request({ random }))];
    expect(toHex(a.locator.whiteningKey)).to.not.equal(toHex(b.locator.whiteningKey));
  });

  it('refuses a signer of another municipality before drawing a key', async () => {
    const req = request({ certificate: { ...cert, issuer: { ...cert.issuer, code: '271004' } } as Certificate });
    let failure: unknown;
    await mintBack(req).catch((error) => (failure = error));
    expect(failure).to.have.property('code', 'seal.issuer-mismatch');
    expect(req.draws).to.deep.equal([]);
  });
});
