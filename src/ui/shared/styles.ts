/**
 * Design tokens and shared rules. Touch targets are at least 48 px, as on a store tablet; every
 * text colour meets WCAG 2.x AA contrast (4.5:1) on the surfaces it is used on (axe-core checks it
 * in tests/e2e/kiosk-ux.test.mjs).
 */
import { css } from 'lit';

export const tokens = css`
  :host {
    --kofu-ink: #1b1f24;
    --kofu-muted: #57606a;
    --kofu-paper: #ffffff;
    --kofu-surface: #f4f6f8;
    --kofu-line: #d0d7de;
    --kofu-accent: #0b5cad;
    --kofu-accent-ink: #ffffff;
    --kofu-danger: #b42318;
    --kofu-ok: #1a7f37;
    /* Demo orange: 6.1:1 under white text and 5.6:1 as text on its surface (WCAG 2.x AA 1.4.3). */
    --kofu-demo: #9a4d00;
    --kofu-demo-ink: #9a4d00;
    --kofu-demo-surface: #fff4ea;
    --kofu-radius: 10px;
    --kofu-touch: 48px;
    font-family: system-ui, 'Hiragino Sans', 'Noto Sans CJK JP', 'Yu Gothic UI', sans-serif;
    color: var(--kofu-ink);
  }
`;

export const controls = css`
  button,
  .button {
    min-height: var(--kofu-touch);
    min-width: var(--kofu-touch);
    padding: 0 20px;
    border-radius: var(--kofu-radius);
    border: 1px solid var(--kofu-accent);
    background: var(--kofu-accent);
    color: var(--kofu-accent-ink);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
  }
  button.secondary,
  .button.secondary {
    background: var(--kofu-paper);
    color: var(--kofu-accent);
  }
  button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  button:focus-visible,
  .button:focus-within,
  a:focus-visible {
    outline: 3px solid #f0b400;
    outline-offset: 2px;
  }
  .error {
    color: var(--kofu-danger);
    font-weight: 600;
  }
  .ok {
    color: var(--kofu-ok);
    font-weight: 600;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;

/** Admin and staff screens: each tool is a card; its buttons wrap; file inputs hide behind their label. */
export const panels = css`
  :host {
    display: block;
  }
  section {
    background: var(--kofu-paper);
    border: 1px solid var(--kofu-line);
    border-radius: var(--kofu-radius);
    padding: 12px 20px 20px;
    margin-bottom: 16px;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 12px;
    margin: 12px 0;
  }
  /* A long option (the printer profiles) must not widen the card past a phone's screen. */
  select,
  input:not([type='file']) {
    max-width: 100%;
  }
  input[type='file'] {
    position: absolute;
    opacity: 0;
    width: 1px;
    height: 1px;
  }
  dl {
    display: grid;
    grid-template-columns: minmax(8em, max-content) 1fr;
    gap: 6px 16px;
    margin: 8px 0;
  }
  dt {
    color: var(--kofu-muted);
  }
  dd {
    margin: 0;
  }
  small {
    color: var(--kofu-muted);
  }
  @media (max-width: 600px) {
    dl {
      grid-template-columns: 1fr;
    }
  }
`;

/**
 * What every kofu element starts from: the tokens, the controls, and a block host (only `display`
 * goes on `:host`; an element that lays out as flex says so in its own rules).
 */
export const elementStyles = [
  tokens,
  controls,
  css`
    :host {
      display: block;
    }
  `,
];

/** After `elementStyles`: a host that lays its children out in a column (the app shell, the kiosk). */
export const columnHost = css`
  :host {
    display: flex;
    flex-direction: column;
  }
`;

/** The verifier's rows of buttons and notes: wrap on a phone, centred on one line. */
export const buttonRow = css`
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 12px;
    align-items: center;
    margin: 12px 0;
  }
`;
