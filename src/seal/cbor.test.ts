import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { fromHex } from '../bytes/bytes.ts';
import { decodeCanonical, encodeCanonical, type CborValue } from './cbor.ts';
import { compressPublicKey, decompressPublicKey, exportCompressedPublicKey, importPublicKey } from './ec.ts';
import { SealError } from './errors.ts';
import { refusalSync } from '../bytes/testing/refusal.ts';

const cborValue: fc.Arbitrary<CborValue> = fc.letrec<{ value: CborValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
    fc.string(),
    fc.boolean(),
    fc.constant(null),
    fc.uint8Array({ maxLength: 40 }),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.uniqueArray(fc.tuple(fc.oneof(fc.integer({ min: -30, max: 300 }), fc.string({ maxLength: 4 })), tie('value')), { maxLength: 5, selector: ([k]) => k }).map((entries) => new Map(entries)),
  ),
})).value;

const expectCode = (run: () => unknown, code: string) => refusalSync(run, code, SealError);

describe('canonical CBOR', () => {
  it('round-trips any value, and its encoding is the only one accepted', () => {
    fc.assert(
      fc.property(cborValue, (value) => {
        const bytes = encodeCanonical(value);
        expect(encodeCanonical(decodeCanonical(bytes, 'test'))).to.deep.equal(bytes);
      }),
      { numRuns: 500 },
    );
  });

  it('any byte string either decodes to a value whose canonical encoding is exactly those bytes, or throws SealError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          const value = decodeCanonical(bytes, 'test');
          expect(Array.from(encodeCanonical(value))).to.deep.equal(Array.from(bytes));
        } catch (error) {
          expect(error).to.be.instanceOf(SealError);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('uses RFC 8949 §4.2.1 bytewise key order (not RFC 7049 length-first)', () => {
    // Keys 10 (0x0a) and -1 (0x20), "a" (0x61 0x61): bytewise order is 10, -1, "a".
    expect(encodeCanonical(new Map<number | string, CborValue>([['a', 1], [-1, 2], [10, 3]]))).to.deep.equal(fromHex('a3 0a 03 20 02 61 61 01'));
    // 256 (0x19 0100) sorts before -1 (0x20) bytewise, though it is longer.
    expect(encodeCanonical(new Map<number, CborValue>([[-1, 0], [256, 0]]))).to.deep.equal(fromHex('a2 19 0100 00 20 00'));
  });

  it('refuses non-minimal integers, indefinite lengths, duplicate keys, tags, floats, undefined, trailing bytes and bad UTF-8', () => {
    expectCode(() => decodeCanonical(fromHex('18 01'), 't'), 'cbor.malformed'); // 1 in two bytes
    expectCode(() => decodeCanonical(fromHex('5f 41 00 ff'), 't'), 'cbor.malformed'); // indefinite bstr
    expectCode(() => decodeCanonical(fromHex('9f 01 ff'), 't'), 'cbor.malformed'); // indefinite array
    expectCode(() => decodeCanonical(fromHex('a2 01 00 01 00'), 't'), 'cbor.malformed'); // duplicate key
    expectCode(() => decodeCanonical(fromHex('d2 80'), 't'), 'cbor.malformed'); // tag 18
    expectCode(() => decodeCanonical(fromHex('f7'), 't'), 'cbor.malformed'); // undefined
    expectCode(() => decodeCanonical(fromHex('01 00'), 't'), 'cbor.malformed'); // trailing byte
    expectCode(() => decodeCanonical(fromHex('f9 3c00'), 't'), 'cbor.non-canonical'); // 1.0 as a half float
    expectCode(() => decodeCanonical(fromHex('a2 02 00 01 00'), 't'), 'cbor.non-canonical'); // keys out of order
    expectCode(() => decodeCanonical(fromHex('62 c3 28'), 't'), 'cbor.non-canonical'); // invalid UTF-8
    expectCode(() => decodeCanonical(new Uint8Array(), 't'), 'cbor.malformed');
  });

  it('survives deep nesting with a typed error, not a crash', () => {
    const deep = new Uint8Array(5000).fill(0x81);
    try {
      decodeCanonical(deep, 't');
    } catch (error) {
      expect(error).to.be.instanceOf(SealError);
    }
  });
});

describe('P-256 point compression', () => {
  it('decompresses to what WebCrypto exports, for fresh keys', async () => {
    for (let i = 0; i < 10; i++) {
      const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
      const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
      const compressed = compressPublicKey(raw);
      expect(compressed).to.deep.equal(await exportCompressedPublicKey(pair.publicKey));
      expect(decompressPublicKey(compressed)).to.deep.equal(raw);
      await importPublicKey(compressed);
    }
  });

  it('refuses points that are not on the curve or badly prefixed', () => {
    // x = 0: 0³ − 0 + b must be a square for a point to exist; try x values until one is not.
    let refused = 0;
    for (let x = 1; x < 20; x++) {
      const candidate = new Uint8Array(33);
      candidate[0] = 0x02;
      candidate[32] = x;
      try {
        decompressPublicKey(candidate);
      } catch (error) {
        expect(error).to.be.instanceOf(SealError);
        refused++;
      }
    }
    expect(refused).to.be.greaterThan(0);
    expect(() => decompressPublicKey(new Uint8Array(33).fill(0x04))).to.throw(SealError);
    expect(() => decompressPublicKey(new Uint8Array(32))).to.throw(SealError);
    expect(() => decompressPublicKey(new Uint8Array([0x02, ...new Uint8Array(32).fill(0xff)]))).to.throw(SealError); // x ≥ p
  });
});
