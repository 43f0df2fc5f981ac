/**
 * For component tests of admin panels: signs the app's staff access in through its ordinary
 * passphrase path (setting the device up with TEST_STAFF_PASSPHRASE first if it is fresh), so a
 * panel's actions run and are logged as they are in the console. Not imported by production code.
 */
import type { TestAuthenticator } from '../../staff/testing/authenticator.ts';
import type { PasskeyClient } from './passkeys.ts';
import { staffAccess } from './index.ts';

export const TEST_STAFF_PASSPHRASE = 'kofu test staff passphrase';

export async function signInAsTestStaff(): Promise<void> {
  const access = staffAccess();
  if (access.current()) return;
  if (!(await access.status()).configured) {
    try {
      await access.setUp('demo', { kind: 'passphrase', passphrase: TEST_STAFF_PASSPHRASE });
      return;
    } catch {
      // another test page set the shared test database up first: sign in below
    }
  }
  await access.signInWithPassphrase(TEST_STAFF_PASSPHRASE);
}

/** A PasskeyClient answered by a software authenticator (src/staff/testing/authenticator.ts). */
export function passkeysOf(authenticator: TestAuthenticator): PasskeyClient {
  return {
    create: (request) => authenticator.register(request.challenge),
    get: (request) => authenticator.assert(request.challenge),
  };
}
