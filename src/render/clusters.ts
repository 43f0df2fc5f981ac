/**
 * Grapheme clusters as the certificate needs them: a base character and the variation selector
 * that follows it are one unit (Unicode Ideographic Variation Database, UTS #37 §2: an IVS is a
 * base ideograph followed by a selector U+E0100–E01EF; standardized variation sequences use
 * U+FE00–FE0F). Layout measures, breaks and draws whole clusters, so a line never ends between
 * 葛 and its selector.
 */

export const isVariationSelector = (cp: number): boolean => (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);

/** The text split into clusters: each is one code point, or a base followed by its selector(s). */
export function clusters(text: string): string[] {
  const out: string[] = [];
  for (const ch of text) {
    if (out.length && isVariationSelector(ch.codePointAt(0)!)) out[out.length - 1] += ch;
    else out.push(ch);
  }
  return out;
}

/** The cluster's base code point and its (first) selector, 0 when it has none. */
export function splitCluster(cluster: string): { base: number; selector: number } {
  const [base, selector] = [...cluster].map((ch) => ch.codePointAt(0)!);
  return { base, selector: selector ?? 0 };
}

/** U+XXXX notation of every code point in a cluster: "U+845B U+E0100". */
export const codePointNames = (text: string): string =>
  [...text].map((ch) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
