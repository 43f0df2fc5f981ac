/**
 * Every value of a backup checked against what its store holds, before anything is written. The
 * checksum only proves the file is the one that was written; whoever wrote it may have put a serial
 * counter at 2^53 − 1 (every later issue would then fail), a resident's name as bytes (the kiosk
 * preview would hang on it), or empty stores that silently wipe the device. A value that does not
 * fit refuses the whole file with its store and path (backup.ts throws `backup.invalid-value`).
 *
 * The registry stores are checked by the registry's own import rules (src/registry/transfer.ts):
 * the records are exported to registry JSON and parsed back, which must give the same records.
 * That checks every field's type, every date, every reference and check digit in one place.
 */
import type { RegistrySnapshot } from '../registry/model.ts';
import { ImportError } from '../registry/import-check.ts';
import { exportRegistryJson, parseRegistryJson } from '../registry/transfer.ts';
import { REGISTRY_PARTS, StoreName } from './schema.ts';

/**
 * Highest serial a restored counter or log entry may hold: far beyond any device's life (a busy
 * kiosk issues about 10^5 certificates a year) and far below 2^53, so counting on from it never
 * leaves the safe integers (ECMA-262 §21.1.2.6).
 */
export const MAX_RESTORED_SERIAL = 999_999_999;
/** Unix seconds up to 9999-12-31. */
const MAX_SECONDS = 253_402_300_799;
const SHA256_BYTES = 32;
/** src/seal/ec.ts KEY_ID_BYTES. */
const KEY_ID_BYTES = 8;
/** src/seal/trust-list.ts MAX_TRUST_LIST_BYTES. */
const MAX_TRUST_LIST_BYTES = 2 * 1024 * 1024;
const MAX_TEXT = 4096;
/** A sheet's fee in yen, as a format-2 log entry records it (src/seal/audit-log.ts); far above any real fee. */
const MAX_FEE = 1_000_000;
/** Nesting allowed in a setting the app does not read itself (`plain`). */
const MAX_DEPTH = 16;

type Shape =
  | 'text'
  | 'boolean'
  | 'plain'
  | { readonly uint: number }
  | { readonly bytes: readonly [min: number, max: number] }
  | { readonly oneOf: readonly string[] }
  /** An object with exactly `fields`, and any of `optional`. */
  | { readonly fields: Readonly<Record<string, Shape>>; readonly optional?: Readonly<Record<string, Shape>> }
  | { readonly list: Shape }
  | { readonly values: Shape };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof Date) && Object.getPrototypeOf(v) === Object.prototype;

/** The path of the first part of `value` that does not fit `shape`, or undefined when it all fits. */
function misfit(shape: Shape, value: unknown, path: string, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return path;
  if (shape === 'text') return typeof value === 'string' && value.length <= MAX_TEXT ? undefined : path;
  if (shape === 'boolean') return typeof value === 'boolean' ? undefined : path;
  if (shape === 'plain') {
    if (value === null || typeof value === 'boolean' || value instanceof Uint8Array) return undefined;
    if (typeof value === 'string') return value.length <= MAX_TEXT ? undefined : path;
    if (typeof value === 'number') return Number.isFinite(value) ? undefined : path;
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? path : undefined;
    if (Array.isArray(value)) return firstOf(value.map((item, i) => misfit('plain', item, `${path}[${i}]`, depth + 1)));
    if (isPlainObject(value)) return firstOf(Object.keys(value).map((k) => misfit('plain', value[k], `${path}.${k}`, depth + 1)));
    return path;
  }
  if ('uint' in shape) return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= shape.uint ? undefined : path;
  if ('bytes' in shape) return value instanceof Uint8Array && value.length >= shape.bytes[0] && value.length <= shape.bytes[1] ? undefined : path;
  if ('oneOf' in shape) return typeof value === 'string' && shape.oneOf.includes(value) ? undefined : path;
  if ('list' in shape) return Array.isArray(value) ? firstOf(value.map((item, i) => misfit(shape.list, item, `${path}[${i}]`, depth + 1))) : path;
  if (!isPlainObject(value)) return path;
  if ('values' in shape) return firstOf(Object.keys(value).map((k) => misfit(shape.values, value[k], `${path}.${k}`, depth + 1)));
  // Own keys only, each known: `__proto__` or an extra field is refused, a missing one too.
  const optional = shape.optional ?? {};
  const unknown = Object.keys(value).find((k) => !Object.hasOwn(shape.fields, k) && !Object.hasOwn(optional, k));
  if (unknown !== undefined) return `${path}.${unknown}`;
  const present = Object.entries(optional).filter(([k]) => Object.hasOwn(value, k));
  return firstOf([
    ...Object.entries(shape.fields).map(([k, s]) => (Object.hasOwn(value, k) ? misfit(s, value[k], `${path}.${k}`, depth + 1) : `${path}.${k}`)),
    ...present.map(([k, s]) => misfit(s, value[k], `${path}.${k}`, depth + 1)),
  ]);
}

const firstOf = (paths: readonly (string | undefined)[]) => paths.find((p) => p !== undefined);

const seconds: Shape = { uint: MAX_SECONDS };
const sha256: Shape = { bytes: [SHA256_BYTES, SHA256_BYTES] };

/** The settings the app reads (src/app/trust/common.ts `Setting`, demo-mode.ts, kiosk.ts), by name. */
const SETTINGS: readonly { readonly name: RegExp; readonly shape: Shape }[] = [
  { name: /^demoMode$/, shape: 'boolean' },
  { name: /^language$/, shape: { oneOf: ['ja', 'en'] } },
  { name: /^trustListUrl$/, shape: 'text' },
  { name: /^trustAnchors$/, shape: { list: { fields: { publicKey: { bytes: [1, 256] }, label: 'text' } } } },
  { name: /^issuedSigners$/, shape: { list: { fields: { deviceId: 'text', municipality: { uint: 999_999 }, kid: 'text', notBefore: seconds, notAfter: seconds, issuedAt: seconds } } } },
  { name: /^rootBackedUp$/, shape: { fields: { kid: 'text', at: { uint: Number.MAX_SAFE_INTEGER } } } },
  // src/app/kiosk.ts SERIAL_SETTING: the next serial is max(counter, last logged) + 1.
  { name: /^kioskSerial\./, shape: { uint: MAX_RESTORED_SERIAL } },
];
/** Any other setting (none the app reads): plain data. */
const settingShape = (name: string): Shape => SETTINGS.find((s) => s.name.test(name))?.shape ?? 'plain';

/** Stores whose rows are checked one by one (the registry stores are checked together). */
const ROW_SHAPES: Readonly<Record<string, (key: unknown) => Shape>> = {
  [StoreName.settings]: (key) => settingShape(String(key)),
  [StoreName.meta]: () => 'plain',
  [StoreName.trustList]: () => ({ fields: { bytes: { bytes: [1, MAX_TRUST_LIST_BYTES] }, version: { uint: Number.MAX_SAFE_INTEGER }, importedAt: seconds, source: 'text' } }),
  [StoreName.issuanceLog]: () => ({
    fields: { seq: { uint: Number.MAX_SAFE_INTEGER }, serial: { uint: MAX_RESTORED_SERIAL }, certType: { uint: 255 }, issuedAt: seconds, signerKid: { bytes: [KEY_ID_BYTES, KEY_ID_BYTES] }, sealHash: sha256, prevHash: sha256, hash: sha256 },
    // Format-2 entries (the fee and the payment place); the chain check judges their values.
    optional: { format: { uint: 2 }, fee: { uint: MAX_FEE }, payment: { uint: 1 } },
  }),
  [StoreName.issuanceCheckpoints]: () => ({ fields: { seq: { uint: Number.MAX_SAFE_INTEGER }, headHash: sha256, signedAt: seconds, signature: { bytes: [1, 8192] } } }),
  // PIN retry counters of demo cards (src/card/virtual/state.ts PinCounters).
  [StoreName.cardState]: () => ({ values: { uint: 255 } }),
};
/** Stores keyed by a name given outside the value (no keyPath): the key must be text. */
const NAMED_KEYS = new Set<string>([StoreName.settings, StoreName.meta, StoreName.trustList, StoreName.cardState]);
/** keyPath stores whose key must not repeat (a repeated one would silently replace a row). */
const KEY_FIELDS: Readonly<Record<string, string>> = { [StoreName.issuanceLog]: 'seq', [StoreName.issuanceCheckpoints]: 'seq' };

/** The registry's stores and the snapshot parts they hold. */
const REGISTRY: readonly (readonly [store: string, collection: keyof RegistrySnapshot])[] = REGISTRY_PARTS;
/** src/store/registry-store.ts ORDER_KEY: each record's place, written by replaceAll. */
const ORDER_KEY = '_order';

/** Where a backup holds a value its store cannot: the store's name and the path inside it. */
export interface InvalidBackupValue {
  readonly store: string;
  readonly path: string;
}

class Misfit extends Error {
  constructor(readonly where: InvalidBackupValue) {
    super(`${where.store} ${where.path}`);
  }
}
const invalid = (store: string, path: string): never => {
  throw new Misfit({ store, path });
};

/** Equal as stored values: an `undefined` property is the same as an absent one. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined);
  const ka = keys(a);
  return ka.length === keys(b).length && ka.every((k) => Object.hasOwn(b, k) && sameValue(a[k], b[k]));
}

/** The registry records as the registry domain reads them, or a refusal naming the first bad record. */
function checkRegistry(rows: Readonly<Record<string, readonly unknown[]>>): void {
  const snapshot: Record<string, unknown> = { format: 'kofu-registry', version: 1 };
  for (const [store, collection] of REGISTRY) {
    const records = rows[store] ?? [];
    records.forEach((record, i) => {
      if (!isPlainObject(record) || !Number.isSafeInteger(record[ORDER_KEY])) invalid(store, `[${i}].${ORDER_KEY}`);
    });
    const ordered = [...(records as Record<string, unknown>[])].sort((a, b) => (a[ORDER_KEY] as number) - (b[ORDER_KEY] as number));
    snapshot[collection] = ordered.map(({ [ORDER_KEY]: _order, ...rest }) => rest);
  }
  let parsed: RegistrySnapshot;
  try {
    parsed = parseRegistryJson(exportRegistryJson(snapshot as unknown as RegistrySnapshot), 'backup');
  } catch (error) {
    const field = error instanceof ImportError ? error.problems[0].field : '';
    const collection = /^(\w+)/.exec(field)?.[1];
    const store = REGISTRY.find(([, c]) => c === collection)?.[0] ?? StoreName.registryResidents;
    return invalid(store, field.slice(collection?.length ?? 0) || '(registry)');
  }
  for (const [store, collection] of REGISTRY) {
    const back = parsed[collection] as readonly unknown[];
    const written = snapshot[collection] as readonly unknown[];
    const at = written.findIndex((record, i) => !sameValue(record, back[i]));
    if (at >= 0) invalid(store, `[${at}]`);
  }
}

/**
 * The first value of the backup's stores that does not fit what its store holds, or undefined
 * when every row fits. `decode` turns a row's tagged JSON into the value that would be written.
 */
export function invalidBackupValue<Json>(stores: Readonly<Record<string, readonly (readonly [Json, Json])[]>>, decode: (value: Json) => unknown): InvalidBackupValue | undefined {
  try {
    checkStores(stores, decode);
    return undefined;
  } catch (error) {
    if (error instanceof Misfit) return error.where;
    throw error;
  }
}

function checkStores<Json>(stores: Readonly<Record<string, readonly (readonly [Json, Json])[]>>, decode: (value: Json) => unknown): void {
  const registryRows: Record<string, unknown[]> = {};
  for (const [store, rows] of Object.entries(stores)) {
    const decoded = rows.map(([key, value], i) => {
      try {
        return [decode(key), decode(value)] as const;
      } catch {
        return invalid(store, `[${i}]`); // e.g. `{"$bytes": "not base64"}`
      }
    });
    if (REGISTRY.some(([name]) => name === store)) {
      registryRows[store] = decoded.map(([, value]) => value);
      continue;
    }
    const shapeOf = ROW_SHAPES[store];
    if (!shapeOf) return invalid(store, '');
    const seen = new Set<unknown>();
    decoded.forEach(([key, value], i) => {
      if (NAMED_KEYS.has(store) && (typeof key !== 'string' || key.length > MAX_TEXT)) invalid(store, `[${i}] key`);
      const bad = misfit(shapeOf(key), value, NAMED_KEYS.has(store) ? String(key) : `[${i}]`);
      if (bad !== undefined) invalid(store, bad);
      const keyField = KEY_FIELDS[store];
      if (keyField) {
        const id = (value as Record<string, unknown>)[keyField];
        if (seen.has(id)) invalid(store, `[${i}].${keyField}`);
        seen.add(id);
      }
    });
  }
  checkRegistry(registryRows);
}
