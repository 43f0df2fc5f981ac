/**
 * Small embedded bitmap designs of the pattern glyphs: 『複写』 for the void pantograph and 証 for
 * the latent image. They are drawn here, cell by cell, rather than rasterised from the certificate
 * font, so every pattern stays a pure function of its seed with no FontFace, canvas or font bytes
 * (the pantograph is rendered in workers and in node tests alike). A cell becomes one or more coarse
 * screen dots, so the designs only need to read at 10–20 mm; the strokes are two cells wide where
 * they must survive a copier's blur.
 */

/** A bitmap glyph: rows of '#' (ink) and '.' (paper), all the same length. */
export interface BitmapGlyph {
  readonly width: number;
  readonly height: number;
  readonly cells: Uint8Array;
}

function glyph(rows: readonly string[]): BitmapGlyph {
  const width = rows[0].length;
  if (rows.some((r) => r.length !== width)) throw new Error('glyph rows must have equal length');
  const cells = new Uint8Array(width * rows.length);
  rows.forEach((row, y) => {
    for (let x = 0; x < width; x++) cells[y * width + x] = row[x] === '#' ? 1 : 0;
  });
  return { width, height: rows.length, cells };
}

// 複: 衤 (left) and 复 (right).
export const FUKU = glyph([
  '..##....##......',
  '..##...#########',
  '######.##.....##',
  '....##.#########',
  '...##..##.....##',
  '..####.#########',
  '.##.##...##.....',
  '##.###..########',
  '...##..##.#..##.',
  '...##.##..####..',
  '...##......##...',
  '...##....##.##..',
  '...##..###...###',
  '...##.##.......#',
]);

// 写: 冖 above 与.
export const SHA = glyph([
  '################',
  '##............##',
  '##............##',
  '....##..........',
  '....###########.',
  '....##..........',
  '....##..........',
  '....###########.',
  '.............##.',
  '###############.',
  '.............##.',
  '..........##.##.',
  '...........###..',
  '...........##...',
]);

// 証: 言 (left) and 正 (right).
export const SHO = glyph([
  '.###...#########',
  '...............#',
  '####.......##...',
  '...........##...',
  '###.....##.##...',
  '........##.#####',
  '###.....##.##...',
  '........##.##...',
  '###.....##.##...',
  '#.#.....##.##...',
  '#.#.....##.##...',
  '###..###########',
  '#.#.............',
]);

/** Glyphs set side by side with `gap` empty cells between them. */
export function word(glyphs: readonly BitmapGlyph[], gap = 2): BitmapGlyph {
  const height = Math.max(...glyphs.map((g) => g.height));
  const width = glyphs.reduce((w, g) => w + g.width, 0) + gap * (glyphs.length - 1);
  const cells = new Uint8Array(width * height);
  let x0 = 0;
  for (const g of glyphs) {
    for (let y = 0; y < g.height; y++) for (let x = 0; x < g.width; x++) cells[y * width + x0 + x] = g.cells[y * g.width + x];
    x0 += g.width + gap;
  }
  return { width, height, cells };
}

/** 『複写』, the message of the void pantograph. */
export const FUKUSHA = word([FUKU, SHA]);
