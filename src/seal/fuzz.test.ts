import { expect } from '@open-wc/testing';
import { KofuError } from '../bytes/errors.ts';
import { LocatorError } from './errors.ts';
import { exportRootKeyBackup, importRootKeyBackup } from './keys.ts';
import { openTrustList, signTrustList } from './trust-list.ts';
import { decodeLocator, encodeLocator, WHITENING_KEY_BYTES } from './locator.ts';
import { signSeal, verifySeal } from './seal.ts';
import { juminhyoClaims } from './testing/fixtures.ts';
import { Rng, mutateLocator, mutateSeal } from './testing/fuzz.ts';
import { TEST_NOW as NOW } from './testing/setup.ts';
import { TEST_MUNICIPALITY, TEST_NOW, makeMunicipality } from './testing/setup.ts';

/** The full counts the issue asks for; each half takes roughly 20–40 s in headless Chromium on 2 cores. */
export const SEAL_FUZZ_COUNT = 100_000;
export const LOCATOR_FUZZ_COUNT = 100_000;
const BATCH = 500;

describe('fuzz', () => {
  it(`${SEAL_FUZZ_COUNT} random and mutated seals all end in a typed invalid verdict`, async function () {
    this.timeout(300_000);
    const m = await makeMunicipality();
    const signer = { privateKey: m.signerKeys.privateKey, certificate: m.certificate };
    const valid = [await signSeal(juminhyoClaims(1, TEST_MUNICIPALITY, TEST_NOW), signer), await signSeal(juminhyoClaims(6, TEST_MUNICIPALITY, TEST_NOW), signer)];
    const validHex = new Set(valid.map((v) => v.join(',')));
    const rng = new Rng(0x5ea1);
    const codes = new Map<string, number>();
    let accepted = 0;
    let unchanged = 0;
    for (let done = 0; done < SEAL_FUZZ_COUNT; done += BATCH) {
      const inputs = Array.from({ length: BATCH }, () => mutateSeal(rng, valid));
      const verdicts = await Promise.all(inputs.map((input) => verifySeal(input, m.trustList, { demoMode: false, supportedRenderVersions: [1], now: TEST_NOW })));
      verdicts.forEach((verdict, i) => {
        if (verdict.ok) {
          // A mutation that happens to reproduce a valid seal byte for byte (e.g. a splice of a seal with itself).
          if (validHex.has(inputs[i].join(','))) unchanged++;
          else accepted++;
          return;
        }
        expect(verdict.error).to.be.instanceOf(KofuError);
        codes.set(verdict.code, (codes.get(verdict.code) ?? 0) + 1);
      });
    }
    console.log(`seal fuzz: ${SEAL_FUZZ_COUNT} inputs, ${unchanged} identical to a valid seal; ${JSON.stringify(Object.fromEntries([...codes].sort((a, b) => b[1] - a[1])))}`);
    expect(accepted).to.equal(0);
    expect(codes.has('seal.malformed'), 'an untyped exception escaped').to.equal(false);
  });

  it(`${LOCATOR_FUZZ_COUNT} random and mutated locators all end in a LocatorError`, function () {
    this.timeout(120_000);
    const valid = encodeLocator({ version: 1, issuer: 131016, kid: new Uint8Array(8).fill(7), serial: 42, whiteningKey: new Uint8Array(WHITENING_KEY_BYTES).fill(3) }, 'https://kofu.example.jp/verify');
    const rng = new Rng(0x10c);
    const codes = new Map<string, number>();
    let accepted = 0;
    let unchanged = 0;
    for (let i = 0; i < LOCATOR_FUZZ_COUNT; i++) {
      const input = mutateLocator(rng, valid);
      try {
        decodeLocator(input);
        if (input.slice(input.lastIndexOf('#')) === valid.slice(valid.indexOf('#'))) unchanged++;
        else accepted++;
      } catch (error) {
        if (!(error instanceof LocatorError)) throw error;
        codes.set(error.code, (codes.get(error.code) ?? 0) + 1);
      }
    }
    console.log(`locator fuzz: ${LOCATOR_FUZZ_COUNT} inputs, ${unchanged} with the payload unchanged (only the URL before # mutated; the decoder reads the fragment only); ${JSON.stringify(Object.fromEntries(codes))}`);
    expect(accepted).to.equal(0);
  });

  it('10,000 mutated trust lists and 2,000 mutated root-key backups end in typed errors', async function () {
    this.timeout(120_000);
    const m = await makeMunicipality();
    const lists = [m.trustList.bytes, await signTrustList({ ...m.content, roots: [{ ...m.content.roots[0], sealImage: new Uint8Array(40).fill(1) }] }, m.root)];
    const rng = new Rng(0x7175);
    const listCodes = new Map<string, number>();
    for (let i = 0; i < 10_000; i++) {
      const input = mutateSeal(rng, lists);
      try {
        await openTrustList(input, [m.anchor], { demoMode: false });
        expect(lists.some((l) => l.join() === input.join())).to.equal(true);
      } catch (error) {
        expect(error).to.be.instanceOf(KofuError);
        listCodes.set((error as KofuError).code, (listCodes.get((error as KofuError).code) ?? 0) + 1);
      }
    }
    const backup = await exportRootKeyBackup(m.root, 'correct horse battery', { municipality: 131016, name: '千代田区', createdAt: NOW }, { iterations: 1000 });
    const backupCodes = new Map<string, number>();
    for (let i = 0; i < 2_000; i++) {
      const input = mutateSeal(rng, [backup]);
      if (input.join() === backup.join()) continue;
      try {
        await importRootKeyBackup(input, 'correct horse battery');
        expect.fail('a mutated backup was accepted');
      } catch (error) {
        expect(error).to.be.instanceOf(KofuError);
        backupCodes.set((error as KofuError).code, (backupCodes.get((error as KofuError).code) ?? 0) + 1);
      }
    }
    console.log(`trust list fuzz: ${JSON.stringify(Object.fromEntries(listCodes))}; backup fuzz: ${JSON.stringify(Object.fromEntries(backupCodes))}`);
  });
});
