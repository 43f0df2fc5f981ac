import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { openDatabase, type KofuDatabase } from '../../store/database.ts';
import { StoreName } from '../../store/schema.ts';
import { LOCKOUT_POLICY } from '../../staff/passphrase.ts';
import { TEST_RP, TestAuthenticator } from '../../staff/testing/authenticator.ts';
import { StaffAccess, type StaffAccessDeps } from './access.ts';
import { passkeysOf } from './testing.ts';

let counter = 0;
const PASSPHRASE = 'みなみ窓口 staff 2026';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code: string }).code;
  }
  return 'no error';
}

describe('app/staff access', () => {
  let db: KofuDatabase;
  let name: string;
  let clock: number;
  const opened: StaffAccess[] = [];
  function access(overrides: Partial<StaffAccessDeps> = {}): StaffAccess {
    const made = new StaffAccess({ database: async () => db, passkeys: passkeysOf(authenticator), ...TEST_RP, now: () => clock, ...overrides });
    opened.push(made);
    return made;
  }
  let authenticator: TestAuthenticator;

  beforeEach(async () => {
    name = `kofu-staff-test-${Date.now()}-${counter++}`;
    db = await openDatabase({ name });
    clock = 1_700_000_000_000;
    authenticator = await TestAuthenticator.es256();
  });
  afterEach(async () => {
    for (const a of opened.splice(0)) a.signOut();
    db.close();
    await deleteDB(name);
  });

  it('sets a fresh device up with a passkey, signs in with it, and logs both with the credential id', async () => {
    const staff = access();
    expect((await staff.status()).configured).to.equal(false);
    const setup = await staff.setUp('kiosk', { kind: 'passkey', label: '窓口タブレット1' });
    expect(setup.method).to.equal('passkey');
    const status = await staff.status();
    expect(status).to.include({ role: 'kiosk', configured: true, passkeys: 1, passphrase: false });
    staff.signOut();
    expect(staff.current()).to.equal(undefined);
    const session = await staff.signInWithPasskey();
    expect(session.credentialLabel).to.equal('窓口タブレット1');
    const log = await staff.recentLog();
    expect(log.map((e) => `${e.action}:${e.outcome}`)).to.deep.equal(['staff.sign-in:ok', 'staff.sign-out:ok', 'device.set-up:ok']);
    expect(log.every((e) => e.credentialId === session.credentialId)).to.equal(true);
  });

  it('refuses a second first-setup, and a passkey from another authenticator', async () => {
    const staff = access();
    await staff.setUp('admin', { kind: 'passkey', label: 'A' });
    expect(await codeOf(staff.setUp('demo', { kind: 'passphrase', passphrase: PASSPHRASE }))).to.equal('staff.already-set-up');
    staff.signOut();
    const intruder = access({ passkeys: passkeysOf(await TestAuthenticator.es256()) });
    expect(await codeOf(intruder.signInWithPasskey())).to.equal('staff.passkey-refused');
    expect(intruder.current()).to.equal(undefined);
    expect((await intruder.recentLog(1))[0]).to.include({ action: 'staff.sign-in', outcome: 'staff.passkey-refused' });
  });

  it('locks the passphrase after five wrong tries, across a new instance (a reload), with backoff', async () => {
    await access().setUp('demo', { kind: 'passphrase', passphrase: PASSPHRASE });
    let staff = access();
    for (let i = 0; i < LOCKOUT_POLICY.freeAttempts; i++) expect(await codeOf(staff.signInWithPassphrase('wrong passphrase!!'))).to.equal('staff.wrong-passphrase');
    staff = access(); // a reload: the lock is in the database
    expect(await codeOf(staff.signInWithPassphrase(PASSPHRASE))).to.equal('staff.locked');
    clock += 30_000;
    expect(await codeOf(staff.signInWithPassphrase('wrong again!!!!'))).to.equal('staff.wrong-passphrase');
    clock += 30_000;
    expect(await codeOf(staff.signInWithPassphrase(PASSPHRASE))).to.equal('staff.locked'); // now 60 s
    clock += 30_000;
    expect((await staff.signInWithPassphrase(PASSPHRASE)).method).to.equal('passphrase');
    expect((await staff.status()).passphraseLockedUntil).to.equal(0);
  });

  it('ends the session after the idle time; input keeps it open; actions need it', async () => {
    const staff = access({ idleMs: 60_000 });
    await staff.setUp('demo', { kind: 'passphrase', passphrase: PASSPHRASE });
    clock += 50_000;
    staff.touch();
    clock += 50_000;
    expect(staff.current()).to.not.equal(undefined);
    expect(await staff.act('registry.export-csv', async () => 7, (n) => ({ residents: n }))).to.equal(7);
    const [entry] = await staff.recentLog(1);
    expect(entry).to.deep.include({ action: 'registry.export-csv', outcome: 'ok', credentialId: 'passphrase', detail: { residents: 7 } });
    clock += 60_000;
    expect(staff.current()).to.equal(undefined);
    expect(await codeOf(staff.act('registry.export-csv', async () => 1))).to.equal('staff.signed-out');
  });

  it('a device that becomes a verifier keeps no registry and no keys', async () => {
    await db.put(StoreName.sealKeys, { note: 'a key' }, 'signer');
    await db.put(StoreName.registryResidents, { id: 'r1' });
    const staff = access();
    await staff.setUp('kiosk', { kind: 'passphrase', passphrase: PASSPHRASE });
    await staff.changeRole('verifier');
    expect(await db.count(StoreName.sealKeys)).to.equal(0);
    expect(await db.count(StoreName.registryResidents)).to.equal(0);
    expect((await staff.status()).role).to.equal('verifier');
    expect((await staff.recentLog(1))[0]).to.deep.include({ action: 'device.change-role', detail: { role: 'verifier' } });
  });

  it('adds a second passkey and will not remove the last credential', async () => {
    const staff = access();
    await staff.setUp('admin', { kind: 'passphrase', passphrase: PASSPHRASE });
    await staff.addPasskey('鈴木のセキュリティキー');
    expect((await staff.status()).passkeys).to.equal(1);
    await staff.removeCredential('passphrase');
    expect(await codeOf(staff.removeCredential(authenticator.credentialId.toString()))).to.equal('staff.last-credential');
  });
});
