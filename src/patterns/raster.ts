/**
 * The raster every pattern renders into: one grey byte per device pixel (0 = full ink, 255 = paper),
 * at a stated resolution, the same layout as the print–scan simulator's input
 * (src/carrier/simulate/print-scan.ts), so a pattern can be "printed and scanned" directly.
 */
export interface PatternRaster {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly dpi: number;
}

export const MM_PER_INCH = 25.4;

export const pxFromMm = (mm: number, dpi: number): number => Math.round((mm / MM_PER_INCH) * dpi);
export const mmFromPx = (px: number, dpi: number): number => (px * MM_PER_INCH) / dpi;

export function blankRaster(widthMm: number, heightMm: number, dpi: number): PatternRaster {
  const width = pxFromMm(widthMm, dpi);
  const height = pxFromMm(heightMm, dpi);
  return { data: new Uint8Array(width * height).fill(255), width, height, dpi };
}

/** Fills a device-pixel rectangle with ink, clipped to the raster. */
export function fillRect(r: PatternRaster, x: number, y: number, w: number, h: number, grey = 0): void {
  const x0 = Math.max(0, x);
  const y0 = Math.max(0, y);
  const x1 = Math.min(r.width, x + w);
  const y1 = Math.min(r.height, y + h);
  if (x1 <= x0) return;
  for (let yy = y0; yy < y1; yy++) r.data.fill(grey, yy * r.width + x0, yy * r.width + x1);
}

/** Ink coverage (0..1) of the pixels where `select` is true; a pixel's ink is 1 − grey/255. */
export function coverage(r: PatternRaster, select: (x: number, y: number) => boolean): number {
  let ink = 0;
  let n = 0;
  for (let y = 0; y < r.height; y++) {
    for (let x = 0; x < r.width; x++) {
      if (!select(x, y)) continue;
      ink += 1 - r.data[y * r.width + x] / 255;
      n++;
    }
  }
  return n === 0 ? 0 : ink / n;
}

/** A 32-bit integer hash of a seed and two coordinates (a fixed mix, so patterns are reproducible). */
export function hash3(seed: number, a: number, b: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(a, 0xc2b2ae35) ^ Math.imul(b, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  return (h ^ (h >>> 15)) >>> 0;
}

/**
 * The set cells of a cols × rows grid as rectangles [col, row, width, height] in cells: runs per
 * row, and a run that repeats exactly on the next row extends the rectangle above it.
 */
export function cellRectangles(cells: Uint8Array, cols: number, rows: number): [number, number, number, number][] {
  const done: [number, number, number, number][] = [];
  let open = new Map<number, [number, number, number, number]>();
  for (let r = 0; r < rows; r++) {
    const next = new Map<number, [number, number, number, number]>();
    let c = 0;
    while (c < cols) {
      if (!cells[r * cols + c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < cols && cells[r * cols + c]) c++;
      const key = start * (cols + 1) + c;
      const above = open.get(key);
      if (above) {
        above[3]++;
        open.delete(key);
        next.set(key, above);
      } else next.set(key, [start, r, c - start, 1]);
    }
    for (const rect of open.values()) done.push(rect);
    open = next;
  }
  for (const rect of open.values()) done.push(rect);
  return done;
}

/** Paints a polyline (device px, x, y interleaved) with `width`-px squares sampled along each segment. */
export function strokePolyline(r: PatternRaster, line: ArrayLike<number>, width: number, grey = 0): void {
  for (let i = 0; i + 3 < line.length; i += 2) {
    const [x1, y1, x2, y2] = [line[i], line[i + 1], line[i + 2], line[i + 3]];
    const n = Math.ceil(Math.max(Math.abs(x2 - x1), Math.abs(y2 - y1))) + 1;
    for (let s = 0; s <= n; s++) {
      const x = Math.round(x1 + ((x2 - x1) * s) / n - width / 2);
      const y = Math.round(y1 + ((y2 - y1) * s) / n - width / 2);
      fillRect(r, x, y, width, width, grey);
    }
  }
}
