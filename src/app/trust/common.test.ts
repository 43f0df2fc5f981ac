import { expect } from '@open-wc/testing';
import { isValidMunicipalityCode } from './common.ts';

describe('app/trust/common', () => {
  it('checks municipality codes with their check digit', () => {
    for (const good of [131016, 131041, 999997, 11002]) expect(isValidMunicipalityCode(good), String(good)).to.equal(true);
    for (const bad of [131017, 131040, 0, 999, 1_000_000, 13101.6]) expect(isValidMunicipalityCode(bad), String(bad)).to.equal(false);
  });
});
