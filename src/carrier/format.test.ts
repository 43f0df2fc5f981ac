import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  blockShapes,
  cornerTagModules,
  GRID_SIZES,
  HEADER_MODULES,
  layoutFor,
  messageCapacity,
  ModuleKind,
  sizeForPayload,
} from './format.ts';
import { decodeHeader, encodeHeader } from './header.ts';
import { deinterleaveBlocks, interleaveBlocks, slotPermutation } from './interleave.ts';
import { crc32, whiten } from './whiten.ts';
import { toHex } from '../bytes/bytes.ts';
import { CarrierKeyError } from './errors.ts';

describe('carrier format', () => {
  it('every layout is identical under the 8 symmetries of the square (corner tags aside)', () => {
    for (const n of GRID_SIZES) {
      const layout = layoutFor(n);
      const isFunction = (r: number, c: number) => layout.kind[r * n + c] === ModuleKind.Function;
      const tags = new Set(cornerTagModules(n).flat(2));
      const inFinder = (r: number, c: number) => tags.has(r * n + c);
      const mismatches: string[] = [];
      for (let r = 0; r < n; r++)
        for (let c = 0; c < n; c++) {
          const images = [
            [c, n - 1 - r],
            [n - 1 - r, n - 1 - c],
            [n - 1 - c, r],
            [c, r],
          ];
          for (const [rr, cc] of images) {
            if (isFunction(rr, cc) !== isFunction(r, c)) mismatches.push(`N=${n} (${r},${c})`);
            else if (!inFinder(r, c) && layout.functionValue[rr * n + cc] !== layout.functionValue[r * n + c]) mismatches.push(`N=${n} value (${r},${c})`);
          }
        }
      expect(mismatches.slice(0, 5)).to.deep.equal([]);
    }
  });

  it('header copies are 180° images of each other and every module has exactly one role', () => {
    for (const n of GRID_SIZES) {
      const layout = layoutFor(n);
      const [h1, h2] = layout.header;
      expect(h1.length).to.equal(HEADER_MODULES);
      for (let i = 0; i < h1.length; i++) expect(h2[i]).to.equal(n * n - 1 - h1[i]);
      const seen = new Uint8Array(n * n);
      for (const list of [h1, h2, layout.slots, layout.filler]) for (const m of list) seen[m]++;
      let bad = 0;
      for (let i = 0; i < n * n; i++) if (seen[i] + (layout.kind[i] === ModuleKind.Function ? 1 : 0) !== 1) bad++;
      expect(bad).to.equal(0);
      expect(layout.filler.length).to.be.below(8);
    }
  });

  it('capacity grows with the grid and falls with the EC level; sizeForPayload picks the smallest fit', () => {
    for (let level = 0; level < 4; level++) {
      let previous = 0;
      for (const n of GRID_SIZES) {
        const cap = messageCapacity(n, level);
        expect(cap).to.be.greaterThan(previous);
        previous = cap;
        if (level > 0) expect(cap).to.be.below(messageCapacity(n, level - 1) + 1);
      }
    }
    const n = sizeForPayload(600, 1)!;
    expect(messageCapacity(n, 1)).to.be.at.least(604);
    expect(messageCapacity(n - 8, 1)).to.be.below(604);
  });

  it('block shapes are ≤ 255 bytes, differ by at most one byte and add up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 8000 }), fc.integer({ min: 0, max: 3 }), (total, level) => {
        const shapes = blockShapes(total, level);
        expect(shapes.reduce((s, b) => s + b.n, 0)).to.equal(total);
        const lengths = shapes.map((s) => s.n);
        expect(Math.max(...lengths) - Math.min(...lengths)).to.be.at.most(1);
        expect(Math.max(...lengths)).to.be.at.most(255);
        for (const s of shapes) expect(s.parity).to.be.below(s.n);
      }),
    );
  });

  it('header round trip, with up to 3 byte errors', () => {
    fc.assert(
      fc.property(
        fc.record({ ecLevel: fc.integer({ min: 0, max: 3 }), sizeIndex: fc.integer({ min: 0, max: GRID_SIZES.length - 1 }), moduleUnits: fc.integer({ min: 1, max: 255 }), payloadLength: fc.integer({ min: 0, max: 65535 }) }),
        fc.uniqueArray(fc.integer({ min: 0, max: 11 }), { maxLength: 3 }),
        (fields, errors) => {
          const coded = encodeHeader({ version: 1, ...fields });
          for (const e of errors) coded[e] ^= 0x5a;
          const r = decodeHeader(coded);
          expect(r.ok).to.equal(true);
          if (r.ok) expect(r.fields).to.deep.equal({ version: 1, ...fields });
        },
      ),
    );
  });

  it('interleaving round-trips for any block shapes (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 3 }), fc.integer(), (total, level, seed) => {
        const shapes = blockShapes(total, level);
        const blocks = shapes.map((s, b) => Uint8Array.from({ length: s.n }, (_, i) => (seed + b * 31 + i * 7) & 0xff));
        const stream = interleaveBlocks(blocks);
        const back = deinterleaveBlocks(stream, shapes, (n) => new Uint8Array(n));
        expect(back.map((b) => toHex(b))).to.deep.equal(blocks.map((b) => toHex(b)));
        // Neighbouring stream bytes belong to different blocks whenever there are several.
        if (shapes.length > 1) {
          const owner = interleaveBlocks(shapes.map((s, b) => new Uint8Array(s.n).fill(b)));
          for (let t = 1; t < Math.min(owner.length, shapes.length * Math.min(...shapes.map((s) => s.n))); t++) expect(owner[t]).to.not.equal(owner[t - 1]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the slot permutation is a bijection and spreads a contiguous run of slots over all blocks', () => {
    for (const n of GRID_SIZES) {
      const count = layoutFor(n).slotCount;
      const perm = slotPermutation(count);
      expect(new Set(perm).size).to.equal(count);
      expect(Math.max(...perm)).to.equal(count - 1);
    }
    // A smudge over 60 consecutive slots of the biggest symbol touches every block at most a few times.
    const count = layoutFor(256).slotCount;
    const shapes = blockShapes(count, 1);
    const owner = interleaveBlocks(shapes.map((s, b) => new Uint8Array(s.n).fill(b)));
    const perm = slotPermutation(count);
    const slotOwner = new Uint8Array(count);
    for (let t = 0; t < count; t++) slotOwner[perm[t]] = owner[t];
    const hits = new Array<number>(shapes.length).fill(0);
    for (let slot = 1000; slot < 1060; slot++) hits[slotOwner[slot]]++;
    expect(Math.max(...hits)).to.be.at.most(8);
  });

  it('CRC-32 matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789')).toString(16)).to.equal('cbf43926');
  });

  it('whitening is an involution, depends on the key, and rejects bad keys', () => {
    const key = new Uint8Array(32).fill(7);
    const data = new Uint8Array(100);
    const w = whiten(data, key);
    expect(w.some((b) => b !== 0)).to.equal(true);
    expect(toHex(whiten(w, key))).to.equal(toHex(data));
    expect(toHex(whiten(data, new Uint8Array(32).fill(8)))).to.not.equal(toHex(w));
    expect(() => whiten(data, new Uint8Array(16))).to.throw(CarrierKeyError);
  });
});
