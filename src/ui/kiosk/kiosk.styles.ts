/**
 * The kiosk's shared look, used by `<kofu-kiosk-home>` and every step element: large type, panels,
 * touch-sized action rows and the warning/demo call-outs. Rules for one step only stay in that
 * step's file. Laid out for a 1280×800 touch tablet; one column on a phone.
 */
import { css } from 'lit';

export const kioskStyles = css`
  :host {
    display: block;
  }
  h2 {
    font-size: clamp(1.3rem, 2.6vw, 1.8rem);
    margin: 4px 0 12px;
  }
  .lead {
    font-size: 1.15rem;
    color: var(--kofu-muted);
  }
  section,
  .panel {
    background: var(--kofu-paper);
    border: 1px solid var(--kofu-line);
    border-radius: var(--kofu-radius);
    padding: 16px 20px;
  }
  button.big {
    min-height: 84px;
    font-size: 1.6rem;
    padding: 0 48px;
  }
  .actions {
    display: flex;
    gap: 12px;
    flex-wrap: wrap;
    margin-top: 16px;
  }
  /* A choice as a large tile: a demo card, a certificate kind. */
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
