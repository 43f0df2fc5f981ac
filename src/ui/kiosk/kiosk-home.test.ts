import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { appDatabase } from '../../app/database.ts';
import { writeDemoMode } from '../../app/demo-mode.ts';
import { DEMO_RESIDENTS, MemoryCardStateStore } from '../../card/index.ts';
import { createVirtualDemoCard } from '../../card/virtual/demo-cards.ts';
import { VirtualTypeBPicc } from '../../card/virtual/picc.ts';
import { VirtualRcs380 } from '../../card/virtual/rcs380-device.ts';
import { VirtualRfField } from '../../card/virtual/rf-field.ts';
import './kiosk-home.ts';
import './steps/later-steps.ts';
import type { KofuKioskHome } from './kiosk-home.ts';

/** The current step element's root (`[data-step]`) inside the host. */
const stepOf = (el: KofuKioskHome) => el.shadowRoot!.querySelector('.step > *')?.shadowRoot?.querySelector<HTMLElement>('[data-step]');
const inStep = (el: KofuKioskHome, selector: string) => el.shadowRoot!.querySelector('.step > *')?.shadowRoot?.querySelector<HTMLElement>(selector);
const reach = (el: KofuKioskHome, step: string) => waitUntil(() => stepOf(el)?.dataset.step === step, `the ${step} step`, { timeout: 20_000 });

/** はじめる and 同意する: on to the reader step. */
async function agreeToTerms(el: KofuKioskHome): Promise<void> {
  await reach(el, 'start');
  inStep(el, '[data-action="start"]')!.click();
  await reach(el, 'terms');
  inStep(el, '[data-action="agree"]')!.click();
}

/** A `navigator.usb` whose getDevices() answers a virtual RC-S380 with a demo card on it, as a WebUsbAllowDevicesForUrls policy would. */
async function allowVirtualReader(): Promise<() => void> {
  const card = await createVirtualDemoCard(DEMO_RESIDENTS[0], new MemoryCardStateStore());
  const device = new VirtualRcs380(new VirtualRfField(new VirtualTypeBPicc(card)));
  Object.defineProperty(navigator, 'usb', { configurable: true, value: { getDevices: async () => [device], requestDevice: () => Promise.reject(new Error('no chooser expected')) } });
  return () => delete (navigator as { usb?: unknown }).usb;
}

describe('<kofu-kiosk-home>', function () {
  this.timeout(40_000);
  afterEach(async () => {
    fixtureCleanup();
    await writeDemoMode(await appDatabase(), true, { broadcast: false });
  });

  it('opens on the start step, with the heading and no Cancel (no session until 「はじめる」)', async () => {
    const el = await fixture<KofuKioskHome>(html`<kofu-kiosk-home></kofu-kiosk-home>`);
    expect(el.shadowRoot!.querySelector('h1')!.textContent).to.include('証明書の交付');
    expect(el.shadowRoot!.querySelector('[data-action="cancel"]')).to.equal(null);
    const start = el.shadowRoot!.querySelector('kofu-kiosk-start')!;
    await start.updateComplete;
    expect(start.shadowRoot!.querySelector('[data-step="start"] [data-action="start"]')).to.not.equal(null);
  });

  it('はじめる → the terms, with their own やめる and no second one in the bar; やめる returns to the start', async () => {
    const el = await fixture<KofuKioskHome>(html`<kofu-kiosk-home></kofu-kiosk-home>`);
    await reach(el, 'start');
    inStep(el, '[data-action="start"]')!.click();
    await reach(el, 'terms');
    expect(el.shadowRoot!.querySelector('[data-action="cancel"]')).to.equal(null);
    inStep(el, '[data-action="decline"]')!.click();
    await reach(el, 'start');
  });

  it('demo mode: an allowed reader is offered as one tap (no chooser) and reads the card on it', async () => {
    const restore = await allowVirtualReader();
    try {
      const el = await fixture<KofuKioskHome>(html`<kofu-kiosk-home></kofu-kiosk-home>`);
      await agreeToTerms(el);
      await waitUntil(() => inStep(el, '[data-allowed-reader="054c:06c3"]'), 'the allowed reader is listed');
      expect(stepOf(el)!.dataset.step, 'demo mode does not open it by itself').to.equal('reader');
      inStep(el, '[data-allowed-reader="054c:06c3"]')!.click();
      await reach(el, 'pin');
    } finally {
      restore();
    }
  });

  it('outside demo mode a single allowed reader is opened by itself after 同意する', async () => {
    await writeDemoMode(await appDatabase(), false, { broadcast: false });
    const restore = await allowVirtualReader();
    try {
      const el = await fixture<KofuKioskHome>(html`<kofu-kiosk-home></kofu-kiosk-home>`);
      await agreeToTerms(el);
      // No tap: the reader is opened and the card read. A demo card is not trusted outside demo
      // mode, so the read ends in that refusal — proof enough that the reader was used.
      await waitUntil(() => stepOf(el)?.dataset.step === 'error' || stepOf(el)?.dataset.step === 'card', 'the reader was opened', { timeout: 20_000 });
      await reach(el, 'error');
      expect(el.shadowRoot!.querySelector('kofu-kiosk-error')!.code).to.match(/^card\.cert-/);
    } finally {
      restore();
    }
  });
});
