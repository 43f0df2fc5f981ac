/**
 * Demo mode's hardware: a demo resident's card on a virtual reader of the chosen kind, wired so
 * that the real driver code runs (RC-S380 port100, RC-S300 Escape, CCID, or the Web Smart Card
 * API path). The returned handles expose the fault switches for staff demos and tests.
 */
import { CcidReader } from '../ccid/driver.ts';
import { Rcs300Reader } from '../rcs300/driver.ts';
import { Rcs380Reader } from '../rcs380/driver.ts';
import type { CardReader } from '../reader.ts';
import { WebSmartCardReader } from '../transport/smart-card.ts';
import type { VirtualMyNumberCard } from './card.ts';
import { VirtualCcidReader, type VirtualCcidOptions } from './ccid-device.ts';
import { createVirtualDemoCard, type DemoResident } from './demo-cards.ts';
import { VirtualTypeBPicc } from './picc.ts';
import { VirtualRcs300 } from './rcs300-device.ts';
import { VirtualRcs380 } from './rcs380-device.ts';
import { VirtualRfField } from './rf-field.ts';
import { VirtualSmartCardManager } from './smart-card-api.ts';
import type { CardStateStore } from './state.ts';

export type VirtualReaderKind = 'rcs380' | 'rcs300' | 'ccid' | 'smart-card-api';

export interface VirtualReaderKit {
  readonly reader: CardReader;
  readonly card: VirtualMyNumberCard;
  /** Present for the contactless Sony readers: card removal, damaged frames, WTX storms. */
  readonly field?: VirtualRfField;
  /** The virtual USB device (unplug, damaged packets). */
  readonly device?: VirtualRcs380 | VirtualRcs300 | VirtualCcidReader;
}

export async function createVirtualReader(kind: VirtualReaderKind, resident: DemoResident, store: CardStateStore, ccidOptions?: VirtualCcidOptions): Promise<VirtualReaderKit> {
  const card = await createVirtualDemoCard(resident, store);
  switch (kind) {
    case 'rcs380': {
      const field = new VirtualRfField(new VirtualTypeBPicc(card));
      const device = new VirtualRcs380(field);
      return { reader: await Rcs380Reader.open(device), card, field, device };
    }
    case 'rcs300': {
      const field = new VirtualRfField(new VirtualTypeBPicc(card));
      const device = new VirtualRcs300(field);
      return { reader: await Rcs300Reader.open(device), card, field, device };
    }
    case 'ccid': {
      const device = new VirtualCcidReader(card, ccidOptions);
      return { reader: await CcidReader.open(device), card, device };
    }
    case 'smart-card-api':
      return { reader: await WebSmartCardReader.open(new VirtualSmartCardManager(card)), card };
  }
}
