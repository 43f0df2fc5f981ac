/**
 * Work in progress that must not be interrupted by an app update (an issuance between PIN entry
 * and printing, a verification, a restore). Long jobs hold a token until they finish; the update
 * flow waits until none is held.
 */
const holders = new Set<symbol>();
const idleListeners = new Set<() => void>();

export function beginWork(label: string): () => void {
  const token = Symbol(label);
  holders.add(token);
  return () => {
    if (!holders.delete(token) || holders.size > 0) return;
    for (const listener of [...idleListeners]) listener();
  };
}

export function isBusy(): boolean {
  return holders.size > 0;
}

/** Calls `listener` each time the last piece of work ends; returns an unsubscribe function. */
export function onIdle(listener: () => void): () => void {
  idleListeners.add(listener);
  return () => idleListeners.delete(listener);
}
