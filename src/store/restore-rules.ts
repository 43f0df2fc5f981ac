/**
 * What restoring a backup must never roll back. A backup is older than the device by nature; put
 * back as it is, it would lower the serial counters and drop the log entries issued since, and
 * the next issuance would print a serial that a sheet already carries (docs/operations.md,
 * "Serial numbers"). So, store by store, a restore takes the file's rows except:
 *   - a serial counter (`kioskSerial.*`): the higher of the device's and the file's;
 *   - serial reservations (`serialReservation.*`): the device's and the file's (the next sweep
 *     settles those already logged and voids the rest, src/store/serials.ts);
 *   - the issuance log: the longer of the two, provided the shorter is its beginning (the same
 *     entries with the same hashes); the checkpoints of both, which then sign the same chain.
 * Two logs that differ (a backup of another tablet, or a log that forked after an earlier
 * restore) cannot be merged into one chain: `mergeIssuanceLogs` says so, and the restore is
 * refused with nothing changed.
 */
import { bytesEqual } from '../bytes/bytes.ts';
import { SERIAL_COUNTER_PREFIX, SERIAL_RESERVATION_PREFIX } from './serials.ts';

/** One stored record: its key and its value. */
export type Row = readonly [key: unknown, value: unknown];

const isKeyWithPrefix = (key: unknown, prefix: string) => typeof key === 'string' && key.startsWith(prefix);

/** The settings to write: the file's, with every serial counter at its high-water mark and every reservation kept. */
export function keepSerialHighWater(device: readonly Row[], file: readonly Row[]): Row[] {
  const merged = new Map<unknown, unknown>(file);
  for (const [key, value] of device) {
    if (isKeyWithPrefix(key, SERIAL_COUNTER_PREFIX)) merged.set(key, Math.max(Number(merged.get(key) ?? 0), Number(value)));
    else if (isKeyWithPrefix(key, SERIAL_RESERVATION_PREFIX) && !merged.has(key)) merged.set(key, value);
  }
  return [...merged];
}

interface ChainedEntry {
  readonly seq: number;
  readonly hash: Uint8Array;
}

export interface IssuanceLogRows {
  readonly entries: readonly Row[];
  readonly checkpoints: readonly Row[];
}

const bySeq = (rows: readonly Row[]) => [...rows].sort(([, a], [, b]) => (a as ChainedEntry).seq - (b as ChainedEntry).seq);

/** True when `shorter` is the beginning of `longer`: entry for entry the same seq and hash. */
function isPrefix(shorter: readonly Row[], longer: readonly Row[]): boolean {
  return shorter.every(([, value], i) => {
    const a = value as ChainedEntry;
    const b = longer[i][1] as ChainedEntry;
    return a.seq === b.seq && a.hash instanceof Uint8Array && b.hash instanceof Uint8Array && bytesEqual(a.hash, b.hash);
  });
}

/** The issuance log to write, or undefined when the device's and the file's logs differ. */
export function mergeIssuanceLogs(device: IssuanceLogRows, file: IssuanceLogRows): IssuanceLogRows | undefined {
  const [mine, theirs] = [bySeq(device.entries), bySeq(file.entries)];
  const [shorter, longer] = mine.length <= theirs.length ? [mine, theirs] : [theirs, mine];
  if (!isPrefix(shorter, longer)) return undefined;
  const checkpoints = new Map<unknown, unknown>(file.checkpoints);
  for (const [key, value] of device.checkpoints) if (!checkpoints.has(key)) checkpoints.set(key, value);
  return { entries: longer, checkpoints: [...checkpoints] };
}
