/** `<kofu-kiosk-issuing>`: signing and laying out copy `copy` of `copies` (no Cancel here: it is short). */
import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CertificateKind } from '../../../documents/types.ts';
import { t } from '../../shared/i18n.ts';
import { KioskStep, titleOf } from './kiosk-step.ts';

@customElement('kofu-kiosk-issuing')
export class KofuKioskIssuing extends KioskStep {
  @property() kind: CertificateKind = 'juminhyo';
  /** The copy being made, from 1. */
  @property({ type: Number }) copy = 1;
  @property({ type: Number }) copies = 1;
  /** 0–1, of this copy's PDF. */
  @property({ type: Number }) progress = 0;

  override render() {
    return html`<div class="panel" role="status" data-step="issuing">
      <h2 tabindex="-1">${t('kiosk.issuing.heading')}</h2>
      <p class="lead">${titleOf(this.kind)} — ${t('kiosk.issuing.copy', { copy: this.copy, copies: this.copies })}</p>
      <progress max="1" .value=${this.progress}></progress>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-kiosk-issuing': KofuKioskIssuing;
  }
}
