import { expect } from '@open-wc/testing';
import type { Cell } from './cell-layout.ts';
import type { CellVerdict } from './cells.ts';
import { unplacedBlocks } from './layout-change.ts';

/** Lines of 20 glyph cells (16 px wide, 4 px apart), 30 px from baseline to baseline. */
const lines = (count: number): Cell[] => Array.from({ length: count * 20 }, (_, i) => ({ x: 100 + (i % 20) * 20, y: 100 + Math.floor(i / 20) * 30, w: 16, h: 18 }));
const verdictsOf = (cells: Cell[]) => cells.map((cell) => ({ cell }) as CellVerdict);
const everywhere = () => true;

describe('compare/layout-change: blocks of unplaced cells', () => {
  it('three lines that cannot be placed among placed ones are one region over them', () => {
    const cells = lines(10);
    const placed = cells.map((_, i) => i < 80 || i >= 140);
    const blocks = unplacedBlocks({ verdicts: verdictsOf(cells), placed }, everywhere);
    expect(blocks).to.have.length(1);
    expect(blocks[0]).to.include({ x: 100, y: 220, w: 396, h: 78, area: 60 });
  });

  it('a few unplaced cells scattered over the page (a genuine scan’s odd glyph) are no block', () => {
    const cells = lines(10);
    const placed = cells.map((_, i) => i % 37 !== 5);
    expect(unplacedBlocks({ verdicts: verdictsOf(cells), placed }, everywhere)).to.deep.equal([]);
  });

  it('cells outside the image (a strip cut off) are not a changed layout', () => {
    const cells = lines(10);
    const placed = cells.map((c) => c.y < 250);
    const inView = (c: Cell) => c.y + c.h < 250;
    expect(unplacedBlocks({ verdicts: verdictsOf(cells), placed }, inView)).to.deep.equal([]);
    expect(unplacedBlocks({ verdicts: verdictsOf(cells), placed }, everywhere)).to.have.length(1);
  });
});
