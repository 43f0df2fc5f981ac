/**
 * UI language: Japanese by default, English on request, remembered on this device.
 *
 * The choice lives in localStorage rather than IndexedDB because the very first paint needs it
 * synchronously. Messages are plain functions of their parameters, so a missing translation is a
 * type error rather than a blank on a store tablet.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Language } from '../../bytes/errors.ts';
import { messages, type MessageKey, type Messages } from './messages.ts';

export type { Language };

const STORAGE_KEY = 'kofu.language';
const listeners = new Set<() => void>();

function readStoredLanguage(): Language {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja'; // storage blocked (some private modes): fall back to the default each visit
  }
}

let current: Language = readStoredLanguage();

export function language(): Language {
  return current;
}

export function setLanguage(next: Language): void {
  if (next === current) return;
  current = next;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // not remembered, but still switched for this visit
  }
  if (globalThis.document) globalThis.document.documentElement.lang = next;
  for (const listener of listeners) listener();
}

type Params<K extends MessageKey> = Messages[K] extends (params: infer P) => string ? P : never;

/** The message `key` in the current language. */
export function t<K extends MessageKey>(key: K, ...params: Messages[K] extends string ? [] : [Params<K>]): string {
  const entry = messages[current][key] as string | ((p: unknown) => string);
  return typeof entry === 'function' ? entry(params[0]) : entry;
}

/** Re-renders a Lit element whenever the language changes. */
export class LanguageController implements ReactiveController {
  private readonly update = () => this.host.requestUpdate();
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  hostConnected(): void {
    listeners.add(this.update);
  }
  hostDisconnected(): void {
    listeners.delete(this.update);
  }
}
