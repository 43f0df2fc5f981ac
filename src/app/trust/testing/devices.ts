/**
 * Scratch devices for the trust roles' tests (tests only): each has its own database and the
 * three services over it, as on a real tablet or admin device.
 */
import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { KofuError } from '../../../bytes/errors.ts';
import { CertificateType, type SealSigner } from '../../../seal/seal.ts';
import { openDatabase, type KofuDatabase } from '../../../store/database.ts';
import { appendIssuance } from '../../../store/issuance-log.ts';
import { MunicipalityAuthority } from '../authority.ts';
import { IssuanceLogTools } from '../issuance-log-tools.ts';
import { TabletSigner } from '../tablet-signer.ts';
import { TrustStore } from '../verifier-trust.ts';
import { describeError } from '../../../ui/shared/error-messages.ts';

export const MUNICIPALITY = 131016; // 千代田区, a real code with a valid check digit
export const START = 1_795_564_800; // 2026-11-25
export const DAY = 86_400;
export const ORIGIN = 'https://kofu.test';

let counter = 0;
const opened: { db: KofuDatabase; name: string }[] = [];

/** A clock that follows the real time, for tests that do not move it. */
export const wallClock = {
  get now(): number {
    return Math.floor(Date.now() / 1000);
  },
};

export async function device(options: { demo?: boolean; clock?: { now: number }; fetchImpl?: typeof fetch; origin?: string } = {}) {
  const name = `kofu-trust-test-${Date.now()}-${counter++}`;
  const db = await openDatabase({ name });
  opened.push({ db, name });
  const clock = options.clock ?? { now: START };
  const now = () => clock.now;
  const store = new TrustStore({ database: async () => db, now, origin: options.origin ?? ORIGIN, fetchImpl: options.fetchImpl });
  const signer = new TabletSigner(store);
  const authority = new MunicipalityAuthority(store, { backupIterations: 1000 });
  const logTools = new IssuanceLogTools(signer, store, async () => db, now);
  if (options.demo === false) await store.setDemoMode(false);
  return { db, store, signer, authority, logTools, clock };
}

/** Closes and deletes every device's database (run after each test). */
export async function removeDevices(): Promise<void> {
  for (const { db, name } of opened.splice(0)) {
    db.close();
    await deleteDB(name);
  }
}

export async function failure(promise: Promise<unknown>): Promise<KofuError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(KofuError);
    return error as KofuError;
  }
  throw new Error('expected a refusal');
}

export async function expectRefusal(promise: Promise<unknown>, code: string, options: { unchanged?: boolean } = { unchanged: true }): Promise<KofuError> {
  const error = await failure(promise);
  expect(error.code).to.equal(code);
  if (options.unchanged) {
    expect(describeError(error, 'en')).to.match(/Nothing was changed\.$/);
    expect(describeError(error, 'ja')).to.match(/(何も変更していません|更新しませんでした)。$/);
  }
  return error;
}

/** Admin device with a root and a first trust list; tablet out of demo mode with that list installed. */
export async function provisionedPair() {
  const admin = await device({ demo: false });
  const tablet = await device({ demo: false, clock: admin.clock });
  const root = await admin.authority.createRoot(MUNICIPALITY, '千代田区');
  const { bytes: listBytes } = await admin.authority.publishTrustList(90);
  await tablet.store.trustPublisherAndImport(listBytes, root.kid, 'trust.kofu');
  const request = await tablet.signer.createSignerRequest('T01', MUNICIPALITY);
  const { certificate } = await admin.authority.certifySigner(request, 365);
  await tablet.signer.installSignerCertificate(certificate);
  return { admin, tablet, root, listBytes };
}

/** Issues `count` 住民票 log entries signed by `signer`, serials from 1000 (as a kiosk would log them). */
export async function appendSignedIssuances(db: KofuDatabase, count: number, signer: SealSigner): Promise<void> {
  for (let i = 0; i < count; i++) {
    await appendIssuance(
      db,
      { serial: 1000 + i, certType: CertificateType.juminhyo, issuedAt: START + i, signerKid: new Uint8Array(8).fill(i), seal: new Uint8Array([i]) },
      signer,
    );
  }
}
