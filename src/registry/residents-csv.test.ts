import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { demoRegistry } from './demo.ts';
import { MemoryRegistry } from './registry.ts';
import { exportResidentsCsv, importResidentsCsv, parseResidentsCsv } from './residents-csv.ts';
import { problemsOf } from './testing/import-problems.ts';
import { parseCsv, toCsv } from './text-formats.ts';

describe('residents CSV import and export', () => {
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

  it('keeps variation selectors and 外字 code points through CSV', () => {
    const tsuji = demoRegistry.residents.find((r) => r.id === 'r-tsuji-katsuo')!;
    const viaCsv = parseResidentsCsv(exportResidentsCsv(demoRegistry.residents), demoRegistry);
    expect(viaCsv.residents.find((r) => r.id === tsuji.id)!.name).to.equal(tsuji.name);
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

  it('changes nothing when a CSV file is bad, and replaces the residents when it is good', async () => {
    const registry = new MemoryRegistry(demoRegistry);
    const before = await registry.snapshot();
    const badCsv = exportResidentsCsv(demoRegistry.residents).replace('r-sato-hina,992011,h-sato', 'r-sato-hina,992011,h-none');
    let failed = false;
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
});
