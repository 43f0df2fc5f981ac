/**
 * Blocks: soft module values → byte slots → the public slot permutation undone → Reed–Solomon
 * blocks de-interleaved and corrected (errors first, then the least confident bytes as erasures)
 * → un-whitening → CRC-32. When some blocks decode and others do not, iterative decoding pins the
 * decoded blocks' modules and equalises again around them.
 */
import { blockShapes, CRC_BYTES, ModuleKind, type HeaderFields, type Layout } from './format.ts';
import { deinterleaveBlocks, interleaveBlocks, slotPermutation } from './interleave.ts';
import { transformGrid, type GridSymmetry } from './orient.ts';
import { rsDecode } from './reed-solomon.ts';
import { equalise, flagUniformPatches, normalise, rankLowest, sharpen, softToBytes, SOFT_VARIANTS } from './soft-values.ts';
import { crc32, whiten } from './whiten.ts';
import { CarrierDamagedError, CarrierWrongKeyError } from './errors.ts';

/** Rounds of iterative decoding with the blocks already corrected. */
const FEEDBACK_ROUNDS = 3;

export interface CorrectionOutcome {
  readonly whitened: Uint8Array;
  readonly corrected: number;
  readonly erasures: number;
  readonly rawBitErrors: number;
  readonly dataBits: number;
  readonly worstUse: number;
}

interface BlockPass {
  /** Corrected codeword per block, or null where the block did not decode. */
  readonly fixed: Array<Uint8Array | null>;
  /** Hard decisions in stream order (before correction). */
  readonly stream: Uint8Array;
  readonly corrected: number;
  readonly erasures: number;
  readonly worstUse: number;
}

/** Reed–Solomon over every block not already decoded in `previous`; errors first, then erasures. */
function decodeBlocks(rawSoft: Float32Array, layout: Layout, ecLevel: number, previous?: BlockPass): BlockPass {
  const soft = flagUniformPatches(rawSoft, layout.size);
  const slotSoft = new Float32Array(layout.slotCount * 8);
  for (let i = 0; i < slotSoft.length; i++) slotSoft[i] = soft[layout.slots[i]];
  const { bytes: slotBytes, confidence: slotConfidence } = softToBytes(slotSoft, layout.slotCount);
  const perm = slotPermutation(layout.slotCount);
  const stream = new Uint8Array(layout.slotCount);
  const streamConfidence = new Float32Array(layout.slotCount);
  for (let t = 0; t < stream.length; t++) {
    stream[t] = slotBytes[perm[t]];
    streamConfidence[t] = slotConfidence[perm[t]];
  }
  const shapes = blockShapes(layout.slotCount, ecLevel);
  const blocks = deinterleaveBlocks(stream, shapes, (n) => new Uint8Array(n));
  const confidences = deinterleaveBlocks(streamConfidence, shapes, (n) => new Float32Array(n));
  const fixed: Array<Uint8Array | null> = [];
  let corrected = previous?.corrected ?? 0;
  let erasures = previous?.erasures ?? 0;
  let worstUse = previous?.worstUse ?? 0;
  for (let b = 0; b < blocks.length; b++) {
    const done = previous?.fixed[b];
    if (done) {
      fixed.push(done);
      continue;
    }
    const p = shapes[b].parity;
    const order = rankLowest(confidences[b]);
    let result = rsDecode(blocks[b], p);
    let used = 0;
    if (result) used = (2 * result.corrected) / p;
    else {
      // Keep a quarter of the parity unerased: with less left to check the result, miscorrections
      // (a valid but wrong codeword) become likely.
      for (const f of [p >> 2, p >> 1, (3 * p) >> 2]) {
        if (f <= 0) continue;
        const erased = order.slice(0, f);
        result = rsDecode(blocks[b], p, erased);
        if (result) {
          erasures += f;
          // Errors outside the erased set count twice.
          const erasedSet = new Set(erased);
          let errorsOutside = 0;
          for (let j = 0; j < blocks[b].length; j++) if (!erasedSet.has(j) && result.codeword[j] !== blocks[b][j]) errorsOutside++;
          used = (f + 2 * errorsOutside) / p;
          break;
        }
      }
    }
    if (result) {
      corrected += result.corrected;
      worstUse = Math.max(worstUse, used);
    }
    fixed.push(result ? result.codeword : null);
  }
  return { fixed, stream: previous?.stream ?? stream, corrected, erasures, worstUse };
}

/**
 * Module values made certain by blocks that decoded (±1, 0 = unknown), plus the function
 * patterns. Fed back into the equaliser, they sharpen the decisions for the blocks that did not.
 */
function knownModules(pass: BlockPass, layout: Layout, ecLevel: number): Int8Array {
  const n = layout.size;
  const known = new Int8Array(n * n);
  for (let i = 0; i < known.length; i++) if (layout.kind[i] === ModuleKind.Function) known[i] = layout.functionValue[i] ? 1 : -1;
  const shapes = blockShapes(layout.slotCount, ecLevel);
  const positions = deinterleaveBlocks(Float32Array.from({ length: layout.slotCount }, (_, t) => t), shapes, (k) => new Float32Array(k));
  const perm = slotPermutation(layout.slotCount);
  pass.fixed.forEach((codeword, b) => {
    if (!codeword) return;
    for (let j = 0; j < codeword.length; j++) {
      const slot = perm[positions[b][j]];
      for (let bit = 0; bit < 8; bit++) known[layout.slots[slot * 8 + bit]] = (codeword[j] >> (7 - bit)) & 1 ? 1 : -1;
    }
  });
  return known;
}

/** The whitened message from a pass in which every block decoded (null otherwise), with its statistics. */
function finish(pass: BlockPass, layout: Layout, ecLevel: number): CorrectionOutcome | null {
  if (pass.fixed.some((f) => f === null)) return null;
  const fixed = pass.fixed as Uint8Array[];
  const shapes = blockShapes(layout.slotCount, ecLevel);
  // Raw bit errors: compare the hard decisions with the corrected stream.
  const good = interleaveBlocks(fixed);
  let rawBitErrors = 0;
  for (let t = 0; t < good.length; t++) {
    let x = good[t] ^ pass.stream[t];
    while (x) {
      rawBitErrors += x & 1;
      x >>= 1;
    }
  }
  const whitened = new Uint8Array(shapes.reduce((s, sh) => s + sh.n - sh.parity, 0));
  let offset = 0;
  for (let b = 0; b < fixed.length; b++) {
    const k = shapes[b].n - shapes[b].parity;
    whitened.set(fixed[b].subarray(0, k), offset);
    offset += k;
  }
  return { whitened, corrected: pass.corrected, erasures: pass.erasures, rawBitErrors, dataBits: good.length * 8, worstUse: pass.worstUse };
}

export type DataOutcome =
  | {
      readonly payload: Uint8Array;
      readonly correction: CorrectionOutcome;
      /** Index into SOFT_VARIANTS of the soft values that decoded (beyond the list: rounds of iterative decoding). */
      readonly sharpening: number;
    }
  | {
      readonly payload: null;
      /** Some soft values decoded every block but the CRC did not match (a miscorrection). */
      readonly checksumFailed: boolean;
    };

/**
 * Un-whitens a corrected message and checks its CRC: the payload, or 'checksum' on a mismatch. A
 * wrong key turns the zero padding into noise (→ CarrierWrongKeyError); a rare Reed–Solomon
 * miscorrection leaves it mostly zero (→ 'checksum', and the caller tries other soft values).
 */
function openMessage(whitened: Uint8Array, payloadLength: number, key: Uint8Array): Uint8Array | 'checksum' {
  const message = whiten(whitened, key);
  const length = payloadLength;
  if (length + CRC_BYTES > message.length) throw new CarrierDamagedError('length');
  const body = message.slice(0, length);
  const crc = ((message[length] << 24) | (message[length + 1] << 16) | (message[length + 2] << 8) | message[length + 3]) >>> 0;
  if (crc === crc32(body)) return body;
  const padding = message.subarray(length + CRC_BYTES);
  const zeros = padding.reduce((sum, v) => sum + (v === 0 ? 1 : 0), 0);
  if (padding.length < 8 || zeros < padding.length / 2) throw new CarrierWrongKeyError();
  return 'checksum';
}

/**
 * Decodes the data of a located, oriented symbol: each soft variant in turn, then iterative
 * decoding from the variant that decoded the most blocks. `checkpoint` runs between attempts (it
 * yields to the event loop and throws on abort).
 */
export async function decodeData(
  values: Float32Array,
  layout: Layout,
  symmetry: GridSymmetry,
  header: HeaderFields,
  key: Uint8Array,
  checkpoint: () => Promise<void>,
): Promise<DataOutcome> {
  const { size } = layout;
  let checksumFailed = false;
  const read = (pass: BlockPass, sharpening: number): DataOutcome | null => {
    const correction = finish(pass, layout, header.ecLevel);
    if (!correction) return null;
    const payload = openMessage(correction.whitened, header.payloadLength, key);
    if (payload !== 'checksum') return { payload, correction, sharpening };
    checksumFailed = true;
    return null;
  };
  let best: { pass: BlockPass; base: Float32Array; good: number } | null = null;
  for (let v = 0; v < SOFT_VARIANTS.length; v++) {
    const { beta, equalise: eq } = SOFT_VARIANTS[v];
    const base = transformGrid(normalise(sharpen(values, size, beta), size), size, symmetry);
    const pass = decodeBlocks(eq ? equalise(base, size) : base, layout, header.ecLevel);
    const decoded = read(pass, v);
    if (decoded) return decoded;
    const good = pass.fixed.filter((f) => f !== null).length;
    if (!best || good > best.good) best = { pass, base, good };
    await checkpoint();
  }
  // Iterative decoding: blocks that decoded pin their modules, the equaliser uses them as exact
  // decisions for their neighbours, and the remaining blocks are tried again.
  for (let round = 0; round < FEEDBACK_ROUNDS && best && best.good > 0 && best.good < best.pass.fixed.length; round++) {
    const known = knownModules(best.pass, layout, header.ecLevel);
    const pass = decodeBlocks(equalise(best.base, size, 2, known), layout, header.ecLevel, best.pass);
    const good = pass.fixed.filter((f) => f !== null).length;
    const decoded = read(pass, SOFT_VARIANTS.length + round);
    if (decoded) return decoded;
    if (good <= best.good) break;
    best = { pass, base: best.base, good };
  }
  return { payload: null, checksumFailed };
}
