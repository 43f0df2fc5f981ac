import { expect } from '@open-wc/testing';
import { KofuError } from '../bytes/errors.ts';
import { demoRegistry } from '../registry/demo.ts';
import { MemoryRegistry } from '../registry/registry.ts';
import { MAX_REGISTRY_FILE_BYTES, RegistryAdmin, importProblems, type RegistryFile } from './registry-admin.ts';
import { refusal } from '../bytes/testing/refusal.ts';
import { describeError } from '../ui/shared/error-messages.ts';

const NOW = new Date('2026-12-01T09:30:00Z');

function admin(snapshot = demoRegistry) {
  const registry = new MemoryRegistry(snapshot);
  const pdf = new TextEncoder().encode('%PDF-1.7 calibration');
  return { registry, admin: new RegistryAdmin({ registry: async () => registry, calibrationPdf: async () => pdf, now: () => NOW }) };
}

const file = (name: string, text: string | Uint8Array): RegistryFile => {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  return { name, size: bytes.length, arrayBuffer: async () => bytes.slice().buffer };
};


describe('app/registry-admin', () => {
  it('exports the registry as dated JSON and residents CSV files', async () => {
    const { admin: tools } = admin();
    const json = await tools.exportJson();
    expect(json).to.include({ name: 'kofu-registry-2026-12-01.json', type: 'application/json' });
    expect(JSON.parse(String(json.data)).residents).to.have.length(demoRegistry.residents.length);
    const csv = await tools.exportCsv();
    expect(csv).to.include({ name: 'kofu-residents-2026-12-01.csv', type: 'text/csv' });
    expect(String(csv.data).trim().split(/\r?\n/)).to.have.length(demoRegistry.residents.length + 1);
  });

  it('re-imports its own JSON export, and refuses a broken one listing the problem and changing nothing', async () => {
    const { admin: tools } = admin();
    const exported = String((await tools.exportJson()).data);
    const before = await tools.snapshot();

    const broken = exported.replace(/"birth": ?"(\d{4})-\d\d-\d\d"/, '"birth": "$1-13-45"');
    expect(broken).to.not.equal(exported);
    const error = await refusal(tools.importFile(file('broken.json', broken), 'json'));
    expect(error.code).to.equal('registry.import-invalid');
    const problems = importProblems(error);
    expect(problems).to.have.length.greaterThan(0);
    expect(problems[0].file).to.equal('broken.json');
    expect(problems[0].line).to.be.greaterThan(0);
    expect(await tools.snapshot()).to.deep.equal(before);

    const imported = await tools.importFile(file('good.json', exported), 'json');
    expect(imported.residents).to.equal(before.residents.length);
    expect(await tools.snapshot()).to.deep.equal(before);
  });

  it('imports a residents CSV into the registry', async () => {
    const { admin: tools } = admin();
    const csv = String((await tools.exportCsv()).data);
    const summary = await tools.importFile(file('residents.csv', csv), 'csv');
    expect(summary.residents).to.equal(demoRegistry.residents.length);
    expect(await tools.summary()).to.deep.equal(summary);
  });

  it('refuses a file far larger than any registry before reading it', async () => {
    const { admin: tools } = admin();
    let read = false;
    const huge: RegistryFile = { name: 'huge.json', size: MAX_REGISTRY_FILE_BYTES + 1, arrayBuffer: async () => ((read = true), new ArrayBuffer(2)) };
    const error = await refusal(tools.importFile(huge, 'json'));
    expect(read).to.equal(false);
    expect(importProblems(error)).to.have.length(1);
    expect(importProblems(error)[0]).to.deep.include({ file: 'huge.json', line: 0, field: '' });
    expect(describeError(error, 'en')).to.contain('too large (128 MB; the limit is 128 MB)');
    expect(describeError(error, 'ja')).to.contain('上限 128 MB');
  });

  it('says what the registry holds and how large the database is', async () => {
    const { admin: tools } = admin();
    const estimate = async () => ({ usage: 9_000_000, usageDetails: { indexedDB: 4_000_000 } }) as StorageEstimate;
    expect(await tools.holdings({ estimate })).to.deep.equal({ residents: demoRegistry.residents.length, households: demoRegistry.households.length, databaseBytes: 4_000_000 });
    // Without Chromium's breakdown, the origin's whole use; without an estimate at all, nothing.
    expect((await tools.holdings({ estimate: async () => ({ usage: 9_000_000 }) })).databaseBytes).to.equal(9_000_000);
    expect((await tools.holdings({} as Pick<StorageManager, 'estimate'>)).databaseBytes).to.equal(undefined);
  });

  it('lists no import problems for any other error', () => {
    expect(importProblems(new Error('disk full'))).to.deep.equal([]);
    expect(importProblems(undefined)).to.deep.equal([]);
  });

  it('puts the demo data back', async () => {
    const { registry, admin: tools } = admin({ ...demoRegistry, residents: [], households: [] });
    expect((await registry.snapshot()).residents).to.have.length(0);
    await tools.resetToDemo();
    expect((await registry.snapshot()).residents).to.have.length(demoRegistry.residents.length);
  });

  it('offers the printer calibration sheet as a PDF file', async () => {
    const sheet = await admin().admin.calibrationSheet();
    expect(sheet).to.include({ name: 'kofu-calibration.pdf', type: 'application/pdf' });
    expect(new TextDecoder().decode((sheet.data as Uint8Array).subarray(0, 5))).to.equal('%PDF-');
  });
});
