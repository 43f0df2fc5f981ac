/**
 * Committed vectors made on Node's WebCrypto (tests/vectors/seal/generate.mjs) verify here in
 * Chromium, and the browser's canonical encoder reproduces their signed payloads byte for byte.
 */
import { expect } from '@open-wc/testing';
import { fromHex, toHex } from '../bytes/bytes.ts';
import { decodeLocator, locatorQr } from './locator.ts';
import { encodeSealPayload, verifySeal } from './seal.ts';
import { juminhyoClaims } from './testing/fixtures.ts';
import { openTrustList } from './trust-list.ts';

interface Vectors {
  verifyAt: number;
  municipality: number;
  rootPublicKey: string;
  trustList: string;
  kid: string;
  seals: { name: string; persons: number; serial: number; issuedAt: number; payload: string; seal: string; size: number }[];
  locator: { url: string; issuer: number; kid: string; serial: number; whiteningKey: string; qrVersion: number };
}

describe('seal vectors', () => {
  let vectors: Vectors;
  before(async () => {
    vectors = (await (await fetch(new URL('../../tests/vectors/seal/vectors.json', import.meta.url))).json()) as Vectors;
  });

  it('verifies every committed seal and re-encodes its payload identically', async () => {
    const list = await openTrustList(fromHex(vectors.trustList), [{ publicKey: fromHex(vectors.rootPublicKey), demo: false }], { demoMode: false });
    for (const vector of vectors.seals) {
      const verdict = await verifySeal(fromHex(vector.seal), list, { demoMode: false, supportedRenderVersions: [1], now: vectors.verifyAt });
      if (!verdict.ok) expect.fail(`${vector.name}: ${verdict.error.message}`);
      expect(verdict.claims.serial).to.equal(vector.serial);
      expect(toHex(verdict.signer.kid)).to.equal(vectors.kid);
      const payload = encodeSealPayload(juminhyoClaims(vector.persons, vectors.municipality, vector.issuedAt, vector.serial));
      expect(toHex(payload)).to.equal(vector.payload);
    }
  });

  it('decodes the committed locator and draws it at the recorded QR version', () => {
    const locator = decodeLocator(vectors.locator.url);
    expect(locator.serial).to.equal(vectors.locator.serial);
    expect(toHex(locator.whiteningKey)).to.equal(vectors.locator.whiteningKey);
    expect(locatorQr(vectors.locator.url).version).to.equal(vectors.locator.qrVersion);
  });
});
