/**
 * Large-text mode: the whole app's type one step larger (125 %), remembered on this device like
 * the language (localStorage, because the first paint needs it synchronously). Every size in the
 * app is in rem or inherited, so scaling the root font size scales the type of every screen,
 * shadow roots included; touch targets keep their pixel minimum.
 */
const STORAGE_KEY = 'kofu.textSize';
const LARGE = '125%';

function readStored(): boolean {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'large';
  } catch {
    return false; // storage blocked: the default size each visit
  }
}

let large = readStored();
apply();

function apply(): void {
  const root = globalThis.document?.documentElement;
  if (!root) return;
  root.style.fontSize = large ? LARGE : '';
  root.dataset.textSize = large ? 'large' : 'normal';
}

export function largeText(): boolean {
  return large;
}

export function setLargeText(on: boolean): void {
  large = on;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, on ? 'large' : 'normal');
  } catch {
    // not remembered, but still applied for this visit
  }
  apply();
}
