import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { IssuanceLogTools, TrustService } from '../../app/trust/verifier-trust.ts';
import { CertificateType } from '../../seal/index.ts';
import { openDatabase, type KofuDatabase } from '../../store/database.ts';
import { appendIssuance } from '../../store/issuance-log.ts';
import { setLanguage } from '../shared/i18n.ts';
import './trust-panel.ts';
import type { KofuAdminTrust } from './trust-panel.ts';

let counter = 0;
const opened: { db: KofuDatabase; name: string }[] = [];

interface Saved {
  name: string;
  data: Uint8Array | string;
}

async function mount() {
  const name = `kofu-panel-test-${Date.now()}-${counter++}`;
  const db = await openDatabase({ name });
  opened.push({ db, name });
  const service = new TrustService({ database: async () => db, origin: location.origin, backupIterations: 1000 });
  const logTools = new IssuanceLogTools(service, async () => db);
  const saved: Saved[] = [];
  const panel = await fixture<KofuAdminTrust>(
    html`<kofu-admin-trust .service=${service} .logTools=${logTools} .saveFile=${(n: string, data: Uint8Array | string) => saved.push({ name: n, data })}></kofu-admin-trust>`,
  );
  const $ = <E extends Element = HTMLElement>(selector: string) => panel.shadowRoot!.querySelector<E>(selector);
  await waitUntil(() => $('[data-signer="active"][data-state="certified"]') || $('[data-signer="active"][data-state="none"]'), 'panel loaded', { timeout: 10_000 });
  return { panel, db, service, saved, $ };
}

function fill(form: HTMLFormElement, values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) (form.elements.namedItem(name) as HTMLInputElement).value = value;
  form.requestSubmit();
}

function chooseFile(input: HTMLInputElement, file: File): void {
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('ui/admin/trust-panel', () => {
  beforeEach(() => setLanguage('en'));
  afterEach(async () => {
    setLanguage('ja');
    for (const { db, name } of opened.splice(0)) {
      db.close();
      await deleteDB(name);
    }
  });

  it('shows the demo signer and demo trust list, and turning demo mode off stops using them', async () => {
    const { $, service } = await mount();
    const signer = $('[data-signer="active"]')!;
    expect(signer.dataset.demo).to.equal('true');
    expect($('[data-signer="active"] [data-field="device"]')!.textContent).to.match(/^DEMO-/);
    expect($('[data-signer="active"] [data-field="municipality"]')!.textContent).to.equal('992011');
    expect($('[data-signer="real"]')!.dataset.state).to.equal('none');
    expect($('[data-list="demo"] [data-field="version"]')!.textContent).to.contain('1');
    expect($('[data-list="demo"] [data-field="revoked"]')!.textContent).to.equal('0');
    expect($('[data-list="real"]')!.dataset.state).to.equal('none');

    const toggle = $<HTMLInputElement>('input[data-action="demo-mode"]')!;
    expect(toggle.checked).to.equal(true);
    toggle.checked = false;
    toggle.dispatchEvent(new Event('change'));
    await waitUntil(() => $('[data-section="demo"] [data-result="ok"]'), 'turned off');
    expect($('[data-section="demo"] [data-result="ok"]')!.textContent).to.match(/no longer trusted/);
    expect(await service.demoMode()).to.equal(false);
    expect($<HTMLInputElement>('input[data-action="demo-mode"]')!.checked).to.equal(false);
    expect($('[data-signer="active"]')!.dataset.state).to.equal('none');
    expect($('[data-list="demo"]')).to.equal(null);
    expect($('[data-section="demo"]')!.textContent).to.match(/stops trusting the demo municipalities’ root keys/);

    // A file far larger than its format allows is refused before it is read.
    chooseFile($<HTMLInputElement>('input[data-action="install-certificate"]')!, new File([new Uint8Array(4096)], 'photo.jpg'));
    await waitUntil(() => $('[data-section="signer"] [data-result="error"]'));
    expect($('[data-section="signer"] [data-result="error"]')!.textContent).to.equal('“photo.jpg” is too large to be the file for this step. Check the file you chose. Nothing was changed.');
  });

  it('creates a root, refuses mismatched passphrases, saves the backup and publishes a trust list', async () => {
    const { $, saved } = await mount();
    fill($<HTMLFormElement>('form[data-form="create-root"]')!, { municipality: '131017', name: 'Chiyoda' });
    await waitUntil(() => $('[data-section="root"] [data-result="error"]'));
    expect($('[data-section="root"] [data-result="error"]')!.textContent).to.match(/check digit.*Nothing was changed\.$/);

    fill($<HTMLFormElement>('form[data-form="create-root"]')!, { municipality: '131016', name: '千代田区' });
    await waitUntil(() => $('[data-field="root-kid"]'), 'root shown');
    expect($('[data-field="root-kid"]')!.textContent).to.match(/^([0-9a-f]{4} ){3}[0-9a-f]{4}$/);

    fill($<HTMLFormElement>('form[data-form="backup-root"]')!, { passphrase: 'a long passphrase 1', again: 'a long passphrase 2' });
    await waitUntil(() => $('[data-section="root"] [data-result="error"]'));
    expect($('[data-section="root"] [data-result="error"]')!.textContent).to.match(/do not match/);
    expect(saved).to.deep.equal([]);
    fill($<HTMLFormElement>('form[data-form="backup-root"]')!, { passphrase: 'a long passphrase 1', again: 'a long passphrase 1' });
    await waitUntil(() => $('[data-section="root"] [data-result="ok"]'));
    expect(saved[0].name).to.equal('kofu-root-131016.kofukey');

    fill($<HTMLFormElement>('form[data-form="publish"]')!, { days: '90' });
    await waitUntil(() => saved.length === 2);
    expect(saved[1].name).to.equal('kofu-trust-list-v1.kofutrust');
    await waitUntil(() => $('[data-list="real"][data-version="1"]'));
    expect($('[data-list="real"] [data-field="roots"]')!.textContent).to.contain('千代田区（131016）');

    // Restoring the backup with a wrong passphrase on another device is refused and changes nothing.
    const other = await mount();
    const form = other.$<HTMLFormElement>('form[data-form="restore-root"]')!;
    chooseFile(form.querySelector('input[name="file"]')!, new File([saved[0].data as Uint8Array<ArrayBuffer>], saved[0].name));
    await other.panel.updateComplete;
    expect(other.$('[data-field="restore-file"]')!.textContent).to.equal('kofu-root-131016.kofukey');
    fill(form, { passphrase: 'a long passphrase 9' });
    await waitUntil(() => other.$('[data-section="root"] [data-result="error"]'));
    expect(other.$('[data-section="root"] [data-result="error"]')!.textContent).to.equal('Wrong passphrase. Enter the passphrase used when the backup was made. Nothing was changed.');
    expect(other.$('form[data-form="create-root"]'), 'still no root on that device').to.not.equal(null);
  });

  it('exports the issuance log and reports deleted and modified entries in an edited export', async () => {
    const { $, saved, service, db } = await mount();
    const signer = await service.currentSigner();
    for (let i = 0; i < 12; i++) {
      await appendIssuance(
        db,
        { serial: 1000 + i, certType: CertificateType.juminhyo, issuedAt: 1_795_564_800 + i, signerKid: new Uint8Array(8).fill(i), seal: new Uint8Array([i]) },
        signer,
      );
    }
    $<HTMLButtonElement>('button[data-action="export-log"]')!.click();
    await waitUntil(() => $('[data-section="log"] [data-result="ok"]'), 'exported');
    expect(saved[0].name).to.match(/^kofu-issuance-log-.*\.json$/);
    expect($('[data-section="log"] [data-result="ok"]')!.textContent).to.equal('Exported the issuance log (12 entries).');

    $<HTMLButtonElement>('button[data-action="verify-log"]')!.click();
    await waitUntil(() => $('[data-log-report]'));
    expect($('[data-log-report]')!.dataset.ok).to.equal('true');
    expect($('[data-log-report]')!.textContent).to.contain('12 entries, 2 signatures, 12 entries protected by a signature, 0 after the last signature');

    const exported = JSON.parse(saved[0].data as string) as { entries: { seq: number; serial: number }[] };
    exported.entries.splice(3, 1); // delete entry 3
    exported.entries[5].serial = 4242; // modify entry 6
    chooseFile($<HTMLInputElement>('input[data-action="verify-log-file"]')!, new File([JSON.stringify(exported)], 'edited.json'));
    await waitUntil(() => $('[data-log-report][data-ok="false"]'));
    const kinds = [...panelProblems($)].map((li) => `${li.dataset.problem}@${li.dataset.seq}`);
    expect(kinds).to.include('deleted@3');
    expect(kinds).to.include('modified@6');
    expect($('[data-log-report]')!.textContent).to.match(/Entries 3–3 were deleted/);

    chooseFile($<HTMLInputElement>('input[data-action="verify-log-file"]')!, new File(['{"not":"a log"}'], 'x.json'));
    await waitUntil(() => $('[data-section="log"] [data-result="error"]'));
    expect($('[data-section="log"] [data-result="error"]')!.textContent).to.match(/not valid/);
  });

  it('asks for the publisher key id before trusting a new trust list, and keeps the language', async () => {
    const admin = await mount();
    fill(admin.$<HTMLFormElement>('form[data-form="create-root"]')!, { municipality: '131016', name: '千代田区' });
    await waitUntil(() => admin.$('[data-field="root-kid"]'));
    const kid = admin.$('[data-field="root-kid"]')!.textContent!;
    fill(admin.$<HTMLFormElement>('form[data-form="publish"]')!, { days: '30' });
    await waitUntil(() => admin.saved.length === 1);

    const tablet = await mount();
    chooseFile(tablet.$<HTMLInputElement>('input[data-action="import-list"]')!, new File([admin.saved[0].data as Uint8Array<ArrayBuffer>], 'list.kofutrust'));
    await waitUntil(() => tablet.$('form[data-form="confirm-publisher"]'));
    expect(tablet.$('[data-publisher-question]')!.textContent).to.contain('千代田区');
    fill(tablet.$<HTMLFormElement>('form[data-form="confirm-publisher"]')!, { kid: '0000 0000 0000 0000' });
    await waitUntil(() => tablet.$('[data-section="trust"] [data-result="error"]'));
    expect(tablet.$('[data-section="trust"] [data-result="error"]')!.textContent).to.match(/does not match.*Nothing was changed\.$/);
    fill(tablet.$<HTMLFormElement>('form[data-form="confirm-publisher"]')!, { kid });
    await waitUntil(() => tablet.$('[data-list="real"][data-version="1"]'));
    expect(tablet.$('form[data-form="confirm-publisher"]')).to.equal(null);
    expect(tablet.$('[data-field="publishers"]')!.textContent).to.contain(kid);

    setLanguage('ja');
    await tablet.panel.updateComplete;
    expect(tablet.$('[data-section="trust"] h2')!.textContent).to.equal('信頼リスト');
  });
});

function panelProblems($: (s: string) => HTMLElement | null): HTMLElement[] {
  return [...($('[data-log-report]')?.querySelectorAll<HTMLElement>('li[data-problem]') ?? [])];
}
