/**
 * Mounting trust panels in component tests (tests only): each "device" gets its own scratch
 * database and services (src/app/trust/testing/devices.ts), and `$` finds an element in any of
 * the mounted panels' shadow roots.
 */
import { fixture } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { device, removeDevices, wallClock } from '../../../app/trust/testing/devices.ts';
import { signInAsTestStaff } from '../../../app/staff/testing.ts';
import { setLanguage } from '../../shared/i18n.ts';

export { appendSignedIssuances } from '../../../app/trust/testing/devices.ts';

export interface Saved {
  name: string;
  data: Uint8Array | string;
}

/** A scratch device on the real clock and this page's origin, with the files its panels saved. */
export async function trustDevice() {
  const services = await device({ clock: wallClock, origin: location.origin });
  const saved: Saved[] = [];
  const saveFile = (name: string, data: Uint8Array | string) => void saved.push({ name, data });
  return { ...services, saved, saveFile };
}

/** Closes and deletes every device's database (run after each test). */
export const removeTrustDevices = removeDevices;

/** Finds `selector` in `root`, its shadow root or any shadow root below (the panels nest one in another). */
export function deepQuery<E extends Element = HTMLElement>(root: ParentNode, selector: string): E | null {
  const found = root.querySelector<E>(selector);
  if (found) return found;
  for (const element of [root, ...root.querySelectorAll('*')]) {
    const inner = element instanceof Element && element.shadowRoot ? deepQuery<E>(element.shadowRoot, selector) : null;
    if (inner) return inner;
  }
  return null;
}

/** Mounts `template` (one panel, or several inside one element) and returns a `$` over everything it renders. */
export async function mountPanels<T extends HTMLElement = HTMLElement>(template: TemplateResult) {
  const root = await fixture<T>(template);
  const $ = <E extends Element = HTMLElement>(selector: string) => deepQuery<E>(root, selector);
  return { root, $ };
}

export function fill(form: HTMLFormElement, values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) (form.elements.namedItem(name) as HTMLInputElement).value = value;
  form.requestSubmit();
}

export function chooseFile(input: HTMLInputElement, file: File): void {
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/**
 * The set-up every trust panel suite shares: a signed-in staff member (admin actions run only
 * for one, src/app/staff/access.ts), English during each test, and the scratch devices removed
 * after it.
 */
export function usePanelFixture(): void {
  before(async function () {
    this.timeout(20_000);
    await signInAsTestStaff();
  });
  beforeEach(() => setLanguage('en'));
  afterEach(async () => {
    setLanguage('ja');
    await removeTrustDevices();
  });
}
