/** The app's staff access, over its own database and the browser's passkeys. */
import { appDatabase } from '../database.ts';
import { StaffAccess } from './access.ts';
import { browserPasskeys } from './passkeys.ts';

let access: StaffAccess | undefined;

export function staffAccess(): StaffAccess {
  access ??= new StaffAccess({ database: appDatabase, passkeys: browserPasskeys, origin: location.origin, rpId: location.hostname, shared: true });
  return access;
}
