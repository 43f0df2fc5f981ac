/**
 * The issuance log's audit export and checks, as the admin screen offers them: the export is
 * sealed by this tablet's signer, and a log is checked against the roots this device trusts.
 */
import { parseLogExport, verifyLog, type LogReport } from '../../seal/audit-log.ts';
import type { KofuDatabase } from '../../store/database.ts';
import { addCheckpoint, exportIssuanceLog, readIssuanceLog } from '../../store/issuance-log.ts';
import { appDatabase } from '../database.ts';
import { tabletSigner, type TabletSigner } from './tablet-signer.ts';
import { trustStore, type TrustStore } from './verifier-trust.ts';

export type { LogReport };

export interface LogExport {
  readonly json: string;
  readonly entries: number;
  /** False when no signer was available to sign a checkpoint over the newest entries. */
  readonly signedHead: boolean;
}

export class IssuanceLogTools {
  constructor(
    private readonly signer: Pick<TabletSigner, 'currentSigner'>,
    private readonly trust: Pick<TrustStore, 'currentTrust'>,
    private readonly database: () => Promise<KofuDatabase>,
    private readonly now: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  /**
   * Signs a checkpoint over the newest entry first (when this tablet has a usable signer), so the
   * export has no unsigned tail; then exports the JSON for the auditor (docs/formats.md §6).
   */
  async export(): Promise<LogExport> {
    const db = await this.database();
    const { entries, checkpoints } = await readIssuanceLog(db);
    const last = entries.at(-1);
    let signedHead = last === undefined || checkpoints.some((c) => c.seq === last.seq);
    if (!signedHead) {
      try {
        await addCheckpoint(db, await this.signer.currentSigner(), this.now());
        signedHead = true;
      } catch {
        // No usable signer (e.g. not provisioned): export anyway; the report shows the unsigned tail.
      }
    }
    return { json: await exportIssuanceLog(db, this.now()), entries: entries.length, signedHead };
  }

  /** Checks this device's log, or an exported file, against the roots this device trusts. */
  async verify(file?: string): Promise<LogReport> {
    const { entries, checkpoints } = file === undefined ? await readIssuanceLog(await this.database()) : parseLogExport(file);
    const trust = await this.trust.currentTrust();
    // Checkpoints may come from the demo signer and the real one: check them against every root in use.
    const roots = trust.lists.flatMap((l) => l.roots);
    const trustList = trust.lists[0] && { ...trust.lists[0], roots };
    return verifyLog(entries, checkpoints, { trustList });
  }
}

let shared: IssuanceLogTools | undefined;

export function issuanceLogTools(): IssuanceLogTools {
  shared ??= new IssuanceLogTools(tabletSigner(), trustStore(), appDatabase);
  return shared;
}
