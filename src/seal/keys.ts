/**
 * Municipality root keys, tablet signing keys, and the encrypted root-key backup file.
 *
 * - The root key (ECDSA P-256) is created in admin mode and must be extractable so it can be
 *   backed up; it signs signer certificates and trust lists, never seals.
 * - A tablet's signing key is generated on the tablet with `extractable: false` (WebCrypto §14.3:
 *   exportKey then throws InvalidAccessError): the private key cannot leave the device, not even
 *   into a kofu backup. A lost or stolen tablet is handled by revoking its key id.
 *
 * Root backup file (docs/formats.md §5), canonical CBOR:
 *   [ header, ciphertext (bstr), checksum (bstr 32) ]
 *   header = {1: "kofu-root-key", 2: 1, 3: municipality, 4: name, 5: publicKey (bstr 33), 6: createdAt,
 *             7: "PBKDF2-SHA256", 8: iterations, 9: salt (bstr 16), 10: iv (bstr 12)}
 *   key        = PBKDF2-HMAC-SHA256(NFC(passphrase) as UTF-8, salt, iterations) → AES-256 key
 *   ciphertext = AES-256-GCM(key, iv, PKCS#8 private key, AAD = canonical CBOR of header)
 *   checksum   = SHA-256(canonical CBOR of header ‖ ciphertext)
 * The checksum tells accidental damage (truncation, a bad disk) from a wrong passphrase; the GCM
 * tag with the header as AAD is what stops deliberate tampering with any field.
 */
import { bytesEqual, concatBytes, sha256 } from '../bytes/bytes.ts';
import { decodeCanonical, encodeCanonical, expectArray, expectBytes, expectMap, expectOnlyKeys, expectText, expectUint } from './cbor.ts';
import { COMPRESSED_KEY_BYTES, ECDSA_P256, ECDSA_SHA256, exportCompressedPublicKey, importPublicKey } from './ec.ts';
import { KeyBackupError } from './errors.ts';
import { MAX_MUNICIPALITY_CODE } from './signer-certificate.ts';

/** OWASP Password Storage Cheat Sheet (2023) minimum for PBKDF2-HMAC-SHA256. */
export const PBKDF2_ITERATIONS = 600_000;
/** A file asking for more would make the device hang: refuse it as damaged. */
export const MAX_PBKDF2_ITERATIONS = 10_000_000;
export const MIN_PASSPHRASE_LENGTH = 12;
export const BACKUP_MAGIC = 'kofu-root-key';
export const BACKUP_VERSION = 1;
export const MAX_BACKUP_FILE_BYTES = 16 * 1024;
const KDF_NAME = 'PBKDF2-SHA256';
const SALT_BYTES = 16;
const IV_BYTES = 12;

const H = { magic: 1, version: 2, municipality: 3, name: 4, publicKey: 5, createdAt: 6, kdf: 7, iterations: 8, salt: 9, iv: 10 } as const;

export interface RootKeyInfo {
  readonly municipality: number;
  readonly name: string;
  /** Unix seconds. */
  readonly createdAt: number;
}

export interface RestoredRootKey extends RootKeyInfo {
  readonly keyPair: CryptoKeyPair;
  readonly publicKey: Uint8Array;
}

export async function generateRootKeyPair(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(ECDSA_P256, true, ['sign', 'verify']);
}

/** The tablet's own key: the private half is non-extractable by construction. */
export async function generateSignerKeyPair(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(ECDSA_P256, false, ['sign', 'verify']);
}

async function deriveKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function exportRootKeyBackup(
  keyPair: CryptoKeyPair,
  passphrase: string,
  info: RootKeyInfo,
  options: { readonly iterations?: number } = {},
): Promise<Uint8Array> {
  if (passphrase.normalize('NFC').length < MIN_PASSPHRASE_LENGTH) {
    throw new KeyBackupError('key-backup.weak-passphrase', { minLength: MIN_PASSPHRASE_LENGTH });
  }
  const iterations = options.iterations ?? PBKDF2_ITERATIONS;
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const header = new Map<number, string | number | Uint8Array>([
    [H.magic, BACKUP_MAGIC],
    [H.version, BACKUP_VERSION],
    [H.municipality, info.municipality],
    [H.name, info.name],
    [H.publicKey, await exportCompressedPublicKey(keyPair.publicKey)],
    [H.createdAt, info.createdAt],
    [H.kdf, KDF_NAME],
    [H.iterations, iterations],
    [H.salt, salt],
    [H.iv, iv],
  ]);
  const headerBytes = encodeCanonical(header);
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', keyPair.privateKey));
  const key = await deriveKey(passphrase, salt, iterations);
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: headerBytes as Uint8Array<ArrayBuffer> }, key, pkcs8));
  pkcs8.fill(0);
  const checksum = await sha256(concatBytes(headerBytes, ciphertext));
  return encodeCanonical([header, ciphertext, checksum]);
}

const damaged = (cause?: unknown) =>
  new KeyBackupError('key-backup.damaged', {}, { cause });

export async function importRootKeyBackup(file: Uint8Array, passphrase: string): Promise<RestoredRootKey> {
  if (file.length > MAX_BACKUP_FILE_BYTES) {
    throw new KeyBackupError('key-backup.not-a-backup', { damaged: false });
  }
  let header: ReadonlyMap<unknown, unknown>;
  let ciphertext: Uint8Array;
  let checksum: Uint8Array;
  try {
    const top = expectArray(decodeCanonical(file, 'key backup'), 'key backup', 'file', 3);
    header = expectMap(top[0], 'key backup', 'header');
    ciphertext = expectBytes(top[1], 'key backup', 'ciphertext');
    checksum = expectBytes(top[2], 'key backup', 'checksum', 32);
  } catch (cause) {
    throw new KeyBackupError('key-backup.not-a-backup', { damaged: true }, { cause });
  }
  if (header.get(H.magic) !== BACKUP_MAGIC) {
    throw new KeyBackupError('key-backup.not-a-backup', { damaged: false });
  }
  if (header.get(H.version) !== BACKUP_VERSION) {
    throw new KeyBackupError('key-backup.unknown-version', {});
  }
  const headerBytes = encodeCanonical(header as Map<number, string>);
  if (!bytesEqual(await sha256(concatBytes(headerBytes, ciphertext)), checksum)) throw damaged();
  let fields: { municipality: number; name: string; publicKey: Uint8Array; createdAt: number; iterations: number; salt: Uint8Array; iv: Uint8Array };
  try {
    const h = header as Map<number, never>;
    expectOnlyKeys(h, Object.values(H), 'key backup');
    if (h.get(H.kdf) !== KDF_NAME) throw damaged();
    fields = {
      municipality: expectUint(h.get(H.municipality), 'key backup', 'municipality', MAX_MUNICIPALITY_CODE),
      name: expectText(h.get(H.name), 'key backup', 'name', 64),
      publicKey: expectBytes(h.get(H.publicKey), 'key backup', 'publicKey', COMPRESSED_KEY_BYTES),
      createdAt: expectUint(h.get(H.createdAt), 'key backup', 'createdAt'),
      iterations: expectUint(h.get(H.iterations), 'key backup', 'iterations', MAX_PBKDF2_ITERATIONS),
      salt: expectBytes(h.get(H.salt), 'key backup', 'salt', SALT_BYTES),
      iv: expectBytes(h.get(H.iv), 'key backup', 'iv', IV_BYTES),
    };
    if (fields.iterations < 1) throw damaged();
  } catch (cause) {
    throw cause instanceof KeyBackupError ? cause : damaged(cause);
  }
  const key = await deriveKey(passphrase, fields.salt, fields.iterations);
  let pkcs8: Uint8Array;
  try {
    pkcs8 = new Uint8Array(
      await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fields.iv as Uint8Array<ArrayBuffer>, additionalData: headerBytes as Uint8Array<ArrayBuffer> }, key, ciphertext as Uint8Array<ArrayBuffer>),
    );
  } catch (cause) {
    throw new KeyBackupError('key-backup.wrong-passphrase', {}, { cause });
  }
  let privateKey: CryptoKey;
  let publicKey: CryptoKey;
  try {
    privateKey = await crypto.subtle.importKey('pkcs8', pkcs8 as Uint8Array<ArrayBuffer>, ECDSA_P256, true, ['sign']);
    publicKey = await importPublicKey(fields.publicKey);
  } catch (cause) {
    throw damaged(cause);
  } finally {
    pkcs8.fill(0);
  }
  // The header's public key must belong to the decrypted private key: prove it by signing.
  const probe = crypto.getRandomValues(new Uint8Array(32));
  const signature = await crypto.subtle.sign(ECDSA_SHA256, privateKey, probe);
  if (!(await crypto.subtle.verify(ECDSA_SHA256, publicKey, signature, probe))) throw damaged();
  return { keyPair: { privateKey, publicKey }, publicKey: fields.publicKey, municipality: fields.municipality, name: fields.name, createdAt: fields.createdAt };
}

/** True when the private key cannot be exported (the tablet-key guarantee). */
export async function isNonExtractable(key: CryptoKey): Promise<boolean> {
  if (key.extractable) return false;
  try {
    await crypto.subtle.exportKey('pkcs8', key);
    return false;
  } catch {
    return true;
  }
}

