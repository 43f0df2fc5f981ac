import { expect } from '@open-wc/testing';
import {
  LOCKOUT_POLICY,
  NO_LOCKOUT,
  PBKDF2_ITERATIONS,
  afterFailure,
  assertNotLocked,
  hashPassphrase,
  lockSeconds,
  passphraseMatches,
  type Lockout,
} from './passphrase.ts';
import { describeError } from '../ui/shared/error-messages.ts';

const salt = () => crypto.getRandomValues(new Uint8Array(16));

describe('staff/passphrase', () => {
  it('hashes with PBKDF2-SHA-256 at 1,200,000 iterations and checks the passphrase, full-width or half-width alike', async function () {
    this.timeout(20_000);
    const started = performance.now();
    const stored = await hashPassphrase('ふじみ市 窓口 2026 はる', salt());
    const elapsed = performance.now() - started;
    console.log(`PBKDF2-SHA-256 × ${PBKDF2_ITERATIONS}: ${elapsed.toFixed(0)} ms`);
    expect(stored.iterations).to.equal(PBKDF2_ITERATIONS);
    expect(stored.hash.length).to.equal(32);
    expect(await passphraseMatches(stored, 'ふじみ市 窓口 2026 はる')).to.equal(true);
    expect(await passphraseMatches(stored, 'ふじみ市 窓口 ２０２６ はる')).to.equal(true); // NFKC
    expect(await passphraseMatches(stored, 'ふじみ市 窓口 2026 なつ')).to.equal(false);
  });

  it('refuses a short passphrase and a tampered low-iteration record', async () => {
    try {
      await hashPassphrase('みじかい', salt());
      expect.fail('accepted a short passphrase');
    } catch (error) {
      expect((error as { code: string }).code).to.equal('staff.passphrase-too-short');
    }
    const weak = await hashPassphrase('a long enough passphrase', salt(), 1000);
    expect(await passphraseMatches(weak, 'a long enough passphrase')).to.equal(false);
  });

  it('locks after five wrong tries for 30 s, doubling up to an hour', () => {
    expect([1, 2, 3, 4].map(lockSeconds)).to.deep.equal([0, 0, 0, 0]);
    expect(lockSeconds(LOCKOUT_POLICY.freeAttempts)).to.equal(30);
    expect(lockSeconds(LOCKOUT_POLICY.freeAttempts + 1)).to.equal(60);
    expect(lockSeconds(LOCKOUT_POLICY.freeAttempts + 2)).to.equal(120);
    expect(lockSeconds(40)).to.equal(LOCKOUT_POLICY.maxLockSeconds);
    let lockout: Lockout = NO_LOCKOUT;
    const now = 1_000_000;
    for (let i = 0; i < LOCKOUT_POLICY.freeAttempts - 1; i++) lockout = afterFailure(lockout, now);
    expect(() => assertNotLocked(lockout, now)).to.not.throw();
    lockout = afterFailure(lockout, now);
    expect(lockout.lockedUntil).to.equal(now + 30_000);
    try {
      assertNotLocked(lockout, now + 29_000);
      expect.fail('not locked');
    } catch (error) {
      expect((error as { code: string }).code).to.equal('staff.locked');
      expect(describeError(error, 'ja')).to.contain('1秒後');
    }
    expect(() => assertNotLocked(lockout, now + 30_000)).to.not.throw();
  });
});
