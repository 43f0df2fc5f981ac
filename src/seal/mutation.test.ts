import { expect } from '@open-wc/testing';
import { signSeal, verifySeal } from './seal.ts';
import { juminhyoClaims } from './testing/fixtures.ts';
import { TEST_MUNICIPALITY, TEST_NOW, makeMunicipality } from './testing/setup.ts';

describe('seal mutations', () => {
  it('rejects every single-byte change of a valid one-person seal: all positions × all 255 other values', async function () {
    this.timeout(300_000);
    const m = await makeMunicipality();
    const seal = await signSeal(juminhyoClaims(1, TEST_MUNICIPALITY, TEST_NOW), { privateKey: m.signerKeys.privateKey, certificate: m.certificate });
    const options = { demoMode: false, supportedRenderVersions: [1], now: TEST_NOW };
    const accepted: string[] = [];
    let checked = 0;
    const started = performance.now();
    for (let position = 0; position < seal.length; position++) {
      const batch: Promise<boolean>[] = [];
      for (let delta = 1; delta < 256; delta++) {
        const mutated = seal.slice();
        mutated[position] ^= delta;
        batch.push(verifySeal(mutated, m.trustList, options).then((v) => v.ok));
      }
      (await Promise.all(batch)).forEach((ok, i) => {
        if (ok) accepted.push(`${position}^${i + 1}`);
      });
      checked += batch.length;
    }
    console.log(`single-byte mutations: ${checked} checked in ${((performance.now() - started) / 1000).toFixed(1)} s, ${accepted.length} accepted`);
    expect(accepted).to.deep.equal([]);
    expect(checked).to.equal(seal.length * 255);
  });
});
