import { expect } from '@open-wc/testing';
import { toHex } from '../bytes/bytes.ts';
import { decodeData } from './blocks.ts';
import { CarrierWrongKeyError } from './errors.ts';
import { GRID_SIZES, layoutFor, type HeaderFields } from './format.ts';
import { randomBytes, rng } from './simulate/random.ts';
import { cleanSamples, cleanScan } from './testing/clean-scan.ts';

describe('carrier/blocks', () => {
  const scan = cleanScan({ payloadBytes: 600 });
  const { symbol } = scan;
  const layout = layoutFor(symbol.size);
  const header: HeaderFields = { version: 1, ecLevel: symbol.ecLevel, sizeIndex: GRID_SIZES.indexOf(symbol.size), moduleUnits: symbol.moduleUnits, payloadLength: 600 };
  const upright = { k: 0, mirror: false };
  let checkpoints = 0;
  const checkpoint = async () => {
    checkpoints++;
  };

  /** Clean samples with the given share of data modules flipped (seeded). */
  function damaged(share: number, seed: number): Float32Array {
    const modules = symbol.modules.slice();
    const random = rng(seed);
    for (const m of layout.slots) if (random() < share) modules[m] ^= 1;
    return cleanSamples(modules);
  }

  it('decodes clean samples with the plain soft values and no corrections', async () => {
    const data = await decodeData(cleanSamples(symbol.modules), layout, upright, header, scan.key, checkpoint);
    expect(data.payload && toHex(data.payload)).to.equal(toHex(scan.payload));
    if (!data.payload) return;
    expect(data.sharpening).to.equal(0);
    expect(data.correction.corrected).to.equal(0);
    expect(data.correction.rawBitErrors).to.equal(0);
    expect(data.correction.worstUse).to.equal(0);
  });

  it('corrects scattered module errors and counts them', async () => {
    const data = await decodeData(damaged(0.01, 1), layout, upright, header, scan.key, checkpoint);
    expect(data.payload && toHex(data.payload)).to.equal(toHex(scan.payload));
    if (!data.payload) return;
    expect(data.correction.corrected).to.be.above(0);
    expect(data.correction.rawBitErrors / data.correction.dataBits).to.be.within(0.005, 0.015);
  });

  it('gives up on samples beyond correction, having tried every soft variant', async () => {
    checkpoints = 0;
    const data = await decodeData(damaged(0.4, 2), layout, upright, header, scan.key, checkpoint);
    expect(data.payload).to.equal(null);
    if (data.payload) return;
    expect(data.checksumFailed).to.equal(false);
    expect(checkpoints).to.equal(4);
  });

  it('a wrong whitening key is told apart from damage', async () => {
    let error: unknown;
    try {
      await decodeData(cleanSamples(symbol.modules), layout, upright, header, randomBytes(32, 99), checkpoint);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(CarrierWrongKeyError);
  });
});
