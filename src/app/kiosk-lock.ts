/**
 * One kiosk per device: a tab holds the Web Lock `kofu-kiosk` (navigator.locks, W3C Web Locks
 * API §4) from its first claim until it closes, and a second tab is told the kiosk is already
 * open. Two kiosks on one tablet would share one card reader, one card's PIN count and one serial
 * counter; the card and the store are safe under that race too, but a resident should never see it.
 */

/** The Web Lock a kiosk tab holds: one per origin, so one per device and browser profile. */
export const KIOSK_LOCK = 'kofu-kiosk';

/** A hold on the lock: `release` lets another tab take it (resolved once the browser has let go). */
export interface LockClaim {
  release(): Promise<void>;
}

/**
 * Requests `name`. Without `wait`, only if no one holds it (`ifAvailable`), else undefined; with
 * `wait`, once the holder lets it go (or `signal` aborts: undefined). A browser without Web Locks
 * (none that kofu supports) gets a claim that guards nothing.
 */
export function requestLock(name: string, options: { readonly wait?: boolean; readonly signal?: AbortSignal }, locks: LockManager | null): Promise<LockClaim | undefined> {
  if (!locks) return Promise.resolve({ release: () => Promise.resolve() });
  const request: LockOptions = options.wait ? { signal: options.signal } : { ifAvailable: true };
  return new Promise((resolve) => {
    const settled: Promise<unknown> = locks
      .request(name, request, (lock) => {
        if (!lock) return resolve(undefined);
        // Held while this promise is pending: the lock's callback returns it.
        return new Promise<void>((release) =>
          resolve({
            release: () => {
              release();
              return settled.then(() => undefined);
            },
          }),
        );
      })
      .catch(() => resolve(undefined)); // aborted while waiting
  });
}

/**
 * This tab's hold on one lock. Claims may overlap (the start screen claims on load and again on
 * every はじめる): whichever request the browser grants first becomes the claim, and a later one
 * that finds the claim already held gives its own grant back — an overlap never loses the claim,
 * so the tab never ends up holding a lock it can no longer use or release.
 */
export class TabLock {
  private claim: LockClaim | undefined;
  /** A wait for the lock under way (one at a time). */
  private waiting: { readonly controller: AbortController; readonly taken: Promise<boolean> } | undefined;

  constructor(
    private readonly name: string,
    /** null: a browser without Web Locks. */
    private readonly locks: LockManager | null = globalThis.navigator?.locks ?? null,
  ) {}

  get held(): boolean {
    return this.claim !== undefined;
  }

  /** Takes the lock if no other tab holds it (once; later calls keep what it holds). False when another tab has it. */
  async claimNow(): Promise<boolean> {
    if (this.claim) return true;
    return this.adopt(await requestLock(this.name, {}, this.locks));
  }

  /** Resolves once this tab holds the lock: at once, or when the tab holding it closes (false if released first). */
  async wait(): Promise<boolean> {
    if (await this.claimNow()) return true;
    if (this.waiting) return this.waiting.taken;
    const controller = new AbortController();
    const taken = requestLock(this.name, { wait: true, signal: controller.signal }, this.locks).then((grant) => {
      if (this.waiting?.controller === controller) this.waiting = undefined;
      if (controller.signal.aborted) {
        void grant?.release(); // granted just as this tab gave the lock up
        return false;
      }
      return this.adopt(grant);
    });
    this.waiting = { controller, taken };
    return taken;
  }

  /** Gives the lock back and stops waiting for it: another tab may take it once this resolves. */
  release(): Promise<void> {
    this.waiting?.controller.abort();
    this.waiting = undefined;
    const released = this.claim?.release();
    this.claim = undefined;
    return released ?? Promise.resolve();
  }

  /** Keeps `grant` as the claim, or gives it back when a claim is already held. */
  private adopt(grant: LockClaim | undefined): boolean {
    if (this.claim) void grant?.release();
    else this.claim = grant;
    return this.claim !== undefined;
  }
}
