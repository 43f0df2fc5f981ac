/**
 * A progress bar the WAI-ARIA way (`role="progressbar"`, aria-valuenow 0–100 and aria-valuetext
 * with the step in words), so a screen reader hears how far a long job is and what it is doing:
 * the kiosk's issuing step and the verifier's paper check. The fill's width is set through the
 * CSSOM after each render (a ref callback), which the CSP's `style-src 'self'` allows; a style
 * attribute (even styleMap's first render) would not. The host sizes `.bar` (height, radius, width).
 */
import { css, html } from 'lit';
import { ref } from 'lit/directives/ref.js';

export const progressBarStyles = css`
  .bar {
    background: var(--kofu-line);
    overflow: hidden;
  }
  .fill {
    width: 0;
    height: 100%;
    background: var(--kofu-accent);
    transition: width 0.2s linear;
  }
`;

export interface ProgressBarState {
  /** What the bar measures (its accessible name). */
  readonly label: string;
  /** 0–100, whole. */
  readonly percent: number;
  /** The step now, in words: read after the percentage. */
  readonly step: string;
}

export function progressBar({ label, percent, step }: ProgressBarState) {
  const fill = (element?: Element) => (element as HTMLElement | undefined)?.style.setProperty('width', `${percent}%`);
  return html`<div class="bar" role="progressbar" aria-label=${label} aria-valuemin="0" aria-valuemax="100" aria-valuenow=${percent} aria-valuetext=${`${percent}% — ${step}`}>
    <div class="fill" ${ref(fill)}></div>
  </div>`;
}
