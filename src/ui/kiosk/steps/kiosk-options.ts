/**
 * `<kofu-kiosk-options>`: the options of the chosen certificate (the form of `OPTIONS` in
 * src/documents/options.ts: who is listed, 世帯主, 本籍, 個人番号 with its warning, the tax
 * certificate's kind and fiscal year, 戸籍 scope), the number of copies and the fee. Every change
 * is reported; the session answers with the new fee, or with a problem (e.g. a chosen member).
 *
 * @fires kofu-kiosk-options - The options or copies changed (detail: the whole `request` and `copies`).
 * @fires kofu-kiosk-back - 「戻る」 to the certificate kinds.
 * @fires kofu-kiosk-next - 「次へ」 to the confirmation.
 */
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { LocalizedText } from '../../../bytes/errors.ts';
import { formatFiscalYear } from '../../../documents/dates.ts';
import type { CertificateRequest } from '../../../documents/options.ts';
import type { CertificateKind, TaxKind } from '../../../documents/types.ts';
import { kioskOption } from '../../../app/kiosk-catalog.ts';
import type { HouseholdMember } from '../../../app/kiosk-session.ts';
import { language, t } from '../../shared/i18n.ts';
import { kioskEvent } from '../kiosk-events.ts';
import { formatYen, KioskStep, localized, titleOf } from './kiosk-step.ts';

type ResidenceRequest = Extract<CertificateRequest, { kind: 'juminhyo' | 'kisai' }>;
type TaxRequest = Extract<CertificateRequest, { kind: 'tax' }>;

@customElement('kofu-kiosk-options')
export class KofuKioskOptions extends KioskStep {
  static override styles = [
    ...KioskStep.styles,
    css`
      .panel {
        padding: 12px 16px;
      }
      fieldset {
        border: 1px solid var(--kofu-line);
        border-radius: var(--kofu-radius);
        margin: 0 0 8px;
        padding: 4px 14px 8px;
      }
      legend {
        font-weight: 700;
        padding: 0 6px;
      }
      label.choice {
        display: flex;
        align-items: center;
        gap: 12px;
        min-height: var(--kofu-touch);
        font-size: 1.1rem;
      }
      label.choice input {
        flex: none;
        width: 28px;
        height: 28px;
      }
      select {
        min-height: var(--kofu-touch);
        font: inherit;
        font-size: 1.1rem;
      }
      .option-grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
        gap: 0 12px;
        align-items: start;
      }
      .no-code {
        margin: 8px 0 0;
      }
      .copies {
        display: flex;
        align-items: center;
        gap: 16px;
        font-size: 1.3rem;
      }
    `,
  ];

  @property() kind: CertificateKind = 'juminhyo';
  /** The options as chosen so far (the session's default request at first). */
  @property({ attribute: false }) request?: CertificateRequest;
  @property({ type: Number }) copies = 1;
  /** Total fee in yen for `copies`. */
  @property({ type: Number }) fee = 0;
  /** The household, for 「世帯の一部」. */
  @property({ attribute: false }) members: readonly HouseholdMember[] = [];
  /** The fiscal years with a tax record, newest first. */
  @property({ attribute: false }) fiscalYears: readonly number[] = [];
  /** Why these options cannot be issued. */
  @property({ attribute: false }) problem?: LocalizedText;

  private change(request: CertificateRequest, copies = this.copies): void {
    this.dispatchEvent(kioskEvent('kofu-kiosk-options', { request, copies }));
  }

  private label(id: string): string {
    return localized(kioskOption(this.kind, id)?.label);
  }

  /** A yes/no option; its warning (個人番号) shows while it is ticked. */
  private checkbox(id: string, checked: boolean, onChange: (on: boolean) => void) {
    const warning = kioskOption(this.kind, id)?.warning;
    return html`
      <label class="choice"><input type="checkbox" data-option=${id} .checked=${checked} @change=${(e: Event) => onChange((e.target as HTMLInputElement).checked)} />${this.label(id)}</label>
      ${warning && checked ? html`<p class="warning" role="note">${localized(warning)}</p>` : nothing}
    `;
  }

  private radios(id: string, value: string, onChange: (value: string) => void) {
    return html`
      <fieldset>
        <legend>${this.label(id)}</legend>
        ${(kioskOption(this.kind, id)?.choices ?? []).map(
          (c) => html`<label class="choice"><input type="radio" name=${id} data-option=${`${id}:${c.value}`} .checked=${value === c.value} @change=${() => onChange(c.value)} />${localized(c.label)}</label>`,
        )}
      </fieldset>
    `;
  }

  private renderResidence(r: ResidenceRequest) {
    const toggleMember = (id: string, on: boolean) => {
      const ids = new Set(r.memberIds ?? []);
      if (on) ids.add(id);
      else ids.delete(id);
      // In household order, whatever order they were ticked in.
      this.change({ ...r, memberIds: this.members.filter((m) => ids.has(m.id)).map((m) => m.id) });
    };
    return html`
      ${this.radios('scope', r.scope, (scope) => this.change({ ...r, scope: scope as ResidenceRequest['scope'] }))}
      ${r.scope === 'some'
        ? html`<fieldset>
            <legend>${t('kiosk.options.members')}</legend>
            ${this.members.map(
              (m) => html`<label class="choice"
                ><input
                  type="checkbox"
                  data-member=${m.id}
                  .checked=${(r.memberIds ?? []).includes(m.id)}
                  @change=${(e: Event) => toggleMember(m.id, (e.target as HTMLInputElement).checked)}
                />${m.name}（${m.relationship}）</label
              >`,
            )}
          </fieldset>`
        : nothing}
      <fieldset>
        ${this.checkbox('householder', r.householder, (on) => this.change({ ...r, householder: on }))}
        ${r.kind === 'juminhyo'
          ? html`${this.checkbox('honseki', r.honseki, (on) => this.change({ ...r, honseki: on }))} ${this.checkbox('myNumber', r.myNumber, (on) => this.change({ ...r, myNumber: on }))}`
          : nothing}
        <p class="note no-code">${t('kiosk.options.no-code')}</p>
      </fieldset>
    `;
  }

  private renderTax(r: TaxRequest) {
    // 年度 in 和暦 exactly as the certificate prints it (the era of April 1, 元年 for an era's
    // first year: 平成31年度, 平成元年度), with the western year.
    const yearLabel = (year: number) => (language() === 'ja' ? `${formatFiscalYear(year)}（${year}年度）` : `FY ${year}`);
    return html`
      ${this.radios('taxKind', r.taxKind, (taxKind) => this.change({ ...r, taxKind: taxKind as TaxKind }))}
      <fieldset>
        <legend>${this.label('fiscalYear')}</legend>
        <select data-option="fiscalYear" aria-label=${this.label('fiscalYear')} @change=${(e: Event) => this.change({ ...r, fiscalYear: Number((e.target as HTMLSelectElement).value) })}>
          ${this.fiscalYears.map((year) => html`<option value=${year} ?selected=${year === r.fiscalYear}>${yearLabel(year)}</option>`)}
        </select>
      </fieldset>
    `;
  }

  private renderBody(r: CertificateRequest) {
    switch (r.kind) {
      case 'juminhyo':
      case 'kisai':
        return this.renderResidence(r);
      case 'tax':
        return this.renderTax(r);
      case 'koseki':
        return this.radios('scope', r.scope, (scope) => this.change({ ...r, scope: scope as 'all' | 'individual' }));
      default:
        return nothing; // 印鑑登録証明書, 戸籍の附票: nothing to choose but the copies
    }
  }

  override render() {
    const r = this.request;
    if (!r) return nothing;
    return html`<div data-step="options">
      <h2 tabindex="-1">${titleOf(this.kind)} — ${t('kiosk.options.heading')}</h2>
      <div class="panel">
        <div class="option-grid">${this.renderBody(r)}</div>
        ${this.problem ? html`<p class="warning" role="alert" data-problem>${localized(this.problem)}</p>` : nothing}
      </div>
      <div class="step-actions">
        <button type="button" class="secondary" data-action="back" @click=${() => this.dispatchEvent(kioskEvent('kofu-kiosk-back'))}>${t('kiosk.back')}</button>
        <div class="copies" role="group" aria-labelledby="copies-label">
          <span id="copies-label">${t('kiosk.options.copies')}</span>
          <button type="button" class="secondary" data-action="less" aria-label=${t('kiosk.options.less')} ?disabled=${this.copies <= 1} @click=${() => this.change(r, this.copies - 1)}>−</button>
          <span data-copies aria-live="polite">${this.copies}</span>
          <button type="button" class="secondary" data-action="more" aria-label=${t('kiosk.options.more')} @click=${() => this.change(r, this.copies + 1)}>＋</button>
        </div>
        <p class="fee" data-fee aria-live="polite">${t('kiosk.options.fee', { yen: formatYen(this.fee) })}</p>
        <button type="button" class="primary" data-action="next" @click=${() => this.dispatchEvent(kioskEvent('kofu-kiosk-next'))}>${t('kiosk.next')}</button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-kiosk-options': KofuKioskOptions;
  }
}
