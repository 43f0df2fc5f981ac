import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { demoRegistry } from './demo.ts';
import { MemoryRegistry } from './registry.ts';
import { parseCsv, parseJsonWithLines, toCsv } from './text-formats.ts';
import { ImportError, exportRegistryJson, exportResidentsCsv, importRegistryJson, importResidentsCsv, parseRegistryJson, parseResidentsCsv } from './transfer.ts';
import { describeError } from '../ui/shared/error-messages.ts';

function problemsOf(run: () => unknown): ImportError['problems'] {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(ImportError);
    expect(describeError((error as ImportError), 'ja')).to.contain('変更していません');
    return (error as ImportError).problems;
  }
  throw new Error('expected an ImportError');
}

/** Replaces the first occurrence of `find` in `text`, asserting it exists. */
function edit(text: string, find: string, replace: string): string {
  expect(text.includes(find), find).to.equal(true);
  return text.replace(find, replace);
}
const lineOf = (text: string, find: string) => text.slice(0, text.indexOf(find)).split('\n').length;

describe('registry import and export', () => {
  it('round-trips the demo registry through JSON', () => {
    const json = exportRegistryJson(demoRegistry);
    expect(json).to.contain('"birth": "1978-06-14"');
    expect(json).to.contain('"open": "06:30"');
    expect(parseRegistryJson(json)).to.deep.equal(demoRegistry);
  });

  it('keeps variation selectors, 外字 code points and the registry’s glyph outlines through JSON and CSV', () => {
    const tsuji = demoRegistry.residents.find((r) => r.id === 'r-tsuji-katsuo')!;
    expect([...tsuji.name].map((c) => c.codePointAt(0)!.toString(16))).to.deep.equal(['8fbb', 'e0102', '3000', '845b', 'e0100', '96c4']);
    const viaJson = parseRegistryJson(exportRegistryJson(demoRegistry));
    expect(viaJson.residents.find((r) => r.id === tsuji.id)!.name).to.equal(tsuji.name);
    expect(viaJson.households.find((h) => h.id === 'h-tsuji')!.address).to.contain('\uE000');
    expect(viaJson.municipalities[0].glyphs).to.deep.equal(demoRegistry.municipalities[0].glyphs);
    const viaCsv = parseResidentsCsv(exportResidentsCsv(demoRegistry.residents), demoRegistry);
    expect(viaCsv.residents.find((r) => r.id === tsuji.id)!.name).to.equal(tsuji.name);
  });

  it('refuses a glyph that is not one character or whose outline is malformed, naming it', () => {
    const json = exportRegistryJson(demoRegistry);
    const glyph = demoRegistry.municipalities[0].glyphs![2];
    for (const [find, replace] of [
      [`"outline": "${glyph.outline}"`, `"outline": "${glyph.outline.slice(0, 12)}"`],
      [`"cluster": "${glyph.cluster}"`, `"cluster": "${glyph.cluster}${glyph.cluster}"`],
    ]) {
      const problems = problemsOf(() => parseRegistryJson(edit(json, find, replace)));
      expect(problems.map((p) => [p.field, p.code])).to.deep.equal([['municipalities[0].glyphs[2]', 'import.bad-glyph']]);
    }
  });

  it('round-trips residents through CSV, including quotes, commas and line breaks', () => {
    const csv = exportResidentsCsv(demoRegistry.residents);
    expect(parseResidentsCsv(csv, demoRegistry)).to.deep.equal(demoRegistry);
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const width = rows[0].length;
        const table = rows.map((r) => [...r, ...Array(width).fill('x')].slice(0, width));
        expect(parseCsv(toCsv(table)).map((r) => r.fields)).to.deep.equal(table.filter((r) => !(r.length === 1 && r[0] === '')));
      }),
    );
  });

  it('reports file, line and field for JSON problems, all of them at once', () => {
    const json = exportRegistryJson(demoRegistry);
    let bad = edit(json, '"birth": "1985-03-12"', '"birth": "1985-02-30"');
    bad = edit(bad, '"sex": "F"', '"sex": "X"');
    bad = edit(bad, '"kana": "たかはし　はなこ",', '"kana": "たかはし　はなこ",\n      "nickname": "hana",');
    const problems = problemsOf(() => parseRegistryJson(bad, 'export.json'));
    expect(problems.map((p) => [p.file, p.line, p.field])).to.deep.include.members([
      ['export.json', lineOf(bad, '"birth": "1985-02-30"'), 'residents[7].birth'],
      ['export.json', lineOf(bad, '"sex": "X"'), 'residents[1].sex'],
      ['export.json', lineOf(bad, '"nickname"'), 'residents[1].nickname'],
    ]);
  });

  it('reports syntax errors with their line, and broken references', () => {
    const json = exportRegistryJson(demoRegistry);
    const broken = edit(json, '"name": "藤見市",', '"name": "藤見市"');
    const [syntax] = problemsOf(() => parseRegistryJson(broken));
    expect(syntax.line).to.equal(lineOf(broken, '"name": "藤見市"') + 1);
    const dangling = edit(json, '"householdId": "h-yoshida"', '"householdId": "h-nowhere"');
    const refs = problemsOf(() => parseRegistryJson(dangling));
    const ref = refs.find((p) => p.field === 'residents[7].householdId')!;
    expect(ref, 'dangling household reported').to.not.equal(undefined);
    expect(refs.map((p) => p.field)).to.include('households[1].headId'); // 𠮷田誠 headed h-yoshida
    expect(ref.line).to.equal(lineOf(dangling, '"householdId": "h-nowhere"'));
    const digit = edit(json, '"code": "992011"', '"code": "992012"');
    expect(problemsOf(() => parseRegistryJson(digit)).map((p) => p.field)).to.include('municipalities[0].code');
  });

  it('reports CSV problems by line and column', () => {
    const csv = exportResidentsCsv(demoRegistry.residents).split('\r\n');
    // Line 3 is the second resident (髙橋花子); line 9 is 𠮷田誠.
    csv[2] = csv[2].replace(',F,', ',X,');
    csv[8] = csv[8].replace('1985-03-12', '1985-13-01');
    csv[9] = csv[9] + ',extra';
    const problems = problemsOf(() => parseResidentsCsv(csv.join('\r\n'), demoRegistry, 'people.csv'));
    expect(problems.map((p) => [p.file, p.line, p.field])).to.deep.include.members([
      ['people.csv', 3, 'sex'],
      ['people.csv', 9, 'birth'],
      ['people.csv', 10, ''],
    ]);
    const headerless = problemsOf(() => parseResidentsCsv('id,name\r\nx,y\r\n', demoRegistry));
    expect(headerless[0].line).to.equal(1);
    const badDigit = exportResidentsCsv(demoRegistry.residents).replace(demoRegistry.residents[0].myNumber!, '123456789012');
    const [digit] = problemsOf(() => parseResidentsCsv(badDigit, demoRegistry));
    expect([digit.line, digit.field]).to.deep.equal([2, 'myNumber']);
  });

  it('changes nothing when a file is bad, and replaces everything when it is good', async () => {
    const registry = new MemoryRegistry(demoRegistry);
    const before = await registry.snapshot();
    const badJson = exportRegistryJson(demoRegistry).replace('"sex": "M"', '"sex": "?"');
    let failed = false;
    await importRegistryJson(registry, badJson).catch(() => (failed = true));
    expect(failed).to.equal(true);
    expect(await registry.snapshot()).to.deep.equal(before);
    const badCsv = exportResidentsCsv(demoRegistry.residents).replace('r-sato-hina,992011,h-sato', 'r-sato-hina,992011,h-none');
    failed = false;
    await importResidentsCsv(registry, badCsv).catch(() => (failed = true));
    expect(failed).to.equal(true);
    expect(await registry.snapshot()).to.deep.equal(before);
    // Dropping a resident still named in a 戸籍 is a broken reference.
    const fewer = exportResidentsCsv(demoRegistry.residents.filter((r) => r.id !== 'r-takahashi-shota'));
    const [dangling] = problemsOf(() => parseResidentsCsv(fewer, demoRegistry));
    expect(dangling.field).to.equal('koseki[0].members[4].residentId');
    const renamed = exportResidentsCsv(demoRegistry.residents).replace('たかはし　しょうた', 'たかはし　しょう');
    await importResidentsCsv(registry, renamed);
    expect((await registry.resident('r-takahashi-shota'))?.kana).to.equal('たかはし　しょう');
  });

  it('parses JSON with line numbers for every path', () => {
    const { value, lines } = parseJsonWithLines('{\n  "a": [1,\n    {"b": "x\\u0041"}],\n  "c": null\n}');
    expect(value).to.deep.equal({ a: [1, { b: 'xA' }], c: null });
    expect(lines.get('a[1].b')).to.equal(3);
    expect(lines.get('c')).to.equal(4);
  });

  it('guards every exported cell a spreadsheet would run as a formula, and reads it back unchanged (OWASP CSV injection)', () => {
    const hostile = ['=HYPERLINK("http://evil.example","x")', '+SUM(A1:A9)', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '＝1', "'=already quoted", 'plain', "it's"];
    const residents = demoRegistry.residents.map((r, i) => (i < hostile.length ? { ...r, name: hostile[i] } : r));
    const csv = exportResidentsCsv(residents);
    const cells = parseCsv(csv).slice(1).map((r) => r.fields[3]);
    for (const cell of cells) expect(/^[=+\-@\t\r＝＋－＠]/.test(cell), cell).to.equal(false);
    expect(cells.slice(0, 4)).to.deep.equal(["'=HYPERLINK(\"http://evil.example\",\"x\")", "'+SUM(A1:A9)", "'-2+3", "'@SUM(A1)"]);
    expect(cells.slice(7, 10)).to.deep.equal(["''=already quoted", 'plain', "it's"]);
    expect(parseResidentsCsv(csv, demoRegistry).residents).to.deep.equal(residents);
  });

  it('treats a "__proto__" key as an unknown field, never as the fields it holds', () => {
    const json = exportRegistryJson(demoRegistry);
    // The first resident without "previousAddress" loses "name" and smuggles both through __proto__.
    const first = demoRegistry.residents[0];
    const hostile = edit(json, `"name": "${first.name}",`, `"__proto__": { "name": "${first.name}", "dvSupport": true },`);
    const problems = problemsOf(() => parseRegistryJson(hostile));
    expect(problems.map((p) => [p.field, p.code])).to.deep.include.members([
      ['residents[0].name', 'import.required'],
      ['residents[0].__proto__', 'import.unknown-field'],
    ]);
    const { value } = parseJsonWithLines('{"__proto__": {"polluted": 1}}');
    expect(Object.getPrototypeOf(value)).to.equal(Object.prototype);
    expect(Object.keys(value as object)).to.deep.equal(['__proto__']);
    expect((value as { polluted?: number }).polluted).to.equal(undefined);
  });
});
