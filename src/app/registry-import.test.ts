import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { refusal } from '../bytes/testing/refusal.ts';
import { demoRegistry } from '../registry/demo.ts';
import { syntheticRegistry } from '../registry/testing/synthetic.ts';
import { exportResidentsCsv } from '../registry/residents-csv.ts';
import { exportRegistryJson } from '../registry/transfer.ts';
import { openDatabase, type KofuDatabase } from '../store/database.ts';
import { IndexedDbRegistry, WRITE_PROGRESS_STEP } from '../store/registry-store.ts';
import { ImportError } from '../registry/import-check.ts';
import { parseRegistryJson } from '../registry/transfer.ts';
import { importRegistryBytes, parseRegistryJsonFast, summarizeRegistry, type ImportProgress } from './registry-import.ts';

/** The snapshot, or the refusal's problems: what a parser's outcome is. */
function outcome(parse: () => unknown): unknown {
  try {
    return { snapshot: parse() };
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    return { problems: error.problems };
  }
}

const utf8 = (text: string) => new TextEncoder().encode(text);
let counter = 0;

describe('app/registry-import', () => {
  let db: KofuDatabase;
  let name: string;
  beforeEach(async () => {
    name = `kofu-import-test-${Date.now()}-${counter++}`;
    db = await openDatabase({ name });
  });
  afterEach(async () => {
    db.close();
    await deleteDB(name);
  });

  it('parses JSON fast with the same outcome as the line-tracking parser, hostile files included', () => {
    const json = exportRegistryJson(demoRegistry);
    const first = demoRegistry.residents[0];
    const files = {
      valid: json,
      bom: `\ufeff${json}`,
      'impossible date': json.replace(/"birth": "(\d{4})-\d\d-\d\d"/, '"birth": "$1-02-30"'),
      'syntax error': json.replace('"name": "藤見市",', '"name": "藤見市"'),
      'dangling reference': json.replace(/"householdId": "[^"]+"/, '"householdId": "h-nowhere"'),
      'prototype key': json.replace(`"name": "${first.name}",`, `"__proto__": { "name": "${first.name}", "dvSupport": true },`),
      'duplicate key': json.replace(`"name": "${first.name}",`, `"name": "${first.name}", "name": "",`),
      'trailing text': `${json} {}`,
      'not an object': '[1, 2, 3]',
      empty: '',
    };
    for (const [what, text] of Object.entries(files)) {
      expect(outcome(() => parseRegistryJsonFast(text, 'f.json')), what).to.deep.equal(outcome(() => parseRegistryJson(text, 'f.json')));
    }
  });

  it('counts residents, households and 戸籍 per municipality', () => {
    const summary = summarizeRegistry(demoRegistry);
    expect(summary.residents).to.equal(demoRegistry.residents.length);
    expect(summary.households).to.equal(demoRegistry.households.length);
    expect(summary.municipalities.map((m) => m.code)).to.deep.equal(demoRegistry.municipalities.map((m) => m.code));
    for (const m of summary.municipalities) {
      expect(m.residents).to.equal(demoRegistry.residents.filter((r) => r.municipality === m.code).length);
      expect(m.koseki).to.equal(demoRegistry.koseki.filter((k) => k.municipality === m.code).length);
    }
  });

  it('reports decoding, checking, then the records written in order up to the total', async function () {
    this.timeout(20_000);
    const registry = new IndexedDbRegistry(db);
    const city = syntheticRegistry(demoRegistry, 5000);
    const progress: ImportProgress[] = [];
    const summary = await importRegistryBytes(registry, utf8(exportRegistryJson(city)), 'city.json', 'json', (p) => progress.push(p));
    expect(summary.residents).to.equal(city.residents.length);
    expect(progress.slice(0, 2).map((p) => p.phase)).to.deep.equal(['decoding', 'checking']);
    const writing = progress.filter((p) => p.phase === 'writing');
    const total = city.municipalities.length + city.households.length + city.residents.length + city.seals.length + city.taxes.length + city.koseki.length;
    expect(writing.length).to.equal(Math.floor(total / WRITE_PROGRESS_STEP) + (total % WRITE_PROGRESS_STEP ? 1 : 0));
    expect(writing.every((p, i) => p.total === total && (i === 0 || p.done > writing[i - 1].done))).to.equal(true);
    expect(writing.at(-1)!.done).to.equal(total);
    expect((await registry.snapshot()).residents).to.have.length(city.residents.length);
  });

  it('refuses a residents CSV with a bad row, writing nothing', async () => {
    const registry = new IndexedDbRegistry(db);
    await registry.replaceAll(demoRegistry);
    const csv = exportResidentsCsv(demoRegistry.residents).replace(/,(\d{4})-\d\d-\d\d,/, ',$1-02-30,');
    const phases: string[] = [];
    const error = await refusal(importRegistryBytes(registry, utf8(csv), 'residents.csv', 'csv', (p) => phases.push(p.phase)));
    expect(error.code).to.equal('registry.import-invalid');
    expect(phases).to.not.include('writing');
    expect(await registry.snapshot()).to.deep.equal(demoRegistry);
  });
});
