/**
 * Repository for the append-only issuance log (`issuanceLog`, `issuanceCheckpoints`; both backed
 * up). The chain itself is built and checked by src/seal/audit-log.ts.
 *
 * Appending cannot hash inside the IndexedDB transaction (awaiting WebCrypto would let the
 * transaction auto-commit), so it reads the head, builds the entry, then writes with `add`, which
 * fails if that seq already exists: two tabs appending at once cannot fork the chain, and the
 * loser retries on the new head. There is no update or delete function by design.
 */
import { CHECKPOINT_INTERVAL, createLogEntry, createNotPrintedEntry, createVoidedEntry, exportLog, signCheckpoint, verifyLog, type IssuanceRecord, type LogCheckpoint, type LogEntry, type LogReport, type NotPrintedSheet, type VoidedSerial } from '../seal/audit-log.ts';
import { IssuanceLogError } from '../seal/errors.ts';
import type { SealSigner } from '../seal/seal.ts';
import type { TrustList } from '../seal/trust-list.ts';
import type { KofuDatabase } from './database.ts';
import { StoreName } from './schema.ts';

const MAX_APPEND_ATTEMPTS = 5;

async function head(db: KofuDatabase): Promise<LogEntry | undefined> {
  const cursor = await db.transaction(StoreName.issuanceLog).store.openCursor(null, 'prev');
  return cursor?.value as LogEntry | undefined;
}

/**
 * Appends one issuance; with a signer, also signs a checkpoint every CHECKPOINT_INTERVAL entries.
 * Returns the new entry.
 */
export function appendIssuance(db: KofuDatabase, record: IssuanceRecord, signer?: SealSigner, nowSeconds = Math.floor(Date.now() / 1000)): Promise<LogEntry> {
  return append(db, (previous) => createLogEntry(previous, record), signer, nowSeconds);
}

/** Appends a voided serial (src/seal/audit-log.ts): taken, but no sheet was issued with it. */
export function appendVoided(db: KofuDatabase, voided: VoidedSerial, signer?: SealSigner, nowSeconds = Math.floor(Date.now() / 1000)): Promise<LogEntry> {
  return append(db, (previous) => createVoidedEntry(previous, voided), signer, nowSeconds);
}

/** Appends a *not printed* void (src/seal/audit-log.ts): the sheet was issued, never came out of the printer, and is void. */
export function appendNotPrinted(db: KofuDatabase, sheet: NotPrintedSheet, signer?: SealSigner, nowSeconds = Math.floor(Date.now() / 1000)): Promise<LogEntry> {
  return append(db, (previous) => createNotPrintedEntry(previous, sheet), signer, nowSeconds);
}

async function append(db: KofuDatabase, next: (previous: LogEntry | undefined) => Promise<LogEntry>, signer: SealSigner | undefined, nowSeconds: number): Promise<LogEntry> {
  for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
    const entry = await next(await head(db));
    try {
      await db.add(StoreName.issuanceLog, entry);
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'ConstraintError') continue; // another writer took this seq
      throw new IssuanceLogError('log.write-failed', {}, { cause });
    }
    if (signer && (entry.seq + 1) % CHECKPOINT_INTERVAL === 0) await addCheckpoint(db, signer, nowSeconds);
    return entry;
  }
  throw new IssuanceLogError('log.busy', {});
}

/** Signs the current head (e.g. at the end of the day, or before an export). */
export async function addCheckpoint(db: KofuDatabase, signer: SealSigner, nowSeconds = Math.floor(Date.now() / 1000)): Promise<LogCheckpoint | undefined> {
  const current = await head(db);
  if (!current) return undefined;
  const checkpoint = await signCheckpoint(current, signer, nowSeconds);
  await db.put(StoreName.issuanceCheckpoints, checkpoint);
  return checkpoint;
}

export async function readIssuanceLog(db: KofuDatabase): Promise<{ entries: LogEntry[]; checkpoints: LogCheckpoint[] }> {
  const tx = db.transaction([StoreName.issuanceLog, StoreName.issuanceCheckpoints]);
  const entries = (await tx.objectStore(StoreName.issuanceLog).getAll()) as LogEntry[];
  const checkpoints = (await tx.objectStore(StoreName.issuanceCheckpoints).getAll()) as LogCheckpoint[];
  await tx.done;
  return { entries, checkpoints };
}

export async function exportIssuanceLog(db: KofuDatabase, nowSeconds = Math.floor(Date.now() / 1000)): Promise<string> {
  const { entries, checkpoints } = await readIssuanceLog(db);
  return exportLog(entries, checkpoints, nowSeconds);
}

export async function verifyIssuanceLog(db: KofuDatabase, options: { readonly trustList?: TrustList } = {}): Promise<LogReport> {
  const { entries, checkpoints } = await readIssuanceLog(db);
  return verifyLog(entries, checkpoints, options);
}
