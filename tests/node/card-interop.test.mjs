// Interoperability of the virtual My Number card with Node's own crypto (OpenSSL), independent of
// WebCrypto and @peculiar/x509: the demo certificates parse and chain to the demo CA, the card's
// `80 2A 00 80` signature over a SHA-256 DigestInfo verifies as RSA PKCS#1 v1.5, and the embedded
// J-LIS anchors are the same certificates as ../shared/trust-anchors. (The pcscd + OpenSC check is
// `npm run conformance`, which needs root; this one runs everywhere.)
import assert from 'node:assert/strict';
import { createHash, verify, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { importTypeScript } from '../support/import-ts.mjs';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function loadCard() {
  return importTypeScript([
    "export { DEMO_RESIDENTS, createVirtualDemoCard, getDemoCard } from './src/card/virtual/demo-cards.ts';",
    "export { MemoryCardStateStore } from './src/card/virtual/state.ts';",
    "export { JLIS_AUTH_CA_2015, JLIS_AUTH_CA_2023 } from './src/card/mynumber/trust-anchors.ts';",
  ]);
}

const card = await loadCard();
const hex = (text) => Buffer.from(text.replace(/\s+/g, ''), 'hex');
const sw = (response) => Buffer.from(response.subarray(response.length - 2)).toString('hex');

describe('card interop: virtual My Number card vs Node crypto (OpenSSL)', () => {
  for (const resident of card.DEMO_RESIDENTS) {
    it(`${resident.cardId}: certificate chains to the demo CA and the card signature verifies`, async () => {
      const demo = await card.getDemoCard(resident);
      const auth = new X509Certificate(Buffer.from(demo.authCert.rawData));
      const ca = new X509Certificate(Buffer.from(demo.ca.authCa.rawData));
      assert.ok(auth.checkIssued(ca), 'issuer/subject and key identifiers match');
      assert.ok(auth.verify(ca.publicKey), 'CA signature on the user-auth certificate');
      assert.ok(ca.verify(ca.publicKey), 'self-signed demo CA');
      assert.equal(auth.serialNumber.toLowerCase(), resident.authCertSerial.padStart(auth.serialNumber.length, '0'));
      assert.match(ca.subject, /not J-LIS/);
      // Same golden values as src/card/virtual/demo-cards.test.ts (browser build).
      assert.equal(ca.fingerprint256.replace(/:/g, '').toLowerCase(), '2c0d9d0f662f9513caa4df6bc63f93450cfd07391a537ab5aa7ed936282dc849');
      if (resident.cardId === 'demo-card-0001') assert.equal(auth.fingerprint256.replace(/:/g, '').toLowerCase(), '95f26b3e007d92dac99166db64fb762fbcd87945f6f5778a2a1d76975dd27c07');

      const virtual = await card.createVirtualDemoCard(resident, new card.MemoryCardStateStore());
      const send = (bytes) => virtual.processApdu(new Uint8Array(bytes));
      assert.equal(sw(await send(hex('00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01'))), '9000');
      assert.equal(sw(await send(hex('00 A4 02 0C 02 00 18'))), '9000');
      assert.equal(sw(await send(Buffer.concat([hex('00 20 00 80 04'), Buffer.from(resident.authPin, 'ascii')]))), '9000');
      assert.equal(sw(await send(hex('00 A4 02 0C 02 00 17'))), '9000');
      const message = Buffer.from(`challenge for ${resident.cardId}`);
      const digestInfo = Buffer.concat([hex('30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20'), createHash('sha256').update(message).digest()]);
      const response = await send(Buffer.concat([hex('80 2A 00 80 33'), digestInfo, hex('00')]));
      assert.equal(sw(response), '9000');
      const signature = Buffer.from(response.subarray(0, response.length - 2));
      assert.equal(signature.length, 256);
      assert.ok(verify('sha256', message, auth.publicKey, signature), 'RSASSA-PKCS1-v1_5 / SHA-256 with the certificate key');
    });
  }

  it('embeds the J-LIS user-auth CAs byte for byte', () => {
    const shared = path.resolve(root, '../shared/trust-anchors');
    for (const [name, pem] of [['jpki-auth-ca-2015.pem', card.JLIS_AUTH_CA_2015], ['jpki-auth-ca-2023.pem', card.JLIS_AUTH_CA_2023]]) {
      const embedded = new X509Certificate(pem);
      assert.match(embedded.subject, /JPKI for user authentication/);
      assert.ok(embedded.verify(embedded.publicKey), `${name} is self-signed`);
      // The shared folder exists on the development machine, not in a fresh clone.
      if (!existsSync(path.join(shared, name))) continue;
      const original = new X509Certificate(readFileSync(path.join(shared, name)));
      assert.equal(embedded.fingerprint256, original.fingerprint256);
    }
  });
});
