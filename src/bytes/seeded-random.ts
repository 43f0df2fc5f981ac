/**
 * A seeded uniform generator in [0, 1): mulberry32 (a public-domain construction by T. Ettinger).
 * Deterministic patterns (src/patterns/) and the print–scan simulator draw from it; it is not for
 * keys or anything secret (those come from crypto.getRandomValues).
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
