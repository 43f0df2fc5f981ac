import { expect } from '@open-wc/testing';
import { demoRegistry } from './demo.ts';
import { decodeText, importText } from './text-decoding.ts';
import { ImportError } from './import-check.ts';
import { exportResidentsCsv, parseResidentsCsv } from './residents-csv.ts';
import { describeError } from '../ui/shared/error-messages.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('registry/text-decoding', () => {
  it('reads Shift_JIS (CP932) bytes from the code page 932 table, including the NEC and IBM extensions', () => {
    // Microsoft CP932 table (Windows-31J): 山 8E52, 田 9363, 太 91BE, 郎 9859, 全角空白 8140,
    // ① 8740 (NEC row 13), 髙 FBFC (IBM extension).
    const decoded = decodeText(bytes(0x8e, 0x52, 0x93, 0x63, 0x81, 0x40, 0x91, 0xbe, 0x98, 0x59, 0x87, 0x40, 0xfb, 0xfc));
    expect(decoded).to.deep.equal({ ok: true, text: '山田　太郎①髙', encoding: 'Shift_JIS (CP932)' });
  });

  it('reads UTF-8 with and without a byte order mark, and UTF-16 with one', () => {
    const utf8 = new TextEncoder().encode('山田太郎');
    expect(decodeText(utf8)).to.deep.equal({ ok: true, text: '山田太郎', encoding: 'UTF-8' });
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]))).to.deep.equal({ ok: true, text: '山田太郎', encoding: 'UTF-8' });
    expect(decodeText(bytes(0xff, 0xfe, 0x71, 0x5c))).to.deep.equal({ ok: true, text: '山', encoding: 'UTF-16LE' });
  });

  it('refuses bytes that are neither UTF-8 nor CP932, and UTF-16 without a mark, naming the encoding', () => {
    expect(decodeText(bytes(0x71, 0x5c, 0x30, 0x00))).to.deep.equal({ ok: false, reason: 'utf-16-without-bom' });
    // 0xFF is no byte of CP932 (WHATWG Shift_JIS decoder: error) and none of UTF-8.
    expect(decodeText(bytes(0x41, 0xff, 0x41))).to.deep.equal({ ok: false, reason: 'unknown' });
    let error: unknown;
    try {
      importText(bytes(0x41, 0xff, 0x41), 'residents.csv');
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(ImportError);
    expect((error as ImportError).problems[0]).to.include({ file: 'residents.csv', code: 'import.unknown-encoding' });
    expect(describeError(error, 'ja')).to.contain('Shift_JIS');
  });

  it('imports a residents CSV saved as CP932 (tests/vectors/registry/residents-cp932.hex) exactly as its UTF-8 original', async () => {
    const hex = (await (await fetch(new URL('../../tests/vectors/registry/residents-cp932.hex', import.meta.url))).text()).replace(/\s/g, '');
    const fixture = Uint8Array.from(hex.match(/../g)!, (pair) => parseInt(pair, 16));
    // The fixture holds the first five households: CP932 has no variation selectors, so the 辻 household cannot be saved in it.
    const cp932Registry = { ...demoRegistry, households: demoRegistry.households.filter((h) => h.id !== 'h-tsuji'), residents: demoRegistry.residents.filter((r) => r.householdId !== 'h-tsuji') };
    const utf8 = exportResidentsCsv(cp932Registry.residents).replaceAll('𠮷', '吉');
    const fromCp932 = parseResidentsCsv(importText(fixture, 'residents.csv'), cp932Registry);
    expect(fromCp932).to.deep.equal(parseResidentsCsv(utf8, cp932Registry));
    expect(fromCp932.residents.map((r) => r.name)).to.include('髙橋　花子');
  });
});
