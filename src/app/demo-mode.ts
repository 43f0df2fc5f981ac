/**
 * The demo-mode setting, kept in its own small module so the shell can show or hide the demo
 * notice without loading the seal code. On by default: a fresh install is a demo (docs/operations.md).
 *
 * A change is announced to this page's listeners and, through a BroadcastChannel, to the app's
 * other open tabs (a kiosk tab must not keep showing デモ after the admin tab turned demo off).
 */
import type { KofuDatabase } from '../store/database.ts';
import { readSetting, writeSetting } from '../store/settings.ts';
import { appDatabase } from './database.ts';

export const DEMO_MODE_SETTING = 'demoMode';
const CHANNEL_NAME = 'kofu-demo-mode';
/** A copy for the first paint, which cannot wait for IndexedDB (the setting stays the truth). */
const CACHE_KEY = 'kofu.demoMode';

const listeners = new Set<(on: boolean) => void>();
let channel: BroadcastChannel | undefined;

function notify(on: boolean): void {
  for (const listener of [...listeners]) listener(on);
}

function broadcastChannel(): BroadcastChannel | undefined {
  if (!channel && typeof BroadcastChannel === 'function') {
    channel = new BroadcastChannel(CHANNEL_NAME);
    channel.onmessage = (event: MessageEvent<unknown>) => {
      if (typeof event.data === 'boolean') notify(event.data);
    };
  }
  return channel;
}

function remember(on: boolean): void {
  try {
    globalThis.localStorage?.setItem(CACHE_KEY, String(on));
  } catch {
    // storage blocked: the first paint falls back to showing the demo notice
  }
}

/** Synchronous best guess for the first paint: the last value this browser saw, else on. */
export function cachedDemoMode(): boolean {
  try {
    return globalThis.localStorage?.getItem(CACHE_KEY) !== 'false';
  } catch {
    return true;
  }
}

/** Reads the setting of the app's database (`remember`: keep the first-paint copy in step). */
export async function readDemoMode(db: KofuDatabase, options: { readonly remember?: boolean } = {}): Promise<boolean> {
  const on = (await readSetting<boolean>(db, DEMO_MODE_SETTING, true)) !== false;
  if (options.remember) remember(on);
  return on;
}

/** The setting of the app's own database, keeping the first-paint copy in step (the shell's view). */
export async function appDemoMode(): Promise<boolean> {
  return readDemoMode(await appDatabase(), { remember: true });
}

/** Writes the setting of `db`; other tabs hear of it only when `db` is the app's own database. */
export async function writeDemoMode(db: KofuDatabase, on: boolean, options: { readonly broadcast?: boolean } = {}): Promise<void> {
  await writeSetting(db, DEMO_MODE_SETTING, on);
  notify(on);
  if (options.broadcast) {
    remember(on);
    broadcastChannel()?.postMessage(on);
  }
}

/** Calls `listener` whenever demo mode changes in this page or another tab; returns an unsubscribe function. */
export function onDemoModeChange(listener: (on: boolean) => void): () => void {
  broadcastChannel();
  listeners.add(listener);
  return () => listeners.delete(listener);
}
