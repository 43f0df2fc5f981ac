/**
 * The demo-mode setting, kept in its own small module so the shell can show or hide the demo
 * notice without loading the seal code. On by default: a fresh install is a demo (docs/operations.md).
 */
import type { KofuDatabase } from '../store/database.ts';
import { readSetting, writeSetting } from '../store/settings.ts';

export const DEMO_MODE_SETTING = 'demoMode';

const listeners = new Set<(on: boolean) => void>();

export async function readDemoMode(db: KofuDatabase): Promise<boolean> {
  return (await readSetting<boolean>(db, DEMO_MODE_SETTING, true)) !== false;
}

export async function writeDemoMode(db: KofuDatabase, on: boolean): Promise<void> {
  await writeSetting(db, DEMO_MODE_SETTING, on);
  for (const listener of [...listeners]) listener(on);
}

/** Calls `listener` whenever this page changes demo mode; returns an unsubscribe function. */
export function onDemoModeChange(listener: (on: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
