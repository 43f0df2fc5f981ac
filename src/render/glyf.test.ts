import { expect } from '@open-wc/testing';
import { glyfReader } from './glyf.ts';

/** Big-endian bytes from a list of [value, byteCount] pairs (negative values as two's complement). */
function bytes(fields: readonly (readonly [number, number])[]): number[] {
  const out: number[] = [];
  for (const [value, size] of fields) for (let i = size - 1; i >= 0; i--) out.push((value >> (8 * i)) & 0xff);
  return out;
}

/**
 * A font's head, loca (long) and glyf tables with two glyphs: 0 a simple triangle, 1 a composite
 * of glyph 0 moved by (100, 50) and scaled by ½ (OpenType "glyf": ARG_1_AND_2_ARE_WORDS |
 * ARGS_ARE_XY_VALUES | WE_HAVE_A_SCALE), and glyph 2 a composite that names itself.
 */
function tables() {
  const head = new Array(54).fill(0);
  head[51] = 1; // indexToLocFormat = 1 (long offsets), at offset 50
  // Simple: 1 contour, bbox, endPts [2], no instructions, flags ON_CURVE (full int16 deltas).
  const simple = bytes([[1, 2], [0, 2], [0, 2], [200, 2], [100, 2], [2, 2], [0, 2], [1, 1], [1, 1], [1, 1], [0, 2], [200, 2], [-100 & 0xffff, 2], [0, 2], [0, 2], [100, 2]]);
  const composite = bytes([[-1 & 0xffff, 2], [0, 2], [0, 2], [0, 2], [0, 2], [0x0001 | 0x0002 | 0x0008, 2], [0, 2], [100, 2], [50, 2], [0x2000, 2]]);
  const loop = bytes([[-1 & 0xffff, 2], [0, 2], [0, 2], [0, 2], [0, 2], [0x0001 | 0x0002, 2], [2, 2], [0, 2], [0, 2]]);
  const glyf = [...simple, ...composite, ...loop];
  const loca = bytes([[0, 4], [simple.length, 4], [simple.length + composite.length, 4], [glyf.length, 4]]);
  const all = Uint8Array.from([...head, ...loca, ...glyf]);
  return { view: new DataView(all.buffer), at: { head: 0, loca: head.length, glyf: head.length + loca.length, glyfLength: glyf.length } };
}

describe('render/glyf', () => {
  it('reads a simple glyph and places a composite’s component with its offset and scale', () => {
    const { view, at } = tables();
    const reader = glyfReader(view, at, 3);
    expect(reader.contours(0)).to.deep.equal([[{ x: 0, y: 0, on: true }, { x: 200, y: 0, on: true }, { x: 100, y: 100, on: true }]]);
    expect(reader.contours(1)).to.deep.equal([[{ x: 100, y: 50, on: true }, { x: 200, y: 50, on: true }, { x: 150, y: 100, on: true }]]);
  });

  it('refuses a composite that nests without end, and glyph ids out of range', () => {
    const { view, at } = tables();
    const reader = glyfReader(view, at, 3);
    expect(reader.contours(2)).to.equal(undefined);
    expect(reader.contours(3)).to.equal(undefined);
  });
});
