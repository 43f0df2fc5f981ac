/**
 * A changed layout as evidence (issue #11): where printed content has been moved, removed or added
 * in a block (a household member removed and the rows below moved up, a row added), the glyph
 * cells there cannot be placed (cells.ts placedCells: their line shows other text, or blank
 * paper), while the rest of the page is placed well. On a capture whose registration is trusted —
 * a flatbed's affine fit that explains most of the page (flatbed.ts) — such a block is not a
 * failure to compare: it is a region where the page no longer shows what the signed layout prints.
 * Where the registration itself is poor everywhere (a blurred or bent photo), unplaced cells stay
 * "not compared".
 *
 * Pure over cell verdicts; no browser globals.
 */
import type { Cell } from './cell-layout.ts';
import type { CellCheck } from './cells.ts';
import { mergeOverlapping, type DifferenceRegion } from './difference.ts';

export interface LayoutChangeOptions {
  /** Unplaced cells this close (rendering pixels, either way) belong to one block: a line's glyphs and the lines of one table row. */
  readonly gap: number;
  /** A block of fewer unplaced cells is not a layout change (one changed glyph among placed neighbours is the cells' own business). */
  readonly minCells: number;
}

/**
 * `gap` 16 px: glyph gaps on a line are 2–10 px and the lines of a row ~10 px apart at 150 dpi.
 * `minCells` 8: a moved or removed member's rows left blocks of 6–23 unplaced cells each (a
 * dozen blocks a page) on the tuning scans; on the 44 genuine tuning scans (seeds 3–8, 103–115)
 * no block of unplaced cells in view held more than one.
 */
export const DEFAULT_LAYOUT_CHANGE: LayoutChangeOptions = { gap: 16, minCells: 8 };

/**
 * The blocks of unplaced cells that `inView` accepts (the cell lies inside the person's image: a
 * part of the page cut off is not compared, not changed), as regions in rendering pixels, largest
 * first; `area` is the block's number of cells, `mass` its cells' summed pixel area.
 */
export function unplacedBlocks(check: Pick<CellCheck, 'verdicts' | 'placed'>, inView: (cell: Cell) => boolean, options: LayoutChangeOptions = DEFAULT_LAYOUT_CHANGE): DifferenceRegion[] {
  const half = options.gap / 2;
  const grown = check.verdicts
    .filter((v, i) => !check.placed[i] && inView(v.cell))
    .map(({ cell }) => ({ x: cell.x - half, y: cell.y - half, w: cell.w + options.gap, h: cell.h + options.gap, area: 1, mass: cell.w * cell.h }));
  return mergeOverlapping(grown)
    .filter((block) => block.area >= options.minCells)
    .map((block) => ({ ...block, x: block.x + half, y: block.y + half, w: block.w - options.gap, h: block.h - options.gap }));
}
