/**
 * A software My Number card: the JPKI AP and the 券面事項入力補助AP, answering the commands and
 * status words the real card is documented to answer (research/card-reading.md §1; soltia48/
 * myna-card measurements; OpenSC card-jpki.c; jpki/myna src/reader/dummy.rs as a model):
 *
 * - SELECT by AID and SELECT EF with P2 = 0C (no FCI); SELECT MF answers 6A86 after reset and is
 *   a no-op (9000) while an AP is selected; 3F00 and unknown files answer 6A82;
 * - logical channel 0 only (6881), no secure messaging (6882);
 * - READ BINARY with 15-bit offsets or P1 = 80|SFI; EFs are padded with FF to their allocated
 *   size (as on the real card); 6B00 at or past the end; 6982 before the PIN that guards a file;
 * - VERIFY `00 20 00 80` without data reports 63Cx (9000 once verified), with data checks the PIN;
 *   counters persist through `CardStateStore` (63Cx, then 63C0, then 6984 for every later try),
 *   which every VERIFY reads afresh and changes in one transaction (another tab's card object over
 *   the same store shares the one count, as two readers would share one card's EEPROM);
 * - `80 2A 00 80` signs the given DigestInfo with key 0017 after PIN 0018 (P1 = 00 only).
 *
 * Every power cycle (`reset`) clears the selection and the security state, never the counters.
 */
import { bytesEqual } from '../../bytes/bytes.ts';
import { encodeResponse, parseCommand, type CommandApdu } from '../apdu/apdu.ts';
import { INS, SELECT_BY_NAME, SELECT_EF_UNDER_DF, SELECT_MF, SELECT_NO_FCI } from '../apdu/commands.ts';
import { SW } from '../apdu/status.ts';
import type { CardStateStore, PinCounters } from './state.ts';
import { signPkcs1Raw, type RsaPrivateKey } from './rsa.ts';

/** Contact ATR of the My Number card (OpenSC card-jpki.c jpki_atrs). */
export const MY_NUMBER_CARD_ATR = new Uint8Array([0x3b, 0xe0, 0x00, 0xff, 0x81, 0x31, 0xfe, 0x45, 0x14]);

/** Who may read a binary EF or use a key: anyone, or whoever verified one of the listed PIN EFs. */
export type Access = 'always' | { readonly anyOf: readonly number[] };

export type VirtualEf =
  | { readonly kind: 'binary'; readonly fid: number; readonly content: Uint8Array; readonly size?: number; readonly read: Access }
  | { readonly kind: 'pin'; readonly fid: number; readonly value: Uint8Array; readonly maxTries: number }
  | { readonly kind: 'key'; readonly fid: number; readonly key: RsaPrivateKey; readonly use: Access };

export interface VirtualApplication {
  /** Short name used as the counter key prefix, e.g. `jpki`. */
  readonly name: string;
  readonly aid: Uint8Array;
  readonly files: readonly VirtualEf[];
}

export interface VirtualCardSpec {
  /** Stable id for the persisted counters (a demo card's serial). */
  readonly cardId: string;
  readonly applications: readonly VirtualApplication[];
}

/** Anything that answers APDUs: the virtual card, or a test double. */
export interface ApduResponder {
  processApdu(command: Uint8Array): Promise<Uint8Array>;
  /** Power cycle / removal: volatile state is lost. */
  reset(): void;
  readonly atr: Uint8Array;
}

const ok = (data: Uint8Array = new Uint8Array(0)) => encodeResponse(data, SW.OK);
const status = (sw: number) => encodeResponse(new Uint8Array(0), sw);
const counterKey = (app: VirtualApplication, fid: number) => `${app.name}/${fid.toString(16).padStart(4, '0')}`;
/** Short EF identifier as the card uses it: the low five bits of the FID (soltia48: 0017 → SFI 17). */
const sfiOf = (fid: number) => fid & 0x1f;

export class VirtualMyNumberCard implements ApduResponder {
  readonly atr = MY_NUMBER_CARD_ATR;
  private currentApp: VirtualApplication | null = null;
  private currentEf: VirtualEf | null = null;
  /** PIN EFs verified since the last reset, as counter keys. */
  private readonly verified = new Set<string>();
  /** The counters as last read from or written to the store (for `triesLeft`); never written back. */
  private counters: PinCounters;
  /** Full tries of every PIN EF: what a card never seen by the store starts with. */
  private readonly initialCounters: PinCounters;
  /** Number of APDUs processed (for tests and metrics). */
  apduCount = 0;

  private constructor(
    readonly spec: VirtualCardSpec,
    private readonly store: CardStateStore,
    saved: PinCounters | undefined,
  ) {
    const initial: Record<string, number> = {};
    for (const app of spec.applications) {
      for (const ef of app.files) if (ef.kind === 'pin') initial[counterKey(app, ef.fid)] = ef.maxTries;
    }
    this.initialCounters = initial;
    this.counters = { ...initial, ...saved };
  }

  static async create(spec: VirtualCardSpec, store: CardStateStore): Promise<VirtualMyNumberCard> {
    return new VirtualMyNumberCard(spec, store, await store.load(spec.cardId));
  }

  /** Tries left on a PIN EF, as the card's EEPROM holds it (for tests and the staff screen). */
  triesLeft(appName: string, fid: number): number | undefined {
    return this.counters[`${appName}/${fid.toString(16).padStart(4, '0')}`];
  }

  reset(): void {
    this.currentApp = null;
    this.currentEf = null;
    this.verified.clear();
  }

  async processApdu(bytes: Uint8Array): Promise<Uint8Array> {
    this.apduCount++;
    let command: CommandApdu;
    try {
      command = parseCommand(bytes);
    } catch {
      return status(SW.WRONG_LENGTH);
    }
    const cla = command.cla;
    if (cla >= 0x40 && cla <= 0x7f) return status(SW.CHANNEL_NOT_SUPPORTED); // further interindustry: channels 4–19
    if ((cla & 0x70) !== 0) return status(SW.CLA_NOT_SUPPORTED);
    if ((cla & 0x0c) !== 0) return status(SW.SECURE_MESSAGING_NOT_SUPPORTED);
    if ((cla & 0x03) !== 0) return status(SW.CHANNEL_NOT_SUPPORTED);
    if (cla === 0x00) {
      switch (command.ins) {
        case INS.SELECT:
          return this.select(command);
        case INS.READ_BINARY:
          return this.readBinary(command);
        case INS.VERIFY:
          return this.verify(command);
        default:
          return status(SW.INS_NOT_SUPPORTED);
      }
    }
    if (cla === 0x80 && command.ins === INS.COMPUTE_SIGNATURE) return this.sign(command);
    return status(SW.INS_NOT_SUPPORTED);
  }

  private select(command: CommandApdu): Uint8Array {
    const data = command.data ?? new Uint8Array(0);
    if (command.p1 === SELECT_BY_NAME) {
      const app = this.spec.applications.find((candidate) => bytesEqual(candidate.aid, data));
      if (!app) return status(SW.FILE_NOT_FOUND);
      if (command.p2 !== SELECT_NO_FCI) return status(SW.WRONG_P1P2);
      if (app !== this.currentApp) this.verified.clear();
      this.currentApp = app;
      this.currentEf = null;
      return ok();
    }
    if (command.p1 === SELECT_MF) {
      // soltia48 src/card.rs: 6A86 after a reset, a 9000 no-op while an AP is selected.
      return status(this.currentApp ? SW.OK : SW.WRONG_P1P2);
    }
    if (command.p1 === SELECT_EF_UNDER_DF) {
      if (data.length !== 2) return status(SW.WRONG_LENGTH);
      if (command.p2 !== SELECT_NO_FCI) return status(SW.WRONG_P1P2);
      const fid = (data[0] << 8) | data[1];
      const ef = this.currentApp?.files.find((file) => file.fid === fid);
      if (!ef) return status(SW.FILE_NOT_FOUND);
      this.currentEf = ef;
      return ok();
    }
    return status(SW.WRONG_P1P2);
  }

  private allowed(access: Access): boolean {
    if (access === 'always') return true;
    const app = this.currentApp!;
    return access.anyOf.some((fid) => this.verified.has(counterKey(app, fid)));
  }

  private efBySfi(sfi: number): VirtualEf | undefined {
    return this.currentApp?.files.find((file) => sfiOf(file.fid) === sfi);
  }

  private readBinary(command: CommandApdu): Uint8Array {
    let offset: number;
    if (command.p1 & 0x80) {
      // P1 = 100xxxxx: short EF identifier, P2 = offset (ISO 7816-4 §7.2.3).
      if (command.p1 & 0x60) return status(SW.WRONG_P1P2);
      const ef = this.efBySfi(command.p1 & 0x1f);
      if (!ef) return status(SW.FILE_NOT_FOUND);
      this.currentEf = ef;
      offset = command.p2;
    } else {
      offset = (command.p1 << 8) | command.p2;
    }
    const ef = this.currentEf;
    if (!ef) return status(SW.COMMAND_NOT_ALLOWED_NO_EF);
    if (ef.kind !== 'binary') return status(SW.FILE_STRUCTURE_INCOMPATIBLE);
    if (command.le === undefined || command.data) return status(SW.WRONG_LENGTH);
    if (!this.allowed(ef.read)) return status(SW.SECURITY_NOT_SATISFIED);
    const size = Math.max(ef.size ?? 0, ef.content.length);
    if (offset >= size) return status(SW.WRONG_OFFSET);
    const count = Math.min(command.le, size - offset);
    const out = new Uint8Array(count).fill(0xff); // unwritten EF space reads as FF
    out.set(ef.content.subarray(offset, offset + count));
    return encodeResponse(out, count < command.le ? SW.END_OF_FILE_WARNING : SW.OK);
  }

  private async verify(command: CommandApdu): Promise<Uint8Array> {
    if (command.p1 !== 0x00) return status(SW.WRONG_P1P2);
    let ef: VirtualEf | null | undefined;
    if (command.p2 === 0x80) ef = this.currentEf;
    else if ((command.p2 & 0xe0) === 0x80) ef = this.efBySfi(command.p2 & 0x1f);
    else return status(SW.WRONG_P1P2);
    if (!ef || ef.kind !== 'pin') return status(SW.REFERENCED_DATA_NOT_FOUND);
    const key = counterKey(this.currentApp!, ef.fid);
    if (!command.data) {
      // Status query (JICSAP 6.4.9(5)): 9000 once verified, else 63Cx — 63C0 for a blocked PIN,
      // so that a reader like OpenSC's GET_INFO (which wants SW1 = 63) still sees the count.
      if (this.verified.has(key)) return ok();
      return status(SW.VERIFY_FAILED_BASE | (await this.readCounter(key)));
    }
    // Compare and count in one step over the stored count: a try another tab spent meanwhile counts.
    const matches = bytesEqual(command.data, ef.value);
    let blocked = false;
    this.counters = await this.store.update(this.spec.cardId, this.initialCounters, (counters) => {
      const left = counters[key];
      if (left === 0) {
        blocked = true;
        return counters;
      }
      return { ...counters, [key]: matches ? ef.maxTries : left - 1 };
    });
    if (blocked) return status(SW.AUTH_METHOD_BLOCKED);
    if (matches) {
      this.verified.add(key);
      return ok();
    }
    this.verified.delete(key);
    return status(SW.VERIFY_FAILED_BASE | this.counters[key]);
  }

  private async readCounter(key: string): Promise<number> {
    this.counters = { ...this.initialCounters, ...(await this.store.load(this.spec.cardId)) };
    return this.counters[key];
  }

  private sign(command: CommandApdu): Uint8Array {
    let ef: VirtualEf | null | undefined;
    if (command.p2 === 0x80) ef = this.currentEf;
    else if ((command.p2 & 0xe0) === 0x80) ef = this.efBySfi(command.p2 & 0x1f);
    else return status(SW.WRONG_P1P2);
    // Only the verbatim mode P1 = 00; soltia48 lists modes 01–05, which kofu never sends.
    if (command.p1 !== 0x00) return status(SW.WRONG_P1P2);
    if (!ef || ef.kind !== 'key') return status(SW.REFERENCED_DATA_NOT_FOUND);
    if (!this.allowed(ef.use)) return status(SW.SECURITY_NOT_SATISFIED);
    if (!command.data || command.data.length === 0) return status(SW.WRONG_LENGTH);
    const signature = signPkcs1Raw(ef.key, command.data);
    if (!signature) return status(SW.WRONG_LENGTH);
    return ok(signature);
  }
}
