import { expect } from '@open-wc/testing';
import { demoRegistry } from '../demo.ts';
import { exportRegistryJson, parseRegistryJson } from '../transfer.ts';
import { syntheticRegistry } from './synthetic.ts';

describe('syntheticRegistry', () => {
  it('appends the asked number of residents to the base, each household led by its first member', () => {
    const registry = syntheticRegistry(demoRegistry, 1000);
    expect(registry.residents.length).to.equal(demoRegistry.residents.length + 1000);
    const synthetic = registry.households.filter((h) => h.id.startsWith('s-'));
    for (const household of synthetic) expect(registry.residents.find((r) => r.id === household.headId)?.householdId).to.equal(household.id);
  });

  it('passes the import checks (an export of it imports unchanged)', () => {
    const registry = syntheticRegistry(demoRegistry, 500);
    expect(parseRegistryJson(exportRegistryJson(registry)).residents.length).to.equal(registry.residents.length);
  });

  it('gives every resident its own card hash', () => {
    const hashes = syntheticRegistry(demoRegistry, 2000).residents.flatMap((r) => r.cardCertificates);
    expect(new Set(hashes).size).to.equal(hashes.length);
  });
});
