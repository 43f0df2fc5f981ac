import { expect } from '@open-wc/testing';
import { layoutFor } from './format.ts';
import { rng } from './simulate/random.ts';
import { equalise, flagUniformPatches, functionErrorRate, normalise, rankLowest, sharpen, softToBytes } from './soft-values.ts';
import { cleanSamples, cleanScan } from './testing/clean-scan.ts';

const SIZE = 64;

/** Random ±1 module decisions (1 = black). */
function randomModules(seed: number): Int8Array {
  const random = rng(seed);
  return Int8Array.from({ length: SIZE * SIZE }, () => (random() < 0.5 ? 1 : -1));
}

const signErrors = (soft: Float32Array, x: Int8Array) => soft.reduce((n, s, i) => n + ((s > 0 ? 1 : -1) !== x[i] ? 1 : 0), 0);

/** Soft values blurred across neighbours: s = a·x + b·Σ₄ + d·Σ₄ₓ + e + noise, the equaliser's own model. */
function intersymbol(x: Int8Array, a: number, b: number, d: number, e: number, noise: number, seed: number): Float32Array {
  const random = rng(seed);
  const at = (r: number, c: number) => (r < 0 || c < 0 || r >= SIZE || c >= SIZE ? 0 : x[r * SIZE + c]);
  return Float32Array.from(x, (v, i) => {
    const r = Math.floor(i / SIZE);
    const c = i % SIZE;
    const edges = at(r - 1, c) + at(r + 1, c) + at(r, c - 1) + at(r, c + 1);
    const diagonals = at(r - 1, c - 1) + at(r - 1, c + 1) + at(r + 1, c - 1) + at(r + 1, c + 1);
    return a * v + b * edges + d * diagonals + e + noise * (random() - 0.5);
  });
}

describe('carrier/soft-values', () => {
  it('normalise: per-region levels put a shaded scan’s modules near ±1 (dark positive), far from 0', () => {
    const x = randomModules(1);
    // Contrast falls from 200 levels on the left to 60 on the right, paper from 240 to 150.
    const values = Float32Array.from(x, (v, i) => {
      const f = (i % SIZE) / SIZE;
      const paper = 240 - 90 * f;
      return v > 0 ? paper - (200 - 140 * f) : paper;
    });
    const soft = normalise(values, SIZE);
    expect(signErrors(soft, x)).to.equal(0);
    for (const s of soft) expect(Math.abs(s)).to.be.within(0.6, 1.4);
  });

  it('sharpen: β = 0 is the identity; β > 0 widens a blurred module’s margin', () => {
    const x = randomModules(2);
    const blurred = intersymbol(x, 0.5, 0.1, 0, 0, 0, 2);
    expect(sharpen(blurred, SIZE, 0)).to.equal(blurred);
    const margin = (s: Float32Array) => s.reduce((m, v, i) => m + v * x[i], 0);
    expect(margin(sharpen(blurred, SIZE, 0.6))).to.be.above(margin(blurred));
  });

  it('equalise: undoes interference between neighbours that flips plain decisions', () => {
    const x = randomModules(3);
    const soft = intersymbol(x, 0.5, 0.14, 0.04, 0.05, 0.3, 3);
    expect(signErrors(soft, x)).to.be.above(200);
    expect(signErrors(equalise(soft, SIZE), x)).to.be.below(signErrors(soft, x) / 10);
  });

  it('equalise: decisions known for certain (decoded blocks) rescue the modules around them', () => {
    // Interference so strong that the equaliser alone, feeding back its own wrong decisions, fails.
    const x = randomModules(3);
    const soft = intersymbol(x, 0.5, 0.2, 0.06, 0.05, 0.3, 3);
    const alone = signErrors(equalise(soft, SIZE), x);
    expect(alone).to.be.above(200);
    const known = Int8Array.from(x, (v, i) => (i % 2 ? v : 0));
    expect(signErrors(equalise(soft, SIZE, 2, known), x)).to.be.below(alone / 4);
  });

  it('flagUniformPatches: a blot gets near-zero confidence, the noise-like rest is untouched', () => {
    const x = randomModules(5);
    const soft = Float32Array.from(x);
    for (let r = 20; r < 30; r++) for (let c = 10; c < 22; c++) soft[r * SIZE + c] = 1;
    const flagged = flagUniformPatches(soft, SIZE);
    for (let r = 22; r < 28; r++) for (let c = 12; c < 20; c++) expect(flagged[r * SIZE + c]).to.equal(Math.fround(1e-3));
    let changedOutside = 0;
    for (let r = 0; r < SIZE; r++) for (let c = 0; c < SIZE; c++) if ((r < 18 || r > 31 || c < 8 || c > 23) && flagged[r * SIZE + c] !== soft[r * SIZE + c]) changedOutside++;
    expect(changedOutside).to.be.below(10);
  });

  it('softToBytes packs MSB first with the weakest bit as confidence; rankLowest sorts by it', () => {
    const { bytes, confidence } = softToBytes([1, -1, 1, -1, 1, -1, 1, -1, -2, -2, -2, -2, 0.25, 2, 2, 2], 2);
    expect([...bytes]).to.deep.equal([0xaa, 0x0f]);
    expect([...confidence]).to.deep.equal([1, 0.25]);
    expect(rankLowest([0.5, 0.1, 0.9, 0.3])).to.deep.equal([1, 3, 0, 2]);
  });

  it('functionErrorRate: 0 on a clean symbol, the share of wrong function modules otherwise', () => {
    const { symbol } = cleanScan({ payloadBytes: 100 });
    const layout = layoutFor(symbol.size);
    const soft = normalise(cleanSamples(symbol.modules), symbol.size);
    expect(functionErrorRate(soft, layout)).to.equal(0);
    expect(functionErrorRate(Float32Array.from(soft, (s) => -s), layout)).to.equal(1);
  });
});
