/**
 * Verify worker: a thin comlink adapter over src/verify/pipeline.ts. The scan's pixels arrive
 * transferred; the restored images leave transferred.
 */
import { expose, transfer } from 'comlink';
import { describeError } from '../src/bytes/errors.ts';
import { decodeLocator } from '../src/seal/locator.ts';
import { verifyImage, type TrustInput } from '../src/verify/pipeline.ts';
import { restoreWithCanvas } from '../src/verify/restore.ts';
import type { VerificationReport } from '../src/verify/report.ts';
import { KofuError, type LocalizedText } from '../src/bytes/errors.ts';

export type LocatorPeek = { ok: true; issuer: number; serial: number } | { ok: false; code: string; reason: LocalizedText };

const api = {
  async verify(
    rgba: Uint8ClampedArray,
    width: number,
    height: number,
    trust: TrustInput,
    locatorText: string | undefined,
    onProgress?: (fraction: number) => unknown,
  ): Promise<VerificationReport> {
    let delivered: unknown;
    const report = await verifyImage(
      { data: rgba, width, height },
      { trust, locatorText, restore: restoreWithCanvas, onProgress: (p) => (delivered = onProgress?.(p.fraction)) },
    );
    await delivered;
    return transfer(report, report.restored.map((r) => r.pixels.buffer as ArrayBuffer));
  },
  /** The locator from a `/verify#digits` URL: issuer and serial, or why it cannot be read. */
  async readLocator(text: string): Promise<LocatorPeek> {
    try {
      const locator = decodeLocator(text);
      return { ok: true, issuer: locator.issuer, serial: locator.serial };
    } catch (error) {
      if (error instanceof KofuError) return { ok: false, code: error.code, reason: error.text };
      return { ok: false, code: 'verify.unexpected-qr', reason: { ja: describeError(error, 'ja'), en: describeError(error, 'en') } };
    }
  },
};

export type VerifyWorkerApi = typeof api;

expose(api);
