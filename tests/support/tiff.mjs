// A minimal TIFF writer for tests (TIFF 6.0: little-endian header, one strip per page, baseline
// tags), uncompressed or PackBits (§9). Plain Uint8Array/DataView, so Node (e2e) and the browser
// (unit tests) both use it. Committed ImageMagick fixtures in tests/vectors/tiff/ cover the other
// codings.

const TYPE = { SHORT: 3, LONG: 4, RATIONAL: 5 };
const PHOTOMETRIC = { grey: 1, rgb: 2 };
const COMPRESSION = { none: 1, packbits: 32773 };

/** PackBits (TIFF 6.0 §9): literal runs of up to 128 bytes, repeats of 2–128 as one byte. */
export function packBits(row) {
  const out = [];
  let i = 0;
  while (i < row.length) {
    let run = 1;
    while (i + run < row.length && run < 128 && row[i + run] === row[i]) run++;
    if (run >= 2) {
      out.push(257 - run, row[i]);
      i += run;
      continue;
    }
    const start = i;
    while (i < row.length && i - start < 128 && !(i + 1 < row.length && row[i + 1] === row[i])) i++;
    out.push(i - start - 1, ...row.subarray(start, i));
  }
  return out;
}

/**
 * `pages`: [{ width, height, channels (1 grey, 3 RGB, 4 RGBA), data (8-bit samples, rows top to
 * bottom), dpi?, subfileType? }]; `compression`: 'none' | 'packbits'.
 */
export function encodeTiff(pages, { compression = 'none' } = {}) {
  const strips = pages.map((page) => {
    const rowBytes = page.width * page.channels;
    if (compression === 'none') return Uint8Array.from(page.data.subarray(0, rowBytes * page.height));
    const out = [];
    for (let y = 0; y < page.height; y++) for (const b of packBits(page.data.subarray(y * rowBytes, (y + 1) * rowBytes))) out.push(b);
    return Uint8Array.from(out);
  });
  const directories = pages.map((page, index) => {
    const dpi = page.dpi ?? 300;
    const samples = page.channels;
    const entries = [
      [254, TYPE.LONG, [page.subfileType ?? 0]],
      [256, TYPE.LONG, [page.width]],
      [257, TYPE.LONG, [page.height]],
      [258, TYPE.SHORT, Array(samples).fill(8)],
      [259, TYPE.SHORT, [COMPRESSION[compression]]],
      [262, TYPE.SHORT, [samples >= 3 ? PHOTOMETRIC.rgb : PHOTOMETRIC.grey]],
      [273, TYPE.LONG, [0]], // strip offset, filled in below
      [277, TYPE.SHORT, [samples]],
      [278, TYPE.LONG, [page.height]],
      [279, TYPE.LONG, [strips[index].length]],
      [282, TYPE.RATIONAL, [[dpi, 1]]],
      [283, TYPE.RATIONAL, [[dpi, 1]]],
      [296, TYPE.SHORT, [2]], // inches
      ...(samples === 4 ? [[338, TYPE.SHORT, [2]]] : []), // unassociated alpha
    ];
    return entries;
  });
  // Layout: header, then per page its directory, its out-of-line values, its strip.
  const sizeOfValue = (type, values) => values.length * (type === TYPE.SHORT ? 2 : type === TYPE.LONG ? 4 : 8);
  let offset = 8;
  const placed = directories.map((entries, index) => {
    const at = offset;
    offset += 2 + entries.length * 12 + 4;
    const extra = entries.map(([, type, values]) => {
      const size = sizeOfValue(type, values);
      if (size <= 4) return undefined;
      const where = offset;
      offset += size + (size & 1);
      return where;
    });
    const strip = offset;
    offset += strips[index].length + (strips[index].length & 1);
    return { at, extra, strip };
  });
  const bytes = new Uint8Array(offset);
  const view = new DataView(bytes.buffer);
  bytes.set([0x49, 0x49, 42, 0]);
  view.setUint32(4, placed[0].at, true);
  const write = (at, type, values) => {
    values.forEach((value, i) => {
      if (type === TYPE.SHORT) view.setUint16(at + 2 * i, value, true);
      else if (type === TYPE.LONG) view.setUint32(at + 4 * i, value, true);
      else {
        view.setUint32(at + 8 * i, value[0], true);
        view.setUint32(at + 8 * i + 4, value[1], true);
      }
    });
  };
  directories.forEach((entries, index) => {
    const { at, extra, strip } = placed[index];
    view.setUint16(at, entries.length, true);
    entries.forEach(([tag, type, values], i) => {
      const entry = at + 2 + i * 12;
      const actual = tag === 273 ? [strip] : values;
      view.setUint16(entry, tag, true);
      view.setUint16(entry + 2, type, true);
      view.setUint32(entry + 4, actual.length, true);
      if (extra[i] === undefined) write(entry + 8, type, actual);
      else {
        view.setUint32(entry + 8, extra[i], true);
        write(extra[i], type, actual);
      }
    });
    view.setUint32(at + 2 + entries.length * 12, index + 1 < placed.length ? placed[index + 1].at : 0, true);
    bytes.set(strips[index], strip);
  });
  return bytes;
}
