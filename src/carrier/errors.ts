/**
 * Typed errors of the carrier. Codes are stable (the UI and tests key on them); their words, which
 * tell a person what to do, are in src/ui/shared/error-messages-carrier.ts.
 */
import { KofuError, type NoParams, type ParamsOf } from '../bytes/errors.ts';

export const CARRIER_ERROR_CODES = [
  'carrier.bad-key',
  'carrier.payload-too-large',
  'carrier.bad-image',
  'carrier.not-found',
  'carrier.too-small',
  'carrier.too-blurry',
  'carrier.damaged',
  'carrier.unsupported-format',
  'carrier.wrong-key',
] as const;
export type CarrierErrorCode = (typeof CARRIER_ERROR_CODES)[number];

export interface CarrierErrorParams {
  'carrier.payload-too-large': { readonly length: number; readonly max: number };
  /** What about the image is wrong (English, for the technical part of the message). */
  'carrier.bad-image': { readonly detail: string };
  'carrier.not-found': { readonly findersFound: number };
  'carrier.too-small': { readonly pixelsPerModule: number };
  'carrier.damaged': { readonly detail: string };
  'carrier.unsupported-format': { readonly detail: string };
}

export class CarrierError<Code extends CarrierErrorCode = CarrierErrorCode> extends KofuError<Code, ParamsOf<CarrierErrorParams, Code>> {
  override readonly name: string = 'CarrierError';
}

export class CarrierKeyError extends CarrierError<'carrier.bad-key'> {
  override readonly name = 'CarrierKeyError';
  constructor() {
    super('carrier.bad-key', {} as NoParams);
  }
}

export class CarrierPayloadTooLargeError extends CarrierError<'carrier.payload-too-large'> {
  override readonly name = 'CarrierPayloadTooLargeError';
  constructor(length: number, max: number) {
    super('carrier.payload-too-large', { length, max });
  }
}

export class CarrierImageError extends CarrierError<'carrier.bad-image'> {
  override readonly name = 'CarrierImageError';
  constructor(detail: string) {
    super('carrier.bad-image', { detail });
  }
}

export class CarrierNotFoundError extends CarrierError<'carrier.not-found'> {
  override readonly name = 'CarrierNotFoundError';
  constructor(readonly findersFound: number) {
    super('carrier.not-found', { findersFound });
  }
}

export class CarrierTooSmallError extends CarrierError<'carrier.too-small'> {
  override readonly name = 'CarrierTooSmallError';
  constructor(readonly pixelsPerModule: number) {
    super('carrier.too-small', { pixelsPerModule });
  }
}

export class CarrierBlurryError extends CarrierError<'carrier.too-blurry'> {
  override readonly name = 'CarrierBlurryError';
  constructor() {
    super('carrier.too-blurry', {} as NoParams);
  }
}

export class CarrierDamagedError extends CarrierError<'carrier.damaged'> {
  override readonly name = 'CarrierDamagedError';
  constructor(detail: string) {
    super('carrier.damaged', { detail });
  }
}

export class CarrierFormatError extends CarrierError<'carrier.unsupported-format'> {
  override readonly name = 'CarrierFormatError';
  constructor(detail: string) {
    super('carrier.unsupported-format', { detail });
  }
}

export class CarrierWrongKeyError extends CarrierError<'carrier.wrong-key'> {
  override readonly name = 'CarrierWrongKeyError';
  constructor() {
    super('carrier.wrong-key', {} as NoParams);
  }
}
