/**
 * The kiosk's shared look, used by `<kofu-kiosk-home>` and every step element: large type, panels,
 * touch-sized action rows and the warning/demo call-outs. Rules for one step only stay in that
 * step's file. Laid out for a 1280×800 touch tablet, where no step scrolls: the step fills the
 * height left under the header, and its `.step-actions` bar sits at the bottom with the one
 * primary action (`button.primary`, 84 px) at the right and 戻る at the left, on every step. One
 * column on a phone, where a long step may scroll.
 */
import { css } from 'lit';

export const kioskStyles = css`
  :host {
    display: flex;
    flex-direction: column;
  }
  [data-step] {
    flex: 1;
    display: flex;
    flex-direction: column;
  }
  h2 {
    font-size: clamp(1.3rem, 2.6vw, 1.8rem);
    margin: 4px 0 12px;
  }
  .lead {
    font-size: 1.15rem;
    color: var(--kofu-muted);
    margin: 8px 0;
  }
  section,
  .panel {
    background: var(--kofu-paper);
    border: 1px solid var(--kofu-line);
    border-radius: var(--kofu-radius);
    padding: 16px 20px;
  }
  /* The step's own actions, always in the same place: the bottom of the step, primary at the right. */
  .step-actions {
    margin-top: auto;
    padding-top: 12px;
    display: flex;
    align-items: center;
    justify-content: flex-end;
    flex-wrap: wrap;
    gap: 12px 20px;
  }
  .step-actions > button {
    min-height: 72px;
    min-width: 160px;
    font-size: 1.3rem;
    padding: 0 32px;
  }
  .step-actions > button.primary {
    min-height: 84px;
    min-width: 240px;
    font-size: 1.6rem;
    padding: 0 48px;
  }
  .step-actions > [data-action='back'],
  .step-actions > .start {
    margin-right: auto;
  }
  .step-actions .fee {
    margin: 0;
  }
  @media (max-width: 600px) {
    .step-actions > button,
    .step-actions > button.primary {
      flex: 1 1 100%;
      min-width: 0;
    }
  }
  .actions {
    display: flex;
    gap: 12px;
    flex-wrap: wrap;
    margin-top: 16px;
  }
  /* A choice as a large tile: a demo card, a certificate kind. A step sets --kofu-tile-min for
     its tiles' narrowest width; the grid fits as many columns as the tablet's width allows. */
  .tiles {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(var(--kofu-tile-min, 190px), 1fr));
    gap: 12px;
  }
  .tiles button {
    flex-direction: column;
    align-items: flex-start;
    text-align: left;
    min-height: 84px;
    padding: 12px 16px;
    background: var(--kofu-paper);
    color: var(--kofu-ink);
    border-color: var(--kofu-line);
    font-weight: 400;
  }
  .tiles .name {
    font-size: 1.2rem;
    font-weight: 700;
  }
  .note {
    color: var(--kofu-muted);
  }
  .warning {
    border-left: 6px solid var(--kofu-danger);
    background: #fdecea;
    padding: 12px 16px;
    border-radius: 6px;
    font-weight: 600;
  }
  .badge {
    background: var(--kofu-demo);
    color: #fff;
    border-radius: 6px;
    padding: 2px 10px;
    font-weight: 700;
  }
  .fee {
    font-size: 1.4rem;
    font-weight: 700;
  }
  progress {
    width: 100%;
    height: 28px;
  }
`;
