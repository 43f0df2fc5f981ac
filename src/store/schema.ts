/**
 * The IndexedDB schema as an ordered list of migrations. The database version is the number of
 * migrations; opening an older database runs the missing ones in order inside the upgrade
 * transaction, so a half-applied upgrade is rolled back by IndexedDB itself.
 *
 * Rules for adding a domain's stores: append a migration (never edit a released one), give every
 * store a `StoreName` entry and say in `backupStores` whether it belongs in a backup.
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { RegistrySnapshot } from '../registry/model.ts';

export type UpgradeTransaction = IDBPTransaction<unknown, string[], 'versionchange'>;

export interface Migration {
  /** What the step does, for logs and the admin screen. */
  readonly description: string;
  readonly apply: (db: IDBPDatabase<unknown>, tx: UpgradeTransaction) => void | Promise<void>;
}

export const StoreName = {
  /** Key–value settings: language, demo mode, trust anchors, serials. Key: setting name. */
  settings: 'settings',
  /** Facts about the database itself: when created, last backup. Key: name. */
  meta: 'meta',
  /**
   * The tablet's signing key pair (non-extractable CryptoKey) with its signer certificate, and on an
   * admin device the municipality root key (CryptoKey). Key: 'signer' | 'root'. NOT in backupStores:
   * CryptoKeys cannot be written to a file, and the tablet key must never leave the device; the
   * root key has its own encrypted backup file (src/seal/keys.ts).
   */
  sealKeys: 'sealKeys',
  /** The cached, signature-checked trust list file and when it was imported. Key: 'current'. */
  trustList: 'trustList',
  /** Append-only, hash-chained issuance log (src/seal/audit-log.ts). keyPath 'seq'. */
  issuanceLog: 'issuanceLog',
  /** Signed checkpoints over the issuance log head. keyPath 'seq'. */
  issuanceCheckpoints: 'issuanceCheckpoints',
  /** Registry (src/registry): municipality profiles. Key: code (keyPath). */
  registryMunicipalities: 'registry.municipalities',
  /** 世帯. Key: id. */
  registryHouseholds: 'registry.households',
  /** 住民. Key: id; indexes byHousehold, byCard (multiEntry over card certificate SHA-256s). */
  registryResidents: 'registry.residents',
  /** 印鑑登録. Key: residentId. */
  registrySeals: 'registry.seals',
  /** Tax records. Key: [residentId, fiscalYear]; index byResident. */
  registryTaxes: 'registry.taxes',
  /** 戸籍 with their 附票. Key: id. */
  registryKoseki: 'registry.koseki',
  /** PIN retry counters of the software (demo) My Number cards, which real cards keep in EEPROM. Key: card id. */
  cardState: 'cardState',
  /**
   * What this device is and who may administer it: its role (src/app/device-role.ts) and the
   * passphrase lockout. Key: name. NOT in backupStores, like the two below: restoring a backup
   * must not change what a device is or who may administer it (docs/security.md).
   */
  device: 'device',
  /** Staff passkeys (public keys only) and the staff passphrase hash (src/store/staff.ts). keyPath 'id'. */
  staffCredentials: 'staffCredentials',
  /** Append-only record of admin actions with the staff credential that did each. keyPath 'seq' (auto). */
  staffLog: 'staffLog',
} as const;
export type StoreName = (typeof StoreName)[keyof typeof StoreName];

export const migrations: readonly Migration[] = [
  {
    description: 'settings and meta key–value stores',
    apply(db) {
      db.createObjectStore(StoreName.settings);
      db.createObjectStore(StoreName.meta);
    },
  },
  {
    description: 'seal: signing keys (not backed up), trust list, issuance log and its checkpoints',
    apply(db) {
      db.createObjectStore(StoreName.sealKeys);
      db.createObjectStore(StoreName.trustList);
      db.createObjectStore(StoreName.issuanceLog, { keyPath: 'seq' });
      db.createObjectStore(StoreName.issuanceCheckpoints, { keyPath: 'seq' });
    },
  },
  {
    description: 'resident registry: municipalities, households, residents, seals, taxes, 戸籍',
    apply(db) {
      db.createObjectStore(StoreName.registryMunicipalities, { keyPath: 'code' });
      db.createObjectStore(StoreName.registryHouseholds, { keyPath: 'id' });
      const residents = db.createObjectStore(StoreName.registryResidents, { keyPath: 'id' });
      residents.createIndex('byHousehold', 'householdId');
      residents.createIndex('byCard', 'cardCertificates', { multiEntry: true });
      db.createObjectStore(StoreName.registrySeals, { keyPath: 'residentId' });
      const taxes = db.createObjectStore(StoreName.registryTaxes, { keyPath: ['residentId', 'fiscalYear'] });
      taxes.createIndex('byResident', 'residentId');
      db.createObjectStore(StoreName.registryKoseki, { keyPath: 'id' });
    },
  },
  {
    description: 'card: demo card PIN retry counters',
    apply(db) {
      db.createObjectStore(StoreName.cardState);
    },
  },
  {
    description: 'staff access: device role, staff credentials and the staff action log (none backed up)',
    apply(db) {
      db.createObjectStore(StoreName.device);
      db.createObjectStore(StoreName.staffCredentials, { keyPath: 'id' });
      db.createObjectStore(StoreName.staffLog, { keyPath: 'seq', autoIncrement: true });
    },
  },
];

export const SCHEMA_VERSION = migrations.length;

/**
 * Stores copied into a backup file. Stores holding non-extractable keys (CryptoKey objects that
 * cannot leave the device by design) are left out and say so in their migration.
 */
/** The resident registry's stores, read and replaced together (src/store/registry-store.ts). */
export const REGISTRY_STORES = [
  StoreName.registryMunicipalities,
  StoreName.registryHouseholds,
  StoreName.registryResidents,
  StoreName.registrySeals,
  StoreName.registryTaxes,
  StoreName.registryKoseki,
] as const;

/** Which registry store holds which part of a snapshot (src/registry/model.ts `RegistrySnapshot`). */
export const REGISTRY_PARTS = [
  [StoreName.registryMunicipalities, 'municipalities'],
  [StoreName.registryHouseholds, 'households'],
  [StoreName.registryResidents, 'residents'],
  [StoreName.registrySeals, 'seals'],
  [StoreName.registryTaxes, 'taxes'],
  [StoreName.registryKoseki, 'koseki'],
] as const satisfies readonly (readonly [(typeof REGISTRY_STORES)[number], keyof RegistrySnapshot])[];

export const backupStores: readonly string[] = [
  StoreName.settings,
  StoreName.meta,
  StoreName.trustList,
  StoreName.issuanceLog,
  StoreName.issuanceCheckpoints,
  // The registry holds personal data: a backup file carries it too (docs/registry.md).
  ...REGISTRY_STORES,
  StoreName.cardState,
];
