import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { bytesEqual, concatBytes, constantTimeEqual, fromBase64, fromHex, readUint16BE, readUint32LE, toBase64, toHex, writeUint16BE, writeUint32LE } from './bytes.ts';
import { ByteFormatError } from './errors.ts';

describe('bytes', () => {
  it('hex round-trips any byte string', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => bytesEqual(fromHex(toHex(bytes, ' ')), bytes)));
  });

  it('base64 round-trips any byte string, including ones longer than one chunk', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 70_000 }), (bytes) => bytesEqual(fromBase64(toBase64(bytes)), bytes)), { numRuns: 20 });
  });

  it('reads transcript-style hex', () => {
    expect([...fromHex('00 A4 02 0C\n02 00 0A')]).to.deep.equal([0x00, 0xa4, 0x02, 0x0c, 0x02, 0x00, 0x0a]);
  });

  it('rejects malformed hex and base64 with typed errors', () => {
    expect(() => fromHex('0')).to.throw(ByteFormatError);
    expect(() => fromHex('zz')).to.throw(ByteFormatError);
    expect(() => fromBase64('*')).to.throw(ByteFormatError);
  });

  it('reads and writes integers, and refuses to read past the end', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffff }), (n) => readUint16BE(writeUint16BE(n), 0) === n));
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => readUint32LE(writeUint32LE(n), 0) === n));
    expect(() => readUint16BE(new Uint8Array(1), 0)).to.throw(ByteFormatError);
  });

  it('concatenates and compares', () => {
    const joined = concatBytes(new Uint8Array([1]), new Uint8Array([]), new Uint8Array([2, 3]));
    expect([...joined]).to.deep.equal([1, 2, 3]);
    expect(constantTimeEqual(joined, new Uint8Array([1, 2, 3]))).to.equal(true);
    expect(constantTimeEqual(joined, new Uint8Array([1, 2, 4]))).to.equal(false);
    expect(constantTimeEqual(joined, new Uint8Array([1, 2]))).to.equal(false);
  });
});
