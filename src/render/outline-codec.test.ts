import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { loadCertificateFont } from './font-asset.ts';
import { OUTLINE_GRID, outlineSegments, quantiseOutline, type QuantisedOutline } from './outline.ts';
import { decodeOutline, encodeOutline, MAX_OUTLINE_POINTS, OUTLINE_FORMAT } from './outline-codec.ts';
import { clusters } from './clusters.ts';

const point = fc.record({ x: fc.integer({ min: -2 * OUTLINE_GRID, max: 3 * OUTLINE_GRID }), y: fc.integer({ min: -2 * OUTLINE_GRID, max: 3 * OUTLINE_GRID }), on: fc.boolean() });
const outline: fc.Arbitrary<QuantisedOutline> = fc.record({
  advance: fc.integer({ min: 0, max: 4 * OUTLINE_GRID }),
  contours: fc.array(fc.array(point, { minLength: 1, maxLength: 40 }), { maxLength: 12 }),
});

describe('outline codec', () => {
  it('round-trips every outline within bounds', () => {
    fc.assert(
      fc.property(outline, (o) => {
        expect(decodeOutline(encodeOutline(o))).to.deep.equal(o);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses truncated, trailing, oversized and unknown-format bytes with glyph.bad-outline', () => {
    const bytes = encodeOutline({ advance: 256, contours: [[{ x: 0, y: 0, on: true }, { x: 100, y: 0, on: true }, { x: 50, y: 90, on: false }]] });
    const refusals = [bytes.slice(0, -1), Uint8Array.from([...bytes, 0]), Uint8Array.from([OUTLINE_FORMAT + 1, ...bytes.slice(1)]), Uint8Array.from([OUTLINE_FORMAT, 0, 1, 0x81, 0x40])];
    const tooMany = Uint8Array.from([OUTLINE_FORMAT, 0, 1, ...[(MAX_OUTLINE_POINTS + 1) & 0x7f | 0x80, (MAX_OUTLINE_POINTS + 1) >> 7]]);
    for (const hostile of [...refusals, tooMany]) expect(() => decodeOutline(hostile), String([...hostile])).to.throw().with.property('code', 'glyph.bad-outline');
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (noise) => {
      try {
        decodeOutline(noise);
      } catch (error) {
        expect((error as { code?: string }).code).to.equal('glyph.bad-outline');
      }
    }), { numRuns: 500 });
  });

  it('costs about two bytes per point for a real kanji outline', async () => {
    const font = (await loadCertificateFont()).metrics;
    const glyph = font.glyphId('鬱'.codePointAt(0)!);
    const q = quantiseOutline(font.contours(glyph)!, font.glyphAdvance(glyph), font.unitsPerEm);
    const points = q.contours.flat().length;
    expect(points).to.be.greaterThan(100);
    expect(encodeOutline(q).length).to.be.below(points * 2.6);
    expect(q.advance).to.equal(OUTLINE_GRID);
  });
});

describe('outline segments', () => {
  it('closes every contour and implies on-curve midpoints between two control points', () => {
    const segments = outlineSegments({ advance: 10, contours: [[{ x: 0, y: 0, on: true }, { x: 10, y: 0, on: false }, { x: 10, y: 10, on: false }]] });
    expect(segments).to.deep.equal([
      { op: 'M', x: 0, y: 0 },
      { op: 'Q', cx: 10, cy: 0, x: 10, y: 5 },
      { op: 'Q', cx: 10, cy: 10, x: 0, y: 0 },
      { op: 'Z' },
    ]);
  });
});

describe('clusters', () => {
  it('keeps a base character and its variation selector together', () => {
    expect(clusters('葛\u{E0100}西𠮷')).to.deep.equal(['葛\u{E0100}', '西', '𠮷']);
    expect(clusters('\u{E0100}a')).to.deep.equal(['\u{E0100}', 'a']);
  });
});

describe('font reader: glyf and cmap 14', () => {
  it('reads BIZ UD Mincho’s outlines and its variation sequences (Adobe-Japan1 IVS)', async () => {
    const font = (await loadCertificateFont()).metrics;
    // 口: an outer and an inner contour, all points inside the em box.
    const box = font.contours(font.glyphId('口'.codePointAt(0)!))!;
    expect(box.length).to.equal(2);
    for (const p of box.flat()) expect(p.x).to.be.within(0, font.unitsPerEm);
    // 葛 + U+E0100 is a glyph of its own (葛 with 人, not ヒ); + U+E0101 is the default glyph.
    const variant = font.variations.lookup(0x845b, 0xe0100);
    expect(variant).to.be.a('number').and.not.equal(font.glyphId(0x845b));
    expect(font.contours(variant as number)!.length).to.be.greaterThan(3);
    expect(font.variations.lookup(0x845b, 0xfe00)).to.equal(undefined);
    expect(font.contours(font.glyphId(0x20)), 'space').to.deep.equal([]);
  });
});
