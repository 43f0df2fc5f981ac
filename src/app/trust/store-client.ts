/**
 * What the tablet signer and the municipality authority share: both work over the device's trust
 * store — its database, its clock and its change notifications — and add their own role's actions.
 */
import type { TrustStore } from './verifier-trust.ts';

export abstract class TrustStoreClient {
  constructor(protected readonly store: TrustStore) {}

  protected db() {
    return this.store.database();
  }

  protected now(): number {
    return this.store.now();
  }

  /** Called after anything the screens show has changed (the trust store's notifications). */
  onChange(listener: () => void): () => void {
    return this.store.onChange(listener);
  }
}
