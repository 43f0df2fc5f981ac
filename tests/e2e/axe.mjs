// axe-core (Deque's accessibility engine, the npm package pinned in package.json) run inside a
// page of the built app. It is evaluated through the DevTools protocol rather than added as a
// <script>, so the app's CSP (script-src 'self', no inline script) stays exactly as shipped.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

const require = createRequire(import.meta.url);
let source;

/** Where the e2e run leaves its screenshots (gitignored, never committed). */
export const SCREENSHOTS = path.resolve('.test-results/screenshots');

/**
 * Runs axe on the whole page (open shadow roots included) with its default rule set — WCAG 2.x
 * A/AA plus best practices such as `region` and `landmark-one-main` — and returns the violations
 * as short lines: `rule (impact): target …`.
 */
export async function axeViolations(page, { include } = {}) {
  source ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(source);
  const violations = await page.evaluate(async (context) => {
    const result = await window.axe.run(context ?? document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 4), summary: v.nodes[0]?.failureSummary ?? '' }));
  }, include ? { include } : undefined);
  return violations.map((v) => `${v.id} (${v.impact}): ${v.targets.join(' ')} — ${v.summary.replace(/\s+/g, ' ').slice(0, 300)}`);
}

/** Saves a full-viewport screenshot as `.test-results/screenshots/<name>.png`. */
export async function screenshot(page, name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/** How far the page scrolls past the viewport, vertically and horizontally, in CSS pixels. */
export function overflowOf(page) {
  return page.evaluate(() => ({
    vertical: document.documentElement.scrollHeight - window.innerHeight,
    horizontal: document.documentElement.scrollWidth - window.innerWidth,
  }));
}
