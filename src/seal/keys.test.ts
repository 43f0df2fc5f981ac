import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { openDatabase } from '../store/database.ts';
import { loadRootKey, loadSignerKey, saveRootKey, saveSignerCertificate, saveSignerKey } from '../store/keys.ts';
import { StoreName, backupStores } from '../store/schema.ts';
import { encodeCanonical, decodeCanonical } from './cbor.ts';
import { exportCompressedPublicKey } from './ec.ts';
import { KeyBackupError } from './errors.ts';
import { MIN_PASSPHRASE_LENGTH, PBKDF2_ITERATIONS, exportRootKeyBackup, generateRootKeyPair, generateSignerKeyPair, importRootKeyBackup, isNonExtractable } from './keys.ts';
import { decodeSeal, signSeal, verifySeal } from './seal.ts';
import { issueSignerCertificate } from './signer-certificate.ts';
import { juminhyoClaims } from './testing/fixtures.ts';
import { TEST_MUNICIPALITY, TEST_NOW, YEAR } from './testing/setup.ts';
import { openTrustList, signTrustList } from './trust-list.ts';
import { describeError } from '../ui/shared/error-messages.ts';
import { refusal } from '../bytes/testing/refusal.ts';

const PASSPHRASE = 'さくら-千代田-2026-春';
const info = { municipality: TEST_MUNICIPALITY, name: '千代田区', createdAt: TEST_NOW };

async function expectBackupError(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await refusal(promise, code, KeyBackupError);
  expect(describeError(error, 'ja').length).to.be.greaterThan(5);
}

describe('keys', () => {
  let root: CryptoKeyPair;
  let backup: Uint8Array;
  before(async function () {
    this.timeout(30_000);
    root = await generateRootKeyPair();
    backup = await exportRootKeyBackup(root, PASSPHRASE, info);
  });

  it('PBKDF2 iteration count is at least 600,000 and recorded in the file', () => {
    expect(PBKDF2_ITERATIONS).to.be.at.least(600_000);
    const [header] = decodeCanonical(backup, 'backup') as [Map<number, unknown>];
    expect(header.get(8)).to.equal(PBKDF2_ITERATIONS);
    expect(header.get(7)).to.equal('PBKDF2-SHA256');
  });

  it('restores the root key from its encrypted backup on another device, and it still signs', async function () {
    this.timeout(30_000);
    const restored = await importRootKeyBackup(backup, PASSPHRASE);
    expect(restored.municipality).to.equal(TEST_MUNICIPALITY);
    expect(restored.name).to.equal('千代田区');
    expect(Array.from(restored.publicKey)).to.deep.equal(Array.from(await exportCompressedPublicKey(root.publicKey)));
    // A certificate issued by the restored key verifies under the original public key.
    const tablet = await generateSignerKeyPair();
    const certificate = await issueSignerCertificate({ deviceId: 'T9', municipality: TEST_MUNICIPALITY, notBefore: TEST_NOW - YEAR, notAfter: TEST_NOW + YEAR, publicKey: tablet.publicKey }, restored.keyPair.privateKey);
    const rootPublicKey = await exportCompressedPublicKey(root.publicKey);
    const list = await openTrustList(
      await signTrustList({ version: 1, issuedAt: TEST_NOW, nextUpdate: TEST_NOW + 86_400, roots: [{ municipality: TEST_MUNICIPALITY, name: '千代田区', publicKey: rootPublicKey, notBefore: 0, notAfter: TEST_NOW + YEAR, demo: false }], revoked: [] }, restored.keyPair),
      [{ publicKey: rootPublicKey, demo: false }],
      { demoMode: false },
    );
    const seal = await signSeal(juminhyoClaims(1, TEST_MUNICIPALITY, TEST_NOW), { privateKey: tablet.privateKey, certificate });
    expect((await verifySeal(seal, list, { demoMode: false, supportedRenderVersions: [1], now: TEST_NOW })).ok).to.equal(true);
  });

  it('refuses a wrong passphrase', async function () {
    this.timeout(30_000);
    await expectBackupError(importRootKeyBackup(backup, 'さくら-千代田-2026-夏'), 'key-backup.wrong-passphrase');
  });

  it('refuses a damaged file (a changed byte, truncation, a foreign file) without asking the KDF', async () => {
    const flipped = backup.slice();
    flipped[flipped.length - 40] ^= 0x01; // inside the ciphertext or checksum
    await expectBackupError(importRootKeyBackup(flipped, PASSPHRASE), 'key-backup.damaged');
    await expectBackupError(importRootKeyBackup(backup.subarray(0, backup.length - 10), PASSPHRASE), 'key-backup.not-a-backup');
    await expectBackupError(importRootKeyBackup(new TextEncoder().encode('{"hello":"world"}'), PASSPHRASE), 'key-backup.not-a-backup');
    await expectBackupError(importRootKeyBackup(encodeCanonical(['kofu-root-key']), PASSPHRASE), 'key-backup.not-a-backup');
  });

  it('refuses an edited header whose checksum was recomputed (the header is GCM AAD)', async function () {
    this.timeout(30_000);
    const [header, ciphertext] = decodeCanonical(backup, 'backup') as [Map<number, unknown>, Uint8Array];
    const edited = new Map(header);
    edited.set(4, '偽区');
    const headerBytes = encodeCanonical(edited as never);
    const checksum = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array([...headerBytes, ...ciphertext])));
    await expectBackupError(importRootKeyBackup(encodeCanonical([edited as never, ciphertext, checksum]), PASSPHRASE), 'key-backup.wrong-passphrase');
  });

  it('refuses a short passphrase', async () => {
    await expectBackupError(exportRootKeyBackup(root, 'x'.repeat(MIN_PASSPHRASE_LENGTH - 1), info), 'key-backup.weak-passphrase');
  });

  it('keeps the tablet key non-extractable in IndexedDB, outside backups, and still able to sign', async () => {
    const name = `kofu-keys-test-${Date.now()}`;
    const db = await openDatabase({ name });
    try {
      const keyPair = await generateSignerKeyPair();
      expect(await isNonExtractable(keyPair.privateKey)).to.equal(true);
      await saveSignerKey(db, { keyPair, deviceId: 'T01', createdAt: TEST_NOW });
      const certificate = await issueSignerCertificate({ deviceId: 'T01', municipality: TEST_MUNICIPALITY, notBefore: 0, notAfter: TEST_NOW + YEAR, publicKey: keyPair.publicKey }, root.privateKey);
      await saveSignerCertificate(db, certificate);
      await saveRootKey(db, { keyPair: root, ...info });
      db.close();
      const again = await openDatabase({ name });
      const loaded = await loadSignerKey(again);
      expect(loaded?.deviceId).to.equal('T01');
      expect(await isNonExtractable(loaded!.keyPair.privateKey)).to.equal(true);
      const seal = await signSeal(juminhyoClaims(1, TEST_MUNICIPALITY, TEST_NOW), { privateKey: loaded!.keyPair.privateKey, certificate: loaded!.certificate! });
      expect((await decodeSeal(seal)).claims.serial).to.equal(1234567);
      expect((await loadRootKey(again))?.municipality).to.equal(TEST_MUNICIPALITY);
      expect(backupStores).to.not.include(StoreName.sealKeys);
      again.close();
    } finally {
      await deleteDB(name);
    }
  });
});
