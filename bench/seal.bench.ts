/**
 * Seal sizes for realistic 住民票の写し content, signing and verification time (ES256 through
 * WebCrypto, including strict decoding and the signer-certificate chain), and the locator's QR version.
 */
import { encodeLocator, locatorQr, WHITENING_KEY_BYTES } from '../src/seal/locator.ts';
import { decodeSeal, signSeal, verifySeal } from '../src/seal/seal.ts';
import { juminhyoClaims } from '../src/seal/testing/fixtures.ts';
import { TEST_MUNICIPALITY, TEST_NOW, makeMunicipality } from '../src/seal/testing/setup.ts';
import { medianMs } from './timing.ts';

const RUNS = 51;

export async function run() {
  const m = await makeMunicipality();
  const signer = { privateKey: m.signerKeys.privateKey, certificate: m.certificate };
  const one = await signSeal(juminhyoClaims(1, TEST_MUNICIPALITY, TEST_NOW), signer);
  const six = await signSeal(juminhyoClaims(6, TEST_MUNICIPALITY, TEST_NOW), signer);
  const options = { demoMode: false, supportedRenderVersions: [1], now: TEST_NOW };
  const signMs = await medianMs(RUNS, () => signSeal(juminhyoClaims(1, TEST_MUNICIPALITY, TEST_NOW), signer), 2);
  const verifyMs = await medianMs(RUNS, () => verifySeal(one, m.trustList, options), 2);
  const verify6Ms = await medianMs(RUNS, () => verifySeal(six, m.trustList, options), 2);
  const kid = (await decodeSeal(one)).kid;
  const url = encodeLocator({ version: 1, issuer: TEST_MUNICIPALITY, kid, serial: 20261125001, whiteningKey: new Uint8Array(WHITENING_KEY_BYTES) }, 'https://kofu.example.jp/verify');
  const qr = locatorQr(url);
  const context = { runs: RUNS, content: 'src/seal/testing/fixtures.ts' };
  return [
    { id: 'seal.size_bytes.juminhyo_1', value: one.length, unit: 'B', budget: 700, note: 'one-person 住民票の写し, signer certificate included' },
    { id: 'seal.size_bytes.juminhyo_6', value: six.length, unit: 'B', budget: 2200, note: 'six-person household' },
    { id: 'seal.signer_certificate_bytes', value: m.certificate.length, unit: 'B' },
    { id: 'seal.sign_ms', value: signMs, unit: 'ms', ...context },
    { id: 'seal.verify_ms', value: verifyMs, unit: 'ms', budget: 50, note: 'one person: strict decode, certificate chain, signature, policy', ...context },
    { id: 'seal.verify_ms.juminhyo_6', value: verify6Ms, unit: 'ms', budget: 50, ...context },
    { id: 'qr.locator_version', value: qr.version, unit: 'version', budget: 6, url_length: url.length, modules: qr.size, error_correction: 'M' },
  ];
}
