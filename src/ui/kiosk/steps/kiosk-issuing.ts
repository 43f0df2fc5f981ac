/**
 * `<kofu-kiosk-issuing>`: one progress bar across every copy and the stages of each — sign,
 * carrier (the image on the back), PDF — with the stage named (no Cancel here: it is short). The
 * bar is a WAI-ARIA `progressbar` (src/ui/shared/progress-bar.ts: aria-valuenow 0–100,
 * aria-valuetext the stage), so a screen reader hears how far it is.
 */
import { css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { IssuingStage } from '../../../app/kiosk-session.ts';
import type { CertificateKind } from '../../../documents/types.ts';
import { t } from '../../shared/i18n.ts';
import type { StaticMessageKey } from '../../shared/messages.ts';
import { progressBar, progressBarStyles } from '../../shared/progress-bar.ts';
import { KioskStep, titleOf } from './kiosk-step.ts';

const STAGE_WORDS: Readonly<Record<IssuingStage, StaticMessageKey>> = {
  sign: 'kiosk.issuing.stage.sign',
  carrier: 'kiosk.issuing.stage.carrier',
  pdf: 'kiosk.issuing.stage.pdf',
};

@customElement('kofu-kiosk-issuing')
export class KofuKioskIssuing extends KioskStep {
  static override styles = [
    ...KioskStep.styles,
    progressBarStyles,
    css`
      .bar {
        height: 28px;
        border-radius: 14px;
      }
      .stage {
        font-size: 1.2rem;
        font-weight: 600;
        margin: 12px 0 0;
      }
    `,
  ];

  @property() kind: CertificateKind = 'juminhyo';
  /** The copy being made, from 1. */
  @property({ type: Number }) copy = 1;
  @property({ type: Number }) copies = 1;
  @property() stage: IssuingStage = 'sign';
  /** 0–1 over every copy. */
  @property({ type: Number }) progress = 0;

  private get percent(): number {
    return Math.round(Math.min(1, Math.max(0, this.progress)) * 100);
  }

  override render() {
    const percent = this.percent;
    const stage = t(STAGE_WORDS[this.stage]);
    return html`<div class="panel" data-step="issuing">
      <h2 tabindex="-1">${t('kiosk.issuing.heading')}</h2>
      <p class="lead">${titleOf(this.kind)} — ${t('kiosk.issuing.copy', { copy: this.copy, copies: this.copies })}</p>
      ${progressBar({ label: t('kiosk.issuing.bar'), percent, step: stage })}
      <p class="stage" role="status" data-stage=${this.stage}>${stage}</p>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-kiosk-issuing': KofuKioskIssuing;
  }
}
