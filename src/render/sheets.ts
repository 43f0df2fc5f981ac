/**
 * Tables and sheet flow on top of the layout engine: rows of label/value cells that grow with
 * wrapped text, blocks that stay together on one sheet when they can, sheets that continue the
 * table, 以下余白 after the last entry, and the attestation with the 公印 at the foot of the last
 * sheet. Every measurement here is in millimetres.
 */
import { clusters, codePointNames as codePoints } from './clusters.ts';
import { BLACK, A4, LABEL_SHADE, MM_PER_PT, Painter, SEAL_RED, type Sheet, type TextMeasure } from './layout.ts';

export const MARGIN_X = 15;
export const TABLE_WIDTH = A4.width - 2 * MARGIN_X;
const FOOTER_Y = A4.height - 10;
const CONTENT_BOTTOM = A4.height - 18;
const CELL_PAD = 1.3;
const LINE_GAP = 1.3;
export const LABEL_WIDTH = 24;
export const LABEL_SIZE = 7.5;
export const VALUE_SIZE = 9.5;

export interface Cell {
  readonly text: string;
  readonly width: number;
  readonly label?: boolean;
  readonly size?: number;
  /** Small reading (ふりがな) printed above the text. */
  readonly ruby?: string;
  readonly align?: 'left' | 'center' | 'right';
  /** Fixed minimum height (e.g. the 印影 box). */
  readonly minHeight?: number;
  /** Extra drawing inside the cell once it is placed. */
  readonly draw?: (painter: Painter, x: number, y: number, w: number, h: number) => void;
}

export type Row = readonly Cell[];

export interface Block {
  readonly rows: readonly Row[];
  /** Space above the block, mm. */
  readonly gap?: number;
}

const lineHeight = (size: number) => size * MM_PER_PT + LINE_GAP;
const RUBY_SIZE = 6;

function cellLines(measure: TextMeasure, cell: Cell): string[] {
  const size = cell.size ?? (cell.label ? LABEL_SIZE : VALUE_SIZE);
  const out: string[] = [];
  for (const paragraph of cell.text.split('\n')) out.push(...measure.wrap(measure.printable(paragraph).text, cell.width - 2 * CELL_PAD, size));
  return out;
}

function rubyLines(measure: TextMeasure, cell: Cell): string[] {
  return cell.ruby ? measure.wrap(measure.printable(cell.ruby).text, cell.width - 2 * CELL_PAD, RUBY_SIZE) : [];
}

export function rowHeight(measure: TextMeasure, row: Row): number {
  let height = 0;
  for (const cell of row) {
    const size = cell.size ?? (cell.label ? LABEL_SIZE : VALUE_SIZE);
    let h = 2 * CELL_PAD + cellLines(measure, cell).length * lineHeight(size);
    if (cell.ruby) h += rubyLines(measure, cell).length * lineHeight(RUBY_SIZE);
    height = Math.max(height, h, cell.minHeight ?? 0);
  }
  return height;
}

export function drawRow(painter: Painter, x: number, y: number, row: Row, height: number): void {
  const measure = painter.measure;
  let left = x;
  for (const cell of row) {
    const size = cell.size ?? (cell.label ? LABEL_SIZE : VALUE_SIZE);
    if (cell.label) painter.rect(left, y, cell.width, height, { fill: LABEL_SHADE });
    painter.rect(left, y, cell.width, height, { stroke: BLACK, lineWidth: 0.2 });
    let top = y + CELL_PAD;
    for (const line of rubyLines(measure, cell)) {
      painter.text(left + CELL_PAD, top + measure.ascent(RUBY_SIZE), line, RUBY_SIZE);
      top += lineHeight(RUBY_SIZE);
    }
    // Lines come back already printable (〓 in place of missing characters), so note the originals here.
    painter.noteMissing(cell.text + (cell.ruby ?? ''));
    for (const line of cellLines(measure, cell)) {
      painter.textIn(left + CELL_PAD, cell.width - 2 * CELL_PAD, top + measure.ascent(size), line, size, cell.align ?? 'left');
      top += lineHeight(size);
    }
    cell.draw?.(painter, left, y, cell.width, height);
    left += cell.width;
  }
}

/** Label/value pairs packed two to a row; a `wide` pair takes the whole row. */
export interface Pair {
  readonly label: string;
  readonly value: string;
  readonly wide?: boolean;
  readonly ruby?: string;
  readonly size?: number;
}

export function packPairs(pairs: readonly Pair[]): Row[] {
  const rows: Row[] = [];
  const half = TABLE_WIDTH / 2;
  let pending: Pair | undefined;
  const cellsOf = (p: Pair, width: number): Cell[] => [
    { text: p.label, width: LABEL_WIDTH, label: true },
    { text: p.value, width: width - LABEL_WIDTH, ruby: p.ruby, size: p.size },
  ];
  const flush = () => {
    if (pending) rows.push(cellsOf(pending, TABLE_WIDTH));
    pending = undefined;
  };
  for (const pair of pairs) {
    if (pair.wide) {
      flush();
      rows.push(cellsOf(pair, TABLE_WIDTH));
    } else if (pending) {
      rows.push([...cellsOf(pending, half), ...cellsOf(pair, half)]);
      pending = undefined;
    } else pending = pair;
  }
  flush();
  return rows;
}

export interface Finale {
  /** Attestation sentence, e.g. この写しは、住民票の原本と相違ないことを証明する。 */
  readonly attestation: string;
  readonly issuedOnText: string;
  /** 東都県藤見市長 */
  readonly signerTitle: string;
  readonly signerName: string;
  readonly sealText: string;
}

export interface SheetDocument {
  readonly title: string;
  readonly blocks: readonly Block[];
  readonly finale: Finale;
  readonly serial: string;
  /** Printed on every sheet's footer when the issuer is a demo municipality. */
  readonly demoNotice?: string;
}

const TITLE_SIZE = 18;
const TITLE_TOP = 14;
const CONTENT_TOP = 30;
const FINALE_HEIGHT = 48;
const SEAL_SIZE = 21;

/** Lays a document out on as many sheets as it needs. */
export function flowSheets(measure: TextMeasure, doc: SheetDocument): { sheets: Sheet[]; missing: string[] } {
  const painters: Painter[] = [];
  let painter!: Painter;
  let y = 0;
  const newSheet = () => {
    painter = new Painter(measure);
    painters.push(painter);
    const first = painters.length === 1;
    const title = first ? doc.title : `${doc.title}（続き）`;
    const size = first ? TITLE_SIZE : 12;
    const space = first ? 3 : 0.5;
    painter.textIn(MARGIN_X, TABLE_WIDTH, TITLE_TOP + measure.ascent(size), title, size, 'center', { charSpace: space });
    y = CONTENT_TOP;
  };
  newSheet();

  for (const block of doc.blocks) {
    const heights = block.rows.map((row) => rowHeight(measure, row));
    const total = heights.reduce((a, b) => a + b, 0);
    const gap = block.gap ?? 0;
    // Keep the block together when it fits on a fresh sheet; otherwise split it between rows.
    if (y + gap + total > CONTENT_BOTTOM && total <= CONTENT_BOTTOM - CONTENT_TOP && y > CONTENT_TOP) newSheet();
    else y += gap;
    block.rows.forEach((row, i) => {
      if (y + heights[i] > CONTENT_BOTTOM && y > CONTENT_TOP) newSheet();
      drawRow(painter, MARGIN_X, y, row, heights[i]);
      y += heights[i];
    });
  }

  // 以下余白: nothing may be added below the last entry.
  const blankSize = 9;
  if (y + 8 > CONTENT_BOTTOM) newSheet();
  painter.textIn(MARGIN_X, TABLE_WIDTH, y + 2 + measure.ascent(blankSize), '以下余白', blankSize, 'center', { charSpace: 2 });
  y += 8;

  painter.noteMissing(doc.finale.attestation + doc.finale.signerTitle + doc.finale.signerName + doc.finale.sealText);
  const missingAll = new Set<string>();
  for (const p of painters) for (const ch of p.missing) missingAll.add(ch);
  const missing = [...missingAll];
  const noteLines = missing.length ? measure.wrap(missingNote(missing), TABLE_WIDTH, 7.5) : [];
  const finaleHeight = FINALE_HEIGHT + noteLines.length * lineHeight(7.5);
  if (y + finaleHeight > CONTENT_BOTTOM) newSheet();
  let fy = CONTENT_BOTTOM - finaleHeight;
  for (const line of noteLines) {
    painter.text(MARGIN_X, fy + measure.ascent(7.5), line, 7.5);
    fy += lineHeight(7.5);
  }
  drawFinale(painter, fy, doc.finale);

  const count = painters.length;
  painters.forEach((p, i) => {
    p.text(MARGIN_X, FOOTER_Y, `発行番号　${doc.serial}`, 8);
    p.textIn(MARGIN_X, TABLE_WIDTH, FOOTER_Y, `${i + 1}／${count}`, 8, 'right');
    if (doc.demoNotice) p.textIn(MARGIN_X, TABLE_WIDTH, FOOTER_Y, doc.demoNotice, 8, 'center', { color: SEAL_RED });
  });
  return { sheets: painters.map((p) => (p.glyphs.size ? { ops: p.ops, glyphs: p.glyphs } : { ops: p.ops })), missing };
}


/** The note under the last entry that explains every character not printed as recorded. */
function missingNote(missing: readonly string[]): string {
  const absent = missing.filter((m) => [...m].length === 1);
  const variants = missing.filter((m) => [...m].length > 1);
  let note = '※';
  if (absent.length) note += `「〓」は、この用紙の字体では印字できない文字（${absent.map(codePoints).join('、')}）を表します。`;
  if (variants.length) note += `異体字（${variants.map(codePoints).join('、')}）は通常の字形で印字しています。`;
  return `${note}原本の記録はその文字のとおりです。`;
}

function drawFinale(painter: Painter, top: number, finale: Finale): void {
  const m = painter.measure;
  let y = top + 4;
  painter.text(MARGIN_X + 6, y + m.ascent(10.5), finale.attestation, 10.5);
  y += 10;
  painter.text(MARGIN_X + 10, y + m.ascent(10.5), finale.issuedOnText, 10.5);
  y += 14;
  const nameSize = 12;
  const signer = `${finale.signerTitle}　${finale.signerName}`;
  const right = MARGIN_X + TABLE_WIDTH - SEAL_SIZE - 4;
  const width = m.width(m.printable(signer).text, nameSize, 1) - 1;
  painter.text(right - width, y + m.ascent(nameSize), signer, nameSize, { charSpace: 1 });
  // The 公印 overlaps the end of the mayor's name, as it does on paper.
  drawOfficialSeal(painter, right - 1.5, y + m.ascent(nameSize) / 2 - SEAL_SIZE / 2, SEAL_SIZE, finale.sealText);
}

/** A square 公印: a double red border and the engraving in columns read right to left. */
export function drawOfficialSeal(painter: Painter, x: number, y: number, size: number, text: string): void {
  painter.rect(x, y, size, size, { stroke: SEAL_RED, lineWidth: 0.9 });
  painter.rect(x + 1.2, y + 1.2, size - 2.4, size - 2.4, { stroke: SEAL_RED, lineWidth: 0.3 });
  drawEngraving(painter, x + 2.2, y + 2.2, size - 4.4, text);
}

/** Characters in a grid of columns, first column at the right, top to bottom: the layout of 印章. */
export function drawEngraving(painter: Painter, x: number, y: number, size: number, text: string): void {
  const chars = clusters(text);
  const columns = Math.max(1, Math.ceil(Math.sqrt(chars.length)));
  const rows = Math.max(1, Math.ceil(chars.length / columns));
  const cellW = size / columns;
  const cellH = size / rows;
  const fontSize = (Math.min(cellW, cellH) * 0.92) / MM_PER_PT;
  chars.forEach((ch, i) => {
    const column = Math.floor(i / rows);
    const row = i % rows;
    const cx = x + size - (column + 1) * cellW;
    const cy = y + row * cellH;
    const m = painter.measure;
    const baseline = cy + (cellH + m.ascent(fontSize) * 0.78) / 2;
    painter.textIn(cx, cellW, baseline, ch, fontSize, 'center', { color: SEAL_RED });
  });
}
