/**
 * The app's single database connection, opened on first use and shared by app/'s controllers.
 * ui/ never holds it: it asks app/ for what it shows (scripts/check-ui-imports.mjs enforces this).
 */
import { openDatabase, type KofuDatabase } from '../store/database.ts';

let opening: Promise<KofuDatabase> | undefined;

export function appDatabase(): Promise<KofuDatabase> {
  opening ??= openDatabase({
    // A newer version of the app in another tab wants to upgrade: let it, and reload into it.
    onVersionChange: () => location.reload(),
  }).catch((error: unknown) => {
    opening = undefined; // let the next call try again
    throw error;
  });
  return opening;
}
