import { expect } from '@open-wc/testing';
import type { CardReader } from '../card/reader.ts';
import { capabilitySummary, permittedReaders, readerCapabilities, runReaderCheck, type BrowserCapabilities, type ReaderCheck, type ReaderCheckDeps } from './reader-check.ts';

const none: BrowserCapabilities = { webUsb: false, isolatedContext: false, smartCardApi: false, webNfc: false };

/** A reader that only counts how often it was released. */
function fakeReader(close: () => Promise<void> = async () => undefined): CardReader & { closed: number } {
  const reader = {
    kind: 'direct' as const,
    label: 'fake',
    path: 'memory',
    closed: 0,
    connect: () => Promise.reject(new Error('not used')),
    close: () => {
      reader.closed++;
      return close();
    },
  };
  return reader;
}

const emptyCheck: ReaderCheck = { capabilities: none, reader: null, cardDetected: false, problems: [] };

describe('app/reader-check', () => {
  it('sums up which readers the browser can use: an Isolated Web App, USB, or none', () => {
    expect(capabilitySummary(none)).to.equal('none');
    expect(capabilitySummary({ ...none, webNfc: true })).to.equal('none');
    expect(capabilitySummary({ ...none, webUsb: true })).to.equal('usb');
    expect(capabilitySummary({ ...none, smartCardApi: true })).to.equal('usb');
    expect(capabilitySummary({ ...none, webUsb: true, isolatedContext: true })).to.equal('isolated');
    // Headless Chromium has WebUSB and is not an Isolated Web App.
    expect(capabilitySummary(readerCapabilities())).to.equal('usb');
  });

  it('lists no permitted readers when the browser will not say', async () => {
    expect(await permittedReaders(() => Promise.reject(new DOMException('blocked', 'SecurityError')))).to.deep.equal([]);
    const listed = [{ name: 'Sony RC-S380', id: '054c:06c3', kind: 'rcs380' as const }];
    expect(await permittedReaders(async () => listed)).to.deep.equal(listed);
  });

  it('releases the reader after the check, whether the check succeeds or throws', async () => {
    const reader = fakeReader();
    const seen: string[] = [];
    const deps: ReaderCheckDeps = {
      open: async (choice) => (seen.push(choice.kind), reader),
      check: async (_reader, language) => ({ ...emptyCheck, problems: [language] }),
    };
    expect((await runReaderCheck({ kind: 'permitted', index: 0 }, 'en', deps)).problems).to.deep.equal(['en']);
    expect(seen).to.deep.equal(['permitted']);
    expect(reader.closed).to.equal(1);

    const failure = new Error('card layer broke');
    const thrown = await runReaderCheck({ kind: 'chooser' }, 'ja', { ...deps, check: () => Promise.reject(failure) }).catch((e: unknown) => e);
    expect(thrown).to.equal(failure);
    expect(reader.closed).to.equal(2);
  });

  it('keeps the check when releasing the reader fails, and checks "no reader" without one', async () => {
    const reader = fakeReader(() => Promise.reject(new Error('unplugged')));
    const check = await runReaderCheck({ kind: 'demo' }, 'ja', { open: async () => reader, check: async () => emptyCheck });
    expect(check).to.equal(emptyCheck);
    expect(reader.closed).to.equal(1);
    expect(await runReaderCheck({ kind: 'demo' }, 'ja', { open: async () => null, check: async (r) => ({ ...emptyCheck, cardDetected: r !== null }) })).to.deep.equal(emptyCheck);
  });

  it('checks the demo reader end to end: the virtual RC-S380, a My Number card, three tries, no VERIFY', async function () {
    this.timeout(30_000);
    const check = await runReaderCheck({ kind: 'demo' }, 'ja');
    expect(check.problems).to.deep.equal([]);
    expect(check.reader?.label).to.contain('RC-S380');
    expect(check.cardDetected).to.equal(true);
    expect(check.token).to.not.equal(undefined);
    expect(check.tries).to.deep.equal({ triesLeft: 3, maxTries: 3, locked: false });
  });
});
