/**
 * The kofu carrier format, version 1: constants and the module layout. docs/carrier.md describes
 * the same thing in prose, byte for byte; keep the two in step.
 *
 * A symbol is an N×N grid of square modules (N from GRID_SIZES only, so the decoder can snap its
 * estimate to a known size; cf. Fujitsu US 2011/0280395, anti-forgery.md §2.1), surrounded by a
 * QUIET_ZONE of white modules. Module values: 1 = black (ink), 0 = white (paper).
 */

export const FORMAT_VERSION = 1;

/** The only grid sizes a symbol may have. The index into this list is written in the header. */
export const GRID_SIZES: readonly number[] = Array.from({ length: 28 }, (_, i) => 40 + 8 * i); // 40, 48, …, 256

/** White modules on each side, counted in the printed area. */
export const QUIET_ZONE = 2;

/**
 * Finder: 15×15 modules, black ring 2, white ring 2, 7×7 black core: runs of 2:2:7:2:2 on the
 * centre lines, which passes the 1:1:3:1:1 test of ISO/IEC 18004 §6.3.3 within its tolerance.
 * The doubled rings keep the finder detectable when data modules are only 2 scan pixels wide and
 * blurred; the odd size puts the centre on a module centre (module 7).
 */
export const FINDER_SIZE = 15;
/** Finder plus its one-module white separator: the reserved square in each corner. */
const FINDER_RESERVED = FINDER_SIZE + 1;
/** Module index of the finder centre, from its outer corner. */
export const FINDER_CENTRE = 7;

/** Colour (1 = black) of finder module (r, c), 0..14. */
export function finderValue(r: number, c: number): number {
  const d = Math.max(Math.abs(r - FINDER_CENTRE), Math.abs(c - FINDER_CENTRE));
  return d <= 3 || d >= 6 ? 1 : 0;
}
/** Alignment pattern: 5×5 (black ring, white ring, black centre module). */
export const ALIGN_SIZE = 5;

/** Colour (1 = black) of alignment module (r, c), 0..ALIGN_SIZE − 1. */
export function alignmentValue(r: number, c: number): number {
  const centre = (ALIGN_SIZE - 1) / 2;
  return Math.max(Math.abs(r - centre), Math.abs(c - centre)) === 1 ? 0 : 1;
}
/** Target distance between alignment centres, in modules. */
const ALIGN_SPACING = 20;

/**
 * Corner tags tell the corners apart (and so all eight rotations and mirror images: the symmetry
 * group of the square permutes four distinct corners faithfully). Each corner has TAG_SLOTS,
 * 2×2 blocks just outside its separator; the corner fills the first CORNER_TAGS[k] of them
 * (TL 0, TR 1, BR 2, BL 3). They sit outside the finder so the finder looks the same from every
 * direction (a mark inside it would break the 1:1:3:1:1 runs at some rotation).
 */
export const CORNER_TAGS: readonly number[] = [0, 1, 2, 3];
/** Top-left module (r, c) of each tag slot of the TL corner, in filling order; other corners are rotations. */
const TAG_SLOTS: ReadonlyArray<readonly [number, number]> = [
  [16, 2],
  [2, 16],
  [16, 11],
  [11, 16],
];

/** Module indices of each tag slot of each corner: [corner][slot] → 4 indices. */
export function cornerTagModules(size: number): number[][][] {
  const rotate = (r: number, c: number): [number, number] => [c, size - 1 - r]; // quarter turn clockwise
  return [0, 1, 2, 3].map((corner) =>
    TAG_SLOTS.map(([r0, c0]) => {
      const out: number[] = [];
      for (let i = 0; i < 2; i++)
        for (let j = 0; j < 2; j++) {
          let [r, c] = [r0 + i, c0 + j];
          for (let k = 0; k < corner; k++) [r, c] = rotate(r, c);
          out.push(r * size + c);
        }
      return out;
    }),
  );
}

/** Error-correction levels 0..3 (L, M, Q, H): share of each Reed–Solomon block spent on parity. */
const EC_PARITY_SHARE: readonly number[] = [0.125, 0.2, 0.3, 0.45];

/** Header: 6 data bytes + 6 Reed–Solomon parity bytes = 96 modules, printed twice. */
export const HEADER_DATA_BYTES = 6;
export const HEADER_PARITY_BYTES = 6;
export const HEADER_BYTES = HEADER_DATA_BYTES + HEADER_PARITY_BYTES;
export const HEADER_MODULES = HEADER_BYTES * 8;
/** Public constant XORed over the header codeword so the header has no long uniform runs. */
export const HEADER_MASK = Uint8Array.from([0xa5, 0x3c, 0x96, 0x5a, 0xc3, 0x69, 0x0f, 0xf0, 0x55, 0xaa, 0x33, 0xcc]);

/** Nonce for the ChaCha20 whitening keystream (RFC 8439 §2.4): ASCII "kofu-carr-v1". */
export const WHITENING_NONCE = new TextEncoder().encode('kofu-carr-v1');
/** Bytes of CRC-32 appended to the payload before whitening (detects a wrong key). */
export const CRC_BYTES = 4;
/** Seed of the public byte-slot permutation (ASCII "kofu"), XORed with the slot count. */
export const SLOT_PERMUTATION_SEED = 0x6b6f6675;

/** Module size unit written in the header: 1/1200 inch (exact for 300/600/1200 dpi printers). */
export const MODULE_UNITS_PER_INCH = 1200;

/** Module pitch in millimetres for a header's module size. */
export function moduleMmOf(moduleUnits: number): number {
  return (moduleUnits * 25.4) / MODULE_UNITS_PER_INCH;
}

export const enum ModuleKind {
  Data = 0,
  Function = 1,
  Header1 = 2,
  Header2 = 3,
  Filler = 4,
}

export interface BlockShape {
  /** Codeword length (data + parity), ≤ 255. */
  readonly n: number;
  readonly parity: number;
}

export interface Layout {
  readonly size: number;
  /**
   * Module indices of the finder and alignment centres along each axis: FINDER_CENTRE, the
   * alignment centres, N − 1 − FINDER_CENTRE. Finders sit at the four corners of this lattice,
   * alignment patterns at every other lattice point.
   */
  readonly lattice: readonly number[];
  /** Per module: a ModuleKind. */
  readonly kind: Uint8Array;
  /** Per module: the colour of function modules (finders, separators, alignment); 0 elsewhere. */
  readonly functionValue: Uint8Array;
  /** Module indices (r·N + c) of the two header copies, in bit order. */
  readonly header: readonly [Int32Array, Int32Array];
  /** Module indices of the byte slots: slot s holds bits MSB-first at [8s, 8s+8). */
  readonly slots: Int32Array;
  readonly slotCount: number;
  /** Module indices of the leftover (< 8) filler modules. */
  readonly filler: Int32Array;
}

function latticeFor(size: number): number[] {
  const first = FINDER_CENTRE;
  const last = size - 1 - FINDER_CENTRE;
  // An odd number of intervals: with N even, a lattice point in the exact middle could not be
  // placed symmetrically, and the layout must look the same under all eight symmetries of the
  // square (the decoder samples once and reads every orientation from the same samples).
  let intervals = Math.max(1, Math.round((last - first) / ALIGN_SPACING));
  if (intervals % 2 === 0) intervals++;
  const lattice = new Array<number>(intervals + 1);
  for (let i = 0; i * 2 <= intervals; i++) {
    const c = first + Math.round((i * (last - first)) / intervals);
    lattice[i] = c;
    lattice[intervals - i] = size - 1 - c; // mirror so the layout is symmetric under 180° rotation
  }
  return lattice;
}

const layoutCache = new Map<number, Layout>();

export function layoutFor(size: number): Layout {
  const cached = layoutCache.get(size);
  if (cached) return cached;
  if (!GRID_SIZES.includes(size)) throw new RangeError(`grid size ${size} is not a carrier size`);
  const kind = new Uint8Array(size * size).fill(ModuleKind.Data);
  const value = new Uint8Array(size * size);
  const set = (r: number, c: number, v: number) => {
    kind[r * size + c] = ModuleKind.Function;
    value[r * size + c] = v;
  };

  const origins: Array<[number, number]> = [
    [0, 0],
    [0, size - FINDER_SIZE],
    [size - FINDER_SIZE, size - FINDER_SIZE],
    [size - FINDER_SIZE, 0],
  ];
  origins.forEach(([r0, c0]) => {
    // Separator: the corner square is white first, then the finder is drawn into it.
    const sr = r0 === 0 ? 0 : size - FINDER_RESERVED;
    const sc = c0 === 0 ? 0 : size - FINDER_RESERVED;
    for (let r = 0; r < FINDER_RESERVED; r++) for (let c = 0; c < FINDER_RESERVED; c++) set(sr + r, sc + c, 0);
    for (let r = 0; r < FINDER_SIZE; r++) {
      for (let c = 0; c < FINDER_SIZE; c++) {
        set(r0 + r, c0 + c, finderValue(r, c));
      }
    }
  });

  cornerTagModules(size).forEach((slots, corner) =>
    slots.forEach((modules, slot) => {
      for (const m of modules) set(Math.floor(m / size), m % size, slot < CORNER_TAGS[corner] ? 1 : 0);
    }),
  );

  const lattice = latticeFor(size);
  const last = lattice.length - 1;
  for (let i = 0; i <= last; i++) {
    for (let j = 0; j <= last; j++) {
      if ((i === 0 || i === last) && (j === 0 || j === last)) continue; // finders sit there
      // The pattern's centre module sits on the lattice point.
      const top = lattice[i] - (ALIGN_SIZE - 1) / 2;
      const left = lattice[j] - (ALIGN_SIZE - 1) / 2;
      for (let r = 0; r < ALIGN_SIZE; r++) {
        for (let c = 0; c < ALIGN_SIZE; c++) set(top + r, left + c, alignmentValue(r, c));
      }
    }
  }

  // Header copy 1: the first HEADER_MODULES free modules in the strip of columns
  // 0..FINDER_RESERVED−1 below the top-left finder, row by row. Copy 2 is its image under 180°
  // rotation.
  const header1 = new Int32Array(HEADER_MODULES);
  const header2 = new Int32Array(HEADER_MODULES);
  let h = 0;
  for (let r = FINDER_RESERVED; r < size && h < HEADER_MODULES; r++) {
    for (let c = 0; c < FINDER_RESERVED && h < HEADER_MODULES; c++) {
      const index = r * size + c;
      if (kind[index] !== ModuleKind.Data) continue;
      const mirror = (size - 1 - r) * size + (size - 1 - c);
      header1[h] = index;
      header2[h] = mirror;
      kind[index] = ModuleKind.Header1;
      kind[mirror] = ModuleKind.Header2;
      h++;
    }
  }
  if (h !== HEADER_MODULES) throw new Error('header does not fit');

  const free: number[] = [];
  for (let i = 0; i < size * size; i++) if (kind[i] === ModuleKind.Data) free.push(i);
  const slotCount = Math.floor(free.length / 8);
  const slots = Int32Array.from(free.slice(0, slotCount * 8));
  const filler = Int32Array.from(free.slice(slotCount * 8));
  for (const i of filler) kind[i] = ModuleKind.Filler;

  const layout: Layout = { size, lattice, kind, functionValue: value, header: [header1, header2], slots, slotCount, filler };
  layoutCache.set(size, layout);
  return layout;
}

/** Splits T codeword bytes into ⌈T/255⌉ blocks of near-equal length with the level's parity share. */
export function blockShapes(totalBytes: number, ecLevel: number): BlockShape[] {
  const share = EC_PARITY_SHARE[ecLevel];
  if (share === undefined) throw new RangeError(`EC level ${ecLevel}`);
  const count = Math.ceil(totalBytes / 255);
  const base = Math.floor(totalBytes / count);
  const longer = totalBytes % count;
  const shapes: BlockShape[] = [];
  for (let b = 0; b < count; b++) {
    const n = base + (b < longer ? 1 : 0);
    const parity = Math.max(2, 2 * Math.round((n * share) / 2));
    shapes.push({ n, parity });
  }
  return shapes;
}

/** Message bytes (payload + CRC + padding) a symbol of this size and level carries. */
export function messageCapacity(size: number, ecLevel: number): number {
  return blockShapes(layoutFor(size).slotCount, ecLevel).reduce((sum, s) => sum + s.n - s.parity, 0);
}

/** The smallest grid size that carries `payloadLength` bytes at `ecLevel`, or undefined. */
export function sizeForPayload(payloadLength: number, ecLevel: number): number | undefined {
  return GRID_SIZES.find((n) => messageCapacity(n, ecLevel) >= payloadLength + CRC_BYTES);
}

export interface HeaderFields {
  readonly version: number;
  readonly ecLevel: number;
  readonly sizeIndex: number;
  /** Module size in 1/1200 inch. */
  readonly moduleUnits: number;
  readonly payloadLength: number;
}
