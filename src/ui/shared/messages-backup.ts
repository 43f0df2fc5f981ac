/**
 * The restore question: what the backup replaces on this device, store by store, before anything
 * is written (src/store/backup-plan.ts). A backup with nothing in it says so first: restoring it
 * deletes every record.
 */
import type { StoreReplacement } from '../../store/backup-plan.ts';

const STORE_LABELS: Readonly<Record<string, { readonly ja: string; readonly en: string }>> = {
  settings: { ja: '設定', en: 'Settings' },
  meta: { ja: '管理情報', en: 'Database facts' },
  trustList: { ja: '信頼リスト', en: 'Trust lists' },
  issuanceLog: { ja: '交付記録', en: 'Issuance log' },
  issuanceCheckpoints: { ja: '交付記録の署名', en: 'Issuance log checkpoints' },
  'registry.municipalities': { ja: '市区町村', en: 'Municipalities' },
  'registry.households': { ja: '世帯', en: 'Households' },
  'registry.residents': { ja: '住民', en: 'Residents' },
  'registry.seals': { ja: '印鑑登録', en: 'Seal registrations' },
  'registry.taxes': { ja: '税情報', en: 'Tax records' },
  'registry.koseki': { ja: '戸籍', en: 'Family registers' },
  cardState: { ja: 'デモカードのPIN状態', en: 'Demo card PIN counters' },
};

interface Plan {
  readonly stores: readonly StoreReplacement[];
}
/** The stores that hold or receive anything: an empty store replaced by an empty one changes nothing. */
const changing = (plan: Plan) => plan.stores.filter((s) => s.current > 0 || s.incoming > 0);
const isEmpty = (plan: Plan) => plan.stores.every((s) => s.incoming === 0);

export const backupJa = {
  'admin.backup.confirm': (plan: Plan) =>
    [
      isEmpty(plan) ? 'このバックアップには何も入っていません。復元すると、この端末のデータがすべて消えます。' : '',
      '復元すると、この端末のデータが次のとおり置き換わります（現在 → バックアップ）。',
      ...changing(plan).map((s) => `・${STORE_LABELS[s.store]?.ja ?? s.store}: ${s.current}件 → ${s.incoming}件`),
      '続けますか？',
    ]
      .filter(Boolean)
      .join('\n'),
  'admin.backup.cancelled': '復元を取りやめました。端末のデータは変更していません。',
};

export const backupEn: typeof backupJa = {
  'admin.backup.confirm': (plan: Plan) =>
    [
      isEmpty(plan) ? 'This backup holds nothing. Restoring it deletes all data on this device.' : '',
      'Restoring replaces the data on this device as follows (now → backup):',
      ...changing(plan).map((s) => `• ${STORE_LABELS[s.store]?.en ?? s.store}: ${s.current} → ${s.incoming}`),
      'Continue?',
    ]
      .filter(Boolean)
      .join('\n'),
  'admin.backup.cancelled': 'Restore cancelled. Nothing on this device was changed.',
};
