import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { fromHex } from '../../bytes/bytes.ts';
import { ByteFormatError } from '../../bytes/errors.ts';
import { encodeTlv, readTlv, readTlvHeader, readTlvList } from './tlv.ts';

describe('card/apdu/tlv', () => {
  it('reads multi-byte private tags and long-form lengths', () => {
    expect(readTlvHeader(fromHex('FF 20 82 01 23'), 0)).to.deep.equal({ tag: 0xff20, headerLength: 5, length: 0x123 });
    expect(readTlvHeader(fromHex('DF 22 81 80'), 0)).to.deep.equal({ tag: 0xdf22, headerLength: 4, length: 0x80 });
    expect(readTlvHeader(fromHex('30 82 03 13'), 0)).to.deep.equal({ tag: 0x30, headerLength: 4, length: 0x313 });
  });

  it('round-trips any value length and stops at FF filler', () => {
    fc.assert(
      fc.property(fc.constantFrom(0xdf21, 0xdf25, 0xff20, 0x30), fc.uint8Array({ maxLength: 70000 }), (tag, value) => {
        const tlv = readTlv(encodeTlv(tag, value), 0);
        expect(tlv.tag).to.equal(tag);
        expect(tlv.value.length).to.equal(value.length);
      }),
      { numRuns: 30 },
    );
    const list = readTlvList(fromHex('DF 24 01 31 DF 25 01 32 FF FF FF'));
    expect(list.map((t) => t.tag)).to.deep.equal([0xdf24, 0xdf25]);
  });

  it('refuses truncated data with a typed error', () => {
    expect(() => readTlv(fromHex('DF 22 05 41'), 0)).to.throw(ByteFormatError);
    expect(() => readTlvHeader(fromHex('FF'), 0)).to.throw(ByteFormatError);
  });
});
