import { expect } from '@open-wc/testing';
import { GRID_SIZES, layoutFor } from './format.ts';
import { encodeHeader } from './header.ts';
import { orientSymbol, transformGrid } from './orient.ts';
import { cleanSamples, cleanScan } from './testing/clean-scan.ts';
import { randomBytes } from './simulate/random.ts';

/** The module grid as seen after turning the symbol a quarter clockwise (`turns` times), mirrored first if asked. */
function viewed(values: Float32Array, size: number, turns: number, mirror: boolean): Float32Array {
  let out = values;
  if (mirror) out = Float32Array.from(out, (_, i) => out[(i % size) * size + Math.floor(i / size)]);
  for (let k = 0; k < turns; k++) {
    const src = out;
    // Clockwise: image (r, c) shows symbol (size − 1 − c, r).
    out = Float32Array.from(src, (_, i) => src[(size - 1 - (i % size)) * size + Math.floor(i / size)]);
  }
  return out;
}

describe('carrier/orient', () => {
  const { symbol } = cleanScan({ payloadBytes: 300 });
  const layout = layoutFor(symbol.size);
  const upright = cleanSamples(symbol.modules);
  const expectedHeader = { version: 1, ecLevel: symbol.ecLevel, sizeIndex: GRID_SIZES.indexOf(symbol.size), moduleUnits: symbol.moduleUnits, payloadLength: 300 };

  for (const mirror of [false, true])
    for (const turns of [0, 1, 2, 3])
      it(`reads the header of a symbol turned ${turns * 90}°${mirror ? ', mirrored' : ''}, and its symmetry restores the grid`, () => {
        const samples = viewed(upright, symbol.size, turns, mirror);
        const { orientation } = orientSymbol(samples, layout);
        expect(orientation).to.not.equal(null);
        expect(orientation!.header).to.deep.equal(expectedHeader);
        expect(orientation!.headerCorrected).to.equal(0);
        expect(orientation!.functionErrors).to.equal(0);
        expect([...transformGrid(samples, symbol.size, orientation!.symmetry)]).to.deep.equal([...upright]);
      });

  it('reports a cleanly read header of another format version instead of an orientation', () => {
    const header = encodeHeader({ ...expectedHeader, version: 2 });
    const modules = symbol.modules.slice();
    for (const copy of layout.header) copy.forEach((m, i) => (modules[m] = (header[i >> 3] >> (7 - (i & 7))) & 1));
    const outcome = orientSymbol(cleanSamples(modules), layout);
    expect(outcome.orientation).to.equal(null);
    expect(outcome.otherVersion?.version).to.equal(2);
  });

  it('finds no orientation in noise, and says most function modules are misread', () => {
    const noise = Float32Array.from(randomBytes(symbol.size * symbol.size, 3));
    const outcome = orientSymbol(noise, layout);
    expect(outcome.orientation).to.equal(null);
    expect(outcome.otherVersion).to.equal(null);
    expect(outcome.functionErrors).to.be.above(0.3);
  });
});
