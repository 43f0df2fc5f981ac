/**
 * The municipality authority, on the admin device: the municipality's root key (create, back up,
 * restore, remove), certifying tablets' signing requests with it, and publishing the trust list
 * that names the root and the revoked signers (docs/operations.md). Each published list is also
 * installed in this device's own trust store, and the root is registered there as a publisher.
 * Every refusal leaves the stored data untouched and says so.
 */
import { bytesEqual, fromHex, toHex } from '../../bytes/bytes.ts';
import { exportCompressedPublicKey, keyIdOf } from '../../seal/ec.ts';
import { MAX_BACKUP_FILE_BYTES, MIN_PASSPHRASE_LENGTH, PBKDF2_ITERATIONS, exportRootKeyBackup, generateRootKeyPair, importRootKeyBackup } from '../../seal/keys.ts';
import { MAX_SIGNER_REQUEST_BYTES, issueSignerCertificate, openSignerRequest, type SignerCertificate, type SignerRequest } from '../../seal/signer-certificate.ts';
import { signTrustList, type TrustList, type TrustListContent, type TrustedRoot } from '../../seal/trust-list.ts';
import { deleteRootKey, loadRootKey, saveRootKey, type StoredRootKey } from '../../store/keys.ts';
import { readSetting, writeSetting } from '../../store/settings.ts';
import { loadTrustList } from '../../store/trust.ts';
import { ListSource, Setting, TrustServiceError, checkMunicipality, cleanKid, hexKid, refuse, unchangedOnFailure } from './common.ts';
import { TrustStoreClient } from './store-client.ts';
import { trustStore, type TrustStore } from './verifier-trust.ts';

/** What the admin screen's forms need to know about the files and passphrases they take. */
export { MAX_BACKUP_FILE_BYTES, MAX_SIGNER_REQUEST_BYTES, MIN_PASSPHRASE_LENGTH };

/** Root keys are published as valid for ten years from their creation (rollover: a new root). */
export const ROOT_LIFETIME_SECONDS = 10 * 365 * 86_400;
/** Certificates start this long before issue, for clock differences between admin device and tablet. */
export const CERTIFICATE_BACKDATE_SECONDS = 10 * 60;
export const DEFAULT_SIGNER_VALIDITY_DAYS = 365;
export const MAX_SIGNER_VALIDITY_DAYS = 3 * 365;
export const DEFAULT_TRUST_LIST_VALIDITY_DAYS = 90;
export const MAX_TRUST_LIST_VALIDITY_DAYS = 366;

/** A signer certificate this admin device issued, as it keeps it (no key, the kid in hex). */
export interface IssuedSigner extends Pick<SignerCertificate, 'deviceId' | 'municipality' | 'notBefore' | 'notAfter'> {
  /** Hex of the signer kid. */
  readonly kid: string;
  readonly issuedAt: number;
}

export interface RootInfo {
  readonly municipality: number;
  readonly name: string;
  readonly createdAt: number;
  /** Hex kid of the root's public key: what staff publish so devices can register it as a trust-list publisher. */
  readonly kid: string;
}

export interface AuthorityOptions {
  /** PBKDF2 iterations for new root backups; tests lower it to stay fast. */
  readonly backupIterations?: number;
}

function checkDays(days: number, max: number, what: 'validity' | 'next-update'): void {
  if (!Number.isSafeInteger(days) || days < 1 || days > max) {
    throw refuse('trust.bad-days', { what, max });
  }
}

function rootEntry(root: StoredRootKey, publicKey: Uint8Array): TrustedRoot {
  return {
    municipality: root.municipality,
    name: root.name,
    publicKey,
    notBefore: Math.max(0, root.createdAt - 86_400),
    notAfter: root.createdAt + ROOT_LIFETIME_SECONDS,
    demo: false,
  };
}

function rootExists(existing: StoredRootKey): TrustServiceError {
  return refuse('root.exists', { name: existing.name, municipality: existing.municipality });
}

export class MunicipalityAuthority extends TrustStoreClient {
  constructor(
    store: TrustStore,
    private readonly options: AuthorityOptions = {},
  ) {
    super(store);
  }

  // ---- the municipality root ---------------------------------------------------------------------

  async rootInfo(): Promise<RootInfo | undefined> {
    const root = await loadRootKey(await this.db());
    if (!root) return undefined;
    return { municipality: root.municipality, name: root.name, createdAt: root.createdAt, kid: await hexKid(await exportCompressedPublicKey(root.keyPair.publicKey)) };
  }

  private async requireRoot(): Promise<StoredRootKey> {
    const root = await loadRootKey(await this.db());
    if (!root) {
      throw refuse('root.missing', {});
    }
    return root;
  }

  async createRoot(municipality: number, name: string): Promise<RootInfo> {
    checkMunicipality(municipality);
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > 64) {
      throw refuse('root.bad-name', {});
    }
    const db = await this.db();
    const existing = await loadRootKey(db);
    if (existing) throw rootExists(existing);
    const keyPair = await generateRootKeyPair();
    await saveRootKey(db, { keyPair, municipality, name: trimmed, createdAt: this.now() });
    await this.store.registerAnchor(await exportCompressedPublicKey(keyPair.publicKey), trimmed);
    this.store.announceChange();
    return (await this.rootInfo())!;
  }

  /** The encrypted backup file (docs/formats.md §5). Both passphrase entries must match. */
  async exportRootBackup(passphrase: string, again: string): Promise<Uint8Array> {
    if (passphrase !== again) {
      throw new TrustServiceError('root.passphrase-mismatch', {});
    }
    if (passphrase.normalize('NFC').length < MIN_PASSPHRASE_LENGTH) {
      throw new TrustServiceError('key-backup.weak-passphrase', { minLength: MIN_PASSPHRASE_LENGTH });
    }
    const root = await this.requireRoot();
    const file = await exportRootKeyBackup(root.keyPair, passphrase, root, { iterations: this.options.backupIterations ?? PBKDF2_ITERATIONS });
    const kid = await hexKid(await exportCompressedPublicKey(root.keyPair.publicKey));
    await writeSetting(await this.db(), Setting.rootBackedUp, { kid, at: this.now() });
    return file;
  }

  /**
   * Removes the root key from this device (security.md: keep it only where it is needed). Refused
   * unless this device saved a backup of this very key; the key id must be typed to confirm.
   */
  async deleteRoot(confirmKid: string): Promise<void> {
    const root = await this.requireRoot();
    const db = await this.db();
    const kid = await hexKid(await exportCompressedPublicKey(root.keyPair.publicKey));
    const backedUp = await readSetting<{ kid: string; at: number } | undefined>(db, Setting.rootBackedUp, undefined);
    if (backedUp?.kid !== kid) {
      throw refuse('root.not-backed-up', {});
    }
    if (cleanKid(confirmKid) !== kid) {
      throw refuse('root.delete-kid-mismatch', {});
    }
    await deleteRootKey(db);
    this.store.announceChange();
  }

  async restoreRoot(file: Uint8Array, passphrase: string): Promise<RootInfo> {
    const restored = await unchangedOnFailure(() => importRootKeyBackup(file, passphrase));
    const db = await this.db();
    const existing = await loadRootKey(db);
    if (existing) {
      const same = bytesEqual(await exportCompressedPublicKey(existing.keyPair.publicKey), restored.publicKey);
      if (same) return (await this.rootInfo())!;
      throw rootExists(existing);
    }
    await saveRootKey(db, { keyPair: restored.keyPair, municipality: restored.municipality, name: restored.name, createdAt: restored.createdAt });
    await this.store.registerAnchor(restored.publicKey, restored.name);
    this.store.announceChange();
    return (await this.rootInfo())!;
  }

  // ---- certifying tablets --------------------------------------------------------------------------

  /** Reads a request file so staff can check the device id, municipality and key id before certifying. */
  async readSignerRequest(bytes: Uint8Array): Promise<SignerRequest & { kidHex: string }> {
    const request = await unchangedOnFailure(() => openSignerRequest(bytes));
    return { ...request, kidHex: toHex(request.kid) };
  }

  /** On the admin device: certifies a tablet's request with the root. Returns the certificate file. */
  async certifySigner(requestBytes: Uint8Array, validityDays = DEFAULT_SIGNER_VALIDITY_DAYS): Promise<{ certificate: Uint8Array; issued: IssuedSigner }> {
    checkDays(validityDays, MAX_SIGNER_VALIDITY_DAYS, 'validity');
    const root = await this.requireRoot();
    const request = await this.readSignerRequest(requestBytes);
    if (request.municipality !== root.municipality) {
      throw refuse('root.other-municipality', { requested: request.municipality, name: root.name, municipality: root.municipality });
    }
    const now = this.now();
    const notBefore = now - CERTIFICATE_BACKDATE_SECONDS;
    const notAfter = Math.min(now + validityDays * 86_400, root.createdAt + ROOT_LIFETIME_SECONDS);
    const certificate = await issueSignerCertificate(
      { deviceId: request.deviceId, municipality: request.municipality, notBefore, notAfter, publicKey: request.publicKey },
      root.keyPair.privateKey,
    );
    const issued: IssuedSigner = { deviceId: request.deviceId, municipality: request.municipality, kid: request.kidHex, notBefore, notAfter, issuedAt: now };
    const db = await this.db();
    const previous = await readSetting<IssuedSigner[]>(db, Setting.issuedSigners, []);
    await writeSetting(db, Setting.issuedSigners, [...previous, issued]);
    this.store.announceChange();
    return { certificate, issued };
  }

  async issuedSigners(): Promise<IssuedSigner[]> {
    return readSetting<IssuedSigner[]>(await this.db(), Setting.issuedSigners, []);
  }

  // ---- publishing the trust list -----------------------------------------------------------------

  /** The next version of this root's list: the installed one if this root signed it, else a first one. */
  private async nextListContent(root: StoredRootKey, validityDays: number): Promise<TrustListContent> {
    const db = await this.db();
    const publicKey = await exportCompressedPublicKey(root.keyPair.publicKey);
    const kid = await keyIdOf(publicKey);
    const stored = await loadTrustList(db, 'current');
    const current = await this.store.installedList('current', false);
    const own = current && bytesEqual(current.anchorKid, kid) ? current : undefined;
    const now = this.now();
    const otherRoots = (own?.roots ?? []).filter((r) => !bytesEqual(r.publicKey, publicKey));
    return {
      version: Math.max(own?.version ?? 0, stored?.version ?? 0) + 1,
      issuedAt: now,
      nextUpdate: now + validityDays * 86_400,
      roots: [rootEntry(root, publicKey), ...otherRoots],
      revoked: own?.revoked ?? [],
    };
  }

  /** Signs `content` and installs it in this device's trust store; returns the file to distribute too. */
  private async publish(content: TrustListContent, root: StoredRootKey): Promise<{ bytes: Uint8Array; list: TrustList }> {
    const bytes = await signTrustList(content, root.keyPair);
    const list = await this.store.importTrustList(bytes, ListSource.published);
    return { bytes, list };
  }

  /** Builds, signs and installs the next trust list version; returns the file to distribute. */
  async publishTrustList(validityDays = DEFAULT_TRUST_LIST_VALIDITY_DAYS): Promise<{ bytes: Uint8Array; list: TrustList }> {
    checkDays(validityDays, MAX_TRUST_LIST_VALIDITY_DAYS, 'next-update');
    const root = await this.requireRoot();
    return this.publish(await this.nextListContent(root, validityDays), root);
  }

  /** Revokes a signer kid: publishes the next list version with it in `revoked`. */
  async revokeSigner(kidHex: string, validityDays = DEFAULT_TRUST_LIST_VALIDITY_DAYS): Promise<{ bytes: Uint8Array; list: TrustList }> {
    const cleaned = cleanKid(kidHex);
    if (!/^[0-9a-f]{16}$/.test(cleaned)) {
      throw refuse('root.bad-kid', {});
    }
    checkDays(validityDays, MAX_TRUST_LIST_VALIDITY_DAYS, 'next-update');
    const root = await this.requireRoot();
    const content = await this.nextListContent(root, validityDays);
    const kid = fromHex(cleaned);
    if (content.revoked.some((r) => bytesEqual(r.kid, kid))) {
      throw refuse('root.already-revoked', { kid: cleaned });
    }
    return this.publish({ ...content, revoked: [...content.revoked, { kid, revokedAt: this.now(), municipality: root.municipality }] }, root);
  }
}

let shared: MunicipalityAuthority | undefined;

/** The app's municipality authority over the app's trust store. */
export function municipalityAuthority(): MunicipalityAuthority {
  shared ??= new MunicipalityAuthority(trustStore());
  return shared;
}
