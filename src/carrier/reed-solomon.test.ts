import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { GF_EXP, GF_LOG, gfDiv, gfInv, gfMul, gfMulSlow } from './gf256.ts';
import { rsDecode, rsEncode, rsGenerator } from './reed-solomon.ts';
import { toHex } from '../bytes/bytes.ts';

describe('GF(256)', () => {
  it('table multiplication matches the slow shift-and-add reference for all pairs', () => {
    for (let a = 0; a < 256; a++) for (let b = 0; b < 256; b++) expect(gfMul(a, b)).to.equal(gfMulSlow(a, b));
  });
  it('α generates all 255 non-zero elements and division inverts multiplication', () => {
    expect(new Set(Array.from(GF_EXP.slice(0, 255))).size).to.equal(255);
    for (let a = 1; a < 256; a++) {
      expect(GF_EXP[GF_LOG[a]]).to.equal(a);
      expect(gfMul(a, gfInv(a))).to.equal(1);
      expect(gfDiv(gfMul(a, 0x53), 0x53)).to.equal(a);
    }
  });
});

describe('Reed–Solomon', () => {
  it('matches the ISO/IEC 18004 generator polynomial for 10 EC codewords', () => {
    // ISO/IEC 18004 Annex A lists g(x) for 10 EC codewords as exponents of α:
    // x^10 + α^251x^9 + α^67x^8 + α^46x^7 + α^61x^6 + α^118x^5 + α^70x^4 + α^64x^3 + α^94x^2 + α^32x + α^45.
    const exponents = [0, 251, 67, 46, 61, 118, 70, 64, 94, 32, 45];
    expect(Array.from(rsGenerator(10))).to.deep.equal(exponents.map((e) => GF_EXP[e]));
  });

  it('matches the QR "01234567" 1-M worked example (ISO/IEC 18004 Annex I)', () => {
    const data = Uint8Array.from([0x10, 0x20, 0x0c, 0x56, 0x61, 0x80, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11]);
    expect(toHex(rsEncode(data, 10))).to.equal('a524d4c1ed36c787 2c55'.replace(/\s/g, ''));
  });

  const block = fc
    .record({ k: fc.integer({ min: 1, max: 200 }), p: fc.integer({ min: 2, max: 54 }) })
    .filter(({ k, p }) => k + p <= 255)
    .chain(({ k, p }) =>
      fc.record({
        data: fc.uint8Array({ minLength: k, maxLength: k }),
        p: fc.constant(p),
        seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        errorShare: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
    );

  function corrupt(codeword: Uint8Array, p: number, seed: number, errorShare: number) {
    // Choose e errors and f erasures with 2e + f ≤ p at distinct random positions.
    let state = seed || 1;
    const rand = () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) / 2 ** 32;
    };
    const e = Math.floor((p / 2) * errorShare);
    const f = Math.min(p - 2 * e, Math.floor(rand() * (p - 2 * e + 1)));
    const positions = Array.from(codeword.keys());
    for (let i = positions.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [positions[i], positions[j]] = [positions[j], positions[i]];
    }
    const bad = codeword.slice();
    const errorPositions = positions.slice(0, e);
    const erasurePositions = positions.slice(e, e + f);
    for (const j of errorPositions) bad[j] ^= 1 + Math.floor(rand() * 255);
    for (const j of erasurePositions) bad[j] = Math.floor(rand() * 256);
    return { bad, erasurePositions };
  }

  it('corrects any 2·errors + erasures ≤ p (property)', () => {
    fc.assert(
      fc.property(block, ({ data, p, seed, errorShare }) => {
        const codeword = new Uint8Array([...data, ...rsEncode(data, p)]);
        const { bad, erasurePositions } = corrupt(codeword, p, seed, errorShare);
        const result = rsDecode(bad, p, erasurePositions);
        expect(result).to.not.equal(null);
        expect(toHex(result!.codeword)).to.equal(toHex(codeword));
      }),
      { numRuns: 300 },
    );
  });

  it('never returns a non-codeword and never throws on arbitrary input (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 12, maxLength: 255 }), fc.integer({ min: 2, max: 10 }), (bytes, p) => {
        const result = rsDecode(bytes, p);
        if (result) {
          const k = bytes.length - p;
          expect(toHex(rsEncode(result.codeword.subarray(0, k), p))).to.equal(toHex(result.codeword.subarray(k)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reports failure when errors exceed the bound rather than throwing', () => {
    const data = new Uint8Array(100).map((_, i) => (i * 37) & 0xff);
    const codeword = new Uint8Array([...data, ...rsEncode(data, 10)]);
    let failures = 0;
    for (let trial = 0; trial < 50; trial++) {
      const bad = codeword.slice();
      for (let i = 0; i < 20; i++) bad[(trial * 7 + i * 5) % bad.length] ^= 0x5a;
      const r = rsDecode(bad, 10);
      if (r === null) failures++;
    }
    expect(failures).to.be.greaterThan(40);
  });
});
