/**
 * Mounting trust panels in component tests (tests only): each "device" gets its own scratch
 * database and services, and `$` finds an element in any of the mounted panels' shadow roots.
 */
import { fixture } from '@open-wc/testing';
import { deleteDB } from 'idb';
import type { TemplateResult } from 'lit';
import { MunicipalityAuthority } from '../../../app/trust/authority.ts';
import { IssuanceLogTools } from '../../../app/trust/issuance-log-tools.ts';
import { TabletSigner } from '../../../app/trust/tablet-signer.ts';
import { TrustStore } from '../../../app/trust/verifier-trust.ts';
import { openDatabase, type KofuDatabase } from '../../../store/database.ts';

let counter = 0;
const opened: { db: KofuDatabase; name: string }[] = [];

export interface Saved {
  name: string;
  data: Uint8Array | string;
}

export interface TrustDevice {
  readonly db: KofuDatabase;
  readonly store: TrustStore;
  readonly signer: TabletSigner;
  readonly authority: MunicipalityAuthority;
  readonly logTools: IssuanceLogTools;
  /** Files the panels handed to the browser. */
  readonly saved: Saved[];
  readonly saveFile: (name: string, data: Uint8Array | string) => void;
}

export async function trustDevice(): Promise<TrustDevice> {
  const name = `kofu-panel-test-${Date.now()}-${counter++}`;
  const db = await openDatabase({ name });
  opened.push({ db, name });
  const store = new TrustStore({ database: async () => db, origin: location.origin });
  const signer = new TabletSigner(store);
  const authority = new MunicipalityAuthority(store, { backupIterations: 1000 });
  const logTools = new IssuanceLogTools(signer, store, async () => db);
  const saved: Saved[] = [];
  return { db, store, signer, authority, logTools, saved, saveFile: (n, data) => void saved.push({ name: n, data }) };
}

/** Closes and deletes every device's database (run after each test). */
export async function removeTrustDevices(): Promise<void> {
  for (const { db, name } of opened.splice(0)) {
    db.close();
    await deleteDB(name);
  }
}

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
