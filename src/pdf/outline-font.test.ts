import { expect } from '@open-wc/testing';
import { parseFont } from '../render/font.ts';
import { OUTLINE_GRID, quantiseOutline, type QuantisedOutline } from '../render/outline.ts';
import { buildOutlineFont, outlineToUnicode, PRIVATE_USE_START, utf16Hex } from './outline-font.ts';

const triangle: QuantisedOutline = { advance: 200, contours: [[{ x: 10, y: 0, on: true }, { x: 190, y: 0, on: true }, { x: 100, y: 150, on: false }]] };
const square: QuantisedOutline = { advance: OUTLINE_GRID, contours: [[{ x: 20, y: -20, on: true }, { x: 236, y: -20, on: true }, { x: 236, y: 200, on: true }, { x: 20, y: 200, on: true }]] };

describe('pdf/outline-font', () => {
  it('builds a TrueType font that maps each cluster to a Private Use code point with its outline and advance', () => {
    const font = buildOutlineFont([['𠮷', triangle], ['葛\u{E0100}', square]], 'KofuCarriedGlyphs');
    const parsed = parseFont(font.ttf);
    expect(parsed.unitsPerEm).to.equal(OUTLINE_GRID);
    expect(font.codeOf.get('𠮷')).to.equal(String.fromCharCode(PRIVATE_USE_START));
    expect(font.clusterOfGlyph).to.deep.equal(['', '𠮷', '葛\u{E0100}']);
    for (const [i, outline] of [triangle, square].entries()) {
      const glyph = parsed.glyphId(PRIVATE_USE_START + i);
      expect(glyph).to.equal(i + 1);
      expect(parsed.glyphAdvance(glyph)).to.equal(outline.advance);
      // Read back through the same glyf reader the fallback fonts use: the same points.
      expect(quantiseOutline(parsed.contours(glyph)!, parsed.glyphAdvance(glyph), parsed.unitsPerEm)).to.deep.equal(outline);
    }
    expect(parsed.has(PRIVATE_USE_START + 2)).to.equal(false);
  });

  it('gives a ToUnicode CMap with surrogate pairs and variation selectors (PDF 32000-1 §9.10.3)', () => {
    const font = buildOutlineFont([['𠮷', triangle], ['葛\u{E0100}', square]], 'KofuCarriedGlyphs');
    const cmap = outlineToUnicode(font);
    expect(utf16Hex('𠮷')).to.equal('D842DFB7');
    expect(cmap).to.contain('<0001><D842DFB7>');
    expect(cmap).to.contain('<0002><845BDB40DD00>');
    expect(cmap).to.contain('2 beginbfchar');
  });
});
