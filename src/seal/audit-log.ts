/**
 * The issuance log's chain: pure functions to create, sign, export and check it. The IndexedDB
 * repository is `src/store/issuance-log.ts`.
 *
 * Each entry holds only what an audit needs (serial, type, time, signer key id, SHA-256 of the
 * seal): no name, address or other personal data. Entries are chained:
 *   hash = SHA-256( canonical CBOR [1, seq, serial, certType, issuedAt, signerKid, sealHash, prevHash] )
 * with prevHash of entry 0 = 32 zero bytes. A serial that was taken but never became a sheet (the
 * tablet was reloaded or failed mid-issuance) is logged as a *voided* entry: the same fields and
 * hash, with certType 0 (VOIDED_CERT_TYPE, no certificate type has it) and sealHash = 32 zero
 * bytes (no seal was made), issuedAt = when it was voided. So the log accounts for every serial,
 * and a voided entry is chained and checkpointed like any other.
 *
 * Entry format 2 (ENTRY_FORMAT_FEE) adds what the resident pays and where: the fee in yen and the
 * payment place (PaymentPlace), hashed as
 *   hash = SHA-256( canonical CBOR [2, seq, serial, certType, issuedAt, signerKid, sealHash, prevHash, fee, payment] )
 * An entry without `format` is format 1 and hashed as above, so logs written before stay valid;
 * dropping the fee from a format-2 entry changes its hash. A sheet that was issued but never came
 * out of the printer is voided by a format-2 *not printed* entry: certType 0 with the sealHash of
 * the sheet it voids (not zeros), fee 0. A checkpoint signs the head periodically with the
 * tablet's key, as a COSE_Sign1:
 *   protected {1: -7, 4: kid}, unprotected {-65537: signer certificate}, payload [1, seq, headHash, signedAt]
 * The chain shows a changed, removed or added entry unless the whole tail is recomputed; the
 * signed checkpoints show that too, because recomputing cannot re-sign them without the
 * tablet's non-extractable key. Entries after the last checkpoint are protected by the chain only
 * (reported as `unsignedTail`).
 */
import { bytesEqual, fromBase64, fromHex, sha256, toBase64, toHex } from '../bytes/bytes.ts';
import type { ParamsOf } from '../bytes/errors.ts';
import { decodeCanonical, encodeCanonical, expectArray, expectBytes, expectOnlyKeys, expectUint } from './cbor.ts';
import { COSE_ALG_ES256, HEADER_SIGNER_CERTIFICATE, HeaderLabel, decodeSign1, signSign1, verifySign1 } from './cose.ts';
import { KEY_ID_BYTES, importPublicKey } from './ec.ts';
import { IssuanceLogError, type LogProblemCode, type SealNoticeParams } from './errors.ts';
import type { SealSigner } from './seal.ts';
import { decodeSignerCertificate, verifySignerCertificate } from './signer-certificate.ts';
import type { TrustList } from './trust-list.ts';

/** Format of the first entries and of every checkpoint payload. */
export const LOG_FORMAT_VERSION = 1;
/** Entry format with the fee and the payment place. */
export const ENTRY_FORMAT_FEE = 2;
/** The export file's version: 2 may hold format-2 entries; version-1 files are still read. */
export const LOG_EXPORT_VERSION = 2;
const READABLE_EXPORT_VERSIONS: readonly number[] = [LOG_FORMAT_VERSION, LOG_EXPORT_VERSION];
/** A checkpoint is signed after every this many entries (and on demand, e.g. before export). */
export const CHECKPOINT_INTERVAL = 10;
export const LOG_EXPORT_FORMAT = 'kofu-issuance-log';
const HASH_BYTES = 32;
const GENESIS = new Uint8Array(HASH_BYTES);
/** certType of a voided entry: the serial was used up, no certificate was issued with it. */
export const VOIDED_CERT_TYPE = 0;
/** sealHash of a voided entry: there is no seal. */
const NO_SEAL = new Uint8Array(HASH_BYTES);

/** Where the resident pays a sheet's fee, as logged. */
export const PaymentPlace = {
  /** Nothing to pay: a voided sheet. */
  none: 0,
  /** The store's till (レジ): the kiosk takes no money itself. */
  storeTill: 1,
} as const;
export type PaymentPlaceCode = (typeof PaymentPlace)[keyof typeof PaymentPlace];
const PAYMENT_PLACES: readonly number[] = Object.values(PaymentPlace);

/** What a sheet costs and where it is paid (a format-2 entry). */
export interface SheetPayment {
  /** Yen, for this sheet (one copy). */
  readonly fee: number;
  readonly payment: PaymentPlaceCode;
}

export interface IssuanceRecord {
  readonly serial: number;
  readonly certType: number;
  readonly issuedAt: number;
  readonly signerKid: Uint8Array;
  /** The signed seal; only its SHA-256 is kept. */
  readonly seal: Uint8Array;
  /** With it, the entry is format 2 and records the fee and the payment place. */
  readonly payment?: SheetPayment;
}

/** A sheet that was issued and logged but never came out of the printer. */
export interface NotPrintedSheet {
  readonly serial: number;
  readonly signerKid: Uint8Array;
  /** SHA-256 of the voided sheet's seal: the sealHash of its issuance entry. */
  readonly sealHash: Uint8Array;
  /** Unix seconds when the resident or staff said it did not print. */
  readonly voidedAt: number;
}

/** A serial taken for an issuance that never finished. */
export interface VoidedSerial {
  readonly serial: number;
  /** The key the serial was taken under. */
  readonly signerKid: Uint8Array;
  /** Unix seconds when it was found abandoned. */
  readonly voidedAt: number;
}

export interface LogEntry {
  readonly seq: number;
  readonly serial: number;
  readonly certType: number;
  readonly issuedAt: number;
  readonly signerKid: Uint8Array;
  readonly sealHash: Uint8Array;
  readonly prevHash: Uint8Array;
  readonly hash: Uint8Array;
  /** ENTRY_FORMAT_FEE, or absent for a format-1 entry (then `fee` and `payment` are absent too). */
  readonly format?: typeof ENTRY_FORMAT_FEE;
  readonly fee?: number;
  readonly payment?: PaymentPlaceCode;
}

export interface LogCheckpoint {
  /** Seq of the last entry the checkpoint covers. */
  readonly seq: number;
  readonly headHash: Uint8Array;
  readonly signedAt: number;
  /** COSE_Sign1 bytes. */
  readonly signature: Uint8Array;
}

export type LogProblemKind = 'modified' | 'deleted' | 'inserted' | 'chain-broken' | 'checkpoint-mismatch' | 'checkpoint-forged' | 'truncated';

export interface LogProblem {
  readonly kind: LogProblemKind;
  readonly seq: number;
  /** What was found (LOG_PROBLEM_CODES) and its params; the words are in the UI's catalogue. */
  readonly code: LogProblemCode;
  readonly params: object;
}

export interface LogReport {
  readonly ok: boolean;
  readonly entries: number;
  /** Of which voided: serials used up without a sheet, and sheets that did not print. */
  readonly voided: number;
  /** Of the voided, sheets issued but not printed (each voids an earlier entry's seal). */
  readonly notPrinted: number;
  /** Yen the store's till should have taken: the fees of the sheets issued and not voided. */
  readonly tillFees: number;
  readonly checkpoints: number;
  /** Highest seq covered by a valid checkpoint, −1 if none. */
  readonly signedThrough: number;
  /** Entries after the last valid checkpoint. */
  readonly unsignedTail: number;
  readonly problems: readonly LogProblem[];
}

async function hashEntry(fields: Omit<LogEntry, 'hash'>): Promise<Uint8Array> {
  const common = [fields.seq, fields.serial, fields.certType, fields.issuedAt, fields.signerKid, fields.sealHash, fields.prevHash];
  if (fields.format === ENTRY_FORMAT_FEE) return sha256(encodeCanonical([ENTRY_FORMAT_FEE, ...common, fields.fee ?? 0, fields.payment ?? PaymentPlace.none]));
  return sha256(encodeCanonical([LOG_FORMAT_VERSION, ...common]));
}

async function chainEntry(previous: LogEntry | undefined, fields: Omit<LogEntry, 'seq' | 'prevHash' | 'hash'>): Promise<LogEntry> {
  const chained = { seq: previous ? previous.seq + 1 : 0, ...fields, prevHash: previous ? previous.hash : GENESIS };
  return { ...chained, hash: await hashEntry(chained) };
}

export async function createLogEntry(previous: LogEntry | undefined, record: IssuanceRecord): Promise<LogEntry> {
  return chainEntry(previous, {
    serial: record.serial,
    certType: record.certType,
    issuedAt: record.issuedAt,
    signerKid: record.signerKid.slice(),
    sealHash: await sha256(record.seal),
    ...(record.payment && { format: ENTRY_FORMAT_FEE, fee: record.payment.fee, payment: record.payment.payment }),
  });
}

/** The entry saying the sheet `sheet.serial` was issued but not printed: it is void, nothing is paid. */
export function createNotPrintedEntry(previous: LogEntry | undefined, sheet: NotPrintedSheet): Promise<LogEntry> {
  return chainEntry(previous, {
    serial: sheet.serial,
    certType: VOIDED_CERT_TYPE,
    issuedAt: sheet.voidedAt,
    signerKid: sheet.signerKid.slice(),
    sealHash: sheet.sealHash.slice(),
    format: ENTRY_FORMAT_FEE,
    fee: 0,
    payment: PaymentPlace.none,
  });
}

/** The entry saying `voided.serial` was used up without a sheet. */
export function createVoidedEntry(previous: LogEntry | undefined, voided: VoidedSerial): Promise<LogEntry> {
  return chainEntry(previous, { serial: voided.serial, certType: VOIDED_CERT_TYPE, issuedAt: voided.voidedAt, signerKid: voided.signerKid.slice(), sealHash: NO_SEAL.slice() });
}

export function isVoided(entry: LogEntry): boolean {
  return entry.certType === VOIDED_CERT_TYPE;
}

/** A voided entry that names a seal: the sheet was issued, then not printed. */
export function isNotPrinted(entry: LogEntry): boolean {
  return isVoided(entry) && !bytesEqual(entry.sealHash, NO_SEAL);
}

/** The till's total: fees of the issued sheets that no later not-printed entry voids. */
function tillFees(entries: readonly LogEntry[]): number {
  const key = (entry: LogEntry) => `${toHex(entry.signerKid)}:${entry.serial}:${toHex(entry.sealHash)}`;
  const voided = new Set(entries.filter(isNotPrinted).map(key));
  return entries.filter((entry) => !isVoided(entry) && !voided.has(key(entry))).reduce((sum, entry) => sum + (entry.fee ?? 0), 0);
}

export async function signCheckpoint(head: LogEntry, signer: SealSigner, nowSeconds: number): Promise<LogCheckpoint> {
  const certificate = await decodeSignerCertificate(signer.certificate);
  const signature = await signSign1(
    new Map<number, number | Uint8Array>([[HeaderLabel.alg, COSE_ALG_ES256], [HeaderLabel.kid, certificate.kid]]),
    new Map([[HEADER_SIGNER_CERTIFICATE, signer.certificate]]),
    encodeCanonical([LOG_FORMAT_VERSION, head.seq, head.hash, nowSeconds]),
    signer.privateKey,
  );
  return { seq: head.seq, headHash: head.hash, signedAt: nowSeconds, signature };
}

/** Checks a checkpoint's signature; with a trust list, also that its signer chains to a root. */
async function checkpointIsAuthentic(checkpoint: LogCheckpoint, trustList?: TrustList): Promise<boolean> {
  try {
    const sign1 = decodeSign1(checkpoint.signature, 'checkpoint');
    expectOnlyKeys(sign1.protectedHeader, [HeaderLabel.alg, HeaderLabel.kid], 'checkpoint');
    expectOnlyKeys(sign1.unprotectedHeader, [HEADER_SIGNER_CERTIFICATE], 'checkpoint');
    const certificate = await decodeSignerCertificate(expectBytes(sign1.unprotectedHeader.get(HEADER_SIGNER_CERTIFICATE), 'checkpoint', 'certificate'));
    if (!bytesEqual(expectBytes(sign1.protectedHeader.get(HeaderLabel.kid), 'checkpoint', 'kid', KEY_ID_BYTES), certificate.kid)) return false;
    const payload = expectArray(decodeCanonical(sign1.payload, 'checkpoint'), 'checkpoint', 'payload', 4);
    if (payload[0] !== LOG_FORMAT_VERSION) return false;
    if (expectUint(payload[1], 'checkpoint', 'seq') !== checkpoint.seq) return false;
    if (!bytesEqual(expectBytes(payload[2], 'checkpoint', 'head', HASH_BYTES), checkpoint.headHash)) return false;
    if (expectUint(payload[3], 'checkpoint', 'signedAt') !== checkpoint.signedAt) return false;
    if (!(await verifySign1(sign1, await importPublicKey(certificate.publicKey)))) return false;
    if (trustList) {
      let chained = false;
      for (const root of trustList.roots.filter((r) => r.municipality === certificate.municipality)) {
        if (await verifySignerCertificate(certificate, await importPublicKey(root.publicKey))) chained = true;
      }
      if (!chained) return false;
    }
    return true;
  } catch {
    return false;
  }
}

function isWellFormed(entry: LogEntry | undefined): entry is LogEntry {
  const uint = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  const bytes = (v: unknown, length: number) => v instanceof Uint8Array && v.length === length;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    uint(entry.seq) &&
    uint(entry.serial) &&
    uint(entry.certType) &&
    uint(entry.issuedAt) &&
    bytes(entry.signerKid, KEY_ID_BYTES) &&
    bytes(entry.sealHash, HASH_BYTES) &&
    bytes(entry.prevHash, HASH_BYTES) &&
    bytes(entry.hash, HASH_BYTES) &&
    (entry.format === undefined
      ? entry.fee === undefined && entry.payment === undefined
      : entry.format === ENTRY_FORMAT_FEE && uint(entry.fee) && PAYMENT_PLACES.includes(entry.payment as number))
  );
}

const problem = <Code extends LogProblemCode>(kind: LogProblemKind, seq: number, code: Code, params: ParamsOf<SealNoticeParams, Code>): LogProblem => ({
  kind,
  seq,
  code,
  params,
});

/** Walks the whole log and reports every deleted, inserted or modified entry it can detect. */
export async function verifyLog(entries: readonly LogEntry[], checkpoints: readonly LogCheckpoint[], options: { readonly trustList?: TrustList } = {}): Promise<LogReport> {
  const problems: LogProblem[] = [];
  const bySeq = new Map<number, LogEntry>();
  let previous: LogEntry | undefined;
  for (const entry of entries) {
    if (!isWellFormed(entry)) {
      // Someone edited the stored record into a shape kofu never writes.
      const claimed = (entry as { seq?: unknown } | undefined)?.seq;
      const seq = typeof claimed === 'number' ? claimed : previous ? previous.seq + 1 : 0;
      problems.push(problem('modified', seq, 'log.entry-malformed', { seq }));
      continue;
    }
    const expectedSeq = previous ? previous.seq + 1 : 0;
    if (!bytesEqual(await hashEntry(entry), entry.hash)) {
      problems.push(problem('modified', entry.seq, 'log.entry-modified', { seq: entry.seq }));
    }
    if (entry.seq > expectedSeq) {
      problems.push(problem('deleted', expectedSeq, 'log.entries-deleted', { from: expectedSeq, to: entry.seq - 1 }));
    } else if (entry.seq < expectedSeq) {
      problems.push(problem('inserted', entry.seq, 'log.entry-inserted', { seq: entry.seq }));
    } else if (!bytesEqual(entry.prevHash, previous ? previous.hash : GENESIS)) {
      problems.push(problem('chain-broken', entry.seq, 'log.chain-broken', { seq: entry.seq }));
    }
    if (!bySeq.has(entry.seq)) bySeq.set(entry.seq, entry);
    previous = entry;
  }
  let signedThrough = -1;
  for (const checkpoint of checkpoints) {
    if (!(await checkpointIsAuthentic(checkpoint, options.trustList)) || !(checkpoint.headHash instanceof Uint8Array)) {
      problems.push(problem('checkpoint-forged', checkpoint.seq, 'log.checkpoint-forged', { seq: checkpoint.seq }));
      continue;
    }
    const entry = bySeq.get(checkpoint.seq);
    if (!entry) {
      problems.push(problem('truncated', checkpoint.seq, 'log.truncated', { seq: checkpoint.seq }));
    } else if (!bytesEqual(entry.hash, checkpoint.headHash)) {
      problems.push(problem('checkpoint-mismatch', checkpoint.seq, 'log.checkpoint-mismatch', { seq: checkpoint.seq }));
    } else {
      signedThrough = Math.max(signedThrough, checkpoint.seq);
    }
  }
  const last = entries.length > 0 ? entries[entries.length - 1].seq : -1;
  const wellFormed = entries.filter(isWellFormed);
  return {
    ok: problems.length === 0,
    entries: entries.length,
    voided: wellFormed.filter(isVoided).length,
    notPrinted: wellFormed.filter(isNotPrinted).length,
    tillFees: tillFees(wellFormed),
    checkpoints: checkpoints.length,
    signedThrough,
    unsignedTail: Math.max(0, last - signedThrough),
    problems,
  };
}

// ---- export file (JSON, for auditors) ---------------------------------------------------------

interface ExportedEntry {
  seq: number;
  serial: number;
  certType: number;
  issuedAt: number;
  signerKid: string;
  sealHash: string;
  prevHash: string;
  hash: string;
  /** Format-2 entries only. */
  format?: number;
  fee?: number;
  payment?: number;
}
interface ExportedCheckpoint {
  seq: number;
  headHash: string;
  signedAt: number;
  signature: string;
}

export function exportLog(entries: readonly LogEntry[], checkpoints: readonly LogCheckpoint[], exportedAt: number): string {
  return JSON.stringify(
    {
      format: LOG_EXPORT_FORMAT,
      version: LOG_EXPORT_VERSION,
      exportedAt,
      entries: entries.map(
        (e): ExportedEntry => ({
          seq: e.seq,
          serial: e.serial,
          certType: e.certType,
          issuedAt: e.issuedAt,
          signerKid: toHex(e.signerKid),
          sealHash: toHex(e.sealHash),
          prevHash: toHex(e.prevHash),
          hash: toHex(e.hash),
          ...(e.format !== undefined && { format: e.format, fee: e.fee, payment: e.payment }),
        }),
      ),
      checkpoints: checkpoints.map((c): ExportedCheckpoint => ({ seq: c.seq, headHash: toHex(c.headHash), signedAt: c.signedAt, signature: toBase64(c.signature) })),
    },
    null,
    1,
  );
}

export function parseLogExport(json: string): { entries: LogEntry[]; checkpoints: LogCheckpoint[]; exportedAt: number } {
  const bad = (cause?: unknown) =>
    new IssuanceLogError('log.bad-export', {}, { cause });
  try {
    const parsed = JSON.parse(json) as { format?: unknown; version?: unknown; exportedAt?: unknown; entries?: unknown; checkpoints?: unknown };
    if (parsed.format !== LOG_EXPORT_FORMAT || !READABLE_EXPORT_VERSIONS.includes(parsed.version as number) || !Array.isArray(parsed.entries) || !Array.isArray(parsed.checkpoints)) throw bad();
    const uint = (v: unknown) => {
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw bad();
      return v;
    };
    const hex = (v: unknown, length: number) => {
      if (typeof v !== 'string') throw bad();
      const bytes = fromHex(v);
      if (bytes.length !== length) throw bad();
      return bytes;
    };
    const formatOf = (e: ExportedEntry): Pick<LogEntry, 'format' | 'fee' | 'payment'> => {
      if (e.format === undefined && e.fee === undefined && e.payment === undefined) return {};
      // A version-1 file never holds format-2 entries; the chain check judges the values.
      if (parsed.version === LOG_FORMAT_VERSION || e.format !== ENTRY_FORMAT_FEE || !PAYMENT_PLACES.includes(uint(e.payment))) throw bad();
      return { format: ENTRY_FORMAT_FEE, fee: uint(e.fee), payment: e.payment as PaymentPlaceCode };
    };
    const entries = (parsed.entries as ExportedEntry[]).map((e): LogEntry => ({
      seq: uint(e.seq),
      serial: uint(e.serial),
      certType: uint(e.certType),
      issuedAt: uint(e.issuedAt),
      signerKid: hex(e.signerKid, KEY_ID_BYTES),
      sealHash: hex(e.sealHash, HASH_BYTES),
      prevHash: hex(e.prevHash, HASH_BYTES),
      hash: hex(e.hash, HASH_BYTES),
      ...formatOf(e),
    }));
    const checkpoints = (parsed.checkpoints as ExportedCheckpoint[]).map((c) => {
      if (typeof c.signature !== 'string') throw bad();
      return { seq: uint(c.seq), headHash: hex(c.headHash, HASH_BYTES), signedAt: uint(c.signedAt), signature: fromBase64(c.signature) };
    });
    return { entries, checkpoints, exportedAt: uint(parsed.exportedAt) };
  } catch (cause) {
    throw cause instanceof IssuanceLogError ? cause : bad(cause);
  }
}
