/**
 * The tablet's signer: the key the kiosk seals certificates with, and how it gets certified.
 *
 * Demo mode needs no staff at all: on first use the tablet gets a non-extractable key certified by
 * the demo root (whose private key ships in the source, see src/seal/demo.ts), together with the
 * demo trust list; both are renewed when they run out. The demo key lives in its own slot
 * ('demo-signer'), so switching demo mode off never touches the municipality's real key.
 *
 * The real path (docs/operations.md): the tablet makes a signing request (proof of possession),
 * the admin device certifies it (authority.ts), and the tablet installs the certificate — checked
 * against the roots its trust store holds. Every refusal leaves the stored data untouched and says so.
 */
import { bytesEqual, toHex } from '../../bytes/bytes.ts';
import { isDemoMunicipality, issueDemoSignerCertificate } from '../../seal/demo.ts';
import { exportCompressedPublicKey, importPublicKey } from '../../seal/ec.ts';
import { generateSignerKeyPair } from '../../seal/keys.ts';
import type { SealSigner } from '../../seal/seal.ts';
import {
  MAX_DEVICE_ID_LENGTH,
  MAX_SIGNER_CERTIFICATE_BYTES,
  createSignerRequest as createRequestBytes,
  decodeSignerCertificate,
  verifySignerCertificate,
  type SignerCertificate,
} from '../../seal/signer-certificate.ts';
import { isRevoked } from '../../seal/trust-list.ts';
import { loadRootKey, loadSignerKey, promotePendingSigner, saveSignerCertificate, saveSignerKey, type SignerSlot, type StoredSignerKey } from '../../store/keys.ts';
import { TrustServiceError, checkMunicipality, demoChore, hexKid, refuse, unchangedOnFailure } from './common.ts';
import { TrustStoreClient } from './store-client.ts';
import { trustStore, type TrustStore } from './verifier-trust.ts';

/** The largest certificate file a screen should read (docs/formats.md §4). */
export { MAX_SIGNER_CERTIFICATE_BYTES };

/** A demo signer certificate is renewed this long before it ends, so a kiosk never meets the end. */
export const DEMO_RENEW_BEFORE_SECONDS = 7 * 86_400;
/** A real signer certificate this close to its end is flagged on the admin screen. */
export const EXPIRY_WARNING_SECONDS = 30 * 86_400;

export interface SignerInfo {
  readonly deviceId: string;
  readonly municipality: number;
  readonly notBefore: number;
  readonly notAfter: number;
  /** Hex of the signer kid. */
  readonly kid: string;
  readonly demo: boolean;
  readonly expired: boolean;
  /** Valid now but ends within EXPIRY_WARNING_SECONDS: time to make a new request. */
  readonly expiresSoon: boolean;
  readonly revoked: boolean;
}

/** A new key whose request waits for the administrator's certificate. */
export interface PendingRequest {
  readonly deviceId: string;
  readonly municipality?: number;
  /** Hex of the new key's kid: staff compare it with what the admin device shows. */
  readonly kid: string;
  readonly createdAt: number;
}

export type SignerStatus =
  | { readonly state: 'none'; readonly demo: boolean; readonly pending?: undefined }
  | ({ readonly state: 'requested'; readonly demo: false; readonly pending: PendingRequest } & PendingRequest)
  | ({ readonly state: 'certified'; readonly pending?: PendingRequest } & SignerInfo);

/** What the kiosk signs with. */
export interface CurrentSigner extends SealSigner {
  readonly info: SignerInfo;
}

function checkDeviceId(deviceId: string): void {
  if (deviceId.length === 0 || deviceId.length > MAX_DEVICE_ID_LENGTH || /[\u0000-\u001f]/.test(deviceId)) {
    throw refuse('signer.invalid-device-id', { max: MAX_DEVICE_ID_LENGTH });
  }
}

function describeCertificate(certificate: SignerCertificate, now: number, demo: boolean): Omit<SignerInfo, 'revoked'> & { revoked: false } {
  return {
    deviceId: certificate.deviceId,
    municipality: certificate.municipality,
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
    kid: toHex(certificate.kid),
    demo: demo || isDemoMunicipality(certificate.municipality),
    expired: now < certificate.notBefore || now > certificate.notAfter,
    expiresSoon: now >= certificate.notBefore && now <= certificate.notAfter && certificate.notAfter - now < EXPIRY_WARNING_SECONDS,
    revoked: false,
  };
}

export class TabletSigner extends TrustStoreClient {
  private readonly demoProvisioning = demoChore(() => this.demoMode(), () => this.provisionDemo());
  /** Demo signer certificates for the other demo municipalities, by kid/municipality/notAfter. */
  private readonly demoCertificates = new Map<string, Uint8Array>();


  demoMode(): Promise<boolean> {
    return this.store.demoMode();
  }

  /**
   * In demo mode: makes sure the tablet has a demo signer key with a valid certificate and a fresh
   * demo trust list. Idempotent, and concurrent callers share one run.
   */
  ensureDemoProvisioning(): Promise<void> {
    return this.demoProvisioning();
  }

  private async provisionDemo(): Promise<void> {
    const db = await this.db();
    const now = this.now();
    let changed = false;
    const slot: SignerSlot = 'demo-signer';
    let stored = await loadSignerKey(db, slot);
    if (!stored) {
      const deviceId = `DEMO-${toHex(crypto.getRandomValues(new Uint8Array(3))).toUpperCase()}`;
      stored = { keyPair: await generateSignerKeyPair(), deviceId, createdAt: now };
      await saveSignerKey(db, stored, slot);
      changed = true;
    }
    const certificate = stored.certificate ? await decodeSignerCertificate(stored.certificate).catch(() => undefined) : undefined;
    if (!certificate || now < certificate.notBefore || now > certificate.notAfter - DEMO_RENEW_BEFORE_SECONDS) {
      await saveSignerCertificate(db, await issueDemoSignerCertificate(stored.keyPair.publicKey, stored.deviceId, now), slot);
      changed = true;
    }
    await this.store.ensureDemoList();
    if (changed) this.store.announceChange();
  }

  // ---- what the kiosk signs with ------------------------------------------------------------------

  /**
   * The tablet's signer for the kiosk. In demo mode the demo key (provisioned on demand); otherwise
   * the municipality-certified key. Throws TrustServiceError telling staff what to do.
   *
   * `municipality`: the issuer of the certificate about to be signed. A real tablet signs only for
   * the municipality its certificate names. The demo tablet issues for every demo municipality
   * (汐見町's 戸籍 are signed under 汐見町's root): its one demo key gets a certificate from each
   * demo root, made on demand (the demo roots' private keys are public anyway) and kept in memory.
   */
  async currentSigner(municipality?: number): Promise<CurrentSigner> {
    const signer = await this.primarySigner();
    if (municipality === undefined || municipality === signer.info.municipality) return signer;
    if (signer.info.demo && isDemoMunicipality(municipality)) {
      const key = `${signer.info.kid}/${municipality}/${signer.info.notAfter}`;
      let certificate = this.demoCertificates.get(key);
      if (!certificate) {
        const stored = (await loadSignerKey(await this.db(), 'demo-signer'))!;
        certificate = await issueDemoSignerCertificate(stored.keyPair.publicKey, signer.info.deviceId, this.now(), municipality);
        this.demoCertificates.set(key, certificate);
      }
      const decoded = await decodeSignerCertificate(certificate);
      return { privateKey: signer.privateKey, certificate, info: { ...signer.info, municipality, notBefore: decoded.notBefore, notAfter: decoded.notAfter } };
    }
    throw new TrustServiceError('signer.wrong-municipality', { certified: signer.info.municipality, requested: municipality });
  }

  private async primarySigner(): Promise<CurrentSigner> {
    const demoMode = await this.demoMode();
    if (demoMode) await this.ensureDemoProvisioning();
    const status = await this.signerStatus();
    if (status.state === 'none') {
      throw new TrustServiceError('signer.not-provisioned', {});
    }
    if (status.state === 'requested') {
      throw new TrustServiceError('signer.awaiting-certificate', {});
    }
    if (status.revoked) {
      throw new TrustServiceError('signer.revoked', { kid: status.kid });
    }
    if (status.expired) {
      throw new TrustServiceError('signer.certificate-expired', {});
    }
    const stored = (await loadSignerKey(await this.db(), status.demo ? 'demo-signer' : 'signer'))!;
    return { privateKey: stored.keyPair.privateKey, certificate: stored.certificate!, info: status };
  }

  /**
   * The signer in use (the demo key in demo mode) or, with `demo` given, that one explicitly. The
   * real signer also reports a pending request (a new key waiting for its certificate).
   */
  async signerStatus(demo?: boolean): Promise<SignerStatus> {
    const demoMode = demo ?? (await this.demoMode());
    const db = await this.db();
    const stored = await loadSignerKey(db, demoMode ? 'demo-signer' : 'signer');
    const pendingKey = demoMode ? undefined : await loadSignerKey(db, 'signer-pending');
    const describePending = async (key: StoredSignerKey): Promise<PendingRequest> => ({
      deviceId: key.deviceId,
      municipality: key.municipality,
      kid: await hexKid(await exportCompressedPublicKey(key.keyPair.publicKey)),
      createdAt: key.createdAt,
    });
    const pending = pendingKey ? await describePending(pendingKey) : undefined;
    if (!stored?.certificate) {
      if (pending) return { state: 'requested', demo: false, ...pending, pending };
      return { state: 'none', demo: demoMode };
    }
    const certificate = await decodeSignerCertificate(stored.certificate);
    const now = this.now();
    const trust = await this.store.installedList(demoMode ? 'demo' : 'current', demoMode);
    return {
      state: 'certified',
      ...describeCertificate(certificate, now, demoMode),
      revoked: trust ? isRevoked(trust, certificate.kid) !== undefined : false,
      pending,
    };
  }

  // ---- provisioning --------------------------------------------------------------------------------

  /**
   * On the tablet: generates a new non-extractable signing key for the municipality and returns
   * the request file for the admin device. The key waits in the pending slot: a certified key in
   * use keeps issuing until the new certificate is installed (yearly renewal without downtime). An
   * earlier pending request is replaced; its key was never certified.
   */
  async createSignerRequest(deviceId: string, municipality: number): Promise<Uint8Array> {
    checkDeviceId(deviceId);
    checkMunicipality(municipality);
    const keyPair = await generateSignerKeyPair();
    const now = this.now();
    const request = await createRequestBytes(keyPair, deviceId, municipality, now);
    await saveSignerKey(await this.db(), { keyPair, deviceId, createdAt: now, municipality }, 'signer-pending');
    this.store.announceChange();
    return request;
  }

  /**
   * On the tablet: installs the certificate from the admin device. It must be for this tablet's
   * pending key and signed by a root this device trusts (its trust list, or its own root key).
   * The pending key then replaces the key in use.
   */
  async installSignerCertificate(bytes: Uint8Array): Promise<SignerInfo> {
    const db = await this.db();
    const pending = await loadSignerKey(db, 'signer-pending');
    if (!pending) {
      throw refuse('signer.no-request', {});
    }
    const certificate = await unchangedOnFailure(() => decodeSignerCertificate(bytes));
    const ownKey = await exportCompressedPublicKey(pending.keyPair.publicKey);
    if (!bytesEqual(certificate.publicKey, ownKey)) {
      throw refuse('signer.certificate-mismatch', { deviceId: certificate.deviceId });
    }
    const roots = await this.knownRoots(certificate.municipality);
    let certified = false;
    for (const root of roots) {
      if (await verifySignerCertificate(certificate, await importPublicKey(root))) certified = true;
    }
    if (!certified) {
      throw refuse('signer.certificate-untrusted', { municipality: certificate.municipality });
    }
    await promotePendingSigner(db, bytes);
    this.store.announceChange();
    return { ...describeCertificate(certificate, this.now(), false), revoked: false };
  }

  /** The roots this device trusts for `municipality`: its real trust list's, and its own root key (an admin device certifying itself). */
  private async knownRoots(municipality: number): Promise<Uint8Array[]> {
    const list = await this.store.installedList('current', false);
    const keys = (list?.roots ?? []).filter((r) => r.municipality === municipality && !r.demo).map((r) => r.publicKey);
    const root = await loadRootKey(await this.db());
    if (root && root.municipality === municipality) keys.push(await exportCompressedPublicKey(root.keyPair.publicKey));
    return keys;
  }
}

let shared: TabletSigner | undefined;

/** The app's signer over the app's trust store. */
export function tabletSigner(): TabletSigner {
  shared ??= new TabletSigner(trustStore());
  return shared;
}
