import { expect } from '@open-wc/testing';
import { demoRegistry } from './demo.ts';
import { MemoryRegistry } from './registry.ts';
import { problemsOf } from './testing/import-problems.ts';
import { parseJsonWithLines } from './text-formats.ts';
import { exportRegistryJson, importRegistryJson, parseRegistryJson } from './transfer.ts';

/** Replaces the first occurrence of `find` in `text`, asserting it exists. */
function edit(text: string, find: string, replace: string): string {
  expect(text.includes(find), find).to.equal(true);
  return text.replace(find, replace);
}
const lineOf = (text: string, find: string) => text.slice(0, text.indexOf(find)).split('\n').length;

describe('registry JSON import and export', () => {
  it('round-trips the demo registry through JSON', () => {
    const json = exportRegistryJson(demoRegistry);
    expect(json).to.contain('"birth": "1978-06-14"');
    expect(json).to.contain('"open": "06:30"');
    expect(parseRegistryJson(json)).to.deep.equal(demoRegistry);
  });

  it('keeps variation selectors, 外字 code points and the registry’s glyph outlines through JSON', () => {
    const tsuji = demoRegistry.residents.find((r) => r.id === 'r-tsuji-katsuo')!;
    expect([...tsuji.name].map((c) => c.codePointAt(0)!.toString(16))).to.deep.equal(['8fbb', 'e0102', '3000', '845b', 'e0100', '96c4']);
    const viaJson = parseRegistryJson(exportRegistryJson(demoRegistry));
    expect(viaJson.residents.find((r) => r.id === tsuji.id)!.name).to.equal(tsuji.name);
    expect(viaJson.households.find((h) => h.id === 'h-tsuji')!.address).to.contain('\uE000');
    expect(viaJson.municipalities[0].glyphs).to.deep.equal(demoRegistry.municipalities[0].glyphs);
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

  it('changes nothing when a JSON file is bad', async () => {
    const registry = new MemoryRegistry(demoRegistry);
    const before = await registry.snapshot();
    const badJson = exportRegistryJson(demoRegistry).replace('"sex": "M"', '"sex": "?"');
    let failed = false;
    await importRegistryJson(registry, badJson).catch(() => (failed = true));
    expect(failed).to.equal(true);
    expect(await registry.snapshot()).to.deep.equal(before);
  });

  it('parses JSON with line numbers for every path', () => {
    const { value, lines } = parseJsonWithLines('{\n  "a": [1,\n    {"b": "x\\u0041"}],\n  "c": null\n}');
    expect(value).to.deep.equal({ a: [1, { b: 'xA' }], c: null });
    expect(lines.get('a[1].b')).to.equal(3);
    expect(lines.get('c')).to.equal(4);
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
