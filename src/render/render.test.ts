import { expect } from '@open-wc/testing';
import { readFile, writeFile } from '@web/test-runner-commands';
import { decode, encode, rfc8949EncodeOptions } from 'cborg';
import fc from 'fast-check';
import { sha256, toBase64, toHex } from '../bytes/bytes.ts';
import { fromSealContent, toSealContent } from '../documents/codec.ts';
import { dayFromIso } from '../documents/dates.ts';
import type { CertificateRequest } from '../documents/options.ts';
import { CHARACTERS_RENDER_VERSION, type Certificate, type JuminhyoCertificate, type KosekiCertificate } from '../documents/types.ts';
import { demoRegistry } from '../registry/demo.ts';
import { IneligibleError, buildCertificate } from '../registry/issue.ts';
import { allRequests } from '../registry/issue.fixtures.ts';
import { MemoryRegistry } from '../registry/registry.ts';
import { drawOfficialSealImage, drawSheet, ensureFontFace, rasterizeSheet, type Raster } from './bitmap.ts';
import { loadCertificateFont, type LoadedFont } from './font-asset.ts';
import { GlyphSources } from './glyph-sources.ts';
import { MISSING_GLYPH_MARK, TextMeasure, type TextOp } from './layout.ts';
import { clustersOf } from '../registry/glyphs.ts';
import { layoutCertificate, officialSealOps } from './render.ts';

const ctx = { serial: 'R8-000123', issuedOn: dayFromIso('2026-11-25') };
const registry = new MemoryRegistry(demoRegistry);
const issue = (residentId: string, request: CertificateRequest) => buildCertificate(registry, residentId, request, ctx);
const full = { householder: true, honseki: true, myNumber: true } as const;

/** One representative certificate per type: these pin the layout as golden images. */
const GOLDEN: [string, string, CertificateRequest][] = [
  ['juminhyo', 'r-teshigawara-saemon', { kind: 'juminhyo', scope: 'self', ...full }],
  ['kisai', 'r-yoshida-makoto', { kind: 'kisai', scope: 'household', householder: true, honseki: false, myNumber: false }],
  ['inkan', 'r-yoshida-makoto', { kind: 'inkan' }],
  ['tax', 'r-yoshida-makoto', { kind: 'tax', taxKind: 'shotoku-kazei', fiscalYear: 2025 }],
  ['koseki', 'r-yoshida-makoto', { kind: 'koseki', scope: 'all' }],
  ['fuhyo', 'r-takahashi-ichiro', { kind: 'fuhyo' }],
  // Characters outside the certificate font: 𠮷 from its carried outline (IPAmj); 辻 + U+E0102 (IPAmj),
  // 葛 + U+E0100 (BIZ UD Mincho's own variant) and 藤見市's 外字 U+E000 in the address.
  ['juminhyo-yoshida', 'r-yoshida-makoto', { kind: 'juminhyo', scope: 'self', ...full }],
  ['juminhyo-tsuji', 'r-tsuji-katsuo', { kind: 'juminhyo', scope: 'self', ...full }],
];

/** Mean grey per 40×40-pixel block: a small fingerprint that tolerates anti-aliasing drift. */
const BLOCK = 40;
function fingerprint(r: Raster): number[] {
  const cols = Math.ceil(r.width / BLOCK);
  const rows = Math.ceil(r.height / BLOCK);
  const sum = new Float64Array(cols * rows);
  const count = new Uint32Array(cols * rows);
  for (let y = 0; y < r.height; y++) {
    for (let x = 0; x < r.width; x++) {
      const i = (y * r.width + x) * 4;
      const b = Math.floor(y / BLOCK) * cols + Math.floor(x / BLOCK);
      sum[b] += (r.pixels[i] + r.pixels[i + 1] + r.pixels[i + 2]) / 3;
      count[b]++;
    }
  }
  return Array.from(sum, (s, i) => Math.round(s / count[i]));
}

async function pixelHash(r: Raster): Promise<string> {
  return toHex(await sha256(new Uint8Array(r.pixels.buffer, r.pixels.byteOffset, r.pixels.byteLength)));
}

describe('certificate rendering', function () {
  this.timeout(60_000);
  let font: LoadedFont;
  before(async () => {
    font = await loadCertificateFont();
    await ensureFontFace(font.bytes);
  });

  describe('font metrics', () => {
    it('reads the cmap and advances of BIZ UD Mincho', () => {
      const m = font.metrics;
      expect(m.unitsPerEm).to.equal(2048);
      for (const ch of ['髙', '﨑', '〓', '住', 'あ', 'ア', 'A', '1']) expect(m.has(ch.codePointAt(0)!), ch).to.equal(true);
      expect(m.has(0x20bb7)).to.equal(false); // 𠮷 is not in the font (toolchain.md §3)
      expect(m.advance('住'.codePointAt(0)!)).to.equal(m.unitsPerEm);
      expect(m.advance('A'.codePointAt(0)!)).to.be.lessThan(m.unitsPerEm);
    });
  });

  describe('font coverage', () => {
    it('draws every cluster of the demo registry from the font, its variation sequences or the registry’s outlines', () => {
      const { glyphs, ...records } = demoRegistry.municipalities[0];
      const held = new Set(glyphs!.map((g) => g.cluster));
      const sources = new GlyphSources(font.metrics);
      const all = [...clustersOf({ ...demoRegistry, municipalities: [records, ...demoRegistry.municipalities.slice(1)] })];
      const outside = all.filter((c) => !sources.inBaseFont(c));
      expect(outside.sort()).to.deep.equal(['\u{20BB7}', '\u8FBB\u{E0102}', '\uE000'].sort());
      expect(outside.filter((c) => !held.has(c))).to.deep.equal([]);
      // 葛 + U+E0100 is BIZ UD Mincho's own variant glyph: in the base font, drawn from its outline.
      expect(all).to.include('\u845B\u{E0100}');
      expect(sources.resolve('\u845B\u{E0100}').kind).to.equal('outline');
    });

    it('draws each municipality’s 公印 from its engraving', async () => {
      for (const m of demoRegistry.municipalities) {
        const ops = officialSealOps(m.sealText, 21, font.metrics);
        const canvas = drawOfficialSealImage(ops, 21, 150, font.metrics);
        const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let red = 0;
        for (let i = 0; i < pixels.length; i += 4) if (pixels[i + 3] > 128 && pixels[i] > 150 && pixels[i + 1] < 100) red++;
        expect(red, m.name).to.be.greaterThan(1000);
      }
    });
  });

  describe('line breaking', () => {
    it('wraps long addresses within the width, keeping every character', () => {
      const measure = new TextMeasure(font.metrics);
      const address = demoRegistry.households.find((h) => h.id === 'h-teshigawara')!.address;
      const lines = measure.wrap(address, 100, 9.5);
      expect(lines.length).to.be.at.least(2);
      for (const line of lines) expect(measure.width(line, 9.5)).to.be.at.most(100 + 1e-9);
      expect(lines.join('').replace(/ /g, '')).to.equal(address.replace(/ /g, ''));
    });

    it('never starts a line with closing punctuation and breaks Latin text at spaces', () => {
      const measure = new TextMeasure(font.metrics);
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...'住民票写し、。）「」ー東都県藤見市'), { minLength: 1, maxLength: 80 }), fc.integer({ min: 8, max: 60 }), (chars, width) => {
          const text = chars.join('');
          const lines = measure.wrap(text, width, 9.5);
          expect(lines.join('')).to.equal(text);
          for (const [i, line] of lines.entries()) {
            if (i > 0 && [...line].length > 0 && lines[i - 1].length > 1) expect('、。）」ー').to.not.contain([...line][0]);
          }
        }),
        { numRuns: 200 },
      );
      const latin = measure.wrap('NEWMAN EMILY ROSE WILLIAMSON', 30, 9.5);
      for (const line of latin) expect(line).to.match(/^[A-Z]+( [A-Z]+)*$/);
    });
  });

  describe('layout', () => {
    it('lays out every type × option combination, identically after a seal round trip', async () => {
      let laidOut = 0;
      for (const { residentId, request } of allRequests) {
        let cert: Certificate;
        try {
          cert = await issue(residentId, request);
        } catch (error) {
          if (error instanceof IneligibleError) continue;
          throw error;
        }
        const { sheets } = layoutCertificate(cert, font.metrics);
        expect(sheets.length).to.be.at.least(1);
        // What the verifier draws from the decoded seal is operation-for-operation the front.
        const restored = fromSealContent(decode(encode(toSealContent(cert), rfc8949EncodeOptions), { useMaps: true }));
        expect(JSON.stringify(layoutCertificate(restored, font.metrics).sheets)).to.equal(JSON.stringify(sheets));
        const texts = sheets.flatMap((s) => s.ops.filter((o): o is TextOp => o.kind === 'text').map((o) => o.text.replace(/ /g, '')));
        expect(texts).to.include('以下余白');
        const last = sheets.at(-1)!.ops.filter((o): o is TextOp => o.kind === 'text').map((o) => o.text);
        expect(last).to.include(`${sheets.length}／${sheets.length}`);
        laidOut++;
      }
      expect(laidOut).to.be.greaterThan(150);
    });

    it('keeps every drawing on the page, however long the content', async () => {
      const base = (await issue('r-takahashi-ichiro', { kind: 'koseki', scope: 'all' })) as KosekiCertificate;
      const member = base.members[0];
      const huge: KosekiCertificate = {
        ...base,
        members: Array.from({ length: 12 }, (_, i) => ({ ...member, name: `${member.name}${i}`, events: Array.from({ length: 30 }, () => member.events[1]) })),
      };
      const crowd = (await issue('r-takahashi-ichiro', { kind: 'juminhyo', scope: 'household', ...full })) as JuminhyoCertificate;
      const many: JuminhyoCertificate = { ...crowd, persons: Array.from({ length: 31 }, (_, i) => crowd.persons[i % crowd.persons.length]) };
      for (const cert of [huge, many]) {
        const { sheets } = layoutCertificate(cert, font.metrics);
        expect(sheets.length).to.be.greaterThan(3);
        sheets.forEach((sheet, i) => {
          const texts = sheet.ops.filter((o): o is TextOp => o.kind === 'text');
          expect(texts.map((t) => t.text)).to.include(`${i + 1}／${sheets.length}`);
          for (const op of sheet.ops) {
            const [top, bottom] = op.kind === 'text' ? [op.y - 5, op.y] : op.kind === 'rect' ? [op.y, op.y + op.h] : op.kind === 'line' ? [Math.min(op.y1, op.y2), Math.max(op.y1, op.y2)] : [0, 0];
            expect(top, `${cert.kind} sheet ${i + 1}`).to.be.at.least(5);
            expect(bottom, `${cert.kind} sheet ${i + 1}`).to.be.at.most(297 - 5);
          }
        });
      }
    });

    it('continues a six-person household on a second sheet with sheet numbers', async () => {
      const cert = await issue('r-takahashi-ichiro', { kind: 'juminhyo', scope: 'household', ...full });
      const { sheets } = layoutCertificate(cert, font.metrics);
      expect(sheets.length).to.equal(2);
      const textOf = (i: number) => sheets[i].ops.filter((o): o is TextOp => o.kind === 'text').map((o) => o.text);
      expect(textOf(0)).to.include('1／2');
      expect(textOf(1)).to.include('2／2');
      expect(textOf(1)).to.include('住民票の写し（続き）');
      expect(textOf(0)).to.not.include('以下余白');
      expect(textOf(1)).to.include('以下余白');
    });

    it('gives a 外国人住民 the date of birth in 西暦, and breaks the 在留カード labels between words', async () => {
      const cert = await issue('r-newman-emily', { kind: 'juminhyo', scope: 'self', householder: true, honseki: false, myNumber: false });
      const { sheets } = layoutCertificate(cert, font.metrics);
      const texts = sheets[0].ops.filter((o): o is TextOp => o.kind === 'text').map((o) => o.text);
      expect(texts).to.include('1992年12月1日');
      expect(texts).to.not.include('平成4年12月1日');
      expect(texts).to.include('令和10年4月10日', 'other dates stay in 和暦');
      for (const [first, second] of [['在留カード等の', '番号'], ['第30条の45に', '規定する区分'], ['在留期間等の', '満了の日']]) {
        expect(texts.indexOf(second), `${first}｜${second}`).to.equal(texts.indexOf(first) + 1);
      }
      // A Japanese resident's date of birth stays in 和暦.
      const japanese = layoutCertificate(await issue('r-takahashi-ichiro', { kind: 'juminhyo', scope: 'self', ...full }), font.metrics);
      expect(japanese.sheets[0].ops.some((o) => o.kind === 'text' && /^昭和\d+年\d+月\d+日$/.test(o.text))).to.equal(true);
    });

    it('prints the base character of an 異体字 sequence no source has, and says so in the note', async () => {
      const cert = (await issue('r-takahashi-ichiro', { kind: 'juminhyo', scope: 'self', ...full })) as JuminhyoCertificate;
      const variant = '\u845B\u{E0102}'; // 葛 with an MJ selector: not in BIZ UD Mincho, and not carried
      const { sheets, missing } = layoutCertificate({ ...cert, persons: [{ ...cert.persons[0], name: `${variant}西　一郎` }] }, font.metrics);
      expect(missing).to.deep.equal([variant]);
      const texts = sheets[0].ops.filter((o): o is TextOp => o.kind === 'text').map((o) => o.text);
      expect(texts).to.include('葛西　一郎');
      expect(texts.some((t) => t.includes('U+845B U+E0102'))).to.equal(true);
      expect(texts.join('')).to.not.contain(MISSING_GLYPH_MARK);
    });

    it('draws an 異体字 sequence the certificate font lists (葛 + U+E0100) from its own outline, keeping the selector', async () => {
      const cert = (await issue('r-takahashi-ichiro', { kind: 'juminhyo', scope: 'self', ...full })) as JuminhyoCertificate;
      const variant = '\u845B\u{E0100}';
      const named = { ...cert, persons: [{ ...cert.persons[0], name: `${variant}西　一郎` }] };
      const { sheets, missing } = layoutCertificate({ ...named, renderVersion: CHARACTERS_RENDER_VERSION }, font.metrics);
      expect(missing).to.deep.equal([]);
      const texts = sheets[0].ops.filter((o): o is TextOp => o.kind === 'text').map((o) => o.text);
      expect(texts).to.include(`${variant}西　一郎`);
      expect([...sheets[0].glyphs!.keys()]).to.deep.equal([variant]);
      // A version 1 sheet with the same name was printed with the base character and a note: it restores so.
      const old = layoutCertificate(named, font.metrics);
      expect(old.missing).to.deep.equal([variant]);
      expect(old.sheets[0].glyphs).to.equal(undefined);
    });

    it('prints 〓 for a character no source has, with a note naming it', async () => {
      const { glyphs, ...cert } = await issue('r-yoshida-makoto', { kind: 'juminhyo', scope: 'self', ...full });
      expect(glyphs!.map((g) => g.cluster)).to.deep.equal(['𠮷']);
      const { sheets, missing } = layoutCertificate(cert as Certificate, font.metrics);
      expect(missing).to.deep.equal(['𠮷']);
      const texts = sheets[0].ops.filter((o): o is TextOp => o.kind === 'text').map((o) => o.text);
      expect(texts).to.include(`${MISSING_GLYPH_MARK}田　誠`);
      expect(texts.some((t) => t.includes('U+20BB7'))).to.equal(true);
      expect(texts.join('')).to.not.contain('𠮷');
      const plain = layoutCertificate(await issue('r-takahashi-ichiro', { kind: 'juminhyo', scope: 'self', ...full }), font.metrics);
      expect(plain.missing).to.deep.equal([]);
    });
  });

  describe('bitmap', () => {
    it('gives the same pixels on every run and after a seal round trip, carried outlines included', async () => {
      for (const id of ['r-yoshida-makoto', 'r-tsuji-katsuo']) {
        const cert = await issue(id, { kind: 'juminhyo', scope: 'household', ...full });
        expect(cert.glyphs?.length, id).to.be.greaterThan(0);
        const restored = fromSealContent(decode(encode(toSealContent(cert), rfc8949EncodeOptions), { useMaps: true }));
        expect(restored.glyphs).to.deep.equal(cert.glyphs);
        const a = await pixelHash(rasterizeSheet(layoutCertificate(cert, font.metrics).sheets[0], 150, font.metrics));
        const b = await pixelHash(rasterizeSheet(layoutCertificate(cert, font.metrics).sheets[0], 150, font.metrics));
        const c = await pixelHash(rasterizeSheet(layoutCertificate(restored, font.metrics).sheets[0], 150, font.metrics));
        expect(b, id).to.equal(a);
        expect(c, id).to.equal(a);
      }
    });

    it('draws a carried outline where 〓 stood, in ink of the glyph’s own shape', async () => {
      const cert = await issue('r-yoshida-makoto', { kind: 'juminhyo', scope: 'self', ...full });
      const { glyphs, ...without } = cert;
      const ink = (raster: Raster) => {
        // The 氏名 cell's first character: 15 + 24 + 1.3 mm from the left, under the ruby (150 dpi).
        let dark = 0;
        for (let y = 500; y < 560; y++) for (let x = 230; x < 300; x++) if (raster.pixels[(y * raster.width + x) * 4] < 128) dark++;
        return dark;
      };
      const withGlyph = rasterizeSheet(layoutCertificate(cert, font.metrics).sheets[0], 150, font.metrics);
      const withMark = rasterizeSheet(layoutCertificate(without as Certificate, font.metrics).sheets[0], 150, font.metrics);
      expect(glyphs).to.have.length(1);
      expect(await pixelHash(withGlyph)).to.not.equal(await pixelHash(withMark));
      expect(ink(withGlyph)).to.be.greaterThan(100);
    });

    it('matches the golden images at 150 dpi within a small tolerance', async () => {
      const report: string[] = [];
      for (const [name, residentId, request] of GOLDEN) {
        const cert = await issue(residentId, request);
        const sheet = layoutCertificate(cert, font.metrics).sheets[0];
        const raster = rasterizeSheet(sheet, 150, font.metrics);
        expect([raster.width, raster.height]).to.deep.equal([1240, 1754]);
        const hash = await pixelHash(raster);
        const print = fingerprint(raster);
        const path = `golden/${name}.json`;
        // The file command reports a missing file as an unknown command.
        const stored = await readFile({ path }).catch(() => undefined);
        if (stored === undefined) {
          // First run on a new layout version: record the golden (commit it), and keep a PNG to look at.
          await writeFile({ path, content: JSON.stringify({ renderVersion: cert.renderVersion, dpi: 150, block: BLOCK, sha256: hash, fingerprint: print }) + '\n' });
          const blob = await drawSheet(sheet, 150, font.metrics).convertToBlob({ type: 'image/png' });
          await writeFile({ path: `../../.test-results/golden/${name}.png`, content: toBase64(new Uint8Array(await blob.arrayBuffer())), encoding: 'base64' });
          report.push(`${name}: recorded`);
          continue;
        }
        const golden = JSON.parse(stored) as { sha256: string; fingerprint: number[] };
        let worst = 0;
        let total = 0;
        for (let i = 0; i < print.length; i++) {
          const d = Math.abs(print[i] - golden.fingerprint[i]);
          worst = Math.max(worst, d);
          total += d;
        }
        report.push(`${name}: ${hash === golden.sha256 ? 'identical' : `max block difference ${worst}, mean ${(total / print.length).toFixed(3)}`}`);
        expect(worst, `${name} differs from its golden image`).to.be.at.most(6);
        expect(total / print.length).to.be.at.most(0.5);
      }
      console.log(`golden images: ${report.join('; ')}`);
    });
  });
});
