/**
 * A virtual Sony RC-S380: speaks port100 frames on bulk OUT 2 / IN 1 of a vendor-class interface,
 * acknowledges each command with an ACK frame, and moves InCommRF frames through a virtual RF
 * field to a Type B card. Status codes follow nfcpy rcs380.py (0x80 timeout, 0x04 CRC error).
 */
import { concatBytes } from '../../bytes/bytes.ts';
import { ACK_FRAME, decodeFrame, encodeFrame, isAck, Port100Command, RfStatus, TFI_TO_HOST, TFI_TO_READER } from '../rcs380/port100.ts';
import { SONY_VENDOR_ID, USB_CLASS_VENDOR } from '../transport/usb.ts';
import type { VirtualRfField } from './rf-field.ts';
import { bulkInterface, VirtualUsbDevice } from './usb-device.ts';

const OUT = 2;
const IN = 1;

export class VirtualRcs380 extends VirtualUsbDevice {
  /** SetCommandType value; InCommRF needs command type 1 (nfcpy sets it first). */
  private commandType = 0;

  constructor(readonly field: VirtualRfField, productId = 0x06c3) {
    super({
      vendorId: SONY_VENDOR_ID,
      productId,
      productName: 'RC-S380/P',
      manufacturerName: 'SONY',
      interfaces: [bulkInterface(0, USB_CLASS_VENDOR, OUT, IN)],
    });
  }

  protected async handleOut(endpoint: number, data: Uint8Array): Promise<void> {
    if (endpoint !== OUT) return;
    if (isAck(data)) {
      this.clearIn(IN); // the host cancelled whatever was pending
      return;
    }
    const decoded = decodeFrame(data);
    if ('error' in decoded) return; // a real reader stays silent on a broken frame
    const [tfi, code, ...rest] = decoded.data;
    if (tfi !== TFI_TO_READER) return;
    this.queueIn(IN, ACK_FRAME);
    const answer = await this.execute(code, new Uint8Array(rest));
    this.queueIn(IN, encodeFrame(concatBytes(new Uint8Array([TFI_TO_HOST, code + 1]), answer)));
  }

  private async execute(code: number, params: Uint8Array): Promise<Uint8Array> {
    switch (code) {
      case Port100Command.SET_COMMAND_TYPE:
        this.commandType = params[0];
        return new Uint8Array([0x00]);
      case Port100Command.GET_COMMAND_TYPE:
        return new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0x03]);
      case Port100Command.GET_FIRMWARE_VERSION:
        return new Uint8Array([0x11, 0x01]);
      case Port100Command.SWITCH_RF:
        this.field.setField(params[0] !== 0x00);
        return new Uint8Array([0x00]);
      case Port100Command.IN_SET_RF:
        this.field.setField(true);
        return new Uint8Array([0x00]);
      case Port100Command.IN_SET_PROTOCOL:
        return new Uint8Array([0x00]);
      case Port100Command.IN_COMM_RF: {
        if (this.commandType !== 1) return statusAnswer(RfStatus.PROTOCOL_ERROR);
        const outcome = await this.field.exchange(params.slice(2));
        if (outcome.kind === 'timeout') return statusAnswer(RfStatus.RECEIVE_TIMEOUT);
        if (outcome.kind === 'crc-error') return statusAnswer(RfStatus.CRC_ERROR);
        return concatBytes(statusAnswer(RfStatus.OK), outcome.frame);
      }
      default:
        return new Uint8Array([0x01]);
    }
  }
}

function statusAnswer(status: number): Uint8Array {
  return new Uint8Array([status & 0xff, (status >> 8) & 0xff, (status >> 16) & 0xff, (status >>> 24) & 0xff, 0x00]);
}
