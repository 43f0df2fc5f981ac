/** Design tokens and shared rules. Touch targets are at least 48 px, as on a store tablet. */
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
    --kofu-demo: #b35900;
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
