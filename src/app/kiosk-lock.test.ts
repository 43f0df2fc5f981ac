import { expect } from '@open-wc/testing';
import { TabLock } from './kiosk-lock.ts';

/** Each test its own lock name: the page's real navigator.locks is shared by all tests. Two TabLocks on one name stand for two tabs. */
let counter = 0;
const freshName = () => `kofu-test-lock-${Date.now()}-${counter++}`;

/** Resolves once a waiting request for `name` is queued in the browser's lock manager. */
async function queued(name: string): Promise<void> {
  for (;;) {
    const state = await navigator.locks.query();
    if (state.pending?.some((r) => r.name === name)) return;
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * Two tabs on a fresh lock name: the first holds the lock, the second's wait is queued behind it.
 * `locks` is the second tab's lock manager (the page's own by default).
 */
async function secondTabWaiting(locks?: LockManager) {
  const name = freshName();
  const first = new TabLock(name);
  const second = new TabLock(name, locks);
  await first.claimNow();
  const taken = second.wait();
  await queued(name);
  return { name, first, second, taken };
}

/** Another tab can claim `name` at once (and lets it go again): nothing holds or leaks it. */
async function expectFreeForOthers(name: string, message?: string): Promise<void> {
  const third = new TabLock(name);
  expect(await third.claimNow()).to.equal(true, message);
  await third.release();
}

describe('app/kiosk-lock: one kiosk per device (Web Locks)', () => {
  it('lets one tab claim the lock, refuses a second, and hands it over on release', async () => {
    const name = freshName();
    const first = new TabLock(name);
    const second = new TabLock(name);
    expect(await first.claimNow()).to.equal(true);
    expect(await first.claimNow()).to.equal(true, 'a second claim in the holding tab keeps the lock');
    expect(await second.claimNow()).to.equal(false);
    await first.release();
    expect(await second.claimNow()).to.equal(true);
    await second.release();
  });

  it('a waiting tab takes the lock over when the holder lets it go', async () => {
    const { first, second, taken } = await secondTabWaiting();
    expect(second.held).to.equal(false);
    await first.release();
    expect(await taken).to.equal(true);
    expect(second.held).to.equal(true);
    expect(await first.claimNow()).to.equal(false);
    await second.release();
  });

  it('an immediate claim answered after a waiting claim was granted keeps the lock, and nothing is leaked', async () => {
    // The second tab's ifAvailable answers are held back on demand, so the browser's answer
    // "not available" can arrive after its waiting request was granted — the order two
    // overlapping claims (load and はじめる) can take under load.
    let holdBack = false;
    let answered!: () => void;
    const nullAnswered = new Promise<void>((r) => (answered = r));
    let openGate!: () => void;
    const gate = new Promise<void>((r) => (openGate = r));
    const gated = {
      request: (lockName: string, options: LockOptions, callback: LockGrantedCallback<unknown>) =>
        navigator.locks.request(lockName, options, async (lock) => {
          if (options.ifAvailable && holdBack) {
            answered();
            await gate;
          }
          return callback(lock);
        }),
      query: () => navigator.locks.query(),
    } as unknown as LockManager;
    const { name, first, second, taken } = await secondTabWaiting(gated);
    holdBack = true;
    const overlapping = second.claimNow();
    await nullAnswered; // the browser said "held by another tab"; the tab has not heard yet
    await first.release();
    expect(await taken).to.equal(true);
    openGate();
    expect(await overlapping).to.equal(true, 'the late "not available" does not undo the claim');
    expect(second.held).to.equal(true);
    await second.release();
    await expectFreeForOthers(name, 'released for real: another tab can take it');
  });

  it('release stops a wait: the wait resolves false and the lock stays free for others', async () => {
    const { name, first, second, taken } = await secondTabWaiting();
    await second.release();
    expect(await taken).to.equal(false);
    await first.release();
    await expectFreeForOthers(name);
    expect(second.held).to.equal(false);
  });

  it('a browser without Web Locks gets a claim that guards nothing', async () => {
    const lock = new TabLock(freshName(), null);
    expect(await lock.claimNow()).to.equal(true);
    expect(await new TabLock(freshName(), null).claimNow()).to.equal(true);
  });
});
