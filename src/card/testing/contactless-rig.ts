/**
 * Test rig for the contactless reader drivers (RC-S300, RC-S380): a demo card, or an empty field,
 * in a virtual RF field; the virtual reader device over that field; the driver opened on the
 * device; and session options that trust the demo card's CA on the demo date.
 */
import { defaultAnchors } from '../session.ts';
import { DEMO_RESIDENTS, createVirtualDemoCard, demoTrustAnchor } from '../virtual/demo-cards.ts';
import { VirtualTypeBPicc, type PiccOptions } from '../virtual/picc.ts';
import { VirtualRfField } from '../virtual/rf-field.ts';
import { MemoryCardStateStore } from '../virtual/state.ts';

/** The demo date the demo certificates are valid on. */
export const DEMO_NOW = () => new Date('2026-11-25T00:00:00Z');

export async function demoSessionOptions() {
  return { anchors: [...defaultAnchors(), await demoTrustAnchor()], now: DEMO_NOW };
}

export interface RigOptions {
  readonly resident?: (typeof DEMO_RESIDENTS)[number];
  /** False: the field is empty (no card placed). */
  readonly withCard?: boolean;
  readonly picc?: PiccOptions;
}

export async function contactlessRig<Device, Reader>(
  makeDevice: (field: VirtualRfField) => Device,
  openReader: (device: Device) => Promise<Reader>,
  { resident = DEMO_RESIDENTS[0], withCard = true, picc = {} }: RigOptions = {},
) {
  const card = await createVirtualDemoCard(resident, new MemoryCardStateStore());
  const field = new VirtualRfField(withCard ? new VirtualTypeBPicc(card, picc) : null);
  const device = makeDevice(field);
  const reader = await openReader(device);
  return { card, field, device, reader, options: await demoSessionOptions() };
}
