import { expect, html, waitUntil } from '@open-wc/testing';
import './issuance-log-panel.ts';
import { appendSignedIssuances, chooseFile, mountPanels, trustDevice, usePanelFixture } from './testing.ts';

function panelProblems($: (s: string) => HTMLElement | null): HTMLElement[] {
  return [...($('[data-log-report]')?.querySelectorAll<HTMLElement>('li[data-problem]') ?? [])];
}

describe('ui/admin/trust/issuance-log-panel', () => {
  usePanelFixture();

  it('exports the issuance log and reports deleted and modified entries in an edited export', async () => {
    const { signer, logTools, saveFile, saved, db } = await trustDevice();
    const { $ } = await mountPanels(html`<kofu-issuance-log-panel .logTools=${logTools} .saveFile=${saveFile}></kofu-issuance-log-panel>`);
    await appendSignedIssuances(db, 12, await signer.currentSigner());
    $<HTMLButtonElement>('button[data-action="export-log"]')!.click();
    await waitUntil(() => $('[data-section="log"] [data-result="ok"]'), 'exported');
    expect(saved[0].name).to.match(/^kofu-issuance-log-.*\.json$/);
    expect($('[data-section="log"] [data-result="ok"]')!.textContent).to.equal('Exported the issuance log (12 entries).');

    $<HTMLButtonElement>('button[data-action="verify-log"]')!.click();
    await waitUntil(() => $('[data-log-report]'));
    expect($('[data-log-report]')!.dataset.ok).to.equal('true');
    expect($('[data-log-report]')!.textContent).to.contain('12 entries, 2 signatures, 12 entries protected by a signature, 0 after the last signature');
    expect($('[data-log-till]')!.textContent, 'voids and the till total for the reconciliation').to.equal('Void entries: 0 (of which sheets that did not print: 0). Fees the till should have taken: ¥0 (void sheets left out).');

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
});
